/*
** places.c -- place mentions resolved to the gazetteer (news_places_run).
**
** WHAT IT DOES
**   1. Mentions: every LOC entity; an ORG or MISC entity that is exactly a
**      country's name or a city of 500,000+ people (a place standing for
**      its government: "Tehran said"); a NORP entity or a capitalised word
**      that is a demonym ("Iranian officials" -> Iran); the place in front
**      of "-based", "-led" and the like ("Britain-based").  A mention of the
**      form "City, State" (one entity, or two separated only by a comma)
**      is two mentions, the second the first's container.
**   2. Candidates: every gazetteer entry whose folded name equals the
**      mention's (places.h).  None: the row keeps kind 0 and NULL
**      coordinates (an unknown name, never a guess).
**   3. A first guess per mention from the prior alone (countries, then
**      regions, states, counties, and cities by population), which gives
**      the article's evidence: the countries and first-level divisions it
**      names, and the points of its unambiguous places.
**   4. The final choice adds to the prior the support of the OTHER names of
**      the article for the candidate's country and state, a bonus for lying
**      within about 150 km of another of its places, and the container of a
**      "City, State" mention (a candidate outside it is dropped; the
**      container itself must be a state or country).  A name resolved
**      through a container resolves the same way everywhere in the article.
**
** INVARIANTS
**   Output rows are in text order and never overlap.  The evidence is
**   merged into one item per name and first guess, with per-country and
**   per-state totals, and the mentions of one name are resolved once, so a
**   long article of repeated names costs O(n log n), not O(n^2).  All
**   strings point into the static tables.
*/
#include "lexicon.h"
#include "places.h"

#include <stdlib.h>

const char *news_place_kind_name(unsigned kind) {
  switch (kind) {
  case NEWS_PLACE_COUNTRY: return "country";
  case NEWS_PLACE_ADMIN1: return "admin1";
  case NEWS_PLACE_ADMIN2: return "admin2";
  case NEWS_PLACE_CITY: return "city";
  case NEWS_PLACE_REGION: return "region";
  case NEWS_PLACE_FEATURE: return "feature";
  default: return NULL;
  }
}

#define KEYCAP 128

typedef struct mention {
  uint32_t start, end, sentence; /* bytes of the row */
  uint32_t first, n;             /* gazetteer entries of its name */
  int only_country;              /* a demonym: this country index, else -1 */
  int container;                 /* mention index of its "State" in "City, State", else -1 */
  bool is_container;             /* the "State" of a "City, State" */
  int contains;                  /* for the "State": the mention index of its "City", else -1 */
  bool weak;                     /* a city found only by its place in an
                                    organisation's name or before "police":
                                    kept only near the article's other places */
  int guess;                     /* step 3: entry index or -1 */
  int res;                       /* step 4: entry index or -1 */
  uint32_t seq;                  /* order of collection, for a stable sort */
} mention;

/* How sure a first guess is, in twentieths: sums stay exact integers. */
#define W_SURE 20    /* a country, state or county, or placed by a container */
#define W_CLEAR 14   /* a city well ahead of its namesakes */
#define W_DEMONYM 10 /* a country named by a demonym */
#define W_WEAK 5     /* a city barely ahead */
#define W_UNIT 20.0

/* The first guesses of the article's mentions of one name that agree. */
typedef struct evidence {
  int16_t country, admin1;
  int16_t lat100, lon100;
  uint8_t kind;
  uint8_t wmax;   /* the surest of them */
  uint32_t w;     /* their weights summed */
  uint32_t first; /* the mentions' name, so a name never supports itself */
} evidence;

/* An evidence point (a county or city), for the "within 150 km" test. */
typedef struct point {
  int16_t lat100, lon100;
  uint8_t wmax;
  uint32_t first;
} point;

/* The evidence's weight in one country or state. */
typedef struct total {
  int32_t id;
  uint32_t w;
} total;

typedef struct ctx {
  news_doc *d;
  news_vec ms;     /* mention */
  news_vec ev;     /* evidence, by name (first) once merged */
  news_vec pts;    /* point, by latitude */
  news_vec ctot;   /* total per country, by id */
  news_vec atot;   /* total per admin1, by id */
  uint32_t wcountry; /* weight of the evidence that has a country */
} ctx;

/* The weight of the evidence in country or state id (t: ctot or atot). */
static uint32_t weight_in(const news_vec *t, int id) {
  const total *x = t->data;
  uint32_t a = 0, b = t->n;
  while (a < b) {
    uint32_t mid = a + (b - a) / 2;
    if (x[mid].id < id) a = mid + 1;
    else b = mid;
  }
  return a < t->n && x[a].id == id ? x[a].w : 0;
}

/* Items [*lo, *hi) of the merged evidence from mentions of the name first. */
static void own_evidence(const ctx *c, uint32_t first, uint32_t *lo, uint32_t *hi) {
  const evidence *ev = c->ev.data;
  uint32_t a = 0, b = c->ev.n;
  while (a < b) {
    uint32_t mid = a + (b - a) / 2;
    if (ev[mid].first < first) a = mid + 1;
    else b = mid;
  }
  *lo = a;
  while (a < c->ev.n && ev[a].first == first) a++;
  *hi = a;
}

/* True when an evidence point of weight >= minw, of another name than
** `other` (UINT32_MAX: any), lies within about 150 km of e. */
static bool near_point(const ctx *c, const news_gaz_entry *e, uint32_t other, unsigned minw);

