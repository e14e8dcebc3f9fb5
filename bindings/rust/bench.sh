#!/usr/bin/env bash
# The Rust binding's benchmark (not part of the tests): reading every field of
# 1000 models, and a warm get, each against the same work in C measured in
# the same run. Prints medians and ratios. Needs AM_PREFIX and AM_MOCK_SERVER.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
: "${AM_MOCK_SERVER:?set AM_MOCK_SERVER to the am-mock-server binary}"
# shellcheck source=scripts/cargo-env.sh
. "$here/scripts/cargo-env.sh"
cd "$here"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
offline_cargo bench -p anthropic-models-bench --bench binding_vs_c --no-run >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
offline_cargo bench -p anthropic-models-bench --bench binding_vs_c 2>/dev/null
