#!/bin/sh
# Scale-out test of newsext-batch: $1 = newsext.so, $2 = newsext-batch.
#
# On a small generated corpus (bench/gen_corpus.py), against a one-machine
# in-place run (the reference):
#   1. --shard K/3 --out rK.db for every K, then `merge`: every result table
#      equals the reference (EXCEPT both ways empty, equal counts), all
#      articles done, one newsext_runs row per shard with its shard and build;
#   2. `split SRC 4 DIR`, each shard file run with --out, merged: equal again,
#      and each shard file's articles are exactly those of --shard K/4; and
#      12 shards, more than SQLite attaches at once;
#   3. re-running a finished shard adds no row, and merging again skips what
#      was merged (nothing duplicated);
#   4. an interrupted shard (--stop-after) is refused by merge until it is
#      resumed; then the merge equals the reference (nothing lost);
#   5. merge refuses a shard overlapping DEST or another input (in
#      newsext_batch_done or newsext_batch_errors; also when DEST took a
#      newsext_batch_done without its key from a hand-made input), and results
#      of another build (model hash), and copies nothing then (one
#      transaction); an in-place run refuses to add to results of another build;
#   6. merge copies whatever columns the tables have (an added column is
#      carried; differing columns are refused);
#   7. bad --shard values and --pending with --out are usage errors;
#   8. the forms of the tables: an --out file's result tables are rowid tables
#      without any index (merge copies their records as they are), a merged
#      DEST's have an index on article, which merge --no-index leaves to the
#      next merge;
#   9. the model hash is the extension's GNU build-id as `readelf -n` prints
#      it, the same for a stripped copy (when binutils are there and the
#      linker wrote one), and a hash of the file for a copy without one.
suite=scaleout
. "$(dirname "$0")/batch_lib.sh"
run() { "$bin" --ext "$ext" --quiet -j 2 "$@"; }

"$PYTHON" "$root/bench/gen_corpus.py" --mb 0.3 --seed 11 --out "$tmp/c.jsonl" 2>/dev/null &&
  "$PYTHON" "$root/bench/load_corpus.py" --db "$tmp/a.db" --seed 11 "$tmp/c.jsonl" 2>/dev/null ||
  { echo "FAIL scaleout: cannot build the test corpus"; echo "scaleout: 0 passed, 1 failed"; exit 1; }
cp "$tmp/a.db" "$tmp/one.db"
run "$tmp/one.db" >/dev/null || bad "one-machine run failed"

