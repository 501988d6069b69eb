#!/usr/bin/env bash
# Benchmark (not a test): the template store under a bounded load on loopback — reads only,
# writes only, and nine reads to one write — against SQLite, or against PostgreSQL when run
# under tests/server/with_postgres.sh. Prints reads/s, writes/s and latency percentiles.
#   template_load.sh ALIGNKIT [sqlite|postgresql] [seconds]
#   tests/server/with_postgres.sh bench/template_load.sh ALIGNKIT postgresql
set -euo pipefail
binary=$(realpath "$1")
backend=${2:-sqlite}
seconds=${3:-10}
here=$(cd "$(dirname "$0")" && pwd)
command -v wrk >/dev/null || { echo "template_load: needs wrk (apt-get install wrk)" >&2; exit 2; }
work=$(mktemp -d)
server=""
trap 'kill -TERM $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
if [[ "$backend" == postgresql ]]; then store="$ALIGNKIT_TEST_POSTGRES"; else store="sqlite:$work/templates.db"; fi
"$binary" store import "$here/../samples/templates" --store "$store" >/dev/null
# As packaged: reading needs a token, here one of 300 users' (a team's), the last one added.
for n in $(seq 299); do "$binary" users add "planner$n" --owns people --users "$work/users.json" >/dev/null 2>&1; done
token=$("$binary" users add bench --owns '*' --users "$work/users.json" 2>/dev/null)
"$binary" serve --port 0 --threads 16 --store "$store" --users "$work/users.json" --reading token \
  >"$work/serve.log" 2>"$work/errors.log" &
server=$!
for _ in $(seq 100); do grep -q "listening on port" "$work/serve.log" && break; sleep 0.05; done
port=$(sed -n 's/^listening on port //p' "$work/serve.log")
echo "template store on $backend, alignkit serve with 16 threads (one per keep-alive client) on $(nproc) cores, ${seconds}s each:"
run() {
  printf '  %-22s' "$1"
  wrk -t"$2" -c"$2" -d"${seconds}s" --latency -s "$here/template_load.lua" "http://127.0.0.1:$port" -- "$3" "$token" "$4" \
    | grep "^reads/s"
}
# The HTTP floor and the two reads a sidebar or a workbook makes, side by side (16 clients each).
rate() { wrk -t16 -c16 -d"${seconds}s" "$@" | sed -n 's/^Requests\/sec: *//p'; }
health=$(rate "http://127.0.0.1:$port/v1/health")
newest=$(rate -H "Authorization: Bearer $token" "http://127.0.0.1:$port/v1/templates/inside_sales")
unchanged=$(rate -H "Authorization: Bearer $token" -H 'If-None-Match: "1"' "http://127.0.0.1:$port/v1/templates/inside_sales")
/usr/bin/python3 - "$health" "$newest" "$unchanged" <<'PY'
import sys
health, newest, unchanged = (float(x) for x in sys.argv[1:])
print(f"  {'GET /v1/health':22}{health:10.0f} requests/s (the HTTP floor)")
print(f"  {'newest version':22}{newest:10.0f} requests/s  {100 * newest / health:5.1f}% of health")
print(f"  {'304 Not Modified':22}{unchanged:10.0f} requests/s  {100 * unchanged / health:5.1f}% of health")
PY
run "reads (16 clients)" 16 0 reads
run "writes (4 writers)" 4 1 writes
run "9 reads : 1 write (8)" 8 0.1 mixed
grep -v " published \|alignkit serving\|listening on" "$work/errors.log" > "$work/refused.log" || true
if [[ -s "$work/refused.log" ]]; then echo "  what the service refused or failed:"; sort "$work/refused.log" | uniq -c | sort -rn | head -5; fi
