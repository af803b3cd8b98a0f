/*
** gazetteer.c -- the generated country and place tables and their look-ups
** (see places.h).  Binary search over keys folded by news_place_fold().
*/
#include "places.h"

#include <utf8proc.h>

#include "gen/countries.inc"
#include "gen/places.inc"

size_t news_place_fold(const char *s, size_t len, char *out, size_t cap) {
  const unsigned char *u = (const unsigned char *)s;
  size_t o = 0, i = 0;
  int space = 1; /* at start: drop leading spaces */
#define PUT(c)                                                                                     \
  do {                                                                                             \
    if (o < cap) out[o] = (char)(c);                                                               \
    o++;                                                                                           \
  } while (0)
  while (i < len) {
    int32_t cp;
    i = news_utf8_next(u, len, i, &cp);
    if (cp == '.') continue;
    if (cp == ' ' || cp == '-' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 ||
        cp == 0x2010 || cp == 0x2011 || cp == 0x2013) {
      if (!space) PUT(' ');
      space = 1;
      continue;
    }
    if (cp == 0x2019 || cp == 0x2018 || cp == '`') cp = '\'';
    space = 0;
    if (cp < 0x80) {
      PUT(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
      continue;
    }
    utf8proc_int32_t buf[8];
    int last = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(
        cp, buf, 8, UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD,
        &last);
    if (n < 0 || n > 8) {
      buf[0] = cp;
      n = 1;
    }
    for (utf8proc_ssize_t k = 0; k < n; k++) {
      char enc[4];
      int m = news_utf8_encode(buf[k], enc);
      for (int j = 0; j < m; j++) PUT(enc[j]);
    }
  }
  if (o && o <= cap && out[o - 1] == ' ') o--;
  if (o < cap) out[o] = 0;
  return o;
#undef PUT
}

/* ------------------------------------------------------------ countries */

int news_country_find(const char *s, size_t len, int *how) {
  char key[128];
  size_t n = news_place_fold(s, len, key, sizeof key);
  if (n == 0 || n >= sizeof key) return -1;
  uint32_t lo = 0, hi = news_ncountry_names;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    int c = strcmp(news_country_names[mid].key, key);
    if (c == 0) {
      if (how) *how = news_country_names[mid].how;
      return news_country_names[mid].country;
    }
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  return -1;
}

int news_country_by_code(const char *cc) {
  uint32_t lo = 0, hi = news_ncountries;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    int c = strncmp(news_countries[mid].code, cc, 2);
    if (c == 0) return (int)mid;
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  return -1;
}

/* ------------------------------------------------------------- gazetteer */

/* strcmp of an entry's folded key with key[0..len) (bytewise, as sorted). */
static int entry_cmp(const news_gaz_entry *e, const char *key, size_t len) {
  const unsigned char *a = (const unsigned char *)(e->key ? e->key : e->name);
  const unsigned char *b = (const unsigned char *)key;
  int lower = e->key == NULL;
  size_t i = 0;
  for (;; i++) {
    unsigned ca = a[i];
    if (lower && ca >= 'A' && ca <= 'Z') ca += 32;
    unsigned cb = i < len ? b[i] : 0;
    if (ca != cb || ca == 0) return (int)ca - (int)cb;
  }
}

uint32_t news_gaz_find(const char *key, size_t len, uint32_t *first, bool *longer) {
  if (longer) *longer = false;
  *first = 0;
  if (len == 0) return 0;
  /* every key it matches or that extends it has its first word */
  uint32_t hw = 2166136261u;
  for (size_t i = 0; i < len && key[i] != ' '; i++) hw = (hw ^ (unsigned char)key[i]) * 16777619u;
  hw &= NEWS_GAZ_WORD_BITS - 1;
  if (!(news_gaz_words[hw >> 5] >> (hw & 31) & 1u)) return 0;
  unsigned b = (unsigned char)key[0];
  uint32_t lo = news_gaz_byte[b], hi = news_gaz_byte[b + 1];
  while (lo < hi) { /* lower bound */
    uint32_t mid = lo + (hi - lo) / 2;
    if (entry_cmp(&news_gaz[mid], key, len) < 0) lo = mid + 1;
    else hi = mid;
  }
  uint32_t end = lo;
  while (end < news_ngaz && entry_cmp(&news_gaz[end], key, len) == 0) end++;
  *first = lo;
  if (longer && end < news_ngaz) {
    /* keys that extend key with " ..." sort right after it */
    const news_gaz_entry *e = &news_gaz[end];
    const char *k = e->key ? e->key : e->name;
    size_t i = 0;
    for (; i < len && k[i]; i++) {
      unsigned c = (unsigned char)k[i];
      if (!e->key && c >= 'A' && c <= 'Z') c += 32;
      if (c != (unsigned char)key[i]) break;
    }
    *longer = i == len && k[i] == ' ';
  }
  return end - lo;
}
