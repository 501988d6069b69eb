# Sourced by fresh-machine-check.sh --only oxt: the built .oxt where a planner installs it. In the
# fresh root, only LibreOffice Calc (no recommends) and the team's certificate authority (what an
# administrator rolls out; ca-certificates to take it); a brand-new user adds the .oxt with unopkg,
# trusts the team's service, and converts a workbook headless (no cached results in it, so Calc
# computes every cell): three functions and a template served over HTTPS by an alignkit service
# running outside the root, on this machine's loopback. The expected figures are the contract's
# worked examples (../shared/spec/functions.md) and the sample template's own value.
# Needs: $checkout, $root, in_root(); a release build of alignkit.oxt and alignkit.

oxt="$checkout/build/release/alignkit.oxt"
service_command="$checkout/build/release/server/alignkit"
[[ -f "$oxt" && -x "$service_command" ]] || {
  echo "fresh-machine-check: build first: cmake --preset release && cmake --build --preset release" >&2; exit 2; }

service_folder=$(mktemp -d)
service_pid=""
stop_service() { [[ -z "$service_pid" ]] || kill "$service_pid" 2>/dev/null || true; rm -rf "$service_folder"; }
trap 'stop_service; cleanup' EXIT
"$service_command" store import "$checkout/samples/templates" --store "sqlite:$service_folder/store.db" > /dev/null
"$service_command" serve --port 0 --store "sqlite:$service_folder/store.db" \
  --tls-cert "$checkout/tests/data/tls/test-cert.pem" --tls-key "$checkout/tests/data/tls/test-key.pem" \
  > "$service_folder/serve.log" 2>&1 &
service_pid=$!
for _ in $(seq 100); do grep -q "listening on port" "$service_folder/serve.log" && break; sleep 0.1; done
port=$(sed -n 's/^listening on port //p' "$service_folder/serve.log")
[[ -n "$port" ]] || { cat "$service_folder/serve.log" >&2; exit 1; }
service="https://127.0.0.1:$port"
published_salary=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["people"]["annual_salary"])' \
  "$checkout/samples/templates/inside_sales.json")

t=$(seconds)
echo "fresh-machine-check: installing libreoffice-calc alone (and the team's certificate authority)"
in_root "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  libreoffice-calc ca-certificates > /var/tmp/apt.log 2>&1 || { tail -20 /var/tmp/apt.log; exit 1; }"
cp "$checkout/tests/data/tls/test-cert.pem" "$root/usr/local/share/ca-certificates/alignkit-team.crt"
in_root "update-ca-certificates > /dev/null && useradd --create-home planner"
t_install=$(($(seconds) - t))
cp "$oxt" "$root/tmp/alignkit.oxt"
cat > "$root/tmp/check.fods" <<FODS
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
 <office:body><office:spreadsheet><table:table table:name="check">
  <table:table-row><table:table-cell table:formula="of:=ORG.ALIGNKIT.CALC.FUNCTIONS.FUNNELBUDGET(100;{0.02;0.05;0.2};8/1000)"/></table:table-row>
  <table:table-row><table:table-cell table:formula="of:=ORG.ALIGNKIT.CALC.FUNCTIONS.FUNNELVOLUME(100;{0.02;0.05;0.2})"/></table:table-row>
  <table:table-row><table:table-cell table:formula="of:=ORG.ALIGNKIT.CALC.FUNCTIONS.RAMPLOSS(10000;4)"/></table:table-row>
  <table:table-row><table:table-cell table:formula="of:=ORG.ALIGNKIT.CALC.FUNCTIONS.TEMPLATEVALUE(&quot;$service/v1/templates/inside_sales&quot;;&quot;people.annual_salary&quot;)"/></table:table-row>
 </table:table></office:spreadsheet></office:body>
</office:document>
FODS
as_planner() {
  chroot --userspec=planner:planner "$root" /usr/bin/env -i HOME=/home/planner PATH=/usr/bin:/bin LANG=C.UTF-8 \
    /bin/bash -c "cd /home/planner && $1"
}
echo "fresh-machine-check: a new user adds the .oxt and computes a workbook"
t=$(seconds)
as_planner "unopkg add -s /tmp/alignkit.oxt" || status=1
# What the templates panel's Connect does: the service joins the user's trusted list.
modifications=$root/home/planner/.config/libreoffice/4/user/registrymodifications.xcu
trusted="<item oor:path=\"/org.alignkit.calc.Settings/Templates\"><prop oor:name=\"TrustedServices\" oor:op=\"fuse\"><value><it>$service</it></value></prop></item>"
if [[ -f "$modifications" ]]; then
  sed -i "s|</oor:items>|$trusted\n</oor:items>|" "$modifications"
else
  mkdir -p "$(dirname "$modifications")"
  printf '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n%s\n</oor:items>\n' "$trusted" > "$modifications"
  chroot "$root" chown -R planner:planner /home/planner/.config
fi
as_planner "soffice --headless --convert-to csv --outdir /home/planner/out /tmp/check.fods > /dev/null 2>&1" || status=1
t_office=$(($(seconds) - t))
computed=$(tr -d '\r"' < "$root/home/planner/out/check.csv" 2>/dev/null | tr '\n' ' ')
expected="4000 500000 20000 $published_salary "
if [[ "$computed" == "$expected" ]]; then
  echo "ok    FUNNEL.BUDGET, FUNNEL.VOLUME, RAMP.LOSS and a template served over HTTPS: $computed"
else
  echo "FAIL  computed [$computed], expected [$expected]"; status=1
fi
oxt_size=$(stat -c %s "$oxt")
echo "fresh-machine-check: libreoffice-calc installed in ${t_install} s; unopkg add and the workbook in ${t_office} s; alignkit.oxt is $((oxt_size / 1024)) KiB"
