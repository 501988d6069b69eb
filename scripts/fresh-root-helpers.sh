# Shared by fresh-office-check.sh and fresh-deb-check.sh (sourced by fresh-machine-check.sh).

# serve_samples [OPTION…]: the sample templates in a SQLite store of a folder of their own, served
# over HTTPS with the test certificate on this machine's loopback, with the serve OPTIONs given
# (before any, $serve_folder/users.json may be filled). Sets $served (its origin). Every service
# started so is stopped, and its folder removed, on exit.
serve_pids=()
serve_folders=()
new_serve_folder() {
  serve_folder=$(mktemp -d)
  serve_folders+=("$serve_folder")
  trap 'kill "${serve_pids[@]}" 2>/dev/null || true; rm -rf "${serve_folders[@]}"; cleanup' EXIT
}
serve_samples() {
  local command="$checkout/build/release/server/alignkit" port
  "$command" store import "$checkout/samples/templates" --store "sqlite:$serve_folder/store.db" > /dev/null
  "$command" serve --port 0 --store "sqlite:$serve_folder/store.db" "$@" \
    --tls-cert "$checkout/tests/data/tls/test-cert.pem" --tls-key "$checkout/tests/data/tls/test-key.pem" \
    > "$serve_folder/serve.log" 2>&1 &
  serve_pids+=($!)
  for _ in $(seq 100); do grep -q "listening on port" "$serve_folder/serve.log" && break; sleep 0.1; done
  port=$(sed -n 's/^listening on port //p' "$serve_folder/serve.log")
  [[ -n "$port" ]] || { cat "$serve_folder/serve.log" >&2; exit 1; }
  served="https://127.0.0.1:$port"
}

# start_team_service: the team's template service, open to read. Sets $service (its origin) and
# $published_salary (inside_sales' people.annual_salary, read from the sample file itself).
start_team_service() {
  new_serve_folder
  serve_samples
  service="$served"
  published_salary=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["people"]["annual_salary"])' \
    "$checkout/samples/templates/inside_sales.json")
}

# start_reading_service: the team's service as packaged, where reading needs a token (reading =
# token): a reader "planner" in its users file. Sets $reading_service and $planner_token.
start_reading_service() {
  new_serve_folder
  planner_token=$("$checkout/build/release/server/alignkit" users add planner --reads --users "$serve_folder/users.json" 2> /dev/null)
  serve_samples --users "$serve_folder/users.json" --reading token
  reading_service="$served"
}

# trust_team_authority: what an administrator does for a company's own certificate authority.
trust_team_authority() {
  cp "$checkout/tests/data/tls/test-cert.pem" "$root/usr/local/share/ca-certificates/alignkit-team.crt"
  in_root "update-ca-certificates > /dev/null"
}

# write_workbook FILE FORMULA…: a one-column flat ODF workbook with no cached results, so Calc
# computes every cell when it converts it.
write_workbook() {
  local file="$1" formula
  shift
  {
    echo '<?xml version="1.0" encoding="UTF-8"?>'
    echo '<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
    echo ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"'
    echo ' office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">'
    echo ' <office:body><office:spreadsheet><table:table table:name="check">'
    for formula in "$@"; do
      formula=${formula//\"/\&quot;}  # \& : bash 5.2 reads a bare & as the match
      echo "  <table:table-row><table:table-cell table:formula=\"of:=$formula\"/></table:table-row>"
    done
    echo ' </table:table></office:spreadsheet></office:body>'
    echo '</office:document>'
  } > "$file"
}

# as_user USER COMMAND: runs COMMAND in the root as USER, in their home, with a clean environment.
as_user() {
  chroot --userspec="$1:$1" "$root" /usr/bin/env -i HOME="$(awk -F: -v u="$1" '$1 == u {print $6}' "$root/etc/passwd")" \
    PATH=/usr/bin:/bin LANG=C.UTF-8 /bin/bash -c "cd ~ 2>/dev/null || cd /; $2"
}

# computed_by USER WORKBOOK: the values Calc computes in WORKBOOK (converted headless as USER),
# space-separated.
computed_by() {
  local out="/tmp/out-$1" csv
  as_user "$1" "rm -rf $out; soffice --headless --convert-to csv --outdir $out $2 > /tmp/soffice-$1.log 2>&1" || true
  csv="$root$out/$(basename "${2%.*}").csv"
  if [[ -f "$csv" ]]; then tr -d '\r"' < "$csv" | tr '\n' ' '; else echo "(no result; soffice said: $(cat "$root/tmp/soffice-$1.log"))"; fi
}

pass() { echo "ok    $1"; }
fail() { echo "FAIL  $1"; status=1; }
check() { if eval "$1"; then pass "$2"; else fail "$2"; fi; }
