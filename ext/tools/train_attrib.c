/*
** train_attrib.c -- trains the attribution-cue model and writes its weights
** as C (ext/core/gen/attrib_model.inc, read by ext/core/attrib_model.c).
**
**   train_attrib TRAIN.txt OUT.inc [EPOCHS [MAXFEAT [DEV.txt]]]
**   (environment: AM_LABEL, the labels, default 2 (below); AM_MINPOS, the
**   fewest positive uses that make a word a candidate at run time, default
**   2; AM_MINRATE, the least share of a candidate word's uses that are
**   positive, default 0.02; AM_BIAS, the threshold in weight units of the
**   averaged model, default -2; AM_CURVE=1 prints precision and recall on
**   DEV at other thresholds; AM_WORDS=1 lists the candidate words)
**
** WHAT IT DOES
**   Reads documents with gold attribution relations (the byte-offset form
**   written by ext/tools/attrib_corpus.py from PolNeAR's train split) and
**   runs attributions() on each with this program's own build of the core,
**   in which every candidate word (a lower-case word of 2 to 20 bytes that
**   the speech verb lists do not hold) is read as a cue (ATTRIB_MODEL_ALL
**   in attrib_model.c).  Each candidate token is then labelled:
**     AM_LABEL=0  positive when the row its cue made matches (Dice >= 0.5 on
**                 letters and digits, the scorer's test) a gold relation
**                 that no row of the rules matches, and is the best such
**                 row for it;
**     AM_LABEL=1  positive when it heads the first fragment of a gold cue
**                 (its first word that is no auxiliary, modal, adverb,
**                 "to", "not" or determiner: "has been critical of" ->
**                 "critical");
**     AM_LABEL=2  both (the default: the cue is a gold cue, and the rules
**                 make a right row from it).
**   The features are exactly the run-time ones (news_attrib_model_features,
**   linked in from the core).  An averaged perceptron is trained for EPOCHS
**   passes (default 10) in a fixed pseudo-random order over the tokens of
**   candidate words: the words positive at least AM_MINPOS times and in at
**   least AM_MINRATE of their uses.  The other features are pruned to the
**   MAXFEAT strongest (default 40,000), the weights are scaled to 16 bits
**   and written as open-addressing tables, with the candidate words' own
**   features and their shape bits (attrib_model.c).
**
** This program is a build tool: it prints progress on stderr and exits on
** errors.  It is not linked into the extension.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "attrib_model.h"
#include "lexicon.h"

static void die(const char *msg) {
  fprintf(stderr, "train_attrib: %s\n", msg);
  exit(1);
}

static uint64_t data_hash = 1469598103934665603ull;

typedef struct example {
  uint32_t f[NEWS_AM_MAXF];
  uint8_t n;
  int8_t y; /* +1 positive, -1 not */
} example;

typedef struct exvec {
  example *e;
  size_t n, cap;
} exvec;

/* Words a cue's head is never: "has been critical of" is headed by
** "critical", "told reporters" by "told". */
static const char *const SKIP[] = {"has", "have", "had", "having", "is", "are", "was", "were", "be", "been",
                                   "being", "am", "will", "would", "can", "could", "may", "might", "must",
                                   "should", "shall", "do", "does", "did", "to", "not", "n't", "also", "still",
                                   "just", "now", "the", "a", "an", "it", "s", "reportedly", "repeatedly",
                                   "publicly", "already", "even", "then", "again", "never", "once", "only",
                                   "really", "previously", "later", "recently", "all", "both", "re", "ve", "ll",
                                   "don", "didn", "doesn", "isn", "wasn", "hasn", "haven", "won", "wouldn",
                                   NULL};

static bool skip_word(const char *s, uint32_t n) {
  for (const char *const *p = SKIP; *p; p++)
    if (strlen(*p) == n && !strncasecmp(*p, s, n)) return true;
  return false;
}

static int label_mode = 2;

/* The words of the training tokens: an open hash of word feature -> count
** of positive uses, of all uses, the shape bit and the word. */
#define VOCAB (1u << 18)
static uint32_t vkey[VOCAB], vcount[VOCAB], vuses[VOCAB], vshape[VOCAB];
static char *vword[VOCAB];
static uint32_t minpos = 2;
static double minrate = 0.02;

static uint32_t vslot(uint32_t key) {
  uint32_t h = (key * 2654435761u) & (VOCAB - 1);
  while (vkey[h] && vkey[h] != key) h = (h + 1) & (VOCAB - 1);
  return h;
}

