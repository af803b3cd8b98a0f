/*
** test_ner.c -- the tagger's feature split (ner.h).
**
** The decoder scores the static features in three parts (the token alone,
** once per distinct token; the shapes, kinds and gazetteer bits around it,
** once per distinct window key; the rest of its context) and the label features in three
** (previous label with the token; the label pair; the history value), each
** once per distinct value; the trainer sees the whole lists.  Scores are
** sums, so the decoder is exact only when the parts together are exactly the
** whole list.  These tests check that for every token of a news article and
** every label combination, so a feature added to one list but not to its
** part fails here.  The single pass that prepares ASCII words is checked
** against the definitions of their fold, hashes and casing.
*/
#include "testutil.h"

#include "core.h"
#include "ner.h"

static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return (x > y) - (x < y);
}

/* Sorted copies of a[0..na) and of b[0..nb) are equal. */
static void assert_same_set(uint32_t *a, uint32_t na, uint32_t *b, uint32_t nb) {
  assert_int_equal(na, nb);
  qsort(a, na, sizeof *a, cmp_u32);
  qsort(b, nb, sizeof *b, cmp_u32);
  assert_memory_equal(a, b, na * sizeof *a);
}

static const char *ARTICLE =
    "WASHINGTON (Reuters) - The U.S. Federal Reserve left interest rates unchanged on Wednesday, "
    "and Chair Janet Yellen said the Fed would \"wait and see\" before moving again.\n\n"
    "Yellen told reporters in Washington that inflation, at 1.8%, remained below target. "
    "Bank of England Governor Mark Carney and ECB President Mario Draghi spoke in Frankfurt "
    "on Thursday.\n\n"
    "ROME, March 3 - Italy's Prime Minister Matteo Renzi met Angela Merkel.";

static void test_split_is_whole(void **state) {
  (void)state;
  news_doc *d;
  const news_sentence *s;
  uint32_t ns;
  assert_int_equal(news_doc_new(NULL, NULL, ARTICLE, strlen(ARTICLE), &d), NEWS_OK);
  assert_int_equal(news_doc_sentences(d, &s, &ns), NEWS_OK);
  news_ner_doc nd;
  assert_int_equal(news_ner_prepare(d, &nd), NEWS_OK);
  uint32_t whole[NEWS_NER_MAXFEAT], parts[2 * NEWS_NER_MAXFEAT];
  uint32_t checked = 0;
  for (uint32_t k = 0; k < ns; k++) {
    for (uint32_t i = s[k].tok_begin; i < s[k].tok_end; i++) {
      uint32_t n = news_ner_features_static(&nd, k, i, whole);
      uint32_t m = news_ner_features_token(&nd, k, i, parts);
      m += news_ner_features_window(&nd, k, i, parts + m);
      m += news_ner_features_context(&nd, k, i, parts + m);
      assert_same_set(whole, n, parts, m);
      for (int p1 = 0; p1 < NEWS_NER_NLABELS; p1++)
        for (int p2 = 0; p2 < NEWS_NER_NLABELS; p2++)
          for (int h = 0; h <= NEWS_NER_NLABELS; h += 3) {
            n = news_ner_features_labels(&nd, i, p1, p2, h, whole);
            m = news_ner_features_prev(&nd, i, p1, parts);
            m += news_ner_features_pair(p1, p2, parts + m);
            m += news_ner_features_hist(&nd, i, h, parts + m);
            assert_same_set(whole, n, parts, m);
          }
      checked++;
    }
  }
  /* equal window keys, equal window features */
  uint32_t ka[NEWS_NER_WKEY], kb[NEWS_NER_WKEY], same = 0;
  for (uint32_t k = 0; k < ns; k++)
    for (uint32_t i = s[k].tok_begin; i < s[k].tok_end; i++)
      for (uint32_t k2 = 0; k2 < ns; k2++)
        for (uint32_t j = s[k2].tok_begin; j < s[k2].tok_end; j++) {
          news_ner_window_key(&nd, k, i, ka);
          news_ner_window_key(&nd, k2, j, kb);
          if (i == j || memcmp(ka, kb, sizeof ka)) continue;
          uint32_t n = news_ner_features_window(&nd, k, i, whole);
          uint32_t m = news_ner_features_window(&nd, k2, j, parts);
          assert_same_set(whole, n, parts, m);
          same++;
        }
  assert_true(same > 0);
  assert_true(checked > 60);
  news_ner_release(&nd);
  news_doc_free(d);
}

