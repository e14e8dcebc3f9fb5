#!/usr/bin/env bash
# The Go binding's whole test run, against the C library under $AM_PREFIX
# and $AM_MOCK_SERVER (which the tests start on port 0 and stop):
#   gofmt, go vet (binding, benchmarks, example), the build without cgo
#   (must fail at compile time saying why), the example's build, then
#   go test -race over every package.
# Ends with one line, "go: N passed, N failed": the test cases go test
# reports (subtests included) plus the checks above; non-zero exit on failure.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/env.sh" AM_MOCK_SERVER AM_CATALOG
cd "$here"
build=$here/.build
mkdir -p "$build"
example=$here/../../examples/go

passed=0 failed=0
# check NAME COMMAND...: a check counted like a test case; its output is shown when it fails.
check() {
  local name=$1 out
  shift
  if out=$("$@" 2>&1); then
    passed=$((passed + 1))
    echo "ok   $name"
  else
    failed=$((failed + 1))
    echo "FAIL $name"
    printf '%s\n' "$out"
  fi
}
formatted() {
  local bad
  bad=$(gofmt -l . "$example")
  [ -z "$bad" ] || { echo "not gofmt-formatted: $bad"; return 1; }
}
fails_without_cgo() {
  local out
  if out=$(CGO_ENABLED=0 go build -o /dev/null . 2>&1); then
    echo "the package built with CGO_ENABLED=0"
    return 1
  fi
  grep -q "requires cgo" <<<"$out" || { echo "no 'requires cgo' in: $out"; return 1; }
}

echo "== go: checks"
check "gofmt" formatted
check "go vet ./..." go vet ./...
check "go vet -tags anthropic_models_bench ./..." go vet -tags anthropic_models_bench ./...
check "go vet (examples/go)" go -C "$example" vet ./...
check "CGO_ENABLED=0 fails at compile time, saying cgo is required" fails_without_cgo
check "examples/go builds" go -C "$example" build -o "$build/list-image-models" .

echo "== go: go test -race ./..."
go test -race -count=1 -timeout 8m -json ./... >"$build/test.json" 2>"$build/test.stderr"
cat "$build/test.stderr"
summary=$(go run ./internal/tools/testsummary <"$build/test.json")
printf '%s\n' "$summary" | sed '$d'
last=$(printf '%s\n' "$summary" | tail -1)
if [[ $last =~ ^go\ test:\ ([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
  passed=$((passed + BASH_REMATCH[1]))
  failed=$((failed + BASH_REMATCH[2]))
else
  echo "no summary from the test run"
  failed=$((failed + 1))
fi
[ "$passed" -gt 0 ] || failed=$((failed + 1))

echo "go: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
