# Sourced by fresh-machine-check.sh --only deb: the three Debian packages where an administrator
# installs them. In the fresh root, `apt-get install ./*.deb` alone (their dependencies come from
# Debian); then a brand-new user's Calc computes alignkit functions with no step of theirs, the
# service runs as its own user with the packaged settings file after templates were imported
# before its first start, CREATE EXTENSION alignkit answers in a PostgreSQL cluster, and purging
# the packages removes what they installed. The expected figures are the contract's worked
# examples (../shared/spec/functions.md). Needs: $checkout, $root, in_root(), seconds(),
# fresh-root-helpers.sh; a release build (the packages are made from it here).

build="$checkout/build/release"
[[ -f "$build/CMakeCache.txt" ]] || {
  echo "fresh-machine-check: build first: cmake --preset release && cmake --build --preset release" >&2; exit 2; }
mkdir -p "$root/tmp/debs"
(cd "$build" && cpack -G DEB -B "$root/tmp/debs" > "$root/tmp/debs/cpack.log" 2>&1) || { cat "$root/tmp/debs/cpack.log" >&2; exit 1; }
# A chroot has no init: daemons are started by hand below, as a packaged system's systemd would.
printf '#!/bin/sh\nexit 101\n' > "$root/usr/sbin/policy-rc.d"
chmod +x "$root/usr/sbin/policy-rc.d"

t=$(seconds)
echo "fresh-machine-check: apt-get install of the three packages alone"
in_root "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
  /tmp/debs/alignkit_*.deb /tmp/debs/libreoffice-alignkit_*.deb /tmp/debs/postgresql-15-alignkit_*.deb \
  > /var/tmp/apt.log 2>&1 || { tail -20 /var/tmp/apt.log; exit 1; }" || fail "the packages install"
t_install=$(($(seconds) - t))

# The office: a user created after the install, nothing run by them but Calc.
in_root "useradd --create-home planner"
write_workbook "$root/tmp/check.fods" \
  "ORG.ALIGNKIT.CALC.FUNCTIONS.FUNNELBUDGET(100;{0.02;0.05;0.2};8/1000)" "ORG.ALIGNKIT.CALC.FUNCTIONS.RAMPLOSS(10000;4)"
computed=$(computed_by planner /tmp/check.fods)
check '[[ "$computed" == "4000 20000 " ]]' "a new user's Calc computes FUNNEL.BUDGET and RAMP.LOSS with no step of theirs: [$computed]"
listed=$(as_user planner "unopkg list --bundled 2>/dev/null")
check 'grep -q "org.alignkit.calc" <<<"$listed" && grep -qi "is registered: yes" <<<"$listed"' "the extension (functions and deck) is registered for every user"

# The team's service, trusted for every user by the administrator (office-team.xcu and the
# company's certificate authority): the same user's next Calc start reads a served template.
start_team_service
in_root "DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ca-certificates > /dev/null 2>&1"
trust_team_authority
sed -i "s|<prop oor:name=\"TeamServices\"><value></value></prop>|<prop oor:name=\"TeamServices\"><value><it>$service</it></value></prop>|" \
  "$root/etc/alignkit/office-team.xcu"
write_workbook "$root/tmp/served.fods" \
  "ORG.ALIGNKIT.CALC.FUNCTIONS.TEMPLATEVALUE(\"$service/v1/templates/inside_sales\";\"people.annual_salary\")"
computed=$(computed_by planner /tmp/served.fods)
check '[[ "$computed" == "$published_salary " ]]' "the administrator's team service is trusted at the user's next start, over HTTPS: [$computed]"

# Where reading needs a token (the packaged reading = token): the planner's workbook is Err:502
# until they sign in as the README says — the deck's Shared templates, their token, Remember,
# Connect (driven through the office's accessibility under Xvfb, in their own profile) — and then
# follows the served template at every start, the token in the office's saved passwords.
start_reading_service
sed -i "s|<it>$service</it>|<it>$service</it><it>$reading_service</it>|" "$root/etc/alignkit/office-team.xcu"  # trusted by the administrator
write_workbook "$root/tmp/reading.fods" \
  "ORG.ALIGNKIT.CALC.FUNCTIONS.TEMPLATEVALUE(\"$reading_service/v1/templates/inside_sales\";\"people.annual_salary\")"
