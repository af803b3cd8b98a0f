/*
** attrib_model.c -- the trained attribution-cue model: does a word head a
** cue of attribution ("proposed", "forecast", "approved", "signed") that
** the word lists of attrib.c do not hold?
**
** HOW IT WORKS
**   A binary linear model (an averaged perceptron, trained by
**   ext/tools/train_attrib.c on PolNeAR's train split; docs/attributions.md)
**   over hashed features of a lower-case word token: the word itself, its
**   last three letters, the words (or marks) one and two places either side
**   and their pairs with the word, whether a capitalised word or a pronoun
**   (a likely source) stands just before, and how far the word is from its
**   sentence's ends.  The word's score is the sum of the weights of its
**   features; above the threshold it heads a cue.  attrib.c then reads the
**   cue like a speech verb: the source through the speaker rules, the
**   content after it (or the clause before, inverted).
**
**   The weights are gen/attrib_model.inc: an open-addressing table of
**   feature hashes (at most half full, linear probing) with 16-bit weights,
**   and a small table of the candidate words: the words whose cue made a
**   right row at least twice, and in at least 2% of their uses, in
**   training, behind a bit per length, first and last letter of theirs.  Most words fail that bit; the others are
**   rejected after hashing and one probe, so the model costs little.
*/
#include "attrib_model.h"

#include <string.h>

#define FNV_OFFSET 2166136261u
#define FNV_PRIME 16777619u

/* The hash of token i's form in a feature: a word in lower case (ASCII
** letters folded, at most its first 20 bytes), or a constant for a
** number, an opening or closing quotation mark, and the places before and
** after the sentence [sb, se); punctuation by its bytes. */
static uint32_t tok_hash(const unsigned char *s, const news_token *tok, uint32_t sb, uint32_t se, int64_t i) {
  if (i < (int64_t)sb) return 0x9e3779b9u;
  if (i >= (int64_t)se) return 0x7f4a7c15u;
  const news_token *t = &tok[i];
  if (NEWS_TOK_IS(t->kind, NEWS_TOK_RANGE_NUMBER)) return 0x85ebca6bu;
  if (t->kind == NEWS_TOK_QUOTE_OPEN) return 0xc2b2ae35u;
  if (t->kind == NEWS_TOK_QUOTE_CLOSE) return 0x27d4eb2fu;
  uint32_t n = t->end - t->start, h = FNV_OFFSET;
  if (n > 20) n = 20;
  for (uint32_t k = 0; k < n; k++) {
    unsigned char ch = s[t->start + k];
    h = (h ^ (ch >= 'A' && ch <= 'Z' ? ch | 0x20u : ch)) * FNV_PRIME;
  }
  return h;
}

/* The last three bytes of word token i, folded as above. */
static uint32_t suffix_hash(const unsigned char *s, const news_token *t) {
  uint32_t n = t->end - t->start, a = n > 3 ? n - 3 : 0, h = FNV_OFFSET ^ 0x5bd1e995u;
  for (uint32_t k = a; k < n; k++) {
    unsigned char ch = s[t->start + k];
    h = (h ^ (ch >= 'A' && ch <= 'Z' ? ch | 0x20u : ch)) * FNV_PRIME;
  }
  return h;
}

static uint32_t comb(uint32_t h, uint32_t x) { return h ^ (x + 0x9e3779b9u + (h << 6) + (h >> 2)); }

/* A feature key from a template number and its parts' hashes: never 0
** (the empty slot) nor 1 (the bias). */
static uint32_t key(uint32_t h) {
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  return h > 1 ? h : h + 2;
}

enum { T_W = 0x1001, T_WN, T_WNN, T_PW, T_PPW, T_N, T_NN, T_P, T_PP, T_S, T_SN, T_SP, T_POS, T_SRCW };

/* A capitalised word or a subject pronoun among the 4 tokens before i: a
** source the cue may follow. */
static bool source_before(const unsigned char *s, const news_token *tok, uint32_t sb, uint32_t i) {
  static const char *const prons[] = {"he", "she", "they", "we", "it", "I", "who", NULL};
  for (uint32_t k = i > sb + 4 ? i - 4 : sb; k < i; k++) {
    const news_token *t = &tok[k];
    if (t->kind != NEWS_TOK_WORD) continue;
    if ((t->flags & NEWS_TF_UPPER) && k > sb) return true;
    if (t->end - t->start > 4) continue;
    for (const char *const *p = prons; *p; p++)
      if (strlen(*p) == t->end - t->start && !memcmp(s + t->start, *p, t->end - t->start)) return true;
  }
  return false;
}

static uint32_t bucket(uint32_t d) { return d == 0 ? 0 : d == 1 ? 1 : d == 2 ? 2 : d <= 5 ? 3 : d <= 12 ? 4 : 5; }

static bool candidate(const news_token *t) {
  uint32_t n = t->end - t->start;
  return t->kind == NEWS_TOK_WORD && !(t->flags & NEWS_TF_UPPER) && n >= 2 && n <= 20;
}

