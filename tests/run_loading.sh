#!/bin/sh
# Loading checks for the built extension $1: it exports only its entry point,
# loads by path in the sqlite3 shell and in Python's sqlite3 module.
ext=${1:?usage: run_loading.sh PATH/TO/newsext.so}
here=$(cd "$(dirname "$0")" && pwd)
fail=0
exported=$(nm -D --defined-only "$ext" | awk '$2 ~ /^[TDBRW]$/ {print $3}' | grep -v '^_' | sort | tr '\n' ' ')
if [ "$exported" != "sqlite3_newsext_init " ]; then
  echo "FAIL exports: $exported"; fail=1
fi
got=$(printf '.load %s\nselect count(*) from tokens(%s);\n' "${ext%.so}" "'a b c'" | sqlite3 :memory: 2>&1)
[ "$got" = 3 ] || { echo "FAIL shell load: $got"; fail=1; }
py=/usr/bin/python3; [ -x "$py" ] || py=python3
"$py" "$here/python/test_load.py" "$ext" || fail=1
[ $fail -eq 0 ] && echo "loading: 3 passed, 0 failed" || echo "loading: failed"
exit $fail