computed=$(computed_by planner /tmp/reading.fods)
check '[[ "$computed" == "Err:502 " ]]' "before signing in, the planner's workbook cannot read a template that needs a token: [$computed]"
in_root "DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends xvfb xauth python3-uno > /dev/null 2>&1"
mkdir -p "$root/tmp/harness/scripts" "$root/tmp/harness/tests/office"
cp "$checkout/scripts/office.py" "$root/tmp/harness/scripts/"
cp "$checkout"/tests/office/{planner_sign_in,sidebar_test,report,service_fixture,po_file}.py "$root/tmp/harness/tests/office/"
chmod -R a+rX "$root/tmp/harness"
signed_in=$(as_user planner "/usr/bin/python3 /tmp/harness/tests/office/planner_sign_in.py --service $reading_service --token $planner_token" 2>&1)
check '[[ "$signed_in" != *FAIL* && "$signed_in" == *"the planner connects"* ]]' "the planner signs in from the deck, as the README says: $(grep -E "^(ok|FAIL)" <<<"$signed_in" | tr '\n' ' ' | head -c 600)"
computed=$(computed_by planner /tmp/reading.fods)
check '[[ "$computed" == "$published_salary " ]]' "after signing in, the planner's workbook follows the served template at the next start: [$computed]"

# The service: the README's administrator runbook, run as it is written (as root, in the folder
# holding the packages, with the certificate the runbook installs; the administrator answers yes
# to apt). A chroot has no systemd: a stand-in systemctl does what the packaged units do.
in_root "DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends sudo > /dev/null 2>&1"
echo 'APT::Get::Assume-Yes "true";' > "$root/etc/apt/apt.conf.d/90-the-administrator-says-yes"
cp "$checkout/tests/data/tls/test-cert.pem" "$root/tmp/debs/cert.pem"
cp "$checkout/tests/data/tls/test-key.pem" "$root/tmp/debs/key.pem"
awk '/<!-- admin-runbook/ {found = 1; next} found && /^```bash/ {inside = 1; next} inside && /^```/ {exit} inside' \
  "$checkout/README.md" > "$root/tmp/debs/runbook.sh"
cat > "$root/usr/local/sbin/systemctl" <<'STANDIN'
#!/bin/bash
# systemd's stand-in in a chroot: what the packaged units start, as their users.
unit_value() { sed -n "s/^$2=//p" "/lib/systemd/system/$1"; }
case "$*" in
  "enable --now alignkit")  # the service, until it listens
    runuser -u "$(unit_value alignkit.service User)" -- $(unit_value alignkit.service ExecStart) > /tmp/alignkit-serve.log 2>&1 &
    for _ in $(seq 100); do grep -q "listening on port" /tmp/alignkit-serve.log && exit 0; sleep 0.1; done
    cat /tmp/alignkit-serve.log >&2; exit 1 ;;
  "reload nginx")  # nginx as its package starts it: the configuration checked, then started or reloaded
    nginx -t -q || exit 1
    if [[ -s /run/nginx.pid ]]; then nginx -s reload; else nginx; fi ;;
  "enable --now alignkit-backup.timer")  # the timer's first night: its service's command, once
    runuser -u "$(unit_value alignkit-backup.service User)" -- $(unit_value alignkit-backup.service ExecStart) ;;
  *) echo "systemctl stand-in: no '$*'" >&2; exit 1 ;;
esac
STANDIN
chmod +x "$root/usr/local/sbin/systemctl"
runbook_output=$(in_root "cd /tmp/debs && bash -e runbook.sh" 2>&1) \
  && pass "the administrator's runbook runs as written (nginx, TLS and the backup timer included)" \
  || fail "the administrator's runbook runs as written: $runbook_output"
check '[[ $(grep -c "inside_sales" <<<"$runbook_output") -ge 2 ]]' \
  "a reader's token lists the templates on loopback, and an owner's through nginx over HTTPS: $(tr '\n' ' ' <<<"$runbook_output" | cut -c1-200)"
backups=$(in_root "ls /var/backups/alignkit")
check '[[ "$backups" == alignkit-*.json ]]' "the backup timer's command wrote a dated backup: $backups"

# The owners' page, opened as an owner opens it: through the packaged nginx site, in Chromium
# (this machine's, with the page tests' npm packages), signing in with HR's token and publishing.
page_check="$root/tmp/page-check"
mkdir -p "$page_check"
cp "$checkout"/tests/page/{package.json,package-lock.json,service.mjs,through_nginx.mjs} "$page_check/"
if npm ci --prefix "$page_check" --prefer-offline --ignore-scripts --no-audit --no-fund --silent > "$page_check/npm.log" 2>&1; then
  page_output=$(node "$page_check/through_nginx.mjs" https://localhost:8443 "$(cat "$root/tmp/debs/hr.token")" inside_sales \
                  "$checkout/build/release/fresh-deb-page.png" 2>&1) \
    && pass "the owners' page through the packaged nginx site: $(grep -c '^ok' <<<"$page_output") checks (build/release/fresh-deb-page.png)" \
    || fail "the owners' page through the packaged nginx site: $page_output"
