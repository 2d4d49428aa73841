#!/usr/bin/env bash
# callgrind_requests: instructions per request of the HTTP hot paths, counted by valgrind's
# callgrind in the whole server (every thread), so that two binaries compare exactly even on a
# busy machine, where wrk's ratios move by tens of percent. Loopback only; bounded by COUNT.
# Usage: callgrind_requests.sh RAPPORT_BIN [COUNT]
#   CG_CUSTOMERS  demo customers (default 2000, seed 1); a page's cost does not depend on it
#   CG_DATA_DIR   serve a copy of this data directory instead of a new demo
# Prints one line per path: its name and the server's instructions per request (the mean over
# COUNT requests after 5 unmeasured ones). `create` is a durable POST /customers of a new person
# each time, counted with what the event dispatcher's subscribers then do for it (the counters
# are dumped once the server has been idle for 2 s).
set -euo pipefail
bin=$(realpath "$1")
count=${2:-50}
work=$(mktemp -d)
finish() {
  kill "$(cat "$work/pid" 2>/dev/null)" 2>/dev/null || true
  sleep 1
  rm -rf "$work"
}
trap finish EXIT
if [ -n "${CG_DATA_DIR:-}" ]; then
  cp -a --reflink=auto "$CG_DATA_DIR" "$work/data"
else
  "$bin" demo --data-dir "$work/data" --customers "${CG_CUSTOMERS:-2000}" --seed 1 >"$work/demo.log" 2>&1
fi
token=$("$bin" token create --data-dir "$work/data" --name callgrind 2>/dev/null | tail -n 1)
echo 'rate_limit_per_minute = 1000000000' >"$work/data/rapport.toml"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" "$bin" serve \
  --data-dir "$work/data" --listen "127.0.0.1:$port" 2>"$work/server.log" &
echo $! >"$work/pid"
base="http://127.0.0.1:$port"
for _ in $(seq 600); do curl -sf "$base/readyz" >/dev/null && break; sleep 0.5; done
# Wait until the server is idle: at start it delivers the demo's events to the subscribers the
# demo did not run, and that work must not land in a path's window. Idle = no CPU for 2 s.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$(cat "$work/pid")/stat"; }
last=-1
for _ in $(seq 600); do
  now=$(cpu_ticks)
  [ "$now" = "$last" ] && break
  last=$now
  sleep 2
done
api="$base/api/v1"
auth="Authorization: Bearer $token"
id=$(curl -sf -H "$auth" "$api/customers?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"][0]["id"])')

# measure NAME METHOD PATH [BODY]: COUNT requests between a zeroing and a dump of the counters.
dumps=0
measure() {
  local name=$1 method=$2 path=$3 body=${4:-}
  local args=(-sf -o /dev/null -H "$auth" -X "$method")
  [ -n "$body" ] && args+=(-H 'Content-Type: application/json' -d "$body")
  for _ in 1 2 3 4 5; do curl "${args[@]}" "$base$path"; done
  callgrind_control -z "$(cat "$work/pid")" >/dev/null
  for _ in $(seq "$count"); do curl "${args[@]}" "$base$path"; done
  callgrind_control -d "$(cat "$work/pid")" >/dev/null
  dumps=$((dumps + 1))
  local file
  file=$(ls -t "$work"/cg.out.* | head -n 1)
  # summary: the dump's own count; totals: can also hold work from before the zeroing.
  awk -v n="$count" -v name="$name" '/^summary:/ {ir = $2} END {printf "%-24s %12.0f\n", name, ir / n}' "$file"
}
measure healthz GET /healthz
measure get GET "/api/v1/customers/$id"
measure overview GET "/api/v1/customers/$id/overview"
measure list50 GET "/api/v1/customers?limit=50"
measure q GET "/api/v1/customers?q=thomas&limit=20"
measure search_eq POST /api/v1/customers/search '{"filter":{"field":"last_name","op":"eq","value":"Johnson"},"limit":20}'
measure search_contains POST /api/v1/customers/search '{"filter":{"field":"last_name","op":"contains","value":"mann"},"limit":20}'

# Durable creates: distinct people, and the events they raise delivered before the dump.
for i in 1 2 3 4 5; do
  curl -sf -o /dev/null -H "$auth" -H 'Content-Type: application/json' -X POST \
    -d "{\"first_name\":\"Warm\",\"last_name\":\"Up$i\",\"emails\":[{\"address\":\"warm$i@cg.example\"}]}" \
    "$api/customers"
done
sleep 2
callgrind_control -z "$(cat "$work/pid")" >/dev/null
for i in $(seq "$count"); do
  curl -sf -o /dev/null -H "$auth" -H 'Content-Type: application/json' -X POST \
    -d "{\"first_name\":\"Callgrind\",\"last_name\":\"Person$i\",\"emails\":[{\"address\":\"person$i@cg.example\"}]}" \
    "$api/customers"
done
sleep 2
callgrind_control -d "$(cat "$work/pid")" >/dev/null
file=$(ls -t "$work"/cg.out.* | head -n 1)
awk -v n="$count" '/^summary:/ {ir = $2} END {printf "%-24s %12.0f\n", "create", ir / n}' "$file"
