/*
** cluster_words.c -- groups words that occur in similar contexts, for the
** named-entity tagger's cluster features.
**
**   cluster_words OUT.tsv RAW.txt...
**
** WHAT IT DOES
**   Reads unlabeled articles (the format of ext/tools/ner_corpus.py, with no
**   entities), tokenises them with the core and folds words to lower case.
**   The VOCAB most frequent words are each described by how often each of
**   the CTX most frequent tokens occurs just before and just after them.
**   Spherical k-means (cosine similarity, deterministic start) puts the
**   words into K clusters, and a second run into KCOARSE coarse ones.  Each output line is
**     word<TAB>coarse * K + fine + 1
**   so the tagger can use either granularity, plus casing * 16384, where
**   casing (0 lower, 1 mixed, 2 capitalised) says how the word is usually
**   written in mid-sentence: a headline "MAKES" or a sentence-initial
**   "Police" is then known to be an ordinary word.  Words that name places end
**   up together, as do given names, months, verbs of saying and so on,
**   which lets the tagger generalise from words seen in training to words
**   that only occur in the unlabeled text.
**
** HOW IT WORKS
**   Counts go through one open-addressing table of folded strings; the
**   context vectors are square-rooted, L2-normalised and kept sparse, so an
**   iteration costs (non-zeros x K).  Output is sorted and deterministic.
**   This is a build tool (prints progress, exits on error); it is not linked
**   into the extension.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "core.h"
#include "ner.h" /* news_ner_hash */

#define VOCAB 20000
#define CTX 1000
#define K 512
#define KCOARSE 32
#define ITERS 15
#define WMAX 48

typedef struct entry {
  char *s;
  uint32_t len, count, id; /* id: rank among words, or UINT32_MAX */
  uint32_t ctx;            /* rank among contexts, or UINT32_MAX */
  bool word;               /* a word token (letters) */
  uint32_t midcap, midlow; /* mid-sentence occurrences: capitalised, lower */
} entry;

static entry *tab;
static uint32_t tmask = (1u << 22) - 1, tn;

static void die(const char *msg) {
  fprintf(stderr, "cluster_words: %s\n", msg);
  exit(1);
}

static entry *intern(const char *s, uint32_t n) {
  uint32_t h = news_ner_hash(NEWS_NER_HASH0, s, n) & tmask;
  while (tab[h].s && (tab[h].len != n || memcmp(tab[h].s, s, n))) h = (h + 1) & tmask;
  if (!tab[h].s) {
    if (++tn > tmask / 2) die("table full");
    tab[h].s = malloc(n + 1);
    memcpy(tab[h].s, s, n);
    tab[h].s[n] = 0;
    tab[h].len = n;
    tab[h].id = tab[h].ctx = UINT32_MAX;
  }
  return &tab[h];
}

/* The folded form of a token; numbers collapse to "0". */
static uint32_t token_form(const news_doc *d, const news_token *t, char *buf) {
  if (NEWS_TOK_IS(t->kind, NEWS_TOK_RANGE_NUMBER)) {
    buf[0] = '0';
    return 1;
  }
  size_t n = news_fold(d->text + t->start, t->end - t->start, buf, WMAX);
  return n > WMAX ? 0 : (uint32_t)n;
}

/* Calls fn(prev, cur, next) for every token of every document in path. */
typedef void (*visit_fn)(entry *prev, entry *cur, entry *next);

/* Casing of the token being interned: 1 capitalised, 2 lower case, 0 not
** counted (sentence start, all capitals, not a word). */
static int casing(const news_token *t, bool first) {
  if (first || (t->flags & NEWS_TF_ALLCAPS) || !NEWS_TOK_IS(t->kind, NEWS_TOK_RANGE_WORD)) return 0;
  return (t->flags & NEWS_TF_UPPER) ? 1 : 2;
}
static bool counting; /* first pass: also count casing */

