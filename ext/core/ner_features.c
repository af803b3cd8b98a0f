/*
** ner_features.c -- the features of the named-entity tagger (see ner.h).
**
** WHAT IT DOES
**   Turns a tokenised document into, for each token, a list of 32-bit
**   feature hashes.  The same code serves the compiled-in scorer and the
**   trainer (ext/tools/train_ner.c), so both see identical features.
**
** HOW IT WORKS
**   news_ner_prepare() makes a few linear passes:
**     1. per token: fold the word to lower case (into one shared buffer),
**        hash it (FNV-1a), hash its short shape ("Xx", "X.X.", "dd-dd"
**        with runs collapsed), note its casing; then look the hash up in
**        the word table gen/ner_words.inc (gazetteer bits and word
**        cluster, one probe; the slots are prefetched in the first loop);
**        whether the whole text is hard-wrapped is decided first;
**     2. per sentence: mark "headline" sentences, where most words with
**        letters are in capitals, so that capitals there mean little, and
**        find the runs of capitalised words ("Bank of England");
**     3. per document: an open-addressing table keyed by word hash collects
**        how each word is written elsewhere in the article (capitalised in
**        mid-sentence, lower case, ...).  A sentence-initial "Rice" or a
**        headline "CHINA" then borrows evidence from its other mentions.
**   news_ner_features_static() and news_ner_features_labels() combine
**   the token's window (two tokens either side, within the sentence),
**   affixes, gazetteer bits, clusters, the capitalised run, the two
**   previous labels and the label last given to the same word in the
**   article (news_ner_remember) into hashes.  Each
**   feature is a template number mixed with up to two values, so a
**   template can never collide with another template's strings.
**
** INVARIANTS
**   Folded forms are capped at NER_FOLDMAX bytes per token, so the fold
**   buffer is at most NER_FOLDMAX * ntok and each token costs O(1).
*/
#include "ner.h"

#include "gen/ner_words.inc"

/* Document-wide bits of a word (news_ner_tok.doc). */
#define DOC_MIDCAP 1 /* capitalised mid-sentence in ordinary text */
#define DOC_LOWER 2  /* written in lower case somewhere */
#define DOC_START 4  /* capitalised at a sentence start */
#define DOC_MANY 8   /* occurs more than once */

/* Feature templates.  Numbers are part of the hashes: append, never
** renumber (the model would silently change meaning). */
enum {
  T_BIAS = 1, T_W, T_SH, T_PRE, T_SUF, T_WM1, T_WP1, T_WM2, T_WP2, T_SHM1, T_SHP1,
  T_SHM2, T_SHP2, T_SH_M1_0, T_SH_0_P1, T_SH_M1_0_P1, T_W_M1_0, T_W_0_P1, T_CAPS,
  T_CAPS_SH, T_HEAD_W, T_KIND, T_GAZ, T_GAZM1, T_GAZP1, T_DOC, T_T1, T_T12, T_T1_W,
  T_T1_SH, T_HIST, T_HIST_SH, T_LEN, T_SLEN, T_NL, T_W_CAPS, T_GAZ_SH, T_WM1_SH0,
  T_WP1_SH0, T_KM1, T_KP1, T_QUOTE, T_CL, T_CLC, T_CLM1, T_CLP1, T_CL_SH, T_CL_T1,
  T_CLC_M1_0, T_CLC_0_P1, T_CASING, T_CASING_CAPS, T_CASING_P1, T_RUN_LAST, T_RUN_FIRST,
  T_RUN_LASTCL, T_RUN_LEN, T_RUN_LASTGAZ
};


/* Mixes a template number and two values into one hash (murmur3 finaliser). */
static uint32_t mix(uint32_t t, uint32_t a, uint32_t b) {
  uint32_t h = t * 0x9e3779b1u ^ a;
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h ^= b * 0xc2b2ae35u;
  h *= 0xc2b2ae35u;
  h ^= h >> 16;
  return h ? h : 1;
}

/* ----------------------------------------------------------- preparation */

