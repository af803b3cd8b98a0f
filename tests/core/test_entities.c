/*
** test_entities.c -- the named-entity stage: mentions, types, titles,
** canonical names, and its behaviour on hostile input.
**
** Groups:
**   - aliases:     a later "Trump", "Mr. Trump" and "Trump's" get the full
**                  name as canonical; a name never given in full keeps its
**                  own text;
**   - acronyms:    "Islamic Revolutionary Guards Corps (IRGC)" defines IRGC,
**                  and a later IRGC gets the expansion;
**   - titles:      "Foreign Minister", "Sen.", "Ayatollah" in front of a
**                  person are reported as title and kept out of the span;
**   - possessives: 's is never part of a span;
**   - types:       nationalities and parties come out as NORP;
**   - headlines:   a title-case headline paragraph does not turn its
**                  ordinary words into names;
**   - invariants:  spans ordered, non-overlapping, inside the text, on
**                  token boundaries, for every text below and for
**                  pathological input (10k capitalised words, invalid
**                  UTF-8, 20k quote marks);
**   - memory:      every allocation failure gives NEWS_ERR_NOMEM and leaks
**                  nothing;
**   - model:       the compiled-in model reports its format and data hash;
**   - resolve:     titles and canonical names computed directly on mentions
**                  placed by hand (no model involved).
** All texts are news-style sentences written for these tests.
*/
#include "testutil.h"

#include "core.h"
#include "ner.h"

/* One analysed text. */
typedef struct ents {
  news_doc *d;
  const char *text;
  const news_entity *e;
  uint32_t n;
} ents;

static ents analyse(const char *text) {
  ents r = {0};
  r.text = text;
  assert_int_equal(news_doc_new(NULL, NULL, text, strlen(text), &r.d), NEWS_OK);
  assert_int_equal(news_doc_entities(r.d, &r.e, &r.n), NEWS_OK);
  return r;
}

/* Index of the k-th (0-based) mention spelled exactly `surface`, or -1. */
static int find(const ents *r, const char *surface, int k) {
  size_t len = strlen(surface);
  for (uint32_t i = 0; i < r->n; i++) {
    const news_entity *x = &r->e[i];
    if (x->end - x->start == len && memcmp(r->text + x->start, surface, len) == 0 && k-- == 0)
      return (int)i;
  }
  print_error("no mention '%s' found\n", surface);
  return -1;
}

static void assert_canonical(const ents *r, int i, const char *want) {
  assert_true(i >= 0);
  const news_entity *x = &r->e[i];
  if (x->canonical_len != strlen(want) || memcmp(x->canonical, want, x->canonical_len) != 0) {
    print_error("canonical: want '%s', got '%.*s'\n", want, (int)x->canonical_len, x->canonical);
    fail();
  }
}

static void assert_title(const ents *r, int i, const char *want) {
  assert_true(i >= 0);
  const news_entity *x = &r->e[i];
  size_t n = x->title_end - x->title_start;
  if (n != strlen(want) || memcmp(r->text + x->title_start, want, n) != 0) {
    print_error("title: want '%s', got '%.*s'\n", want, (int)n, r->text + x->title_start);
    fail();
  }
}

/* Spans ordered, non-overlapping, inside the text, on token boundaries,
** no clitic inside, canonical set. */
static void check_invariants(const ents *r) {
  const news_token *t;
  uint32_t nt;
  assert_int_equal(news_doc_tokens(r->d, &t, &nt), NEWS_OK);
  size_t len;
  news_doc_text(r->d, &len);
  for (uint32_t i = 0; i < r->n; i++) {
    const news_entity *x = &r->e[i];
    assert_true(x->start < x->end && x->end <= len);
    assert_true(x->tok_begin < x->tok_end && x->tok_end <= nt);
    assert_true(x->tok_end - x->tok_begin <= 16); /* no run-on names */
    assert_int_equal(t[x->tok_begin].start, x->start);
    assert_int_equal(t[x->tok_end - 1].end, x->end);
    for (uint32_t j = x->tok_begin; j < x->tok_end; j++) assert_true(t[j].kind != NEWS_TOK_CLITIC);
    if (i) assert_true(r->e[i - 1].end <= x->start);
    assert_true(x->type >= NEWS_ENT_PERSON && x->type <= NEWS_ENT_MISC);
    assert_non_null(x->canonical);
    assert_true(x->canonical_len > 0);
    assert_true(x->title_start <= x->title_end && x->title_end <= x->start);
  }
}

