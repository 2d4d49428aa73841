#!/usr/bin/env bash
# ticket_bench: the service desk's hot paths with wrk, each as a ratio against GET /healthz of the
# same server in the same run (DESIGN §4), p99 beside it — the inbox view (a page of 50 tickets
# with their customers' names) as an administrator and as a support agent whose access is
# enforced (queue teams), the inbox's filtered views, and a durable reply against a durable
# customer create. Then EXPLAIN QUERY PLAN of each inbox view's query. Lines in the format
# bench/compare.py reads. Loopback only.
# Usage: ticket_bench.sh BUILD_DIR
#   BENCH_TICKETS, BENCH_MESSAGES  the desk bench/gen_tickets.py writes (default 100000, 1000000)
#   BENCH_CUSTOMERS, BENCH_SECONDS, BENCH_CONNECTIONS, BENCH_DATA_DIR  as for http_bench.sh (the
#   tickets are written into a copy of the set; the set itself never changes)
set -euo pipefail
here=$(dirname "$(realpath "$0")")
bin=$(realpath "$1/rapport")
duration=${BENCH_SECONDS:-10}
connections=${BENCH_CONNECTIONS:-16}
tickets=${BENCH_TICKETS:-100000}
messages=${BENCH_MESSAGES:-1000000}

if [ -n "${BENCH_DATA_DIR:-}" ]; then
  [ -d "$BENCH_DATA_DIR/data" ] || bash "$here/make_data.sh" "$1" "$BENCH_DATA_DIR" >&2
  set_dir=$BENCH_DATA_DIR
  work=$(mktemp -d "$BENCH_DATA_DIR/tickets.XXXXXX")
  cp -a --reflink=auto "$set_dir/data" "$work/data"
else
  work=$(mktemp -d)
  set_dir=$work/set
  bash "$here/make_data.sh" "$1" "$set_dir" >&2
  mv "$set_dir/data" "$work/data"
fi
dir=$work/data
db=$dir/rapport.db
finish() {
  local status=$?
  [ "$status" != 0 ] && [ -f "$work/server.log" ] && tail -n 20 "$work/server.log" >&2
  kill "$(cat "$work/pid" 2>/dev/null)" 2>/dev/null || true
  rm -rf "$work"
}
trap finish EXIT

for who in agent1 agent2 agent3; do
  echo "loopback benchmark passphrase" | "$bin" user add --data-dir "$dir" --email "$who@bench.example" \
    --name "$who" --role support --password-stdin >>"$work/setup.log" 2>&1 ||
    { cat "$work/setup.log" >&2; exit 1; }
done
start=$(date +%s.%N)
python3 "$here/gen_tickets.py" "$db" --tickets "$tickets" --messages "$messages" >"$work/ids"
generated=$(python3 -c "print(f'{$(date +%s.%N) - $start:.0f}')")
agent=$(sqlite3 "file:$db?mode=ro" "SELECT id FROM users WHERE email = 'agent1@bench.example'")
# The agent works the north team's queues (Billing, Returns), the queue without a team and its own.
sqlite3 "$db" "UPDATE users SET teams = '[\"tea_bench_north\"]' WHERE id = '$agent'"
token=$("$bin" token create --data-dir "$dir" --name bench 2>/dev/null | tail -n 1)
agent_token=$("$bin" token create --data-dir "$dir" --name agent --user agent1@bench.example \
  2>/dev/null | tail -n 1)
echo 'rate_limit_per_minute = 1000000000' >"$dir/rapport.toml"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$bin" serve --data-dir "$dir" --listen "127.0.0.1:$port" 2>"$work/server.log" &
echo $! >"$work/pid"
base="http://127.0.0.1:$port"
for _ in $(seq 600); do curl -sf "$base/readyz" >/dev/null && break; sleep 0.5; done
curl -sf "$base/readyz" >/dev/null || { echo "ticket_bench: the server did not get ready" >&2; exit 1; }
# Refuse to measure a misconfigured run: the agent must reach the tickets it answers.
head -n 1 "$work/ids" | while read -r id; do
  curl -sf -H "Authorization: Bearer $token" "$base/api/v1/tickets/$id" >/dev/null
