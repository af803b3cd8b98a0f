/*
** ner.h -- the named-entity tagger's internals, shared by the run-time
** scorer (ner_model.c, entities.c) and the trainer (ext/tools/train_ner.c).
**
** WHAT IT IS
**   A left-to-right averaged-perceptron tagger over our own tokens,
**   decoded (and trained) with a beam search of NEWS_NER_BEAM hypotheses.
**   Each token gets one of NEWS_NER_NLABELS BIO labels (O, B-PER, B-ORG,
**   B-LOC, B-MISC, I-PER, ...).  Features are 32-bit hashes of small
**   strings ("w=obama", "sh-1=Xx|sh0=Xx", ...); the model maps a hash to one
**   int8 weight per label.
**
** HOW IT IS SHARED
**   news_ner_prepare() computes everything about a document that does not
**   depend on the labels (folded words, shapes, gazetteer bits, headline
**   sentences, document-wide casing statistics).  news_ner_features_static()
**   and news_ner_features_labels() then list the hashes for token i given
**   the two previous labels (in two parts, so that a beam scores the
**   label-independent part once), and
**   news_ner_remember() records a decided label so that later mentions of
**   the same word can see it (the "earlier in this article" feature).  The
**   trainer calls exactly these functions, so training and run time see
**   identical features by construction.
**
** INVARIANTS
**   - The two feature functions write at most NEWS_NER_MAXFEAT hashes
**     together.
**   - All per-document memory comes from the document's news_mem and is
**     released by news_ner_release(), which accepts a half-built state.
**   - Everything is linear in the number of tokens: the document-wide maps
**     are open-addressing tables sized to twice the token count.
*/
#ifndef NEWS_NER_H
#define NEWS_NER_H

#include "core.h"

/* Labels: O, then B-<type> for the four CoNLL types, then I-<type>. */
#define NEWS_NER_O 0
#define NEWS_NER_NTYPES 4 /* PER ORG LOC MISC */
#define NEWS_NER_NLABELS (1 + 2 * NEWS_NER_NTYPES)
#define NEWS_NER_B(t) (1 + (t))                   /* t: 0..3 */
#define NEWS_NER_I(t) (1 + NEWS_NER_NTYPES + (t)) /* t: 0..3 */
#define NEWS_NER_TYPE(l) (((l) - 1) % NEWS_NER_NTYPES) /* l != O */
#define NEWS_NER_IS_I(l) ((l) > NEWS_NER_NTYPES)

/* Upper bound on the features of one token. */
#define NEWS_NER_MAXFEAT 96

/* Gazetteer bits (values in ext/data/ner/gazetteer.tsv). */
#define NEWS_GAZ_COUNTRY 0x01   /* a one-word country name */
#define NEWS_GAZ_PLACE 0x02     /* a one-word region or city name */
#define NEWS_GAZ_PLACEPART 0x04 /* a word of a multi-word place name */
#define NEWS_GAZ_DEMONYM 0x08   /* Iraqi, French, Europeans */
#define NEWS_GAZ_ORGWORD 0x10   /* Inc, Corp, Party, Bank, Ministry */
#define NEWS_GAZ_TITLE 0x20     /* Mr, President, Minister, Sen */
#define NEWS_GAZ_TITLEMOD 0x40  /* Foreign, Prime, Vice (in front of a title) */
#define NEWS_GAZ_GROUP 0x80     /* Shi'ite, Republicans, Muslims (NORP) */
#define NEWS_GAZ_GIVEN 0x100    /* common given names */
#define NEWS_GAZ_LOCHEAD 0x200  /* Park, River, Airport: ends a place name */
#define NEWS_GAZ_COMMON 0x400   /* TV, CEO, GDP: a common noun, never a name alone */

/* Token casing bits (news_ner_tok.caps). */
#define CAP_UPPER 1    /* first letter upper case */
#define CAP_ALL 2      /* all letters upper case (and at least two) */
#define CAP_START 4    /* first word of its sentence or line */
#define CAP_HEADLINE 8 /* in a mostly upper-case sentence */

/* Parts of a word-cluster value (see ext/tools/cluster_words.c). */
#define CL_FINE(c) ((c) ? ((c) - 1) % 512 + 1 : 0)           /* 1..512, 0: none */
#define CL_COARSE(c) ((c) ? ((c) - 1) % 16384 / 512 + 1 : 0) /* 1..32, 0: none */
#define CL_CASING(c) ((c) ? ((c) - 1) / 16384 + 1 : 0)       /* 1 usually lower case,
                                                               2 mixed, 3 capitalised,
                                                               0 unknown */

