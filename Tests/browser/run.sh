#!/usr/bin/env bash
# The browser suite of guidesite: the single entry point (`make test` calls it after the Swift and
# JavaScript tests). Installs what it needs when missing (scripts/install-browser-deps.sh), takes the
# guidesite binary from $GUIDESITE_BIN or builds it (debug, the build `swift test` already made),
# then runs Tests/browser/suite.py. Exit status 0 when every check passed. See docs/checking.md.
#   GUIDESITE_BIN           the guidesite binary to use (skips `swift build`)
#   GUIDESITE_SCRATCH_PATH  a --scratch-path for that `swift build` (default: SwiftPM's .build)
#   GUIDESITE_VENV          the virtualenv holding selenium & co. (default: .venv)
set -euo pipefail
cd "$(dirname "$0")/../.."

scripts/install-browser-deps.sh

if [ -n "${GUIDESITE_BIN:-}" ]; then
  bin="$GUIDESITE_BIN"
else
  scratch=()
  [ -n "${GUIDESITE_SCRATCH_PATH:-}" ] && scratch=(--scratch-path "$GUIDESITE_SCRATCH_PATH")
  if ! out="$(swift build --product guidesite "${scratch[@]}" 2>&1)"; then
    echo "$out" >&2
    echo "error: swift build --product guidesite failed" >&2
    exit 2
  fi
  bin="$(swift build --show-bin-path "${scratch[@]}")/guidesite"
fi
[ -x "$bin" ] || { echo "error: no guidesite binary at $bin" >&2; exit 2; }

exec "${GUIDESITE_VENV:-.venv}/bin/python" Tests/browser/suite.py --bin "$bin" "$@"
