#!/usr/bin/env bash
# The CDNOW loyalty figures (issue 16, bench/RESULTS.md): creates a programme of 1 point per whole
# dollar per order with no return window and tiers at 100 and 500 points over 12 months (on an
# empty data directory, so no event earns before the replay), imports ../shared/data/cdnow's
# transactions offline (docs/import.md), replays the programme
# (`rapport loyalty replay`), and reads the reports API as of 1998-06-30. Prints the import's and
# the replay's rates (same binary, same run) and the report's figures; bench/cdnow_loyalty_check.py
# computes the same figures from the CSV alone.
# Usage: cdnow_loyalty.sh BUILD_DIR   (a Release build: `make build`)
set -euo pipefail
bin=$(realpath "$1/rapport")
here=$(dirname "$(realpath "$0")")
csv=$(realpath "$here/../../shared/data/cdnow/cdnow_transactions.csv")
dir=$(mktemp -d /tmp/rapport-cdnow-loyalty-XXXXXX)
trap 'kill "${server:-}" 2>/dev/null || true; rm -rf "$dir"' EXIT
token=$("$bin" token create --data-dir "$dir" --name cdnow | tail -1)

port=$((20000 + RANDOM % 20000))
serve() {
  "$bin" serve --data-dir "$dir" --listen "127.0.0.1:$port" >>"$dir/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && return; sleep 0.2; done
  echo "server did not start" >&2; tail "$dir/serve.log" >&2; exit 1
}
api() { curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$@"; }
stop() { kill "$server"; wait "$server" || true; server=; }
# At the end the server would first deliver the import's events (idempotent: each order earned
# once already); the data directory is thrown away, so it is not waited for.
halt() { kill -9 "$server"; wait "$server" 2>/dev/null || true; server=; }

serve
api -X PUT "http://127.0.0.1:$port/api/v1/loyalty/programmes/cdnow" -d '{"name":"CDNOW points",
  "currency":"USD","pending_days":0,"earn":{"spend":{"points":1,"per":"1.00"}}}' >/dev/null
api -X PUT "http://127.0.0.1:$port/api/v1/loyalty/programmes/cdnow/tiers" -d '{"basis":"points_earned",
  "window":{"type":"rolling","months":12},"grace_days":0,
  "tiers":[{"name":"Silver","threshold":100},{"name":"Gold","threshold":500}]}' >/dev/null
stop

start=$(date +%s.%N)
"$bin" import orders "$csv" --data-dir "$dir" --mapping "$here/../docs/examples/cdnow-orders.json" >"$dir/import.log" 2>&1
import_s=$(echo "$(date +%s.%N) - $start" | bc)
tail -2 "$dir/import.log"

start=$(date +%s.%N)
"$bin" loyalty replay cdnow --data-dir "$dir" 2>&1 | tail -1 | tee "$dir/replay.log"
replay_s=$(echo "$(date +%s.%N) - $start" | bc)

serve
api "http://127.0.0.1:$port/api/v1/loyalty/programmes/cdnow/reports?from=1997-01&to=1998-06-30&interval=quarter" >"$dir/report.json"
halt
python3 - "$dir/report.json" "$import_s" "$replay_s" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
last = r["periods"][-1]
issued = sum(p["points"]["issued"] for p in r["periods"])
orders = 69659
imp, rep = float(sys.argv[2]), float(sys.argv[3])
print(f"as of {last['end']}: members {last['members']}, points issued {issued}, liability {last['liability']['points']}, "
      f"tiers {[(t['name'] or 'none', t['members']) for t in last['tiers']]}")
for p in r["periods"]:
    print(f"  {p['start']}..{p['end']}: members {p['members']} active {p['active_members']} issued {p['points']['issued']} "
          f"tiers {[t['members'] for t in p['tiers']]}")
print(f"ratio   loyalty replay (CDNOW)  {orders / rep:.0f} orders/s  baseline (importing the same orders)  "
      f"{orders / imp:.0f} orders/s  ratio {imp / rep:.2f}")
PY
