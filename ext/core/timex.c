/*
** timex.c -- temporal expressions: recognition over tokens and TIMEX3
** normalisation (event_dates(), issue 5).
**
** WHAT IT DOES
**   news_timex_run() finds expressions such as "Sept. 30, 1989", "last
**   week", "two days ago", "the third quarter", "Friday morning", "10 p.m.",
**   "the 1990s", "every Monday", "more than four hours" and writes one
**   news_timex per expression (byte span, sentence, TimeML type, TIMEX3
**   value, ISO day when it denotes one day) into d->timexes, in text order.
**
** HOW IT WORKS
**   1. classify(): every word token is looked up once in
**      news_lex_timex_words (ext/data/timex_words.tsv; value CLASS*100+N,
**      e.g. 105 = May, 205 = Friday, 507 = year) through a 2-letter prefix
**      index, and tokens where an expression may start are marked
**      (c->cand): lexicon words, numbers, ordinals, ISO dates, clock times,
**      dated hyphen words ("third-quarter", "mid-1996"), holidays, and
**      "the"/"a"/... just before one of those.  About nine tokens in ten
**      are not candidates and cost nothing more.
**   2. scan(): per sentence, left to right, match_at() tries a fixed list
**      of hand-written matchers at each candidate (clock times, sets,
**      approximate durations, then match_phrase() for everything that may
**      open with determiners and modifiers: "the end of", "early", "last",
**      "fiscal").  Each looks at most a dozen tokens ahead and never
**      behind its start, so the scan is linear; the first match wins and
**      the scan resumes after it, so rows never overlap.  trim_det() and
**      extend() then adjust the extent by a token or two as TimeML draws
**      it ("the Aug. 7 bombings" -> "Aug. 7", "right now", "or so").
**   3. A matcher fills a `dval` (granularity + fields) and fmt_dval()
**      prints the TIMEX3 value, or it writes a literal (P2D, PRESENT_REF).
**      Relative expressions resolve against c->anchor: the reference date,
**      else (news_timex_run) the text's first full explicit date, else
**      nothing, which leaves XXXX in the value.  Past or future ("on
**      Friday") follows the nearest tense cue around the expression
**      (local_tense(), cues in ext/data/timex_tense.tsv), computed only
**      for expressions that need it.  Anaphora ("the next day", "that
**      year") resolve against the last day / year mentioned (c->last,
**      c->last_y), "a year ago" against the last quarter mentioned.
**
** INVARIANTS
**   Matchers read tokens only below c->se (the sentence end: cls(), kind()
**   and word() return nothing past it), and at most a bounded number of
**   tokens from their start.  Values always fit news_timex.value (40).
**   Memory: one block for the per-token codes, freed before returning;
**   rows go into d->timexes through news_vec_push (NEWS_ERR_NOMEM on
**   failure, with the partial rows dropped).
**
** See timex_norm.c for the calendar arithmetic, docs/event_dates.md for
** the value formats, ext/data/timex_*.tsv for the word lists.
*/
#include "timex.h"
#include "lexicon.h"

#include <stdio.h>

/* Word classes: the hundreds of a timex_words.tsv value (see that file). */
enum {
  TX_MONTH = 1,    /* January .. December, Jan .. Dec */
  TX_WEEKDAY = 2,  /* Monday .. Sunday; N > 10: plural (Mondays) */
  TX_NUMWORD = 3,  /* zero .. ninety, dozen */
  TX_ORDWORD = 4,  /* first .. thirtieth */
  TX_UNIT = 5,     /* second .. half (U_*); N > 20: plural */
  TX_PARTDAY = 6,  /* morning afternoon evening night noon midnight */
  TX_SEASON = 7,   /* spring summer fall/autumn winter */
  TX_REF = 8,      /* 1 now/currently, 2 recently/recent, 3 soon/future */
  TX_DEICTIC = 9,  /* 1 today 2 yesterday 3 tomorrow 4 tonight */
  TX_REL = 10,     /* last next this past ... (R_*) */
  TX_POS = 11,     /* early late mid earlier later end ... (P_*) */
  TX_SETADV = 12,  /* daily weekly monthly annually ... */
  TX_APPROX = 13,  /* about nearly more than at least ... (A_*) */
  TX_QUANT = 14,   /* several few many couple */
  TX_ANCHOR = 16,  /* ago before after hence */
  TX_FISCAL = 17,  /* fiscal */
  TX_EVERY = 18,   /* every each per */
  TX_BIG = 20,     /* hundred thousand */
  TX_DECADE = 21   /* twenties .. nineties (N = tens digit) */
};

/* Units (N of class TX_UNIT; plural is N + 20). */
enum {
  U_SECOND = 1, U_MINUTE, U_HOUR, U_DAY, U_WEEK, U_MONTH, U_YEAR, U_DECADE, U_CENTURY,
  U_QUARTER, U_WEEKEND, U_FORTNIGHT, U_HALF
};

/* Relative modifiers (N of TX_REL). */
enum {
  R_LAST = 1, R_NEXT, R_THIS, R_PAST, R_COMING, R_PREVIOUS, R_FOLLOWING, R_CURRENT, R_THAT,
  R_SAME, R_PRECEDING, R_UPCOMING,
  R_LATEST /* "the latest quarter": set in match_phrase, not a lexicon value */
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
} hit;

/* The scanner's state for one document. */
typedef struct ctx {
  const char *s;          /* document text */
  const news_token *t;    /* tokens */
  uint32_t nt;            /* token count */
  int16_t *code;          /* class*100+N per token, 0 when none */
  uint32_t se;            /* end token of the current sentence */
  news_ymd anchor;        /* reference date, year 0 when none */
  news_ymd last;          /* last full day mentioned, year 0 when none */
  int last_qy, last_q;    /* last quarter mentioned (year, 1..4), 0 when none */
  int last_y, last_m;     /* year (and month or 0) last mentioned, 0 when none */
  uint32_t sb;            /* first token of the current sentence */
  uint32_t cur;           /* token where the current match starts */
  uint8_t *cand;          /* per token: 1 when a match may start there */
  uint16_t first[27 * 27]; /* timex_words entries [first[p], first[p+1]) share */
                           /*   the 2-letter prefix p (see build_prefix_index) */
  uint16_t holmask[26];   /* bit n of [letter]: a holiday of n bytes starts with it */
  news_ymd first_explicit; /* first full explicit date seen (anchoring) */
} ctx;

static int tense(const ctx *c);
static bool future(const ctx *c);

/* ------------------------------------------------------------ token access */

static int cls(const ctx *c, uint32_t i) {
  return i < c->se ? c->code[i] / 100 : 0;
}
static int num(const ctx *c, uint32_t i) {
  return i < c->se ? c->code[i] % 100 : 0;
}
static bool has(const ctx *c, uint32_t i, int klass) {
  return cls(c, i) == klass;
}
static bool is(const ctx *c, uint32_t i, int klass, int n) {
  return i < c->se && c->code[i] == klass * 100 + n;
}
static uint32_t tlen(const ctx *c, uint32_t i) {
  return c->t[i].end - c->t[i].start;
}
static const char *ttext(const ctx *c, uint32_t i) {
  return c->s + c->t[i].start;
}
static unsigned kind(const ctx *c, uint32_t i) {
  return i < c->se ? c->t[i].kind : 0;
}
static bool upper(const ctx *c, uint32_t i) {
  return i < c->se && (c->t[i].flags & NEWS_TF_UPPER);
}

