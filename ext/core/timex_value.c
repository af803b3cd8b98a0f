/*
** timex_value.c -- the value of a date for event_dates(): building a dval
** (day, week, month, quarter, season, year, decade) from the anchor and a
** shift, printing it and durations as TIMEX3, choosing the year of a
** month or day named without one, holiday days, and the tense around an
** expression (past or future), which decides the direction of "Friday"
** or "March".
**
** tx_set_date() fills a hit from a dval, including what the driver is to
** remember once it accepts the hit (the day, year and month mentioned).
*/
#include "timex_int.h"
#include "calendar.h"
#include "lexicon.h"

#include <stdio.h>

const char *const tx_POD[7] = {"", "MO", "AF", "EV", "NI", "12:00", "24:00"};
const char *const tx_SEASON[5] = {"", "SP", "SU", "FA", "WI"};

/* Writes v (0 <= v < 10^width) in width digits at p; returns the end. */
static char *put_digits(char *p, int v, int width) {
  for (int k = width - 1; k >= 0; k--) {
    p[k] = (char)('0' + v % 10);
    v /= 10;
  }
  return p + width;
}

/* Prints a date value as TIMEX3 into out[40]. */
void tx_fmt_dval(const dval *v, char *out) {
  /* the common cases without snprintf: 2020-01-05, 2020-01, 2020 */
  if (v->y > 0 && v->y <= 9999 && v->hh < 0 && !v->pod && v->m >= 0 && v->m < 100 && v->d >= 0 && v->d < 100 &&
      (v->gran == G_YEAR || (v->gran == G_MONTH && v->m) || v->gran == G_DAY)) {
    char *p = put_digits(out, v->y, 4);
    if (v->gran != G_YEAR) {
      *p++ = '-';
      p = put_digits(p, v->m, 2);
    }
    if (v->gran == G_DAY) {
      *p++ = '-';
      p = put_digits(p, v->d, 2);
    }
    *p = 0;
    return;
  }
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
  case G_SEASON: snprintf(out, 40, "%s-%s", y, tx_SEASON[v->n >= 1 && v->n <= 4 ? v->n : 0]); break;
  case G_DECADE: snprintf(out, 40, "%03d", v->n); break;
  case G_CENTURY: snprintf(out, 40, "%02d", v->n); break;
  default: snprintf(out, 40, "XXXX"); break;
  }
  if (v->gran == G_DAY) {
    size_t n = strlen(out);
    if (v->hh >= 0)
      snprintf(out + n, 40 - n, "T%02d:%02d", v->hh, v->mi);
    else if (v->pod >= 1 && v->pod <= 6)
      snprintf(out + n, 40 - n, "T%s", tx_POD[v->pod]);
  }
}

/* Fills h from a date value: type, value, the day when there is one, and
** the day, year and month the driver remembers if it accepts h. */
void tx_set_date(hit *h, const dval *v) {
  h->v = *v;
  h->has_v = true;
  tx_fmt_dval(v, h->value);
  h->type = (v->gran == G_DAY && (v->hh >= 0 || v->pod)) ? NEWS_TIMEX_TIME : NEWS_TIMEX_DATE;
  if (v->gran == G_DAY && v->y > 0 && v->y <= 9999) {
    h->day = (news_ymd){v->y, v->m, v->d};
    h->last = h->day;
  }
  if (v->y > 0 && (v->gran == G_DAY || v->gran == G_MONTH || v->gran == G_YEAR || v->gran == G_QUARTER ||
                   v->gran == G_SEASON || v->gran == G_HALF)) {
    h->topic_y = v->y;
    h->topic_m = v->gran == G_DAY || v->gran == G_MONTH ? v->m : 0;
  }
}

/* Makes h a range ending at the date v: end_value, and end_day when v is
** one known day. */
void tx_set_end(hit *h, const dval *v) {
  tx_fmt_dval(v, h->end_value);
  h->end_day = (news_ymd){0, 0, 0};
  if (v->gran == G_DAY && v->y > 0 && v->y <= 9999) h->end_day = (news_ymd){v->y, v->m, v->d};
}

dval tx_dv_new(int gran) {
  dval v;
  memset(&v, 0, sizeof v);
  v.gran = gran;
  v.hh = -1;
  return v;
}

dval tx_dv_day(news_ymd d) {
  dval v = tx_dv_new(G_DAY);
  v.y = d.year;
  v.m = d.month;
  v.d = d.day;
  return v;
}

/* Week value of the week holding day, shifted by n weeks. */
dval tx_dv_week(news_ymd day, int n, int gran) {
  dval v = tx_dv_new(gran);
  if (day.year <= 0) return v;
  news_ymd x = news_cal_add_days(day, 7L * n);
  news_cal_iso_week(x, &v.y, &v.n);
  return v;
}

