#!/usr/bin/env bash
# One statement cannot take a database server's memory or ignore a cancel: on a server of its own
# with the sample templates in its store,
#  - template_value over rows that alternate between templates keeps the backend's peak memory
#    flat (each call site keeps a few templates' reads, never one per row);
#  - funnel_schedule past the answer's size limit is refused with SQLSTATE 54000 before anything is
#    allocated, and the peak memory says so;
#  - statement_timeout stops goal_allocate inside the core's loops: the time from the timeout to
#    the error is printed, and must be well under the 1.1 s it took before (a margin that holds on
#    a loaded machine: the figure is what to read).
#   limits_test.sh MODULE CONTROL SCRIPT ALIGNKIT SAMPLES
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
module=$(realpath "$1") control=$(realpath "$2") script=$(realpath "$3") alignkit=$(realpath "$4") samples=$(realpath "$5")
source "$here/extension_server.sh"
start_extension_server "$module" "$control" "$script"
psql() { "$install$bindir/psql" -X -q -At -v ON_ERROR_STOP=1 "$@"; }
psql -d postgres -c "CREATE DATABASE limits" >/dev/null
"$alignkit" store import "$samples" --store "postgresql:host=$PGHOST port=$PGPORT user=alignkit dbname=limits" >/dev/null
psql -d limits -c "CREATE EXTENSION alignkit"
peak="(regexp_match(pg_read_file('/proc/self/status'), 'VmHWM:\\s+(\\d+)'))[1]::bigint"

# Rows alternating between two templates (and two keys), newest and as of a time.
rows=100000
read -r before after sum < <(psql -d limits -F ' ' <<SQL
SELECT $peak AS before \gset
SELECT sum(alignkit.template_value(CASE WHEN i % 2 = 0 THEN 'inside_sales' ELSE 'enterprise_field_sales' END,
                                   CASE WHEN i % 3 = 0 THEN 'people.annual_salary' ELSE 'funnel.cost_per_click' END))
     + sum(alignkit.template_value(CASE WHEN i % 2 = 0 THEN 'inside_sales' ELSE 'enterprise_field_sales' END,
                                   CASE WHEN i % 3 = 0 THEN 'people.annual_salary' ELSE 'funnel.cost_per_click' END, now()))
  AS total FROM generate_series(1, $rows) i \gset
SELECT :before, $peak, round(:total);
SQL
)
grown=$(( (after - before) / 1024 ))
echo "figure: template_value over $rows rows alternating two templates: peak memory grew $grown MiB (before: ~2.3 KB a row, $((rows * 23 / 10240)) MiB)"
check '((grown < 64))' "reads alternating between templates keep the backend's memory flat ($grown MiB)"
check '[[ -n "$sum" && "$sum" != 0 ]]' "and they read the templates ($sum)"

# Past the answer's limit: 54000, before allocating.
said=$(psql -d limits -v ON_ERROR_STOP=0 <<SQL 2>&1 || true
\set VERBOSITY verbose
SELECT $peak AS before \gset
SELECT count(*) FROM alignkit.funnel_schedule(array_fill(10::float8, ARRAY[1200]), array_fill(0.5::float8, ARRAY[100000]),
                                              array_fill(0::float8, ARRAY[100000]));
SELECT 'grown ' || (($peak - :before) / 1024);
SQL
)
grown=$(sed -n 's/^grown //p' <<<"$said")
echo "figure: funnel_schedule of 1,200 targets and 100,000 stages: $(grep -o 'ERROR:  54000.*' <<<"$said" | head -c 160); peak memory grew ${grown:-?} MiB (before: 1.9 GB)"
check 'grep -q "ERROR:  54000: the schedule would hold 1200 periods of 100001 stages, more than 4194304 numbers" <<<"$said"' \
  "funnel_schedule past the limit: SQLSTATE 54000 in words"
check '[[ -n "$grown" ]] && ((grown < 200))' "refused before allocating (${grown:-?} MiB)"

# statement_timeout inside the core's loops: the time from the timeout to the error.
stopped_after() {  # TIMEOUT_MS SQL -> milliseconds from the timeout to the answer
  local began ended
  began=$(date +%s%N)
  psql -d limits -c "SET statement_timeout = $1" -c "$2" >/dev/null 2>&1 || true
  ended=$(date +%s%N)
  echo $(( (ended - began) / 1000000 - $1 ))
}
# (funnel_schedule cannot run long any more: its work is bounded by the limit above.)
psql -d limits -c "CREATE TABLE weights AS SELECT array_agg(1 + (i % 7)::float8) AS w FROM generate_series(1, 1000000) i"
allocate="SELECT sum(x) FROM weights, unnest(alignkit.goal_allocate(1e9, weights.w, 0, 2)) x"
began=$(date +%s%N)
psql -d limits -c "$allocate" >/dev/null
whole=$(( ($(date +%s%N) - began) / 1000000 ))
late=$(stopped_after 300 "$allocate")
echo "figure: goal_allocate of 1,000,000 weights to 2 decimals takes $whole ms; stopped ${late} ms after a 300 ms statement_timeout (before: 1,130 ms after)"
check '((late < 1000))' "goal_allocate stops at statement_timeout within the core's loops (${late} ms late of a $whole ms call)"
check '[[ "$(psql -d limits -c "SELECT alignkit.funnel_cac(4000, 100)")" == 40 ]]' "and the server answers the next statement"

server_survived
echo "$passed passed, $failed failed"
((failed == 0))