/* Case-insensitive comparison of token i with the lower-case ASCII word
** w[0..n).  Call it through word(), which takes n from a string literal
** at compile time (the hot path: a few million calls per MB of text). */
static bool word_n(const ctx *c, uint32_t i, const char *w, size_t n) {
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

/* Value of a plain digit token (no separators), or -1. */
static long digits_at(const ctx *c, uint32_t i, int *ndig) {
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
static int ordinal_at(const ctx *c, uint32_t i) {
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
static int year_at(const ctx *c, uint32_t i) {
  int nd = 0;
  long v = digits_at(c, i, &nd);
  return nd == 4 && v >= 1000 && v <= 2199 ? (int)v : 0;
}

/* ------------------------------------------------------ hyphenated words */

static int hyphen_parts(const ctx *c, uint32_t i, int out[3]);

/* Tens and units at k as number words: "ninety-six", "ninety six",
** "ninety"; returns the token after them and sets *v, or k. */
static uint32_t words_tens(const ctx *c, uint32_t k, int *v) {
  int p[3];
  if (hyphen_parts(c, k, p) == 2 && p[0] / 100 == TX_NUMWORD && p[1] / 100 == TX_NUMWORD && p[0] < 10000 &&
      p[0] % 100 >= 20 && p[1] % 100 < 10) {
    *v = p[0] % 100 + p[1] % 100;
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
static uint32_t words_year(const ctx *c, uint32_t k, int *y) {
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


/* Classifies the part p[0..n) of a hyphenated word: its lexicon code, or
** for digits 10000 + value (so "16" -> 10016). */
static int part_code(const char *p, size_t n) {
  if (n == 0) return 0;
  if (p[0] >= '0' && p[0] <= '9') {
    long v = 0;
    for (size_t k = 0; k < n; k++) {
      if (p[k] < '0' || p[k] > '9') return 0;
      if (v < 100000) v = v * 10 + (p[k] - '0');
    }
    return v < 20000 ? 10000 + (int)v : 0;
  }
  return news_lex_find(&news_lex_timex_words, p, n);
}

/* Splits token i at its hyphens into at most 3 part codes; returns the
** number of parts, 0 when the token is not a hyphenated word. */
static int hyphen_parts(const ctx *c, uint32_t i, int out[3]) {
  if (i >= c->se || c->t[i].kind != NEWS_TOK_WORD) return 0;
  const char *p = ttext(c, i);
  uint32_t n = tlen(c, i), a = 0;
  int k = 0;
  if (n > 40 || !memchr(p, '-', n)) return 0;
  for (uint32_t j = 0; j <= n; j++) {
    if (j == n || p[j] == '-') {
      if (k == 3) return 0;
      out[k++] = part_code(p + a, j - a);
      a = j + 1;
    }
  }
  return k;
}

/* ---------------------------------------------------------- value output */

static const char *const POD[] = {"", "MO", "AF", "EV", "NI", "12:00", "24:00"};
static const char *const SEASON[] = {"", "SP", "SU", "FA", "WI"};

/* Prints a date value as TIMEX3 into out[40]. */
static void fmt_dval(const dval *v, char *out) {
  char y[8];
  if (v->y > 0 && v->y <= 9999)
    snprintf(y, sizeof y, "%04d", v->y);
  else
    memcpy(y, "XXXX", 5);
  switch (v->gran) {
  case G_DAY:
    if (v->y > 0)
      snprintf(out, 40, "%s-%02d-%02d", y, v->m, v->d);
    else if (v->wd)
      snprintf(out, 40, "XXXX-WXX-%d", v->wd);
    else if (v->m)
      snprintf(out, 40, "XXXX-%02d-%02d", v->m, v->d);
    else
      snprintf(out, 40, "XXXX-XX-XX");
    break;
  case G_MONTH:
    if (v->m)
      snprintf(out, 40, "%s-%02d", y, v->m);
    else
      snprintf(out, 40, "%s-XX", y);
    break;
  case G_YEAR: snprintf(out, 40, "%s", y); break;
  case G_WEEK:
    if (v->y > 0)
      snprintf(out, 40, "%s-W%02d", y, v->n);
    else
      snprintf(out, 40, "XXXX-WXX");
    break;
  case G_WEEKEND:
    if (v->y > 0)
      snprintf(out, 40, "%s-W%02d-WE", y, v->n);
    else
      snprintf(out, 40, "XXXX-WXX-WE");
    break;
  case G_QUARTER: snprintf(out, 40, "%s-Q%d", y, v->n); break;
  case G_HALF: snprintf(out, 40, "%s-H%d", y, v->n); break;
  case G_SEASON: snprintf(out, 40, "%s-%s", y, SEASON[v->n >= 1 && v->n <= 4 ? v->n : 0]); break;
  case G_DECADE: snprintf(out, 40, "%03d", v->n); break;
  case G_CENTURY: snprintf(out, 40, "%02d", v->n); break;
  default: snprintf(out, 40, "XXXX"); break;
  }
  if (v->gran == G_DAY) {
    size_t n = strlen(out);
    if (v->hh >= 0)
      snprintf(out + n, 40 - n, "T%02d:%02d", v->hh, v->mi);
    else if (v->pod >= 1 && v->pod <= 6)
      snprintf(out + n, 40 - n, "T%s", POD[v->pod]);
  }
}

/* Fills h from a date value: type, value and the day when there is one. */
static void set_date(ctx *c, hit *h, const dval *v) {
  fmt_dval(v, h->value);
  h->type = (v->gran == G_DAY && (v->hh >= 0 || v->pod)) ? NEWS_TIMEX_TIME : NEWS_TIMEX_DATE;
  if (v->gran == G_DAY && v->y > 0 && v->y <= 9999) {
    h->day = (news_ymd){v->y, v->m, v->d};
    c->last = h->day;
  }
  if (v->y > 0 && (v->gran == G_DAY || v->gran == G_MONTH || v->gran == G_YEAR || v->gran == G_QUARTER ||
                   v->gran == G_SEASON || v->gran == G_HALF)) {
    c->last_y = v->y;
    c->last_m = v->gran == G_DAY || v->gran == G_MONTH ? v->m : 0;
  }
}

static dval dv_new(int gran) {
  dval v;
  memset(&v, 0, sizeof v);
  v.gran = gran;
  v.hh = -1;
  return v;
}

static dval dv_day(news_ymd d) {
  dval v = dv_new(G_DAY);
  v.y = d.year;
  v.m = d.month;
  v.d = d.day;
  return v;
}

static bool have_anchor(const ctx *c) {
  return c->anchor.year > 0;
}

/* The anchor for anaphora: the last day mentioned, else the anchor. */
static news_ymd anaphor(const ctx *c) {
  return c->last.year > 0 ? c->last : c->anchor;
}

/* Week value of the week holding day, shifted by n weeks. */
static dval dv_week(news_ymd day, int n, int gran) {
  dval v = dv_new(gran);
  if (day.year <= 0) return v;
  news_ymd x = news_timex_add_days(day, 7L * n);
  news_timex_iso_week(x, &v.y, &v.n);
  return v;
}

/* A relative day "n days from the anchor", or unknown. */
static dval dv_rel_day(const ctx *c, news_ymd base, long n) {
  if (base.year <= 0) return dv_new(G_DAY);
  return dv_day(news_timex_add_days(base, n));
}

/* The weekday wd nearest the anchor in the sentence's direction: the same
** day counts as itself; past tense looks back, future forward. */
static dval dv_weekday(const ctx *c, int wd, int dir) {
  if (!have_anchor(c)) {
    dval v = dv_new(G_DAY);
    v.wd = wd;
    return v;
  }
  int cur = news_timex_weekday(c->anchor);
  long delta;
  if (dir < 0)
    delta = -(long)((cur - wd + 7) % 7);
  else
    delta = (long)((wd - cur + 7) % 7);
  return dv_day(news_timex_add_days(c->anchor, delta));
}

/* Month m resolved to a year: past tense takes the latest one not after
** the anchor's month, future the next one not before. */
static int month_year(const ctx *c, int m, int dir) {
  if (!have_anchor(c)) return 0;
  int y = c->anchor.year;
  if (dir < 0 && m > c->anchor.month) return y - 1;
  if (dir > 0 && m < c->anchor.month) return y + 1;
  return y;
}

/* Year of month m, day d: the year that puts it nearest the anchor, with
** dates in the other direction than the tense counted twice as far. */
static int monthday_year(const ctx *c, int m, int d) {
  if (!have_anchor(c)) return 0;
  long a = news_timex_days(c->anchor);
  int best = c->anchor.year;
  long bestcost = -1;
  for (int y = c->anchor.year - 1; y <= c->anchor.year + 1; y++) {
    news_ymd x = {y, m, d};
    if (!news_timex_valid(x)) continue;
    long diff = news_timex_days(x) - a, cost = diff < 0 ? -diff : diff;
    if ((diff > 0 && !future(c)) || (diff < 0 && future(c))) cost *= 2;
    if (bestcost < 0 || cost < bestcost) {
      bestcost = cost;
      best = y;
    }
  }
  return best;
}

static int local_tense(const ctx *c, uint32_t i, uint32_t b, uint32_t e);

/* The tense around the current match (see local_tense): computed on
** demand, since only matched expressions need it. */
static int tense(const ctx *c) {
  return local_tense(c, c->cur, c->sb, c->se);
}
static bool future(const ctx *c) {
  return tense(c) > 0;
}
static int tense_dir(const ctx *c) {
  return future(c) ? 1 : -1;
}

/* ---------------------------------------------------------------- numbers */

/* Reads a quantity at k, in halves so that "2 1/2" and "and a half" stay
** integers: digits ("3", "2 1/2"), number words ("twenty
** four", "twenty-four", "a hundred"), "a"/"an" (1), "half" ("half an").
** Sets *halves to twice the value and returns the token after it, or k
** when there is none.  Values are capped at 9999. */
static uint32_t read_number(const ctx *c, uint32_t k, long *halves) {
  long v = digits_at(c, k, NULL);
  uint32_t j = k;
  if (v >= 0) {
    j = k + 1;
    *halves = v * 2;
    /* "2 1/2" */
    if (digits_at(c, j, NULL) == 1 && kind(c, j + 1) == NEWS_TOK_PUNCT && c->t[j + 1].mark == '/' &&
        digits_at(c, j + 2, NULL) == 2) {
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
    int parts[3];
    int np = hyphen_parts(c, k, parts);
    if (np == 2 && parts[0] / 100 == TX_NUMWORD && parts[1] / 100 == TX_NUMWORD && parts[0] < 10000 &&
        parts[1] < 10000 && parts[0] % 100 >= 20 && parts[1] % 100 < 10) {
      *halves = 2L * (parts[0] % 100 + parts[1] % 100);
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
static int unit_at(const ctx *c, uint32_t k, bool *plural) {
  if (!has(c, k, TX_UNIT)) return 0;
  int n = num(c, k);
  *plural = n > 20;
  return n > 20 ? n - 20 : n;
}

/* Writes a duration of halves/2 units as TIMEX3 ("P2Y6M", "PT1H30M");
** halves < 0 means an unknown number ("PXY"). */
static void fmt_duration(int unit, long halves, char *out) {
  static const char *const des[] = {"", "S", "M", "H", "D", "W", "M", "Y", "DE", "CE", "Q", "WE", "W", ""};
  bool t = unit <= U_HOUR;
  if (unit == U_FORTNIGHT) {
    unit = U_WEEK;
    halves *= 2;
  }
  if (unit == U_WEEKEND) {
    snprintf(out, 40, "P2D");
    return;
  }
  if (unit == U_DECADE && halves > 0) {
    unit = U_YEAR;
    halves *= 10;
  }
  if (halves < 0) {
    snprintf(out, 40, "P%sX%s", t ? "T" : "", des[unit]);
    return;
  }
  long whole = halves / 2;
  if (halves % 2 == 0) {
    if (unit == U_DECADE) snprintf(out, 40, "P%ldDE", whole);
    else if (unit == U_CENTURY) snprintf(out, 40, "P%ldCE", whole);
    else snprintf(out, 40, "P%s%ld%s", t ? "T" : "", whole, des[unit]);
    return;
  }
  /* a half: spell it in the next smaller unit */
  switch (unit) {
  case U_SECOND: snprintf(out, 40, "PT%ld.5S", whole); break;
  case U_MINUTE: snprintf(out, 40, whole ? "PT%ldM30S" : "PT30S", whole); break;
  case U_HOUR: snprintf(out, 40, whole ? "PT%ldH30M" : "PT30M", whole); break;
  case U_DAY: snprintf(out, 40, whole ? "P%ldDT12H" : "PT12H", whole); break;
  case U_WEEK: snprintf(out, 40, "P%ldD", whole * 7 + 3); break;
  case U_MONTH: snprintf(out, 40, whole ? "P%ldM15D" : "P15D", whole); break;
  case U_YEAR: snprintf(out, 40, whole ? "P%ldY6M" : "P6M", whole); break;
  case U_DECADE: snprintf(out, 40, "P%ldY", whole * 10 + 5); break;
  default: snprintf(out, 40, "P%ld%s", whole, des[unit]); break;
  }
}

/* A date n units (n < 0: before) away from base, at the unit's
** granularity ("two days ago", "a year earlier", "six weeks ago"). */
static dval dv_shift(const ctx *c, news_ymd base, int unit, long n) {
  if (base.year <= 0) {
    dval v = dv_new(unit == U_DAY ? G_DAY : unit == U_WEEK ? G_WEEK : unit == U_MONTH ? G_MONTH : G_YEAR);
    return v;
  }
  switch (unit) {
  case U_DAY: return dv_day(news_timex_add_days(base, n));
  case U_WEEK: return dv_week(base, (int)n, G_WEEK);
  case U_FORTNIGHT: return dv_week(base, (int)n * 2, G_WEEK);
  case U_MONTH: {
    news_ymd x = news_timex_add_months(base, (int)n);
    dval v = dv_new(G_MONTH);
    v.y = x.year;
    v.m = x.month;
    return v;
  }
  case U_QUARTER: {
    news_ymd x = news_timex_add_months(base, (int)n * 3);
    dval v = dv_new(G_QUARTER);
    v.y = x.year;
    v.n = (x.month - 1) / 3 + 1;
    return v;
  }
  case U_DECADE: {
    dval v = dv_new(G_YEAR);
    v.y = base.year + (int)n * 10;
    return v;
  }
  case U_CENTURY: {
    dval v = dv_new(G_YEAR);
    v.y = base.year + (int)n * 100;
    return v;
  }
  case U_HOUR:
  case U_MINUTE:
  case U_SECOND: return dv_day(base); /* "two hours ago": that day */
  default: {
    dval v = dv_new(G_YEAR);
    v.y = base.year + (int)n;
    return v;
  }
  }
}

/* ------------------------------------------------------------- matchers */

static bool real_month(const ctx *c, uint32_t k, bool context);
static int day_of_month(const ctx *c, uint32_t k);
static int monthday_year(const ctx *c, int m, int d);

/* Optional part of day after a day expression: "morning", "night". */
static uint32_t part_of_day(const ctx *c, uint32_t k, dval *v) {
  if (has(c, k, TX_PARTDAY) && num(c, k) <= 4) {
    v->pod = num(c, k);
    return k + 1;
  }
  return k;
}

/* "a.m." / "p.m." (with or without periods) at k: 1 am, 2 pm, 0 none. */
static int ampm_at(const ctx *c, uint32_t k) {
  if (k >= c->se) return 0;
  if (word(c, k, "a.m.") || word(c, k, "am") || word(c, k, "a.m")) return 1;
  if (word(c, k, "p.m.") || word(c, k, "pm") || word(c, k, "p.m")) return 2;
  return 0;
}

/* Time zones kept inside a clock time's span. */
static bool zone_at(const ctx *c, uint32_t k) {
  static const char *const z[] = {"est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt",
                                  "gmt", "utc", "bst", "cet", "et", NULL};
  for (int i = 0; z[i]; i++)
    if (word_n(c, k, z[i], strlen(z[i]))) return true;
  return false;
}

/* A day expression usable after a clock time ("10 p.m. Wednesday",
** "noon yesterday"): returns the token after it, k when none. */
static uint32_t day_word(ctx *c, uint32_t k, dval *v) {
  if (kind(c, k) == NEWS_TOK_PUNCT && c->t[k].mark == ',' && has(c, k + 1, TX_MONTH)) k++;
  if (has(c, k, TX_MONTH) && real_month(c, k, false) && day_of_month(c, k + 1)) {
    int m = num(c, k), d = day_of_month(c, k + 1);
    news_ymd x = {monthday_year(c, m, d), m, d};
    if (x.year == 0 || news_timex_valid(x)) {
      *v = x.year ? dv_day(x) : dv_new(G_DAY);
      v->m = m;
      v->d = d;
      return k + 2;
    }
  }
  if (has(c, k, TX_WEEKDAY) && num(c, k) < 10) {
    *v = dv_weekday(c, num(c, k), tense_dir(c));
    return k + 1;
  }
  if (has(c, k, TX_DEICTIC) && num(c, k) <= 3) {
    long off = num(c, k) == 2 ? -1 : num(c, k) == 3 ? 1 : 0;
    *v = dv_rel_day(c, c->anchor, off);
    return k + 1;
  }
  return k;
}

/* Clock times: "10 p.m.", "10:30 a.m. EST", "noon", "midnight Friday". */
static bool match_clock(ctx *c, uint32_t i, hit *h) {
  int hh = -1, mi = 0;
  uint32_t k = i;
  if (kind(c, i) == NEWS_TOK_TIME) {
    const char *p = ttext(c, i);
    const char *colon = memchr(p, ':', tlen(c, i));
    if (!colon) return false;
    hh = 0;
    for (const char *q = p; q < colon; q++) hh = hh * 10 + (*q - '0');
    mi = (colon[1] - '0') * 10 + (colon[2] - '0');
    k = i + 1;
    int ap = ampm_at(c, k);
    if (ap) k++;
    if (ap == 2 && hh < 12) hh += 12;
    if (ap == 1 && hh == 12) hh = 0;
    if (hh > 24 || mi > 59) return false;
    /* a bare "3:30" may be a score or a ratio: need a.m./p.m. or a zone */
    if (!ap && !zone_at(c, k) && !word(c, i - 1, "at")) return false;
  } else if (digits_at(c, i, NULL) >= 1 && digits_at(c, i, NULL) <= 12 && ampm_at(c, i + 1)) {
    hh = (int)digits_at(c, i, NULL);
    int ap = ampm_at(c, i + 1);
    if (ap == 2 && hh < 12) hh += 12;
    if (ap == 1 && hh == 12) hh = 0;
    k = i + 2;
  } else if ((is(c, i, TX_PARTDAY, 5) || is(c, i, TX_PARTDAY, 6)) && !(i > c->sb && word(c, i - 1, "high"))) {
    hh = num(c, i) == 5 ? 12 : 24;
    k = i + 1;
  } else {
    return false;
  }
  if (zone_at(c, k)) k++;
  else if (word(c, k, "local") && word(c, k + 1, "time")) k += 2;
  dval v = dv_new(G_DAY);
  uint32_t e = day_word(c, k, &v);
  /* "8:30 a.m. on Tuesday": two expressions, the time is on that day */
  if (e == k && word(c, k, "on") && day_word(c, k + 1, &v) > k + 1) {
  } else if (e == k) {
    /* no day word: the day last mentioned (news narrates one day at a time), else the anchor */
    news_ymd base = c->last.year > 0 ? c->last : c->anchor;
    v = base.year > 0 ? dv_day(base) : dv_new(G_DAY);
  }
  v.hh = hh == 24 ? 24 : hh;
  v.mi = mi;
  h->b = i;
  h->e = e;
  fmt_dval(&v, h->value);
  if (hh == 24 && v.gran == G_DAY) { /* midnight: TIMEX3 writes T24 */
    char *t = strchr(h->value, 'T');
    if (t) memcpy(t, "T24", 4);
  }
  h->type = NEWS_TIMEX_TIME;
  if (v.y > 0 && v.y <= 9999) h->day = (news_ymd){v.y, v.m, v.d};
  return true;
}

/* Sets: "every day", "each Thursday", "daily", "Mondays", "every other week". */
static bool match_set(ctx *c, uint32_t i, hit *h) {
  static const char *const adv[] = {"", "P1D", "P1W", "P1M", "P1Y", "P3M", "PT1H", "P1D"};
  if (has(c, i, TX_SETADV)) {
    int n = num(c, i);
    if (i > 0 && (word(c, i - 1, "average") || upper(c, i - 1))) return false; /* "average daily volume", "Party daily" */
    if (n < 1 || n > 7) return false;
    h->b = i;
    h->e = i + 1;
    h->type = NEWS_TIMEX_SET;
    snprintf(h->value, sizeof h->value, "%s", adv[n]);
    return true;
  }
  if (has(c, i, TX_EVERY) && num(c, i) <= 2) {
    uint32_t k = i + 1;
    bool plural;
    long halves = 2;
    uint32_t j = read_number(c, k, &halves);
    if (j > k && !word(c, k, "a") && !word(c, k, "an")) k = j;
    else halves = 2;
    if (word(c, k, "other")) {
      halves = 4;
      k++;
    }
    int u = unit_at(c, k, &plural);
    h->b = i;
    h->type = NEWS_TIMEX_SET;
    if (u && u != U_HALF) {
      h->e = k + 1;
      fmt_duration(u, halves, h->value);
      return true;
    }
    if (has(c, k, TX_WEEKDAY) && num(c, k) < 10) {
      dval v = dv_new(G_DAY);
      v.wd = num(c, k);
      h->e = part_of_day(c, k + 1, &v);
      fmt_dval(&v, h->value);
      return true;
    }
    if (has(c, k, TX_MONTH) && upper(c, k)) {
      snprintf(h->value, sizeof h->value, "XXXX-%02d", num(c, k));
      h->e = k + 1;
      return true;
    }
    if (has(c, k, TX_PARTDAY) && num(c, k) <= 4) {
      snprintf(h->value, sizeof h->value, "XXXX-XX-XXT%s", POD[num(c, k)]);
      h->e = k + 1;
      return true;
    }
    return false;
  }
  /* plural weekdays: "Mondays", "Tuesday nights" */
  if (has(c, i, TX_WEEKDAY) && num(c, i) > 10 && upper(c, i)) {
    dval v = dv_new(G_DAY);
    v.wd = num(c, i) - 10;
    h->b = i;
    h->e = i + 1;
    h->type = NEWS_TIMEX_SET;
    fmt_dval(&v, h->value);
    return true;
  }
  return false;
}

/* Skips the approximation words kept in a duration's span ("about",
** "nearly", "more than", "less than", "at least", "up to", "only"), at
** most three steps.  Returns the token after them, k when there are none. */
static uint32_t skip_approx(const ctx *c, uint32_t k) {
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

/* Durations and "N units ago": "two days", "the past two months",
** "more than four hours", "a year earlier", "several years", "2 1/2 years",
** "the first nine months".  det: a "the" was read before k; rel: a
** relative modifier (R_*) read before k. */
static bool match_quantity(ctx *c, uint32_t i, uint32_t k, int rel, bool det, hit *h) {
  long halves = -1;
  bool plural = false;
  uint32_t j;
  /* the quantity: a vague one (unknown count: PX?), a number, or "a" */
  if (has(c, k, TX_QUANT) && num(c, k) <= 4) {
    /* several / few / many / couple of + plural unit */
    j = k + 1;
    if (num(c, k) == 4) halves = 4; /* "the next couple of years": two */
    if (num(c, k) == 4 && word(c, j, "of")) j++;
    if (!has(c, j, TX_UNIT)) return false;
    k = j;
  } else if ((word(c, k, "a") || word(c, k, "an")) && is(c, k + 1, TX_QUANT, 2)) {
    k += 2; /* a few */
  } else if (word(c, k, "a") && is(c, k + 1, TX_QUANT, 4) && word(c, k + 2, "of")) {
    halves = 4; /* a couple of */
    k += 3;
  } else {
    /* "the first nine months": "first" is kept in the span, not counted */
    if (ordinal_at(c, k) == 1 && !det) return false;
    if (has(c, k, TX_ORDWORD) && num(c, k) == 1) k++;
    j = read_number(c, k, &halves);
    if (j == k) return false;
    k = j;
    /* "two to three weeks", "12 to 18 months": one expression, valued by
    ** its lower bound (as TimeBank writes it) */
    if (word(c, k, "to") || word(c, k, "or")) {
      long hi = -1;
      uint32_t j2 = read_number(c, k + 1, &hi);
      bool pl;
      if (j2 > k + 1 && hi > halves && !word(c, k + 1, "a") && unit_at(c, j2, &pl)) k = j2;
    }
    /* "20 more years", "three straight days", "eight trading days" */
    if (word(c, k, "more") || word(c, k, "full") || word(c, k, "straight") || word(c, k, "additional") ||
        word(c, k, "extra") || word(c, k, "further") ||
        word(c, k, "consecutive") || word(c, k, "trading") || word(c, k, "calendar"))
      k++;
  }
  int u = unit_at(c, k, &plural);
  if (!u || u == U_HALF) return false;
  if (u == U_WEEKEND && halves < 0) return false;
  if (upper(c, k) && !upper(c, k - 1 > i ? k - 1 : i)) return false; /* "60 Minutes", a title */
  /* "a quarter of the market", "a quarter of a point": a fraction ("two
  ** consecutive quarters of growth" stays a length of time) */
  if (u == U_QUARTER && halves == 2 && !plural && word(c, k + 1, "of") && !year_at(c, k + 2)) return false;
  uint32_t e = k + 1;
  /* "a minute and a half" */
  if (halves >= 0 && halves % 2 == 0 && word(c, e, "and") && word(c, e + 1, "a") && word(c, e + 2, "half")) {
    halves++;
    e += 3;
  }
  /* "37 years old": an age, not a period */
  if (word(c, e, "old") || (kind(c, e) == NEWS_TOK_DASH && word(c, e + 1, "old"))) return false;
  h->b = i;
  /* "a week or so ago" */
  uint32_t a = e;
  if (word(c, a, "or") && word(c, a + 1, "so")) a += 2;
  /* anchors: ago / earlier / from now ("later" stays outside: "three days
  ** later" is written as a duration in TimeML) */
  int dir = 0;
  if (is(c, a, TX_ANCHOR, 1)) dir = -1;
  else if (is(c, a, TX_POS, P_EARLIER)) dir = -2;
  else if (word(c, a, "from") && word(c, a + 1, "now")) dir = 3;
  if (dir) e = a;
  if (dir && !det && rel == 0) {
    if (halves < 0) {
      h->e = e + (dir == 3 ? 2 : 1);
      h->type = NEWS_TIMEX_DATE;
      snprintf(h->value, sizeof h->value, dir < 0 ? "PAST_REF" : "FUTURE_REF");
      return true;
    }
    long n = halves / 2;
    news_ymd base = c->anchor;
    dval v = dv_shift(c, base, u, dir < 0 ? -n : n);
    /* "a year ago" after a quarter: the same quarter a year before */
    if (u == U_YEAR && c->last_q && v.y > 0 && v.gran == G_YEAR) {
      v.gran = G_QUARTER;
      v.y = c->last_qy - (int)n;
      v.n = c->last_q;
    }
    h->e = e + (dir == 3 ? 2 : 1);
    set_date(c, h, &v);
    return true;
  }
  if (!plural && halves < 0) return false;
  h->e = e;
  h->type = NEWS_TIMEX_DURATION;
  /* "$5 a year", "5 pct a year", "700 seats a week", "twice a month": a
  ** rate, TimeML's SET (a number, "times", "once" or "twice" among the
  ** three tokens before "a") */
  if (halves == 2 && k == i + 1 && word(c, i, "a") && !plural) {
    for (uint32_t back = 1; back <= 3 && back <= i - c->sb; back++)
      if (NEWS_TOK_IS(c->t[i - back].kind, NEWS_TOK_RANGE_NUMBER) || word(c, i - back, "times") ||
          word(c, i - back, "twice") || word(c, i - back, "once")) {
        h->type = NEWS_TIMEX_SET;
        break;
      }
  }
  /* "will one day": some day in the future */
  if (halves == 2 && u == U_DAY && word(c, i, "one") && i > 0 &&
      (word(c, i - 1, "will") || word(c, i - 1, "would") || word(c, i - 1, "could") ||
       word(c, i - 1, "might") || word(c, i - 1, "may") || word(c, i - 1, "he") || word(c, i - 1, "she"))) {
    h->type = NEWS_TIMEX_DATE;
    snprintf(h->value, sizeof h->value, "FUTURE_REF");
    return true;
  }
  fmt_duration(u, halves, h->value);
  return true;
}

/* Quarter / half value q of year y resolved against the anchor when y is 0. */
static dval dv_quarter(const ctx *c, int unit, int q, int y, int rel) {
  dval v = dv_new(unit == U_HALF ? G_HALF : G_QUARTER);
  v.n = q;
  if (y) {
    v.y = y;
    return v;
  }
  if (!have_anchor(c)) return v;
  int per = unit == U_HALF ? 6 : 3;
  int cur = (c->anchor.month - 1) / per + 1;
  v.y = c->anchor.year;
  if (rel == R_LAST || rel == R_PREVIOUS) v.y--;
  else if (rel == R_NEXT || rel == R_COMING) v.y++;
  /* quarters are reported after they end, so a later quarter is last
  ** year's even in a forecast ("to publish third-quarter growth"); a half
  ** can be looked forward to ("will recover in the second half") */
  else if (rel == 0 && q > cur && (unit != U_HALF || !future(c))) v.y--;
  return v;
}

/* Trailing year of a month or quarter: "1989", ", 1989", "of 1989",
** "last year", "this year", "next year".  Returns the token after it and
** sets *y, or returns k. */
static uint32_t trailing_year(const ctx *c, uint32_t k, int *y) {
  uint32_t j = k;
  if (kind(c, j) == NEWS_TOK_PUNCT && c->t[j].mark == ',') j++;
  else if (word(c, j, "of")) j++;
  int yr = year_at(c, j);
  if (yr) {
    *y = yr;
    return j + 1;
  }
  uint32_t w = words_year(c, j, &yr);
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

/* Days of month d (1..31) at k: "30", "30th", "the 30th". */
static int day_of_month(const ctx *c, uint32_t k) {
  int nd = 0;
  long v = digits_at(c, k, &nd);
  if (v >= 1 && v <= 31 && nd <= 2) return (int)v;
  int o = ordinal_at(c, k);
  if (kind(c, k) == NEWS_TOK_ORDINAL && o >= 1 && o <= 31) return o;
  return 0;
}

/* Is token k plausibly the month name and not a false friend ("May" the
** name or modal, "march" the verb)? */
static bool real_month(const ctx *c, uint32_t k, bool context) {
  if (!has(c, k, TX_MONTH)) return false;
  if (kind(c, k) == NEWS_TOK_ABBREV) return true; /* "Aug.", "Sept." */
  if (!upper(c, k)) return false;                 /* "march", "may" */
  int m = num(c, k);
  if (m != 5 && m != 3 && tlen(c, k) > 3) return true;
  /* "Dec 5" but not "Jan" the name or "Mar" alone */
  if (tlen(c, k) <= 3 && m != 5) return day_of_month(c, k + 1) || year_at(c, k + 1);
  /* May / March: need a day, a year, a modifier (context) or a dating
  ** preposition before; "March on"/"March to" stay verbs */
  if (context) return true;
  if (day_of_month(c, k + 1) || year_at(c, k + 1)) return true;
  if (k > 0) {
    uint32_t p = k - 1;
    if (word(c, p, "in") || word(c, p, "since") || word(c, p, "until") || word(c, p, "through") ||
        word(c, p, "early") || word(c, p, "late") || word(c, p, "mid") || word(c, p, "last") ||
        word(c, p, "next") || word(c, p, "this") || word(c, p, "of") || word(c, p, "during") ||
        word(c, p, "by") || word(c, p, "before") || word(c, p, "after") || word(c, p, "from") ||
        word(c, p, "till") || word(c, p, "to") || word(c, p, "between") || word(c, p, "and"))
      return m == 3 && !word(c, p, "from") ? !word(c, k + 1, "on") && !word(c, k + 1, "to") : true;
  }
  return false;
}

/* "the Sept. 11 attacks", "the 11 September terror attacks": the day of
** 2001 that news names without its year; k is the token after the date. */
static bool sept11(const ctx *c, int m, int d, uint32_t k) {
  if (m != 9 || d != 11) return false;
  if (word(c, k, "terror") || word(c, k, "terrorist")) k++;
  return word(c, k, "attacks") || word(c, k, "attack") || word(c, k, "hijackings") || word(c, k, "commission");
}

/* A month expression at k: "Sept. 30, 1989", "July 1997", "March",
** "Jan. 5th"; rel and pos come from the words before. */
static bool match_month(ctx *c, uint32_t i, uint32_t k, int rel, bool pos, hit *h) {
  if (!real_month(c, k, rel != 0 || pos)) return false;

  int m = num(c, k);
  uint32_t e = k + 1;
  int d = day_of_month(c, e);
  if (d) {
    e++;
    int y = 0;
    uint32_t j = trailing_year(c, e, &y);
    dval v = dv_new(G_DAY);
    v.m = m;
    v.d = d;
    if (j > e) {
      v.y = y;
      e = j;
      news_ymd x = {v.y, m, d};
      if (news_timex_valid(x) && c->first_explicit.year == 0) c->first_explicit = x;
    } else {
      v.y = sept11(c, m, d, e) ? 2001 : monthday_year(c, m, d);
    }
    news_ymd x = {v.y ? v.y : 2000, m, d};
    if (!news_timex_valid(x)) return false;
    e = part_of_day(c, e, &v);
    h->b = i;
    h->e = e;
    set_date(c, h, &v);
    return true;
  }
  dval v = dv_new(G_MONTH);
  v.m = m;
  int y = 0;
  uint32_t j = trailing_year(c, e, &y);
  if (j > e) {
    v.y = y;
    e = j;
  } else if (rel == R_LAST || rel == R_PREVIOUS || rel == R_PAST) {
    v.y = month_year(c, m, -1);
    /* "last March" said in March or in April means a year ago: the month
    ** just gone would be "last month" */
    if (v.y && (m == c->anchor.month || m % 12 + 1 == c->anchor.month)) v.y--;
  } else if (rel == R_NEXT || rel == R_COMING) {
    v.y = month_year(c, m, 1);
    if (v.y && m == c->anchor.month) v.y++;
  } else if (rel == R_THIS) {
    v.y = have_anchor(c) ? c->anchor.year : 0;
  } else if (tense(c)) {
    v.y = month_year(c, m, tense(c));
  } else if (have_anchor(c)) {
    /* no tense cue: the nearer of the past and the next occurrence */
    int back = (c->anchor.month - m + 12) % 12, fwd = (m - c->anchor.month + 12) % 12;
    v.y = month_year(c, m, fwd < back ? 1 : -1);
  }
  h->b = i;
  h->e = e;
  set_date(c, h, &v);
  return true;
}

/* Day-first dates: "7 August 1998", "the 30th of September". */
static bool match_day_month(ctx *c, uint32_t i, uint32_t k, hit *h) {
  int d = day_of_month(c, k);
  if (!d) return false;
  uint32_t j = k + 1;
  if (word(c, j, "of")) j++;
  if (!has(c, j, TX_MONTH) || !upper(c, j)) return false;
  /* "1 May" needs an ordinal, a year or a preposition before it ("on 1 May") */
  if (j == k + 1 && kind(c, k) != NEWS_TOK_ORDINAL && !year_at(c, j + 1) && num(c, j) == 5 &&
      !(k > c->sb && (word(c, k - 1, "on") || word(c, k - 1, "from") || word(c, k - 1, "until") ||
                      word(c, k - 1, "since") || word(c, k - 1, "by") || word(c, k - 1, "before") ||
                      word(c, k - 1, "after"))))
    return false;
  int m = num(c, j);
  dval v = dv_new(G_DAY);
  v.m = m;
  v.d = d;
  int y = 0;
  uint32_t e = trailing_year(c, j + 1, &y);
  if (e > j + 1) {
    v.y = y;
  } else {
    v.y = sept11(c, m, d, j + 1) ? 2001 : monthday_year(c, m, d);
    e = j + 1;
  }
  news_ymd x = {v.y ? v.y : 2000, m, d};
  if (!news_timex_valid(x)) return false;
  h->b = i;
  h->e = e;
  set_date(c, h, &v);
  return true;
}

/* Ordinal quarters and halves: "the third quarter", "the fiscal first
** quarter", "the first half of 1989", "this year's third quarter". */
static bool match_quarter(ctx *c, uint32_t i, uint32_t k, int rel, int y, hit *h) {
  if (has(c, k, TX_FISCAL)) k++;
  int q = ordinal_at(c, k);
  bool plural;
  uint32_t e;
  int u;
  int parts[3];
  if (q && (u = unit_at(c, k + 1, &plural)) && (u == U_QUARTER || u == U_HALF) && !plural) {
    e = k + 2;
  } else if (!q && rel == R_LAST && is(c, k, TX_UNIT, U_HALF) && word(c, k + 1, "of")) {
    q = 2; /* "the last half of 1989" */
    u = U_HALF;
    e = k + 1;
    rel = 0;
  } else if (hyphen_parts(c, k, parts) == 2 && parts[0] / 100 == TX_ORDWORD && parts[0] < 10000 &&
             (parts[1] == 500 + U_QUARTER || parts[1] == 500 + U_HALF)) {
    q = parts[0] % 100;
    u = parts[1] % 100;
    e = k + 1;
    i = k; /* "the third-quarter loss": the adjective alone */
  } else {
    return false;
  }
  if (q < 1 || q > (u == U_HALF ? 2 : 4)) return false;
  int yy = 0;
  uint32_t j = trailing_year(c, e, &yy);
  if (j > e) {
    e = j;
    y = yy;
  } else if (word(c, e, "of")) {
    if (u == U_HALF && word(c, e - 1, "half") && !ordinal_at(c, e - 2)) return false; /* "the last half of the '80s" */
  }
  dval v = dv_quarter(c, u, q, y, rel);
  h->b = i;
  h->e = e;
  set_date(c, h, &v);
  if (u == U_QUARTER && v.y > 0) {
    c->last_qy = v.y;
    c->last_q = q;
  }
  return true;
}

/* "the 1990s", "the '80s", "the 20th century", "the early 1980s". */
static bool match_decade(ctx *c, uint32_t i, uint32_t k, hit *h) {
  const char *p = ttext(c, k);
  uint32_t n = tlen(c, k);
  if (k < c->se && c->t[k].kind == NEWS_TOK_WORD && n == 5 && p[4] == 's' && p[3] == '0') {
    int v = 0;
    for (int q = 0; q < 4; q++) {
      if (p[q] < '0' || p[q] > '9') return false;
      v = v * 10 + (p[q] - '0');
    }
    if (v < 1000 || v > 2190) return false;
    dval d = dv_new(G_DECADE);
    d.n = v / 10;
    h->b = i;
    h->e = k + 1;
    set_date(c, h, &d);
    return true;
  }
  /* '80s: a quote mark then "80s" */
  if (NEWS_TOK_IS(kind(c, k), NEWS_TOK_RANGE_QUOTE) && k + 1 < c->se && tlen(c, k + 1) == 3) {
    const char *q = ttext(c, k + 1);
    if (q[0] >= '0' && q[0] <= '9' && q[1] == '0' && q[2] == 's' && !(c->t[k + 1].flags & NEWS_TF_SPACE)) {
      dval d = dv_new(G_DECADE);
      d.n = 190 + (q[0] - '0');
      h->b = i;
      h->e = k + 2;
      set_date(c, h, &d);
      return true;
    }
  }
  /* "the nineties": the 1990s */
  if (has(c, k, TX_DECADE) && (k > i || word(c, k - 1, "the"))) {
    dval d = dv_new(G_DECADE);
    d.n = 190 + num(c, k);
    h->b = i;
    h->e = k + 1;
    set_date(c, h, &d);
    return true;
  }
  int o = ordinal_at(c, k);
  if (o >= 1 && o <= 21 && is(c, k + 1, TX_UNIT, U_CENTURY)) {
    dval d = dv_new(G_CENTURY);
    d.n = o - 1;
    h->b = i;
    h->e = k + 2;
    set_date(c, h, &d);
    return true;
  }
  return false;
}

/* Hyphenated words: "two-year", "16-hour", "third-quarter" (in
** match_quarter), "mid-1996", "mid-November", "year-earlier", "year-ago",
** "year-end".  Age phrases ("two-year-old") are skipped. */
static bool match_hyphen(ctx *c, uint32_t i, uint32_t k, hit *h) {
  int p[3];
  int np = hyphen_parts(c, k, p);
  if (np < 2) return false;
  if (np == 3 && (p[2] == 0 || p[2] / 100 != TX_UNIT)) {
    /* "two-year-old", "10-year-long": not a timex of its own */
    return false;
  }
  /* N-unit: "two-year", "16-hour", "52-week" */
  int n = p[0] >= 10000 ? p[0] - 10000 : p[0] / 100 == TX_NUMWORD ? p[0] % 100 : -1;
  if (p[0] / 100 == TX_NUMWORD && p[0] < 10000 && np == 3 && p[1] / 100 == TX_NUMWORD) n = -1;
  if (np == 2 && n > 0 && p[1] / 100 == TX_UNIT && p[1] < 10000 && p[1] % 100 < 20 &&
      p[1] % 100 != U_HALF && p[1] % 100 != U_QUARTER && p[1] % 100 != U_WEEKEND) {
    h->b = i;
    h->e = k + 1;
    h->type = NEWS_TIMEX_DURATION;
    fmt_duration(p[1] % 100, 2L * n, h->value);
    return true;
  }
  /* "day-long" (P1D), "decades-long" (PXY) */
  const char *t = ttext(c, k);
  uint32_t L = tlen(c, k);
  if (np == 2 && p[0] / 100 == TX_UNIT && p[0] < 10000 && L >= 6 && memcmp(t + L - 5, "-long", 5) == 0) {
    int u = p[0] % 100 > 20 ? p[0] % 100 - 20 : p[0] % 100;
    if (u == U_HALF || u == U_QUARTER || u == U_WEEKEND) return false;
    h->b = k; /* an adjective: "the" stays out */
    h->e = k + 1;
    h->type = NEWS_TIMEX_DURATION;
    fmt_duration(u, p[0] % 100 > 20 ? -1 : 2, h->value);
    return true;
  }
  /* "post-1959", "pre-1990": the year itself */
  if (np == 2 && p[1] >= 11000 && p[1] <= 12199 && L <= 9 && (t[0] | 0x20) == 'p' &&
      (memcmp(t + 1, "ost-", 4) == 0 || memcmp(t + 1, "re-", 3) == 0)) {
    dval v = dv_new(G_YEAR);
    v.y = p[1] - 10000;
    h->b = k;
    h->e = k + 1;
    set_date(c, h, &v);
    return true;
  }
  /* mid-1996, late-1990s, early-November, mid-afternoon */
  if (np == 2 && (p[0] == 1100 + P_MID || p[0] == 1100 + P_EARLY || p[0] == 1100 + P_LATE)) {
    uint32_t dash = (uint32_t)((const char *)memchr(t, '-', L) - t);
    if (p[1] >= 11000 && p[1] <= 12199 && L == dash + 5) {
      dval v = dv_new(G_YEAR);
      v.y = p[1] - 10000;
      h->b = i;
      h->e = k + 1;
      set_date(c, h, &v);
      return true;
    }
    if (L == dash + 6 && t[L - 1] == 's' && t[L - 2] == '0') { /* mid-1990s */
      int y = 0;
      for (uint32_t q = dash + 1; q < dash + 5; q++) {
        if (t[q] < '0' || t[q] > '9') return false;
        y = y * 10 + (t[q] - '0');
      }
      dval v = dv_new(G_DECADE);
      v.n = y / 10;
      h->b = i;
      h->e = k + 1;
      set_date(c, h, &v);
      return true;
    }
    if (p[1] / 100 == TX_MONTH && p[1] < 10000) {
      dval v = dv_new(G_MONTH);
      v.m = p[1] % 100;
      int y = 0;
      uint32_t e = trailing_year(c, k + 1, &y);
      v.y = e > k + 1 ? y : month_year(c, v.m, tense_dir(c));
      h->b = i;
      h->e = e;
      set_date(c, h, &v);
      return true;
    }
    if (p[1] / 100 == TX_PARTDAY && p[1] < 10000 && p[1] % 100 <= 4) {
      dval v = dv_new(G_DAY);
      uint32_t e = day_word(c, k + 1, &v);
      if (e == k + 1) v = c->anchor.year ? dv_day(c->anchor) : dv_new(G_DAY);
      v.pod = p[1] % 100;
      h->b = i;
      h->e = e;
      set_date(c, h, &v);
      return true;
    }
    return false;
  }
  /* year-earlier, year-ago, year-end */
  if (np == 2 && p[0] == 500 + U_YEAR && have_anchor(c)) {
    dval v;
    if (p[1] == 1100 + P_EARLIER || p[1] == 1600 + 1) {
      if (c->last_q) {
        v = dv_new(G_QUARTER);
        v.y = c->last_qy - 1;
        v.n = c->last_q;
      } else {
        v = dv_new(G_YEAR);
        v.y = c->anchor.year - 1;
      }
    } else if (p[1] == 1100 + P_END) {
      v = dv_new(G_DAY);
      v.y = c->anchor.year;
      v.m = 12;
      v.d = 31;
      /* "since year-end" is the last one; "by year-end" the coming one */
      if ((k > 0 && word(c, k - 1, "since")) || (tense(c) < 0 && c->anchor.month < 12)) v.y--;
    } else {
      return false;
    }
    h->b = i;
    h->e = k + 1;
    /* "the year-earlier period" keeps its noun, "the year-ago results" not */
    if (word(c, k + 1, "period") || is(c, k + 1, TX_UNIT, U_QUARTER))
      h->e = k + 2;
    else
      h->b = k;
    set_date(c, h, &v);
    return true;
  }
  return false;
}

/* The day of holiday `code` (a timex_holidays.tsv value) in year y; the
** day before for an "Eve". */
static news_ymd holiday_date(int code, int y, bool eve) {
  news_ymd x;
  if (code < 1300) x = (news_ymd){y, code / 100, code % 100};
  else if (code == 2001) x = news_timex_nth_weekday(y, 11, 4, 4); /* Thanksgiving */
  else if (code == 2002) x = news_timex_easter(y);
  else if (code == 2003) x = news_timex_nth_weekday(y, 5, 1, -1); /* Memorial Day */
  else x = news_timex_nth_weekday(y, 9, 1, 1);                   /* Labor Day */
  if (!news_timex_valid(x)) x = (news_ymd){y, x.month, 28};       /* Feb 29 style overflow */
  return eve ? news_timex_add_days(x, -1) : x;
}

/* Holidays: "Christmas", "Christmas Day", "Christmas Eve", "Thanksgiving",
** "Easter", "Memorial Day", "Labor Day", "Valentine's Day", "New Year's
** Day" / "New Year's Eve" (Dec. 31 of the year before), with an
** optional year.  Without one, the anchor's year, or the year before when
** the holiday is still to come and nothing points to the future. */
static bool match_holiday(ctx *c, uint32_t i, uint32_t k, hit *h) {
  if (!upper(c, k) || c->t[k].kind != NEWS_TOK_WORD) return false;
  int code = news_lex_find(&news_lex_timex_holidays, ttext(c, k), tlen(c, k));
  if (!code) return false;
  uint32_t e = k + 1;
  if (code == 101) { /* "New Year's Day", "New Year's Eve", "New Year's" */
    if (!word(c, e, "year") || !upper(c, e) || kind(c, e + 1) != NEWS_TOK_CLITIC) return false;
    e++;
  }
  if (kind(c, e) == NEWS_TOK_CLITIC) e++; /* Valentine's */
  bool eve = false;
  if (word(c, e, "day")) {
    e++;
  } else if (word(c, e, "eve")) {
    eve = true;
    e++;
  } else if (code == 2003 || code == 2004 || code == 214) {
    return false; /* "Labor", "Memorial", "Valentine" alone are no holidays */
  }
  int y = 0;
  uint32_t j = trailing_year(c, e, &y);
  dval v = dv_new(G_DAY);
  if (j > e) {
    e = j;
    v = dv_day(holiday_date(code, y, eve));
  } else if (have_anchor(c)) {
    /* future words: the next occurrence; past words: the last one, or
    ** one within the coming week ("as Easter week began" six days before
    ** Easter); no cue: the nearest, a coming one counted twice as far */
    long a = news_timex_days(c->anchor), best = -1;
    int t = tense(c);
    news_ymd x = holiday_date(code, c->anchor.year, eve);
    for (int yy = c->anchor.year - 1; yy <= c->anchor.year + 1; yy++) {
      news_ymd z = holiday_date(code, yy, eve);
      long diff = news_timex_days(z) - a, cost = diff < 0 ? -diff : diff;
      if ((t > 0 && diff < 0) || (t < 0 && diff > 7)) continue; /* past words allow the week ahead */
      if (diff > 0 && t <= 0) cost *= 2;
      if (best < 0 || cost < best) {
        best = cost;
        x = z;
      }
    }
    v = dv_day(x);
  } else if (code < 1300) {
    news_ymd x = holiday_date(code, 2000, eve); /* a leap year: any MMDD */
    v.m = x.month;
    v.d = x.day;
  }
  /* "Easter week": the ISO week holding the holiday */
  if (word(c, e, "week") && v.y > 0) {
    v = dv_week((news_ymd){v.y, v.m, v.d}, 0, G_WEEK);
    e++;
  }
  h->b = i;
  h->e = e;
  set_date(c, h, &v);
  return true;
}

/* A year number at k, with what may follow ("1989", "fiscal 1989",
** "the 1988 period"). */
static bool match_year(ctx *c, uint32_t i, uint32_t k, bool det, bool fiscal, hit *h) {
  int y = year_at(c, k);
  uint32_t e = k + 1;
  if (!y) {
    e = words_year(c, k, &y);
    if (e == k) return false;
  }
  /* not a year: "1989 shares", money and counts are NUMBER-kinded too */
  if (k > 0 && kind(c, k - 1) == NEWS_TOK_SYMBOL) return false;
  if (!fiscal && !det && (y < 1800 || y > 2100)) return false;
  dval v = dv_new(G_YEAR);
  v.y = y;
  /* "the 1988 second quarter" */
  if (det && match_quarter(c, i, e, 0, y, h)) return true;
  if (det && (is(c, e, TX_UNIT, U_QUARTER) || word(c, e, "period"))) {
    if (c->last_q) { /* "the 1988 quarter": the quarter being discussed */
      v.gran = G_QUARTER;
      v.n = c->last_q;
    }
    e++;
  } else if (det && (is(c, e, TX_UNIT, U_YEAR) || word(c, e, "season"))) {
    e++;
  } else if (det && !fiscal) {
    return false;
  }
  h->b = i;
  h->e = e;
  set_date(c, h, &v);
  return true;
}

/* A unit after a relative modifier or "the": "last week", "this year",
** "the quarter", "the weekend", "next month", "the next day". */
static bool match_rel_unit(ctx *c, uint32_t i, uint32_t k, int rel, bool det, hit *h) {
  bool plural;
  int u = unit_at(c, k, &plural);
  /* "the latest quarter", "the latest period": the last quarter reported */
  if (rel == R_LATEST && (u == U_QUARTER || word(c, k, "period")) && have_anchor(c)) {
    dval v = dv_new(G_QUARTER);
    news_ymd x = news_timex_add_months(c->anchor, -3);
    v.y = x.year;
    v.n = (x.month - 1) / 3 + 1;
    if (c->last_q) {
      v.y = c->last_qy;
      v.n = c->last_q;
    }
    h->b = i;
    h->e = k + 1;
    set_date(c, h, &v);
    return true;
  }
  if (rel == R_LATEST) rel = R_THIS;
  if (upper(c, k)) return false; /* "This Week", a programme's title */
  if (!u || plural) {
    /* "the weeks ahead", "in the days ahead": the near future, vague */
    if (u && plural && det && !rel && word(c, k + 1, "ahead")) {
      h->b = i;
      h->e = k + 2;
      h->type = NEWS_TIMEX_DURATION;
      fmt_duration(u, -1, h->value);
      return true;
    }
    /* "recent years", "coming weeks", "the past few weeks" */
    if (u && plural && (rel == R_PAST || rel == R_COMING || rel == R_LAST || rel == R_NEXT ||
                        rel == R_UPCOMING || rel == R_PREVIOUS)) {
      h->b = i;
      h->e = k + 1;
      h->type = NEWS_TIMEX_DURATION;
      fmt_duration(u, -1, h->value);
      return true;
    }
    return false;
  }
  if (!rel && !det) return false;
  dval v = dv_new(G_YEAR);
  news_ymd a = c->anchor;
  bool ok = a.year > 0;
  int shift = 0;
  if (rel == R_LAST || rel == R_PREVIOUS || rel == R_PRECEDING || rel == R_PAST) shift = -1;
  if (rel == R_NEXT || rel == R_COMING || rel == R_FOLLOWING || rel == R_UPCOMING) shift = 1;
  bool anaphoric = det && (rel == R_PREVIOUS || rel == R_FOLLOWING || rel == R_NEXT || rel == R_PRECEDING || rel == R_SAME);
  if (rel == R_SAME) anaphoric = true;
  if (anaphoric && u == U_DAY) {
    a = anaphor(c);
    v = dv_rel_day(c, a, shift);
    uint32_t e = part_of_day(c, k + 1, &v);
    h->b = i;
    h->e = e;
    set_date(c, h, &v);
    return true;
  }
  /* "that day", "later that day", "earlier in the day": the day last
  ** talked about (else the reference date) */
  if (u == U_DAY && anaphor(c).year > 0 &&
      ((rel == R_THAT && !word(c, k + 1, "of")) ||
       (det && !rel && i >= c->sb + 2 && word(c, i - 1, "in") &&
        (is(c, i - 2, TX_POS, P_EARLIER) || is(c, i - 2, TX_POS, P_LATER))))) {
    v = dv_day(anaphor(c));
    uint32_t e = part_of_day(c, k + 1, &v);
    h->b = i;
    h->e = e;
    set_date(c, h, &v);
    return true;
  }
  if (u == U_DAY) return false; /* "the day", "a day": too vague */
  /* "that year", "the following year", "the previous month": against the
  ** year or month last mentioned */
  if ((anaphoric || rel == R_THAT) && (u == U_YEAR || (u == U_MONTH && c->last_m)) && c->last_y) {
    if (u == U_YEAR) {
      v = dv_new(G_YEAR);
      v.y = c->last_y + shift;
    } else {
      news_ymd x = news_timex_add_months((news_ymd){c->last_y, c->last_m, 1}, shift);
      v = dv_new(G_MONTH);
      v.y = x.year;
      v.m = x.month;
    }
    int ly = c->last_y, lm = c->last_m;
    h->b = i;
    h->e = k + 1;
    set_date(c, h, &v);
    c->last_y = ly; /* an anaphor does not move the topic */
    c->last_m = lm;
    return true;
  }
  /* "the next/past year" with "the": that period as a date */
  if (det && rel == 0) {
    /* "the year", "the week", "the quarter", "the weekend" */
    if (u == U_QUARTER) {
      v = dv_new(G_QUARTER);
      if (c->last_q) {
        v.y = c->last_qy;
        v.n = c->last_q;
      } else if (ok) {
        news_ymd x = news_timex_add_months(a, -3);
        v.y = x.year;
        v.n = (x.month - 1) / 3 + 1;
      }
      if (!v.n) return false;
    } else if (u == U_WEEKEND) {
      v = ok ? dv_week(a, news_timex_weekday(a) >= 6 ? 0 : (future(c) ? 0 : -1), G_WEEKEND) : dv_new(G_WEEKEND);
    } else if (u == U_WEEK) {
      v = ok ? dv_week(a, 0, G_WEEK) : dv_new(G_WEEK);
      /* "the week of March 6": the ISO week holding that day */
      dval dd = dv_new(G_DAY);
      uint32_t e = word(c, k + 1, "of") ? day_word(c, k + 2, &dd) : k + 2;
      if (e > k + 2 && dd.y > 0 && !dd.wd) {
        v = dv_week((news_ymd){dd.y, dd.m, dd.d}, 0, G_WEEK);
        h->b = i;
        h->e = e;
        set_date(c, h, &v);
        return true;
      }
    } else if (u == U_YEAR) {
      v = dv_new(G_YEAR);
      v.y = a.year;
    } else if (u == U_MONTH) {
      v = dv_new(G_MONTH);
      v.y = a.year;
      v.m = a.month;
    } else {
      return false;
    }
    h->b = i;
    h->e = k + 1;
    set_date(c, h, &v);
    return true;
  }
  if (rel == R_THAT) return false;
  /* "the past decade": the ten years up to now ("the last decade" stays
  ** the previous decade, 199 in 2005) */
  if (u == U_DECADE && det && rel == R_PAST) {
    h->b = i;
    h->e = k + 1;
    h->type = NEWS_TIMEX_DURATION;
    snprintf(h->value, sizeof h->value, "P10Y");
    return true;
  }
  if (!ok) {
    static const int gran[] = {0, 0, 0, 0, G_DAY, G_WEEK, G_MONTH, G_YEAR, G_DECADE, G_CENTURY, G_QUARTER, G_WEEKEND, G_WEEK, G_HALF};
    v = dv_new(gran[u]);
    if (!v.gran) return false;
  } else {
    switch (u) {
    case U_WEEK: v = dv_week(a, shift, G_WEEK); break;
    case U_WEEKEND:
      v = dv_week(a, shift == 0 && !future(c) && news_timex_weekday(a) < 6 ? 0 : shift, G_WEEKEND);
      break;
    case U_MONTH: {
      news_ymd x = news_timex_add_months(a, shift);
      v = dv_new(G_MONTH);
      v.y = x.year;
      v.m = x.month;
      break;
    }
    case U_QUARTER: {
      news_ymd x = news_timex_add_months(a, 3 * shift);
      v = dv_new(G_QUARTER);
      v.y = x.year;
      v.n = (x.month - 1) / 3 + 1;
      break;
    }
    case U_YEAR:
      v = dv_new(G_YEAR);
      v.y = a.year + shift;
      break;
    case U_DECADE:
      v = dv_new(G_DECADE);
      v.n = a.year / 10 + shift;
      break;
    case U_CENTURY:
      v = dv_new(G_CENTURY);
      v.n = a.year / 100 + shift;
      break;
    case U_HALF:
      return false;
    default: return false;
    }
  }
  h->b = i;
  h->e = k + 1;
  set_date(c, h, &v);
  /* "this year's third quarter" */
  if (u == U_YEAR && kind(c, k + 1) == NEWS_TOK_CLITIC) {
    hit q;
    memset(&q, 0, sizeof q);
    if (match_quarter(c, i, k + 2, 0, v.y, &q)) *h = q;
  }
  return true;
}

/* Parts of the day after a modifier: "this morning", "last night", "the
** next morning", "later this afternoon", "the morning". */
static bool match_rel_partday(ctx *c, uint32_t i, uint32_t k, int rel, bool det, hit *h) {
  if (!has(c, k, TX_PARTDAY) || num(c, k) > 4 || (!rel && !det)) return false;
  if (c->t[k].flags & NEWS_TF_UPPER && k > i && !(c->t[i].flags & NEWS_TF_UPPER)) return false;
  dval v;
  if (rel == R_THIS || rel == R_CURRENT) {
    v = dv_rel_day(c, c->anchor, 0);
  } else if (rel == R_LAST || rel == R_PREVIOUS) {
    v = det ? dv_rel_day(c, anaphor(c), -1) : dv_rel_day(c, c->anchor, -1);
  } else if (rel == R_NEXT || rel == R_FOLLOWING) {
    if (!det) return false;
    v = dv_rel_day(c, anaphor(c), 1);
  } else if (rel == R_SAME || (det && !rel && num(c, k) == 1)) {
    v = dv_rel_day(c, anaphor(c), 0);
  } else {
    return false;
  }
  /* "this morning" names the morning, not a day's date column */
  v.pod = num(c, k);
  h->b = i;
  h->e = k + 1;
  set_date(c, h, &v);
  return true;
}

/* "the near future", "the short term", "the near term". */
static bool match_near(ctx *c, uint32_t i, uint32_t k, bool det, hit *h) {
  if (!(word(c, k, "near") || word(c, k, "short") || word(c, k, "long"))) return false;
  if (!(word(c, k + 1, "future") || word(c, k + 1, "term"))) return false;
  if (!det && !word(c, k + 1, "future")) return false;
  if (word(c, k, "long") && word(c, k + 1, "future")) return false;
  h->b = i;
  h->e = k + 2;
  h->type = NEWS_TIMEX_DATE;
  snprintf(h->value, sizeof h->value, "FUTURE_REF");
  return true;
}

/* "today", "yesterday morning", "tomorrow", "tonight". */
/* Nouns after "today's" that make it mean "our time", not the day:
** "today's youth", "in today's world" (TimeBank leaves these out). */
static bool generic_today(const ctx *c, uint32_t k) {
  static const char *const nouns[] = {"world", "youth", "society", "generation", "children", "kids",
                                      "young", "standards", "economy", "culture", "technology",
                                      "consumers", "students", "teenagers", "families", "media", NULL};
  if (kind(c, k) != NEWS_TOK_CLITIC) return false;
  uint32_t j = k + 1;
  if (word(c, j, "global") || word(c, j, "modern") || word(c, j, "personal")) return true;
  for (int n = 0; nouns[n]; n++)
    if (word_n(c, j, nouns[n], strlen(nouns[n]))) return true;
  return false;
}

static bool match_deictic(ctx *c, uint32_t i, uint32_t k, hit *h) {
  if (!has(c, k, TX_DEICTIC)) return false;
  int n = num(c, k);
  if (n == 1 && generic_today(c, k + 1)) return false;
  /* "This is VOA Today", "USA Today": a title */
  if (n == 1 && upper(c, k) && k > c->sb && upper(c, k - 1) && kind(c, k - 1) == NEWS_TOK_WORD) return false;
  long off = n == 2 ? -1 : n == 3 ? 1 : 0;
  dval v = dv_rel_day(c, c->anchor, off);
  uint32_t e = k + 1;
  if (n == 4) v.pod = 4;
  else e = part_of_day(c, e, &v);
  h->b = i;
  h->e = e;
  set_date(c, h, &v);
  return true;
}

/* "Friday", "last Friday", "Friday morning", "the previous Friday". */
static bool match_weekday(ctx *c, uint32_t i, uint32_t k, int rel, hit *h) {
  if (!has(c, k, TX_WEEKDAY) || num(c, k) > 10) return false;
  if (!upper(c, k) && c->t[k].kind != NEWS_TOK_ABBREV) return false;
  if (tlen(c, k) <= 4 && c->t[k].kind != NEWS_TOK_ABBREV) return false; /* "Wed", "Sat" */
  /* newspapers: "The Sunday Times", "the Sunday Telegraph" */
  static const char *const papers[] = {"times", "telegraph", "express", "mirror", "post", "herald", "mail",
                                       "people", "independent", "tribune", "star", "sport", "business", NULL};
  if (upper(c, k + 1))
    for (int n = 0; papers[n]; n++)
      if (word_n(c, k + 1, papers[n], strlen(papers[n]))) return false;
  int wd = num(c, k);
  dval v;
  if (rel == R_PREVIOUS && c->last.year > 0 && i < k && word(c, i, "the")) {
    /* "the previous Friday": the one before the day being talked about */
    int cur = news_timex_weekday(c->last);
    long back = (cur - wd + 7) % 7;
    v = dv_day(news_timex_add_days(c->last, back ? -back : -7));
  } else if (rel == R_LAST || rel == R_PREVIOUS || rel == R_PAST) {
    v = dv_weekday(c, wd, -1);
    if (have_anchor(c) && v.y == c->anchor.year && v.m == c->anchor.month && v.d == c->anchor.day)
      v = dv_day(news_timex_add_days(c->anchor, -7));
  } else if (rel == R_NEXT || rel == R_COMING || rel == R_THIS) {
    v = dv_weekday(c, wd, 1);
    if (rel == R_NEXT && have_anchor(c) && v.y == c->anchor.year && v.m == c->anchor.month &&
        v.d == c->anchor.day)
      v = dv_day(news_timex_add_days(c->anchor, 7));
  } else {
    v = dv_weekday(c, wd, tense_dir(c));
  }
  uint32_t e = part_of_day(c, k + 1, &v);
  /* "Friday, Aug. 7" / "Friday Oct. 13": one expression, the date wins */
  if (e == k + 1) {
    uint32_t j = e;
    if (kind(c, j) == NEWS_TOK_PUNCT && c->t[j].mark == ',') j++;
    hit md;
    memset(&md, 0, sizeof md);
    if (has(c, j, TX_MONTH) && match_month(c, i, j, 0, false, &md) && md.day.year >= 0 && md.value[4] == '-' &&
        strlen(md.value) >= 10) {
      *h = md;
      return true;
    }
  }
  h->b = i;
  h->e = e;
  set_date(c, h, &v);
  if (v.pod) h->type = NEWS_TIMEX_DATE; /* "Friday night": TimeBank types it as a DATE */
  return true;
}

/* Seasons: "last fall", "this summer", "the summer of 1990", "spring 1998". */
static bool match_season(ctx *c, uint32_t i, uint32_t k, int rel, bool det, hit *h) {
  if (!has(c, k, TX_SEASON)) return false;
  int s = num(c, k);
  int y = 0;
  uint32_t e = trailing_year(c, k + 1, &y);
  if (e == k + 1 && !rel && !det && !upper(c, k)) {
    if (!(k > 0 && (word(c, k - 1, "in") || word(c, k - 1, "this")))) return false;
  }
  if (e == k + 1 && !rel && !det && upper(c, k) && k > 0 && !word(c, k - 1, "in")) return false;
  dval v = dv_new(G_SEASON);
  v.n = s;
  if (e > k + 1) {
    v.y = y;
  } else if (have_anchor(c)) {
    /* Seasons in order: index 4 * year + season - 1, Mar-May spring (SP =
    ** 1) ... Dec-Feb winter (WI = 4), a winter taking the year it begins
    ** in (Jan 2013 is in 2012-WI). */
    int sy = c->anchor.year - (c->anchor.month <= 2 ? 1 : 0);
    int cur = ((c->anchor.month + 9) % 12) / 3 + 1;
    int here = 4 * sy + cur - 1, there = 4 * sy + s - 1;
    if (rel == R_LAST || rel == R_PREVIOUS || rel == R_PAST)
      v.y = there < here ? sy : sy - 1;
    else if (rel == R_NEXT || rel == R_COMING)
      v.y = there > here ? sy : sy + 1;
    else if (rel == R_THIS)
      v.y = c->anchor.year - (s == 4 && c->anchor.month <= 2 ? 1 : 0);
    else if (future(c))
      v.y = there >= here ? sy : sy + 1;
    else
      v.y = there <= here ? sy : sy - 1;
  }
  h->b = i;
  h->e = e;
  set_date(c, h, &v);
  return true;
}

/* Reference words: "now", "currently", "recently", "the future", "the past". */
static bool match_ref(ctx *c, uint32_t i, uint32_t k, bool det, int rel, hit *h) {
  static const char *const ref[] = {"", "PRESENT_REF", "PAST_REF", "FUTURE_REF"};
  int r = 0;
  uint32_t e = k + 1;
  if (det && rel == R_PAST && !has(c, k, TX_UNIT) && !has(c, k, TX_NUMWORD) && kind(c, k) != NEWS_TOK_NUMBER &&
      !has(c, k, TX_QUANT) && !has(c, k, TX_ORDWORD)) {
    r = 2;
    e = k;
  } else if (has(c, k, TX_REF)) {
    r = num(c, k);
    const char *p = ttext(c, k);
    bool future_word = tlen(c, k) == 6 && (p[0] == 'f' || p[0] == 'F');
    if (future_word && !det && !word(c, k - 1, "near")) {
      /* "future losses": the future as an adjective, before a plural noun */
      if (!(upper(c, k) || c->t[k].flags & NEWS_TF_UPPER)) return false;
    }
    if (rel) return false;
    if (word(c, k, "now") && det) return false;
    if (word(c, k, "soon") && k > 0 && word(c, k - 1, "as")) return false; /* "as soon as" */
    /* "the recent moves": only "the future" takes the article */
    if (det && !future_word) return false;
    if (word(c, k, "recent") && !has(c, k + 1, TX_UNIT)) return false;
    /* "current account", "current assets": accounting, not time */
    if (word(c, k, "current") && (word(c, k + 1, "account") || word(c, k + 1, "accounts") ||
                                  word(c, k + 1, "assets") || word(c, k + 1, "liabilities")))
      return false;
    /* "current"/"recent" followed by a unit: the caller's rel handling */
    if ((word(c, k, "current") || word(c, k, "recent")) && has(c, k + 1, TX_UNIT)) return false;
  } else {
    return false;
  }
  h->b = i;
  h->e = e;
  h->type = NEWS_TIMEX_DATE;
  snprintf(h->value, sizeof h->value, "%s", ref[r]);
  return true;
}

/* Everything that may start with determiners and modifiers. */
static bool match_phrase(ctx *c, uint32_t i, hit *h) {
  uint32_t k = i;
  int pos = 0, rel = 0;
  bool det = false, fiscal = false;
  /* early/late/mid/earlier/later before the rest ("late last year") */
  if (has(c, k, TX_POS) && num(c, k) <= P_LATER) {
    pos = num(c, k);
    k++;
  }
  if (word(c, k, "the")) {
    det = true;
    k++;
    if (has(c, k, TX_POS) && num(c, k) <= P_LATE && !pos) { /* "the late 1970s" */
      pos = num(c, k);
      k++;
    }
  }
  /* "the end of", "the beginning of", "the middle of", "the first half of" */
  if (has(c, k, TX_POS) && num(c, k) >= P_END && num(c, k) <= P_MIDDLE && word(c, k + 1, "of")) {
    pos = num(c, k);
    k += 2;
    det = false; /* "the end of next year": "the" belongs to "end" */
    if (word(c, k, "the")) {
      det = true;
      k++;
    }
  }
  if (has(c, k, TX_REL)) {
    rel = num(c, k);
    k++;
    /* "this past spring", "this coming Sunday" */
    if (rel == R_THIS && (is(c, k, TX_REL, R_PAST) || is(c, k, TX_REL, R_COMING))) {
      rel = num(c, k);
      k++;
    }
  } else if ((word(c, k, "current") || word(c, k, "recent")) && (has(c, k + 1, TX_UNIT) || has(c, k + 1, TX_FISCAL))) {
    rel = word(c, k, "current") ? R_THIS : R_PAST;
    k++;
  } else if (is(c, k, TX_POS, P_LATEST) && det) {
    rel = R_LATEST;
    k++;
  } else if (det && word(c, k, "full") && is(c, k + 1, TX_UNIT, U_YEAR)) {
    rel = R_THIS;
    k++;
  }
  if (has(c, k, TX_FISCAL)) {
    fiscal = true;
    if (year_at(c, k + 1)) k++;
    else if (is(c, k + 1, TX_UNIT, U_YEAR)) k++;
  }
  if (k >= c->se) return false;

  /* The head of the phrase is at k; i..k holds what was read so far:
  **   pos  early/late/mid/earlier/later or the end/beginning/middle of
  **   det  a "the" directly before the head (det-sensitive readings:
  **        "the past" is PAST_REF, "the next day" is anaphoric)
  **   rel  last/next/this/past/coming/previous/following/... (R_*)
  **   fiscal  "fiscal" before a year or "year"
  ** The matchers below are tried in an order where the more specific
  ** reading comes first (a month before a bare number, a quarter before
  ** a unit), and each returns false without side effects on failure. */

  /* ISO dates written out: 1998-02-13 */
  if (kind(c, k) == NEWS_TOK_DATE && k == i) {
    const char *p = ttext(c, k);
    news_ymd x = {(p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0'),
                  (p[5] - '0') * 10 + (p[6] - '0'), (p[8] - '0') * 10 + (p[9] - '0')};
    if (!news_timex_valid(x)) return false;
    dval v = dv_day(x);
    if (c->first_explicit.year == 0) c->first_explicit = x;
    h->b = i;
    h->e = k + 1;
    set_date(c, h, &v);
    return true;
  }
  if (!rel && !fiscal && match_deictic(c, i, k, h)) return true;
  if (match_ref(c, i, k, det, rel, h)) return true;
  if (match_month(c, i, k, rel, pos != 0, h)) return true;
  if (!rel && match_day_month(c, i, k, h)) return true;
  if (match_weekday(c, i, k, rel, h)) return true;
  if (match_quarter(c, i, k, rel, 0, h)) return true;
  if (match_decade(c, i, k, h)) return true;
  if (match_hyphen(c, i, k, h)) return true;
  if (!rel && match_holiday(c, i, k, h)) return true;
  if (match_season(c, i, k, rel, det, h)) return true;
  if (!rel && match_year(c, i, k, det, fiscal, h)) return true;
  /* "the year 1990", "the year two thousand" */
  if (det && !rel && is(c, k, TX_UNIT, U_YEAR)) {
    int y = 0;
    uint32_t e = words_year(c, k + 1, &y);
    if (e == k + 1 && year_at(c, k + 1)) {
      y = year_at(c, k + 1);
      e = k + 2;
    }
    if (e > k + 1) {
      dval v = dv_new(G_YEAR);
      v.y = y;
      h->b = i;
      h->e = e;
      set_date(c, h, &v);
      return true;
    }
  }
  /* "the year ended June 30", "the fiscal year ending": a year-long period */
  if (det && is(c, k, TX_UNIT, U_YEAR) && (word(c, k + 1, "ended") || word(c, k + 1, "ending")) && !rel) {
    h->b = i;
    h->e = k + 1;
    h->type = NEWS_TIMEX_DURATION;
    snprintf(h->value, sizeof h->value, "P1Y");
    return true;
  }
  if (fiscal && is(c, k, TX_UNIT, U_YEAR) && have_anchor(c)) {
    dval v = dv_new(G_YEAR);
    v.y = c->anchor.year;
    h->b = i;
    h->e = k + 1;
    set_date(c, h, &v);
    return true;
  }
  if (match_rel_partday(c, i, k, rel, det, h)) return true;
  /* "mid afternoon", "late morning": the anchor day's part */
  if (pos && !rel && !det && k == i + 1 && has(c, k, TX_PARTDAY) && num(c, k) <= 4 && have_anchor(c)) {
    dval v = dv_day(c->last.year > 0 ? c->last : c->anchor);
    v.pod = num(c, k);
    h->b = i;
    h->e = k + 1;
    set_date(c, h, &v);
    return true;
  }
  if (match_near(c, i, k, det, h)) return true;
  if (match_rel_unit(c, i, k, rel, det, h)) return true;
  if (match_quantity(c, i, k, rel, det, h)) return true;
  return false;
}

/* A bare plural unit after "for", "within", "in": "for years" (PXY). */
static bool match_bare_plural(ctx *c, uint32_t i, hit *h) {
  if (!has(c, i, TX_UNIT) || num(c, i) <= 20) return false;
  /* "months ago", "years earlier": some time back (as "a few years ago") */
  if ((is(c, i + 1, TX_ANCHOR, 1) || is(c, i + 1, TX_POS, P_EARLIER)) && num(c, i) != 20 + U_HALF &&
      (i == c->sb || !has(c, i - 1, TX_QUANT)) && !NEWS_TOK_IS(kind(c, i - 1), NEWS_TOK_RANGE_NUMBER) &&
      !has(c, i - 1, TX_NUMWORD)) {
    h->b = i;
    h->e = i + 2;
    h->type = NEWS_TIMEX_DATE;
    snprintf(h->value, sizeof h->value, "PAST_REF");
    return true;
  }
  if (i == 0) return false;
  if (!(word(c, i - 1, "for") || word(c, i - 1, "within") || word(c, i - 1, "in"))) return false;
  if (upper(c, i) || word(c, i + 1, "of") || has(c, i + 1, TX_ANCHOR)) return false;
  h->b = i;
  h->e = i + 1;
  h->type = NEWS_TIMEX_DURATION;
  fmt_duration(num(c, i) - 20, -1, h->value);
  return true;
}

/* A few fixed phrases: "these days" (PRESENT_REF), "over the years"
** (PXY), "year end" / "year's end" (the year whose end is meant: the
** last one after "since" or a past cue, else this one). */
static bool match_fixed(ctx *c, uint32_t i, hit *h) {
  if (word(c, i, "these") && is(c, i + 1, TX_UNIT, 20 + U_DAY)) {
    h->b = i;
    h->e = i + 2;
    h->type = NEWS_TIMEX_DATE;
    snprintf(h->value, sizeof h->value, "PRESENT_REF");
    return true;
  }
  if (word(c, i, "the") && i > 0 && word(c, i - 1, "over") && is(c, i + 1, TX_UNIT, 20 + U_YEAR)) {
    h->b = i;
    h->e = i + 2;
    h->type = NEWS_TIMEX_DURATION;
    snprintf(h->value, sizeof h->value, "PXY");
    return true;
  }
  if (is(c, i, TX_UNIT, U_YEAR) && have_anchor(c)) {
    uint32_t e = i + 1;
    if (kind(c, e) == NEWS_TOK_CLITIC) e++;
    if (!is(c, e, TX_POS, P_END) || word(c, e + 1, "of")) return false;
    dval v = dv_new(G_YEAR); /* written as the year in TimeML corpora */
    v.y = c->anchor.year;
    if ((i > 0 && word(c, i - 1, "since")) || (tense(c) < 0 && c->anchor.month < 12)) v.y--;
    h->b = i;
    h->e = e + 1;
    set_date(c, h, &v);
    return true;
  }
  return false;
}

/* Tries every matcher at token i; fills h on success. */
static bool match_at(ctx *c, uint32_t i, hit *h) {
  memset(h, 0, sizeof *h);
  /* order matters where two matchers could claim the same words: clock
  ** times before numbers, sets before durations ("every two weeks"), and
  ** approximations only in front of a quantity */
  if (match_bare_plural(c, i, h)) return true;
  if (match_fixed(c, i, h)) return true;
  if (match_clock(c, i, h)) return true;
  if (match_set(c, i, h)) return true;
  uint32_t a = word(c, i, "no") && is(c, i + 1, TX_APPROX, A_MORE) ? i + 1 : i; /* "no more than" */
  /* "around 7:15 p.m.", "about noon": the approximation is in the extent */
  if (has(c, i, TX_APPROX) && num(c, i) <= 6 && match_clock(c, i + 1, h)) {
    h->b = i;
    return true;
  }
  if (has(c, a, TX_APPROX)) {
    uint32_t k = skip_approx(c, a);
    return k > a && match_quantity(c, i, k, 0, false, h);
  }
  return match_phrase(c, i, h);
}

/* ------------------------------------------------------------- the stage */

/* The tense cue of token i: +1 future, -1 past, 0 none
** (ext/data/timex_tense.tsv, plus regular past forms in -ed). */
static int tense_cue(const ctx *c, uint32_t i) {
  unsigned k = c->t[i].kind;
  if (k != NEWS_TOK_WORD && k != NEWS_TOK_CLITIC) return 0;
  uint32_t n = tlen(c, i);
  if (n > 12) return 0;
  const char *p = ttext(c, i);
  int v = news_lex_find(&news_lex_timex_tense, p, n);
  if (v > 0) {
    if (word(c, i, "would") && word(c, i + 1, "have")) return -1; /* "would have" */
    if (word(c, i, "meet") && i > 0 && word(c, i - 1, "to")) return 0; /* "to meet demand" */
    /* "had been scheduled to expire", "was expected": a plan told in the
    ** past, mostly of an event now past */
    if ((word(c, i, "scheduled") || word(c, i, "expected") || word(c, i, "planned")) && i > 0 &&
        (word(c, i - 1, "was") || word(c, i - 1, "were") || word(c, i - 1, "had") ||
         (word(c, i - 1, "been") && i > 1 && word(c, i - 2, "had"))))
      return -1;
    return v;
  }
  /* "is to resume", "set to meet", "due to arrive": a plan */
  if (n == 2 && word(c, i, "to") && i > 1 && (word(c, i - 1, "due") || word(c, i - 1, "set")) &&
      (word(c, i - 2, "was") || word(c, i - 2, "were") || word(c, i - 2, "been")))
    return -1;
  if (n == 2 && word(c, i, "to") && i > 0 &&
      (word(c, i - 1, "is") || word(c, i - 1, "are") || word(c, i - 1, "set") || word(c, i - 1, "due") ||
       word(c, i - 1, "going") || word(c, i - 1, "likely") || word(c, i - 1, "ready") ||
       word(c, i - 1, "agreed") || word(c, i - 1, "hopes") || word(c, i - 1, "intends") ||
       word(c, i - 1, "wants") || word(c, i - 1, "plan")))
    return 1;
  /* "plans to hold" is a plan; the noun ("vacation plans") is no cue */
  if ((word(c, i, "plans") || word(c, i, "planning")) && word(c, i + 1, "to")) return 1;
  if (n >= 5 && p[n - 2] == 'e' && p[n - 1] == 'd' && !(c->t[i].flags & NEWS_TF_UPPER)) v = -1;
  /* a participle after "be" is no past: "will be held", "is expected" */
  if (v < 0 && i > 0 && (word(c, i - 1, "be") || word(c, i - 1, "been") || word(c, i - 1, "being") ||
                         word(c, i - 1, "is") || word(c, i - 1, "are")))
    return 0;
  return v;
}

/* The tense around token i of the sentence [b, e): the nearest cue among
** the ten tokens before it, else among the ten after, else among the
** thirty before those; 0 when none. */
static int local_tense(const ctx *c, uint32_t i, uint32_t b, uint32_t e) {
  /* "the election is Tuesday", "the hearing is on Monday": a coming day */
  if (i > b && (word(c, i - 1, "is") || word(c, i - 1, "are") ||
                (i > b + 1 && word(c, i - 1, "on") && (word(c, i - 2, "is") || word(c, i - 2, "are")))))
    return 1;
  /* "since October", "since the summer": always before now */
  if (i > b && (word(c, i - 1, "since") || (i > b + 1 && word(c, i - 1, "the") && word(c, i - 2, "since"))))
    return -1;
  /* "as soon as Tuesday", "as early as Friday" */
  if (i >= b + 3 && word(c, i - 1, "as") && (word(c, i - 2, "soon") || word(c, i - 2, "early")) &&
      word(c, i - 3, "as"))
    return 1;
  for (uint32_t dist = 1; dist <= 10 && i >= b + dist; dist++) {
    int t = tense_cue(c, i - dist);
    if (t) return t;
  }
  for (uint32_t dist = 1; dist <= 10 && i + dist < e; dist++) {
    int t = tense_cue(c, i + dist);
    if (t) return t;
  }
  /* nothing near: the main verb may open a long sentence ("Celebrations
  ** will continue through the weekend, with a concert ... on Saturday") */
  for (uint32_t dist = 11; dist <= 40 && i >= b + dist; dist++) {
    int t = tense_cue(c, i - dist);
    /* only a plain future auxiliary reaches that far: a past cue says no
    ** more than none, and "would" is as often the past's future */
    if (t) return t > 0 && (word(c, i - dist, "will") || word(c, i - dist, "shall")) ? 1 : 0;
  }
  return 0;
}

/* Fills mask[letter] with bit n set when lex has an n-byte key starting
** with that letter: a pre-filter that spares most words the look-up. */
static void length_masks(const news_lexicon *lex, uint16_t mask[26]) {
  memset(mask, 0, 26 * sizeof mask[0]);
  for (uint32_t i = 0; i < lex->n; i++) {
    unsigned char k0 = (unsigned char)lex->entries[i].key[0];
    unsigned len = lex->entries[i].len;
    if (k0 >= 'a' && k0 <= 'z' && len < 16) mask[k0 - 'a'] = (uint16_t)(mask[k0 - 'a'] | 1u << len);
  }
}

/* Index of a 2-letter lower-case prefix: 0..728, 27 * a + b with
** 26 standing for "not a letter". */
static unsigned prefix_of(unsigned char a, unsigned char b) {
  unsigned x = (unsigned char)(a | 0x20), y = (unsigned char)(b | 0x20);
  unsigned ia = x >= 'a' && x <= 'z' ? x - 'a' : 26, ib = y >= 'a' && y <= 'z' ? y - 'a' : 26;
  return ia * 27 + ib;
}

/* Builds c->first: since the lexicon is sorted bytewise, the entries
** sharing a prefix are contiguous; first[p] is where prefix p starts.
** One pass over the lexicon per document (a few hundred entries). */
static void build_prefix_index(ctx *c) {
  const news_lexicon *lex = &news_lex_timex_words;
  unsigned at = 0;
  for (uint32_t i = 0; i < lex->n; i++) {
    const news_lex_entry *e = &lex->entries[i];
    unsigned p = prefix_of((unsigned char)e->key[0], e->len > 1 ? (unsigned char)e->key[1] : 0);
    while (at <= p) c->first[at++] = (uint16_t)i;
  }
  while (at < 27 * 27) c->first[at++] = (uint16_t)lex->n;
}

/* news_lex_find(&news_lex_timex_words, ...) through the prefix index, for
** ASCII words of 2..13 letters: usually zero to four comparisons. */
static int timex_word_code(const ctx *c, const char *p, uint32_t n) {
  unsigned pi = prefix_of((unsigned char)p[0], (unsigned char)p[1]);
  const news_lexicon *lex = &news_lex_timex_words;
  uint32_t lo = c->first[pi], end = pi + 1 < 27 * 27 ? c->first[pi + 1] : lex->n;
  while (lo < end && lex->entries[lo].len != n) lo++; /* most words stop here */
  if (lo == end) return 0;
  char buf[16];
  for (uint32_t k = 0; k < n; k++) {
    unsigned char ch = (unsigned char)p[k];
    if (ch >= 0x80) return news_lex_find(lex, p, n);
    buf[k] = (char)(ch >= 'A' && ch <= 'Z' ? ch | 0x20 : ch);
  }
  for (uint32_t i = lo; i < end; i++)
    if (lex->entries[i].len == n && memcmp(lex->entries[i].key, buf, n) == 0) return lex->entries[i].value;
  return 0;
}

/* Words that start a timex only before a dating word ("the", "a"). */
static bool lead_word(const ctx *c, uint32_t i) {
  return word(c, i, "the") || word(c, i, "a") || word(c, i, "an") || word(c, i, "half") || word(c, i, "these") ||
         word(c, i, "near") || word(c, i, "short") || word(c, i, "long") || word(c, i, "no");
}

/* Classifies every token through the timex lexicon (c->code) and marks
** the tokens where a match may start (c->cand), so that the scan skips
** the nine in ten tokens that cannot: a token with a lexicon class, a
** number, ordinal, ISO date or clock time, a word with digits or a dated
** hyphen part ("third-quarter", "1990s"), a capitalised holiday, a quote
** mark before digits ('90s), or "the"/"a"/... within three tokens of one. */
static bool classify(ctx *c, const news_doc *d) {
  c->se = c->nt;
  build_prefix_index(c);
  length_masks(&news_lex_timex_holidays, c->holmask);
  uint32_t nPoll = 0;
  for (uint32_t i = 0; i < c->nt; i++) {
    if (news_doc_poll(d, &nPoll)) return true; /* stopped */
    const news_token *t = &c->t[i];
    c->code[i] = 0;
    c->cand[i] = 0;
    if (NEWS_TOK_IS(t->kind, NEWS_TOK_RANGE_NUMBER)) {
      c->cand[i] = 1;
      continue;
    }
    if (NEWS_TOK_IS(t->kind, NEWS_TOK_RANGE_QUOTE)) {
      c->cand[i] = i + 1 < c->nt && c->s[c->t[i + 1].start] >= '0' && c->s[c->t[i + 1].start] <= '9';
      continue;
    }
    if (t->kind != NEWS_TOK_WORD && t->kind != NEWS_TOK_ABBREV) continue;
    uint32_t n = t->end - t->start;
    const char *p = c->s + t->start;
    unsigned char c0 = (unsigned char)p[0];
    if (c0 >= '0' && c0 <= '9') {
      c->cand[i] = 1; /* 1990s, 16-hour */
      continue;
    }
    if (t->kind == NEWS_TOK_ABBREV && n > 1 && p[n - 1] == '.') n--;
    if (n > 13) {
      int parts[3];
      c->cand[i] = t->kind == NEWS_TOK_WORD && hyphen_parts(c, i, parts) > 0 && (parts[0] || parts[1]);
      continue;
    }
    if (!((c0 >= 'a' && c0 <= 'z') || (c0 >= 'A' && c0 <= 'Z'))) continue;
    if (n >= 2) c->code[i] = (int16_t)timex_word_code(c, p, n);
    if (c->code[i]) {
      c->cand[i] = 1;
    } else if (t->kind == NEWS_TOK_WORD && memchr(p, '-', n)) {
      int parts[3];
      int np = hyphen_parts(c, i, parts);
      for (int k = 0; k < np; k++)
        if (parts[k]) c->cand[i] = 1;
    } else if (t->flags & NEWS_TF_UPPER && (c->holmask[(c0 | 0x20) - 'a'] >> n & 1) &&
               news_lex_find(&news_lex_timex_holidays, p, n)) {
      c->cand[i] = 1;
    }
  }
  /* lead words: a candidate within the next three tokens (backward pass) */
  for (uint32_t i = c->nt; i-- > 0;) {
    if (news_doc_poll(d, &nPoll)) return true;
    if (c->cand[i] || c->t[i].kind != NEWS_TOK_WORD || c->t[i].end - c->t[i].start > 5) continue;
    bool near = false;
    for (uint32_t k = i + 1; k < c->nt && k <= i + 3; k++)
      if (c->cand[k] == 1) near = true;
    if (near && lead_word(c, i)) c->cand[i] = 2;
    else if (word(c, i + 1, "term") && lead_word(c, i)) c->cand[i] = 1; /* "the near term" */
  }
  return false;
}

/* One pass over the document with the given anchor. */
/* "the Aug. 7 bombings", "the 14-day strike", "the 2012 election": a date
** or length written with a name or a number after "the" and not ending
** in a unit modifies the noun that follows, and the determiner belongs to
** that noun phrase (TimeML marks "Aug. 7" alone).  Decades and centuries
** keep theirs ("the 1990s", value 199). */
static void trim_det(const ctx *c, hit *h) {
  /* "only 14 days", "just a decade ago", "over several years": focus
  ** words and prepositions stay outside the extent */
  while (h->e > h->b + 1 && (word(c, h->b, "only") || word(c, h->b, "just") ||
                             (word(c, h->b, "over") && has(c, h->b + 1, TX_QUANT))))
    h->b++;
  if (h->e < h->b + 2 || !word(c, h->b, "the")) return;
  uint32_t k = h->b + 1;
  bool hyphen = kind(c, k) == NEWS_TOK_WORD && memchr(ttext(c, k), '-', tlen(c, k)) != NULL;
  if (!(has(c, k, TX_MONTH) || has(c, k, TX_WEEKDAY) || has(c, k, TX_NUMWORD) ||
        kind(c, k) == NEWS_TOK_NUMBER || hyphen))
    return;
  /* "the nine months", "the year-ago quarter", "the 1988 period": the
  ** expression is the whole noun phrase */
  if (has(c, h->e - 1, TX_UNIT) || word(c, h->e - 1, "period")) return;
  size_t n = strlen(h->value);
  if (n <= 3 && strspn(h->value, "0123456789") == n) return;
  h->b = k;
}

/* Words around an expression that TimeML keeps in its extent: "right
** now", "the next year or so", "a year or two".  prev_end: the byte where
** the previous row ends (the extent never reaches back into it). */
static void extend(const ctx *c, hit *h, uint32_t prev_end) {
  if (h->b > c->sb && strcmp(h->value, "PRESENT_REF") == 0 && word(c, h->b - 1, "right") &&
      (!upper(c, h->b - 1) || h->b - 1 == c->sb) && c->t[h->b - 1].start >= prev_end)
    h->b--;
  if (word(c, h->e, "or") && word(c, h->e + 1, "so"))
    h->e += 2;
  else if (h->type == NEWS_TIMEX_DURATION && word(c, h->e, "or") && word(c, h->b, "a") &&
           (word(c, h->e + 1, "two") || word(c, h->e + 1, "three")))
    h->e += 2;
}

static news_rc scan(news_doc *d, ctx *c) {
  const news_sentence *sent = d->sentences.data;
  uint32_t ns = d->sentences.n;
  d->timexes.n = 0;
  c->last = (news_ymd){0, 0, 0};
  c->last_q = c->last_qy = 0;
  c->last_y = c->last_m = 0;
  uint32_t nPoll = 0;
  for (uint32_t s = 0; s < ns; s++) {
    uint32_t b = sent[s].tok_begin, e = sent[s].tok_end;
    if (e > c->nt) e = c->nt;
    c->se = e;
    c->sb = b;
    for (uint32_t i = b; i < e;) {
      if (news_doc_poll(d, &nPoll)) return NEWS_ERR_INTERRUPTED;
      hit h;
      c->cur = i;
      if (!c->cand[i] || !match_at(c, i, &h) || h.e <= i) {
        i++;
        continue;
      }
      if (h.e > e) h.e = e;
      trim_det(c, &h);
      extend(c, &h, d->timexes.n ? ((const news_timex *)d->timexes.data)[d->timexes.n - 1].end : 0);
      news_timex *x = news_vec_push(&d->timexes, d->mem);
      if (!x) return NEWS_ERR_NOMEM;
      x->start = c->t[h.b].start;
      x->end = c->t[h.e - 1].end;
      x->sentence = s;
      x->type = (uint8_t)h.type;
      memcpy(x->value, h.value, sizeof x->value);
      x->value[sizeof x->value - 1] = 0;
      if (h.day.year > 0) snprintf(x->date, sizeof x->date, "%04d-%02d-%02d", h.day.year % 10000, h.day.month, h.day.day);
      i = h.e;
    }
    if ((s & 63) == 63 && news_doc_should_stop(d)) return NEWS_ERR_INTERRUPTED;
  }
  return NEWS_OK;
}

const char *news_timex_type_name(unsigned type) {
  switch (type) {
  case NEWS_TIMEX_DATE: return "DATE";
  case NEWS_TIMEX_TIME: return "TIME";
  case NEWS_TIMEX_DURATION: return "DURATION";
  case NEWS_TIMEX_SET: return "SET";
  default: return "DATE";
  }
}

news_rc news_timex_run(news_doc *d, const news_ymd *ref) {
  d->timexes.n = 0;
  if (ref && !news_timex_valid(*ref)) return NEWS_ERR_BADREF;
  ctx c;
  memset(&c, 0, sizeof c);
  c.s = d->text;
  c.t = d->tokens.data;
  c.nt = d->tokens.n;
  if (c.nt == 0) return NEWS_OK;
  /* one block: the int16 codes, then the candidate bytes */
  c.code = d->mem->alloc(d->mem->ctx, (sizeof(int16_t) + 1) * c.nt);
  if (!c.code) return NEWS_ERR_NOMEM;
  c.cand = (uint8_t *)(c.code + c.nt);
  bool stopped = classify(&c, d);
  if (ref) c.anchor = *ref;
  news_rc rc = stopped ? NEWS_ERR_INTERRUPTED : scan(d, &c);
  /* No reference date: anchor on the first explicit full date, if any,
  ** and scan again so relative expressions resolve against it. */
  if (rc == NEWS_OK && !ref && c.first_explicit.year > 0) {
    c.anchor = c.first_explicit;
    rc = scan(d, &c);
  }
  d->mem->free(d->mem->ctx, c.code);
  if (rc != NEWS_OK) d->timexes.n = 0;
  return rc;
}
