/*
** doc.c -- the pipeline: one document, its stages run on demand.
**
** HOW IT WORKS
**   news_doc_new() copies the text; nothing is analysed yet.  Each accessor
**   checks its bit in doc->done, runs its stage (and, through the stages'
**   own calls, any stage it depends on: quotes ask for entities, entities
**   for tokens), and hands out the stored array.  A failed stage leaves its
**   bit clear, so it can be asked for again.  Quotes ask for entities
**   only for a document that holds a quotation (the tagger is most of the
**   cost, and most articles hold none).  Time expressions depend on a
**   reference date, so their result is kept for the last ref only.
**
**   Stage order:  tokens -> sentences -> entities -> quotes + attributions
**                                              |    (quotes alone: when a
**                                              |     quotation exists)
**                                              \-> places
**                                     \-> timexes(ref)
*/
#include "core.h"

news_rc news_doc_new(const news_mem *mem, const news_opts *opts, const char *text, size_t len,
                     news_doc **out) {
  *out = NULL;
  if (!mem) mem = news_mem_default();
  if (len > NEWS_MAX_DOCUMENT) return NEWS_ERR_TOOBIG;
  if (!text && len) return NEWS_ERR_MISUSE;
  news_doc *d = mem->alloc(mem->ctx, sizeof *d);
  if (!d) return NEWS_ERR_NOMEM;
  memset(d, 0, sizeof *d);
  d->mem = mem;
  if (opts) { /* a version-1 caller's struct ends before the cache */
    d->opts.version = opts->version;
    d->opts.stop = opts->stop;
    d->opts.stop_arg = opts->stop_arg;
    if (opts->version >= 2) d->opts.cache = opts->cache;
  }
  d->text = mem->alloc(mem->ctx, len + 1);
  if (!d->text) {
    mem->free(mem->ctx, d);
    return NEWS_ERR_NOMEM;
  }
  for (size_t off = 0; off < len; off += 1 << 20) { /* a poll per megabyte copied */
    if (off && news_doc_should_stop(d)) {
      mem->free(mem->ctx, d->text);
      mem->free(mem->ctx, d);
      return NEWS_ERR_INTERRUPTED;
    }
    memcpy(d->text + off, text + off, len - off < (1 << 20) ? len - off : (1 << 20));
  }
  d->text[len] = 0;
  d->len = (uint32_t)len;
  news_arena_init(&d->arena, mem);
  news_vec_init(&d->tokens, sizeof(news_token));
  news_vec_init(&d->sentences, sizeof(news_sentence));
  news_vec_init(&d->entities, sizeof(news_entity));
  news_vec_init(&d->quotes, sizeof(news_quote));
  news_vec_init(&d->attribs, sizeof(news_attribution));
  news_vec_init(&d->timexes, sizeof(news_timex));
  news_vec_init(&d->places, sizeof(news_place));
  *out = d;
  return NEWS_OK;
}

#define FREE_STEP ((size_t)64 << 20) /* bytes given back between two polls */

void news_doc_free_array_polled(const news_doc *d, const news_mem *mem, void *p, size_t n) {
  if (!p) return;
  if (d) (void)news_doc_should_stop(d); /* what the caller did just before counts too */
  for (; d && n > FREE_STEP; n -= FREE_STEP) {
    void *q = mem->realloc(mem->ctx, p, n - FREE_STEP);
    if (!q) break;
    p = q;
    (void)news_doc_should_stop(d);
  }
  mem->free(mem->ctx, p);
  if (d) (void)news_doc_should_stop(d);
}

static void vec_free(news_doc *d, news_vec *v, bool poll) {
  if (poll) news_doc_free_array_polled(d, d->mem, v->data, (size_t)v->cap * v->size);
  else if (v->data) d->mem->free(d->mem->ctx, v->data);
  v->data = NULL;
  v->n = v->cap = 0;
}

static void doc_free(news_doc *d, bool poll) {
  if (!d) return;
  const news_mem *mem = d->mem;
  news_vec *big[] = {&d->tokens, &d->sentences, &d->entities, &d->quotes,
                     &d->attribs, &d->timexes, &d->places};
  for (size_t i = 0; i < sizeof big / sizeof big[0]; i++) vec_free(d, big[i], poll);
  news_arena_free(&d->arena);
  news_doc_free_array_polled(poll ? d : NULL, mem, d->text, (size_t)d->len + 1);
  mem->free(mem->ctx, d);
}

void news_doc_free(news_doc *d) {
  doc_free(d, false);
}

void news_doc_free_polled(news_doc *d) {
  doc_free(d, true);
}

const char *news_doc_text(const news_doc *d, size_t *len) {
  if (len) *len = d->len;
  return d->text;
}

bool news_doc_should_stop(const news_doc *d) {
  return d->opts.stop && d->opts.stop(d->opts.stop_arg);
}

