"""The bad-input table: hostile calls of every alignkit function, each with what Calc must show.

Each case is (formula, expected) where expected is "Err:502" or the number the contract gives.
Cases are generated per function from each argument's kind, plus targeted cases."""
E = "Err:502"
CALC_PARAMETER_ERROR = "Err:504"  # Calc rejects a call with too many arguments before alignkit sees it

# Per function: a valid call's arguments and each argument's kind:
#   n number, b flag, l list, c cells (any value counts), r ramp, t text, s SMART test value
FUNCTIONS = {
    "FUNNEL.VOLUME": [("100", "n"), ("{0.02;0.05;0.2}", "l"), ("FALSE()", "b")],
    "FUNNEL.STAGES": [("100", "n"), ("{0.02;0.05;0.2}", "l"), ("FALSE()", "b")],
    "FUNNEL.BUDGET": [("100", "n"), ("{0.02;0.05;0.2}", "l"), ("0.008", "n"), ("FALSE()", "b")],
    "FUNNEL.UNITS": [("4000", "n"), ("{0.02;0.05;0.2}", "l"), ("0.008", "n"), ("FALSE()", "b")],
    "FUNNEL.CAC": [("4000", "n"), ("100", "n")],
    "RAMP.CURVE": [("4", "n"), ('"linear"', "t")],
    "RAMP.LOSS": [("1000", "n"), ("4", "r")],
    "CAPACITY.REPS": [("1000", "n"), ("100", "n"), ("0.8", "n")],
    "CAPACITY.RRE": [("{1;2;3}", "l"), ("3", "r")],
    "HIRING.PLAN": [("{100;100;100}", "l"), ("10", "n"), ("0", "r"), ("0.1", "n"), ("10", "n"), ("1", "n"),
                    ("1", "n")],
    "TURNOVER.RATE": [("6", "n"), ("40", "n"), ("6", "n")],
    "TURNOVER.COST": [("60000", "n"), ("50000", "n"), ("4", "r"), ("2", "n"), ("10000", "n"), ("5000", "n"),
                      ("1", "n"), ("2000", "n")],
    "TURNOVER.ANNUAL": [("50", "n"), ("0.3", "n"), ("127000", "n")],
    "TURNOVER.SAVINGS": [("50", "n"), ("0.3", "n"), ("0.2", "n"), ("127000", "n"), ("1000", "n")],
    "GOAL.ALLOCATE": [("100", "n"), ("{1;1;1}", "w"), ("0", "n"), ("0", "n")],
    "GOAL.OVERASSIGN": [("{400;350;300}", "l"), ("1000", "n")],
    "GOAL.ROLLUP": [("{50;30}", "l"), ("{100;50}", "l"), ("{1;1}", "l")],
    "GOAL.ATTAINMENT": [("{100;90}", "l"), ("{100;100}", "l"), ("1", "n")],
    "GOAL.PACE": [("50", "n"), ("100", "n"), ("0", "n"), ("100", "n"), ("25", "n")],
    "GOAL.ALIGNMENT": [("{1;0}", "c"), ("{1;1}", "l")],
    "GOAL.SMART": [('"a b c"', "s"), ("120", "s"), ("100", "s"), ("46022", "s"), ('"P"', "s"), ("0.5", "n")],
    "SURVEY.TOPBOX": [("{5;4;3}", "l"), ("5", "n"), ("2", "n")],
    "SURVEY.BOTTOMBOX": [("{5;4;3}", "l"), ("5", "n"), ("2", "n")],
    "SURVEY.GAP": [("{5;4}", "l"), ("{5;1}", "l"), ("5", "n"), ("2", "n")],
    "SURVEY.NPS": [("{10;0;8}", "l")],
    "PROFILE.FIT": [("{4;5;3}", "l"), ("{0.5;0.3;0.2}", "l"), ("5", "n")],
    "TEMPLATE.VALUE": [("TEMPLATE", "t"), ('"people.ramp_months"', "t")],
    "TEMPLATE.INFO": [("TEMPLATE", "t"), ('"version"', "t")],
    "FUNNEL.SCHEDULE": [("{10;20}", "l"), ("{0.5;0.2}", "l"), ("{1;0}", "l"), ("0", "b")],
    "CAPACITY.PLAN": [("{1;0;2}", "l"), ("10", "n"), ("2", "r"), ("0.1", "n"), ("3", "n"), ("1", "n")],
    "GOAL.PRORATE": [("120000", "n"), ("{1;1;1;1}", "l"), ("2", "n"), ("3", "r")],
}