/* The scores of the parts add up to the score of the whole list. */
static void test_scores_add_up(void **state) {
  (void)state;
  news_doc *d;
  const news_sentence *s;
  uint32_t ns;
  assert_int_equal(news_doc_new(NULL, NULL, ARTICLE, strlen(ARTICLE), &d), NEWS_OK);
  assert_int_equal(news_doc_sentences(d, &s, &ns), NEWS_OK);
  news_ner_doc nd;
  assert_int_equal(news_ner_prepare(d, &nd), NEWS_OK);
  uint32_t f[NEWS_NER_MAXFEAT];
  for (uint32_t k = 0; k < ns; k++) {
    for (uint32_t i = s[k].tok_begin; i < s[k].tok_end; i++) {
      int32_t whole[NEWS_NER_NLABELS] = {0}, parts[NEWS_NER_NLABELS] = {0};
      news_ner_model_score(f, news_ner_features_static(&nd, k, i, f), whole);
      news_ner_model_score(f, news_ner_features_labels(&nd, i, NEWS_NER_B(0), NEWS_NER_O, 2, f), whole);
      news_ner_model_score(f, news_ner_features_token(&nd, k, i, f), parts);
      news_ner_model_score(f, news_ner_features_window(&nd, k, i, f), parts);
      news_ner_model_score(f, news_ner_features_context(&nd, k, i, f), parts);
      news_ner_model_score(f, news_ner_features_prev(&nd, i, NEWS_NER_B(0), f), parts);
      news_ner_model_score(f, news_ner_features_pair(NEWS_NER_B(0), NEWS_NER_O, f), parts);
      news_ner_model_score(f, news_ner_features_hist(&nd, i, 2, f), parts);
      assert_memory_equal(whole, parts, sizeof whole);
    }
  }
  news_ner_release(&nd);
  news_doc_free(d);
}

/* The short shape of an ASCII word, as ner_features.c defines it: X, x, d
** for upper, lower, digit, other bytes as themselves; runs collapsed; at
** most 12 characters, of the first 64 bytes. */
static uint32_t ref_shape(const char *w, size_t len) {
  char out[12];
  size_t n = 0;
  for (size_t j = 0; j < len && j < 64; j++) {
    char c = w[j];
    if (c >= 'A' && c <= 'Z') c = 'X';
    else if (c >= 'a' && c <= 'z') c = 'x';
    else if (c >= '0' && c <= '9') c = 'd';
    if (n && out[n - 1] == c) continue;
    if (n < sizeof out) out[n++] = c;
  }
  return news_ner_hash(NEWS_NER_HASH0, out, n);
}

/* Folded form, word and shape hashes, casing and the plain bit of ASCII
** tokens (one fast pass in news_ner_prepare) against their definitions,
** for short, long (48, 49, 64, 65 bytes) and mixed-class words. */
static void test_ascii_tokens(void **state) {
  (void)state;
  const char *text =
      "McDONALD'S said U.S. sales of COVID-19 kits rose 1.8% to $3bn , reported the e-mail "
      "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUV "
      "Abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvw "
      "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijkl "
      "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLM a1b2c3d4e5f6g7h8 "
      "X";
  news_doc *d;
  const news_token *t;
  uint32_t nt;
  assert_int_equal(news_doc_new(NULL, NULL, text, strlen(text), &d), NEWS_OK);
  assert_int_equal(news_doc_tokens(d, &t, &nt), NEWS_OK);
  news_ner_doc nd;
  assert_int_equal(news_ner_prepare(d, &nd), NEWS_OK);
  uint32_t longest = 0;
  for (uint32_t i = 0; i < nt; i++) {
    const char *w = text + t[i].start;
    size_t len = t[i].end - t[i].start;
    char fold[NER_FOLDMAX];
    size_t fl = len < NER_FOLDMAX ? len : NER_FOLDMAX;
    bool upper = false, lower = false, plain = true;
    unsigned nup = 0;
    for (size_t j = 0; j < len; j++) {
      char c = w[j];
      if (c >= 'A' && c <= 'Z') nup++, upper = true, plain = false;
      if (c >= 'a' && c <= 'z') lower = true;
      if (c >= '0' && c <= '9') plain = false;
      if (j < fl) fold[j] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    const news_ner_tok *x = &nd.info[i];
    assert_int_equal(x->len, fl);
    assert_memory_equal(nd.fold + x->off, fold, fl);
    assert_int_equal(x->word, news_ner_hash(NEWS_NER_HASH0, fold, fl));
    assert_int_equal(x->shape, ref_shape(w, len));
    assert_int_equal(!!(x->caps & CAP_UPPER), w[0] >= 'A' && w[0] <= 'Z');
    assert_int_equal(!!(x->caps & CAP_ALL), upper && nup >= 2 && !lower);
    assert_int_equal(x->plain, plain);
    if (len > longest) longest = (uint32_t)len;
  }
  assert_int_equal(longest, 65); /* the long words are single tokens */
  news_ner_release(&nd);
  news_doc_free(d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_split_is_whole),
      cmocka_unit_test(test_scores_add_up),
      cmocka_unit_test(test_ascii_tokens),
  };
  return cmocka_run_group_tests_name("ner", tests, NULL, NULL);
}
