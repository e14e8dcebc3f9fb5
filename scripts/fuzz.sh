#!/usr/bin/env bash
# Fuzzes the library's pure parsers with libFuzzer (fuzz/): installs clang when
# missing, builds the fuzz targets with clang, ASan and UBSan (the "fuzz"
# preset of CMakePresets.json) into build-fuzz/ ("${AM_BUILD_DIR:-build}-fuzz"),
# then runs every target for SECONDS seconds
# (default 30) on a temporary copy of its seed corpus (fuzz/corpus/ is not
# modified). Prints one line per target and ends with "fuzz: N passed, M failed";
# exits non-zero when a target found a crash, hang, leak or sanitizer report,
# after printing the input (hex) and where it was saved.
#
#   scripts/fuzz.sh [SECONDS]
#   AM_FUZZ_TARGETS="fuzz_retry_after" scripts/fuzz.sh 60
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="${AM_BUILD_DIR:-$root/build}-fuzz"
seconds=${1:-30}
case $seconds in
  '' | *[!0-9]*) echo "usage: $0 [SECONDS]" >&2; exit 2 ;;
esac
targets=(${AM_FUZZ_TARGETS:-fuzz_decode_list fuzz_decode_model fuzz_error_body fuzz_retry_after})

# Like scripts/deps.sh: as root install what is missing, otherwise say how.
# (libcurl: the top-level project the fuzz preset configures looks for it.)
PACKAGES=(clang libclang-rt-14-dev cmake make rapidjson-dev libcurl4-openssl-dev)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing Debian packages: ${missing[*]}" >&2
    echo "install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "installing: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== building fuzz targets in $build"
# A tree of the former standalone fuzz/ project cannot be reconfigured from the top.
if [ -f "$build/CMakeCache.txt" ] && ! grep -qx "CMAKE_HOME_DIRECTORY:INTERNAL=$root" "$build/CMakeCache.txt"; then
  rm -rf "$build"
fi
cmake -S "$root" --preset fuzz -B "$build" >/dev/null
if ! cmake --build "$build" -j"$(nproc)" --target am_fuzzers >"$work/build.log" 2>&1; then
  cat "$work/build.log" >&2
  echo "fuzz: build failed" >&2
  exit 1
fi
# Crash inputs outlive the temporary directory.
saved="$build/artifacts"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1:check_initialization_order=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# final_stat NAME LOG: a libFuzzer final statistic ("stat::NAME: VALUE").
final_stat() { sed -n "s/^stat::$1: *\([0-9]*\).*/\1/p" "$2" | tail -1; }

passed=0 failed=0
for t in "${targets[@]}"; do
  corpus="$work/$t/corpus" art="$work/$t/artifacts" log="$work/$t/log"
  mkdir -p "$corpus" "$art"
  cp "$root/fuzz/corpus/$t/"* "$corpus/"
  dict=()
  case $t in
    fuzz_retry_after) dict=(-dict="$root/fuzz/dict/retry_after.dict") ;;
    *) dict=(-dict="$root/fuzz/dict/json.dict") ;;
  esac
  echo "-- $t: ${seconds}s"
  rc=0
  (cd "$work/$t" && "$build/fuzz/$t" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
      -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$art/" "${dict[@]}" "$corpus") \
    >"$log" 2>&1 || rc=$?

  runs=$(final_stat number_of_executed_units "$log")
  [ -n "$runs" ] || runs=$(final_stat number_of_executed_runs "$log")
  cov=$(sed -n 's/.* cov: \([0-9]*\) .*/\1/p' "$log" | tail -1)
  corp=$(sed -n 's/.* corp: \([0-9]*\/[0-9]*[a-zA-Z]*\) .*/\1/p' "$log" | tail -1)
  echo "   $(final_stat average_exec_per_sec "$log") exec/s, corpus ${corp:-?} (inputs/bytes)," \
    "$(final_stat new_units_added "$log") new units, peak rss $(final_stat peak_rss_mb "$log") MB"

  artifacts=$(find "$art" -type f | sort)
  if [ "$rc" -eq 0 ] && [ -z "$artifacts" ]; then
    echo "fuzz $t: ${runs:-0} runs, ${cov:-0} cov, OK"
    passed=$((passed + 1))
    continue
  fi
  failed=$((failed + 1))
  echo "fuzz $t: ${runs:-0} runs, ${cov:-0} cov, FAILED (libFuzzer exit $rc)"
  # The report: sanitizer / invariant message through libFuzzer's summary,
  # without libFuzzer's and libc's own frames.
  sed -n '/ERROR: \|runtime error\|fuzz invariant\|==ERROR\|deadly signal\|ALARM\|out-of-memory/,/^SUMMARY/p' "$log" \
    | grep -v 'fuzzer::\|__sanitizer_print_stack_trace\|libc_start\| _start \|pthread_kill\| raise \| abort \|libc\.so\|NOTE: libFuzzer\|Combine libFuzzer\|^ *$' \
    | sed 's/ (BuildId: [0-9a-f]*)//' | head -40 | sed 's/^/   | /'
  mkdir -p "$saved/$t"
  for a in $artifacts; do
    cp "$a" "$saved/$t/"
    size=$(wc -c <"$a")
    echo "   input ($size bytes$([ "$size" -gt 512 ] && echo ', first 512 shown')), saved as $saved/$t/$(basename "$a"):"
    od -An -tx1 -v -N512 "$a" | sed 's/^ */   /'
    echo "   reproduce: $build/fuzz/$t $saved/$t/$(basename "$a")"
  done
  [ -n "$artifacts" ] || { echo "   no input saved; log tail:"; tail -20 "$log" | sed 's/^/   | /'; }
done

echo
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
