/*
** train_ner.c -- trains the named-entity tagger and writes its weights as C.
**
**   train_ner TRAIN.txt OUT.inc [EPOCHS [MAXFEAT [DEV.txt]]]
**   (environment: NER_DROPOUT, default 0.25; NER_BAGS, default 1 (make
**   train uses 3); NER_SEED to vary the order; NER_BEAM, the beam width,
**   default NEWS_NER_BEAM (the run-time width); NER_UPDATE=maxv for
**   max-violation updates instead of early update;
**   NER_EVAL_COMPILED=1 scores the model compiled into the core on DEV)
**
** WHAT IT DOES
**   Reads documents with gold entity spans (the byte-offset format written
**   by ext/tools/ner_corpus.py), tokenises them with the core, maps each
**   gold span onto our tokens as BIO labels, and trains a structured
**   averaged perceptron with beam search, with exactly the features the
**   run-time tagger computes (ner_features.c is linked in from the core
**   library).  Then it prunes the averaged weights to the MAXFEAT strongest
**   features (45,000 by default), quantises them and writes
**   gen/ner_model.inc (format in ner_model.c).
**
** HOW IT TRAINS
**   Each epoch visits the documents in a fixed pseudo-random order.  Each
**   sentence is decoded left to right by the same beam search as at run
**   time (ner_model.c: label features scored per hypothesis, the history
**   feature read from each hypothesis's own labels), while the trainer
**   follows where the gold label sequence is in the beam.  Early update
**   (Collins & Roark 2004): as soon as the gold prefix falls out of the
**   beam, the weights move towards the gold prefix's features and away from
**   the best hypothesis's, over the positions where the two differ, and
**   decoding goes on from the gold prefix alone (as in LaSO); at the end of
**   the sentence the same update is made if the best hypothesis is not the
**   gold one.  With a beam of one this is the greedy tagger trained on the
**   gold history.  A random 25% of each training token's features sit out
**   (feature dropout; drawn once per token, so every hypothesis and every
**   update sees the same features), which makes the general features
**   (shape, clusters, gazetteer) carry weight and helps most on text unlike
**   the training news.  With NER_BAGS=n the whole training runs n times
**   with different document orders and the model is the mean of the n
**   averaged weight sets, which evens out the order-to-order variation
**   (about +-0.3 F1 on CoNLL testa).  Averaging uses the usual trick:
**   alongside each weight w we keep u, the sum of update * time, and the
**   average is w - u / time.
**
** This program is a build tool: it prints progress on stderr and exits on
** errors, which the library itself never does.  It is not linked into the
** extension.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "ner.h"

#define L NEWS_NER_NLABELS

/* ------------------------------------------------------------ documents */

typedef struct tdoc {
  news_doc *doc;
  news_ner_doc nd;
  uint8_t *gold; /* gold label per token */
} tdoc;

static void die(const char *msg) {
  fprintf(stderr, "train_ner: %s\n", msg);
  exit(1);
}

static const char *TYPES[] = {"PER", "ORG", "LOC", "MISC"};

/* FNV-1a 64 of every byte read, the "training data hash" in the model. */
static uint64_t data_hash = 1469598103934665603ull;

static tdoc *read_docs(const char *path, uint32_t *ndocs, uint32_t *bad_spans) {
  FILE *f = fopen(path, "rb");
  if (!f) die("cannot open input");
  tdoc *docs = NULL;
  uint32_t n = 0, cap = 0;
  size_t tlen;
  uint32_t nent;
  char id[256];
  *bad_spans = 0;
  while (fscanf(f, "D %zu %u %255s", &tlen, &nent, id) == 3) {
    fgetc(f); /* newline */
    char *text = malloc(tlen + 1);
    if (!text || fread(text, 1, tlen, f) != tlen) die("short read");
    fgetc(f);
    for (size_t i = 0; i < tlen; i++) data_hash = (data_hash ^ (unsigned char)text[i]) * 1099511628211ull;
    if (n == cap) {
      cap = cap ? cap * 2 : 256;
      docs = realloc(docs, cap * sizeof *docs);
      if (!docs) die("out of memory");
    }
    tdoc *t = &docs[n++];
    memset(t, 0, sizeof *t);
    if (news_doc_new(NULL, NULL, text, tlen, &t->doc)) die("news_doc_new failed");
    free(text);
    const news_token *tok;
    uint32_t ntok;
    if (news_doc_tokens(t->doc, &tok, &ntok)) die("tokenizer failed");
    t->gold = calloc(ntok + 1, 1);
    for (uint32_t e = 0; e < nent; e++) {
      uint32_t s, en;
      char type[16];
      if (fscanf(f, "%u %u %15s\n", &s, &en, type) != 3) die("bad entity line");
      int ty = -1;
      for (int k = 0; k < 4; k++)
        if (!strcmp(type, TYPES[k])) ty = k;
      if (ty < 0) die("unknown type");
      data_hash = (data_hash ^ (s * 31u + en * 7u + (unsigned)ty)) * 1099511628211ull;
      bool first = true, exact_start = false, exact_end = false;
      for (uint32_t i = 0; i < ntok; i++) {
        if (tok[i].start >= s && tok[i].end <= en) {
          t->gold[i] = (uint8_t)(first ? NEWS_NER_B(ty) : NEWS_NER_I(ty));
          if (tok[i].start == s) exact_start = true;
          if (tok[i].end == en) exact_end = true;
          first = false;
        }
      }
      if (!exact_start || !exact_end) (*bad_spans)++;
    }
    if (news_ner_prepare(t->doc, &t->nd)) die("prepare failed");
  }
  fclose(f);
  *ndocs = n;
  return docs;
}

