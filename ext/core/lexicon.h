/*
** lexicon.h -- sorted word lists compiled into the library.
**
** ext/tools/gen_lexicons.py turns each ext/data/NAME.tsv into a
** `news_lex_NAME` table in gen/lexicons.inc: keys folded to lower case and
** sorted bytewise, each with a small integer value.  news_lex_find() folds
** its argument on the stack and binary-searches.
*/
#ifndef NEWS_LEXICON_H
#define NEWS_LEXICON_H

#include "core.h"

typedef struct news_lex_entry {
  const char *key; /* lower case, UTF-8 */
  uint16_t len;    /* bytes in key */
  int16_t value;   /* class or weight from the data file */
} news_lex_entry;

typedef struct news_lexicon {
  const char *name;
  const news_lex_entry *entries;
  uint32_t n;
} news_lexicon;

/* Classes of ext/data/abbreviations.tsv (CLASSES in gen_lexicons.py). */
#define NEWS_ABBR_TITLE 1
#define NEWS_ABBR_MONTH 2
#define NEWS_ABBR_END 3
#define NEWS_ABBR_OTHER 4

/* Looks up s[0..len), folded to lower case.  Returns the entry's value, or 0
** when the word is absent (or longer than 63 bytes). */
int news_lex_find(const news_lexicon *lex, const char *s, size_t len);

extern const news_lexicon news_lex_abbreviations;
extern const news_lexicon news_lex_sentence_openers;
extern const news_lexicon news_lex_person_titles;
extern const news_lexicon news_lex_timex_holidays; /* event_dates(): holidays */
extern const news_lexicon news_lex_timex_tense;    /* event_dates(): +1 future, -1 past */
extern const news_lexicon news_lex_timex_words;    /* event_dates(): CLASS*100+N */
extern const news_lexicon news_lex_timex_cues;     /* event_dates(): TXC_* bits */

/* Word lists of quotes() (classes documented in each TSV file). */
extern const news_lexicon news_lex_speech_verbs;
extern const news_lexicon news_lex_speaker_words;
extern const news_lexicon news_lex_given_names;

/* entities(): words that settle the type of a name next to them, and
** company legal forms (Inc, GmbH). */
extern const news_lexicon news_lex_entity_cues;
extern const news_lexicon news_lex_legal_forms;

#endif
