#!/bin/sh
# Runs every cmocka test binary in the folder $1; fails if any fails.
# Prints a closing "N passed, N failed" line.
dir=${1:?usage: run_core.sh DIR}
pass=0; fail=0
for t in "$dir"/test_*; do
  [ -x "$t" ] || continue
  if "$t"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAILED: $t"; fi
done
echo "core: $pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