/* --------------------------------------------------------------- weights */

typedef struct model {
  uint32_t *keys; /* feature hash per slot, 0 = empty */
  int32_t *row;   /* row per slot */
  uint32_t mask;
  float *w;       /* rows of L weights */
  double *u;      /* and their time-weighted update sums */
  uint32_t nrows, caprows;
  double time;    /* tokens seen, for averaging */
} model;

static model model_new(void) {
  model m = {0};
  m.mask = (1u << 23) - 1;
  m.keys = calloc((size_t)m.mask + 1, sizeof *m.keys);
  m.row = calloc((size_t)m.mask + 1, sizeof *m.row);
  m.caprows = 1u << 16;
  m.w = malloc((size_t)m.caprows * L * sizeof(float));
  m.u = malloc((size_t)m.caprows * L * sizeof(double));
  if (!m.keys || !m.row || !m.w || !m.u) die("out of memory");
  m.time = 1;
  return m;
}

static void model_free(model *m) {
  free(m->keys);
  free(m->row);
  free(m->w);
  free(m->u);
}

static int32_t find_row(model *m, uint32_t key, bool create) {
  uint32_t h = key & m->mask;
  while (m->keys[h] && m->keys[h] != key) h = (h + 1) & m->mask;
  if (m->keys[h]) return m->row[h];
  if (!create) return -1;
  if (m->nrows == m->caprows) {
    m->caprows *= 2;
    m->w = realloc(m->w, (size_t)m->caprows * L * sizeof(float));
    m->u = realloc(m->u, (size_t)m->caprows * L * sizeof(double));
    if (!m->w || !m->u) die("out of memory");
  }
  if (m->nrows > m->mask / 2) die("feature table full");
  m->keys[h] = key;
  m->row[h] = (int32_t)m->nrows;
  memset(m->w + (size_t)m->nrows * L, 0, L * sizeof(float));
  memset(m->u + (size_t)m->nrows * L, 0, L * sizeof(double));
  return (int32_t)m->nrows++;
}

/* Scores with current (avg == false) or averaged weights. */
static bool use_compiled; /* score with the model compiled into the core */

static void score(model *m, const uint32_t *f, uint32_t n, double *sc, bool avg) {
  for (int l = 0; l < L; l++) sc[l] = 0;
  if (use_compiled && avg) {
    int32_t isc[L] = {0};
    news_ner_model_score(f, n, isc);
    for (int l = 0; l < L; l++) sc[l] = isc[l];
    return;
  }
  for (uint32_t k = 0; k < n; k++) {
    int32_t r = find_row(m, f[k], false);
    if (r < 0) continue;
    const float *w = m->w + (size_t)r * L;
    const double *u = m->u + (size_t)r * L;
    for (int l = 0; l < L; l++) sc[l] += avg ? w[l] - u[l] / m->time : w[l];
  }
}

/* Feature dropout while training (NER_DROPOUT, default 0.25): each feature of
** a training token is left out with this probability, so that no single
** strong feature (a known word) can carry a token alone and the weaker,
** more general ones (shape, clusters, gazetteer) learn too. */
static double dropout = 0.25;
static uint64_t drop_rng = 0x9E3779B97F4A7C15ull;

