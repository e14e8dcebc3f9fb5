#!/usr/bin/env bash
# Every test of every language: installs what is missing, builds, then runs
#  1. the C/C++ suites with ctest (unit, ABI and ABI baseline, integration
#     over real HTTP on 127.0.0.1, async, fault catalogue, C++ wrapper, CLI,
#     examples, install + consumers);
#  2. the unit, integration, async, fault and C++ suites again built with
#     ASan + UBSan (memory errors, undefined behaviour and leaks fail the run);
#  3. the async and fault suites built with ThreadSanitizer, and with the
#     portable self-pipe wake-up forced (AM_FORCE_PIPE_WAKEUP) so the path
#     macOS and the BSDs take is tested on Linux too;
#  4. each libFuzzer target for $AM_FUZZ_SECONDS seconds (default 30);
#  5. the Go, Rust and C# bindings' own test scripts (bindings/*/test.sh)
#     against a staging install of this build.
# Ends with one line: "total: N passed, N failed".
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${AM_BUILD_DIR:-$root/build}
"$root/scripts/build.sh"

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
passed=0 failed=0 status=0
# count LOG: adds the counts of a ctest or gtest log to the totals.
count() {
  local p f
  p=$(sed -n 's/^.*[0-9]*% tests passed, \([0-9]*\) tests failed out of \([0-9]*\).*$/\2 \1/p' "$1" | tail -1)
  if [ -n "$p" ]; then
    f=${p#* }; p=$(( ${p% *} - f ))
  elif grep -q '^[a-z#-]*: [0-9]* passed, [0-9]* failed' "$1"; then
    # The plain summary line of fuzz.sh and of each binding's test.sh.
    p=$(sed -n 's/^[a-z#-]*: \([0-9]*\) passed, \([0-9]*\) failed.*/\1/p' "$1" | tail -1)
    f=$(sed -n 's/^[a-z#-]*: \([0-9]*\) passed, \([0-9]*\) failed.*/\2/p' "$1" | tail -1)
  else
    p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) tests\?\.$/\1/p' "$1" | tail -1)
    f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) tests\?, listed below:$/\1/p' "$1" | tail -1)
    # A binary that died before gtest's summary counts as one failure.
    [ -z "$p$f" ] && f=1
  fi
  passed=$(( passed + ${p:-0} )); failed=$(( failed + ${f:-0} ))
}
# gtest_in DIR NAME BINARY...: runs gtest binaries of a build, logging as NAME.
gtest_in() {
  local dir=$1 name=$2; shift 2
  for bin in "$@"; do
    echo "-- $name: $bin"
    "$dir/tests/$bin" --gtest_brief=1 2>&1 | tee "$logs/$name-${bin//\//-}" || status=1
    count "$logs/$name-${bin//\//-}"
  done
}
# sanitized NAME FLAGS CMAKE_OPTION TARGETS...: a separate build tree with -fsanitize=FLAGS.
sanitized() {
  local name=$1 flags=$2 option=$3; shift 3
  local dir="$build-$name"
  echo "== building with -fsanitize=$flags $option in $dir"
  cmake -S "$root" -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAM_SANITIZE="$flags" \
    -DAM_BUILD_BENCH=OFF "$option" >/dev/null
  cmake --build "$dir" -j"$(nproc)" --target "$@" >/dev/null
}

echo "== ctest: every suite of the main build"
(cd "$build" && ctest --output-on-failure --no-tests=error -j2 --timeout 300) 2>&1 | tee "$logs/ctest" || status=1
count "$logs/ctest"

export ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1:check_initialization_order=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
sanitized asan address,undefined -DAM_FORCE_PIPE_WAKEUP=OFF am_unit_tests am_integration_tests am_async_tests am_fault_tests am_cpp_tests
gtest_in "$build-asan" asan unit/am_unit_tests integration/am_integration_tests async/am_async_tests \
  faults/am_fault_tests cpp/am_cpp_tests

export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1
sanitized tsan thread -DAM_FORCE_PIPE_WAKEUP=ON am_async_tests am_fault_tests
gtest_in "$build-tsan" tsan async/am_async_tests faults/am_fault_tests

echo "== fuzzing"
"$root/scripts/fuzz.sh" "${AM_FUZZ_SECONDS:-30}" 2>&1 | tee "$logs/fuzz" || status=1
count "$logs/fuzz"

# The bindings build and test against an installed tree, as their users do.
stage="$build/stage"
rm -rf "$stage"
cmake --install "$build" --prefix "$stage" >/dev/null
export AM_PREFIX="$stage" AM_MOCK_SERVER="$build/tools/mock-server/am-mock-server"
export AM_CATALOG="$root/tools/mock-server/catalog.json"
for lang in go rust csharp; do
  [ -x "$root/bindings/$lang/test.sh" ] || continue
  echo "== $lang binding"
  "$root/bindings/$lang/test.sh" 2>&1 | tee "$logs/$lang" || status=1
  count "$logs/$lang"
done

[ "$failed" -eq 0 ] || status=1
echo
echo "total: $passed passed, $failed failed"
exit $status
