/*
** test_utf8.c -- UTF-8 reading, sanitising and the byte->character map.
**
** Cases: ASCII and multi-byte characters; stray continuation bytes, bare
** lead bytes, overlong forms, encoded surrogates and code points past
** U+10FFFF all read as U+FFFD with the segmentation SQLite uses; literal
** U+FFFD stays valid; sanitising makes any text valid UTF-8; the character
** map agrees with a naive count at every byte offset, across checkpoints.
*/
#include "testutil.h"

#include "core.h"

static void test_next(void **state) {
  (void)state;
  const unsigned char s[] = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80";
  int32_t cp;
  size_t i = news_utf8_next(s, sizeof s - 1, 0, &cp);
  assert_int_equal(cp, 'a');
  i = news_utf8_next(s, sizeof s - 1, i, &cp);
  assert_int_equal(cp, 0xe9);
  i = news_utf8_next(s, sizeof s - 1, i, &cp);
  assert_int_equal(cp, 0x20ac);
  i = news_utf8_next(s, sizeof s - 1, i, &cp);
  assert_int_equal(cp, 0x1f600);
  assert_int_equal(i, sizeof s - 1);
}

static void test_invalid(void **state) {
  (void)state;
  static const struct {
    const char *bytes;
    size_t len, next; /* where the first character ends */
  } cases[] = {
      {"\x80x", 2, 1},             /* stray continuation: one character */
      {"\xc3x", 2, 1},             /* lead byte without continuation */
      {"\xc0\xaf", 2, 2},          /* overlong '/' */
      {"\xed\xa0\x80", 3, 3},      /* encoded surrogate U+D800 */
      {"\xf4\x90\x80\x80", 4, 4},  /* past U+10FFFF */
      {"\xe2\x82\xac\x80", 4, 4},  /* SQLite swallows extra continuations */
      {"\xff", 1, 1},
  };
  for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
    int32_t cp;
    size_t i = news_utf8_next((const unsigned char *)cases[k].bytes, cases[k].len, 0, &cp);
    assert_int_equal(cp, NEWS_REPLACEMENT);
    assert_int_equal(i, cases[k].next);
    assert_false(news_utf8_valid(cases[k].bytes, cases[k].len));
  }
  assert_true(news_utf8_valid("\xef\xbf\xbd ok", 6)); /* a literal U+FFFD */
}

static void test_sanitize(void **state) {
  (void)state;
  const char in[] = "ok\xff\xc0\xafz";
  char out[32];
  size_t n = news_utf8_sanitize(in, sizeof in - 1, out, sizeof out);
  assert_int_equal(n, 2 + 3 + 3 + 1);
  assert_memory_equal(out, "ok\xef\xbf\xbd\xef\xbf\xbdz", n);
  assert_true(news_utf8_valid(out, n));
  /* too small a buffer: the size needed comes back, nothing overflows */
  assert_int_equal(news_utf8_sanitize(in, sizeof in - 1, out, 3), n);
  /* a name squeezed onto one line is valid UTF-8 too, also when the
  ** ill-formed run is as long as the U+FFFD that replaces it (fuzz_core) */
  news_arena a;
  news_arena_init(&a, news_mem_default());
  const char name[] = "the\nchief \xd3\x90\xbf economist";
  uint32_t m;
  const char *z = news_arena_squeeze(&a, name, sizeof name - 1, &m);
  assert_non_null(z);
  assert_int_equal(m, sizeof name - 1);
  assert_memory_equal(z, "the chief \xef\xbf\xbd economist", m);
  news_arena_free(&a);
}

/* Counts characters before byte off the slow way, as SQLite does. */
static uint32_t naive_chars(const unsigned char *s, size_t off) {
  uint32_t n = 0;
  for (size_t i = 0; i < off;) {
    unsigned char b = s[i++];
    if (b >= 0xc0)
      while (i < off && (s[i] & 0xc0) == 0x80) i++;
    n++;
  }
  return n;
}

