#!/usr/bin/env bash
# Builds the Debian packages (cpack) in a build tree and checks them as an admin would use them:
# lintian finds no error and no warning (the manual page alignkit(1) comes from --help); the service package's dependencies, systemd unit, settings file
# kept across upgrades and readable by root and the service only, the service's user; the office
# package's unpacked extension on Debian's Poco; the PostgreSQL package's files. Then runs the
# packaged command with the packaged settings file (store and users moved to a temporary folder
# on the command line) and asks it for its health over HTTP. scripts/fresh-machine-check.sh
# --only deb installs them in a fresh Debian 12.
#   package_test.sh BUILD_DIR
set -euo pipefail
build=$(realpath "$1")
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
server=""
(cd "$build" && cpack -G DEB -B "$work/out" > "$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; exit 1; }
deb=$(ls "$work"/out/alignkit_*.deb)
office_deb=$(ls "$work"/out/libreoffice-alignkit_*.deb)
postgres_deb=$(ls "$work"/out/postgresql-15-alignkit_*.deb 2>/dev/null || true)
failed=0
passed=0
check() { if eval "$1"; then passed=$((passed + 1)); echo "ok    $2"; else failed=$((failed + 1)); echo "FAIL  $2"; fi; }
lint=$(lintian "$work"/out/*.deb 2>&1 | grep -v "running with root privileges" || true)
errors=$(grep "^E:" <<<"$lint" || true)
check '[[ -z "$errors" ]]' "lintian finds no error${errors:+: $(tr '\n' ' ' <<<"$errors")}"
check '[[ -z "$(grep "^W:" <<<"$lint")" ]]' "lintian warns of nothing${lint:+: $(grep "^W:" <<<"$lint" | tr '\n' ' ')}"
office_files=$(dpkg-deb -c "$office_deb" | awk '{print $6}')
extension=./usr/lib/libreoffice/share/extensions/alignkit
check '[[ "$(dpkg-deb -f "$office_deb" Depends)" == *"libreoffice-calc (>= 1:7.4)"*"libpoconetssl80"* ]]' "the office package depends on Calc 7.4 and Debian's Poco"
check 'grep -qx "$extension/alignkit.so" <<<"$office_files" && grep -qx "$extension/CalcAddIns.xcu" <<<"$office_files" && grep -qx "$extension/Sidebar.xcu" <<<"$office_files"' "it installs the extension unpacked for every user (component, functions, deck)"
check '! grep -q "$extension/lib/" <<<"$office_files"' "without the .oxt's copies of Poco"
check '[[ -z "$postgres_deb" ]] || dpkg-deb -c "$postgres_deb" | grep -q "postgresql/15/extension/alignkit.control"' "the PostgreSQL package installs the extension's control file"
check '[[ -z "$postgres_deb" ]] || [[ $(dpkg-deb -c "$postgres_deb" | grep -c "usr/share/doc/postgresql-15-alignkit/\(postgresql\|sql-reference\).md") == 2 ]]' "and the analyst's manual and function reference"
check '[[ -z "$postgres_deb" ]] || [[ $(dpkg-deb -c "$postgres_deb" | grep -c "usr/share/doc/postgresql-15-alignkit/examples/\(actuals.sql\|plan_vs_actual.sql\|template-history.json\)") == 3 ]]' "and the plan-vs-actual sample"
info=$(dpkg-deb -I "$deb")
files=$(dpkg-deb -c "$deb" | awk '{print $6}')
check '[[ "$info" == *"Package: alignkit"* ]]' "named alignkit"
# One version, set once (project() in CMakeLists.txt), everywhere it is said.
version=$(dpkg-deb -f "$deb" Version)
project_version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
check '[[ "$version" == "$project_version" ]]' "the package's version is the project's ($version)"
check '[[ "$(dpkg-deb -f "$office_deb" Version)" == "$version" && ( -z "$postgres_deb" || "$(dpkg-deb -f "$postgres_deb" Version)" == "$version" ) ]]' "the office and PostgreSQL packages say $version too"
check 'grep -q "<version value=\"$version\"/>" "$build/addin/oxt/description.xml"' "the extension's description.xml says $version"
check '[[ ! -f "$build/postgres/alignkit.control" ]] || grep -q "default_version = '"'"'$version'"'"'" "$build/postgres/alignkit.control"' "the PostgreSQL control file says $version"
check '[[ "$info" == *"libpocodatasqlite80"* && "$info" == *"libpocodatapostgresql80"* && "$info" == *"libpoconetssl80"* ]]' "depends on Poco's Data, SQLite, PostgreSQL and NetSSL libraries"
check '[[ "$files" == *"./usr/bin/alignkit"* ]]' "ships the alignkit command"
check '[[ "$files" == *"systemd/system/alignkit.service"* ]]' "ships a systemd unit"
check '[[ "$files" == *"./etc/alignkit/alignkit.conf"* ]]' "ships the settings file"
check '[[ "$files" == *"systemd/system/alignkit-backup.service"* && "$files" == *"systemd/system/alignkit-backup.timer"* ]]' "ships the backup timer and its service"
check '[[ "$files" == *"systemd/system/alignkit-mirror.service"* && "$files" == *"systemd/system/alignkit-mirror.timer"* ]]' "ships the mirror timer (the analysts' copy) and its service"
check '[[ "$files" == *"./usr/share/man/man1/alignkit.1.gz"* ]]' "ships the manual page alignkit(1)"
check '[[ "$files" == *"./usr/share/alignkit/page/index.html"* && "$files" == *"./usr/share/alignkit/nginx-limits.sed"* ]]' "ships the owners' page and nginx's limits"
dpkg-deb -e "$deb" "$work/control"
check 'grep -qx /etc/alignkit/alignkit.conf "$work/control/conffiles"' "the settings file is a conffile (kept on upgrade)"
check 'grep -qx /etc/nginx/sites-available/alignkit "$work/control/conffiles"' "ships nginx's site for the service as a conffile (enabled by the admin)"
check 'grep -q "adduser --system" "$work/control/postinst"' "postinst makes the service's own user"
check 'grep -q "chmod 0640 /etc/alignkit/alignkit.conf" "$work/control/postinst"' "postinst makes the settings file readable by root and the service only"
check 'grep -q "rm -f /etc/alignkit/users.json" "$work/control/postrm"' "purging removes the users file postinst made"
dpkg-deb -x "$deb" "$work/root"
check 'grep -q "ExecStart=/usr/bin/alignkit serve --config /etc/alignkit/alignkit.conf" "$work/root/usr/lib/systemd/system/alignkit.service"' "the unit runs the service with the settings file"
"$work/root/usr/bin/alignkit" users add admin --owns '*' --users "$work/users.json" > "$work/token" 2>/dev/null
"$work/root/usr/bin/alignkit" serve --config "$work/root/etc/alignkit/alignkit.conf" --port 0 \
  --store "sqlite:$work/templates.db" --users "$work/users.json" > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do grep -q "listening on port" "$work/serve.log" && break; sleep 0.1; done
port=$(sed -n 's/^listening on port //p' "$work/serve.log")
health=$(/usr/bin/python3 -c "import urllib.request,sys; print(urllib.request.urlopen('http://127.0.0.1:$port/v1/health').read().decode())" 2>&1 || true)
check '[[ "$health" == *"\"ok\""* ]]' "the packaged command serves with the packaged settings: $health"
check '[[ "$health" == *"\"version\":\"$version\""* ]]' "its health answer says version $version"
check '[[ "$("$work/root/usr/bin/alignkit" --version)" == "alignkit $version" ]]' "alignkit --version says $version"
check 'grep -q "store: SQLite" "$work/serve.log"' "it opened the store"
status() {  # the HTTP status of GET PATH [TOKEN]
  /usr/bin/python3 - "$port" "$1" "${2:-}" <<'PY'
import sys, urllib.request, urllib.error
request = urllib.request.Request(f"http://127.0.0.1:{sys.argv[1]}{sys.argv[2]}")
if sys.argv[3]: request.add_header("Authorization", "Bearer " + sys.argv[3])
try: print(urllib.request.urlopen(request).status)
except urllib.error.HTTPError as e: print(e.code)
PY
}
check '[[ "$(status /v1/templates)" == 401 ]]' "the packaged settings let no one read templates without a token"
check '[[ "$(status /v1/templates "$(cat "$work/token")")" == 200 ]]' "a user's token reads them"
# The backup timer's service, its command exactly as packaged, with the settings moved to a
# temporary folder: three runs keep the newest two, and the newest restores into an empty store
# version by version equal to the store it was made from.
unit="$work/root/usr/lib/systemd/system/alignkit-backup.service"
check 'grep -q "^Type=oneshot" "$unit" && grep -q "^User=alignkit" "$unit" && grep -q "^OnCalendar=daily" "${unit%.service}.timer" && ! grep -q "systemctl enable" "$work/control/postinst"' "the backup runs daily as the service's user, off until the administrator enables it"
command=$(sed -n 's/^ExecStart=//p' "$unit")
check '[[ "$command" == "/usr/bin/alignkit store backup --config /etc/alignkit/alignkit.conf" ]]' "the backup service runs: $command"
sed -e "s|^store = .*|store = sqlite:$work/templates.db|" -e "s|^backup-folder = .*|backup-folder = $work/backups|" \
    -e "s|^backup-keep = .*|backup-keep = 2|" "$work/root/etc/alignkit/alignkit.conf" > "$work/backup.conf"
mkdir -m 0700 "$work/backups"
"$work/root/usr/bin/alignkit" store import "$work/root/usr/share/alignkit/samples/templates" --store "sqlite:$work/templates.db" > /dev/null
run_backup=${command/\/usr\/bin\/alignkit/$work/root/usr/bin/alignkit}
run_backup=${run_backup/\/etc\/alignkit\/alignkit.conf/$work/backup.conf}
for _ in 1 2 3; do
  $run_backup > /dev/null
  sleep 1.1  # a backup's name says its second
done
backups=$(ls "$work/backups" | wc -l)
check '[[ "$backups" == 2 ]]' "three runs of the packaged command keep the newest $backups (backup-keep = 2)"
newest=$(ls "$work/backups" | sort | tail -1)
"$work/root/usr/bin/alignkit" store restore "$work/backups/$newest" --store "sqlite:$work/restored.db" > /dev/null
"$work/root/usr/bin/alignkit" store backup "$work/original.json" --store "sqlite:$work/templates.db" > /dev/null
"$work/root/usr/bin/alignkit" store backup "$work/again.json" --store "sqlite:$work/restored.db" > /dev/null
check 'cmp -s "$work/original.json" "$work/again.json"' "the newest backup restores into an empty store version by version equal"
echo "$passed passed, $failed failed"
((failed == 0))
