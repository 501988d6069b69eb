#!/usr/bin/python3
"""Every function of the install script (generated from the catalog) called through SQL with every
argument given by name, in reverse order, against the same call through another surface: the
`alignkit eval` command, which takes the spreadsheet's argument order. A function or argument the
catalog gains without a sample value here fails, naming it.

  named_arguments.py INSTALL_SQL ALIGNKIT PSQL...   (PSQL: the command that runs one statement)
"""
import json
import math
import re
import subprocess
import sys
from datetime import date

# Values for each argument by name, or by "function.argument" where functions differ in what a
# well-formed value is. Lists are ranges; dates are ISO dates.
SAMPLES = {
    "target": 100, "rates": [0.02, 0.05, 0.2], "round_up": True, "round_down": True,
    "budget": 4000, "units": 100, "cost_per_top": 0.008,
    "ramp_months": 4, "shape": "scurve", "monthly_output": 10000,
    "ramp": 3, "ramp[]": [0.25, 0.5, 0.75],
    "quota_per_rep": 100000, "attainment": 0.8, "tenure_months": [1, 2, 10],
    "targets": [100000, 100000, 150000], "quota": 50000, "monthly_attrition": 0.02,
    "current_reps": 2, "lead_months": 1,
    "separations": 7, "average_headcount": 50, "months": 6,
    "annual_salary": 60000, "monthly_quota": 50000, "vacancy_months": 2, "recruiting_cost": 10000,
    "onboarding_cost": 5000, "margin": 0.5, "separation_cost": 3000,
    "headcount": 50, "turnover_rate": 0.35, "cost_per_departure": 40000, "rate_now": 0.35,
    "rate_target": 0.25, "program_cost": 30000,
    "total": 1000, "weights": [1, 2, 3], "weight": [1, 2, 3], "buffer": 0.1, "decimals": 0,
    "child_targets": [40, 40, 30], "parent_target": 100,
    "actuals": [50, 30], "goal_rollup.targets": [100, 50], "goal_attainment.targets": [100, 50],
    "goal_rollup.weights": [1, 3], "threshold": 0.5,
    "actual": 50, "goal_pace.target": 100, "start_date": "2027-01-01", "end_date": "2027-12-31",
    "as_of": "2027-06-30",
    "linked": [True, False, True], "goal_alignment.weights": [1, 2, 1],
    "description": "Grow revenue by ten percent", "goal_smart.target": 110, "baseline": 100,
    "due_date": "2027-12-31", "parent": "G1", "max_growth": 0.5,
    "ratings": [5, 4, 3, 2, 1], "scale_max": 5, "box": 2, "ratings_a": [5, 4, 3], "ratings_b": [2, 4, 5],
    "scores": [10, 9, 6, 3], "candidate_scores": [4, 5, 3], "role_weights": [5, 3, 1],
    "hires": [1, 0, 2], "funnel_schedule.targets": [10, 20, 30], "lags": [1, 0, 1],
    "annual_target": 1200000, "seasonality": [1, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 2], "start_period": 3,
    "goal_prorate.ramp": 2, "goal_prorate.ramp[]": [0.5, 1],
}
CALC_EPOCH = date(1899, 12, 30)  # day 0 of Calc's date serials


def sample(function, name, sql_type):
    list_key = "[]" if sql_type.endswith("[]") and name == "ramp" else ""
    for key in (f"{function}.{name}{list_key}", f"{name}{list_key}"):
        if key in SAMPLES:
            return SAMPLES[key]
    raise KeyError(f"{function}: no sample value for its argument {name} ({sql_type}); add one to SAMPLES")


def sql_literal(value, sql_type):
    if isinstance(value, list):
        element = sql_type[:-2]
        return f"ARRAY[{', '.join(sql_literal(v, element) for v in value)}]::{sql_type}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if sql_type == "date":
        return f"date '{value}'"
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    return repr(value)


def eval_value(value, sql_type):
    if sql_type == "date":
        return (date.fromisoformat(value) - CALC_EPOCH).days
    return value