static void test_charmap(void **state) {
  (void)state;
  /* a text of mixed widths and broken bytes, long enough to cross several
  ** checkpoints, with a continuation run across a checkpoint boundary */
  unsigned char text[700];
  size_t n = 0;
  const char *pieces[] = {"abc ", "\xc3\xa9", "\xe6\x9d\xb1", "\x80\x80", "\xf0\x9f\x98\x80", "\xc3"};
  for (int k = 0; n < sizeof text - 8; k++) {
    const char *p = pieces[k % 6];
    memcpy(text + n, p, strlen(p));
    n += strlen(p);
  }
  memset(text + 60, 0x80, 10); /* continuation run across byte 64 */
  text[59] = 0xc3;
  news_charmap map;
  assert_int_equal(news_charmap_build(&map, NULL, (const char *)text, n), NEWS_OK);
  for (size_t off = 0; off <= n; off++) assert_int_equal(news_charmap_chars(&map, (uint32_t)off), naive_chars(text, off));
  news_charmap_free(&map, NULL);
}

/* Whole 64-byte steps of ASCII between other bytes (counted a step at a
** time): a lead byte ending one step with its continuation bytes opening
** the next, an ASCII step after a continuation run, stray continuation
** bytes opening a step after an ASCII one, and a short ASCII tail. */
static void test_charmap_ascii_steps(void **state) {
  (void)state;
  unsigned char text[64 * 6 + 20];
  memset(text, 'a', sizeof text);
  text[127] = 0xc3; /* step 1 ends with a lead byte ... */
  text[128] = 0x80; /* ... whose continuation bytes open step 2 */
  text[129] = 0x80;
  /* step 3 (192..255) all ASCII, after step 2's run */
  text[256] = 0x80; /* stray continuation bytes open step 4 */
  text[257] = 0x80;
  text[300] = 0xe6, text[301] = 0x9d, text[302] = 0xb1;
  /* step 5 (320..383) ASCII, then a 20-byte ASCII tail */
  size_t n = sizeof text;
  news_charmap map;
  assert_int_equal(news_charmap_build(&map, NULL, (const char *)text, n), NEWS_OK);
  for (size_t off = 0; off <= n; off++) assert_int_equal(news_charmap_chars(&map, (uint32_t)off), naive_chars(text, off));
  news_charmap_free(&map, NULL);
}

/* ASCII text needs no checkpoints; one byte >= 0x80 anywhere, even in the
** last of 200 bytes, does. */
static void test_charmap_ascii(void **state) {
  (void)state;
  unsigned char text[201];
  for (size_t i = 0; i < 200; i++) text[i] = (unsigned char)("Reuters reported on Monday. "[i % 28]);
  news_charmap map;
  assert_int_equal(news_charmap_build(&map, NULL, (const char *)text, 200), NEWS_OK);
  for (size_t off = 0; off <= 200; off++) assert_int_equal(news_charmap_chars(&map, (uint32_t)off), off);
  news_charmap_free(&map, NULL);
  text[198] = 0xc3, text[199] = 0xa9; /* "é" at the very end */
  assert_int_equal(news_charmap_build(&map, NULL, (const char *)text, 200), NEWS_OK);
  for (size_t off = 0; off <= 200; off++) assert_int_equal(news_charmap_chars(&map, (uint32_t)off), naive_chars(text, off));
  news_charmap_free(&map, NULL);
}

static void test_fold(void **state) {
  (void)state;
  char out[32];
  size_t n = news_fold("ÉCOLE Straße", strlen("ÉCOLE Straße"), out, sizeof out);
  assert_memory_equal(out, "école straße", n);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_next),     cmocka_unit_test(test_invalid), cmocka_unit_test(test_sanitize),
      cmocka_unit_test(test_charmap),  cmocka_unit_test(test_charmap_ascii_steps),
      cmocka_unit_test(test_charmap_ascii), cmocka_unit_test(test_fold),
  };
  return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