done

# shellcheck source=bench/wrk_measure.sh
source "$here/wrk_measure.sh"
wait_for_subscribers "$db"
read -r count_tickets count_messages < <(sqlite3 -separator ' ' "file:$db?mode=ro" \
  'SELECT (SELECT count(*) FROM tickets), (SELECT count(*) FROM ticket_messages)')
echo "ticket_bench: wrk -t2 -c$connections -d${duration}s on loopback, $count_tickets tickets," \
  "$count_messages messages (bench/gen_tickets.py in $generated s) on" \
  "$(sqlite3 "file:$db?mode=ro" 'SELECT count(*) FROM customers') customers"
view='{"filter":{"and":[%s]},"limit":50}'
queue_open='{"field":"queue_id","op":"eq","value":"que_bench0"},{"field":"status","op":"eq","value":"open"}'
mine_open="{\"field\":\"status\",\"op\":\"eq\",\"value\":\"open\"},{\"field\":\"assignee_id\",\"op\":\"eq\",\"value\":\"$agent\"}"
measure "GET /healthz" ""
echo "baseline: GET /healthz $(printf '%.0f' "$healthz") req/s, p99 $healthz_p99"
measure "GET tickets limit=50 (inbox)" "$token" GET "/api/v1/tickets?limit=50"
measure "GET tickets limit=50 as support" "$agent_token" GET "/api/v1/tickets?limit=50"
# The inbox's view counts (every view's number beside its name), refreshed on each live update.
measure "GET tickets/counts" "$token" GET "/api/v1/tickets/counts"
measure "GET tickets/counts as support" "$agent_token" GET "/api/v1/tickets/counts"
# shellcheck disable=SC2059  # the format is ours
measure "POST tickets/search queue open" "$token" POST /api/v1/tickets/search \
  "$(printf "$view" "$queue_open")"
# shellcheck disable=SC2059
measure "POST tickets/search mine open" "$agent_token" POST /api/v1/tickets/search \
  "$(printf "$view" "$mine_open")"
measure "POST ticket reply (durable)" "$token" POST "/api/v1/tickets/{id}/messages" \
  '{"body_text":"Thank you, we are on it ({n})."}'
measure "POST customer (durable)" "$token" POST /api/v1/customers \
  '{"first_name":"Bench","emails":[{"address":"t{n}@wrk.example"}]}'

# The inbox views' queries as TicketService::List builds them (src/support/ticket_list.cpp) for
# an administrator (every scope "1") and for the agent (its teams, no team, its own).
explain() {
  echo "EXPLAIN QUERY PLAN — $1"
  sqlite3 "file:$db?mode=ro" "EXPLAIN QUERY PLAN $2" | sed 's/^/    /'
}
select="SELECT t.id, t.updated_at, c.display_name FROM tickets t JOIN customers c ON c.id = t.customer_id LEFT JOIN queues q ON q.id = t.queue_id WHERE (1)"
agent_scope="(t.assignee_id = '$agent' OR q.team_id IS NULL OR q.team_id IN ('tea_bench_north'))"
order="ORDER BY t.updated_at DESC, t.id DESC LIMIT 51"
explain "inbox, administrator" "$select AND (1) AND (1) $order"
explain "inbox, support agent" "$select AND $agent_scope AND (1) $order"
explain "queue view: queue_id and status" "$select AND (1) AND (t.queue_id = 'que_bench0' AND t.status = 'open') $order"
explain "my open tickets, support agent" "$select AND $agent_scope AND (t.status = 'open' AND t.assignee_id = '$agent') $order"
explain "a customer's tickets" "$select AND (1) AND (t.customer_id = (SELECT customer_id FROM tickets LIMIT 1)) $order"