def functions(install_sql):
    """(name, [(argument, type)], what it returns, whether it is a window) of every alignkit
    function a user calls."""
    found = []
    pattern = re.compile(r"^CREATE FUNCTION alignkit\.([a-z_]+)\((.*)\)\n\s+RETURNS (.*)\n(.*)\n(.*)$", re.M)
    for name, parameters, returns, *definition in pattern.findall(install_sql):
        if name.startswith("_") or name.startswith("template_"):
            continue  # the aggregates' steps, and templates (tests of their own)
        arguments = []
        for parameter in re.split(r",\s*(?![^\[]*\])", parameters):
            words = parameter.split(" DEFAULT ")[0].split(" ", 1)
            arguments.append((words[0], words[1]))
        found.append((name, arguments, returns.startswith("TABLE"), " WINDOW " in " ".join(definition)))
    return found


def flatten(value):
    if isinstance(value, list):
        return [x for v in value for x in flatten(v)]
    if isinstance(value, dict):
        return [x for k, v in value.items() if k != "period" for x in flatten(v)]
    return [value]


def same(a, b):
    if len(a) != len(b):
        return False
    for x, y in zip(a, b):
        if isinstance(x, (int, float)) and isinstance(y, (int, float)):
            if not math.isclose(x, y, rel_tol=1e-12, abs_tol=1e-12):
                return False
        elif x != y:
            return False
    return True


def main():
    install_sql, alignkit, psql = open(sys.argv[1]).read(), sys.argv[2], sys.argv[3:]
    failures, compared = [], 0
    calls = []
    for name, arguments, is_table, is_window in functions(install_sql):
        try:
            values = [(argument, sql_type, sample(name, argument, sql_type)) for argument, sql_type in arguments]
        except KeyError as missing:
            failures.append(str(missing))
            continue
        if is_window:
            # One row per value of the argument that is a list in the spreadsheet (its per-row
            # name: weight for weights): each row's part, in row order, against the range form.
            row_argument = next(a for a, t, v in values if isinstance(v, list))
            named = ", ".join(f"{a} => {'row_value' if a == row_argument else sql_literal(v, t)}"
                              for a, t, v in reversed(values))
            rows = next(v for a, t, v in values if a == row_argument)
            sql = (f"SELECT json_agg(part ORDER BY i) FROM (SELECT i, alignkit.{name}({named}) OVER () AS part"
                   f" FROM unnest({sql_literal(rows, 'double precision[]')}) WITH ORDINALITY u(row_value, i)) s")
        elif is_table:
            named = ", ".join(f"{a} => {sql_literal(v, t)}" for a, t, v in reversed(values))
            sql = f"SELECT json_agg(t) FROM alignkit.{name}({named}) t"
        else:
            named = ", ".join(f"{a} => {sql_literal(v, t)}" for a, t, v in reversed(values))
            sql = f"SELECT json_build_array(alignkit.{name}({named}))"
        calls.append((name, [eval_value(v, t) for _, t, v in values], sql))
    request = {"calls": [{"function": name.replace("_", ".", 1), "args": args} for name, args, _ in calls]}
    answered = subprocess.run([alignkit, "eval", "--json", "-"], input=json.dumps(request),
                              capture_output=True, text=True)
    results = json.loads(answered.stdout)["results"]
    for (name, args, sql), result in zip(calls, results):
        through_sql = subprocess.run([*psql, "-c", sql], capture_output=True, text=True)
        if through_sql.returncode != 0 or "error" in result:
            failures.append(f"{name}: SQL said {through_sql.stderr.strip()!r}, eval said {result.get('error')!r}")
            continue
        sql_values = flatten(json.loads(through_sql.stdout))
        eval_values = flatten(result.get("values", result.get("value")))
        compared += 1
        if not same(sql_values, eval_values):
            failures.append(f"{name}: by name in SQL {sql_values}, in order through eval {eval_values}\n  {sql}")
    for failure in failures:
        print(f"FAIL  {failure}")
    print(f"{compared} functions' signatures called by name in SQL and in order through eval; {len(failures)} failed")
    return 1 if failures or compared < 30 else 0


if __name__ == "__main__":
    sys.exit(main())