# same(DB, LABEL): every result table of DB equals the reference, both ways
same() {
  r=$(sqlite3 -batch "$1" "ATTACH '$tmp/one.db' AS o;
    SELECT group_concat(x, ' ') FROM (
      SELECT ((SELECT count(*) FROM main.article_entities) - (SELECT count(*) FROM o.article_entities))
        || '/' || (SELECT count(*) FROM (SELECT * FROM main.article_entities EXCEPT SELECT * FROM o.article_entities))
        || '/' || (SELECT count(*) FROM (SELECT * FROM o.article_entities EXCEPT SELECT * FROM main.article_entities)) AS x
      UNION ALL SELECT ((SELECT count(*) FROM main.article_quotes) - (SELECT count(*) FROM o.article_quotes))
        || '/' || (SELECT count(*) FROM (SELECT * FROM main.article_quotes EXCEPT SELECT * FROM o.article_quotes))
        || '/' || (SELECT count(*) FROM (SELECT * FROM o.article_quotes EXCEPT SELECT * FROM main.article_quotes))
      UNION ALL SELECT ((SELECT count(*) FROM main.article_dates) - (SELECT count(*) FROM o.article_dates))
        || '/' || (SELECT count(*) FROM (SELECT * FROM main.article_dates EXCEPT SELECT * FROM o.article_dates))
        || '/' || (SELECT count(*) FROM (SELECT * FROM o.article_dates EXCEPT SELECT * FROM main.article_dates))
      UNION ALL SELECT ((SELECT count(*) FROM main.newsext_batch_done) - (SELECT count(*) FROM o.newsext_batch_done))
        || '/' || (SELECT count(*) FROM (SELECT * FROM main.newsext_batch_done EXCEPT SELECT * FROM o.newsext_batch_done))
        || '/' || (SELECT count(*) FROM (SELECT * FROM o.newsext_batch_done EXCEPT SELECT * FROM main.newsext_batch_done)))" 2>&1)
  if [ "$r" = "0/0/0 0/0/0 0/0/0 0/0/0" ]; then ok
  else bad "$2: differs from the one-machine run (count diff/extra/missing per table: $r)"; fi
}

# 1. --shard K/3 --out, merge
for k in 0 1 2; do run --shard $k/3 --out "$tmp/r$k.db" "$tmp/a.db" >/dev/null || bad "shard $k/3 failed"; done
"$bin" merge --quiet "$tmp/m1.db" "$tmp/r0.db" "$tmp/r1.db" "$tmp/r2.db" || bad "merge of 3 shards failed"
same "$tmp/m1.db" "--shard 0..2/3 merged"
runs=$(sqlite3 "$tmp/m1.db" "SELECT group_concat(shard || ':' || status, ' ') || ' ' || count(DISTINCT model_hash)
                              FROM (SELECT * FROM newsext_runs ORDER BY seq)")
if [ "$runs" = "0/3:done 1/3:done 2/3:done 1" ]; then ok; else bad "newsext_runs after merge: $runs"; fi
src=$(sqlite3 "$tmp/a.db" "SELECT count(*) FROM sqlite_schema WHERE name GLOB 'article_*' OR name GLOB 'newsext_*'")
if [ "$src" = 0 ]; then ok; else bad "--out wrote $src tables into the articles database"; fi

# 2. split into 4 files, run each, merge
"$bin" split --quiet "$tmp/a.db" 4 "$tmp/split" || bad "split failed"
for k in 0 1 2 3; do
  run --out "$tmp/s$k.db" "$tmp/split/shard-$k-of-4.db" >/dev/null || bad "shard file $k failed"
  d=$(sqlite3 "$tmp/a.db" "ATTACH '$tmp/split/shard-$k-of-4.db' AS s;
        SELECT (SELECT count(*) FROM (SELECT rowid, * FROM s.articles EXCEPT SELECT rowid, * FROM main.articles))
          || ' ' || (SELECT count(*) FROM s.articles)")
  run --shard $k/4 --out "$tmp/k$k.db" "$tmp/a.db" >/dev/null
  n=$(sqlite3 "$tmp/k$k.db" "SELECT count(*) FROM newsext_batch_done")
  if [ "$d" = "0 $n" ]; then ok; else bad "shard file $k: rows not in the source|count = $d, --shard $k/4 did $n"; fi
done
"$bin" merge --quiet "$tmp/m2.db" "$tmp"/s?.db || bad "merge of 4 split shards failed"
same "$tmp/m2.db" "split 4 merged"
sh=$(sqlite3 "$tmp/m2.db" "SELECT group_concat(shard, ' ') FROM (SELECT shard FROM newsext_runs ORDER BY shard)")
if [ "$sh" = "0/4 1/4 2/4 3/4" ]; then ok; else bad "shards recorded from split files: $sh"; fi

# 2b. more inputs than can be attached at once (SQLite's default: 10) merge in groups
"$bin" split --quiet "$tmp/a.db" 12 "$tmp/split12" || bad "split 12 failed"
for k in 0 1 2 3 4 5 6 7 8 9 10 11; do
  run --out "$tmp/t$k.db" "$tmp/split12/shard-$k-of-12.db" >/dev/null || bad "shard file $k of 12 failed"
done
"$bin" merge --quiet "$tmp/m12.db" "$tmp"/t*.db || bad "merge of 12 shards failed"
same "$tmp/m12.db" "split 12 merged"

# 2c. split copies every value as it is: type, empty text and blobs, NULL, numbers
sqlite3 "$tmp/v.db" "CREATE TABLE articles(id INTEGER PRIMARY KEY, body, published);
  INSERT INTO articles VALUES (1, '', X''), (2, X'00ff', NULL), (3, 'a' || char(0) || 'b', 2.5), (4, 7, '7'),
    (5, NULL, ''), (6, X'', 'x'), (7, 'Ünïcode ✓', -0.0), (8, 9223372036854775807, 1e300)"
"$bin" split --quiet "$tmp/v.db" 3 "$tmp/splitv" || bad "split of typed values failed"
v=$(sqlite3 "$tmp/v.db" "ATTACH '$tmp/splitv/shard-0-of-3.db' AS s0; ATTACH '$tmp/splitv/shard-1-of-3.db' AS s1;
  ATTACH '$tmp/splitv/shard-2-of-3.db' AS s2;
  CREATE TEMP VIEW u AS SELECT * FROM s0.articles UNION ALL SELECT * FROM s1.articles UNION ALL SELECT * FROM s2.articles;
  SELECT (SELECT count(*) FROM u) || ' ' || (SELECT count(*) FROM (
    SELECT id, typeof(body), hex(body), typeof(published), hex(published) FROM main.articles EXCEPT
    SELECT id, typeof(body), hex(body), typeof(published), hex(published) FROM u))")
if [ "$v" = "8 0" ]; then ok; else bad "split of typed values: rows|differing = $v"; fi

# 3. a finished shard run again adds nothing; merging again skips
run --shard 1/3 --out "$tmp/r1.db" "$tmp/a.db" >/dev/null || bad "rerun of shard 1/3 failed"
out=$("$bin" merge "$tmp/m1.db" "$tmp/r0.db" "$tmp/r1.db" "$tmp/r2.db" 2>&1)
case "$out" in *"3 merged before"*) ok ;; *) bad "merge again: $out" ;; esac
same "$tmp/m1.db" "merged twice"

# 4. an interrupted shard is refused until resumed
run --shard 0/2 --out "$tmp/i0.db" --chunk 3 --stop-after 2 "$tmp/a.db" >/dev/null 2>&1
rc=$?
run --shard 1/2 --out "$tmp/i1.db" "$tmp/a.db" >/dev/null
out=$("$bin" merge "$tmp/m4.db" "$tmp/i0.db" "$tmp/i1.db" 2>&1)
rcm=$?
n=$(sqlite3 "$tmp/m4.db" "SELECT count(*) FROM sqlite_schema WHERE name = 'newsext_batch_done'")
case "$rc|$rcm|$n|$out" in
  "130|1|0|"*"last run of $tmp/i0.db did not finish: interrupted"*"nothing was merged"*) ok ;;
  *) bad "interrupted shard: run rc=$rc merge rc=$rcm tables=$n: $out" ;;
