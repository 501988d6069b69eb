#!/usr/bin/env bash
# Benchmark (not a test): POST /v1/eval against GET /v1/health (the HTTP floor), on loopback, with
# the service pinned to one core and wrk to the other, so that the two never fight over a core and
# a real change can be told from noise (a request thread for each connection: Poco gives each thread
# one keep-alive connection). RUNS rounds of each, interleaved; prints each round and the
# median and spread of requests/s, and eval's median as a share of health's (the goal: 0.9 or more).
#   server_load.sh <alignkit binary> [seconds] [connections] [runs]
set -euo pipefail
binary=$1
seconds=${2:-5}
connections=${3:-64}
runs=${4:-5}
here=$(cd "$(dirname "$0")" && pwd)
command -v wrk >/dev/null || { echo "server_load: needs wrk (apt-get install wrk)" >&2; exit 2; }
command -v taskset >/dev/null || { echo "server_load: needs taskset (util-linux)" >&2; exit 2; }
(( $(nproc) >= 2 )) || { echo "server_load: needs two cores (the service on one, wrk on the other)" >&2; exit 2; }
out=$(mktemp)
taskset -c 0 "$binary" serve --port 0 --threads "$connections" >"$out" 2>/dev/null &
server=$!
trap 'kill -TERM $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -f "$out"' EXIT
for _ in $(seq 100); do grep -q "listening on port" "$out" && break; sleep 0.05; done
port=$(sed -n 's/^listening on port //p' "$out")
echo "alignkit serve on 127.0.0.1:$port pinned to core 0; wrk (1 thread, $connections connections, ${seconds} s) on core 1; $runs rounds"

rate() {  # requests/s of one wrk run against a path, with the script that makes its request
  taskset -c 1 wrk -t1 -c"$connections" -d"${seconds}s" -s "$2" "http://127.0.0.1:$port$1" | sed -n 's/^requests\/s \([0-9]*\).*/\1/p'
}
eval_rates=() health_rates=()
for round in $(seq "$runs"); do
  e=$(rate /v1/eval "$here/eval_post.lua")
  h=$(rate /v1/health "$here/health_get.lua")
  eval_rates+=("$e") health_rates+=("$h")
  printf "  round %d: POST /v1/eval %6d/s   GET /v1/health %6d/s   ratio %.2f\n" "$round" "$e" "$h" "$(echo "$e / $h" | bc -l)"
done
summary() {  # median and spread of the numbers given
  printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
    printf "median %d/s (spread %d-%d)", m, v[1], v[NR] }'
}
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "  POST /v1/eval:  $(summary "${eval_rates[@]}")"
echo "  GET /v1/health: $(summary "${health_rates[@]}")"
printf "  eval / health by the medians: %.2f (goal: 0.9 or more)\n" "$(echo "$(median "${eval_rates[@]}") / $(median "${health_rates[@]}")" | bc -l)"
