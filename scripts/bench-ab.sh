#!/usr/bin/env bash
# Interleaved A/B pairs of two guidesite binaries on the benchmark corpus: the way changes to
# the build are measured (docs/benchmarks.md). Figures on these shared machines drift by tens of
# milliseconds from one minute to the next, so the two binaries take turns, each build after
# `sync`, and each pair is printed as it comes: compare medians of several pairs.
#
#   scripts/bench-ab.sh BINARY_A BINARY_B KIND [PAIRS]
#
# KIND:
#   end      a sentence added at the end of the first article, then the rebuild
#   top      a paragraph added at the top of the first article (its citations move), then the rebuild
#   nothing  a rebuild with nothing changed
#   full     a build from nothing, into a fresh folder, its caches removed (as the benchmark's)
#
# Each line: which binary, the build's steps (`--verbose`), and its wall time. The article is
# restored at the end, and the work folder deleted: wait a minute or two before the next run
# (ext4 without a journal looks past every inode freed in the last minute when it makes files,
# which slows the first builds of a run that follows at once, full builds most). BENCH_AB_ARTICLES (default 10000) picks the corpus, which
# scripts/bench.sh generates (Benchmarks/.corpus/n<N>); BENCH_AB_VERIFY=1 also checks, after
# the pairs, that B's rebuild of an edited article is the output of a build from nothing.
set -euo pipefail

if [ $# -lt 3 ]; then
    sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
fi
A="$(realpath "$1")"; B="$(realpath "$2")"; KIND="$3"; PAIRS="${4:-6}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
N="${BENCH_AB_ARTICLES:-10000}"
CONTENT="$ROOT/Benchmarks/.corpus/n$N/guidesite"
THEME="$ROOT/Themes/default"
[ -d "$CONTENT" ] || { echo "no corpus at $CONTENT: run scripts/bench.sh first" >&2; exit 2; }
case "$KIND" in end|top|nothing|full) ;; *) echo "unknown kind '$KIND'" >&2; exit 2 ;; esac

WORK="$(mktemp -d "${TMPDIR:-/tmp}/guidesite-ab.XXXXXX")"
ARTICLE="$(find "$CONTENT/articles" -name '*.md' | sort | awk 'NR == 1')"  # awk reads it all: no SIGPIPE under pipefail
cp "$ARTICLE" "$WORK/article.bak"
# The old outputs of `full` are moved aside and deleted at the end: ext4 without a journal
# skips inodes freed in the last minute when it makes new files (docs/benchmarks.md).
cleanup() { cp "$WORK/article.bak" "$ARTICLE"; rm -rf "$WORK"; }
trap cleanup EXIT

build() {  # BINARY FOLDER [more options]: the steps and wall time of one build, on one line
    local binary="$1" folder="$2"; shift 2
    sync
    local start end
    start=$(date +%s.%N)
    "$binary" build -v --content "$CONTENT" --theme "$THEME" --output "$folder/out" "$@" 2>&1 \
        | awk '/^ +[0-9.]+ s  / { printf "%s %s  ", $3, $1 }'
    end=$(date +%s.%N)
    awk -v s="$start" -v e="$end" 'BEGIN { printf "| %.3f s\n", e - s }'
}

edit() {  # ROUND: the edit of this kind, different in each round
    cp "$WORK/article.bak" "$ARTICLE"
    case "$KIND" in
        end) printf '\nUne phrase ajoutée pour mesurer (%s).\n' "$1" >> "$ARTICLE" ;;
        top) python3 - "$ARTICLE" "$1" <<'PY'
import sys
path, round_ = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
body = text.index("\n---\n", 4) + 5
open(path, "w", encoding="utf-8").write(text[:body] + "Un paragraphe ajouté en tête (%s).\n\n" % round_ + text[body:])
PY
        ;;
    esac
}

mkdir -p "$WORK/A" "$WORK/B" "$WORK/old"
if [ "$KIND" != full ]; then
    # Each side's own output folder and caches, built once before the pairs.
    "$A" build -q --content "$CONTENT" --theme "$THEME" --output "$WORK/A/out" >/dev/null 2>&1
    "$B" build -q --content "$CONTENT" --theme "$THEME" --output "$WORK/B/out" >/dev/null 2>&1
fi
for round in $(seq "$PAIRS"); do
    for side in A B; do
        binary="$A"; [ "$side" = B ] && binary="$B"
        if [ "$KIND" = full ]; then
            [ -e "$WORK/$side/out" ] && mv "$WORK/$side/out" "$(mktemp -d "$WORK/old/out.XXXXXX")"
            rm -rf "$WORK/$side/.guidesite-cache"
            printf '%s  ' "$side"; build "$binary" "$WORK/$side"
        else
            edit "$round"
            printf '%s  ' "$side"; build "$binary" "$WORK/$side"
        fi
    done
done

if [ "${BENCH_AB_VERIFY:-0}" = 1 ] && [ "$KIND" != full ] && [ "$KIND" != nothing ]; then
    edit verify
    "$B" build -q --content "$CONTENT" --theme "$THEME" --output "$WORK/B/out" >/dev/null 2>&1
    "$B" build -q --no-cache --content "$CONTENT" --theme "$THEME" --output "$WORK/reference" >/dev/null 2>&1
    if diff -rq "$WORK/reference" "$WORK/B/out" >/dev/null; then
        echo "B's rebuild is the output of a build from nothing"
    else
        echo "B's rebuild DIFFERS from a build from nothing" >&2
        exit 1
    fi
fi
