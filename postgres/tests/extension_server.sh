# Sourced: a PostgreSQL server of its own with alignkit installed, for tests and benchmarks.
#  - a private installation, as PostgreSQL's own `make check` makes one: its binaries copied, the
#    rest linked, and alignkit's module, control file and script installed into it (PostgreSQL
#    finds $libdir and its extension folder relative to its own binary);
#  - a fresh data folder, a free port, a unix socket only (no TCP), stopped and removed on exit;
#  - after use, server_survived checks that the postmaster's PID is the one it started with and
#    that its log never says a backend was terminated by a signal.
# Sets PGHOST, PGPORT, PGUSER (exported), and work, install, bindir, as_owner for the caller.
#   source extension_server.sh; start_extension_server MODULE CONTROL SCRIPT [SERVER OPTION...]

pg_config=$(command -v pg_config) || { echo "pg_config missing (postgresql-server-dev-15)" >&2; exit 1; }
bindir=$("$pg_config" --bindir) pkglibdir=$("$pg_config" --pkglibdir) sharedir=$("$pg_config" --sharedir)
work=$(mktemp -d /tmp/alignkit-postgres.XXXXXX)
chmod 755 "$work"
install="$work/install"
as_owner=()
if ((EUID == 0)); then as_owner=(runuser -u postgres --); fi  # PostgreSQL refuses to run as root
on_exit=()
stop_extension_server() {
  local command
  for command in "${on_exit[@]}"; do eval "$command" || true; done
  "${as_owner[@]}" "$install$bindir/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  [[ -n "${KEEP_WORK:-}" ]] || rm -rf "$work"
}
trap stop_extension_server EXIT

start_extension_server() {
  local module=$1 control=$2 script=$3 f
  shift 3
  mkdir -p "$install$bindir" "$install$pkglibdir" "$install$sharedir/extension"
  cp -a "$bindir/." "$install$bindir/"  # copies: a link would lead PostgreSQL back to the system's folders
  for f in "$pkglibdir"/*; do ln -s "$f" "$install$pkglibdir/"; done
  for f in "$sharedir"/*; do [[ "$(basename "$f")" == extension ]] || ln -s "$f" "$install$sharedir/"; done
  for f in "$sharedir"/extension/*; do ln -s "$f" "$install$sharedir/extension/"; done
  cp "$module" "$install$pkglibdir/alignkit.so"
  cp "$control" "$script" "$install$sharedir/extension/"
  [[ ${#as_owner[@]} -eq 0 ]] || chown -R postgres "$work"
  PGPORT=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "${as_owner[@]}" "$install$bindir/initdb" -D "$work/data" -U alignkit --auth=trust -E UTF8 --locale=C.UTF-8 \
    >"$work/initdb.log" 2>&1 || { cat "$work/initdb.log" >&2; return 1; }
  "${as_owner[@]}" "$install$bindir/pg_ctl" -D "$work/data" -l "$work/server.log" -w -t 60 \
    -o "-p $PGPORT -k $work -c listen_addresses= -c lc_messages=C $*" start >/dev/null \
    || { cat "$work/server.log" >&2; return 1; }
  postmaster_pid=$(head -1 "$work/data/postmaster.pid")
  export PGHOST="$work" PGPORT PGUSER=alignkit
}

# Prints "ok"/"FAIL" lines and counts them in passed / failed.
passed=0 failed=0
check() { if eval "$1"; then passed=$((passed + 1)); echo "ok    $2"; else failed=$((failed + 1)); echo "FAIL  $2"; fi; }

server_survived() {
  check '[[ "$(head -1 "$work/data/postmaster.pid")" == "$postmaster_pid" ]]' "the postmaster is the one that started (PID $postmaster_pid)"
  check '! grep -q "terminated by signal" "$work/server.log"' "no backend was terminated by a signal"
  check '! grep -q "server process .* was terminated" "$work/server.log"' "no server process ended abnormally"
  check '! grep -qi "TRAP:\|PANIC" "$work/server.log"' "no assertion or panic in the server log"
}
