# bench/lib.sh: what the HTTP benchmarks (bench/run.sh, bench/public_page.sh) share, sourced
# by them: a work directory and the servers started in it, cleaned up at exit; a throwaway
# PostgreSQL (tests/pg/start.sh); starting a server that reports its port; one wrk
# measurement with the server's CPU per request from /proc; medians.
# The sourcing script sets BENCH_NAME (for messages) and REPO before sourcing, under set -euo pipefail.

die() { echo "$BENCH_NAME: $*" >&2; exit 1; }

PIDS=()
PG_DIR=
WORK=

# bench_workdir PREFIX: creates $WORK and arranges that every process in PIDS is stopped, the
# temporary PostgreSQL (if any) removed and $WORK deleted when the script exits.
bench_workdir() {
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")
  trap bench_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

# shellcheck disable=SC2317  # invoked by the EXIT trap
bench_cleanup() {
  local pid i
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for ((i = 0; i < 50; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [[ -n $PG_DIR ]]; then "$REPO/tests/pg/stop.sh" "$PG_DIR" >/dev/null 2>&1 || true; fi
  [[ -z $WORK ]] || rm -rf "$WORK"
}

# start_pg_temp PREFIX: a throwaway PostgreSQL 15 (tests/pg/start.sh) in its own directory
# (start.sh hands it to an unprivileged user when run as root); sets DB to its URL.
start_pg_temp() {
  PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")
  "$REPO/tests/pg/start.sh" "$PG_DIR" >"$WORK/pg-start.log" 2>&1 ||
    { cat "$WORK/pg-start.log" >&2; die "could not start a temporary PostgreSQL"; }
  DB=$(cat "$PG_DIR/url")
}

# start_server NAME PATTERN CMD...: runs CMD in the background (log in $WORK/NAME.log), waits
# up to 15 s for a line matching PATTERN (an ERE whose last number is the port) and sets PORT
# and PID.
start_server() {
  local name=$1 pattern=$2 log=$WORK/$1.log i line
  shift 2
  : >"$log"
  "$@" >"$log" 2>&1 &
  PID=$!
  PIDS+=("$PID")
  for ((i = 0; i < 150; i++)); do
    line=$(grep -Eo "$pattern" "$log" | head -n 1 || true)
    if [[ -n $line ]]; then PORT=${line##*:}; return 0; fi
    kill -0 "$PID" 2>/dev/null || { cat "$log" >&2; die "$name exited during start-up"; }
    sleep 0.1
  done
  cat "$log" >&2
  die "$name did not report its port within 15 s"
}

# wait_healthz URL: waits up to 10 s for URL/healthz to answer ok.
wait_healthz() {
  local i
  for ((i = 0; i < 100; i++)); do
    [[ $(curl -sS --max-time 2 "$1/healthz" 2>/dev/null) == ok ]] && return 0
    sleep 0.1
  done
  die "$1/healthz did not answer ok within 10 s"
}

# cpu_ticks PID...: user + system CPU time of the processes so far, in clock ticks.
cpu_ticks() {
  local pid total=0 t
  for pid in "$@"; do
    t=$(sed 's/^.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}')
    total=$((total + t))
  done
  echo "$total"
}
CLK_TCK=$(getconf CLK_TCK)

# to_ms VALUE: wrk's "1.23ms" / "850.00us" / "1.02s" in milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
    printf "%.2f", n }'
}

# wrk_measure OUT PIDS URL WRK_ARGS...: a discarded warm-up of $WARMUP, then the measured run of
# $DURATION (wrk's report in OUT). PIDS is a space-separated list of the server's processes,
# whose CPU is counted. Sets RPS, P50 and P99 (ms), CPU (µs of server CPU per request) and NOTE
# (wrk's socket errors, if any); dies when wrk fails, a server died or any answer was not 2xx.
wrk_measure() {
  local out=$1 pids=$2 url=$3 ticks requests non2xx errors pid
  shift 3
  local -a server_pids
  read -r -a server_pids <<<"$pids"
  wrk "$@" -d "$WARMUP" "$url" >"$out.warmup" 2>&1 || die "wrk warm-up failed: $url"
  ticks=$(cpu_ticks "${server_pids[@]}")
  wrk "$@" -d "$DURATION" --latency "$url" >"$out" 2>&1 || die "wrk failed: $url"
  for pid in "${server_pids[@]}"; do
    kill -0 "$pid" 2>/dev/null || die "the server behind $url died during the measurement"
  done
  ticks=$(($(cpu_ticks "${server_pids[@]}") - ticks))
  requests=$(awk '/ requests in / {print $1}' "$out")
  CPU=$(awk -v t="$ticks" -v hz="$CLK_TCK" -v n="${requests:-0}" \
    'BEGIN {if (n > 0) printf "%.1f", t * 1e6 / hz / n; else print "?"}')
  RPS=$(awk '/^Requests\/sec:/ {print $2}' "$out")
  P50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$out")")
  P99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")
  [[ -n $RPS ]] || { cat "$out" >&2; die "no result from wrk for $url"; }
  non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$out")
  [[ -z $non2xx ]] || { cat "$out" >&2; die "$url: $non2xx non-2xx responses"; }
  errors=$(grep -E '^ +Socket errors:' "$out" | sed 's/^ *//' || true)
  NOTE=${errors:+$errors}
}

# median FORMAT <<<"values...": the median of whitespace-separated numbers, printf-formatted.
median() { tr ' ' '\n' | grep . | sort -g | awk -v f="$1" '{v[NR] = $1}
  END {printf f, NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
