#!/usr/bin/env bash
# Load test of `fer serve` on loopback: requests/s, p50/p99 latency and answers by status at
# 1, 4 and 16 concurrent clients (below the queue limit: every answer must be 200), then at 32
# (above it: the extra requests must be 503s, nothing else). Bounded: SECONDS per level.
# Usage: bench/load.sh [SECONDS=10] [IMAGE=cache sample2.jpg] [WIDTH=640]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-10}"
cache="${FER4J_CACHE:-$HOME/.cache/fer4j}"
image="${2:-$cache/face-api/1.7.15/demo/sample2.jpg}"
width="${3:-640}"
port="${FER4J_LOAD_PORT:-18480}"
workers="${FER4J_LOAD_WORKERS:-1}"
queue="${FER4J_LOAD_QUEUE:-16}"
[ -f "$image" ] || { echo "load: $image missing; run ./fer models pull" >&2; exit 5; }

"$root/fer" serve --host 127.0.0.1 --port "$port" --workers "$workers" --queue "$queue" --timeout "${FER4J_LOAD_TIMEOUT:-120}" >/tmp/fer4j-load-server.log 2>&1 &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
  curl -sf "http://127.0.0.1:$port/ready" >/dev/null 2>&1 && break
  sleep 1
done
curl -sf "http://127.0.0.1:$port/ready" >/dev/null || { echo "load: server not ready" >&2; cat /tmp/fer4j-load-server.log >&2; exit 1; }
echo "fer serve: $workers worker(s), queue $queue, image $(basename "$image") at ${width} px wide, ${seconds} s per level"
java "$root/bench/server/LoadClient.java" "http://127.0.0.1:$port/api/v1/analyze" "$image" "$width" "$seconds" 1 4 16 32
echo "server metrics:"
curl -s "http://127.0.0.1:$port/metrics" | grep -E '^fer4j_(http_requests_total|images_analysed_total|faces_detected_total)'