# Hostile values by kind; every one of them must give Err:502.
# $Data holds: A1:A3 rates, B1:B3 texts, C1:C5 empty, D1:E2 a 2x2 block, F1:F3 mixed kinds.
HOSTILE = {
    "n": ['"abc"', '""', "$Data.A1:A3", "{1;2}", "$Data.B1"],
    "b": ['"abc"', "$Data.A1:A3", "{1;2}"],
    "l": ['"abc"', "$Data.C1:C5", "$Data.B1:B3", "$Data.D1:E2", "$Data.F1:F3", "{0.5;\"x\"}"],
    "w": ['"abc"', "$Data.C1:C5", "$Data.B1:B3", "$Data.F1:F3", "{1;-1}"],
    "c": ["$Data.C1:C5", "$Data.D1:E2"],
    "r": ['"abc"', "$Data.C1:C5", "$Data.B1:B3", "{0.5;2}", "-1", "1E+308", "$Data.F1:F3"],
    "t": ["42", "$Data.B1:B3", "$Data.A1:A3"],
    "s": ["$Data.A1:A3", "$Data.D1:E2"],
}


# The table's kind of each of the catalog's argument kinds.
KIND_OF_CATALOG = {"number": "n", "whole": "n", "date": "n", "flag": "b", "numbers": "l", "block": "w", "cells": "c",
                   "ramp": "r", "text": "t", "value": "s"}
# A column where one number goes is a column answered at once (not bad input) for a function whose
# answer is one number; a block still is bad input (and {1;2} is a row in the API's formula syntax).
COLUMN_VALUES = {"$Data.A1:A3"}


def disagreements(signatures):
    """Where this table's argument kinds differ from the catalog's (signatures: name -> (columns, kinds))."""
    problems = []
    for name, (_, kinds) in signatures.items():
        ours = [kind for _, kind in FUNCTIONS.get(name, [])]
        theirs = [KIND_OF_CATALOG[kind] for kind in kinds]
        if name in FUNCTIONS and ours != theirs:
            problems.append(f"{name}: table {ours}, catalog {theirs}")
    return problems


def generated_cases(template, signatures):
    cases = []
    for name, args in FUNCTIONS.items():
        values = [template if value == "TEMPLATE" else value for value, _ in args]
        answers_columns = signatures.get(name, (False, []))[0]
        for position, (_, kind) in enumerate(args):
            hostile_values = HOSTILE[kind]
            if answers_columns and kind in ("n", "b"):
                hostile_values = [v for v in hostile_values if v not in COLUMN_VALUES] + ["$Data.D1:E2"]
            for hostile in hostile_values:
                call = values.copy()
                call[position] = hostile
                cases.append((f"={name}({';'.join(call)})", E))
        cases.append((f"={name}({';'.join(values)};1;2;3;4;5;6;7;8;9)", CALC_PARAMETER_ERROR))
    return cases