/* Short shape of a token: X for upper, x for lower, d for digits, other
** ASCII as itself, '~' for other characters; runs collapsed; at most 12. */
static uint32_t shape_hash(const unsigned char *s, size_t len, unsigned *caps) {
  char out[12];
  size_t n = 0, nup = 0, nlow = 0;
  for (size_t i = 0; i < len;) {
    int32_t cp;
    i = news_utf8_next(s, len, i, &cp);
    char c;
    if (news_is_upper(cp)) c = 'X', nup++;
    else if (news_is_lower(cp)) c = 'x', nlow++;
    else if (news_is_digit(cp)) c = 'd';
    else if (news_is_letter(cp)) c = 'x', nlow++; /* caseless scripts */
    else if (cp < 0x80) c = (char)cp;
    else c = '~';
    if (n && out[n - 1] == c) continue;
    if (n < sizeof out) out[n++] = c;
  }
  *caps = 0;
  if (n && out[0] == 'X') *caps |= CAP_UPPER;
  if (nup >= 2 && nlow == 0) *caps |= CAP_ALL;
  return news_ner_hash(NEWS_NER_HASH0, out, n);
}

/* The word table (gen/ner_words.inc): gazetteer bits << 16 | word cluster
** for the folded word whose FNV-1a hash is h, or 0.  Linear probing from
** h & (slots - 1); a 0 key ends the chain. */
static uint32_t word_lookup(uint32_t h) {
  for (uint32_t s = h & (NER_WORDS_SLOTS - 1); ner_word_key[s]; s = (s + 1) & (NER_WORDS_SLOTS - 1))
    if (ner_word_key[s] == h) return ner_word_val[s];
  return 0;
}

/* Folds s[0..len) to lower case into out, keeping only the whole characters
** that fit in cap bytes; returns the bytes written. */
static size_t fold_prefix(const unsigned char *s, size_t len, char *out, size_t cap) {
  size_t n = 0;
  for (size_t i = 0; i < len;) {
    if (s[i] < 0x80) { /* ASCII: no decoding (same result, most of the text) */
      if (n + 1 > cap) break;
      out[n++] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
      i++;
      continue;
    }
    int32_t cp;
    i = news_utf8_next(s, len, i, &cp);
    char buf[4];
    int k = news_utf8_encode(news_tolower(cp), buf);
    if (n + (size_t)k > cap) break;
    memcpy(out + n, buf, (size_t)k);
    n += (size_t)k;
  }
  return n;
}

/* The folded form (into fold), word hash, shape hash and casing of a token
** s[0..len) of at most 64 ASCII bytes, in one pass: the values that
** fold_prefix(), news_ner_hash() and shape_hash() give it (its fold is its
** bytes lower-cased, cut at NER_FOLDMAX; its shape, that of every byte).
** False, with x partly written, at the first non-ASCII byte. */
static bool ascii_token(const unsigned char *s, size_t len, news_ner_tok *x, char *fold) {
  uint32_t wh = NEWS_NER_HASH0, sh = NEWS_NER_HASH0;
  unsigned n = 0, nup = 0, nlow = 0, last = 256 /* no character */, notplain = 0;
  for (size_t j = 0; j < len; j++) {
    unsigned c = s[j], ch = c, f = c;
    if (c >= 0x80) return false;
    if (c - 'A' < 26u) ch = 'X', f = c + 32, nup++, notplain = 1;
    else if (c - 'a' < 26u) ch = 'x', nlow++;
    else if (c - '0' < 10u) ch = 'd', notplain = 1;
    if (j < NER_FOLDMAX) {
      fold[j] = (char)f;
      wh = (wh ^ f) * 16777619u;
    }
    if (ch != last && n < 12) { /* runs collapsed, at most 12 */
      sh = (sh ^ ch) * 16777619u;
      last = ch;
      n++;
    }
  }
  x->len = (uint16_t)(len < NER_FOLDMAX ? len : NER_FOLDMAX);
  x->word = wh;
  x->shape = sh;
  x->caps = (uint8_t)((len && s[0] - 65u < 26u ? CAP_UPPER : 0) | (nup >= 2 && nlow == 0 ? CAP_ALL : 0));
  x->plain = (uint8_t)!notplain;
  return true;
}

/* True when s[0..len) holds no capital letter, digit or non-ASCII byte. */
static bool plain_bytes(const unsigned char *s, size_t len) {
  for (size_t j = 0; j < len; j++)
    if (s[j] - 65u < 26u || s[j] - 48u < 10u || s[j] >= 0x80) return false; /* A-Z, 0-9 */
  return true;
}