/* log10 of a population, close enough for a prior (no libm). */
static double pop_log(uint32_t pop) {
  double x = pop < 1 ? 1.0 : (double)pop, r = 0.0;
  while (x >= 10.0) {
    x /= 10.0;
    r += 1.0;
  }
  return r + (x - 1.0) / 9.0;
}

static double prior(const news_gaz_entry *e) {
  switch (e->kind) {
  case NEWS_PLACE_COUNTRY: return 11.0;
  case NEWS_PLACE_REGION:
  case NEWS_PLACE_FEATURE: return 10.0;
  case NEWS_PLACE_ADMIN1: return 8.5;
  case NEWS_PLACE_ADMIN2: /* the bigger county of a name first */
    return (e->flags & NEWS_GAZ_SHORT ? 3.0 : 6.0) + 0.2 * pop_log(e->population);
  default: {
    double p = pop_log(e->population) + (e->flags & NEWS_GAZ_CAPITAL ? 1.0 : 0.0) +
               (e->flags & NEWS_GAZ_USUAL ? 3.0 : 0.0);
    /* a big city named like its own state (New York, Sao Paulo) is the city */
    if (e->population >= 1000000 && e->admin1 >= 0) {
      const char *a = news_admin1_name(&news_admin1s[e->admin1]), *k = news_gaz_key(e);
      if (news_place_fold(a, strlen(a), NULL, 0) == strlen(k ? k : news_gaz_name(e))) p += 3.0;
    }
    return p;
  }
  }
}

/* Rough squared distance in (hundredths of a degree)^2, longitude scaled by
** the cosine of the latitude (a polynomial: no libm). */
static double dist2(int lat1, int lon1, int lat2, int lon2) {
  double la = (lat1 + lat2) / 2.0 / 100.0 * 3.14159265 / 180.0;
  double c = 1.0 - la * la / 2.0 + la * la * la * la / 24.0;
  if (c < 0.05) c = 0.05;
  double dy = lat1 - lat2, dx = (lon1 - lon2) * c;
  return dx * dx + dy * dy;
}

/* Weight and cap of the support a candidate's country gets from the
** article's other places. */
#ifndef CS_W
#define CS_W 1.5
#endif
#ifndef CS_CAP
#define CS_CAP 3.0
#endif

/* 150 km is about 1.35 degrees of latitude */
#define NEAR2 (135.0 * 135.0)

/* Whether a, placed by the container k (a state or country), lies in it. */
static bool lies_in(const news_gaz_entry *a, const news_gaz_entry *k) {
  return k->kind == NEWS_PLACE_ADMIN1 ? a->admin1 == k->admin1 : a->country == k->country;
}

/* Whether some entry of mention m lies in the state or country k (true for
** a name the gazetteer does not know: it may lie anywhere). */
static bool holds_some(const mention *m, const news_gaz_entry *k) {
  if (!m->n) return true;
  for (uint32_t i = m->first; i < m->first + m->n; i++)
    if (lies_in(&news_gaz[i], k)) return true;
  return false;
}

/* Whether m's name is the name of country ci. */
static bool names_country(const mention *m, int ci) {
  for (uint32_t i = m->first; i < m->first + m->n; i++)
    if (news_gaz[i].kind == NEWS_PLACE_COUNTRY && news_gaz[i].country == ci) return true;
  return false;
}

/* Candidate entries a mention may take: all of its name's, for a demonym
** only its country's, for the "State" of "City, State" a state or country
** that holds some place of the City's name; never a division named like its
** own country (the province of Taiwan for "Taiwan"). */
static bool allowed(const mention *m, const news_gaz_entry *e, const mention *all) {
  if (m->only_country >= 0) return e->kind == NEWS_PLACE_COUNTRY && e->country == m->only_country;
  if (e->kind == NEWS_PLACE_ADMIN1 && names_country(m, e->country)) return false;
  if (m->is_container)
    return (e->kind == NEWS_PLACE_ADMIN1 || e->kind == NEWS_PLACE_COUNTRY) && holds_some(&all[m->contains], e);
  return true;
}

/* Whether "county" or "counties" follows m ("Otoe and Washington counties"). */
static bool county_follows(const news_doc *d, const mention *m) {
  uint32_t i = m->end;
  while (i < d->len && d->text[i] == ' ') i++;
  return d->len - i >= 6 && memcmp(d->text + i, "count", 5) == 0 && (d->text[i + 5] == 'y' || d->text[i + 5] == 'i');
}

/* The entry of m's name that is its usual referent in news
** (NEWS_GAZ_USUAL: Washington, D.C.), or -1. */
static int usual_entry(const mention *m) {
  for (uint32_t i = m->first; i < m->first + m->n; i++)
    if (news_gaz[i].flags & NEWS_GAZ_USUAL) return (int)i;
  return -1;
}

