-- The contract's examples and hand calculations, one family at a time.
SET extra_float_digits = 0;
-- Funnel: 100 sales at 2% / 5% / 20% from impressions at 8.00 per 1,000.
SELECT alignkit.funnel_volume(100, ARRAY[0.02, 0.05, 0.2]);
SELECT alignkit.funnel_stages(100, ARRAY[0.02, 0.05, 0.2]);
SELECT alignkit.funnel_budget(100, ARRAY[0.02, 0.05, 0.2], 8.0 / 1000);
SELECT alignkit.funnel_budget(rates => ARRAY[0.02, 0.05, 0.2], target => 100, cost_per_top => 0.008);
SELECT alignkit.funnel_units(4000, ARRAY[0.02, 0.05, 0.2], 0.008);
-- round_up: 7 sales at 30% need 23.33 -> 24 demos, at 10% 240 visitors (not 233.3).
SELECT alignkit.funnel_volume(7, ARRAY[0.1, 0.3]), alignkit.funnel_volume(7, ARRAY[0.1, 0.3], round_up => true);
SELECT alignkit.funnel_units(1000, ARRAY[0.1, 0.3], 1, true);
SELECT alignkit.funnel_cac(4000, 100);
-- Ramp and capacity.
SELECT alignkit.ramp_curve(4);
SELECT alignkit.ramp_curve(4, 'scurve') AS scurve;
SELECT alignkit.ramp_loss(10000, 4), alignkit.ramp_loss(10000, ARRAY[0.25, 0.5, 0.75]);
SELECT alignkit.ramp_loss(10000, ARRAY[0.5]) AS one_listed_month;
SELECT alignkit.capacity_reps(1000000, 100000), alignkit.capacity_reps(1000000, 100000, attainment => 0.8);
SELECT alignkit.capacity_rre(ARRAY[1, 2, 10, NULL], 4);
SELECT alignkit.hiring_plan(ARRAY[100000, 100000, 150000], 50000, 2, 0, current_reps => 2);
-- Turnover: the README's departure, 205,000.
SELECT alignkit.turnover_rate(7, 50), alignkit.turnover_rate(3, 50, months => 6);
SELECT alignkit.turnover_cost(60000, 50000, 4, 2, 10000, 5000);
SELECT alignkit.turnover_cost(60000, 50000, ARRAY[0.25, 0.5, 0.75], 2, margin => 0.5);
SELECT alignkit.turnover_annual(50, 0.35, 40000), alignkit.turnover_savings(50, 0.35, 0.25, 40000, 30000);
-- Goals.
SELECT alignkit.goal_allocate(1000, ARRAY[1, 1, 1]), alignkit.goal_allocate(1000, ARRAY[1, 1, 1], decimals => 0);
SELECT alignkit.goal_allocate(100, ARRAY[2, NULL, 2], buffer => 0.1);
SELECT alignkit.goal_overassign(ARRAY[40, 40, 30], 100);
SELECT alignkit.goal_rollup(ARRAY[50, 30], ARRAY[100, 50]), alignkit.goal_rollup(ARRAY[50, 30], ARRAY[100, 50], ARRAY[1, 1]);
SELECT alignkit.goal_attainment(ARRAY[100, 80, 120, 50], ARRAY[100, 100, 100, 100]),
       alignkit.goal_attainment(ARRAY[100, 80, 120, 50], ARRAY[100, 100, 100, 100], threshold => 0.8);
SELECT alignkit.goal_pace(50, 100, date '2026-01-01', date '2026-12-31', date '2026-07-02');
SELECT alignkit.goal_alignment(ARRAY[true, false, true, NULL]), alignkit.goal_alignment(ARRAY[true, false], ARRAY[3, 1]);
SELECT alignkit.goal_smart('Grow inbound pipeline', 120, 100, date '2026-12-31', 'G-1') AS all_five,
       alignkit.goal_smart('Grow inbound pipeline', 200, NULL, NULL, 'G-1') AS no_baseline_no_date,
       alignkit.goal_smart('Grow', 200, 100, date '2026-12-31', NULL, max_growth => 1) AS short_and_orphan;
-- Surveys and profiles.
SELECT alignkit.survey_topbox(ARRAY[5, 4, 3, 2, 1, NULL]), alignkit.survey_bottombox(ARRAY[5, 4, 3, 2, 1]),
       alignkit.survey_topbox(ARRAY[7, 6, 5, 1], scale_max => 7, box => 1);
SELECT alignkit.survey_gap(ARRAY[5, 5, 4, 2], ARRAY[5, 3, 2, 1]);
SELECT alignkit.survey_nps(ARRAY[10, 9, 8, 7, 6, 0, NULL]);
SELECT alignkit.profile_fit(ARRAY[5, 3, 4], ARRAY[5, 1, 2]);
-- Planning over time: the contract's schedule, and a capacity plan.
SELECT * FROM alignkit.funnel_schedule(ARRAY[10, 20], ARRAY[0.5, 0.2], ARRAY[1, 0]);
SELECT * FROM alignkit.capacity_plan(ARRAY[2, 0, 1], 10000, 2, monthly_attrition => 0.1, current_reps => 1);
SELECT alignkit.goal_prorate(120000, array_fill(1::float8, ARRAY[12]), 4, 3);
SELECT alignkit.goal_prorate(120000, ARRAY[1, 1, 1, 1], 2);
-- NULL gives NULL, except where leaving an argument out has a meaning of its own.
SELECT alignkit.funnel_budget(NULL, ARRAY[0.5], 1) IS NULL AS null_target,
       alignkit.funnel_budget(100, ARRAY[0.5], 1, NULL) IS NULL AS null_flag,
       alignkit.hiring_plan(ARRAY[100000], 50000, 2, 0, lead_months => NULL) AS lead_left_to_the_function;
