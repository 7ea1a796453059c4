#!/usr/bin/env bash
# bench/public_page.sh: load benchmark of the resident page /p/{region_code} ("一码公开"),
# reported beside nginx serving the same page saved as a static file, in the same run.
#
# Creates a throwaway demo database, publishes QL_BENCH_PUBLICATIONS publications in 荷风社区
# (as hefeng.clerk, through the API, so the page is realistic), fetches /p/339902001001 once and
# saves those exact bytes. Then starts nginx (in the foreground, with a temporary
# configuration on a free 127.0.0.1 port, access_log off, keep-alive, the same Content-Type,
# Cache-Control, Content-Security-Policy and Vary, worker_processes = server threads) serving that
# file at the same path, and measures both with wrk (after a discarded warm-up), alternating
# which goes first in each round. Prints req/s, the ratio qinglian / nginx, and each server's
# CPU µs per request from /proc (nginx: its workers). Builds nothing.
#
# Usage: bench/public_page.sh [--db pg-temp]
# Environment (defaults in brackets):
#   QL_BUILD_DIR [<repo>/build]     where the qinglian binary is
#   QL_BENCH_THREADS [nproc]        qinglian --threads and nginx worker_processes
#   QL_BENCH_WRK_THREADS [2]        wrk -t
#   QL_BENCH_CONNECTIONS [100]      wrk -c
#   QL_BENCH_DURATION [10s]         wrk -d of each measurement
#   QL_BENCH_WARMUP [2s]            wrk -d of the warm-up before each measurement
#   QL_BENCH_ROUNDS [3]             rounds; the summary gives medians
#   QL_BENCH_PUBLICATIONS [20]      publications on the page
# Exit status: 0 when every measurement ran with only 2xx responses, 1 otherwise.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${QL_BUILD_DIR:-$REPO/build}
QL_BIN=$BUILD/qinglian
THREADS=${QL_BENCH_THREADS:-$(nproc)}
WRK_THREADS=${QL_BENCH_WRK_THREADS:-2}
CONNECTIONS=${QL_BENCH_CONNECTIONS:-100}
DURATION=${QL_BENCH_DURATION:-10s}
WARMUP=${QL_BENCH_WARMUP:-2s}
ROUNDS=${QL_BENCH_ROUNDS:-3}
PUBLICATIONS=${QL_BENCH_PUBLICATIONS:-20}
REGION=339902001001  # 荷风社区 in the demo data
DB=
BENCH_NAME=bench/public_page.sh
# shellcheck source=bench/lib.sh
. "$REPO/bench/lib.sh"

