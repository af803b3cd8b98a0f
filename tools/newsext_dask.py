#!/usr/bin/env python3
"""newsext_dask.py -- run newsext-batch over shards on a Dask cluster, then merge.

    # an existing cluster; split articles.db into 32 shard files first
    python3 tools/newsext_dask.py --scheduler tcp://10.0.0.5:8786 --shards 32 results.db articles.db
    # shard files already made (newsext-batch split), on a filesystem every worker reads
    python3 tools/newsext_dask.py --scheduler tcp://10.0.0.5:8786 results.db shards/shard-*.db
    # a local cluster of 4 worker processes on this machine
    python3 tools/newsext_dask.py --local 4 --shards 8 results.db articles.db

    # from Python, with a distributed.Client you already have
    import newsext_dask
    newsext_dask.run(client, "articles.db", "results.db", shards=32)

WHAT
    One Dask task per shard file.  A task copies its shard to a fresh
    directory on the worker's local disk (SQLite files are never opened over
    a network filesystem), runs `newsext-batch --out` there, and returns the
    result file's bytes, or with results_dir= copies the file there and
    returns its path.  The driver merges the results into DEST as they
    arrive -- those that arrived during the previous merge in one call of
    `newsext-batch merge` -- so merging overlaps the remaining work; only
    the last call builds DEST's article indexes (merge --no-index before it).

    Tasks are idempotent: every attempt starts from an empty directory, so a
    task lost with its worker (killed, out of memory, node gone) is simply
    computed again elsewhere -- Dask reschedules it, and `retries` covers
    tasks that fail outright.  Merge refuses overlapping shards and results
    of another newsext build, so nothing is counted twice.

    Progress is Dask's own: distributed.progress() on the futures (a text bar
    on a terminal, a widget in a notebook), plus the cluster's dashboard.

SHIPPING SHARDS
    ship="path" (default): the workers read the shard files by path (shared
    or copied filesystem; read once, sequentially, then copied to local disk).
    ship="bytes": the driver reads each shard file and sends its bytes with
    the task, for workers that share no filesystem with the driver.

NEEDS
    distributed (Debian: python3-distributed) on the driver and the workers;
    newsext-batch and the extension on the workers (`batch=`, `ext=` name
    them when they are not installed).  A Python without `distributed` (some
    pyenv builds) re-runs this script under /usr/bin/python3.
"""
import argparse
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import uuid


