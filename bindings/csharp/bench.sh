#!/usr/bin/env bash
# The C# binding's benchmark (BenchmarkDotNet, a short in-process job, a few minutes), against one
# am-mock-server --synthetic 1000 (1013 listed models):
#  - RetrieveAsync, and list-all with 1000-model pages, through this binding vs the official
#    Anthropic 13.14.0 SDK (the baseline): time and managed bytes allocated per call;
#  - reading every field of 1000 models through ModelInfo vs the same reads in C (the baseline,
#    AnthropicModels.Benchmarks/fields.c compiled here with cc).
# Prints BenchmarkDotNet's tables, then the medians and their ratios to each baseline. Needs
# AM_PREFIX, AM_MOCK_SERVER and AM_CATALOG, like test.sh. Not part of the tests. An argument
# selects benchmarks (BenchmarkDotNet --filter, e.g. "*FieldRead*").
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
for v in AM_PREFIX AM_MOCK_SERVER AM_CATALOG; do
  [ -n "${!v:-}" ] || { echo "bindings/csharp/bench.sh: $v is not set" >&2; exit 1; }
done
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 MSBUILDDISABLENODEREUSE=1
native="$AM_PREFIX/lib/libanthropic_models.so.1"
out="$here/artifacts/bench"
rm -rf "$out"
mkdir -p "$out"
server_pid=""
trap '[ -z "$server_pid" ] || { kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; }' EXIT

echo "== building (cc fields.c, dotnet build -c Release)"
cc -std=c99 -O2 -Wall -Wextra -Werror -shared -fPIC -o "$out/libam_bench_fields.so" AnthropicModels.Benchmarks/fields.c \
  -I"$AM_PREFIX/include" -L"$AM_PREFIX/lib" -l:libanthropic_models.so.1 -Wl,-rpath,"$AM_PREFIX/lib"
dotnet build AnthropicModels.Benchmarks/AnthropicModels.Benchmarks.csproj -c Release \
  -p:AnthropicModelsNativeLib="$native" --verbosity quiet > "$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }

"$AM_MOCK_SERVER" --port 0 --catalog "$AM_CATALOG" --synthetic 1000 > "$out/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do grep -q 'listening on' "$out/server.log" && break; sleep 0.1; done
base_url=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$out/server.log")
[ -n "$base_url" ] || { echo "am-mock-server did not start"; cat "$out/server.log"; exit 1; }

echo "== running (log: $out/benchmarkdotnet.log)"
AM_BENCH_BASE_URL="$base_url" AM_BENCH_FIELDS_LIB="$out/libam_bench_fields.so" \
  dotnet AnthropicModels.Benchmarks/bin/Release/net10.0/AnthropicModels.Benchmarks.dll \
  --filter "${1:-*}" --artifacts "$out/results" --exporters json > "$out/benchmarkdotnet.log" 2>&1 \
  || { tail -50 "$out/benchmarkdotnet.log"; exit 1; }

for table in "$out"/results/results/*-report-github.md; do
  echo
  sed -n '/^|/,$p' "$table"
done
echo
python3 - "$out"/results/results/*-report-full-compressed.json <<'EOF'
import json, sys
runs = {b["Method"]: b for path in sys.argv[1:] for b in json.load(open(path))["Benchmarks"]}
pairs = [("retrieve one model", "OfficialRetrieve", "BindingRetrieve"),
         ("list all 1013 models", "OfficialListAll", "BindingListAll"),
         ("read every field of 1000 models", "C", "DotNet"),
         ("... and the raw JSON", "CWithJson", "DotNetWithJson")]
print("medians (ratio = baseline median / binding median: above 1, the binding is faster)")
for label, baseline, binding in pairs:
    if baseline not in runs or binding not in runs or not runs[binding]["Statistics"] or not runs[baseline]["Statistics"]:
        print(f"{label}: not measured"); continue
    b, base = runs[binding], runs[baseline]
    median, base_median = b["Statistics"]["Median"] / 1000, base["Statistics"]["Median"] / 1000
    alloc = lambda r: r["Memory"]["BytesAllocatedPerOperation"]
    print(f"{label}: {b['MethodTitle']} {median:,.1f} us, {base['MethodTitle']} {base_median:,.1f} us: "
          f"ratio {base_median / median:.2f}; managed bytes per call {alloc(b):,} vs {alloc(base):,}")
EOF
