#!/usr/bin/env bash
# `make bench`: every benchmark, each printing ratios against its same-run baseline, then every
# figure beside its last recorded value (bench/compare.py), marking those more than 20 % worse.
# Usage: run.sh BUILD_DIR
#   BENCH_ONLY     which benchmarks, of "storage import http tickets mail bot health survey loyalty chat"
#                  (default all ten)
#   BENCH_RECORD   1: store this run's figures as the last recorded ones (only if all succeeded)
#   BENCH_RATIOS   the recorded figures (default bench/last_ratios.tsv; e.g. a separate file for
#                  the 1,000,000-customer set)
#   and http_bench's BENCH_* variables (BENCH_DATA_DIR, BENCH_SECONDS, ...: http_bench.sh)
set -uo pipefail
build=$1
here=$(dirname "$(realpath "$0")")
only=" ${BENCH_ONLY:-storage import http tickets mail bot health survey loyalty chat} "
log=$(mktemp)
trap 'rm -f "$log"' EXIT

{
  echo "== $(date -u +%F) on $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  [[ $only == *" storage "* ]] && { "$build/bench/storage_bench" || exit 1; }
  # 200,000 rows keep it to a few minutes on 2 cores; `import_bench` alone runs the issue's 1,000,000.
  [[ $only == *" import "* ]] && { "$build/bench/import_bench" --rows 200000 --small 20000 || exit 1; }
  # The issue's size: 100,000 demo customers (~930,000 timeline entries); BENCH_CUSTOMERS=5000 for a
  # quick run, BENCH_DATA_DIR to make them once and keep them (docs/testing.md).
  [[ $only == *" http "* ]] && { bash "$here/http_bench.sh" "$build" || exit 1; }
  # The desk: 100,000 tickets with 1,000,000 messages on the same customers (bench/gen_tickets.py).
  [[ $only == *" tickets "* ]] && { bash "$here/ticket_bench.sh" "$build" || exit 1; }
  # 10,000 e-mails into tickets against parsing them alone (BENCH_MAILS to change the count).
  [[ $only == *" mail "* ]] && { bash "$here/mail_bench.sh" "$build" || exit 1; }
  # The chatbot on its evaluation set (bench/bot_eval/): top-1 accuracy, false answers, hand-offs.
  [[ $only == *" bot "* ]] && { "$build/bench/bot_bench" || exit 1; }
  # Customer health on CDNOW: AUC of the score against recency alone (docs/design/health.md).
  [[ $only == *" health "* ]] && { "$build/bench/health_bench" && "$build/bench/health_backtest" || exit 1; }
  # 100,000 survey answers (durable) against logging as many interactions.
  [[ $only == *" survey "* ]] && { "$build/bench/survey_bench" || exit 1; }
  # Loyalty: 100,000 orders earned through the outbox against placing them; a balance read at
  # 1,000,000 ledger rows against a bare indexed SELECT.
  [[ $only == *" loyalty "* ]] && { "$build/bench/loyalty_bench" || exit 1; }
  # Live chat: 1,000 widget sockets and 50 agents for a minute (BENCH_CHAT_*: bench/chat_bench.mjs).
  [[ $only == *" chat "* ]] && { RAPPORT_BIN="$build/rapport" node "$here/chat_bench.mjs" || exit 1; }
  exit 0
} | tee "$log"
status=${PIPESTATUS[0]}

record=()
if [ "${BENCH_RECORD:-0}" = 1 ]; then
  if [ "$status" = 0 ]; then record=(--record); else echo "run.sh: a benchmark failed; nothing recorded" >&2; fi
fi
echo
python3 "$here/compare.py" --last "${BENCH_RATIOS:-$here/last_ratios.tsv}" "${record[@]}" <"$log" ||
  status=1
exit "$status"
