#!/usr/bin/env bash
# Every test of every language: installs what is missing, builds, then runs the
# C/C++ suites (unit, ABI, integration over real HTTP on 127.0.0.1, CLI) with
# ctest, and the integration suite once more under valgrind.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${AM_BUILD_DIR:-$root/build}
"$root/scripts/build.sh"

cd "$build"
ctest --output-on-failure -j2 --timeout 300

echo "== integration tests under valgrind (leaks and memory errors fail the run)"
valgrind --quiet --leak-check=full --show-leak-kinds=definite,indirect,possible \
  --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 \
  "$build/tests/integration/am_integration_tests" --gtest_brief=1
