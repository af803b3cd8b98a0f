/*
** core.h -- declarations shared by the core's modules (never by the binding).
**
** The binding and the tests see only news.h.  This header holds what the
** core's own stages share: the UTF-8 reader, the character classes, the
** arena and growable arrays, and the document object with its stage slots.
** Each stage module (tokenize.c, sentences.c, entities.c, quotes.c,
** timex.c) exposes one news_<stage>_run() that doc.c calls in order.
*/
#ifndef NEWS_CORE_H
#define NEWS_CORE_H

#include "news.h"

#include <stdbool.h>
#include <string.h>

#define NEWS_REPLACEMENT 0xFFFD

/* ------------------------------------------------------------------ UTF-8 */

/* Reads the character at byte i of s[0..len) into *cp and returns the index
** of the next one.  A character is a lead byte and all continuation bytes
** after it (SQLite's rule); one that is not a well-formed, shortest-form,
** non-surrogate code point reads as U+FFFD.  Requires i < len.  ASCII is
** decoded inline; everything else goes to news_utf8_next_slow(). */
size_t news_utf8_next_slow(const unsigned char *s, size_t len, size_t i, int32_t *cp);
static inline size_t news_utf8_next(const unsigned char *s, size_t len, size_t i, int32_t *cp) {
  if (s[i] < 0x80) {
    *cp = s[i];
    return i + 1;
  }
  return news_utf8_next_slow(s, len, i, cp);
}

/* Reads the character that ends just before byte i (i > 0). */
size_t news_utf8_prev(const unsigned char *s, size_t i, int32_t *cp);

/* Encodes cp as UTF-8 into out (at least 4 bytes); returns the byte count. */
int news_utf8_encode(int32_t cp, char *out);

/* Character classes.  ASCII answers from a table, inline; other code
** points ask utf8proc for their general category (the _u functions). */
#define NEWS_C_LETTER 0x01
#define NEWS_C_UPPER 0x02
#define NEWS_C_LOWER 0x04
#define NEWS_C_DIGIT 0x08
#define NEWS_C_SPACE 0x10 /* space and every ASCII control character */
#define NEWS_C_PUNCT 0x20
extern const uint8_t news_ascii_class[128];

bool news_is_letter_u(int32_t cp); /* L* and combining marks M* */
bool news_is_upper_u(int32_t cp);  /* Lu, Lt */
bool news_is_lower_u(int32_t cp);  /* Ll */
bool news_is_digit_u(int32_t cp);  /* Nd */
bool news_is_space_u(int32_t cp);  /* Z*, Cc */
bool news_is_punct_u(int32_t cp);  /* P* */

#define NEWS_CLASS_FN(name, bit)                                                                   \
  static inline bool news_is_##name(int32_t cp) {                                                  \
    return cp < 0x80 ? (news_ascii_class[cp] & (bit)) != 0 : news_is_##name##_u(cp);              \
  }
NEWS_CLASS_FN(letter, NEWS_C_LETTER)
NEWS_CLASS_FN(upper, NEWS_C_UPPER)
NEWS_CLASS_FN(lower, NEWS_C_LOWER)
NEWS_CLASS_FN(digit, NEWS_C_DIGIT)
NEWS_CLASS_FN(space, NEWS_C_SPACE)
NEWS_CLASS_FN(punct, NEWS_C_PUNCT)
#undef NEWS_CLASS_FN

bool news_is_newline(int32_t cp);
bool news_is_dash(int32_t cp);   /* Pd, plus U+2212 minus */
bool news_is_currency(int32_t cp);
bool news_is_format(int32_t cp); /* Cf: soft hyphen, zero-width joiners, BOM */
int32_t news_tolower(int32_t cp);

/* Folds s[0..len) to lower case into out (cap bytes); returns the length
** needed.  Used for lexicon look-ups. */
size_t news_fold(const char *s, size_t len, char *out, size_t cap);

/* ---------------------------------------------------------------- arrays */

/* A growable array of fixed-size elements, allocated through a news_mem. */
typedef struct news_vec {
  void *data;
  uint32_t n, cap;
  uint32_t size; /* bytes per element */
} news_vec;

void news_vec_init(news_vec *v, uint32_t elem_size);
/* Appends one zeroed element and returns it, or NULL when out of memory. */
void *news_vec_push(news_vec *v, const news_mem *mem);
void news_vec_free(news_vec *v, const news_mem *mem);
/* Under AddressSanitizer, marks the room past the last element unreadable,
** so that reading element n (the token after the last) is reported even
** when the array has room; later pushes open it again.  No-op otherwise. */
void news_vec_seal(news_vec *v);
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define NEWS_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define NEWS_ASAN 1
#endif
#ifdef NEWS_ASAN
#include <sanitizer/asan_interface.h>
#else
#define ASAN_POISON_MEMORY_REGION(p, n) ((void)(p), (void)(n))
#define ASAN_UNPOISON_MEMORY_REGION(p, n) ((void)(p), (void)(n))
#endif
#define NEWS_VEC_AT(v, type, i) (((type *)(v)->data)[i])

/* ----------------------------------------------------------------- arena */

