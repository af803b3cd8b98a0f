/*
** utf8.c -- reading UTF-8 the way SQLite counts characters, classes, folding.
**
** HOW IT WORKS
**   news_utf8_next() segments bytes exactly as SQLite's own character
**   counting does (a lead byte, then every continuation byte after it), so a
**   token boundary can never fall inside what substr() treats as one
**   character.  Within a segment the code point is checked with utf8proc:
**   anything malformed, overlong, a surrogate or past U+10FFFF reads as
**   U+FFFD.  The character classes take an ASCII fast path and otherwise
**   ask utf8proc for the general category.
**
**   The byte->character map (news_charmap_*) records the character count at
**   every NEWS_CHARMAP_STEP-th byte in one pass, so a conversion scans at
**   most STEP-1 bytes and costs a sixteenth of the text in memory.  For
**   ASCII text (most news text) it records nothing: a byte offset is then
**   the character offset.
*/
#include "core.h"

#include <utf8proc.h>

size_t news_utf8_next_slow(const unsigned char *s, size_t len, size_t i, int32_t *cp) {
  unsigned char b = s[i];
  if (b < 0x80) {
    *cp = b;
    return i + 1;
  }
  size_t j = i + 1;
  if (b < 0xc0) { /* a stray continuation byte is a character of its own */
    *cp = NEWS_REPLACEMENT;
    return j;
  }
  while (j < len && (s[j] & 0xc0) == 0x80) j++;
  size_t need = b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
  utf8proc_int32_t c = -1;
  if (j - i == need && b >= 0xc2 && b <= 0xf4 &&
      utf8proc_iterate(s + i, (utf8proc_ssize_t)need, &c) == (utf8proc_ssize_t)need)
    *cp = c;
  else
    *cp = NEWS_REPLACEMENT;
  return j;
}

size_t news_utf8_prev(const unsigned char *s, size_t i, int32_t *cp) {
  size_t j = i - 1;
  while (j > 0 && (s[j] & 0xc0) == 0x80) j--;
  /* continuation bytes after an ASCII byte (or at the very start) are
  ** stray characters of their own, so the previous one is just i-1 */
  if (s[j] < 0xc0) j = (s[j] & 0xc0) == 0x80 || j < i - 1 ? i - 1 : j;
  news_utf8_next(s, i, j, cp);
  return j;
}

int news_utf8_encode(int32_t cp, char *out) {
  return (int)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out);
}

static utf8proc_category_t cat(int32_t cp) {
  return utf8proc_category(cp);
}

/* Classes of the ASCII characters (NEWS_C_* bits). */
#define L NEWS_C_LETTER
#define U (NEWS_C_LETTER | NEWS_C_UPPER)
#define W (NEWS_C_LETTER | NEWS_C_LOWER)
#define D NEWS_C_DIGIT
#define S NEWS_C_SPACE
#define P NEWS_C_PUNCT
const uint8_t news_ascii_class[128] = {
    S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, /* controls */
    S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, /* controls */
    S, P, P, P, 0, P, P, P, P, P, P, 0, P, P, P, P, /*  !"#$%&'()*+,-./ */
    D, D, D, D, D, D, D, D, D, D, P, P, 0, 0, 0, P, /* 0-9 :;<=>? */
    P, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, /* @A-O */
    U, U, U, U, U, U, U, U, U, U, U, P, P, P, 0, P, /* P-Z [\]^_ */
    0, W, W, W, W, W, W, W, W, W, W, W, W, W, W, W, /* `a-o */
    W, W, W, W, W, W, W, W, W, W, W, P, 0, P, 0, S, /* p-z {|}~ DEL */
};
#undef L
#undef U
#undef W
#undef D
#undef S
#undef P

bool news_is_letter_u(int32_t cp) {
  utf8proc_category_t c = cat(cp);
  return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ME;
}

