#!/bin/sh
# newsext-batch test: $1 = newsext.so, $2 = newsext-batch.
#
# Builds a small articles database with bench/gen_corpus.py, then:
#   1. a run cut short after 2 commits (--stop-after, as a crash would) must
#      exit 130 having committed some but not all articles;
#   2. a run interrupted by SIGINT must exit 0 or 130 (it may finish first);
#   3. a resumed run with other threads and chunk size must finish (exit 0);
#   4. every result table must equal the direct SQL computation
#      (SELECT a.id, x.rowid, x.* FROM articles a, F(a.body) x), both ways,
#      with equal counts, no duplicate (article, n) and every article done;
#   5. a further run finds nothing to do and changes nothing;
#   6. every result table is keyed on (article, n);
#   7. after sql/materialize.sql's triggers, writes from a connection without
#      newsext, then --pending and the script's refresh keep the tables equal
#      to the direct computation, and an article changed while it was being
#      computed stays queued for the next run;
#   8. custom table/column names (--table/--id/--body/--ref) work;
#   9. a missing extension is reported by the path given;
#  10. bad input (unknown table or column, ids that are not integers, numbers
#      that do not parse) is refused before the database is touched;
#  11. a second run on the same database while one runs is refused clearly;
#  12. an article whose analysis fails stops the run with its id (default) or,
#      with --on-error skip, is recorded in newsext_batch_errors while the
#      rest are done, with exit status 3; a rerun retries it.
suite=batch
. "$(dirname "$0")/batch_lib.sh"
q() { sqlite3 -batch "$tmp/t.db" "$@"; }
qx() { sqlite3 -batch -cmd ".load ${ext%.so}" "$tmp/t.db" "$@"; }

"$PYTHON" "$root/bench/gen_corpus.py" --mb 0.4 --seed 7 --out "$tmp/c.jsonl" 2>/dev/null &&
  "$PYTHON" "$root/bench/load_corpus.py" --db "$tmp/t.db" --seed 7 "$tmp/c.jsonl" 2>/dev/null ||
  { echo "FAIL batch: cannot build the test corpus"; echo "batch: 0 passed, 1 failed"; exit 1; }
total=$(q "SELECT count(*) FROM articles")

# 1. simulated crash after 2 commits
"$bin" --ext "$ext" --quiet -j 2 --chunk 5 --stop-after 2 "$tmp/t.db" >/dev/null 2>"$tmp/err"
rc=$?
done1=$(q "SELECT count(*) FROM newsext_batch_done")
if [ $rc -eq 130 ] && [ "$done1" -gt 0 ] && [ "$done1" -lt "$total" ]; then ok
else bad "stop-after: rc=$rc, $done1 of $total done"; cat "$tmp/err"; fi

# 2. SIGINT while running (one thread, tiny chunks, so it is usually mid-way)
"$bin" --ext "$ext" --quiet -j 1 --chunk 1 "$tmp/t.db" >/dev/null 2>"$tmp/err" &
pid=$!
sleep 0.3
kill -INT $pid 2>/dev/null
wait $pid
rc=$?
if [ $rc -eq 130 ] || [ $rc -eq 0 ]; then ok; else bad "SIGINT: rc=$rc"; cat "$tmp/err"; fi

# 3. resume with other settings
"$bin" --ext "$ext" --quiet -j 3 --chunk 7 "$tmp/t.db" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 0 ]; then ok; else bad "resume: rc=$rc"; cat "$tmp/err"; fi

