#!/usr/bin/env bash
# Every function of the generated install script called with every argument by name, in a server
# of its own, against `alignkit eval` in the spreadsheet's order (named_arguments.py).
#   named_arguments_test.sh MODULE CONTROL SCRIPT ALIGNKIT
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
module=$(realpath "$1") control=$(realpath "$2") script=$(realpath "$3") alignkit=$(realpath "$4")
source "$here/extension_server.sh"
start_extension_server "$module" "$control" "$script"
psql=("$install$bindir/psql" -X -q -At -d postgres -v ON_ERROR_STOP=1)
"${psql[@]}" -c "CREATE EXTENSION alignkit"
status=0
/usr/bin/python3 "$here/named_arguments.py" "$script" "$alignkit" "${psql[@]}" || status=$?
check '((status == 0))' "every function called by name in SQL answers as in order through eval"
server_survived
echo "$passed passed, $failed failed"
((failed == 0))
