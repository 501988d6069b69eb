-- The extension installs into its own schema and leaves nothing behind when dropped.
CREATE EXTENSION alignkit;
SELECT extversion FROM pg_extension WHERE extname = 'alignkit';
-- Every catalog function is there, with its argument names (named notation works).
SELECT p.proname, pg_get_function_identity_arguments(p.oid) AS arguments, p.prokind
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname = 'alignkit' AND p.proname NOT LIKE '\_%'
ORDER BY 1, 2;
-- Pure functions are IMMUTABLE, template readers STABLE; all PARALLEL SAFE; each has a comment.
SELECT p.provolatile, p.proparallel, count(*) AS functions, bool_and(d.description IS NOT NULL) AS all_described
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
LEFT JOIN pg_description d ON d.objoid = p.oid AND d.classoid = 'pg_proc'::regclass
WHERE n.nspname = 'alignkit' AND p.proname NOT LIKE '\_%'
GROUP BY 1, 2 ORDER BY 1, 2;
CREATE ROLE alignkit_dropped;
GRANT USAGE ON SCHEMA alignkit TO alignkit_dropped;
DROP EXTENSION alignkit;
DROP ROLE alignkit_dropped;
SELECT count(*) AS left_behind FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'alignkit';
-- The schema too, with the grants made on it: the extension made it, so it goes with it.
SELECT count(*) AS schemas_left FROM pg_namespace WHERE nspname = 'alignkit';
CREATE EXTENSION alignkit;
ALTER EXTENSION alignkit UPDATE;
