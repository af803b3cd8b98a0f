/*
** lexicon.c -- hashed look-up in the generated word lists (see lexicon.h).
*/
#include "lexicon.h"

#include "gen/lexicons.inc"

/* gen_lexicons.py computes the same hash of every key (lex_hash). */
#define CASE 0x2020202020202020u
#define HIGH 0x8080808080808080u
#define K0 0x9E3779B97F4A7C15u
#define K1 0xFF51AFD7ED558CCDu
#define K2 0xC4CEB9FE1A85EC53u
#define K3 0xD6E8FEB86659FD93u

/* Little-endian loads of 4 and 8 bytes. */
static inline uint64_t ld32(const unsigned char *p) {
  uint32_t x;
  memcpy(&x, p, 4);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  x = __builtin_bswap32(x);
#endif
  return x;
}
static inline uint64_t ld64(const unsigned char *p) {
  uint64_t x;
  memcpy(&x, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  x = __builtin_bswap64(x);
#endif
  return x;
}

/* The hash of s[0..n), each byte or'ed with 0x20 (so an ASCII word hashes
** the same in any case): a short word is read as overlapping pieces, a long
** one 8 bytes at a time.  *any gets the or of every byte, whose high bit
** tells a word with bytes outside ASCII. */
static inline uint32_t lex_hash(const unsigned char *s, size_t n, uint64_t *any) {
  uint64_t a, b;
  if (n < 4) {
    a = n ? (uint64_t)s[0] | (uint64_t)s[n / 2] << 8 | (uint64_t)s[n - 1] << 16 : 0;
    b = 0;
    *any = a;
  } else if (n <= 8) {
    a = ld32(s);
    b = ld32(s + n - 4);
    *any = a | b;
  } else {
    a = 0;
    uint64_t or = 0;
    size_t i = 0;
    for (; n - i > 8; i += 8) {
      uint64_t x = ld64(s + i);
      or |= x;
      a = (a ^ (x | CASE)) * K1;
    }
    b = ld64(s + n - 8);
    *any = or | b;
  }
  a |= CASE;
  b |= CASE;
  uint64_t m = (a ^ K0) * K1 ^ (b + n) * K2;
  m ^= m >> 32;
  m *= K3;
  return (uint32_t)(m >> 32);
}

/* ASCII A-Z to a-z, every other byte as it is. */
static inline unsigned char fold_ascii(unsigned char c) {
  return (unsigned char)((unsigned)c - 'A' < 26u ? c + 32 : c);
}

/* The slot of lex that holds the word s[0..n) of hash h, its value or 0;
** folded: s is already folded (else ASCII, folded as it is compared). */
static inline int probe(const news_lexicon *lex, uint32_t h, const unsigned char *s, size_t n, bool folded) {
  uint32_t tag = h & 0xffff0000u;
  for (uint32_t at = h & lex->mask;; at = (at + 1) & lex->mask) {
    uint32_t slot = lex->slots[at];
    if (!slot) return 0;
    if ((slot & 0xffff0000u) != tag) continue;
    const news_lex_entry *e = &lex->entries[(slot & 0xffffu) - 1];
    if (e->len != n) continue;
    const unsigned char *k = (const unsigned char *)e->key;
    size_t i = 0;
    if (folded)
      while (i < n && k[i] == s[i]) i++;
    else
      while (i < n && k[i] == fold_ascii(s[i])) i++;
    if (i == n) return e->value;
  }
}

/* A word with bytes outside ASCII: folded through utf8proc, then hashed.
** Out of line, so that the common path keeps no buffer and few registers. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static int find_unicode(const news_lexicon *lex, const char *word, size_t len) {
  char buf[64];
  size_t n = news_fold(word, len, buf, sizeof buf);
  if (n > sizeof buf) return 0;
  uint64_t any;
  uint32_t h = lex_hash((const unsigned char *)buf, n, &any);
  return probe(lex, h, (const unsigned char *)buf, n, true);
}

int news_lex_find(const news_lexicon *lex, const char *word, size_t len) {
  if (len >= 64) return 0;
  uint64_t any;
  uint32_t h = lex_hash((const unsigned char *)word, len, &any);
  if (any & HIGH) return find_unicode(lex, word, len);
  return probe(lex, h, (const unsigned char *)word, len, false);
}
