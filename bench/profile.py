#!/usr/bin/env python3
"""profile.py -- instructions per byte of each function, counted by callgrind.

WHAT
    profile.py EXT [--articles N] [--functions F,...] [--top K] [--json OUT]
    Runs each query of the bench (scan, sentences, tokens, entities, quotes,
    event_dates, all three in one query, and places) through the sqlite3 shell under
    valgrind's callgrind, over a fixed slice of the gate corpus: the first N
    (default 500) rows of the bench's shuffled BBC + Reuters-21578 articles
    (bench/load_corpus.py, seed 1, cached in build/profile/corpus.db).  For
    each query it prints the instructions executed per byte of article text
    (the whole process, so the scan's figure is the floor every query
    shares), then the K (default 12) functions with the largest own
    ("self") instruction counts, per byte and as a share of the total.

    An instruction count does not depend on the load of the machine, unlike a
    time: use it to judge a change while other jobs run, and the CPU-second
    figures of `make bench-eval` on a quiet machine for the gates.

HOW
    valgrind --tool=callgrind --callgrind-out-file=build/profile/<q>.out
    sqlite3 corpus.db -cmd '.load EXT' '<query>', then callgrind_annotate
    for the totals per function.  Needs valgrind and the sqlite3 shell.
"""
import argparse
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
EVAL = os.path.join(ROOT, "..", "shared", "eval")
SOURCES = [os.path.join(EVAL, "bbc_news_raw"), os.path.join(EVAL, "reuters21578_raw")]

CHECK = " WHERE x.start + x.length > 0"
QUERIES = {
    "scan": "SELECT count(*), sum(length(a.body)) FROM articles a WHERE a.id <= {n}",
    "sentences": "SELECT count(*) FROM articles a, sentences(a.body) x" + CHECK + " AND a.id <= {n}",
    "tokens": "SELECT count(*) FROM articles a, tokens(a.body) x" + CHECK + " AND a.id <= {n}",
    "entities": "SELECT count(*) FROM articles a, entities(a.body) x" + CHECK + " AND a.id <= {n}",
    "quotes": "SELECT count(*) FROM articles a, quotes(a.body) x" + CHECK + " AND a.id <= {n}",
    "attributions": "SELECT count(*) FROM articles a, attributions(a.body) x" + CHECK + " AND a.id <= {n}",
    "event_dates": "SELECT count(*) FROM articles a, event_dates(a.body, a.published) x" + CHECK +
                   " AND a.id <= {n}",
    "places": "SELECT count(*) FROM articles a, places(a.body) x" + CHECK + " AND a.id <= {n}",
    "all3": "SELECT total((SELECT count(*) FROM entities(a.body) x" + CHECK + ")"
            " + (SELECT count(*) FROM quotes(a.body) x" + CHECK + ")"
            " + (SELECT count(*) FROM event_dates(a.body, a.published) x" + CHECK + "))"
            " FROM articles a WHERE a.id <= {n}",
}


def corpus(out_dir):
    db = os.path.join(out_dir, "corpus.db")
    if not os.path.exists(db):
        subprocess.check_call([sys.executable, os.path.join(HERE, "load_corpus.py"), "--db", db,
                               "--seed", "1"] + SOURCES)
    return db


def slice_bytes(db, n):
    out = subprocess.check_output(["sqlite3", db, "SELECT count(*), sum(length(CAST(body AS BLOB)))"
                                   " FROM articles WHERE id <= %d" % n], text=True)
    count, size = out.strip().split("|")
    return int(count), int(size)


def annotate(path):
    """Total instructions and [(self instructions, function)] from a callgrind file."""
    out = subprocess.check_output(["callgrind_annotate", "--threshold=100", path], text=True,
                                  stderr=subprocess.DEVNULL)
    total, funcs = None, {}
    for line in out.splitlines():
        m = re.match(r"\s*([\d,]+)\s+(?:\([^)]*\)\s+)?(PROGRAM TOTALS|\S.*)$", line)
        if not m:
            continue
        count = int(m.group(1).replace(",", ""))
        what = m.group(2)
        if what.startswith("PROGRAM TOTALS"):
            total = count
        elif total is not None and ":" in what:
            name = what.split(":", 1)[1].split(" [")[0].strip()
            funcs[name] = funcs.get(name, 0) + count  # one name may appear per source file
    return total, sorted(((c, f) for f, c in funcs.items()), reverse=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("ext")
    ap.add_argument("--articles", type=int, default=500)
    ap.add_argument("--functions", default=",".join(QUERIES))
    ap.add_argument("--top", type=int, default=12)
    ap.add_argument("--json")
    args = ap.parse_args()
    out_dir = os.path.join(ROOT, "build", "profile")
    os.makedirs(out_dir, exist_ok=True)
    db = corpus(out_dir)
    count, size = slice_bytes(db, args.articles)
    ext = os.path.abspath(args.ext)
    print("profile: %d articles, %d bytes (first rows of the shuffled BBC + Reuters corpus)"
          % (count, size))
    report = {"articles": count, "bytes": size, "functions": {}}
    for name in args.functions.split(","):
        sql = QUERIES[name].format(n=args.articles)
        cg = os.path.join(out_dir, name + ".out")
        subprocess.check_call(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + cg,
                               "sqlite3", db, "-bail", "-cmd", ".load " + ext, sql],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        total, funcs = annotate(cg)
        print("\n%-12s %8.1f instructions/byte" % (name, total / size))
        for c, f in funcs[:args.top]:
            print("  %8.1f  %5.1f%%  %s" % (c / size, 100.0 * c / total, f))
        report["functions"][name] = {
            "instructions_per_byte": round(total / size, 1),
            "top": [{"function": f, "per_byte": round(c / size, 1)} for c, f in funcs[:args.top]]}
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(report, fh, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