def targeted_cases(template, files):
    t = template
    return [
        # results that would be infinite or NaN
        ("=FUNNEL.VOLUME(1E+308;{1E-010;1E-010})", E),
        ("=FUNNEL.BUDGET(1E+308;{0.5};1E+308)", E),
        ("=FUNNEL.UNITS(1E+308;{1};1E-308)", E),
        ("=FUNNEL.CAC(1E+308;1E-308)", E),
        ("=RAMP.LOSS(1E+308;4)", E),
        ("=CAPACITY.REPS(1E+308;1E-308)", E),
        ("=TURNOVER.ANNUAL(1E+308;3;1E+308)", E),
        ("=TURNOVER.SAVINGS(1E+308;3;0;1E+308)", E),
        ("=TURNOVER.COST(1E+308;1E+308;4;1200)", E),
        ("=GOAL.ALLOCATE(1E+308;{1;1};1)", E),
        ("=GOAL.ALLOCATE(1E+300;{1;1};0;2)", E),
        ("=GOAL.PACE(1E+308;1E-308;0;1;0.5)", E),
        ("=PROFILE.FIT({1E+308;1E+308};{1E+308;1E+308};1E+308)", E),
        ("=HIRING.PLAN({1E+308};1E-308;0;0)", E),
        ("=GOAL.OVERASSIGN({1E+308;1E+308};1)", E),
        # 1e308 and negative zero where the contract gives a number
        ("=FUNNEL.CAC(1E+308;1)", 1e308),
        ("=FUNNEL.VOLUME(-0;{0.5})", 0),
        ("=TURNOVER.RATE(-0;10)", 0),
        ("=GOAL.PACE(-0;100;0;100;50)", 0),
        # whole columns and huge ranges
        ("=FUNNEL.BUDGET(100;$Data.H:H;0.008)", 4000),
        ("=FUNNEL.VOLUME(1;$Data.G1:G5000)", E),
        ("=CAPACITY.RRE($Data.G1:G5000;3)", 5000 / 6),
        ("=HIRING.PLAN($Data.H:H;10;0;0)", E),
        ("=HIRING.PLAN($Data.G1:G5000;10;0;0)", E),
        ("=SURVEY.TOPBOX($Data.H:H)", E),
        ("=SURVEY.NPS($Data.A:A)", E),
        ("=GOAL.ROLLUP($Data.H:H;$Data.G:G)", 0.27 / 2500),  # empty actuals count as 0 so far
        # absurd horizons, ramps and scales
        ("=RAMP.CURVE(1E+308)", E),
        ("=RAMP.CURVE(1201)", E),
        ("=HIRING.PLAN({100};10;3;0;0;1;1E+308)", E),
        ("=SURVEY.TOPBOX({3};1E+308)", E),
        ("=GOAL.ALLOCATE(100;{1;1};0;1E+308)", E),
        ("=GOAL.ALLOCATE(100;{1;1};0;-16)", E),
        # mismatched shapes
        ("=GOAL.ROLLUP({1;2};{1;2;3})", E),
        ("=GOAL.ATTAINMENT({1};{1;2})", E),
        ("=GOAL.ALIGNMENT({1;0};{1;1;1})", E),
        ("=PROFILE.FIT({1;2};{1})", E),
        ("=GOAL.ROLLUP({1;2};{1;2};{1})", E),
        # templates: long keys, hostile files
        (f"=TEMPLATE.VALUE({t};$Data.I1)", E),
        (f'=TEMPLATE.VALUE({t};"people..ramp_months")', E),
        (f'=TEMPLATE.VALUE({t};".")', E),
        (f'=TEMPLATE.VALUE({t};"people.ramp_months.0")', E),
        (f'=TEMPLATE.VALUE("{files["huge"]}";"template_version")', E),
        (f'=TEMPLATE.VALUE("{files["deep"]}";"template_version")', E),
        (f'=TEMPLATE.VALUE("{files["latin1"]}";"a")', E),
        (f'=TEMPLATE.VALUE("{files["empty"]}";"a")', E),
        (f'=TEMPLATE.VALUE("{files["folder"]}";"a")', E),
        ('=TEMPLATE.VALUE("file:///nonexistent/x.json";"a")', E),
        ('=TEMPLATE.VALUE("https://example.invalid/t.json";"a")', E),
        (f'=TEMPLATE.VALUE({t};REPT("a.";2000))', E),
        (f'=TEMPLATE.VALUE(REPT("x/";3000);"a")', E),
    ]