static void test_aliases(void **state) {
  (void)state;
  ents r = analyse("President Donald Trump met Iranian officials in Geneva on Monday. Trump said "
                   "the talks were useful. Mr. Trump's aides declined to comment.");
  check_invariants(&r);
  int full = find(&r, "Donald Trump", 0);
  assert_true(full >= 0);
  assert_int_equal(r.e[full].type, NEWS_ENT_PERSON);
  assert_canonical(&r, full, "Donald Trump");
  assert_canonical(&r, find(&r, "Trump", 0), "Donald Trump");
  int poss = find(&r, "Trump", 1); /* "Mr. Trump's": span without 's */
  assert_canonical(&r, poss, "Donald Trump");
  assert_title(&r, poss, "Mr.");
  assert_int_equal(r.e[find(&r, "Geneva", 0)].type, NEWS_ENT_LOC);
  news_doc_free(r.d);
}

static void test_never_in_full(void **state) {
  (void)state;
  ents r = analyse("Officials in Brussels said Mr. Barnier would return on Friday. Barnier declined "
                   "to comment.");
  check_invariants(&r);
  assert_canonical(&r, find(&r, "Barnier", 0), "Barnier");
  assert_canonical(&r, find(&r, "Barnier", 1), "Barnier");
  news_doc_free(r.d);
}

static void test_acronyms(void **state) {
  (void)state;
  ents r = analyse("The Islamic Revolutionary Guards Corps (IRGC) said on Sunday it had seized a "
                   "British tanker. The IRGC denied any involvement.");
  check_invariants(&r);
  int full = find(&r, "Islamic Revolutionary Guards Corps", 0);
  assert_int_equal(r.e[full].type, NEWS_ENT_ORG);
  assert_canonical(&r, find(&r, "IRGC", 0), "Islamic Revolutionary Guards Corps");
  assert_canonical(&r, find(&r, "IRGC", 1), "Islamic Revolutionary Guards Corps");
  assert_int_equal(r.e[find(&r, "IRGC", 1)].type, NEWS_ENT_ORG);
  news_doc_free(r.d);
}

static void test_titles(void **state) {
  (void)state;
  ents r = analyse("Foreign Minister Mohammad Javad Zarif flew to Paris on Tuesday, while Sen. "
                   "Elizabeth Warren stayed in Washington. Ayatollah Ali Khamenei spoke in Tehran.");
  check_invariants(&r);
  assert_title(&r, find(&r, "Mohammad Javad Zarif", 0), "Foreign Minister");
  assert_title(&r, find(&r, "Elizabeth Warren", 0), "Sen.");
  assert_title(&r, find(&r, "Ali Khamenei", 0), "Ayatollah");
  assert_title(&r, find(&r, "Paris", 0), ""); /* only people get titles */
  news_doc_free(r.d);
}

static void test_possessives_and_norp(void **state) {
  (void)state;
  ents r = analyse("Germany's finance minister Olaf Scholz said Republicans in Congress were "
                   "divided. Scholz's office confirmed the talks.");
  check_invariants(&r);
  assert_int_equal(r.e[find(&r, "Germany", 0)].type, NEWS_ENT_LOC);
  assert_canonical(&r, find(&r, "Scholz", 0), "Olaf Scholz");
  assert_int_equal(r.e[find(&r, "Republicans", 0)].type, NEWS_ENT_NORP);
  news_doc_free(r.d);
  r = analyse("Shi'ite militias and Sunni clerics met Kurdish leaders.");
  assert_int_equal(r.e[find(&r, "Shi'ite", 0)].type, NEWS_ENT_NORP);
  assert_int_equal(r.e[find(&r, "Sunni", 0)].type, NEWS_ENT_NORP);
  assert_int_equal(r.e[find(&r, "Kurdish", 0)].type, NEWS_ENT_NORP);
  news_doc_free(r.d);
  r = analyse("Iranian and Iraqi diplomats met in Vienna.");
  assert_int_equal(r.e[find(&r, "Iranian", 0)].type, NEWS_ENT_NORP);
  assert_int_equal(r.e[find(&r, "Iraqi", 0)].type, NEWS_ENT_NORP);
  news_doc_free(r.d);
}

