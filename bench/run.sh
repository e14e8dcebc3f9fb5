#!/bin/sh
# Builds am_bench if needed, runs it (5 repetitions, aggregates only) and prints
# whether the run was pinned, then the ratios computed from the medians of the
# real (wall-clock) times:
#   decode/parse          BM_DecodeListPage / BM_Baseline_RapidJsonParse
#   decode/(in-situ parse + ids)
#                         BM_DecodeListPage / BM_Baseline_RapidJsonParseInsitu
#                         (the per-page work of bench/floor.sh's libcurl floor)
#   decode/simdjson-*     BM_DecodeListPage / BM_Ref_Simdjson{OnDemand,Dom}
#                         (target <= 2.5x; only when am_bench was built with
#                         Debian's libsimdjson-dev: apt-get install libsimdjson-dev)
#   am_model_get/curl     BM_AmModelGet / BM_Baseline_CurlEasyLoop (target <= 1.10x)
#   am_model_get/(curl + parse)
#                         BM_AmModelGet / BM_Baseline_CurlEasyLoop_Parse
#   async throughput      BM_Baseline_CurlMulti_1000x100 / BM_AsyncGets_1000x100
#                         (library/curl-multi throughput, target >= 0.9x; the
#                         baseline does not decode JSON, the library does)
#   async throughput (library/(curl-multi + parse))
#                         BM_Baseline_CurlMulti_1000x100_Parse / BM_AsyncGets_1000x100
# The two "+ parse" ratios are diagnostics against baselines that also
# rapidjson-parse every body, i.e. do closer to the library's work.
#
# Usage: bench/run.sh [extra am_bench flags...]
#   e.g. bench/run.sh --benchmark_filter='Decode|Simdjson|RapidJson|ParsePage' for decoding only
# Environment: BUILD_DIR (default: <repo>/build), MIN_TIME (seconds per
# benchmark run, default 0.5; the whole run then takes ~40 s pinned, ~50 s
# unpinned, on 2 cores),
# BENCH_CPU (default 0): the CPU the whole process (client and in-process mock
# server) is pinned to with taskset; empty = no pinning. Unpinned, the warm GET
# latencies are bimodal (~40 or ~85 us per request, depending on whether the
# client and the server thread wake on the same core) and the ratio is noise.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build}
MIN_TIME=${MIN_TIME:-0.5}

if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
  # A fresh build tree: optimised, benchmarks on, tests not needed here.
  cmake -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DAM_BUILD_BENCH=ON -DAM_BUILD_TESTS=OFF
elif grep -q '^AM_BUILD_BENCH:BOOL=OFF' "$BUILD_DIR/CMakeCache.txt"; then
  # An existing tree configured without the benchmarks: switch them on.
  cmake -S "$ROOT" -B "$BUILD_DIR" -DAM_BUILD_BENCH=ON
fi
case $(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$BUILD_DIR/CMakeCache.txt") in
  Release|RelWithDebInfo) ;;
  *) echo "run.sh: warning: $BUILD_DIR is not an optimised build" >&2 ;;
esac
cmake --build "$BUILD_DIR" --target am_bench -j2

BIN=$BUILD_DIR/bench/am_bench
JSON=$BUILD_DIR/bench/am_bench.json
BENCH_CPU=${BENCH_CPU-0}
PIN=
if [ -z "$BENCH_CPU" ]; then
  PINNING="not pinned (BENCH_CPU empty)"
elif command -v taskset >/dev/null 2>&1; then
  PIN="taskset -c $BENCH_CPU"
  PINNING="pinned to CPU $BENCH_CPU (BENCH_CPU=$BENCH_CPU, taskset)"
else
  PINNING="not pinned (BENCH_CPU=$BENCH_CPU but taskset is missing)"
fi

$PIN "$BIN" \
  --benchmark_repetitions=5 \
  --benchmark_report_aggregates_only=true \
  --benchmark_min_time="$MIN_TIME" \
  --benchmark_enable_random_interleaving=true \
  --benchmark_out="$JSON" --benchmark_out_format=json \
  "$@"

python3 - "$JSON" "$PINNING" <<'PY'
import json, sys

with open(sys.argv[1]) as f:
    doc = json.load(f)
scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}
median = {}
for b in doc["benchmarks"]:
    if b.get("aggregate_name") == "median" and not b.get("error_occurred"):
        name = b["run_name"].replace("/real_time", "")
        median[name] = b["real_time"] * scale[b["time_unit"]]

print()
for name, t in sorted(median.items()):
    print(f"median {name:46s} {t * 1e6:10.1f} us")

print(f"pinning: {sys.argv[2]}")

def ratio(label, num, den, target=None):
    if num not in median or den not in median:
        print(f"ratio {label}: n/a (missing {num if num not in median else den})")
        return
    r = median[num] / median[den]
    extra = f" (target <= {target:.2f}x)" if target else ""
    print(f"ratio {label}: {r:.2f}x{extra}")

ratio("decode/parse", "BM_DecodeListPage", "BM_Baseline_RapidJsonParse")
ratio("decode/(in-situ parse + ids)", "BM_DecodeListPage", "BM_Baseline_RapidJsonParseInsitu")
# simdjson (bench-only reference, libsimdjson-dev), same page and fields.
ratio("decode/simdjson-ondemand", "BM_DecodeListPage", "BM_Ref_SimdjsonOnDemand", 2.5)
ratio("decode/simdjson-dom", "BM_DecodeListPage", "BM_Ref_SimdjsonDom", 2.5)
ratio("am_model_get/curl", "BM_AmModelGet", "BM_Baseline_CurlEasyLoop", 1.10)
# Diagnostic: a baseline that also parses every body (the library decodes it).
ratio("am_model_get/(curl + parse)", "BM_AmModelGet", "BM_Baseline_CurlEasyLoop_Parse")

# Throughput ratios: baseline time / library time (higher is better).
def throughput(label, lib, base, target=None):
    if lib not in median or base not in median:
        print(f"ratio {label}: n/a (missing {lib if lib not in median else base})")
        return
    r = median[base] / median[lib]
    extra = f" (target >= {target:.1f})" if target else ""
    print(f"ratio {label}: {r:.2f}x{extra}")

throughput("async throughput (library/curl-multi)", "BM_AsyncGets_1000x100",
           "BM_Baseline_CurlMulti_1000x100", 0.9)
throughput("async throughput (library/(curl-multi + parse))", "BM_AsyncGets_1000x100",
           "BM_Baseline_CurlMulti_1000x100_Parse")
PY