static bool keep_feature(void) {
  drop_rng = drop_rng * 6364136223846793005ull + 1442695040888963407ull;
  return (double)(drop_rng >> 40) / (double)(1ull << 24) >= dropout;
}

/* Beam width at training and evaluation time (NER_BEAM, default
** NEWS_NER_BEAM, the width the run-time decoder uses). */
static uint32_t beam_width = NEWS_NER_BEAM;

/* NER_UPDATE=maxv: max-violation updates (Huang et al. 2012) instead of
** early update with restart from the gold prefix. */
static bool max_violation;

static void reset_history(news_ner_doc *nd) {
  memset(nd->hist_key, 0, ((size_t)nd->hist_mask + 1) * sizeof *nd->hist_key);
  memset(nd->hist_val, 0, (size_t)nd->hist_mask + 1);
}

/* Moves the weights of label for features f[0..n) by delta. */
static void update(model *m, const uint32_t *f, uint32_t n, int label, float delta) {
  for (uint32_t k = 0; k < n; k++) {
    size_t r = (size_t)find_row(m, f[k], true) * L + (size_t)label;
    m->w[r] += delta;
    m->u[r] += delta * m->time;
  }
}

/* The beam decoder of ner_model.c, with floating-point weights, and with
** the structured perceptron's training step when training. */
typedef struct thyp {
  double score;
  uint8_t l1, l2;
} thyp;

/* One stretch of a sentence (at most NEWS_NER_SPAN tokens): the lattice as
** in ner_model.c, plus what training needs to repeat a token's features:
** its static features after dropout and which label features survived. */
typedef struct stretch {
  uint8_t lab[NEWS_NER_SPAN][NEWS_NER_MAXBEAM];
  uint8_t back[NEWS_NER_SPAN][NEWS_NER_MAXBEAM];
  uint32_t f[NEWS_NER_SPAN][NEWS_NER_MAXFEAT];
  uint32_t nf[NEWS_NER_SPAN];
  uint8_t keep[NEWS_NER_SPAN]; /* bit j: label feature j survived dropout */
} stretch;

/* History value for token base + p given the labels seq[0..p) of the
** stretch (ner_model.c's beam_history over an explicit sequence). */
static int seq_history(const news_ner_doc *nd, uint32_t base, uint32_t p, const uint8_t *seq) {
  uint32_t i = base + p, word = nd->info[i].word;
  for (uint32_t q = p; q-- > 0;) {
    const news_ner_tok *y = &nd->info[base + q];
    if ((y->caps & CAP_UPPER) && y->word == word) return seq[q] + 1;
  }
  return news_ner_history(nd, i);
}

/* The same, for hypothesis k at position p - 1 of the lattice. */
static int lat_history(const news_ner_doc *nd, const stretch *st, uint32_t base, uint32_t p,
                       uint32_t k) {
  uint32_t i = base + p, word = nd->info[i].word;
  for (uint32_t q = p; q-- > 0;) {
    const news_ner_tok *y = &nd->info[base + q];
    if ((y->caps & CAP_UPPER) && y->word == word) return st->lab[q][k] + 1;
    k = st->back[q][k];
  }
  return news_ner_history(nd, i);
}

/* The label features of token base + p for sequence seq (with i1, i2 the
** labels before the stretch), filtered by the dropout bits. */
static uint32_t seq_label_features(const news_ner_doc *nd, const stretch *st, uint32_t base,
                                   uint32_t p, const uint8_t *seq, int i1, int i2, uint32_t *out) {
  int l1 = p >= 1 ? seq[p - 1] : i1, l2 = p >= 2 ? seq[p - 2] : p == 1 ? i1 : i2;
  uint32_t n = news_ner_features_labels(nd, base + p, l1, l2, seq_history(nd, base, p, seq), out);
  uint32_t k = 0;
  for (uint32_t j = 0; j < n; j++)
    if (st->keep[p] >> j & 1) out[k++] = out[j];
  return k;
}

/* Structured-perceptron step over positions [from, to] of the stretch:
** towards the gold sequence, away from the predicted one (positions where
** both agree, with the same label features, cancel out). */
static void seq_update(model *m, const news_ner_doc *nd, const stretch *st, uint32_t base,
                       uint32_t from, uint32_t to, const uint8_t *gold, const uint8_t *pred, int i1,
                       int i2) {
  uint32_t fg[NEWS_NER_MAXLABFEAT], fp[NEWS_NER_MAXLABFEAT];
  for (uint32_t q = from; q <= to; q++) {
    uint32_t ng = seq_label_features(nd, st, base, q, gold, i1, i2, fg);
    uint32_t np = seq_label_features(nd, st, base, q, pred, i1, i2, fp);
    if (gold[q] == pred[q] && ng == np && !memcmp(fg, fp, ng * sizeof *fg)) continue;
    if (gold[q] != pred[q]) {
      update(m, st->f[q], st->nf[q], gold[q], 1);
      update(m, st->f[q], st->nf[q], pred[q], -1);
    }
    update(m, fg, ng, gold[q], 1);
    update(m, fp, np, pred[q], -1);
  }
}

