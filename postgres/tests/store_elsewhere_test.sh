#!/usr/bin/env bash
# template_value in the analyst's database for the stores an administrator has, unchanged:
#  1. the store in another database of the server (or another server): postgres_fdw's foreign
#     table, named by alignkit.store for the database, as docs/postgresql.md says;
#  2. a SQLite store: `alignkit store mirror` (the mirror timer's command) keeps a copy current
#     in the analysts' database — new versions added, a copy that differs refused.
# (The store in the analyst's own database is postgres/regress.) Each: a publish through the real
# service is read by the next statement (fdw) or after the next mirror; as of a time; the view.
#   store_elsewhere_test.sh MODULE CONTROL SCRIPT ALIGNKIT SAMPLES
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
module=$(realpath "$1") control=$(realpath "$2") script=$(realpath "$3") alignkit=$(realpath "$4") samples=$(realpath "$5")
source "$here/extension_server.sh"
start_extension_server "$module" "$control" "$script"
psql() { "$install$bindir/psql" -X -q -At -v ON_ERROR_STOP=1 "$@"; }
mkdir -p "$work/team"
"$alignkit" users add hr --owns people --users "$work/team/users.json" > "$work/team/hr.token"
salary_after() {  # the salary HR publishes, through the service on STORE, on top of version 1
  local store=$1 port
  sleep 1.1  # times are kept to the second: version 2 a second after version 1, so each has its own
  port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "$alignkit" serve --store "$store" --users "$work/team/users.json" --port "$port" > "$work/serve.log" 2>&1 &
  local pid=$!
  for _ in $(seq 100); do grep -q "listening on port" "$work/serve.log" && break; sleep 0.1; done
  "$alignkit" templates pull inside_sales --server "http://127.0.0.1:$port" | sed 's/"annual_salary": 65000/"annual_salary": 70000/' > "$work/hr.json"
  "$alignkit" templates push "$work/hr.json" --name inside_sales --base 1 --message "2027 band" \
    --server "http://127.0.0.1:$port" --token "$(cat "$work/team/hr.token")" > /dev/null
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
# What an analyst asks: the newest salary, the one as of the first version's time, the view's rows.
ask() {
  psql -d "$1" -c "SELECT alignkit.template_value('inside_sales', 'people.annual_salary')" \
       -c "SELECT alignkit.template_value('inside_sales', 'people.annual_salary', v.valid_from)
           FROM alignkit.template_versions v WHERE v.name = 'inside_sales' AND v.version = 1" \
       -c "SELECT count(*) FROM alignkit.template_versions WHERE name = 'inside_sales' AND valid_to IS NULL" | tr '\n' ' '
}

# 1. Another database: the service's store in "store", the analysts in "analytics".
psql -d postgres -c "CREATE DATABASE store" -c "CREATE DATABASE analytics"
store="postgresql:host=$PGHOST port=$PGPORT user=alignkit dbname=store"
"$alignkit" store import "$samples" --store "$store" > /dev/null
psql -d analytics <<SQL
CREATE EXTENSION alignkit;
CREATE EXTENSION postgres_fdw;
CREATE SERVER template_store FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '$PGHOST', port '$PGPORT', dbname 'store');
CREATE USER MAPPING FOR CURRENT_USER SERVER template_store OPTIONS (user 'alignkit');
CREATE SCHEMA template_store;
IMPORT FOREIGN SCHEMA public LIMIT TO (template_versions) FROM SERVER template_store INTO template_store;
ALTER DATABASE analytics SET alignkit.store = 'template_store.template_versions';
SQL
answer=$(ask analytics)
check '[[ "$answer" == "65000 65000 1 " ]]' "another database, through postgres_fdw: version 1 read ($answer)"
salary_after "$store"
answer=$(ask analytics)
check '[[ "$answer" == "70000 65000 1 " ]]' "a version published to the store is read by the next statement; as of version 1's time, 1's ($answer)"

