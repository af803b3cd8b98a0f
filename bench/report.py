#!/usr/bin/env python3
"""report.py -- turns bench results into RESULTS.md and the chart's data files.

WHAT
    report.py OUTDIR...            Markdown on stdout: machine, versions, method,
                                   and per OUTDIR its corpus, functions, scaling,
                                   newsext-batch, gates and peers; also writes
                                   OUTDIR/functions.dat and OUTDIR/scaling.dat
                                   for bench/chart.gp.
    report.py --peers OUTDIR       a short table on stdout: our MB/s next to the
                                   peers' (after a BENCH_PEERS=1 run).
    report.py --publish DEST OUTDIR...   RESULTS.md into DEST plus each run's
                                   results.json and chart.png as
                                   DEST/results/<run>.json and .png.

HOW
    Reads OUTDIR/results.json (written by newsext-bench) and, when present,
    OUTDIR/peers.json (written by bench/peers.js).  Machine facts come from
    /proc/cpuinfo, /proc/meminfo, uname and the compilers' --version; nothing
    here measures anything.  A run in which a stage returned no rows is
    marked PRELIMINARY (the stage is a stub in that build).
"""
import json
import os
import platform
import shutil
import subprocess
import sys

FN_LABEL = {"scan": "scan: SELECT sum(length(body))", "sentences": "sentences", "entities": "entities",
            "quotes": "quotes", "event_dates": "event_dates", "all3": "entities + quotes + event_dates (one query)"}


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=20).stdout.strip()
    except Exception:
        return ""


def machine():
    cpu = ""
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(open("/proc/meminfo").readline().split()[1])
        mem = "%.0f GiB" % (kb / 1024 / 1024)
    except (OSError, ValueError, IndexError):
        pass
    os_name = sh(". /etc/os-release 2>/dev/null && echo $PRETTY_NAME") or platform.system()
    return [("CPU", "%s, %d cores online" % (cpu or platform.machine(), os.cpu_count() or 0)),
            ("memory", mem), ("OS", "%s, kernel %s" % (os_name, platform.release())),
            ("compiler", sh("${CC:-cc} --version | head -1")),
            ("Python", platform.python_version()), ("node", sh("node --version 2>/dev/null"))]


def load(d):
    with open(os.path.join(d, "results.json")) as f:
        r = json.load(f)
    p = os.path.join(d, "peers.json")
    r["peers"] = json.load(open(p)) if os.path.exists(p) else None
    r["dir"] = d
    return r


def preliminary(r):
    return any(f["rows"] == 0 for f in r["functions"] if f["name"] != "scan")


def write_dat(r):
    d = r["dir"]
    with open(os.path.join(d, "functions.dat"), "w") as f:
        f.write("# name MB_per_wall_s MB_per_cpu_s colour(1 scan, 2 newsext, 3 peer)\n")
        for fn in r["functions"]:
            label = {"all3": "all three"}.get(fn["name"], fn["name"])
            f.write('"%s" %.3f %.3f %d\n' % (label, fn["mb_s"], fn["mb_cpu_s"], 1 if fn["name"] == "scan" else 2))
        for p in (r["peers"] or {}).get("results", []):
            label = "%s (%s)" % (p["name"], p["does"].split(":")[0])
            f.write('"%s" %.3f %.3f 3\n' % (label, p["mb_s"], p["mb_cpu_s"]))
    with open(os.path.join(d, "scaling.dat"), "w") as f:
        f.write("# size MB scan_cpu_s all3_cpu_s all3_wall_s\n")
        for s in r["scaling"]:
            f.write("%d %.3f %.4f %.4f %.4f\n" % (s["size"], s["bytes"] / 1e6, s["scan_cpu_s"], s["all3_cpu_s"],
                                                   s["all3_wall_s"]))


