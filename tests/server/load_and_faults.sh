#!/usr/bin/env bash
# The service under load and faults, on loopback only:
#   1. 64 connections for N seconds (default 60), one request in five malformed or invalid:
#      every good request gets the right answer, every bad one a 4xx, nothing else;
#   2. memory stays flat: resident size after the run within 32 MiB of after a warm-up;
#   3. SIGTERM during load ends the service cleanly (exit 0) within 15 s.
# Usage: load_and_faults.sh <alignkit binary> [seconds]
set -uo pipefail
binary=$1
seconds=${2:-60}
here=$(cd "$(dirname "$0")" && pwd)
passed=0
failed=0
check() {  # check <condition as text> <description>
  if eval "$1"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $2"; fi
}
command -v wrk >/dev/null || { echo "FAIL: wrk is not installed (scripts/install-deps.sh installs it)"; echo "0 passed, 1 failed"; exit 1; }

out=$(mktemp)
start_server() {
  "$binary" serve --port 0 --threads "$(nproc)" >"$out" 2>/dev/null &
  server=$!
  for _ in $(seq 200); do grep -q "listening on port" "$out" && break; sleep 0.05; done
  port=$(sed -n 's/^listening on port //p' "$out")
}
rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$server/status"; }
healthy() { exec 3<>"/dev/tcp/127.0.0.1/$port" && printf 'GET /v1/health HTTP/1.0\r\n\r\n' >&3 && grep -q '"status":"ok"' <&3; }
trap 'kill -KILL $server 2>/dev/null; rm -f "$out"' EXIT

start_server
wrk -t2 -c64 -d3s -s "$here/faults.lua" "http://127.0.0.1:$port/v1/eval" >/dev/null  # warm-up
rss_before=$(rss_kib)
result=$(wrk -t2 -c64 -d"${seconds}s" -s "$here/faults.lua" "http://127.0.0.1:$port/v1/eval" | tail -1)
rss_after=$(rss_kib)
echo "load: $result; resident $((rss_before / 1024)) MiB -> $((rss_after / 1024)) MiB"
read -r _ good _ wrong _ rejected _ other _ _ <<<"$result"
check '[[ $good -gt 0 && $rejected -gt 0 ]]' "the load ran (good $good, rejected $rejected)"
check '[[ $wrong -eq 0 ]]' "$wrong good requests got a wrong answer"
check '[[ $other -eq 0 ]]' "$other requests got neither 200 nor 4xx"
check '[[ $((rss_after - rss_before)) -lt 32768 ]]' "memory grew from ${rss_before} KiB to ${rss_after} KiB"
check 'healthy' "the service does not answer /v1/health after the load"

wrk -t2 -c64 -d10s -s "$here/faults.lua" "http://127.0.0.1:$port/v1/eval" >/dev/null 2>&1 &
load=$!
sleep 2
kill -TERM "$server"
code=124
for _ in $(seq 150); do
  if ! kill -0 "$server" 2>/dev/null; then wait "$server"; code=$?; break; fi
  sleep 0.1
done
check '[[ $code -eq 0 ]]' "SIGTERM under load: the service ended with $code (124 = still running after 15 s)"
wait "$load" 2>/dev/null
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