static void scan(const char *path, visit_fn fn) {
  FILE *f = fopen(path, "rb");
  if (!f) die("cannot open input");
  size_t tlen;
  uint32_t nent;
  char id[256];
  while (fscanf(f, "D %zu %u %255s", &tlen, &nent, id) == 3) {
    fgetc(f);
    char *text = malloc(tlen + 1);
    if (!text || fread(text, 1, tlen, f) != tlen) die("short read");
    fgetc(f);
    for (uint32_t e = 0; e < nent; e++) { /* skip annotations, if any */
      unsigned a, b;
      char ty[16];
      if (fscanf(f, "%u %u %15s\n", &a, &b, ty) != 3) die("bad entity line");
    }
    news_doc *d;
    const news_token *tok;
    uint32_t n;
    if (news_doc_new(NULL, NULL, text, tlen, &d) || news_doc_tokens(d, &tok, &n)) die("core");
    free(text);
    entry *prev = NULL, *cur = NULL;
    char buf[WMAX];
    for (uint32_t i = 0; i <= n; i++) {
      entry *next = NULL;
      if (i < n) {
        uint32_t len = token_form(d, &tok[i], buf);
        if (len) {
          next = intern(buf, len);
          next->word = NEWS_TOK_IS(tok[i].kind, NEWS_TOK_RANGE_WORD) && tok[i].kind != NEWS_TOK_CLITIC;
          bool first = i == 0 || tok[i].sentence != tok[i - 1].sentence ||
                       (tok[i].flags & NEWS_TF_NEWLINE);
          int c = counting ? casing(&tok[i], first) : 0;
          if (c == 1) next->midcap++;
          if (c == 2) next->midlow++;
        }
        if (i > 0 && tok[i].sentence != tok[i - 1].sentence) { /* sentence break */
          fn(prev, cur, NULL);
          prev = NULL, cur = NULL;
        }
      }
      if (cur) fn(prev, cur, next);
      prev = cur;
      cur = next;
    }
    news_doc_free(d);
  }
  fclose(f);
}

static void count_fn(entry *prev, entry *cur, entry *next) {
  (void)prev, (void)next;
  cur->count++;
}

/* sparse rows */
static uint32_t *rowptr, *colidx;
static float *val;
static float *dense; /* VOCAB x 2*CTX counts while collecting */
static uint32_t nvocab;

static void ctx_fn(entry *prev, entry *cur, entry *next) {
  if (cur->id == UINT32_MAX) return;
  float *r = dense + (size_t)cur->id * 2 * CTX;
  if (prev && prev->ctx != UINT32_MAX) r[prev->ctx] += 1;
  if (next && next->ctx != UINT32_MAX) r[CTX + next->ctx] += 1;
}

static int by_count(const void *a, const void *b) {
  const entry *x = *(entry *const *)a, *y = *(entry *const *)b;
  if (x->count != y->count) return x->count < y->count ? 1 : -1;
  return strcmp(x->s, y->s);
}

static int by_string(const void *a, const void *b) {
  return strcmp((*(entry *const *)a)->s, (*(entry *const *)b)->s);
}

/* Spherical k-means over unit vectors given by fn(i, centroid) dot products. */
static void kmeans_sparse(uint32_t n, uint32_t dim, uint32_t k, uint32_t *assign) {
  float *c = calloc((size_t)k * dim, sizeof *c);
  for (uint32_t j = 0; j < k; j++) { /* start: words spread over the ranks */
    uint32_t i = (uint32_t)((uint64_t)j * n / k);
    for (uint32_t p = rowptr[i]; p < rowptr[i + 1]; p++) c[(size_t)j * dim + colidx[p]] = val[p];
  }
  for (int it = 0; it < ITERS; it++) {
    uint32_t changed = 0;
    for (uint32_t i = 0; i < n; i++) {
      float best = -2;
      uint32_t bj = 0;
      for (uint32_t j = 0; j < k; j++) {
        const float *cj = c + (size_t)j * dim;
        float s = 0;
        for (uint32_t p = rowptr[i]; p < rowptr[i + 1]; p++) s += val[p] * cj[colidx[p]];
        if (s > best) best = s, bj = j;
      }
      if (it == 0 || assign[i] != bj) changed++;
      assign[i] = bj;
    }
    memset(c, 0, (size_t)k * dim * sizeof *c);
    for (uint32_t i = 0; i < n; i++)
      for (uint32_t p = rowptr[i]; p < rowptr[i + 1]; p++)
        c[(size_t)assign[i] * dim + colidx[p]] += val[p];
    for (uint32_t j = 0; j < k; j++) {
      double s = 0;
      for (uint32_t x = 0; x < dim; x++) s += (double)c[(size_t)j * dim + x] * c[(size_t)j * dim + x];
      float inv = s > 0 ? (float)(1 / sqrt(s)) : 0;
      for (uint32_t x = 0; x < dim; x++) c[(size_t)j * dim + x] *= inv;
    }
    fprintf(stderr, "k-means k=%u iteration %d: %u changed\n", k, it + 1, changed);
    if (!changed) break;
  }
  free(c);
}

