#!/usr/bin/env bash
# bench/approvals.sh: approval actions per second through the API (issue 5), with 50 concurrent
# clients, reported beside the foundation's authenticated list endpoint (/api/v1/users?size=20)
# measured in the same run with the same wrk parameters.
#
# Phase 1 starts cases of a two-step test item (submit, the secretary approves) in 荷风社区 as
# the clerk with wrk (bench/power_start.lua, also reported: case starts per second); phase 2
# approves each of them once as the secretary (bench/power_approve.lua): every measured request
# is a real approval that completes its case (scope, role, order and self-approval checks, the
# step, the case, the history row and the operation log in one transaction).
#
# Usage: bench/approvals.sh [--db pg-temp | --db postgresql://USER@HOST/EMPTY_DB | --db sqlite:PATH]
# Environment: QL_BUILD_DIR [<repo>/build], QL_BENCH_THREADS [nproc], QL_BENCH_WRK_THREADS [2],
#   QL_BENCH_CONNECTIONS [50], QL_BENCH_DURATION [10s] (each phase and the list endpoint),
#   QL_BENCH_WARMUP [2s] (list endpoint only), QL_BENCH_TIMEOUT [5s].
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${QL_BUILD_DIR:-$REPO/build}
QL_BIN=$BUILD/qinglian
THREADS=${QL_BENCH_THREADS:-$(nproc)}
WRK_THREADS=${QL_BENCH_WRK_THREADS:-2}
CONNECTIONS=${QL_BENCH_CONNECTIONS:-50}
DURATION=${QL_BENCH_DURATION:-10s}
WARMUP=${QL_BENCH_WARMUP:-2s}
TIMEOUT=${QL_BENCH_TIMEOUT:-5s}
DB=
BENCH_NAME=bench/approvals.sh
# shellcheck source=bench/lib.sh
. "$REPO/bench/lib.sh"

