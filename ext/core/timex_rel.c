/*
** timex_rel.c -- matchers for dates relative to the anchor or to a date
** already mentioned: durations and "N units ago", "last week", "the next
** day", "that year", "this morning", "today", weekdays, seasons,
** PRESENT_REF/PAST_REF/FUTURE_REF words and a few fixed phrases.  Each
** matcher is pure: it reads the context (anchor, last date mentioned) and
** fills a hit; the driver (timex.c) updates the context.
*/
#include "timex_int.h"
#include "calendar.h"

#include <stdio.h>

/* The quantity of a duration at ph->k: a vague one ("several", "a few":
** *halves -1), a number ("two and a half": *halves 5), "a couple of" (4),
** with what may follow it ("to three", "more", "straight").  Returns the
** token where the unit should be, UINT32_MAX when there is no quantity. */
static uint32_t read_quantity(const ctx *c, const phrase *ph, long *halves) {
  uint32_t k = ph->k, j;
  *halves = -1;
  /* the quantity: a vague one (unknown count: PX?), a number, or "a" */
  if (has(c, k, TX_QUANT) && num(c, k) <= 4) {
    /* several / few / many / couple of + plural unit */
    j = k + 1;
    if (num(c, k) == 4) *halves = 4; /* "the next couple of years": two */
    if (num(c, k) == 4 && word(c, j, "of")) j++;
    if (!has(c, j, TX_UNIT)) return UINT32_MAX;
    k = j;
  } else if ((word(c, k, "a") || word(c, k, "an")) && is(c, k + 1, TX_QUANT, 2)) {
    k += 2; /* a few */
  } else if (word(c, k, "a") && is(c, k + 1, TX_QUANT, 4) && word(c, k + 2, "of")) {
    *halves = 4; /* a couple of */
    k += 3;
  } else {
    /* "the first nine months": "first" is kept in the span, not counted */
    if (tx_ordinal_at(c, k) == 1 && !ph->det) return UINT32_MAX;
    if (has(c, k, TX_ORDWORD) && num(c, k) == 1) k++;
    j = tx_read_number(c, k, halves);
    if (j == k) return UINT32_MAX;
    k = j;
    /* "two to three weeks", "12 to 18 months": one expression, valued by
    ** its lower bound (as TimeBank writes it) */
    if (word(c, k, "to") || word(c, k, "or")) {
      long hi = -1;
      uint32_t j2 = tx_read_number(c, k + 1, &hi);
      bool pl;
      if (j2 > k + 1 && hi > *halves && !word(c, k + 1, "a") && tx_unit_at(c, j2, &pl)) k = j2;
    }
    /* "20 more years", "three straight days", "eight trading days" */
    if (tx_cue(c, k) == TXC_COUNT_MOD) k++;
  }
  return k;
}

