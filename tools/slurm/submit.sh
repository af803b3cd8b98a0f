#!/bin/sh
# submit.sh SHARDS RESULTS DEST [THROTTLE] -- submits newsext-array.sbatch as
# an array of one task per shard file in SHARDS (newsext-batch split), at most
# THROTTLE (default 16) at a time, and the merge into DEST after it
# (--dependency=afterok).  Prints the two job ids.  Extra sbatch options go
# in SBATCH_ARGS (e.g. "--partition=short --cpus-per-task=8").
set -eu
shards=${1:?usage: submit.sh SHARDS RESULTS DEST [THROTTLE]}
results=${2:?usage: submit.sh SHARDS RESULTS DEST [THROTTLE]}
dest=${3:?usage: submit.sh SHARDS RESULTS DEST [THROTTLE]}
throttle=${4:-16}
here=$(cd "$(dirname "$0")" && pwd)
set -- "$shards"/shard-0-of-*.db
[ -e "$1" ] || { echo "submit.sh: no shard-0-of-N.db in $shards (make them with newsext-batch split)" >&2; exit 1; }
n=${1##*-of-}; n=${n%.db}
shards=$(cd "$shards" && pwd)
mkdir -p "$results"; results=$(cd "$results" && pwd)
case $dest in /*) ;; *) dest=$(pwd)/$dest ;; esac
# shellcheck disable=SC2086
array=$(sbatch --parsable ${SBATCH_ARGS:-} --array=0-$((n - 1))%"$throttle" \
          --export=ALL,MODE=array,SHARDS="$shards",RESULTS="$results" "$here/newsext-array.sbatch")
array=${array%%;*}
# shellcheck disable=SC2086
merge=$(sbatch --parsable ${SBATCH_ARGS:-} --dependency=afterok:"$array" --job-name=newsext-merge \
          --output=newsext-merge-%j.out \
          --export=ALL,MODE=merge,RESULTS="$results",DEST="$dest" "$here/newsext-array.sbatch")
echo "array job $array ($n shards, at most $throttle at a time), merge job ${merge%%;*} -> $dest"
