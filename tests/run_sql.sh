#!/bin/sh
# SQL golden tests: runs each tests/sql/NNN-topic.sql through the sqlite3
# shell with the extension given as $1 and diffs the whole output against
# NNN-topic.expected.  $VALGRIND, when set, prefixes the sqlite3 command.
# Set UPDATE=1 to rewrite the .expected files from the actual output.
ext=${1:?usage: run_sql.sh PATH/TO/newsext.so}
ext=$(cd "$(dirname "$ext")" && pwd)/$(basename "$ext" .so)
here=$(cd "$(dirname "$0")" && pwd)
pass=0; fail=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
skip=0
for f in "$here"/sql/*.sql; do
  name=$(basename "$f" .sql)
  # big inputs take minutes under valgrind; they run plain and under ASan
  case "$name" in *-big) if [ -n "${VALGRIND:-}" ]; then skip=$((skip + 1)); continue; fi ;; esac
  exp="$here/sql/$name.expected"
  # each file starts from a fresh in-memory database; cwd = tests/sql
  (cd "$here/sql" && printf '.load %s\n.read %s\n' "$ext" "$f" | \
     $VALGRIND sqlite3 -batch :memory: >"$tmp/out" 2>&1)
  rc=$?
  if [ "${UPDATE:-0}" = 1 ]; then cp "$tmp/out" "$exp"; fi
  if [ $rc -ne 0 ] && [ $rc -ne 1 ]; then
    echo "FAIL $name: sqlite3 exited with $rc"; cat "$tmp/out" | tail -20; fail=$((fail + 1))
  elif ! diff -u "$exp" "$tmp/out" >"$tmp/diff" 2>&1; then
    echo "FAIL $name:"; cat "$tmp/diff"; fail=$((fail + 1))
  else
    pass=$((pass + 1))
  fi
done
[ "$skip" -gt 0 ] && echo "sql: skipped $skip big-input file(s) under valgrind"
echo "sql: $pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