bool news_doc_zero_polled(const news_doc *d, void *p, size_t n) {
  for (size_t off = 0; off < n; off += 1 << 20) {
    if (off && news_doc_should_stop(d)) return true;
    memset((char *)p + off, 0, n - off < (1 << 20) ? n - off : (1 << 20));
  }
  return false;
}

#define COPY_STEP ((size_t)4 << 20) /* bytes copied between two polls */

void news_doc_vec_free(news_doc *d, news_vec *v) {
  /* a small one at once: a poll costs about a microsecond, a free of
  ** 4 MB far less */
  vec_free(d, v, (size_t)v->cap * v->size >= COPY_STEP);
}

void news_copy_polled(const news_opts *opts, void *dst, const void *src, size_t n) {
  for (size_t off = 0; off < n; off += COPY_STEP) {
    if (off && opts && opts->stop) (void)opts->stop(opts->stop_arg);
    memcpy((char *)dst + off, (const char *)src + off, n - off < COPY_STEP ? n - off : COPY_STEP);
  }
}

void *news_doc_vec_push(news_doc *d, news_vec *v) {
  if (v->n < v->cap || (size_t)v->cap * v->size < COPY_STEP) return news_vec_push(v, d->mem);
  uint32_t cap = v->cap * 2;
  if (cap < v->cap) return NULL; /* 32-bit overflow */
  char *p = d->mem->alloc(d->mem->ctx, (size_t)cap * v->size);
  if (!p) return NULL;
  news_copy_polled(&d->opts, p, v->data, (size_t)v->n * v->size); /* the stage sees a stop at its next poll */
  news_doc_free_array_polled(d, d->mem, v->data, (size_t)v->cap * v->size);
  v->data = p;
  v->cap = cap;
  return news_vec_push(v, d->mem);
}

/* Bottom-up merge sort: insertion-sorted runs of SORT_RUN elements, then
** merges of runs twice as long, from one buffer to the other; stable. */
#define SORT_RUN 16

news_rc news_doc_sort_polled(const news_doc *d, void *base, uint32_t n, size_t size,
                             int (*cmp)(const void *, const void *)) {
  if (n < 2) return NEWS_OK;
  char *a = base, *tmp = d->mem->alloc(d->mem->ctx, ((size_t)n + 1) * size);
  if (!tmp) return NEWS_ERR_NOMEM;
  char *hold = tmp + (size_t)n * size; /* one element, for the insertion sort */
  uint32_t nPoll = 0;
  news_rc rc = NEWS_OK;
  for (uint32_t lo = 0; lo < n && !rc; lo += SORT_RUN) {
    uint32_t hi = n - lo > SORT_RUN ? lo + SORT_RUN : n;
    for (uint32_t i = lo + 1; i < hi; i++) {
      uint32_t j = i;
      memcpy(hold, a + (size_t)i * size, size);
      while (j > lo && cmp(a + (size_t)(j - 1) * size, hold) > 0) j--;
      if (j == i) continue;
      memmove(a + (size_t)(j + 1) * size, a + (size_t)j * size, (size_t)(i - j) * size);
      memcpy(a + (size_t)j * size, hold, size);
    }
    if ((nPoll += SORT_RUN) >= NEWS_POLL_TOKENS) {
      nPoll = 0;
      if (news_doc_should_stop(d)) rc = NEWS_ERR_INTERRUPTED;
    }
  }
  char *src = a, *dst = tmp;
  for (uint32_t w = SORT_RUN; w < n && !rc; w *= 2) {
    for (uint32_t lo = 0; lo < n && !rc; lo += 2 * w) {
      uint32_t mid = n - lo > w ? lo + w : n, hi = n - mid > w ? mid + w : n;
      uint32_t i = lo, j = mid, k = lo;
      while (i < mid && j < hi) {
        /* the left element first on a tie: stable */
        uint32_t from = cmp(src + (size_t)j * size, src + (size_t)i * size) < 0 ? j++ : i++;
        memcpy(dst + (size_t)k++ * size, src + (size_t)from * size, size);
      }
      memcpy(dst + (size_t)k * size, src + (size_t)i * size, (size_t)(mid - i) * size);
      k += mid - i;
      memcpy(dst + (size_t)k * size, src + (size_t)j * size, (size_t)(hi - j) * size);
      if ((nPoll += hi - lo) >= NEWS_POLL_TOKENS) {
        nPoll = 0;
        if (news_doc_should_stop(d)) rc = NEWS_ERR_INTERRUPTED;
      }
    }
    char *t = src;
    src = dst;
    dst = t;
  }
  if (!rc && src != a) memcpy(a, src, (size_t)n * size);
  news_doc_free_array_polled(d, d->mem, tmp, ((size_t)n + 1) * size);
  return rc;
}

/* ------------------------------------------------------------- tokens */