esac
run --shard 0/2 --out "$tmp/i0.db" "$tmp/a.db" >/dev/null || bad "resume of shard 0/2 failed"
"$bin" merge --quiet "$tmp/m4.db" "$tmp/i0.db" "$tmp/i1.db" || bad "merge after resume failed"
same "$tmp/m4.db" "interrupted shard resumed and merged"

# 5. overlap and another build are refused, nothing copied
cp "$tmp/m1.db" "$tmp/m5.db"
before=$(sqlite3 "$tmp/m5.db" "SELECT count(*) FROM article_entities")
cp "$tmp/r2.db" "$tmp/r2copy.db"; sqlite3 "$tmp/r2copy.db" "UPDATE newsext_runs SET run = run || 'x'"
out=$("$bin" merge "$tmp/m5.db" "$tmp/r2copy.db" 2>&1); rcm=$?
case "$rcm|$out" in 1"|"*"article "*" of $tmp/r2copy.db is in $tmp/m5.db"*"shards overlap"*) ok ;; *) bad "overlap: rc=$rcm: $out" ;; esac
run --shard 0/3 --out "$tmp/x0.db" "$tmp/a.db" >/dev/null
cp "$tmp/r1.db" "$tmp/x1.db"; sqlite3 "$tmp/x1.db" "UPDATE newsext_runs SET model_hash = '0123456789abcdef'"
out=$("$bin" merge "$tmp/m6.db" "$tmp/x0.db" "$tmp/x1.db" 2>&1); rcm=$?
n=$(sqlite3 "$tmp/m6.db" "SELECT count(*) FROM sqlite_schema")
case "$rcm|$n|$out" in
  "1|0|"*"x1.db was made by newsext "*"0123456789abcdef"*"must not be mixed"*"nothing was merged"*) ok ;;
  *) bad "another build: rc=$rcm tables=$n: $out" ;;
