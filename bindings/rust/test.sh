#!/usr/bin/env bash
# The Rust binding's whole test run, from a clean checkout:
#  1. rustfmt --check and clippy -D warnings over every crate and target;
#  2. every test of the workspace against $AM_PREFIX's shared library
#     (the tests start $AM_MOCK_SERVER on port 0 themselves and stop it);
#  3. the `bundled` feature: the C library built from this repository with
#     CMake and linked statically, then the declaration check, the linkage
#     check and a run against the server;
#  4. the other ways the build script links: ANTHROPIC_MODELS_STATIC=1,
#     ANTHROPIC_MODELS_LIB_DIR, and ANTHROPIC_MODELS_NO_BUNDLED=1 overriding
#     the feature.
# Ends with one line, "rust: N passed, N failed" (libtest's own counts; a
# lint, build or crashed test binary counts as one failure), and exits
# non-zero on any failure.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
: "${AM_MOCK_SERVER:?set AM_MOCK_SERVER to the am-mock-server binary}"
: "${AM_CATALOG:?set AM_CATALOG to the catalog JSON of the mock server}"
# shellcheck source=scripts/cargo-env.sh
. "$here/scripts/cargo-env.sh"
cd "$here"
# The tests configure their clients themselves; a developer's key stays out.
unset ANTHROPIC_API_KEY ANTHROPIC_AUTH_TOKEN ANTHROPIC_BASE_URL

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
passed=0 failed=0

# with VAR=VALUE CARGO_ARGS...: offline_cargo with one more variable set.
with() { (export "$1" && shift && offline_cargo "$@"); }

# count_results LOG: "PASSED FAILED" summed over libtest's summary lines.
count_results() {
  awk '/^test result:/ {
      for (i = 1; i < NF; i++) { if ($(i + 1) == "passed;") p += $i; if ($(i + 1) == "failed;") f += $i }
    } END { print p + 0, f + 0 }' "$1"
}

# step NAME COMMAND...: runs a step, keeps its output, counts its results.
step() {
  local name=$1 log="$logs/$1.log" p f
  shift
  echo "== rust: $name"
  if "$@" >"$log" 2>&1; then ok=1; else ok=0; fi
  grep -E '^ *Running|test result:|FAILED|panicked' "$log" || true
  read -r p f < <(count_results "$log")
  passed=$((passed + p))
  failed=$((failed + f))
  if [ "$ok" -eq 0 ] && [ "$f" -eq 0 ]; then
    # Failed outside libtest's count: a lint, a build, or a binary that died.
    tail -n 40 "$log"
    failed=$((failed + 1))
  fi
}

if cargo fmt --version >/dev/null 2>&1; then
  step fmt cargo fmt --all -- --check --color never
else
  echo "== rust: rustfmt is not installed; formatting not checked"
fi
if cargo clippy --version >/dev/null 2>&1; then
  step clippy offline_cargo clippy --workspace --all-targets -- -D warnings
else
  echo "== rust: clippy is not installed; building every target with -D warnings instead"
  step build-warnings with RUSTFLAGS="-D warnings" build --workspace --all-targets
fi
step tests offline_cargo test --workspace --no-fail-fast
step bundled offline_cargo test --no-fail-fast -p anthropic-models-sys -p anthropic-models --features anthropic-models/bundled \
  --test declarations --test linkage --test models --test futures --test cache --test selection
# The build script's other ways to link, each checked by the linkage test.
step static with ANTHROPIC_MODELS_STATIC=1 test -p anthropic-models-sys --test linkage --test declarations
step lib-dir with ANTHROPIC_MODELS_LIB_DIR="$AM_PREFIX/lib" test -p anthropic-models-sys --test linkage --test declarations
step no-bundled with ANTHROPIC_MODELS_NO_BUNDLED=1 test -p anthropic-models-sys --features bundled --test linkage

echo
echo "rust: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