static double score(const ctx *c, const mention *m, const news_gaz_entry *e, bool context,
                    const mention *all) {
  double s = prior(e);
  if (m->container >= 0) {
    const mention *k = &all[m->container];
    int r = k->res >= 0 ? k->res : k->guess;
    if (r >= 0) {
      if (!lies_in(e, &news_gaz[r])) return -100.0;
      s += 10.0;
    }
  }
  if (!context) return s;
  /* the weight of the OTHER names' evidence in e's country and state */
  uint32_t cw = e->country >= 0 ? weight_in(&c->ctot, e->country) : 0;
  uint32_t aw = e->admin1 >= 0 ? weight_in(&c->atot, e->admin1) : 0;
  uint32_t lo, hi;
  own_evidence(c, m->first, &lo, &hi);
  const evidence *ev = c->ev.data;
  for (uint32_t i = lo; i < hi; i++) {
    if (e->country >= 0 && ev[i].country == e->country) cw -= ev[i].w;
    if (e->admin1 >= 0 && ev[i].admin1 == e->admin1) aw -= ev[i].w;
  }
  /* a name with a usual referent keeps it unless a container places it
  ** or it names a state the article's other places are in */
  if (!(e->flags & NEWS_GAZ_USUAL) && m->container < 0 && !m->is_container && m->only_country < 0 &&
      !(e->kind == NEWS_PLACE_ADMIN1 && aw > 0) && !(e->kind == NEWS_PLACE_ADMIN2 && county_follows(c->d, m)) &&
      usual_entry(m) >= 0)
    return -60.0;
  double cs = cw / W_UNIT, as = aw / W_UNIT;
  bool near = e->kind >= NEWS_PLACE_ADMIN2 && e->kind <= NEWS_PLACE_CITY && near_point(c, e, m->first, W_DEMONYM);
  s += CS_W * (cs < CS_CAP ? cs : CS_CAP) + 2.0 * (as < 3 ? as : 3) + (near ? 2.0 : 0.0);
  return s;
}

/* The best allowed entry of m (and the runner-up's score through *second). */
static int best(const ctx *c, const mention *m, bool context, const mention *all, double *bs,
                double *second) {
  int bi = -1;
  double b = -1e9, s2 = -1e9;
  for (uint32_t i = m->first; i < m->first + m->n; i++) {
    const news_gaz_entry *e = &news_gaz[i];
    if (!allowed(m, e, all)) continue;
    double s = score(c, m, e, context, all);
    if (s > b) {
      s2 = b;
      b = s;
      bi = (int)i;
    } else if (s > s2) s2 = s;
  }
  if (bs) *bs = b;
  if (second) *second = s2;
  return b > -50.0 ? bi : -1;
}

/* ------------------------------------------------------------ mentions */

static const char *const BASED[] = {"based", "led", "backed", "born", "owned", "run", "funded",
                                    "bound", "made", "headquartered", "controlled", "brokered"};

/* The gazetteer entries of country ci's own name (for a demonym): *first
** and the count. */
static uint32_t country_entries(int ci, uint32_t *first) {
  char key[KEYCAP];
  const char *nm = news_countries[ci].name;
  size_t n = news_place_fold(nm, strlen(nm), key, sizeof key);
  *first = 0;
  return n < sizeof key ? news_gaz_find(key, n, first, NULL) : 0;
}

/* Adds the mention text[start..end) whose name has the gazetteer entries
** [first, first + cnt), or for a demonym (only_country >= 0) those of its
** country's name.  A name with no entries is kept only when keep_unknown,
** and one listed as NEWS_GAZ_IGNORE never. */
static news_rc add_mention(ctx *c, uint32_t start, uint32_t end, uint32_t sentence, uint32_t first,
                           uint32_t cnt, int only_country, bool keep_unknown) {
  if (only_country >= 0) cnt = country_entries(only_country, &first);
  if (!cnt && !keep_unknown) return NEWS_OK;
  for (uint32_t i = first; i < first + cnt; i++)
    if (news_gaz[i].kind == NEWS_GAZ_IGNORE) return NEWS_OK;
  mention *m = news_doc_vec_push(c->d, &c->ms);
  if (!m) return NEWS_ERR_NOMEM;
  m->start = start;
  m->end = end;
  m->sentence = sentence;
  m->first = first;
  m->n = cnt;
  m->only_country = only_country;
  m->container = m->contains = -1;
  m->guess = m->res = -1;
  m->weak = false;
  m->seq = c->ms.n - 1;
  m->is_container = false;
  return NEWS_OK;
}

static bool upper_at(const news_doc *d, uint32_t i) {
  int32_t cp;
  news_utf8_next((const unsigned char *)d->text, d->len, i, &cp);
  return news_is_upper(cp);
}

static bool word_is(const news_doc *d, const news_token *t, const char *const *list, size_t n) {
  size_t len = t->end - t->start;
  for (size_t k = 0; k < n; k++)
    if (strlen(list[k]) == len && memcmp(d->text + t->start, list[k], len) == 0) return true;
  return false;
}

/* Words that make the place before them a modifier of local news:
** "Athens police", "Lebanon residents". */
static const char *const LOCAL[] = {"police", "officers", "officials", "residents", "council",
                                    "mayor", "schools", "firefighters", "voters", "area",
                                    "native", "city", "township", "county", "authorities"};
/* Compass and size words in front of a place ("North Texas", "Metro Vancouver"). */
static const char *const COMPASS[] = {
    "North",    "South",    "East",     "West",     "Northeast", "Northwest", "Southeast",
    "Southwest", "Central", "Northern", "Southern", "Eastern",   "Western",   "Upper",
    "Lower",    "Metro",    "Greater",  "Downtown", "Midtown",   "Inner",     "Outer"};

