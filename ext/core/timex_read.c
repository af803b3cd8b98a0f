/*
** timex_read.c -- reading tokens for event_dates(): numbers ("two and a
** half", "2 1/2", "twenty-four"), years ("1989", "nineteen ninety-six"),
** days of month, hyphenated words split into word classes, month names
** that are really months, and classify(), which looks every token up
** once in the timex word list and marks where a match may start.
**
** Nothing here decides a value or touches the anaphora state.
*/
#include "timex_int.h"
#include "lexicon.h"

#include <stdatomic.h>

static int words_find(const char *p, uint32_t n);

/* Value of a plain digit token (no separators), or -1. */
long tx_digits_at(const ctx *c, uint32_t i, int *ndig) {
  if (kind(c, i) != NEWS_TOK_NUMBER) return -1;
  const char *p = ttext(c, i);
  uint32_t n = tlen(c, i);
  if (n > 9) return -1;
  long v = 0;
  for (uint32_t k = 0; k < n; k++) {
    if (p[k] < '0' || p[k] > '9') return -1;
    v = v * 10 + (p[k] - '0');
  }
  if (ndig) *ndig = (int)n;
  return v;
}

/* Value of an ordinal token "22nd" or ordinal word "third", or 0. */
int tx_ordinal_at(const ctx *c, uint32_t i) {
  if (kind(c, i) == NEWS_TOK_ORDINAL) {
    const char *p = ttext(c, i);
    int v = 0;
    for (uint32_t k = 0; k + 2 < tlen(c, i) + 0u && k < 4; k++) {
      if (p[k] < '0' || p[k] > '9') return 0;
      v = v * 10 + (p[k] - '0');
    }
    return v;
  }
  if (has(c, i, TX_ORDWORD)) return num(c, i);
  return 0;
}

/* A four-digit year token 1000..2199, or 0. */
int tx_year_at(const ctx *c, uint32_t i) {
  int nd = 0;
  long v = tx_digits_at(c, i, &nd);
  return nd == 4 && v >= 1000 && v <= 2199 ? (int)v : 0;
}

/* Tens and units at k as number words: "ninety-six", "ninety six",
** "ninety"; returns the token after them and sets *v, or k. */
static uint32_t words_tens(const ctx *c, uint32_t k, int *v) {
  tx_word p[3];
  if (tx_hyphen_parts(c, k, p) == 2 && p[0].cls == TX_NUMWORD && p[1].cls == TX_NUMWORD && p[0].n >= 20 &&
      p[1].n < 10) {
    *v = p[0].n + p[1].n;
    return k + 1;
  }
  if (has(c, k, TX_NUMWORD) && num(c, k) >= 20 && num(c, k) % 10 == 0) {
    *v = num(c, k);
    if (has(c, k + 1, TX_NUMWORD) && num(c, k + 1) >= 1 && num(c, k + 1) <= 9) {
      *v += num(c, k + 1);
      return k + 2;
    }
    return k + 1;
  }
  return k;
}

/* A year in words at k: "nineteen ninety-six", "two thousand",
** "two thousand and one".  Returns the token after it and sets *y, or k. */
uint32_t tx_words_year(const ctx *c, uint32_t k, int *y) {
  if (has(c, k, TX_NUMWORD) && num(c, k) >= 11 && num(c, k) <= 20) {
    int t = 0;
    uint32_t j = words_tens(c, k + 1, &t);
    if (j > k + 1) {
      *y = num(c, k) * 100 + t;
      return j;
    }
    return k;
  }
  if (is(c, k, TX_NUMWORD, 2) && is(c, k + 1, TX_BIG, 2)) {
    uint32_t j = k + 2;
    *y = 2000;
    uint32_t a = word(c, j, "and") ? j + 1 : j;
    if (has(c, a, TX_NUMWORD) && num(c, a) >= 1 && num(c, a) <= 19) {
      *y += num(c, a);
      return a + 1;
    }
    return j;
  }
  return k;
}

/* A timex_words.tsv value (CLASS + N, WEEKDAYS + N or UNITS + N for the
** plurals) as a tx_word. */
tx_word tx_decode(int value) {
  tx_word w = {(uint16_t)(value - value % 100), (uint8_t)(value % 100), false, -1};
  if ((w.cls == TX_WEEKDAY && value > TX_WEEKDAYS) || (w.cls == TX_UNIT && value > TX_UNITS)) {
    w.plural = true;
    w.n = (uint8_t)(value - (w.cls == TX_WEEKDAY ? TX_WEEKDAYS : TX_UNITS));
  }
  return w;
}

