-- statement_timeout and cancel stop a long call, inside alignkit's own loops as well as between
-- rows, and the backend answers the next statement.
SET statement_timeout = '300ms';
-- Each call reads a million ratings (about 10 ms): the timeout lands inside a call.
SELECT count(alignkit.survey_nps(array_fill((s % 11)::float8, ARRAY[1000000]))) FROM generate_series(1, 100000) s;
-- An aggregate over 100 million rows.
SELECT alignkit.survey_nps((s % 11)::float8) FROM generate_series(1, 100000000) s;
RESET statement_timeout;
SELECT alignkit.survey_nps(ARRAY[10, 9, 0]) AS after_the_cancel;
