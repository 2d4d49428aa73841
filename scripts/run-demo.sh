#!/usr/bin/env bash
# `make run`: fills the data directory with demo data on first start, prints an API token and
# serves until Ctrl-C. Usage: run-demo.sh BINARY DATA_DIR LISTEN DEMO_CUSTOMERS
set -euo pipefail
bin=$1 data_dir=$2 listen=$3 customers=$4

if [ ! -f "$data_dir/rapport.db" ]; then
  echo "First start: creating $customers demo customers in $data_dir (takes a few seconds)..."
  "$bin" demo --data-dir "$data_dir" --customers "$customers" --seed 42
fi
token=$("$bin" token create --data-dir "$data_dir" --name "make-run $(date -u +%FT%TZ)" | tail -n 1)
cat <<MSG

  Rapport is starting on http://$listen
  API token (shown once, only its hash is stored):

    $token

  Try:  curl -H "Authorization: Bearer $token" http://$listen/api/v1/customers?limit=5

MSG
exec "$bin" serve --data-dir "$data_dir" --listen "$listen"
