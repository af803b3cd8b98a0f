/*
** timex_int.h -- the types shared by the files of event_dates():
**
**   timex.c        the driver: scans the tokens, tries the matchers,
**                  accepts a hit and updates the anaphora state
**   timex_read.c   numbers, years and words; token classification
**   timex_value.c  date values, their TIMEX3 text, tense
**   timex_abs.c    matchers of absolute dates (months, years, clock times)
**   timex_rel.c    matchers of relative and anaphoric dates
**
** A matcher takes a const ctx: it reads the tokens, the anchor and what
** was mentioned before, and fills a hit (span, type, value, and what the
** driver is to remember).  Only the driver writes the ctx.
*/
#ifndef NEWS_TIMEX_INT_H
#define NEWS_TIMEX_INT_H

#include "core.h"

#include <string.h>

/* Word classes TX_* (timex_words.tsv: a value is CLASS + N, the class a
** multiple of 100; TX_WEEKDAYS = TX_WEEKDAY + 10 and TX_UNITS = TX_UNIT + 20
** are the plurals) and TXC_* (timex_cues.tsv), declared in those files. */
#include "gen/lexicon_classes.h"

/* Units (N of class TX_UNIT). */
enum {
  U_SECOND = 1, U_MINUTE, U_HOUR, U_DAY, U_WEEK, U_MONTH, U_YEAR, U_DECADE, U_CENTURY,
  U_QUARTER, U_WEEKEND, U_FORTNIGHT, U_HALF
};

/* Relative modifiers (N of TX_REL). */
enum {
  R_LAST = 1, R_NEXT, R_THIS, R_PAST, R_COMING, R_PREVIOUS, R_FOLLOWING, R_CURRENT, R_THAT,
  R_SAME, R_PRECEDING, R_UPCOMING,
  R_LATEST /* "the latest quarter": set by read_phrase, not a lexicon value */
};

/* Approximations (N of TX_APPROX) that need a partner word. */
enum { A_MORE = 9, A_LESS = 10, A_LEAST = 11, A_UP = 12, A_FEWER = 15, A_THAN = 16, A_AT = 17 };

/* Position modifiers (N of TX_POS). */
enum { P_EARLY = 1, P_LATE, P_MID, P_EARLIER, P_LATER, P_END, P_BEGINNING, P_START, P_MIDDLE, P_LATEST };

/* Granularities of a date value. */
enum { G_DAY = 1, G_MONTH, G_YEAR, G_WEEK, G_WEEKEND, G_QUARTER, G_HALF, G_SEASON, G_DECADE, G_CENTURY };

/* A date value being built: y == 0 means the year is unknown (XXXX). */
typedef struct dval {
  int gran;    /* G_* */
  int y, m, d; /* calendar fields as far as gran needs them */
  int n;       /* week, quarter, half, season; decade (199), century (19) */
  int wd;      /* weekday 1..7 of a day whose date is unknown, else 0 */
  int pod;     /* part of day 1..6 (MO AF EV NI, noon, midnight), else 0 */
  int hh, mi;  /* clock time when hh >= 0 */
} dval;

/* One recognised expression, tokens [b, e). */
typedef struct hit {
  uint32_t b, e;
  int type;       /* NEWS_TIMEX_* */
  char value[40]; /* TIMEX3 value */
  news_ymd day;   /* the day denoted, year 0 when none */
  /* what the driver remembers once it accepts the hit (tx_accept) */
  news_ymd last;        /* the day mentioned, year 0 when none */
  int topic_y, topic_m; /* the year (and month or 0) mentioned, 0 when none */
  int q_y, q;           /* the quarter mentioned, 0 when none */
  bool months;          /* a reporting period of months, not a quarter ("the nine months") */
  news_ymd explicit_day; /* a full date written out, year 0 when none */
  dval v;               /* the date value when has_v (tx_set_date) */
  bool has_v;
  char end_value[40];   /* a range: the value of its end, else "" */
  news_ymd end_day;     /* a range: the day it ends, year 0 when none */
} hit;

/* What the words before the head of a phrase said ("the end of next
** March": i at "the", k at "March", pos P_END, rel R_NEXT).  The driver
** reads them (read_phrase in timex.c) and passes them to every matcher. */
typedef struct phrase {
  uint32_t i;  /* first token of the expression */
  uint32_t k;  /* the head: where the matcher looks */
  int pos;     /* early/late/mid/earlier/later, the end/beginning/middle of (P_*) */
  int rel;     /* last/next/this/past/... (R_*) */
  bool det;    /* a "the" directly before the head */
  bool fiscal; /* "fiscal" before a year or "year" */
  int year;    /* a year read before the head ("the 1988 second quarter"), else 0 */
} phrase;

typedef struct ctx ctx;

/* A matcher: looks at the phrase's head (ph->k; ph->i for matchers tried
** before any phrase is read), and on a match fills h and returns true.
** It reads the context and writes nothing else. */
typedef bool (*tx_matcher)(const ctx *c, const phrase *ph, hit *h);