static void vocab_use(uint32_t key, bool pos, const unsigned char *s, const news_token *t) {
  uint32_t h = vslot(key);
  if (!vkey[h]) {
    vkey[h] = key;
    vshape[h] = ((t->end - t->start) * 32u + (s[t->start] & 31u)) * 32u + (s[t->end - 1] & 31u);
    vword[h] = strndup((const char *)s + t->start, t->end - t->start);
  }
  vuses[h]++;
  vcount[h] += pos;
}

/* Is the word of feature key a candidate? */
static bool vocab_candidate(uint32_t key) {
  uint32_t h = vslot(key);
  return vkey[h] && vcount[h] >= minpos && vcount[h] >= minrate * vuses[h];
}

/* Letters and digits in bytes [0, i) of the text: alnum[i] (a multi-byte
** character counts once, at its lead byte, as a letter). */
static uint32_t *alnum_prefix(const unsigned char *s, size_t n) {
  uint32_t *a = malloc((n + 1) * sizeof *a);
  if (!a) die("out of memory");
  a[0] = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char ch = s[i];
    bool al = (ch >= '0' && ch <= '9') || ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z') || ch >= 0xC0;
    a[i + 1] = a[i] + al;
  }
  return a;
}

typedef struct span {
  uint32_t a, b;
} span;

/* Dice of the letters and digits of byte range [a, b) and fragments g[0..n). */
static double dice(const uint32_t *al, uint32_t a, uint32_t b, const span *g, uint32_t n) {
  uint32_t np = al[b] - al[a], ng = 0, in = 0;
  for (uint32_t k = 0; k < n; k++) {
    ng += al[g[k].b] - al[g[k].a];
    uint32_t x = g[k].a > a ? g[k].a : a, y = g[k].b < b ? g[k].b : b;
    if (x < y) in += al[y] - al[x];
  }
  return np + ng ? 2.0 * in / (np + ng) : 0;
}

