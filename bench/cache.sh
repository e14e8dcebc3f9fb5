#!/bin/sh
# The catalogue cache's benchmark (issue 13): a list_all cache hit against the
# uncached call of 1000+ models on loopback, and the heap one cached listing
# holds. Builds bench/cache_hit.c against the build tree's library, starts an
# out-of-process am-mock-server --synthetic 1000 on port 0, runs, stops it.
# Not part of the test command. Takes ~10 s.
# Usage: bench/cache.sh [HITS] [MISSES]; BUILD_DIR (default <repo>/build).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build}
[ -f "$BUILD_DIR/CMakeCache.txt" ] || cmake -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$BUILD_DIR" --target anthropic_models am-mock-server -j2 >/dev/null
BIN=$BUILD_DIR/bench/cache_hit
mkdir -p "$BUILD_DIR/bench"
cc -O2 -std=c11 -I"$ROOT/include" "$ROOT/bench/cache_hit.c" -o "$BIN" \
  -L"$BUILD_DIR" -lanthropic_models -Wl,-rpath,"$BUILD_DIR"

LOG=$(mktemp)
"$BUILD_DIR/tools/mock-server/am-mock-server" --port 0 --synthetic 1000 >"$LOG" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -f "$LOG"' EXIT
for _ in $(seq 100); do
  URL=$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$LOG")
  [ -n "$URL" ] && break
  sleep 0.1
done
[ -n "$URL" ] || { echo "cache.sh: the mock server did not start" >&2; cat "$LOG" >&2; exit 1; }
echo "load: $(uptime | sed 's/.*load average: //')"
"$BIN" "$URL" "$@"