static void test_headlines(void **state) {
  (void)state;
  ents r = analyse("Markets Tumble After Surprise Rate Decision\n\nShares fell sharply on Friday "
                   "after the Bank of England raised rates.");
  check_invariants(&r);
  for (uint32_t i = 0; i < r.n; i++) assert_int_equal(r.e[i].sentence, 1);
  assert_int_equal(r.e[find(&r, "Bank of England", 0)].type, NEWS_ENT_ORG);
  news_doc_free(r.d);
  r = analyse("STOCKS FALL AS TRADE WORRIES GROW\n\nShares fell sharply in London on Friday.");
  check_invariants(&r);
  for (uint32_t i = 0; i < r.n; i++) assert_int_equal(r.e[i].sentence, 1);
  news_doc_free(r.d);
}

static void test_empty_and_plain(void **state) {
  (void)state;
  ents r = analyse("");
  assert_int_equal(r.n, 0);
  news_doc_free(r.d);
  r = analyse("prices rose again, and nobody was surprised.");
  assert_int_equal(r.n, 0);
  news_doc_free(r.d);
}

/* Builds a text of n copies of unit into a malloc'ed buffer. */
static char *repeat(const char *unit, size_t n) {
  size_t u = strlen(unit);
  char *s = malloc(u * n + 1);
  assert_non_null(s);
  for (size_t i = 0; i < n; i++) memcpy(s + i * u, unit, u);
  s[u * n] = 0;
  return s;
}

static void test_pathological(void **state) {
  (void)state;
  const char *units[] = {"Smith ", "\xff\xfe Ab\xc3 ", "\" ", "Jones-(Ltd) 's ", "A. ", "Ab ",
                         "Smith\n", "(IRGC) "};
  for (size_t k = 0; k < sizeof units / sizeof units[0]; k++) {
    char *s = repeat(units[k], 10000);
    ents r = analyse(s);
    check_invariants(&r);
    news_doc_free(r.d);
    free(s);
  }
}

static void test_nomem(void **state) {
  (void)state;
  const char *text = "Foreign Minister Mohammad Javad Zarif met the Islamic Revolutionary Guards "
                     "Corps (IRGC) in Tehran. Zarif said the IRGC agreed.";
  for (long fail_at = 1;; fail_at++) {
    test_mem tm;
    test_mem_init(&tm, fail_at);
    news_doc *d;
    news_rc rc = news_doc_new(&tm.mem, NULL, text, strlen(text), &d);
    if (rc == NEWS_OK) {
      const news_entity *e;
      uint32_t n;
      rc = news_doc_entities(d, &e, &n);
      news_doc_free(d);
    }
    assert_true(rc == NEWS_OK || rc == NEWS_ERR_NOMEM);
    assert_int_equal(tm.live, 0);
    if (rc == NEWS_OK && tm.calls < fail_at) break; /* no allocation left to fail */
  }
}

/* ------------------------------------------------ the deterministic part
** news_entities_resolve() on mentions placed by hand, so titles and
** canonical names are tested without the model's say. */

/* Adds the k-th occurrence of surface (whole tokens) as a mention of type. */
static void add_mention(news_doc *d, const char *surface, int k, uint8_t type) {
  const news_token *t;
  uint32_t nt;
  size_t tlen;
  const char *text = news_doc_text(d, &tlen);
  assert_int_equal(news_doc_tokens(d, &t, &nt), NEWS_OK);
  const char *p = text;
  size_t len = strlen(surface);
  for (;; p++) {
    p = strstr(p, surface);
    assert_non_null(p);
    if (k-- == 0) break;
  }
  uint32_t start = (uint32_t)(p - text), end = start + (uint32_t)len, b = UINT32_MAX, e = 0;
  for (uint32_t i = 0; i < nt; i++) {
    if (t[i].start == start) b = i;
    if (t[i].end == end) e = i + 1;
  }
  assert_true(b != UINT32_MAX && e > b);
  news_entity *x = news_vec_push(&d->entities, d->mem);
  assert_non_null(x);
  x->start = start, x->end = end, x->tok_begin = b, x->tok_end = e;
  x->sentence = t[b].sentence, x->type = type;
  x->title_start = x->title_end = start;
  x->canonical = text + start, x->canonical_len = end - start;
}