/* The token holding byte b (the first ending after it). */
static uint32_t tok_at(const news_token *tok, uint32_t ntok, uint32_t b) {
  uint32_t lo = 0, hi = ntok;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (tok[mid].end <= b) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

static bool list_word(const unsigned char *s, const news_token *t) {
  return news_lex_find(&news_lex_speech_verbs, (const char *)s + t->start, t->end - t->start) != 0;
}

/* Reads the documents of path, runs attributions() on each and appends an
** example per candidate token to ev (labelled as AM_LABEL says); counts
** the positives in *npos.  The training set (train) feeds the vocabulary
** and the data hash. */
static void read_docs(const char *path, exvec *ev, bool train, uint32_t *npos) {
  FILE *f = fopen(path, "rb");
  if (!f) die("cannot open input");
  size_t tlen;
  uint32_t nrel;
  char id[512];
  *npos = 0;
  while (fscanf(f, "D %zu %u %511s", &tlen, &nrel, id) == 3) {
    fgetc(f);
    char *text = malloc(tlen + 1);
    if (!text || fread(text, 1, tlen, f) != tlen) die("short read");
    fgetc(f);
    if (train)
      for (size_t i = 0; i < tlen; i++) data_hash = (data_hash ^ (unsigned char)text[i]) * 1099511628211ull;
    news_doc *doc;
    if (news_doc_new(NULL, NULL, text, tlen, &doc)) die("news_doc_new failed");
    const news_token *tok;
    const news_sentence *sent;
    const news_attribution *row;
    uint32_t ntok, nsent, nrow;
    if (news_doc_tokens(doc, &tok, &ntok) || news_doc_sentences(doc, &sent, &nsent) ||
        news_doc_attributions(doc, &row, &nrow))
      die("analysis failed");
    const unsigned char *s = (const unsigned char *)news_doc_text(doc, NULL);
    uint32_t *al = alnum_prefix(s, tlen);
    uint8_t *is_head = calloc(ntok + 1, 1);
    span *frag = NULL;
    uint32_t *first = malloc((nrel + 1) * sizeof *first), nfrag = 0;
    if (!first || !is_head) die("out of memory");
    for (uint32_t r = 0; r < nrel; r++) {
      uint32_t nc, nx, ns;
      if (fscanf(f, "R %u %u %u\n", &nc, &nx, &ns) != 3) die("bad relation line");
      first[r] = nfrag;
      frag = realloc(frag, (nfrag + nx + 1) * sizeof *frag);
      if (!frag) die("out of memory");
      for (uint32_t k = 0; k < nc + nx + ns; k++) {
        uint32_t a, b;
        if (fscanf(f, "%u %u\n", &a, &b) != 2) die("bad span line");
        if (train) data_hash = (data_hash ^ (a * 31u + b * 7u + k)) * 1099511628211ull;
        if (k >= nc && k < nc + nx && b <= tlen && a < b) frag[nfrag++] = (span){a, b};
        if (k == 0) { /* the head of the first cue fragment */
          uint32_t head = UINT32_MAX, fw = UINT32_MAX;
          for (uint32_t i = tok_at(tok, ntok, a); i < ntok && tok[i].start < b; i++) {
            if (tok[i].start < a || tok[i].kind != NEWS_TOK_WORD) continue;
            if (fw == UINT32_MAX) fw = i;
            if (!skip_word((const char *)s + tok[i].start, tok[i].end - tok[i].start)) {
              head = i;
              break;
            }
          }
          if (head == UINT32_MAX) head = fw;
          if (head != UINT32_MAX) is_head[head] = 1;
        }
      }
    }
    first[nrel] = nfrag;
    /* rows of the model: a cue word the lists do not hold */
    bool *model_row = calloc(nrow + 1, 1), *covered = calloc(nrel + 1, 1);
    int8_t *y = malloc(ntok + 1);
    if (!model_row || !covered || !y) die("out of memory");
    memset(y, -1, ntok + 1);
    uint32_t fbuf[NEWS_AM_MAXF];
    for (uint32_t k = 0; k < nrow; k++) {
      if (row[k].cue_end > row[k].cue_start) {
        uint32_t v = tok_at(tok, ntok, row[k].cue_start);
        model_row[k] = v < ntok && tok[v].start == row[k].cue_start && tok[v].end == row[k].cue_end &&
                       news_attrib_model_features(s, tok, ntok, sent, v, fbuf) && !list_word(s, &tok[v]);
      }
      if (model_row[k]) continue;
      for (uint32_t r = 0; r < nrel; r++)
        if (!covered[r] && dice(al, row[k].start, row[k].end, frag + first[r], first[r + 1] - first[r]) >= 0.5)
          covered[r] = true;
    }
    /* each relation left: the model row matching it best */
    for (uint32_t r = 0; r < nrel; r++) {
      if (covered[r]) continue;
      double best = 0.5;
      uint32_t bk = UINT32_MAX;
      for (uint32_t k = 0; k < nrow; k++) {
        if (!model_row[k]) continue;
        double d = dice(al, row[k].start, row[k].end, frag + first[r], first[r + 1] - first[r]);
        if (d >= best) best = d, bk = k;
      }
      if (bk != UINT32_MAX) y[tok_at(tok, ntok, row[bk].cue_start)] = 1;
    }
    for (uint32_t i = 0; i < ntok; i++) {
      if (tok[i].kind != NEWS_TOK_WORD || list_word(s, &tok[i])) continue;
      if (ev->n == ev->cap) {
        ev->cap = ev->cap ? ev->cap * 2 : 1 << 16;
        ev->e = realloc(ev->e, ev->cap * sizeof *ev->e);
        if (!ev->e) die("out of memory");
      }
      example *e = &ev->e[ev->n];
      e->n = (uint8_t)news_attrib_model_features(s, tok, ntok, sent, i, e->f);
      if (!e->n) continue;
      e->y = label_mode == 0 ? y[i] : label_mode == 1 ? (is_head[i] ? 1 : -1) : (is_head[i] && y[i] > 0 ? 1 : -1);
      *npos += e->y > 0;
      if (train) vocab_use(e->f[0], e->y > 0, s, &tok[i]);
      ev->n++;
    }
    free(model_row);
    free(covered);
    free(is_head);
    free(first);
    free(frag);
    free(al);
    free(y);
    free(text);
    news_doc_free(doc);
  }
  fclose(f);
}

/* ---------------------------------------------------------------- weights */

#define TAB (1u << 22)
static uint32_t *tkey;
static float *tw;
static double *tu;
static double ttime = 1;

static int64_t slot(uint32_t key, bool create) {
  uint32_t h = (key * 2654435761u) & (TAB - 1);
  while (tkey[h] && tkey[h] != key) h = (h + 1) & (TAB - 1);
  if (tkey[h]) return h;
  if (!create) return -1;
  tkey[h] = key;
  return h;
}

static double score(const example *e, bool avg) {
  double sc = 0;
  for (uint32_t k = 0; k < e->n; k++) {
    int64_t h = slot(e->f[k], false);
    if (h >= 0) sc += avg ? tw[h] - tu[h] / ttime : tw[h];
  }
  return sc;
}

static void update(const example *e, double d) {
  for (uint32_t k = 0; k < e->n; k++) {
    int64_t h = slot(e->f[k], true);
    tw[h] += (float)d;
    tu[h] += d * ttime;
  }
}

static uint64_t rng = 88172645463325252ull;
static uint64_t next_rand(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

/* Precision and recall of the averaged model on ev at threshold t. */
static void measure(const char *name, const exvec *ev, double t) {
  size_t tp = 0, fp = 0, fn = 0;
  for (size_t i = 0; i < ev->n; i++) {
    const example *e = &ev->e[i];
    bool p = vocab_candidate(e->f[0]) && score(e, true) > t;
    tp += p && e->y > 0;
    fp += p && e->y < 0;
    fn += !p && e->y > 0;
  }
  double P = tp ? (double)tp / (tp + fp) : 0, R = tp ? (double)tp / (tp + fn) : 0;
  fprintf(stderr, "train_attrib: %s: P %.3f R %.3f F1 %.3f (tp %zu fp %zu fn %zu)\n", name, P, R,
          P + R > 0 ? 2 * P * R / (P + R) : 0, tp, fp, fn);
}

typedef struct kw {
  uint32_t key;
  float w;
} kw;
static int by_abs(const void *a, const void *b) {
  float x = fabsf(((const kw *)a)->w), y = fabsf(((const kw *)b)->w);
  if (x != y) return x < y ? 1 : -1;
  uint32_t p = ((const kw *)a)->key, q = ((const kw *)b)->key;
  return p < q ? -1 : p > q;
}

int main(int argc, char **argv) {
  if (argc < 3) die("usage: train_attrib TRAIN.txt OUT.inc [EPOCHS [MAXFEAT [DEV.txt]]]");
  int epochs = argc > 3 ? atoi(argv[3]) : 10;
  size_t maxfeat = argc > 4 ? (size_t)atol(argv[4]) : 40000;
  if (getenv("AM_MINPOS")) minpos = (uint32_t)atoi(getenv("AM_MINPOS"));
  if (getenv("AM_MINRATE")) minrate = atof(getenv("AM_MINRATE"));
  if (getenv("AM_LABEL")) label_mode = atoi(getenv("AM_LABEL"));
  double bias = getenv("AM_BIAS") ? atof(getenv("AM_BIAS")) : -2;
  exvec tr = {0}, dv = {0};
  uint32_t npos, ndpos = 0;
  read_docs(argv[1], &tr, true, &npos);
  if (argc > 5) read_docs(argv[5], &dv, false, &ndpos);
  fprintf(stderr, "train_attrib: %zu training tokens, %u positive; dev %zu, %u\n", tr.n, npos, dv.n, ndpos);
  /* the candidate vocabulary: training examples of other words say nothing */
  size_t keep = 0;
  for (size_t i = 0; i < tr.n; i++)
    if (vocab_candidate(tr.e[i].f[0])) tr.e[keep++] = tr.e[i];
  tr.n = keep;
  fprintf(stderr, "train_attrib: %zu tokens of candidate words (AM_MINPOS %u, AM_MINRATE %g)\n", tr.n, minpos,
          minrate);
  tkey = calloc(TAB, sizeof *tkey);
  tw = calloc(TAB, sizeof *tw);
  tu = calloc(TAB, sizeof *tu);
  size_t *order = malloc((tr.n + 1) * sizeof *order);
  if (!tkey || !tw || !tu || !order) die("out of memory");
  for (size_t i = 0; i < tr.n; i++) order[i] = i;
  for (int ep = 0; ep < epochs; ep++) {
    for (size_t i = tr.n; i > 1; i--) {
      size_t j = next_rand() % i, x = order[i - 1];
      order[i - 1] = order[j];
      order[j] = x;
    }
    size_t err = 0;
    for (size_t i = 0; i < tr.n; i++) {
      const example *e = &tr.e[order[i]];
      if (score(e, false) * e->y <= 0) {
        update(e, e->y);
        err++;
      }
      ttime++;
    }
    fprintf(stderr, "train_attrib: epoch %d: %zu mistakes\n", ep + 1, err);
  }
  measure("train (averaged)", &tr, bias);
  if (dv.n) measure("dev (averaged, candidate words)", &dv, bias);
  if (dv.n && getenv("AM_CURVE"))
    for (double t = -3; t <= 1.01; t += 0.25) {
      char name[64];
      snprintf(name, sizeof name, "dev at %+.2f", t);
      measure(name, &dv, t);
    }
  /* the averaged weights: the candidate words' own features (kept even at
  ** weight 0, they say which words are candidates), then the others,
  ** pruned to the strongest */
  kw *words = malloc(TAB * sizeof *words), *other = malloc(TAB * sizeof *other);
  if (!words || !other) die("out of memory");
  size_t nw = 0, no = 0;
  for (uint32_t h = 0; h < TAB; h++) {
    if (!tkey[h]) continue;
    kw x = {tkey[h], (float)(tw[h] - tu[h] / ttime)};
    if (vocab_candidate(x.key)) words[nw++] = x;
    else if (x.w != 0) other[no++] = x;
  }
  qsort(other, no, sizeof *other, by_abs);
  if (no + nw > maxfeat) no = maxfeat > nw ? maxfeat - nw : 0;
  float mx = 1e-9f;
  for (size_t k = 0; k < nw; k++) mx = fmaxf(mx, fabsf(words[k].w));
  for (size_t k = 0; k < no; k++) mx = fmaxf(mx, fabsf(other[k].w));
  double scale = 32000.0 / mx;
  size_t nout = nw + no;
  /* open-addressing tables (linear probing from key & mask): the features
  ** at most half full, and the candidate words' own features */
  uint32_t slots = 1024, wslots = 64;
  while (slots < 2 * nout) slots *= 2;
  while (wslots < 4 * nw) wslots *= 2;
  kw *tab = calloc(slots, sizeof *tab);
  uint32_t *wtab = calloc(wslots, sizeof *wtab);
  if (!tab || !wtab) die("out of memory");
  for (size_t k = 0; k < nout; k++) {
    const kw *x = k < nw ? &words[k] : &other[k - nw];
    uint32_t h = x->key & (slots - 1);
    while (tab[h].key) h = (h + 1) & (slots - 1);
    tab[h] = *x;
  }
  uint8_t shapes[21 * 32 * 32 / 8] = {0};
  for (size_t k = 0; k < nw; k++) {
    uint32_t h = words[k].key & (wslots - 1);
    while (wtab[h]) h = (h + 1) & (wslots - 1);
    wtab[h] = words[k].key;
    uint32_t v = vslot(words[k].key);
    shapes[vshape[v] >> 3] |= (uint8_t)(1u << (vshape[v] & 7));
    if (getenv("AM_WORDS")) fprintf(stderr, "%s %u/%u\n", vword[v], vcount[v], vuses[v]);
  }
  FILE *o = fopen(argv[2], "w");
  if (!o) die("cannot write output");
  fprintf(o, "/* generated by ext/tools/train_attrib.c from the PolNeAR train split, do not edit\n"
             "** (make train-attrib; docs/attributions.md) */\n");
  fprintf(o, "#define ATTRIB_MODEL_SLOTS %uu\n", slots);
  fprintf(o, "#define ATTRIB_MODEL_WORD_SLOTS %uu\n", wslots);
  fprintf(o, "#define ATTRIB_MODEL_THRESHOLD %ld\n", lround(bias * scale));
  fprintf(o, "#define ATTRIB_MODEL_INFO \"attribution cue model format 1, training data %016llx, %zu features\"\n",
          (unsigned long long)data_hash, nout);
  fprintf(o, "static const uint8_t attrib_model_shapes[%zu] = {\n", sizeof shapes);
  for (size_t k = 0; k < sizeof shapes; k++) fprintf(o, "%u,%s", shapes[k], k % 16 == 15 ? "\n" : "");
  fprintf(o, "};\nstatic const uint32_t attrib_model_words[ATTRIB_MODEL_WORD_SLOTS] = {\n");
  for (uint32_t k = 0; k < wslots; k++) fprintf(o, "%uu,%s", wtab[k], k % 8 == 7 ? "\n" : "");
  fprintf(o, "};\nstatic const uint32_t attrib_model_keys[ATTRIB_MODEL_SLOTS] = {\n");
  for (uint32_t k = 0; k < slots; k++) fprintf(o, "%uu,%s", tab[k].key, k % 8 == 7 ? "\n" : "");
  fprintf(o, "};\nstatic const int16_t attrib_model_weights[ATTRIB_MODEL_SLOTS] = {\n");
  for (uint32_t k = 0; k < slots; k++) {
    long q = lround(tab[k].w * scale);
    if (q > 32767) q = 32767;
    if (q < -32767) q = -32767;
    fprintf(o, "%ld,%s", q, k % 12 == 11 ? "\n" : "");
  }
  fprintf(o, "};\n");
  fclose(o);
  fprintf(stderr, "train_attrib: wrote %zu features (%zu words) to %s\n", nout, nw, argv[2]);
  free(words);
  free(other);
  free(tab);
  free(wtab);
  free(order);
  free(tr.e);
  free(dv.e);
  return 0;
}
