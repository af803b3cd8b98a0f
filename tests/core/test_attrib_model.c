/*
** test_attrib_model.c -- the trained attribution-cue model (attrib_model.c)
** and the rows attrib.c makes from its cues, on sentences written for these
** tests.
**
** Groups:
**   rows      cues no word list holds ("proposed", "approved", "forecast";
**             words a retrained model may drop: update them then)
**             give rows with the source and content of a speech verb; a
**             sentence with no attribution gives none;
**   history   a row of the model leaves the speaker history alone: its
**             source is no referent of a later pronoun;
**   features  only lower-case words are candidates; the same token gives
**             the same features; a word the model never saw as a cue is
**             rejected; news_attributions_model() names the model.
*/
#include "testutil.h"

#include "attrib_model.h"

typedef speech_case acase;

static void check(const acase *cases, size_t n) { speech_check(cases, n, "attribution", attribution_rows); }

static const acase rows[] = {
    {"Councillor Ann Ortiz proposed a new tax on fuel.",
     "a new tax on fuel | Ann Ortiz | Councillor Ann Ortiz | proposed | indirect\n"},
    {"Beck approved the proposal to extend the line.",
     "the proposal to extend the line | Beck | Beck | approved | indirect\n"},
    {"The transit board forecast a rise in fares next year.",
     "a rise in fares next year | the transit board | The transit board | forecast | indirect\n"},
    {"The farm sells eggs and cheese at the Saturday market.", ""},
};

static void test_rows(void **state) {
  (void)state;
  check(rows, sizeof rows / sizeof *rows);
}

static const acase history[] = {
    /* "It" is not the transit board: the model's row named no speaker
    ** for the pronouns after it */
    {"Mayor Ann Ortiz said the bridge would reopen in May. The transit board forecast a rise in fares next year. "
     "It said the ferry would run every hour.",
     "the bridge would reopen in May | Ann Ortiz | Mayor Ann Ortiz | said | indirect\n"
     "a rise in fares next year | the transit board | The transit board | forecast | indirect\n"
     "the ferry would run every hour | it | It | said | indirect\n"},
};

static void test_history(void **state) {
  (void)state;
  check(history, sizeof history / sizeof *history);
}

static void test_features(void **state) {
  (void)state;
  const char *text = "Ortiz proposed a plan, and the table fell.";
  news_doc *d;
  const news_token *tok;
  const news_sentence *sent;
  uint32_t ntok, nsent;
  assert_int_equal(news_doc_new(NULL, NULL, text, strlen(text), &d), NEWS_OK);
  assert_int_equal(news_doc_tokens(d, &tok, &ntok), NEWS_OK);
  assert_int_equal(news_doc_sentences(d, &sent, &nsent), NEWS_OK);
  const unsigned char *s = (const unsigned char *)news_doc_text(d, NULL);
  uint32_t f[NEWS_AM_MAXF], g[NEWS_AM_MAXF];
  /* 0 "Ortiz" 1 "proposed" 2 "a" 3 "plan" 4 "," 5 "and" 6 "the" 7 "table" */
  assert_int_equal(news_attrib_model_features(s, tok, ntok, sent, 0, f), 0); /* capitalised */
  assert_int_equal(news_attrib_model_features(s, tok, ntok, sent, 4, f), 0); /* a comma */
  assert_int_equal(news_attrib_model_features(s, tok, ntok, sent, 2, f), 0); /* one letter */
  assert_int_equal(news_attrib_model_features(s, tok, ntok, sent, ntok, f), 0);
  uint32_t n = news_attrib_model_features(s, tok, ntok, sent, 1, f);
  assert_true(n > 0 && n <= NEWS_AM_MAXF);
  assert_int_equal(news_attrib_model_features(s, tok, ntok, sent, 1, g), n);
  assert_memory_equal(f, g, n * sizeof *f);
  assert_true(news_attrib_model_cue(s, tok, ntok, sent, 1));
  assert_false(news_attrib_model_cue(s, tok, ntok, sent, 7));
  assert_false(news_attrib_model_cue(s, tok, ntok, sent, 0));
  bool found;
  news_attrib_model_weight(0, &found);
  assert_false(found);
  assert_non_null(strstr(news_attributions_model(), "attribution cue model format 1"));
  news_doc_free(d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_rows),
      cmocka_unit_test(test_history),
      cmocka_unit_test(test_features),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
