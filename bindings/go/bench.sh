#!/usr/bin/env bash
# The Go binding's benchmarks, each against its C baseline in the same run
# (C and Go alternate, AM_BENCH_COUNT times, default 7), against
# am-mock-server --synthetic 1000 (started and stopped by the benchmarks):
#   ReadEveryField  copying a fetched 1000-model list into Go values and
#                   reading every field, vs reading every field in C (target 2x)
#   List            fetching one 1000-model page and reading every field (target 2x)
#   Get             one model on a kept-alive connection, vs am_model_get (target 1.2x)
# Prints the medians and the Go/C ratios; the raw output is in .build/bench.txt.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/env.sh" AM_MOCK_SERVER AM_CATALOG
cd "$here"
mkdir -p .build
go test -tags anthropic_models_bench -run '^$' -bench . -count "${AM_BENCH_COUNT:-7}" \
  -benchtime "${AM_BENCH_TIME:-1s}" . >.build/bench.txt
go run ./internal/tools/benchsummary ReadEveryField=2 List=2 Get=1.2 <.build/bench.txt