/* Bytes of a folded word kept for features (a longer word's fold is cut at
** a character boundary). */
#define NER_FOLDMAX 48

/* What news_ner_prepare() knows about one token. */
typedef struct news_ner_tok {
  uint32_t word;   /* hash of the folded word */
  uint32_t shape;  /* hash of the short shape ("Xx", "X.X.", "d") */
  uint32_t off;    /* folded form: bytes [off, off+len) of the fold buffer */
  uint16_t len;
  uint16_t gaz;    /* NEWS_GAZ_* bits */
  uint16_t cluster; /* word cluster (ext/data/ner/clusters.tsv), 0 if none */
  uint8_t caps;    /* bit 1: capitalised, 2: all caps, 4: sentence start,
                      8: in a headline (mostly upper-case) sentence */
  uint8_t doc;     /* document-wide bits for this word, see ner_features.c */
  uint8_t plain;   /* no capital letter, digit or non-ASCII byte (news_ner_plain) */
  uint32_t run_first, run_last; /* the run of capitalised words holding the
                                   token ("Cal Anderson Park", "Bank of
                                   England"); both = the token when none */
} news_ner_tok;

/* Per-document state of the tagger. */
typedef struct news_ner_doc {
  const news_mem *mem;
  const char *text;
  const news_token *tok;    /* the document's tokens */
  uint32_t ntok;
  const news_sentence *sent;
  uint32_t nsent;
  news_ner_tok *info;       /* ntok entries */
  char *fold;               /* folded words, back to back */
  uint32_t *hist_key;       /* word hash -> last label seen (history map) */
  uint8_t *hist_val;
  uint32_t hist_mask;       /* table size - 1 (a power of two minus one) */
  bool wrapped;             /* hard-wrapped text: line breaks inside sentences */
  const news_doc *doc;      /* polled for its stop callback while tagging */
} news_ner_doc;

/* Builds the label-independent state for d (tokens must exist).  Returns
** NEWS_OK or NEWS_ERR_NOMEM; call news_ner_release() in both cases. */
news_rc news_ner_prepare(news_doc *d, news_ner_doc *nd);
void news_ner_release(news_ner_doc *nd);

/* The feature hashes of token i (in sentence s), in two parts, so that a
** beam scores the first part once per token and only the second per
** hypothesis; each returns how many it wrote:
** news_ner_features_static() writes those that do not depend on labels
** (at most NEWS_NER_MAXFEAT - NEWS_NER_MAXLABFEAT), and
** news_ner_features_labels() those of the labels of the two previous
** tokens of the same sentence (NEWS_NER_O when none) and of hist, the label
** last given to the same capitalised word earlier (label + 1, 0 when none;
** see news_ner_history()). */
#define NEWS_NER_MAXLABFEAT 8
uint32_t news_ner_features_static(const news_ner_doc *nd, uint32_t s, uint32_t i, uint32_t *out);
uint32_t news_ner_features_labels(const news_ner_doc *nd, uint32_t i, int prev1, int prev2,
                                  int hist, uint32_t *out);

/* The same features split for the decoder, which scores each part once
** per distinct value it depends on; integer sums do not depend on the
** order, so the scores are exactly those of the two functions above.
** news_ner_features_token(), news_ner_features_window() and
** news_ner_features_context() split the static features into those of the
** token alone (word, shape, affixes, casing, kind, gazetteer bits, cluster,
** length: equal for tokens equal in all of news_ner_tok but the run and the
** document bits, and in their token kind), those of the window (below) and
** the rest; news_ner_features_prev() (previous label with the token),
** news_ner_features_pair() (the two previous labels alone) and
** news_ner_features_hist() (the history value, with the token's shape)
** split the label features. */
uint32_t news_ner_features_token(const news_ner_doc *nd, uint32_t s, uint32_t i, uint32_t *out);
/* news_ner_features_window() lists those static features that depend only
** on the shapes of tokens i-2..i+2, the kinds of i-1..i+1 and the
** gazetteer bits of i-1 and i+1 (outside the sentence: fixed stand-ins),
** the sentence's length, and whether token i starts the sentence, starts a
** line and is capitalised, all of which news_ner_window_key() packs into
** NEWS_NER_WKEY words: equal keys, equal features;
** news_ner_features_context() then lists the rest. */
#define NEWS_NER_WKEY 8
uint32_t news_ner_features_window(const news_ner_doc *nd, uint32_t s, uint32_t i, uint32_t *out);
void news_ner_window_key(const news_ner_doc *nd, uint32_t s, uint32_t i, uint32_t key[NEWS_NER_WKEY]);
uint32_t news_ner_features_context(const news_ner_doc *nd, uint32_t s, uint32_t i, uint32_t *out);
uint32_t news_ner_features_prev(const news_ner_doc *nd, uint32_t i, int prev1, uint32_t *out);
uint32_t news_ner_features_pair(int prev1, int prev2, uint32_t *out);
uint32_t news_ner_features_hist(const news_ner_doc *nd, uint32_t i, int hist, uint32_t *out);

