#!/bin/sh
# bench/event_dates.sh -- end-to-end speed of event_dates() through SQL.
#
#   bench/event_dates.sh [EXTENSION] [DOCS.jsonl] [RUNS]
#
# Loads the raw articles (default: ../shared/eval/bbc_news_raw/docs.jsonl,
# BBC News) with bench/load_corpus.py into a temporary database, then times, RUNS
# times each (default 9), in one sqlite3 process per query:
#   scan     SELECT sum(length(body)) FROM articles          (reading the rows)
#   tokens   SELECT count(*) FROM articles, tokens(articles.body)
#   dates    SELECT count(*) FROM articles, event_dates(articles.body, '2005-01-01')
# and prints the median CPU seconds (user + sys, so per core and little
# disturbed by other load) and MB/s of each, where MB is the corpus text in
# bytes / 1e6.  The dates figure includes tokenizing (event_dates runs the
# tokenizer first); tokens() also pays for one SQL row per token, so it is
# not a lower bound of dates (bench_timex.c splits the stages in C).
# Each run is one sqlite3 shell process timed by its .timer (the query
# alone), so the per-connection document cache never serves a repeat.
set -e
here=$(cd "$(dirname "$0")" && pwd)
ext=${1:-$here/../newsext.so}
docs=${2:-$here/../../shared/eval/bbc_news_raw/docs.jsonl}
runs=${3:-9}
ext=$(cd "$(dirname "$ext")" && pwd)/$(basename "$ext" .so)
db=$(mktemp /tmp/newsext-bench.XXXXXX.db)
trap 'rm -f "$db"' EXIT
python3 "$here/load_corpus.py" --db "$db" "$docs" 2>/dev/null
mb=$(sqlite3 "$db" "SELECT value / 1e6 FROM bench_meta WHERE key = 'bytes'")
time_query() { # prints the median CPU time (user + sys) of RUNS runs of query $1
  i=0
  while [ $i -lt "$runs" ]; do
    printf '.load %s\n.timer on\n%s;\n' "$ext" "$1" | sqlite3 -batch "$db" |
      sed -n 's/^Run Time: real [0-9.]* user \([0-9.]*\) sys \([0-9.]*\).*/\1 \2/p' | awk '{print $1 + $2}'
    i=$((i + 1))
  done | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'
}
printf '{"corpus_mb": %s' "$mb"
for q in "scan:SELECT sum(length(body)) FROM articles" \
         "tokens:SELECT count(*) FROM articles, tokens(articles.body)" \
         "dates:SELECT count(*) FROM articles, event_dates(articles.body, '2005-01-01')"; do
  name=${q%%:*}
  s=$(time_query "${q#*:}")
  printf ', "%s_s": %s, "%s_mb_s": %s' "$name" "$s" "$name" "$(awk -v m="$mb" -v t="$s" 'BEGIN {printf "%.1f", m / t}')"
done
printf '}\n'
