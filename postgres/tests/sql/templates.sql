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
FROM template_versions WHERE name = 'inside_sales' AND version = 2;
-- A missing template, version or key is an error, never a NULL that would vanish in a SUM.
SELECT alignkit.template_value('no_such_template', 'people.annual_salary');
SELECT alignkit.template_value('inside_sales', 'people.annual_salary', 9);
SELECT alignkit.template_value('inside_sales', 'people.no_such_key');
SELECT alignkit.template_value('inside_sales', 'currency');
SELECT alignkit.template_info('inside_sales', 'colour');
-- Reading follows PostgreSQL's privileges on the store: the documented grants for a BI role.
CREATE ROLE alignkit_bi;
GRANT USAGE ON SCHEMA alignkit TO alignkit_bi;
GRANT SELECT ON template_versions TO alignkit_bi;
CREATE ROLE alignkit_nobody;
GRANT USAGE ON SCHEMA alignkit TO alignkit_nobody;
SET ROLE alignkit_bi;
SELECT alignkit.template_value('inside_sales', 'people.annual_salary') AS bi_reads;
-- SQL never writes templates: publishing goes through the service, its owners and tokens.
INSERT INTO template_versions VALUES ('inside_sales', 3, 'bi', '', '', '[]', '{}');
RESET ROLE;
SET ROLE alignkit_nobody;
SELECT alignkit.template_value('inside_sales', 'people.annual_salary');
RESET ROLE;
SELECT count(*) AS functions_that_write FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname = 'alignkit' AND p.provolatile = 'v';
