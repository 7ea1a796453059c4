#!/usr/bin/env bash
# Acknowledged writes survive `kill -9` of the server: every user the API answered 201 for is
# there after a hard kill and a restart. Run by ctest per backend (QL_TEST_BACKEND, QL_BINARY,
# QL_TEST_PG_URL_FILE as for the browser tests).
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
  pg_db=qlk_$$
  psql "$pg_base" -qc "CREATE DATABASE $pg_db" >/dev/null
  db="${pg_base%/*}/$pg_db"
else
  db="sqlite:$tmp/q.db"
fi

"$bin" init --demo --db "$db" --credentials "$tmp/cred" >/dev/null
password=$(awk '$1 == "admin" {print $2}' "$tmp/cred")

start() {
  "$bin" serve --db "$db" --listen 127.0.0.1:0 --web-root "$tmp" >"$tmp/serve.log" 2>&1 &
  pid=$!
  for _ in $(seq 100); do
    port=$(grep -o 'serving on http://127.0.0.1:[0-9]*' "$tmp/serve.log" | grep -o '[0-9]*$' || true)
    [ -n "$port" ] && return 0
    sleep 0.1
  done
  echo "server did not start:"; cat "$tmp/serve.log"; exit 1
}
login() {
  curl -sf -X POST "http://127.0.0.1:$port/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$password\"}" | grep -o '"token":"[^"]*"' | cut -d'"' -f4
}

start
token=$(login)
acked=0
for i in $(seq 1 20); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$port/api/v1/users" \
    -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"username\":\"durable.$i\",\"display_name\":\"持久$i\",\"password\":\"Passw0rd$i\",\"role\":\"resident\",\"region_code\":\"339902001001\"}")
  [ "$code" = 201 ] && acked=$((acked + 1))
done
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
pid=

start
token=$(login)
total=$(curl -sf "http://127.0.0.1:$port/api/v1/users?q=durable.&size=100" -H "Authorization: Bearer $token" |
  grep -o '"total":[0-9]*' | cut -d: -f2)
if [ "$acked" -ne 20 ] || [ "$total" -ne "$acked" ]; then
  echo "FAIL ($backend): $acked writes acknowledged, $total found after kill -9"
  exit 1
fi
echo "ok ($backend): $acked acknowledged writes all present after kill -9"
