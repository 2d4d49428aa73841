#!/usr/bin/env bash
# Mail ingest: 10,000 queued e-mails into tickets (`rapport mail receive --batch`, the same
# MailIngest the IMAP pollers use, against a fresh data directory) as a rate against parsing the
# same messages alone (`--parse-only`), in one run (DESIGN §4). The mix is bench/gen_mail.py's.
# Usage: mail_bench.sh BUILD_DIR   (BENCH_MAILS: how many, default 10000)
set -euo pipefail
build=$1
here=$(dirname "$(realpath "$0")")
count=${BENCH_MAILS:-10000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$here/gen_mail.py" "$work/mail" "$count"
rate() { sed -n 's/.*: \([0-9.e+]*\)\/s .*/\1/p'; }
parsed=$("$build/rapport" mail receive --data-dir "$work/data" --batch "$work/mail" --parse-only)
ingested=$("$build/rapport" mail receive --data-dir "$work/data" --batch "$work/mail" 2>/dev/null)
echo "# $parsed"
echo "# $ingested"
ours=$(echo "$ingested" | rate)
theirs=$(echo "$parsed" | rate)
python3 - "$ours" "$theirs" "$count" <<'PY'
import sys
ours, theirs, count = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
print(f"mail ingest ({count} mails) {ours:10.0f} msgs/s   baseline (parsing the same mails alone) "
      f"{theirs:10.0f} msgs/s   ratio {ours / theirs:.3f}")
PY