static void test_resolve_direct(void **state) {
  (void)state;
  const char *text = "Gen. Qasem Soleimani led the Islamic Revolutionary Guards Corps (IRGC) "
                     "for years. Soleimani's death shocked the IRGC, and Ayatollah Khamenei "
                     "and Mr Smith mourned.";
  news_doc *d;
  const news_token *t;
  uint32_t nt;
  assert_int_equal(news_doc_new(NULL, NULL, text, strlen(text), &d), NEWS_OK);
  assert_int_equal(news_doc_tokens(d, &t, &nt), NEWS_OK);
  add_mention(d, "Qasem Soleimani", 0, NEWS_ENT_PERSON);
  add_mention(d, "Islamic Revolutionary Guards Corps", 0, NEWS_ENT_ORG);
  add_mention(d, "IRGC", 0, NEWS_ENT_ORG);
  add_mention(d, "Soleimani", 1, NEWS_ENT_PERSON);
  add_mention(d, "IRGC", 1, NEWS_ENT_ORG);
  add_mention(d, "Khamenei", 0, NEWS_ENT_PERSON);
  add_mention(d, "Smith", 0, NEWS_ENT_PERSON);
  news_ner_doc nd;
  assert_int_equal(news_ner_prepare(d, &nd), NEWS_OK);
  assert_int_equal(news_entities_resolve(d, &nd), NEWS_OK);
  news_ner_release(&nd);
  ents r = {d, text, d->entities.data, d->entities.n};
  assert_canonical(&r, 0, "Qasem Soleimani");
  assert_title(&r, 0, "Gen.");
  assert_canonical(&r, 2, "Islamic Revolutionary Guards Corps"); /* acronym */
  assert_canonical(&r, 3, "Qasem Soleimani");                    /* alias */
  assert_canonical(&r, 4, "Islamic Revolutionary Guards Corps"); /* acronym again */
  assert_canonical(&r, 5, "Khamenei");                           /* never in full */
  assert_title(&r, 5, "Ayatollah");
  assert_title(&r, 6, "Mr");
  assert_title(&r, 1, ""); /* organisations have no title */
  news_doc_free(d);
}

static void test_cue_words(void **state) {
  (void)state;
  /* naming words settle the type of names the news-trained tagger cannot
  ** know (entity_cues.tsv), and one type per name carries it on */
  ents r = analyse("The band Velvet Harbour played at the Marlow Festival. Velvet Harbour signed "
                   "with Kestrel Records and toured with the Dave Hollins Band. The singer grew "
                   "up in Thornbury and studied at Ashcombe College. Her early songs drew on "
                   "Catholicism and Buddhism.");
  check_invariants(&r);
  assert_int_equal(r.e[find(&r, "Velvet Harbour", 0)].type, NEWS_ENT_ORG);
  assert_int_equal(r.e[find(&r, "Velvet Harbour", 1)].type, NEWS_ENT_ORG);
  assert_int_equal(r.e[find(&r, "Marlow Festival", 0)].type, NEWS_ENT_MISC);
  assert_int_equal(r.e[find(&r, "Kestrel Records", 0)].type, NEWS_ENT_ORG);
  assert_int_equal(r.e[find(&r, "Dave Hollins Band", 0)].type, NEWS_ENT_ORG);
  assert_int_equal(r.e[find(&r, "Thornbury", 0)].type, NEWS_ENT_LOC);
  assert_int_equal(r.e[find(&r, "Ashcombe College", 0)].type, NEWS_ENT_ORG);
  assert_int_equal(r.e[find(&r, "Catholicism", 0)].type, NEWS_ENT_MISC);
  news_doc_free(r.d);
}
static void test_quoted_titles(void **state) {
  (void)state;
  /* a title in quotation marks, filling them exactly, is one MISC name
  ** (song, album, film); a sentence in quotes, a lower-case phrase or a
  ** title with punctuation inside is not */
  ents r = analyse("The group released the single \"Under A Paper Moon\" in May, and their "
                   "album \u201cNorth of Nowhere\u201d followed. \"We are proud,\" the "
                   "drummer said. Critics called it \"a quiet record\".");
  check_invariants(&r);
  int a = find(&r, "Under A Paper Moon", 0), b = find(&r, "North of Nowhere", 0);
  assert_int_equal(r.e[a].type, NEWS_ENT_MISC);
  assert_int_equal(r.e[b].type, NEWS_ENT_MISC);
  for (uint32_t k = 0; k < r.n; k++) {
    const char *t = r.text + r.e[k].start;
    assert_true(strncmp(t, "We", 2) != 0 && strncmp(t, "a quiet", 7) != 0);
  }
  news_doc_free(r.d);
}

