#!/usr/bin/env python3
"""Corpus-level checks of entities(): names that hold across whole corpora.

  run_corpus_names.py PATH/TO/newsext.so [EVAL_DIR]

Runs entities() over every article of the two raw corpora of the shared
evaluation folder (EVAL_DIR, default ../shared/eval: bbc_news_raw and
reuters21578_raw, read at test time and never copied into the repository)
and checks what users see when they GROUP BY:

  - no wire sign-off or misread agency: no mention whose canonical is
    REUTER or Reuter, and no mention spelled so that is not an ORG;
  - no canonical holds a line break, a tab or two spaces in a row;
  - every form of the United States (US, U.S., USA, U.S.A., America,
    United States) and of the United Kingdom (UK, U.K., Britain, Great
    Britain, United Kingdom) that is a LOC has one canonical each:
    "United States", "United Kingdom";
  - well-known companies keep their type: no mention whose canonical is
    Apple, Google, Yahoo, Sony, Nissan, ... is a PERSON or a LOC;
  - the short and long forms of well-known organisations (Fed / Federal
    Reserve, EU / European Union, UN / U.N. / United Nations, IMF, SEC)
    have one canonical each, and it is an ORG.

Prints the counts, then "corpus: N passed, N failed"; when the corpora are
not there it says so and passes with nothing checked (exit 0).
"""
import json
import os
import sqlite3
import subprocess
import sys
import tempfile

CORPORA = ("bbc_news_raw", "reuters21578_raw")
COUNTRIES = {
    "United States": ("US", "U.S.", "USA", "U.S.A.", "America", "United States"),
    "United Kingdom": ("UK", "U.K.", "Britain", "Great Britain", "United Kingdom"),
}
ORGANISATIONS = {
    "Federal Reserve": ("Fed", "FED", "Federal Reserve"),
    "European Union": ("EU", "E.U.", "European Union"),
    "United Nations": ("UN", "U.N.", "United Nations"),
    "International Monetary Fund": ("IMF", "International Monetary Fund"),
    "Securities and Exchange Commission": ("SEC", "Securities and Exchange Commission"),
}
# well-known companies the tagger alone read as people or places in some articles
COMPANIES = ("Apple", "Google", "Yahoo", "Sony", "Nissan", "Nokia", "Intel", "Renault", "Vodafone",
             "Nintendo", "Fujitsu", "Philips")


def main(argv):
    ext = os.path.splitext(os.path.abspath(argv[1]))[0]
    here = os.path.dirname(os.path.abspath(__file__))
    eval_dir = argv[2] if len(argv) > 2 else os.path.join(here, "..", "..", "shared", "eval")
    files = [os.path.join(eval_dir, c, "docs.jsonl") for c in CORPORA]
    missing = [f for f in files if not os.path.exists(f)]
    if missing:
        print(f"corpus: skipped, {missing[0]} not found")
        print("corpus: 0 passed, 0 failed")
        return 0
    sqlite3_shell = os.environ.get("SQLITE3", "sqlite3")
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "corpus.db")
        con = sqlite3.connect(db)
        con.execute("CREATE TABLE articles(id INTEGER PRIMARY KEY, source TEXT, body TEXT)")
        for f, c in zip(files, CORPORA):
            with open(f, encoding="utf-8") as fh:
                con.executemany("INSERT INTO articles(source, body) VALUES (?, ?)",
                                ((c, json.loads(line)["text"]) for line in fh if line.strip()))
        con.commit()
        con.close()
        # the sqlite3 shell loads the extension (not every Python build can)
        sql = (f".load {ext}\n"
               "CREATE TABLE ents AS SELECT a.source, e.text, e.type, e.canonical\n"
               "  FROM articles a, entities(a.body) e;\n")
        run = subprocess.run([sqlite3_shell, "-bail", db], input=sql, text=True,
                             capture_output=True)
        if run.returncode != 0:
            print(f"FAIL entities over the corpora: {run.stderr.strip()}")
            print("corpus: 0 passed, 1 failed")
            return 1
        con = sqlite3.connect(db)
        return checks(con)


def checks(con):
    n = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    print(f"corpus: {n} articles, {con.execute('SELECT count(*) FROM ents').fetchone()[0]} mentions")
    results = []

    def check(name, bad, detail):
        results.append(bad == 0)
        print(f"{'ok  ' if bad == 0 else 'FAIL'} {name}: {bad}{detail}")

    rows = con.execute("""SELECT text, type, canonical, count(*) FROM ents
                           WHERE canonical IN ('REUTER', 'Reuter')
                              OR (text IN ('REUTER', 'Reuter') AND type <> 'ORG')
                           GROUP BY 1, 2, 3 ORDER BY 4 DESC""").fetchall()
    check("REUTER/Reuter as a name", sum(r[3] for r in rows), f" {rows[:5]}" if rows else "")
    rows = con.execute("""SELECT canonical, count(*) FROM ents
                           WHERE canonical GLOB ('*' || char(10) || '*')
                              OR canonical GLOB ('*' || char(13) || '*')
                              OR canonical GLOB ('*' || char(9) || '*')
                              OR canonical GLOB '*  *'
                           GROUP BY 1 ORDER BY 2 DESC""").fetchall()
    check("canonical with a line break or doubled spaces", sum(r[1] for r in rows),
          f" {rows[:5]}" if rows else "")
    for name, forms in COUNTRIES.items():
        marks = ",".join("?" * len(forms))
        rows = con.execute(f"""SELECT canonical, count(*) FROM ents
                                WHERE type = 'LOC' AND text IN ({marks})
                                GROUP BY 1 ORDER BY 2 DESC""", forms).fetchall()
        other = [r for r in rows if r[0] != name]
        check(f"{'/'.join(forms)} -> {name}", sum(r[1] for r in other),
              f" of {sum(r[1] for r in rows)}: {other[:6]}" if other else
              f" of {sum(r[1] for r in rows)}")
    for name, forms in ORGANISATIONS.items():
        marks = ",".join("?" * len(forms))
        rows = con.execute(f"""SELECT canonical, type, count(*) FROM ents WHERE text IN ({marks})
                                GROUP BY 1, 2 ORDER BY 3 DESC""", forms).fetchall()
        other = [r for r in rows if r[0] != name or r[1] != "ORG"]
        check(f"{'/'.join(forms)} -> {name} (ORG)", sum(r[2] for r in other),
              f" of {sum(r[2] for r in rows)}: {other[:6]}" if other else
              f" of {sum(r[2] for r in rows)}")
    marks = ",".join("?" * len(COMPANIES))
    rows = con.execute(f"""SELECT canonical, type, count(*) FROM ents WHERE canonical IN ({marks})
                            GROUP BY 1, 2 ORDER BY 3 DESC""", COMPANIES).fetchall()
    bad = [r for r in rows if r[1] in ("PERSON", "LOC")]
    check("companies (Apple, Google, Sony...) as PERSON or LOC", sum(r[2] for r in bad),
          f" of {sum(r[2] for r in rows)}: {bad[:6]}" if bad else f" of {sum(r[2] for r in rows)}")
    passed = sum(results)
    print(f"corpus: {passed} passed, {len(results) - passed} failed")
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
