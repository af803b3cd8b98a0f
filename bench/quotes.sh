#!/bin/sh
# bench/quotes.sh -- speed of quotes() against tokens() and a plain scan.
#
#   bench/quotes.sh ./newsext.so DOCS.jsonl [DB]
#
# Loads the "text" field of every line of DOCS.jsonl (e.g.
# ../shared/eval/bbc_news_raw/docs.jsonl) into a table docs(text) in DB
# (default /tmp/bench_docs.db), then runs each query 5 times through the
# sqlite3 shell and prints the median wall time and MB/s (UTF-8 bytes of
# all texts divided by the median time).  Start-up is not subtracted; it is
# a few milliseconds.
set -e
ext=${1:?usage: quotes.sh EXT DOCS.jsonl [DB]}
docs=${2:?usage: quotes.sh EXT DOCS.jsonl [DB]}
db=${3:-/tmp/bench_docs.db}
rm -f "$db"
python3 - "$docs" "$db" <<'PY'
import json, sqlite3, sys
con = sqlite3.connect(sys.argv[2])
con.execute("CREATE TABLE docs(text TEXT)")
with open(sys.argv[1], encoding="utf-8") as f:
    con.executemany("INSERT INTO docs VALUES (?)", ((json.loads(l)["text"],) for l in f if l.strip()))
con.commit()
PY
mb=$(sqlite3 "$db" "SELECT sum(length(CAST(text AS BLOB))) / 1e6 FROM docs")
echo "corpus: $(sqlite3 "$db" 'SELECT count(*) FROM docs') docs, $mb MB"
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
run scan "SELECT sum(length(text)) FROM docs"
run tokens "SELECT count(*) FROM docs, tokens(docs.text)"
run entities "SELECT count(*) FROM docs, entities(docs.text)"
run quotes "SELECT count(*) FROM docs, quotes(docs.text)"
