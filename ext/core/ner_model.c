/*
** ner_model.c -- the compiled-in averaged-perceptron weights and the greedy
** decoder that uses them (see ner.h).
**
** HOW THE WEIGHTS ARE STORED (gen/ner_model.inc, written by the trainer)
**   The few thousand strongest features (label bias, previous-label and
**   casing features, whose large weights decide most tokens) sit in a small
**   exact table: full 32-bit keys in ner_big_key (linear probing, 0 =
**   empty), their int32 weights in ner_big_w[ner_big_row[slot]].  A feature
**   is looked up there first.
**   All others live in an open-addressing table of 2^NER_SLOTS_LOG2 slots with linear probing.
**   A feature hash h starts at slot h & mask; ner_fp[slot] holds a 16-bit
**   fingerprint of the hash that lives there (h >> 16, never 0; 0 marks an
**   empty slot).  The NEWS_NER_NLABELS weights of slot s are the bytes
**   ner_w[s * NLABELS ...]: each is a signed 8-bit code c stored as
**   (c + 79) mod 256, so that the common small codes are printable
**   characters and the generated string literal stays compact, and c stands
**   for the weight ner_level[c + 127], a logarithmic scale from the 5th
**   percentile weight up to the largest (about 10% apart), which keeps both
**   the many small weights and the few decisive large ones.  The trainer guarantees that a chain never holds
**   two equal fingerprints, and that the table is at most ~70% full, so a
**   look-up takes a couple of probes.  A feature absent from the model may
**   match a stranger's fingerprint with odds of about 1 in 65536 per probe;
**   that only adds one small weight.
**
** DECODING
**   news_ner_tag() walks each sentence left to right, scores the labels
**   allowed after the previous one (BIO: I-X only continues X), keeps the
**   best (ties go to the lower label number, O first) and records it in the
**   history that later tokens' features read.  Linear in tokens.
*/
#include "ner.h"

#if defined(__GNUC__)
#pragma GCC diagnostic ignored "-Woverlength-strings"
#endif

#include "gen/ner_model.inc"

#define MASK ((1u << NER_SLOTS_LOG2) - 1u)

/* The weight stored in byte b: the code c = (b - 79) as a signed byte, then
** ner_level[c + 127] (a log-scale level; the trainer writes the table). */
static inline int32_t weight(unsigned char b) {
  int c = (int)b - 79;
  if (c > 127) c -= 256;
  return ner_level[c + 127];
}

#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

void news_ner_model_score(const uint32_t *feats, uint32_t n, int32_t *scores) {
  /* The tables are bigger than the caches and each look-up lands somewhere
  ** random, so ask for every first slot up front: the memory fetches then
  ** overlap instead of running one after the other. */
  for (uint32_t k = 0; k < n; k++) {
    uint32_t h = feats[k];
    PREFETCH(&ner_big_key[h & (NER_BIG_SLOTS - 1)]);
    PREFETCH(&ner_big_row[h & (NER_BIG_SLOTS - 1)]);
    PREFETCH(&ner_fp[h & MASK]);
    PREFETCH(ner_w + (size_t)(h & MASK) * NEWS_NER_NLABELS);
  }
  for (uint32_t k = 0; k < n; k++) {
    uint32_t h = feats[k];
    bool big = false;
    for (uint32_t s = h & (NER_BIG_SLOTS - 1); ner_big_key[s]; s = (s + 1) & (NER_BIG_SLOTS - 1)) {
      if (ner_big_key[s] != h) continue;
      const int32_t *w = ner_big_w[ner_big_row[s]];
      for (int l = 0; l < NEWS_NER_NLABELS; l++) scores[l] += w[l];
      big = true;
      break;
    }
    if (big) continue;
    uint16_t fp = (uint16_t)(h >> 16);
    if (!fp) fp = 1;
    for (uint32_t s = h & MASK; ner_fp[s]; s = (s + 1) & MASK) {
      if (ner_fp[s] != fp) continue;
      const unsigned char *w = (const unsigned char *)ner_w + (size_t)s * NEWS_NER_NLABELS;
      for (int l = 0; l < NEWS_NER_NLABELS; l++) scores[l] += weight(w[l]);
      break;
    }
  }
}

/* True when token i cannot start a name: no capital letter, no digit, no
** non-ASCII character (so "iPhone", "49ers", "Ürümqi" are all scored). */
static bool plain_token(const news_ner_doc *nd, uint32_t i) {
  const news_token *t = &nd->tok[i];
  for (uint32_t j = t->start; j < t->end; j++) {
    unsigned char c = (unsigned char)nd->text[j];
    if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80) return false;
  }
  return true;
}

void news_ner_tag(news_ner_doc *nd, uint8_t *labels) {
  uint32_t feats[NEWS_NER_MAXFEAT];
  for (uint32_t s = 0; s < nd->nsent; s++) {
    int p1 = NEWS_NER_O, p2 = NEWS_NER_O;
    for (uint32_t i = nd->sent[s].tok_begin; i < nd->sent[s].tok_end; i++) {
      if (p1 == NEWS_NER_O && plain_token(nd, i)) {
        /* fast path: outside a name, a plain lower-case word or a
        ** punctuation mark stays outside (names start with a capital or a
        ** digit in all but a handful of the training spans); this skips
        ** the model for about three tokens in four */
        labels[i] = NEWS_NER_O;
        p2 = p1;
        continue;
      }
      uint32_t n = news_ner_features(nd, s, i, p1, p2, feats);
      int32_t sc[NEWS_NER_NLABELS] = {0};
      news_ner_model_score(feats, n, sc);
      int best = NEWS_NER_O;
      for (int l = 1; l < NEWS_NER_NLABELS; l++)
        if (news_ner_allowed(p1, l) && sc[l] > sc[best]) best = l;
      labels[i] = (uint8_t)best;
      news_ner_remember(nd, i, best);
      p2 = p1;
      p1 = best;
    }
  }
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
