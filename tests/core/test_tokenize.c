/*
** test_tokenize.c -- the tokenizer on news writing.
**
** Cases: abbreviations and initials; possessives and contractions; hyphenated
** and particle names; quotation marks (straight, curly, guillemets);
** numbers, money, percentages, ordinals, ISO dates and times; URLs, e-mail,
** handles and hashtags; dashes and ellipses; invalid UTF-8; flags.
*/
#include "testutil.h"

typedef struct {
  const char *text, *want;
} tok_case;

static const tok_case cases[] = {
    {"Sen. John McCain", "abbrev:Sen. word:John word:McCain"},
    {"the U.S. embassy", "word:the abbrev:U.S. word:embassy"},
    {"at 3 p.m. on Jan. 5", "word:at number:3 abbrev:p.m. word:on abbrev:Jan. number:5"},
    {"J. Robert Oppenheimer", "initial:J. word:Robert word:Oppenheimer"},
    {"Acme Co. and Widget Corp.", "word:Acme abbrev:Co. word:and word:Widget abbrev:Corp."},
    {"Trump's plan", "word:Trump clitic:'s word:plan"},
    {"Iran’s foreign minister", "word:Iran clitic:’s word:foreign word:minister"},
    {"O'Brien didn't", "word:O'Brien word:didn't"},
    {"Adel Abdul-Mahdi and Abu Mahdi al-Muhandis",
     "word:Adel word:Abdul-Mahdi word:and word:Abu word:Mahdi word:al-Muhandis"},
    {"“We will fight,” she said.",
     "quote_open:“ word:We word:will word:fight punct:, quote_close:” word:she word:said punct:."},
    {"He said \"no\" twice.", "word:He word:said quote_open:\" word:no quote_close:\" word:twice punct:."},
    {"«Non», dit-il", "quote_open:« word:Non quote_close:» punct:, word:dit-il"},
    {"costs $5.3 billion, up 4.5%", "word:costs money:$5.3 word:billion punct:, word:up percent:4.5%"},
    {"1,200 troops in the 3rd brigade", "number:1,200 word:troops word:in word:the ordinal:3rd word:brigade"},
    {"BRUSSELS 1996-08-22", "word:BRUSSELS date:1996-08-22"},
    {"at 10:30 GMT", "word:at time:10:30 word:GMT"},
    {"see https://example.com/a?b=1.", "word:see url:https://example.com/a?b=1 punct:."},
    {"write to desk@example.org now", "word:write word:to email:desk@example.org word:now"},
    {"@nytimes #Election2020", "handle:@nytimes hashtag:#Election2020"},
    {"war — and peace -- again", "word:war dash:— word:and word:peace dash:-- word:again"},
    {"wait... what…", "word:wait ellipsis:... word:what ellipsis:…"},
    {"the 1990s and a 24-year-old", "word:the word:1990s word:and word:a word:24-year-old"},
    {"AT&T and S&P 500", "word:AT&T word:and word:S&P number:500"},
    {"won 3-1", "word:won number:3 dash:- number:1"},
    {"Amazon.com shares", "url:Amazon.com word:shares"},
    {"No. 10 Downing St.", "abbrev:No. number:10 word:Downing abbrev:St."},
    {"the answer is no.", "word:the word:answer word:is word:no punct:."},
    {"bad \xff byte", "word:bad symbol:\xff word:byte"},
    {"reached 40.3C and 3.5pct", "word:reached word:40.3C word:and word:3.5pct"},
    {"a 2.5-magnitude quake", "word:a word:2.5-magnitude word:quake"},
    {"Gov. Andrew M. Cuomo, D-N.Y.", "abbrev:Gov. word:Andrew initial:M. word:Cuomo punct:, abbrev:D-N.Y."},
    {"rose 0.25 percentage point", "word:rose number:0.25 word:percentage word:point"},
    {"'Tis the 'cause'", "quote_open:' word:Tis word:the quote_open:' word:cause quote_close:'"},
};

static void test_cases(void **state) {
  (void)state;
  int failed = 0;
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const char *got = tok_describe(cases[i].text);
    if (strcmp(got, cases[i].want) != 0) {
      print_error("token case %zu: %s\n  want: %s\n  got:  %s\n", i, cases[i].text, cases[i].want, got);
      failed++;
    }
  }
  assert_int_equal(failed, 0);
}