# 4. results equal the direct computation
check_tables() {   # $1 = label
  for spec in "article_entities|entities(a.body)" "article_quotes|quotes(a.body)" \
              "article_dates|event_dates(a.body, a.published)"; do
    t=${spec%%|*} f=${spec#*|}
    direct="SELECT a.id, x.rowid, x.* FROM articles a, $f x"
    r=$(qx "SELECT (SELECT count(*) FROM $t) = (SELECT count(*) FROM ($direct)),
                   (SELECT count(*) FROM ($direct EXCEPT SELECT * FROM $t)),
                   (SELECT count(*) FROM (SELECT * FROM $t EXCEPT $direct)),
                   (SELECT count(*) FROM (SELECT article, n FROM $t GROUP BY 1, 2 HAVING count(*) > 1))")
    if [ "$r" = "1|0|0|0" ]; then ok; else bad "$1: $t differs from $f (equal count|missing|extra|dups: $r)"; fi
  done
  d=$(q "SELECT count(*) FROM newsext_batch_done")
  if [ "$d" = "$total" ]; then ok; else bad "$1: $d of $total articles done"; fi
}
check_tables "after resume"
rows=$(q "SELECT (SELECT count(*) FROM article_entities) || ' ' || (SELECT count(*) FROM article_quotes) || ' ' || (SELECT count(*) FROM article_dates)")

# 5. nothing left to do
"$bin" --ext "$ext" --quiet -j 2 "$tmp/t.db" >/dev/null 2>"$tmp/err"
rc=$?
rows2=$(q "SELECT (SELECT count(*) FROM article_entities) || ' ' || (SELECT count(*) FROM article_quotes) || ' ' || (SELECT count(*) FROM article_dates)")
if [ $rc -eq 0 ] && [ "$rows" = "$rows2" ]; then ok; else bad "rerun: rc=$rc rows $rows -> $rows2"; fi
check_tables "after a rerun"

# 6. every result table is keyed on (article, n): a lookup by article is a
#    key search (no index built at the end) and a duplicate row is refused
for t in article_entities article_quotes article_dates; do
  plan=$(q "EXPLAIN QUERY PLAN SELECT * FROM $t WHERE article = 3")
  dup=$(q "INSERT INTO $t(article, n) SELECT article, n FROM $t LIMIT 1" 2>&1)
  case "$plan|$dup" in
    *"USING PRIMARY KEY (article=?)"*"|"*"UNIQUE constraint failed"*) ok ;;
    *) bad "$t key: plan '$plan', duplicate insert '$dup'" ;;
  esac
done

# 7. kept current: the triggers of sql/materialize.sql on the batch's tables,
#    then inserts, updates and deletes from a connection WITHOUT newsext (they
#    must not fail), then `--pending` (only the queue), then the script's own
#    refresh: each time the tables equal the direct computation, i.e. a fresh
#    full run, and the queue is empty
t_setup=$(qx ".read $root/sql/materialize.sql" "SELECT count(*) FROM newsext_pending" 2>&1)
if [ "$t_setup" = 0 ]; then ok; else bad "materialize.sql after a batch run: '$t_setup'"; fi
write_plain() {   # $1 = a different body suffix each time
  q "INSERT INTO articles(doc_id, body, published) VALUES ('new', 'Acme Corp. said on Monday that Jane Roe would lead it. \"We grow,\" Roe said.', '2021-03-04');
     INSERT INTO articles(doc_id, body, published) SELECT doc_id, body, published FROM articles WHERE id IN (3, 4);
     UPDATE articles SET body = body || ' Officials in Lyon said on Friday the plant would close$1.' WHERE id IN (5, 6);
     UPDATE articles SET published = '2019-12-31' WHERE id = 7;
     UPDATE articles SET doc_id = 'renamed' WHERE id = 8;
     DELETE FROM articles WHERE id IN (9, 10);
     UPDATE articles SET id = 100000 WHERE id = 11;" 2>&1
}
out=$(write_plain "")
if [ -z "$out" ]; then ok; else bad "writes without newsext failed: $out"; fi
queued=$(q "SELECT count(*) FROM newsext_pending")
"$bin" --ext "$ext" --quiet -j 2 --pending "$tmp/t.db" >/dev/null 2>"$tmp/err"
rc=$?
if [ $rc -eq 0 ] && [ "$queued" -ge 9 ]; then ok; else bad "--pending: rc=$rc, $queued queued"; cat "$tmp/err"; fi
total=$(q "SELECT count(*) FROM articles")
check_tables "after --pending"
p=$(q "SELECT count(*) FROM newsext_pending")
if [ "$p" = 0 ]; then ok; else bad "--pending left $p queued"; fi
out=$(write_plain " again")
qx ".read $root/sql/materialize.sql" >/dev/null 2>"$tmp/err" || { bad "refresh by materialize.sql"; cat "$tmp/err"; }
total=$(q "SELECT count(*) FROM articles")
check_tables "after the SQL refresh"
p=$(q "SELECT count(*) FROM newsext_pending")
if [ -z "$out" ] && [ "$p" = 0 ]; then ok; else bad "SQL refresh: writes '$out', $p left queued"; fi

