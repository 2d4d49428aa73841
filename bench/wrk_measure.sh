# shellcheck shell=bash disable=SC2154,SC2034  # $work, $base, $duration, $connections: the caller's
# wrk_measure.sh: sourced by http_bench.sh and ticket_bench.sh — `measure NAME TOKEN [METHOD PATH [BODY]]` runs wrk
# once and prints a bench/compare.py ratio line against the same run's GET /healthz (measured
# first, without a token). PATH's {id} rotates over the lines of $work/ids; BODY's {n} is unique
# per request. Needs $base, $work, $duration, $connections. Ratios print with two decimals, or two
# significant digits below 0.1 (where 0.00 would hide a tenfold change), never an exponent.
cat >"$work/request.lua" <<'LUA'
local ids, counter = {}, 0
local method, path, body = os.getenv("METHOD") or "GET", os.getenv("PATH_TEMPLATE"), os.getenv("BODY")
local headers = {["Authorization"] = "Bearer " .. os.getenv("TOKEN"), ["Content-Type"] = "application/json"}
local threads = 0
function setup(thread) threads = threads + 1; thread:set("tid", threads) end
function init()
  local file = io.open(os.getenv("IDS"))
  for line in file:lines() do ids[#ids + 1] = line end
  file:close()
end
function request()
  counter = counter + 1
  local p = string.gsub(path, "{id}", ids[counter % #ids + 1])
  local b = body and string.gsub(body, "{n}", tid .. "-" .. counter)
  return wrk.format(method, p, headers, b)
end
LUA

# Waits (up to 10 minutes) until every event subscriber has caught up with the outbox of database
# $1, and says how long that took. A subscriber new to a data set (every one the set predates)
# replays its retained history at start — 1.27 million events on the 100,000-customer set, about
# 20 s of one core — and a figure taken meanwhile measures the replay, not the path.
wait_for_subscribers() {
  local db=$1 started behind
  started=$(date +%s)
  for _ in $(seq 1200); do
    # Also the customers whose served record start-up has not rendered yet (migration 0043).
    behind=$(sqlite3 "file:$db?mode=ro" "SELECT (SELECT count(*) FROM event_consumers
      WHERE position < (SELECT coalesce(max(seq), 0) FROM events))
      + (SELECT count(*) FROM customer_served_stale)" 2>/dev/null || echo 1)
    [ "$behind" = 0 ] && break
    sleep 0.5
  done
  echo "# event subscribers caught up $(($(date +%s) - started)) s after the server was ready" \
    "($behind behind)"
}

measure() {
  local name=$1 bearer=$2 method=${3:-GET} path=${4:-/healthz} body=${5:-}
  local args=()
  [ -n "$bearer" ] && args=(-s "$work/request.lua")
  local out rate p99 failed
  out=$(TOKEN=$bearer METHOD=$method PATH_TEMPLATE=$path BODY=$body IDS=$work/ids \
    wrk -t2 -c"$connections" -d"${duration}s" --timeout 10s --latency "${args[@]}" "$base$path")
  rate=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  failed=$(awk '/Non-2xx/ {n += $NF} /Socket errors/ {n += $4 + $6 + $8 + $10} END {print n + 0}' \
    <<<"$out" | tr -d ,)
  if [ -z "$bearer" ]; then healthz=$rate; healthz_p99=$p99; return; fi
  local note=""
  [ "$failed" != 0 ] && note="($failed failed requests or errors: not a valid figure)"
  printf '%-30s %8.0f req/s   baseline (GET /healthz) %8.0f req/s   ratio %s   p99 %s%s\n' \
    "$name" "$rate" "$healthz" "$(python3 -c "import math; r = $rate / $healthz
print(f'{r:.{2 if r >= 0.1 or r <= 0 else min(8, 1 - math.floor(math.log10(r)))}f}')")" \
    "$p99" "${note:+   $note}"
}
