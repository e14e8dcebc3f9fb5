#!/usr/bin/env bash
# The C# binding's whole test run, non-interactive:
#  1. restore once; build the library (netstandard2.1 and net8.0, trim and AOT analyzers) and both
#     test projects, warnings as errors;
#  2. dotnet test: the xunit suites against the library's net8.0 build and its netstandard2.1
#     build, each starting $AM_MOCK_SERVER on port 0 itself and stopping it;
#  3. dotnet pack, then a fresh console project restores the .nupkg from a local folder into an
#     empty package cache and runs against the server (and once with no usable native library,
#     which must fail with the list of paths tried);
#  4. the example published with NativeAOT, and the native binary run against the server.
# Needs AM_PREFIX (an install of the C library), AM_MOCK_SERVER and AM_CATALOG.
# Ends with "csharp: N passed, N failed": the test cases counted in the runs' .trx files, plus
# one per check of steps 3 and 4.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$here"

for v in AM_PREFIX AM_MOCK_SERVER AM_CATALOG; do
  if [ -z "${!v:-}" ]; then
    echo "bindings/csharp/test.sh: $v is not set (scripts/test.sh exports it)" >&2
    echo "csharp: 0 passed, 1 failed"
    exit 1
  fi
done
export AM_PREFIX AM_MOCK_SERVER AM_CATALOG
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE=1 MSBUILDDISABLENODEREUSE=1

native="$AM_PREFIX/lib/libanthropic_models.so.1"
out="$here/artifacts"
rm -rf "$out"
mkdir -p "$out"
scratch=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; fi
  rm -rf "$scratch"
}
trap cleanup EXIT

passed=0 failed=0
finish() {
  echo "csharp: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit
}
# check NAME COMMAND...: one counted check.
check() {
  if "${@:2}"; then
    passed=$((passed + 1)); echo "-- ok: $1"
  else
    failed=$((failed + 1)); echo "-- FAILED: $1"
  fi
}
# A step that must succeed for the rest to make sense.
required() {
  if ! "$@"; then
    failed=$((failed + 1)); echo "-- FAILED: $*"
    finish
  fi
}

build=(-c Release -p:AnthropicModelsNativeLib="$native" -p:TreatWarningsAsErrors=true -maxcpucount:2)

echo "== restore and build"
required dotnet restore AnthropicModels.sln -p:AnthropicModelsNativeLib="$native" --verbosity quiet
required dotnet build AnthropicModels.sln --no-restore "${build[@]}" --verbosity quiet

echo "== dotnet test (net8.0 and netstandard2.1 builds)"
# One assembly at a time: both suites count threads and time cancellations.
dotnet test AnthropicModels.sln --no-build -c Release -maxcpucount:1 \
  --logger trx --results-directory "$out/test-results" --logger "console;verbosity=minimal"
trx_count=0
for trx in "$out"/test-results/*.trx; do
  [ -f "$trx" ] || continue
  trx_count=$((trx_count + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  value() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
done
if [ "$trx_count" -ne 2 ]; then
  echo "-- FAILED: expected the results of 2 test assemblies, found $trx_count"
  failed=$((failed + 1))
fi

echo "== package"
required dotnet pack AnthropicModels/AnthropicModels.csproj --no-build "${build[@]}" -o "$out/package" --verbosity quiet
version=$(sed -n 's:.*<AnthropicModelsVersion>\(.*\)</AnthropicModelsVersion>.*:\1:p' Directory.Build.props)
nupkg="$out/package/AnthropicModels.$version.nupkg"
package_has_both_targets_and_the_library() {
  python3 - "$nupkg" <<'EOF'
import sys, zipfile
names = set(zipfile.ZipFile(sys.argv[1]).namelist())
want = {"lib/netstandard2.1/AnthropicModels.dll", "lib/net8.0/AnthropicModels.dll",
        "runtimes/linux-x64/native/libanthropic_models.so", "README.md", "AnthropicModels.nuspec"}
missing = sorted(want - names)
if missing: print("missing from the package:", missing)
sys.exit(1 if missing else 0)
EOF
}
check "the package has both target frameworks and the native library" package_has_both_targets_and_the_library

echo "== against the server: the package in a fresh project, the NativeAOT example"
"$AM_MOCK_SERVER" --port 0 --catalog "$AM_CATALOG" > "$out/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do grep -q 'listening on' "$out/server.log" && break; sleep 0.1; done
base_url=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$out/server.log")
[ -n "$base_url" ] || { echo "-- FAILED: am-mock-server did not start"; cat "$out/server.log"; failed=$((failed + 1)); finish; }
listed=$(python3 -c 'import json,sys; print(sum(1 for m in json.load(open(sys.argv[1]))["models"] if m.get("lifecycle") != "retired"))' "$AM_CATALOG")
newest_opus=$(python3 -c 'import json,sys; print(max((m for m in json.load(open(sys.argv[1]))["models"] if m.get("lifecycle") != "retired" and m.get("line") == "opus"), key=lambda m: m["created_at"])["id"])' "$AM_CATALOG")
alias_target=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["aliases"]["claude-sonnet-4-5"])' "$AM_CATALOG")
api=(env -u ANTHROPIC_AUTH_TOKEN -u ANTHROPIC_MODELS_NATIVE_LIBRARY ANTHROPIC_BASE_URL="$base_url" ANTHROPIC_API_KEY=test-key)

consumer="$scratch/consumer"
mkdir -p "$consumer"
cp PackageCheck/PackageCheck.csproj PackageCheck/Program.cs "$consumer/"
# Only the local folder as a source, and an empty package cache: the package as packed, nothing else.
required dotnet restore "$consumer/PackageCheck.csproj" -p:AnthropicModelsVersion="$version" \
  --source "$out/package" --packages "$scratch/packages" --verbosity quiet
required dotnet build "$consumer/PackageCheck.csproj" --no-restore -c Release -p:AnthropicModelsVersion="$version" --verbosity quiet
consumer_runs() {
  local output
  output=$("${api[@]}" "$consumer/bin/Release/net10.0/PackageCheck" claude-sonnet-4-5) || { echo "$output"; return 1; }
  echo "$output"
  [ "$output" = "package ok: $listed models; claude-sonnet-4-5 is $alias_target; native library $version" ]
}
check "the package restored into a fresh project runs against the server" consumer_runs
missing_library_is_a_clear_error() {
  local output status
  output=$("${api[@]}" ANTHROPIC_MODELS_NATIVE_LIBRARY=/nonexistent/libanthropic_models.so \
    "$consumer/bin/Release/net10.0/PackageCheck" claude-sonnet-4-5)
  status=$?
  echo "$output"
  [ "$status" -eq 3 ] && grep -q '^  /nonexistent/libanthropic_models.so: not found$' <<<"$output"
}
check "no usable native library: a DllNotFoundException listing the paths tried" missing_library_is_a_clear_error

required dotnet publish "$root/examples/csharp/ListModels.csproj" -c Release -r linux-x64 \
  -p:AnthropicModelsNativeLib="$native" -o "$out/aot" --verbosity quiet
aot_example_runs() {
  local output
  [ ! -e "$out/aot/ListModels.dll" ] || { echo "not a native executable: ListModels.dll was published"; return 1; }
  output=$("${api[@]}" "$out/aot/ListModels") || { echo "$output"; return 1; }
  echo "$output" | tail -5
  grep -q "^$listed models$" <<<"$output" && grep -q "^newest opus: $newest_opus$" <<<"$output" &&
    grep -q "^claude-sonnet-4-5 is $alias_target: " <<<"$output"
}
check "the example published with NativeAOT runs against the server" aot_example_runs

finish
