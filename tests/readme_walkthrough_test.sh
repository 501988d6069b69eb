#!/usr/bin/env bash
# Runs the README's "Run a template service for your team" walkthrough exactly as written, in a
# scratch copy of what it needs (the samples, and the built command where the README says it is),
# on a free port instead of 8080.
#   readme_walkthrough_test.sh ALIGNKIT_BINARY
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
binary=$(realpath "$1")
work=$(mktemp -d)
trap 'pkill -f "alignkit serve --store sqlite:team/templates.db" 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$work/build/release/server"
ln -s "$binary" "$work/build/release/server/alignkit"
cp -r "$repo/samples" "$work/samples"
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# The fenced block after the walkthrough marker.
awk '/readme-walkthrough/ {found=1; next} found && /^```bash/ {inside=1; next} inside && /^```/ {exit} inside' \
  "$repo/README.md" | sed "s/8080/$port/g" > "$work/walkthrough.sh"
[[ -s "$work/walkthrough.sh" ]] || { echo "FAIL  no walkthrough block in README.md"; exit 1; }
cd "$work"
if bash -e -x walkthrough.sh > walkthrough.log 2>&1; then ran=1; else ran=0; fi
passed=0; failed=0
check() { if eval "$1"; then passed=$((passed + 1)); echo "ok    $2"; else failed=$((failed + 1)); echo "FAIL  $2"; fi; }
check '((ran == 1))' "the walkthrough runs to the end with every step as the README says"
check 'grep -q "published inside_sales version 2 (changed: people)" walkthrough.log' "HR publishes its group"
check 'grep -q "sales does not own the group people" walkthrough.log' "Sales' write to HR's group is refused"
check 'grep -q "published inside_sales version 3 (changed: funnel)" walkthrough.log' "Sales publishes its group"
check 'grep -q "hr does not own the group funnel" walkthrough.log' "HR's write to Sales' group is refused"
check 'grep -q "people.annual_salary: 65000 -> 70000" walkthrough.log' "the diff shows HR's change"
((ran == 1)) || tail -30 walkthrough.log
echo "$passed passed, $failed failed"
((failed == 0))