/* Gazetteer entries for text[s..e): *first, returns the count; *longer
** (may be NULL) whether a longer name may start with it.  The folded name
** is left in key (KEYCAP bytes), its length in *klen (0 when it does not
** fit). */
static uint32_t lookup_key(const news_doc *d, uint32_t s, uint32_t e, char *key, size_t *klen,
                           uint32_t *first, bool *longer) {
  size_t n = news_place_fold(d->text + s, e - s, key, KEYCAP);
  if (longer) *longer = false;
  *first = 0;
  *klen = n < KEYCAP ? n : 0;
  return n > 0 && n < KEYCAP ? news_gaz_find(key, n, first, longer) : 0;
}

static uint32_t lookup(const news_doc *d, uint32_t s, uint32_t e, uint32_t *first) {
  char key[KEYCAP];
  size_t n;
  return lookup_key(d, s, e, key, &n, first, NULL);
}

/* Kinds the entries of a name include, as a bit set (1 << kind); short
** forms ("Harris" for Harris County) do not count. */
static unsigned kinds_of(uint32_t first, uint32_t n) {
  unsigned k = 0;
  for (uint32_t i = first; i < first + n; i++)
    if (!(news_gaz[i].flags & NEWS_GAZ_SHORT)) k |= 1u << news_gaz[i].kind;
  return k;
}

/* First-level divisions named bare in English news without a container. */
static bool common_admin1(uint32_t first, uint32_t n) {
  for (uint32_t i = first; i < first + n; i++) {
    const news_gaz_entry *e = &news_gaz[i];
    if (e->kind != NEWS_PLACE_ADMIN1 || e->country < 0) continue;
    const char *cc = news_countries[e->country].code;
    if (!strcmp(cc, "US") || !strcmp(cc, "CA") || !strcmp(cc, "AU") || !strcmp(cc, "GB")) return true;
  }
  return false;
}

static news_rc add_loc(ctx *c, uint32_t s, uint32_t en, uint32_t sentence) {
  news_doc *d = c->d;
  uint32_t first, n = lookup(d, s, en, &first);
  if (n) return add_mention(c, s, en, sentence, first, n, -1, true);
  /* "North Texas" for Texas */
  uint32_t w = s;
  while (w < en && d->text[w] != ' ' && d->text[w] != '\n' && d->text[w] != '\r' && d->text[w] != '\t') w++;
  if (w < en) {
    uint32_t rest = w + 1, f2, n2;
    for (size_t k = 0; k < sizeof COMPASS / sizeof COMPASS[0]; k++)
      if (strlen(COMPASS[k]) == w - s && memcmp(d->text + s, COMPASS[k], w - s) == 0 &&
          (n2 = lookup(d, rest, en, &f2)))
        return add_mention(c, s, en, sentence, f2, n2, -1, true);
  }
  /* a people's word the tagger took for a place ("West German" LOC) */
  int how = 0, ci = news_country_find(d->text + s, en - s, &how);
  if (ci >= 0 && how == NEWS_CNAME_DEMONYM) return add_mention(c, s, en, sentence, 0, 0, ci, true);
  return add_mention(c, s, en, sentence, first, 0, -1, true);
}

/* A dateline: the capitalised tokens [i, i+n) open a sentence in capitals
** and a dash or "(" follows, directly or after ", State" ("MANASSAS --",
** "ALEXANDRIA, La. -"). */
static bool dateline(const news_doc *d, const news_token *toks, uint32_t ntok, uint32_t i, uint32_t n) {
  if (i > 0 && toks[i - 1].sentence == toks[i].sentence) return false;
  for (uint32_t k = i; k < i + n; k++)
    if (!(toks[k].flags & NEWS_TF_ALLCAPS) || toks[k].end - toks[k].start < 3) return false;
  uint32_t j = i + n;
  if (j < ntok && toks[j].kind == NEWS_TOK_PUNCT && d->text[toks[j].start] == ',') {
    j++;
    while (j < ntok && j < i + n + 4 && toks[j].kind != NEWS_TOK_DASH && toks[j].kind != NEWS_TOK_PUNCT) j++;
  }
  return j < ntok && (toks[j].kind == NEWS_TOK_DASH ||
                      (toks[j].kind == NEWS_TOK_PUNCT && d->text[toks[j].start] == '('));
}

static bool capword(const news_token *t) {
  return (t->kind == NEWS_TOK_WORD || t->kind == NEWS_TOK_ABBREV || t->kind == NEWS_TOK_INITIAL) &&
         (t->flags & NEWS_TF_UPPER);
}

