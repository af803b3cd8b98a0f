/*
** test_lexicon.c -- looking words up in the generated word lists.
**
** Cases: a listed word is found in any case and with its class, at every
** length the hash reads differently (1-3, 4-8, 9-16 and more bytes); a
** word that differs by a letter, a letter more or less is not; a word with
** bytes outside ASCII is folded first ("WON’T"); 64 bytes and more are
** never found; every key of every list finds itself.
*/
#include "testutil.h"

#include "lexicon.h"

static void test_cases(void **state) {
  (void)state;
  assert_int_equal(news_lex_find(&news_lex_abbreviations, "Mr", 2), NEWS_ABBR_TITLE);
  assert_int_equal(news_lex_find(&news_lex_abbreviations, "MR", 2), NEWS_ABBR_TITLE);
  assert_int_equal(news_lex_find(&news_lex_abbreviations, "Aug", 3), NEWS_ABBR_MONTH);
  assert_int_equal(news_lex_find(&news_lex_speech_verbs, "said", 4), V_SPEECH);
  assert_int_equal(news_lex_find(&news_lex_speech_verbs, "Said", 4), V_SPEECH);
  assert_int_equal(news_lex_find(&news_lex_speech_verbs, "According", 9), V_ACCORDING);
  assert_int_equal(news_lex_find(&news_lex_companies, "allied irish BANKS", 18) != 0, 1);
  assert_int_equal(news_lex_find(&news_lex_speech_verbs, "saidd", 5), 0);
  assert_int_equal(news_lex_find(&news_lex_speech_verbs, "sai", 3), 0);
  assert_int_equal(news_lex_find(&news_lex_speech_verbs, "sand", 4), 0);
  assert_int_equal(news_lex_find(&news_lex_speech_verbs, "", 0), 0);
  /* the hash ors each byte with 0x20, so "a\rframe" hashes as "a-frame": the compare tells them apart */
  assert_int_equal(news_lex_find(&news_lex_companies, "A-Frame", 7) != 0, 1);
  assert_int_equal(news_lex_find(&news_lex_companies, "A\rFrame", 7), 0);
  assert_int_equal(news_lex_find(&news_lex_timex_tense, "won\xe2\x80\x99t", 7), 1);
  assert_int_equal(news_lex_find(&news_lex_timex_tense, "WON\xe2\x80\x99T", 7), 1);
  assert_int_equal(news_lex_find(&news_lex_timex_tense, "\xe2\x80\x99LL", 5), 1);
  char w[80];
  memset(w, 'a', sizeof w);
  for (size_t n = 56; n < sizeof w; n++) assert_int_equal(news_lex_find(&news_lex_companies, w, n), 0);
}

static void test_every_key(void **state) {
  (void)state;
  const news_lexicon *all[] = {&news_lex_abbreviations, &news_lex_sentence_openers, &news_lex_person_titles,
                               &news_lex_timex_holidays, &news_lex_timex_tense,     &news_lex_timex_words,
                               &news_lex_timex_cues,     &news_lex_speech_verbs,    &news_lex_speaker_words,
                               &news_lex_given_names,    &news_lex_paragraph_labels, &news_lex_entity_cues,
                               &news_lex_legal_forms,    &news_lex_wire_credits,    &news_lex_companies};
  for (size_t l = 0; l < sizeof all / sizeof all[0]; l++)
    for (uint32_t i = 0; i < all[l]->n; i++) {
      const news_lex_entry *e = &all[l]->entries[i];
      if (e->len >= 64) continue;
      int v = news_lex_find(all[l], e->key, e->len);
      if (v != e->value) fail_msg("%s: '%s' gives %d, not %d", all[l]->name, e->key, v, e->value);
    }
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_cases), cmocka_unit_test(test_every_key)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
