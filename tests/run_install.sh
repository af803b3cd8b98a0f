#!/bin/sh
# `make install` into a temporary prefix, `.load newsext` by name through
# LD_LIBRARY_PATH, then `make uninstall` removes it.
set -u
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
make -s --no-print-directory install PREFIX="$tmp" >/dev/null || fail=1
got=$(cd "$tmp" && LD_LIBRARY_PATH="$tmp/lib" sqlite3 :memory: '.load newsext' 'select count(*) from tokens('"'"'by name'"'"')' 2>&1)
[ "$got" = 2 ] || { echo "FAIL load by name: $got"; fail=1; }
make -s --no-print-directory uninstall PREFIX="$tmp" >/dev/null || fail=1
[ ! -e "$tmp/lib/newsext.so" ] || { echo "FAIL uninstall left the library"; fail=1; }
[ $fail -eq 0 ] && echo "install: 2 passed, 0 failed" || echo "install: failed"
exit $fail