esac
cp "$tmp/r1.db" "$tmp/r1copy.db"; sqlite3 "$tmp/r1copy.db" "UPDATE newsext_runs SET run = run || 'y'"
out=$("$bin" merge "$tmp/m8.db" "$tmp/r0.db" "$tmp/r1.db" "$tmp/r1copy.db" 2>&1); rcm=$?
n=$(sqlite3 "$tmp/m8.db" "SELECT count(*) FROM newsext_batch_done" 2>/dev/null)
case "$rcm|${n:-0}|$out" in
  "1|0|"*"of $tmp/r1copy.db is in $tmp/m8.db or an input before it"*"shards overlap"*"nothing was merged"*) ok ;;
  *) bad "two overlapping inputs: rc=$rcm, $n articles merged: $out" ;;
esac
cp "$tmp/r0.db" "$tmp/e0.db"   # an input that skipped (--on-error skip) an article another input did
sqlite3 "$tmp/e0.db" "ATTACH '$tmp/r1.db' AS o; UPDATE newsext_runs SET run = run || 'e';
  INSERT INTO newsext_batch_errors SELECT article, 'failed' FROM o.newsext_batch_done LIMIT 1"
out=$("$bin" merge "$tmp/m11.db" "$tmp/e0.db" "$tmp/r1.db" 2>&1); rcm=$?
case "$rcm|$out" in
  "1|"*"of $tmp/r1.db is in $tmp/m11.db or an input before it"*"nothing was merged"*) ok ;;
  *) bad "an article skipped in one input and done in another: rc=$rcm: $out" ;;
esac
cp "$tmp/r0.db" "$tmp/p0.db"   # an input whose newsext_batch_done has no key: DEST takes its definition
sqlite3 "$tmp/p0.db" "UPDATE newsext_runs SET run = run || 'p'; ALTER TABLE newsext_batch_done RENAME TO d0;
  CREATE TABLE newsext_batch_done(article INTEGER); INSERT INTO newsext_batch_done SELECT article FROM d0; DROP TABLE d0"
out=$("$bin" merge "$tmp/m13.db" "$tmp/p0.db" "$tmp/r0.db" 2>&1); rcm=$?
n=$(sqlite3 "$tmp/m13.db" "SELECT count(*) FROM sqlite_schema WHERE name = 'newsext_batch_done'")
case "$rcm|$n|$out" in
  "1|0|"*"of $tmp/r0.db is in $tmp/m13.db or an input before it"*"shards overlap"*"nothing was merged"*) ok ;;
  *) bad "overlap with a keyless newsext_batch_done: rc=$rcm tables=$n: $out" ;;
esac
after=$(sqlite3 "$tmp/m5.db" "SELECT count(*) FROM article_entities")
if [ "$before" = "$after" ]; then ok; else bad "refused merges changed DEST: $before -> $after rows"; fi
cp "$tmp/one.db" "$tmp/old.db"; sqlite3 "$tmp/old.db" "UPDATE newsext_runs SET model_hash = '0123456789abcdef'"
out=$(run "$tmp/old.db" 2>&1); rc=$?
case "$rc|$out" in 1"|"*"holds results of newsext"*"--reset"*) ok ;; *) bad "in-place run on another build's results: rc=$rc: $out" ;; esac

# 6. columns by schema: an added column is carried, a differing one refused
for k in 0 1 2; do
  cp "$tmp/r$k.db" "$tmp/c$k.db"
  sqlite3 "$tmp/c$k.db" "ALTER TABLE article_dates ADD COLUMN later_column TEXT; UPDATE article_dates SET later_column = 'e' || article || '.' || n"
done
"$bin" merge --quiet "$tmp/m7.db" "$tmp/c0.db" "$tmp/c1.db" "$tmp/c2.db" || bad "merge with an added column failed"
r=$(sqlite3 "$tmp/m7.db" "SELECT count(*) FROM article_dates WHERE later_column = 'e' || article || '.' || n")
n=$(sqlite3 "$tmp/one.db" "SELECT count(*) FROM article_dates")
if [ "$r" = "$n" ]; then ok; else bad "added column: $r of $n rows carried it"; fi
out=$("$bin" merge "$tmp/m7b.db" "$tmp/c0.db" "$tmp/r1.db" 2>&1); rcm=$?
case "$rcm|$out" in 1"|"*"article_dates has the columns"*"later_column"*) ok ;; *) bad "differing columns: rc=$rcm: $out" ;; esac

