#!/usr/bin/env bash
# Gateway page benchmark: requests/s and p50/p99 latency of the series page with wrk, at a fixed 200 req/s and at
# saturation, with the whole system live (launcher: Kafka, PostgreSQL, catalog, download, stats, gateway), and the
# same page bytes served by nginx as a static file in the same run, for the ratio.
#
# Usage (from anywhere): bench/gateway/run.sh
# Env: DURATION (s per measurement, default 30), RATE (default 200), CONNECTIONS (saturation, default 32),
#      BENCH_PORT_BASE (default 18080: gateway +0, catalog +1, download +2, stats +3, nginx +10, Kafka +1012/+1013,
#      PostgreSQL +1353). Loopback only; every load is bounded by DURATION; everything started is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
DURATION="${DURATION:-30}"
RATE="${RATE:-200}"
CONNECTIONS="${CONNECTIONS:-32}"
BASE="${BENCH_PORT_BASE:-18080}"
THREADS=2
SLUG=monitor-integriteit-en-veiligheid

need() { command -v "$1" >/dev/null 2>&1; }
if ! need wrk || ! need nginx || ! need curl; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq wrk nginx-light curl >/dev/null
fi
for module in catalog-service download-service stats-service gateway launcher; do
  if [ ! -f "$module/target/$module.jar" ]; then
    flock /tmp/publicaties-mvn.lock ./mvnw -B -q -DskipTests package
    break
  fi
done

WORK="$(mktemp -d /tmp/bench-gateway.XXXXXX)"
LAUNCHER_PID=""
NGINX_PID=""
cleanup() {
  if [ -n "$NGINX_PID" ]; then kill "$NGINX_PID" 2>/dev/null || true; fi
  if [ -n "$LAUNCHER_PID" ]; then
    kill "$LAUNCHER_PID" 2>/dev/null || true   # the launcher stops its services and infrastructure itself
    for _ in $(seq 1 60); do kill -0 "$LAUNCHER_PID" 2>/dev/null || break; sleep 1; done
    kill -9 "$LAUNCHER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

GATEWAY="http://127.0.0.1:$BASE"
NGINX="http://127.0.0.1:$((BASE + 10))"
echo "== starting the system (data in $WORK, gateway $GATEWAY)"
GATEWAY_PORT=$BASE CATALOG_PORT=$((BASE + 1)) DOWNLOAD_PORT=$((BASE + 2)) STATS_PORT=$((BASE + 3)) \
  KAFKA_PORT=$((BASE + 1012)) KAFKA_CONTROLLER_PORT=$((BASE + 1013)) POSTGRES_PORT=$((BASE + 1353)) \
  PUBLICATIES_DATA_DIR="$WORK/data" \
  java -jar launcher/target/launcher.jar >"$WORK/launcher.log" 2>&1 &
LAUNCHER_PID=$!
for _ in $(seq 1 300); do
  if grep -q "Publicaties is ready" "$WORK/launcher.log"; then break; fi
  if ! kill -0 "$LAUNCHER_PID" 2>/dev/null; then cat "$WORK/launcher.log"; echo "launcher died"; exit 1; fi
  sleep 1
done
grep -q "Publicaties is ready" "$WORK/launcher.log" || { tail -30 "$WORK/launcher.log"; echo "not ready in 300 s"; exit 1; }

# the page must carry its counts: "both backends live" is the point of the measurement
curl -fsS "$GATEWAY/$SLUG" -o "$WORK/page.html"
grep -q "downloads" "$WORK/page.html" || { echo "page has no counts: stats not live?"; exit 1; }
grep -q "tijdelijk niet beschikbaar" "$WORK/page.html" && { echo "page says counts unavailable"; exit 1; }

mkdir -p "$WORK/www" "$WORK/nginx"
chmod 755 "$WORK" "$WORK/www"   # nginx workers run as www-data when started by root
cp "$WORK/page.html" "$WORK/www/$SLUG"
cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
daemon off;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx; proxy_temp_path $WORK/nginx; fastcgi_temp_path $WORK/nginx;
  uwsgi_temp_path $WORK/nginx; scgi_temp_path $WORK/nginx;
  server {
    listen 127.0.0.1:$((BASE + 10));
    root $WORK/www;
    location / { default_type "text/html; charset=utf-8"; }
  }
}
EOF
nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" &
NGINX_PID=$!
for _ in $(seq 1 50); do curl -fsS -o /dev/null "$NGINX/$SLUG" 2>/dev/null && break; sleep 0.2; done
cmp -s "$WORK/page.html" <(curl -fsS "$NGINX/$SLUG") || { echo "nginx serves other bytes"; exit 1; }

measure() { # name url kind
  local script=bench/gateway/saturate.lua args=(-t"$THREADS" -c"$CONNECTIONS")
  if [ "$3" = rate ]; then script=bench/gateway/rate.lua; args=(-t"$THREADS" -c"$((RATE / 10 > 4 ? RATE / 10 : 4))"); fi
  local line
  line=$(RATE="$RATE" THREADS="$THREADS" wrk "${args[@]}" -d"${DURATION}s" --timeout 5s -s "$script" "$2" | grep '^RESULT')
  printf '%-28s %s\n' "$1" "${line#RESULT }" | tee -a "$WORK/results.txt"
}

echo "== page: $(wc -c <"$WORK/page.html") bytes; load before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
echo "== warm-up (JIT, connection pools): 10 s each"
DURATION=10 measure "warm-up gateway" "$GATEWAY/$SLUG" saturate >/dev/null
DURATION=10 measure "warm-up nginx" "$NGINX/$SLUG" saturate >/dev/null
: >"$WORK/results.txt"
echo "== measuring, ${DURATION} s each"
measure "gateway @ ${RATE}/s" "$GATEWAY/$SLUG" rate
measure "nginx   @ ${RATE}/s" "$NGINX/$SLUG" rate
measure "gateway saturated (c=$CONNECTIONS)" "$GATEWAY/$SLUG" saturate
measure "nginx   saturated (c=$CONNECTIONS)" "$NGINX/$SLUG" saturate
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"

# the figures after the run: still correct, still with counts
curl -fsS "$GATEWAY/$SLUG" | grep -q "downloads" || { echo "page lost its counts under load"; exit 1; }
awk '/saturated/ { split($0, f, "rps="); split(f[2], g, " "); if ($1 == "gateway") gw = g[1]; else ng = g[1] }
     END { if (ng > 0) printf("== saturation ratio gateway/nginx: %.3f (%.0f vs %.0f req/s)\n", gw / ng, gw, ng) }' \
  "$WORK/results.txt"
awk -v rate="$RATE" '/^gateway @/ { split($0, f, "p99_ms="); split(f[2], g, " ");
     printf("== target p99 < 50 ms at %s req/s: %s (p99 %s ms)\n", rate, (g[1] < 50 ? "met" : "NOT met"), g[1]) }' \
  "$WORK/results.txt"
