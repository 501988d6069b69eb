-- Functions over a table's rows: aggregates per group, the same answers under a parallel plan,
-- and GOAL.ALLOCATE as a window whose rounded parts add up exactly per partition.
SET extra_float_digits = 0;
CREATE TABLE answers (team text, score double precision, rating double precision);
INSERT INTO answers VALUES
  ('hr', 10, 5), ('hr', 9, 4), ('hr', 3, 2), ('hr', NULL, NULL),
  ('sales', 6, 1), ('sales', 7, 3), ('sales', 9, 5), ('sales', 2, 2), ('sales', 10, 4);
SELECT team, alignkit.survey_nps(score), alignkit.survey_topbox(rating), alignkit.survey_bottombox(rating),
       alignkit.survey_topbox(rating, 5, 1) AS top_one
FROM answers GROUP BY team ORDER BY team;
-- The aggregate agrees with the array form over the same values.
SELECT alignkit.survey_nps(score) = alignkit.survey_nps(array_agg(score)) AS same_nps FROM answers;

CREATE TABLE reps (rep text, region text, quota double precision, bookings double precision,
                   tenure double precision, linked boolean, weight double precision);
INSERT INTO reps VALUES
  ('ana', 'north', 100, 120, 10, true, 2), ('ben', 'north', 100, 80, 1, false, 1),
  ('cy', 'north', 50, 50, 2, true, 1), ('dee', 'south', 200, 100, 3, NULL, 1),
  ('eve', 'south', 100, 100, 12, true, 3);
SELECT region, alignkit.goal_rollup(bookings, quota) AS rollup,
       alignkit.goal_rollup(bookings, quota, weight) AS weighted_rollup,
       alignkit.goal_attainment(bookings, quota) AS attainment,
       alignkit.goal_attainment(bookings, quota, 0.8) AS at_80,
       alignkit.goal_alignment(linked) AS alignment, alignkit.goal_alignment(linked, weight) AS weighted_alignment,
       alignkit.capacity_rre(tenure, 4) AS rre, alignkit.capacity_rre(tenure, ARRAY[0.2, 0.6]) AS rre_listed
FROM reps GROUP BY region ORDER BY region;
-- Lists kept in a table are read where they lie: a small one is stored with a one-byte header
-- (and here a NULL element), a long one out of line (TOAST); both answer as the list in the query.
CREATE TABLE lists (id int, scores float8[]);
INSERT INTO lists VALUES (1, '{10,NULL,9,3}'), (2, array_fill(10::float8, ARRAY[100000]));
SELECT id, alignkit.survey_nps(scores), pg_column_size(scores) < 1000 AS stored_small FROM lists ORDER BY id;
SELECT alignkit.survey_nps('{10,NULL,9,3}'::float8[]) = (SELECT alignkit.survey_nps(scores) FROM lists WHERE id = 1) AS same;
-- No row with a value: NULL, as avg() of nothing.
SELECT alignkit.survey_nps(score) IS NULL AS nothing FROM answers WHERE team = 'nobody';
-- A parameter must be the same in every row.
SELECT alignkit.survey_topbox(rating, CASE WHEN team = 'hr' THEN 5 ELSE 7 END) FROM answers;

-- Under a forced parallel plan: partial aggregation in the workers, the same answers.
CREATE TABLE many AS
  SELECT g AS id, (g % 11)::float8 AS score, 1 + (g % 5)::float8 AS rating, 100 + (g % 7)::float8 AS quota,
         90 + (g % 13)::float8 AS bookings
  FROM generate_series(1, 200000) g;
ANALYZE many;
SET max_parallel_workers_per_gather = 0;
SELECT alignkit.survey_nps(score) AS nps, alignkit.survey_topbox(rating) AS topbox,
       alignkit.goal_rollup(bookings, quota) AS rollup, alignkit.goal_attainment(bookings, quota) AS attainment
FROM many;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF)
SELECT alignkit.survey_nps(score), alignkit.survey_topbox(rating), alignkit.goal_rollup(bookings, quota),
       alignkit.goal_attainment(bookings, quota) FROM many;
SELECT alignkit.survey_nps(score) AS nps, alignkit.survey_topbox(rating) AS topbox,
       alignkit.goal_rollup(bookings, quota) AS rollup, alignkit.goal_attainment(bookings, quota) AS attainment