# 7b. an article changed while it was being computed stays queued: a test
#     trigger bumps its seq as its progress row is written (as a write
#     between the worker's read and the commit would)
q "UPDATE articles SET body = body || ' More.' WHERE id = 12;
   CREATE TRIGGER bump AFTER INSERT ON newsext_batch_done WHEN new.article = 12 BEGIN
     UPDATE newsext_pending SET seq = seq + 1 WHERE article = 12; END;"
"$bin" --ext "$ext" --quiet -j 1 --pending "$tmp/t.db" >/dev/null 2>"$tmp/err"
still=$(q "SELECT group_concat(article) FROM newsext_pending")
q "DROP TRIGGER bump"
"$bin" --ext "$ext" --quiet -j 1 --pending "$tmp/t.db" >/dev/null 2>"$tmp/err"
after=$(q "SELECT count(*) FROM newsext_pending")
if [ "$still" = 12 ] && [ "$after" = 0 ]; then ok; else bad "changed while computed: queued '$still', then $after"; fi
check_tables "after a change during the run"

# 8. other names: news(nid, txt, day), only part of the ids
q "CREATE TABLE news(nid INTEGER PRIMARY KEY, txt TEXT, day TEXT);
   INSERT INTO news SELECT id * 10, body, published FROM articles WHERE id <= 20;"
"$bin" --ext "$ext" --quiet --table news --id nid --body txt --ref day --from 50 --to 150 --reset "$tmp/t.db" \
  >/dev/null 2>"$tmp/err"
rc=$?
r=$(qx "SELECT (SELECT count(*) FROM newsext_batch_done) = (SELECT count(*) FROM news WHERE nid BETWEEN 50 AND 150),
               (SELECT min(article) >= 50 AND max(article) <= 150 FROM newsext_batch_done),
               (SELECT count(*) FROM (SELECT n.nid, x.rowid, x.* FROM news n, event_dates(n.txt, n.day) x
                                      WHERE n.nid BETWEEN 50 AND 150 EXCEPT SELECT * FROM article_dates))")
if [ $rc -eq 0 ] && [ "$r" = "1|1|0" ]; then ok; else bad "custom names: rc=$rc ($r)"; cat "$tmp/err"; fi

# 9. a missing extension is named as given (not "./newsext.so.so"), before any work
err=$("$bin" --quiet --ext "$tmp/missing/newsext.so" "$tmp/t.db" 2>&1)
case "$err" in
  *"cannot load the extension $tmp/missing/newsext.so: No such file"*) ok ;;
  *) bad "missing extension: '$err'" ;;
esac

# 10. bad input is refused before anything is written: exit 2 (usage) for
#    options, 1 for the database, a message naming the problem, and the file
#    byte for byte as it was (no WAL switch, no result tables)
cp "$tmp/t.db" "$tmp/v.db"
q "CREATE TABLE textids(id TEXT, body TEXT); INSERT INTO textids VALUES ('a1', 'Ana Lopez spoke.'), (NULL, 'Bo left.');
   CREATE TABLE realids(id REAL, body TEXT); INSERT INTO realids VALUES (1.5, 'Ana Lopez spoke.'), (1.7, 'Bo left.');
   CREATE TABLE dupids(id INTEGER, body TEXT); INSERT INTO dupids VALUES (4, 'Ana Lopez spoke.'), (4, 'Bo left.');
   CREATE TABLE norowid(id INTEGER PRIMARY KEY, body TEXT) WITHOUT ROWID;
   INSERT INTO norowid VALUES (1, 'Ana Lopez spoke.');
   CREATE VIEW someview AS SELECT id, body FROM textids;"
