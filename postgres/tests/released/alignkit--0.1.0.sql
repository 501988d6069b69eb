-- alignkit for PostgreSQL, generated from the alignkit function catalog. Do not edit.
\echo Use "CREATE EXTENSION alignkit" to load this file. \quit

-- What every aggregate shares: one row's values are kept until the final call, and the
-- kept values of parallel workers are sent and joined.
CREATE FUNCTION alignkit._aggregate_final(internal) RETURNS double precision
  AS 'MODULE_PATHNAME', 'alignkit_aggregate_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION alignkit._aggregate_combine(internal, internal) RETURNS internal
  AS 'MODULE_PATHNAME', 'alignkit_aggregate_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION alignkit._aggregate_serialize(internal) RETURNS bytea
  AS 'MODULE_PATHNAME', 'alignkit_aggregate_serialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION alignkit._aggregate_deserialize(bytea, internal) RETURNS internal
  AS 'MODULE_PATHNAME', 'alignkit_aggregate_deserialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION alignkit.funnel_volume(target double precision, rates double precision[], round_up boolean DEFAULT false)
  RETURNS double precision
  AS 'MODULE_PATHNAME', 'alignkit_call'
  LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION alignkit.funnel_volume(double precision, double precision[], boolean) IS 'Entries needed at the top of a funnel to end with the target at the bottom';

CREATE FUNCTION alignkit.funnel_stages(target double precision, rates double precision[], round_up boolean DEFAULT false)
  RETURNS double precision[]
  AS 'MODULE_PATHNAME', 'alignkit_call'
  LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION alignkit.funnel_stages(double precision, double precision[], boolean) IS 'Volume of every funnel stage, top first, ending with the target';

CREATE FUNCTION alignkit.funnel_budget(target double precision, rates double precision[], cost_per_top double precision, round_up boolean DEFAULT false)
  RETURNS double precision
  AS 'MODULE_PATHNAME', 'alignkit_call'
  LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION alignkit.funnel_budget(double precision, double precision[], double precision, boolean) IS 'Budget that sells the target number of units through the funnel';

CREATE FUNCTION alignkit.funnel_units(budget double precision, rates double precision[], cost_per_top double precision, round_down boolean DEFAULT false)
  RETURNS double precision
  AS 'MODULE_PATHNAME', 'alignkit_call'
  LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION alignkit.funnel_units(double precision, double precision[], double precision, boolean) IS 'Units a budget sells through the funnel (inverse of FUNNEL.BUDGET)';

CREATE FUNCTION alignkit.funnel_cac(budget double precision, units double precision)
  RETURNS double precision
  AS 'MODULE_PATHNAME', 'alignkit_call'
  LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION alignkit.funnel_cac(double precision, double precision) IS 'Customer acquisition cost: budget per unit sold';

CREATE FUNCTION alignkit.ramp_curve(ramp_months double precision, shape text DEFAULT 'linear')
  RETURNS double precision[]
  AS 'MODULE_PATHNAME', 'alignkit_call'
  LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION alignkit.ramp_curve(double precision, text) IS 'Monthly productivity of a new rep while ramping, month 1 first';

CREATE FUNCTION alignkit.ramp_loss(monthly_output double precision, ramp double precision)
  RETURNS double precision
  AS 'MODULE_PATHNAME', 'alignkit_call'
  LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION alignkit.ramp_loss(double precision, double precision) IS 'Output lost while a new rep ramps up';

CREATE FUNCTION alignkit.ramp_loss(monthly_output double precision, ramp double precision[])
  RETURNS double precision
  AS 'MODULE_PATHNAME', 'alignkit_call'
  LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION alignkit.ramp_loss(double precision, double precision[]) IS 'Output lost while a new rep ramps up';

CREATE FUNCTION alignkit.capacity_reps(target double precision, quota_per_rep double precision, attainment double precision DEFAULT 1)
  RETURNS double precision
  AS 'MODULE_PATHNAME', 'alignkit_call'
  LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION alignkit.capacity_reps(double precision, double precision, double precision) IS 'Fully ramped reps needed to reach a target';

