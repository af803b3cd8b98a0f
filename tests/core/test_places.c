/*
** test_places.c -- places(): the country look-up shared with entities(),
** the key folding, and place mentions resolved in context.
*/
#include "testutil.h"

#include "places.h"

static void test_country_variants(void **state) {
  (void)state;
  static const char *const us[] = {"U.S.", "US", "USA", "America", "United States", "United States of America"};
  static const char *const gb[] = {"UK", "U.K.", "Britain", "Great Britain", "United Kingdom"};
  int how;
  for (size_t i = 0; i < sizeof us / sizeof us[0]; i++) {
    int c = news_country_find(us[i], strlen(us[i]), &how);
    assert_true(c >= 0);
    assert_string_equal(news_countries[c].name, "United States");
  }
  for (size_t i = 0; i < sizeof gb / sizeof gb[0]; i++) {
    int c = news_country_find(gb[i], strlen(gb[i]), &how);
    assert_true(c >= 0);
    assert_string_equal(news_countries[c].code, "GB");
  }
  int c = news_country_find("Iranians", 8, &how);
  assert_true(c >= 0);
  assert_string_equal(news_countries[c].code, "IR");
  assert_int_equal(how, NEWS_CNAME_DEMONYM);
  c = news_country_find("American", 8, &how);
  assert_string_equal(news_countries[c].code, "US");
  assert_int_equal(news_country_find("Springfield", 11, &how), -1);
  assert_int_equal(news_country_find("", 0, &how), -1);
  assert_string_equal(news_countries[news_country_by_code("FR")].name, "France");
  /* the Soviet Union's short forms name what "Soviet Union" names */
  assert_int_equal(news_country_find("USSR", 4, &how), news_country_find("Soviet Union", 12, &how));
  assert_int_equal(news_country_find("U.S.S.R.", 8, &how), news_country_find("Soviet Union", 12, &how));
}

/* Every entry of the gazetteer is found under its own key (a key the
** generator hashes or orders differently from the C side would be lost
** silently). */
static void test_gazetteer_sorted(void **state) {
  (void)state;
  for (uint32_t i = 0; i < news_ngaz; i++) {
    const news_gaz_entry *e = &news_gaz[i];
    char k[256];
    const char *key = news_gaz_key(e), *s = key ? key : news_gaz_name(e);
    size_t j = 0;
    for (; s[j] && j < sizeof k - 1; j++) k[j] = (char)(!key && s[j] >= 'A' && s[j] <= 'Z' ? s[j] + 32 : s[j]);
    k[j] = 0;
    uint32_t f, n = news_gaz_find(k, j, &f, NULL);
    if (n == 0 || f > i || f + n <= i) fail_msg("gazetteer entry %u (%s) not found under its key", i, k);
  }
  uint32_t f;
  bool longer;
  assert_true(news_gaz_find("new", 3, &f, &longer) == 0 || longer);
  assert_true(longer); /* New York, New Orleans ... */
  assert_true(news_gaz_find("new york", 8, &f, &longer) > 0);
}

/* The folded key of entry i into k (cap bytes); returns its length. */
static size_t entry_key(uint32_t i, char *k, size_t cap) {
  const news_gaz_entry *e = &news_gaz[i];
  const char *key = news_gaz_key(e), *s = key ? key : news_gaz_name(e);
  size_t j = 0;
  for (; s[j] && j < cap - 1; j++) k[j] = (char)(!key && s[j] >= 'A' && s[j] <= 'Z' ? s[j] + 32 : s[j]);
  k[j] = 0;
  return j;
}

/* news_gaz_find by binary search over the sorted entries: the reference
** the hash table must agree with. */
static uint32_t find_sorted(const char *key, size_t len, uint32_t *first, bool *longer) {
  char k[256];
  uint32_t lo = 0, hi = news_ngaz;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    size_t n = entry_key(mid, k, sizeof k);
    int c = memcmp(k, key, n < len ? n : len);
    if (c < 0 || (c == 0 && n < len)) lo = mid + 1;
    else hi = mid;
  }
  uint32_t end = lo;
  while (end < news_ngaz && entry_key(end, k, sizeof k) == len && memcmp(k, key, len) == 0) end++;
  *first = lo;
  *longer = end < news_ngaz && entry_key(end, k, sizeof k) > len && memcmp(k, key, len) == 0 && k[len] == ' ';
  return end - lo;
}

