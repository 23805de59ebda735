#!/usr/bin/env bash
# Projection benchmark for stats-service: events/s from a pre-filled downloads.requested into PostgreSQL.
# Usage (from anywhere): bench/stats/run.sh [events]   (default 200000; STATS_CONSUMER_CONCURRENCY=1..3)
set -euo pipefail
cd "$(dirname "$0")/../.."
EVENTS="${1:-200000}"
LOCK=/tmp/publicaties-mvn.lock
if [ ! -f stats-service/target/stats-service.jar ]; then
  flock "$LOCK" ./mvnw -B -o -q -f stats-service package -DskipTests
fi
# the benchmark borrows the test classpath (embedded PostgreSQL, KRaft broker, Kafka client, contracts, Jackson)
flock "$LOCK" ./mvnw -B -o -q -f stats-service dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
exec java -Xmx768m -Djava.io.tmpdir="$PWD/stats-service/target" -Dlogback.configurationFile=bench/stats/logback.xml \
  -cp "$(cat stats-service/target/bench-classpath.txt)" bench/stats/StatsBench.java "$EVENTS" stats-service/target/stats-service.jar
