#!/bin/sh
# bench/run.sh -- the whole benchmark, as `make bench` runs it.
#
# WHAT
#   Builds (or reuses) a corpus database, runs newsext-bench on it (each
#   function beside a plain scan, scaling 1x..8x, newsext-batch 1 vs N
#   threads, PASS/FAIL per gate), optionally the peers (chrono-node,
#   compromise), then writes results.json, RESULTS.md and chart.png into the
#   output directory.  Settings come from the environment:
#
#     BENCH_CORPUS   docs.jsonl files or directories holding one (space or
#                    comma separated); unset: a generated corpus
#     BENCH_MB       size of the generated corpus in MB (default 50)
#     BENCH_SEED     generator and shuffle seed (default 1)
#     BENCH_RUNS     runs per figure, the median is reported (default 3)
#     BENCH_THREADS  newsext-batch threads to compare with 1 (default: CPUs, >= 2)
#     BENCH_BATCH    0 skips the newsext-batch runs
#     BENCH_PEERS    1 also runs chrono-node and compromise (npm, into bench/peers/)
#     BENCH_PEERS_MB MB of the corpus the peers read (default 1; compromise is slow)
#     BENCH_OUT      output directory (default bench/out/<corpus name>)
#     BENCH_STRICT   1 makes a failed timing gate fail the run
#
# HOW
#   The corpus (generated JSONL, then the SQLite database built by
#   load_corpus.py) is cached in the output directory and rebuilt only when
#   its recipe (sources, size, seed) changes.  newsext-batch runs on a fresh
#   copy of the database (batch.db, made by the driver before every run) so
#   the measured one stays read-only.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
cd "$root"
PYTHON=${PYTHON:-python3}
EXT=${EXT:-./newsext.so}
BATCH_BIN=${BATCH_BIN:-./newsext-batch}
BENCH_BIN=${BENCH_BIN:-build/bench/newsext-bench}
MB=${BENCH_MB:-50}
SEED=${BENCH_SEED:-1}
RUNS=${BENCH_RUNS:-3}
ncpu=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)
THREADS=${BENCH_THREADS:-$ncpu}
[ "$THREADS" -ge 2 ] || THREADS=2

if [ -n "${BENCH_CORPUS:-}" ]; then
  srcs=$(echo "$BENCH_CORPUS" | tr ',' ' ')
  files=""
  for s in $srcs; do
    [ -d "$s" ] && s="$s/docs.jsonl"
    [ -f "$s" ] || { echo "bench: no such corpus file: $s" >&2; exit 1; }
    files="$files $(cd "$(dirname "$s")" && pwd)/$(basename "$s")"
  done
  name=$(for f in $files; do basename "$(dirname "$f")"; done | tr '\n' '+' | sed 's/+$//')
  recipe="corpus$files seed $SEED dedup"
else
  name="gen-${MB}mb-s$SEED"
  files=""
  recipe="generated $MB MB seed $SEED dedup"
fi
OUT=${BENCH_OUT:-bench/out/$name}
mkdir -p "$OUT"

# ---- corpus
if [ ! -f "$OUT/corpus.db" ] || [ "$(cat "$OUT/recipe" 2>/dev/null)" != "$recipe" ]; then
  rm -f "$OUT/corpus.db" "$OUT/recipe"
  if [ -z "$files" ]; then
    echo "bench: generating a $MB MB corpus (seed $SEED)"
    "$PYTHON" bench/gen_corpus.py --mb "$MB" --seed "$SEED" --out "$OUT/corpus.jsonl"
    files="$OUT/corpus.jsonl"
  fi
  # shellcheck disable=SC2086
  "$PYTHON" bench/load_corpus.py --db "$OUT/corpus.db" --seed "$SEED" $files
  echo "$recipe" >"$OUT/recipe"
fi

# ---- newsext
batch_args=""
if [ "${BENCH_BATCH:-1}" != 0 ]; then
  batch_args="--batch $BATCH_BIN --batch-db $OUT/batch.db --threads $THREADS"
fi
strict=""
[ "${BENCH_STRICT:-0}" = 1 ] && strict="--strict"
rc=0
# shellcheck disable=SC2086
"$BENCH_BIN" --db "$OUT/corpus.db" --ext "$EXT" --runs "$RUNS" --json "$OUT/results.json" \
  $batch_args $strict | tee "$OUT/report.txt" || rc=$?
rm -f "$OUT/batch.db" "$OUT/batch.db-wal" "$OUT/batch.db-shm"
[ -f "$OUT/results.json" ] || exit 1

# ---- peers
rm -f "$OUT/peers.json"
if [ "${BENCH_PEERS:-0}" = 1 ]; then
  bench/peers.sh "$OUT/corpus.db" "${BENCH_PEERS_MB:-1}" "$RUNS" "$OUT/peers.json" || \
    echo "bench: peers skipped (see bench/peers/npm.log)"
fi

# ---- report and chart
rm -f "$OUT/chart.png"
"$PYTHON" bench/report.py "$OUT" >"$OUT/RESULTS.md"   # also writes the .dat files
if [ -f "$OUT/peers.json" ]; then "$PYTHON" bench/report.py --peers "$OUT"; fi
if command -v gnuplot >/dev/null 2>&1; then
  if gnuplot -e "dir='$OUT'" bench/chart.gp; then
    "$PYTHON" bench/report.py "$OUT" >"$OUT/RESULTS.md"   # now with the chart
  fi
else
  echo "bench: gnuplot not installed, no chart (make bench-deps installs it)"
fi
echo "bench: results in $OUT (results.json, RESULTS.md, report.txt)"
exit $rc
