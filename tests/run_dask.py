#!/usr/bin/env python3
"""Dask driver test (tools/newsext_dask.py): run_dask.py NEWSEXT.SO NEWSEXT-BATCH

On a small generated corpus, with distributed.LocalCluster(n_workers=2,
processes=True) on loopback, the merged result tables equal a one-machine
newsext-batch run row for row (EXCEPT both ways empty, equal counts):
  1. one articles database, split into 4 shards by the driver, shipped by path;
  2. the same shard files given as a list, shipped as bytes;
  3. a worker process killed (SIGKILL) while it runs a shard: the lost task
     runs again and nothing is lost or duplicated, and the killed task's
     temporary directory is removed (by the next task on the machine);
  4. a shard that fails (no such extension) raises with newsext-batch's
     message after its retries, and nothing of it is merged.
Needs python3-distributed; a Python without it re-runs this under
/usr/bin/python3.
"""
import logging
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import newsext_dask  # noqa: E402

newsext_dask.need_distributed(__file__, "FAIL dask: needs python3-distributed (apt-get install python3-distributed)")

from distributed import Client, LocalCluster  # noqa: E402

TABLES = ("article_entities", "article_quotes", "article_dates", "newsext_batch_done")
passed = failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL dask: " + what, flush=True)


def differences(db, ref):
    """Per table: count difference, rows only in db, rows only in ref."""
    con = sqlite3.connect(db)
    con.execute("ATTACH ? AS o", (ref,))
    out = []
    for t in TABLES:
        out.append(tuple(con.execute(
            "SELECT (SELECT count(*) FROM main.%s) - (SELECT count(*) FROM o.%s),"
            " (SELECT count(*) FROM (SELECT * FROM main.%s EXCEPT SELECT * FROM o.%s)),"
            " (SELECT count(*) FROM (SELECT * FROM o.%s EXCEPT SELECT * FROM main.%s))" % ((t,) * 6)).fetchone()))
    con.close()
    return out


def main():
    ext, batch = (os.path.abspath(a) for a in sys.argv[1:3])
    tmp = tempfile.mkdtemp(prefix="run_dask-")
    py = sys.executable
    subprocess.run([py, os.path.join(ROOT, "bench/gen_corpus.py"), "--mb", "0.3", "--seed", "5", "--out",
                    os.path.join(tmp, "c.jsonl")], check=True, stderr=subprocess.DEVNULL)
    articles = os.path.join(tmp, "a.db")
    subprocess.run([py, os.path.join(ROOT, "bench/load_corpus.py"), "--db", articles, "--seed", "5",
                    os.path.join(tmp, "c.jsonl")], check=True, stderr=subprocess.DEVNULL)
    ref = os.path.join(tmp, "one.db")
    subprocess.run(["cp", articles, ref], check=True)
    subprocess.run([batch, "--ext", ext, "--quiet", "-j", "2", ref], check=True, stdout=subprocess.DEVNULL)
    same = [(0, 0, 0)] * len(TABLES)
    # the workers' temporary directories (tempfile reads TMPDIR in each worker process)
    wtmp = os.path.join(tmp, "workers-tmp")
    os.mkdir(wtmp)
    os.environ["TMPDIR"] = wtmp

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                           dashboard_address=None, silence_logs=logging.CRITICAL)
    client = Client(cluster)
    try:
        # 1. one database, split by the driver
        d1 = os.path.join(tmp, "d1.db")
        n = newsext_dask.run(client, articles, d1, shards=4, batch=batch, ext=ext, progress=False)
        check(n == 4, "split run merged %d shards, not 4" % n)
        diff = differences(d1, ref)
        check(diff == same, "split run differs (count diff, extra, missing per table): %s" % diff)

        # 2. shard files, shipped as bytes
        shards = newsext_dask.split(articles, 3, os.path.join(tmp, "shards"), batch)
        d2 = os.path.join(tmp, "d2.db")
        newsext_dask.run(client, shards, d2, batch=batch, ext=ext, ship="bytes", progress=False)
        diff = differences(d2, ref)
        check(diff == same, "shard files as bytes differ: %s" % diff)

        # 3. a worker killed mid-run: each task logs its start and takes at least 1 s
        log = os.path.join(tmp, "starts.log")
        slow = os.path.join(tmp, "slow-batch")
        with open(slow, "w") as f:
            f.write('#!/bin/sh\necho "$$" >> %s\nsleep 1\nexec %s "$@"\n' % (log, batch))
        os.chmod(slow, 0o755)
        killed = []

        def killer():
            deadline = time.time() + 60
            while time.time() < deadline and not killed:
                busy = [w for w, tasks in client.processing().items() if tasks]
                if busy and os.path.exists(log):
                    time.sleep(0.3)  # inside the task's sleep or newsext-batch run
                    pids = client.run(os.getpid, workers=[busy[0]])
                    os.kill(pids[busy[0]], signal.SIGKILL)
                    killed.append(busy[0])
                time.sleep(0.05)

        t = threading.Thread(target=killer)
        t.start()
        d3 = os.path.join(tmp, "d3.db")
        n = newsext_dask.run(client, articles, d3, shards=6, batch=slow, ext=ext, progress=False)
        t.join()
        starts = len(open(log).read().split())
        check(killed and n == 6, "kill test: killed=%s, %d shards merged" % (killed, n))
        check(starts > 6, "kill test: %d task starts for 6 shards; the killed task was not run again" % starts)
        diff = differences(d3, ref)
        check(diff == same, "after a killed worker the merge differs: %s" % diff)
        left = [n for n in os.listdir(wtmp) if n.startswith("newsext-")]
        check(not left, "kill test: task directories left behind: %s" % left)

        # 4. a failing shard raises, after its retries, with the tool's message
        d4 = os.path.join(tmp, "d4.db")
        try:
            newsext_dask.run(client, articles, d4, shards=2, batch=batch, ext=os.path.join(tmp, "none.so"),
                             retries=1, progress=False)
            check(False, "a failing shard did not raise")
        except RuntimeError as e:
            check("cannot load the extension" in str(e), "failing shard: %s" % e)
        con = sqlite3.connect(d4)
        n = con.execute("SELECT count(*) FROM sqlite_schema WHERE name = 'newsext_batch_done'").fetchone()[0]
        con.close()
        check(n == 0, "a failed run merged something")
    finally:
        client.close()
        cluster.close()
        subprocess.run(["rm", "-rf", tmp])
    print("dask: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