/* The part p[0..n) of a hyphenated word: its entry in the word list, or
** for digits (below 20000) their value. */
static tx_word part_word(const char *p, size_t n) {
  tx_word none = {0, 0, false, -1};
  if (n == 0) return none;
  if (p[0] >= '0' && p[0] <= '9') {
    long v = 0;
    for (size_t k = 0; k < n; k++) {
      if (p[k] < '0' || p[k] > '9') return none;
      if (v < 100000) v = v * 10 + (p[k] - '0');
    }
    if (v < 20000) none.digits = (int16_t)v;
    return none;
  }
  return tx_decode(words_find(p, (uint32_t)n));
}

/* True when part w says something: a listed word or digits. */
static bool part_known(tx_word w) {
  return w.cls || w.digits >= 0;
}

/* Splits token i at its hyphens into at most 3 parts; returns the number
** of parts, 0 when the token is not a hyphenated word. */
int tx_hyphen_parts(const ctx *c, uint32_t i, tx_word out[3]) {
  if (i >= c->se || c->t[i].kind != NEWS_TOK_WORD) return 0;
  const char *p = ttext(c, i);
  uint32_t n = tlen(c, i), a = 0;
  int k = 0;
  if (n > 40 || !memchr(p, '-', n)) return 0;
  for (uint32_t j = 0; j <= n; j++) {
    if (j == n || p[j] == '-') {
      if (k == 3) return 0;
      out[k++] = part_word(p + a, j - a);
      a = j + 1;
    }
  }
  return k;
}

/* Reads a quantity at k, in halves so that "2 1/2" and "and a half" stay
** integers: digits ("3", "2 1/2"), number words ("twenty
** four", "twenty-four", "a hundred"), "a"/"an" (1), "half" ("half an").
** Sets *halves to twice the value and returns the token after it, or k
** when there is none.  Values are capped at 9999. */
uint32_t tx_read_number(const ctx *c, uint32_t k, long *halves) {
  long v = tx_digits_at(c, k, NULL);
  uint32_t j = k;
  if (v >= 0) {
    j = k + 1;
    *halves = v * 2;
    /* "2 1/2" */
    if (tx_digits_at(c, j, NULL) == 1 && kind(c, j + 1) == NEWS_TOK_PUNCT && c->t[j + 1].mark == '/' &&
        tx_digits_at(c, j + 2, NULL) == 2) {
      *halves += 1;
      j += 3;
    }
  } else if (has(c, k, TX_NUMWORD)) {
    v = num(c, k);
    j = k + 1;
    if (v >= 20 && v % 10 == 0 && has(c, j, TX_NUMWORD) && num(c, j) < 10 && num(c, j) > 0) {
      v += num(c, j);
      j++;
    }
    if (is(c, j, TX_BIG, 1)) {
      v *= 100;
      j++;
    } else if (is(c, j, TX_BIG, 2)) {
      v *= 1000;
      j++;
    }
    *halves = v * 2;
  } else if (word(c, k, "a") || word(c, k, "an")) {
    j = k + 1;
    if (is(c, j, TX_BIG, 1)) {
      *halves = 200;
      return j + 1;
    }
    *halves = 2;
  } else if (word(c, k, "half") && (word(c, k + 1, "a") || word(c, k + 1, "an"))) {
    *halves = 1;
    return k + 2;
  } else {
    tx_word parts[3];
    int np = tx_hyphen_parts(c, k, parts);
    if (np == 2 && parts[0].cls == TX_NUMWORD && parts[1].cls == TX_NUMWORD && parts[0].n >= 20 &&
        parts[1].n < 10) {
      *halves = 2L * (parts[0].n + parts[1].n);
      return k + 1;
    }
    return k;
  }
  /* "two and a half" */
  if (word(c, j, "and") && word(c, j + 1, "a") && word(c, j + 2, "half") && *halves % 2 == 0) {
    *halves += 1;
    j += 3;
  }
  if (*halves > 19998) *halves = 19998;
  return j;
}

/* A unit at k (singular or plural): returns its U_* and sets *plural. */
int tx_unit_at(const ctx *c, uint32_t k, bool *plural) {
  if (!has(c, k, TX_UNIT)) return 0;
  *plural = c->tok[k].plural;
  return num(c, k);
}