static void expect_same_find(const char *key, size_t len) {
  uint32_t f, rf, n, rn;
  bool l, rl;
  n = news_gaz_find(key, len, &f, &l);
  rn = find_sorted(key, len, &rf, &rl);
  if (n != rn || l != rl || (n && f != rf))
    fail_msg("news_gaz_find(\"%.*s\"): %u entries from %u, longer %d; sorted search: %u from %u, longer %d",
             (int)len, key, n, f, l, rn, rf, rl);
}

/* The hash table answers as a search of the sorted entries would, for every
** key, every shorter name a key starts with and names next to them. */
static void test_gazetteer_index(void **state) {
  (void)state;
  char k[256];
  for (uint32_t i = 0; i < news_ngaz; i++) {
    size_t n = entry_key(i, k, sizeof k);
    expect_same_find(k, n);
    for (size_t j = 1; j < n; j++)
      if (k[j] == ' ') {
        expect_same_find(k, j);     /* "new" of "new york" */
        expect_same_find(k, j + 1); /* "new " */
      }
    expect_same_find(k, n - 1); /* cut short */
    k[n] = 'x';
    expect_same_find(k, n + 1); /* one letter more */
    k[n] = ' ';
    expect_same_find(k, n + 1);
    k[n - 1] ^= 1; /* one letter changed */
    expect_same_find(k, n);
  }
  static const char *const miss[] = {"said", "the", "reuters", "mr", "x", "new yorker", "zzz"};
  for (size_t i = 0; i < sizeof miss / sizeof miss[0]; i++) expect_same_find(miss[i], strlen(miss[i]));
  /* every country name, variant and demonym is found under its key */
  for (uint32_t i = 0; i < news_ncountry_names; i++) {
    const news_country_name *c = &news_country_names[i];
    int how = 0;
    assert_int_equal(news_country_find_key(c->key, strlen(c->key), &how), c->country);
    assert_int_equal(how, c->how);
  }
  assert_int_equal(news_country_find_key("unite", 5, NULL), -1);
  assert_int_equal(news_country_find_key("united states of americas", 25, NULL), -1);
}

static void test_fold(void **state) {
  (void)state;
  char out[64];
  assert_int_equal(news_place_fold("São  Paulo", strlen("São  Paulo"), out, sizeof out), 9);
  assert_string_equal(out, "sao paulo");
  news_place_fold("Winston-Salem", 13, out, sizeof out);
  assert_string_equal(out, "winston salem");
  news_place_fold("U.S.", 4, out, sizeof out);
  assert_string_equal(out, "us");
  /* too small a buffer: the length needed, nothing to use */
  assert_true(news_place_fold("Massachusetts", 13, out, 4) >= 4);
  /* every ASCII byte between two letters: periods dropped; spaces, tabs,
  ** line breaks and hyphens one space; '`' an apostrophe; upper case lower */
  for (int b = 1; b < 128; b++) {
    char in[4] = {'A', (char)b, 'B', 0}, want[4] = {'a', (char)b, 'b', 0};
    if (b == '.') memcpy(want, "ab", 3);
    else if (b == ' ' || b == '-' || b == '\t' || b == '\n' || b == '\r') want[1] = ' ';
    else if (b == '`') want[1] = '\'';
    else if (b >= 'A' && b <= 'Z') want[1] = (char)(b + 32);
    news_place_fold(in, 3, out, sizeof out);
    if (strcmp(out, want)) fail_msg("fold of byte %d: \"%s\", not \"%s\"", b, out, want);
  }
  const char *rio = " - Rio  de\u00a0Janeiro. ";
  assert_int_equal(news_place_fold(rio, strlen(rio), out, sizeof out), 14);
  assert_string_equal(out, "rio de janeiro");
}

