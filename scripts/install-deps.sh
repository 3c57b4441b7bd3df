#!/usr/bin/env bash
# Installs what guidesite needs on a bare Debian machine, and nothing when it is already there.
set -euo pipefail
need=()
pkg-config --exists libcmark 2>/dev/null || need+=(libcmark-dev)
[ -f /usr/include/mimalloc.h ] || need+=(libmimalloc-dev)   # no pkg-config file in Debian's package
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