CREATE FUNCTION alignkit.capacity_rre(tenure_months double precision[], ramp double precision)
  RETURNS double precision
  AS 'MODULE_PATHNAME', 'alignkit_call'
  LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION alignkit.capacity_rre(double precision[], double precision) IS 'Ramped rep equivalents of a team, from each rep''s tenure month';

CREATE FUNCTION alignkit.capacity_rre(tenure_months double precision[], ramp double precision[])
  RETURNS double precision
  AS 'MODULE_PATHNAME', 'alignkit_call'
  LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION alignkit.capacity_rre(double precision[], double precision[]) IS 'Ramped rep equivalents of a team, from each rep''s tenure month';

CREATE FUNCTION alignkit._capacity_rre_step(internal, double precision, double precision)
  RETURNS internal AS 'MODULE_PATHNAME', 'alignkit_aggregate_step'
  LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE AGGREGATE alignkit.capacity_rre(tenure_months double precision, ramp double precision) (
  SFUNC = alignkit._capacity_rre_step, STYPE = internal, FINALFUNC = alignkit._aggregate_final,
  COMBINEFUNC = alignkit._aggregate_combine, SERIALFUNC = alignkit._aggregate_serialize,
  DESERIALFUNC = alignkit._aggregate_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE alignkit.capacity_rre(double precision, double precision) IS 'Ramped rep equivalents of a team, from each rep''s tenure month, over the rows of a table';

CREATE FUNCTION alignkit._capacity_rre_step(internal, double precision, double precision[])
  RETURNS internal AS 'MODULE_PATHNAME', 'alignkit_aggregate_step'
  LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE AGGREGATE alignkit.capacity_rre(tenure_months double precision, ramp double precision[]) (
  SFUNC = alignkit._capacity_rre_step, STYPE = internal, FINALFUNC = alignkit._aggregate_final,
  COMBINEFUNC = alignkit._aggregate_combine, SERIALFUNC = alignkit._aggregate_serialize,
  DESERIALFUNC = alignkit._aggregate_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE alignkit.capacity_rre(double precision, double precision[]) IS 'Ramped rep equivalents of a team, from each rep''s tenure month, over the rows of a table';

CREATE FUNCTION alignkit.hiring_plan(targets double precision[], quota double precision, ramp double precision, monthly_attrition double precision, current_reps double precision DEFAULT 0, attainment double precision DEFAULT 1, lead_months double precision DEFAULT NULL)
  RETURNS double precision[]
  AS 'MODULE_PATHNAME', 'alignkit_call'
  LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION alignkit.hiring_plan(double precision[], double precision, double precision, double precision, double precision, double precision, double precision) IS 'New hires to start each month so that every monthly target is met';

CREATE FUNCTION alignkit.hiring_plan(targets double precision[], quota double precision, ramp double precision[], monthly_attrition double precision, current_reps double precision DEFAULT 0, attainment double precision DEFAULT 1, lead_months double precision DEFAULT NULL)
  RETURNS double precision[]
  AS 'MODULE_PATHNAME', 'alignkit_call'
  LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION alignkit.hiring_plan(double precision[], double precision, double precision[], double precision, double precision, double precision, double precision) IS 'New hires to start each month so that every monthly target is met';

CREATE FUNCTION alignkit.turnover_rate(separations double precision, average_headcount double precision, months double precision DEFAULT 12)
  RETURNS double precision
  AS 'MODULE_PATHNAME', 'alignkit_call'
  LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION alignkit.turnover_rate(double precision, double precision, double precision) IS 'Annualised turnover rate';

CREATE FUNCTION alignkit.turnover_cost(annual_salary double precision, monthly_quota double precision, ramp double precision, vacancy_months double precision, recruiting_cost double precision DEFAULT 0, onboarding_cost double precision DEFAULT 0, margin double precision DEFAULT 1, separation_cost double precision DEFAULT 0)
  RETURNS double precision
  AS 'MODULE_PATHNAME', 'alignkit_call'
  LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION alignkit.turnover_cost(double precision, double precision, double precision, double precision, double precision, double precision, double precision, double precision) IS 'Cost of one departure and its replacement';

CREATE FUNCTION alignkit.turnover_cost(annual_salary double precision, monthly_quota double precision, ramp double precision[], vacancy_months double precision, recruiting_cost double precision DEFAULT 0, onboarding_cost double precision DEFAULT 0, margin double precision DEFAULT 1, separation_cost double precision DEFAULT 0)
  RETURNS double precision
  AS 'MODULE_PATHNAME', 'alignkit_call'
  LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION alignkit.turnover_cost(double precision, double precision, double precision[], double precision, double precision, double precision, double precision, double precision) IS 'Cost of one departure and its replacement';

CREATE FUNCTION alignkit.turnover_annual(headcount double precision, turnover_rate double precision, cost_per_departure double precision)
  RETURNS double precision
  AS 'MODULE_PATHNAME', 'alignkit_call'
  LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION alignkit.turnover_annual(double precision, double precision, double precision) IS 'Yearly cost of turnover for a team';

CREATE FUNCTION alignkit.turnover_savings(headcount double precision, rate_now double precision, rate_target double precision, cost_per_departure double precision, program_cost double precision DEFAULT 0)
  RETURNS double precision
  AS 'MODULE_PATHNAME', 'alignkit_call'
  LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION alignkit.turnover_savings(double precision, double precision, double precision, double precision, double precision) IS 'Net yearly saving of a retention programme';

CREATE FUNCTION alignkit.goal_allocate(total double precision, weights double precision[], buffer double precision DEFAULT 0, decimals double precision DEFAULT NULL)
  RETURNS double precision[]
  AS 'MODULE_PATHNAME', 'alignkit_call'
  LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION alignkit.goal_allocate(double precision, double precision[], double precision, double precision) IS 'Splits a total in proportion to weights, optionally rounded so parts still add up';

CREATE FUNCTION alignkit.goal_allocate(total double precision, weight double precision)
  RETURNS double precision
  AS 'MODULE_PATHNAME', 'alignkit_window'
  LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION alignkit.goal_allocate(double precision, double precision) IS 'Splits a total in proportion to weights, optionally rounded so parts still add up, each row its part of the partition''s total';

CREATE FUNCTION alignkit.goal_allocate(total double precision, weight double precision, buffer double precision)
  RETURNS double precision
  AS 'MODULE_PATHNAME', 'alignkit_window'
  LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION alignkit.goal_allocate(double precision, double precision, double precision) IS 'Splits a total in proportion to weights, optionally rounded so parts still add up, each row its part of the partition''s total';

CREATE FUNCTION alignkit.goal_allocate(total double precision, weight double precision, buffer double precision, decimals double precision)
  RETURNS double precision
  AS 'MODULE_PATHNAME', 'alignkit_window'
  LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION alignkit.goal_allocate(double precision, double precision, double precision, double precision) IS 'Splits a total in proportion to weights, optionally rounded so parts still add up, each row its part of the partition''s total';

CREATE FUNCTION alignkit.goal_overassign(child_targets double precision[], parent_target double precision)
  RETURNS double precision
  AS 'MODULE_PATHNAME', 'alignkit_call'
  LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION alignkit.goal_overassign(double precision[], double precision) IS 'How far child targets over-assign (or fall short of) the parent target';

CREATE FUNCTION alignkit.goal_rollup(actuals double precision[], targets double precision[], weights double precision[] DEFAULT NULL)
  RETURNS double precision
  AS 'MODULE_PATHNAME', 'alignkit_call'
  LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION alignkit.goal_rollup(double precision[], double precision[], double precision[]) IS 'Progress of a parent goal from its children''s actuals and targets';

CREATE FUNCTION alignkit._goal_rollup_step(internal, double precision, double precision)
  RETURNS internal AS 'MODULE_PATHNAME', 'alignkit_aggregate_step'
  LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE AGGREGATE alignkit.goal_rollup(actual double precision, target double precision) (
  SFUNC = alignkit._goal_rollup_step, STYPE = internal, FINALFUNC = alignkit._aggregate_final,
  COMBINEFUNC = alignkit._aggregate_combine, SERIALFUNC = alignkit._aggregate_serialize,
  DESERIALFUNC = alignkit._aggregate_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE alignkit.goal_rollup(double precision, double precision) IS 'Progress of a parent goal from its children''s actuals and targets, over the rows of a table';

CREATE FUNCTION alignkit._goal_rollup_step(internal, double precision, double precision, double precision)
  RETURNS internal AS 'MODULE_PATHNAME', 'alignkit_aggregate_step'
  LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE AGGREGATE alignkit.goal_rollup(actual double precision, target double precision, weight double precision) (
  SFUNC = alignkit._goal_rollup_step, STYPE = internal, FINALFUNC = alignkit._aggregate_final,
  COMBINEFUNC = alignkit._aggregate_combine, SERIALFUNC = alignkit._aggregate_serialize,
  DESERIALFUNC = alignkit._aggregate_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE alignkit.goal_rollup(double precision, double precision, double precision) IS 'Progress of a parent goal from its children''s actuals and targets, over the rows of a table';

CREATE FUNCTION alignkit.goal_attainment(actuals double precision[], targets double precision[], threshold double precision DEFAULT 1)
  RETURNS double precision
  AS 'MODULE_PATHNAME', 'alignkit_call'
  LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION alignkit.goal_attainment(double precision[], double precision[], double precision) IS 'Share of people at or above a threshold of their target';

CREATE FUNCTION alignkit._goal_attainment_step(internal, double precision, double precision)
  RETURNS internal AS 'MODULE_PATHNAME', 'alignkit_aggregate_step'
  LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE AGGREGATE alignkit.goal_attainment(actual double precision, target double precision) (
  SFUNC = alignkit._goal_attainment_step, STYPE = internal, FINALFUNC = alignkit._aggregate_final,
  COMBINEFUNC = alignkit._aggregate_combine, SERIALFUNC = alignkit._aggregate_serialize,
  DESERIALFUNC = alignkit._aggregate_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE alignkit.goal_attainment(double precision, double precision) IS 'Share of people at or above a threshold of their target, over the rows of a table';

CREATE FUNCTION alignkit._goal_attainment_step(internal, double precision, double precision, double precision)
  RETURNS internal AS 'MODULE_PATHNAME', 'alignkit_aggregate_step'
  LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE AGGREGATE alignkit.goal_attainment(actual double precision, target double precision, threshold double precision) (
  SFUNC = alignkit._goal_attainment_step, STYPE = internal, FINALFUNC = alignkit._aggregate_final,
  COMBINEFUNC = alignkit._aggregate_combine, SERIALFUNC = alignkit._aggregate_serialize,
  DESERIALFUNC = alignkit._aggregate_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE alignkit.goal_attainment(double precision, double precision, double precision) IS 'Share of people at or above a threshold of their target, over the rows of a table';

CREATE FUNCTION alignkit.goal_pace(actual double precision, target double precision, start_date date, end_date date, as_of date)
  RETURNS double precision
  AS 'MODULE_PATHNAME', 'alignkit_call'
  LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION alignkit.goal_pace(double precision, double precision, date, date, date) IS 'Actual against the target pro-rated to today; 1 or more is on pace';

CREATE FUNCTION alignkit.goal_alignment(linked boolean[], weights double precision[] DEFAULT NULL)
  RETURNS double precision
  AS 'MODULE_PATHNAME', 'alignkit_call'
  LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION alignkit.goal_alignment(boolean[], double precision[]) IS 'Share of goals linked to a parent goal';

CREATE FUNCTION alignkit._goal_alignment_step(internal, boolean)
  RETURNS internal AS 'MODULE_PATHNAME', 'alignkit_aggregate_step'
  LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE AGGREGATE alignkit.goal_alignment(linked boolean) (
  SFUNC = alignkit._goal_alignment_step, STYPE = internal, FINALFUNC = alignkit._aggregate_final,
  COMBINEFUNC = alignkit._aggregate_combine, SERIALFUNC = alignkit._aggregate_serialize,
  DESERIALFUNC = alignkit._aggregate_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE alignkit.goal_alignment(boolean) IS 'Share of goals linked to a parent goal, over the rows of a table';

CREATE FUNCTION alignkit._goal_alignment_step(internal, boolean, double precision)
  RETURNS internal AS 'MODULE_PATHNAME', 'alignkit_aggregate_step'
  LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE AGGREGATE alignkit.goal_alignment(linked boolean, weight double precision) (
  SFUNC = alignkit._goal_alignment_step, STYPE = internal, FINALFUNC = alignkit._aggregate_final,
  COMBINEFUNC = alignkit._aggregate_combine, SERIALFUNC = alignkit._aggregate_serialize,
  DESERIALFUNC = alignkit._aggregate_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE alignkit.goal_alignment(boolean, double precision) IS 'Share of goals linked to a parent goal, over the rows of a table';

CREATE FUNCTION alignkit.goal_smart(description text, target double precision, baseline double precision, due_date date, parent text, max_growth double precision DEFAULT 0.5)
  RETURNS text
  AS 'MODULE_PATHNAME', 'alignkit_call'
  LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION alignkit.goal_smart(text, double precision, double precision, date, text, double precision) IS 'SMART check of a goal: each failed letter becomes ''-''';

CREATE FUNCTION alignkit.survey_topbox(ratings double precision[], scale_max double precision DEFAULT 5, box double precision DEFAULT 2)
  RETURNS double precision
  AS 'MODULE_PATHNAME', 'alignkit_call'
  LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION alignkit.survey_topbox(double precision[], double precision, double precision) IS 'Share of ratings in the top box (4s and 5s on a 1-5 scale)';

CREATE FUNCTION alignkit._survey_topbox_step(internal, double precision)
  RETURNS internal AS 'MODULE_PATHNAME', 'alignkit_aggregate_step'
  LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE AGGREGATE alignkit.survey_topbox(rating double precision) (
  SFUNC = alignkit._survey_topbox_step, STYPE = internal, FINALFUNC = alignkit._aggregate_final,
  COMBINEFUNC = alignkit._aggregate_combine, SERIALFUNC = alignkit._aggregate_serialize,
  DESERIALFUNC = alignkit._aggregate_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE alignkit.survey_topbox(double precision) IS 'Share of ratings in the top box (4s and 5s on a 1-5 scale), over the rows of a table';

CREATE FUNCTION alignkit._survey_topbox_step(internal, double precision, double precision)
  RETURNS internal AS 'MODULE_PATHNAME', 'alignkit_aggregate_step'
  LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE AGGREGATE alignkit.survey_topbox(rating double precision, scale_max double precision) (
  SFUNC = alignkit._survey_topbox_step, STYPE = internal, FINALFUNC = alignkit._aggregate_final,
  COMBINEFUNC = alignkit._aggregate_combine, SERIALFUNC = alignkit._aggregate_serialize,
  DESERIALFUNC = alignkit._aggregate_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE alignkit.survey_topbox(double precision, double precision) IS 'Share of ratings in the top box (4s and 5s on a 1-5 scale), over the rows of a table';

CREATE FUNCTION alignkit._survey_topbox_step(internal, double precision, double precision, double precision)
  RETURNS internal AS 'MODULE_PATHNAME', 'alignkit_aggregate_step'
  LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE AGGREGATE alignkit.survey_topbox(rating double precision, scale_max double precision, box double precision) (
  SFUNC = alignkit._survey_topbox_step, STYPE = internal, FINALFUNC = alignkit._aggregate_final,
  COMBINEFUNC = alignkit._aggregate_combine, SERIALFUNC = alignkit._aggregate_serialize,
  DESERIALFUNC = alignkit._aggregate_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE alignkit.survey_topbox(double precision, double precision, double precision) IS 'Share of ratings in the top box (4s and 5s on a 1-5 scale), over the rows of a table';

CREATE FUNCTION alignkit.survey_bottombox(ratings double precision[], scale_max double precision DEFAULT 5, box double precision DEFAULT 2)
  RETURNS double precision
  AS 'MODULE_PATHNAME', 'alignkit_call'
  LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION alignkit.survey_bottombox(double precision[], double precision, double precision) IS 'Share of ratings in the bottom box (1s and 2s on a 1-5 scale)';

CREATE FUNCTION alignkit._survey_bottombox_step(internal, double precision)
  RETURNS internal AS 'MODULE_PATHNAME', 'alignkit_aggregate_step'
  LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE AGGREGATE alignkit.survey_bottombox(rating double precision) (
  SFUNC = alignkit._survey_bottombox_step, STYPE = internal, FINALFUNC = alignkit._aggregate_final,
  COMBINEFUNC = alignkit._aggregate_combine, SERIALFUNC = alignkit._aggregate_serialize,
  DESERIALFUNC = alignkit._aggregate_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE alignkit.survey_bottombox(double precision) IS 'Share of ratings in the bottom box (1s and 2s on a 1-5 scale), over the rows of a table';

CREATE FUNCTION alignkit._survey_bottombox_step(internal, double precision, double precision)
  RETURNS internal AS 'MODULE_PATHNAME', 'alignkit_aggregate_step'
  LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE AGGREGATE alignkit.survey_bottombox(rating double precision, scale_max double precision) (
  SFUNC = alignkit._survey_bottombox_step, STYPE = internal, FINALFUNC = alignkit._aggregate_final,
  COMBINEFUNC = alignkit._aggregate_combine, SERIALFUNC = alignkit._aggregate_serialize,
  DESERIALFUNC = alignkit._aggregate_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE alignkit.survey_bottombox(double precision, double precision) IS 'Share of ratings in the bottom box (1s and 2s on a 1-5 scale), over the rows of a table';

CREATE FUNCTION alignkit._survey_bottombox_step(internal, double precision, double precision, double precision)
  RETURNS internal AS 'MODULE_PATHNAME', 'alignkit_aggregate_step'
  LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE AGGREGATE alignkit.survey_bottombox(rating double precision, scale_max double precision, box double precision) (
  SFUNC = alignkit._survey_bottombox_step, STYPE = internal, FINALFUNC = alignkit._aggregate_final,
  COMBINEFUNC = alignkit._aggregate_combine, SERIALFUNC = alignkit._aggregate_serialize,
  DESERIALFUNC = alignkit._aggregate_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE alignkit.survey_bottombox(double precision, double precision, double precision) IS 'Share of ratings in the bottom box (1s and 2s on a 1-5 scale), over the rows of a table';

CREATE FUNCTION alignkit.survey_gap(ratings_a double precision[], ratings_b double precision[], scale_max double precision DEFAULT 5, box double precision DEFAULT 2)
  RETURNS double precision
  AS 'MODULE_PATHNAME', 'alignkit_call'
  LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION alignkit.survey_gap(double precision[], double precision[], double precision, double precision) IS 'Top-box share of one group minus that of another (e.g. HR minus Sales)';

CREATE FUNCTION alignkit.survey_nps(scores double precision[])
  RETURNS double precision
  AS 'MODULE_PATHNAME', 'alignkit_call'
  LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION alignkit.survey_nps(double precision[]) IS 'Net promoter score of 0-10 answers (-100 to 100)';

CREATE FUNCTION alignkit._survey_nps_step(internal, double precision)
  RETURNS internal AS 'MODULE_PATHNAME', 'alignkit_aggregate_step'
  LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE AGGREGATE alignkit.survey_nps(score double precision) (
  SFUNC = alignkit._survey_nps_step, STYPE = internal, FINALFUNC = alignkit._aggregate_final,
  COMBINEFUNC = alignkit._aggregate_combine, SERIALFUNC = alignkit._aggregate_serialize,
  DESERIALFUNC = alignkit._aggregate_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE alignkit.survey_nps(double precision) IS 'Net promoter score of 0-10 answers (-100 to 100), over the rows of a table';

CREATE FUNCTION alignkit.profile_fit(candidate_scores double precision[], role_weights double precision[], scale_max double precision DEFAULT 5)
  RETURNS double precision
  AS 'MODULE_PATHNAME', 'alignkit_call'
  LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION alignkit.profile_fit(double precision[], double precision[], double precision) IS 'How well a candidate matches a role profile, 0 to 1';

CREATE FUNCTION alignkit.funnel_schedule(targets double precision[], rates double precision[], lags double precision[], round_up boolean DEFAULT false)
  RETURNS TABLE (period integer, volumes double precision[], units double precision)
  AS 'MODULE_PATHNAME', 'alignkit_rows'
  LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION alignkit.funnel_schedule(double precision[], double precision[], double precision[], boolean) IS 'The inverted funnel over time: what must enter each stage in each period, lead-in periods first';

CREATE FUNCTION alignkit.capacity_plan(hires double precision[], quota double precision, ramp double precision, monthly_attrition double precision DEFAULT 0, current_reps double precision DEFAULT 0, attainment double precision DEFAULT 1)
  RETURNS TABLE (period integer, headcount double precision, ramped_reps double precision, capacity double precision)
  AS 'MODULE_PATHNAME', 'alignkit_rows'
  LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION alignkit.capacity_plan(double precision[], double precision, double precision, double precision, double precision, double precision) IS 'What a hiring plan delivers each period: headcount, ramped rep equivalents, bookings capacity';

CREATE FUNCTION alignkit.capacity_plan(hires double precision[], quota double precision, ramp double precision[], monthly_attrition double precision DEFAULT 0, current_reps double precision DEFAULT 0, attainment double precision DEFAULT 1)
  RETURNS TABLE (period integer, headcount double precision, ramped_reps double precision, capacity double precision)
  AS 'MODULE_PATHNAME', 'alignkit_rows'
  LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION alignkit.capacity_plan(double precision[], double precision, double precision[], double precision, double precision, double precision) IS 'What a hiring plan delivers each period: headcount, ramped rep equivalents, bookings capacity';

CREATE FUNCTION alignkit.goal_prorate(annual_target double precision, seasonality double precision[], start_period double precision, ramp double precision DEFAULT NULL)
  RETURNS double precision[]
  AS 'MODULE_PATHNAME', 'alignkit_call'
  LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION alignkit.goal_prorate(double precision, double precision[], double precision, double precision) IS 'One person''s target per period when they start part-way through the year';

CREATE FUNCTION alignkit.goal_prorate(annual_target double precision, seasonality double precision[], start_period double precision, ramp double precision[])
  RETURNS double precision[]
  AS 'MODULE_PATHNAME', 'alignkit_call'
  LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION alignkit.goal_prorate(double precision, double precision[], double precision, double precision[]) IS 'One person''s target per period when they start part-way through the year';

-- Templates published through the template service, read from its store in this database.
CREATE FUNCTION alignkit.template_value(name text, key text, version integer DEFAULT NULL)
  RETURNS double precision AS 'MODULE_PATHNAME', 'alignkit_template_value'
  LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION alignkit.template_value(text, text, integer) IS 'The number at a dotted key of the newest (or the given) published version of a template';
CREATE FUNCTION alignkit.template_text(name text, key text, version integer DEFAULT NULL)
  RETURNS text AS 'MODULE_PATHNAME', 'alignkit_template_text'
  LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION alignkit.template_text(text, text, integer) IS 'The value at a dotted key of the newest (or the given) published version of a template, as text';
CREATE FUNCTION alignkit.template_value(document jsonb, key text)
  RETURNS double precision AS 'MODULE_PATHNAME', 'alignkit_template_value_jsonb'
  LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION alignkit.template_value(jsonb, text) IS 'The number at a dotted key of a template document the query already has';
CREATE FUNCTION alignkit.template_info(name text, field text)
  RETURNS text AS 'MODULE_PATHNAME', 'alignkit_template_info'
  LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION alignkit.template_info(text, text) IS 'What a dashboard needs to know about a published template: name, version, updated, author, message';