def need_distributed(script, message):
    """Re-runs `script` (with this process's arguments) under /usr/bin/python3
    when this Python lacks `distributed` (a pyenv or venv Python beside the
    Debian package); exits with `message` when that has none either."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        if os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3") and \
                os.path.exists("/usr/bin/python3"):
            os.execv("/usr/bin/python3", ["/usr/bin/python3", os.path.abspath(script)] + sys.argv[1:])
        sys.exit(message)


def _die_with_parent():
    """In the child: SIGTERM when the worker process dies (Linux), so that a
    killed worker leaves no newsext-batch behind (it stops after its chunk)."""
    try:
        import ctypes
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except Exception:
        pass


TASK_PREFIX = "newsext-task-"


def _task_dir():
    """A fresh directory for one task attempt, locked (flock on its .lock,
    held until this process ends) so that _sweep() can tell it is in use;
    returns (path, the lock's file descriptor)."""
    import fcntl
    new = tempfile.mkdtemp(prefix="newsext-new-")
    fd = os.open(os.path.join(new, ".lock"), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    work = os.path.join(os.path.dirname(new), TASK_PREFIX + os.path.basename(new)[len("newsext-new-"):])
    os.rename(new, work)  # only now can _sweep() see it: locked
    return work, fd


def _sweep():
    """Removes the task directories of worker processes that were killed
    (SIGKILL, out of memory) before they could: those whose lock is free.
    The lock dies with its process, so a directory still in use is never
    taken (a directory is locked before it gets its name)."""
    import fcntl
    base = tempfile.gettempdir()
    try:
        names = [n for n in os.listdir(base) if n.startswith(TASK_PREFIX)]
    except OSError:
        return
    for n in names:
        path = os.path.join(base, n)
        try:
            fd = os.open(os.path.join(path, ".lock"), os.O_RDWR | os.O_CLOEXEC)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            continue
        shutil.rmtree(path, ignore_errors=True)
        os.close(fd)


def run_shard(name, shard, batch="newsext-batch", ext=None, threads=1, args=(), results_dir=None):
    """The task: computes one shard on this worker and returns its result.

    name:   the shard file's base name (the result is named after it)
    shard:  the shard file's path, or its bytes
    Returns the result database's bytes, or its path under results_dir.
    Raises RuntimeError with newsext-batch's message when it fails.
    """
    _sweep()  # what killed workers on this machine left behind
    work, lock = _task_dir()
    try:
        local = os.path.join(work, name)
        if isinstance(shard, (bytes, bytearray, memoryview)):
            with open(local, "wb") as f:
                f.write(shard)
        else:
            shutil.copyfile(shard, local)
        out = os.path.join(work, "result.db")
        cmd = [batch, "--quiet", "-j", str(threads), "--out", out]
        if ext:
            cmd += ["--ext", ext]
        cmd += list(args) + [local]
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=_die_with_parent)
        if p.returncode not in (0, 3):  # 3: done, with articles skipped (--on-error skip)
            raise RuntimeError("newsext-batch on %s: exit %d: %s" % (name, p.returncode,
                                                                      p.stderr.decode(errors="replace").strip()))
        if results_dir:
            dest = os.path.join(results_dir, "result-" + name)
            shutil.copyfile(out, dest + ".part")
            os.replace(dest + ".part", dest)
            return dest
        with open(out, "rb") as f:
            return f.read()
    finally:
        shutil.rmtree(work, ignore_errors=True)
        os.close(lock)


def split(source, shards, directory, batch="newsext-batch", table=None, id=None):
    """Cuts an articles database into shard files (newsext-batch split); returns their paths."""
    cmd = [batch, "split", "--quiet"]
    if table:
        cmd += ["--table", table]
    if id:
        cmd += ["--id", id]
    subprocess.run(cmd + [source, str(shards), directory], check=True)
    return [os.path.join(directory, "shard-%d-of-%d.db" % (k, shards)) for k in range(shards)]


def merge(dest, results, batch="newsext-batch", index=True):
    """Merges result files into dest (newsext-batch merge); raises RuntimeError on refusal.
    index=False leaves dest's article indexes to the next merge (when more follow)."""
    p = subprocess.run([batch, "merge", "--quiet"] + ([] if index else ["--no-index"]) + [dest] + list(results),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        raise RuntimeError("newsext-batch merge: " + p.stderr.decode(errors="replace").strip())


def _progress(futures):
    try:
        from distributed import progress
        progress(futures, notebook=False)
    except Exception:
        pass


def run(client, source, dest, shards=None, batch="newsext-batch", ext=None, threads=1, args=(),
        ship="path", results_dir=None, retries=3, progress=True, workdir=None, table=None, id=None):
    """Computes the result tables of `source` on the cluster of `client` into `dest`.

    client:  a distributed.Client, or a scheduler address ("tcp://host:8786")
    source:  one articles database (split into `shards` files first; default:
             twice the cluster's worker threads), or a list of shard files
    dest:    the results database (created; merged into if it exists)
    batch, ext:  newsext-batch and the extension as the workers find them
    threads: newsext-batch -j per task; args: more newsext-batch options
    ship:    "path" or "bytes" (see SHIPPING SHARDS); results_dir: a directory
             every worker and the driver share, to return results by path
    retries: extra attempts of a task that fails (a lost worker's tasks are
             rescheduled by Dask in any case)
    Returns the number of shards merged.
    """
    import cloudpickle
    from distributed import Client, as_completed

    if isinstance(client, str):
        client = Client(client)
    # the workers need not be able to import this module
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    batch_local = shutil.which(batch) or batch
    tmp = tempfile.mkdtemp(prefix="newsext-dask-", dir=workdir)
    try:
        if isinstance(source, (str, os.PathLike)):
            if not shards:
                shards = 2 * max(1, sum(client.nthreads().values()))
            files = split(os.fspath(source), shards, os.path.join(tmp, "shards"), batch_local, table, id)
        else:
            files = [os.fspath(f) for f in source]
        run_id = uuid.uuid4().hex[:8]
        futures = []
        for f in files:
            name = os.path.basename(f)
            payload = f
            if ship == "bytes":
                with open(f, "rb") as fh:
                    payload = client.scatter(fh.read())
            else:
                payload = os.path.abspath(f)
            futures.append(client.submit(run_shard, name, payload, batch, ext, threads, tuple(args), results_dir,
                                         key="newsext-%s-%s" % (run_id, name), retries=retries, pure=False))
        bar = threading.Thread(target=_progress, args=(futures,), daemon=True) if progress else None
        if bar:
            bar.start()
        done = 0
        # the results that arrived while the last merge ran are merged together
        for batch_ in as_completed(futures).batches():
            paths, own = [], []
            for fut in batch_:
                try:
                    res = fut.result()
                except BaseException:
                    client.cancel(futures)  # the others' results would only be thrown away
                    raise
                if isinstance(res, (bytes, bytearray)):
                    path = os.path.join(tmp, "result-%d.db" % (done + len(paths)))
                    with open(path, "wb") as fh:
                        fh.write(res)
                    own.append(path)
                else:
                    path = res
                paths.append(path)
                fut.release()
            # the article indexes are built once, by the last merge
            merge(dest, paths, batch_local, index=done + len(paths) == len(futures))
            for path in own:
                os.remove(path)
            done += len(paths)
        if bar:
            bar.join(timeout=2)
        return done
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv=None):
    ap = argparse.ArgumentParser(description="newsext-batch over shards on a Dask cluster, merged into DEST "
                                             "(docs/scale-out.md)")
    ap.add_argument("dest", help="results database (created, or merged into)")
    ap.add_argument("source", nargs="+", help="one articles database, or shard files (newsext-batch split)")
    where = ap.add_mutually_exclusive_group(required=True)
    where.add_argument("--scheduler", help="address of a running scheduler, e.g. tcp://host:8786")
    where.add_argument("--local", type=int, metavar="N", help="start a local cluster of N worker processes")
    ap.add_argument("--shards", type=int, help="shards of a single articles database (default 2 per worker thread)")
    ap.add_argument("--batch", default="newsext-batch", help="newsext-batch on the workers (default: on PATH)")
    ap.add_argument("--ext", help="the extension on the workers (default: newsext-batch's)")
    ap.add_argument("-j", "--threads", type=int, default=1, help="newsext-batch threads per task (default 1)")
    ap.add_argument("--ship", choices=("path", "bytes"), default="path")
    ap.add_argument("--results-dir", help="shared directory to return results through, instead of bytes")
    ap.add_argument("--retries", type=int, default=3)
    ap.add_argument("--table")
    ap.add_argument("--id")
    ap.add_argument("--no-progress", action="store_true")
    a = ap.parse_args(argv)
    from distributed import Client, LocalCluster
    cluster = None
    if a.local:
        cluster = LocalCluster(n_workers=a.local, threads_per_worker=1, processes=True, host="127.0.0.1",
                               dashboard_address=None)
        client = Client(cluster)
    else:
        client = Client(a.scheduler)
    try:
        # one database that is not a shard file is split; anything else is a list of shards
        source = a.source[0] if len(a.source) == 1 and not _is_shard(a.source[0]) else a.source
        n = run(client, source, a.dest, shards=a.shards, batch=a.batch, ext=a.ext, threads=a.threads,
                ship=a.ship, results_dir=a.results_dir, retries=a.retries, progress=not a.no_progress,
                table=a.table, id=a.id)
        print("\nnewsext_dask: %d shards merged into %s" % (n, a.dest))
    finally:
        client.close()
        if cluster:
            cluster.close()


def _is_shard(path):
    """True for a shard file of newsext-batch split (it has newsext_split)."""
    if not os.path.isfile(path):
        return False
    try:
        con = sqlite3.connect(path)
        try:
            return con.execute("SELECT 1 FROM sqlite_schema WHERE name = 'newsext_split'").fetchone() is not None
        finally:
            con.close()
    except sqlite3.Error:
        return False


if __name__ == "__main__":
    need_distributed(__file__, "newsext_dask: needs the Python package distributed "
                     "(Debian: apt-get install python3-distributed)")
    main()
