#!/usr/bin/env bash
# The README's test command: installs what is missing, builds, and runs every test —
# unit and service tests, the tests through a real headless LibreOffice (with the bad-input
# table), the service under load and faults; the unit and service tests again under
# AddressSanitizer + UndefinedBehaviorSanitizer; and short bounded libFuzzer runs. Prints how
# long each stage took at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
# Paths relative to the checkout: the release build the main-job test makes compiles from the ci
# preset's objects (same flags), and a later run from this one's.
export CCACHE_BASEDIR="$PWD"
# The asan and fuzz presets compile with -g, for which ccache would also hash the folder: a clone
# elsewhere (as CI makes) then misses every object and builds them anew (~8 minutes here).
export CCACHE_NOHASHDIR=true
jobs=$(nproc)
stages=()
stage() {  # stage NAME COMMAND…: runs it, and remembers how long it took
  local name=$1 began=$SECONDS
  shift
  "$@"
  stages+=("$(printf '%-22s %4d s' "$name" $((SECONDS - began)))")
}
report() {
  echo "scripts/test.sh: time by stage"
  printf '  %s\n' "${stages[@]}"
}
trap report EXIT

stage "install-deps" scripts/install-deps.sh

stage "ci: configure" cmake --preset ci
stage "ci: build" cmake --build --preset ci -j"$jobs"
stage "ci: tests" ctest --preset ci -j"$jobs"

stage "asan: configure" cmake --preset asan
stage "asan: build" cmake --build --preset asan -j"$jobs"
stage "asan: tests" ctest --preset asan -j"$jobs"

stage "fuzz: configure" cmake --preset fuzz
stage "fuzz: build" cmake --build --preset fuzz -j"$jobs"
stage "fuzz: tests" ctest --preset fuzz -j"$jobs"
