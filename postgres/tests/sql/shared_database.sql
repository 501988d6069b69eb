-- alignkit in a database many roles log in to: no role can crash the server, point another
-- role's reads at a table of its own, or put functions in alignkit's schema. (The harness checks
-- afterwards that the postmaster never restarted and no backend died of a signal.)
SET extra_float_digits = 0;
SET TimeZone = 'UTC';
CREATE ROLE sd_planter LOGIN;
CREATE ROLE sd_victim LOGIN;
GRANT CREATE ON DATABASE alignkit_regress TO sd_planter;
GRANT USAGE ON SCHEMA alignkit TO sd_planter, sd_victim;
GRANT SELECT ON public.template_versions TO sd_victim;
SELECT alignkit.template_value('inside_sales', 'people.annual_salary') AS real_salary,
       alignkit.template_info('inside_sales', 'version') AS real_version;
-- 1. A temporary table shaped like the store, with NULLs, first on the search path: the store is
-- where alignkit.store says, so it is never read (this crashed the server before).
\c - sd_planter
SET extra_float_digits = 0;
CREATE TEMPORARY TABLE template_versions (name text, version integer, author text, published text, message text,
  groups_changed text, approved_by text, document text);
INSERT INTO template_versions VALUES ('inside_sales', 99, 'ceo', NULL, '', '[]', 'ceo', NULL);
SET search_path = pg_temp, public;
SELECT alignkit.template_value('inside_sales', 'people.annual_salary', now());
SELECT alignkit.template_value('inside_sales', 'people.annual_salary');
-- A role's own SET of the store's place is refused.
SET alignkit.store = 'pg_temp.template_versions';
-- 2. A table planted in a schema named like another role ("$user" comes first on its path).
RESET search_path;
CREATE SCHEMA sd_victim;
GRANT USAGE ON SCHEMA sd_victim TO sd_victim;
CREATE TABLE sd_victim.template_versions (name text, version integer, author text, published text, message text,
  groups_changed text, approved_by text, document text);
INSERT INTO sd_victim.template_versions VALUES
  ('inside_sales', 99, 'ceo', '2026-01-01T00:00:00Z', 'planted', '[]', 'ceo', '{"people": {"annual_salary": 1}}');
GRANT SELECT ON sd_victim.template_versions TO sd_victim;
\c - sd_victim
SET extra_float_digits = 0;
SHOW search_path;
-- Set before the module is loaded (a placeholder), then refused when it is.
SET alignkit.store = 'sd_victim.template_versions';
SELECT alignkit.template_value('inside_sales', 'people.annual_salary') AS salary,
       alignkit.template_info('inside_sales', 'version') AS version,
       alignkit.template_info('inside_sales', 'approved_by') <> 'ceo' AS not_the_planted_approver,
       alignkit.template_value('inside_sales', 'people.annual_salary', now()) AS salary_now,
       (SELECT max(version) FROM alignkit.template_versions WHERE name = 'inside_sales') AS newest_in_view;
SHOW alignkit.store;
\c - alignkit
SET extra_float_digits = 0;
SET TimeZone = 'UTC';
-- A store with NULLs or a column of another type, where a superuser pointed alignkit.store (a
-- foreign table need not have the service's NOT NULLs): 22023 naming the column, on every path.
CREATE SCHEMA sd_loose;
CREATE TABLE sd_loose.template_versions (name text, version integer, author text, published text, message text,
  groups_changed text, approved_by text, document text);
INSERT INTO sd_loose.template_versions VALUES
  ('no_document', 1, 'hr', '2026-01-01T00:00:00Z', '', '[]', '', NULL),
  ('no_time', 1, 'hr', NULL, '', '[]', '', '{"people": {"annual_salary": 1}}'),
  ('no_author', 1, NULL, '2026-01-01T00:00:00Z', '', '[]', '', '{"people": {"annual_salary": 1}}'),
  ('no_version', NULL, 'hr', '2026-01-01T00:00:00Z', '', '[]', '', '{"people": {"annual_salary": 1}}');
SET alignkit.store = 'sd_loose.template_versions';
SELECT alignkit.template_value('no_document', 'people.annual_salary', now());
SELECT alignkit.template_value('no_document', 'people.annual_salary');
SELECT alignkit.template_value('no_time', 'people.annual_salary', now());
SELECT alignkit.template_info('no_author', 'author');
SELECT alignkit.template_value('no_version', 'people.annual_salary', now());
SELECT alignkit.template_value('no_version', 'people.annual_salary', 1);
CREATE TABLE sd_loose.wrong_types (name text, version bigint, author text, published text, message text,
  groups_changed text, approved_by text, document text);
INSERT INTO sd_loose.wrong_types VALUES ('big', 5000000000, 'hr', '2026-01-01T00:00:00Z', '', '[]', '', '{}');
CREATE TABLE sd_loose.text_versions (name text, version text, author text, published text, message text,
  groups_changed text, approved_by text, document text);
INSERT INTO sd_loose.text_versions VALUES ('texts', '1', 'hr', '2026-01-01T00:00:00Z', '', '[]', '', '{}');
SET alignkit.store = 'sd_loose.wrong_types';
SELECT alignkit.template_value('big', 'people.annual_salary', now());
SET alignkit.store = 'sd_loose.text_versions';
SELECT alignkit.template_value('texts', 'people.annual_salary', now());
-- A setting that names no table, or alignkit's own view, is said so; one without a schema is refused.
SET alignkit.store = 'sd_loose.nothing_here';
SELECT alignkit.template_value('inside_sales', 'people.annual_salary');
SET alignkit.store = 'alignkit.template_versions';
SELECT alignkit.template_value('inside_sales', 'people.annual_salary');
SET alignkit.store = 'template_versions';
RESET alignkit.store;
-- 3. A schema named alignkit made before the extension by a role with CREATE on the database,
-- with a function of its own in it: CREATE EXTENSION refuses it instead of using it.
CREATE DATABASE sd_squat;
GRANT CREATE ON DATABASE sd_squat TO sd_planter;
\c sd_squat sd_planter
CREATE SCHEMA alignkit;
CREATE FUNCTION alignkit.funnel_cac(integer, integer) RETURNS double precision LANGUAGE sql AS 'SELECT 1.0';
\c sd_squat alignkit
CREATE EXTENSION alignkit;
SELECT count(*) AS installed FROM pg_extension WHERE extname = 'alignkit';
\c alignkit_regress alignkit
DROP DATABASE sd_squat;
DROP SCHEMA sd_loose CASCADE;
DROP SCHEMA sd_victim CASCADE;
REVOKE ALL ON DATABASE alignkit_regress FROM sd_planter;
REVOKE ALL ON SCHEMA alignkit FROM sd_planter, sd_victim;
REVOKE ALL ON public.template_versions FROM sd_victim;
DROP ROLE sd_planter;
DROP ROLE sd_victim;
