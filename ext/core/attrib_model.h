/*
** attrib_model.h -- the trained attribution-cue model (attrib_model.c): a
** linear model over the words around a token that says whether the token
** heads an attribution cue the word lists do not hold ("proposed",
** "forecast", "backed").  Shared by the run-time hook in attrib.c and
** the trainer, ext/tools/train_attrib.c, so both compute the same features.
*/
#ifndef NEWS_ATTRIB_MODEL_H
#define NEWS_ATTRIB_MODEL_H

#include "news.h"

#include <stdbool.h>
#include <stdint.h>

/* Most features one token has. */
#define NEWS_AM_MAXF 16

/* The feature hashes of word token i (of tok[0..ntok), text s) into f;
** returns how many (0 when the token is no candidate: not a lower-case
** word).  The first is the word's own feature. */
uint32_t news_attrib_model_features(const unsigned char *s, const news_token *tok, uint32_t ntok,
                                    const news_sentence *sent, uint32_t i, uint32_t *f);

/* The compiled weight of feature hash key, 0 when the model has none;
** *found says whether it has one. */
int32_t news_attrib_model_weight(uint32_t key, bool *found);

/* Does word token i head a cue, by the compiled model?  Cheap when the
** word never headed a cue in training (one look-up). */
bool news_attrib_model_cue(const unsigned char *s, const news_token *tok, uint32_t ntok,
                           const news_sentence *sent, uint32_t i);

#endif /* NEWS_ATTRIB_MODEL_H */
