#!/usr/bin/env bash
# ALTER EXTENSION alignkit UPDATE with the generated update script, against a server of its own.
# From the install script a released version shipped (postgres/tests/released/alignkit--0.1.0.sql,
# kept as it was released), and from an earlier version made from this one's install script, with
# one function missing (the update must add it) and one this version no longer has (the update
# must drop it); a user's view over an alignkit function must keep working, and the updated
# extension must have exactly the functions a fresh CREATE EXTENSION gives.
#   upgrade_test.sh MODULE CONTROL INSTALL_SCRIPT SQLGEN RELEASED_DIR
set -euo pipefail
module=$(realpath "$1") control=$(realpath "$2") script=$(realpath "$3") sqlgen=$(realpath "$4") released=$(realpath "$5")
source "$(dirname "$0")/extension_server.sh"
version=$(sed -n "s/^default_version = '\(.*\)'/\1/p" "$control")
earlier=0.0.1
start_extension_server "$module" "$control" "$script"
extension_dir="$install$sharedir/extension"
# The earlier version: without funnel_cac, with a function retired since.
/usr/bin/python3 - "$script" "$extension_dir/alignkit--$earlier.sql" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
text, removed = re.subn(r"CREATE FUNCTION alignkit\.funnel_cac\(.*?COMMENT ON FUNCTION alignkit\.funnel_cac\(.*?;\n", "", text, flags=re.S)
assert removed == 1, "funnel_cac not found in the install script"
text += ("CREATE FUNCTION alignkit.retired_metric(x double precision) RETURNS double precision\n"
         "  AS 'SELECT x' LANGUAGE SQL IMMUTABLE;\n")
open(sys.argv[2], "w").write(text)
PY
"$sqlgen" upgrade "$extension_dir/alignkit--$earlier--$version.sql"
for shipped in "$released"/alignkit--*.sql; do
  from=$(basename "$shipped" .sql)
  from=${from#alignkit--}
  cp "$shipped" "$extension_dir/"
  "$sqlgen" upgrade "$extension_dir/alignkit--$from--$version.sql"
done
[[ ${#as_owner[@]} -eq 0 ]] || chown -R postgres "$extension_dir"
psql=("$install$bindir/psql" -X -q -A -t -v ON_ERROR_STOP=1)
members="SELECT p.oid::regprocedure FROM pg_depend d JOIN pg_proc p ON p.oid = d.objid
  WHERE d.classid = 'pg_proc'::regclass AND d.deptype = 'e'
    AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'alignkit') ORDER BY p.oid::regprocedure::text"
"${psql[@]}" -d postgres -c "CREATE DATABASE fresh" -c "CREATE DATABASE updated" >/dev/null
"${psql[@]}" -d fresh -c "CREATE EXTENSION alignkit" >/dev/null
"${psql[@]}" -d updated -c "CREATE EXTENSION alignkit VERSION '$earlier'" \
  -c "CREATE VIEW plan AS SELECT alignkit.funnel_budget(100, ARRAY[0.02, 0.05, 0.2], 0.008) AS budget" >/dev/null
check '[[ "$("${psql[@]}" -d updated -c "SELECT count(*) FROM pg_proc WHERE proname = '"'"'funnel_cac'"'"'")" == 0 ]]' \
  "the earlier version has no funnel_cac"
updated=$("${psql[@]}" -d updated -c "ALTER EXTENSION alignkit UPDATE" 2>&1) || true
check '[[ -z "$updated" ]]' "ALTER EXTENSION alignkit UPDATE runs ($updated)"
check '[[ "$("${psql[@]}" -d updated -c "SELECT extversion FROM pg_extension WHERE extname = '"'"'alignkit'"'"'")" == "$version" ]]' \
  "the extension is at $version"
check '[[ "$("${psql[@]}" -d updated -c "SELECT alignkit.funnel_cac(4000, 100)")" == 40 ]]' "the update added funnel_cac (4000 / 100 = 40)"
check '[[ "$("${psql[@]}" -d updated -c "SELECT count(*) FROM pg_proc WHERE proname = '"'"'retired_metric'"'"'")" == 0 ]]' \
  "the update dropped what this version no longer has"
check '[[ "$("${psql[@]}" -d updated -c "SELECT budget FROM plan")" == 4000 ]]' \
  "a user's view over funnel_budget still answers (100 / (0.02 * 0.05 * 0.2) * 0.008 = 4000)"
check '[[ "$("${psql[@]}" -d updated -c "$members")" == "$("${psql[@]}" -d fresh -c "$members")" ]]' \
  "the updated extension has exactly a fresh one's functions and aggregates"
check '[[ "$("${psql[@]}" -d updated -c "SELECT alignkit.survey_nps(s) FROM unnest(ARRAY[10, 9, 3]::float8[]) s")" == 33.3333333333333* ]]' \
  "an aggregate replaced in place still aggregates ((2 - 1) / 3 = 33.3…)"
for shipped in "$released"/alignkit--*.sql; do
  from=$(basename "$shipped" .sql)
  from=${from#alignkit--}
  database="from_${from//./_}"
  "${psql[@]}" -d postgres -c "CREATE DATABASE $database" >/dev/null
  # A released version's control file named the schema, which PostgreSQL made before the script ran.
  "${psql[@]}" -d "$database" -c "CREATE SCHEMA alignkit" -c "CREATE EXTENSION alignkit VERSION '$from'" \
    -c "CREATE VIEW plan AS SELECT alignkit.funnel_budget(100, ARRAY[0.02, 0.05, 0.2], 0.008) AS budget" >/dev/null
  updated=$("${psql[@]}" -d "$database" -c "ALTER EXTENSION alignkit UPDATE" 2>&1) || true
  check '[[ -z "$updated" && "$("${psql[@]}" -d "$database" -c "SELECT extversion FROM pg_extension WHERE extname = '"'"'alignkit'"'"'")" == "$version" ]]' \
    "from the released $from: ALTER EXTENSION alignkit UPDATE reaches $version ($updated)"
  check '[[ "$("${psql[@]}" -d "$database" -c "SELECT budget FROM plan")" == 4000 ]]' "a view made on $from still answers 4000"
  check '[[ "$("${psql[@]}" -d "$database" -c "$members")" == "$("${psql[@]}" -d fresh -c "$members")" ]]' \
    "and the extension updated from $from has exactly a fresh one's functions and aggregates"
done
server_survived
echo "$passed passed, $failed failed"
((failed == 0))