def run_section(r, img):
    c = r["corpus"]
    out = []
    name = os.path.basename(r["dir"].rstrip("/"))
    out.append("## Run `%s`%s\n" % (name, " — PRELIMINARY" if preliminary(r) else ""))
    if preliminary(r):
        out.append("> **Preliminary:** in this build some stages returned no rows (stub stages before the "
                   "entities/quotes/event_dates branches were merged), so their figures measure only the "
                   "surrounding machinery, not extraction. Rerun after the merge.\n")
    srcs = c["sources"] or c["db"]
    out.append("- corpus: %s" % ", ".join("`%s`" % os.path.relpath(s) if s.startswith("/") else "`%s`" % s
                                            for s in srcs.split()))
    out.append("- %d articles, %.2f MB of UTF-8 text; %s; newsext %s, SQLite %s; %d runs per figure, median"
               % (c["articles"], c["bytes"] / 1e6, r["date"], r["newsext"], r["sqlite"], r["runs"]))
    out.append("")
    out.append("| function | rows | wall s | MB/s | MB/cpu-s (per core) | articles/s | peak RSS MB | time × scan |")
    out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for f in r["functions"]:
        out.append("| %s | %d | %.3f | %.2f | %.2f | %.0f | %.1f | %.1f |" % (
            FN_LABEL.get(f["name"], f["name"]), f["rows"], f["wall_s"], f["mb_s"], f["mb_cpu_s"],
            f["articles_s"], f["maxrss_kb"] / 1024, f["x_scan"]))
    if r["scaling"]:
        out.append("\nScaling (the first 1/8, 2/8, 4/8 and all of the corpus, cut by bytes; CPU seconds):\n")
        out.append("| size | articles | MB | scan s | all three s | all three MB/cpu-s | time / time at 1× |")
        out.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        base = r["scaling"][0]["all3_cpu_s"] or 1
        for s in r["scaling"]:
            out.append("| %d× | %d | %.2f | %.3f | %.3f | %.2f | %.2f |" % (
                s["size"], s["articles"], s["bytes"] / 1e6, s["scan_cpu_s"], s["all3_cpu_s"],
                s["bytes"] / 1e6 / s["all3_cpu_s"] if s["all3_cpu_s"] else 0, s["all3_cpu_s"] / base))
        out.append("\n8× / 1× CPU time, normalised to an exact 8× in bytes: **%.2f** between the fastest runs "
                   "(the gate), %.2f between the medians" % (r.get("scaling_ratio_8x_min", 0), r["scaling_ratio_8x"]))
    if r["batch"]:
        out.append("\n`newsext-batch` over the first half of the corpus (%.2f MB), result tables written:\n"
                   % (r["batch"][0]["bytes"] / 1e6))
        out.append("| threads | wall s | MB/s | CPU s | peak RSS MB |")
        out.append("| ---: | ---: | ---: | ---: | ---: |")
        for b in r["batch"]:
            out.append("| %d | %.3f | %.2f | %.3f | %.1f |" % (b["threads"], b["wall_s"], b["bytes"] / 1e6 / b["wall_s"]
                                                            if b["wall_s"] else 0, b["cpu_s"], b["maxrss_kb"] / 1024))
        out.append("\nSpeedup from 1 to %d threads: **%.2f×**" % (r["batch"][-1]["threads"], r["batch_speedup"]))
    if r["peers"]:
        p = r["peers"]
        out.append("\nPeers (node %s) on the first %.2f MB (%d articles) of the same corpus, %d runs, median:\n"
                   % (p.get("node", "?"), p["bytes"] / 1e6, p["articles"], p["runs"]))
        out.append("| tool | does | MB/s | MB/cpu-s | items |")
        out.append("| --- | --- | ---: | ---: | ---: |")
        for x in p["results"]:
            out.append("| %s %s | %s | %.2f | %.2f | %d |" % (x["name"], x.get("version", ""), x["does"], x["mb_s"],
                                                             x["mb_cpu_s"], x["items"]))
    out.append("\nGates (issue 6):\n")
    out.append("| gate | value | limit | status |")
    out.append("| --- | ---: | ---: | --- |")
    for g in r["gates"]:
        out.append("| %s | %.2f | %s %g | %s%s |" % (g["name"], g["value"], g["op"], g["limit"], g["status"],
                                                   " (%s)" % g["note"] if g["note"] else ""))
    if img:
        out.append("\n![%s](%s)\n" % (name, img))
    return "\n".join(out) + "\n"


