#!/bin/sh
# bench/quotes.sh -- speed of quotes() against tokens() and a plain scan.
#
#   bench/quotes.sh ./newsext.so DOCS.jsonl [DB]
#
# Loads DOCS.jsonl (e.g. ../shared/eval/bbc_news_raw/docs.jsonl) with
# bench/load_corpus.py into DB (default /tmp/bench_docs.db), then runs each
# query 5 times through the sqlite3 shell and prints the median wall time
# and MB/s (UTF-8 bytes of all texts divided by the median time).  Start-up
# is not subtracted; it is a few milliseconds.
set -e
ext=${1:?usage: quotes.sh EXT DOCS.jsonl [DB]}
docs=${2:?usage: quotes.sh EXT DOCS.jsonl [DB]}
db=${3:-/tmp/bench_docs.db}
python3 "$(dirname "$0")/load_corpus.py" --db "$db" "$docs"
mb=$(sqlite3 "$db" "SELECT value / 1e6 FROM bench_meta WHERE key = 'bytes'")
echo "corpus: $(sqlite3 "$db" 'SELECT count(*) FROM articles') docs, $mb MB"
run() {
  name=$1; sql=$2
  times=""
  for i in 1 2 3 4 5; do
    t0=$(date +%s.%N)
    sqlite3 -cmd ".load ${ext%.so}" "$db" "$sql" >/dev/null
    t1=$(date +%s.%N)
    times="$times $(echo "$t1 - $t0" | bc -l)"
  done
  med=$(echo $times | tr ' ' '\n' | sort -n | sed -n 3p)
  printf '%-10s median %.3f s  %6.1f MB/s\n' "$name" "$med" "$(echo "$mb / $med" | bc -l)"
}
run scan "SELECT sum(length(body)) FROM articles"
run tokens "SELECT count(*) FROM articles, tokens(articles.body)"
run entities "SELECT count(*) FROM articles, entities(articles.body)"
run quotes "SELECT count(*) FROM articles, quotes(articles.body)"
