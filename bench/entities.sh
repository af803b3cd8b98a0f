#!/bin/sh
# bench/entities.sh -- entities() throughput over the BBC News articles.
#
#   bench/entities.sh [EVAL_DIR]     (default ../shared/eval)
#
# 1. core stages: bench_stages (median of 5 runs, one core) over the
#    articles converted by ext/tools/ner_corpus.py;
# 2. end to end in SQL: the sqlite3 shell times a plain scan, tokens() and
#    entities() over a docs table built from the same articles (best of 3,
#    wall and user+system CPU seconds; the scan time is the start-up and I/O
#    to subtract).  CPU seconds are the steadier figure on a shared machine.
# Prints JSON lines; bench/entities-results.json holds the committed run.
set -e
eval_dir=${1:-../shared/eval}
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out=${BUILD:-$root/build}/bench
mkdir -p "$out"
python3 "$root/ext/tools/ner_corpus.py" "$eval_dir/bbc_news_raw/docs.jsonl" - all "$out/bbc.txt" 2>/dev/null
cc -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -I"$root/ext/core" -o "$out/bench_stages" \
  "$here/bench_stages.c" "$root/build/plain/libnewscore.a" $(pkg-config --libs libutf8proc)
"$out/bench_stages" "$out/bbc.txt" 5
rm -f "$out/bbc.db"
python3 - "$eval_dir/bbc_news_raw/docs.jsonl" "$out/bbc.db" <<'PY'
import json, sqlite3, sys
c = sqlite3.connect(sys.argv[2])
c.execute("CREATE TABLE docs(id TEXT, text TEXT)")
with open(sys.argv[1], encoding="utf-8") as f:
    c.executemany("INSERT INTO docs VALUES(?, ?)", ((d["id"], d["text"]) for d in map(json.loads, f)))
c.commit()
PY
bytes=$(sqlite3 "$out/bbc.db" "SELECT sum(length(CAST(text AS BLOB))) FROM docs")
for q in "SELECT count(*) FROM docs" "SELECT count(*) FROM docs, tokens(docs.text)" \
         "SELECT count(*) FROM docs, entities(docs.text)"; do
  best=; bestcpu=
  for i in 1 2 3; do
    t=$( { /usr/bin/time -f "%e %U %S" sqlite3 -cmd ".load $root/newsext" "$out/bbc.db" "$q" >/dev/null; } 2>&1 )
    wall=${t%% *}; cpu=$(echo "$t" | awk '{print $2 + $3}')
    if [ -z "$best" ] || [ "$(echo "$wall < $best" | bc)" = 1 ]; then best=$wall; fi
    if [ -z "$bestcpu" ] || [ "$(echo "$cpu < $bestcpu" | bc)" = 1 ]; then bestcpu=$cpu; fi
  done
  echo "{\"query\": \"$q\", \"bytes\": $bytes, \"best_of_3_wall_s\": $best, \"best_of_3_cpu_s\": $bestcpu}"
done
