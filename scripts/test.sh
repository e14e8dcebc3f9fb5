#!/usr/bin/env bash
# Every test of every language: installs what is missing, builds, then runs
#  1. every C/C++ suite with ctest (unit, ABI and version agreement, ABI
#     baseline, integration over real HTTP on 127.0.0.1, async, fault
#     catalogue, C++ wrapper, CLI, examples, install + consumers);
#  2. the unit, integration, async, fault and C++ suites again built with
#     ASan + UBSan (memory errors, undefined behaviour and leaks fail the run);
#  3. the async, fault and integration suites built with ThreadSanitizer, and with the
#     portable self-pipe wake-up forced (AM_FORCE_PIPE_WAKEUP) so the path
#     macOS and the BSDs take is tested on Linux too;
#  4. each libFuzzer target for $AM_FUZZ_SECONDS seconds (default 30);
#  5. the Go, Rust and C# bindings' own test scripts (bindings/*/test.sh)
#     against a staging install of this build.
# Steps 1-3 are the presets default, asan and tsan of CMakePresets.json, each
# in its own tree (build/, build-asan/, build-tsan/ or $AM_BUILD_DIR-*), which
# builds only the suites it runs. A failure anywhere fails the run; the counts
# come from ctest's JUnit reports and the summary line of each other runner.
# Ends with one line: "total: N passed, N failed".
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${AM_BUILD_DIR:-$root/build}
"$root/scripts/build.sh"

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
passed=0 failed=0 status=0

# junit_counts FILE: "PASSED FAILED SKIPPED" of a ctest JUnit report. A test
# that could not run (its executable is missing, say) is a failure; one that
# skipped itself (GTEST_SKIP, via SKIP_REGULAR_EXPRESSION) is neither.
junit_counts() {
  awk '
    function settle() { if (pending) failed++; pending = 0 }
    /<testcase / {
      settle()
      status = ""
      if (match($0, /status="[a-z]*"/)) status = substr($0, RSTART + 8, RLENGTH - 9)
      if (status == "run") passed++
      else if (status == "disabled") skipped++
      else if (status == "notrun") pending = 1
      else failed++
      next
    }
    pending && /<skipped message="SKIP_/ { skipped++; pending = 0 }
    END { settle(); print passed + 0, failed + 0, skipped + 0 }' "$1"
}

# run_ctest NAME DIR: runs every test of the tree DIR (its tests are exactly
# the suites its preset selected), showing failures and the summary but not
# each passing test, and adds its counts to the totals. The options are the
# ones the test presets set.
run_ctest() {
  local name=$1 dir=$2 junit=$logs/$1.xml rc=0
  echo "== ctest: $name ($dir)"
  ctest --test-dir "$dir" --output-on-failure --no-tests=error -j2 --output-junit "$junit" \
    >"$logs/$name.log" 2>&1 || rc=$?
  grep -v -e '^ *Start  *[0-9]*: ' -e '^ *[0-9]*/[0-9]* Test  *#[0-9]*: .*  Passed  *[0-9.]* sec$' \
    "$logs/$name.log" || true
  if [ ! -s "$junit" ]; then
    echo "$name: ctest wrote no results (exit status $rc)"
    failed=$((failed + 1)) status=1
    return
  fi
  local p f s
  read -r p f s < <(junit_counts "$junit")
  echo "$name: $p passed, $f failed, $s skipped"
  passed=$((passed + p)) failed=$((failed + f))
  [ "$rc" -eq 0 ] && [ "$f" -eq 0 ] || status=1
}

# sanitized PRESET: configures PRESET into its own tree, builds it (the log is
# shown only when the build fails) and runs its tests.
sanitized() {
  local preset=$1 dir="$build-$1"
  echo "== $preset: building $dir"
  cmake -S "$root" --preset "$preset" -B "$dir" >/dev/null
  if ! cmake --build "$dir" -j"$(nproc)" >"$logs/$preset-build.log" 2>&1; then
    cat "$logs/$preset-build.log"
    echo "$preset: build failed"
    failed=$((failed + 1)) status=1
    return
  fi
  run_ctest "$preset" "$dir"
}

# count LOG: adds the plain summary line "<word>: N passed, N failed" of
# fuzz.sh or a binding's test.sh to the totals; none means the runner died.
count() {
  local line
  line=$(grep -E '^[a-z#-]+: [0-9]+ passed, [0-9]+ failed' "$1" | tail -1 || true)
  if [ -z "$line" ]; then
    echo "(no summary line in $(basename "$1")'s output: counted as one failure)"
    failed=$((failed + 1)) status=1
    return
  fi
  passed=$((passed + $(echo "$line" | sed 's/^[a-z#-]*: \([0-9]*\) passed.*/\1/')))
  failed=$((failed + $(echo "$line" | sed 's/^[a-z#-]*: [0-9]* passed, \([0-9]*\) failed.*/\1/')))
}

run_ctest default "$build"
sanitized asan
sanitized tsan

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
  echo "== $lang binding"
  "$root/bindings/$lang/test.sh" 2>&1 | tee "$logs/$lang" || status=1
  count "$logs/$lang"
done

[ "$failed" -eq 0 ] || status=1
echo
echo "total: $passed passed, $failed failed"
exit $status
