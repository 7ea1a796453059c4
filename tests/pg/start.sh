#!/bin/bash
# Starts a throwaway PostgreSQL 15 for the tests: data in DIR/data, socket in DIR/sock,
# listening on 127.0.0.1 only, on the first free port from 55432 up. Writes the server URL
# (trust auth, user postgres) to DIR/url. Idempotent: an instance already running in DIR is
# stopped and replaced by a fresh one. Durability is off: the data is disposable.
# --durable is for benchmarks that need durable commits: fsync, synchronous_commit and
# full_page_writes on (the server defaults), shared_buffers=512MB, max_wal_size=4GB, ports from
# 56432 up, and the data directory is kept: an instance already in DIR is restarted on its data
# (stop it with tests/pg/stop.sh --keep DIR to keep the data, without --keep to delete it).
# Usage: tests/pg/start.sh [--durable] DIR
set -euo pipefail

durable=
if [ "${1:-}" = --durable ]; then durable=1; shift; fi
dir=${1:?usage: $0 [--durable] DIR}
bin=/usr/lib/postgresql/15/bin
here=$(cd "$(dirname "$0")" && pwd)

if [ -n "$durable" ]; then
  "$here/stop.sh" --keep "$dir"
  settings="-c fsync=on -c synchronous_commit=on -c full_page_writes=on -c max_wal_size=4GB -c shared_buffers=512MB"
  first_port=56432
else
  "$here/stop.sh" "$dir"
  settings="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  first_port=55432
fi
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

# initdb and postgres refuse to run as root: use an unprivileged system user then.
if [ "$(id -u)" = 0 ]; then
  user=qinglian-test
  id -u "$user" >/dev/null 2>&1 ||
    useradd --system --no-create-home --shell /usr/sbin/nologin "$user"
  chown "$user:" "$dir"
  as_user() { (cd "$dir" && runuser -u "$user" -- "$@"); }
  if ! as_user test -w "$dir"; then
    echo "start.sh: $user cannot reach $dir (a parent directory is not searchable)" >&2
    exit 1
  fi
else
  as_user() { "$@"; }
fi

as_user mkdir -p "$dir/sock"
if [ ! -f "$dir/data/PG_VERSION" ] && ! as_user "$bin/initdb" -D "$dir/data" -U postgres --auth=trust \
    --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1; then
  cat "$dir/initdb.log" >&2
  exit 1
fi

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Another process may take a port between the check and the start, so a failed start moves
# on to the next port rather than giving up.
for port in $(seq "$first_port" $((first_port + 99))); do
  port_in_use "$port" && continue
  if as_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -s \
      -o "-c listen_addresses=127.0.0.1 -p $port -k '$dir/sock' $settings" \
      start >/dev/null 2>&1; then
    echo "postgresql://postgres@127.0.0.1:$port/postgres" >"$dir/url"
    echo "PostgreSQL 15${durable:+ (durable)} on 127.0.0.1:$port (URL in $dir/url)"
    exit 0
  fi
  # Only a port clash is worth another try.
  grep -q "could not bind\|Address already in use" "$dir/server.log" 2>/dev/null || break
done
echo "start.sh: PostgreSQL did not start; log follows" >&2
cat "$dir/server.log" >&2 2>/dev/null || true
exit 1
