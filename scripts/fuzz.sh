#!/usr/bin/env bash
# Builds the libFuzzer targets of Fuzz/ and runs each one for a given time.
#
#   scripts/fuzz.sh [seconds-per-target] [target...]
#
# Targets: fuzz-front-matter fuzz-front-matter-yaml fuzz-citations fuzz-search-analyzer fuzz-markdown
# (all by default), run one after the other. Seed corpora are made from Content/ and
# Tests/Fixtures/; working corpora, crash artifacts and logs go to Fuzz/.work/ (git-ignored), so a
# second run starts where the first stopped. Prints one summary line per target:
#   target  seconds  executions  exec/s  coverage(cov)  features(ft)  corpus  crashes
# and exits 1 if any target found a crash, a hang (timeout) or ran out of memory.
#
# Environment: FUZZ_TIMEOUT (seconds one input may take before it counts as a hang, default 10),
# FUZZ_RSS_MB (memory limit, default 4096), FUZZ_MAX_LEN (longest input, default 16384),
# FUZZ_SKIP_BUILD=1 (reuse the last build), FUZZ_JOBS (libFuzzer -jobs and -workers; unset: one process).
set -euo pipefail
# Swift's own crash backtracer would catch the trap of a failed invariant and end the process
# before libFuzzer saves the input that caused it.
export SWIFT_BACKTRACE=enable=no

seconds="${1:-60}"
shift || true
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fuzz="$root/Fuzz"
work="$fuzz/.work"
all_targets=(fuzz-front-matter fuzz-front-matter-yaml fuzz-citations fuzz-search-analyzer fuzz-markdown)
if [ "$#" -gt 0 ]; then targets=("$@"); else targets=("${all_targets[@]}"); fi

build_flags=(-c release -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library -Xswiftc -enable-testing)
if [ "${FUZZ_SKIP_BUILD:-0}" != 1 ]; then
    echo "building fuzz targets (release, -sanitize=fuzzer)..." >&2
    (cd "$fuzz" && swift build "${build_flags[@]}" >&2)
fi
bin="$(cd "$fuzz" && swift build "${build_flags[@]}" --show-bin-path)"

# --- seed corpora -------------------------------------------------------------------------
# Targets whose first byte chooses a mode get that byte in front of each seed.
seed() { # seed <target> <prefix-byte-or-empty> <file>
    local target="$1" prefix="$2" file="$3" name
    name="$(basename "$(dirname "$file")")-$(basename "$file")"
    mkdir -p "$work/seeds/$target"
    if [ -n "$prefix" ]; then
        { printf "\\x$prefix"; cat "$file"; } > "$work/seeds/$target/$prefix-$name"
    else
        cp "$file" "$work/seeds/$target/$name"
    fi
}
rm -rf "$work/seeds"
mapfile -t markdown < <(find "$root/Content" "$root/Tests/Fixtures" -name '*.md' -type f -size -64k 2>/dev/null | sort)
mapfile -t recs < <(find "$root/Content" "$root/Tests/Fixtures" -path '*recommendations*' -name '*.yaml' -type f -size -64k 2>/dev/null | sort)
mapfile -t codes < <(find "$root/Content" "$root/Tests/Fixtures" -path '*codes*' -name '*.yaml' -type f -size -64k 2>/dev/null | sort)
for f in "${markdown[@]}"; do
    seed fuzz-front-matter "" "$f"
    seed fuzz-front-matter-yaml 00 "$f"
    seed fuzz-citations "" "$f"
    case "$f" in *.en.md) seed fuzz-search-analyzer 01 "$f" ;; *) seed fuzz-search-analyzer 00 "$f" ;; esac
    seed fuzz-markdown 00 "$f"
done
for f in "${recs[@]}"; do seed fuzz-front-matter-yaml 01 "$f"; seed fuzz-citations "" "$f"; done
for f in "${codes[@]}"; do seed fuzz-front-matter-yaml 02 "$f"; done
# the bad-input corpus: every file of it is a seed for the targets that read its kind
while IFS= read -r f; do
    case "$f" in
        *.md) seed fuzz-front-matter "" "$f"; seed fuzz-front-matter-yaml 00 "$f"; seed fuzz-markdown 00 "$f" ;;
        *recommendations/*.yaml) seed fuzz-front-matter-yaml 01 "$f" ;;
        *codes/*.yaml) seed fuzz-front-matter-yaml 02 "$f" ;;
    esac
done < <(find "$root/Tests/Fixtures/bad-inputs" -type f ! -name expected.txt -size -64k 2>/dev/null | sort)

dict_for() {
    case "$1" in
        fuzz-front-matter|fuzz-front-matter-yaml) echo "$fuzz/dictionaries/yaml.dict" ;;
        fuzz-citations|fuzz-search-analyzer) echo "$fuzz/dictionaries/citations.dict" ;;
        fuzz-markdown) echo "$fuzz/dictionaries/markdown.dict" ;;
    esac
}

# --- runs ----------------------------------------------------------------------------------
status=0
summary=()
for target in "${targets[@]}"; do
    corpus="$work/corpus/$target"
    artifacts="$work/artifacts/$target/"
    log="$work/logs/$target.log"
    mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
    before=$(find "$artifacts" -type f | wc -l)
    echo "fuzzing $target for $seconds s (log: ${log#"$root/"})" >&2
    set +e
    "$bin/$target" "$corpus" "$work/seeds/$target" \
        -max_total_time="$seconds" -timeout="${FUZZ_TIMEOUT:-10}" -rss_limit_mb="${FUZZ_RSS_MB:-4096}" \
        -max_len="${FUZZ_MAX_LEN:-16384}" -dict="$(dict_for "$target")" -print_final_stats=1 \
        ${FUZZ_JOBS:+-jobs="$FUZZ_JOBS" -workers="$FUZZ_JOBS"} \
        -artifact_prefix="$artifacts" > "$log" 2>&1
    code=$?
    set -e
    runs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | tail -1 | grep -Eo '[0-9]+$' || echo "?")
    speed=$(grep -Eo 'stat::average_exec_per_sec: *[0-9]+' "$log" | tail -1 | grep -Eo '[0-9]+$' || echo "?")
    last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
    cov=$(sed -nE 's/.*cov: ([0-9]+).*/\1/p' <<<"$last" || true)
    ft=$(sed -nE 's/.*ft: ([0-9]+).*/\1/p' <<<"$last")
    corp=$(sed -nE 's/.*corp: ([0-9]+).*/\1/p' <<<"$last")
    after=$(find "$artifacts" -type f | wc -l)
    found=$((after - before))
    if [ "$code" -ne 0 ] || [ "$found" -gt 0 ]; then
        status=1
        echo "  $target stopped with status $code; new artifacts in ${artifacts#"$root/"}:" >&2
        find "$artifacts" -type f -printf '    %f\n' >&2 || true
        grep -E 'invariant failed|ERROR: libFuzzer|SUMMARY|Fatal error' "$log" | head -5 >&2 || true
    fi
    summary+=("$(printf '%-24s %6ss %12s %8s/s  cov %-6s ft %-6s corpus %-6s crashes %s' \
        "$target" "$seconds" "$runs" "$speed" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$found")")
done
printf '%s\n' "${summary[@]}"
exit "$status"
