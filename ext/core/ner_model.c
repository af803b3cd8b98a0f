/*
** ner_model.c -- the compiled-in averaged-perceptron weights and the beam
** decoder that uses them (see ner.h).
**
** HOW THE WEIGHTS ARE STORED (gen/ner_model.inc, written by the trainer)
**   The few thousand strongest features (label bias, previous-label and
**   casing features, whose large weights decide most tokens) sit in a small
**   exact table: full 32-bit keys in ner_big_key (linear probing, 0 =
**   empty), their int32 weights in ner_big_w[ner_big_row[slot]].  A feature
**   is looked up there first, but only when its bit in ner_big_bits (bit
**   h >> 16 of a 2^16-bit map, one bit per key) is set, which rules out
**   about 94% of the others without a probe.
**   All others live in one open-addressing table of 2^NER_SLOTS_LOG2
**   16-byte slots (ner_slot) with linear probing, so that one probe reads
**   one cache line.  A feature hash h starts at slot h & mask; a slot holds
**   a 16-bit fingerprint of the hash that lives there (h >> 16, never 0;
**   0 marks an empty slot; low byte first), then its NEWS_NER_NLABELS
**   weights as bytes: each is a signed 8-bit code c stored as (c + 79) mod
**   256, so that the common small codes are printable characters and the
**   generated string literal stays compact.  ner_byte_w[] gives the weight
**   of each stored byte directly: a logarithmic scale from the 5th
**   percentile weight up to the largest (about 10% apart), which keeps both
**   the many small weights and the few decisive large ones.  The trainer
**   guarantees that a chain never holds two equal fingerprints, and that
**   the table is at most ~70% full, so a look-up takes a couple of probes.
**   A feature absent from the model may match a stranger's fingerprint
**   with odds of about 1 in 65536 per probe; that only adds one small
**   weight.
**
** DECODING
**   news_ner_tag() is a beam search over each sentence, left to right.  It
**   keeps the NEWS_NER_BEAM best label sequences (hypotheses); at each token
**   it scores the label-independent features once, then for each hypothesis
**   the label features (previous two labels, and the label that hypothesis
**   gave the same capitalised word earlier in the sentence, else the one
**   committed for it in an earlier sentence).  Each part of the features is
**   scored once per distinct value it depends on (ner.h): those of the
**   token alone once per distinct token (kept across documents in the
**   connection's news_cache, with its label features after O and without
**   history), those of the shapes and kinds around it once per distinct
**   window (kept there too), those of the previous label once per distinct
**   previous label, and so on; the sums are the same in any order, so this
**   changes no score.  It extends each
**   hypothesis by every label
**   allowed after its last one (BIO: I-X only continues X) and keeps the
**   best extensions (ties go to the earlier hypothesis, then the lower
**   label, so a beam of one is the old greedy decoder).  At the end of the
**   sentence, or every NEWS_NER_SPAN tokens of a long one, the best
**   hypothesis is written out and recorded in the history that later
**   sentences read.  Fast path: at a plain lower-case token (no capital,
**   digit or non-ASCII letter) while the best hypothesis is outside a name,
**   only the outside hypotheses go on, labelled O without scoring.  The
**   trainer scores every token.  The lattice is a fixed-size stack array and a history
**   look-up walks back at most NEWS_NER_SPAN positions, so time is linear
**   in tokens and memory is constant.
*/
#include "ner.h"

#if defined(__GNUC__)
#pragma GCC diagnostic ignored "-Woverlength-strings"
#endif

#include "gen/ner_model.inc"

#define MASK ((1u << NER_SLOTS_LOG2) - 1u)

#if NER_FORMAT != 2
#error "gen/ner_model.inc is not in the layout this file reads (make train)"
#endif
_Static_assert(2 + NEWS_NER_NLABELS <= 16, "a slot holds a fingerprint and the label bytes");

#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif
/* the loops over the labels, fully unrolled, keep the sums in registers */
#if defined(__clang__)
#define UNROLL _Pragma("clang loop unroll(full)")
#elif defined(__GNUC__)
#define UNROLL _Pragma("GCC unroll 16")
#else
#define UNROLL
#endif