while (($#)); do
  case $1 in
    --db) (($# >= 2)) || die "--db needs a URL"; DB=$2; shift 2 ;;
    --db=*) DB=${1#--db=}; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
for tool in wrk curl; do command -v "$tool" >/dev/null || die "$tool is not installed"; done
[[ -x $QL_BIN ]] || die "$QL_BIN not found: run 'make build' (or set QL_BUILD_DIR)"
bench_workdir ql-bench-approvals

echo "== qinglian approval benchmark ($(date -u +%Y-%m-%dT%H:%M:%SZ))"
echo "machine: $(nproc) CPUs; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server threads $THREADS; wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION --timeout $TIMEOUT"

DB=${DB:-sqlite:$WORK/bench.db}
[[ $DB != pg-temp ]] || start_pg_temp ql-bench-pg
"$QL_BIN" init --demo --db "$DB" --credentials "$WORK/credentials.txt" >"$WORK/init.log" 2>&1 ||
  { cat "$WORK/init.log" >&2; die "qinglian init --demo failed (the database must be empty)"; }
start_server qinglian 'serving on http://127\.0\.0\.1:[0-9]+' \
  "$QL_BIN" serve --db "$DB" --listen 127.0.0.1:0 --threads "$THREADS" --web-root "$WORK/no-web"
QL_PID=$PID
BASE=http://127.0.0.1:$PORT
wait_healthz "$BASE"

token_of() {
  local pw
  pw=$(awk -v u="$1" '$1 == u {print $2}' "$WORK/credentials.txt")
  curl -sS --max-time 10 -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"$pw\"}" "$BASE/api/v1/auth/login" |
    sed -n 's/.*"token":"\([^"]*\)".*/\1/p'
}
ADMIN=$(token_of admin) CLERK=$(token_of hefeng.clerk) SECRETARY=$(token_of hefeng.secretary)
[[ -n $ADMIN && -n $CLERK && -n $SECRETARY ]] || die "demo logins failed"
REGION=339902001001
status=$(curl -sS -o "$WORK/item.json" -w '%{http_code}' -H "Authorization: Bearer $SECRETARY" \
  -H 'Content-Type: application/json' "$BASE/api/v1/power/items" -d '{"region":"'$REGION'","code":"bench.approval",
  "name_zh":"压测审批事项","group":"collective","kind":"spending","flow":{"steps":[
  {"key":"submit","name_zh":"提出申请","kind":"submit"},
  {"key":"approve","name_zh":"书记审批","kind":"approve","roles":["secretary"]}]}}')
[[ $status == 201 ]] || die "creating the bench item answered $status: $(cat "$WORK/item.json")"

IDS=$WORK/case-ids.txt
: >"$IDS"
QL_BENCH_TOKEN=$CLERK QL_BENCH_IDS=$IDS QL_BENCH_REGION=$REGION \
  wrk -t "$WRK_THREADS" -c "$CONNECTIONS" -d "$DURATION" --timeout "$TIMEOUT" --latency \
  -s "$REPO/bench/power_start.lua" "$BASE/" >"$WORK/start.txt" 2>&1 || die "wrk (case starts) failed"
STARTED=$(wc -l <"$IDS")
START_RPS=$(awk '/^Requests\/sec:/ {print $2}' "$WORK/start.txt")
START_P50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$WORK/start.txt")")
((STARTED > 0)) || { cat "$WORK/start.txt" >&2; die "no case was started"; }

before=$(cpu_ticks "$QL_PID")
QL_BENCH_TOKEN=$SECRETARY QL_BENCH_IDS=$IDS QL_BENCH_WRK_THREADS=$WRK_THREADS \
  wrk -t "$WRK_THREADS" -c "$CONNECTIONS" -d "$DURATION" --timeout "$TIMEOUT" --latency \
  -s "$REPO/bench/power_approve.lua" "$BASE/" >"$WORK/approve.txt" 2>&1 || die "wrk (approvals) failed"
ticks=$(($(cpu_ticks "$QL_PID") - before))
COMPLETED=$(curl -sS -H "Authorization: Bearer $ADMIN" "$BASE/api/v1/power/cases?status=completed&item=bench.approval&size=1" |
  sed -n 's/.*"total":\([0-9]*\).*/\1/p')
APPROVE_RPS=$(awk '/^Requests\/sec:/ {print $2}' "$WORK/approve.txt")
APPROVE_P50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$WORK/approve.txt")")
APPROVE_P99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$WORK/approve.txt")")
non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$WORK/approve.txt")
[[ -z $non2xx ]] || { cat "$WORK/approve.txt" >&2; die "$non2xx approvals were refused"; }
APPROVE_CPU=$(awk -v t="$ticks" -v hz="$CLK_TCK" -v n="$COMPLETED" 'BEGIN {if (n > 0) printf "%.0f", t * 1e6 / hz / n; else print "?"}')

# The foundation's authenticated list endpoint, same server, same wrk parameters.
TOKEN=$ADMIN
wrk_measure "$WORK/users.txt" "$QL_PID" "$BASE/api/v1/users?size=20" \
  -t "$WRK_THREADS" -c "$CONNECTIONS" --timeout "$TIMEOUT" -H "Authorization: Bearer $ADMIN"

printf '\n%-44s %10s %9s %9s %12s\n' "endpoint" "req/s" "p50 ms" "p99 ms" "CPU µs/req"
printf '%-44s %10s %9s %9s %12s\n' "POST /api/v1/power/cases (start)" "$START_RPS" "$START_P50" "-" "-"
printf '%-44s %10s %9s %9s %12s\n' "POST /api/v1/power/cases/{id}/actions" "$APPROVE_RPS" "$APPROVE_P50" "$APPROVE_P99" "$APPROVE_CPU"
printf '%-44s %10s %9s %9s %12s\n' "GET /api/v1/users?size=20" "$RPS" "$P50" "$P99" "$CPU"
RATIO=$(awk -v a="$APPROVE_RPS" -v l="$RPS" 'BEGIN {if (l > 0) printf "%.3f", a / l; else print "?"}')
echo
echo "approvals / authenticated list throughput: $RATIO (approval actions per second over list requests per second)"
echo "cases started: $STARTED; approvals completed (cases now completed): $COMPLETED"
