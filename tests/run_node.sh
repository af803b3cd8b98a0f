#!/bin/sh
# node's better-sqlite3 (version 12) loads the extension $1.  better-sqlite3
# is installed on first use into tests/node/node_modules (ignored by git);
# without node or npm the test is skipped with a message.
ext=${1:?usage: run_node.sh PATH/TO/newsext.so}
here=$(cd "$(dirname "$0")" && pwd)/node
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "node: skipped (node or npm not installed)"; exit 0
fi
if [ ! -d "$here/node_modules/better-sqlite3" ]; then
  echo "node: installing better-sqlite3@12 into tests/node (once)"
  if ! (cd "$here" && timeout 900 npm install --no-audit --no-fund --no-save better-sqlite3@12 >npm.log 2>&1); then
    echo "node: skipped (npm install failed; see tests/node/npm.log)"; exit 0
  fi
fi
node "$here/test_load.js" "$ext"
