#!/usr/bin/env bash
# Runs a command beside a PostgreSQL server of its own: a fresh data folder in a temporary
# directory, a free port on 127.0.0.1, trust authentication (loopback only), stopped and removed
# afterwards. The command gets ALIGNKIT_TEST_POSTGRES, a store spec for `alignkit serve --store`.
#   with_postgres.sh COMMAND [ARG...]
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[[ -x "$bin/initdb" ]] || { echo "with_postgres: PostgreSQL is not installed (Debian package postgresql)" >&2; exit 1; }
work=$(mktemp -d /tmp/alignkit-pg.XXXXXX)
as_owner=()
if ((EUID == 0)); then  # PostgreSQL refuses to run as root: run it as the package's own user
  chown postgres "$work"
  as_owner=(runuser -u postgres --)
fi
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
stop() {
  "${as_owner[@]}" "$bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap stop EXIT
"${as_owner[@]}" "$bin/initdb" -D "$work/data" -U alignkit --auth=trust -E UTF8 >"$work/initdb.log" 2>&1 \
  || { cat "$work/initdb.log" >&2; exit 1; }
"${as_owner[@]}" "$bin/pg_ctl" -D "$work/data" -l "$work/server.log" -w -t 60 \
  -o "-p $port -k $work -c listen_addresses=127.0.0.1 -c fsync=on" start >/dev/null \
  || { cat "$work/server.log" >&2; exit 1; }
export ALIGNKIT_TEST_POSTGRES="postgresql:host=127.0.0.1 port=$port user=alignkit dbname=postgres"
"$@"
