/*
** news.h -- the public interface of the newsext analysis core.
**
** WHAT IT IS
**   A pure C11 library (utf8proc for Unicode, nothing else) that reads one
**   news article and finds its tokens, sentences, named entities, attributed
**   quotations and temporal expressions.  It knows nothing of SQLite: the
**   binding in ext/sqlite/ turns its results into rows, and the tests and
**   fuzzers in tests/ drive it directly.
**
** HOW IT IS USED
**   news_doc_new() copies a text into a document object; the stage accessors
**   (news_doc_tokens(), news_doc_sentences(), news_doc_entities(), ...) run
**   each stage the first time it is asked for and keep its result, so later
**   stages reuse earlier ones and a caller may ask for them in any order.
**   Everything a document holds is freed by one news_doc_free().
**
** CONVENTIONS
**   - Offsets are BYTE offsets into the document text, half-open [start, end).
**     The binding converts them to 1-based character positions once.
**   - Invalid UTF-8 is data: each maximal run of a lead byte and its
**     continuation bytes (SQLite's notion of a character) is read as one
**     character, U+FFFD when it is not a well-formed code point.  Offsets stay
**     exact; strings the core builds never contain invalid UTF-8.
**   - Functions that can fail return a news_rc (0 is success) and write
**     results through out-pointers.  The core never prints, exits or aborts.
**   - All memory comes from the news_mem given to news_doc_new().
**
** See docs/ARCHITECTURE.md for the pipeline and the data formats.
*/
#ifndef NEWS_H
#define NEWS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- errors */

typedef enum news_rc {
  NEWS_OK = 0,          /* success */
  NEWS_ERR_NOMEM,       /* an allocation failed */
  NEWS_ERR_TOOBIG,      /* the document exceeds NEWS_MAX_DOCUMENT bytes */
  NEWS_ERR_BADREF,      /* a reference date is not a valid calendar date */
  NEWS_ERR_INTERRUPTED, /* the caller's stop callback asked to stop */
  NEWS_ERR_MISUSE       /* an argument broke a documented precondition */
} news_rc;

/* A short static English sentence for rc ("out of memory", ...). */
const char *news_errstr(news_rc rc);

/* Largest document the core accepts, in bytes.  Offsets inside the core are
** 32-bit; this bound keeps every offset and count well inside that range. */
#define NEWS_MAX_DOCUMENT ((size_t)0x7ffffff0u)

/* ------------------------------------------------------------ allocation */

/* The allocator every core allocation goes through.  alloc and realloc
** return NULL on failure; free accepts NULL.  ctx is passed back untouched.
** news_mem_default() returns one backed by malloc/realloc/free. */
typedef struct news_mem {
  void *(*alloc)(void *ctx, size_t n);
  void *(*realloc)(void *ctx, void *p, size_t n);
  void (*free)(void *ctx, void *p);
  void *ctx;
} news_mem;

const news_mem *news_mem_default(void);

/* ---------------------------------------------------------------- tokens */

/* Token kinds, in numbered ranges so that "is a word" or "is a quotation
** mark" is a range test (NEWS_TOK_IS) and new kinds need no renumbering.
** Whitespace is not a token; it shows in the token flags instead. */
typedef enum news_token_kind {
  NEWS_TOK_WORD = 0x10,    /* letters/digits, inner hyphens and apostrophes */
  NEWS_TOK_ABBREV = 0x11,  /* Sen. Jan. U.S. a.m. i.e. Co. (period kept) */
  NEWS_TOK_INITIAL = 0x12, /* J. in "J. Smith" */
  NEWS_TOK_CLITIC = 0x13,  /* possessive 's / ’s, split from its word */
  NEWS_TOK_URL = 0x14,     /* http://..., www.... */
  NEWS_TOK_EMAIL = 0x15,   /* name@example.org */
  NEWS_TOK_HANDLE = 0x16,  /* @handle */
  NEWS_TOK_HASHTAG = 0x17, /* #hashtag */

  NEWS_TOK_NUMBER = 0x20,  /* 42 1,200 3.5 */
  NEWS_TOK_ORDINAL = 0x21, /* 1st 22nd 3rd 4th */
  NEWS_TOK_MONEY = 0x22,   /* $5 £1.2 €300,000 */
  NEWS_TOK_PERCENT = 0x23, /* 4.5% */
  NEWS_TOK_DATE = 0x24,    /* ISO 2020-01-05 */
  NEWS_TOK_TIME = 0x25,    /* 10:30 9:05:12 */

  NEWS_TOK_PUNCT = 0x30,    /* . , ; : ! ? ( ) [ ] and other punctuation */
  NEWS_TOK_DASH = 0x31,     /* — – -- and a free-standing - */
  NEWS_TOK_ELLIPSIS = 0x32, /* ... or … */

  NEWS_TOK_QUOTE_OPEN = 0x40,  /* “ ‘ « „ ‹ and straight marks read as opening */
  NEWS_TOK_QUOTE_CLOSE = 0x41, /* ” ’ » › and straight marks read as closing */

  NEWS_TOK_SYMBOL = 0x50 /* anything else: + = & * © U+FFFD ... */
} news_token_kind;