/* The number of trailing zero bits of a non-zero a. */
static inline int news_ctz(uint32_t a) {
#if defined(__GNUC__)
  return __builtin_ctz(a);
#else
  int n = 0;
  while (!(a & 1)) a >>= 1, n++;
  return n;
#endif
}

/* Is h possibly a key of the exact table?  (No when its bit is clear.) */
static inline bool maybe_big(uint32_t h) {
  return ner_big_bits[h >> 21] >> (h >> 16 & 31) & 1;
}

void news_ner_model_score(const uint32_t *feats, uint32_t n, int32_t *scores) {
  /* The coded table is bigger than the caches and each look-up lands
  ** somewhere random, so ask for every first slot up front: the memory
  ** fetches then overlap instead of running one after the other. */
  for (uint32_t k = 0; k < n; k++) PREFETCH(ner_slot + ((size_t)(feats[k] & MASK) << 4));
  /* the sums in locals, which the compiler keeps in registers (scores may
  ** alias the tables as far as it knows) */
  int32_t acc[NEWS_NER_NLABELS];
  memcpy(acc, scores, sizeof acc);
  for (uint32_t k = 0; k < n; k++) {
    uint32_t h = feats[k];
    if (maybe_big(h)) {
      uint32_t s = h & (NER_BIG_SLOTS - 1), key;
      while ((key = ner_big_key[s]) != 0 && key != h) s = (s + 1) & (NER_BIG_SLOTS - 1);
      if (key) {
        const int32_t *w = ner_big_w[ner_big_row[s]];
        UNROLL
        for (int l = 0; l < NEWS_NER_NLABELS; l++) acc[l] += w[l];
        continue;
      }
    }
    unsigned fp = h >> 16;
    if (!fp) fp = 1;
    for (uint32_t s = h & MASK;; s = (s + 1) & MASK) {
      const unsigned char *e = ner_slot + ((size_t)s << 4);
      unsigned f = e[0] | (unsigned)e[1] << 8;
      if (f == fp) {
        UNROLL
        for (int l = 0; l < NEWS_NER_NLABELS; l++) acc[l] += ner_byte_w[e[2 + l]];
        break;
      }
      if (!f) break;
    }
  }
  memcpy(scores, acc, sizeof acc);
}

/* One hypothesis of the beam at one token: its total score and its last
** two labels (l1 the token's own). */
typedef struct hyp {
  int64_t score;
  uint8_t l1, l2;
} hyp;

/* The decoding lattice of one stretch of a sentence: at position p, the
** label of hypothesis k and the hypothesis at p - 1 it extends. */
typedef struct lattice {
  uint8_t lab[NEWS_NER_SPAN][NEWS_NER_MAXBEAM];
  uint8_t back[NEWS_NER_SPAN][NEWS_NER_MAXBEAM];
} lattice;

/* The last earlier position of the stretch starting at token base that
** holds the same capitalised word as token i (position p), or -1.  The
** same for every hypothesis, so found once per token. */
static int32_t same_word_before(const news_ner_doc *nd, uint32_t base, uint32_t p, uint32_t i) {
  const news_ner_tok *x = &nd->info[i];
  if (!(x->caps & CAP_UPPER)) return -1;
  for (uint32_t q = p; q-- > 0;) {
    const news_ner_tok *y = &nd->info[base + q];
    if ((y->caps & CAP_UPPER) && y->word == x->word) return (int32_t)q;
  }
  return -1;
}

/* The history value for hypothesis k at position p - 1: its label at
** position q (same_word_before) plus one, by walking its back pointers. */
static int beam_history(const lattice *lat, uint32_t p, uint32_t k, uint32_t q) {
  for (uint32_t r = p - 1; r > q; r--) k = lat->back[r][k];
  return lat->lab[q][k] + 1;
}

NEWS_NER_BEAM_INSERT(beam_insert, hyp)