/* A power of two at least 2n (and at least 16). */
static uint32_t table_size(uint32_t n) {
  uint32_t s = 16;
  while (s < 2 * n && s < 0x40000000u) s <<= 1;
  return s;
}

/* True when the text looks hard-wrapped (old wire copy): at least three
** single line breaks inside paragraphs, most of them after a word or a
** comma (inside a sentence), and four in five of the lines they end filled
** to a width of 45 to 90 bytes.  In such text a line break says nothing, and a name may
** run across one; elsewhere a line break starts a new line of meaning
** (headline, dateline, list item, paragraph). */
static bool hard_wrapped(const news_doc *d) {
  const news_token *tok = d->tokens.data;
  uint32_t breaks = 0, filled = 0, inside = 0, line_start = 0;
  for (uint32_t i = 1; i < d->tokens.n; i++) {
    if (!(tok[i].flags & NEWS_TF_NEWLINE)) continue;
    /* a blank line or an indented line starts a paragraph: the line before
    ** it ends one, short or not ("    The bill would ..." in wire copy) */
    bool indented = d->text[tok[i].start - 1] == ' ' || d->text[tok[i].start - 1] == '\t';
    if (!(tok[i].flags & NEWS_TF_PARA) && !indented) {
      uint32_t width = tok[i - 1].end - tok[line_start].start;
      breaks++;
      if (width >= 45 && width <= 90) filled++;
      const news_token *t = &tok[i - 1];
      if (NEWS_TOK_IS(t->kind, NEWS_TOK_RANGE_WORD) || t->mark == ',') inside++;
    }
    line_start = i;
  }
  return breaks >= 3 && filled * 5 >= breaks * 4 && inside * 2 > breaks;
}

/* A capitalised word token. */
static bool cap_word(const news_ner_doc *nd, uint32_t i) {
  const news_token *t = &nd->tok[i];
  return NEWS_TOK_IS(t->kind, NEWS_TOK_RANGE_WORD) && t->kind != NEWS_TOK_CLITIC &&
         (nd->info[i].caps & CAP_UPPER);
}

/* A lower-case "of" or "de" (folded forms are ready when this runs). */
static bool joiner(const news_ner_doc *nd, uint32_t i) {
  const news_ner_tok *x = &nd->info[i];
  const char *f = nd->fold + x->off;
  return !(x->caps & CAP_UPPER) && x->len == 2 &&
         (memcmp(f, "of", 2) == 0 || memcmp(f, "de", 2) == 0);
}

/* Polls the stop callback every 4096 tokens of a pass. */
#define NER_POLL()                                                                                    \
  do {                                                                                                \
    if (news_doc_poll(d, &nPoll)) return NEWS_ERR_INTERRUPTED;                                        \
  } while (0)