/* Durations and "N units ago": "two days", "the past two months",
** "more than four hours", "a year earlier", "several years", "2 1/2 years",
** "the first nine months".  det: a "the" was read before k; rel: a
** relative modifier (R_*) read before k. */
bool tx_match_quantity(const ctx *c, const phrase *ph, hit *h) {
  uint32_t i = ph->i, k = ph->k;
  int rel = ph->rel;
  bool det = ph->det;
  long halves = -1;
  bool plural = false;
  k = read_quantity(c, ph, &halves);
  if (k == UINT32_MAX) return false;
  int u = tx_unit_at(c, k, &plural);
  if (!u || u == U_HALF) return false;
  if (u == U_WEEKEND && halves < 0) return false;
  if (upper(c, k) && !upper(c, k - 1 > i ? k - 1 : i)) return false; /* "60 Minutes", a title */
  /* "a quarter of the market", "a quarter of a point": a fraction ("two
  ** consecutive quarters of growth" stays a length of time) */
  if (u == U_QUARTER && halves == 2 && !plural && word(c, k + 1, "of") && !tx_year_at(c, k + 2)) return false;
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
  /* "from 3.5 mln a year before.": before nothing, as "a year earlier"
  ** ("two days before the vote" is a length of time before an event) */
  else if (is(c, a, TX_ANCHOR, 4) && (a + 1 >= c->se || kind(c, a + 1) == NEWS_TOK_PUNCT)) dir = -2;
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
    dval v = tx_dv_shift(c, base, u, dir < 0 ? -n : n);
    /* "a year ago" after a quarter: the same quarter a year before; after
    ** "the nine months" of that quarter's year, that year's year before */
    if (u == U_YEAR && c->last_q && v.y > 0 && v.gran == G_YEAR) {
      v.y = c->last_qy - (int)n;
      if (!c->q_passed) {
        v.gran = G_QUARTER;
        v.n = c->last_q;
      }
    }
    h->e = e + (dir == 3 ? 2 : 1);
    tx_set_date(h, &v);
    return true;
  }
  if (!plural && halves < 0) return false;
  h->e = e;
  h->type = NEWS_TIMEX_DURATION;
  /* "the nine months", "the first six months": a reporting period */
  h->months = u == U_MONTH && (halves == 12 || halves == 18) && word(c, i, "the");
  /* "twice a month", "three times a week": how often, TimeML's SET;
  ** "$5 a year", "5 pct a year", "700 seats a week": the unit of a rate,
  ** no time at all (TimeML corpora leave most of them out); a number
  ** further off ("$10bn (5.38bn pounds) a year") still makes a rate, but
  ** not across a comma or after a preposition ("in 1997, a year before",
  ** "4,000 tonnes within a week") */
  if (halves == 2 && k == i + 1 && word(c, i, "a") && !plural && i > c->sb) {
    if (word(c, i - 1, "times") || word(c, i - 1, "twice") || word(c, i - 1, "once")) {
      h->type = NEWS_TIMEX_SET;
    } else if (tx_after_amount(c, i)) {
      return false;
    } else if (!(kind(c, i - 1) == NEWS_TOK_PUNCT && c->t[i - 1].mark == ',') && !tx_preposition(c, i - 1)) {
      for (uint32_t back = 1; back <= 3 && back <= i - c->sb; back++)
        if (NEWS_TOK_IS(c->t[i - back].kind, NEWS_TOK_RANGE_NUMBER)) {
          h->type = NEWS_TIMEX_SET;
          break;
        }
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
  tx_fmt_duration(u, halves, h->value);
  return true;
}

/* "the latest quarter", "the latest period": the last quarter reported. */
static bool unit_latest(const ctx *c, const phrase *ph, int u, hit *h) {
  if (!(u == U_QUARTER || word(c, ph->k, "period")) || !have_anchor(c)) return false;
  dval v = tx_dv_new(G_QUARTER);
  news_ymd x = news_cal_add_months(c->anchor, -3);
  v.y = x.year;
  v.n = (x.month - 1) / 3 + 1;
  /* the quarter last mentioned, unless it is still running ("expects
  ** fourth-quarter charges", said in October) */
  if (c->last_q && (c->last_qy < x.year || (c->last_qy == x.year && c->last_q <= v.n))) {
    v.y = c->last_qy;
    v.n = c->last_q;
  }
  h->b = ph->i;
  h->e = ph->k + 1;
  tx_set_date(h, &v);
  return true;
}

/* Plural units after a modifier: "the weeks ahead" and "recent years",
** "coming weeks", "the past few weeks": vague durations. */
static bool units_vague(const ctx *c, const phrase *ph, int u, int rel, hit *h) {
  uint32_t k = ph->k;
  if (u && ph->det && !rel && word(c, k + 1, "ahead")) {
    h->e = k + 2;
  } else if (u && (rel == R_PAST || rel == R_COMING || rel == R_LAST || rel == R_NEXT || rel == R_UPCOMING ||
                   rel == R_PREVIOUS)) {
    h->e = k + 1;
  } else {
    return false;
  }
  h->b = ph->i;
  h->type = NEWS_TIMEX_DURATION;
  tx_fmt_duration(u, -1, h->value);
  return true;
}

/* Units read against what was mentioned before: "the next day", "that
** day", "earlier in the day", "that year", "the previous month".
** Returns 1 on a match, -1 when the phrase is no date ("the day"), 0
** when other readings remain. */
static int unit_anaphoric(const ctx *c, const phrase *ph, int u, int rel, int shift, hit *h) {
  uint32_t i = ph->i, k = ph->k;
  bool anaphoric = rel == R_SAME ||
                   (ph->det && (rel == R_PREVIOUS || rel == R_FOLLOWING || rel == R_NEXT || rel == R_PRECEDING));
  dval v;
  if (anaphoric && u == U_DAY) {
    v = tx_dv_rel_day(c, anaphor(c), shift);
    h->e = tx_part_of_day(c, k + 1, &v);
  } else if (u == U_DAY && anaphor(c).year > 0 &&
             ((rel == R_THAT && !word(c, k + 1, "of")) ||
              (ph->det && !rel && i >= c->sb + 2 && word(c, i - 1, "in") &&
               (is(c, i - 2, TX_POS, P_EARLIER) || is(c, i - 2, TX_POS, P_LATER))))) {
    /* the day last talked about (else the reference date) */
    v = tx_dv_day(anaphor(c));
    h->e = tx_part_of_day(c, k + 1, &v);
  } else if (u == U_DAY) {
    return -1; /* "the day", "a day": too vague */
  } else if ((anaphoric || rel == R_THAT) && (u == U_YEAR || (u == U_MONTH && c->last_m)) && c->last_y) {
    if (u == U_YEAR) {
      v = tx_dv_new(G_YEAR);
      v.y = c->last_y + shift;
    } else {
      news_ymd x = news_cal_add_months((news_ymd){c->last_y, c->last_m, 1}, shift);
      v = tx_dv_new(G_MONTH);
      v.y = x.year;
      v.m = x.month;
    }
    h->e = k + 1;
    h->b = i;
    tx_set_date(h, &v);
    h->topic_y = h->topic_m = 0; /* an anaphor does not move the topic */
    return 1;
  } else {
    return 0;
  }
  h->b = i;
  tx_set_date(h, &v);
  return 1;
}

/* "the year", "the week", "the quarter", "the weekend", "the week of
** March 6": the period holding the anchor (the quarter last mentioned). */
static bool unit_the(const ctx *c, const phrase *ph, int u, hit *h) {
  uint32_t k = ph->k;
  news_ymd a = c->anchor;
  bool ok = a.year > 0;
  dval v;
  /* "album of the year", "flavour of the month": a title */
  if (ph->i >= c->sb + 2 && word(c, ph->i - 1, "of") && tx_cue(c, ph->i - 2) == TXC_AWARD) return false;
  if (u == U_QUARTER) {
    v = tx_dv_new(G_QUARTER);
    dval end;
    /* "the quarter ended July 31": the three months up to that day, named
    ** by the middle one (May to July: the second quarter), unless a quarter
    ** was named before: then it is that one, perhaps a fiscal year's
    ** ("the fiscal first quarter", then "the quarter ended Sept. 29") */
    bool dated = !c->last_q && word(c, k + 1, "ended") && tx_day_word(c, k + 2, &end) > k + 2 && end.y > 0 &&
                 end.m > 0;
    if (dated) {
      int y = has(c, k + 2, TX_MONTH) ? tx_ended_year(c, end.m, end.d) : end.y;
      news_ymd mid = news_cal_add_months((news_ymd){y, end.m, 1}, -1);
      v.y = mid.year;
      v.n = (mid.month - 1) / 3 + 1;
    } else if (c->last_q) {
      v.y = c->last_qy;
      v.n = c->last_q;
    } else if (ok) {
      news_ymd x = news_cal_add_months(a, -3);
      v.y = x.year;
      v.n = (x.month - 1) / 3 + 1;
    }
    if (!v.n) return false;
    /* "the quarter a year ago": that quarter a year before */
    if (v.y > 0 && word(c, k + 1, "a") && is(c, k + 2, TX_UNIT, U_YEAR) && !plural_at(c, k + 2) &&
        (is(c, k + 3, TX_ANCHOR, 1) || is(c, k + 3, TX_POS, P_EARLIER))) {
      v.y--;
      h->b = ph->i;
      h->e = k + 4;
      tx_set_date(h, &v);
      return true;
    }
    if (c->last_q || dated) { /* the quarter last mentioned (or dated) is the topic */
      h->q_y = v.y;
      h->q = v.n;
    }
  } else if (u == U_WEEKEND) {
    v = ok ? tx_dv_week(a, news_cal_weekday(a) >= 6 ? 0 : (tx_future(c) ? 0 : -1), G_WEEKEND) : tx_dv_new(G_WEEKEND);
  } else if (u == U_WEEK) {
    v = ok ? tx_dv_week(a, 0, G_WEEK) : tx_dv_new(G_WEEK);
    /* "the week of March 6": the ISO week holding that day */
    dval dd = tx_dv_new(G_DAY);
    uint32_t e = word(c, k + 1, "of") ? tx_day_word(c, k + 2, &dd) : k + 2;
    if (e > k + 2 && dd.y > 0 && !dd.wd) {
      v = tx_dv_week((news_ymd){dd.y, dd.m, dd.d}, 0, G_WEEK);
      h->b = ph->i;
      h->e = e;
      tx_set_date(h, &v);
      return true;
    }
  } else if (u == U_YEAR) {
    v = tx_dv_new(G_YEAR);
    v.y = a.year;
  } else if (u == U_MONTH) {
    v = tx_dv_new(G_MONTH);
    v.y = a.year;
    v.m = a.month;
  } else {
    return false;
  }
  h->b = ph->i;
  h->e = k + 1;
  tx_set_date(h, &v);
  return true;
}

/* The period of unit u holding the anchor, shifted by shift periods
** ("last week", "next month", "this decade"); gran 0 when there is none. */
static dval unit_shifted(const ctx *c, int u, int shift) {
  news_ymd a = c->anchor;
  dval v = tx_dv_new(0);
  if (a.year <= 0) {
    static const int gran[] = {0, 0, 0, 0, G_DAY, G_WEEK, G_MONTH, G_YEAR, G_DECADE, G_CENTURY, G_QUARTER, G_WEEKEND, G_WEEK, G_HALF};
    return tx_dv_new(gran[u]);
  }
  switch (u) {
  case U_WEEK: return tx_dv_week(a, shift, G_WEEK);
  case U_WEEKEND: return tx_dv_week(a, shift == 0 && !tx_future(c) && news_cal_weekday(a) < 6 ? 0 : shift, G_WEEKEND);
  case U_MONTH: {
    news_ymd x = news_cal_add_months(a, shift);
    v = tx_dv_new(G_MONTH);
    v.y = x.year;
    v.m = x.month;
    return v;
  }
  case U_QUARTER: {
    news_ymd x = news_cal_add_months(a, 3 * shift);
    v = tx_dv_new(G_QUARTER);
    v.y = x.year;
    v.n = (x.month - 1) / 3 + 1;
    return v;
  }
  case U_YEAR:
    v = tx_dv_new(G_YEAR);
    v.y = a.year + shift;
    return v;
  case U_DECADE:
    v = tx_dv_new(G_DECADE);
    v.n = a.year / 10 + shift;
    return v;
  case U_CENTURY:
    v = tx_dv_new(G_CENTURY);
    v.n = a.year / 100 + shift;
    return v;
  default: return v; /* a half, a fortnight: no period of its own */
  }
}

/* A unit after a relative modifier or "the": "last week", "this year",
** "the quarter", "the weekend", "next month", "the next day". */
bool tx_match_rel_unit(const ctx *c, const phrase *ph, hit *h) {
  uint32_t i = ph->i, k = ph->k;
  bool plural = false;
  int u = tx_unit_at(c, k, &plural);
  if (ph->rel == R_LATEST && unit_latest(c, ph, u, h)) return true;
  int rel = ph->rel == R_LATEST ? R_THIS : ph->rel;
  if (upper(c, k)) return false; /* "This Week", a programme's title */
  if (!u || plural) return plural && units_vague(c, ph, u, rel, h);
  if (!rel && !ph->det) return false;
  int shift = 0;
  if (rel == R_LAST || rel == R_PREVIOUS || rel == R_PRECEDING || rel == R_PAST) shift = -1;
  if (rel == R_NEXT || rel == R_COMING || rel == R_FOLLOWING || rel == R_UPCOMING) shift = 1;
  int r = unit_anaphoric(c, ph, u, rel, shift, h);
  if (r) return r > 0;
  if (ph->det && rel == 0) return unit_the(c, ph, u, h);
  if (rel == R_THAT) return false;
  /* "the past decade": the ten years up to now ("the last decade" stays
  ** the previous decade, 199 in 2005) */
  if (u == U_DECADE && ph->det && rel == R_PAST) {
    h->b = i;
    h->e = k + 1;
    h->type = NEWS_TIMEX_DURATION;
    snprintf(h->value, sizeof h->value, "P10Y");
    return true;
  }
  if (have_anchor(c) && u == U_HALF) return false;
  dval v = unit_shifted(c, u, shift);
  if (!v.gran) return false;
  /* "Current qtr" in the note of a results table: the quarter reported */
  if (u == U_QUARTER && rel == R_THIS && c->last_q && word(c, k, "qtr") && word(c, i, "current")) {
    v.y = c->last_qy;
    v.n = c->last_q;
  }
  h->b = i;
  h->e = k + 1;
  tx_set_date(h, &v);
  /* "this year's third quarter" */
  if (u == U_YEAR && kind(c, k + 1) == NEWS_TOK_CLITIC) {
    hit q;
    memset(&q, 0, sizeof q);
    if (tx_match_quarter(c, &(phrase){.i = i, .k = k + 2, .year = v.y}, &q)) *h = q;
  }
  return true;
}

/* Parts of the day after a modifier: "this morning", "last night", "the
** next morning", "later this afternoon", "the morning". */
bool tx_match_rel_partday(const ctx *c, const phrase *ph, hit *h) {
  uint32_t i = ph->i, k = ph->k;
  int rel = ph->rel;
  bool det = ph->det;
  if (!has(c, k, TX_PARTDAY) || num(c, k) > 4 || (!rel && !det)) return false;
  if (c->t[k].flags & NEWS_TF_UPPER && k > i && !(c->t[i].flags & NEWS_TF_UPPER)) return false;
  dval v;
  if (rel == R_THIS || rel == R_CURRENT) {
    v = tx_dv_rel_day(c, c->anchor, 0);
  } else if (rel == R_LAST || rel == R_PREVIOUS) {
    v = det ? tx_dv_rel_day(c, anaphor(c), -1) : tx_dv_rel_day(c, c->anchor, -1);
  } else if (rel == R_NEXT || rel == R_FOLLOWING) {
    if (!det) return false;
    v = tx_dv_rel_day(c, anaphor(c), 1);
  } else if (rel == R_SAME || (det && !rel && num(c, k) == 1)) {
    v = tx_dv_rel_day(c, anaphor(c), 0);
  } else {
    return false;
  }
  /* "this morning" names the morning, not a day's date column */
  v.pod = num(c, k);
  h->b = i;
  h->e = k + 1;
  tx_set_date(h, &v);
  return true;
}

/* "the near future", "the short term", "the near term". */
bool tx_match_near(const ctx *c, const phrase *ph, hit *h) {
  uint32_t i = ph->i, k = ph->k;
  bool det = ph->det;
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

/* Nouns after "today's" that make it mean "our time", not the day:
** "today's youth", "in today's world" (TimeBank leaves these out). */
static bool generic_today(const ctx *c, uint32_t k) {
  return kind(c, k) == NEWS_TOK_CLITIC && tx_cue(c, k + 1) == TXC_OUR_TIME;
}

/* Capitalised words from k on: the token after them. */
static uint32_t skip_names(const ctx *c, uint32_t k) {
  while (k < c->se && kind(c, k) == NEWS_TOK_WORD && upper(c, k) && !cls(c, k)) k++;
  return k;
}

/* A slogan "today Brent South, tomorrow Soweto": "today" and "tomorrow"
** each before a name, in parallel; k is the deictic word. */
static bool slogan(const ctx *c, uint32_t k) {
  if (is(c, k, TX_DEICTIC, 1)) {
    uint32_t j = skip_names(c, k + 1);
    return j > k + 1 && kind(c, j) == NEWS_TOK_PUNCT && c->t[j].mark == ',' && is(c, j + 1, TX_DEICTIC, 3) &&
           skip_names(c, j + 2) > j + 2;
  }
  if (!is(c, k, TX_DEICTIC, 3) || skip_names(c, k + 1) == k + 1 || k < c->sb + 3) return false;
  uint32_t j = k - 1; /* the comma; then names back to "today" */
  if (kind(c, j) != NEWS_TOK_PUNCT || c->t[j].mark != ',') return false;
  while (j > c->sb && kind(c, j - 1) == NEWS_TOK_WORD && upper(c, j - 1) && !cls(c, j - 1)) j--;
  return j < k - 1 && j > c->sb && is(c, j - 1, TX_DEICTIC, 1);
}

/* "today", "yesterday morning", "tomorrow", "tonight". */
bool tx_match_deictic(const ctx *c, const phrase *ph, hit *h) {
  uint32_t i = ph->i, k = ph->k;
  if (!has(c, k, TX_DEICTIC)) return false;
  int n = num(c, k);
  if (n == 1 && generic_today(c, k + 1)) return false;
  if (slogan(c, k)) return false;
  /* "This is VOA Today", "USA Today": a title */
  if (n == 1 && upper(c, k) && k > c->sb && upper(c, k - 1) && kind(c, k - 1) == NEWS_TOK_WORD) return false;
  long off = n == 2 ? -1 : n == 3 ? 1 : 0;
  dval v = tx_dv_rel_day(c, c->anchor, off);
  if (!have_anchor(c) && c->dateline.month) { /* a dateline without its year: XXXX-01-05 */
    news_ymd x = news_cal_add_days((news_ymd){2000, c->dateline.month, c->dateline.day}, off);
    v.m = x.month;
    v.d = x.day;
  }
  uint32_t e = k + 1;
  if (n == 4) v.pod = 4;
  else e = tx_part_of_day(c, e, &v);
  h->b = i;
  h->e = e;
  tx_set_date(h, &v);
  return true;
}

/* A weekday k naming a scheduled event: "Thursday's summit", "its
** Thursday board meeting" (TXC_EVENT in timex_cues.tsv right after it, or
** after one lower-case word of four letters or more that is no dating
** word: not "Thursday and meeting"). */
static bool attributive(const ctx *c, uint32_t k) {
  uint32_t j = k + 1;
  if (kind(c, j) == NEWS_TOK_CLITIC) j++; /* "Thursday's summit" */
  if (kind(c, j) != NEWS_TOK_WORD || upper(c, j) || cls(c, j)) return false;
  if (tx_cue(c, j) == TXC_EVENT) return true;
  if (tlen(c, j) < 4 || tx_cue(c, j) == TXC_DATING) return false;
  return kind(c, j + 1) == NEWS_TOK_WORD && !upper(c, j + 1) && tx_cue(c, j + 1) == TXC_EVENT;
}

/* "nights", "mornings": a part of day in the plural at k. */
static bool plural_part_of_day(const ctx *c, uint32_t k) {
  return has(c, k, TX_PARTDAY) && num(c, k) <= 4 && ttext(c, k)[tlen(c, k) - 1] == 's';
}

/* "Friday", "last Friday", "Friday morning", "the previous Friday". */
bool tx_match_weekday(const ctx *c, const phrase *ph, hit *h) {
  uint32_t i = ph->i, k = ph->k;
  int rel = ph->rel;
  if (!has(c, k, TX_WEEKDAY) || plural_at(c, k)) return false;
  if (!upper(c, k) && c->t[k].kind != NEWS_TOK_ABBREV) return false;
  if (tlen(c, k) <= 4 && c->t[k].kind != NEWS_TOK_ABBREV) return false; /* "Wed", "Sat" */
  /* newspapers: "The Sunday Times", "the Sunday Telegraph" */
  if (upper(c, k + 1) && tx_cue(c, k + 1) == TXC_PAPER) return false;
  int wd = num(c, k);
  dval v;
  /* "Friday mornings", "on Monday and Tuesday nights": every one (Monday
  ** too, though the part of day is written once) */
  uint32_t pd = (word(c, k + 1, "and") || word(c, k + 1, "or")) && has(c, k + 2, TX_WEEKDAY) ? k + 3 : k + 1;
  if (rel == 0 && plural_part_of_day(c, pd)) {
    v = tx_dv_new(G_DAY);
    v.wd = wd;
    h->b = i;
    uint32_t e = tx_part_of_day(c, pd, &v);
    h->e = pd == k + 1 ? e : k + 1;
    h->type = NEWS_TIMEX_SET;
    tx_fmt_dval(&v, h->value);
    return true;
  }
  if (rel == R_PREVIOUS && c->last.year > 0 && i < k && word(c, i, "the")) {
    /* "the previous Friday": the one before the day being talked about */
    int cur = news_cal_weekday(c->last);
    long back = (cur - wd + 7) % 7;
    v = tx_dv_day(news_cal_add_days(c->last, back ? -back : -7));
  } else if (rel == R_LAST || rel == R_PREVIOUS || rel == R_PAST) {
    v = tx_dv_weekday(c, wd, -1);
    if (have_anchor(c) && v.y == c->anchor.year && v.m == c->anchor.month && v.d == c->anchor.day)
      v = tx_dv_day(news_cal_add_days(c->anchor, -7));
  } else if (rel == R_NEXT || rel == R_COMING || rel == R_THIS) {
    v = tx_dv_weekday(c, wd, 1);
    if (rel == R_NEXT && have_anchor(c) && v.y == c->anchor.year && v.m == c->anchor.month &&
        v.d == c->anchor.day)
      v = tx_dv_day(news_cal_add_days(c->anchor, 7));
  } else {
    int t = tx_tense(c);
    bool event = attributive(c, k);
    /* "at its Thursday board meeting" with no past cue near: the coming
    ** one, and told on a Thursday the next (news says "today's meeting"
    ** for today's) */
    v = tx_dv_weekday(c, wd, t > 0 || (t == 0 && event) ? 1 : -1);
    if (t >= 0 && event && have_anchor(c) && v.y == c->anchor.year && v.m == c->anchor.month &&
        v.d == c->anchor.day)
      v = tx_dv_day(news_cal_add_days(c->anchor, 7));
  }
  uint32_t e = tx_part_of_day(c, k + 1, &v);
  /* "Friday, Aug. 7" / "Friday Oct. 13": one expression, the date wins */
  if (e == k + 1) {
    uint32_t j = e;
    if (kind(c, j) == NEWS_TOK_PUNCT && c->t[j].mark == ',') j++;
    hit md;
    memset(&md, 0, sizeof md);
    if (has(c, j, TX_MONTH) && tx_match_month(c, &(phrase){.i = i, .k = j}, &md) && md.day.year >= 0 && md.value[4] == '-' &&
        strlen(md.value) >= 10) {
      *h = md;
      return true;
    }
  }
  h->b = i;
  h->e = e;
  tx_set_date(h, &v);
  if (v.pod) h->type = NEWS_TIMEX_DATE; /* "Friday night": TimeBank types it as a DATE */
  return true;
}

/* Seasons: "last fall", "this summer", "the summer of 1990", "spring 1998". */
bool tx_match_season(const ctx *c, const phrase *ph, hit *h) {
  uint32_t i = ph->i, k = ph->k;
  int rel = ph->rel;
  bool det = ph->det;
  if (!has(c, k, TX_SEASON)) return false;
  int s = num(c, k);
  int y = 0;
  uint32_t e = tx_trailing_year(c, k + 1, &y);
  if (e == k + 1 && !rel && !det && !upper(c, k)) {
    if (!(k > 0 && (word(c, k - 1, "in") || word(c, k - 1, "this")))) return false;
  }
  if (e == k + 1 && !rel && !det && upper(c, k) && k > 0 && !word(c, k - 1, "in")) return false;
  dval v = tx_dv_new(G_SEASON);
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
    else if (tx_future(c))
      v.y = there >= here ? sy : sy + 1;
    else
      v.y = there <= here ? sy : sy - 1;
  }
  h->b = i;
  h->e = e;
  tx_set_date(h, &v);
  return true;
}

/* Reference words: "now", "currently", "recently", "the future", "the past". */
bool tx_match_ref(const ctx *c, const phrase *ph, hit *h) {
  uint32_t i = ph->i, k = ph->k;
  bool det = ph->det;
  int rel = ph->rel;
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
    /* "as soon as possible": to come (the driver adds the first "as");
    ** "as soon as Tuesday", "as soon as he arrives" are no row here */
    if (word(c, k, "soon") && k > 0 && word(c, k - 1, "as")) {
      if (!word(c, k + 1, "as") || !word(c, k + 2, "possible")) return false;
      e = k + 3;
    }
    /* "he was soon released", "soon after he was captured": soon after a
    ** past event, not in the future of the text */
    if (word(c, k, "soon") && (tx_tense_at(c, k + 1) < 0 || (k > 0 && tx_tense_at(c, k - 1) < 0) ||
                               ((k == c->sb || word(c, k + 1, "after") || word(c, k + 1, "afterwards")) &&
                                tx_tense(c) < 0)))
      return false;
    /* "the recent moves": only "the future" takes the article */
    if (det && !future_word) return false;
    if (word(c, k, "recent") && !has(c, k + 1, TX_UNIT)) return false;
    /* "current account", "current assets": accounting, not time */
    /* "current account", "the current asylum system": a thing of today, not a date */
    if (word(c, k, "current") && (tx_cue(c, k + 1) == TXC_NOT_NOW ||
                                  (kind(c, k + 1) == NEWS_TOK_WORD && tx_cue(c, k + 2) == TXC_NOT_NOW)))
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

/* A bare plural unit after "for", "within", "in": "for years" (PXY). */
bool tx_match_bare_plural(const ctx *c, const phrase *ph, hit *h) {
  uint32_t i = ph->i;
  if (!has(c, i, TX_UNIT) || !plural_at(c, i)) return false;
  /* "months ago", "years earlier": some time back (as "a few years ago") */
  if ((is(c, i + 1, TX_ANCHOR, 1) || is(c, i + 1, TX_POS, P_EARLIER)) && num(c, i) != U_HALF &&
      (i == c->sb || !has(c, i - 1, TX_QUANT)) && !NEWS_TOK_IS(kind(c, i - 1), NEWS_TOK_RANGE_NUMBER) &&
      !has(c, i - 1, TX_NUMWORD)) {
    h->b = i;
    h->e = i + 2;
    h->type = NEWS_TIMEX_DATE;
    snprintf(h->value, sizeof h->value, "PAST_REF");
    return true;
  }
  if (i == 0) return false;
  /* "in the weeks before the shooting", "days after the attack": a stretch
  ** of days or weeks around an event (counted ones, "two days after", "20
  ** business days after", "eight-12 months before", are durations) */
  int u = num(c, i);
  if ((is(c, i + 1, TX_ANCHOR, 4) || is(c, i + 1, TX_ANCHOR, 5)) && (u == U_DAY || u == U_WEEK || u == U_MONTH) &&
      !upper(c, i) && kind(c, i - 1) == NEWS_TOK_WORD && !memchr(ttext(c, i - 1), '-', tlen(c, i - 1)) &&
      !has(c, i - 1, TX_NUMWORD) && !has(c, i - 1, TX_QUANT) && !has(c, i - 1, TX_ORDWORD) &&
      !word(c, i - 1, "of") && !(i >= c->sb + 2 && (NEWS_TOK_IS(kind(c, i - 2), NEWS_TOK_RANGE_NUMBER) ||
                                                    has(c, i - 2, TX_NUMWORD)))) {
    h->b = i;
    h->e = i + 1;
    h->type = NEWS_TIMEX_DURATION;
    tx_fmt_duration(u, -1, h->value);
    return true;
  }
  if (!(word(c, i - 1, "for") || word(c, i - 1, "within") || word(c, i - 1, "in"))) return false;
  if (upper(c, i) || word(c, i + 1, "of") || has(c, i + 1, TX_ANCHOR)) return false;
  h->b = i;
  h->e = i + 1;
  h->type = NEWS_TIMEX_DURATION;
  tx_fmt_duration(num(c, i), -1, h->value);
  return true;
}

/* A few fixed phrases: "these days" (PRESENT_REF), "over the years"
** (PXY), "year end" / "year's end" (the year whose end is meant: the
** last one after "since" or a past cue, else this one). */
bool tx_match_fixed(const ctx *c, const phrase *ph, hit *h) {
  uint32_t i = ph->i;
  if (word(c, i, "these") && is_plural(c, i + 1, TX_UNIT, U_DAY)) {
    h->b = i;
    h->e = i + 2;
    h->type = NEWS_TIMEX_DATE;
    snprintf(h->value, sizeof h->value, "PRESENT_REF");
    return true;
  }
  /* "at a later date", "at a future date": some time to come */
  if (word(c, i, "a") && (word(c, i + 1, "later") || word(c, i + 1, "future")) && word(c, i + 2, "date")) {
    h->b = i;
    h->e = i + 3;
    h->type = NEWS_TIMEX_DATE;
    snprintf(h->value, sizeof h->value, "FUTURE_REF");
    return true;
  }
  if (word(c, i, "the") && i > 0 && word(c, i - 1, "over") && is_plural(c, i + 1, TX_UNIT, U_YEAR)) {
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
    dval v = tx_dv_new(G_YEAR); /* written as the year in TimeML corpora */
    v.y = c->anchor.year;
    if ((i > 0 && word(c, i - 1, "since")) || (tx_tense(c) < 0 && c->anchor.month < 12)) v.y--;
    h->b = i;
    h->e = e + 1;
    tx_set_date(h, &v);
    return true;
  }
  return false;
}

/* "fiscal year", "the current fiscal year": the anchor's year. */
bool tx_match_fiscal_year(const ctx *c, const phrase *ph, hit *h) {
  if (!ph->fiscal || !is(c, ph->k, TX_UNIT, U_YEAR) || !have_anchor(c)) return false;
  dval v = tx_dv_new(G_YEAR);
  v.y = c->anchor.year;
  h->b = ph->i;
  h->e = ph->k + 1;
  tx_set_date(h, &v);
  return true;
}

/* "mid afternoon", "late morning": that part of the day last mentioned,
** else of the anchor. */
bool tx_match_pos_partday(const ctx *c, const phrase *ph, hit *h) {
  uint32_t k = ph->k;
  if (!ph->pos || ph->det || k != ph->i + 1 || !has(c, k, TX_PARTDAY) || num(c, k) > 4 || !have_anchor(c))
    return false;
  dval v = tx_dv_day(c->last.year > 0 ? c->last : c->anchor);
  v.pod = num(c, k);
  h->b = ph->i;
  h->e = k + 1;
  tx_set_date(h, &v);
  return true;
}
