#!/bin/bash
# Stops the PostgreSQL started by start.sh DIR (if it runs) and deletes DIR, unless --keep
# (a durable benchmark database kept for the next start.sh --durable).
# Idempotent: a missing DIR or a stopped server is fine.
# Usage: tests/pg/stop.sh [--keep] DIR
set -euo pipefail

keep=
if [ "${1:-}" = --keep ]; then keep=1; shift; fi
dir=${1:?usage: $0 [--keep] DIR}
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
[ -n "$keep" ] || rm -rf "$dir"
