#!/usr/bin/env bash
# The main job: build, start the bundled local API server on 127.0.0.1, list and
# get models through the am-models CLI, the C examples and the Go, Rust and C#
# examples (each binding's demo.sh, against a staging install of this build),
# then stop the server.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${AM_BUILD_DIR:-$root/build}
"$root/scripts/deps.sh"
# Only what the demo runs, in the same build tree as scripts/build.sh (so the
# test command reuses it): the library, the CLI, the local API server and the
# C examples (and the static archive, which the install the bindings build
# against includes); no test suite and no benchmark is compiled.
cmake -S "$root" --preset default -B "$build" >/dev/null
cmake --build "$build" -j"$(nproc)" --target anthropic_models anthropic_models_static am-models am-mock-server \
  list_models game_loop model_picker
stage="$build/stage"
rm -rf "$stage"
cmake --install "$build" --prefix "$stage" >/dev/null

log=$(mktemp)
"$build/tools/mock-server/am-mock-server" --port 0 >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 100); do grep -q "listening on" "$log" && break; sleep 0.05; done
url=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$log")
[ -n "$url" ] || { echo "am-mock-server did not start:" >&2; cat "$log" >&2; exit 1; }

# The local server accepts any key; never point a real key at it.
export ANTHROPIC_BASE_URL="$url" ANTHROPIC_API_KEY="local-demo-key"
unset ANTHROPIC_AUTH_TOKEN
cli="$build/tools/cli/am-models"
# stderr joins stdout so notes (the "more results" hint, a stale mark) print
# where they happen even when only stdout is piped.
run() { echo; echo "\$ am-models $*"; "$cli" "$@" 2>&1; }

echo "local API server: $url"
run --version
run list --limit 5
run list --all
run get claude-sonnet-4-5
run supports claude-opus-4-6 effort.xhigh
echo; echo "\$ am-models supports claude-3-haiku-20240307 thinking   (unknown: exit status 4)"
"$cli" supports claude-3-haiku-20240307 thinking || echo "exit status $?"
run list --limit 2 --json
cli_cache=$(mktemp -d)
run --cache-dir "$cli_cache" --cache-ttl 3600 list --line opus --newest
run --cache-dir "$cli_cache" --cache-ttl 3600 --offline list --supports image_input,thinking --retiring-before 2027-01-01
rm -rf "$cli_cache"
echo; echo "\$ examples/c/list_models"
"$build/examples/c/list_models" | head -n 12
echo; echo "\$ examples/c/game_loop   (asynchronous calls pumped from a 60 fps loop)"
"$build/examples/c/game_loop"
picker_cache=$(mktemp -d)
echo; echo "\$ examples/c/model_picker CACHE_DIR   (disk cache, selection, then an offline start)"
"$build/examples/c/model_picker" "$picker_cache"
rm -rf "$picker_cache"
echo; echo "\$ am-models get no-such-model   (an API error: exit status 1)"
"$cli" get no-such-model || echo "exit status $?"

# The bindings, as their users build them: against the installed library.
export AM_PREFIX="$stage"
for lang in go rust csharp; do
  echo; echo "\$ examples/$lang   (bindings/$lang/demo.sh)"
  "$root/bindings/$lang/demo.sh"
done
