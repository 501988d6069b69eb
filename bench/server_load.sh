#!/usr/bin/env bash
# Benchmark (not a test): a bounded load on loopback against POST /v1/eval, printing
# requests/s and latency percentiles.  Usage: server_load.sh <alignkit binary> [seconds] [connections]
set -euo pipefail
binary=$1
seconds=${2:-10}
connections=${3:-64}
here=$(cd "$(dirname "$0")" && pwd)
command -v wrk >/dev/null || { echo "server_load: needs wrk (apt-get install wrk)" >&2; exit 2; }
out=$(mktemp)
"$binary" serve --port 0 --threads "$(nproc)" >"$out" 2>/dev/null &
server=$!
trap 'kill -TERM $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -f "$out"' EXIT
for _ in $(seq 100); do grep -q "listening on port" "$out" && break; sleep 0.05; done
port=$(sed -n 's/^listening on port //p' "$out")
echo "alignkit serve on 127.0.0.1:$port, wrk with $connections connections for ${seconds}s on $(nproc) cores"
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$here/eval_post.lua" "http://127.0.0.1:$port/v1/eval" | grep -v "^  \[\|^Running\|^  2 threads"
