#!/bin/bash
# Stops the PostgreSQL started by start.sh DIR (if it runs) and deletes DIR.
# Idempotent: a missing DIR or a stopped server is fine.
# Usage: tests/pg/stop.sh DIR
set -euo pipefail

dir=${1:?usage: $0 DIR}
bin=/usr/lib/postgresql/15/bin

[ -d "$dir" ] || exit 0

if [ -f "$dir/data/postmaster.pid" ]; then
  # pg_ctl refuses root; run it as the data directory's owner.
  owner=$(stat -c %U "$dir/data")
  if [ "$(id -u)" = 0 ] && [ "$owner" != root ]; then
    runuser -u "$owner" -- "$bin/pg_ctl" -D "$dir/data" -m fast -w -s stop >/dev/null 2>&1 || true
  else
    "$bin/pg_ctl" -D "$dir/data" -m fast -w -s stop >/dev/null 2>&1 || true
  fi
fi
rm -rf "$dir"
