#!/usr/bin/env bash
# Starts the packaged server (target/quarkus-app, build it first with `mvn -B package -DskipTests`) and compares
# with wrk over HTTPS keep-alive:  /inject (hello pod) vs /inject (hostNetwork pod, skipped),
# /validate (20-route VirtualService) vs /validate (DELETE review, not validated: bare, and carrying the same
# VirtualService as oldObject as the API server sends it), and /inject with 1 MB of managedFields. Results go to bench/target/wrk-*.txt and a summary table to stdout.
# Env: HTTPS_PORT (18007), MGMT_PORT (19007), WARMUP (15s per case, all cases before any measurement),
# DURATION (10s), CONNECTIONS (16), THREADS (2), TIMEOUT (30s), JAVA_OPTS (server JVM flags, default -Xmx512m).
set -euo pipefail
cd "$(dirname "$0")/.."
HTTPS_PORT="${HTTPS_PORT:-18007}"
MGMT_PORT="${MGMT_PORT:-19007}"
DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-16}"
THREADS="${THREADS:-2}"
TIMEOUT="${TIMEOUT:-30s}"
WARMUP="${WARMUP:-15s}"
OUT=bench/target
mkdir -p "$OUT"
command -v wrk > /dev/null || { echo "wrk is missing: apt-get install -y wrk"; exit 2; }
[ -f target/quarkus-app/quarkus-run.jar ] || { echo "build first: mvn -B package -DskipTests"; exit 2; }
python3 bench/gen-bodies.py "$OUT/bodies"

WORK="$(mktemp -d)"
MESHHOOK_TLS_DIR="$WORK/certs" MESHHOOK_HTTPS_PORT="$HTTPS_PORT" MESHHOOK_MANAGEMENT_PORT="$MGMT_PORT" \
  java ${JAVA_OPTS:--Xmx512m} -jar target/quarkus-app/quarkus-run.jar > "$OUT/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 240); do
  curl -sf "http://127.0.0.1:$MGMT_PORT/q/health/ready" > /dev/null 2>&1 && break
  sleep 0.5
done
curl -sf "http://127.0.0.1:$MGMT_PORT/q/health/ready" > /dev/null

# name path body-file expected-substring
CASES=(
  "inject-hello-pod /inject inject-pod.json \"patch\""
  "inject-hostnetwork-skip /inject inject-hostnetwork.json \"allowed\":true"
  "inject-managedfields-1mb /inject inject-managedfields-1mb.json \"patch\""
  "validate-vs-20-routes /validate validate-vs-20-routes.json \"allowed\":true"
  "validate-delete /validate validate-delete.json \"allowed\":true"
  "validate-delete-oldobject /validate validate-delete-with-oldobject.json \"allowed\":true"
)

wrk_case() { # duration name path body expect [extra wrk args...]
  local duration=$1 name=$2 path=$3 body=$4 expect=$5
  shift 5
  BODY="$OUT/bodies/$body" EXPECT="$expect" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --timeout "$TIMEOUT" \
    -s bench/wrk/post.lua "$@" "https://127.0.0.1:$HTTPS_PORT$path"
}

# Warm every case first, so that each measurement sees the JIT's steady state rather than whichever case ran
# before it (C2 needs tens of thousands of calls of the TLS, JSON and pipeline code; the first seconds run
# interpreted or C1 code).
echo "warm-up: $WARMUP per case" >&2
for c in "${CASES[@]}"; do
  # shellcheck disable=SC2086
  wrk_case "$WARMUP" $c > /dev/null
done

echo "| case                       | path      |   req/s    |   p50    |   p99    | non-200 | unexpected |"
echo "|----------------------------|-----------|------------|----------|----------|---------|------------|"
for c in "${CASES[@]}"; do
  # shellcheck disable=SC2086
  set -- $c
  name=$1 path=$2
  # shellcheck disable=SC2086
  wrk_case "$DURATION" $c --latency > "$OUT/wrk-$name.txt"
  rps=$(awk '/Requests\/sec/ {print $2}' "$OUT/wrk-$name.txt")
  p50=$(awk '$1=="50%" {print $2}' "$OUT/wrk-$name.txt")
  p99=$(awk '$1=="99%" {print $2}' "$OUT/wrk-$name.txt")
  non200=$(awk -F': ' '/non-200 answers/ {s+=$2} END {print s+0}' "$OUT/wrk-$name.txt")
  unexpected=$(awk -F': ' '/answers without EXPECT/ {s+=$2} END {print s+0}' "$OUT/wrk-$name.txt")
  printf "| %-26s | %-9s | %10s | %8s | %8s | %7s | %10s |\n" "$name" "$path" "$rps" "$p50" "$p99" "$non200" \
    "$unexpected"
done

rps() { awk '/Requests\/sec/ {print $2}' "$OUT/wrk-$1.txt"; }
ratio() { awk -v a="$(rps "$1")" -v b="$(rps "$2")" 'BEGIN {printf "%.0f %%", 100 * a / b}'; }
echo
echo "ratios: /inject hello vs skipped hostNetwork pod $(ratio inject-hello-pod inject-hostnetwork-skip);" \
  "/validate VirtualService vs bare DELETE $(ratio validate-vs-20-routes validate-delete)," \
  "vs DELETE carrying it as oldObject $(ratio validate-vs-20-routes validate-delete-oldobject)"

# Single requests as an API server makes them when idle: a new TLS connection each, over HTTP/2 and HTTP/1.1.
single() { # protocol-flag body-file
  for i in $(seq 1 25); do
    curl "$1" -s -o /dev/null -w '%{time_total}\n' --cacert "$WORK/certs/ca.crt" -H 'Content-Type: application/json' \
      --data-binary "@$OUT/bodies/$2" "https://localhost:$HTTPS_PORT/inject"
  done | tail -20 | sort -n | awk '{t[NR]=$1*1000} END {printf "p50 %.1f ms, p90 %.1f ms, max %.1f ms (20 requests after 5 warm-up)", t[10], t[18], t[20]}'
}
echo
for proto in --http2 --http1.1; do
  echo "single curl, new TLS connection, $proto, 1 MB managedFields pod: $(single $proto inject-managedfields-1mb.json)"
  echo "single curl, new TLS connection, $proto, hello pod: $(single $proto inject-pod.json)"
done
echo "server RSS after the runs: $(ps -o rss= -p $PID | awk '{printf "%.0f MiB", $1/1024}')"