/* The place rows of text as "text=place/kind/country/admin1;..." */
static const char *describe(const char *text) {
  static char buf[4096];
  news_doc *d;
  const news_place *p;
  uint32_t n;
  assert_int_equal(news_doc_new(NULL, NULL, text, strlen(text), &d), NEWS_OK);
  assert_int_equal(news_doc_places(d, &p, &n), NEWS_OK);
  size_t k = 0;
  buf[0] = 0;
  for (uint32_t i = 0; i < n; i++)
    k += (size_t)snprintf(buf + k, sizeof buf - k, "%.*s=%s/%s/%s/%s;", (int)(p[i].end - p[i].start),
                          text + p[i].start, p[i].name ? p[i].name : "-",
                          news_place_kind_name(p[i].kind) ? news_place_kind_name(p[i].kind) : "-",
                          p[i].country ? p[i].country : "-", p[i].admin1 ? p[i].admin1 : "-");
  news_doc_free(d);
  return buf;
}

static void test_context(void **state) {
  (void)state;
  /* the parish places Alexandria in Louisiana */
  assert_string_equal(describe("A storm hit Alexandria overnight. Rapides Parish officials opened shelters."),
                      "Alexandria=Alexandria/city/US/Louisiana;Rapides Parish=Rapides Parish/admin2/US/Louisiana;");
  /* City, State */
  assert_string_equal(describe("She grew up in Paris, Texas."),
                      "Paris=Paris/city/US/Texas;Texas=Texas/admin1/US/Texas;");
  /* the same name elsewhere in the article takes the placed reading */
  assert_string_equal(describe("Paris schools reopened. The Paris, Tenn., district said so."),
                      "Paris=Paris/city/US/Tennessee;Paris=Paris/city/US/Tennessee;Tenn.=Tennessee/admin1/US/Tennessee;");
}

/* "City, State" where the state's name is also a country's: the city's
** own candidates pick the reading ("Atlanta, Georgia" is the US state). */
static void test_container_reading(void **state) {
  (void)state;
  assert_string_equal(describe("The airline moved its hub to Atlanta, Georgia, last year."),
                      "Atlanta=Atlanta/city/US/Georgia;Georgia=Georgia/admin1/US/Georgia;");
  assert_string_equal(describe("Crews drove north from Tbilisi, Georgia, after the quake."),
                      "Tbilisi=Tbilisi/city/GE/Tbilisi;Georgia=Georgia/country/GE/-;");
}

/* A country's name is the country, not a division of it named the same. */
static void test_country_not_division(void **state) {
  (void)state;
  const char *d = describe("Taipei officials said Taiwan would join. Taipei and Kaohsiung agreed; "
                           "Taiwan's exports to Taipei buyers rose.");
  if (strstr(d, "admin1/TW/Taiwan")) fail_msg("%s", d);
}

/* A list of countries is no "City, State" pair: every country keeps its row. */
static void test_country_list(void **state) {
  (void)state;
  assert_string_equal(describe("Finance ministers of Britain, Canada, France and Japan met on Sunday."),
                      "Britain=United Kingdom/country/GB/-;Canada=Canada/country/CA/-;"
                      "France=France/country/FR/-;Japan=Japan/country/JP/-;");
}

