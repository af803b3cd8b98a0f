#!/usr/bin/env python3
"""The word-list generator's contract (ext/tools/gen_lexicons.py), on small
TSV files written here: declared classes reach the C header, values name
them (CLASS and CLASS+N, any case), and a value that is no declared class,
a repeated class, a class without a prefix or a key listed twice with two
values stops the generator with the file and line.  Prints "generators: N passed, N failed"."""
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GEN = os.path.join(ROOT, "ext", "tools", "gen_lexicons.py")


def run(files):
    """(exit code, stderr, lexicons.inc text, lexicon_classes.h text) for {name: text}."""
    with tempfile.TemporaryDirectory() as d:
        paths = []
        for name, text in files.items():
            paths.append(os.path.join(d, name))
            with open(paths[-1], "w", encoding="utf-8") as f:
                f.write(text)
        inc, h = os.path.join(d, "lex.inc"), os.path.join(d, "classes.h")
        p = subprocess.run([sys.executable, GEN, inc, h] + paths, capture_output=True, text=True)
        read = lambda x: open(x, encoding="utf-8").read() if os.path.exists(x) else ""
        return p.returncode, p.stderr, read(inc), read(h)


CLASSED = """# a word list with classes
#@prefix WL_
#@class NOUN 10  a noun
#@class VERB 20  a verb
cat\tNOUN
Run\tverb
runs\tVERB+1
"""

CASES = [
    ("classes reach the header", {"words.tsv": CLASSED},
     lambda rc, err, inc, h: rc == 0 and "#define WL_NOUN 10 /* a noun */" in h
     and "#define WL_VERB 20 /* a verb */" in h and "news_lex_words" in inc),
    ("values name classes, folded keys, CLASS+N", {"words.tsv": CLASSED},
     lambda rc, err, inc, h: '{"cat", 3, 10}' in inc and '{"run", 3, 20}' in inc
     and '{"runs", 4, 21}' in inc),
    ("numbers without classes", {"plain.tsv": "# numbers\nfoo\t3\nbar\n"},
     lambda rc, err, inc, h: rc == 0 and '{"foo", 3, 3}' in inc and '{"bar", 3, 1}' in inc
     and h.count("#define") == 1),
    ("an undeclared class stops it", {"bad.tsv": CLASSED + "dog\tADJ\n"},
     lambda rc, err, inc, h: rc != 0 and "bad.tsv:8" in err and "ADJ" in err),
    ("a bare number in a classed file stops it", {"bad.tsv": CLASSED + "dog\t10\n"},
     lambda rc, err, inc, h: rc != 0 and "bad.tsv:8" in err),
    ("a class name without a declaration stops it", {"bad.tsv": "dog\tNOUN\n"},
     lambda rc, err, inc, h: rc != 0 and "bad.tsv:1" in err),
    ("a repeated class stops it", {"bad.tsv": "#@prefix X_\n#@class A 1\n#@class A 2\na\tA\n"},
     lambda rc, err, inc, h: rc != 0 and "bad.tsv:3" in err),
    ("classes without a prefix stop it", {"bad.tsv": "#@class A 1\na\tA\n"},
     lambda rc, err, inc, h: rc != 0 and "#@prefix" in err),
    ("a key listed twice with two values stops it", {"bad.tsv": CLASSED + "Cat\tVERB\n"},
     lambda rc, err, inc, h: rc != 0 and "bad.tsv:8" in err and "cat" in err),
    ("a key listed twice with one value is kept once", {"words.tsv": CLASSED + "cat\tNOUN\n"},
     lambda rc, err, inc, h: rc == 0 and inc.count('{"cat", 3, 10}') == 1),
]


def main():
    passed = failed = 0
    for name, files, check in CASES:
        rc, err, inc, h = run(files)
        if check(rc, err, inc, h):
            passed += 1
        else:
            failed += 1
            print(f"FAIL {name}: exit {rc}\n{err}{h}")
    print(f"generators: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