sum0=$(cksum <"$tmp/t.db")
refuse() {   # $1 = expected exit status, $2 = pattern expected in stderr, then options
  want=$1 pat=$2; shift 2
  "$bin" --ext "$ext" --quiet "$@" "$tmp/t.db" >/dev/null 2>"$tmp/err"
  rc=$?
  if [ $rc -eq "$want" ] && grep -q -- "$pat" "$tmp/err" && [ "$(cksum <"$tmp/t.db")" = "$sum0" ] &&
     [ ! -e "$tmp/t.db-wal" ]; then ok
  else bad "refuse $*: rc=$rc (want $want, '$pat'): $(cat "$tmp/err")"; fi
}
rm -f "$tmp/t.db-wal" "$tmp/t.db-shm"
q "PRAGMA journal_mode=DELETE" >/dev/null; sum0=$(cksum <"$tmp/t.db")
refuse 1 "no column nosuch in table articles" --body nosuch
refuse 1 "no column nosuch in table articles" --ref nosuch
refuse 1 "no column nosuch in table articles" --id nosuch
refuse 1 "no table nosuch" --table nosuch
refuse 1 "textids.id holds 'a1'.*not an integer.*--id rowid" --table textids --id id
refuse 1 "realids.id holds 1.5.*not an integer" --table realids --id id
refuse 1 "dupids.id holds 4 twice" --table dupids --id id
refuse 1 "norowid has no rowid" --table norowid
refuse 1 "someview has no rowid" --table someview
refuse 2 "--from: 'abc' is not an integer" --from abc
refuse 2 "--to: '12x' is not an integer" --to 12x
refuse 2 "--chunk: '99999999999' is not an integer from 1 to" --chunk 99999999999
refuse 2 "--threads: '0' is not an integer from 1 to" -j 0
refuse 2 "--on-error: 'maybe' is not skip or stop" --on-error maybe
: >"$tmp/empty.db"
"$bin" --ext "$ext" --quiet "$tmp/empty.db" >/dev/null 2>"$tmp/err"
rc=$?
if [ $rc -eq 1 ] && grep -q "no table articles" "$tmp/err" && [ ! -s "$tmp/empty.db" ]; then ok
else bad "empty file: rc=$rc size $(wc -c <"$tmp/empty.db"): $(cat "$tmp/err")"; fi
# text ids are fine with --id rowid (the documented way), keyed by rowid
"$bin" --ext "$ext" --quiet --table textids --id rowid --reset "$tmp/t.db" >/dev/null 2>"$tmp/err"
rc=$?
r=$(q "SELECT group_concat(article) FROM (SELECT article FROM newsext_batch_done ORDER BY 1)")
if [ $rc -eq 0 ] && [ "$r" = "1,2" ]; then ok; else bad "text ids with --id rowid: rc=$rc ($r)"; cat "$tmp/err"; fi

# 11. one run at a time: a second run is refused while the lock is held
#    (flock(1) holds it as a running newsext-batch does), and two runs
#    started together never fail with a UNIQUE error
#    The holder says when it has the lock and keeps it until told to let go,
#    so the check does not depend on how fast a loaded machine starts it.
rm -f "$tmp/locked" "$tmp/release"
flock -n "$tmp/t.db" sh -c ': >"$1"; while [ ! -e "$2" ]; do sleep 0.05; done' \
  holder "$tmp/locked" "$tmp/release" &
lockpid=$!
i=0
while [ ! -e "$tmp/locked" ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i + 1)); done
"$bin" --ext "$ext" --quiet --reset "$tmp/t.db" >/dev/null 2>"$tmp/err"
rc=$?
: >"$tmp/release"
wait $lockpid
if [ -e "$tmp/locked" ] && [ $rc -eq 1 ] && grep -q "another newsext-batch run is using" "$tmp/err"; then ok
else bad "second run under a held lock: rc=$rc: $(cat "$tmp/err")"; fi
"$bin" --ext "$ext" --quiet --reset --to 0 "$tmp/t.db" >/dev/null 2>"$tmp/err" || bad "reset: $(cat "$tmp/err")"
"$bin" --ext "$ext" --quiet -j 1 --chunk 1 "$tmp/t.db" >/dev/null 2>"$tmp/err1" &
p1=$!
"$bin" --ext "$ext" --quiet -j 1 --chunk 1 "$tmp/t.db" >/dev/null 2>"$tmp/err2"
rc2=$?
wait $p1; rc1=$?
if { [ $rc1 -eq 0 ] || grep -q "another newsext-batch run" "$tmp/err1"; } &&
   { [ $rc2 -eq 0 ] || grep -q "another newsext-batch run" "$tmp/err2"; } &&
   ! grep -q UNIQUE "$tmp/err1" "$tmp/err2"; then ok