/* Writes the best hypothesis of the stretch [base, base + len) into labels
** and the history, in order. */
static void beam_commit(news_ner_doc *nd, const lattice *lat, uint32_t base, uint32_t len,
                        uint8_t *labels) {
  uint32_t k = 0; /* the hypotheses are sorted: 0 is the best */
  for (uint32_t q = len; q-- > 0;) {
    labels[base + q] = lat->lab[q][k];
    k = lat->back[q][k];
  }
  for (uint32_t q = 0; q < len; q++) /* (only capitalised words are remembered) */
    if (nd->info[base + q].caps & CAP_UPPER) news_ner_remember(nd, base + q, labels[base + q]);
}

/* Scores of the features of the token alone, kept in a news_cache (news.h)
** for each distinct token: the connection's cache, across documents, or
** else one made for the document.  Three sets depend on the token alone:
** news_ner_features_token(), news_ner_features_prev() after the label O and
** news_ner_features_hist() with no history (its word not tagged before),
** which between them score most tokens.  An entry holds every input of
** those (the folded word itself, its hashes, casing, gazetteer and cluster
** values and token kind) and the three sets of scores; it is found in a bucket of CACHE_WAYS slots chosen
** by a hash of those inputs and confirmed by comparing all of them, so a
** hit gives exactly the scores the features would.  A miss scores the
** features and takes an empty slot of the bucket, or else its slots in
** turn.  Without the table (allocation failed) tokens are scored each
** time.  The window scores (news_ner_features_window) are kept in a second
** table of the same block, keyed by news_ner_window_key(). */
#define CACHE_WAYS 4
#define CACHE_SLOTS 8192 /* a connection's cache: 8192 * 176 + 4096 * 68 + 12288 * 4 bytes */

typedef struct cache_entry {
  uint32_t word, shape;
  uint16_t len, gaz, cluster;
  uint8_t caps, kind;
  int32_t sc[NEWS_NER_NLABELS]; /* news_ner_features_token() */
  int32_t prev_o[NEWS_NER_NLABELS]; /* news_ner_features_prev(.., NEWS_NER_O, ..) */
  int32_t hist0[NEWS_NER_NLABELS];  /* news_ner_features_hist(.., 0, ..) */
  char fold[NER_FOLDMAX];
} cache_entry;

/* The scores of news_ner_features_window() for one window key. */
typedef struct win_entry {
  uint32_t key[NEWS_NER_WKEY];
  int32_t sc[NEWS_NER_NLABELS];
} win_entry;

/* Scores of the label-only features (news_ner_features_pair) by the two
** previous labels, scored on first use; they depend on the model alone, so
** they are kept with the cache (not in its table: news_cache_release()
** keeps them). */
typedef struct pair_memo {
  uint8_t ok[NEWS_NER_NLABELS][NEWS_NER_NLABELS];
  int32_t sc[NEWS_NER_NLABELS][NEWS_NER_NLABELS][NEWS_NER_NLABELS];
} pair_memo;

struct news_cache {
  news_mem mem;
  cache_entry *slot; /* allocated on first use; NULL until then or on OOM */
  win_entry *win;    /* nslot / 2 window entries, in the same block */
  uint32_t *tag;     /* per slot: its bucket hash | 1, 0 when empty; then
                        the same for the window entries (same block) */
  uint32_t nslot;    /* a power of two, at least 2 * CACHE_WAYS */
  uint32_t turn;     /* the next slot of a full bucket to give up */
  pair_memo pair;
};

news_cache *news_cache_new(const news_mem *mem) {
  if (!mem) mem = news_mem_default();
  news_cache *c = mem->alloc(mem->ctx, sizeof *c);
  if (!c) return NULL;
  memset(c, 0, sizeof *c);
  c->mem = *mem;
  c->nslot = CACHE_SLOTS;
  return c;
}

void news_cache_free(news_cache *c) {
  if (!c) return;
  news_mem m = c->mem;
  if (c->slot) m.free(m.ctx, c->slot);
  m.free(m.ctx, c);
}

void news_cache_release(news_cache *c) {
  if (!c || !c->slot) return;
  c->mem.free(c->mem.ctx, c->slot);
  c->slot = NULL;
  c->win = NULL;
  c->tag = NULL;
}

