/*
** fuzz_core.c -- libFuzzer target for the analysis core (no SQLite).
**
** HOW IT WORKS
**   The first input byte is a control byte, the rest is the document:
**
**     bits 0-4  which stage accessors to call: tokens, sentences, entities,
**               quotes, timexes (0 = all of them), in a byte-chosen order
**     bit 5     timexes get a reference date, read from the next 3 bytes
**               (year 1900+b0*2, month b1 % 14, day b2 % 33: out-of-range
**               months and days are deliberate, the core must refuse them)
**     bit 6     a stop callback that asks to stop on its second poll
**     bit 7     a failing allocator: the next byte picks which allocation
**               (1..255) returns NULL
**
**   Every result is checked against the documented invariants: offsets
**   inside the text and start <= end, tokens and sentences in order and not
**   overlapping, sentence indexes in range, strings valid UTF-8.  A broken
**   invariant traps, so libFuzzer reports it like a crash.  Byte->character
**   conversion and the UTF-8 sanitizer are exercised on the same text.
**
**   Build: make fuzz (clang -fsanitize=fuzzer,address,undefined).
*/
#include "core.h"
#include "test_mem.h"

#include <stdlib.h>

#define CHECK(x) \
  do {           \
    if (!(x)) __builtin_trap(); \
  } while (0)

/* A stop callback that lets the first poll pass and stops at the second. */
static int stop_second(void *arg) {
  int *polls = arg;
  return ++*polls >= 2;
}

/* A byte span [start, end) inside a text of len bytes. */
static void check_span(uint32_t start, uint32_t end, size_t len) {
  CHECK(start <= end);
  CHECK(end <= len);
}

/* Canonical names and speakers either point into the document text (and
** may then hold its invalid UTF-8, which the binding sanitizes on output)
** or were built by the core, and then are valid UTF-8 (news.h). */
static const char *g_text; /* the document text, for check_string */
static size_t g_len;

static void check_string(const char *z, uint32_t n) {
  if (!z) return;
  if (z >= g_text && z <= g_text + g_len) {
    CHECK((size_t)(z - g_text) + n <= g_len);
    return;
  }
  CHECK(news_utf8_valid(z, n));
}

/* Tokens: non-empty, in order, not overlapping. */
static void check_tokens(news_doc *d, size_t len) {
  const news_token *t;
  uint32_t n;
  if (news_doc_tokens(d, &t, &n) != NEWS_OK) return;
  for (uint32_t i = 0; i < n; i++) {
    check_span(t[i].start, t[i].end, len);
    CHECK(t[i].start < t[i].end); /* tokens are never empty */
    if (i) CHECK(t[i - 1].end <= t[i].start);
  }
}

/* Sentences partition the tokens, in order; every token's index is valid. */
static void check_sentences(news_doc *d, size_t len) {
  const news_sentence *s;
  const news_token *t;
  uint32_t n, nt;
  if (news_doc_sentences(d, &s, &n) != NEWS_OK) return;
  if (news_doc_tokens(d, &t, &nt) != NEWS_OK) return;
  for (uint32_t i = 0; i < n; i++) {
    check_span(s[i].start, s[i].end, len);
    CHECK(s[i].tok_begin < s[i].tok_end && s[i].tok_end <= nt);
    if (i) CHECK(s[i - 1].tok_end == s[i].tok_begin && s[i - 1].end <= s[i].start);
  }
  if (nt) CHECK(n > 0 && s[0].tok_begin == 0 && s[n - 1].tok_end == nt);
  for (uint32_t i = 0; i < nt; i++) CHECK(t[i].sentence < n);
}

static void check_entities(news_doc *d, size_t len) {
  const news_entity *e;
  const news_sentence *s;
  uint32_t n, ns;
  if (news_doc_entities(d, &e, &n) != NEWS_OK) return;
  if (news_doc_sentences(d, &s, &ns) != NEWS_OK) return;
  for (uint32_t i = 0; i < n; i++) {
    check_span(e[i].start, e[i].end, len);
    check_span(e[i].title_start, e[i].title_end, len);
    CHECK(e[i].sentence < ns || ns == 0);
    check_string(e[i].canonical, e[i].canonical_len);
    if (i) CHECK(e[i - 1].start <= e[i].start);
  }
}

