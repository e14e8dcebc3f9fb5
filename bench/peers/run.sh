#!/bin/sh
# The library next to the libcurl floor and the official SDKs, one run, one
# out-of-process `am-mock-server --synthetic 1000` (1013 models):
#   C       bench/am_floor.cpp: am_model_get and am_models_list_all (limit
#           1000) through the shared library, and the floor: a bare libcurl
#           easy handle (one kept-alive connection) GETting the same URLs, +
#           RapidJSON ParseInsitu of each list page, every id read
#   TS      bench/peers/ts/bench.js: @anthropic-ai/sdk (pinned in
#           package.json/package-lock.json, installed with `npm ci` into a
#           temporary directory): models.retrieve, models.list auto-paginated
#   .NET    bench/peers/dotnet: the Anthropic NuGet package (pinned 13.14.0):
#           Models.Retrieve, Models.List(...).Paginate()
# Every program makes one warm client (retries off), times one call per
# sample, interleaves get and list-all round by round and prints medians;
# this script prints them as a table with the ratios, and `uptime` before and
# after. The C program runs again after the peers, to show drift.
#
# Usage: bench/peers/run.sh [ROUNDS [LIST_CALLS_PER_ROUND [GET_CALLS_PER_ROUND]]]
#        (default 20 10 200; a few minutes, most of it npm and dotnet build)
# Needs: node + npm (registry reachable), the .NET 10 SDK (NuGet reachable),
# cmake and the C build dependencies. BUILD_DIR as in bench/floor.sh.
# BENCH_CPU / BENCH_SERVER_CPU: taskset CPU lists for the clients / the server
# (default: unpinned). Not part of the tests.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build}
ROUNDS=${1:-20}
LIST_CALLS=${2:-10}
GET_CALLS=${3:-200}
for tool in node npm dotnet cmake python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "peers/run.sh: $tool is missing" >&2; exit 1; }
done
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 MSBUILDDISABLENODEREUSE=1

WORK=$(mktemp -d)
server_pid=
cleanup() {
  [ -z "$server_pid" ] || { kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null || true; }
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

echo "== building the C programs, installing the TypeScript SDK, building the .NET program"
. "$ROOT/bench/lib.sh"
bench_build "$BUILD_DIR" "$ROOT" am_floor am-mock-server
mkdir "$WORK/ts"
cp "$HERE/ts/package.json" "$HERE/ts/package-lock.json" "$HERE/ts/bench.js" "$WORK/ts/"
(cd "$WORK/ts" && npm ci --no-audit --no-fund --loglevel=error >"$WORK/npm.log" 2>&1) ||
  { cat "$WORK/npm.log" >&2; exit 1; }
cp -r "$HERE/dotnet" "$WORK/dotnet-src"  # builds outside the source tree (no obj/ left there)
dotnet build "$WORK/dotnet-src/PeerBench.csproj" -c Release -o "$WORK/dotnet" --verbosity quiet >"$WORK/dotnet.log" 2>&1 ||
  { cat "$WORK/dotnet.log" >&2; exit 1; }

CLIENT_PIN=$(bench_pin "${BENCH_CPU:-}")
SERVER_PIN=$(bench_pin "${BENCH_SERVER_CPU:-}")
bench_start_server "$BUILD_DIR" "$WORK/server.log" $SERVER_PIN

echo "== measuring against $url (client pinning: ${CLIENT_PIN:-none}; server pinning: ${SERVER_PIN:-none})"
echo "load before: $(uptime)"
R="$WORK/results"
$CLIENT_PIN "$BUILD_DIR/bench/am_floor" "$url" "$ROUNDS" "$LIST_CALLS" "$GET_CALLS" >"$R"
(cd "$WORK/ts" && $CLIENT_PIN node bench.js "$url" "$ROUNDS" "$LIST_CALLS" "$GET_CALLS") >>"$R"
$CLIENT_PIN dotnet "$WORK/dotnet/PeerBench.dll" "$url" "$ROUNDS" "$LIST_CALLS" "$GET_CALLS" >>"$R"
$CLIENT_PIN "$BUILD_DIR/bench/am_floor" "$url" "$ROUNDS" "$LIST_CALLS" "$GET_CALLS" | sed 's/^result /rerun /' >>"$R"
echo "load after:  $(uptime)"
echo
python3 - "$R" <<'PY'
import sys
med, rerun, items = {}, {}, {}
for line in open(sys.argv[1]):
    f = line.split()
    if len(f) >= 4 and f[0] in ("result", "rerun"):
        (med if f[0] == "result" else rerun)[f[1]] = float(f[3]) / 1000  # ms
        if "items" in f:
            items[f[1]] = int(f[f.index("items") + 1])
cols = [("this library (C)", "library"), ("bare libcurl", "floor"),
        ("official TS SDK", "ts"), ("official .NET SDK", "dotnet")]
n = items.get("library_list_all", "?")
rows = [("warm `GET /v1/models/{id}`", "get"), (f"list every model ({n}, `limit=1000`)", "list_all")]
print("| call (median ms) | " + " | ".join(c for c, _ in cols) + " |")
print("|---|" + "---|" * len(cols))
for label, kind in rows:
    cells = []
    for _, who in cols:
        v = med.get(f"{who}_{kind}")
        cells.append("n/a" if v is None else f"{v:.3f}")
    print(f"| {label} | " + " | ".join(cells) + " |")
print()
print("| ratio to this library | " + " | ".join(c for c, _ in cols) + " |")
print("|---|" + "---|" * len(cols))
for label, kind in rows:
    lib = med[f"library_{kind}"]
    cells = [("n/a" if f"{who}_{kind}" not in med else f"{med[f'{who}_{kind}'] / lib:.2f}x") for _, who in cols]
    print(f"| {label} | " + " | ".join(cells) + " |")
for who in ("ts", "dotnet"):
    if items.get(f"{who}_list_all") not in (None, n):
        print(f"WARNING: {who} listed {items[f'{who}_list_all']} models, the library {n}")
print()
print("library/floor: get %.2fx (target <= 1.10x), list-all %.2fx (target <= 0.80x)"
      % (med["library_get"] / med["floor_get"], med["library_list_all"] / med["floor_list_all"]))
if rerun:
    print("C re-run after the peers (drift): library get %.3f ms, floor get %.3f ms, library list-all %.3f ms, "
          "floor list-all %.3f ms" % (rerun["library_get"], rerun["floor_get"], rerun["library_list_all"],
                                      rerun["floor_list_all"]))
PY
