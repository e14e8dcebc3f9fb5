#!/usr/bin/env bash
# run_with_server.sh SERVER PROGRAM [ARGS...]: starts the local API server on a
# free loopback port, runs PROGRAM against it with a throwaway key, stops the
# server, and exits with PROGRAM's status.
set -euo pipefail
server=$1; shift
log=$(mktemp)
"$server" --port 0 >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 200); do grep -q "listening on" "$log" && break; sleep 0.05; done
url=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$log")
[ -n "$url" ] || { echo "am-mock-server did not start" >&2; cat "$log" >&2; exit 1; }
ANTHROPIC_BASE_URL="$url" ANTHROPIC_API_KEY="local-test-key" ANTHROPIC_AUTH_TOKEN= "$@"