#define NEWS_TOK_IS(kind, range) (((unsigned)(kind) & 0xf0u) == (unsigned)(range))
#define NEWS_TOK_RANGE_WORD 0x10
#define NEWS_TOK_RANGE_NUMBER 0x20
#define NEWS_TOK_RANGE_PUNCT 0x30
#define NEWS_TOK_RANGE_QUOTE 0x40

/* Token flags. */
#define NEWS_TF_SPACE 0x01   /* whitespace directly before the token */
#define NEWS_TF_NEWLINE 0x02 /* a line break before the token */
#define NEWS_TF_PARA 0x04    /* a blank line (paragraph break) before it */
#define NEWS_TF_UPPER 0x08   /* first character is an upper-case letter */
#define NEWS_TF_ALLCAPS 0x10 /* has letters, none of them lower-case */
#define NEWS_TF_DOUBLE 0x20  /* quotation mark: a double mark (“ " « ») */
#define NEWS_TF_HYPHEN 0x40  /* word: an ASCII '-' joins two of its parts ("third-quarter") */

typedef struct news_token {
  uint32_t start, end; /* bytes [start, end) */
  uint32_t sentence;   /* 0-based index of its sentence */
  uint8_t kind;        /* a news_token_kind */
  uint8_t flags;       /* NEWS_TF_* */
  uint16_t mark;       /* first code point when it is a quote mark or punct */
} news_token;

/* The printable name of a kind ("word", "quote_open", ...). */
const char *news_token_kind_name(unsigned kind);

/* Streaming tokenizer.  Calls cb once per token, in text order, with byte
** offsets.  cb returns 0 to go on, NEWS_TOKENIZE_STOP to stop early without
** error (the call then returns NEWS_OK), or a news_rc, which is returned as
** is. */
#define NEWS_TOKENIZE_STOP (-1)
typedef int (*news_token_cb)(void *arg, const news_token *tok);
int news_tokenize(const char *text, size_t len, news_token_cb cb, void *arg);

/* ------------------------------------------------------------- sentences */

typedef struct news_sentence {
  uint32_t start, end;         /* bytes, trimmed of surrounding white space */
  uint32_t tok_begin, tok_end; /* token index range [tok_begin, tok_end) */
} news_sentence;

/* -------------------------------------------------------------- entities */

typedef enum news_entity_type {
  NEWS_ENT_PERSON = 1,
  NEWS_ENT_ORG,
  NEWS_ENT_LOC,
  NEWS_ENT_NORP,
  NEWS_ENT_MISC
} news_entity_type;

const char *news_entity_type_name(unsigned type);

/* Provenance of the compiled-in entity model, for newsext_debug(): a static
** string "ner model format 1, training data <hash>, <n> features". */
const char *news_entities_model(void);
/* The same for the attribution cue model (attrib_model.c): "attribution cue
** model format 1, training data <hash>, <n> features". */
const char *news_attributions_model(void);

typedef struct news_entity {
  uint32_t start, end;         /* bytes of the mention (no possessive 's) */
  uint32_t tok_begin, tok_end; /* its tokens */
  uint32_t sentence;           /* 0-based sentence index */
  uint8_t type;                /* a news_entity_type */
  uint32_t title_start;        /* bytes of a title in front ("Sen."), */
  uint32_t title_end;          /*   equal when there is none */
  const char *canonical;       /* fullest name of the entity in the article */
  uint32_t canonical_len;      /*   (points into the text or the doc) */
} news_entity;

/* ---------------------------------------------------------------- quotes */

typedef enum news_quote_kind { NEWS_QUOTE_DIRECT = 1, NEWS_QUOTE_PARTIAL } news_quote_kind;

typedef struct news_quote {
  uint32_t start, end;           /* bytes of the quoted words, marks excluded */
  uint32_t sentence;             /* sentence holding the opening mark */
  uint8_t kind;                  /* a news_quote_kind */
  uint32_t speaker_start;        /* bytes of the speaker as written, */
  uint32_t speaker_end;          /*   equal when none was found */
  uint32_t verb_start, verb_end; /* bytes of the speech verb, or equal */
  const char *speaker;           /* resolved speaker, NULL when unknown */
  uint32_t speaker_len;
  uint8_t rule;                  /* the attribution rule that fired, 0 for none */
} news_quote;

