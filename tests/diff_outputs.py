#!/usr/bin/env python3
"""diff_outputs.py -- every output row of every function on a corpus, dumped and compared.

WHAT
    diff_outputs.py dump EXT DIR [--functions F,...] [--corpus SRC ...]
        Runs each function of the extension EXT (e.g. ./newsext.so) over every
        article of the corpus (default: ../shared/eval/bbc_news_raw and
        reuters21578_raw, loaded once into build/diff/corpus.db by
        bench/load_corpus.py) and writes DIR/<function>.tsv: a header line of
        column names, then one line per row: the article's doc_id, the row's
        ordinal within the article, and every visible column, each value as
        Python's repr() so that line breaks and NULLs survive.
    diff_outputs.py compare OLD_DIR NEW_DIR [--show N] [--group]
        Compares two dumps function by function, on the columns both have
        (a column only one dump has is reported, not counted as a change).
        Prints, per function, the number of articles and rows that differ and
        the first N differing articles (old rows with -, new rows with +).
        With --group, it sorts the changes instead into kinds, by the spans
        (start, length) of the rows that differ within an article: "removed"
        and "added" (no row on the other side overlaps), "merged" (one new
        row over several old), "split" (the reverse), "span" (one for one,
        another extent) and "changed: COLUMNS" (same extent, other values),
        and prints the count of each kind with N samples.
        Exits 1 when any row differs, 0 when the outputs are identical.

    Typical use for a change that must not alter output:
        make && tests/diff_outputs.py dump ./newsext.so /tmp/before
        ... change, make ...
        tests/diff_outputs.py dump ./newsext.so /tmp/after
        tests/diff_outputs.py compare /tmp/before /tmp/after

HOW
    Python's sqlite3 module loads the extension; a Python built without
    extension loading (some pyenv builds) re-runs the script under
    /usr/bin/python3, which has it on Debian.  event_dates gets the article's
    `published` date as its reference.  Functions the extension does not have
    (attributions, places on an older build) are skipped with a note.
"""
import argparse
import filecmp
import os
import sqlite3
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
EVAL = os.path.join(ROOT, "..", "shared", "eval")
DEFAULT_CORPUS = [os.path.join(EVAL, "bbc_news_raw"), os.path.join(EVAL, "reuters21578_raw")]
FUNCTIONS = ["sentences", "tokens", "entities", "quotes", "event_dates", "attributions", "places"]


def reexec_if_needed():
    if hasattr(sqlite3.Connection, "enable_load_extension"):
        return
    if os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3") and \
            os.path.exists("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3", os.path.abspath(__file__)] + sys.argv[1:])
    sys.exit("diff_outputs: this Python cannot load SQLite extensions; use /usr/bin/python3")


def corpus_db(sources):
    out = os.path.join(ROOT, "build", "diff", "corpus.db")
    stamp = out + ".sources"
    want = "\n".join(os.path.abspath(s) for s in sources)
    if os.path.exists(out) and os.path.exists(stamp) and open(stamp).read() == want:
        return out
    os.makedirs(os.path.dirname(out), exist_ok=True)
    subprocess.run([sys.executable, os.path.join(ROOT, "bench", "load_corpus.py"), "--db", out]
                   + sources, check=True, stdout=subprocess.DEVNULL)
    with open(stamp, "w") as f:
        f.write(want)
    return out


def dump(args):
    db = sqlite3.connect(corpus_db(args.corpus))
    db.enable_load_extension(True)
    db.load_extension(os.path.abspath(args.ext))
    os.makedirs(args.dir, exist_ok=True)
    have = {r[0] for r in db.execute("SELECT name FROM pragma_module_list")}
    for fn in args.functions.split(","):
        if fn not in have:
            print("diff_outputs: %s: no such function in %s, skipped" % (fn, args.ext))
            continue
        arg = "a.body, a.published" if fn == "event_dates" else "a.body"
        cur = db.execute("SELECT a.doc_id, f.* FROM articles a, %s(%s) f ORDER BY a.id" % (fn, arg))
        cols = [d[0] for d in cur.description[1:]]
        rows = 0
        with open(os.path.join(args.dir, fn + ".tsv"), "w", encoding="utf-8") as f:
            f.write("\t".join(["doc_id", "n"] + cols) + "\n")
            last, n = None, 0
            for r in cur:
                n = n + 1 if r[0] == last else 1
                last = r[0]
                f.write("\t".join([r[0], str(n)] + [repr(v) for v in r[1:]]) + "\n")
                rows += 1
        print("diff_outputs: %-12s %9d rows" % (fn, rows))


def read(path):
    """header, {doc_id: [row, ...]} with each row a list of column strings."""
    by_doc = {}
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            cells = line.rstrip("\n").split("\t")
            by_doc.setdefault(cells[0], []).append(cells)
    return header, by_doc