uint32_t news_attrib_model_features(const unsigned char *s, const news_token *tok, uint32_t ntok,
                                    const news_sentence *sent, uint32_t i, uint32_t *f) {
  if (i >= ntok || !candidate(&tok[i])) return 0;
  const news_sentence *st = &sent[tok[i].sentence];
  uint32_t sb = st->tok_begin, se = st->tok_end;
  uint32_t w = tok_hash(s, tok, sb, se, i), p1 = tok_hash(s, tok, sb, se, (int64_t)i - 1),
           p2 = tok_hash(s, tok, sb, se, (int64_t)i - 2), n1 = tok_hash(s, tok, sb, se, (int64_t)i + 1),
           n2 = tok_hash(s, tok, sb, se, (int64_t)i + 2), sx = suffix_hash(s, &tok[i]);
  uint32_t pos = bucket(i - sb) * 16 + bucket(se - 1 - i) * 2 + source_before(s, tok, sb, i);
  uint32_t n = 0;
  f[n++] = key(comb(T_W, w));
  f[n++] = key(comb(comb(T_WN, w), n1));
  f[n++] = key(comb(comb(comb(T_WNN, w), n1), n2));
  f[n++] = key(comb(comb(T_PW, p1), w));
  f[n++] = key(comb(comb(comb(T_PPW, p2), p1), w));
  f[n++] = key(comb(T_N, n1));
  f[n++] = key(comb(comb(T_NN, n1), n2));
  f[n++] = key(comb(T_P, p1));
  f[n++] = key(comb(comb(T_PP, p2), p1));
  f[n++] = key(comb(T_S, sx));
  f[n++] = key(comb(comb(T_SN, sx), n1));
  f[n++] = key(comb(comb(T_SP, p1), sx));
  f[n++] = key(comb(T_POS, pos));
  f[n++] = key(comb(comb(T_SRCW, pos & 1), w));
  f[n++] = 1; /* bias */
  return n;
}

#ifdef ATTRIB_MODEL_ALL
/* The trainer's build (ext/tools/train_attrib.c): no weights, and every
** candidate word is read as a cue, so that the rows it makes can be
** compared with the gold ones. */
int32_t news_attrib_model_weight(uint32_t key, bool *found) {
  (void)key;
  *found = false;
  return 0;
}

bool news_attrib_model_cue(const unsigned char *s, const news_token *tok, uint32_t ntok,
                           const news_sentence *sent, uint32_t i) {
  (void)s;
  (void)sent;
  return i < ntok && candidate(&tok[i]);
}

const char *news_attributions_model(void) { return "attribution cue model: none (the trainer's build)"; }
#else
#include "gen/attrib_model.inc"

/* The bit of word token t in the candidate words' shape filter: its
** length, first and last byte (the low five bits of each). */
static uint32_t shape_bit(const unsigned char *s, const news_token *t) {
  return ((t->end - t->start) * 32u + (s[t->start] & 31u)) * 32u + (s[t->end - 1] & 31u);
}

int32_t news_attrib_model_weight(uint32_t key, bool *found) {
  uint32_t h = key & (ATTRIB_MODEL_SLOTS - 1);
  while (attrib_model_keys[h] && attrib_model_keys[h] != key) h = (h + 1) & (ATTRIB_MODEL_SLOTS - 1);
  *found = key && attrib_model_keys[h] == key;
  return *found ? attrib_model_weights[h] : 0;
}

/* Is key the own feature of a candidate word? */
static bool candidate_word(uint32_t key) {
  uint32_t h = key & (ATTRIB_MODEL_WORD_SLOTS - 1);
  while (attrib_model_words[h] && attrib_model_words[h] != key) h = (h + 1) & (ATTRIB_MODEL_WORD_SLOTS - 1);
  return attrib_model_words[h] == key;
}

bool news_attrib_model_cue(const unsigned char *s, const news_token *tok, uint32_t ntok,
                           const news_sentence *sent, uint32_t i) {
  if (i >= ntok || !candidate(&tok[i])) return false;
  uint32_t b = shape_bit(s, &tok[i]);
  if (!(attrib_model_shapes[b >> 3] & (1u << (b & 7)))) return false;
  const news_sentence *st = &sent[tok[i].sentence];
  if (!candidate_word(key(comb(T_W, tok_hash(s, tok, st->tok_begin, st->tok_end, i))))) return false;
  uint32_t f[NEWS_AM_MAXF];
  uint32_t n = news_attrib_model_features(s, tok, ntok, sent, i, f);
  int32_t sc = 0;
  bool found;
  for (uint32_t k = 0; k < n; k++) sc += news_attrib_model_weight(f[k], &found);
  return sc > ATTRIB_MODEL_THRESHOLD;
}

const char *news_attributions_model(void) { return ATTRIB_MODEL_INFO; }
#endif