/* Allocates c's tables if it has none yet; false when it cannot. */
static bool cache_ready(news_cache *c) {
  if (!c->slot) {
    size_t n = (size_t)c->nslot * sizeof *c->slot + (size_t)c->nslot / 2 * sizeof *c->win;
    size_t ntag = (size_t)c->nslot + c->nslot / 2;
    c->slot = c->mem.alloc(c->mem.ctx, n + ntag * sizeof *c->tag);
    if (c->slot) {
      c->win = (win_entry *)(c->slot + c->nslot);
      c->tag = (uint32_t *)(c->win + c->nslot / 2);
      memset(c->tag, 0, ntag * sizeof *c->tag); /* only the tags are read before written */
    }
  }
  return c->slot != NULL;
}

/* Adds the scores of the window features of token i (sentence s) to sc,
** from c when it holds them (compared on the whole key), else scored and
** kept, the same way as the token entries. */
static void window_scores(const news_ner_doc *nd, news_cache *c, uint32_t s, uint32_t i,
                          uint32_t *feats, int32_t *sc) {
  win_entry *e = NULL;
  uint32_t *et = NULL, tag = 0;
  uint32_t key[NEWS_NER_WKEY];
  if (c && c->slot) {
    news_ner_window_key(nd, s, i, key);
    uint32_t h = 0;
    for (int k = 0; k < NEWS_NER_WKEY; k++) h = (h ^ key[k]) * 0x9e3779b1u;
    h ^= h >> 15;
    uint32_t first = h & (c->nslot / 2 - CACHE_WAYS);
    win_entry *b = c->win + first;
    uint32_t *bt = c->tag + c->nslot + first;
    for (int k = 0; k < CACHE_WAYS; k++) {
      if (!bt[k]) {
        if (!e) e = &b[k], et = &bt[k];
        continue;
      }
      if (bt[k] == (h | 1) && !memcmp(b[k].key, key, sizeof key)) {
        for (int l = 0; l < NEWS_NER_NLABELS; l++) sc[l] += b[k].sc[l];
        return;
      }
    }
    if (!e) {
      uint32_t k = c->turn++ & (CACHE_WAYS - 1);
      e = &b[k], et = &bt[k];
    }
    tag = h | 1;
  }
  int32_t t[NEWS_NER_NLABELS] = {0};
  news_ner_model_score(feats, news_ner_features_window(nd, s, i, feats), t);
  for (int l = 0; l < NEWS_NER_NLABELS; l++) sc[l] += t[l];
  if (e) {
    memcpy(e->key, key, sizeof key);
    memcpy(e->sc, t, sizeof t);
    *et = tag;
  }
}

