#!/usr/bin/env python3
"""Loads newsext into Python's sqlite3 module and checks a few results.

  test_load.py PATH/TO/newsext.so

Uses only the standard library (Debian's /usr/bin/python3 has extension
loading).  Prints "N passed, N failed" and exits non-zero on any failure.
"""
import os
import sqlite3
import sys

ARTICLE = ("LONDON (Reuters) - Britain's Prime Minister said on Monday the talks had "
           "failed. “We tried,” she told reporters. “It was not enough.”")


def main(argv):
    ext = os.path.splitext(os.path.abspath(argv[1]))[0]
    con = sqlite3.connect(":memory:")
    con.enable_load_extension(True)
    con.load_extension(ext)
    con.enable_load_extension(False)
    checks = []

    def check(name, got, want):
        checks.append(got == want)
        if got != want:
            print(f"FAIL {name}: got {got!r}, want {want!r}")

    check("version", con.execute("select newsext_version()").fetchone()[0].count("."), 2)
    rows = con.execute("select sentence, idx from sentences(?)", (ARTICLE,)).fetchall()
    check("sentences", [r[1] for r in rows], [0, 1, 2, 3])
    check("first sentence", rows[0][0], "LONDON (Reuters) -")
    bad = con.execute("select count(*) from sentences(?1) s "
                      "where substr(?1, s.start, s.length) <> s.sentence", (ARTICLE,)).fetchone()[0]
    check("offsets", bad, 0)
    try:
        con.execute("select * from tokens(?)", (b"\x00\x01",)).fetchall()
        check("blob error", "no error", "error")
    except sqlite3.Error as e:
        check("blob error", str(e), "tokens: expected text, got a blob")
    # reference_date forms our own parser does not read (a Julian day number)
    # are read with an internal SELECT date(?1); when that
    # statement fails (here an authorizer denies date()), its own message
    # reaches the user, not a bare "SQL logic error"
    con.set_authorizer(lambda op, a1, a2, db, src:
                       sqlite3.SQLITE_DENY if op == sqlite3.SQLITE_FUNCTION and a2 == "date"
                       else sqlite3.SQLITE_OK)
    try:
        con.execute("select * from event_dates('It rained on Monday.', 2459367.5)").fetchall()
        check("date() denied", "no error", "error")
    except sqlite3.Error as e:
        check("date() denied", str(e), "event_dates: reference_date: not authorized to use function: date")
    con.set_authorizer(None)
    failed = checks.count(False)
    print(f"python: {len(checks) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
