#!/usr/bin/env bash
# Installs alignkit.oxt into a private office profile (never the user's own), replacing
# any earlier alignkit there.  Usage: install-extension.sh <alignkit.oxt> <profile dir>
#
# unopkg refuses user installs as root, so the extension goes into a "shared" extension
# cache that lives inside the profile. Start the office with the same two settings:
#   soffice -env:UserInstallation=file://<profile> -env:UNO_SHARED_PACKAGES_CACHE=file://<profile>/shared
set -euo pipefail
[[ $# -eq 2 ]] || { echo "usage: $0 <alignkit.oxt> <profile dir>" >&2; exit 2; }
oxt=$(realpath "$1")
profile=$(realpath -m "$2")
mkdir -p "$profile/shared"
env_args=("-env:UserInstallation=file://$profile" "-env:UNO_SHARED_PACKAGES_CACHE=file://$profile/shared")
unopkg remove --shared "${env_args[@]}" org.alignkit.calc >/dev/null 2>&1 || true
unopkg add --shared --suppress-license "${env_args[@]}" "$oxt"
# Capture, then match: `unopkg list | grep -q` fails under pipefail when grep exits first (SIGPIPE).
listed=$(unopkg list --shared "${env_args[@]}" org.alignkit.calc 2>/dev/null || true)
[[ "$listed" == *"Identifier: org.alignkit.calc"* ]] \
  || { echo "install-extension: alignkit is not listed in $profile after installing" >&2; exit 1; }
echo "install-extension: alignkit installed in $profile"