/* Adds the token-alone scores of token i (sentence s) to sc, and sets
** prev_o and hist0 to the scores of its label features after O and with no
** history. */
static void token_scores(const news_ner_doc *nd, news_cache *c, uint32_t s, uint32_t i,
                         uint32_t *feats, int32_t *sc, int32_t *prev_o, int32_t *hist0) {
  cache_entry *e = NULL;
  uint32_t *et = NULL, tag = 0;
  const news_ner_tok *x = &nd->info[i];
  const uint8_t kind = nd->tok[i].kind;
  if (c && c->slot) {
    uint32_t h = x->word ^ x->shape * 0x9e3779b1u ^
                 ((uint32_t)x->caps | (uint32_t)kind << 8) * 0x85ebca6bu;
    h ^= h >> 15;
    uint32_t first = h & (c->nslot - CACHE_WAYS);
    cache_entry *b = c->slot + first;
    uint32_t *bt = c->tag + first;
    for (int k = 0; k < CACHE_WAYS; k++) {
      cache_entry *y = &b[k];
      if (!bt[k]) {
        if (!e) e = y, et = &bt[k];
        continue;
      }
      if (bt[k] == (h | 1) && y->word == x->word && y->shape == x->shape && y->len == x->len && y->gaz == x->gaz &&
          y->cluster == x->cluster && y->caps == x->caps && y->kind == kind &&
          !memcmp(y->fold, nd->fold + x->off, x->len)) {
        for (int l = 0; l < NEWS_NER_NLABELS; l++) sc[l] += y->sc[l];
        memcpy(prev_o, y->prev_o, sizeof y->prev_o);
        memcpy(hist0, y->hist0, sizeof y->hist0);
        return;
      }
    }
    if (!e) {
      uint32_t k = c->turn++ & (CACHE_WAYS - 1);
      e = &b[k], et = &bt[k];
    }
    tag = h | 1;
  }
  int32_t t[NEWS_NER_NLABELS] = {0};
  news_ner_model_score(feats, news_ner_features_token(nd, s, i, feats), t);
  for (int l = 0; l < NEWS_NER_NLABELS; l++) sc[l] += t[l];
  memset(prev_o, 0, NEWS_NER_NLABELS * sizeof *prev_o);
  news_ner_model_score(feats, news_ner_features_prev(nd, i, NEWS_NER_O, feats), prev_o);
  memset(hist0, 0, NEWS_NER_NLABELS * sizeof *hist0);
  news_ner_model_score(feats, news_ner_features_hist(nd, i, 0, feats), hist0);
  if (e) {
    e->word = x->word;
    e->shape = x->shape;
    e->len = x->len;
    e->gaz = x->gaz;
    e->cluster = x->cluster;
    e->caps = x->caps;
    e->kind = kind;
    *et = tag;
    memcpy(e->sc, t, sizeof t);
    memcpy(e->prev_o, prev_o, sizeof e->prev_o);
    memcpy(e->hist0, hist0, sizeof e->hist0);
    memcpy(e->fold, nd->fold + x->off, x->len);
  }
}

