#!/usr/bin/env bash
# Download benchmark: the same 100 KB and 1 MB PDFs served by nginx (sendfile on) and by download-service,
# with recording on (spool + fsync + Kafka forwarding) and off (DOWNLOAD_RECORDING_ENABLED=false), loaded with
# wrk over loopback in one run. Prints requests/s and the ratios, plus the spool's group-commit figures.
# Everything runs on 127.0.0.1 and stops at the end (or on Ctrl-C). See bench/download/README.md.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BENCH=$(cd "$(dirname "$0")" && pwd)
WORK=${BENCH_WORK:-/tmp/publicaties-bench-download}
DURATION=${BENCH_DURATION:-15s}
WARMUP=${BENCH_WARMUP:-120s}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-2}
ROUNDS=${BENCH_ROUNDS:-3}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
NGINX_PORT=${BENCH_NGINX_PORT:-$(free_port)}
SERVICE_PORT=${BENCH_SERVICE_PORT:-$(free_port)}
JAR=${BENCH_JAR:-$ROOT/download-service/target/download-service.jar}
# where the broker keeps its log (its java.io.tmpdir); e.g. /dev/shm/... to keep its writes off the spool's disk
BROKER_TMP=${BENCH_BROKER_TMP:-$WORK/tmp}
SMALL_ID=0f5a8e1c-6b2d-4c1e-9a7b-b00000000100
LARGE_ID=0f5a8e1c-6b2d-4c1e-9a7b-b00000001000
SMALL_NAME=bench-100kb.pdf
LARGE_NAME=bench-1mb.pdf

