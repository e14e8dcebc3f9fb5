#!/usr/bin/env bash
# Every test of every language: installs what is missing, builds, then runs the
# C/C++ suites (unit, ABI, integration over real HTTP on 127.0.0.1, CLI) with
# ctest, and the integration suite once more under valgrind.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${AM_BUILD_DIR:-$root/build}
"$root/scripts/build.sh"
cd "$build"
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
passed=0 failed=0
# count LOG: adds the "N passed / N failed" of a ctest or gtest log to the totals.
count() {
  local p f
  p=$(sed -n 's/^.*[0-9]*% tests passed, \([0-9]*\) tests failed out of \([0-9]*\).*$/\2 \1/p' "$1" | tail -1)
  if [ -n "$p" ]; then
    f=${p#* }; p=$(( ${p% *} - f ))
  else
    p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) tests\?\.$/\1/p' "$1" | tail -1)
    f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) tests\?, listed below:$/\1/p' "$1" | tail -1)
  fi
  passed=$(( passed + ${p:-0} )); failed=$(( failed + ${f:-0} ))
}
status=0

echo "== ctest: unit, abi, integration, cli"
ctest --output-on-failure -j2 --timeout 300 2>&1 | tee "$logs/ctest" || status=1
count "$logs/ctest"

echo "== integration tests under valgrind (leaks and memory errors fail the run)"
valgrind --quiet --leak-check=full --show-leak-kinds=definite,indirect,possible \
  --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 \
  "$build/tests/integration/am_integration_tests" --gtest_brief=1 2>&1 | tee "$logs/valgrind" || status=1
count "$logs/valgrind"

echo
echo "total: $passed passed, $failed failed"
exit $status
