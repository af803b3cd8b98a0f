#!/usr/bin/env python3
"""Convert gold-annotated JSONL (docs.jsonl + gold.jsonl) into the simple
byte-offset file that ext/tools/train_ner.c reads.

  ner_corpus.py DOCS.jsonl GOLD.jsonl SPLIT OUT.txt

Only documents whose "source_split" equals SPLIT are written ("all" keeps
every document).  GOLD may be "-" for raw text without annotations (the
word-cluster tool reads the same format).  For each document the output holds:

  D <text bytes> <entity count> <id>\n
  <text, UTF-8>\n
  <start> <end> <TYPE>\n          (one line per entity, byte offsets)

The gold offsets are 0-based code points; they are turned into UTF-8 byte
offsets here so the C trainer can compare them with token offsets directly.
The output is derived from licensed text: keep it out of the repository
(the Makefile writes it under $(BUILD)/).
"""
import json
import sys

from genutil import byte_offsets

def main(argv):
    docs_path, gold_path, split, out_path = argv[1:5]
    gold = {}
    if gold_path != "-":
        with open(gold_path, encoding="utf-8") as f:
            for line in f:
                g = json.loads(line)
                gold[g["id"]] = g.get("entities", [])
    n = 0
    with open(docs_path, encoding="utf-8") as f, open(out_path, "wb") as out:
        for line in f:
            d = json.loads(line)
            if split != "all" and d.get("source_split") != split:
                continue
            text = d["text"]
            pos = byte_offsets(text)
            ents = gold.get(d["id"], [])
            raw = text.encode("utf-8")
            out.write(b"D %d %d %s\n" % (len(raw), len(ents), d["id"].encode()))
            out.write(raw + b"\n")
            for e in ents:
                out.write(b"%d %d %s\n" % (pos[e["start"]], pos[e["end"]], e["type"].encode()))
            n += 1
    print(f"{out_path}: {n} documents", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
