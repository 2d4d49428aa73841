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
# The per-token rate limiter still runs on every request (its cost is measured), but with a
# limit no benchmark reaches.
echo 'rate_limit_per_minute = 1000000000' >"$dir/rapport.toml"
"$bin" serve --data-dir "$dir" --listen "127.0.0.1:$port" 2>"$dir/server.log" &
echo $! >"$dir/pid"
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done
base="http://127.0.0.1:$port"
auth="Authorization: Bearer $token"
id=$(curl -sf -H "$auth" "$base/api/v1/customers?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"][0]["id"])')

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
list=$(rps "$base/api/v1/customers?limit=50&sort=display_name" -H "$auth")
search=$(rps "$base/api/v1/customers?q=mar&limit=20" -H "$auth")
overview=$(rps "$base/api/v1/customers/$id/overview" -H "$auth")
create=$(TOKEN=$token rps "$base" -s "$dir/create.lua")

echo "http_bench: wrk -t2 -c32 -d${duration}s on loopback, 5000 demo customers"
printf '%-22s %10s req/s   ratio vs /healthz\n' "endpoint" ""
printf '%-22s %10.0f req/s   %s\n' "GET /healthz" "$healthz" "1.00"
printf '%-22s %10.0f req/s   %s\n' "GET customer" "$get" "$(ratio "$get" "$healthz")"
printf '%-22s %10.0f req/s   %s\n' "GET customers (50)" "$list" "$(ratio "$list" "$healthz")"
printf '%-22s %10.0f req/s   %s\n' "GET customers?q=" "$search" "$(ratio "$search" "$healthz")"
printf '%-22s %10.0f req/s   %s\n' "GET overview" "$overview" "$(ratio "$overview" "$healthz")"
printf '%-22s %10.0f req/s   %s\n' "POST customer (FULL)" "$create" "$(ratio "$create" "$healthz")"