static news_rc collect(ctx *c) {
  news_doc *d = c->d;
  const news_entity *ents;
  uint32_t nent;
  news_rc rc = news_doc_entities(d, &ents, &nent);
  if (rc) return rc;
  const news_token *toks = d->tokens.data;
  uint32_t ntok = d->tokens.n;
  /* the entity covering each token, +1 (0: none) */
  uint32_t *cover = ntok ? d->mem->alloc(d->mem->ctx, ntok * sizeof *cover) : NULL;
  if (ntok && !cover) return NEWS_ERR_NOMEM;
  if (cover && news_doc_zero_polled(d, cover, ntok * sizeof *cover)) {
    d->mem->free(d->mem->ctx, cover);
    return NEWS_ERR_INTERRUPTED;
  }
  for (uint32_t i = 0; i < nent; i++)
    for (uint32_t k = ents[i].tok_begin; k < ents[i].tok_end && k < ntok; k++) cover[k] = i + 1;

  uint32_t nPoll = 0;
  for (uint32_t i = 0; i < nent && !rc; i++) {
    if (news_doc_poll(d, &nPoll)) {
      rc = NEWS_ERR_INTERRUPTED;
      break;
    }
    const news_entity *e = &ents[i];
    uint32_t s = e->start, en = e->end;
    if (e->type == NEWS_ENT_LOC) {
      if (en - s > 4 && memcmp(d->text + s, "the ", 4) == 0) s += 4;
      /* "Paris, Texas" as one entity: two mentions */
      const char *comma = memchr(d->text + s, ',', en - s);
      if (comma) {
        uint32_t cpos = (uint32_t)(comma - d->text), t = cpos + 1;
        while (t < en && d->text[t] == ' ') t++;
        rc = add_loc(c, s, cpos, e->sentence);
        if (!rc && t < en) rc = add_loc(c, t, en, e->sentence);
        continue;
      }
      rc = add_loc(c, s, en, e->sentence);
      continue;
    }
    if (e->type == NEWS_ENT_PERSON || !upper_at(d, s)) continue;
    int how = 0;
    int ci = news_country_find(d->text + s, en - s, &how);
    if (ci >= 0 && how == NEWS_CNAME_DEMONYM) rc = add_mention(c, s, en, e->sentence, 0, 0, ci, false);
  }
  /* Place names the tagger did not mark as places: inside organisation
  ** names ("Texas Department of ...", "Alachua County Sheriff's Office"),
  ** standing for a government ("Tehran said"), as modifiers ("Athens
  ** police", "Britain-based"), or missed.  Never inside a person's name. */
  for (uint32_t i = 0; i < ntok && !rc;) {
    if (news_doc_poll(d, &nPoll)) {
      rc = NEWS_ERR_INTERRUPTED;
      break;
    }
    const news_token *t = &toks[i];
    const news_entity *e = cover[i] ? &ents[cover[i] - 1] : NULL;
    if (!capword(t) || (e && e->type == NEWS_ENT_LOC) ||
        (e && e->type == NEWS_ENT_PERSON && e->tok_begin != i)) {
      i++;
      continue;
    }
    /* "Britain-based" */
    const char *h = t->kind == NEWS_TOK_WORD ? memchr(d->text + t->start, '-', t->end - t->start) : NULL;
    if (h) {
      uint32_t hp = (uint32_t)(h - d->text), first;
      news_token suffix = *t;
      suffix.start = hp + 1;
      if (word_is(d, &suffix, BASED, sizeof BASED / sizeof BASED[0])) {
        int how = 0;
        int ci = news_country_find(d->text + t->start, hp - t->start, &how);
        uint32_t cnt = lookup(d, t->start, hp, &first);
        if (ci >= 0 || cnt)
          rc = add_mention(c, t->start, hp, t->sentence, first, cnt,
                           ci >= 0 && how == NEWS_CNAME_DEMONYM ? ci : -1, false);
      }
      i++;
      continue;
    }
    /* the longest name of up to 4 capitalised tokens starting here */
    uint32_t best_n = 0, first = 0, cnt = 0;
    char key[KEYCAP], best_key[KEYCAP];
    size_t klen, best_len = 0;
    for (uint32_t n = 1; n <= 4 && i + n <= ntok; n++) {
      const news_token *l = &toks[i + n - 1];
      if (!capword(l) || (n > 1 && !(l->flags & NEWS_TF_SPACE)) || cover[i + n - 1] != cover[i]) break;
      bool longer;
      uint32_t f, k = lookup_key(d, t->start, l->end, key, &klen, &f, &longer);
      if (k) {
        best_n = n;
        first = f;
        cnt = k;
        memcpy(best_key, key, klen);
        best_len = klen;
      }
      if (!longer) break;
    }
    if (!best_n) {
      i++;
      continue;
    }
    const news_token *last = &toks[i + best_n - 1];
    unsigned kinds = kinds_of(first, cnt);
    /* inside a person's name only a whole name that is a county, state or
    ** country ("Rapides Parish" tagged as a person) */
    if (e && e->type == NEWS_ENT_PERSON) {
      if (e->tok_end == i + best_n && e->tok_end - e->tok_begin > 1)
        kinds &= (1u << NEWS_PLACE_ADMIN2) | (1u << NEWS_PLACE_ADMIN1) | (1u << NEWS_PLACE_COUNTRY);
      else
        kinds = 0;
      if (!kinds) {
        i = e->tok_end;
        continue;
      }
    }
    bool ok = (kinds & (1u << NEWS_PLACE_ADMIN2)) || (kinds & (1u << NEWS_PLACE_FEATURE)) ||
              common_admin1(first, cnt);
    int how = 0;
    int ci = news_country_find_key(best_key, best_len, &how); /* the name just found */
    if (ci >= 0) ok = true;
    /* a well-known company's name holds no city or county ("Smith Barney",
    ** "Drexel Burnham"), only a country or its people */
    if (ci < 0 && e && e->type == NEWS_ENT_ORG && news_lex_company(e->canonical, e->canonical_len)) {
      i = e->tok_end;
      continue;
    }
    bool weak = false;
    if (!ok && (kinds & (1u << NEWS_PLACE_CITY)) && dateline(d, toks, ntok, i, best_n)) ok = true;
    if (!ok && (kinds & (1u << NEWS_PLACE_CITY))) {
      const news_token *nx = i + best_n < ntok ? &toks[i + best_n] : NULL;
      const news_token *pv = i > 0 ? &toks[i - 1] : NULL;
      /* a city opening an organisation's name or after its "of" */
      if (e && e->type != NEWS_ENT_NORP &&
          (e->tok_begin == i || (pv && pv->end - pv->start == 2 && !memcmp(d->text + pv->start, "of", 2))))
        ok = weak = true;
      /* "Athens police", "Wintersville, Ohio" */
      if (nx && nx->kind == NEWS_TOK_WORD && !(nx->flags & NEWS_TF_UPPER) &&
          word_is(d, nx, LOCAL, sizeof LOCAL / sizeof LOCAL[0]))
        ok = weak = true;
      if (nx && nx->kind == NEWS_TOK_PUNCT && d->text[nx->start] == ',' && i + best_n + 1 < ntok) {
        uint32_t f2, j = i + best_n + 1, k2 = 0;
        for (uint32_t n2 = 1; n2 <= 2 && j + n2 <= ntok && capword(&toks[j + n2 - 1]); n2++)
          if ((k2 = lookup(d, toks[j].start, toks[j + n2 - 1].end, &f2)) &&
              (kinds_of(f2, k2) & ((1u << NEWS_PLACE_ADMIN1) | (1u << NEWS_PLACE_COUNTRY))))
            ok = true;
      }
    }
    /* a demonym inside another name ("Iranian arms ship" tagged MISC) */
    if (ci >= 0 && how == NEWS_CNAME_DEMONYM)
      rc = add_mention(c, t->start, last->end, t->sentence, 0, 0, ci, false);
    else if (ok && !(last == t && (t->flags & NEWS_TF_ALLCAPS) && t->end - t->start <= 3 && ci < 0)) {
      size_t before = c->ms.n;
      rc = add_mention(c, t->start, last->end, t->sentence, first, cnt, -1, false);
      if (!rc && c->ms.n > before) ((mention *)c->ms.data)[before].weak = weak;
    }
    i += best_n;
  }
  d->mem->free(d->mem->ctx, cover);
  return rc;
}