/* A bump allocator for the many small strings of one document; freed whole. */
typedef struct news_arena_block news_arena_block;
typedef struct news_arena {
  const news_mem *mem;
  news_arena_block *head;
} news_arena;

void news_arena_init(news_arena *a, const news_mem *mem);
void *news_arena_alloc(news_arena *a, size_t n); /* 8-byte aligned, NULL on OOM */
char *news_arena_strdup(news_arena *a, const char *s, size_t n); /* NUL-terminated copy */
/* A name as users group it: s[0..n) with line breaks and tabs as spaces,
** no run of spaces and no space at either end, valid UTF-8 (a stray byte
** becomes U+FFFD); s itself when it needs none of this, else a copy in the
** arena; *out_n its length.  NULL on OOM. */
const char *news_arena_squeeze(news_arena *a, const char *s, uint32_t n, uint32_t *out_n);
void news_arena_free(news_arena *a);

/* -------------------------------------------------------------- document */

/* Stage bits in news_doc.done. */
#define NEWS_STAGE_TOKENS 0x01
#define NEWS_STAGE_ENTITIES 0x02
#define NEWS_STAGE_QUOTES 0x04
#define NEWS_STAGE_TIMEX 0x08
#define NEWS_STAGE_PLACES 0x10
#define NEWS_STAGE_ATTRIB 0x20

struct news_doc {
  const news_mem *mem;
  news_opts opts;
  char *text;            /* private NUL-terminated copy */
  uint32_t len;          /* bytes */
  unsigned done;         /* NEWS_STAGE_* bits of the stages run */
  news_arena arena;      /* strings built by the stages */
  news_vec tokens;       /* news_token */
  news_vec sentences;    /* news_sentence */
  news_vec entities;     /* news_entity */
  news_vec quotes;       /* news_quote */
  news_vec attribs;      /* news_attribution */
  news_vec timexes;      /* news_timex */
  news_vec places;       /* news_place */
  news_ymd timex_ref;    /* the ref the timexes were computed for */
};

/* True when the caller's stop callback asks to stop. */
bool news_doc_should_stop(const news_doc *doc);

/* Stages poll the stop callback every NEWS_POLL_TOKENS tokens of work, even
** inside one sentence, so an interrupt is seen within a few milliseconds
** (tests/robust/test_poll_gap.c).  news_doc_poll() counts in *pn and polls
** when it reaches that many. */
#define NEWS_POLL_TOKENS 4096
static inline bool news_doc_poll(const news_doc *doc, uint32_t *pn) {
  if (++*pn < NEWS_POLL_TOKENS) return false;
  *pn = 0;
  return news_doc_should_stop(doc);
}

/* memset(p, 0, n) a megabyte at a time, polling the stop callback between
** (the first touch of fresh pages costs about 1 ms per MB); true when
** stopped. */
bool news_doc_zero_polled(const news_doc *doc, void *p, size_t n);

/* news_vec_push() for the arrays a stage fills: past 4 MB the array grows
** into a new one, copied 4 MB at a time with a poll between, and the old one
** is given back a piece at a time; realloc() of a few hundred megabytes
** was seen to take 70 ms and more without a poll (100 MB documents). */
void *news_doc_vec_push(news_doc *doc, news_vec *v);

/* qsort(base, n, size, cmp), but stable (equal elements keep their order)
** and polling the stop callback as it goes: a million rows are tens of
** milliseconds of sorting.  After NEWS_ERR_NOMEM or NEWS_ERR_INTERRUPTED
** base holds no useful rows. */
news_rc news_doc_sort_polled(const news_doc *doc, void *base, uint32_t n, size_t size,
                             int (*cmp)(const void *, const void *));

/* Frees p, an array of n bytes from mem.  With a document to poll (d not
** NULL), a large array first shrinks 64 MB at a time with a poll after
** each step: giving back hundreds of MB at once (a munmap) takes tens of
** ms, a shrinking realloc gives back only its tail.  n may understate the
** size, never overstate it. */
void news_doc_free_array_polled(const news_doc *d, const news_mem *mem, void *p, size_t n);
/* news_vec_free() of a stage's scratch vector, polling as
** news_doc_free_array_polled() does (a stage's last poll is before it). */
void news_doc_vec_free(news_doc *d, news_vec *v);

/* The stages.  Each fills its vector in doc (cleared first) from the text
** and the earlier stages' results, and returns NEWS_OK or an error. */
news_rc news_tokens_run(news_doc *doc);    /* tokens, then sentences */
news_rc news_tokenize_doc(news_doc *doc);  /* the tokens into doc->tokens (tokenize.c) */
news_rc news_sentences_run(news_doc *doc); /* called by news_tokens_run */
news_rc news_entities_run(news_doc *doc);
/* Quotations and attributions come from one pass (quotes.c): with
** attributions false it may stop early when the text holds no quotation,
** and it does only the attribution work that the quotations' speakers
** depend on; with true it also fills doc->attribs and sets
** NEWS_STAGE_ATTRIB. */
news_rc news_quotes_run(news_doc *doc, bool attributions);
news_rc news_timex_run(news_doc *doc, const news_ymd *ref);
news_rc news_places_run(news_doc *doc);

#endif /* NEWS_CORE_H */
