/*
** test_doc.c -- the document pipeline: lazy stages, allocation failure,
** leaks and the stop callback.
**
** Cases: every stage through a counting allocator frees everything it
** allocated; failing the Nth allocation for every N returns NEWS_ERR_NOMEM
** (never a crash) and leaks nothing, and the stage can be asked for again;
** a stop callback interrupts a long document; the size bound is checked.
*/
#include "testutil.h"

static const char article[] =
    "WASHINGTON (Reuters) - Secretary of State Mike Pompeo said on Friday that the United States "
    "would \"not hesitate\" to act. “We will fight,” he told reporters in Washington. “And win.”\n\n"
    "Iran's Foreign Minister Mohammad Javad Zarif wrote on Twitter on Jan. 5 that the U.S. had "
    "\"crossed a red line,\" according to state media. The talks resume next Tuesday.";

/* Runs every stage; returns the first error. */
static news_rc run_all(news_doc *d) {
  const news_token *t;
  const news_sentence *s;
  const news_entity *e;
  const news_quote *q;
  const news_timex *x;
  uint32_t n;
  news_ymd ref = {2020, 1, 6};
  news_rc rc = news_doc_tokens(d, &t, &n);
  if (!rc) rc = news_doc_sentences(d, &s, &n);
  if (!rc) rc = news_doc_entities(d, &e, &n);
  if (!rc) rc = news_doc_quotes(d, &q, &n);
  if (!rc) rc = news_doc_timexes(d, &ref, &x, &n);
  if (!rc) rc = news_doc_timexes(d, NULL, &x, &n);
  return rc;
}

static void test_no_leaks(void **state) {
  (void)state;
  test_mem tm;
  test_mem_init(&tm, 0);
  news_doc *d;
  assert_int_equal(news_doc_new(&tm.mem, NULL, article, sizeof article - 1, &d), NEWS_OK);
  assert_int_equal(run_all(d), NEWS_OK);
  news_doc_free(d);
  assert_int_equal(tm.live, 0);
}

/* Token count of a successful run, to compare runs that survived a failure. */
static uint32_t count_tokens(news_doc *d) {
  const news_token *t;
  uint32_t n = 0;
  assert_int_equal(news_doc_tokens(d, &t, &n), NEWS_OK);
  return n;
}

/* Fails allocation N for N = 1, 2, ... until a run needs no failure.  A run
** either fails with NEWS_ERR_NOMEM or gives the full result, never a
** truncated one. */
static void test_oom_every_allocation(void **state) {
  (void)state;
  news_doc *full;
  assert_int_equal(news_doc_new(NULL, NULL, article, sizeof article - 1, &full), NEWS_OK);
  uint32_t want_tokens = count_tokens(full);
  news_doc_free(full);
  for (long n = 1; n < 100000; n++) {
    test_mem tm;
    test_mem_init(&tm, n);
    news_doc *d = NULL;
    news_rc rc = news_doc_new(&tm.mem, NULL, article, sizeof article - 1, &d);
    if (rc == NEWS_OK) {
      rc = run_all(d);
      if (rc != NEWS_OK) {
        assert_int_equal(rc, NEWS_ERR_NOMEM);
        tm.fail_at = 0; /* the failed stage can be asked for again */
        assert_int_equal(run_all(d), NEWS_OK);
      }
      assert_int_equal(count_tokens(d), want_tokens);
      news_doc_free(d);
    } else {
      assert_int_equal(rc, NEWS_ERR_NOMEM);
      assert_null(d);
    }
    assert_int_equal(tm.live, 0);
    if (tm.calls < n) return; /* allocation n was never reached: done */
  }
  fail();
}

static int stop_now(void *arg) {
  (void)arg;
  return 1;
}

static void test_stop(void **state) {
  (void)state;
  size_t len = 200000;
  char *big = malloc(len);
  assert_non_null(big);
  for (size_t i = 0; i < len; i++) big[i] = (i % 6 == 5) ? ' ' : 'a';
  news_opts opts = {NEWS_OPTS_VERSION, stop_now, NULL};
  news_doc *d;
  const news_token *t;
  uint32_t n;
  assert_int_equal(news_doc_new(NULL, &opts, big, len, &d), NEWS_OK);
  assert_int_equal(news_doc_tokens(d, &t, &n), NEWS_ERR_INTERRUPTED);
  news_doc_free(d);
  free(big);
}

static void test_too_big(void **state) {
  (void)state;
  news_doc *d = (news_doc *)1;
  assert_int_equal(news_doc_new(NULL, NULL, "x", NEWS_MAX_DOCUMENT + 1, &d), NEWS_ERR_TOOBIG);
  assert_null(d);
  assert_string_equal(news_errstr(NEWS_ERR_NOMEM), "out of memory");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_no_leaks),
      cmocka_unit_test(test_oom_every_allocation),
      cmocka_unit_test(test_stop),
      cmocka_unit_test(test_too_big),
  };
  return cmocka_run_group_tests_name("doc", tests, NULL, NULL);
}
