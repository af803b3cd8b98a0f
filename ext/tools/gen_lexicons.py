#!/usr/bin/env python3
"""Generate ext/core/gen/lexicons.inc and ext/core/gen/lexicon_classes.h
from the word lists in ext/data/.

  gen_lexicons.py OUT.inc OUT.h DATA.tsv...

Each TSV file becomes one `news_lexicon` named after the file
(abbreviations.tsv -> news_lex_abbreviations).  Lines are
"key<TAB>value" ("#" starts a comment line; a missing value means 1).
Keys are folded to lower case and sorted bytewise (timex_read.c walks
them in that order); beside them each lexicon gets an open-addressing
hash table over the keys' hashes (lex_hash, the same as lexicon.c's),
through which news_lex_find() looks a word up with one hash and usually
one probe.

Word classes are declared once, in the header of the TSV file that uses
them:

  #@prefix W_
  #@class HE 1        subject pronoun "he"

declares the class HE with the number 1.  The value column then names the
class ("he<TAB>HE", matched in any case) or a class plus a number
("may<TAB>MONTH+5"); a file that declares classes must use them for every
value.  OUT.h defines each class for C as PREFIX + NAME (W_HE), with the
rest of its #@class line as a comment.  Both outputs are deterministic.
"""
import os
import re
import sys

from genutil import c_string, write_atomic

CLASS_RE = re.compile(r"#@class\s+([A-Z][A-Z0-9_]*)\s+(-?\d+)\s*(.*)$")
PREFIX_RE = re.compile(r"#@prefix\s+([A-Za-z_][A-Za-z0-9_]*)\s*$")
VALUE_RE = re.compile(r"([A-Za-z][A-Za-z0-9_]*)(?:\s*\+\s*(\d+))?$")


def fail(path, lineno, msg):
    sys.exit(f"{path}:{lineno}: {msg}")


def read_tsv(path):
    """Returns (sorted [(key bytes, value)], prefix, [(name, number, comment)])."""
    entries, classes, prefix = {}, {}, None
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.startswith("#@"):
                m, p = CLASS_RE.match(line), PREFIX_RE.match(line)
                if p:
                    prefix = p.group(1)
                elif m and m.group(1) not in classes:
                    classes[m.group(1)] = (int(m.group(2)), m.group(3).strip())
                else:
                    fail(path, lineno, "bad or repeated declaration: " + line)
                continue
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            key = parts[0].strip().lower()
            raw = parts[1].strip() if len(parts) > 1 else "1"
            if classes:
                m = VALUE_RE.match(raw)
                if not m or m.group(1).upper() not in classes:
                    fail(path, lineno, f"value {raw!r} is not a declared class (#@class)")
                val = classes[m.group(1).upper()][0] + int(m.group(2) or 0)
            elif re.fullmatch(r"-?\d+", raw):
                val = int(raw)
            else:
                fail(path, lineno, f"value {raw!r}: declare its class with #@class")
            kb = key.encode("utf-8")
            if kb in entries and entries[kb] != val:
                fail(path, lineno, f"{key!r} is listed before with another value (keys match in any case)")
            entries[kb] = val
    if classes and prefix is None:
        fail(path, 0, "#@class without #@prefix")
    decls = [(name, num, comment) for name, (num, comment) in classes.items()]
    return sorted(entries.items()), prefix, decls


M64 = (1 << 64) - 1
CASE = 0x2020202020202020
K0, K1, K2, K3 = 0x9E3779B97F4A7C15, 0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53, 0xD6E8FEB86659FD93


def lex_hash(key):
    """The hash of a folded key, as lex_hash() of lexicon.c computes it: the
    key read as little-endian words (a short key as overlapping pieces), each
    byte or'ed with 0x20, mixed by multiplications into 32 bits."""
    n = len(key)
    le = lambda b: int.from_bytes(b, "little")
    if n < 4:
        a, b = (key[0] | key[n // 2] << 8 | key[n - 1] << 16) if n else 0, 0
    elif n <= 8:
        a, b = le(key[:4]), le(key[n - 4:])
    else:
        a, i = 0, 0
        while n - i > 8:
            a = ((a ^ (le(key[i:i + 8]) | CASE)) * K1) & M64
            i += 8
        b = le(key[n - 8:])
    a, b = a | CASE, b | CASE
    m = (((a ^ K0) * K1) & M64) ^ (((b + n) * K2) & M64)
    m ^= m >> 32
    m = (m * K3) & M64
    return m >> 32


def hash_slots(entries):
    """The open-addressing table of a lexicon: a power of two of at least twice
    as many slots as keys, linear probing from hash & mask; a slot holds the
    key's hash >> 16 in its high half and its index + 1 (0: empty) in the low.
    Slots are 32-bit, so the table does not depend on the machine."""
    if len(entries) >= 0xFFFF:
        sys.exit(f"gen_lexicons: {len(entries)} keys do not fit 16-bit slot indexes")
    size = 8
    while size < 2 * len(entries):
        size *= 2
    slots = [0] * size
    for i, (key, _) in enumerate(entries):
        h = lex_hash(key)
        at = h & (size - 1)
        while slots[at]:
            at = (at + 1) & (size - 1)
        slots[at] = (h >> 16) << 16 | (i + 1)
    return slots


def main(argv):
    out_inc, out_h, inputs = argv[1], argv[2], argv[3:]
    banner = "/* generated by ext/tools/gen_lexicons.py from the ext/data TSV files -- do not edit */"
    lines = [banner, ""]
    header = [banner, "#ifndef NEWS_GEN_LEXICON_CLASSES_H", "#define NEWS_GEN_LEXICON_CLASSES_H"]
    for path in sorted(inputs):
        name = os.path.splitext(os.path.basename(path))[0]
        entries, prefix, decls = read_tsv(path)
        lines.append(f"static const news_lex_entry lex_{name}_entries[] = {{")
        for key, val in entries:
            lines.append(f"  {{{c_string(key.decode('utf-8'))}, {len(key)}, {val}}},")
        lines.append("};")
        slots = hash_slots(entries)
        lines.append(f"static const uint32_t lex_{name}_slots[] = {{")
        for at in range(0, len(slots), 8):
            lines.append("  " + ", ".join(f"0x{x:08x}" for x in slots[at:at + 8]) + ",")
        lines.append("};")
        lines.append(f"const news_lexicon news_lex_{name} = {{\"{name}\", lex_{name}_entries, "
                     f"{len(entries)}, lex_{name}_slots, {len(slots) - 1}}};")
        lines.append("")
        if decls:
            header += ["", f"/* classes of ext/data/{name}.tsv (news_lex_{name}) */"]
            for cls, num, comment in decls:
                comment = comment.replace("*/", "* /")
                header.append(f"#define {prefix}{cls} {num}" + (f" /* {comment} */" if comment else ""))
    header += ["", "#endif", ""]
    write_atomic(out_inc, "\n".join(lines))
    write_atomic(out_h, "\n".join(header))


if __name__ == "__main__":
    main(sys.argv)
