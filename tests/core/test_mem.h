/*
** test_mem.h -- a news_mem that counts live blocks and can fail the Nth
** allocation, for the leak and out-of-memory checks of the unit tests
** (through testutil.h) and of the core fuzzer (tests/fuzz/fuzz_core.c).
** Needs no test framework.
*/
#ifndef NEWS_TEST_MEM_H
#define NEWS_TEST_MEM_H

#include <stdlib.h>

#include "news.h"

/* An allocator that counts live blocks and can fail the Nth allocation. */
typedef struct test_mem {
  news_mem mem;
  long live;     /* blocks allocated and not freed */
  long calls;    /* allocation calls so far */
  long fail_at;  /* fail the call with this number (1-based); 0 = never */
} test_mem;

static void *tm_alloc(void *ctx, size_t n) {
  test_mem *t = ctx;
  if (t->fail_at && ++t->calls == t->fail_at) return NULL;
  void *p = malloc(n ? n : 1);
  if (p) t->live++;
  return p;
}
static void *tm_realloc(void *ctx, void *p, size_t n) {
  test_mem *t = ctx;
  if (t->fail_at && ++t->calls == t->fail_at) return NULL;
  void *q = realloc(p, n ? n : 1);
  if (q && !p) t->live++;
  return q;
}
static void tm_free(void *ctx, void *p) {
  test_mem *t = ctx;
  if (p) t->live--;
  free(p);
}
static inline void test_mem_init(test_mem *t, long fail_at) {
  t->mem.alloc = tm_alloc;
  t->mem.realloc = tm_realloc;
  t->mem.free = tm_free;
  t->mem.ctx = t;
  t->live = t->calls = 0;
  t->fail_at = fail_at;
}

#endif