int main(int argc, char **argv) {
  if (argc < 3) die("usage: cluster_words OUT.tsv RAW.txt...");
  tab = calloc((size_t)tmask + 1, sizeof *tab);
  counting = true;
  for (int a = 2; a < argc; a++) scan(argv[a], count_fn);
  counting = false;
  entry **all = malloc(tn * sizeof *all);
  uint32_t m = 0;
  for (uint32_t h = 0; h <= tmask; h++)
    if (tab[h].s) all[m++] = &tab[h];
  qsort(all, m, sizeof *all, by_count);
  uint32_t nctx = 0;
  for (uint32_t i = 0; i < m && nctx < CTX; i++) all[i]->ctx = nctx++;
  nvocab = 0;
  entry **vocab = malloc(VOCAB * sizeof *vocab);
  for (uint32_t i = 0; i < m && nvocab < VOCAB; i++)
    if (all[i]->word && all[i]->count >= 3) all[i]->id = nvocab, vocab[nvocab++] = all[i];
  fprintf(stderr, "%u distinct forms, %u words clustered\n", m, nvocab);
  dense = calloc((size_t)nvocab * 2 * CTX, sizeof *dense);
  if (!dense) die("out of memory");
  for (int a = 2; a < argc; a++) scan(argv[a], ctx_fn);
  /* sqrt, normalise, sparsify */
  rowptr = malloc((nvocab + 1) * sizeof *rowptr);
  size_t nnz = 0;
  for (size_t i = 0; i < (size_t)nvocab * 2 * CTX; i++) nnz += dense[i] > 0;
  colidx = malloc(nnz * sizeof *colidx);
  val = malloc(nnz * sizeof *val);
  size_t p = 0;
  for (uint32_t i = 0; i < nvocab; i++) {
    float *r = dense + (size_t)i * 2 * CTX;
    double s = 0;
    for (uint32_t x = 0; x < 2 * CTX; x++) s += r[x];
    rowptr[i] = (uint32_t)p;
    for (uint32_t x = 0; x < 2 * CTX; x++)
      if (r[x] > 0) colidx[p] = x, val[p] = (float)sqrt(r[x] / (s > 0 ? s : 1)), p++;
  }
  rowptr[nvocab] = (uint32_t)p;
  free(dense);
  fprintf(stderr, "%zu non-zeros\n", nnz);
  uint32_t *fine = malloc(nvocab * sizeof *fine);
  kmeans_sparse(nvocab, 2 * CTX, K, fine);
  /* coarse: a second, independent k-means with fewer clusters */
  uint32_t *coarse = malloc(nvocab * sizeof *coarse);
  kmeans_sparse(nvocab, 2 * CTX, KCOARSE, coarse);
  qsort(vocab, nvocab, sizeof *vocab, by_string);
  FILE *o = fopen(argv[1], "w");
  if (!o) die("cannot write output");
  fprintf(o, "# generated by ext/tools/cluster_words.c from unlabeled news (BBC News 2004-05,\n");
  fprintf(o, "# Reuters-21578) and the CoNLL-2003 train split -- do not edit; docs/MODEL.md.\n");
  fprintf(o, "# word<TAB>casing*16384 + coarse*%d + fine + 1 (%d fine, %d coarse clusters;\n", K, K,
          KCOARSE);
  fprintf(o, "# casing of mid-sentence uses: 0 under 10%% capitalised, 2 over 90%%, else 1)\n");
  for (uint32_t i = 0; i < nvocab; i++) {
    const entry *e = vocab[i];
    if (strchr(e->s, '\t') || e->s[0] == '#') continue;
    uint32_t tot = e->midcap + e->midlow, cb = 1;
    if (tot >= 3 && e->midcap * 10 < tot) cb = 0;
    if (tot >= 3 && e->midcap * 10 > tot * 9) cb = 2;
    fprintf(o, "%s\t%u\n", e->s, cb * 16384 + coarse[e->id] * K + fine[e->id] + 1);
  }
  fclose(o);
  return 0;
}
