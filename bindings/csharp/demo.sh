#!/usr/bin/env bash
# Builds examples/csharp and runs it against the server named by ANTHROPIC_BASE_URL and
# ANTHROPIC_API_KEY (exported by the caller), with the C library of $AM_PREFIX. Prints the
# example's output only; the build's output is shown only when the build fails.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
if [ -z "${AM_PREFIX:-}" ]; then
  echo "bindings/csharp/demo.sh: AM_PREFIX is not set (scripts/demo.sh exports it)" >&2
  exit 1
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 MSBUILDDISABLENODEREUSE=1
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! dotnet build "$root/examples/csharp/ListModels.csproj" -c Release \
     -p:AnthropicModelsNativeLib="$AM_PREFIX/lib/libanthropic_models.so.1" > "$log" 2>&1; then
  cat "$log" >&2
  exit 1
fi
"$root/examples/csharp/bin/Release/net10.0/ListModels"
