#!/usr/bin/env bash
# make_data.sh: a benchmark data set, made once and kept (docs/testing.md, "Benchmarks").
#
#   DIR/data       a Rapport data directory: BENCH_CUSTOMERS demo customers (`rapport demo
#                  --seed 1`: timelines, orders, companies), then BENCH_IMPORTED more customers
#                  brought in through `rapport import customers` of a generated CSV
#                  (bench/gen_customers.py): validation, contact points, consent, full-text
#                  rows, events and audit entries, as for any import.
#   DIR/about.txt  how the set was made: commands, binary, times, counts. http_bench prints it.
#
# Usage: make_data.sh BUILD_DIR DIR
#   BENCH_CUSTOMERS  demo customers (default 100000)
#   BENCH_IMPORTED   customers imported on top (default 0; 900000 makes the 1,000,000 set)
#   BENCH_FROM       an existing set (a DIR made by this script) to copy instead of running
#                    the demo again: `BENCH_FROM=/work/bench-data/100k BENCH_IMPORTED=900000`
# Runs niced; the 100,000-customer demo takes minutes, 900,000 imported rows longer (RESULTS.md).
set -euo pipefail
bin=$(realpath "$1/rapport")
dir=$2
customers=${BENCH_CUSTOMERS:-100000}
imported=${BENCH_IMPORTED:-0}
here=$(dirname "$(realpath "$0")")
[ -e "$dir/data" ] && { echo "make_data: $dir/data exists; remove it first" >&2; exit 1; }
mkdir -p "$dir"
about="$dir/about.txt"
seconds() { python3 -c "print(f'{$(date +%s.%N) - $1:.0f}')"; }

if [ -n "${BENCH_FROM:-}" ]; then
  cp -a --reflink=auto "$BENCH_FROM/data" "$dir/data"
  { cat "$BENCH_FROM/about.txt"; echo "copied from $BENCH_FROM on $(date -u +%FT%TZ)"; } >"$about"
else
  start=$(date +%s.%N)
  nice "$bin" demo --data-dir "$dir/data" --customers "$customers" --seed 1 >"$dir/demo.log" 2>&1 ||
    { tail -n 20 "$dir/demo.log" >&2; exit 1; }
  # The demo's summary line: "... N interactions, M orders ...".
  echo "demo: rapport demo --customers $customers --seed 1 in $(seconds "$start") s" \
    "($(git -C "$here" describe --always --dirty 2>/dev/null || echo unknown) $(date -u +%FT%TZ));" \
    "$(grep -o '[0-9]* interactions, [0-9]* orders' "$dir/demo.log" | tail -n 1)" >"$about"
fi

if [ "$imported" -gt 0 ]; then
  csv="$dir/imported.csv"
  python3 "$here/gen_customers.py" "$imported" >"$csv"
  start=$(date +%s.%N)
  nice "$bin" import customers "$csv" --data-dir "$dir/data" --errors "$dir/import-errors.csv" \
    >"$dir/import.log" 2>&1 || { tail -n 20 "$dir/import.log" >&2; exit 1; }
  elapsed=$(seconds "$start")
  echo "import: $imported generated customers (bench/gen_customers.py) through rapport import" \
    "customers in $elapsed s ($(python3 -c "print(f'{$imported/max($elapsed,1):.0f}')") rows/s);" \
    "$(grep -E '^import |problem' "$dir/import.log" | tr '\n' ' ')" >>"$about"
  rm -f "$csv"
fi
echo "size: $(du -sb "$dir/data" | cut -f1) bytes" >>"$about"
cat "$about"
