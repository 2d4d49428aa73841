#!/usr/bin/env bash
# `make bench`: every benchmark, each printing ratios against its same-run baseline.
set -euo pipefail
build=$1
echo "== $(date -u +%F) on $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
"$build/bench/storage_bench"
bash "$(dirname "$0")/http_bench.sh" "$build"
