# Sourced by fresh-machine-check.sh --only upgrade: this version's alignkit package installed over
# the released 0.1.0 package, in a fresh root, as the administrator of a running team would.
# First 0.1.0's own runbook (its README, with its own command): the sample templates imported,
# two owners, a setting the administrator changed (the port), and HR publishing version 2. Then
# `apt install ./alignkit_NEW_amd64.deb`, answering apt's conffile question with its default
# (keep mine). Checks: the changed setting and the users file are as they were; the new service
# starts on the kept settings, migrates the store and serves every version as 0.1.0 wrote it;
# HR's token (issued by 0.1.0) still publishes; proposals, which 0.1.0 did not have, work on the
# migrated store. Needs: $checkout, $root, $previous (a folder holding alignkit_0.1.0_amd64.deb),
# in_root(), fresh-root-helpers.sh; a release build (the new package is made from it here).

build="$checkout/build/release"
[[ -f "$build/CMakeCache.txt" ]] || {
  echo "fresh-machine-check: build first: cmake --preset release && cmake --build --preset release" >&2; exit 2; }
old_deb=$(ls "$previous"/alignkit_0.1.0_amd64.deb 2>/dev/null) || {
  echo "fresh-machine-check: no alignkit_0.1.0_amd64.deb in $previous" >&2; exit 2; }
mkdir -p "$root/tmp/debs" "$root/tmp/previous"
cp "$old_deb" "$root/tmp/previous/"
(cd "$build" && cpack -G DEB -B "$root/tmp/debs" > "$root/tmp/debs/cpack.log" 2>&1) || { cat "$root/tmp/debs/cpack.log" >&2; exit 1; }
printf '#!/bin/sh\nexit 101\n' > "$root/usr/sbin/policy-rc.d"  # a chroot has no init
chmod +x "$root/usr/sbin/policy-rc.d"

echo "fresh-machine-check: alignkit 0.1.0 installed and run as its README says"
in_root "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq /tmp/previous/alignkit_0.1.0_amd64.deb \
  > /var/tmp/apt-0.1.0.log 2>&1 || { tail -20 /var/tmp/apt-0.1.0.log; exit 1; }" || fail "0.1.0 installs"
in_root "runuser -u alignkit -- alignkit store import /usr/share/alignkit/samples/templates --store sqlite:/var/lib/alignkit/templates.db > /dev/null"
in_root "alignkit users add hr --owns people --users /etc/alignkit/users.json > /tmp/hr.token 2> /dev/null
         alignkit users add sales --owns funnel,goals --users /etc/alignkit/users.json > /tmp/sales.token 2> /dev/null"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
in_root "sed -i 's/^port = 8080$/port = $port/' /etc/alignkit/alignkit.conf"  # the administrator's own setting
serve() {  # the packaged unit's command, as its user (no systemd in a chroot)
  in_root "runuser -u alignkit -- alignkit serve --config /etc/alignkit/alignkit.conf > /tmp/serve-$1.log 2>&1 &"
  for _ in $(seq 100); do grep -q "listening on port" "$root/tmp/serve-$1.log" 2>/dev/null && return; sleep 0.1; done
  cat "$root/tmp/serve-$1.log" >&2
}
stop_serving() { pkill -f "alignkit serve --config /etc/alignkit/alignkit.conf" || true; sleep 0.5; }
trap 'stop_serving; cleanup' EXIT
serve 0.1.0
server="--server http://127.0.0.1:$port"
in_root "alignkit templates pull inside_sales $server --token \"\$(cat /tmp/hr.token)\" > /tmp/hr.json 2> /dev/null &&
         sed -i 's/\"annual_salary\": 65000/\"annual_salary\": 70000/' /tmp/hr.json &&
         alignkit templates push /tmp/hr.json --name inside_sales --base 1 --message '2027 salary band' \
           $server --token \"\$(cat /tmp/hr.token)\" > /dev/null" || fail "0.1.0 publishes HR's version 2"
stop_serving
settings_before=$(cat "$root/etc/alignkit/alignkit.conf")
users_before=$(sha256sum < "$root/etc/alignkit/users.json")

echo "fresh-machine-check: this version's package installed over it"
in_root "DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
  /tmp/debs/alignkit_*.deb > /var/tmp/apt-upgrade.log 2>&1 || { tail -20 /var/tmp/apt-upgrade.log; exit 1; }" || fail "the package installs over 0.1.0"
new_version=$(in_root "dpkg-query -W -f='\${Version}' alignkit")
check '[[ "$new_version" != 0.1.0 ]]' "alignkit $new_version is installed over 0.1.0"
check '[[ "$(cat "$root/etc/alignkit/alignkit.conf")" == "$settings_before" ]]' "the administrator's settings file is kept (port $port)"
check '[[ "$(sha256sum < "$root/etc/alignkit/users.json")" == "$users_before" ]]' "the users file is kept"
check '[[ -f "$root/etc/alignkit/alignkit.conf.dpkg-dist" ]]' "the new settings file waits beside it (alignkit.conf.dpkg-dist), as dpkg keeps a changed conffile"
serve new
check 'grep -q "listening on port $port" "$root/tmp/serve-new.log"' "the new service starts on the kept settings: $(tail -3 "$root/tmp/serve-new.log" | tr '\n' ' ')"
read_back=$(in_root "alignkit templates pull inside_sales $server --token \"\$(cat /tmp/sales.token)\"" 2>&1)
check 'grep -q "\"annual_salary\": 70000" <<<"$read_back"' "HR's version 2, published by 0.1.0, is served"
history_after=$(in_root "alignkit templates history inside_sales $server --token \"\$(cat /tmp/hr.token)\"" 2>&1)
check 'grep -q "2027 salary band" <<<"$history_after" && grep -q "hr" <<<"$history_after"' "the history keeps 0.1.0's author and message: $(tr '\n' ' ' <<<"$history_after" | head -c 300)"
published=$(in_root "sed -i 's/\"annual_salary\": 70000/\"annual_salary\": 72000/' /tmp/hr.json &&
  alignkit templates push /tmp/hr.json --name inside_sales --base 2 --message 'after the upgrade' $server --token \"\$(cat /tmp/hr.token)\"" 2>&1)
check '[[ "$published" == *"version 3"* ]]' "a token 0.1.0 issued publishes version 3 after the upgrade: $published"
proposed=$(in_root "alignkit templates pull inside_sales $server --token \"\$(cat /tmp/sales.token)\" > /tmp/sales.json 2> /dev/null &&
  sed -i 's/\"annual_salary\": 72000/\"annual_salary\": 75000/' /tmp/sales.json &&
  alignkit templates propose /tmp/sales.json --name inside_sales --base 3 --message 'match the market' $server --token \"\$(cat /tmp/sales.token)\"" 2>&1)
check '[[ "$proposed" == "proposal 1"* ]]' "a proposal, new in this version, is kept in the migrated store: $proposed"
stop_serving
