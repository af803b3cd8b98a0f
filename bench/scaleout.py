#!/usr/bin/env python3
"""scaleout.py -- the scale-out gates on a real corpus (make bench-scaleout).

    bench/scaleout.py EXT BATCH [--corpus DIR ...] [--shards N] [--runs R] [--instructions] [--no-dask] [--slurm]

Builds a corpus database from the given docs.jsonl sources (default
../shared/eval/bbc_news_raw and reuters21578_raw; bench/load_corpus.py) in
build/scaleout/, then measures and checks, printing one line per figure:

  one machine   newsext-batch -j 2 in place (median of R runs: wall and CPU
                seconds of the process, user + system)
  shard + merge split into N files, newsext-batch -j 2 --out on each in
                turn, merge: CPU seconds of each step; the overhead is the
                extra CPU of the whole pipeline over the one-machine run, as
                a share of it (gate: <= 5%), with the split and merge alone
                beside it; merged rows == one-machine rows (EXCEPT both ways).
                The two take turns, R times (which goes first alternates), so
                that both see the same load.
                The fixed CPU of one newsext-batch process (an --out run on
                an empty articles table, 5 per round) is printed with the
                share the N-1 shard processes beyond one add, and the
                overhead without them (shards whose work dwarfs it).
                --instructions: each step once more under callgrind, its
                instructions (all threads; independent of the load)
                --no-dask: leave out the Dask runs
  Dask          tools/newsext_dask.py on LocalCluster(processes=True, one
                thread per worker) with 1 and with 2 workers, N shards,
                newsext-batch -j 1 per task: wall seconds of run() (cluster
                start excluded) and the speedup; then 2 workers with one
                killed (SIGKILL) mid-run; merged rows == one-machine rows
  Slurm         (--slurm; root) tests/run_slurm.sh on the same corpus

Wall times on a shared machine are noisy: the load average is printed with
them; CPU seconds do not depend on it.
"""
import argparse
import os
import re
import resource
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import newsext_dask  # noqa: E402

newsext_dask.need_distributed(__file__, "scaleout: needs python3-distributed")

TABLES = ("article_entities", "article_quotes", "article_dates", "newsext_batch_done")


