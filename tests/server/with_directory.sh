#!/usr/bin/env bash
# Runs a command beside a company directory of its own: Debian's slapd with a fresh database in a
# temporary folder (tests/data/directory/company.ldif: alice owns HR's group, bob reads, carol is in
# none), LDAPS with the tests' certificate on 127.0.0.1 (and on 127.0.0.2, which the certificate
# does not name), plain LDAP on 127.0.0.1; free ports; stopped and removed afterwards.
# The command gets ALIGNKIT_TEST_LDAP_URL (ldaps://127.0.0.1:PORT), _WRONG_NAME_URL, _PLAIN_URL,
# _CA, _BASE, _GROUPS, _ADMIN_DN and _ADMIN_PASSWORD (to change the directory mid-test).
#   with_directory.sh COMMAND [ARG...]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
slapd=$(command -v slapd || echo /usr/sbin/slapd)
slapadd=$(command -v slapadd || echo /usr/sbin/slapadd)
[[ -x "$slapd" ]] || { echo "with_directory: slapd is not installed (Debian packages slapd, ldap-utils)" >&2; exit 1; }
work=$(mktemp -d /tmp/alignkit-ldap.XXXXXX)
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
plain_port=$(free_port)
tls_port=$(free_port)
stop() {
  [[ -f "$work/slapd.pid" ]] && kill "$(cat "$work/slapd.pid")" 2>/dev/null || true
  for _ in $(seq 50); do [[ -f "$work/slapd.pid" ]] || break; sleep 0.1; done
  rm -rf "$work"
}
trap stop EXIT
mkdir -p "$work/db"
cp "$here/data/tls/test-cert.pem" "$here/data/tls/test-key.pem" "$work/"
admin_password="admin-secret-0"
cat >"$work/slapd.conf" <<CONF
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
pidfile $work/slapd.pid
modulepath /usr/lib/ldap
moduleload back_mdb
TLSCertificateFile $work/test-cert.pem
TLSCertificateKeyFile $work/test-key.pem
database mdb
maxsize 10485760
suffix "dc=example,dc=com"
rootdn "cn=admin,dc=example,dc=com"
rootpw $admin_password
directory $work/db
access to attrs=userPassword by self write by anonymous auth by * none
access to * by * read
CONF
"$slapadd" -f "$work/slapd.conf" -l "$here/data/directory/company.ldif" >"$work/slapadd.log" 2>&1 \
  || { cat "$work/slapadd.log" >&2; exit 1; }
"$slapd" -f "$work/slapd.conf" \
  -h "ldap://127.0.0.1:$plain_port/ ldaps://127.0.0.1:$tls_port/ ldaps://127.0.0.2:$tls_port/" 2>"$work/slapd.log" \
  || { cat "$work/slapd.log" >&2; exit 1; }
for _ in $(seq 100); do
  ldapsearch -x -H "ldap://127.0.0.1:$plain_port" -b "" -s base >/dev/null 2>&1 && break
  sleep 0.1
done
export ALIGNKIT_TEST_LDAP_URL="ldaps://127.0.0.1:$tls_port"
export ALIGNKIT_TEST_LDAP_WRONG_NAME_URL="ldaps://127.0.0.2:$tls_port"
export ALIGNKIT_TEST_LDAP_PLAIN_URL="ldap://127.0.0.1:$plain_port"
export ALIGNKIT_TEST_LDAP_CA="$work/test-cert.pem"
export ALIGNKIT_TEST_LDAP_BASE="ou=people,dc=example,dc=com"
export ALIGNKIT_TEST_LDAP_GROUPS="ou=groups,dc=example,dc=com"
export ALIGNKIT_TEST_LDAP_ADMIN_DN="cn=admin,dc=example,dc=com"
export ALIGNKIT_TEST_LDAP_ADMIN_PASSWORD="$admin_password"
"$@"
