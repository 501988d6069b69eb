#!/usr/bin/env bash
# Runs alignkit's pg_regress tests (PostgreSQL's own style: sql/*.sql against expected/*.out)
# on a server of their own (extension_server.sh), with the real template service on the same
# database: the sample templates imported as version 1 and two users, HR and Sales, so a test
# publishes with `\!` and reads in the next statement. Afterwards the server must have survived.
#   run_regress.sh MODULE CONTROL SCRIPT ALIGNKIT SAMPLES INPUTDIR TEST...
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
module=$(realpath "$1") control=$(realpath "$2") script=$(realpath "$3") alignkit=$(realpath "$4")
samples=$(realpath "$5") inputdir=$(realpath "$6")
shift 6
source "$here/extension_server.sh"
# pg_regress and the tests' `\!` run as PostgreSQL's user, who may not read a checkout in a
# private home (/root is 0700): the tests and the command are copied where that user can.
mkdir -p "$work/regress" "$work/bin"
cp -r "$inputdir/sql" "$inputdir/expected" "$work/regress/"
cp "$alignkit" "$work/bin/alignkit"
inputdir="$work/regress" alignkit="$work/bin/alignkit"
cd "$work"
regress="$pkglibdir/pgxs/src/test/regress/pg_regress"
[[ -x "$regress" ]] || { echo "run_regress: $regress missing (postgresql-server-dev-15)" >&2; exit 1; }
start_extension_server "$module" "$control" "$script" -c max_parallel_workers_per_gather=2
"$install$bindir/psql" -X -q -d postgres -c "CREATE DATABASE alignkit_regress" >/dev/null

# The template service on the same database.
team="$work/team"
mkdir -p "$work/out" "$team"
store="postgresql:host=$PGHOST port=$PGPORT user=alignkit dbname=alignkit_regress"
"$alignkit" store import "$samples" --store "$store" >/dev/null
"$alignkit" users add hr --owns people --users "$team/users.json" >"$team/hr.token"
"$alignkit" users add sales --owns funnel,goals --users "$team/users.json" >"$team/sales.token"
service_port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$alignkit" serve --store "$store" --users "$team/users.json" --port "$service_port" >"$work/service.log" 2>&1 &
on_exit+=("kill $! 2>/dev/null; wait $! 2>/dev/null")
for _ in $(seq 100); do
  /usr/bin/python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$service_port/v1/health')" 2>/dev/null && break
  sleep 0.1
done
[[ ${#as_owner[@]} -eq 0 ]] || chown -R postgres "$work/out" "$team"

status=0
"${as_owner[@]}" env PGHOST="$PGHOST" PGPORT="$PGPORT" PGUSER="$PGUSER" ALIGNKIT="$alignkit" \
  ALIGNKIT_SERVER="http://127.0.0.1:$service_port" ALIGNKIT_TEAM="$team" \
  "$regress" --use-existing --dbname=alignkit_regress --bindir="$install$bindir" \
  --inputdir="$inputdir" --outputdir="$work/out" "$@" || status=$?
if ((status != 0)) && [[ -f "$work/out/regression.diffs" ]]; then cat "$work/out/regression.diffs"; fi

check '((status == 0))' "pg_regress: every expected output matched"

# The README's plan-against-actual queries, run as written (after the tests: HR's edit is version 2).
readme="$here/../../README.md"
awk '/readme-sql/ {found=1; next} found && /^```sql/ {inside=1; next} inside && /^```/ {exit} inside' "$readme" \
  > "$work/readme.sql"
readme_status=0
"$install$bindir/psql" -X -q -d alignkit_regress -c "CREATE SCHEMA readme" >/dev/null
PGOPTIONS="-c search_path=readme,public" "$install$bindir/psql" -X -v ON_ERROR_STOP=1 -d alignkit_regress \
  -f "$work/readme.sql" >"$work/readme.out" 2>&1 || readme_status=$?
check '((readme_status == 0)) && [[ -s "$work/readme.sql" ]]' "the README's SQL runs as written"
# By hand: north's 550,000 split 420:280 gives ana 330,000, and 120,000 booked is 0.364 of it; the
# region booked 180,000 of 550,000 (0.327), one rep of two past 35%; 90 units through 3% and
# 25% at 4.22 a click cost 90 / 0.0075 * 4.22 = 50,640.
check 'grep -Eq "north +\| ana +\| +330000 +\| +120000 +\| +0.364" "$work/readme.out"' "README: ana's quota and attainment"
check 'grep -Eq "north +\| +0.327 +\| +0.5$" "$work/readme.out"' "README: north's progress and reps past 35%"
check 'grep -Eq "2027-01-01 +\| +90 +\| +50640 +\| +52000" "$work/readme.out"' "README: January's planned budget against spend"
((readme_status == 0)) || cat "$work/readme.out"
server_survived
((failed == 0)) || tail -40 "$work/server.log"
echo "$passed passed, $failed failed"
((failed == 0))