METHOD = """## Method

- **Driver.** `newsext-bench` (`bench/bench.c`, C, linked against the system libsqlite3) loads
  `./newsext.so` and runs one SQL query per figure over `articles(id, body, published)` in the
  corpus database. Every function query joins the articles to the table-valued function and
  reads each row's text and offsets, e.g.
  `SELECT count(*) FROM articles a, entities(a.body) x WHERE x.start + x.length > 0 AND length(x.text) >= 0`,
  so the byte→character conversion and text copies are timed too. "All three" is one query with
  three correlated subqueries (entities, quotes, event_dates of the same `a.body`), which shares
  the analysis of each article through the per-connection document cache, as a user's query would.
- **Baseline.** `SELECT sum(length(body))` over the same rows, in the same run; "time × scan" is
  each query's time over the scan's.
- **No cache effects.** Each single measurement runs in a fresh process with a fresh connection,
  so the per-connection document cache (last 4 documents, `ext/sqlite/vtab.c`) never carries over
  between runs or functions; articles are all distinct (generated ones are de-duplicated by hash).
  A warm-up scan first puts the database in the OS page cache.
- **Timing.** Prepare to finalize only (process start, connection and extension load excluded):
  wall time (CLOCK_MONOTONIC) and CPU time (getrusage) of the measuring process. Runs are
  interleaved (every function once, then again) and each figure is the median of N runs. Peak RSS
  is the measuring process's `ru_maxrss` (largest over the runs). MB = 10^6 bytes of UTF-8 text.
- **Per core.** The functions run on one thread, so MB per CPU-second is the per-core throughput;
  the gates use it because it does not depend on other jobs sharing the machine (wall-time MB/s is
  shown beside it).
- **Scaling.** The corpus rows are shuffled once (seeded) when loaded, so each prefix of rowids is
  a representative mix; the 1×, 2×, 4×, 8× sizes are the first 1/8, 2/8, 4/8 and all of the bytes.
  Size k/8 is run 8/k times as often (24, 12, 6 and 3 runs with N = 3), so every size is measured
  over the same volume of text. The linearity gate compares the fastest run of each size (other
  jobs on the machine only ever add time, and they land unevenly on a 0.5 s and a 4 s run); the
  ratio of the medians is shown beside it.
- **newsext-batch.** Run on a copy of the database with `--reset` over the first half of the
  corpus, with 1 and N worker threads (plus its writer thread); wall time, median of N runs.
- **Peers** (`BENCH_PEERS=1`): chrono-node (`chrono.parse(text, ref)`) and compromise
  (`nlp(text)` then people/places/organizations, or quotations) in node, over the first
  `BENCH_PEERS_MB` MB of the same shuffled articles; one untimed warm-up pass over 50 articles for
  the JIT, then the same median-of-N timing with `process.hrtime` and `process.cpuUsage`.
"""


def main():
    args = sys.argv[1:]
    if args and args[0] == "--peers":
        r = load(args[1])
        ours = {f["name"]: f for f in r["functions"]}
        print("\n%-22s %-42s %9s %10s" % ("tool", "does", "MB/s", "MB/cpu-s"))
        for k, does in (("entities", "entities"), ("quotes", "quotes"), ("event_dates", "dates")):
            f = ours[k]
            print("%-22s %-42s %9.2f %10.2f" % ("newsext " + k, does + " (whole corpus)", f["mb_s"], f["mb_cpu_s"]))
        for x in r["peers"]["results"]:
            print("%-22s %-42s %9.2f %10.2f" % (x["name"] + " " + x.get("version", ""), x["does"], x["mb_s"],
                                                x["mb_cpu_s"]))
        return
    dest = None
    if args and args[0] == "--publish":
        dest, args = args[1], args[2:]
    runs = [load(d) for d in args if os.path.exists(os.path.join(d, "results.json"))]
    if not runs:
        sys.exit("report.py: no results.json in %s" % " ".join(args))
    out = ["# newsext benchmark results\n"]
    if any(preliminary(r) for r in runs):
        out.append("**PRELIMINARY** — at least one run below was measured on a build whose entities, quotes "
                   "or event_dates stage was still a stub. Regenerate with `make bench-eval bench "
                   "bench-publish` after merging (see bench/README.md).\n")
    out.append("Generated by `bench/report.py` from `results.json` (`make bench-publish`). How to run: "
               "[README.md](README.md).\n")
    out.append("## Machine and versions\n")
    for k, v in machine():
        if v:
            out.append("- %s: %s" % (k, v))
    out.append("")
    out.append(METHOD)
    for r in runs:
        write_dat(r)
        name = os.path.basename(r["dir"].rstrip("/"))
        img = None
        if dest:
            os.makedirs(os.path.join(dest, "results"), exist_ok=True)
            shutil.copy(os.path.join(r["dir"], "results.json"), os.path.join(dest, "results", name + ".json"))
            if r["peers"]:
                shutil.copy(os.path.join(r["dir"], "peers.json"), os.path.join(dest, "results", name + ".peers.json"))
            png = os.path.join(r["dir"], "chart.png")
            if os.path.exists(png):
                shutil.copy(png, os.path.join(dest, "results", name + ".png"))
                img = "results/%s.png" % name
        elif os.path.exists(os.path.join(r["dir"], "chart.png")):
            img = "chart.png"
        out.append(run_section(r, img))
    text = "\n".join(out)
    if dest:
        with open(os.path.join(dest, "RESULTS.md"), "w") as f:
            f.write(text)
        print("report: wrote %s/RESULTS.md and %s/results/" % (dest, dest))
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
