/*
** alloc.c -- the default allocator, growable arrays and the document arena.
**
** HOW IT WORKS
**   Every allocation of the core goes through a news_mem, so the SQLite
**   binding can route memory through sqlite3_malloc64 (and its limits and
**   OOM handling) while tests inject counting or failing allocators.
**   news_vec doubles its capacity; news_arena hands out 8-byte aligned
**   pieces of 16 KiB blocks (larger requests get a block of their own) and
**   frees all of them at once with the document.
*/
#include "core.h"

#include <stdlib.h>

static void *std_alloc(void *ctx, size_t n) {
  (void)ctx;
  return malloc(n ? n : 1);
}
static void *std_realloc(void *ctx, void *p, size_t n) {
  (void)ctx;
  return realloc(p, n ? n : 1);
}
static void std_free(void *ctx, void *p) {
  (void)ctx;
  free(p);
}

static const news_mem default_mem = {std_alloc, std_realloc, std_free, NULL};

const news_mem *news_mem_default(void) {
  return &default_mem;
}

const char *news_errstr(news_rc rc) {
  switch (rc) {
  case NEWS_OK: return "not an error";
  case NEWS_ERR_NOMEM: return "out of memory";
  case NEWS_ERR_TOOBIG: return "document too large";
  case NEWS_ERR_BADREF: return "reference date is not a date";
  case NEWS_ERR_INTERRUPTED: return "interrupted";
  case NEWS_ERR_MISUSE: return "bad argument";
  }
  return "unknown error";
}

/* ----------------------------------------------------------------- vectors */

void news_vec_init(news_vec *v, uint32_t elem_size) {
  v->data = NULL;
  v->n = v->cap = 0;
  v->size = elem_size;
}

void *news_vec_push(news_vec *v, const news_mem *mem) {
  if (v->n == v->cap) {
    uint32_t cap = v->cap ? v->cap * 2 : 64;
    if (cap < v->cap) return NULL; /* 32-bit overflow */
    void *p = mem->realloc(mem->ctx, v->data, (size_t)cap * v->size);
    if (!p) return NULL;
    v->data = p;
    v->cap = cap;
  }
  void *e = (char *)v->data + (size_t)v->n * v->size;
  ASAN_UNPOISON_MEMORY_REGION(e, v->size); /* news_vec_seal */
  memset(e, 0, v->size);
  v->n++;
  return e;
}

void news_vec_seal(news_vec *v) {
  if (v->data) ASAN_POISON_MEMORY_REGION((char *)v->data + (size_t)v->n * v->size, (size_t)(v->cap - v->n) * v->size);
}

void news_vec_free(news_vec *v, const news_mem *mem) {
  if (v->data) mem->free(mem->ctx, v->data);
  v->data = NULL;
  v->n = v->cap = 0;
}

/* ------------------------------------------------------------------- arena */

#define ARENA_BLOCK 16384

struct news_arena_block {
  news_arena_block *next;
  size_t used, cap;
  /* data follows, 8-byte aligned */
};

void news_arena_init(news_arena *a, const news_mem *mem) {
  a->mem = mem;
  a->head = NULL;
}

void *news_arena_alloc(news_arena *a, size_t n) {
  n = (n + 7) & ~(size_t)7;
  news_arena_block *b = a->head;
  if (!b || b->cap - b->used < n) {
    size_t cap = n > ARENA_BLOCK / 2 ? n : ARENA_BLOCK;
    size_t hdr = (sizeof(news_arena_block) + 7) & ~(size_t)7;
    news_arena_block *nb = a->mem->alloc(a->mem->ctx, hdr + cap);
    if (!nb) return NULL;
    nb->used = 0;
    nb->cap = cap;
    if (b && cap != ARENA_BLOCK) { /* a big piece: keep the current block on top */
      nb->next = b->next;
      b->next = nb;
      nb->used = n;
      return (char *)nb + hdr;
    }
    nb->next = b;
    a->head = b = nb;
  }
  size_t hdr = (sizeof(news_arena_block) + 7) & ~(size_t)7;
  void *p = (char *)b + hdr + b->used;
  b->used += n;
  return p;
}

char *news_arena_strdup(news_arena *a, const char *s, size_t n) {
  char *p = news_arena_alloc(a, n + 1);
  if (!p) return NULL;
  memcpy(p, s, n);
  p[n] = 0;
  return p;
}

/* A line break or tab, which a squeezed name writes as a space. */
static bool breaks_line(char c) { return c == '\n' || c == '\r' || c == '\t'; }

const char *news_arena_squeeze(news_arena *a, const char *s, uint32_t n, uint32_t *out_n) {
  uint32_t i;
  for (i = 0; i < n; i++)
    if (breaks_line(s[i]) || (s[i] == ' ' && (i == 0 || i + 1 == n || s[i + 1] == ' '))) break;
  *out_n = n;
  if (i == n) return s;
  char *out = news_arena_alloc(a, n + 1);
  if (!out) return NULL;
  uint32_t k = 0;
  for (i = 0; i < n; i++) {
    char c = breaks_line(s[i]) ? ' ' : s[i];
    if (c == ' ' && (k == 0 || out[k - 1] == ' ')) continue;
    out[k++] = c;
  }
  while (k > 0 && out[k - 1] == ' ') k--;
  out[k] = 0;
  if (!news_utf8_valid(out, k)) { /* a run may be as long as its U+FFFD */
    size_t need = news_utf8_sanitize(out, k, NULL, 0);
    char *clean = news_arena_alloc(a, need + 1);
    if (!clean) return NULL;
    news_utf8_sanitize(out, k, clean, need);
    clean[need] = 0;
    out = clean;
    k = (uint32_t)need;
  }
  *out_n = k;
  return out;
}

void news_arena_free(news_arena *a) {
  news_arena_block *b = a->head;
  while (b) {
    news_arena_block *next = b->next;
    a->mem->free(a->mem->ctx, b);
    b = next;
  }
  a->head = NULL;
}
