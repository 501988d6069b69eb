#!/usr/bin/env bash
# The plan-vs-actual sample, both halves, against a PostgreSQL server of its own:
#  1. SQL: the sample's template history restored into the store (alignkit store restore), a year
#     of actuals (samples/actuals/actuals.sql), the view (plan_vs_actual.sql) — its output is the
#     one docs/postgresql.md prints, and its funnel and turnover columns agree with the same math
#     done here from the history's documents, month by month as of each month's end;
#  2. Calc: samples/plan_vs_actual.fods, copied, reads the actuals through LibreOffice's own
#     PostgreSQL driver (a data source registered as alignkit_actuals, as the README says); a
#     month inserted into the table and Data ▸ Refresh Range change the drift cells and the chart.
#   plan_vs_actual_test.sh MODULE CONTROL SCRIPT ALIGNKIT OXT
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
module=$(realpath "$1") control=$(realpath "$2") script=$(realpath "$3") alignkit=$(realpath "$4") oxt=$(realpath "$5")
source "$repo/postgres/tests/extension_server.sh"
start_extension_server "$module" "$control" "$script"
psql() { "$install$bindir/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }
samples="$repo/samples/actuals"

psql -d postgres -c "CREATE DATABASE analytics"
"$alignkit" store restore "$samples/template-history.json" \
  --store "postgresql:host=$PGHOST port=$PGPORT user=alignkit dbname=analytics" > /dev/null
psql -d analytics -c "CREATE EXTENSION alignkit" -f "$samples/actuals.sql" > /dev/null

# 1. The view, as the docs print it (psql's aligned output, after the docs' marker line).
psql -d analytics -f "$samples/plan_vs_actual.sql" > "$work/view.out"
awk '/<!-- plan_vs_actual.sql prints -->/ { start = NR + 1 } start && NR > start && /^```$/ { exit }
     start && NR > start' "$repo/docs/postgresql.md" > "$work/docs.out"
diff -u "$work/docs.out" "$work/view.out" > "$work/view.diff" || true
check '[[ -s "$work/view.out" && ! -s "$work/view.diff" ]]' "plan_vs_actual.sql prints what docs/postgresql.md says $(head -c 2000 "$work/view.diff")"
psql -d analytics -At -F ' ' -c "SELECT team, month, sales_target, clicks_plan, departures, departures_cost
                                FROM actuals.plan_vs_actual" > "$work/columns.txt"
by_hand=$(/usr/bin/python3 - "$samples/template-history.json" "$work/columns.txt" <<'PY'
import json, sys
from datetime import date
history = json.load(open(sys.argv[1]))["versions"]
def as_of(team, month):  # the latest version published by the month's end (the store's times are UTC)
  end = date(month.year + month.month // 12, month.month % 12 + 1, 1).isoformat()
  return json.loads(max((v for v in history if v["name"] == team and v["published"] < end), key=lambda v: v["version"])["document"])
wrong = []
for line in open(sys.argv[2]):
  team, month, sales, clicks, departures, cost = line.split()
  doc = as_of(team, date.fromisoformat(month))
  rates, p = doc["funnel"]["rates"], doc["people"]
  want_clicks = round(float(sales) / (rates["visit_to_demo"] * rates["demo_to_sale"]))
  lost = p["monthly_quota"] * p["margin"]  # a linear ramp of R months loses R/2 months of it
  one = (p["separation_cost"] + p["recruiting_cost"] + p["onboarding_cost"] + lost * p["vacancy_months"]
         + lost * p["ramp_months"] / 2 - p["annual_salary"] / 12 * p["vacancy_months"])
  if int(clicks) != want_clicks or abs(int(cost) - round(int(departures) * one)) > 0:
    wrong.append(f"{team} {month}: clicks {clicks} (by hand {want_clicks}), cost {cost} (by hand {int(departures) * one:.0f})")
print("; ".join(wrong) or "agree")
PY
)
check '[[ "$by_hand" == agree ]]' "clicks needed and the cost of departures, as of each month, agree with the math done by hand: $by_hand"
check '[[ "$(grep -c . "$work/columns.txt")" == 24 ]]' "a row for each team and planned month"

# 2. The workbook in real Calc, reading the table through LibreOffice's PostgreSQL driver.
export PSQL="$install$bindir/psql"
status=0
/usr/bin/python3 "$repo/tests/samples/plan_vs_actual_workbook.py" --oxt "$oxt" --work "$work" || status=$?
check '((status == 0))' "the workbook follows the table through Data ▸ Refresh Range"

server_survived
echo "$passed passed, $failed failed"
((failed == 0))