/* The committed history value of token i: 1 + the label last recorded by
** news_ner_remember() for the same capitalised word, or 0. */
int news_ner_history(const news_ner_doc *nd, uint32_t i);

/* Records the label decided for token i, for the history feature. */
void news_ner_remember(news_ner_doc *nd, uint32_t i, int label);

/* True when label may follow prev under BIO (I-X only after B-X or I-X). */
static inline bool news_ner_allowed(int prev, int label) {
  return !NEWS_NER_IS_I(label) ||
         (prev != NEWS_NER_O && NEWS_NER_TYPE(prev) == NEWS_NER_TYPE(label));
}

/* True when token i cannot start a name: no capital letter, no digit, no
** non-ASCII character (names start with a capital or a digit in all but a
** handful of the training spans).  The decoder skips the model for such a
** token when every hypothesis is outside a name. */
static inline bool news_ner_plain(const news_ner_doc *nd, uint32_t i) {
  return nd->info[i].plain; /* so "iPhone", "49ers", "Ürümqi" are all scored */
}

/* The compiled-in model: adds its weights for feats to scores[]. */
void news_ner_model_score(const uint32_t *feats, uint32_t n, int32_t *scores);

/* Beam search (ner_model.c, and the trainer): hypotheses kept per token,
** and the longest stretch of a sentence decoded as one piece; a longer
** sentence is committed to its best hypothesis every NEWS_NER_SPAN tokens,
** which keeps the decoder's memory fixed and its time linear. */
#ifndef NEWS_NER_BEAM
#define NEWS_NER_BEAM 4
#endif
#define NEWS_NER_MAXBEAM 16
#define NEWS_NER_SPAN 128

/* Defines `static void name(H *best, uint8_t *from, uint32_t *n, uint32_t
** width, H c, uint8_t k)`, the beam's insertion for a hypothesis type H with
** a `score` member (int64_t in the tagger, double in the trainer, which
** share this one definition so that they cannot decide differently): it
** inserts candidate c (from hypothesis k) into best[0..*n), kept sorted by
** score and at most width long; an equal score goes after the ones already
** there, so earlier hypotheses and lower labels win ties. */
#define NEWS_NER_BEAM_INSERT(name, H)                                                             \
  static void name(H *best, uint8_t *from, uint32_t *n, uint32_t width, H c, uint8_t k) {       \
    uint32_t j = *n;                                                                             \
    if (j == width && best[j - 1].score >= c.score) return;                                      \
    if (j < width) (*n)++;                                                                       \
    else j--;                                                                                    \
    while (j > 0 && best[j - 1].score < c.score) {                                               \
      best[j] = best[j - 1];                                                                     \
      from[j] = from[j - 1];                                                                     \
      j--;                                                                                       \
    }                                                                                            \
    best[j] = c;                                                                                 \
    from[j] = k;                                                                                 \
  }

/* Tags every token of the document with the compiled-in model (beam
** search of width NEWS_NER_BEAM, BIO-constrained) into labels[ntok].
** Returns true when the stop callback asked to stop (labels incomplete). */
bool news_ner_tag(news_ner_doc *nd, uint8_t *labels);

/* The deterministic last steps of the entity stage (entities.c): titles in
** front of PERSON mentions and canonical names, over the mentions already
** in d->entities.  nd must be prepared for d.  NEWS_OK or NEWS_ERR_NOMEM. */
news_rc news_entities_resolve(news_doc *d, news_ner_doc *nd);

/* Model provenance for newsext_debug(): format version, training-data hash,
** number of features kept. */
int news_ner_model_version(void);
const char *news_ner_model_hash(void);
uint32_t news_ner_model_features(void);

/* FNV-1a, the hash behind every feature. */
static inline uint32_t news_ner_hash(uint32_t h, const void *p, size_t n) {
  const unsigned char *s = p;
  for (size_t i = 0; i < n; i++) h = (h ^ s[i]) * 16777619u;
  return h;
}
#define NEWS_NER_HASH0 2166136261u

#endif /* NEWS_NER_H */