/* Labels of hypothesis k at position p, back to position 0, into seq. */
static void backtrack(const stretch *st, uint32_t p, uint32_t k, uint8_t *seq) {
  for (uint32_t q = p + 1; q-- > 0;) {
    seq[q] = st->lab[q][k];
    k = st->back[q][k];
  }
}

/* the beam's insertion, the same as ner_model.c's (ner.h) */
NEWS_NER_BEAM_INSERT(insert, thyp)

/* Runs the tagger over one document; trains when train is set (early
** update: when the gold sequence falls out of the beam, update on the
** prefixes and go on from the gold prefix alone; at the end of a stretch,
** update when the best hypothesis is not the gold one).  Counts token
** errors in *errs (updates when training). */
static void run_doc(model *m, tdoc *t, bool train, bool avg, uint8_t *pred, uint32_t *errs) {
  news_ner_doc *nd = &t->nd;
  static stretch st;
  uint8_t gseq[NEWS_NER_SPAN], pseq[NEWS_NER_SPAN];
  uint32_t lf[NEWS_NER_MAXLABFEAT];
  thyp cur[NEWS_NER_MAXBEAM], next[NEWS_NER_MAXBEAM];
  double fixed[L], sc[L];
  reset_history(nd);
  memset(pred, 0, nd->ntok);
  for (uint32_t s = 0; s < nd->nsent; s++) {
    uint32_t end = nd->sent[s].tok_end, base = nd->sent[s].tok_begin, ncur = 1;
    int i1 = NEWS_NER_O, i2 = NEWS_NER_O; /* labels before the stretch */
    cur[0] = (thyp){0, NEWS_NER_O, NEWS_NER_O};
    int gk = 0;         /* the gold hypothesis at p - 1, -1 when it fell out */
    double gscore = 0, worst = -1; /* max-violation: gold prefix score, */
    int pworst = -1;               /* largest violation and its step */
    uint32_t from0 = 0; /* first position not shared by every hypothesis */
    for (uint32_t i = base; i < end; i++) {
      uint32_t p = i - base, nnext = 0;
      uint8_t from[NEWS_NER_MAXBEAM];
      uint32_t n = news_ner_features_static(nd, s, i, st.f[p]);
      if (train && dropout > 0) { /* feature dropout: a random share sits out */
        uint32_t k = 0;
        for (uint32_t j = 0; j < n; j++)
          if (keep_feature()) st.f[p][k++] = st.f[p][j];
        n = k;
        st.keep[p] = 0;
        for (uint32_t j = 0; j < NEWS_NER_MAXLABFEAT; j++)
          if (keep_feature()) st.keep[p] |= (uint8_t)(1u << j);
      } else {
        st.keep[p] = 0xff;
      }
      st.nf[p] = n;
      score(m, st.f[p], n, fixed, avg);
      for (uint32_t k = 0; k < ncur; k++) {
        uint32_t nl = news_ner_features_labels(nd, i, cur[k].l1, cur[k].l2,
                                               lat_history(nd, &st, base, p, k), lf);
        uint32_t kk = 0;
        for (uint32_t j = 0; j < nl; j++)
          if (st.keep[p] >> j & 1) lf[kk++] = lf[j];
        score(m, lf, kk, sc, avg);
        for (int l = 0; l < L; l++)
          if (news_ner_allowed(cur[k].l1, l))
            insert(next, from, &nnext, beam_width,
                   (thyp){cur[k].score + fixed[l] + sc[l], (uint8_t)l, cur[k].l1}, (uint8_t)k);
      }
      for (uint32_t k = 0; k < nnext; k++) {
        st.lab[p][k] = next[k].l1;
        st.back[p][k] = from[k];
      }
      bool last = p + 1 == NEWS_NER_SPAN || i + 1 == end;
      if (train && max_violation) {
        /* the gold prefix's score, and the step where the best hypothesis
        ** beats it by the most */
        int g = -1;
        for (uint32_t k = 0; k < nnext && gk >= 0; k++)
          if (from[k] == gk && next[k].l1 == t->gold[i]) g = (int)k;
        for (uint32_t q = 0; q <= p; q++) gseq[q] = t->gold[base + q];
        uint32_t ng = seq_label_features(nd, &st, base, p, gseq, i1, i2, lf);
        score(m, lf, ng, sc, false);
        gscore += fixed[t->gold[i]] + sc[t->gold[i]];
        if (g != 0 && next[0].score - gscore > worst) worst = next[0].score - gscore, pworst = (int)p;
        gk = g;
        if (last && pworst >= 0) {
          backtrack(&st, (uint32_t)pworst, 0, pseq);
          seq_update(m, nd, &st, base, 0, (uint32_t)pworst, gseq, pseq, i1, i2);
          (*errs)++;
        }
        m->time += 1;
      } else if (train) {
        int g = -1; /* where the gold sequence went */
        for (uint32_t k = 0; k < nnext && gk >= 0; k++)
          if (from[k] == gk && next[k].l1 == t->gold[i]) g = (int)k;
        if (g != 0 && (g < 0 || last)) {
          /* early update (gold fell out) or final update (gold not best) */
          for (uint32_t q = 0; q <= p; q++) gseq[q] = t->gold[base + q];
          backtrack(&st, p, 0, pseq);
          seq_update(m, nd, &st, base, from0, p, gseq, pseq, i1, i2);
          /* go on from the gold prefix alone */
          next[0] = (thyp){0, t->gold[i], p ? gseq[p - 1] : (uint8_t)i1};
          from[0] = (uint8_t)gk;
          st.lab[p][0] = t->gold[i];
          st.back[p][0] = (uint8_t)gk;
          nnext = 1;
          g = 0;
          from0 = p + 1;
          (*errs)++;
        }
        gk = g;
        m->time += 1;
      }
      for (uint32_t k = 0; k < nnext; k++) cur[k] = next[k];
      ncur = nnext;
      if (last) {
        /* commit the stretch's best hypothesis and go on from it alone */
        backtrack(&st, p, 0, pseq);
        for (uint32_t q = 0; q <= p; q++) {
          pred[base + q] = pseq[q];
          if (!train && pseq[q] != t->gold[base + q]) (*errs)++;
          news_ner_remember(nd, base + q, pseq[q]);
        }
        i1 = cur[0].l1;
        i2 = cur[0].l2;
        cur[0] = (thyp){0, cur[0].l1, cur[0].l2};
        ncur = 1;
        base = i + 1;
        gk = 0;
        from0 = 0;
        gscore = 0;
        worst = -1;
        pworst = -1;
      }
    }
  }
}

