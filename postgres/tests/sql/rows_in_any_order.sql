-- The same rows in any order give the same answer, and a PL/pgSQL loop sees each publish.
SET extra_float_digits = 0;
-- A NULL parameter in any row makes an aggregate NULL, whichever row comes first (before: an
-- error one way round, NULL the other).
SELECT alignkit.survey_topbox(r, s, 2) AS topbox FROM (VALUES (1, 5, NULL), (2, 4, 5)) AS t (o, r, s);
SELECT alignkit.survey_topbox(r, s, 2) AS topbox_reversed FROM (SELECT * FROM (VALUES (1, 5, NULL), (2, 4, 5)) AS t (o, r, s) ORDER BY o DESC) AS u;
SELECT alignkit.capacity_rre(t, r) AS rre FROM (VALUES (3::float8, NULL::float8[]), (5, ARRAY[0.2, 0.5, 0.8])) AS v (t, r);
SELECT alignkit.capacity_rre(t, r) AS rre_reversed FROM (VALUES (5::float8, ARRAY[0.2, 0.5, 0.8]), (3, NULL::float8[])) AS v (t, r);
SELECT alignkit.goal_attainment(a, t, h) AS attainment FROM (VALUES (50::float8, 100::float8, NULL::float8), (80, 100, 0.7)) AS v (a, t, h);
SELECT alignkit.goal_attainment(a, t, h) AS attainment_reversed FROM (VALUES (80::float8, 100::float8, 0.7::float8), (50, 100, NULL)) AS v (a, t, h);
-- Rows whose parameters count still must agree, with NULL rows among them.
SELECT alignkit.survey_topbox(r, s) FROM (VALUES (5, NULL), (4, 5), (3, 7)) AS t (r, s);
-- Over parallel workers: NULL parameters in some workers' rows only.
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
CREATE TABLE ratings AS SELECT i, 1 + i % 5 AS r, CASE WHEN i = 77777 THEN NULL ELSE 5 END AS s FROM generate_series(1, 200000) i;
ANALYZE ratings;
SELECT alignkit.survey_topbox(r, s) AS parallel_with_a_null FROM ratings;
SELECT alignkit.survey_topbox(r, 5) AS parallel FROM ratings;
-- Sums come out the same in a parallel plan as in a serial one (compensated), past the 1,024
-- distinct rows a tally holds.
CREATE TABLE rre_rows AS SELECT i, (i % 997) * 0.37 AS tenure, 1000 + (i::bigint * 7919) % 100003 * 0.01 AS actual,
  2000 + (i::bigint * 104729) % 99991 * 0.03 AS target FROM generate_series(1, 300000) i;
ANALYZE rre_rows;
CREATE TEMPORARY TABLE answers AS
SELECT alignkit.capacity_rre(tenure, ARRAY[0.2, 0.5, 0.8]) AS rre, alignkit.goal_rollup(actual, target) AS rollup FROM rre_rows;
EXPLAIN (COSTS OFF) SELECT alignkit.capacity_rre(tenure, ARRAY[0.2, 0.5, 0.8]) FROM rre_rows;
SET max_parallel_workers_per_gather = 0;
SELECT a.rre = s.rre AS rre_same, a.rollup = s.rollup AS rollup_same, s.rre, s.rollup
FROM answers a, (SELECT alignkit.capacity_rre(tenure, ARRAY[0.2, 0.5, 0.8]) AS rre, alignkit.goal_rollup(actual, target) AS rollup FROM rre_rows) s;
RESET max_parallel_workers_per_gather;
DROP TABLE rre_rows;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
DROP TABLE ratings;
-- The aggregates are not window functions (GOAL.ALLOCATE is one): said in words.
SELECT alignkit.survey_nps(x) OVER (ORDER BY x) FROM (VALUES (10::float8), (9), (3)) AS v (x);
-- In a PL/pgSQL loop, each statement reads the store as it is then: a version written in the same
-- transaction (as the service writes one) is read by the next statement.
SET TimeZone = 'UTC';
INSERT INTO public.template_versions (name, version, author, published, message, groups_changed, approved_by, document)
VALUES ('loop_test', 1, 'hr', '2026-01-01T00:00:00Z', '', '["people"]', '', '{"template_version": 1, "people": {"ramp_months": 1}}');
DO $loop$
DECLARE
  round int;
BEGIN
  FOR round IN 1..3 LOOP
    RAISE NOTICE 'round %: ramp %', round, alignkit.template_value('loop_test', 'people.ramp_months');
    INSERT INTO public.template_versions (name, version, author, published, message, groups_changed, approved_by, document)
    VALUES ('loop_test', round + 1, 'hr', '2026-01-0' || (round + 1) || 'T00:00:00Z', '', '["people"]', '',
            '{"template_version": 1, "people": {"ramp_months": ' || (round + 1) || '}}');
  END LOOP;
END
$loop$;
DELETE FROM public.template_versions WHERE name = 'loop_test';
