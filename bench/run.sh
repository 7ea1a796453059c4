#!/usr/bin/env bash
# bench/run.sh: HTTP load benchmark (`make bench`). Each endpoint of qinglian is measured with
# wrk and, in the same run with the same wrk parameters, a bare RESTinio server
# (bench_restinio_constant) serving exactly the bytes qinglian answered is measured as the
# baseline; the result is the ratio qinglian / baseline throughput. Also reports each server's
# CPU time per request (from /proc; with PostgreSQL the database server's own CPU is not
# counted) and idle memory (VmRSS). Rounds alternate which server is measured first.
#
# Builds nothing: expects qinglian and bench_restinio_constant in $QL_BUILD_DIR (default
# build/, as `make build` leaves them). Everything listens on 127.0.0.1 (port 0: the kernel
# picks a free port). The demo database is a throwaway SQLite file unless --db is given.
#
# Usage: bench/run.sh [--db pg-temp | --db postgresql://USER@HOST/EMPTY_DB | --db sqlite:PATH]
#   --db pg-temp  a throwaway PostgreSQL 15 on 127.0.0.1 (tests/pg/start.sh), removed at exit
#   --db URL      an EMPTY database to create the demo data in (PostgreSQL or SQLite); it is
#                 left behind with the demo data (drop it afterwards).
# Environment (defaults in brackets):
#   QL_BUILD_DIR [<repo>/build]        where qinglian and bench_restinio_constant are
#   QL_BENCH_THREADS [nproc]           server threads, for qinglian and for the baseline
#   QL_BENCH_WRK_THREADS [2]           wrk -t
#   QL_BENCH_CONNECTIONS [50]          wrk -c
#   QL_BENCH_DURATION [10s]            wrk -d of each measurement
#   QL_BENCH_WARMUP [2s]               wrk -d of the discarded warm-up before each measurement
#   QL_BENCH_TIMEOUT [5s]              wrk --timeout
#   QL_BENCH_ROUNDS [1]                repeat the whole set; rows are reported per round
#   QL_BENCH_ENDPOINTS ["/healthz /api/v1/users?size=20"]
#                                      GET paths; those under /api/ carry the admin's bearer token
# Exit status: 0 when every measurement ran with only 2xx responses, 1 otherwise.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${QL_BUILD_DIR:-$REPO/build}
QL_BIN=$BUILD/qinglian
BASE_BIN=$BUILD/bench_restinio_constant
THREADS=${QL_BENCH_THREADS:-$(nproc)}
WRK_THREADS=${QL_BENCH_WRK_THREADS:-2}
CONNECTIONS=${QL_BENCH_CONNECTIONS:-50}
DURATION=${QL_BENCH_DURATION:-10s}
WARMUP=${QL_BENCH_WARMUP:-2s}
TIMEOUT=${QL_BENCH_TIMEOUT:-5s}
ROUNDS=${QL_BENCH_ROUNDS:-1}
read -r -a ENDPOINTS <<<"${QL_BENCH_ENDPOINTS:-/healthz /api/v1/users?size=20}"
DB=
BENCH_NAME=bench/run.sh
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
[[ -x $BASE_BIN ]] || die "$BASE_BIN not found: run 'make build' (or set QL_BUILD_DIR)"
[[ $THREADS =~ ^[1-9][0-9]*$ && $ROUNDS =~ ^[1-9][0-9]*$ ]] || die "bad QL_BENCH_THREADS/QL_BENCH_ROUNDS"
((CONNECTIONS >= WRK_THREADS)) || die "wrk needs QL_BENCH_CONNECTIONS >= QL_BENCH_WRK_THREADS"
((${#ENDPOINTS[@]} > 0)) || die "QL_BENCH_ENDPOINTS is empty"

bench_workdir ql-bench

rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
hwm_kib() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status"; }
mib() { awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'; }

auth_args() { if [[ $1 == /api/* ]]; then printf "%s\n" -H "Authorization: Bearer $TOKEN"; fi; }

# capture NAME PATH: GETs PATH from qinglian into $WORK/NAME.{body,headers}; fails unless 200.
capture() {
  local name=$1 path=$2 status args=()
  mapfile -t args < <(auth_args "$path")
  status=$(curl -sS -o "$WORK/$name.body" -D "$WORK/$name.headers" -w '%{http_code}' \
    "${args[@]}" "http://127.0.0.1:$QL_PORT$path") || die "GET $path failed"
  [[ $status == 200 ]] || die "GET $path answered $status: $(head -c 300 "$WORK/$name.body")"
}

# baseline_args NAME: the baseline flags that replay qinglian's body, Content-Type and other
# headers (minus those RESTinio frames itself), so both servers send the same bytes.
baseline_args() {
  local name=$1 line key value
  BASE_ARGS=(--body-file "$WORK/$name.body")
  while IFS= read -r line; do
    line=${line%$'\r'}
    [[ $line == *:* ]] || continue
    key=${line%%:*}
    value=${line#*:}
    value=${value# }
    case ${key,,} in
      content-type) BASE_ARGS+=(--content-type "$value") ;;
      content-length|connection|date|server|transfer-encoding|set-cookie) ;;
      *) BASE_ARGS+=(--header "$key: $value") ;;
    esac
  done <"$WORK/$name.headers"
}

# measure PID PORT PATH OUT: one wrk_measure (bench/lib.sh) of PATH on PORT, with the admin's
# token for /api/ paths; sets RPS P50 P99 CPU NOTE.
measure() {
  local pid=$1 port=$2 path=$3 out=$4 args=()
  mapfile -t args < <(auth_args "$path")
  wrk_measure "$out" "$pid" "http://127.0.0.1:$port$path" \
    -t "$WRK_THREADS" -c "$CONNECTIONS" --timeout "$TIMEOUT" "${args[@]}"
}

echo "== qinglian HTTP benchmark ($(date -u +%Y-%m-%dT%H:%M:%SZ))"
echo "machine: $(nproc) CPUs, $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1)," \
  "$(awk '/^MemTotal:/ {printf "%.1f GiB RAM", $2 / 1048576}' /proc/meminfo), kernel $(uname -r)"
echo "source: $(git -C "$REPO" describe --always --dirty 2>/dev/null || echo unknown);" \
  "binaries: $QL_BIN, $BASE_BIN"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server threads $THREADS; wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION (warm-up $WARMUP)" \
  "--timeout $TIMEOUT; rounds $ROUNDS"

# --- demo database and qinglian ---------------------------------------------------------
DB=${DB:-sqlite:$WORK/bench.db}
[[ $DB != pg-temp ]] || start_pg_temp ql-bench-pg
case $DB in postgres://*|postgresql://*) BACKEND=postgresql ;; sqlite:*) BACKEND=sqlite ;;
  *) die "--db must be sqlite:PATH or postgresql://..." ;; esac
"$QL_BIN" init --demo --db "$DB" --credentials "$WORK/credentials.txt" >"$WORK/init.log" 2>&1 ||
  { cat "$WORK/init.log" >&2; die "qinglian init --demo failed (the database must be empty)"; }
ADMIN_PASSWORD=$(awk '$1 == "admin" {print $2}' "$WORK/credentials.txt")
[[ -n $ADMIN_PASSWORD ]] || die "no admin in the demo credentials"
echo "database: $BACKEND ($(sed -E 's#(//[^:/@]*):[^@/]*@#\1:***@#; s#\?.*##' <<<"$DB"))"

start_server qinglian 'serving on http://127\.0\.0\.1:[0-9]+' \
  "$QL_BIN" serve --db "$DB" --listen 127.0.0.1:0 --threads "$THREADS" --web-root "$WORK/no-web"
QL_PID=$PID QL_PORT=$PORT
wait_healthz "http://127.0.0.1:$QL_PORT"
sleep 1  # let start-up allocations settle before reading the idle size
QL_RSS_IDLE=$(rss_kib "$QL_PID")

login_body=$(printf '{"username":"admin","password":"%s"}' "$ADMIN_PASSWORD")
TOKEN=$(curl -sS --max-time 10 -H 'Content-Type: application/json' -d "$login_body" \
  "http://127.0.0.1:$QL_PORT/api/v1/auth/login" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
[[ -n $TOKEN ]] || die "login as admin failed"
QL_RSS_LOGIN=$(rss_kib "$QL_PID")

# --- one baseline server per endpoint, serving the bytes qinglian answered ----------------
declare -A BASE_PORT BASE_PID
BASE_RSS_IDLE=
for idx in "${!ENDPOINTS[@]}"; do
  path=${ENDPOINTS[$idx]}
  capture "ep$idx" "$path"
  baseline_args "ep$idx"
  start_server "baseline$idx" 'listening on 127\.0\.0\.1:[0-9]+' \
    "$BASE_BIN" --address 127.0.0.1 --port 0 --threads "$THREADS" "${BASE_ARGS[@]}"
  BASE_PORT[$idx]=$PORT BASE_PID[$idx]=$PID
  # Same bytes: identical body, and the status line and headers differ only in Date/Server.
  curl -sS -o "$WORK/ep$idx.base.body" "http://127.0.0.1:$PORT$path" || die "baseline $idx failed"
  cmp -s "$WORK/ep$idx.body" "$WORK/ep$idx.base.body" || die "baseline body differs for $path"
  sleep 0.5
  BASE_RSS_IDLE=${BASE_RSS_IDLE:-$(rss_kib "$PID")}
  echo "endpoint $path: $(wc -c <"$WORK/ep$idx.body") body bytes"
done

# --- measurements: per round and endpoint, qinglian then its baseline ---------------------
ROWS=()
declare -A Q_RPS B_RPS RATIOS CPU_RATIOS Q_CPUS B_CPUS
for ((round = 1; round <= ROUNDS; round++)); do
  for idx in "${!ENDPOINTS[@]}"; do
    path=${ENDPOINTS[$idx]}
    # Odd rounds measure qinglian first, even rounds the baseline first, so neither side
    # always gets the warmer (or the busier) slot.
    for side in $( ((round % 2)) && echo "qinglian baseline" || echo "baseline qinglian"); do
      if [[ $side == qinglian ]]; then
        measure "$QL_PID" "$QL_PORT" "$path" "$WORK/r$round.ep$idx.qinglian"
        q_rps=$RPS q_p50=$P50 q_p99=$P99 q_cpu=$CPU q_note=$NOTE
      else
        measure "${BASE_PID[$idx]}" "${BASE_PORT[$idx]}" "$path" "$WORK/r$round.ep$idx.baseline"
        b_rps=$RPS b_p50=$P50 b_p99=$P99 b_cpu=$CPU b_note=$NOTE
      fi
    done
    ratio=$(awk -v q="$q_rps" -v b="$b_rps" 'BEGIN {printf "%.3f", q / b}')
    pct=$(awk -v q="$q_rps" -v b="$b_rps" 'BEGIN {printf "%.1f%%", 100 * q / b}')
    cpu_ratio=$(awk -v q="$q_cpu" -v b="$b_cpu" 'BEGIN {if (q > 0) printf "%.3f", b / q; else print "?"}')
    Q_RPS[$idx]+=" $q_rps" B_RPS[$idx]+=" $b_rps" RATIOS[$idx]+=" $ratio"
    Q_CPUS[$idx]+=" $q_cpu" B_CPUS[$idx]+=" $b_cpu" CPU_RATIOS[$idx]+=" $cpu_ratio"
    ROWS+=("| $round | GET $path | $(printf '%.0f' "$q_rps") | $(printf '%.0f' "$b_rps") | $ratio ($pct) | $q_p50 / $q_p99 | $b_p50 / $b_p99 | $q_cpu / $b_cpu | $cpu_ratio |")
    [[ -z $q_note && -z $b_note ]] || ROWS+=("|   | (${path}: qinglian ${q_note:-no errors}; baseline ${b_note:-no errors}) | | | | | | | |")
    echo "round $round $path: qinglian $q_rps req/s, baseline $b_rps req/s, ratio $ratio" >&2
  done
done
sleep 1  # idle again
QL_RSS_AFTER=$(rss_kib "$QL_PID")
QL_HWM=$(hwm_kib "$QL_PID")
BASE_RSS_AFTER=$(rss_kib "${BASE_PID[0]}")

echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| round | endpoint | qinglian req/s | baseline req/s | ratio | qinglian p50 / p99 ms | baseline p50 / p99 ms | server CPU µs/req qinglian / baseline | CPU ratio |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${ROWS[@]}"
if ((ROUNDS > 1)); then
  echo
  echo "Medians over $ROUNDS rounds (ratio = qinglian / baseline throughput; CPU ratio = baseline / qinglian CPU per request):"
  echo
  echo "| endpoint | qinglian req/s | baseline req/s | ratio | CPU µs/req qinglian / baseline | CPU ratio |"
  echo "|---|---:|---:|---:|---:|---:|"
  for idx in "${!ENDPOINTS[@]}"; do
    echo "| GET ${ENDPOINTS[$idx]} | $(median %.0f <<<"${Q_RPS[$idx]}") |" \
      "$(median %.0f <<<"${B_RPS[$idx]}") | $(median %.3f <<<"${RATIOS[$idx]}") |" \
      "$(median %.1f <<<"${Q_CPUS[$idx]}") / $(median %.1f <<<"${B_CPUS[$idx]}") |" \
      "$(median %.3f <<<"${CPU_RATIOS[$idx]}") |"
  done
fi
echo
echo "| process | VmRSS idle after start | VmRSS after login | VmRSS idle after load | VmHWM (peak) |"
echo "|---|---:|---:|---:|---:|"
echo "| qinglian serve ($BACKEND, $THREADS threads) | $(mib "$QL_RSS_IDLE") MiB | $(mib "$QL_RSS_LOGIN") MiB | $(mib "$QL_RSS_AFTER") MiB | $(mib "$QL_HWM") MiB |"
echo "| bench_restinio_constant (${ENDPOINTS[0]}) | $(mib "$BASE_RSS_IDLE") MiB | – | $(mib "$BASE_RSS_AFTER") MiB | $(mib "$(hwm_kib "${BASE_PID[0]}")") MiB |"
exit 0