/* Entity-level counts: spans from BIO labels. */
static void count_spans(const uint8_t *lab, uint32_t n, const news_ner_doc *nd, uint32_t *tp,
                        uint32_t *np, uint32_t *ng, const uint8_t *gold) {
  for (uint32_t i = 0; i < n; i++) {
    if (gold[i] && !NEWS_NER_IS_I(gold[i])) (*ng)++;
    if (lab[i] && !NEWS_NER_IS_I(lab[i])) {
      (*np)++;
      uint32_t j = i + 1;
      while (j < n && lab[j] == NEWS_NER_I(NEWS_NER_TYPE(lab[i]))) j++;
      uint32_t k = i + 1;
      while (k < n && gold[k] == NEWS_NER_I(NEWS_NER_TYPE(lab[i]))) k++;
      if (gold[i] == lab[i] && j == k) (*tp)++;
    }
  }
  (void)nd;
}

static void evaluate(model *m, tdoc *docs, uint32_t nd, const char *what) {
  uint32_t tp = 0, np = 0, ng = 0, errs = 0;
  for (uint32_t d = 0; d < nd; d++) {
    uint8_t *pred = malloc(docs[d].nd.ntok + 1);
    run_doc(m, &docs[d], false, true, pred, &errs);
    count_spans(pred, docs[d].nd.ntok, &docs[d].nd, &tp, &np, &ng, docs[d].gold);
    free(pred);
  }
  double p = np ? (double)tp / np : 0, r = ng ? (double)tp / ng : 0;
  fprintf(stderr, "  %s: token-level P %.4f R %.4f F1 %.4f (%u gold)\n", what, p, r,
          p + r ? 2 * p * r / (p + r) : 0, ng);
}

/* ---------------------------------------------------------------- output */

typedef struct kept {
  uint32_t key;
  float strength; /* largest |averaged weight| of the row */
  int8_t q[L];    /* log-scale codes (small table) */
} kept;

