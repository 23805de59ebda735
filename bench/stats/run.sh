#!/usr/bin/env bash
# Projection benchmark for stats-service: events/s from a pre-filled downloads.requested into PostgreSQL.
# Usage (from anywhere): bench/stats/run.sh [events]   (default 200000; STATS_CONSUMER_CONCURRENCY=1..3, default 3)
set -euo pipefail
cd "$(dirname "$0")/../.."
EVENTS="${1:-200000}"
# Builds and benchmarks on this 2-core machine take turns through one lock, held for the whole run (build and
# measurement), so that the numbers are not those of a busy machine. A caller that already holds it
# (flock /tmp/publicaties-mvn.lock bash bench/stats/run.sh) is not made to wait for itself.
LOCK=/tmp/publicaties-mvn.lock
held_by_caller() {
  [ -e "$LOCK" ] || return 1
  local inode holders pid
  inode=$(stat -c %i "$LOCK")
  holders=$(awk -v inode="$inode" '$2 != "->" { n = split($6, f, ":"); if (f[n] == inode) print $5 }' /proc/locks)
  pid=$$
  while [ -n "$pid" ] && [ "$pid" -gt 1 ]; do
    for holder in $holders; do [ "$holder" = "$pid" ] && return 0; done
    pid=$(ps -o ppid= -p "$pid" | tr -d ' ')
  done
  return 1
}
if [ -z "${BENCH_STATS_LOCKED:-}" ] && ! held_by_caller; then
  exec env BENCH_STATS_LOCKED=1 flock "$LOCK" bash "$0" "$@"
fi
# wrk (Debian package) measures the counts call from outside any JVM
if ! command -v wrk >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get install -y -q wrk >/dev/null || { $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q wrk >/dev/null; }
fi
# (re)built when missing or older than its sources, with its reactor dependency (contracts), in one reactor build
# that also writes the test classpath the benchmark borrows (embedded PostgreSQL, KRaft broker, Kafka client,
# contracts, Jackson): on a clean machine it downloads what ~/.m2 lacks, and the classpath names this checkout's
# contracts jar rather than whatever snapshot ~/.m2 holds
JAR=stats-service/target/stats-service.jar
CLASSPATH_FILE=stats-service/target/bench-classpath.txt
if [ ! -f "$JAR" ] || [ ! -s "$CLASSPATH_FILE" ] || [ stats-service/pom.xml -nt "$CLASSPATH_FILE" ] \
    || [ -n "$(find stats-service/pom.xml stats-service/src/main contracts/src/main -newer "$JAR" -print -quit)" ]; then
  ./mvnw -B -q -pl stats-service -am -DskipTests package dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
fi
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx768m -Djava.io.tmpdir="$PWD/stats-service/target" -Dlogback.configurationFile=bench/stats/logback.xml \
  -cp "$(cat stats-service/target/bench-classpath.txt)" bench/stats/StatsBench.java "$EVENTS" stats-service/target/stats-service.jar
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