news_rc news_ner_prepare(news_doc *d, news_ner_doc *nd) {
  memset(nd, 0, sizeof *nd);
  nd->mem = d->mem;
  nd->text = d->text;
  nd->tok = d->tokens.data;
  nd->ntok = d->tokens.n;
  nd->sent = d->sentences.data;
  nd->nsent = d->sentences.n;
  nd->doc = d;
  const news_mem *m = d->mem;
  uint32_t nPoll = 0; /* for NER_POLL() */
  uint32_t n = nd->ntok;
  if (n == 0) return NEWS_OK;

  /* fold buffer: each token needs at most min(3 * bytes, NER_FOLDMAX) */
  size_t fold_cap = 0;
  for (uint32_t i = 0; i < n; i++) {
    NER_POLL();
    size_t b = (size_t)(nd->tok[i].end - nd->tok[i].start) * 3;
    fold_cap += b < NER_FOLDMAX ? b : NER_FOLDMAX;
  }
  nd->info = m->alloc(m->ctx, (size_t)n * sizeof *nd->info);
  nd->fold = m->alloc(m->ctx, fold_cap + 1);
  uint32_t ts = table_size(n);
  nd->hist_key = m->alloc(m->ctx, (size_t)ts * sizeof *nd->hist_key);
  nd->hist_val = m->alloc(m->ctx, ts);
  if (!nd->info || !nd->fold || !nd->hist_key || !nd->hist_val) return NEWS_ERR_NOMEM;
  nd->hist_mask = ts - 1;

  /* in hard-wrapped text a line break is not a sentence or line start */
  nd->wrapped = hard_wrapped(d);

  /* pass 1: per token */
  const unsigned char *u = (const unsigned char *)d->text;
  uint32_t off = 0;
  for (uint32_t i = 0; i < n; i++) {
    NER_POLL();
    const news_token *t = &nd->tok[i];
    news_ner_tok *x = &nd->info[i];
    size_t blen = t->end - t->start;
    x->off = off;
    if (blen > 64 || !ascii_token(u + t->start, blen, x, nd->fold + off)) {
      size_t cap = blen * 3 < NER_FOLDMAX ? blen * 3 : NER_FOLDMAX;
      x->len = (uint16_t)fold_prefix(u + t->start, blen, nd->fold + off, cap);
      x->word = news_ner_hash(NEWS_NER_HASH0, nd->fold + x->off, x->len);
      unsigned caps;
      x->shape = shape_hash(u + t->start, blen < 64 ? blen : 64, &caps);
      x->caps = (uint8_t)caps;
      x->plain = plain_bytes(u + t->start, blen);
    }
    off += x->len;
    x->gaz = 0;
    x->cluster = 0;
#if defined(__GNUC__)
    __builtin_prefetch(&ner_word_key[x->word & (NER_WORDS_SLOTS - 1)]);
#endif
    if ((t->flags & NEWS_TF_NEWLINE) && !nd->wrapped) x->caps |= CAP_START;
    x->doc = 0;
  }

  /* pass 1b: word table look-ups, after pass 1 asked for the slots */
  for (uint32_t i = 0; i < n; i++) {
    NER_POLL();
    const news_token *t = &nd->tok[i];
    news_ner_tok *x = &nd->info[i];
    if (NEWS_TOK_IS(t->kind, NEWS_TOK_RANGE_WORD) && t->kind != NEWS_TOK_CLITIC) {
      uint32_t v = word_lookup(x->word);
      x->cluster = (uint16_t)(v & 0xffff);
      if (x->caps & CAP_UPPER) { /* the gazetteer speaks of capitalised words only */
        x->gaz = (uint16_t)(v >> 16);
        if (!x->gaz && x->len > 1 && nd->fold[x->off + x->len - 1] == '.') /* "Sen." -> "sen" */
          x->gaz = (uint16_t)(word_lookup(news_ner_hash(NEWS_NER_HASH0, nd->fold + x->off,
                                                        x->len - 1u)) >> 16);
      }
    }
  }

  /* pass 2: sentence starts and headline sentences */
  for (uint32_t s = 0; s < nd->nsent; s++) {
    const news_sentence *st = &nd->sent[s];
    uint32_t words = 0, upper = 0;
    bool first = true;
    for (uint32_t i = st->tok_begin; i < st->tok_end; i++) {
      NER_POLL();
      const news_token *t = &nd->tok[i];
      if (!NEWS_TOK_IS(t->kind, NEWS_TOK_RANGE_WORD)) continue;
      if (first) nd->info[i].caps |= CAP_START, first = false;
      if (t->end - t->start < 2) continue;
      words++;
      if (nd->info[i].caps & CAP_ALL) upper++;
    }
    if (words >= 2 && upper * 2 > words)
      for (uint32_t i = st->tok_begin; i < st->tok_end; i++) nd->info[i].caps |= CAP_HEADLINE;
  }

  /* pass 2b: runs of capitalised words, joined by a lower-case "of" or
  ** "de" when a capitalised word follows ("Bank of England") */
  for (uint32_t s = 0; s < nd->nsent; s++) {
    const news_sentence *st = &nd->sent[s];
    uint32_t i = st->tok_begin;
    while (i < st->tok_end) {
      NER_POLL();
      nd->info[i].run_first = nd->info[i].run_last = i;
      if (!cap_word(nd, i)) {
        i++;
        continue;
      }
      uint32_t j = i + 1;
      for (;;) {
        if (j < st->tok_end && cap_word(nd, j)) j++;
        else if (j + 1 < st->tok_end && joiner(nd, j) && cap_word(nd, j + 1)) j += 2;
        else break;
      }
      for (uint32_t k = i; k < j; k++) nd->info[k].run_first = i, nd->info[k].run_last = j - 1;
      i = j;
    }
  }

  /* pass 3: how each word is written across the document, collected in the
  ** history table (reset afterwards for the labels) */
  if (news_doc_zero_polled(d, nd->hist_key, (size_t)ts * sizeof *nd->hist_key) ||
      news_doc_zero_polled(d, nd->hist_val, ts))
    return NEWS_ERR_INTERRUPTED;
  for (int pass = 0; pass < 2; pass++) {
    for (uint32_t i = 0; i < n; i++) {
      NER_POLL();
      news_ner_tok *x = &nd->info[i];
      if (!NEWS_TOK_IS(nd->tok[i].kind, NEWS_TOK_RANGE_WORD)) continue;
      uint32_t k = x->word ? x->word : 1, h = k & nd->hist_mask;
      while (nd->hist_key[h] && nd->hist_key[h] != k) h = (h + 1) & nd->hist_mask;
      if (pass == 0) {
        uint8_t bits = nd->hist_key[h] ? DOC_MANY : 0;
        nd->hist_key[h] = k;
        if (!(x->caps & CAP_UPPER)) bits |= DOC_LOWER;
        else if (x->caps & CAP_START) bits |= DOC_START;
        else if (!(x->caps & (CAP_HEADLINE | CAP_ALL))) bits |= DOC_MIDCAP;
        nd->hist_val[h] |= bits;
      } else {
        x->doc = nd->hist_val[h];
      }
    }
  }
  if (news_doc_zero_polled(d, nd->hist_key, (size_t)ts * sizeof *nd->hist_key) ||
      news_doc_zero_polled(d, nd->hist_val, ts))
    return NEWS_ERR_INTERRUPTED;
  return NEWS_OK;
}