static void check_quotes(news_doc *d, size_t len) {
  const news_quote *q;
  uint32_t n;
  if (news_doc_quotes(d, &q, &n) != NEWS_OK) return;
  for (uint32_t i = 0; i < n; i++) {
    check_span(q[i].start, q[i].end, len);
    check_span(q[i].speaker_start, q[i].speaker_end, len);
    check_span(q[i].verb_start, q[i].verb_end, len);
    check_string(q[i].speaker, q[i].speaker_len);
  }
}

static void check_timexes(news_doc *d, size_t len, const news_ymd *ref) {
  const news_timex *x;
  uint32_t n;
  if (news_doc_timexes(d, ref, &x, &n) != NEWS_OK) return;
  for (uint32_t i = 0; i < n; i++) {
    check_span(x[i].start, x[i].end, len);
    CHECK(memchr(x[i].value, 0, sizeof x[i].value) != NULL);
    CHECK(memchr(x[i].date, 0, sizeof x[i].date) != NULL);
    size_t nd = strlen(x[i].date);
    CHECK(nd == 0 || nd == 10);
  }
}

/* Character offsets: monotonic, and the map agrees with a direct count. */
static void check_charmap(const char *z, size_t len, const news_mem *mem) {
  news_charmap map;
  if (news_charmap_build(&map, mem, z, len) != NEWS_OK) return;
  uint32_t prev = 0;
  for (uint32_t i = 0; i <= len; i++) {
    uint32_t c = news_charmap_chars(&map, i);
    CHECK(c >= prev && c <= i);
    prev = c;
  }
  news_charmap_free(&map, mem);
  size_t need = news_utf8_sanitize(z, len, NULL, 0);
  char *out = mem->alloc(mem->ctx, need + 1);
  if (!out) return;
  CHECK(news_utf8_sanitize(z, len, out, need) == need);
  CHECK(news_utf8_valid(out, need));
  if (news_utf8_valid(z, len)) CHECK(need == len && memcmp(z, out, len) == 0);
  mem->free(mem->ctx, out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  unsigned ctl = data[0];
  data++, size--;
  news_ymd ref = {0, 0, 0}, *pRef = NULL;
  if ((ctl & 0x20) && size >= 3) {
    ref = (news_ymd){1900 + data[0] * 2, data[1] % 14, data[2] % 33};
    pRef = &ref;
    data += 3, size -= 3;
  }
  test_mem fm;
  test_mem_init(&fm, 0);
  if ((ctl & 0x80) && size >= 1) {
    fm.fail_at = data[0] ? data[0] : 1;
    data++, size--;
  }
  int polls = 0;
  news_opts opts = {NEWS_OPTS_VERSION, NULL, NULL, NULL};
  if (ctl & 0x40) {
    opts.stop = stop_second;
    opts.stop_arg = &polls;
  }
  const char *z = (const char *)data;
  news_doc *d = NULL;
  if (news_doc_new(&fm.mem, &opts, z, size, &d) == NEWS_OK) {
    g_text = news_doc_text(d, &g_len);
    unsigned stages = ctl & 0x1f ? ctl & 0x1f : 0x1f;
    /* the order alternates so later stages are sometimes asked for first */
    if (ctl & 0x08) check_quotes(d, size);
    if (stages & 0x01) check_tokens(d, size);
    if (stages & 0x02) check_sentences(d, size);
    if (stages & 0x04) check_entities(d, size);
    if (stages & 0x08) check_quotes(d, size);
    if (stages & 0x10) {
      check_timexes(d, size, pRef);
      check_timexes(d, size, NULL); /* a second ref recomputes */
      check_timexes(d, size, pRef);
    }
    news_doc_free(d);
  }
  if (!fm.fail_at) check_charmap(z, size, &fm.mem);
  CHECK(fm.live == 0); /* nothing leaked, whatever failed */
  return 0;
}