# 2. A SQLite store, mirrored into the analysts' database.
sqlite="sqlite:$work/templates.db"
"$alignkit" store import "$samples" --store "$sqlite" > /dev/null
psql -d postgres -c "CREATE DATABASE mirrored"
psql -d mirrored -c "CREATE EXTENSION alignkit"
copy="postgresql:host=$PGHOST port=$PGPORT user=alignkit dbname=mirrored"
said=$("$alignkit" store mirror --store "$sqlite" --to "$copy")
check '[[ "$said" == "2 versions added; the copy holds every version of 2 templates as of "* ]]' "the first mirror copies every version: $said"
answer=$(ask mirrored)
check '[[ "$answer" == "65000 65000 1 " ]]' "a SQLite store, mirrored: read in the analysts' database ($answer)"
salary_after "$sqlite"
said=$("$alignkit" store mirror --store "$sqlite" --to "$copy")
check '[[ "$said" == "1 version added;"* ]]' "the next mirror adds what was published since: $said"
answer=$(ask mirrored)
check '[[ "$answer" == "70000 65000 1 " ]]' "and the analysts read it, with its history ($answer)"
said=$("$alignkit" store mirror --store "$sqlite" --to "$copy")
check '[[ "$said" == "0 versions added;"* ]]' "nothing new, nothing added: $said"
# A copy that is not the store's (another store mirrored into it) is refused, and left alone.
other="sqlite:$work/other.db"
"$alignkit" store import "$samples" --store "$other" > /dev/null
status=0
said=$("$alignkit" store mirror --store "$other" --to "$copy" 2>&1) || status=$?
check '((status == 1)) && [[ "$said" == *"the copy'"'"'s version 2 is not the store'"'"'s"* || "$said" == *"version 1 is not the store"* ]]' "a copy unlike the store is refused: $said"
answer=$(ask mirrored)
check '[[ "$answer" == "70000 65000 1 " ]]' "and left as it was ($answer)"
# How far behind the copy is: said by SQL.
answer=$(psql -d mirrored -c "SELECT alignkit.template_info('inside_sales', 'stale')")
check '[[ "$answer" == false ]]' "a copy mirrored minutes ago is not stale ($answer)"
psql -d mirrored -c "UPDATE public.alignkit_mirror SET mirrored = '2026-01-01T00:00:00Z'"
answer=$(psql -d mirrored -F ' ' -c "SELECT alignkit.template_info('inside_sales', 'stale'), alignkit.template_info('inside_sales', 'checked')")
check '[[ "$answer" == "true 2026-01-01T00:00:00Z" ]]' "a copy last mirrored long ago is stale, and says since when ($answer)"
# A version changed in the copy by hand, and a template only the copy holds: found, said, not built upon.
psql -d mirrored -c "UPDATE public.template_versions SET message = 'edited in the copy' WHERE name = 'inside_sales' AND version = 1"
status=0
said=$("$alignkit" store mirror --store "$sqlite" --to "$copy" 2>&1) || status=$?
check '((status == 1)) && [[ "$said" == *"inside_sales: the copy'"'"'s version 1 is not the store'"'"'s"* ]]' "a version changed in the copy is found: $said"
psql -d mirrored -c "UPDATE public.template_versions SET message = 'imported from inside_sales.json' WHERE name = 'inside_sales' AND version = 1"  # as the store has it
psql -d mirrored -c "INSERT INTO public.template_versions SELECT 'planted', version, author, published, message, groups_changed, approved_by, document FROM public.template_versions WHERE name = 'inside_sales' AND version = 1"
status=0
said=$("$alignkit" store mirror --store "$sqlite" --to "$copy" 2>&1) || status=$?
check '((status == 1)) && [[ "$said" == *"planted: the copy holds this template, which the store does not"* ]]' "a template only the copy holds is reported: $said"

server_survived
echo "$passed passed, $failed failed"
((failed == 0))