def compare(args):
    changed_any = False
    for fn in FUNCTIONS:
        po, pn = (os.path.join(d, fn + ".tsv") for d in (args.old, args.new))
        if not os.path.exists(po) and not os.path.exists(pn):
            continue
        if not os.path.exists(po) or not os.path.exists(pn):
            print("%s: only in %s" % (fn, args.old if os.path.exists(po) else args.new))
            continue
        if filecmp.cmp(po, pn, shallow=False):
            print("%s: identical (byte for byte)" % fn)
            continue
        ho, old = read(po)
        hn, new = read(pn)
        common = [c for c in ho if c in hn and c not in ("doc_id", "n")]
        for c in ho:
            if c not in hn:
                print("%s: column %s only in %s" % (fn, c, args.old))
        for c in hn:
            if c not in ho:
                print("%s: column %s only in %s" % (fn, c, args.new))
        io = [ho.index(c) for c in common]
        inn = [hn.index(c) for c in common]
        diffs = []
        rows_old = rows_new = 0
        for doc in sorted(set(old) | set(new)):
            ro = ["\t".join(r[i] for i in io) for r in old.get(doc, [])]
            rn = ["\t".join(r[i] for i in inn) for r in new.get(doc, [])]
            if ro != rn:
                gone = [r for r in ro if r not in rn]
                came = [r for r in rn if r not in ro]
                diffs.append((doc, gone, came))
                rows_old += len(gone)
                rows_new += len(came)
        if not diffs:
            print("%s: identical (%d articles with rows)" % (fn, len(set(old) | set(new))))
            continue
        changed_any = True
        print("%s: %d articles differ; %d rows only in old, %d only in new"
              % (fn, len(diffs), rows_old, rows_new))
        if args.group:
            group(diffs, common, args.show)
            continue
        for doc, gone, came in diffs[:args.show]:
            print("  article %s" % doc)
            for r in gone:
                print("    - " + r)
            for r in came:
                print("    + " + r)
    return 1 if changed_any else 0


def group(diffs, cols, show):
    """Prints the changes of one function sorted into kinds (see --group)."""
    if "start" not in cols or "length" not in cols:
        print("  (no start/length columns: --group cannot pair rows)")
        return
    i_start, i_len = cols.index("start"), cols.index("length")

    def extent(r):
        c = r.split("\t")
        return int(c[i_start]), int(c[i_start]) + max(int(c[i_len]), 1)

    kinds = {}
    for doc, gone, came in diffs:
        # clusters of overlapping rows: old and new rows joined by overlap
        items = [("-", r, extent(r)) for r in gone] + [("+", r, extent(r)) for r in came]
        items.sort(key=lambda x: x[2])
        clusters, end = [], -1
        for it in items:
            if clusters and it[2][0] < end:
                clusters[-1].append(it)
                end = max(end, it[2][1])
            else:
                clusters.append([it])
                end = it[2][1]
        for cl in clusters:
            o = [x for x in cl if x[0] == "-"]
            n = [x for x in cl if x[0] == "+"]
            if not n:
                kind = "removed"
            elif not o:
                kind = "added"
            elif len(n) == 1 and len(o) > 1:
                kind = "merged"
            elif len(o) == 1 and len(n) > 1:
                kind = "split"
            elif len(o) == 1 and len(n) == 1 and o[0][2] != n[0][2]:
                kind = "span"
            elif len(o) == 1:
                a, b = o[0][1].split("\t"), n[0][1].split("\t")
                kind = "changed: " + ",".join(c for c, x, y in zip(cols, a, b) if x != y)
            else:
                kind = "other"
            kinds.setdefault(kind, []).append((doc, cl))
    for kind, cases in sorted(kinds.items(), key=lambda kv: -len(kv[1])):
        print("  %-30s %6d" % (kind, len(cases)))
        for doc, cl in cases[:show]:
            print("    article %s" % doc)
            for sign, r, _ in cl:
                print("      %s %s" % (sign, r))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("ext")
    d.add_argument("dir")
    d.add_argument("--functions", default=",".join(FUNCTIONS))
    d.add_argument("--corpus", nargs="+", default=DEFAULT_CORPUS)
    c = sub.add_parser("compare")
    c.add_argument("old")
    c.add_argument("new")
    c.add_argument("--show", type=int, default=10)
    c.add_argument("--group", action="store_true", help="sort the changes into kinds (see above)")
    args = ap.parse_args()
    if args.cmd == "dump":
        reexec_if_needed()
        dump(args)
        return 0
    return compare(args)


if __name__ == "__main__":
    sys.exit(main())
