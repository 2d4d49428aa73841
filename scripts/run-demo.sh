#!/usr/bin/env bash
# `make run`: fills the data directory with demo data on first start (demo staff in teams, who
# own the customers, with one shared password, plus a demo admin with its own; both passwords are
# printed once), prints an API token and serves until Ctrl-C.
# Usage: run-demo.sh BINARY DATA_DIR LISTEN DEMO_CUSTOMERS
set -euo pipefail
bin=$1 data_dir=$2 listen=$3 customers=$4
admin_email=admin@rapport.example

admin_note="  Staff sign-in: $admin_email (its password was printed at first start;
  set a new one with: $bin user reset-password --data-dir $data_dir --user $admin_email)"
staff_note="  Demo staff: \`$bin user list --data-dir $data_dir\` (their shared password was printed at
  first start)"
if [ ! -f "$data_dir/rapport.db" ]; then
  echo "First start: creating $customers demo customers in $data_dir (takes a few seconds)..."
  # Prints the demo staff's sign-in names and their shared password, once.
  staff_note=$("$bin" demo --data-dir "$data_dir" --customers "$customers" --seed 42)
  # No built-in default password: a random one, shown once.
  password=$("$bin" user add --data-dir "$data_dir" --email "$admin_email" --name "Demo Admin" \
    --role admin 2>/dev/null | tail -n 1)
  admin_note="  Staff sign-in (shown once, only its hash is stored):
    email:    $admin_email
    password: $password"
fi
token=$("$bin" token create --data-dir "$data_dir" --name "make-run $(date -u +%FT%TZ)" | tail -n 1)
cat <<MSG

  Rapport is starting on http://$listen

$admin_note

$staff_note
  Sign in as a sales agent to see record access: only the Sales team's customers.

  API token (shown once, only its hash is stored):

    $token

  Try:  curl -H "Authorization: Bearer $token" http://$listen/api/v1/customers?limit=5

MSG
exec "$bin" serve --data-dir "$data_dir" --listen "$listen"
