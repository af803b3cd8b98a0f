#!/usr/bin/env python3
"""load_corpus.py -- loads docs.jsonl files into the bench's SQLite database.

WHAT
    load_corpus.py --db OUT.db [--seed N] SOURCE...
    SOURCE is a docs.jsonl file ({"id", "text", "dct", ...} a line, the
    ../shared/eval format) or a directory holding one.  Writes

        articles(id INTEGER PRIMARY KEY,   -- the rowid: 1..n
                 doc_id TEXT,              -- the source's "id"
                 body TEXT,                -- the article text
                 published TEXT)           -- "dct" (YYYY-MM-DD) or NULL
        bench_meta(key TEXT PRIMARY KEY, value)   -- sources, counts, bytes

HOW
    All articles of all sources are read, shuffled with a seeded
    random.Random and numbered 1..n in that order, so that any prefix of
    rowids (the bench's 1x, 2x, 4x scaling sizes) is a representative mix of
    every source rather than, say, only BBC articles.  Empty texts are
    skipped, and so are exact duplicates (a wire corpus repeats some stories),
    so that no article is measured twice; the count dropped is reported.  The database is built under a temporary name and renamed, so
    an interrupted load never leaves a half-built corpus behind.
"""
import argparse
import hashlib
import json
import os
import random
import sqlite3
import sys


def sources(paths):
    for p in paths:
        for part in p.replace(",", " ").split():
            if os.path.isdir(part):
                part = os.path.join(part, "docs.jsonl")
            yield part


def main():
    ap = argparse.ArgumentParser(description="load docs.jsonl files into a bench database")
    ap.add_argument("--db", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("source", nargs="+")
    a = ap.parse_args()
    rows = []
    seen = set()
    dropped = 0
    files = list(sources(a.source))
    for f in files:
        with open(f, encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                d = json.loads(line)
                if not d.get("text"):
                    continue
                h = hashlib.blake2b(d["text"].encode("utf-8"), digest_size=16).digest()
                if h in seen:
                    dropped += 1
                    continue
                seen.add(h)
                rows.append((str(d.get("id", "")), d["text"], d.get("dct")))
    if not rows:
        sys.exit("load_corpus: no articles in %s" % " ".join(files))
    random.Random(a.seed).shuffle(rows)
    tmp = a.db + ".tmp"
    if os.path.exists(tmp):
        os.remove(tmp)
    con = sqlite3.connect(tmp)
    con.executescript("""
        CREATE TABLE articles(id INTEGER PRIMARY KEY, doc_id TEXT, body TEXT, published TEXT);
        CREATE TABLE bench_meta(key TEXT PRIMARY KEY, value);
    """)
    con.executemany("INSERT INTO articles(id, doc_id, body, published) VALUES (?,?,?,?)",
                    ((i + 1, r[0], r[1], r[2]) for i, r in enumerate(rows)))
    nbytes = sum(len(r[1].encode("utf-8")) for r in rows)
    meta = {"sources": " ".join(os.path.abspath(f) for f in files), "articles": len(rows),
            "bytes": nbytes, "seed": a.seed, "duplicates_dropped": dropped}
    con.executemany("INSERT INTO bench_meta VALUES (?,?)", meta.items())
    con.commit()
    con.close()
    os.replace(tmp, a.db)
    print("load_corpus: %d articles, %.1f MB -> %s (%d duplicate texts dropped)"
          % (len(rows), nbytes / 1e6, a.db, dropped), file=sys.stderr)


if __name__ == "__main__":
    main()