/* Skips the approximation words kept in a duration's span ("about",
** "nearly", "more than", "less than", "at least", "up to", "only"), at
** most three steps.  Returns the token after them, k when there are none. */
uint32_t tx_skip_approx(const ctx *c, uint32_t k) {
  for (int step = 0; step < 3 && has(c, k, TX_APPROX); step++) {
    int n = num(c, k);
    if (n == A_AT || n == A_UP) { /* only as "at least", "up to" */
      if (!(n == A_AT ? is(c, k + 1, TX_APPROX, A_LEAST) : word(c, k + 1, "to"))) break;
      k += 2;
    } else if (n == A_MORE || n == A_LESS || n == A_FEWER) { /* only with "than" */
      if (!is(c, k + 1, TX_APPROX, A_THAN)) break;
      k += 2;
    } else if (n == A_THAN || n == A_LEAST) {
      break;
    } else {
      k++;
    }
  }
  return k;
}

/* Days of month d (1..31) at k: "30", "30th", "the 30th". */
int tx_day_of_month(const ctx *c, uint32_t k) {
  int nd = 0;
  long v = tx_digits_at(c, k, &nd);
  if (v >= 1 && v <= 31 && nd <= 2) return (int)v;
  int o = tx_ordinal_at(c, k);
  if (kind(c, k) == NEWS_TOK_ORDINAL && o >= 1 && o <= 31) return o;
  return 0;
}

/* "the March figures", "its March meeting": March between a determiner
** and a noun ("the March on Rome", "the March of Dimes" are no dates).
** May stays out: "the May government". */
static bool march_modifier(const ctx *c, uint32_t k) {
  static const char *const after[] = {"of",   "on", "to",      "for",     "and",  "or",     "in",   "at",    "with",
                                      "from", "by", "against", "through", "into", "across", "past", "around"};
  if (k == 0 || k + 1 >= c->se || kind(c, k + 1) != NEWS_TOK_WORD || upper(c, k + 1)) return false;
  if (!(word(c, k - 1, "the") || word(c, k - 1, "its") || word(c, k - 1, "their") || word(c, k - 1, "this") ||
        word(c, k - 1, "a")))
    return false;
  for (size_t j = 0; j < sizeof after / sizeof *after; j++)
    if (word_n(c, k + 1, after[j], strlen(after[j]))) return false;
  return true;
}

/* Is token k plausibly the month name and not a false friend ("May" the
** name or modal, "march" the verb)? */
bool tx_real_month(const ctx *c, uint32_t k, bool context) {
  if (!has(c, k, TX_MONTH)) return false;
  if (kind(c, k) == NEWS_TOK_ABBREV) return true; /* "Aug.", "Sept." */
  if (!upper(c, k)) return false;                 /* "march", "may" */
  int m = num(c, k);
  if (m != 5 && m != 3 && tlen(c, k) > 3) return true;
  /* "Dec 5" but not "Jan" the name or "Mar" alone */
  if (tlen(c, k) <= 3 && m != 5) return tx_day_of_month(c, k + 1) || tx_year_at(c, k + 1);
  /* May / March: need a day, a year, a modifier (context) or a dating
  ** preposition before; "March on"/"March to" stay verbs */
  if (context) return true;
  if (tx_day_of_month(c, k + 1) || tx_year_at(c, k + 1)) return true;
  if (m == 3 && march_modifier(c, k)) return true;
  if (k > 0) {
    uint32_t p = k - 1;
    if (tx_cue(c, p) == TXC_DATING)
      return m == 3 && !word(c, p, "from") ? !word(c, k + 1, "on") && !word(c, k + 1, "to") : true;
  }
  return false;
}

/* "a.m." / "p.m." (with or without periods) at k: 1 am, 2 pm, 0 none. */
int tx_ampm_at(const ctx *c, uint32_t k) {
  if (k >= c->se) return 0;
  if (word(c, k, "a.m.") || word(c, k, "am") || word(c, k, "a.m")) return 1;
  if (word(c, k, "p.m.") || word(c, k, "pm") || word(c, k, "p.m")) return 2;
  return 0;
}

/* Time zones kept inside a clock time's span. */
bool tx_zone_at(const ctx *c, uint32_t k) {
  return tx_cue(c, k) == TXC_ZONE;
}

