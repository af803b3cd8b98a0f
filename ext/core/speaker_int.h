/*
** speaker_int.h -- what the three files of the speaker engine share:
**
**   speaker_phrase.c   word classes and the speaker phrase: reading the
**                      phrase before or after a verb, a sentence's subject
**   speaker_resolve.c  resolution: names to canonical names, titles,
**                      pronouns, the history of speakers
**   speaker_rules.c    the attribution rules of a quotation (a table of
**                      named rule functions and the driver) and the source
**                      of a verb, used by attrib.c too
**
** Nothing outside these three files includes it; quotes.c and attrib.c use
** quotes_int.h.
*/
#ifndef NEWS_SPEAKER_INT_H
#define NEWS_SPEAKER_INT_H

#include "lexicon.h"
#include "quotes_int.h"

#define NP_MAX 9 /* longest speaker phrase, in tokens */

/* A speaker phrase: tokens [a, b), and the name inside it, [na, nb). */
typedef struct np {
  uint32_t a, b;
  uint32_t na, nb; /* equal when the phrase holds no name */
  int pron;        /* W_HE.. when it is a pronoun */
  bool head;       /* the name is the head though the phrase runs past it
                   ** ("Lee, a Democrat"): it names the speaker */
} np;

/* ------------------------------------------------ speaker_phrase.c */

bool sp_after_conj(const q_ctx *c, uint32_t v, uint32_t lo);
uint32_t sp_cap_run_fwd(const q_ctx *c, uint32_t i, uint32_t hi);
bool sp_coordinated_subject(const q_ctx *c, uint32_t v, uint32_t lo, np *p);
bool sp_is_cap(const q_ctx *c, uint32_t i);
bool sp_is_ly(const q_ctx *c, uint32_t i);
bool sp_is_month(const q_ctx *c, uint32_t i);
bool sp_is_punct(const news_token *t, int32_t cp);
bool sp_is_time(const q_ctx *c, uint32_t i);
bool sp_np_backward(const q_ctx *c, uint32_t v, uint32_t lo, np *out);
bool sp_np_forward(const q_ctx *c, uint32_t i, uint32_t hi, np *out);
bool sp_sentence_subject(const q_ctx *c, uint32_t s, uint32_t from, uint32_t before, np *p);
bool sp_word_at(const q_ctx *c, uint32_t i, const char *lit);
bool sp_word_is(const char *w, uint32_t n, const char *lit);

/* ----------------------------------------------- speaker_resolve.c */

/* Fills q's speaker fields from phrase p and resolves it (a pronoun to the
** person it refers to, a name to its canonical form), remembering it. */
void sp_set_speaker(q_ctx *c, const np *p, news_quote *q);

#endif /* NEWS_SPEAKER_INT_H */
