#!/usr/bin/env bash
# The README's test command: installs what is missing, builds, and runs every test —
# unit and service tests, the tests through a real headless LibreOffice (with the bad-input
# table), the service under load and faults; the unit and service tests again under
# AddressSanitizer + UndefinedBehaviorSanitizer; and short bounded libFuzzer runs.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
jobs=$(nproc)

cmake --preset ci
cmake --build --preset ci -j"$jobs"
ctest --preset ci -j"$jobs"

cmake --preset asan
cmake --build --preset asan -j"$jobs"
ctest --preset asan -j"$jobs"

cmake --preset fuzz
cmake --build --preset fuzz -j"$jobs"
ctest --preset fuzz -j"$jobs"