/* The name of attribution rule `rule` of a quotation ("verb_after",
** "continuation", ...; "none" for 0), for tests and debugging. */
const char *news_quote_rule_name(unsigned rule);

/* ---------------------------------------------------------- attributions */

/* direct: the content is all quotation; mixed: partly quoted; indirect:
** no quotation marks (reported speech, "according to", belief). */
typedef enum news_attr_kind { NEWS_ATTR_DIRECT = 1, NEWS_ATTR_MIXED, NEWS_ATTR_INDIRECT } news_attr_kind;

const char *news_attr_kind_name(unsigned kind);

typedef struct news_attribution {
  uint32_t start, end;           /* bytes of the content (quotation marks kept) */
  uint32_t sentence;             /* sentence holding the content's start */
  uint8_t kind;                  /* a news_attr_kind */
  uint8_t rule;                  /* which attribution rule made the row (attrib.h) */
  uint32_t speaker_start;        /* bytes of the source as written, */
  uint32_t speaker_end;          /*   equal when none was found */
  uint32_t cue_start, cue_end;   /* bytes of the cue ("said", "according to"), or equal */
  const char *speaker;           /* resolved source, NULL when unknown */
  uint32_t speaker_len;
} news_attribution;

/* --------------------------------------------------------------- timexes */

typedef enum news_timex_type {
  NEWS_TIMEX_DATE = 1,
  NEWS_TIMEX_TIME,
  NEWS_TIMEX_DURATION,
  NEWS_TIMEX_SET
} news_timex_type;

const char *news_timex_type_name(unsigned type);

/* A calendar day; year 0 means "none". */
typedef struct news_ymd {
  int year, month, day;
} news_ymd;

typedef struct news_timex {
  uint32_t start, end; /* bytes of the expression */
  uint32_t sentence;
  uint8_t type;        /* a news_timex_type */
  char value[40];      /* TIMEX3 value: 2020-01-05, P3Y, XXXX-01-05, PAST_REF */
  char date[11];       /* YYYY-MM-DD when it denotes one day, else "" */
  char end_value[40];  /* a range ("April 9-10"): the value of its end, else "" */
  char end_date[11];   /* a range: YYYY-MM-DD of its end when that is one day, else "" */
} news_timex;

/* ---------------------------------------------------------------- places */

typedef enum news_place_kind {
  NEWS_PLACE_UNKNOWN = 0, /* a place name the gazetteer cannot place */
  NEWS_PLACE_COUNTRY,
  NEWS_PLACE_ADMIN1,  /* state, province */
  NEWS_PLACE_ADMIN2,  /* county, parish */
  NEWS_PLACE_CITY,
  NEWS_PLACE_REGION,  /* continent, Middle East, Gaza */
  NEWS_PLACE_FEATURE  /* sea, river, mountain range */
} news_place_kind;

/* "country", "admin1", ...; NULL for NEWS_PLACE_UNKNOWN. */
const char *news_place_kind_name(unsigned kind);

typedef struct news_place {
  uint32_t start, end;   /* bytes of the mention */
  uint32_t sentence;
  uint8_t kind;          /* a news_place_kind */
  const char *name;      /* the place's English name; NULL when unknown (static strings) */
  const char *country;   /* ISO 3166-1 alpha-2, NULL for regions, features and unknowns */
  const char *admin1;    /* first-level division's name, or NULL */
  uint32_t geonameid;    /* GeoNames id, 0 when not known */
  int32_t lat100, lon100; /* hundredths of a degree (WGS84); meaningless when kind is 0 */
} news_place;

/* -------------------------------------------------------------- document */

typedef struct news_doc news_doc;

/* A cache of the tagger's work that depends on a token's text alone or on
** the shapes of the words around it (the scores of those features), reused
** by every document whose options name it, so that a word seen in an
** earlier article is not scored again.  It changes no result, only time.
** Fixed size (about 1.7 MB, allocated on first use from the news_mem given
** here, which must outlive it); not thread-safe: give each thread or
** connection its own, and free it after the last document that uses it is
** analysed.  NULL on OOM. */
typedef struct news_cache news_cache;
news_cache *news_cache_new(const news_mem *mem);
void news_cache_free(news_cache *cache); /* accepts NULL */
/* Frees the cache's table (it is made again on next use); accepts NULL.
** Only while no document that names it is being analysed. */
void news_cache_release(news_cache *cache);