/* Trailing year of a month or quarter: "1989", ", 1989", "of 1989",
** "last year", "this year", "next year".  Returns the token after it and
** sets *y, or returns k. */
uint32_t tx_trailing_year(const ctx *c, uint32_t k, int *y) {
  uint32_t j = k;
  if (kind(c, j) == NEWS_TOK_PUNCT && c->t[j].mark == ',') j++;
  else if (word(c, j, "of")) j++;
  int yr = tx_year_at(c, j);
  if (yr) {
    *y = yr;
    return j + 1;
  }
  uint32_t w = tx_words_year(c, j, &yr);
  if (w > j) {
    *y = yr;
    return w;
  }
  if (j == k + 1 && word(c, k, "of") && word(c, j, "the") && is(c, j + 1, TX_UNIT, U_YEAR) && have_anchor(c)) {
    *y = c->anchor.year;
    return j + 2;
  }
  /* "last year", "the fourth quarter of last year" */
  if ((j == k || word(c, k, "of")) && has(c, j, TX_REL) && is(c, j + 1, TX_UNIT, U_YEAR) && have_anchor(c)) {
    int r = num(c, j);
    if (r == R_LAST) *y = c->anchor.year - 1;
    else if (r == R_NEXT) *y = c->anchor.year + 1;
    else if (r == R_THIS) *y = c->anchor.year;
    else return k;
    return j + 2;
  }
  return k;
}

/* The look-up index of the word lists, built once per process (the lists
** are compiled in):
**   first[p]    timex_words entries [first[p], first[p + 1]) share the
**               2-letter prefix p (the list is sorted bytewise)
**   lenmask[p]  bit n set when one of them has n bytes (most words of a
**               text stop at this bit)
**   lastmask[p] bit l set when one of them ends in letter l (0..25, 26
**               for anything else): most words that pass the length stop
**               here ("the" after "thu")
**   holmask[l]  bit n set when a holiday of n bytes starts with letter l
**   words, cues, tense: a lex_ix of each list, for the look-ups made
**               after tx_classify (parts of hyphenated words, cues, tense)
** Threads that race to build it store the same values into atomics; the
** release store of `built` publishes them. */
#define IX_MAX 1024
typedef struct lex_ix {
  _Atomic bool ok;                     /* the list fits (IX_MAX entries) */
  _Atomic uint16_t lenmask[27 * 27];   /* bit n set when an entry of n bytes has prefix p */
  _Atomic uint16_t first[27 * 27 + 1]; /* the entries of prefix p: order[first[p] .. first[p + 1]) */
  _Atomic uint16_t order[IX_MAX];      /* entry numbers, grouped by prefix */
} lex_ix;
static struct {
  _Atomic uint16_t first[27 * 27];
  _Atomic uint16_t lenmask[27 * 27]; /* bit n set when an entry of n bytes has that prefix */
  _Atomic uint32_t lastmask[27 * 27]; /* bit l set when an entry with that prefix ends in letter l (26: other) */
  _Atomic uint16_t holmask[26];
  _Atomic uint16_t sportmask[26]; /* the same for words of sports reports */
  lex_ix words, cues, tense;
} IX;
static atomic_bool built;

/* 26 minus a letter's number (a/A 26 ... z/Z 1), 0 for any other byte:
** a table, since the look-up of every word starts here. */
#define LETTER_PAIR(l) [l] = 26 - (l - 'a'), [l - 32] = 26 - (l - 'a')
static const uint8_t LETTER_R[256] = {
    LETTER_PAIR('a'), LETTER_PAIR('b'), LETTER_PAIR('c'), LETTER_PAIR('d'), LETTER_PAIR('e'), LETTER_PAIR('f'),
    LETTER_PAIR('g'), LETTER_PAIR('h'), LETTER_PAIR('i'), LETTER_PAIR('j'), LETTER_PAIR('k'), LETTER_PAIR('l'),
    LETTER_PAIR('m'), LETTER_PAIR('n'), LETTER_PAIR('o'), LETTER_PAIR('p'), LETTER_PAIR('q'), LETTER_PAIR('r'),
    LETTER_PAIR('s'), LETTER_PAIR('t'), LETTER_PAIR('u'), LETTER_PAIR('v'), LETTER_PAIR('w'), LETTER_PAIR('x'),
    LETTER_PAIR('y'), LETTER_PAIR('z'),
};