bool news_ner_tag(news_ner_doc *nd, uint8_t *labels) {
  uint32_t feats[NEWS_NER_MAXFEAT], nPoll = 0;
  bool stopped = false;
  lattice lat;
  hyp beams[2][NEWS_NER_MAXBEAM], *cur = beams[0], *next = beams[1]; /* swapped per token */
  const uint32_t width = NEWS_NER_BEAM;
  uint32_t allowed[NEWS_NER_NLABELS]; /* bit l: label l may follow the label */
  for (int p1 = 0; p1 < NEWS_NER_NLABELS; p1++) {
    allowed[p1] = 0;
    for (int l = 0; l < NEWS_NER_NLABELS; l++)
      if (news_ner_allowed(p1, l)) allowed[p1] |= 1u << l;
  }
  /* the connection's cache, else one for this document alone */
  news_cache own, *c = nd->doc ? nd->doc->opts.cache : NULL;
  own.slot = NULL;
  if (!c || !cache_ready(c)) {
    own = (news_cache){*nd->mem, NULL, NULL, NULL, 2 * CACHE_WAYS, 0, {{{0}}, {{{0}}}}};
    if (c) own.pair = c->pair; /* what the connection's cache knows */
    c = &own;
    while (c->nslot < CACHE_SLOTS && c->nslot < nd->ntok) c->nslot *= 2;
    (void)cache_ready(c);
  }
  pair_memo *m = &c->pair;
  for (uint32_t s = 0; s < nd->nsent; s++) {
    uint32_t end = nd->sent[s].tok_end;
    uint32_t base = nd->sent[s].tok_begin, ncur = 1;
    cur[0] = (hyp){0, NEWS_NER_O, NEWS_NER_O};
    for (uint32_t i = base; i < end; i++) {
      if (nd->doc && news_doc_poll(nd->doc, &nPoll)) {
        stopped = true;
        goto out;
      }
      uint32_t p = i - base, nnext = 0;
      uint8_t from[NEWS_NER_MAXBEAM] = {0};
      bool plain = news_ner_plain(nd, i);
      if (cur[0].l1 == NEWS_NER_O && plain) {
        /* fast path: when the best hypothesis is outside a name, a plain
        ** lower-case word or a punctuation mark stays outside (names start
        ** with a capital or a digit in all but a handful of the training
        ** spans): the hypotheses inside a name are dropped and the model is
        ** skipped, which it is for most tokens */
        for (uint32_t k = 0; k < ncur; k++) {
          if (cur[k].l1 != NEWS_NER_O) continue;
          next[nnext] = (hyp){cur[k].score, NEWS_NER_O, cur[k].l1};
          from[nnext++] = (uint8_t)k;
        }
      } else {
        /* the label-independent features once (those of the token alone
        ** once per distinct token of the document), the label features in
        ** parts, each once per distinct value it depends on: the previous
        ** label, the history value, the two previous labels */
        int32_t fixed[NEWS_NER_NLABELS] = {0};
        int32_t q = same_word_before(nd, base, p, i); /* history: in the stretch */
        int hist0 = q < 0 ? news_ner_history(nd, i) : 0; /* or committed before it */
        int32_t prev[NEWS_NER_NLABELS][NEWS_NER_NLABELS], hs[NEWS_NER_NLABELS + 1][NEWS_NER_NLABELS];
        token_scores(nd, c, s, i, feats, fixed, prev[NEWS_NER_O], hs[0]);
        window_scores(nd, c, s, i, feats, fixed);
        news_ner_model_score(feats, news_ner_features_context(nd, s, i, feats), fixed);
        uint32_t prev_ok = 1u << NEWS_NER_O, hs_ok = 1u << 0;
        for (uint32_t k = 0; k < ncur; k++) {
          int l1 = cur[k].l1, l2 = cur[k].l2;
          int hist = q < 0 ? hist0 : beam_history(&lat, p, k, (uint32_t)q);
          if (!(prev_ok >> l1 & 1)) {
            memset(prev[l1], 0, sizeof prev[l1]);
            news_ner_model_score(feats, news_ner_features_prev(nd, i, l1, feats), prev[l1]);
            prev_ok |= 1u << l1;
          }
          if (!(hs_ok >> hist & 1)) {
            memset(hs[hist], 0, sizeof hs[hist]);
            news_ner_model_score(feats, news_ner_features_hist(nd, i, hist, feats), hs[hist]);
            hs_ok |= 1u << hist;
          }
          if (!m->ok[l1][l2]) {
            memset(m->sc[l1][l2], 0, sizeof m->sc[l1][l2]);
            news_ner_model_score(feats, news_ner_features_pair(l1, l2, feats), m->sc[l1][l2]);
            m->ok[l1][l2] = 1;
          }
          const int32_t *pv = prev[l1], *hv = hs[hist], *rv = m->sc[l1][l2];
          const int64_t score = cur[k].score;
          /* the allowed labels, lowest first */
          for (uint32_t a = allowed[l1]; a; a &= a - 1) {
            const int l = news_ctz(a);
            int64_t v = score + (int32_t)(fixed[l] + pv[l] + hv[l] + rv[l]);
            if (nnext == width && next[width - 1].score >= v) continue; /* as beam_insert would */
            beam_insert(next, from, &nnext, width, (hyp){v, (uint8_t)l, (uint8_t)l1}, (uint8_t)k);
          }
        }
      }
      for (uint32_t k = 0; k < nnext; k++) lat.lab[p][k] = next[k].l1;
      memcpy(lat.back[p], from, sizeof from); /* fixed size: no call */
      hyp *t = cur;
      cur = next;
      next = t;
      ncur = nnext;
      if (p + 1 == NEWS_NER_SPAN || i + 1 == end) {
        /* commit the stretch and go on from its best hypothesis alone */
        beam_commit(nd, &lat, base, p + 1, labels);
        cur[0] = (hyp){0, cur[0].l1, cur[0].l2};
        ncur = 1;
        base = i + 1;
      }
    }
  }
out:
  if (own.slot) nd->mem->free(nd->mem->ctx, own.slot);
  return stopped;
}

int news_ner_model_version(void) {
  return NER_FORMAT;
}

const char *news_ner_model_hash(void) {
  return NER_HASH;
}

uint32_t news_ner_model_features(void) {
  return NER_NFEAT;
}

#define STR2(x) #x
#define STR(x) STR2(x)

const char *news_entities_model(void) {
  return "ner model format " STR(NER_FORMAT) ", training data " NER_HASH ", " STR(NER_NFEAT)
         " features";
}