/* What the timex word list says of a word, or of one part of a hyphenated
** word: its class and member ("Mondays": TX_WEEKDAY, 1, plural), or for a
** part written in digits ("16-hour") its value. */
typedef struct tx_word {
  uint16_t cls;   /* TX_*, 0 when the word is not in the list */
  uint8_t n;      /* the member: month 1..12, weekday 1..7, U_*, R_*, number value ... */
  bool plural;    /* "Mondays", "years" (weekdays and units only) */
  int16_t digits; /* a part in digits: its value 0..19999, else -1 */
} tx_word;

/* The scanner's state for one document. */
typedef struct ctx {
  const char *s;          /* document text */
  const news_token *t;    /* tokens */
  uint32_t nt;            /* token count */
  tx_word *tok;           /* per token: its class (tx_classify; digits unused) */
  uint32_t se;            /* end token of the current sentence */
  news_ymd anchor;        /* reference date, year 0 when none */
  news_ymd last;          /* last full day mentioned, year 0 when none */
  int last_qy, last_q;    /* last quarter mentioned (year, 1..4), 0 when none */
  int topic_qy, topic_q;  /* the quarter a report is about (later_report in timex.c) */
  uint32_t q_sent;        /* sentence of the last quarter mentioned */
  bool q_passed;          /* a period of months ("the nine months") came after that quarter */
  int last_y, last_m;     /* year (and month or 0) last mentioned, 0 when none */
  uint32_t sb;            /* first token of the current sentence */
  uint32_t cur;           /* token where the current match starts */
  uint8_t *cand;          /* per token: 1 when a match may start there */
  news_ymd first_explicit; /* first full explicit date of the first two sentences (anchoring) */
  uint32_t sent;          /* index of the current sentence */
  bool half;              /* a "half" among the words (tx_classify) */
  bool sport;             /* a sports report: "the second half" is a match's */
  news_ymd dateline;      /* the dateline's date ("LONDON, Jan 5 -"), year 0 when */
                          /*   not written, month 0 when there is no dateline */
} ctx;

/* ------------------------------------------------------------ token access */

static inline int cls(const ctx *c, uint32_t i) {
  return i < c->se ? c->tok[i].cls : 0;
}
static inline int num(const ctx *c, uint32_t i) {
  return i < c->se ? c->tok[i].n : 0;
}
static inline bool plural_at(const ctx *c, uint32_t i) {
  return i < c->se && c->tok[i].plural;
}
static inline bool has(const ctx *c, uint32_t i, int klass) {
  return cls(c, i) == klass;
}
/* Token i is the singular member n of class klass ("year", not "years"). */
static inline bool is(const ctx *c, uint32_t i, int klass, int n) {
  return i < c->se && c->tok[i].cls == klass && c->tok[i].n == n && !c->tok[i].plural;
}
/* Token i is the plural member n of class klass ("days"). */
static inline bool is_plural(const ctx *c, uint32_t i, int klass, int n) {
  return i < c->se && c->tok[i].cls == klass && c->tok[i].n == n && c->tok[i].plural;
}
/* Part w of a hyphenated word is the singular member n of klass. */
static inline bool part_is(tx_word w, int klass, int n) {
  return w.cls == klass && w.n == n && !w.plural;
}
static inline uint32_t tlen(const ctx *c, uint32_t i) {
  return c->t[i].end - c->t[i].start;
}
static inline const char *ttext(const ctx *c, uint32_t i) {
  return c->s + c->t[i].start;
}
static inline unsigned kind(const ctx *c, uint32_t i) {
  return i < c->se ? c->t[i].kind : 0;
}
static inline bool upper(const ctx *c, uint32_t i) {
  return i < c->se && (c->t[i].flags & NEWS_TF_UPPER);
}

/* Case-insensitive comparison of token i with the lower-case ASCII word
** w[0..n).  Call it through word(), which takes n from a string literal
** at compile time (the hot path: a few million calls per MB of text). */
static inline bool word_n(const ctx *c, uint32_t i, const char *w, size_t n) {
  if (i >= c->se || tlen(c, i) != n) return false;
  const char *p = ttext(c, i);
  for (size_t k = 0; k < n; k++) {
    char ch = p[k];
    if (ch >= 'A' && ch <= 'Z') ch = (char)(ch + 32);
    if (ch != w[k]) return false;
  }
  return true;
}
#define word(c, i, lit) word_n((c), (i), "" lit, sizeof(lit) - 1)

static inline bool have_anchor(const ctx *c) {
  return c->anchor.year > 0;
}

/* The anchor for anaphora: the last day mentioned, else the anchor. */
static inline news_ymd anaphor(const ctx *c) {
  return c->last.year > 0 ? c->last : c->anchor;
}

/* TIMEX3 spellings of the parts of the day and the seasons. */
extern const char *const tx_POD[7];
extern const char *const tx_SEASON[5];

