#!/usr/bin/env bash
# The .oxt carries what a machine with only LibreOffice lacks: unpacked as the office unpacks it,
# its component resolves every Poco and PCRE library from the extension's own lib/ (even here,
# where the system has them too), and nothing else it needs is missing besides the office's own
# libraries. scripts/fresh-machine-check.sh --only oxt proves it on a Debian 12 with Calc alone.
#   oxt_self_contained_test.sh alignkit.oxt
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unzip -q "$1" -d "$work/ext"
failed=0
passed=0
check() { if eval "$1"; then passed=$((passed + 1)); echo "ok    $2"; else failed=$((failed + 1)); echo "FAIL  $2"; fi; }
component="$work/ext/alignkit.so"
rpath=$(readelf -d "$component" | sed -n 's/.*(RPATH).*\[\(.*\)\]/\1/p')
check '[[ "$rpath" == "\$ORIGIN/lib" ]]' "the component searches only its own lib/ (RPATH: $rpath)"
check '! readelf -d "$component" | grep -q RUNPATH' "no RUNPATH (it would not reach the bundled libraries' own dependencies)"
# The office's program folder stands in for the office that loads the component.
resolved=$(env -u LD_LIBRARY_PATH LD_LIBRARY_PATH=/usr/lib/libreoffice/program ldd "$component")
check '! grep -q "not found" <<<"$resolved"' "every library the component needs is found"
bundled=$(grep -E "^\s*(libPoco|libpcre\.so)" <<<"$resolved" || true)
check '[[ $(wc -l <<<"$bundled") -ge 8 ]]' "Poco (Foundation, Net, NetSSL, Crypto, Util, XML, JSON) and PCRE are needed: $(wc -l <<<"$bundled")"
outside=$(grep -v "$work/ext/lib/" <<<"$bundled" || true)
check '[[ -z "$outside" ]]' "each of them is the extension's own copy${outside:+: not $outside}"
for library in "$work"/ext/lib/*; do
  check 'grep -q "$(basename "$library")" <<<"$resolved"' "$(basename "$library") is shipped because it is needed"
done
# No licence to accept: `unopkg add alignkit.oxt`, as the README writes it, asks nothing.
check '! grep -q "<registration>" "$work/ext/description.xml"' "description.xml asks no one to accept a licence"
# The README says how large the extension is: within a tenth of what it is.
readme="$(dirname "$0")/../README.md"
said=$(grep -o '[0-9.]* MiB in all' "$readme" | head -1 | cut -d' ' -f1)
actual=$(stat -c %s "$1")
check 'awk -v s="$said" -v a="$actual" "BEGIN { d = s * 1048576 / a; exit !(d > 0.9 && d < 1.1) }"' \
  "the README's size (${said:-none} MiB) is the package's ($(awk -v a="$actual" 'BEGIN { printf "%.2f", a / 1048576 }') MiB)"
echo "$passed passed, $failed failed"
((failed == 0))
