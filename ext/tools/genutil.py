"""What the generators in ext/tools/ share: the word hash the C side uses,
the "word<TAB>number" files of ext/data/ner/, and writing an output file so
that an interrupted run never leaves half of one behind."""
import os


def fnv1a(data):
    """32-bit FNV-1a of bytes: the hash ner_features.c computes for every
    folded token (and gen/ner_words.inc and gen/common_words.inc are keyed by)."""
    h = 2166136261
    for b in data:
        h = ((h ^ b) * 16777619) & 0xFFFFFFFF
    return h


def read_word_values(path):
    """A "word<TAB>number" file ("#" comment lines, blank lines skipped) as
    {lower-cased word: number}."""
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            word, value = line.split("\t")
            out[word.lower()] = int(value)
    return out


def c_string(s):
    """s as a C string literal: printable ASCII as is, every other byte octal."""
    out = []
    for b in s.encode("utf-8"):
        ch = chr(b)
        if ch in '"\\':
            out.append("\\" + ch)
        elif 32 <= b < 127:
            out.append(ch)
        else:
            out.append("\\%03o" % b)
    return '"' + "".join(out) + '"'


def write_atomic(path, text):
    """Writes text to path through a temporary file and a rename."""
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def byte_offsets(text):
    """The UTF-8 byte offset of every code point of text, and of its end
    (list of len(text) + 1): gold spans count code points, the C core bytes."""
    off = [0] * (len(text) + 1)
    b = 0
    for i, ch in enumerate(text):
        off[i] = b
        b += len(ch.encode("utf-8"))
    off[len(text)] = b
    return off