else bad "two runs together: rc $rc1 $rc2: $(cat "$tmp/err1" "$tmp/err2")"; fi
"$bin" --ext "$ext" --quiet "$tmp/t.db" >/dev/null 2>"$tmp/err" || bad "finishing run: $(cat "$tmp/err")"
check_tables "after two runs together"

# 12. an article that cannot be analysed: 3 has a BLOB body, 5 a reference
#     date that is no date
q "DROP TABLE IF EXISTS newsext_batch_errors;
   UPDATE articles SET body = CAST(body AS BLOB) WHERE id = 3;
   UPDATE articles SET published = 'some day in spring' WHERE id = 5;"
"$bin" --ext "$ext" --quiet --reset -j 2 --chunk 4 "$tmp/t.db" >/dev/null 2>"$tmp/err"
rc=$?
if [ $rc -eq 1 ] && grep -Eq "article (3|5): (entities|quotes|event_dates): " "$tmp/err"; then ok
else bad "on-error stop: rc=$rc: $(cat "$tmp/err")"; fi
"$bin" --ext "$ext" --quiet --reset --on-error skip -j 2 --chunk 4 "$tmp/t.db" >/dev/null 2>"$tmp/err"
rc=$?
r=$(q "SELECT group_concat(article || ':' || (error LIKE '%expected text, got a blob%' OR error LIKE '%is not a date%'), ' ')
       FROM (SELECT * FROM newsext_batch_errors ORDER BY article)")
d=$(q "SELECT count(*), sum(article IN (3, 5)) FROM newsext_batch_done")
x=$(q "SELECT count(*) FROM (SELECT article FROM article_entities UNION ALL SELECT article FROM article_quotes
       UNION ALL SELECT article FROM article_dates) WHERE article IN (3, 5)")
if [ $rc -eq 3 ] && [ "$r" = "3:1 5:1" ] && [ "$d" = "$((total - 2))|0" ] && [ "$x" = 0 ] &&
   grep -q "2 articles skipped" "$tmp/err"; then ok
else bad "on-error skip: rc=$rc errors '$r' done '$d' rows of skipped $x: $(cat "$tmp/err")"; fi
# fix one; a rerun retries both, does the fixed one and keeps the other's error
q "UPDATE articles SET body = CAST(body AS TEXT) WHERE id = 3;"
"$bin" --ext "$ext" --quiet --on-error skip "$tmp/t.db" >/dev/null 2>"$tmp/err"
rc=$?
r=$(q "SELECT group_concat(article) FROM newsext_batch_errors")
d=$(q "SELECT count(*), sum(article = 3) FROM newsext_batch_done")
if [ $rc -eq 3 ] && [ "$r" = "5" ] && [ "$d" = "$((total - 1))|1" ] && grep -q "1 article skipped" "$tmp/err"; then ok
else bad "retry: rc=$rc errors '$r' done '$d': $(cat "$tmp/err")"; fi
q "UPDATE articles SET published = '2020-03-01' WHERE id = 5;"
"$bin" --ext "$ext" --quiet --on-error skip "$tmp/t.db" >/dev/null 2>"$tmp/err"
rc=$?
r=$(q "SELECT count(*) FROM newsext_batch_errors")
if [ $rc -eq 0 ] && [ "$r" = 0 ]; then ok; else bad "all fixed: rc=$rc, $r errors left: $(cat "$tmp/err")"; fi
check_tables "after skipped articles were fixed"

echo "batch: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