else
  fail "the page check's npm packages: $(tail -5 "$page_check/npm.log")"
fi
in_root "nginx -s quit" || true
conf_mode=$(in_root "stat -c '%a %U %G' /etc/alignkit/alignkit.conf")  # names as the root knows them
check '[[ "$conf_mode" == "640 root alignkit" ]]' "the settings file is readable by root and the service only ($conf_mode)"
users_mode=$(in_root "stat -c '%a %U %G' /etc/alignkit/users.json")
check '[[ "$users_mode" == "640 root alignkit" ]]' "the users file stays readable by the service after users add ($users_mode)"
check 'grep -q "store: SQLite" "$root/tmp/alignkit-serve.log"' "the service runs with the packaged settings and the imported store"
pkill -f "alignkit serve --config /etc/alignkit/alignkit.conf" || true  # the root's process, seen from here

# PostgreSQL: the cluster the postgresql package made, on a free port, and CREATE EXTENSION.
pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
in_root "pg_ctlcluster 15 main stop > /dev/null 2>&1 || true; sed -i 's/^port = .*/port = $pg_port/' /etc/postgresql/15/main/postgresql.conf && pg_ctlcluster 15 main start"
answer=$(as_user postgres "psql -p $pg_port -Atc 'CREATE EXTENSION alignkit' -c 'SELECT alignkit.funnel_budget(100, ARRAY[0.02,0.05,0.2], 8.0/1000)'" 2>&1)
check '[[ "$answer" == *"4000" ]]' "CREATE EXTENSION alignkit, and funnel_budget answers: $(tr '\n' ' ' <<<"$answer")"
# The README's analyst walk, as written: the packaged example to a year of plan against actual.
in_root "useradd --create-home analyst"
as_user postgres "createuser -p $pg_port -d analyst"
answer=$(as_user analyst "export PGPORT=$pg_port; cd /usr/share/doc/postgresql-15-alignkit/examples &&
  createdb analytics_sample &&
  alignkit store restore template-history.json --store 'postgresql:dbname=analytics_sample port=$pg_port' > /dev/null" 2>&1 &&
  as_user postgres "psql -p $pg_port -d analytics_sample -qc 'CREATE EXTENSION alignkit' -c 'GRANT USAGE ON SCHEMA alignkit TO analyst'" 2>&1 &&
  as_user analyst "export PGPORT=$pg_port; cd /usr/share/doc/postgresql-15-alignkit/examples &&
  psql -q -d analytics_sample -f actuals.sql -f plan_vs_actual.sql" 2>&1)
check '[[ "$answer" == *"(24 rows)"* && "$answer" == *" inside_sales           | 2026-07-01 |       3 |           47 |    49 |        5371 |"* ]]' \
  "the README's plan-against-actual example runs from the package: $(tail -c 300 <<<"$answer")"
in_root "pg_ctlcluster 15 main stop"

# Purging removes what the packages installed.
in_root "DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq alignkit libreoffice-alignkit postgresql-15-alignkit > /var/tmp/purge.log 2>&1" \
  || fail "the packages purge"
left=""
# The administrator's own files stay, as dpkg leaves any file it did not install: the certificate.
admins=$(cd "$root/etc/alignkit" 2>/dev/null && find . -type f | sort | tr '\n' ' ')
for path in /usr/bin/alignkit /usr/lib/libreoffice/share/extensions/alignkit /etc/alignkit/office-team.xcu /usr/lib/postgresql/15/lib/alignkit.so \
            /usr/share/postgresql/15/extension/alignkit.control /etc/alignkit /usr/share/alignkit /lib/systemd/system/alignkit.service \
            /etc/nginx/sites-available/alignkit; do
  [[ "$path" == /etc/alignkit && "$admins" == "./tls/cert.pem ./tls/key.pem " ]] && continue
  [[ -e "$root$path" ]] && left+=" $path"
done
check '[[ -z "$left" ]]' "purging removes what the packages installed, leaving the administrator's certificate${left:+; left:$left ($admins)}"
echo "fresh-machine-check: the packages and their dependencies installed in ${t_install} s"
