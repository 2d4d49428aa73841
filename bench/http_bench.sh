#!/usr/bin/env bash
# http_bench: the HTTP hot paths with wrk, each as a ratio against a bare endpoint (/healthz) of
# the same server in the same run (DESIGN §4). Loopback only; bounded by wrk's duration.
# Usage: http_bench.sh BUILD_DIR
set -euo pipefail
bin="$1/rapport"
duration=${BENCH_SECONDS:-5}
dir=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
trap 'kill $(cat "$dir/pid" 2>/dev/null) 2>/dev/null || true; rm -rf "$dir"' EXIT

"$bin" demo --data-dir "$dir" --customers 5000 --seed 1 2>/dev/null
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

rps() {  # rps URL [wrk args...] -> requests/s
  local url=$1; shift
  wrk -t2 -c32 -d"${duration}s" "$@" "$url" | awk '/Requests\/sec/ {print $2}'
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

healthz=$(rps "$base/healthz")
get=$(rps "$base/api/v1/customers/$id" -H "$auth")
sales_get=$(rps "$base/api/v1/customers/$id" -H "Authorization: Bearer $sales_token")
list=$(rps "$base/api/v1/customers?limit=50&sort=display_name" -H "$auth")
search=$(rps "$base/api/v1/customers?q=mar&limit=20" -H "$auth")
overview=$(rps "$base/api/v1/customers/$id/overview" -H "$auth")
create=$(TOKEN=$token rps "$base" -s "$dir/create.lua")

echo "http_bench: wrk -t2 -c32 -d${duration}s on loopback, 5000 demo customers"
printf '%-22s %10s req/s   ratio vs /healthz\n' "endpoint" ""
printf '%-22s %10.0f req/s   %s\n' "GET /healthz" "$healthz" "1.00"
printf '%-22s %10.0f req/s   %s\n' "GET customer" "$get" "$(ratio "$get" "$healthz")"
printf '%-22s %10.0f req/s   %s   (%s of the admin GET)\n' "GET customer as sales" "$sales_get" \
  "$(ratio "$sales_get" "$healthz")" "$(ratio "$sales_get" "$get")"
printf '%-22s %10.0f req/s   %s\n' "GET customers (50)" "$list" "$(ratio "$list" "$healthz")"
printf '%-22s %10.0f req/s   %s\n' "GET customers?q=" "$search" "$(ratio "$search" "$healthz")"
printf '%-22s %10.0f req/s   %s\n' "GET overview" "$overview" "$(ratio "$overview" "$healthz")"
printf '%-22s %10.0f req/s   %s\n' "POST customer (FULL)" "$create" "$(ratio "$create" "$healthz")"
