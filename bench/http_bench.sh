#!/usr/bin/env bash
# http_bench: the HTTP hot paths with wrk, each as a ratio against a bare endpoint (/healthz) of
# the same server in the same run (DESIGN §4), with each endpoint's p99 latency beside it.
# Loopback only; bounded by wrk's duration.
# Usage: http_bench.sh BUILD_DIR
#   BENCH_CUSTOMERS  demo customers (default 100000, the foundation issue's size: with the demo's
#                    ~10 timeline entries per customer, about 1,000,000 interactions)
#   BENCH_SECONDS    wrk duration per endpoint (default 5)
set -euo pipefail
bin="$1/rapport"
duration=${BENCH_SECONDS:-5}
customers=${BENCH_CUSTOMERS:-100000}
dir=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
trap 'kill $(cat "$dir/pid" 2>/dev/null) 2>/dev/null || true; rm -rf "$dir"' EXIT

demo_start=$(date +%s.%N)
"$bin" demo --data-dir "$dir" --customers "$customers" --seed 1 2>"$dir/demo.log" ||
  { cat "$dir/demo.log" >&2; exit 1; }
demo_seconds=$(python3 -c "print(f'{$(date +%s.%N) - $demo_start:.1f}')")
data_bytes=$(du -sb "$dir" | cut -f1)
token=$("$bin" token create --data-dir "$dir" --name bench 2>/dev/null | tail -n 1)
# A sales user whose access is enforced (team scope), with a teammate who owns the record read.
for who in seller mate; do
  echo "loopback benchmark passphrase" | "$bin" user add --data-dir "$dir" --email "$who@bench.example" \
    --name "$who" --role sales --password-stdin >/dev/null
done
sales_token=$("$bin" token create --data-dir "$dir" --name sales --user seller@bench.example \
  2>/dev/null | tail -n 1)
# The per-token rate limiter still runs on every request (its cost is measured), but with a
# limit no benchmark reaches.
echo 'rate_limit_per_minute = 1000000000' >"$dir/rapport.toml"
"$bin" serve --data-dir "$dir" --listen "127.0.0.1:$port" 2>"$dir/server.log" &
echo $! >"$dir/pid"
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done
base="http://127.0.0.1:$port"
auth="Authorization: Bearer $token"
id=$(curl -sf -H "$auth" "$base/api/v1/customers?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"][0]["id"])')
json_field() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
users=$(curl -sf -H "$auth" "$base/api/v1/users")
seller=$(echo "$users" | json_field '[u["id"] for u in d["data"] if u["name"]=="seller"][0]')
mate=$(echo "$users" | json_field '[u["id"] for u in d["data"] if u["name"]=="mate"][0]')
team=$(curl -sf -H "$auth" -H 'Content-Type: application/json' -d '{"name":"Bench team"}' \
  "$base/api/v1/teams" | json_field 'd["id"]')
for user in "$seller" "$mate"; do
  curl -sf -X PATCH -H "$auth" -H 'Content-Type: application/json' -d "{\"teams\":[\"$team\"]}" \
    "$base/api/v1/users/$user" >/dev/null
done
curl -sf -X PATCH -H "$auth" -H 'Content-Type: application/json' -d "{\"owner_id\":\"$mate\"}" \
  "$base/api/v1/customers/$id" >/dev/null
# Refuse to measure a misconfigured run: the sales user must actually reach the record.
curl -sf -H "Authorization: Bearer $sales_token" "$base/api/v1/customers/$id" >/dev/null

rps() {  # rps URL [wrk args...] -> "requests/s p99" (p99 as wrk prints it, e.g. 12.34ms)
  local url=$1; shift
  # --timeout: wrk's default of 2 s would drop slow requests from the latency distribution.
  wrk -t2 -c32 -d"${duration}s" --timeout 10s --latency "$@" "$url" |
    awk '/Requests\/sec/ {r=$2} $1=="99%" {p=$2} END {print r, p}'
}
ratio() { python3 -c "print(f'{$1/$2:.2f}')"; }

cat >"$dir/create.lua" <<'LUA'
counter = 0
request = function()
  counter = counter + 1
  local body = string.format('{"first_name":"Bench","emails":[{"address":"b%d-%d@wrk.example"}]}',
                             math.random(1, 1e9), counter)
  return wrk.format("POST", "/api/v1/customers", {["Content-Type"] = "application/json",
                    ["Authorization"] = "Bearer " .. os.getenv("TOKEN")}, body)
end
LUA

read -r healthz healthz_p99 < <(rps "$base/healthz")
read -r get get_p99 < <(rps "$base/api/v1/customers/$id" -H "$auth")
read -r sales_get sales_get_p99 < <(rps "$base/api/v1/customers/$id" -H "Authorization: Bearer $sales_token")
read -r list list_p99 < <(rps "$base/api/v1/customers?limit=50&sort=display_name" -H "$auth")
read -r search search_p99 < <(rps "$base/api/v1/customers?q=mar&limit=20" -H "$auth")
read -r overview overview_p99 < <(rps "$base/api/v1/customers/$id/overview" -H "$auth")
read -r create create_p99 < <(TOKEN=$token rps "$base" -s "$dir/create.lua")

# Each order also puts an entry on the timeline.
read -r logged orders < <(sed -n 's/.* \([0-9]*\) interactions, \([0-9]*\) orders.*/\1 \2/p' "$dir/demo.log")
echo "http_bench: wrk -t2 -c32 -d${duration}s on loopback, $customers demo customers," \
  "$((logged + orders)) timeline entries ($logged interactions + $orders orders)"
echo "demo data: generated in ${demo_seconds} s; data directory $(python3 -c "print(f'{$data_bytes/1e6:.0f} MB, {$data_bytes/$customers/1e3:.1f} KB per customer')")"
echo "ratio: requests/s against GET /healthz of the same server in this run; p99: wrk --latency"
printf '%-22s %16s   %-5s   %9s\n' "endpoint" "throughput" "ratio" "p99"
line() {  # line LABEL RPS P99 [NOTE]
  printf '%-22s %10.0f req/s   %-5s   %9s   %s\n' "$1" "$2" "$(ratio "$2" "$healthz")" "$3" "${4:-}"
}
line "GET /healthz" "$healthz" "$healthz_p99"
line "GET customer" "$get" "$get_p99"
line "GET customer as sales" "$sales_get" "$sales_get_p99" "($(ratio "$sales_get" "$get") of the admin GET)"
line "GET customers (50)" "$list" "$list_p99"
line "GET customers?q=" "$search" "$search_p99"
line "GET overview" "$overview" "$overview_p99"
line "POST customer (FULL)" "$create" "$create_p99"
