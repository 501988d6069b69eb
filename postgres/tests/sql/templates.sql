-- Templates in SQL: the versions the template service publishes, read from its store in this
-- database. The harness started the real service on this database with the sample templates as
-- version 1 and two users, HR (owns people) and Sales (owns funnel and goals).
SET extra_float_digits = 0;
SELECT alignkit.template_value('inside_sales', 'people.annual_salary') AS salary,
       alignkit.template_info('inside_sales', 'version') AS version,
       alignkit.template_text('inside_sales', 'currency') AS currency;
-- HR publishes a new salary band through the service, with its own command and token ...
\! "$ALIGNKIT" templates pull inside_sales > "$ALIGNKIT_TEAM/hr.json" 2>/dev/null && sed -i 's/"annual_salary": 65000/"annual_salary": 70000/' "$ALIGNKIT_TEAM/hr.json" && "$ALIGNKIT" templates push "$ALIGNKIT_TEAM/hr.json" --name inside_sales --base 1 --message "2027 salary band" --token "$(cat "$ALIGNKIT_TEAM/hr.token")"
-- ... and the very next statement reads it; a version asked by number stays as it was.
SELECT alignkit.template_value('inside_sales', 'people.annual_salary') AS salary,
       alignkit.template_value('inside_sales', 'people.annual_salary', 1) AS salary_in_version_1,
       alignkit.template_info('inside_sales', 'version') AS version,
       alignkit.template_info('inside_sales', 'author') AS author,
       alignkit.template_info('inside_sales', 'message') AS message,
       alignkit.template_info('inside_sales', 'stale') AS stale;
-- Plan from the published assumptions: the budget that sells 100 units through the template's funnel.
SELECT alignkit.funnel_budget(100,
         ARRAY[alignkit.template_value('inside_sales', 'funnel.rates.visit_to_demo'),
               alignkit.template_value('inside_sales', 'funnel.rates.demo_to_sale')],
         alignkit.template_value('inside_sales', 'funnel.cost_per_click')) AS budget;
-- The same document as jsonb, read with the jsonb form.
SELECT alignkit.template_value(document::jsonb, 'people.annual_salary') AS salary_from_jsonb
FROM public.template_versions WHERE name = 'inside_sales' AND version = 2;
-- A missing template, version or key is an error, never a NULL that would vanish in a SUM.
SELECT alignkit.template_value('no_such_template', 'people.annual_salary');
SELECT alignkit.template_value('inside_sales', 'people.annual_salary', 9);
SELECT alignkit.template_value('inside_sales', 'people.no_such_key');
SELECT alignkit.template_value('inside_sales', 'currency');
SELECT alignkit.template_info('inside_sales', 'colour');
-- Reading follows PostgreSQL's privileges on the store: the documented grants for a BI role
-- (the store's table named with its schema: alignkit's view has the same name).
CREATE ROLE alignkit_bi;
GRANT USAGE ON SCHEMA alignkit TO alignkit_bi;
GRANT SELECT ON public.template_versions TO alignkit_bi;
CREATE ROLE alignkit_nobody;
GRANT USAGE ON SCHEMA alignkit TO alignkit_nobody;
SET ROLE alignkit_bi;
SELECT alignkit.template_value('inside_sales', 'people.annual_salary') AS bi_reads;
-- SQL never writes templates: publishing goes through the service, its owners and tokens.
INSERT INTO public.template_versions VALUES ('inside_sales', 3, 'bi', '', '', '[]', '{}');
RESET ROLE;
SET ROLE alignkit_nobody;
SELECT alignkit.template_value('inside_sales', 'people.annual_salary');
RESET ROLE;
SELECT count(*) AS functions_that_write FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname = 'alignkit' AND p.provolatile = 'v';
-- Plan against actual over time: a value as it was at an instant, the version latest then. A
-- history with known times, written here as the service writes its store.
SET TimeZone = 'UTC';
INSERT INTO public.template_versions (name, version, author, published, message, groups_changed, approved_by, document) VALUES
  ('history_test', 1, 'hr', '2026-01-05T09:00:00Z', 'first', '["people"]', '', '{"template_version": 1, "people": {"ramp_months": 3, "role": "AE"}}'),
  ('history_test', 2, 'sales', '2026-03-31T23:59:59Z', 'slower ramp', '["people"]', 'hr', '{"template_version": 1, "people": {"ramp_months": 4, "role": "AE"}}'),
  ('history_test', 3, 'hr', '2026-07-01T00:00:00Z', 'faster ramp', '["people"]', '', '{"template_version": 1, "people": {"ramp_months": 2, "role": "Senior AE"}}');
SELECT at, alignkit.template_value('history_test', 'people.ramp_months', at) AS ramp,
       alignkit.template_text('history_test', 'people.role', at) AS role
FROM (VALUES (timestamptz '2026-01-05 09:00:00+00'), ('2026-03-31 23:59:58+00'), ('2026-03-31 23:59:59+00'),
             ('2026-06-30 23:59:59+00'), ('2026-07-01 00:00:00+00'), ('2027-01-01 00:00:00+00'),
             ('2611-06-28 11:12:04+00'), ('9999-12-31 23:59:59+00')) AS instants (at)
ORDER BY at;
-- Each month's end joined with the assumption in force that month (a date is its midnight).
SELECT month, alignkit.template_value('history_test', 'people.ramp_months', (month + 1)::timestamptz - interval '1 second') AS ramp
FROM generate_series(date '2026-01-31', date '2026-08-31', interval '1 month') AS months (month_start),
     LATERAL (SELECT (date_trunc('month', month_start) + interval '1 month' - interval '1 day')::date AS month) AS ends
ORDER BY month;
-- Before the first version is an error, never a NULL.
SELECT alignkit.template_value('history_test', 'people.ramp_months', timestamptz '2026-01-05 08:59:59+00');
SELECT alignkit.template_value('history_test', 'people.role', timestamptz '2026-05-01 00:00:00+00');
SELECT alignkit.template_value('no_such_template', 'people.ramp_months', now());
-- Every version and when it was the latest, for BI tools.
SELECT name, version, author, approved_by, valid_from, valid_to
FROM alignkit.template_versions WHERE name = 'history_test' ORDER BY version;
SELECT alignkit.template_info('history_test', 'approved_by') AS approved_by_of_latest,
       alignkit.template_info('inside_sales', 'approved_by') = '' AS published_by_its_author;
-- With alignkit first on the search path (as for a role named alignkit: "$user"), the functions
-- still read the store's table, and the name template_versions is alignkit's view of it.
SET search_path = alignkit, public;
SELECT template_value('history_test', 'people.ramp_months', timestamptz '2026-05-01 00:00:00+00') AS ramp,
       (SELECT count(*) FROM template_versions WHERE name = 'history_test') AS versions;
RESET search_path;
DELETE FROM public.template_versions WHERE name = 'history_test';
