/*
** lexicon.c -- hashed look-up in the generated word lists (see lexicon.h).
*/
#include "lexicon.h"

#include "gen/lexicons.inc"

int news_lex_find(const news_lexicon *lex, const char *s, size_t len) {
  char buf[64];
  size_t n = len;
  if (len >= sizeof buf) return 0;
  /* ASCII folds in place, hashed as it goes; anything else goes through utf8proc */
  uint32_t h = NEWS_LEX_HASH_INIT;
  size_t i;
  for (i = 0; i < len && (unsigned char)s[i] < 0x80; i++) {
    unsigned char c = (unsigned char)s[i];
    c = (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    buf[i] = (char)c;
    h = news_lex_hash_step(h, c);
  }
  if (i < len) {
    n = news_fold(s, len, buf, sizeof buf);
    if (n > sizeof buf) return 0;
    h = NEWS_LEX_HASH_INIT;
    for (size_t k = 0; k < n; k++) h = news_lex_hash_step(h, (unsigned char)buf[k]);
  }
  uint32_t tag = h & 0xffff0000u;
  for (uint32_t at = h & lex->mask;; at = (at + 1) & lex->mask) {
    uint32_t slot = lex->slots[at];
    if (!slot) return 0;
    if ((slot & 0xffff0000u) != tag) continue;
    const news_lex_entry *e = &lex->entries[(slot & 0xffffu) - 1];
    if (e->len == n && !memcmp(e->key, buf, n)) return e->value;
  }
}
