/*
** lexicon.h -- sorted word lists compiled into the library.
**
** ext/tools/gen_lexicons.py turns each ext/data/NAME.tsv into a
** `news_lex_NAME` table in gen/lexicons.inc: keys folded to lower case and
** sorted bytewise, each with a small integer value, and a hash table over
** them.  news_lex_find() hashes its argument a word at a time, each
** byte or'ed with 0x20 so that an ASCII word hashes the same in any case,
** and probes the table: a slot holds the high half of its key's hash and the
** key's index + 1 (0: empty), so a word that is not listed is usually
** turned away by an empty slot or a different hash without a compare; a
** slot that matches is checked by comparing the word, folded, with its key.
** Words with bytes outside ASCII are folded through utf8proc first.  Word classes a TSV file
** declares in its header ("#@class HE 1") reach C as the constants of
** gen/lexicon_classes.h (W_HE).
*/
#ifndef NEWS_LEXICON_H
#define NEWS_LEXICON_H

#include "core.h"
#include "gen/lexicon_classes.h" /* the word classes the TSV files declare (#@class) */

typedef struct news_lex_entry {
  const char *key; /* lower case, UTF-8 */
  uint16_t len;    /* bytes in key */
  int16_t value;   /* class or weight from the data file */
} news_lex_entry;

typedef struct news_lexicon {
  const char *name;
  const news_lex_entry *entries; /* sorted bytewise */
  uint32_t n;
  const uint32_t *slots; /* mask + 1 slots: hash >> 16 << 16 | (index + 1); linear probing */
  uint32_t mask;
} news_lexicon;


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
extern const news_lexicon news_lex_paragraph_labels; /* attributions(): "NOTE:" labels no speaker */
extern const news_lexicon news_lex_speaker_groups; /* quotes(), attributions(): "Dealers" as "dealers" */

/* entities(): words that settle the type of a name next to them, and
** company legal forms (Inc, GmbH). */
extern const news_lexicon news_lex_entity_cues;
extern const news_lexicon news_lex_legal_forms;
extern const news_lexicon news_lex_wire_credits; /* agencies and credit words */
extern const news_lexicon news_lex_companies;    /* well-known company names */

/* Is s[0..n) the name of a well-known company ("Smith Barney")? */
static inline bool news_lex_company(const char *s, size_t n) {
  return n <= 60 && news_lex_find(&news_lex_companies, s, n);
}
extern const news_lexicon news_lex_name_types;   /* entities(): holidays, awards */

#endif