static int by_strength(const void *a, const void *b) {
  float x = ((const kept *)a)->strength, y = ((const kept *)b)->strength;
  return (x < y) - (x > y);
}

static int cmp_float(const void *a, const void *b) {
  float x = *(const float *)a, y = *(const float *)b;
  return (x > y) - (x < y);
}

static double avg_weight(const model *m, int32_t row, int l) {
  size_t i = (size_t)row * L + (size_t)l;
  return m->w[i] - m->u[i] / m->time;
}

/* Writes one byte of a C string literal, printable when possible. */
static int put_byte(FILE *o, unsigned char b) {
  if (b >= 32 && b < 127 && b != '"' && b != '\\' && b != '?') return fputc(b, o), 1;
  return fprintf(o, "\\%03o", b);
}

#define NBIG 4096 /* strongest features, kept with exact weights */

static void write_model(model *m, const char *out, uint32_t maxfeat, const char *src) {
  uint32_t n = 0;
  kept *k = malloc((size_t)m->nrows * sizeof *k);
  for (uint32_t s = 0; s <= m->mask; s++) {
    if (!m->keys[s]) continue;
    float best = 0;
    for (int l = 0; l < L; l++) {
      float fa = (float)fabs(avg_weight(m, m->row[s], l));
      if (fa > best) best = fa;
    }
    k[n].key = m->keys[s];
    k[n].strength = best;
    n++;
  }
  qsort(k, n, sizeof *k, by_strength);
  if (n > maxfeat) n = maxfeat;
  uint32_t nbig = n < NBIG ? n : NBIG;
  double hi_all = n ? k[0].strength : 1;
  if (hi_all <= 0) hi_all = 1;
  /* integer weights: the largest becomes 2e7, so NEWS_NER_MAXFEAT fit int32 */
  double unit = 2e7 / hi_all;

  /* log-scale codes for the rest: code c in 1..127 stands for
  ** lo * r^(c-1), lo the 5th percentile magnitude and code 127 the largest
  ** magnitude outside the exact table; weights below lo / 2 become 0. */
  float *mags = malloc(((size_t)n * L + 1) * sizeof(float));
  size_t nm = 0;
  for (uint32_t i = nbig; i < n; i++) {
    int32_t row = find_row(m, k[i].key, false);
    for (int l = 0; l < L; l++) {
      float fa = (float)fabs(avg_weight(m, row, l));
      if (fa > 0) mags[nm++] = fa;
    }
  }
  qsort(mags, nm, sizeof *mags, cmp_float);
  double lo = nm ? mags[(size_t)((double)nm * 0.05)] : 1, hi = nm ? mags[nm - 1] : 1;
  if (lo <= 0) lo = 1e-6;
  if (hi <= lo) hi = lo * 2;
  double r = pow(hi / lo, 1.0 / 126.0);
  free(mags);
  uint32_t kn = nbig;
  for (uint32_t i = nbig; i < n; i++) {
    int32_t row = find_row(m, k[i].key, false);
    bool any = false;
    for (int l = 0; l < L; l++) {
      double a = avg_weight(m, row, l), fa = fabs(a);
      long q = 0;
      if (fa >= lo / 2) {
        q = lround(log(fa / lo) / log(r)) + 1;
        if (q < 1) q = 1;
        if (q > 127) q = 127;
        if (a < 0) q = -q;
      }
      k[i].q[l] = (int8_t)q;
      if (q) any = true;
    }
    if (any) k[kn++] = k[i];
  }

  /* the exact table: full keys, linear probing, load <= 1/2 */
  uint32_t bslots = 16;
  while (bslots < 2 * nbig) bslots <<= 1;
  uint32_t *bkey = calloc(bslots, sizeof *bkey);
  uint16_t *brow = calloc(bslots, sizeof *brow);
  for (uint32_t i = 0; i < nbig; i++) {
    uint32_t s = k[i].key & (bslots - 1);
    while (bkey[s]) s = (s + 1) & (bslots - 1);
    bkey[s] = k[i].key;
    brow[s] = (uint16_t)i;
  }

  /* the coded table: fingerprints, load <= 0.7 */
  int lg = 4;
  while ((1u << lg) * 7 / 10 < kn - nbig) lg++;
  uint32_t slots = 1u << lg, mask = slots - 1;
  uint16_t *fp = calloc(slots, sizeof *fp);
  int8_t *wq = calloc((size_t)slots * L, 1);
  uint32_t dropped = 0;
  for (uint32_t i = nbig; i < kn; i++) {
    uint16_t f = (uint16_t)(k[i].key >> 16);
    if (!f) f = 1;
    uint32_t s = k[i].key & mask;
    bool clash = false;
    while (fp[s]) {
      if (fp[s] == f) clash = true;
      s = (s + 1) & mask;
    }
    if (clash) { /* a stronger feature already answers to this fingerprint */
      dropped++;
      continue;
    }
    fp[s] = f;
    memcpy(wq + (size_t)s * L, k[i].q, L);
  }

  FILE *o = fopen(out, "w");
  if (!o) die("cannot write output");
  fprintf(o, "/* generated by ext/tools/train_ner.c from %s -- do not edit.\n", src);
  fprintf(o, "** Averaged perceptron: %u features kept of %u (%u exact, the rest as 8-bit\n",
          kn - dropped, m->nrows, nbig);
  fprintf(o, "** log-scale codes).  Layout: see ext/core/ner_model.c.  Rebuild: make train. */\n");
  fprintf(o, "#define NER_FORMAT 2\n");
  fprintf(o, "#define NER_HASH \"%016llx\"\n", (unsigned long long)data_hash);
  fprintf(o, "#define NER_NFEAT %u\n", kn - dropped);
  fprintf(o, "#define NER_SLOTS_LOG2 %d\n", lg);
  fprintf(o, "#define NER_BIG_SLOTS %u\n", bslots);
  fprintf(o, "static const uint32_t ner_big_key[NER_BIG_SLOTS] = {\n");
  for (uint32_t s = 0; s < bslots; s++) fprintf(o, "%u,%s", bkey[s], s % 10 == 9 ? "\n" : "");
  fprintf(o, "};\nstatic const uint16_t ner_big_row[NER_BIG_SLOTS] = {\n");
  for (uint32_t s = 0; s < bslots; s++) fprintf(o, "%u,%s", brow[s], s % 16 == 15 ? "\n" : "");
  fprintf(o, "};\nstatic const int32_t ner_big_w[%u][%d] = {\n", nbig ? nbig : 1, L);
  for (uint32_t i = 0; i < nbig; i++) {
    int32_t row = find_row(m, k[i].key, false);
    fprintf(o, "{");
    for (int l = 0; l < L; l++) fprintf(o, "%ld,", lround(avg_weight(m, row, l) * unit));
    fprintf(o, "},\n");
  }
  if (!nbig) fprintf(o, "{0}\n");
  fprintf(o, "};\n");
  /* bit key >> 16 set for every key of the exact table: a clear bit rules
  ** a feature out of it without probing */
  uint32_t bits[2048] = {0};
  for (uint32_t s = 0; s < bslots; s++)
    if (bkey[s]) bits[bkey[s] >> 21] |= 1u << (bkey[s] >> 16 & 31);
  fprintf(o, "static const uint32_t ner_big_bits[2048] = {\n");
  for (int w = 0; w < 2048; w++) fprintf(o, "%u,%s", bits[w], w % 10 == 9 ? "\n" : "");
  fprintf(o, "};\n");
  /* the weight of each stored byte b: code c = (b - 79) as a signed byte */
  fprintf(o, "static const int32_t ner_byte_w[256] = { /* stored byte -> weight */\n");
  for (int b = 0; b < 256; b++) {
    int c = (b - 79 + 256) % 256;
    if (c > 127) c -= 256;
    long v = 0;
    if (c != 0 && c != -128) v = lround(unit * lo * pow(r, abs(c) - 1)) * (c < 0 ? -1 : 1);
    fprintf(o, "%ld,%s", v, b % 12 == 11 ? "\n" : "");
  }
  /* one 16-byte slot per fingerprint: the fingerprint (low byte first),
  ** the L stored bytes, padding */
  fprintf(o, "};\n_Alignas(16) static const unsigned char ner_slot[] =\n\"");
  int col = 0;
  for (uint32_t s = 0; s < slots; s++) {
    unsigned char e[16];
    memset(e, 79, sizeof e);
    e[0] = (unsigned char)(fp[s] & 0xff);
    e[1] = (unsigned char)(fp[s] >> 8);
    for (int l = 0; l < L; l++) e[2 + l] = (unsigned char)((int)wq[(size_t)s * L + (size_t)l] + 79);
    for (int j = 0; j < 16; j++) col += put_byte(o, e[j]);
    if (col >= 100) {
      fprintf(o, "\"\n\"");
      col = 0;
    }
  }
  fprintf(o, "\";\n");
  fclose(o);
  fprintf(stderr, "wrote %s: %u features (%u exact), %u slots (%u dropped on fingerprint clash)\n",
          out, kn - dropped, nbig, slots, dropped);
  free(fp);
  free(wq);
  free(bkey);
  free(brow);
  free(k);
}

