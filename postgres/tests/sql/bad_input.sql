-- Hostile input: every call answers the contract's value or raises 22023 with the planner's
-- message (lower case, no trailing period); the backend never crashes (the harness checks the
-- postmaster's PID and log afterwards).
SET extra_float_digits = 0;
CREATE FUNCTION outcome(call text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE answer text;
BEGIN
  EXECUTE 'SELECT (' || call || ')::text' INTO answer;
  RETURN coalesce(left(answer, 60), 'NULL');
EXCEPTION WHEN others THEN
  RETURN 'ERROR ' || SQLSTATE || ': ' || left(SQLERRM, 110);
END $$;
CREATE TABLE hostile (what text, call text);
INSERT INTO hostile VALUES
  ('NaN rate', $$alignkit.funnel_budget(100, ARRAY['NaN'::float8], 1)$$),
  ('infinite target', $$alignkit.funnel_budget('Infinity', ARRAY[0.5], 1)$$),
  ('minus infinite cost', $$alignkit.funnel_budget(100, ARRAY[0.5], '-Infinity')$$),
  ('NaN in a list of ratings', $$alignkit.survey_topbox(ARRAY[5, 'NaN'::float8])$$),
  ('NULL element: an empty cell, skipped', $$alignkit.funnel_budget(100, ARRAY[0.5, NULL], 1)$$),
  ('all NULL elements', $$alignkit.funnel_budget(100, ARRAY[NULL, NULL]::float8[], 1)$$),
  ('empty list', $$alignkit.funnel_budget(100, '{}'::float8[], 1)$$),
  ('2-D array', $$alignkit.funnel_budget(100, '{{0.5,0.5},{0.5,0.5}}'::float8[], 1)$$),
  ('non-1-based list: read in order', $$alignkit.funnel_budget(100, '[0:2]={0.5,0.5,0.5}'::float8[], 1)$$),
  ('a rate above 1', $$alignkit.funnel_budget(100, ARRAY[1.5], 1)$$),
  ('a rate of 0', $$alignkit.funnel_volume(100, ARRAY[0.2, 0])$$),
  ('negative target', $$alignkit.funnel_budget(-1, ARRAY[0.5], 1)$$),
  ('1e308 target overflows', $$alignkit.funnel_volume(1e308, ARRAY[0.001])$$),
  ('negative zero', $$alignkit.funnel_cac('-0'::float8, 1)$$),
  ('units of 0', $$alignkit.funnel_cac(100, 0)$$),
  ('2,000,000 rates: more than a Calc column', $$alignkit.funnel_volume(1, array_fill(0.999::float8, ARRAY[2000000]))$$),
  ('1,048,576 ratings: a whole Calc column', $$alignkit.survey_nps(array_fill(9::float8, ARRAY[1048576]))$$),
  ('2,000,000 weights', $$alignkit.goal_allocate(1, array_fill(1::float8, ARRAY[2000000]))$$),
  ('absurd ramp', $$alignkit.ramp_curve(1e9)$$),
  ('absurd horizon', $$alignkit.hiring_plan(array_fill(1::float8, ARRAY[5000]), 1, 1, 0)$$),
  ('unknown shape', $$alignkit.ramp_curve(3, 'zigzag')$$),
  ('ramp list with an empty month', $$alignkit.ramp_loss(100, ARRAY[0.5, NULL, 0.9])$$),
  ('ramp fraction above 1', $$alignkit.ramp_loss(100, ARRAY[0.5, 1.5])$$),
  ('rating out of scale', $$alignkit.survey_topbox(ARRAY[6, 5], 5)$$),
  ('scale_max not whole', $$alignkit.survey_topbox(ARRAY[5, 4], 5.5)$$),
  ('box larger than scale', $$alignkit.survey_topbox(ARRAY[5, 4], 5, 9)$$),
  ('NPS score 11', $$alignkit.survey_nps(ARRAY[11])$$),
  ('mismatched pairs', $$alignkit.goal_rollup(ARRAY[1, 2], ARRAY[1])$$),
  ('a pair with one side empty', $$alignkit.profile_fit(ARRAY[5, NULL], ARRAY[1, 1])$$),
  ('start_period outside the year', $$alignkit.goal_prorate(1000, ARRAY[1, 1], 3)$$),
  ('all-zero seasonality', $$alignkit.goal_prorate(1000, ARRAY[0, 0], 1)$$),
  ('lags that do not match rates', $$alignkit.funnel_schedule(ARRAY[1], ARRAY[0.5, 0.5], ARRAY[1])$$),
  ('lead-in of 10,000 periods', $$alignkit.funnel_schedule(ARRAY[1], ARRAY[0.5], ARRAY[10000])$$),
  ('pace with end before start', $$alignkit.goal_pace(1, 1, date '2026-12-31', date '2026-01-01', date '2026-06-01')$$),
  ('infinite date', $$alignkit.goal_pace(1, 1, '-infinity'::date, date '2026-01-01', date '2026-06-01')$$),
  ('megabytes of goal text', $$alignkit.goal_smart(repeat('word ', 1000000), 120, 100, date '2026-12-31', 'G')$$),
  ('megabytes of parent id', $$alignkit.goal_smart('Grow the pipeline', 120, 100, date '2026-12-31', repeat('x', 5000000))$$),
  ('decimals negative', $$alignkit.goal_allocate(100, ARRAY[1, 1], 0, -1)$$),
  ('weights all zero', $$alignkit.goal_allocate(100, ARRAY[0, 0])$$),
  ('jsonb: not a template', $$alignkit.template_value('{"x": 1}'::jsonb, 'x')$$),
  ('jsonb: a template', $$alignkit.template_value('{"template_version": 1, "funnel": {"ctr": 0.02}}'::jsonb, 'funnel.ctr')$$),
  ('jsonb: missing key', $$alignkit.template_value('{"template_version": 1, "funnel": {"ctr": 0.02}}'::jsonb, 'funnel.cpc')$$),
  ('jsonb: a text where a number is read', $$alignkit.template_value('{"template_version": 1, "currency": "EUR"}'::jsonb, 'currency')$$),
  ('jsonb: 1,000 levels deep', $$alignkit.template_value((repeat('{"a":', 1000) || '1' || repeat('}', 1000))::jsonb, 'a')$$),
  ('jsonb: megabytes', $$alignkit.template_value(jsonb_build_object('template_version', 1, 'pad', repeat('x', 9000000)), 'pad')$$),
  ('jsonb: a key of megabytes', $$alignkit.template_value('{"template_version": 1}'::jsonb, repeat('k.', 1000000))$$);
SELECT what, outcome(call) FROM hostile ORDER BY what;
-- An error in one row aborts the statement, as PostgreSQL's own functions do.
SELECT alignkit.funnel_cac(100, u) FROM unnest(ARRAY[1, 2, 0, 4]) u;
-- Still the same backend, still answering.
SELECT alignkit.funnel_budget(100, ARRAY[0.02, 0.05, 0.2], 0.008) AS still_4000;