/* Each free of a huge document's array is a munmap of tens of ms, so they
** are given back a piece at a time with polls between (their answer does
** not matter: the caller is finishing anyway).  The sizes are known but
** the fold buffer's (a bound only); a table not fully built counts as 0. */
void news_ner_release(news_ner_doc *nd) {
  const news_mem *m = nd->mem;
  if (!m) return;
  size_t ts = nd->hist_mask ? (size_t)nd->hist_mask + 1 : 0;
  news_doc_free_array_polled(nd->doc, m, nd->info, (size_t)nd->ntok * sizeof *nd->info);
  news_doc_free_array_polled(nd->doc, m, nd->fold, 0);
  news_doc_free_array_polled(nd->doc, m, nd->hist_key, ts * sizeof *nd->hist_key);
  news_doc_free_array_polled(nd->doc, m, nd->hist_val, ts);
  memset(nd, 0, sizeof *nd);
}

/* ------------------------------------------------------------- history */

static uint32_t hist_slot(const news_ner_doc *nd, uint32_t word) {
  uint32_t k = word ? word : 1, h = k & nd->hist_mask;
  while (nd->hist_key[h] && nd->hist_key[h] != k) h = (h + 1) & nd->hist_mask;
  return h;
}

void news_ner_remember(news_ner_doc *nd, uint32_t i, int label) {
  const news_ner_tok *x = &nd->info[i];
  if (!(x->caps & CAP_UPPER)) return; /* only names carry over */
  uint32_t h = hist_slot(nd, x->word);
  nd->hist_key[h] = x->word ? x->word : 1;
  nd->hist_val[h] = (uint8_t)(label + 1);
}

/* ------------------------------------------------------------- features */

/* Hashes of the first (pre[k-1]) and last (suf[k-1]) k characters of the
** folded word, k = 1..4 (the whole word when it is shorter).  The prefix
** hashes extend one another, each character's bytes once. */
static void affixes(const news_ner_doc *nd, const news_ner_tok *x, uint32_t pre[4], uint32_t suf[4]) {
  const unsigned char *s = (const unsigned char *)nd->fold + x->off;
  size_t n = x->len, i = 0;
  uint32_t h = NEWS_NER_HASH0;
  for (int c = 0; c < 4; c++) {
    if (i < n) {
      h = (h ^ s[i]) * 16777619u;
      i++;
      while (i < n && (s[i] & 0xc0) == 0x80) h = (h ^ s[i]) * 16777619u, i++;
    }
    pre[c] = h;
  }
  i = n;
  for (int c = 0; c < 4; c++) {
    if (i > 0) {
      i--;
      while (i > 0 && (s[i] & 0xc0) == 0x80) i--;
    }
    suf[c] = news_ner_hash(NEWS_NER_HASH0, s + i, n - i);
  }
}