FROM many;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- Rows that repeat are tallied, more than 1,024 different rows are kept one by one: the answers
-- equal the same math written by hand (whole numbers, so every sum is exact), for a group of each
-- kind, both together, and in parallel workers whose parts are tallied or not.
CREATE TABLE varied AS
  SELECT g AS id, CASE WHEN g <= 100000 THEN 'few' ELSE 'many' END AS kind, (g % 11)::float8 AS score,
         100 + (g % 7)::float8 AS quota,
         CASE WHEN g <= 100000 THEN 90 + (g % 13) ELSE 90 + (g % 2003) END::float8 AS bookings
  FROM generate_series(1, 200000) g;
ANALYZE varied;
CREATE FUNCTION by_hand_checks(only_kind text DEFAULT NULL)
RETURNS TABLE (kind text, different_bookings bigint, rollup boolean, attainment boolean, nps boolean)
LANGUAGE sql AS $$
  SELECT coalesce(only_kind, 'all'), count(DISTINCT bookings),
         alignkit.goal_rollup(bookings, quota) = sum(bookings) / sum(quota),
         alignkit.goal_attainment(bookings, quota) = (count(*) FILTER (WHERE bookings >= quota))::float8 / count(*),
         alignkit.survey_nps(score) = 100 * ((count(*) FILTER (WHERE score >= 9))::float8 / count(*)
                                             - (count(*) FILTER (WHERE score <= 6))::float8 / count(*))
  FROM varied WHERE only_kind IS NULL OR varied.kind = only_kind
$$;
SELECT * FROM by_hand_checks('few') UNION ALL SELECT * FROM by_hand_checks('many')
UNION ALL SELECT * FROM by_hand_checks();
DROP FUNCTION by_hand_checks;
SELECT kind, alignkit.goal_rollup(bookings, quota) = sum(bookings) / sum(quota) AS rollup
FROM varied GROUP BY kind ORDER BY kind;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT alignkit.goal_rollup(bookings, quota) FROM varied;
SELECT alignkit.goal_rollup(bookings, quota) = sum(bookings) / sum(quota) AS rollup,
       alignkit.goal_attainment(bookings, quota) = (count(*) FILTER (WHERE bookings >= quota))::float8 / count(*) AS attainment,
       alignkit.survey_nps(score) = 100 * ((count(*) FILTER (WHERE score >= 9))::float8 / count(*)
                                           - (count(*) FILTER (WHERE score <= 6))::float8 / count(*)) AS nps
FROM varied;
DROP TABLE varied;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- A hostile table: an aggregate stops with the planner's message; no row number for a value
-- that is not a number (an aggregate's rows have no order to count in).
CREATE TABLE hostile_rows (score float8, rating float8);
INSERT INTO hostile_rows VALUES (9, 5), ('NaN', 5), (10, 'Infinity'), (11, 3), (NULL, '-Infinity');
SELECT alignkit.survey_nps(score) FROM hostile_rows;
SELECT alignkit.survey_topbox(rating) FROM hostile_rows WHERE rating <> 'Infinity';
SELECT alignkit.survey_topbox(rating) FROM hostile_rows WHERE rating > 0;
SELECT alignkit.survey_nps(score) FROM hostile_rows WHERE score <> 'NaN';

-- The window: each rep's part of the region's target, in proportion to last year's bookings.
SELECT region, rep, alignkit.goal_allocate(1000, bookings) OVER (PARTITION BY region) AS part,
       alignkit.goal_allocate(1000, bookings, 0.1, 0) OVER (PARTITION BY region) AS rounded
FROM reps ORDER BY region, rep;
-- Rounded parts add up exactly to the rounded total in every partition, even split three ways.
SELECT region, sum(part) AS total, count(*) AS reps FROM (
  SELECT region, alignkit.goal_allocate(100000, 1, 0, 2) OVER (PARTITION BY region) AS part
  FROM (SELECT 'r' || (g % 7) AS region FROM generate_series(1, 1000) g) t) s
GROUP BY region ORDER BY region;
SELECT DISTINCT alignkit.goal_allocate(10, 1, 0, 0) OVER (PARTITION BY g % 3) AS part
FROM generate_series(1, 9) g ORDER BY 1;
-- The total must be the same in every row of a partition.
SELECT alignkit.goal_allocate(quota, weight) OVER () FROM reps;
