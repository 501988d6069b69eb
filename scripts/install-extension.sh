#!/usr/bin/env bash
# Installs alignkit.oxt into a private office profile (never the user's own), replacing
# any earlier alignkit there.  Usage: install-extension.sh <alignkit.oxt> <profile dir>
set -euo pipefail
oxt=$(realpath "$1")
profile=$(realpath -m "$2")
mkdir -p "$profile"
env_args=("-env:UserInstallation=file://$profile")
# unopkg keeps a lock file next to the profile; a stale one from a killed run blocks it.
rm -f "$profile/user/extensions/.lock" 2>/dev/null || true
unopkg remove "${env_args[@]}" org.alignkit.calc >/dev/null 2>&1 || true
unopkg add --suppress-license "${env_args[@]}" "$oxt"
unopkg list "${env_args[@]}" org.alignkit.calc | grep -q "Identifier: org.alignkit.calc" \
  || { echo "install-extension: alignkit is not listed in $profile after installing" >&2; exit 1; }
echo "install-extension: alignkit installed in $profile"
