# Sourced by fresh-machine-check.sh --only oxt: the built .oxt where a planner installs it. In the
# fresh root, only LibreOffice Calc (no recommends) and the team's certificate authority (what an
# administrator rolls out; ca-certificates to take it); a brand-new user adds the .oxt with unopkg,
# trusts the team's service, and converts a workbook headless (no cached results in it, so Calc
# computes every cell): three functions and a template served over HTTPS by an alignkit service
# running outside the root, on this machine's loopback. The expected figures are the contract's
# worked examples (../shared/spec/functions.md) and the sample template's own value.
# Needs: $checkout, $root, in_root(), seconds(), fresh-root-helpers.sh; a release build.

oxt="$checkout/build/release/alignkit.oxt"
[[ -f "$oxt" && -x "$checkout/build/release/server/alignkit" ]] || {
  echo "fresh-machine-check: build first: cmake --preset release && cmake --build --preset release" >&2; exit 2; }
start_team_service

t=$(seconds)
echo "fresh-machine-check: installing libreoffice-calc alone (and the team's certificate authority)"
in_root "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  libreoffice-calc ca-certificates > /var/tmp/apt.log 2>&1 || { tail -20 /var/tmp/apt.log; exit 1; }"
trust_team_authority
in_root "useradd --create-home planner"
t_install=$(($(seconds) - t))
cp "$oxt" "$root/tmp/alignkit.oxt"
write_workbook "$root/tmp/check.fods" \
  "ORG.ALIGNKIT.CALC.FUNCTIONS.FUNNELBUDGET(100;{0.02;0.05;0.2};8/1000)" \
  "ORG.ALIGNKIT.CALC.FUNCTIONS.FUNNELVOLUME(100;{0.02;0.05;0.2})" \
  "ORG.ALIGNKIT.CALC.FUNCTIONS.RAMPLOSS(10000;4)" \
  "ORG.ALIGNKIT.CALC.FUNCTIONS.TEMPLATEVALUE(\"$service/v1/templates/inside_sales\";\"people.annual_salary\")"

echo "fresh-machine-check: a new user adds the .oxt and computes a workbook"
t=$(seconds)
as_user planner "unopkg add -s /tmp/alignkit.oxt" || fail "unopkg add"
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
computed=$(computed_by planner /tmp/check.fods)
t_office=$(($(seconds) - t))
check '[[ "$computed" == "4000 500000 20000 $published_salary " ]]' \
  "FUNNEL.BUDGET, FUNNEL.VOLUME, RAMP.LOSS and a template served over HTTPS: [$computed]"
echo "fresh-machine-check: libreoffice-calc installed in ${t_install} s; unopkg add and the workbook in ${t_office} s; alignkit.oxt is $(($(stat -c %s "$oxt") / 1024)) KiB"
