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
}

/* Every entry of the gazetteer is found under its own key: the table is
** sorted the way the C comparison reads it (a key order that differs
** between the generator and the C side loses names silently). */
static void test_gazetteer_sorted(void **state) {
  (void)state;
  for (uint32_t i = 0; i < news_ngaz; i++) {
    const news_gaz_entry *e = &news_gaz[i];
    char k[256];
    const char *s = e->key ? e->key : e->name;
    size_t j = 0;
    for (; s[j] && j < sizeof k - 1; j++) k[j] = (char)(!e->key && s[j] >= 'A' && s[j] <= 'Z' ? s[j] + 32 : s[j]);
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

static void test_mentions(void **state) {
  (void)state;
  assert_string_equal(describe("Iranian officials met Britain-based lawyers."),
                      "Iranian=Iran/country/IR/-;Britain=United Kingdom/country/GB/-;");
  /* an unknown place keeps its row, with no place */
  assert_string_equal(describe("They camped at Qwertyxx Lake."), "Qwertyxx Lake=-/-/-/-;");
  /* institutions named like places are not places */
  assert_string_equal(describe("The White House and the Kremlin said nothing."), "");
  assert_string_equal(describe(""), "");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_country_variants),
      cmocka_unit_test(test_fold),
      cmocka_unit_test(test_gazetteer_sorted),
      cmocka_unit_test(test_context),
      cmocka_unit_test(test_mentions),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