news_rc news_tokens_run(news_doc *d) {
  news_rc rc = news_tokenize_doc(d);
  if (!rc) rc = news_sentences_run(d);
  news_vec_seal(&d->tokens); /* a stage that reads past the last is an error */
  news_vec_seal(&d->sentences);
  return rc;
}

/* Runs stage `bit` with fn unless it is done.  The stop callback is also
** polled before each stage, so an interrupt waits at most for one stage
** that does not poll it itself. */
static news_rc ensure(news_doc *d, unsigned bit, news_rc (*fn)(news_doc *)) {
  if (d->done & bit) return NEWS_OK;
  if (news_doc_should_stop(d)) return NEWS_ERR_INTERRUPTED;
  news_rc rc = fn(d);
  if (rc == NEWS_OK) d->done |= bit;
  return rc;
}

news_rc news_doc_tokens(news_doc *d, const news_token **out, uint32_t *n) {
  news_rc rc = ensure(d, NEWS_STAGE_TOKENS, news_tokens_run);
  *out = rc ? NULL : d->tokens.data;
  *n = rc ? 0 : d->tokens.n;
  return rc;
}

news_rc news_doc_sentences(news_doc *d, const news_sentence **out, uint32_t *n) {
  news_rc rc = ensure(d, NEWS_STAGE_TOKENS, news_tokens_run);
  *out = rc ? NULL : d->sentences.data;
  *n = rc ? 0 : d->sentences.n;
  return rc;
}

static news_rc run_entities(news_doc *d) {
  news_rc rc = ensure(d, NEWS_STAGE_TOKENS, news_tokens_run);
  return rc ? rc : news_entities_run(d);
}

news_rc news_doc_entities(news_doc *d, const news_entity **out, uint32_t *n) {
  news_rc rc = ensure(d, NEWS_STAGE_ENTITIES, run_entities);
  *out = rc ? NULL : d->entities.data;
  *n = rc ? 0 : d->entities.n;
  return rc;
}

/* Quotes need the tokens; the entities only when the marks pair into a
** quotation, which news_quotes_run() finds first and then asks for them
** (news_doc_entities), so an article without a quotation never runs the
** tagger. */
static news_rc run_quotes(news_doc *d) {
  news_rc rc = ensure(d, NEWS_STAGE_TOKENS, news_tokens_run);
  return rc ? rc : news_quotes_run(d, false);
}

news_rc news_doc_quotes(news_doc *d, const news_quote **out, uint32_t *n) {
  news_rc rc = ensure(d, NEWS_STAGE_QUOTES, run_quotes);
  *out = rc ? NULL : d->quotes.data;
  *n = rc ? 0 : d->quotes.n;
  return rc;
}

/* The attribution pass also makes the quotations, so it marks both done. */
static news_rc run_attributions(news_doc *d) {
  news_rc rc = ensure(d, NEWS_STAGE_TOKENS, news_tokens_run);
  if (!rc) rc = news_quotes_run(d, true);
  if (!rc) d->done |= NEWS_STAGE_QUOTES;
  return rc;
}

news_rc news_doc_attributions(news_doc *d, const news_attribution **out, uint32_t *n) {
  news_rc rc = ensure(d, NEWS_STAGE_ATTRIB, run_attributions);
  *out = rc ? NULL : d->attribs.data;
  *n = rc ? 0 : d->attribs.n;
  return rc;
}

static news_rc run_places(news_doc *d) {
  news_rc rc = ensure(d, NEWS_STAGE_ENTITIES, run_entities);
  return rc ? rc : news_places_run(d);
}

news_rc news_doc_places(news_doc *d, const news_place **out, uint32_t *n) {
  news_rc rc = ensure(d, NEWS_STAGE_PLACES, run_places);
  *out = rc ? NULL : d->places.data;
  *n = rc ? 0 : d->places.n;
  return rc;
}

news_rc news_doc_timexes(news_doc *d, const news_ymd *ref, const news_timex **out, uint32_t *n) {
  news_ymd r = ref ? *ref : (news_ymd){0, 0, 0};
  news_rc rc = ensure(d, NEWS_STAGE_TOKENS, news_tokens_run);
  if (rc == NEWS_OK && (!(d->done & NEWS_STAGE_TIMEX) || memcmp(&r, &d->timex_ref, sizeof r) != 0)) {
    d->done &= ~(unsigned)NEWS_STAGE_TIMEX;
    rc = news_doc_should_stop(d) ? NEWS_ERR_INTERRUPTED : news_timex_run(d, ref);
    if (rc == NEWS_OK) {
      d->done |= NEWS_STAGE_TIMEX;
      d->timex_ref = r;
    }
  }
  *out = rc ? NULL : d->timexes.data;
  *n = rc ? 0 : d->timexes.n;
  return rc;
}

const char *news_version(void) {
  return NEWS_VERSION;
}
