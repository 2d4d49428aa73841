#!/usr/bin/env bash
# settle_data.sh: serve a kept benchmark set (bench/make_data.sh) once, in place, with this build,
# so every run's copy starts settled: migrations applied, served records rendered, every event
# subscriber caught up. Without it, each http_bench run repeats that work on its copy (at
# 1,000,000 customers about 90 s) and the bytes per customer are those of the binary that wrote
# the set. Appends what it did and the new size to the set's about.txt. Loopback only.
# Usage: settle_data.sh BUILD_DIR DIR
set -euo pipefail
bin=$(realpath "$1/rapport")
dir=$2
here=$(dirname "$(realpath "$0")")
[ -d "$dir/data" ] || { echo "settle_data: $dir/data does not exist" >&2; exit 1; }
work=$(mktemp -d)
# shellcheck source=bench/wrk_measure.sh
source "$here/wrk_measure.sh"  # wait_for_subscribers
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
start=$(date +%s)
"$bin" serve --data-dir "$dir/data" --listen "127.0.0.1:$port" 2>"$work/server.log" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 3600); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$port/readyz" >/dev/null ||
  { tail -n 20 "$work/server.log" >&2; echo "settle_data: the server did not get ready" >&2; exit 1; }
wait_for_subscribers "$dir/data/rapport.db"
kill "$pid"
wait "$pid" || true
{
  echo "settled: served once in place by $(git -C "$here" describe --always --dirty 2>/dev/null ||
    echo unknown) on $(date -u +%FT%TZ) in $(($(date +%s) - start)) s (migrations, served" \
    "records, subscribers caught up)"
  echo "size: $(du -sb "$dir/data" | cut -f1) bytes"
} >>"$dir/about.txt"
tail -n 2 "$dir/about.txt"
