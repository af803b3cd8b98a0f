/*
** gazetteer.c -- the generated country and place tables and their look-ups
** (see places.h).  Keys folded by news_place_fold() are looked up in the
** generated hash tables news_country_slots and news_gaz_slots.
*/
#include "places.h"

#include <utf8proc.h>

/* news_gaz_text, the strings of the gazetteer, is one string literal of
** about 1 MB (C11 asks compilers for 4095 bytes at least) */
#if defined(__GNUC__)
#pragma GCC diagnostic ignored "-Woverlength-strings"
#endif

#include "gen/countries.inc"
#include "gen/places.inc"

/* How news_place_fold reads an ASCII byte: FOLD_DROP, FOLD_SPACE, or the
** byte it writes (lower case; '`' as '\''). */
#define FOLD_DROP 0x80
#define FOLD_SPACE 0x81
static const unsigned char fold_ascii[128] = {
    0,    1,   2,   3,   4,   5,   6,   7,   8,   0x81, 0x81, 11,   12,  0x81, 14,   15,
    16,   17,  18,  19,  20,  21,  22,  23,  24,  25,   26,   27,   28,  29,   30,   31,
    0x81, '!', '"', '#', '$', '%', '&', '\'', '(', ')', '*',  '+',  ',', 0x81, 0x80, '/',
    '0',  '1', '2', '3', '4', '5', '6', '7', '8', '9',  ':',  ';',  '<', '=',  '>',  '?',
    '@',  'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i',  'j',  'k',  'l', 'm',  'n',  'o',
    'p',  'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y',  'z',  '[',  '\\', ']', '^',  '_',
    '\'', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i',  'j',  'k',  'l', 'm',  'n',  'o',
    'p',  'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y',  'z',  '{',  '|', '}',  '~',  127};

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
    if (u[i] < 0x80) {
      unsigned m = fold_ascii[u[i++]];
      if (m == FOLD_SPACE) {
        if (!space) PUT(' ');
        space = 1;
      } else if (m != FOLD_DROP) {
        space = 0;
        PUT(m);
      }
      continue;
    }
    int32_t cp;
    i = news_utf8_next(u, len, i, &cp);
    if (cp == 0xA0 || cp == 0x2010 || cp == 0x2011 || cp == 0x2013) {
      if (!space) PUT(' ');
      space = 1;
      continue;
    }
    if (cp == 0x2019 || cp == 0x2018) cp = '\'';
    space = 0;
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

/* 32-bit FNV-1a, as ext/tools/genutil.py's fnv1a() hashes the keys. */
static uint32_t fnv1a(const char *key, size_t len) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)key[i]) * 16777619u;
  return h;
}

/* Whether the string a (read in ASCII lower case when lower) starts with
** key[0..len) and then has the byte end; never reads past a's NUL. */
static bool same_key(const char *a, bool lower, const char *key, size_t len, char end) {
  for (size_t i = 0; i < len; i++) {
    char c = a[i];
    if (c == 0) return false;
    if (lower && c >= 'A' && c <= 'Z') c = (char)(c + 32);
    if (c != key[i]) return false;
  }
  return a[len] == end;
}

/* ------------------------------------------------------------ countries */

const news_country_name *news_country_name_find_key(const char *key, size_t len) {
  if (len == 0) return NULL;
  for (uint32_t h = fnv1a(key, len);; h++) {
    uint32_t v = news_country_slots[h & (NEWS_COUNTRY_SLOTS - 1)];
    if (!v) return NULL;
    const news_country_name *c = &news_country_names[v - 1];
    if (same_key(c->key, false, key, len, 0)) return c;
  }
}

int news_country_find_key(const char *key, size_t len, int *how) {
  const news_country_name *c = news_country_name_find_key(key, len);
  if (!c) return -1;
  if (how) *how = c->how;
  return c->country;
}

int news_country_find(const char *s, size_t len, int *how) {
  char key[128];
  size_t n = news_place_fold(s, len, key, sizeof key);
  if (n == 0 || n >= sizeof key) return -1;
  return news_country_find_key(key, n, how);
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

/* ------------------------------------------------------- organisations */

const char *news_org_find_key(const char *key, size_t len) {
  if (len == 0) return NULL;
  for (uint32_t h = fnv1a(key, len);; h++) {
    uint32_t v = news_org_slots[h & (NEWS_ORG_SLOTS - 1)];
    if (!v) return NULL;
    if (same_key(news_org_names[v - 1].key, false, key, len, 0)) return news_orgs[news_org_names[v - 1].org];
  }
}

/* ------------------------------------------------------------- gazetteer */

/* Whether e's folded key starts with key[0..len) and then has the byte end
** (0: the key ends there; ' ': a longer name). */
static bool key_is(const news_gaz_entry *e, const char *key, size_t len, char end) {
  return e->key ? same_key(news_gaz_text + e->key, false, key, len, end)
                : same_key(news_gaz_text + e->name, true, key, len, end);
}

uint32_t news_gaz_find(const char *key, size_t len, uint32_t *first, bool *longer) {
  if (longer) *longer = false;
  *first = 0;
  if (len == 0) return 0;
  for (uint32_t h = fnv1a(key, len);; h++) {
    uint32_t v = news_gaz_slots[h & (NEWS_GAZ_SLOTS - 1)];
    if (!v) return 0;
    uint32_t f = v & 0x1ffffu, n = v >> 17 & 0xffu;
    if (!key_is(&news_gaz[f], key, len, n ? 0 : ' ')) continue;
    *first = f;
    if (longer) *longer = v >> 25 & 1u;
    return n;
  }
}
