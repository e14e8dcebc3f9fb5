#!/bin/sh
# The library against the honest floor of a hand-written client, over real
# HTTP to an OUT-OF-PROCESS `am-mock-server --synthetic 1000` (1013 models):
#   list-all  am_models_list_all (limit=1000, 2 pages, every id read)
#             vs bare libcurl (one easy handle, one kept-alive connection,
#             limit=1000 then after_id=last_id while has_more) + RapidJSON
#             ParseInsitu of each body, every data[i].id read
#   get       am_model_get vs the same easy handle GETting /v1/models/{id}
#             (bytes only)
# Prints `uptime`, the medians (bench/am_floor.cpp: one sample per call,
# kinds interleaved round by round) and the ratios library/floor (list-all
# target <= 0.80x; get target <= 1.10x; the ratio of the 10th percentiles
# too, which moves less when other processes load the machine), then
# the memory a decoded list holds against its JSON size (bench/am_memory.cpp;
# target <= 2x).
#
# Usage: bench/floor.sh [ROUNDS [LIST_CALLS_PER_ROUND [GET_CALLS_PER_ROUND]]]
#        (defaults 20 10 200: 200 list-alls and 4000 gets of each kind, ~10 s)
# Environment: BUILD_DIR (default <repo>/build; configured RelWithDebInfo with
# the benchmarks if it does not exist), BENCH_CPU / BENCH_SERVER_CPU: CPU
# lists for taskset of the client / of the server (default: unpinned; e.g.
# BENCH_CPU=0 BENCH_SERVER_CPU=1 pins each to its own core, both =0 share one).
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build}
. "$ROOT/bench/lib.sh"
bench_build "$BUILD_DIR" "$ROOT" am_floor am_memory am-mock-server
CLIENT_PIN=$(bench_pin "${BENCH_CPU:-}")
SERVER_PIN=$(bench_pin "${BENCH_SERVER_CPU:-}")

LOG=$(mktemp)
server_pid=
cleanup() {
  [ -z "$server_pid" ] || { kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null || true; }
  rm -f "$LOG"
}
trap cleanup EXIT INT TERM
bench_start_server "$BUILD_DIR" "$LOG" $SERVER_PIN

echo "load: $(uptime)"
echo "client pinning: ${CLIENT_PIN:-none}; server pinning: ${SERVER_PIN:-none}; server: $url"
$CLIENT_PIN "$BUILD_DIR/bench/am_floor" "$url" "$@" | python3 -c '
import sys
m, p10 = {}, {}
for line in sys.stdin:
    print(line.rstrip())
    f = line.split()
    if f and f[0] == "result":
        m[f[1]], p10[f[1]] = float(f[3]), float(f[5])
def ratio(label, lib, base, target):
    print(f"ratio {label}: {m[lib] / m[base]:.2f}x (target <= {target:.2f}x); "
          f"of the 10th percentiles {p10[lib] / p10[base]:.2f}x")
ratio("list_all library/floor(curl + RapidJSON in situ)", "library_list_all", "floor_list_all", 0.80)
ratio("get library/floor(curl)", "library_get", "floor_get", 1.10)
'
"$BUILD_DIR/bench/am_memory" "$url"
echo "load: $(uptime)"