/* Options a caller may set; zero-initialise and fill what is needed. */
typedef struct news_opts {
  int version;                  /* NEWS_OPTS_VERSION */
  int (*stop)(void *stop_arg);  /* polled now and then: non-zero aborts the */
  void *stop_arg;               /*   stage with NEWS_ERR_INTERRUPTED */
  news_cache *cache;            /* version 2: NULL, or a news_cache_new() */
} news_opts;
#define NEWS_OPTS_VERSION 2

/* memcpy(dst, src, n) 4 MB at a time, calling opts->stop between (its answer
** does not matter: the caller's next poll sees a stop), for a buffer grown
** into fresh memory, whose first touch alone costs 1-2.5 ms per MB.  opts
** may be NULL. */
void news_copy_polled(const news_opts *opts, void *dst, const void *src, size_t n);

/* Copies text[0..len) into a new document.  mem may be NULL for the default
** allocator, opts NULL for defaults.  Returns NEWS_OK and *out, or
** NEWS_ERR_NOMEM / NEWS_ERR_TOOBIG / NEWS_ERR_INTERRUPTED (opts->stop, polled
** every megabyte copied) with *out NULL. */
news_rc news_doc_new(const news_mem *mem, const news_opts *opts, const char *text, size_t len,
                     news_doc **out);

/* Frees a document and every result it holds.  Accepts NULL. */
void news_doc_free(news_doc *doc);
/* The same, calling opts->stop after each of its arrays (its answer does not
** matter): giving back the memory of a 100 MB document takes a few hundred
** milliseconds (munmap), and a caller whose callback also serves a
** progress handler sees it in pieces.  Only while that callback may run. */
void news_doc_free_polled(news_doc *doc);

/* The document's text and byte length, as copied by news_doc_new(). */
const char *news_doc_text(const news_doc *doc, size_t *len);

/* Stage accessors: run the stage if needed, then point *out at its results
** (owned by the document, valid until news_doc_free) and set *n.  They
** return NEWS_OK, NEWS_ERR_NOMEM or NEWS_ERR_INTERRUPTED; after an error the
** stage is left undone and may be asked for again. */
news_rc news_doc_tokens(news_doc *doc, const news_token **out, uint32_t *n);
news_rc news_doc_sentences(news_doc *doc, const news_sentence **out, uint32_t *n);
news_rc news_doc_entities(news_doc *doc, const news_entity **out, uint32_t *n);
news_rc news_doc_quotes(news_doc *doc, const news_quote **out, uint32_t *n);
news_rc news_doc_attributions(news_doc *doc, const news_attribution **out, uint32_t *n);
news_rc news_doc_places(news_doc *doc, const news_place **out, uint32_t *n);
/* ref: the publication date, or NULL.  The result is kept for the last ref
** asked for; asking with another ref recomputes. */
news_rc news_doc_timexes(news_doc *doc, const news_ymd *ref, const news_timex **out, uint32_t *n);

/* ------------------------------------------------------- character offsets */

/* Converts byte offsets of one document into 0-based character offsets as
** SQLite counts characters (a byte below 0x80 or at/after 0xc0 starts a
** character; 0x80-0xbf bytes continue one).  Built in one pass over the
** text, with a checkpoint every NEWS_CHARMAP_STEP bytes. */
#define NEWS_CHARMAP_STEP 64
typedef struct news_charmap {
  const unsigned char *text;
  size_t len;
  uint32_t *marks; /* characters before byte i*STEP; NULL for ASCII text */
  size_t nmarks;
} news_charmap;

news_rc news_charmap_build(news_charmap *map, const news_mem *mem, const char *text, size_t len);
/* The same, polling opts->stop every megabyte (NEWS_ERR_INTERRUPTED). */
news_rc news_charmap_build_stop(news_charmap *map, const news_mem *mem, const news_opts *opts, const char *text,
                                size_t len);
uint32_t news_charmap_chars(const news_charmap *map, uint32_t byte_offset);
void news_charmap_free(news_charmap *map, const news_mem *mem);

/* --------------------------------------------------------------- helpers */

/* Writes text[0..len) as valid UTF-8 into out: every character that is not
** well-formed (see CONVENTIONS) becomes U+FFFD.  Returns the size the result
** needs; writes nothing past cap.  Equal to len when the text is valid. */
size_t news_utf8_sanitize(const char *text, size_t len, char *out, size_t cap);

/* True when text[0..len) is valid UTF-8 throughout (by the rules above). */
int news_utf8_valid(const char *text, size_t len);

/* Version string of the core, e.g. "0.1.0". */
const char *news_version(void);
#define NEWS_VERSION "0.1.0"

#ifdef __cplusplus
}
#endif
#endif /* NEWS_H */