#define BOS 0x5eed0001u /* stand-ins for words before/after the sentence */
#define CL_BOS 0x10001u /* and for their clusters (above any uint16 value) */
#define CL_EOS 0x10002u
#define EOS 0x5eed0002u

/* The static features of token i in the order the trainer sees them; part
** selects all of them, only those of the token alone (TOK: its word,
** shape, affixes, casing, kind, gazetteer bits, cluster and length, the
** same wherever the same word is written the same way), only those of the
** shapes, kinds and gazetteer bits around it, its sentence's length and
** whether a line starts with it (WIN: news_ner_window_key()),
** or the others (CTX: its neighbours' words and clusters, its run, how the
** document writes the word). */
enum { PART_ALL, PART_TOK, PART_WIN, PART_CTX };

#if defined(__GNUC__)
#define ALWAYS_INLINE __attribute__((always_inline)) inline
#else
#define ALWAYS_INLINE inline
#endif

/* Inlined into each caller, so that each part is compiled on its own
** without the tests of the others. */
static ALWAYS_INLINE uint32_t features_static(const news_ner_doc *nd, uint32_t s, uint32_t i,
                                              uint32_t *out, int part) {
  const news_sentence *st = &nd->sent[s];
  const news_ner_tok *x = &nd->info[i];
  const news_token *t = &nd->tok[i];
  uint32_t n = 0;
#define PUT(tid, a, b) (void)(out[n++] = mix((tid), (uint32_t)(a), (uint32_t)(b)))
#define FT(tid, a, b) (part == PART_ALL || part == PART_TOK ? PUT(tid, a, b) : (void)0)
#define FW(tid, a, b) (part == PART_ALL || part == PART_WIN ? PUT(tid, a, b) : (void)0)
#define F(tid, a, b) (part == PART_ALL || part == PART_CTX ? PUT(tid, a, b) : (void)0)
  uint32_t w[5], sh[5], gz[5], kd[5], cl[5];
  for (int k = -2; k <= 2; k++) {
    int64_t j = (int64_t)i + k;
    if (j < st->tok_begin) w[k + 2] = sh[k + 2] = BOS, gz[k + 2] = kd[k + 2] = 0, cl[k + 2] = CL_BOS;
    else if (j >= st->tok_end) w[k + 2] = sh[k + 2] = EOS, gz[k + 2] = kd[k + 2] = 0, cl[k + 2] = CL_EOS;
    else {
      const news_ner_tok *y = &nd->info[j];
      w[k + 2] = y->word;
      sh[k + 2] = y->shape;
      gz[k + 2] = y->gaz;
      kd[k + 2] = nd->tok[j].kind;
      cl[k + 2] = y->cluster;
    }
  }
  unsigned caps = x->caps;
  bool upper = caps & CAP_UPPER;

  FT(T_BIAS, 0, 0);
  FT(T_W, w[2], 0);
  FT(T_SH, sh[2], 0);
  if (part == PART_ALL || part == PART_TOK) {
    uint32_t pre[4], suf[4];
    affixes(nd, x, pre, suf);
    for (int k = 1; k <= 4; k++) {
      FT(T_PRE, pre[k - 1], k);
      FT(T_SUF, suf[k - 1], k);
    }
  }
  F(T_WM1, w[1], 0);
  F(T_WP1, w[3], 0);
  F(T_WM2, w[0], 0);
  F(T_WP2, w[4], 0);
  FW(T_SHM1, sh[1], 0);
  FW(T_SHP1, sh[3], 0);
  FW(T_SHM2, sh[0], 0);
  FW(T_SHP2, sh[4], 0);
  FW(T_SH_M1_0, sh[1], sh[2]);
  FW(T_SH_0_P1, sh[2], sh[3]);
  FW(T_SH_M1_0_P1, sh[1] * 31u + sh[2], sh[3]);
  F(T_W_M1_0, w[1], w[2]);
  F(T_W_0_P1, w[2], w[3]);
  F(T_WM1_SH0, w[1], sh[2]);
  F(T_WP1_SH0, w[3], sh[2]);
  FT(T_CAPS, caps, 0);
  FT(T_CAPS_SH, caps, sh[2]);
  FT(T_W_CAPS, w[2], caps & (CAP_START | CAP_HEADLINE));
  if (caps & CAP_HEADLINE) FT(T_HEAD_W, w[2], 0);
  FT(T_KIND, t->kind, 0);
  FW(T_KM1, kd[1], kd[2]);
  FW(T_KP1, kd[3], kd[2]);
  /* by bit, lowest first, over the bits any of the three has */
  const unsigned gaz_bits = 2 * NEWS_GAZ_LOCHEAD - 1;
  for (unsigned m = (gz[2] | gz[1] | gz[3]) & gaz_bits; m; m &= m - 1) {
    unsigned b = m & (~m + 1);
    if (gz[2] & b) FT(T_GAZ, b, 0), FT(T_GAZ_SH, b, sh[2]);
    if (gz[1] & b) FW(T_GAZM1, b, 0);
    if (gz[3] & b) FW(T_GAZP1, b, 0);
  }
  /* word clusters: fine and coarse for the token; for its neighbours the
  ** whole cluster value, alone and with the token's coarse cluster (the
  ** finer neighbour features measured better than fine-only ones) */
  FT(T_CL, CL_FINE(cl[2]), 0);
  FT(T_CLC, CL_COARSE(cl[2]), 0);
  F(T_CLM1, cl[1], 0); /* neighbours: the whole value (casing, coarse, fine) */
  F(T_CLP1, cl[3], 0);
  FT(T_CL_SH, CL_FINE(cl[2]), sh[2]);
  F(T_CLC_M1_0, cl[1], CL_COARSE(cl[2]));
  F(T_CLC_0_P1, CL_COARSE(cl[2]), cl[3]);
  /* how the word is usually written, against how it is written here */
  if (upper) FT(T_CASING_CAPS, CL_CASING(cl[2]), caps & (CAP_START | CAP_HEADLINE | CAP_ALL));
  /* the run of capitalised words around the token: its last word usually
  ** gives the type ("... Park", "... Corps", "... Street") */
  if (x->run_last > x->run_first && !(caps & CAP_HEADLINE)) {
    const news_ner_tok *last = &nd->info[x->run_last];
    unsigned pos = i == x->run_first ? 1 : i == x->run_last ? 3 : 2;
    uint32_t rlen = x->run_last - x->run_first + 1;
    F(T_RUN_LAST, last->word, pos);
    F(T_RUN_FIRST, nd->info[x->run_first].word, pos);
    F(T_RUN_LASTCL, CL_FINE(last->cluster), pos);
    F(T_RUN_LEN, rlen > 5 ? 5 : rlen, pos);
    for (unsigned m = last->gaz & gaz_bits; m; m &= m - 1) F(T_RUN_LASTGAZ, m & (~m + 1), pos);
  }
  if (upper) F(T_DOC, x->doc, caps & (CAP_START | CAP_HEADLINE | CAP_ALL)); /* per document */
  uint32_t len = x->len;
  FT(T_LEN, len > 8 ? 8 : len, upper);
  uint32_t slen = st->tok_end - st->tok_begin;
  FW(T_SLEN, slen > 8 ? 8 : slen, i == st->tok_begin);
  FW(T_NL, (t->flags & NEWS_TF_NEWLINE) && !nd->wrapped, upper);
#undef F
#undef FW
#undef FT
#undef PUT
  return n;
}

