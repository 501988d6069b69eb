#!/usr/bin/env bash
# The README's main command: installs what is missing, builds the extension, installs it into
# a private profile (build/release/profile), and opens the sample workbooks in Calc — or, with no
# display, recalculates them headless, exports PDFs to build/release/samples and prints their key
# results, failing if any cell shows an error.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
export CCACHE_BASEDIR="$PWD"  # paths relative to the checkout: the test command's objects serve here too
cmake --preset release
cmake --build --preset release -j"$(nproc)"
scripts/install-extension.sh build/release/alignkit.oxt build/release/profile
exec /usr/bin/python3 scripts/run-samples.py --oxt build/release/alignkit.oxt \
  --profile build/release/profile --out build/release/samples "$@"