/* A letter's number in either case, 0..25, or 26 for anything else. */
static unsigned letter_of(unsigned char a) {
  return 26u - LETTER_R[a];
}

/* Index of a 2-letter lower-case prefix: 0..728, 27 * a + b with
** 26 standing for "not a letter". */
static unsigned prefix_of(unsigned char a, unsigned char b) {
  return letter_of(a) * 27 + letter_of(b);
}

/* Fills ix for lex: its entries grouped by prefix (a counting sort, so
** the order of the list does not matter). */
static void index_list(lex_ix *ix, const news_lexicon *lex) {
  if (lex->n > IX_MAX) {
    atomic_store_explicit(&ix->ok, false, memory_order_relaxed);
    return;
  }
  uint16_t lens[27 * 27] = {0}, first[27 * 27 + 1] = {0}, order[IX_MAX];
  unsigned pref[IX_MAX];
  for (uint32_t i = 0; i < lex->n; i++) {
    const news_lex_entry *e = &lex->entries[i];
    pref[i] = prefix_of((unsigned char)e->key[0], e->len > 1 ? (unsigned char)e->key[1] : 0);
    first[pref[i] + 1]++;
    if (e->len < 16) lens[pref[i]] = (uint16_t)(lens[pref[i]] | 1u << e->len);
  }
  for (unsigned p = 0; p < 27 * 27; p++) first[p + 1] = (uint16_t)(first[p + 1] + first[p]);
  uint16_t at[27 * 27];
  memcpy(at, first, sizeof at);
  for (uint32_t i = 0; i < lex->n; i++) order[at[pref[i]]++] = (uint16_t)i;
  for (unsigned p = 0; p < 27 * 27; p++) atomic_store_explicit(&ix->lenmask[p], lens[p], memory_order_relaxed);
  for (unsigned p = 0; p <= 27 * 27; p++) atomic_store_explicit(&ix->first[p], first[p], memory_order_relaxed);
  for (uint32_t i = 0; i < lex->n; i++) atomic_store_explicit(&ix->order[i], order[i], memory_order_relaxed);
  atomic_store_explicit(&ix->ok, true, memory_order_relaxed);
}

static void build_index(void) {
  if (atomic_load_explicit(&built, memory_order_acquire)) return;
  const news_lexicon *lex = &news_lex_timex_words;
  unsigned at = 0;
  uint16_t lens[27 * 27] = {0};
  uint32_t lasts[27 * 27] = {0};
  for (uint32_t i = 0; i < lex->n; i++) {
    const news_lex_entry *e = &lex->entries[i];
    unsigned p = prefix_of((unsigned char)e->key[0], e->len > 1 ? (unsigned char)e->key[1] : 0);
    while (at <= p) atomic_store_explicit(&IX.first[at++], (uint16_t)i, memory_order_relaxed);
    if (e->len < 16) lens[p] = (uint16_t)(lens[p] | 1u << e->len);
    lasts[p] |= 1u << letter_of((unsigned char)e->key[e->len - 1]);
  }
  while (at < 27 * 27) atomic_store_explicit(&IX.first[at++], (uint16_t)lex->n, memory_order_relaxed);
  for (unsigned p = 0; p < 27 * 27; p++) {
    atomic_store_explicit(&IX.lenmask[p], lens[p], memory_order_relaxed);
    atomic_store_explicit(&IX.lastmask[p], lasts[p], memory_order_relaxed);
  }
  uint16_t mask[26] = {0};
  const news_lexicon *hol = &news_lex_timex_holidays;
  for (uint32_t i = 0; i < hol->n; i++) {
    unsigned char k0 = (unsigned char)hol->entries[i].key[0];
    unsigned len = hol->entries[i].len;
    if (k0 >= 'a' && k0 <= 'z' && len < 16) mask[k0 - 'a'] = (uint16_t)(mask[k0 - 'a'] | 1u << len);
  }
  for (unsigned l = 0; l < 26; l++) atomic_store_explicit(&IX.holmask[l], mask[l], memory_order_relaxed);
  memset(mask, 0, sizeof mask);
  const news_lexicon *cues = &news_lex_timex_cues;
  for (uint32_t i = 0; i < cues->n; i++) {
    unsigned char k0 = (unsigned char)cues->entries[i].key[0];
    unsigned len = cues->entries[i].len;
    int v = cues->entries[i].value;
    if ((v == TXC_SPORT_BOTH || v == TXC_SPORT_DOC) && k0 >= 'a' && k0 <= 'z' && len < 16)
      mask[k0 - 'a'] = (uint16_t)(mask[k0 - 'a'] | 1u << len);
  }
  for (unsigned l = 0; l < 26; l++) atomic_store_explicit(&IX.sportmask[l], mask[l], memory_order_relaxed);
  index_list(&IX.words, &news_lex_timex_words);
  index_list(&IX.cues, &news_lex_timex_cues);
  index_list(&IX.tense, &news_lex_timex_tense);
  atomic_store_explicit(&built, true, memory_order_release);
}

