/*
** test_sentences.c -- the sentence splitter on news writing.
**
** Each case marks the expected breaks with '|'.  Cases: abbreviations that
** do and do not end sentences; initials and titles; quotations closing
** sentences, and attributions after ? and !; paragraph breaks; headline,
** byline and dateline lines; inline datelines; wrapped wire copy.
*/
#include "testutil.h"

static const char *const cases[] = {
    "The U.S. Senate voted on Tuesday.| It passed.",
    "Sen. John McCain spoke first.| Rep. Nancy Pelosi followed.",
    "“We will fight,” she said.| “And win.”",
    "“Stop!” he shouted at the crowd.",
    "“Is this legal?” asked the judge.| Nobody answered.",
    "He works for Acme Corp. in Ohio.",
    "He works for Acme Corp.| The company declined to comment.",
    "The meeting is at 3 p.m.| The vote follows.",
    "They met on Jan. 5 in Geneva.",
    "Mr. J. R. Smith of the U.S. Army arrived.",
    "First paragraph without a stop\n\n|Second paragraph.",
    "Dutch court halts sale of state rail firm.\n|Anna de Vries\n|AMSTERDAM 2003-05-14\n|The "
    "district court said on Friday it had suspended the sale.",
    "WASHINGTON (Reuters) -| The Senate voted on Tuesday.",
    "the output of the plant rose by four pct in the quarter ended\nin March, the company said in a "
    "statement issued today.",
    "He paid $5.3 million.| That was 4.5% more.",
    "The price rose...| Then it fell.",
    "Prices rose 3.5 pct.| Analysts were surprised.",
    "PORTLAND, Ore. -| The council voted 4-1.| The mayor abstained.",
    "LONDON, Jan. 5 (AP) —| Oil fell.",
    "Dr. Anthony Fauci, director of the National Institute of Allergy and Infectious Diseases, spoke at "
    "9 a.m. Eastern time.",
    "“Why now?” she asked.| “Because the vote is on Monday,” he said.",
    "The company (formerly Acme Inc.) said sales rose.| Shares fell.",
    "He cited the Jan. 6 attack.| Others disagreed.",
    "Officials said the U.S. would respond.| “We are ready,” one said.",
    "Tricentrol Plc <TCT.L> said it would sell the field.| Shares rose.",
    "Exports rose in March.|The figures came late.",
    /* a short first line of wrapped copy going on with a number; a short
    ** headline in sentence case; an indented table row */
    "HOUSING STARTS RISE\n|Japan's housing starts in February rose\n13.4 pct from a year earlier, the "
    "ministry said.",
    "Oil prices rise\n|Oil prices rose on Monday.",
    "Rev 36.5 mln vs 34.0 mln\n|    12 months",
    /* nor where a short line ends in a small word or inside a title */
    "Sen. Phil Gramm, a co-author of the\nGramm-Rudman law, said he will insist on it.",
    "<Casey-Werner Co>, producer of \"The\nCosby Show,\" said it filed suit.",
};

static void test_cases(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) sent_check((int)i, cases[i]);
}

/* Sentence spans and token ranges tile the token array. */
static void test_token_ranges(void **state) {
  (void)state;
  const char *text = "One. Two three.\n\nFour!";
  news_doc *d;
  const news_sentence *s;
  const news_token *t;
  uint32_t ns, nt;
  assert_int_equal(news_doc_new(NULL, NULL, text, strlen(text), &d), NEWS_OK);
  assert_int_equal(news_doc_sentences(d, &s, &ns), NEWS_OK);
  assert_int_equal(news_doc_tokens(d, &t, &nt), NEWS_OK);
  assert_int_equal(ns, 3);
  assert_int_equal(s[0].tok_begin, 0);
  for (uint32_t i = 1; i < ns; i++) assert_int_equal(s[i].tok_begin, s[i - 1].tok_end);
  assert_int_equal(s[ns - 1].tok_end, nt);
  for (uint32_t i = 0; i < nt; i++) assert_true(t[i].sentence < ns);
  assert_int_equal(t[nt - 1].sentence, 2);
  news_doc_free(d);
}

static void test_empty(void **state) {
  (void)state;
  news_doc *d;
  const news_sentence *s;
  uint32_t ns;
  assert_int_equal(news_doc_new(NULL, NULL, "  \n\n ", 5, &d), NEWS_OK);
  assert_int_equal(news_doc_sentences(d, &s, &ns), NEWS_OK);
  assert_int_equal(ns, 0);
  news_doc_free(d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_cases),
      cmocka_unit_test(test_token_ranges),
      cmocka_unit_test(test_empty),
  };
  return cmocka_run_group_tests_name("sentences", tests, NULL, NULL);
}