/* A relative day "n days from the anchor", or unknown. */
dval tx_dv_rel_day(const ctx *c, news_ymd base, long n) {
  if (base.year <= 0) return tx_dv_new(G_DAY);
  return tx_dv_day(news_cal_add_days(base, n));
}

/* The weekday wd nearest the anchor in the sentence's direction: the same
** day counts as itself; past tense looks back, future forward. */
dval tx_dv_weekday(const ctx *c, int wd, int dir) {
  if (!have_anchor(c)) {
    dval v = tx_dv_new(G_DAY);
    v.wd = wd;
    return v;
  }
  int cur = news_cal_weekday(c->anchor);
  long delta;
  if (dir < 0)
    delta = -(long)((cur - wd + 7) % 7);
  else
    delta = (long)((wd - cur + 7) % 7);
  return tx_dv_day(news_cal_add_days(c->anchor, delta));
}

/* Month m resolved to a year: past tense takes the latest one not after
** the anchor's month, future the next one not before. */
int tx_month_year(const ctx *c, int m, int dir) {
  if (!have_anchor(c)) return 0;
  int y = c->anchor.year;
  if (dir < 0 && m > c->anchor.month) return y - 1;
  if (dir > 0 && m < c->anchor.month) return y + 1;
  return y;
}

/* Year of month m, day d: the year that puts it nearest the anchor, with
** dates in the other direction than the tense counted twice as far. */
int tx_monthday_year(const ctx *c, int m, int d) {
  if (!have_anchor(c)) return 0;
  long a = news_cal_days(c->anchor);
  int best = c->anchor.year;
  long bestcost = -1;
  int future = -1; /* the tense, read once when a date differs from the anchor */
  for (int y = c->anchor.year - 1; y <= c->anchor.year + 1; y++) {
    news_ymd x = {y, m, d};
    if (!news_cal_valid(x)) continue;
    long diff = news_cal_days(x) - a, cost = diff < 0 ? -diff : diff;
    if (diff != 0 && future < 0) future = tx_future(c);
    if ((diff > 0 && !future) || (diff < 0 && future)) cost *= 2;
    if (bestcost < 0 || cost < bestcost) {
      bestcost = cost;
      best = y;
    }
  }
  return best;
}

/* Year of month m, day d after "ended" ("the year ended June 30"): a
** period that is over, so the last such day before the anchor, or up to
** two weeks after it (a quarter about to end: "results for the quarter
** ended March 31", said on March 25). */
int tx_ended_year(const ctx *c, int m, int d) {
  if (!have_anchor(c)) return 0;
  long last = news_cal_days(c->anchor) + 14;
  for (int y = c->anchor.year + 1; y >= c->anchor.year - 1; y--) {
    news_ymd x = {y, m, d};
    if (news_cal_valid(x) && news_cal_days(x) <= last) return y;
  }
  return c->anchor.year;
}

/* Quarter / half value q of year y resolved against the anchor when y is 0. */
dval tx_dv_quarter(const ctx *c, int unit, int q, int y, int rel) {
  dval v = tx_dv_new(unit == U_HALF ? G_HALF : G_QUARTER);
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
  else if (rel == 0 && q > cur && (unit != U_HALF || !tx_future(c))) v.y--;
  return v;
}

/* A date n units (n < 0: before) away from base, at the unit's
** granularity ("two days ago", "a year earlier", "six weeks ago"). */
dval tx_dv_shift(const ctx *c, news_ymd base, int unit, long n) {
  if (base.year <= 0) {
    dval v = tx_dv_new(unit == U_DAY ? G_DAY : unit == U_WEEK ? G_WEEK : unit == U_MONTH ? G_MONTH : G_YEAR);
    return v;
  }
  switch (unit) {
  case U_DAY: return tx_dv_day(news_cal_add_days(base, n));
  case U_WEEK: return tx_dv_week(base, (int)n, G_WEEK);
  case U_FORTNIGHT: return tx_dv_week(base, (int)n * 2, G_WEEK);
  case U_MONTH: {
    news_ymd x = news_cal_add_months(base, (int)n);
    dval v = tx_dv_new(G_MONTH);
    v.y = x.year;
    v.m = x.month;
    return v;
  }
  case U_QUARTER: {
    news_ymd x = news_cal_add_months(base, (int)n * 3);
    dval v = tx_dv_new(G_QUARTER);
    v.y = x.year;
    v.n = (x.month - 1) / 3 + 1;
    return v;
  }
  case U_DECADE: {
    dval v = tx_dv_new(G_YEAR);
    v.y = base.year + (int)n * 10;
    return v;
  }
  case U_CENTURY: {
    dval v = tx_dv_new(G_YEAR);
    v.y = base.year + (int)n * 100;
    return v;
  }
  case U_HOUR:
  case U_MINUTE:
  case U_SECOND: return tx_dv_day(base); /* "two hours ago": that day */
  default: {
    dval v = tx_dv_new(G_YEAR);
    v.y = base.year + (int)n;
    return v;
  }
  }
}