/* news_lex_find(lex, p, n) through its index ix: for an ASCII word of
** 1..15 bytes usually no comparison at all (the length mask), else one to
** three; other words go to news_lex_find, which folds them through
** utf8proc.  Needs build_index() (tx_classify calls it). */
static int ix_find(const lex_ix *ix, const news_lexicon *lex, const char *p, uint32_t n) {
  if (n == 0 || n >= 16 || !atomic_load_explicit(&ix->ok, memory_order_relaxed)) return news_lex_find(lex, p, n);
  char buf[16];
  for (uint32_t k = 0; k < n; k++) {
    unsigned char ch = (unsigned char)p[k];
    if (ch >= 0x80) return news_lex_find(lex, p, n);
    buf[k] = (char)(ch >= 'A' && ch <= 'Z' ? ch | 0x20 : ch);
  }
  unsigned pi = prefix_of((unsigned char)buf[0], n > 1 ? (unsigned char)buf[1] : 0);
  if (!(atomic_load_explicit(&ix->lenmask[pi], memory_order_relaxed) >> n & 1)) return 0;
  uint32_t lo = atomic_load_explicit(&ix->first[pi], memory_order_relaxed);
  uint32_t end = atomic_load_explicit(&ix->first[pi + 1], memory_order_relaxed);
  for (uint32_t j = lo; j < end; j++) {
    const news_lex_entry *e = &lex->entries[atomic_load_explicit(&ix->order[j], memory_order_relaxed)];
    if (e->len != n) continue;
    uint32_t k = 0; /* inline: keys are short, a call to memcmp costs more */
    while (k < n && e->key[k] == buf[k]) k++;
    if (k == n) return e->value;
  }
  return 0;
}

/* The timex_words.tsv value of p[0..n), folded to lower case. */
static int words_find(const char *p, uint32_t n) {
  return ix_find(&IX.words, &news_lex_timex_words, p, n);
}

static uint16_t ix_first(unsigned p) {
  return atomic_load_explicit(&IX.first[p], memory_order_relaxed);
}

/* news_lex_find(&news_lex_timex_words, ...) through the prefix index, for
** ASCII words of 2..13 letters: usually zero to four comparisons. */
static int timex_word_code(const char *p, uint32_t n) {
  unsigned pi = prefix_of((unsigned char)p[0], (unsigned char)p[1]);
  if (!(atomic_load_explicit(&IX.lenmask[pi], memory_order_relaxed) >> n & 1)) return 0; /* most words */
  unsigned char last = (unsigned char)p[n - 1];
  if (last < 0x80 && !(atomic_load_explicit(&IX.lastmask[pi], memory_order_relaxed) >> letter_of(last) & 1)) return 0;
  const news_lexicon *lex = &news_lex_timex_words;
  uint32_t lo = ix_first(pi), end = pi + 1 < 27 * 27 ? ix_first(pi + 1) : lex->n;
  while (lo < end && lex->entries[lo].len != n) lo++;
  char buf[16];
  for (uint32_t k = 0; k < n; k++) {
    unsigned char ch = (unsigned char)p[k];
    if (ch >= 0x80) return news_lex_find(lex, p, n);
    buf[k] = (char)(ch >= 'A' && ch <= 'Z' ? ch | 0x20 : ch);
  }
  for (uint32_t i = lo; i < end; i++) {
    const news_lex_entry *e = &lex->entries[i];
    if (e->len != n) continue;
    uint32_t k = 0; /* inline: keys are short, a call to memcmp costs more */
    while (k < n && e->key[k] == buf[k]) k++;
    if (k == n) return e->value;
  }
  return 0;
}

