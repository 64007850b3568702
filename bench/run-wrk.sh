#!/usr/bin/env bash
# Starts the packaged server (target/quarkus-app, build it first with `mvn -B package -DskipTests`) and compares
# with wrk over HTTPS keep-alive:  /inject (hello pod) vs /inject (hostNetwork pod, skipped),
# /validate (20-route VirtualService) vs /validate (DELETE review, not validated), and /inject with 1 MB of
# managedFields. Results go to bench/target/wrk-*.txt and a summary table to stdout.
# Env: HTTPS_PORT (18007), MGMT_PORT (19007), DURATION (10s), CONNECTIONS (16), THREADS (2), TIMEOUT (30s).
set -euo pipefail
cd "$(dirname "$0")/.."
HTTPS_PORT="${HTTPS_PORT:-18007}"
MGMT_PORT="${MGMT_PORT:-19007}"
DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-16}"
THREADS="${THREADS:-2}"
TIMEOUT="${TIMEOUT:-30s}"
OUT=bench/target
mkdir -p "$OUT"
command -v wrk > /dev/null || { echo "wrk is missing: apt-get install -y wrk"; exit 2; }
[ -f target/quarkus-app/quarkus-run.jar ] || { echo "build first: mvn -B package -DskipTests"; exit 2; }
python3 bench/gen-bodies.py "$OUT/bodies"

WORK="$(mktemp -d)"
MESHHOOK_TLS_DIR="$WORK/certs" MESHHOOK_HTTPS_PORT="$HTTPS_PORT" MESHHOOK_MANAGEMENT_PORT="$MGMT_PORT" \
  java -Xmx512m -jar target/quarkus-app/quarkus-run.jar > "$OUT/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 240); do
  curl -sf "http://127.0.0.1:$MGMT_PORT/q/health/ready" > /dev/null 2>&1 && break
  sleep 0.5
done
curl -sf "http://127.0.0.1:$MGMT_PORT/q/health/ready" > /dev/null

run() { # name path body-file
  local name=$1 path=$2 body=$3
  # warm-up run (JIT), then the measured one
  BODY="$OUT/bodies/$body" wrk -t"$THREADS" -c"$CONNECTIONS" -d5s --timeout "$TIMEOUT" -s bench/wrk/post.lua \
    "https://127.0.0.1:$HTTPS_PORT$path" > /dev/null
  BODY="$OUT/bodies/$body" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout "$TIMEOUT" --latency -s bench/wrk/post.lua \
    "https://127.0.0.1:$HTTPS_PORT$path" > "$OUT/wrk-$name.txt"
  local rps p50 p99 non200
  rps=$(awk '/Requests\/sec/ {print $2}' "$OUT/wrk-$name.txt")
  p50=$(awk '$1=="50%" {print $2}' "$OUT/wrk-$name.txt")
  p99=$(awk '$1=="99%" {print $2}' "$OUT/wrk-$name.txt")
  non200=$(awk -F': ' '/non-200 answers/ {print $2}' "$OUT/wrk-$name.txt")
  printf "| %-26s | %-9s | %10s | %8s | %8s | %7s |\n" "$name" "$path" "$rps" "$p50" "$p99" "$non200"
}

echo "| case                       | path      |   req/s    |   p50    |   p99    | non-200 |"
echo "|----------------------------|-----------|------------|----------|----------|---------|"
run inject-hello-pod /inject inject-pod.json
run inject-hostnetwork-skip /inject inject-hostnetwork.json
run inject-managedfields-1mb /inject inject-managedfields-1mb.json
run validate-vs-20-routes /validate validate-vs-20-routes.json
run validate-delete /validate validate-delete.json
echo "server RSS after the runs: $(ps -o rss= -p $PID | awk '{printf "%.0f MiB", $1/1024}')"
