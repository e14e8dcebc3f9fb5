#!/usr/bin/env bash
# Installs what is missing, then configures the "default" preset of
# CMakePresets.json into build/ (or $AM_BUILD_DIR) and builds everything it
# has: the library, the tools, the examples, every test suite and the
# benchmarks. Extra arguments go to the configure step.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${AM_BUILD_DIR:-$root/build}
"$root/scripts/deps.sh"
# The preset sets every option, so a tree configured otherwise before is set right.
cmake -S "$root" --preset default -B "$build" "$@" >/dev/null
cmake --build "$build" -j"$(nproc)"
