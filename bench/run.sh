#!/usr/bin/env bash
# `make bench`: every benchmark, each printing ratios against its same-run baseline.
set -euo pipefail
build=$1
echo "== $(date -u +%F) on $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
"$build/bench/storage_bench"
# 200,000 rows keep it to a few minutes on 2 cores; `import_bench` alone runs the issue's 1,000,000.
"$build/bench/import_bench" --rows 200000 --small 20000
# The issue's size: 100,000 demo customers (~930,000 timeline entries); BENCH_CUSTOMERS=5000 for a
# quick run. Generating them takes minutes on 2 cores (bench/RESULTS.md).
bash "$(dirname "$0")/http_bench.sh" "$build"
