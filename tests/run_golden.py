#!/usr/bin/env python3
"""Golden files per function: every output row for a few articles we wrote.

  run_golden.py EXT [--accept] [FUNCTION...]

tests/golden/<function>/<name>.txt is an article; leading lines that start
with "#" are notes for the reader, and "# reference_date: YYYY-MM-DD" passes
that date as the second argument (event_dates).  <name>.expected holds what
`SELECT * FROM <function>(article)` returns: a header of column names, then
one row a line, tab-separated, NULL as NULL and tab, line break and
backslash escaped as \\t, \\n, \\\\.  Without --accept each result is diffed
against its .expected (exit 1 on any difference); with --accept
(`make golden-accept`) the .expected files are rewritten, so a reviewer sees
every changed row in the commit.
"""
import difflib
import os
import sqlite3
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, "golden")

if not hasattr(sqlite3.Connection, "enable_load_extension") and os.path.exists("/usr/bin/python3") \
        and os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3"):
    os.execv("/usr/bin/python3", ["/usr/bin/python3", os.path.abspath(__file__)] + sys.argv[1:])


def cell(v):
    if v is None:
        return "NULL"
    return str(v).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def article(path):
    """(text, reference_date or None): the file less its leading # lines."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    ref = None
    while lines and lines[0].startswith("#"):
        head = lines.pop(0)[1:].strip()
        if head.startswith("reference_date:"):
            ref = head.split(":", 1)[1].strip()
    return "\n".join(lines).strip("\n") + "\n", ref


def rows(db, fn, text, ref):
    cur = db.execute(f"SELECT * FROM {fn}(?{', ?' if ref else ''})", (text, ref) if ref else (text,))
    out = ["\t".join(d[0] for d in cur.description)]
    out += ["\t".join(cell(v) for v in r) for r in cur]
    return "\n".join(out) + "\n"


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    accept = "--accept" in argv
    if not args:
        sys.exit(__doc__)
    ext, only = os.path.abspath(args[0]), set(args[1:])
    db = sqlite3.connect(":memory:")
    db.enable_load_extension(True)
    db.load_extension(ext)
    passed = failed = written = 0
    for fn in sorted(os.listdir(GOLDEN)):
        if only and fn not in only:
            continue
        for name in sorted(os.listdir(os.path.join(GOLDEN, fn))):
            if not name.endswith(".txt"):
                continue
            path = os.path.join(GOLDEN, fn, name)
            exp_path = path[:-4] + ".expected"
            got = rows(db, fn, *article(path))
            want = open(exp_path, encoding="utf-8").read() if os.path.exists(exp_path) else None
            if accept:
                if got != want:
                    with open(exp_path, "w", encoding="utf-8") as f:
                        f.write(got)
                    written += 1
                    print(f"golden: wrote {os.path.relpath(exp_path, HERE)}")
            elif got == want:
                passed += 1
            else:
                failed += 1
                print(f"FAIL golden/{fn}/{name}:")
                sys.stdout.writelines(difflib.unified_diff(
                    (want or "").splitlines(True), got.splitlines(True),
                    f"golden/{fn}/{name[:-4]}.expected", "actual"))
    if accept:
        print(f"golden: {written} file(s) rewritten")
    else:
        print(f"golden: {passed} passed, {failed} failed")
        sys.exit(1 if failed or not passed else 0)


if __name__ == "__main__":
    main(sys.argv)