/* Words that start a timex only before a dating word ("the", "a"). */
static bool lead_word(const ctx *c, uint32_t i) {
  return word(c, i, "the") || word(c, i, "a") || word(c, i, "an") || word(c, i, "half") || word(c, i, "these") ||
         word(c, i, "near") || word(c, i, "short") || word(c, i, "long") || word(c, i, "no");
}

/* Classifies token i (a word, number or quote mark) through the timex
** lexicon: sets c->tok[i] and c->cand[i] (see tx_classify); true when it
** is the word "term" ("the near term"). */
static inline bool classify_token(ctx *c, uint32_t i) {
  const news_token *t = &c->t[i];
  if (NEWS_TOK_IS(t->kind, NEWS_TOK_RANGE_NUMBER)) {
    c->cand[i] = 1;
    return false;
  }
  if (NEWS_TOK_IS(t->kind, NEWS_TOK_RANGE_QUOTE)) {
    c->cand[i] = i + 1 < c->nt && c->s[c->t[i + 1].start] >= '0' && c->s[c->t[i + 1].start] <= '9';
    return false;
  }
  if (t->kind != NEWS_TOK_WORD && t->kind != NEWS_TOK_ABBREV) return false;
  uint32_t n = t->end - t->start;
  const char *p = c->s + t->start;
  unsigned char c0 = (unsigned char)p[0];
  if (c0 >= '0' && c0 <= '9') {
    c->cand[i] = 1; /* 1990s, 16-hour */
    return false;
  }
  if (t->kind == NEWS_TOK_ABBREV && n > 1 && p[n - 1] == '.') n--;
  if (n > 13) {
    tx_word parts[3];
    int np = t->kind == NEWS_TOK_WORD ? tx_hyphen_parts(c, i, parts) : 0;
    c->cand[i] = np > 0 && (part_known(parts[0]) || part_known(parts[1]));
    for (int k = 0; k < np; k++)
      if (part_is(parts[k], TX_UNIT, U_HALF)) c->half = true;
    return false;
  }
  if (!((c0 >= 'a' && c0 <= 'z') || (c0 >= 'A' && c0 <= 'Z'))) return false;
  int code = n >= 2 ? timex_word_code(p, n) : 0;
  if (code) {
    c->tok[i] = tx_decode(code);
    c->cand[i] = 1;
    if (part_is(c->tok[i], TX_UNIT, U_HALF)) c->half = true;
  } else if (t->kind == NEWS_TOK_WORD && t->flags & NEWS_TF_HYPHEN) {
    tx_word parts[3];
    int np = tx_hyphen_parts(c, i, parts);
    for (int k = 0; k < np; k++) {
      if (part_known(parts[k])) c->cand[i] = 1;
      if (part_is(parts[k], TX_UNIT, U_HALF)) c->half = true;
    }
  } else if (t->flags & NEWS_TF_UPPER && (atomic_load_explicit(&IX.holmask[(c0 | 0x20) - 'a'], memory_order_relaxed) >> n & 1) &&
             news_lex_find(&news_lex_timex_holidays, p, n)) {
    c->cand[i] = 1;
  } else if (n == 4 && (c0 | 0x20) == 't') {
    return word(c, i, "term");
  }
  return false;
}

/* Token i may start a match as a lead word ("the", "a", ...): a short word
** that no class marked. */
static inline bool lead_at(const ctx *c, uint32_t i) {
  return !c->cand[i] && c->t[i].kind == NEWS_TOK_WORD && c->t[i].end - c->t[i].start <= 5 && lead_word(c, i);
}