/* Flags record the white space before each token and the case of words. */
static void test_flags(void **state) {
  (void)state;
  const char *text = "HEADLINE\nBody text.\n\nNext para";
  news_doc *d;
  const news_token *t;
  uint32_t n;
  assert_int_equal(news_doc_new(NULL, NULL, text, strlen(text), &d), NEWS_OK);
  assert_int_equal(news_doc_tokens(d, &t, &n), NEWS_OK);
  assert_int_equal(n, 6);
  assert_true(t[0].flags & NEWS_TF_ALLCAPS);
  assert_true(t[1].flags & NEWS_TF_NEWLINE);
  assert_false(t[1].flags & NEWS_TF_PARA);
  assert_true(t[1].flags & NEWS_TF_UPPER);
  assert_false(t[2].flags & NEWS_TF_UPPER);
  assert_true(t[4].flags & NEWS_TF_PARA);
  news_doc_free(d);
}

/* NEWS_TF_HYPHEN marks a word whose parts an ASCII hyphen joins. */
static void test_hyphen_flag(void **state) {
  (void)state;
  const char *text = "A third-quarter loss, a 24-year-old co\xe2\x80\x90owner, D-N.Y. - and e-mail.";
  news_doc *d;
  const news_token *t;
  uint32_t n;
  assert_int_equal(news_doc_new(NULL, NULL, text, strlen(text), &d), NEWS_OK);
  assert_int_equal(news_doc_tokens(d, &t, &n), NEWS_OK);
  assert_int_equal(n, 13);
  assert_false(t[0].flags & NEWS_TF_HYPHEN);       /* A */
  assert_true(t[1].flags & NEWS_TF_HYPHEN);        /* third-quarter */
  assert_false(t[2].flags & NEWS_TF_HYPHEN);       /* loss */
  assert_true(t[5].flags & NEWS_TF_HYPHEN);        /* 24-year-old */
  assert_false(t[6].flags & NEWS_TF_HYPHEN);       /* co‐owner: U+2010, not ASCII */
  assert_true(t[8].flags & NEWS_TF_HYPHEN);        /* D-N.Y. */
  assert_false(t[9].flags & NEWS_TF_HYPHEN);       /* the dash */
  assert_true(t[11].flags & NEWS_TF_HYPHEN);       /* e-mail */
  news_doc_free(d);
}

/* Counts tokens (a news_token_cb). */
static int count_cb(void *arg, const news_token *t) {
  (void)t;
  ++*(long *)arg;
  return 0;
}

/* Tokenizes "a.a.a. ... a.aa": reps pairs "a." and then "aa". */
static void run_dotted_chain(void *ctx, size_t reps) {
  (void)ctx;
  size_t n = 2 * reps;
  char *z = malloc(n + 3);
  assert_non_null(z);
  for (size_t i = 0; i < n; i += 2) memcpy(z + i, "a.", 2);
  memcpy(z + n, "aa", 3);
  long count = 0;
  assert_int_equal(news_tokenize(z, n + 2, count_cb, &count), NEWS_OK);
  assert_true(count > 0);
  free(z);
}

/* Regression: "a.a.a. ... a.aa" is not a dotted abbreviation
** (letters follow the last period), and scan_dotted() used to re-read the
** whole chain from every letter in it: quadratic, minutes for 200 KB. */
static void test_dotted_chain_linear(void **state) {
  (void)state;
  linear_check("dotted chain", run_dotted_chain, NULL, 10000);
}

/* Offsets stay exact over invalid UTF-8: every byte belongs to one token or
** to the white space between tokens, and tokens never overlap. */
static void test_invalid_utf8_offsets(void **state) {
  (void)state;
  const char text[] = "Caf\xc3\xa9 \xe2\x80 \xc0\xaf x\x80\x80y \xed\xa0\x80 end";
  news_doc *d;
  const news_token *t;
  uint32_t n;
  assert_int_equal(news_doc_new(NULL, NULL, text, sizeof text - 1, &d), NEWS_OK);
  assert_int_equal(news_doc_tokens(d, &t, &n), NEWS_OK);
  uint32_t prev = 0;
  for (uint32_t i = 0; i < n; i++) {
    assert_true(t[i].start >= prev);
    assert_true(t[i].end > t[i].start);
    prev = t[i].end;
  }
  assert_int_equal(t[0].end, 5); /* Café is one word */
  assert_int_equal(t[n - 1].end, sizeof text - 1);
  news_doc_free(d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_cases),
      cmocka_unit_test(test_flags),
      cmocka_unit_test(test_hyphen_flag),
      cmocka_unit_test(test_invalid_utf8_offsets),
      cmocka_unit_test(test_dotted_chain_linear),
  };
  return cmocka_run_group_tests_name("tokenize", tests, NULL, NULL);
}