/* Text order, the longer first, then the order of collection. */
static int cmp_mention(const void *a, const void *b) {
  const mention *x = a, *y = b;
  if (x->start != y->start) return x->start < y->start ? -1 : 1;
  if (x->end != y->end) return x->end > y->end ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Sorts, drops overlaps, links "City, State" pairs. */
static void arrange(ctx *c) {
  mention *m = c->ms.data;
  uint32_t n = c->ms.n, o = 0;
  if (n > 1) qsort(m, n, sizeof *m, cmp_mention);
  for (uint32_t i = 0; i < n; i++) {
    if (o && m[i].start < m[o - 1].end) continue;
    m[o++] = m[i];
  }
  c->ms.n = o;
  const char *t = c->d->text;
  for (uint32_t i = 0; i + 1 < o; i++) {
    uint32_t a = m[i].end, b = m[i + 1].start;
    if (b <= a || t[a] != ',') continue;
    uint32_t k = a + 1;
    while (k < b && t[k] == ' ') k++;
    if (k != b || m[i + 1].only_country >= 0 || m[i].only_country >= 0) continue;
    /* the second must be a state or country some place of the first's
    ** name lies in ("Britain, Canada" is a list) */
    bool state = false;
    for (uint32_t j = m[i + 1].first; j < m[i + 1].first + m[i + 1].n && !state; j++)
      if ((news_gaz[j].kind == NEWS_PLACE_ADMIN1 || news_gaz[j].kind == NEWS_PLACE_COUNTRY) &&
          holds_some(&m[i], &news_gaz[j]))
        state = true;
    if (!state || m[i].is_container) continue;
    m[i].container = (int)(i + 1);
    m[i + 1].is_container = true;
    m[i + 1].contains = (int)i;
  }
}

static bool near_point(const ctx *c, const news_gaz_entry *e, uint32_t other, unsigned minw) {
  const point *p = c->pts.data;
  uint32_t a = 0, b = c->pts.n;
  int lat = e->lat100 - 135; /* NEAR2 is 135^2: farther in latitude alone is too far */
  while (a < b) {
    uint32_t mid = a + (b - a) / 2;
    if (p[mid].lat100 < lat) a = mid + 1;
    else b = mid;
  }
  for (; a < c->pts.n && p[a].lat100 <= e->lat100 + 135; a++)
    if (p[a].first != other && p[a].wmax >= minw &&
        dist2(e->lat100, e->lon100, p[a].lat100, p[a].lon100) < NEAR2)
      return true;
  return false;
}

/* True when e lies in a state another place of the article is in, or near
** one of them. */
static bool supported(const ctx *c, const news_gaz_entry *e) {
  if (e->admin1 >= 0 && weight_in(&c->atot, e->admin1)) return true;
  return near_point(c, e, UINT32_MAX, 0);
}

/* True when e, a small place (under 100,000 people), lies in a country no
** other place of the article is in while the article's places are
** elsewhere ("Lincolnshire" among London and Cambridge: not the village in
** Illinois).  Such a name is left unresolved rather than guessed. */
static bool foreign_guess(const ctx *c, const mention *m, const news_gaz_entry *e) {
  if ((e->kind != NEWS_PLACE_CITY && e->kind != NEWS_PLACE_ADMIN2) || e->population >= 100000 ||
      m->container >= 0)
    return false;
  const evidence *ev = c->ev.data;
  uint32_t lo, hi, same = weight_in(&c->ctot, e->country), other = c->wcountry;
  own_evidence(c, m->first, &lo, &hi);
  for (uint32_t i = lo; i < hi; i++) {
    if (ev[i].country < 0) continue;
    other -= ev[i].w;
    if (ev[i].country == e->country) same -= ev[i].w;
  }
  return !same && other >= W_SURE;
}

static int cmp_evidence(const void *a, const void *b) {
  const evidence *x = a, *y = b;
  if (x->first != y->first) return x->first < y->first ? -1 : 1;
  if (x->country != y->country) return x->country < y->country ? -1 : 1;
  if (x->admin1 != y->admin1) return x->admin1 < y->admin1 ? -1 : 1;
  if (x->lat100 != y->lat100) return x->lat100 < y->lat100 ? -1 : 1;
  if (x->lon100 != y->lon100) return x->lon100 < y->lon100 ? -1 : 1;
  return (x->kind > y->kind) - (x->kind < y->kind);
}

static int cmp_total(const void *a, const void *b) {
  const total *x = a, *y = b;
  return (x->id > y->id) - (x->id < y->id);
}

/* Sorts the totals t by id and adds up those of one id. */
static void merge_totals(news_vec *t) {
  total *x = t->data;
  uint32_t o = 0;
  if (t->n > 1) qsort(x, t->n, sizeof *x, cmp_total);
  for (uint32_t i = 0; i < t->n; i++) {
    if (o && x[o - 1].id == x[i].id) x[o - 1].w += x[i].w;
    else x[o++] = x[i];
  }
  t->n = o;
}

static int cmp_point(const void *a, const void *b) {
  const point *x = a, *y = b;
  if (x->lat100 != y->lat100) return x->lat100 < y->lat100 ? -1 : 1;
  if (x->lon100 != y->lon100) return x->lon100 < y->lon100 ? -1 : 1;
  if (x->first != y->first) return x->first < y->first ? -1 : 1;
  return (x->wmax > y->wmax) - (x->wmax < y->wmax);
}

/* Merges the evidence of one name and guess, then totals it by country and
** state and lists its points by latitude. */
static news_rc tally(ctx *c) {
  const news_mem *mem = c->d->mem;
  evidence *ev = c->ev.data;
  uint32_t n = c->ev.n, o = 0;
  if (n > 1) qsort(ev, n, sizeof *ev, cmp_evidence);
  for (uint32_t i = 0; i < n; i++) {
    if (o && cmp_evidence(&ev[o - 1], &ev[i]) == 0) {
      ev[o - 1].w += ev[i].w;
      if (ev[i].wmax > ev[o - 1].wmax) ev[o - 1].wmax = ev[i].wmax;
    } else ev[o++] = ev[i];
  }
  c->ev.n = o;
  for (uint32_t i = 0; i < o; i++) {
    if (ev[i].country >= 0) {
      total *t = news_vec_push(&c->ctot, mem);
      if (!t) return NEWS_ERR_NOMEM;
      *t = (total){ev[i].country, ev[i].w};
      c->wcountry += ev[i].w;
    }
    if (ev[i].admin1 >= 0) {
      total *t = news_vec_push(&c->atot, mem);
      if (!t) return NEWS_ERR_NOMEM;
      *t = (total){ev[i].admin1, ev[i].w};
    }
    if (ev[i].kind >= NEWS_PLACE_ADMIN2 && ev[i].kind <= NEWS_PLACE_CITY) {
      point *p = news_vec_push(&c->pts, mem);
      if (!p) return NEWS_ERR_NOMEM;
      *p = (point){ev[i].lat100, ev[i].lon100, ev[i].wmax, ev[i].first};
    }
  }
  if (c->pts.n > 1) qsort(c->pts.data, c->pts.n, sizeof(point), cmp_point);
  merge_totals(&c->ctot);
  merge_totals(&c->atot);
  return NEWS_OK;
}

/* A mention's index with what its final choice depends on. */
typedef struct name_key {
  uint32_t first;
  int only_country;
  bool weak;
  uint32_t i;
} name_key;

static int cmp_name_key(const void *a, const void *b) {
  const name_key *x = a, *y = b;
  if (x->first != y->first) return x->first < y->first ? -1 : 1;
  if (x->only_country != y->only_country) return x->only_country < y->only_country ? -1 : 1;
  if (x->weak != y->weak) return x->weak < y->weak ? -1 : 1;
  return x->i < y->i ? -1 : x->i > y->i;
}

static news_rc resolve(ctx *c) {
  mention *m = c->ms.data;
  uint32_t n = c->ms.n, nPoll = 0;
  /* step 3: first guesses and the evidence they give */
  for (uint32_t i = 0; i < n; i++)
    if (m[i].is_container) m[i].guess = best(c, &m[i], false, m, NULL, NULL);
  for (uint32_t i = 0; i < n; i++) {
    if (news_doc_poll(c->d, &nPoll)) return NEWS_ERR_INTERRUPTED;
    if (!m[i].n) continue;
    double b, s2;
    if (m[i].weak) {
      m[i].guess = best(c, &m[i], false, m, NULL, NULL);
      continue;
    }
    if (!m[i].is_container) m[i].guess = best(c, &m[i], false, m, &b, &s2);
    else b = s2 = 0;
    if (m[i].guess < 0) continue;
    const news_gaz_entry *e = &news_gaz[m[i].guess];
    evidence *v = news_vec_push(&c->ev, c->d->mem);
    if (!v) return NEWS_ERR_NOMEM;
    v->country = e->country;
    v->admin1 = e->kind == NEWS_PLACE_COUNTRY ? -1 : e->admin1;
    v->lat100 = e->lat100;
    v->lon100 = e->lon100;
    v->kind = e->kind;
    v->first = m[i].first;
    if (m[i].only_country >= 0) v->w = W_DEMONYM;
    else if (e->kind <= NEWS_PLACE_ADMIN2 || m[i].container >= 0 || m[i].is_container) v->w = W_SURE;
    else v->w = (b - s2 > 1.5) ? W_CLEAR : W_WEAK;
    v->wmax = (uint8_t)v->w;
  }
  news_rc rc = tally(c);
  if (rc) return rc;
  /* step 4: containers, then the names they place, then the rest */
  for (uint32_t i = 0; i < n; i++)
    if (m[i].is_container) m[i].res = best(c, &m[i], true, m, NULL, NULL);
  for (uint32_t i = 0; i < n; i++)
    if (m[i].container >= 0) m[i].res = best(c, &m[i], true, m, NULL, NULL);
  /* The rest: a name placed by a container anywhere takes that place (the
  ** first such mention's); otherwise its choice depends only on its name,
  ** demonym and weakness, so the mentions sharing those are resolved once. */
  const news_mem *mem = c->d->mem;
  name_key *keys = n ? mem->alloc(mem->ctx, n * sizeof *keys) : NULL;
  if (n && !keys) return NEWS_ERR_NOMEM;
  uint32_t nk = 0;
  for (uint32_t i = 0; i < n; i++)
    if (m[i].n && (m[i].container >= 0 || !m[i].is_container))
      keys[nk++] = (name_key){m[i].first, m[i].container >= 0 ? -2 : m[i].only_country,
                              m[i].container < 0 && m[i].weak, i};
  if (nk > 1) qsort(keys, nk, sizeof *keys, cmp_name_key);
  /* keys of one name are together, the contained ones (-2) first by index */
  for (uint32_t g = 0; g < nk;) {
    uint32_t ge = g;
    while (ge < nk && keys[ge].first == keys[g].first) ge++;
    int same = -1;
    for (uint32_t k = g; k < ge && keys[k].only_country == -2 && same < 0; k++) {
      const mention *mj = &m[keys[k].i];
      if (mj->res >= 0 && mj->only_country < 0) same = mj->res;
    }
    for (uint32_t k = g; k < ge; k++) {
      if (keys[k].only_country == -2) continue;
      if (news_doc_poll(c->d, &nPoll)) {
        mem->free(mem->ctx, keys);
        return NEWS_ERR_INTERRUPTED;
      }
      mention *mi = &m[keys[k].i];
      if (k > g && keys[k - 1].only_country == keys[k].only_country && keys[k - 1].weak == keys[k].weak) {
        mi->res = m[keys[k - 1].i].res;
        continue;
      }
      mi->res = same >= 0 && mi->only_country < 0 ? same : best(c, mi, true, m, NULL, NULL);
      if (mi->weak && mi->res >= 0 && !supported(c, &news_gaz[mi->res])) mi->res = -2;
      else if (mi->res >= 0 && mi->only_country < 0 && foreign_guess(c, mi, &news_gaz[mi->res]))
        mi->res = -1;
    }
    g = ge;
  }
  mem->free(mem->ctx, keys);
  return NEWS_OK;
}

news_rc news_places_run(news_doc *d) {
  d->places.n = 0;
  ctx c = {.d = d};
  news_vec_init(&c.ms, sizeof(mention));
  news_vec_init(&c.ev, sizeof(evidence));
  news_vec_init(&c.pts, sizeof(point));
  news_vec_init(&c.ctot, sizeof(total));
  news_vec_init(&c.atot, sizeof(total));
  news_rc rc = collect(&c);
  if (!rc) {
    arrange(&c);
    rc = resolve(&c);
  }
  const mention *m = c.ms.data;
  for (uint32_t i = 0; i < c.ms.n && !rc; i++) {
    if (m[i].res == -2) continue; /* a weak mention the article does not support */
    news_place *p = news_doc_vec_push(d, &d->places);
    if (!p) {
      rc = NEWS_ERR_NOMEM;
      break;
    }
    p->start = m[i].start;
    p->end = m[i].end;
    p->sentence = m[i].sentence;
    if (m[i].res < 0) continue;
    const news_gaz_entry *e = &news_gaz[m[i].res];
    p->kind = e->kind;
    p->name = news_gaz_name(e);
    p->country = e->country >= 0 ? news_countries[e->country].code : NULL;
    p->admin1 = e->admin1 >= 0 && e->kind != NEWS_PLACE_COUNTRY ? news_admin1_name(&news_admin1s[e->admin1]) : NULL;
    p->geonameid = e->geonameid;
    p->lat100 = e->lat100;
    p->lon100 = e->lon100;
  }
  news_vec_free(&c.ms, d->mem);
  news_vec_free(&c.ev, d->mem);
  news_vec_free(&c.pts, d->mem);
  news_vec_free(&c.ctot, d->mem);
  news_vec_free(&c.atot, d->mem);
  if (rc) d->places.n = 0;
  return rc;
}