/* A bare name whose usual referent in news is the capital (Washington)
** keeps it against towns and counties of that name near the article's
** other places; a container or the article's places in the state of that
** name still decide. */
static void test_usual_referent(void **state) {
  (void)state;
  const char *il = "Flooding closed roads across central Illinois, and the governor asked Washington "
                   "for federal aid. Sangamon County crews and volunteers from Decatur and Peoria helped.";
  const char *d = describe(il);
  if (!strstr(d, "Washington=Washington, D.C./city/US/District of Columbia;")) fail_msg("%s", d);
  d = describe("The mill in Washington, Ill., closed. Peoria officials said 40 jobs were lost.");
  if (!strstr(d, "Washington=Washington/city/US/Illinois;")) fail_msg("%s", d);
  d = describe("Seattle and Spokane voters backed the measure, the first such vote in Washington.");
  if (!strstr(d, "Washington=Washington/admin1/US/Washington;")) fail_msg("%s", d);
  d = describe("Growth was fastest in Sarpy, Otoe and Washington counties, Omaha planners said.");
  if (!strstr(d, "Washington=Washington County/admin2/US/Nebraska;")) fail_msg("%s", d);
  d = describe("Sunderland and Newcastle fans met in London before officials in Washington said no.");
  if (!strstr(d, "Washington=Washington, D.C./city/US/District of Columbia;")) fail_msg("%s", d);
}

/* The places of 1980s wire copy that repeat in every such article: the
** countries by their names of the time (the successor state that holds
** their capital), a city by its everyday name, a compass word on the line
** before the place of a hard-wrapped story, a people's word the tagger
** took for a place. */
static void test_wire_names(void **state) {
  (void)state;
  const char *d = describe("Turkey and Yugoslavia signed a trade pact in Frankfurt on Tuesday, "
                           "officials said.");
  if (!strstr(d, "Turkey=Türkiye/country/TR/-;")) fail_msg("%s", d);
  if (!strstr(d, "Yugoslavia=Serbia/country/RS/-;")) fail_msg("%s", d);
  if (!strstr(d, "Frankfurt=Frankfurt am Main/city/DE/")) fail_msg("%s", d);
  d = describe("BONN, March 3 - Car and machinery exports from West\n"
               "Germany rose 3.5 pct in January from a year earlier, the\n"
               "Federal Statistics Office said in a statement on Tuesday,\n"
               "after a fall of 2.1 pct in December and a rise in November.\n"
               "    West German imports fell 1.2 pct in the month, it said,\n"
               "and the trade surplus widened to 9.8 billion marks from 8.1\n"
               "billion marks in December, the office added in its report.\n");
  if (!strstr(d, "West\nGermany=Germany/country/DE/-;")) fail_msg("%s", d);
  if (!strstr(d, "West German=Germany/country/DE/-;")) fail_msg("%s", d);
  d = describe("Demand from the Far East rose, and ferries in the Aegean Sea were delayed.");
  if (!strstr(d, "Far East=Far East/region/-/-;") || !strstr(d, "Aegean Sea=Aegean Sea/feature/-/-;"))
    fail_msg("%s", d);
  /* an English word a country's own name folds to is no country (Ísland) */
  d = describe("Floods cut roads on the North Island of New Zealand.");
  if (strstr(d, "Iceland")) fail_msg("%s", d);
}

static void test_mentions(void **state) {
  (void)state;
  assert_string_equal(describe("Iranian officials met Britain-based lawyers."),
                      "Iranian=Iran/country/IR/-;Britain=United Kingdom/country/GB/-;");
  /* an unknown place keeps its row, with no place */
  assert_string_equal(describe("They camped at Qwertyxx Lake."), "Qwertyxx Lake=-/-/-/-;");
  /* institutions named like places are not places */
  assert_string_equal(describe("The White House and the Kremlin said nothing."), "");
  /* nor the founders' names of a well-known firm (Smith County, Texas;
  ** Drexel, Ohio) */
  assert_string_equal(describe("Analysts at Smith Barney and Drexel Burnham expect a cut."), "");
  assert_string_equal(describe(""), "");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_country_variants),
      cmocka_unit_test(test_fold),
      cmocka_unit_test(test_gazetteer_sorted),
      cmocka_unit_test(test_gazetteer_index),
      cmocka_unit_test(test_context),
      cmocka_unit_test(test_container_reading),
      cmocka_unit_test(test_country_list),
      cmocka_unit_test(test_country_not_division),
      cmocka_unit_test(test_usual_referent),
      cmocka_unit_test(test_wire_names),
      cmocka_unit_test(test_mentions),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
