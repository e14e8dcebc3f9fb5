#!/usr/bin/env bash
# Builds and runs examples/rust (lists models and which support extended
# thinking) against the server in ANTHROPIC_BASE_URL with ANTHROPIC_API_KEY,
# linked against $AM_PREFIX. Prints the example's output only.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/cargo-env.sh
. "$here/scripts/cargo-env.sh"
cd "$here"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
offline_cargo build -p anthropic-models-example >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
"$here/target/debug/list_thinking_models"
