/*
** lexicon.c -- binary search over the generated word lists (see lexicon.h).
*/
#include "lexicon.h"

#include "gen/lexicons.inc"

int news_lex_find(const news_lexicon *lex, const char *s, size_t len) {
  char buf[64];
  size_t n = len;
  if (len >= sizeof buf) return 0;
  /* ASCII folds in place; anything else goes through utf8proc */
  size_t i;
  for (i = 0; i < len && (unsigned char)s[i] < 0x80; i++)
    buf[i] = (char)((s[i] >= 'A' && s[i] <= 'Z') ? s[i] + 32 : s[i]);
  if (i < len) {
    n = news_fold(s, len, buf, sizeof buf);
    if (n > sizeof buf) return 0;
  }
  uint32_t lo = 0, hi = lex->n;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    const news_lex_entry *e = &lex->entries[mid];
    /* bytewise, as memcmp, but inline: keys are short and most compares
    ** end at the first byte, where a call to memcmp costs more than the
    ** compare */
    size_t m = e->len < n ? e->len : n, k = 0;
    const unsigned char *a = (const unsigned char *)e->key, *b = (const unsigned char *)buf;
    while (k < m && a[k] == b[k]) k++;
    int c = k < m ? (a[k] < b[k] ? -1 : 1) : (e->len > n) - (e->len < n);
    if (c == 0) return e->value;
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return 0;
}
