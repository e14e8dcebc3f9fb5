#!/usr/bin/env bash
# Installs what is missing, configures and builds into build/ (or $AM_BUILD_DIR).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${AM_BUILD_DIR:-$root/build}
"$root/scripts/deps.sh"
# The options are explicit so a build tree configured otherwise before is set right.
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAM_BUILD_TESTS=ON -DAM_BUILD_TOOLS=ON \
  -DAM_BUILD_BENCH=ON -DAM_SANITIZE= "$@" >/dev/null
cmake --build "$build" -j"$(nproc)"
