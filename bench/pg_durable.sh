#!/bin/bash
# bench/pg_durable.sh: a PostgreSQL 15 for benchmarks that need durable commits, unlike
# tests/pg/start.sh (which runs fsync=off): fsync=on, synchronous_commit=on,
# full_page_writes=on (the server defaults), on 127.0.0.1 only, trust auth for user postgres.
# The data directory is kept between runs (so a benchmark's cached data survives); `start`
# reuses it, `stop` only stops the server, `destroy` stops it and deletes DIR.
# Writes the URL to DIR/url.
# Usage: bench/pg_durable.sh start|stop|destroy DIR
set -euo pipefail

cmd=${1:?usage: $0 start|stop|destroy DIR}
dir=${2:?usage: $0 start|stop|destroy DIR}
bin=/usr/lib/postgresql/15/bin

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u qinglian-test -- "$@"; else "$@"; fi
}
stop() {
  [ -f "$dir/data/postmaster.pid" ] || return 0
  as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -s stop >/dev/null 2>&1 || true
}

case $cmd in
  stop) stop; exit 0 ;;
  destroy) stop; rm -rf "$dir"; exit 0 ;;
  start) ;;
  *) echo "usage: $0 start|stop|destroy DIR" >&2; exit 2 ;;
esac

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
if [ "$(id -u)" = 0 ]; then
  id -u qinglian-test >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin qinglian-test
  chown qinglian-test: "$dir"
fi
stop
if [ ! -f "$dir/data/PG_VERSION" ]; then
  as_owner mkdir -p "$dir/sock"
  as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
fi
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in $(seq 56432 56531); do
  port_in_use "$port" && continue
  if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 120 -s \
      -o "-c listen_addresses=127.0.0.1 -p $port -k '$dir/sock' -c fsync=on -c synchronous_commit=on -c full_page_writes=on -c max_wal_size=4GB -c shared_buffers=512MB" \
      start >/dev/null 2>&1; then
    echo "postgresql://postgres@127.0.0.1:$port/postgres" >"$dir/url"
    echo "PostgreSQL 15 (durable) on 127.0.0.1:$port (URL in $dir/url)"
    exit 0
  fi
  grep -q "could not bind\|Address already in use" "$dir/server.log" 2>/dev/null || break
done
echo "pg_durable.sh: PostgreSQL did not start; log follows" >&2
cat "$dir/server.log" >&2 2>/dev/null || true
exit 1
