#!/bin/sh
# bench/peers.sh DB MB RUNS OUT.json -- the BENCH_PEERS=1 part of the bench.
# Installs chrono-node and compromise with npm into bench/peers/ (ignored by
# git; once), exports the first MB megabytes of DB's articles (rowid order,
# i.e. the same shuffled mix the bench measures) to JSONL beside OUT.json,
# and runs bench/peers.js over them.
set -eu
db=$1 mb=$2 runs=$3 out=$4
here=$(cd "$(dirname "$0")" && pwd)
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || {
  echo "peers: node or npm not installed"; exit 1; }
mkdir -p "$here/peers"
if [ ! -d "$here/peers/node_modules/chrono-node" ] || [ ! -d "$here/peers/node_modules/compromise" ]; then
  echo "peers: npm install chrono-node@2 compromise@14 into bench/peers (once)"
  [ -f "$here/peers/package.json" ] || echo '{"name": "newsext-bench-peers", "private": true}' >"$here/peers/package.json"
  (cd "$here/peers" && timeout 900 npm install --no-audit --no-fund chrono-node@2 compromise@14 >npm.log 2>&1) || {
    echo "peers: npm install failed (bench/peers/npm.log)"; exit 1; }
fi
jsonl=$(dirname "$out")/peers.jsonl
"${PYTHON:-python3}" - "$db" "$mb" "$jsonl" <<'PY'
import json, sqlite3, sys
db, mb, out = sys.argv[1], float(sys.argv[2]), sys.argv[3]
limit, n = mb * 1e6, 0
with open(out, "w", encoding="utf-8") as f:
    for body, dct in sqlite3.connect(db).execute("SELECT body, published FROM articles ORDER BY id"):
        if n >= limit:
            break
        f.write(json.dumps({"text": body, "dct": dct}, ensure_ascii=False) + "\n")
        n += len(body.encode("utf-8"))
PY
node "$here/peers.js" "$jsonl" "$runs" "$out"