while (($#)); do
  case $1 in
    --db) (($# >= 2)) || die "--db needs pg-temp"; DB=$2; shift 2 ;;
    --db=*) DB=${1#--db=}; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
[[ -z $DB || $DB == pg-temp ]] || die "--db takes only pg-temp"

for tool in wrk curl nginx jq; do command -v "$tool" >/dev/null || die "$tool is not installed"; done
[[ -x $QL_BIN ]] || die "$QL_BIN not found: run 'make build' (or set QL_BUILD_DIR)"
[[ $THREADS =~ ^[1-9][0-9]*$ && $ROUNDS =~ ^[1-9][0-9]*$ && $PUBLICATIONS =~ ^[0-9]+$ ]] ||
  die "bad QL_BENCH_THREADS/QL_BENCH_ROUNDS/QL_BENCH_PUBLICATIONS"

bench_workdir ql-page-bench
chmod 755 "$WORK"  # nginx's workers may run as another user when started by root

free_port() {
  local port
  for port in $(shuf -i 20000-60000 -n 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return 0; }
  done
  die "no free port found"
}

echo "== qinglian public page benchmark ($(date -u +%Y-%m-%dT%H:%M:%SZ))"
echo "machine: $(nproc) CPUs, $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1); $(nginx -v 2>&1)"
echo "source: $(git -C "$REPO" describe --always --dirty 2>/dev/null || echo unknown); binary: $QL_BIN"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server threads / nginx workers $THREADS; wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION" \
  "(warm-up $WARMUP); rounds $ROUNDS; $PUBLICATIONS publications"

# --- demo database with publications, and qinglian ------------------------------------------
if [[ $DB == pg-temp ]]; then start_pg_temp ql-page-bench-pg; else DB=sqlite:$WORK/bench.db; fi
"$QL_BIN" init --demo --db "$DB" --credentials "$WORK/credentials.txt" >"$WORK/init.log" 2>&1 ||
  { cat "$WORK/init.log" >&2; die "qinglian init --demo failed"; }
CLERK_PASSWORD=$(awk '$1 == "hefeng.clerk" {print $2}' "$WORK/credentials.txt")
[[ -n $CLERK_PASSWORD ]] || die "no hefeng.clerk in the demo credentials"

start_server qinglian 'serving on http://127\.0\.0\.1:[0-9]+' \
  "$QL_BIN" serve --db "$DB" --listen 127.0.0.1:0 --threads "$THREADS" --web-root "$WORK/no-web"
QL_PID=$PID
QL=http://127.0.0.1:$PORT
wait_healthz "$QL"

TOKEN=$(curl -sS --max-time 10 -H 'Content-Type: application/json' \
  -d "$(printf '{"username":"hefeng.clerk","password":"%s"}' "$CLERK_PASSWORD")" \
  "$QL/api/v1/auth/login" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
[[ -n $TOKEN ]] || die "login as hefeng.clerk failed"
categories=(party affairs finance service)
stages=(before during after)
for ((n = 1; n <= PUBLICATIONS; n++)); do
  cat=${categories[$((n % 4))]} stage=${stages[$((n % 3))]}
  body=$(printf '{"region":"%s","category":"%s","stage":"%s","title":"2026年第%d期%s公开事项","body":"## 说明\\n\\n第 %d 项公开内容:收入 **%d,000.00** 元,支出 %d,500.00 元。\\n\\n- 经办:村务监督委员会\\n- 依据:村民代表会议决议\\n\\n如有疑问请联系社区居委会。"}' \
    "$REGION" "$cat" "$stage" "$n" "$cat" "$n" "$((n * 3))" "$n")
  id=$(curl -sS --max-time 10 -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" \
    -d "$body" "$QL/api/v1/disclosures" |
    jq -r '.id // empty' 2>/dev/null || true)
  [[ -n $id ]] || die "creating publication $n failed"
  status=$(curl -sS -o /dev/null -w '%{http_code}' --max-time 10 -X POST -H "Authorization: Bearer $TOKEN" \
    "$QL/api/v1/disclosures/$id/publish")
  [[ $status == 200 ]] || die "publishing $id answered $status"
done

PAGE=/p/$REGION
mkdir -p "$WORK/www"
status=$(curl -sS -o "$WORK/www/page.html" -D "$WORK/page.headers" -w '%{http_code}' "$QL$PAGE")
[[ $status == 200 ]] || die "GET $PAGE answered $status"
chmod -R a+rX "$WORK/www"
header() { awk -v k="$1" 'BEGIN {IGNORECASE = 1} index(tolower($0), tolower(k) ":") == 1 {
  sub(/^[^:]*: */, ""); sub(/\r$/, ""); print; exit}' "$WORK/page.headers"; }
CONTENT_TYPE=$(header Content-Type)
CSP=$(header Content-Security-Policy)
echo "page $PAGE: $(wc -c <"$WORK/www/page.html") bytes, $(grep -o '<article' "$WORK/www/page.html" | wc -l) articles," \
  "Content-Type: $CONTENT_TYPE"

# --- nginx with the same bytes at the same path -------------------------------------------
NGINX_PORT=$(free_port)
mkdir -p "$WORK/nginx"
cat >"$WORK/nginx/nginx.conf" <<EOF
daemon off;
worker_processes $THREADS;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
$( [[ $(id -u) == 0 ]] && echo "user root;" )
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_timeout 65;
  keepalive_requests 1000000;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  types { }
  default_type "$CONTENT_TYPE";
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/www;
    location = $PAGE {
      try_files /page.html =404;
      add_header Cache-Control "no-cache";
      add_header Content-Security-Policy "$CSP";
      add_header Vary "Accept-Encoding";
    }
  }
}
EOF
nginx -p "$WORK/nginx" -e "$WORK/nginx/error.log" -c "$WORK/nginx/nginx.conf" >"$WORK/nginx/stdout.log" 2>&1 &
NGINX_PID=$!
PIDS+=("$NGINX_PID")
for ((i = 0; i < 100; i++)); do
  curl -sS -o "$WORK/nginx.body" "http://127.0.0.1:$NGINX_PORT$PAGE" 2>/dev/null && break
  kill -0 "$NGINX_PID" 2>/dev/null || { cat "$WORK/nginx/error.log" "$WORK/nginx/stdout.log" >&2; die "nginx exited"; }
  sleep 0.1
done
cmp -s "$WORK/www/page.html" "$WORK/nginx.body" || die "nginx does not serve the same bytes"
mapfile -t NGINX_WORKERS < <(pgrep -P "$NGINX_PID")
((${#NGINX_WORKERS[@]} > 0)) || die "no nginx workers found"

# --- measurements ---------------------------------------------------------------------------
# measure URL OUT PID...: one wrk_measure (bench/lib.sh); sets RPS P50 P99 CPU.
measure() {
  local url=$1 out=$2
  shift 2
  wrk_measure "$out" "$*" "$url" -t "$WRK_THREADS" -c "$CONNECTIONS"
}

ROWS=() Q_ALL= N_ALL= R_ALL= QC_ALL= NC_ALL=
for ((round = 1; round <= ROUNDS; round++)); do
  load_before=$(cut -d' ' -f1 /proc/loadavg)
  for side in $( ((round % 2)) && echo "qinglian nginx" || echo "nginx qinglian"); do
    if [[ $side == qinglian ]]; then
      measure "$QL$PAGE" "$WORK/r$round.qinglian" "$QL_PID"
      q_rps=$RPS q_p50=$P50 q_p99=$P99 q_cpu=$CPU
    else
      measure "http://127.0.0.1:$NGINX_PORT$PAGE" "$WORK/r$round.nginx" "${NGINX_WORKERS[@]}"
      n_rps=$RPS n_p50=$P50 n_p99=$P99 n_cpu=$CPU
    fi
  done
  ratio=$(awk -v q="$q_rps" -v b="$n_rps" 'BEGIN {printf "%.3f", q / b}')
  Q_ALL+=" $q_rps" N_ALL+=" $n_rps" R_ALL+=" $ratio" QC_ALL+=" $q_cpu" NC_ALL+=" $n_cpu"
  ROWS+=("| $round | $(printf '%.0f' "$q_rps") | $(printf '%.0f' "$n_rps") | $ratio | $q_p50 / $q_p99 | $n_p50 / $n_p99 | $q_cpu / $n_cpu | $load_before → $(cut -d' ' -f1 /proc/loadavg) |")
  echo "round $round: qinglian $q_rps req/s, nginx $n_rps req/s, ratio $ratio" >&2
done

echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| round | qinglian req/s | nginx req/s | ratio | qinglian p50 / p99 ms | nginx p50 / p99 ms | CPU µs/req qinglian / nginx | load average (1 min) |"
echo "|---|---:|---:|---:|---:|---:|---:|---|"
printf '%s\n' "${ROWS[@]}"
echo
echo "median: qinglian $(median %.0f <<<"$Q_ALL") req/s, nginx $(median %.0f <<<"$N_ALL") req/s," \
  "ratio $(median %.3f <<<"$R_ALL"); CPU µs/req qinglian $(median %.1f <<<"$QC_ALL")," \
  "nginx $(median %.1f <<<"$NC_ALL")"
exit 0
