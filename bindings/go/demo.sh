#!/usr/bin/env bash
# Builds examples/go against the C library under $AM_PREFIX and runs it
# against ANTHROPIC_BASE_URL / ANTHROPIC_API_KEY (exported by the caller).
# Prints the example's output only; the build's, if it fails.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/env.sh"
mkdir -p "$here/.build"
bin=$here/.build/list-image-models
if ! log=$(go -C "$here/../../examples/go" build -o "$bin" . 2>&1); then
  printf '%s\n' "$log" >&2
  exit 1
fi
exec "$bin"
