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

#include "core.h"

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
  const news_place *p;
  uint32_t n;
  news_ymd ref = {2020, 1, 6};
  news_rc rc = news_doc_tokens(d, &t, &n);
  if (!rc) rc = news_doc_sentences(d, &s, &n);
  if (!rc) rc = news_doc_entities(d, &e, &n);
  if (!rc) rc = news_doc_quotes(d, &q, &n);
  if (!rc) rc = news_doc_timexes(d, &ref, &x, &n);
  if (!rc) rc = news_doc_timexes(d, NULL, &x, &n);
  if (!rc) rc = news_doc_places(d, &p, &n);
  return rc;
}

/* Regression: an allocation failure while tokenizing must not
** pass for an early stop.  NEWS_ERR_NOMEM is 1, which was the tokenizer
** callback's "stop, no error" code, so a failed token push ended tokenization
** with NEWS_OK and a truncated token array.  Every successful run under a
** failing allocator must see all the tokens and sentences. */
static void test_oom_never_truncates(void **state) {
  (void)state;
  news_doc *d;
  const news_token *t;
  const news_sentence *s;
  uint32_t nTok, nSent, n;
  assert_int_equal(news_doc_new(NULL, NULL, article, sizeof article - 1, &d), NEWS_OK);
  assert_int_equal(news_doc_tokens(d, &t, &nTok), NEWS_OK);
  assert_int_equal(news_doc_sentences(d, &s, &nSent), NEWS_OK);
  news_doc_free(d);
  assert_true(nTok > 64); /* the token array grows at least once */
  for (long k = 1; k < 100000; k++) {
    test_mem tm;
    test_mem_init(&tm, k);
    if (news_doc_new(&tm.mem, NULL, article, sizeof article - 1, &d) != NEWS_OK) continue;
    news_rc rc = news_doc_tokens(d, &t, &n);
    if (rc == NEWS_OK) assert_int_equal(n, nTok);
    else assert_int_equal(rc, NEWS_ERR_NOMEM);
    rc = news_doc_sentences(d, &s, &n);
    if (rc == NEWS_OK) assert_int_equal(n, nSent);
    news_doc_free(d);
    assert_int_equal(tm.live, 0);
    if (tm.calls < k) return;
  }
  fail();
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
  news_opts opts = {NEWS_OPTS_VERSION, stop_now, NULL, NULL};
  news_doc *d;
  const news_token *t;
  uint32_t n;
  assert_int_equal(news_doc_new(NULL, &opts, big, len, &d), NEWS_OK);
  assert_int_equal(news_doc_tokens(d, &t, &n), NEWS_ERR_INTERRUPTED);
  news_doc_free(d);
  free(big);
}

/* A stop callback controlled by the test: stops while *arg is non-zero. */
static int stop_flag(void *arg) {
  return *(int *)arg;
}

/* The stop callback is polled before each stage too, so a stage that does
** not poll it (a short one, or one whose author forgot) cannot delay an
** interrupt by more than its own run; a stopped stage can be run later. */
static void test_stop_between_stages(void **state) {
  (void)state;
  int stop = 0;
  news_opts opts = {NEWS_OPTS_VERSION, stop_flag, &stop, NULL};
  news_doc *d;
  const news_token *t;
  const news_entity *e;
  const news_timex *x;
  uint32_t n;
  assert_int_equal(news_doc_new(NULL, &opts, article, sizeof article - 1, &d), NEWS_OK);
  assert_int_equal(news_doc_tokens(d, &t, &n), NEWS_OK);
  stop = 1;
  assert_int_equal(news_doc_entities(d, &e, &n), NEWS_ERR_INTERRUPTED);
  assert_int_equal(news_doc_timexes(d, NULL, &x, &n), NEWS_ERR_INTERRUPTED);
  assert_int_equal(news_doc_tokens(d, &t, &n), NEWS_OK); /* done stages stay done */
  stop = 0;
  assert_int_equal(news_doc_entities(d, &e, &n), NEWS_OK);
  assert_int_equal(news_doc_timexes(d, NULL, &x, &n), NEWS_OK);
  news_doc_free(d);
}

static void test_too_big(void **state) {
  (void)state;
  news_doc *d = (news_doc *)1;
  assert_int_equal(news_doc_new(NULL, NULL, "x", NEWS_MAX_DOCUMENT + 1, &d), NEWS_ERR_TOOBIG);
  assert_null(d);
  assert_string_equal(news_errstr(NEWS_ERR_NOMEM), "out of memory");
}

/* news_doc_sort_polled: sorted and stable for lengths around the run and
** merge sizes (against qsort by key and then original place); a stop
** callback that asks to stop interrupts it. */
typedef struct {
  uint32_t key, seq;
} sort_item;

static int by_key(const void *x, const void *y) {
  const sort_item *a = x, *b = y;
  return (a->key > b->key) - (a->key < b->key);
}

static int by_key_seq(const void *x, const void *y) {
  const sort_item *a = x, *b = y;
  return by_key(x, y) ? by_key(x, y) : (a->seq > b->seq) - (a->seq < b->seq);
}

static void test_sort(void **state) {
  (void)state;
  news_doc *d;
  assert_int_equal(news_doc_new(NULL, NULL, "x", 1, &d), NEWS_OK);
  const uint32_t lens[] = {0, 1, 2, 15, 16, 17, 31, 33, 100, 1000, 4097, 70001};
  uint32_t r = 12345;
  for (size_t l = 0; l < sizeof lens / sizeof *lens; l++) {
    uint32_t n = lens[l];
    sort_item *v = malloc((n + 1) * sizeof *v), *want = malloc((n + 1) * sizeof *want);
    assert_true(v && want);
    for (uint32_t i = 0; i < n; i++) {
      r = r * 1103515245u + 12345u;
      v[i].key = (r >> 16) % (n / 4 + 1); /* many ties */
      v[i].seq = i;
      want[i] = v[i];
    }
    if (n) qsort(want, n, sizeof *want, by_key_seq); /* the stable order */
    assert_int_equal(news_doc_sort_polled(d, v, n, sizeof *v, by_key), NEWS_OK);
    if (n) assert_memory_equal(v, want, n * sizeof *v);
    free(v);
    free(want);
  }
  news_doc_free(d);
  news_opts opts = {NEWS_OPTS_VERSION, stop_now, NULL, NULL};
  assert_int_equal(news_doc_new(NULL, &opts, "x", 1, &d), NEWS_OK);
  sort_item *v = calloc(100000, sizeof *v);
  assert_non_null(v);
  assert_int_equal(news_doc_sort_polled(d, v, 100000, sizeof *v, by_key), NEWS_ERR_INTERRUPTED);
  free(v);
  news_doc_free(d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_sort),
      cmocka_unit_test(test_no_leaks),
      cmocka_unit_test(test_oom_every_allocation),
      cmocka_unit_test(test_oom_never_truncates),
      cmocka_unit_test(test_stop),
      cmocka_unit_test(test_stop_between_stages),
      cmocka_unit_test(test_too_big),
  };
  return cmocka_run_group_tests_name("doc", tests, NULL, NULL);
}
