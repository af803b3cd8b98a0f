/*
** quotes_int.h -- what quotes.c (marks, kinds, the driver), attrib.c
** (reported statements, the attribution rows) and the speaker engine
** (speaker_phrase.c, speaker_resolve.c, speaker_rules.c) share.  Nothing
** outside these files includes it.
**
** quotes.c pairs the quotation marks into q_span records (one per row),
** then hands each one to news_speaker_attribute(), which fills the verb,
** the speaker as written and the resolved speaker of the row.  The
** q_ctx carries the per-document state of the attribution: the token array,
** the sentences, the entities and the history of speakers met so far.
*/
#ifndef NEWS_QUOTES_INT_H
#define NEWS_QUOTES_INT_H

#include "core.h"
#include "gen/lexicon_classes.h" /* W_* (speaker_words.tsv), V_* (speech_verbs.tsv) */

#define Q_NONE UINT32_MAX

/* One quotation found by the mark pairing (quotes.c). */
typedef struct q_span {
  uint32_t open;     /* token index of the opening mark */
  uint32_t close;    /* token index of the closing mark, Q_NONE if unclosed */
  uint32_t first;    /* first token inside the marks */
  uint32_t last;     /* one past the last token inside the marks */
  uint32_t para;     /* first token of the paragraph holding the quote */
  bool cont;         /* re-opens a quote left open by the paragraph before */
  bool direct;       /* a whole utterance rather than a fragment */
  bool attributed;   /* a verb or a speaker was found next to it */
  bool twin;         /* marked '' ... '': an attribution's content, not a quotes() row */
} q_span;

/* A speaker already met in the document, for pronouns and continuations. */
typedef struct q_speaker {
  const char *name; /* resolved speaker (into the text) */
  uint32_t len;
  uint32_t tok;     /* token where it was named */
  uint8_t gender;   /* 0 unknown, 1 male, 2 female, Q_GENDER_GROUP, _THING or _OTHER */
  bool named;       /* a name, not a description or a pronoun */
} q_speaker;

#define Q_GENDER_GROUP 3 /* "they" (or "it" when named: an organisation) */
#define Q_GENDER_THING 4 /* "it": a singular description that is no person ("the report") */
#define Q_GENDER_OTHER 5 /* a description no pronoun refers to */

#define Q_HISTORY 32 /* speakers remembered for pronoun resolution */

/* A run of two or more capitalised words ("Mohammad Javad Zarif"), used to
** expand a surname to the fuller name written earlier. */
typedef struct q_name {
  uint32_t tok_begin, tok_end;
} q_name;

typedef struct q_ctx {
  news_doc *d;
  const unsigned char *s;      /* the text */
  const news_token *tok;       /* tokens of the document */
  uint32_t ntok;
  const news_sentence *sent;
  uint32_t nsent;
  const news_entity *ent;      /* entities (tagged only when the document holds a quotation) */
  uint32_t nent;
  news_vec names;              /* q_name: capitalised runs, in text order */
  uint32_t cur_open;           /* opening mark of the quotation being attributed */
  q_speaker hist[Q_HISTORY];   /* ring of recent speakers */
  uint32_t nhist;              /* speakers pushed so far (ring index) */
  news_vec *attribs;           /* news_attribution: reported rows, or NULL */
  bool model_cues;             /* also the cues only the trained model finds: for
                                  attributions() alone, since their rows leave
                                  the history as it was (news_attrib_reported) */
} q_ctx;

/* Fills the verb, speaker_text and speaker of row *q for quotation *sp.
** prev/next are the neighbouring quotations (NULL at the ends) and prevq
** the row of prev.  Returns NEWS_OK or NEWS_ERR_NOMEM. */
news_rc news_speaker_attribute(q_ctx *c, q_span *sp, const q_span *prev, const q_span *next,
                               news_quote *q, const news_quote *prevq);

/* Finds the source of attribution cue v (a speech verb of class cls, or
** "according" of "according to") within tokens [lo, hi) and fills the
** speaker, speaker_text and verb fields of q.  False when none was found. */
bool news_speaker_for_verb(q_ctx *c, uint32_t v, int cls, uint32_t lo, uint32_t hi, news_quote *q);

/* Resolves the name written in tokens [a, b) as a speaker into q. */
void news_speaker_phrase(q_ctx *c, uint32_t a, uint32_t b, news_quote *q);
/* The same for the pronoun at token i ("his" of "his claim that ..."; pron
** is W_HE..W_IT), resolved as a subject pronoun would be. */
void news_speaker_pronoun(q_ctx *c, uint32_t i, int pron, news_quote *q);

/* Remembers the PERSON heading sentence s as its subject, for pronouns
** ("Sen. Ann Lee (D-Ohio) scolded him: “...,” she said"). */
void news_speaker_subject(q_ctx *c, uint32_t s);

/* Reported speech (attrib.c): appends to c->attribs the relations whose cue
** stands in tokens [from, to), outside every quotation, in text order.
** Their sources go through the same resolution (and history) as quotes. */
news_rc news_attrib_reported(q_ctx *c, uint32_t from, uint32_t to);

/* Builds d->attribs from the quotation rows and the reported rows (attrib.c):
** merges a quotation broken by its own attribution into one row, folds a
** partial quotation into the reported statement holding it (kind mixed),
** sorts by start.  q_span *sp are the kept quotations of d->quotes. */
news_rc news_attrib_finish(q_ctx *c, const q_span *const *sp);

/* A description or pronoun opening its sentence ("The company said", "It
** said") names the same speaker as one inside a sentence ("..., the company
** said", "it said"): returns the speaker with its first letter in lower
** case ("the company", "it"; copied into the document's arena) when it is a
** determiner and lower-case words only, a pronoun other than "I", or one
** word for people who speak as a group ("Dealers", "Officials":
** speaker_groups.tsv); else
** the speaker unchanged (NULL stays NULL); NULL when the copy fails. */
const char *news_speaker_plain(news_doc *d, const char *speaker, uint32_t len);

/* The token holding byte b among tokens [lo, hi): the first starting at or
** after it (hi when none does). */
uint32_t news_quote_tok_at(const q_ctx *c, uint32_t b, uint32_t lo, uint32_t hi);

/* Collects the capitalised name runs of the document into c->names. */
news_rc news_speaker_names(q_ctx *c);

/* Lexicon class of a word token (speaker_words.tsv), 0 when absent. */
int news_speaker_word(const q_ctx *c, uint32_t i);

/* Speech verb class of token i (speech_verbs.tsv), 0 when it is none. */
int news_speaker_verb(const q_ctx *c, uint32_t i);

/* Attribution cue class of token i: news_speaker_verb's classes plus
** V_BELIEF, which quotations never use. */
int news_attrib_verb(const q_ctx *c, uint32_t i);

#endif /* NEWS_QUOTES_INT_H */