static void test_join_of(void **state) {
  (void)state;
  /* an organisation name runs on over "of" after an organisation word.  (The
  ** rule never joins after a company's legal form, "Inc of Denver"; whether
  ** such a name is one is left to the tagger, as CoNLL-2003 train writes it
  ** both ways, 3 joined and 2 split, and the beam model joins this one.) */
  ents r = analyse("She later taught at the Halvorsen School of Marine Sciences and advised the "
                   "Dunmore Institute of Arts.");
  check_invariants(&r);
  assert_int_equal(r.e[find(&r, "Halvorsen School of Marine Sciences", 0)].type, NEWS_ENT_ORG);
  assert_int_equal(r.e[find(&r, "Dunmore Institute of Arts", 0)].type, NEWS_ENT_ORG);
  news_doc_free(r.d);
}

static void test_particles(void **state) {
  (void)state;
  /* a lower-case particle does not split a person's name */
  ents r = analyse("The museum honours Hendrik van der Vliet and Joaquin del Olmo, who met Lotte "
                   "von Armin in Basel.");
  check_invariants(&r);
  assert_int_equal(r.e[find(&r, "Hendrik van der Vliet", 0)].type, NEWS_ENT_PERSON);
  assert_int_equal(r.e[find(&r, "Joaquin del Olmo", 0)].type, NEWS_ENT_PERSON);
  assert_int_equal(r.e[find(&r, "Lotte von Armin", 0)].type, NEWS_ENT_PERSON);
  news_doc_free(r.d);
}

static void test_inner_title(void **state) {
  (void)state;
  /* a title inside a capitalised run ends the organisation before the
  ** person, and becomes the person's title */
  ents r = analyse("Marlow Valley Authority Chairman Peter Lindqvist said on Monday the plan would "
                   "go ahead. Supreme Court Justice Anna Berglund disagreed.");
  check_invariants(&r);
  assert_int_equal(r.e[find(&r, "Marlow Valley Authority", 0)].type, NEWS_ENT_ORG);
  assert_title(&r, find(&r, "Peter Lindqvist", 0), "Chairman");
  assert_int_equal(r.e[find(&r, "Supreme Court", 0)].type, NEWS_ENT_ORG);
  assert_title(&r, find(&r, "Anna Berglund", 0), "Justice");
  news_doc_free(r.d);
}

static void test_ordinary_words(void **state) {
  (void)state;
  /* a "person" made of ordinary English words only is a band or a business
  ** (common_words.inc); a given name keeps a person a person */
  ents r = analyse("Tickets sold out within an hour, and Walnut Pelican will play on Sunday. Later, "
                   "Marie Lantern spoke to reporters.");
  check_invariants(&r);
  assert_int_equal(r.e[find(&r, "Walnut Pelican", 0)].type, NEWS_ENT_ORG);
  assert_int_equal(r.e[find(&r, "Marie Lantern", 0)].type, NEWS_ENT_PERSON);
  news_doc_free(r.d);
}

static void test_model_info(void **state) {
  (void)state;
  assert_int_equal(news_ner_model_version(), 2);
  assert_true(strlen(news_ner_model_hash()) == 16);
  assert_true(news_ner_model_features() > 1000);
  assert_non_null(strstr(news_entities_model(), news_ner_model_hash()));
  assert_string_equal(news_entity_type_name(NEWS_ENT_NORP), "NORP");
  assert_string_equal(news_entity_type_name(NEWS_ENT_PERSON), "PERSON");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_aliases),       cmocka_unit_test(test_never_in_full),
      cmocka_unit_test(test_acronyms),      cmocka_unit_test(test_titles),
      cmocka_unit_test(test_possessives_and_norp), cmocka_unit_test(test_headlines),
      cmocka_unit_test(test_empty_and_plain), cmocka_unit_test(test_pathological),
      cmocka_unit_test(test_nomem),         cmocka_unit_test(test_model_info),
      cmocka_unit_test(test_resolve_direct), cmocka_unit_test(test_cue_words),
      cmocka_unit_test(test_quoted_titles), cmocka_unit_test(test_join_of),
      cmocka_unit_test(test_particles), cmocka_unit_test(test_inner_title),
      cmocka_unit_test(test_ordinary_words),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