/* ------------------------------------------------------------------ main */

int main(int argc, char **argv) {
  if (argc < 3) die("usage: train_ner TRAIN.txt OUT.inc [EPOCHS [MAXFEAT [DEV.txt]]]");
  int epochs = argc > 3 ? atoi(argv[3]) : 20;
  uint32_t maxfeat = argc > 4 ? (uint32_t)atol(argv[4]) : 45000; /* keeps 2^16 slots */
  uint32_t nd, bad, ndev = 0, devbad;
  tdoc *docs = read_docs(argv[1], &nd, &bad);
  uint64_t train_hash = data_hash;
  tdoc *dev = argc > 5 ? read_docs(argv[5], &ndev, &devbad) : NULL;
  data_hash = train_hash;
  if (getenv("NER_EVAL_COMPILED") && dev) { /* check the compiled-in model */
    use_compiled = true;
    model e = {0};
    e.time = 1;
    evaluate(&e, dev, ndev, "compiled model on dev");
    return 0;
  }
  uint32_t nwrapped = 0;
  for (uint32_t i = 0; i < nd; i++) nwrapped += docs[i].nd.wrapped;
  fprintf(stderr, "train_ner: %u documents (%u hard-wrapped), %u gold spans not on token boundaries\n",
          nd, nwrapped, bad);
  if (getenv("NER_DROPOUT")) dropout = atof(getenv("NER_DROPOUT"));
  if (getenv("NER_BEAM")) beam_width = (uint32_t)atoi(getenv("NER_BEAM"));
  max_violation = getenv("NER_UPDATE") && !strcmp(getenv("NER_UPDATE"), "maxv");
  if (beam_width < 1 || beam_width > NEWS_NER_MAXBEAM) die("NER_BEAM must be 1..16");
  int bags = getenv("NER_BAGS") ? atoi(getenv("NER_BAGS")) : 1;
  if (bags < 1) bags = 1;
  uint32_t *order = malloc(nd * sizeof *order);
  model all = model_new(); /* the mean of the bags' averaged weights */
  for (int bag = 0; bag < bags; bag++) {
    model m = model_new();
    for (uint32_t i = 0; i < nd; i++) order[i] = i;
    uint64_t rng = 0x2545F4914F6CDD1Dull + (uint64_t)bag * 7919u; /* NER_SEED=n varies it */
    if (getenv("NER_SEED")) rng += (uint64_t)atoll(getenv("NER_SEED"));
    for (int e = 0; e < epochs; e++) {
      for (uint32_t i = nd - 1; i > 0; i--) { /* Fisher-Yates with an LCG */
        rng = rng * 6364136223846793005ull + 1442695040888963407ull;
        uint32_t j = (uint32_t)((rng >> 33) % (i + 1));
        uint32_t x = order[i];
        order[i] = order[j];
        order[j] = x;
      }
      uint32_t errs = 0, ntok = 0;
      for (uint32_t i = 0; i < nd; i++) {
        tdoc *t = &docs[order[i]];
        uint8_t *pred = malloc(t->nd.ntok + 1);
        run_doc(&m, t, true, false, pred, &errs);
        ntok += t->nd.ntok;
        free(pred);
      }
      fprintf(stderr, "bag %d epoch %d: %u updates over %u tokens, %u features\n", bag + 1, e + 1, errs,
              ntok, m.nrows);
      if (dev && (e == epochs - 1 || getenv("NER_EVAL_EACH"))) evaluate(&m, dev, ndev, "dev");
    }
    /* add this bag's averaged weights, divided by the number of bags */
    for (uint32_t s = 0; s <= m.mask; s++) {
      if (!m.keys[s]) continue;
      size_t r = (size_t)find_row(&all, m.keys[s], true) * L;
      for (int l = 0; l < L; l++) all.w[r + (size_t)l] += (float)(avg_weight(&m, m.row[s], l) / bags);
    }
    model_free(&m);
  }
  if (dev && bags > 1) evaluate(&all, dev, ndev, "dev, all bags");
  model m = all;
  write_model(&m, argv[2], maxfeat, "the CoNLL-2003 train split");
  return 0;
}