/* timex_read.c: reading numbers, years and words */
long tx_digits_at(const ctx *c, uint32_t i, int *ndig);
int tx_ordinal_at(const ctx *c, uint32_t i);
int tx_year_at(const ctx *c, uint32_t i);
uint32_t tx_words_year(const ctx *c, uint32_t k, int *y);
int tx_hyphen_parts(const ctx *c, uint32_t i, tx_word out[3]);
tx_word tx_decode(int value);
uint32_t tx_read_number(const ctx *c, uint32_t k, long *halves);
int tx_unit_at(const ctx *c, uint32_t k, bool *plural);
int tx_ampm_at(const ctx *c, uint32_t k);
bool tx_zone_at(const ctx *c, uint32_t k);
uint32_t tx_skip_approx(const ctx *c, uint32_t k);
uint32_t tx_trailing_year(const ctx *c, uint32_t k, int *y);
int tx_day_of_month(const ctx *c, uint32_t k);
bool tx_real_month(const ctx *c, uint32_t k, bool context);
bool tx_classify(ctx *c, const news_doc *d); /* true: stopped (news_doc_poll) */
int tx_cue(const ctx *c, uint32_t k);
bool tx_after_amount(const ctx *c, uint32_t i);
bool tx_preposition(const ctx *c, uint32_t p);
int tx_tense_word(const ctx *c, uint32_t i); /* its timex_tense.tsv value */
bool tx_sports_report(const ctx *c);

/* timex_value.c: values, calendar choices and tense */
void tx_fmt_dval(const dval *v, char *out);
void tx_set_date(hit *h, const dval *v);
void tx_set_end(hit *h, const dval *v);
dval tx_dv_new(int gran);
dval tx_dv_day(news_ymd d);
dval tx_dv_week(news_ymd day, int n, int gran);
dval tx_dv_rel_day(const ctx *c, news_ymd base, long n);
dval tx_dv_weekday(const ctx *c, int wd, int dir);
int tx_month_year(const ctx *c, int m, int dir);
int tx_monthday_year(const ctx *c, int m, int d);
int tx_ended_year(const ctx *c, int m, int d);
int tx_tense(const ctx *c);
bool tx_future(const ctx *c);
int tx_tense_dir(const ctx *c);
int tx_tense_at(const ctx *c, uint32_t i); /* the tense cue of token i: +1 future, -1 past, 0 none */
void tx_fmt_duration(int unit, long halves, char *out);
dval tx_dv_shift(const ctx *c, news_ymd base, int unit, long n);
dval tx_dv_quarter(const ctx *c, int unit, int q, int y, int rel);
news_ymd tx_holiday_date(int code, int y, bool eve);

/* timex_abs.c: matchers of absolute dates */
uint32_t tx_part_of_day(const ctx *c, uint32_t k, dval *v);
uint32_t tx_day_word(const ctx *c, uint32_t k, dval *v);
bool tx_match_clock(const ctx *c, const phrase *ph, hit *h);
bool tx_match_set(const ctx *c, const phrase *ph, hit *h);
bool tx_match_month(const ctx *c, const phrase *ph, hit *h);
bool tx_match_day_month(const ctx *c, const phrase *ph, hit *h);
bool tx_match_quarter(const ctx *c, const phrase *ph, hit *h);
bool tx_match_decade(const ctx *c, const phrase *ph, hit *h);
bool tx_match_hyphen(const ctx *c, const phrase *ph, hit *h);
bool tx_match_holiday(const ctx *c, const phrase *ph, hit *h);
bool tx_match_year(const ctx *c, const phrase *ph, hit *h);
bool tx_match_iso_date(const ctx *c, const phrase *ph, hit *h);
bool tx_match_year_named(const ctx *c, const phrase *ph, hit *h);
bool tx_match_year_ended(const ctx *c, const phrase *ph, hit *h);
bool tx_match_day_range(const ctx *c, const phrase *ph, hit *h);
bool tx_match_month_pair(const ctx *c, const phrase *ph, hit *h);

/* timex_rel.c: matchers of relative and anaphoric dates */
bool tx_match_quantity(const ctx *c, const phrase *ph, hit *h);
bool tx_match_rel_unit(const ctx *c, const phrase *ph, hit *h);
bool tx_match_rel_partday(const ctx *c, const phrase *ph, hit *h);
bool tx_match_near(const ctx *c, const phrase *ph, hit *h);
bool tx_match_deictic(const ctx *c, const phrase *ph, hit *h);
bool tx_match_weekday(const ctx *c, const phrase *ph, hit *h);
bool tx_match_season(const ctx *c, const phrase *ph, hit *h);
bool tx_match_ref(const ctx *c, const phrase *ph, hit *h);
bool tx_match_bare_plural(const ctx *c, const phrase *ph, hit *h);
bool tx_match_fixed(const ctx *c, const phrase *ph, hit *h);
bool tx_match_fiscal_year(const ctx *c, const phrase *ph, hit *h);
bool tx_match_pos_partday(const ctx *c, const phrase *ph, hit *h);

#endif /* NEWS_TIMEX_INT_H */