# 7. usage errors
for s in 3/3 -1/2 1 a/b 0/0 "1/2x"; do
  run --shard "$s" --out "$tmp/u.db" "$tmp/a.db" >/dev/null 2>"$tmp/err"
  rc=$?
  if [ $rc -eq 2 ] && grep -q "is not K/N" "$tmp/err"; then ok; else bad "--shard $s: rc=$rc"; fi
done
run --pending --out "$tmp/u.db" "$tmp/a.db" >/dev/null 2>&1
if [ $? -eq 2 ]; then ok; else bad "--pending --out accepted"; fi

# 8. table forms and article indexes
# keys(DB): the result tables whose rows an index or key finds by article
keys() { sqlite3 "$1" "SELECT count(*) FROM (SELECT DISTINCT t FROM (SELECT 'e' AS t, name FROM
  pragma_index_list('article_entities') UNION ALL SELECT 'q', name FROM pragma_index_list('article_quotes')
  UNION ALL SELECT 'd', name FROM pragma_index_list('article_dates')) i
  WHERE (SELECT name FROM pragma_index_info(i.name) WHERE seqno = 0) = 'article')"; }
f=$(sqlite3 "$tmp/r0.db" "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name GLOB 'article_*';
  SELECT count(*) FROM article_entities WHERE rowid > 0")
n=$(sqlite3 "$tmp/r0.db" "SELECT count(*) FROM article_entities")
if [ "$f" = "0
$n" ]; then ok; else bad "--out result tables: $f (indexes, rows with a rowid), $n rows"; fi
if [ "$(keys "$tmp/m1.db")" = 3 ] && [ "$(keys "$tmp/m12.db")" = 3 ]; then ok
else bad "merged DEST article indexes: $(keys "$tmp/m1.db") and $(keys "$tmp/m12.db") of 3"; fi
"$bin" merge --quiet --no-index "$tmp/m9.db" "$tmp/r0.db" "$tmp/r1.db" || bad "merge --no-index failed"
k1=$(keys "$tmp/m9.db")
"$bin" merge --quiet "$tmp/m9.db" "$tmp/r2.db" || bad "merge after --no-index failed"
if [ "$k1|$(keys "$tmp/m9.db")" = "0|3" ]; then ok; else bad "article indexes after --no-index, then merge: $k1|$(keys "$tmp/m9.db")"; fi
same "$tmp/m9.db" "merged in two steps, the first --no-index"
p=$(sqlite3 "$tmp/m1.db" "EXPLAIN QUERY PLAN SELECT * FROM article_entities WHERE article = 3")
case "$p" in *"USING INDEX article_entities_article (article=?)"*) ok ;; *) bad "look-up by article: $p" ;; esac

# 9. the model hash
sqlite3 "$tmp/e.db" "CREATE TABLE articles(id INTEGER PRIMARY KEY, body TEXT)"
hash_of() {
  rm -f "$tmp/h.db"
  "$bin" --ext "$1" --quiet -j 1 --out "$tmp/h.db" "$tmp/e.db" >/dev/null 2>&1 &&
    sqlite3 "$tmp/h.db" "SELECT model_hash FROM newsext_runs"
}
h=$(hash_of "$ext")
id=$(readelf -n "$ext" 2>/dev/null | sed -n 's/^ *Build ID: *//p')
if [ -n "$id" ] && command -v strip >/dev/null && command -v objcopy >/dev/null; then
  mkdir "$tmp/stripped" "$tmp/none" # the file keeps its name: SQLite derives the entry point from it
  strip -o "$tmp/stripped/newsext.so" "$ext" && objcopy --remove-section .note.gnu.build-id "$ext" "$tmp/none/newsext.so"
  hs=$(hash_of "$tmp/stripped/newsext.so"); hn=$(hash_of "$tmp/none/newsext.so")
  case "$h|$hs|$hn" in
    "$id|$id|"????????????????) [ "$hn" != "$h" ] && ok || bad "model hash without a build-id: $hn" ;;
    *) bad "model hash $h, of a stripped copy $hs, of a copy without a build-id $hn; build-id $id" ;;
  esac
else
  case "$h" in ????????????????*) ok ;; *) bad "model hash: '$h'" ;; esac
fi

echo "scaleout: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
