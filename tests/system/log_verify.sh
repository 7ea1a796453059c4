#!/usr/bin/env bash
# `qinglian log verify` end to end: a publication made through the API verifies; the same
# published row changed by hand in the database makes it fail, naming the mismatch.
# Run by ctest per backend (QL_TEST_BACKEND, QL_BINARY, QL_TEST_PG_URL_FILE).
set -euo pipefail
bin=${QL_BINARY:?QL_BINARY is required}
backend=${QL_TEST_BACKEND:-sqlite}
tmp=$(mktemp -d)
pid=
pg_base=
pg_db=
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  if [ -n "$pg_db" ]; then psql "$pg_base" -qc "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null 2>&1 || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

if [ "$backend" = postgresql ]; then
  pg_base=$(cat "${QL_TEST_PG_URL_FILE:?QL_TEST_PG_URL_FILE is required}")
  pg_db=qlv_$$
  psql "$pg_base" -qc "CREATE DATABASE $pg_db" >/dev/null
  db="${pg_base%/*}/$pg_db"
  sql() { psql "$db" -qAtc "$1"; }
else
  db="sqlite:$tmp/q.db"
  sql() { sqlite3 "$tmp/q.db" "$1"; }
fi
key="$tmp/keys/log.key"

"$bin" init --demo --db "$db" --credentials "$tmp/cred" --log-key "$key" >/dev/null
password=$(awk '$1 == "hefeng.clerk" {print $2}' "$tmp/cred")
"$bin" serve --db "$db" --listen 127.0.0.1:0 --web-root "$tmp" --log-key "$key" >"$tmp/serve.log" 2>&1 &
pid=$!
port=
for _ in $(seq 100); do
  port=$(grep -o 'serving on http://127.0.0.1:[0-9]*' "$tmp/serve.log" | grep -o '[0-9]*$' || true)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "server did not start"; cat "$tmp/serve.log"; exit 1; }
api="http://127.0.0.1:$port/api/v1"
token=$(curl -sf -X POST "$api/auth/login" -H 'Content-Type: application/json' \
  -d "{\"username\":\"hefeng.clerk\",\"password\":\"$password\"}" | grep -o '"token":"[^"]*"' | cut -d'"' -f4)
id=$(curl -sf -X POST "$api/disclosures" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"region":"339902001001","category":"finance","stage":"after","title":"2026年第三季度财务收支","body":"收入 12,000.00 元"}' |
  grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
curl -sf -X POST "$api/disclosures/$id/publish" -H "Authorization: Bearer $token" >/dev/null
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=

"$bin" log verify --db "$db" --log-key "$key"
sql "UPDATE disclosure SET body = '收入 1,200.00 元' WHERE id = $id"
if out=$("$bin" log verify --db "$db" --log-key "$key" 2>&1); then
  echo "FAIL ($backend): log verify accepted a hand-edited publication"; exit 1
fi
echo "$out" | grep -q "entry 0" || { echo "FAIL ($backend): mismatch not named: $out"; exit 1; }
echo "ok ($backend): hand edit detected: $out"
