#!/usr/bin/env bash
# Runs the README's main command exactly as a new user would — `scripts/run.sh`, with relative
# paths inside, started from another working directory, no display, CI=true — and checks that
# it exits 0, writes a PDF of every sample and prints their key results.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
elsewhere=$(mktemp -d)
trap 'rm -rf "$elsewhere"' EXIT
rm -rf "$repo/build/release/samples"  # never judge a stale PDF
cd "$elsewhere"
log="$elsewhere/run.log"
if ! env -u DISPLAY CI=true "$repo/scripts/run.sh" > "$log" 2>&1; then
  tail -40 "$log"; echo "main job: scripts/run.sh failed"; exit 1
fi
failed=0
for sample in "$repo"/samples/*.fods; do
  pdf="$repo/build/release/samples/$(basename "$sample" .fods).pdf"
  if [[ -s "$pdf" ]] && grep -q "$(basename "$sample"): OK" "$log"; then
    echo "ok    $(basename "$pdf")"
  else
    echo "FAIL  $(basename "$sample"): no PDF or not OK"; failed=$((failed + 1))
  fi
done
grep -q "cost per departure" "$log" || { echo "FAIL  key results not printed"; failed=$((failed + 1)); }
grep -q "All samples recalculated without errors." "$log" || { echo "FAIL  closing line missing"; failed=$((failed + 1)); }
samples=("$repo"/samples/*.fods)
echo "$((${#samples[@]} + 2 - failed)) passed, $failed failed"
((failed == 0))
