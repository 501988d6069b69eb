#!/usr/bin/env bash
# alignkit in PostgreSQL against the same math written by hand in SQL, one run, one
# 1,000,000-row table, serial and with 2 parallel workers, and what starting the workers costs
# on a 1,000-row table (the floor of any parallel plan here): prints the figures side by side
# (median of ROUNDS runs each, interleaved; each statement run once before it is timed in its
# session) and asserts nothing. Uses a server of its own.
#   [ROWS=N] postgres_benchmark.sh MODULE CONTROL SCRIPT [ROUNDS]   (ROWS: 1,000,000 unless given)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
module=$(realpath "$1") control=$(realpath "$2") script=$(realpath "$3") rounds=${4:-5} rows=${ROWS:-1000000}
source "$here/../postgres/tests/extension_server.sh"
start_extension_server "$module" "$control" "$script" -c max_parallel_workers_per_gather=2 \
  -c jit=off
psql=("$install$bindir/psql" -X -q -d postgres -v ON_ERROR_STOP=1)
"${psql[@]}" -v rows="$rows" <<'SQL'
CREATE EXTENSION alignkit;
CREATE TABLE plan AS
  SELECT g AS id, (50 + g % 100)::float8 AS units,
         ARRAY[0.02 + (g % 5) * 0.001, 0.05, 0.2]::float8[] AS rates, 0.008::float8 AS cost, (g % 11)::float8 AS score
  FROM generate_series(1, :rows) g;
VACUUM ANALYZE plan;
CREATE TABLE tiny AS SELECT g FROM generate_series(1, 1000) g;
VACUUM ANALYZE tiny;
SELECT pg_prewarm FROM (SELECT count(*) AS pg_prewarm FROM plan) warm;
SQL
/usr/bin/python3 - "$rounds" "$rows" "${psql[@]}" <<'PY'
import re, statistics, subprocess, sys
rounds, rows, psql = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
queries = {
  "funnel_budget, alignkit": "SELECT sum(alignkit.funnel_budget(units, rates, cost)) FROM plan",
  "funnel_budget, by hand": "SELECT sum(units / (rates[1] * rates[2] * rates[3]) * cost) FROM plan",
  "survey_nps, alignkit": "SELECT alignkit.survey_nps(score) FROM plan",
  "survey_nps, by hand": "SELECT 100.0 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6)) / count(score) FROM plan",
  # The floor of any parallel plan here: starting the workers, with next to nothing to read.
  "start (1,000 rows)": "SELECT count(*) FROM tiny",
}
settings = {
  "serial": "SET max_parallel_workers_per_gather = 0;",
  "2 workers": "SET max_parallel_workers_per_gather = 2; SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0;"
               " SET min_parallel_table_scan_size = 0;",
}
times = {(q, s): [] for q in queries for s in settings}
answers = {}
for _ in range(rounds):
  for s, setting in settings.items():
    for q, sql in queries.items():
      # Each statement once untimed, then timed, in one session: what a BI tool's pooled
      # connection sees (a new backend's first scan also maps the shared buffers it reads).
      out = subprocess.run(psql + ["-A", "-t", "-c", setting, "-c", sql, "-c", "\\timing on", "-c", sql],
                           capture_output=True, text=True)
      if out.returncode: sys.exit(f"{q} ({s}): {out.stderr.strip()}")
      out = out.stdout
      answers[(q, s)] = out.splitlines()[-2]
      times[(q, s)].append(float(re.search(r"Time: ([\d.]+) ms", out).group(1)))
print(f"{rows:,} rows, median of {rounds} rounds (ms)")
print(f"{'':28}{'serial':>10}{'2 workers':>12}{'speed-up':>10}   answer")
for q in queries:
  serial, parallel = (statistics.median(times[(q, s)]) for s in settings)
  print(f"{q:28}{serial:10.1f}{parallel:12.1f}{serial / parallel:9.2f}x   {answers[(q, 'serial')]}")
start = statistics.median(times[("start (1,000 rows)", "2 workers")])
for name in ("funnel_budget", "survey_nps"):
  for s in settings:
    ours, hand = (statistics.median(times[(f"{name}, {w}", s)]) for w in ("alignkit", "by hand"))
    print(f"{name} {s}: alignkit / by hand = {ours / hand:.2f}")
for q in queries:
  if q.startswith("start"): continue
  serial, parallel = (statistics.median(times[(q, s)]) for s in settings)
  if parallel > start: print(f"{q}: speed-up past the workers' start = {serial / (parallel - start):.2f}x")
PY
server_survived >/dev/null