uint32_t news_ner_features_static(const news_ner_doc *nd, uint32_t s, uint32_t i, uint32_t *out) {
  return features_static(nd, s, i, out, PART_ALL);
}

uint32_t news_ner_features_token(const news_ner_doc *nd, uint32_t s, uint32_t i, uint32_t *out) {
  return features_static(nd, s, i, out, PART_TOK);
}

uint32_t news_ner_features_window(const news_ner_doc *nd, uint32_t s, uint32_t i, uint32_t *out) {
  return features_static(nd, s, i, out, PART_WIN);
}

uint32_t news_ner_features_context(const news_ner_doc *nd, uint32_t s, uint32_t i, uint32_t *out) {
  return features_static(nd, s, i, out, PART_CTX);
}

void news_ner_window_key(const news_ner_doc *nd, uint32_t s, uint32_t i, uint32_t key[NEWS_NER_WKEY]) {
  const uint32_t b = nd->sent[s].tok_begin, e = nd->sent[s].tok_end;
  const news_ner_tok *x = nd->info;
  const news_token *t = nd->tok;
  bool left = i > b, right = i + 1 < e; /* the same stand-ins as features_static */
  key[0] = i >= b + 2 ? x[i - 2].shape : BOS;
  key[1] = left ? x[i - 1].shape : BOS;
  key[2] = x[i].shape;
  key[3] = right ? x[i + 1].shape : EOS;
  key[4] = i + 2 < e ? x[i + 2].shape : EOS;
  key[5] = (left ? t[i - 1].kind : 0u) | (uint32_t)t[i].kind << 8 | (right ? t[i + 1].kind : 0u) << 16;
  key[6] = (left ? x[i - 1].gaz : 0u) | (right ? x[i + 1].gaz : 0u) << 16;
  uint32_t slen = e - b;
  key[7] = (slen > 8 ? 8 : slen) | (uint32_t)!left << 4 |
           (uint32_t)((t[i].flags & NEWS_TF_NEWLINE) && !nd->wrapped) << 5 |
           (uint32_t)(x[i].caps & CAP_UPPER) << 6;
}