def timed(cmd, **kw):
    """Runs cmd; returns (wall seconds, CPU seconds of the child)."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, **kw)
    t = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return t, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)


def instructions(cmd):
    """Runs cmd under callgrind; returns (instructions of all its threads,)."""
    out = os.path.join(ROOT, "build", "scaleout", "callgrind.out")
    p = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out] + cmd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True)
    os.remove(out)
    return (int(re.search(r"refs:\s+([\d,]+)", p.stderr).group(1).replace(",", "")),)


def differences(db, ref):
    con = sqlite3.connect(db)
    con.execute("ATTACH ? AS o", (ref,))
    out = []
    for t in TABLES:
        out.append(con.execute(
            "SELECT (SELECT count(*) FROM main.%s) - (SELECT count(*) FROM o.%s),"
            " (SELECT count(*) FROM (SELECT * FROM main.%s EXCEPT SELECT * FROM o.%s)),"
            " (SELECT count(*) FROM (SELECT * FROM o.%s EXCEPT SELECT * FROM main.%s))" % ((t,) * 6)).fetchone())
    rows = [con.execute("SELECT count(*) FROM main.%s" % t).fetchone()[0] for t in TABLES]
    con.close()
    ok = all(d == (0, 0, 0) for d in out)
    return ok, "%s (%d entity, %d quote, %d date rows, %d articles)" % (
        "equal, EXCEPT both ways 0" if ok else "DIFFERENT %s" % out, *rows)


def load():
    return "load average %.1f" % os.getloadavg()[0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("ext")
    ap.add_argument("batch")
    ap.add_argument("--corpus", nargs="+", default=[os.path.join(ROOT, "..", "shared", "eval", d)
                                                     for d in ("bbc_news_raw", "reuters21578_raw")])
    ap.add_argument("--shards", type=int, default=8)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--slurm", action="store_true")
    ap.add_argument("--no-dask", action="store_true", help="leave out the Dask runs")
    ap.add_argument("--instructions", action="store_true",
                    help="also count the instructions of each step once (callgrind; slow)")
    a = ap.parse_args()
    ext, batch = os.path.abspath(a.ext), os.path.abspath(a.batch)
    work = os.path.join(ROOT, "build", "scaleout")
    os.makedirs(work, exist_ok=True)
    corpus = os.path.join(work, "corpus.db")
    if not os.path.exists(corpus):
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "load_corpus.py"), "--db", corpus] + a.corpus,
                       check=True, stdout=subprocess.DEVNULL)
    con = sqlite3.connect(corpus)
    n, mb = con.execute("SELECT count(*), sum(length(CAST(body AS BLOB))) / 1e6 FROM articles").fetchone()
    con.close()
    print("scaleout: corpus %d articles, %.2f MB (%s); %d CPUs, %s" % (n, mb, ", ".join(
        os.path.basename(os.path.normpath(c)) for c in a.corpus), os.cpu_count(), load()), flush=True)
    failed = 0

    # one machine, and split + shards + merge, taking turns (R of each) so that
    # both see the same load on a shared machine
    one = os.path.join(work, "one.db")
    merged = os.path.join(work, "merged.db")
    d = os.path.join(work, "shards")

    def one_machine(run):
        shutil.copyfile(corpus, one)
        for sfx in ("-wal", "-shm"):
            if os.path.exists(one + sfx):
                os.remove(one + sfx)
        return run([batch, "--ext", ext, "--quiet", "-j", "2", one])

    def pipeline(run):
        """(split, shards, merge) as run() measures them"""
        shutil.rmtree(d, ignore_errors=True)
        for f in (merged, merged + "-wal", merged + "-shm", merged + "-journal"):
            if os.path.exists(f):
                os.remove(f)
        sp = run([batch, "split", "--quiet", corpus, str(a.shards), d])
        results, sh = [], []
        for k in range(a.shards):
            out = os.path.join(d, "result-%d.db" % k)
            sh.append(run([batch, "--ext", ext, "--quiet", "-j", "2", "--out", out,
                           os.path.join(d, "shard-%d-of-%d.db" % (k, a.shards))]))
            results.append(out)
        mg = run([batch, "merge", "--quiet", merged] + results)
        return sp, tuple(sum(x) for x in zip(*sh)), mg

    # the fixed cost of one newsext-batch process: an --out run on an empty
    # articles table (loading the extension, its hash, creating the result
    # file, the checkpoint at the end)
    empty = os.path.join(work, "empty.db")
    if not os.path.exists(empty):
        con = sqlite3.connect(empty)
        con.execute(sqlite3.connect(corpus).execute(
            "SELECT sql FROM sqlite_schema WHERE name = 'articles'").fetchone()[0])
        con.commit()
        con.close()

    def empty_run():
        out = os.path.join(work, "empty-result.db")
        for f in (out, out + "-wal", out + "-shm", out + "-journal"):
            if os.path.exists(f):
                os.remove(f)
        return timed([batch, "--ext", ext, "--quiet", "-j", "2", "--out", out, empty])[1]

    ones, rows, pairs, fixed = [], [], [], []
    for r in range(a.runs):
        fixed += [empty_run() for _ in range(5)]
        # which goes first alternates, so neither always follows the other
        if r % 2 == 0:
            w, c = one_machine(timed)
        (ws, cs), (wr, cr), (wm, cm) = pipeline(timed)
        if r % 2 == 1:
            w, c = one_machine(timed)
        ones.append((w, c))
        rows.append((ws, cs, wr, cr, wm, cm))
        pairs.append((cs + cr + cm - c) / c * 100)
    w1, c1 = (statistics.median(x) for x in zip(*ones))
    print("scaleout: one machine, newsext-batch -j 2: %.2f s wall, %.2f CPU s (median of %d; CPU s %s; %s)"
          % (w1, c1, a.runs, " ".join("%.2f" % c for _, c in ones), load()), flush=True)
    ws, cs, wr, cr, wm, cm = (statistics.median(x) for x in zip(*rows))
    total = cs + cr + cm
    over = (total - c1) / c1 * 100
    print("scaleout: shard + merge, %d shards: split %.2f CPU s, shards %.2f CPU s (sum), merge %.2f CPU s; "
          "wall %.2f + %.2f + %.2f s (median of %d; shards CPU s %s)"
          % (a.shards, cs, cr, cm, ws, wr, wm, a.runs, " ".join("%.2f" % row[3] for row in rows)))
    print("scaleout: GATE shard + merge overhead: %.1f%% of the one-machine run's CPU (%.2f vs %.2f CPU s; split "
          "+ merge alone %.1f%%; wall %.1f%%; each pair of runs: %s, their median %.1f%%) -- %s"
          % (over, total, c1, (cs + cm) / c1 * 100, (ws + wr + wm - w1) / w1 * 100,
             " ".join("%.1f%%" % x for x in pairs), statistics.median(pairs),
             "pass" if over <= 5 else "FAIL (gate 5%)"), flush=True)
    failed += over > 5
    fx = statistics.median(fixed)
    print("scaleout: fixed CPU of a newsext-batch process (-j 2 --out, no articles): %.1f ms (median of %d); the "
          "%d shard processes beyond the one of a one-machine run: %.1f%% of its CPU; the overhead without them "
          "(shards whose work dwarfs it, as on a cluster): %.1f%%"
          % (fx * 1000, len(fixed), a.shards - 1, (a.shards - 1) * fx / c1 * 100,
             (total - (a.shards - 1) * fx - c1) / c1 * 100), flush=True)
    if a.instructions:
        # the same steps once each under callgrind: instructions of every
        # thread, which do not depend on the load
        (i1,) = one_machine(instructions)
        (isp,), (ish,), (img,) = pipeline(instructions)
        iover = (isp + ish + img - i1) / i1 * 100
        print("scaleout: instructions (callgrind): one machine %.3fG; split %.3fG, shards %.3fG (sum), merge %.3fG: "
              "overhead %.1f%% (shards alone %+.1f%%, split + merge %.1f%%)"
              % (i1 / 1e9, isp / 1e9, ish / 1e9, img / 1e9, iover, (ish - i1) / i1 * 100, (isp + img) / i1 * 100),
              flush=True)
    ok, what = differences(merged, one)
    print("scaleout: GATE split/--out/merge vs one machine: %s" % what, flush=True)
    failed += not ok

    # Dask
    if a.no_dask:
        print("scaleout: %s" % ("all gates pass" if not failed else "%d gate(s) FAILED" % failed))
        return 1 if failed else 0
    import logging
    from distributed import Client, LocalCluster
    timing = {}
    for nw in (1, 2):
        cluster = LocalCluster(n_workers=nw, threads_per_worker=1, processes=True, host="127.0.0.1",
                               dashboard_address=None, silence_logs=logging.CRITICAL)
        client = Client(cluster)
        try:
            walls = []
            for r in range(a.runs):
                dest = os.path.join(work, "dask-%d.db" % nw)
                if os.path.exists(dest):
                    os.remove(dest)
                t0 = time.perf_counter()
                newsext_dask.run(client, corpus, dest, shards=a.shards, batch=batch, ext=ext, threads=1,
                                 progress=False, workdir=work)
                walls.append(time.perf_counter() - t0)
            timing[nw] = statistics.median(walls)
            ok, what = differences(dest, one)
            print("scaleout: Dask LocalCluster %d worker%s: %.2f s wall (median of %d: %s; %s); %s"
                  % (nw, "s" if nw > 1 else "", timing[nw], a.runs, " ".join("%.2f" % w for w in walls), load(),
                     what), flush=True)
            failed += not ok
            if nw == 2:
                dest = os.path.join(work, "dask-killed.db")
                if os.path.exists(dest):
                    os.remove(dest)
                killed = []

                def killer():
                    deadline = time.time() + 120
                    while time.time() < deadline and not killed:
                        busy = [w for w, tasks in client.processing().items() if tasks]
                        if busy:
                            time.sleep(0.5)
                            pids = client.run(os.getpid, workers=[busy[0]])
                            os.kill(pids[busy[0]], signal.SIGKILL)
                            killed.append(busy[0])
                        time.sleep(0.05)

                t = threading.Thread(target=killer)
                t.start()
                t0 = time.perf_counter()
                newsext_dask.run(client, corpus, dest, shards=a.shards, batch=batch, ext=ext, threads=1,
                                 progress=False, workdir=work)
                wk = time.perf_counter() - t0
                t.join()
                ok, what = differences(dest, one)
                print("scaleout: GATE Dask, 2 workers, one killed (SIGKILL) mid-run (%s): %.2f s wall; %s"
                      % ("killed" if killed else "NOT killed", wk, what), flush=True)
                failed += not ok or not killed
        finally:
            client.close()
            cluster.close()
    print("scaleout: Dask speedup 2 workers over 1: %.2fx (%s)" % (timing[1] / timing[2], load()), flush=True)

    if a.slurm:
        p = subprocess.run(["bash", os.path.join(ROOT, "tests", "run_slurm.sh"), ext, batch, corpus,
                            str(a.shards), "2"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for line in p.stdout.splitlines():
            print("scaleout: " + line if not line.startswith("  ") else line)
        print("scaleout: GATE Slurm array + merge vs one machine: %s" % ("pass" if p.returncode == 0 else "FAIL"))
        failed += p.returncode != 0
    print("scaleout: %s" % ("all gates pass" if not failed else "%d gate(s) FAILED" % failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
