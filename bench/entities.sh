#!/bin/sh
# bench/entities.sh -- entities() throughput over the BBC News articles.
#
#   bench/entities.sh [EVAL_DIR]     (default ../shared/eval)
#
# 1. core stages: bench_stages (median of 5 runs, one core) over the
#    articles converted by ext/tools/ner_corpus.py;
# 2. end to end in SQL: the sqlite3 shell times a plain scan, tokens() and
#    entities() over the same articles loaded by bench/load_corpus.py (best of 3,
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
python3 "$here/load_corpus.py" --db "$out/bbc.db" "$eval_dir/bbc_news_raw"
bytes=$(sqlite3 "$out/bbc.db" "SELECT value FROM bench_meta WHERE key = 'bytes'")
for q in "SELECT count(*) FROM articles" "SELECT count(*) FROM articles, tokens(articles.body)" \
         "SELECT count(*) FROM articles, entities(articles.body)"; do
  best=; bestcpu=
  for i in 1 2 3; do
    t=$( { /usr/bin/time -f "%e %U %S" sqlite3 -cmd ".load $root/newsext" "$out/bbc.db" "$q" >/dev/null; } 2>&1 )
    wall=${t%% *}; cpu=$(echo "$t" | awk '{print $2 + $3}')
    if [ -z "$best" ] || [ "$(echo "$wall < $best" | bc)" = 1 ]; then best=$wall; fi
    if [ -z "$bestcpu" ] || [ "$(echo "$cpu < $bestcpu" | bc)" = 1 ]; then bestcpu=$cpu; fi
  done
  echo "{\"query\": \"$q\", \"bytes\": $bytes, \"best_of_3_wall_s\": $best, \"best_of_3_cpu_s\": $bestcpu}"
done
