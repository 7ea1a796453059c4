# Shared set-up for the system tests, sourced by them: a fresh database on the backend that
# QL_TEST_BACKEND names, the qinglian binary (QL_BINARY), starting a server on a free port,
# and cleaning everything up on exit.
set -euo pipefail
bin=${QL_BINARY:?QL_BINARY is required}
backend=${QL_TEST_BACKEND:-sqlite}
tmp=$(mktemp -d)
pid=
port=
pg_base=
pg_db=

cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  if [ -n "$pg_db" ]; then psql "$pg_base" -qc "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null 2>&1 || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# Sets $db to a new empty database and defines sql() to run a statement on it.
if [ "$backend" = postgresql ]; then
  pg_base=$(cat "${QL_TEST_PG_URL_FILE:?QL_TEST_PG_URL_FILE is required}")
  pg_db=qls_$$
  psql "$pg_base" -qc "CREATE DATABASE $pg_db" >/dev/null
  db="${pg_base%/*}/$pg_db"
  sql() { psql "$db" -qAtc "$1"; }
else
  db="sqlite:$tmp/q.db"
  sql() { sqlite3 "$tmp/q.db" "$1"; }
fi
key="$tmp/keys/log.key"

# Starts `qinglian serve` on a free loopback port; sets $pid and $port.
start_server() {
  "$bin" serve --db "$db" --listen 127.0.0.1:0 --web-root "$tmp" --log-key "$key" >"$tmp/serve.log" 2>&1 &
  pid=$!
  port=
  for _ in $(seq 100); do
    port=$(grep -o 'serving on http://127.0.0.1:[0-9]*' "$tmp/serve.log" | grep -o '[0-9]*$' || true)
    [ -n "$port" ] && return 0
    sleep 0.1
  done
  echo "server did not start:"; cat "$tmp/serve.log"; exit 1
}

# Stops the server with SIGTERM (kill -9 is the durability test's own business).
stop_server() {
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
}

# Prints a bearer token for the demo user $1 (after init --demo wrote $tmp/cred).
login() {
  local password
  password=$(awk -v u="$1" '$1 == u {print $2}' "$tmp/cred")
  curl -sf -X POST "http://127.0.0.1:$port/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"$password\"}" | grep -o '"token":"[^"]*"' | cut -d'"' -f4
}
