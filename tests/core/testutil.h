/*
** testutil.h -- helpers shared by the cmocka unit tests of the core.
**
**   - counting / failing allocators (news_mem, from test_mem.h);
**   - tok_describe(): a document's tokens as "kind:text kind:text ...";
**   - sent_marked(): a text with sentence breaks marked by '|' turned into
**     the plain text and checked against the splitter.
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

#endif