say() { echo "[$(date -u +%H:%M:%S)] $*"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# --- tools (Debian packages) -------------------------------------------------------------------------
need_install=()
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need_install+=(nginx-light)
command -v wrk >/dev/null 2>&1 || need_install+=(wrk)
if [ ${#need_install[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  say "Installing ${need_install[*]} with apt-get"
  $SUDO apt-get install -y -q "${need_install[@]}" >/dev/null \
    || { $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q "${need_install[@]}" >/dev/null; }
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

# --- build (through the shared build lock) ------------------------------------------------------------
# A caller that already holds the lock for the whole run (`flock /tmp/publicaties-mvn.lock env
# PUBLICATIES_MVN_LOCK_HELD=1 bash bench/download/run.sh`) must not wait for it a second time here.
locked() {
  if [ -n "${PUBLICATIES_MVN_LOCK_HELD:-}" ]; then "$@"; else flock /tmp/publicaties-mvn.lock "$@"; fi
}
cd "$ROOT"
mkdir -p "$WORK"
# One reactor build with download-service's reactor dependencies (contracts, blob-store), so a stale snapshot in ~/.m2
# cannot break it, that also writes the fixture's classpath (download-service test scope, naming this checkout's
# jars); on a clean machine it downloads what ~/.m2 lacks.
if [ ! -s "$WORK/classpath" ] || [ download-service/pom.xml -nt "$WORK/classpath" ] || { [ -z "${BENCH_JAR:-}" ] && { [ ! -f "$JAR" ] || [ -n "$(find download-service/pom.xml download-service/src/main contracts/src/main blob-store/src/main -newer "$JAR" -print -quit)" ]; }; }; then
  say "Building download-service.jar and resolving the fixture's classpath"
  locked ./mvnw -B -q -pl download-service -am -DskipTests package dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath" >/dev/null
fi

# --- stop whatever this script started, by pid --------------------------------------------------------
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT INT TERM

# --- files: two PDFs of exactly 100 KB and 1 MB ---------------------------------------------------------
rm -rf "$WORK/blobs" "$WORK/www" "$WORK"/spool* "$WORK/bootstrap" "$WORK/tmp" "$WORK/nginx"
rm -rf "$BROKER_TMP"
mkdir -p "$WORK/pdf" "$WORK/tmp" "$BROKER_TMP" "$WORK/nginx/logs"
python3 - "$WORK/pdf/$SMALL_NAME" 102400 "$WORK/pdf/$LARGE_NAME" 1048576 <<'PY'
import random, sys
def pdf(path, size):
    head = b"%PDF-1.4\n"
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>"]
    def build(pad):
        stream = b"% " + bytes(random.Random(size).choice(b"abcdefghijklmnopqrstuvwxyz ") for _ in range(pad)) + b"\n"
        out, offsets = bytearray(head), []
        for i, body in enumerate(objs + [b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"endstream"], 1):
            offsets.append(len(out)); out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
        xref = len(out)
        out += b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
        out += b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
        return bytes(out)
    pad = size - len(build(0))
    data = build(pad)
    while len(data) != size:  # the digits of /Length and startxref may grow by one
        pad += size - len(data); data = build(pad)
    open(path, "wb").write(data)
for path, size in zip(sys.argv[1::2], sys.argv[2::2]):
    pdf(path, int(size))
PY
for pair in "$SMALL_ID:$SMALL_NAME" "$LARGE_ID:$LARGE_NAME"; do
  mkdir -p "$WORK/www/documents/${pair%%:*}"
  cp "$WORK/pdf/${pair#*:}" "$WORK/www/documents/${pair%%:*}/${pair#*:}"
done
chmod -R a+rX "$WORK/www"

# --- Kafka + catalog events (fixture), nginx ----------------------------------------------------------
say "Starting a KRaft broker and publishing the two documents"
java -Xmx384m -Djava.io.tmpdir="$BROKER_TMP" -cp "$(cat "$WORK/classpath")" "$BENCH/BenchCatalog.java" "$WORK" \
  "$SMALL_ID" "$WORK/pdf/$SMALL_NAME" "$LARGE_ID" "$WORK/pdf/$LARGE_NAME" >"$WORK/kafka.log" 2>&1 &
BROKER_PID=$!
PIDS+=("$BROKER_PID")
for _ in $(seq 1 120); do [ -s "$WORK/bootstrap" ] && break; sleep 0.5; done
[ -s "$WORK/bootstrap" ] || { say "broker did not start, see $WORK/kafka.log"; exit 1; }
BOOTSTRAP=$(cat "$WORK/bootstrap")

cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes auto;
daemon off;
$([ "$(id -u)" -eq 0 ] && echo "user root;")
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  types { application/pdf pdf; }
  default_type application/octet-stream;
  sendfile on;
  tcp_nopush on;
  access_log off;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/www;
  }
}
EOF
"$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/logs/error.log" &
PIDS+=($!)

# --- download-service ----------------------------------------------------------------------------------
SERVICE_PID=""
# Modes: on = spool + fsync + forwarding to the broker (on this same machine); spool = spool + fsync, but the
# producer points at a closed port, so no Kafka work (isolates the durable spool's cost; nothing drains it, so its
# bound is raised above what the passes write: at ~30 000 downloads/s the default 256 MB is full within a pass and
# the service rightly answers 503); off = no recording.
start_service() { # $1 = on | spool | off
  local recording=true extra=()
  [ "$1" = off ] && recording=false
  [ "$1" = spool ] && extra=(--spring.kafka.producer.bootstrap-servers=127.0.0.1:9 --download.spool.max-bytes=4GB)
  DOWNLOAD_PORT=$SERVICE_PORT KAFKA_BOOTSTRAP_SERVERS=$BOOTSTRAP BLOB_DIR=$WORK/blobs \
    DOWNLOAD_INSTANCE_ID=bench-download DOWNLOAD_SPOOL_DIR=$WORK/spool-$1 DOWNLOAD_RECORDING_ENABLED=$recording \
    java -Xmx256m -Djava.io.tmpdir="$WORK/tmp" ${BENCH_JAVA_OPTS:-} -jar "$JAR" "${extra[@]}" ${BENCH_SERVICE_ARGS:-} \
    >"$WORK/service-$1.log" 2>&1 &
  SERVICE_PID=$!
  PIDS+=("$SERVICE_PID")
  for _ in $(seq 1 120); do
    curl -sf -o /dev/null "http://127.0.0.1:$SERVICE_PORT/actuator/health/readiness" && return 0
    sleep 0.5
  done
  say "download-service did not become ready, see $WORK/service-$1.log"; exit 1
}
stop_service() {
  kill "$SERVICE_PID" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$SERVICE_PID" 2>/dev/null || return 0; sleep 0.5; done
  kill -9 "$SERVICE_PID" 2>/dev/null || true
}

declare -A RPS CPU THREADS_CPU MACHINE ROUND_RATIOS
# the machine's cpu line from /proc/stat: user nice system idle iowait irq softirq steal (ticks, all cores)
machine_ticks() { awk '$1 == "cpu" { c = $2 " " $3 " " $4 " " $5 " " $6 " " $7 " " $8 " " $9 } $1 == "ctxt" { x = $2 }
  $1 == "intr" { i = $2 } END { print c, x, i }' /proc/stat; }
# how the cores spent a pass, in percent of all of them: is the machine saturated, and by what
machine_report() { # $1 = before, $2 = after, $3 = requests
  awk -v a="$1" -v b="$2" -v r="$3" 'BEGIN { split(a, x, " "); split(b, y, " "); t = 0
    for (i = 1; i <= 8; i++) { d[i] = y[i] - x[i]; t += d[i] }
    printf "user %.0f %%, system %.0f %%, softirq %.0f %%, idle %.0f %%, iowait %.0f %%, steal %.0f %%;",
      100 * (d[1] + d[2]) / t, 100 * (d[3] + d[6]) / t, 100 * d[7] / t, 100 * d[4] / t, 100 * d[5] / t, 100 * d[8] / t
    printf " per request: %.1f context switches, %.1f interrupts", (y[9] - x[9]) / r, (y[10] - x[10]) / r }'
}
# CPU seconds (user + system) a process used so far; the difference over a pass shows where the cores went.
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$1/stat" 2>/dev/null || echo 0; }
# CPU ticks per thread name (digits at the end dropped, so a pool is one line): which threads a pass kept busy.
thread_ticks() {
  for f in /proc/"$1"/task/*/stat; do cat "$f" 2>/dev/null && echo; done | awk '
    $0 == "" { next }
    { lp = index($0, "("); rp = 0
      for (i = length($0); i > 0; i--) if (substr($0, i, 1) == ")") { rp = i; break }
      name = substr($0, lp + 1, rp - lp - 1); split(substr($0, rp + 2), field, " ")
      sub(/[-_#. ]*[0-9]+$/, "", name); ticks[name] += field[12] + field[13] }
    END { for (name in ticks) print name "\t" ticks[name] }'
}
# context switches (voluntary + involuntary) all threads of a process went through so far
process_switches() {
  cat /proc/"$1"/task/*/status 2>/dev/null | awk '/^(voluntary|nonvoluntary)_ctxt_switches:/ { n += $2 } END { print n + 0 }'
}
# the difference of two thread_ticks listings as µs per request, busiest first
thread_report() { # $1 = before, $2 = after, $3 = requests
  awk -F'\t' -v hz="$(getconf CLK_TCK)" -v r="$3" 'NR == FNR { before[$1] = $2; next }
    { d = $2 - before[$1]; if (d > 0) printf "%.1f\t%s\n", 1e6 * d / hz / r, $1 }' "$1" "$2" | sort -rn |
    awk -F'\t' '{ printf "%s%s %s µs", (NR > 1 ? ", " : ""), $2, $1 } END { print "" }'
}
load() { # $1 = label, $2 = port, $3 = path, $4 = duration
  local out
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$4" --latency "http://127.0.0.1:$2$3")
  if grep -q "Non-2xx" <<<"$out"; then
    say "$1: errors:"; echo "$out"; exit 1
  fi
  RPS[$1]=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  echo "$out" >"$WORK/wrk-$1.txt"
}
# The service is measured warm, as it runs in production: BENCH_WARMUP (120 s) of load before each pass, in wrk
# runs of at most 10 s (each opens new connections, as the pass does). After 8-40 s the JIT was still at work
# during the pass: code inlined into the event loops was deoptimized by branches taken for the first time (a
# new connection, a histogram's rotation, a new minute in a timestamp) and compiled again, and the service's C2
# thread used 1.5-3.5 µs per request (found with -XX:+LogCompilation); after 120 s, 0.3-0.6 µs.
warm_up() { # $1 = path
  local left=${WARMUP%s} step
  while [ "$left" -gt 0 ]; do
    step=$((left > 10 ? 10 : left))
    load "warmup" "$SERVICE_PORT" "$1" "${step}s"
    left=$((left - step))
  done
}
path_of() { [ "$1" = 100KB ] && echo "/documents/$SMALL_ID/$SMALL_NAME" || echo "/documents/$LARGE_ID/$LARGE_NAME"; }

read -r -a MODES <<<"${BENCH_MODES:-on spool off}"
for mode in "${MODES[@]}"; do
  say "download-service, recording: $mode"
  start_service "$mode"
  for size in 100KB 1MB; do
    curl -sf -o "$WORK/check.pdf" "http://127.0.0.1:$SERVICE_PORT$(path_of $size)"
    cmp -s "$WORK/check.pdf" "$WORK/www$(path_of $size)" || { say "service served other bytes"; exit 1; }
    curl -sf -o "$WORK/check.pdf" "http://127.0.0.1:$NGINX_PORT$(path_of $size)"
    cmp -s "$WORK/check.pdf" "$WORK/www$(path_of $size)" || { say "nginx served other bytes"; exit 1; }
    warm_up "$(path_of $size)"
    # nginx is measured next to each service pass, so both see the same machine load (other work on a shared
    # host shifts absolute numbers; the ratio is what counts). BENCH_ROUNDS pairs of passes, alternating; the
    # report takes the pair with the median ratio (nginx's own rate moves by ±7 % from pass to pass).
    for round in $(seq 1 "$ROUNDS"); do
    key=$mode-$size-$round
    say "  $size: nginx (round $round of $ROUNDS)"
    load "nginx-$key" "$NGINX_PORT" "$(path_of $size)" "$DURATION"
    say "  $size: download-service (round $round of $ROUNDS)"
    service_cpu=$(cpu_seconds "$SERVICE_PID"); broker_cpu=$(cpu_seconds "$BROKER_PID")
    thread_ticks "$SERVICE_PID" >"$WORK/threads-$key.before"
    thread_ticks "$BROKER_PID" >"$WORK/broker-threads-$key.before"
    service_switches=$(process_switches "$SERVICE_PID"); broker_switches=$(process_switches "$BROKER_PID")
    machine_before=$(machine_ticks)
    load "service-$key" "$SERVICE_PORT" "$(path_of $size)" "$DURATION"
    machine_after=$(machine_ticks)
    thread_ticks "$SERVICE_PID" >"$WORK/threads-$key.after"
    thread_ticks "$BROKER_PID" >"$WORK/broker-threads-$key.after"
    requests=$(awk -v r="${RPS[service-$key]}" -v d="${DURATION%s}" 'BEGIN { printf "%.0f", r * d }')
    MACHINE[$key]=$(machine_report "$machine_before" "$machine_after" "$requests")
    switches=$(awk -v s0="$service_switches" -v s1="$(process_switches "$SERVICE_PID")" -v b0="$broker_switches" \
      -v b1="$(process_switches "$BROKER_PID")" -v r="$requests" \
      'BEGIN { printf "context switches per request: service %.2f, broker %.2f", (s1 - s0) / r, (b1 - b0) / r }')
    THREADS_CPU[$key]="service: $(thread_report "$WORK/threads-$key".{before,after} "$requests")
    broker: $(thread_report "$WORK/broker-threads-$key".{before,after} "$requests")
    $switches"
    CPU[$key]=$(awk -v s0="$service_cpu" -v s1="$(cpu_seconds "$SERVICE_PID")" -v b0="$broker_cpu" \
      -v b1="$(cpu_seconds "$BROKER_PID")" -v r="${RPS[service-$key]}" -v d="${DURATION%s}" \
      'BEGIN { printf "service %.0f µs/request, broker %.0f µs/request", 1e6*(s1-s0)/(r*d), 1e6*(b1-b0)/(r*d) }')
    done
    # the median pair by ratio stands for this mode and size; every pair's ratio is printed too
    median=$(for round in $(seq 1 "$ROUNDS"); do
        awk -v r="$round" -v s="${RPS[service-$mode-$size-$round]}" -v n="${RPS[nginx-$mode-$size-$round]}" \
          'BEGIN { printf "%.6f %d\n", s / n, r }'
      done | sort -n | awk -v m="$(( (ROUNDS + 1) / 2 ))" 'NR == m { print $2 }')
    ROUND_RATIOS[$mode-$size]=$(for round in $(seq 1 "$ROUNDS"); do
        ratio "${RPS[service-$mode-$size-$round]}" "${RPS[nginx-$mode-$size-$round]}"; echo -n " "
      done)
    for what in RPS:nginx- RPS:service- CPU: THREADS_CPU: MACHINE:; do
      declare -n table=${what%%:*}
      table[${what#*:}$mode-$size]=${table[${what#*:}$mode-$size-$median]}
      unset -n table
    done
  done
  if [ "$mode" != off ]; then
    if [ "$mode" = on ]; then
      for _ in $(seq 1 120); do
        depth=$(curl -sf "http://127.0.0.1:$SERVICE_PORT/actuator/prometheus" | awk '/^download_spool_depth / {print $2}')
        [ "${depth%.*}" = 0 ] && break
        sleep 0.5
      done
    fi
    curl -sf "http://127.0.0.1:$SERVICE_PORT/actuator/prometheus" >"$WORK/prometheus-$mode.txt"
  fi
  stop_service
done

# --- report ---------------------------------------------------------------------------------------------
echo
echo "download benchmark — wrk -t$THREADS -c$CONNECTIONS -d$DURATION over loopback, $(nproc) cores, $(date -u +%FT%TZ)"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the host shifts absolute numbers)"
echo "each line: the median of $ROUNDS alternating nginx/service pass pairs by ratio; every pair's ratio in brackets"
printf "%-6s %-10s %12s %12s %16s %-18s   %s\n" size recording "nginx req/s" "service" "service/nginx" "(all pairs)" \
  "CPU during the service pass"
for size in 100KB 1MB; do
  for mode in "${MODES[@]}"; do
    n=${RPS[nginx-$mode-$size]}; s=${RPS[service-$mode-$size]}
    printf "%-6s %-10s %12s %12s %16s %-18s   %s\n" "$size" "$mode" "$n" "$s" "$(ratio "$s" "$n")" \
      "(${ROUND_RATIOS[$mode-$size]% })" "${CPU[$mode-$size]}"
  done
done
echo
echo "CPU per request by thread during the median service pass (µs; /proc/<pid>/task, thread names without their number):"
for size in 100KB 1MB; do
  for mode in "${MODES[@]}"; do
    echo "$size $mode"
    echo "    ${THREADS_CPU[$mode-$size]}"
    echo "    machine: ${MACHINE[$mode-$size]}"
  done
done
echo
has_mode() { [[ " ${MODES[*]} " == *" $1 "* ]]; }
for size in 100KB 1MB; do
  for mode in on spool; do
    has_mode "$mode" && has_mode off || continue
    echo "$size: recording $mode / off = $(ratio "${RPS[service-$mode-$size]}" "${RPS[service-off-$size]}")" \
      "(each normalised by nginx of its pass: $(awk -v a="${RPS[service-$mode-$size]}" -v b="${RPS[nginx-$mode-$size]}" \
        -v c="${RPS[service-off-$size]}" -v d="${RPS[nginx-off-$size]}" 'BEGIN { printf "%.2f", (a/b)/(c/d) }'))"
  done
done
for mode in on spool; do
  has_mode "$mode" || continue
  file="$WORK/prometheus-$mode.txt"
  metric() { awk -v m="$1" '$1 == m {print $2}' "$file"; }
  quantile() { awk -v m="$1" -v q="$2" 'index($1, m "{") == 1 && index($1, "quantile=\"" q "\"") {printf "%.2f ms", 1000*$2}' "$file"; }
  fsyncs=$(metric download_spool_fsync_seconds_count)
  echo
  echo "spool, recording $mode: $(metric download_spool_append_latency_seconds_count) records," \
    "$(metric download_events_published_total) acknowledged by Kafka, depth at the end $(metric download_spool_depth)"
  echo "  group commit: $fsyncs fsyncs, $(ratio "$(metric download_spool_batch_records_sum)" "$fsyncs") records per fsync," \
    "write+fsync mean $(awk -v s="$(metric download_spool_fsync_seconds_sum)" -v c="$fsyncs" 'BEGIN {printf "%.2f ms", 1000*s/c}')," \
    "p50 $(quantile download_spool_fsync_seconds 0.5), p99 $(quantile download_spool_fsync_seconds 0.99)"
  echo "  request wait for its record: mean $(awk -v s="$(metric download_spool_append_latency_seconds_sum)" \
    -v c="$(metric download_spool_append_latency_seconds_count)" 'BEGIN {printf "%.2f ms", 1000*s/c}')," \
    "p50 $(quantile download_spool_append_latency_seconds 0.5), p99 $(quantile download_spool_append_latency_seconds 0.99)"
done
echo "(p50/p99: Micrometer's decaying-window estimates at the end of the run; raw wrk output and metrics: $WORK)"
