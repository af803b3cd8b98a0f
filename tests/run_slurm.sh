#!/bin/bash
# Slurm test (make test-slurm; optional, not part of `make test`):
#   run_slurm.sh NEWSEXT.SO NEWSEXT-BATCH [ARTICLES.DB [SHARDS [THROTTLE]]]
#
# Brings up a private single-node Slurm on localhost -- munged, slurmctld and
# slurmd from the Debian packages (munge, slurm-wlm), with their own socket,
# ports, spool and state directories under a temporary directory -- then
# splits the articles (default: a small generated corpus) into SHARDS files
# (default 4), submits tools/slurm/newsext-array.sbatch as a job array (at
# most THROTTLE tasks at a time, default 2) and the merge job with
# --dependency=afterok (tools/slurm/submit.sh), waits, and checks that the
# merged result tables equal a one-machine newsext-batch run row for row
# (EXCEPT both ways empty, equal counts).  Stops the daemons it started.
# Needs root (the daemons) and: apt-get install munge slurm-wlm.
set -u
ext=$(cd "$(dirname "${1:?usage: run_slurm.sh NEWSEXT.SO NEWSEXT-BATCH [ARTICLES.DB [SHARDS [THROTTLE]]]}")" && pwd)/$(basename "$1")
bin=$(cd "$(dirname "${2:?usage}")" && pwd)/$(basename "$2")
articles=${3:-}
nshard=${4:-4}
throttle=${5:-2}
root=$(cd "$(dirname "$0")/.." && pwd)
for p in munged slurmctld slurmd sbatch squeue sinfo; do
  command -v $p >/dev/null || { echo "FAIL slurm: $p not found (apt-get install munge slurm-wlm)"; exit 1; }
done
[ "$(id -u)" = 0 ] || { echo "FAIL slurm: the daemons need root"; exit 1; }
tmp=$(mktemp -d /tmp/newsext-slurm.XXXXXX)
chmod 755 "$tmp"
pids=""
cleanup() {
  for p in $pids; do kill "$p" 2>/dev/null; done
  sleep 1
  for p in $pids; do kill -9 "$p" 2>/dev/null; done
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL slurm: $*"; for f in "$tmp"/log/*.log; do echo "--- $f"; tail -5 "$f"; done; exit 1; }
mkdir -p "$tmp/log" "$tmp/munge" "$tmp/spool" "$tmp/state" "$tmp/work"
chmod 700 "$tmp/munge"

# munge, on its own socket
cp /etc/munge/munge.key "$tmp/munge/key" && chmod 600 "$tmp/munge/key"
munged --force --socket="$tmp/munge/sock" --key-file="$tmp/munge/key" --pid-file="$tmp/munge/pid" \
  --log-file="$tmp/log/munged.log" --seed-file="$tmp/munge/seed" || fail "munged did not start"
pids="$pids $(cat "$tmp/munge/pid")"

# slurm.conf: this host as controller and only node, ports unlikely to be taken
host=$(hostname -s)
cpus=$(nproc)
mem=$(awk '/MemTotal/ { print int($2 / 1024 / 2) }' /proc/meminfo)
port=$((16000 + $$ % 2000))
cat > "$tmp/slurm.conf" <<EOF
ClusterName=newsexttest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$tmp/munge/sock
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/log/slurmctld.log
SlurmdLogFile=$tmp/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MpiDefault=none
SwitchType=switch/none
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$tmp/slurm.conf"
slurmctld -D -i >"$tmp/log/slurmctld.out" 2>&1 &
pids="$pids $!"
slurmd -D >"$tmp/log/slurmd.out" 2>&1 &
pids="$pids $!"
up=""
for _ in $(seq 1 60); do
  state=$(sinfo -h -o %T 2>/dev/null)
  case $state in idle*|mixed*|allocated*) up=1; break ;; esac
  sleep 1
done
[ -n "$up" ] || fail "the node did not come up (sinfo: '${state:-}')"
echo "slurm: $(sinfo -h -o '%P %D node(s) %c CPUs %T' | head -1), $(sbatch --version)"

