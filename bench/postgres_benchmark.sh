#!/usr/bin/env bash
# alignkit in PostgreSQL against the same math written by hand in SQL, one run, one
# 1,000,000-row table, serial and with 2 parallel workers, and what starting the workers costs
# on a 1,000-row table (the floor of any parallel plan here), and a template's value as of each
# row's month against the same query with one constant instant: prints the figures side by side
# (median and spread of ROUNDS runs each, interleaved; each statement run once before it is timed
# in its session) and asserts nothing. Uses a server of its own.
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
         ARRAY[0.02 + (g % 5) * 0.001, 0.05, 0.2]::float8[] AS rates, 0.008::float8 AS cost, (g % 11)::float8 AS score,
         timestamptz '2025-01-31 23:59:59+00' + (g % 24) * interval '1 month' AS month_end  -- within the template's history
  FROM generate_series(1, :rows) g;
VACUUM ANALYZE plan;
-- A template published every month for two years, as the service's store holds it.
CREATE TABLE public.template_versions (name text, version integer, author text, published text, message text,
  groups_changed text, approved_by text, document text, PRIMARY KEY (name, version));
INSERT INTO public.template_versions
  SELECT 'team', v, 'hr', to_char(timestamp '2025-01-01' + (v - 1) * interval '1 month', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
         '', '["people"]', '', format('{"template_version": 1, "people": {"ramp_months": %s}}', 2 + v % 5)
  FROM generate_series(1, 24) v;
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
  "template_value as of each row": "SELECT sum(alignkit.template_value('team', 'people.ramp_months', month_end)) FROM plan",
  "template_value as of one instant": "SELECT sum(alignkit.template_value('team', 'people.ramp_months', timestamptz '2026-06-30 00:00:00+00')) FROM plan",
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
print(f"{rows:,} rows, median of {rounds} rounds and their spread (ms)")
print(f"{'':34}{'serial':>22}{'2 workers':>22}{'speed-up':>10}   answer")
spread = lambda values: f"{min(values):.0f}–{max(values):.0f}"
for q in queries:
  serial, parallel = (statistics.median(times[(q, s)]) for s in settings)
  print(f"{q:34}{serial:9.1f} ({spread(times[(q, 'serial')]):>10}){parallel:9.1f} ({spread(times[(q, '2 workers')]):>10})"
        f"{serial / parallel:9.2f}x   {answers[(q, 'serial')]}")
start = statistics.median(times[("start (1,000 rows)", "2 workers")])
for name in ("funnel_budget", "survey_nps"):
  for s in settings:
    ours, hand = (statistics.median(times[(f"{name}, {w}", s)]) for w in ("alignkit", "by hand"))
    per_round = [a / b for a, b in zip(times[(f"{name}, alignkit", s)], times[(f"{name}, by hand", s)])]
    print(f"{name} {s}: alignkit / by hand = {ours / hand:.2f} (rounds: {min(per_round):.2f}–{max(per_round):.2f})")
for s in settings:
  each, one = (statistics.median(times[(f"template_value as of {w}", s)]) for w in ("each row", "one instant"))
  print(f"template_value {s}: as of each row's month / as of one instant = {each / one:.2f}")
for q in queries:
  if q.startswith("start"): continue
  serial, parallel = (statistics.median(times[(q, s)]) for s in settings)
  if parallel > start: print(f"{q}: speed-up past the workers' start = {serial / (parallel - start):.2f}x")
PY
server_survived >/dev/null