/* Classifies every token through the timex lexicon (c->tok) and marks
** the tokens where a match may start (c->cand), so that the scan skips
** the nine in ten tokens that cannot: a token with a lexicon class, a
** number, ordinal, ISO date or clock time, a word with digits or a dated
** hyphen part ("third-quarter", "1990s"), a capitalised holiday, a quote
** mark before digits ('90s) (all 1), or "the"/"a"/... within three tokens
** before one of those (2). */
bool tx_classify(ctx *c, const news_doc *d) {
  c->se = c->nt;
  build_index();
  uint32_t nPoll = 0;
  /* no class and no candidate until found (tok[].digits is for the parts
  ** of hyphenated words and stays unread here) */
  if (news_doc_zero_polled(d, c->tok, c->nt * sizeof *c->tok) || news_doc_zero_polled(d, c->cand, c->nt))
    return true; /* stopped (a first touch of fresh pages: about 1 ms per MB) */
  bool term = false;
  for (uint32_t i = 0; i < c->nt; i++) {
    if (news_doc_poll(d, &nPoll)) return true; /* stopped */
    term |= classify_token(c, i);
    if (c->cand[i] == 1) /* lead words: the three tokens before it */
      for (uint32_t back = 1; back <= 3 && back <= i; back++)
        if (lead_at(c, i - back)) c->cand[i - back] = 2;
  }
  if (!term) return false;
  /* "the near term": a lead word before "term" is a start of its own, and
  ** lead words before it lead to it (a backward pass; next1 is the nearest
  ** token after i marked 1) */
  uint32_t next1 = UINT32_MAX;
  for (uint32_t i = c->nt; i-- > 0;) {
    if (news_doc_poll(d, &nPoll)) return true;
    if (c->cand[i] == 1) {
      next1 = i;
      continue;
    }
    if (!lead_at(c, i)) continue;
    if (next1 <= i + 3) {
      c->cand[i] = 2;
    } else if (word(c, i + 1, "term")) {
      c->cand[i] = 1;
      next1 = i;
    }
  }
  return false;
}

/* True when token p is a preposition that opens a length of time ("for
** a week", "within a year", "from a year before"). */
bool tx_preposition(const ctx *c, uint32_t p) {
  return word(c, p, "for") || word(c, p, "in") || word(c, p, "within") || word(c, p, "over") ||
         word(c, p, "from") || word(c, p, "than") || word(c, p, "to") || word(c, p, "of") || word(c, p, "by") ||
         word(c, p, "at") || word(c, p, "on") || word(c, p, "until") || word(c, p, "after") ||
         word(c, p, "before") || word(c, p, "about") || word(c, p, "under");
}

/* True when an amount ends just before token i, the unit of a rate: a
** number (digits, money, a percentage) then at most two words ("$5 a
** year", "5 pct annually", "700 seats a week").  Not after a preposition
** or a determiner ("within a week", "6 Music for a week", "for a weekly
** column"), nor with "times"/"twice"/"once" ("three times a week"). */
bool tx_after_amount(const ctx *c, uint32_t i) {
  if (i <= c->sb || tx_preposition(c, i - 1) || word(c, i - 1, "a") || word(c, i - 1, "an") ||
      word(c, i - 1, "the"))
    return false;
  for (uint32_t back = 1; back <= 3 && back <= i - c->sb; back++) {
    uint32_t j = i - back;
    unsigned k = c->t[j].kind;
    if (k == NEWS_TOK_NUMBER || k == NEWS_TOK_MONEY || k == NEWS_TOK_PERCENT) return true;
    if (k != NEWS_TOK_WORD || word(c, j, "times") || word(c, j, "twice") || word(c, j, "once")) return false;
  }
  return false;
}

/* The TXC_* class of word k (ext/data/timex_cues.tsv), 0 for none. */
int tx_cue(const ctx *c, uint32_t k) {
  if (kind(c, k) != NEWS_TOK_WORD || tlen(c, k) > 12) return 0;
  return ix_find(&IX.cues, &news_lex_timex_cues, ttext(c, k), tlen(c, k));
}

/* The timex_tense.tsv value of token i (+1, -1, 0). */
int tx_tense_word(const ctx *c, uint32_t i) {
  return ix_find(&IX.tense, &news_lex_timex_tense, ttext(c, i), tlen(c, i));
}

/* True when three or more words of the text say it reports a game
** (TXC_SPORT_BOTH and TXC_SPORT_DOC in timex_cues.tsv: "half-time",
** "striker", "goal").
** Only a text that mentions a half (c->half) needs to know. */
bool tx_sports_report(const ctx *c) {
  if (!c->half) return false;
  int n = 0;
  for (uint32_t i = 0; i < c->nt && n < 3; i++) {
    uint32_t len = c->t[i].end - c->t[i].start;
    unsigned char c0 = (unsigned char)c->s[c->t[i].start];
    if (c->t[i].kind != NEWS_TOK_WORD || len > 15 || c0 < 'a' || c0 > 'z' ||
        !(atomic_load_explicit(&IX.sportmask[c0 - 'a'], memory_order_relaxed) >> len & 1))
      continue;
    int v = ix_find(&IX.cues, &news_lex_timex_cues, c->s + c->t[i].start, len);
    if (v == TXC_SPORT_BOTH || v == TXC_SPORT_DOC) n++;
  }
  return n >= 3;
}
