#!/usr/bin/env bash
# http_bench: the HTTP hot paths with wrk, each as a ratio against a bare endpoint (/healthz) of
# the same server in the same run (DESIGN §4), with each endpoint's p99 latency beside it, then
# the server's memory after the whole run and the data directory's bytes per customer. Its lines
# are the format bench/compare.py reads. Loopback only; bounded by wrk's duration.
# Usage: http_bench.sh BUILD_DIR
#   BENCH_CUSTOMERS     demo customers (default 100000, the issue's size: with the demo's ~9
#                       timeline entries per customer, about 930,000 of them)
#   BENCH_SECONDS       wrk duration per endpoint (default 10)
#   BENCH_CONNECTIONS   wrk connections, over 2 threads (default 16: the issue's `wrk -t2 -c16`)
#   BENCH_DATA_DIR      keep the data set here between runs: made by bench/make_data.sh when the
#                       directory holds none, then copied (cp --reflink=auto) beside it for each
#                       run, so a run never changes it (the 1,000,000 set: docs/testing.md)
#   BENCH_WORD          the full-text `q` (default thomas), BENCH_LAST_NAME the exact filter's
#                       value (default Johnson), BENCH_FRAGMENT the `contains` one (default mann),
#                       BENCH_NO_MATCH a `contains` fragment no last name holds (default zqx)
set -euo pipefail
here=$(dirname "$(realpath "$0")")
bin=$(realpath "$1/rapport")
duration=${BENCH_SECONDS:-10}
connections=${BENCH_CONNECTIONS:-16}
word=${BENCH_WORD:-thomas}
last_name=${BENCH_LAST_NAME:-Johnson}
fragment=${BENCH_FRAGMENT:-mann}
no_match=${BENCH_NO_MATCH:-zqx}
# Each read below rotates over this many customers with a timeline, not one hot record.
picks=100

if [ -n "${BENCH_DATA_DIR:-}" ]; then
  [ -d "$BENCH_DATA_DIR/data" ] || bash "$here/make_data.sh" "$1" "$BENCH_DATA_DIR" >&2
  set_dir=$BENCH_DATA_DIR
  work=$(mktemp -d "$BENCH_DATA_DIR/run.XXXXXX")
else
  work=$(mktemp -d)
  set_dir=$work/set
fi
dir=$work/data
finish() {
  local status=$?
  [ "$status" != 0 ] && [ -f "$work/server.log" ] && tail -n 20 "$work/server.log" >&2
  # What the server did before it was ready (the request log after it is long), for the record.
  [ -f "$work/server.log" ] && head -n 100 "$work/server.log" >"$set_dir/last-server-start.log"
  kill "$(cat "$work/pid" 2>/dev/null)" 2>/dev/null || true
  rm -rf "$work"
}
trap finish EXIT
if [ -n "${BENCH_DATA_DIR:-}" ]; then
  cp -a --reflink=auto "$set_dir/data" "$dir"
else
  bash "$here/make_data.sh" "$1" "$set_dir" >&2
  mv "$set_dir/data" "$dir"
fi
data_bytes=$(grep -o '^size: [0-9]*' "$set_dir/about.txt" | tail -n 1 | cut -d' ' -f2)
customers=$(sqlite3 "file:$dir/rapport.db?mode=ro" 'SELECT count(*) FROM customers')
read -r timeline orders < <(sqlite3 -separator ' ' "file:$dir/rapport.db?mode=ro" \
  'SELECT (SELECT count(*) FROM interactions), (SELECT count(*) FROM orders)')

token=$("$bin" token create --data-dir "$dir" --name bench 2>/dev/null | tail -n 1)
# A sales user whose access is enforced (team scope), with a teammate who owns the records read.
for who in seller mate; do
  echo "loopback benchmark passphrase" | "$bin" user add --data-dir "$dir" --email "$who@bench.example" \
    --name "$who" --role sales --password-stdin >>"$work/setup.log" 2>&1 ||
    { cat "$work/setup.log" >&2; exit 1; }
done
sales_token=$("$bin" token create --data-dir "$dir" --name sales --user seller@bench.example \
  2>/dev/null | tail -n 1)
# The per-token rate limiter still runs on every request (its cost is measured), but with a
# limit no benchmark reaches.
echo 'rate_limit_per_minute = 1000000000' >"$dir/rapport.toml"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$bin" serve --data-dir "$dir" --listen "127.0.0.1:$port" 2>"$work/server.log" &
echo $! >"$work/pid"
base="http://127.0.0.1:$port"
# The server reads every stored JSON document before it listens (storage::WarnAboutBadJson):
# about a minute at 1,000,000 customers (bench/RESULTS.md).
ready_start=$(date +%s.%N)
for _ in $(seq 600); do curl -sf "$base/readyz" >/dev/null && break; sleep 0.5; done
curl -sf "$base/readyz" >/dev/null || { echo "http_bench: the server did not get ready" >&2; exit 1; }
api="$base/api/v1"
auth="Authorization: Bearer $token"
rss() { awk -v k="$1:" '$1 == k {printf "%.1f", $2 / 1024}' "/proc/$(cat "$work/pid")/status"; }
rss_start=$(rss VmRSS)
ready_seconds=$(python3 -c "print(f'{$(date +%s.%N) - $ready_start:.1f}')")