int news_ner_history(const news_ner_doc *nd, uint32_t i) {
  const news_ner_tok *x = &nd->info[i];
  if (!(x->caps & CAP_UPPER)) return 0;
  uint32_t h = hist_slot(nd, x->word);
  return nd->hist_key[h] ? nd->hist_val[h] : 0;
}

/* The label features, each defined once: of the previous label and the
** token, of the two previous labels alone, of the history value. */
static inline uint32_t f_cl_t1(const news_ner_tok *x, int prev1) {
  return mix(T_CL_T1, (uint32_t)CL_FINE(x->cluster), (uint32_t)prev1);
}
static inline uint32_t f_t1(int prev1) {
  return mix(T_T1, (uint32_t)prev1, 0);
}
static inline uint32_t f_t12(int prev1, int prev2) {
  return mix(T_T12, (uint32_t)prev1, (uint32_t)prev2);
}
static inline uint32_t f_t1_w(const news_ner_tok *x, int prev1) {
  return mix(T_T1_W, (uint32_t)prev1, x->word);
}
static inline uint32_t f_t1_sh(const news_ner_tok *x, int prev1) {
  return mix(T_T1_SH, (uint32_t)prev1, x->shape);
}
static inline uint32_t f_hist(int hist) {
  return mix(T_HIST, (uint32_t)hist, 0);
}
static inline uint32_t f_hist_sh(const news_ner_tok *x, int hist) {
  return mix(T_HIST_SH, (uint32_t)hist, x->shape);
}

uint32_t news_ner_features_labels(const news_ner_doc *nd, uint32_t i, int prev1, int prev2,
                                  int hist, uint32_t *out) {
  const news_ner_tok *x = &nd->info[i];
  uint32_t n = 0;
  out[n++] = f_cl_t1(x, prev1);
  out[n++] = f_t1(prev1);
  out[n++] = f_t12(prev1, prev2);
  out[n++] = f_t1_w(x, prev1);
  out[n++] = f_t1_sh(x, prev1);
  if (x->caps & CAP_UPPER) { /* the label last given to this word */
    out[n++] = f_hist(hist);
    out[n++] = f_hist_sh(x, hist);
  }
  return n;
}

uint32_t news_ner_features_prev(const news_ner_doc *nd, uint32_t i, int prev1, uint32_t *out) {
  const news_ner_tok *x = &nd->info[i];
  out[0] = f_cl_t1(x, prev1);
  out[1] = f_t1_w(x, prev1);
  out[2] = f_t1_sh(x, prev1);
  return 3;
}

uint32_t news_ner_features_pair(int prev1, int prev2, uint32_t *out) {
  out[0] = f_t1(prev1);
  out[1] = f_t12(prev1, prev2);
  return 2;
}

uint32_t news_ner_features_hist(const news_ner_doc *nd, uint32_t i, int hist, uint32_t *out) {
  const news_ner_tok *x = &nd->info[i];
  if (!(x->caps & CAP_UPPER)) return 0;
  out[0] = f_hist(hist);
  out[1] = f_hist_sh(x, hist);
  return 2;
}
