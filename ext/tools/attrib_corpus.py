#!/usr/bin/env python3
"""Writes PolNeAR attribution relations in the byte-offset form train_attrib reads.

  attrib_corpus.py DOCS.jsonl GOLD.jsonl SPLIT OUT.txt

DOCS/GOLD are ../shared/eval/polnear/{docs,gold}.jsonl; SPLIT is the value of
"source_split" to keep ("train").  For each document OUT.txt holds

  D <text bytes> <relations> <id>
  <the text, UTF-8>
  R <cue fragments> <content fragments> <source fragments>
  <start> <end>          one line per fragment, byte offsets, end exclusive
  ...

with the gold code point offsets turned into byte offsets.  The output is a
build file (it holds the article text): it stays in build/, never in git.
"""
import json
import sys

from genutil import byte_offsets

def main(argv):
    if len(argv) != 5:
        sys.exit(__doc__)
    docs_path, gold_path, split, out_path = argv[1:]
    gold = {}
    with open(gold_path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                g = json.loads(line)
                gold[g["id"]] = g.get("attributions", [])
    n = 0
    with open(docs_path, encoding="utf-8") as f, open(out_path, "wb") as out:
        for line in f:
            if not line.strip():
                continue
            d = json.loads(line)
            if d.get("source_split") != split or d["id"] not in gold:
                continue
            text = d["text"]
            off = byte_offsets(text)
            raw = text.encode("utf-8")
            rels = gold[d["id"]]
            out.write(b"D %d %d %s\n" % (len(raw), len(rels), d["id"].encode()))
            out.write(raw + b"\n")
            for r in rels:
                parts = [sorted(r.get(k) or []) for k in ("cue", "content", "source")]
                out.write(b"R %d %d %d\n" % tuple(len(p) for p in parts))
                for p in parts:
                    for s, e in p:
                        out.write(b"%d %d\n" % (off[s], off[e]))
            n += 1
    print(f"attrib_corpus: {n} documents ({split}) -> {out_path}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