json_field() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
post() { curl -sf -H "$auth" -H 'Content-Type: application/json' -d "$2" "$api/$1"; }
# Customers with a timeline (in the 1,000,000 set, the demo's), for the get and overview reads.
post customers/search "{\"filter\":{\"field\":\"interaction_count\",\"op\":\"gte\",\"value\":3},
  \"limit\":$picks}" | json_field '"\n".join(c["id"] for c in d["data"])' >"$work/ids"
users=$(curl -sf -H "$auth" "$api/users")
seller=$(echo "$users" | json_field '[u["id"] for u in d["data"] if u["name"]=="seller"][0]')
mate=$(echo "$users" | json_field '[u["id"] for u in d["data"] if u["name"]=="mate"][0]')
team=$(post teams '{"name":"Bench team"}' | json_field 'd["id"]')
for user in "$seller" "$mate"; do
  curl -sf -X PATCH -H "$auth" -H 'Content-Type: application/json' -d "{\"teams\":[\"$team\"]}" \
    "$api/users/$user" >/dev/null
done
while read -r id; do
  curl -sf -X PATCH -H "$auth" -H 'Content-Type: application/json' -d "{\"owner_id\":\"$mate\"}" \
    "$api/customers/$id" >/dev/null
  # Refuse to measure a misconfigured run: the sales user must actually reach every record.
  curl -sf -H "Authorization: Bearer $sales_token" "$api/customers/$id" >/dev/null
done <"$work/ids"

# measure NAME TOKEN [METHOD PATH [BODY]]: one wrk run as a compare.py ratio line; the first,
# without a token, is the baseline (wrk_measure.sh).
# shellcheck source=bench/wrk_measure.sh
source "$here/wrk_measure.sh"
wait_for_subscribers "$dir/rapport.db"

echo "http_bench: wrk -t2 -c$connections -d${duration}s on loopback, $customers customers," \
  "$timeline timeline entries (interactions and orders), $orders orders"
sed 's/^/  set: /' "$set_dir/about.txt"
search='{"filter":{"field":"last_name","op":"%s","value":"%s"},"limit":20}'
measure "GET /healthz" ""
echo "baseline: GET /healthz $(printf '%.0f' "$healthz") req/s, p99 $healthz_p99"
measure "GET customer" "$token" GET "/api/v1/customers/{id}"
measure "GET customer as sales" "$sales_token" GET "/api/v1/customers/{id}"
measure "GET customers limit=50" "$token" GET "/api/v1/customers?limit=50"
measure "GET customers limit=50 by name" "$token" GET "/api/v1/customers?limit=50&sort=display_name"
measure "GET customers q= limit=20" "$token" GET "/api/v1/customers?q=$word&limit=20"
# shellcheck disable=SC2059  # the format is ours
measure "POST search last_name eq" "$token" POST /api/v1/customers/search \
  "$(printf "$search" eq "$last_name")"
# shellcheck disable=SC2059
measure "POST search last_name contains" "$token" POST /api/v1/customers/search \
  "$(printf "$search" contains "$fragment")"
# A fragment no name holds: the page never fills, so whatever the plan reads, it reads it all.
# shellcheck disable=SC2059
measure "POST search contains, no match" "$token" POST /api/v1/customers/search \
  "$(printf "$search" contains "$no_match")"
# Customer health's trait (issue 15): the list of customers at high churn risk, 20 per page.
measure "POST search churn_risk high" "$token" POST /api/v1/customers/search \
  '{"filter":{"field":"churn_risk","op":"eq","value":"high"},"limit":20}'
measure "GET overview" "$token" GET "/api/v1/customers/{id}/overview"
measure "POST customer (durable)" "$token" POST /api/v1/customers \
  '{"first_name":"Bench","emails":[{"address":"b{n}@wrk.example"}]}'

echo "(q=$word, last_name eq $last_name, contains $fragment and $no_match; reads rotate over" \
  "$(wc -l <"$work/ids") customers with a timeline; server ready in $ready_seconds s," \
  "RSS at start $rss_start MB)"
printf '%-30s %8s MB   lower is better\n' "server RSS after the run" "$(rss VmRSS)"
printf '%-30s %8s MB   lower is better\n' "server peak RSS (VmHWM)" "$(rss VmHWM)"
printf '%-30s %8s KB   lower is better\n' "data directory per customer" \
  "$(python3 -c "print(f'{$data_bytes / $customers / 1e3:.1f}')")"
echo "(data directory $(python3 -c "print(f'{$data_bytes / 1e6:.0f}')") MB before the run)"