bool news_is_upper_u(int32_t cp) {
  utf8proc_category_t c = cat(cp);
  return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

bool news_is_lower_u(int32_t cp) {
  return cat(cp) == UTF8PROC_CATEGORY_LL;
}

bool news_is_digit_u(int32_t cp) {
  return cat(cp) == UTF8PROC_CATEGORY_ND;
}

bool news_is_space_u(int32_t cp) {
  utf8proc_category_t c = cat(cp);
  return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL || c == UTF8PROC_CATEGORY_ZP ||
         c == UTF8PROC_CATEGORY_CC;
}

bool news_is_punct_u(int32_t cp) {
  utf8proc_category_t c = cat(cp);
  return c >= UTF8PROC_CATEGORY_PC && c <= UTF8PROC_CATEGORY_PO;
}

bool news_is_newline(int32_t cp) {
  return cp == '\n' || cp == '\v' || cp == '\f' || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
}

bool news_is_dash(int32_t cp) {
  if (cp < 0x80) return cp == '-';
  return cp == 0x2212 || cat(cp) == UTF8PROC_CATEGORY_PD;
}

bool news_is_currency(int32_t cp) {
  if (cp < 0x80) return cp == '$';
  return cat(cp) == UTF8PROC_CATEGORY_SC;
}

bool news_is_format(int32_t cp) {
  return cp >= 0x80 && cat(cp) == UTF8PROC_CATEGORY_CF;
}

int32_t news_tolower(int32_t cp) {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
  return utf8proc_tolower(cp);
}

size_t news_fold(const char *s, size_t len, char *out, size_t cap) {
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0, n = 0;
  while (i < len) {
    int32_t cp;
    i = news_utf8_next(u, len, i, &cp);
    char buf[4];
    int k = news_utf8_encode(news_tolower(cp), buf);
    if (n + (size_t)k <= cap) memcpy(out + n, buf, (size_t)k);
    n += (size_t)k;
  }
  return n;
}

/* True when the character [i, j) read as U+FFFD is a literal U+FFFD. */
static bool literal_replacement(const unsigned char *u, size_t i, size_t j) {
  return j - i == 3 && u[i] == 0xef && u[i + 1] == 0xbf && u[i + 2] == 0xbd;
}

int news_utf8_valid(const char *text, size_t len) {
  const unsigned char *u = (const unsigned char *)text;
  for (size_t i = 0; i < len;) {
    if (u[i] < 0x80) {
      i++;
      continue;
    }
    int32_t cp;
    size_t j = news_utf8_next(u, len, i, &cp);
    if (cp == NEWS_REPLACEMENT && !literal_replacement(u, i, j)) return 0;
    i = j;
  }
  return 1;
}

size_t news_utf8_sanitize(const char *text, size_t len, char *out, size_t cap) {
  const unsigned char *u = (const unsigned char *)text;
  size_t i = 0, n = 0;
  while (i < len) {
    if (u[i] < 0x80) { /* ASCII fast path */
      if (n < cap) out[n] = (char)u[i];
      n++;
      i++;
      continue;
    }
    int32_t cp;
    size_t j = news_utf8_next(u, len, i, &cp);
    if (cp == NEWS_REPLACEMENT && !literal_replacement(u, i, j)) {
      static const char repl[3] = {(char)0xef, (char)0xbf, (char)0xbd};
      if (n + 3 <= cap) memcpy(out + n, repl, 3);
      n += 3;
    } else {
      if (n + (j - i) <= cap) memcpy(out + n, text + i, j - i);
      n += j - i;
    }
    i = j;
  }
  return n;
}

/* ----------------------------------------------------------- char offsets */

/* One step of SQLite's character segmentation: returns 1 when byte b starts
** a character.  *run is set while inside a lead byte's continuation run. */
static inline uint32_t starts_char(unsigned char b, bool *run) {
  if (b < 0x80 || b >= 0xc0) {
    *run = b >= 0xc0;
    return 1;
  }
  return *run ? 0 : 1;
}

#define RUN_BIT 0x80000000u /* a checkpoint taken inside a continuation run */

/* True when text[0..len) has no byte >= 0x80 (eight bytes at a time). */
static bool all_ascii(const unsigned char *s, size_t len) {
  uint64_t any = 0;
  size_t i = 0;
  for (; i + 8 <= len; i += 8) {
    uint64_t w;
    memcpy(&w, s + i, 8);
    any |= w;
  }
  for (; i < len; i++) any |= s[i];
  return (any & 0x8080808080808080ull) == 0;
}

news_rc news_charmap_build(news_charmap *map, const news_mem *mem, const char *text, size_t len) {
  return news_charmap_build_stop(map, mem, NULL, text, len);
}

news_rc news_charmap_build_stop(news_charmap *map, const news_mem *mem, const news_opts *opts, const char *text,
                                size_t len) {
  if (!mem) mem = news_mem_default();
  map->text = (const unsigned char *)text;
  map->len = len;
  map->marks = NULL;
  map->nmarks = 0;
  /* every byte is a character: no marks (checked a megabyte at a time,
  ** with a poll before each but the first) */
  bool ascii = true;
  for (size_t i = 0; ascii && i < len; i += 1 << 20) {
    if (i && opts && opts->stop && opts->stop(opts->stop_arg)) return NEWS_ERR_INTERRUPTED;
    ascii = all_ascii(map->text + i, len - i < (1 << 20) ? len - i : (1 << 20));
  }
  if (ascii) return NEWS_OK;
  map->nmarks = len / NEWS_CHARMAP_STEP + 1;
  map->marks = mem->alloc(mem->ctx, map->nmarks * sizeof(uint32_t));
  if (!map->marks) return NEWS_ERR_NOMEM;
  uint32_t chars = 0;
  bool run = false;
  for (size_t i = 0; i < len;) {
    if ((i % NEWS_CHARMAP_STEP) == 0) {
      if ((i & 0xfffff) == 0 && i && opts && opts->stop && opts->stop(opts->stop_arg)) { /* a poll per MB */
        mem->free(mem->ctx, map->marks);
        map->marks = NULL;
        return NEWS_ERR_INTERRUPTED;
      }
      map->marks[i / NEWS_CHARMAP_STEP] = chars | (run ? RUN_BIT : 0);
      if (i + NEWS_CHARMAP_STEP <= len && all_ascii(map->text + i, NEWS_CHARMAP_STEP)) {
        chars += NEWS_CHARMAP_STEP; /* an ASCII step: a character per byte */
        run = false;
        i += NEWS_CHARMAP_STEP;
        continue;
      }
    }
    chars += starts_char(map->text[i], &run);
    i++;
  }
  if ((len % NEWS_CHARMAP_STEP) == 0) map->marks[len / NEWS_CHARMAP_STEP] = chars | (run ? RUN_BIT : 0);
  return NEWS_OK;
}

uint32_t news_charmap_chars(const news_charmap *map, uint32_t off) {
  if (!map->marks) return off; /* ASCII text */
  size_t k = off / NEWS_CHARMAP_STEP;
  uint32_t chars = map->marks[k] & ~RUN_BIT;
  bool run = (map->marks[k] & RUN_BIT) != 0;
  for (size_t i = k * NEWS_CHARMAP_STEP; i < off; i++) chars += starts_char(map->text[i], &run);
  return chars;
}

void news_charmap_free(news_charmap *map, const news_mem *mem) {
  if (!mem) mem = news_mem_default();
  if (map->marks) mem->free(mem->ctx, map->marks);
  map->marks = NULL;
}