# the corpus, a one-machine reference run, the shards
if [ -z "$articles" ]; then
  python3 "$root/bench/gen_corpus.py" --mb 0.3 --seed 3 --out "$tmp/c.jsonl" 2>/dev/null &&
    python3 "$root/bench/load_corpus.py" --db "$tmp/work/a.db" --seed 3 "$tmp/c.jsonl" 2>/dev/null ||
    fail "cannot build the test corpus"
  articles=$tmp/work/a.db
fi
cp "$articles" "$tmp/work/one.db"
"$bin" --ext "$ext" --quiet "$tmp/work/one.db" >/dev/null || fail "one-machine run failed"
"$bin" split "$articles" "$nshard" "$tmp/work/shards" || fail "split failed"

# the array and the merge
cd "$tmp/work" || exit 1
t0=$(date +%s.%N)
NEWSEXT_BATCH=$bin NEWSEXT_EXT=$ext SBATCH_ARGS="--cpus-per-task=1" \
  sh "$root/tools/slurm/submit.sh" shards results merged.db "$throttle" || fail "submit failed"
for _ in $(seq 1 1200); do
  [ -z "$(squeue -h 2>/dev/null)" ] && break
  sleep 0.5
done
t1=$(date +%s.%N)
[ -z "$(squeue -h)" ] || fail "jobs still queued: $(squeue -h)"
echo "slurm: array and merge finished in $(echo "$t1 - $t0" | bc) s; job logs:"
for f in newsext-*.out; do echo "  $f: $(tr '\n' ' ' < "$f")"; done
[ -f merged.db ] || fail "no merged.db (merge job did not run)"

r=$(sqlite3 -batch merged.db "ATTACH 'one.db' AS o;
  SELECT group_concat(x, ' ') FROM (
    SELECT 'article_entities:' || ((SELECT count(*) FROM main.article_entities) - (SELECT count(*) FROM o.article_entities))
      || '/' || (SELECT count(*) FROM (SELECT * FROM main.article_entities EXCEPT SELECT * FROM o.article_entities))
      || '/' || (SELECT count(*) FROM (SELECT * FROM o.article_entities EXCEPT SELECT * FROM main.article_entities)) AS x
    UNION ALL SELECT 'article_quotes:' || ((SELECT count(*) FROM main.article_quotes) - (SELECT count(*) FROM o.article_quotes))
      || '/' || (SELECT count(*) FROM (SELECT * FROM main.article_quotes EXCEPT SELECT * FROM o.article_quotes))
      || '/' || (SELECT count(*) FROM (SELECT * FROM o.article_quotes EXCEPT SELECT * FROM main.article_quotes))
    UNION ALL SELECT 'article_dates:' || ((SELECT count(*) FROM main.article_dates) - (SELECT count(*) FROM o.article_dates))
      || '/' || (SELECT count(*) FROM (SELECT * FROM main.article_dates EXCEPT SELECT * FROM o.article_dates))
      || '/' || (SELECT count(*) FROM (SELECT * FROM o.article_dates EXCEPT SELECT * FROM main.article_dates))
    UNION ALL SELECT 'newsext_batch_done:' || ((SELECT count(*) FROM main.newsext_batch_done) - (SELECT count(*) FROM o.newsext_batch_done))
      || '/' || (SELECT count(*) FROM (SELECT * FROM main.newsext_batch_done EXCEPT SELECT * FROM o.newsext_batch_done))
      || '/' || (SELECT count(*) FROM (SELECT * FROM o.newsext_batch_done EXCEPT SELECT * FROM main.newsext_batch_done)))")
rows=$(sqlite3 merged.db "SELECT (SELECT count(*) FROM newsext_batch_done) || ' articles, ' ||
  (SELECT count(*) FROM article_entities) || ' entity, ' || (SELECT count(*) FROM article_quotes) || ' quote, ' ||
  (SELECT count(*) FROM article_dates) || ' date rows; runs: ' ||
  (SELECT group_concat(shard || ' ' || status || ' on ' || host, ', ') FROM newsext_runs)")
echo "slurm: merged: $rows"
echo "slurm: per table count difference/rows only in merged/rows only in one-machine run: $r"
case $r in
  "article_entities:0/0/0 article_quotes:0/0/0 article_dates:0/0/0 newsext_batch_done:0/0/0")
    echo "slurm: 1 passed, 0 failed" ;;
  *) fail "merged results differ from the one-machine run" ;;
esac
