#!/usr/bin/env bash
# Installs what alignkit needs from Debian 12's packages, only what is missing; safe to run twice.
set -euo pipefail

packages=(
  cmake g++ make pkg-config zip unzip
  ccache                                              # presets that share flags share compiled objects
  dpkg-dev file                                       # dpkg-shlibdeps and file: the .deb's dependencies (cpack)
  lintian                                             # the packages' check against Debian policy (package test)
  help2man                                            # the manual page alignkit(1), from the command's --help
  libreoffice-calc libreoffice-core libreoffice-dev   # the office, its SDK (cppumaker, unoidl-write, headers)
  libreoffice-base libreoffice-sdbc-postgresql      # a database registered in the office, its PostgreSQL driver
  libreoffice-l10n-de libreoffice-l10n-fr libreoffice-l10n-es   # the office in the languages alignkit speaks
  gettext                                             # xgettext, msgcmp, msgfmt: the translations (po/)
  python3-uno                                         # test tooling that drives the real office
  libpoco-dev libpq-dev nlohmann-json3-dev doctest-dev   # Poco with Data (SQLite, PostgreSQL), NetSSL, Crypto
  libldap-dev                                         # company sign-in: OpenLDAP's client library
  slapd ldap-utils                                    # a real directory in the sign-in tests (slapd, ldapadd)
  postgresql                                          # the template service's shared store, in its tests
  postgresql-server-dev-15                            # the PostgreSQL extension: server headers, pg_config, pg_regress
  xvfb xauth x11-apps netpbm                          # a display for GUI tests, and screenshots of it
  poppler-utils                                       # pdftoppm: look at exported samples as pictures
  wrk                                                 # load tests and bench/server_load.sh, on loopback
  nginx                                               # the service as deployed behind it (server/behind-nginx)
  clang clang-14 libclang-rt-14-dev                   # libFuzzer targets (the fuzz preset builds with clang++)
  chromium                                            # the owners' page in a real browser (tests/page)
)
# Node.js and npm run the page's tests (puppeteer-core, axe-core, from npm into the build tree).
# Any Node.js from 18 on serves: Debian's, or one already installed some other way.
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$package")
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: everything is installed"
  exit 0
fi

sudo=()
if ((EUID != 0)); then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
echo "install-deps: installing ${missing[*]}"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