/* Writes a duration of halves/2 units as TIMEX3 ("P2Y6M", "PT1H30M");
** halves < 0 means an unknown number ("PXY"). */
void tx_fmt_duration(int unit, long halves, char *out) {
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

/* The day of holiday `code` (a timex_holidays.tsv value) in year y; the
** day before for an "Eve". */
news_ymd tx_holiday_date(int code, int y, bool eve) {
  news_ymd x;
  if (code < 1300) x = (news_ymd){y, code / 100, code % 100};
  else if (code == 2001) x = news_cal_nth_weekday(y, 11, 4, 4); /* Thanksgiving */
  else if (code == 2002) x = news_cal_easter(y);
  else if (code == 2003) x = news_cal_nth_weekday(y, 5, 1, -1); /* Memorial Day */
  else if (code == 2004) x = news_cal_nth_weekday(y, 9, 1, 1); /* Labor Day */
  else x = news_cal_add_days(news_cal_nth_weekday(y, 11, 1, 1), 1); /* Election Day */
  if (!news_cal_valid(x)) x = (news_ymd){y, x.month, 28};       /* Feb 29 style overflow */
  return eve ? news_cal_add_days(x, -1) : x;
}

static bool past_be(const ctx *c, uint32_t i) {
  return word(c, i, "was") || word(c, i, "were");
}

/* The tense cue of token i: +1 future, -1 past, 0 none
** (ext/data/timex_tense.tsv, plus regular past forms in -ed). */
static int tense_cue(const ctx *c, uint32_t i) {
  unsigned k = c->t[i].kind;
  if (k != NEWS_TOK_WORD && k != NEWS_TOK_CLITIC) return 0;
  uint32_t n = tlen(c, i);
  if (n > 12) return 0;
  const char *p = ttext(c, i);
  int v = tx_tense_word(c, i);
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
  if (n == 2 && word(c, i, "to") && i > 1 &&
      (word(c, i - 1, "due") || word(c, i - 1, "set") || word(c, i - 1, "supposed")) &&
      (word(c, i - 2, "was") || word(c, i - 2, "were") || word(c, i - 2, "been")))
    return -1;
  if (n == 2 && word(c, i, "to") && i > 0 && tx_cue(c, i - 1) == TXC_PLAN_TO) return 1;
  /* "plans to hold" is a plan; the noun ("vacation plans") is no cue */
  if ((word(c, i, "plans") || word(c, i, "planning")) && word(c, i + 1, "to")) return 1;
  bool ed = n >= 5 && p[n - 2] == 'e' && p[n - 1] == 'd';
  if (ed && !(c->t[i].flags & NEWS_TF_UPPER)) v = -1;
  if (v < 0 && i > 0) {
    /* "rules to be published": a plan; "was to be held", "was scheduled
    ** to be signed": a plan told in the past */
    if (word(c, i - 1, "be") && i > 1 && word(c, i - 2, "to"))
      return i > 2 && (past_be(c, i - 3) || (i > 3 && past_be(c, i - 4) &&
                                              (tense_cue(c, i - 3) || tx_cue(c, i - 3) == TXC_PLAN_TO)))
                 ? -1
                 : 1;
    /* a participle after "be" is no past: "will be held", "is expected" */
    if (word(c, i - 1, "be") || word(c, i - 1, "been") || word(c, i - 1, "being") || word(c, i - 1, "is") ||
        word(c, i - 1, "are"))
      return 0;
    /* nor one after a determiner: "a still unspecified date", "the proposed rules" */
    if (ed && (word(c, i - 1, "a") || word(c, i - 1, "an") || word(c, i - 1, "the") ||
                                     word(c, i - 1, "its") || word(c, i - 1, "their") || word(c, i - 1, "still")))
      return 0;
  }
  return v;
}

int tx_tense_at(const ctx *c, uint32_t i) {
  return i < c->nt ? tense_cue(c, i) : 0;
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

/* The tense around the current match (see local_tense): computed on
** demand, since only matched expressions need it. */
int tx_tense(const ctx *c) {
  return local_tense(c, c->cur, c->sb, c->se);
}

bool tx_future(const ctx *c) {
  return tx_tense(c) > 0;
}

int tx_tense_dir(const ctx *c) {
  return tx_future(c) ? 1 : -1;
}
