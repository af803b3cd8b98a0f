/*
** testutil.h -- helpers shared by the cmocka unit tests of the core.
**
**   - counting / failing allocators (news_mem, from test_mem.h);
**   - tok_describe(): a document's tokens as "kind:text kind:text ...";
**   - sent_marked(): a text with sentence breaks marked by '|' turned into
**     the plain text and checked against the splitter;
**   - speech_row() / speech_check(): quotation and attribution rows as
**     "text | speaker | speaker_text | cue | kind" lines, and a table of
**     texts checked against their expected lines; attribution_rows(): a
**     text's attribution rows as such lines;
**   - linear_check(): that the work on a pathological input grows linearly
**     with its size, by comparing the CPU time of two sizes.
*/
#ifndef NEWS_TESTUTIL_H
#define NEWS_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "news.h"

#include "test_mem.h"

/* Describes the tokens of text as "kind:text kind:text" into a static buffer. */
static inline const char *tok_describe(const char *text) {
  static char buf[8192];
  news_doc *d;
  const news_token *t;
  uint32_t n;
  assert_int_equal(news_doc_new(NULL, NULL, text, strlen(text), &d), NEWS_OK);
  assert_int_equal(news_doc_tokens(d, &t, &n), NEWS_OK);
  size_t k = 0;
  buf[0] = 0;
  for (uint32_t i = 0; i < n; i++)
    k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%s:%.*s", i ? " " : "", news_token_kind_name(t[i].kind),
                          (int)(t[i].end - t[i].start), text + t[i].start);
  news_doc_free(d);
  return buf;
}

/* Checks the sentence split of a text written with '|' at every expected
** sentence break (the marks are removed to get the input).  Reports the
** case number and both splits on failure. */
static inline void sent_check(int num, const char *marked) {
  char text[8192], want[8192], got[8192];
  size_t n = 0, w = 0;
  for (const char *p = marked; *p; p++) {
    if (*p == '|') {
      want[w++] = '|';
      continue;
    }
    text[n++] = *p;
  }
  text[n] = 0;
  /* expected: the sentences trimmed, joined by '|' */
  size_t g = 0;
  (void)w;
  news_doc *d;
  const news_sentence *s;
  uint32_t ns;
  assert_int_equal(news_doc_new(NULL, NULL, text, n, &d), NEWS_OK);
  assert_int_equal(news_doc_sentences(d, &s, &ns), NEWS_OK);
  for (uint32_t i = 0; i < ns; i++)
    g += (size_t)snprintf(got + g, sizeof got - g, "%s%.*s", i ? "|" : "", (int)(s[i].end - s[i].start),
                          text + s[i].start);
  news_doc_free(d);
  /* normalise the expectation the same way: split on '|', trim each part */
  w = 0;
  const char *p = marked;
  int first = 1;
  while (*p) {
    const char *e = strchr(p, '|');
    if (!e) e = p + strlen(p);
    const char *a = p, *b = e;
    while (a < b && (*a == ' ' || *a == '\n' || *a == '\t')) a++;
    while (b > a && (b[-1] == ' ' || b[-1] == '\n' || b[-1] == '\t')) b--;
    w += (size_t)snprintf(want + w, sizeof want - w, "%s%.*s", first ? "" : "|", (int)(b - a), a);
    first = 0;
    p = *e ? e + 1 : e;
  }
  if (strcmp(want, got) != 0) {
    print_error("sentence case %d\n  want: %s\n  got:  %s\n", num, want, got);
    fail();
  }
}

/* Appends to out (at *k, capacity cap) the line "span | speaker |
** speaker_text | cue | kind" of one quotation or attribution row: byte
** ranges [s, e), [ss, se), [cs, ce) of text ("-" for an empty range or a
** NULL speaker). */
static inline void speech_row(char *out, size_t cap, size_t *k, const char *text, uint32_t s, uint32_t e,
                              const char *speaker, uint32_t speaker_len, uint32_t ss, uint32_t se,
                              uint32_t cs, uint32_t ce, const char *kind) {
  char spk[256] = "-", st[256] = "-", cue[64] = "-";
  if (speaker) snprintf(spk, sizeof spk, "%.*s", (int)speaker_len, speaker);
  if (se > ss) snprintf(st, sizeof st, "%.*s", (int)(se - ss), text + ss);
  if (ce > cs) snprintf(cue, sizeof cue, "%.*s", (int)(ce - cs), text + cs);
  *k += (size_t)snprintf(out + *k, cap - *k, "%.*s | %s | %s | %s | %s\n", (int)(e - s), text + s, spk, st, cue,
                         kind);
  assert_true(*k < cap);
}

/* A text and its expected rows (speech_row lines joined, "" for none). */
typedef struct speech_case {
  const char *text;
  const char *want;
} speech_case;

/* Checks each case's rows, as describe() writes them, against its want;
** reports the case (what names the kind of rows) and both on failure. */
static inline void speech_check(const speech_case *cases, size_t n, const char *what,
                                void (*describe)(const char *text, char *out, size_t cap)) {
  char got[8192];
  for (size_t i = 0; i < n; i++) {
    describe(cases[i].text, got, sizeof got);
    if (strcmp(got, cases[i].want) != 0) {
      print_error("%s case %zu\n  text: %s\n  want:\n%s  got:\n%s", what, i, cases[i].text, cases[i].want, got);
      fail();
    }
  }
}

/* The attribution rows of text as speech_row lines, into out. */
static inline void attribution_rows(const char *text, char *out, size_t cap) {
  news_doc *d;
  const news_attribution *a;
  uint32_t n;
  assert_int_equal(news_doc_new(NULL, NULL, text, strlen(text), &d), NEWS_OK);
  assert_int_equal(news_doc_attributions(d, &a, &n), NEWS_OK);
  size_t k = 0;
  out[0] = 0;
  for (uint32_t i = 0; i < n; i++) {
    const news_attribution *r = &a[i];
    speech_row(out, cap, &k, text, r->start, r->end, r->speaker, r->speaker_len, r->speaker_start,
               r->speaker_end, r->cue_start, r->cue_end, news_attr_kind_name(r->kind));
  }
  news_doc_free(d);
}

/* Fails unless run(ctx, reps) on ten times as many repetitions takes less
** than 30 times as long as on reps (linear work takes about 10 times, the
** quadratic blowups these guard against 100 times).  A ratio, not a time
** limit, so a slow machine or a sanitizer build does not fail it; small
** runs are floored at 20 ms of CPU time so that timer noise cannot either. */
static inline void linear_check(const char *what, void (*run)(void *ctx, size_t reps), void *ctx,
                                size_t reps) {
  double secs[2];
  for (int k = 0; k < 2; k++) {
    clock_t t0 = clock();
    run(ctx, k ? reps * 10 : reps);
    secs[k] = (double)(clock() - t0) / CLOCKS_PER_SEC;
  }
  double floor = secs[0] > 0.02 ? secs[0] : 0.02;
  if (secs[1] > 30 * floor) {
    print_error("%s: %zu repetitions took %.3f s, %zu took %.3f s\n", what, reps, secs[0], reps * 10, secs[1]);
    fail();
  }
}

#endif
