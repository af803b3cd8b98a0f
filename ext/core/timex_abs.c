/*
** timex_abs.c -- matchers for dates that name themselves: clock times,
** sets ("every Monday"), month dates ("Sept. 30, 1989", "March"),
** day-first dates ("7 August 1998"), quarters and halves, decades and
** centuries, hyphenated words ("mid-1996", "two-year"), holidays and
** years.  Each matcher is pure: it reads the context and fills a hit.
*/
#include "timex_int.h"
#include "calendar.h"
#include "lexicon.h"

#include <stdio.h>

/* Optional part of day after a day expression: "morning", "night". */
uint32_t tx_part_of_day(const ctx *c, uint32_t k, dval *v) {
  if (has(c, k, TX_PARTDAY) && num(c, k) <= 4) {
    v->pod = num(c, k);
    return k + 1;
  }
  return k;
}

/* A day expression usable after a clock time ("10 p.m. Wednesday",
** "noon yesterday"): returns the token after it, k when none. */
uint32_t tx_day_word(const ctx *c, uint32_t k, dval *v) {
  if (kind(c, k) == NEWS_TOK_PUNCT && c->t[k].mark == ',' && has(c, k + 1, TX_MONTH)) k++;
  if (has(c, k, TX_MONTH) && tx_real_month(c, k, false) && tx_day_of_month(c, k + 1)) {
    int m = num(c, k), d = tx_day_of_month(c, k + 1);
    news_ymd x = {tx_monthday_year(c, m, d), m, d};
    if (x.year == 0 || news_cal_valid(x)) {
      *v = x.year ? tx_dv_day(x) : tx_dv_new(G_DAY);
      v->m = m;
      v->d = d;
      return k + 2;
    }
  }
  if (has(c, k, TX_WEEKDAY) && !plural_at(c, k)) {
    *v = tx_dv_weekday(c, num(c, k), tx_tense_dir(c));
    return k + 1;
  }
  if (has(c, k, TX_DEICTIC) && num(c, k) <= 3) {
    long off = num(c, k) == 2 ? -1 : num(c, k) == 3 ? 1 : 0;
    *v = tx_dv_rel_day(c, c->anchor, off);
    return k + 1;
  }
  return k;
}

/* "four in the morning", "8 in the evening" after a preposition ("until",
** "at", "or" ...; not "rose 4 in the morning session": nothing but a
** clause word may follow): the hour 0..23, else -1. */
static int clock_hour_of_day(const ctx *c, uint32_t i) {
  if (!word(c, i + 1, "in") || !word(c, i + 2, "the") || !has(c, i + 3, TX_PARTDAY) || num(c, i + 3) > 3 ||
      plural_at(c, i + 3))
    return -1;
  int n = has(c, i, TX_NUMWORD) ? num(c, i) : (int)tx_digits_at(c, i, NULL);
  if (n < 1 || n > 12 || i == c->sb ||
      !(tx_preposition(c, i - 1) || word(c, i - 1, "or") || word(c, i - 1, "till") || word(c, i - 1, "around")))
    return -1;
  uint32_t j = i + 4;
  if (kind(c, j) == NEWS_TOK_WORD && !word(c, j, "and") && !word(c, j, "or") && !word(c, j, "on") &&
      !word(c, j, "when") && !word(c, j, "before") && !word(c, j, "after") && !word(c, j, "until") &&
      !word(c, j, "local") && !word(c, j, "but"))
    return -1;
  return num(c, i + 3) == 1 ? n % 12 : n % 12 + 12; /* morning; afternoon, evening */
}

/* Clock times: "10 p.m.", "10:30 a.m. EST", "noon", "midnight Friday",
** "four in the morning". */
bool tx_match_clock(const ctx *c, const phrase *ph, hit *h) {
  uint32_t i = ph->i;
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
    int ap = tx_ampm_at(c, k);
    if (ap) k++;
    if (ap == 2 && hh < 12) hh += 12;
    if (ap == 1 && hh == 12) hh = 0;
    if (hh > 24 || mi > 59) return false;
    /* a bare "3:30" may be a score or a ratio: need a.m./p.m. or a zone */
    if (!ap && !tx_zone_at(c, k) && !word(c, i - 1, "at")) return false;
  } else if (tx_digits_at(c, i, NULL) >= 1 && tx_digits_at(c, i, NULL) <= 12 && tx_ampm_at(c, i + 1)) {
    hh = (int)tx_digits_at(c, i, NULL);
    int ap = tx_ampm_at(c, i + 1);
    if (ap == 2 && hh < 12) hh += 12;
    if (ap == 1 && hh == 12) hh = 0;
    k = i + 2;
  } else if ((is(c, i, TX_PARTDAY, 5) || is(c, i, TX_PARTDAY, 6)) && !(i > c->sb && word(c, i - 1, "high"))) {
    hh = num(c, i) == 5 ? 12 : 24;
    k = i + 1;
  } else if ((hh = clock_hour_of_day(c, i)) >= 0) {
    k = i + 4;
  } else {
    return false;
  }
  if (tx_zone_at(c, k)) k++;
  else if (word(c, k, "local") && word(c, k + 1, "time")) k += 2;
  dval v = tx_dv_new(G_DAY);
  uint32_t e = tx_day_word(c, k, &v);
  /* "8:30 a.m. on Tuesday": two expressions, the time is on that day */
  if (e == k && word(c, k, "on") && tx_day_word(c, k + 1, &v) > k + 1) {
  } else if (e == k) {
    /* no day word: the day last mentioned (news narrates one day at a time), else the anchor */
    news_ymd base = c->last.year > 0 ? c->last : c->anchor;
    v = base.year > 0 ? tx_dv_day(base) : tx_dv_new(G_DAY);
  }
  v.hh = hh == 24 ? 24 : hh;
  v.mi = mi;
  h->b = i;
  h->e = e;
  tx_fmt_dval(&v, h->value);
  if (hh == 24 && v.gran == G_DAY) { /* midnight: TIMEX3 writes T24 */
    char *t = strchr(h->value, 'T');
    if (t) memcpy(t, "T24", 4);
  }
  h->type = NEWS_TIMEX_TIME;
  if (v.y > 0 && v.y <= 9999) h->day = (news_ymd){v.y, v.m, v.d};
  return true;
}

/* Sets: "every day", "each Thursday", "daily", "Mondays", "every other week". */
bool tx_match_set(const ctx *c, const phrase *ph, hit *h) {
  uint32_t i = ph->i;
  static const char *const adv[] = {"", "P1D", "P1W", "P1M", "P1Y", "P3M", "PT1H", "P1D"};
  if (has(c, i, TX_SETADV)) {
    int n = num(c, i);
    if (i > 0 && (word(c, i - 1, "average") || upper(c, i - 1))) return false; /* "average daily volume", "Party daily" */
    /* "20 pct annually", "10,000 units annually": the unit of a rate */
    if (tx_after_amount(c, i)) return false;
    /* a capital inside a sentence is a name: "the People's Daily", "the
    ** Daily Mail", "its Monthly Oil Market Report" */
    if (i > c->sb && upper(c, i) && !(c->t[i].flags & NEWS_TF_ALLCAPS)) return false;
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
    uint32_t j = tx_read_number(c, k, &halves);
    if (j > k && !word(c, k, "a") && !word(c, k, "an")) k = j;
    else halves = 2;
    if (word(c, k, "other")) {
      halves = 4;
      k++;
    }
    int u = tx_unit_at(c, k, &plural);
    h->b = i;
    h->type = NEWS_TIMEX_SET;
    if (u && u != U_HALF) {
      h->e = k + 1;
      tx_fmt_duration(u, halves, h->value);
      return true;
    }
    if (has(c, k, TX_WEEKDAY) && !plural_at(c, k)) {
      dval v = tx_dv_new(G_DAY);
      v.wd = num(c, k);
      h->e = tx_part_of_day(c, k + 1, &v);
      tx_fmt_dval(&v, h->value);
      return true;
    }
    if (has(c, k, TX_MONTH) && upper(c, k)) {
      snprintf(h->value, sizeof h->value, "XXXX-%02d", num(c, k));
      h->e = k + 1;
      return true;
    }
    if (has(c, k, TX_PARTDAY) && num(c, k) <= 4) {
      snprintf(h->value, sizeof h->value, "XXXX-XX-XXT%s", tx_POD[num(c, k)]);
      h->e = k + 1;
      return true;
    }
    return false;
  }
  /* plural weekdays: "Mondays", "Tuesday nights" */
  if (has(c, i, TX_WEEKDAY) && plural_at(c, i) && upper(c, i)) {
    dval v = tx_dv_new(G_DAY);
    v.wd = num(c, i);
    h->b = i;
    h->e = i + 1;
    h->type = NEWS_TIMEX_SET;
    tx_fmt_dval(&v, h->value);
    return true;
  }
  return false;
}

/* "the Sept. 11 attacks", "the 11 September terror attacks": the day of
** 2001 that news names without its year; k is the token after the date. */
static bool sept11(const ctx *c, int m, int d, uint32_t k) {
  if (m != 9 || d != 11) return false;
  if (word(c, k, "terror") || word(c, k, "terrorist")) k++;
  return tx_cue(c, k) == TXC_SEPT11;
}

/* A month expression at k: "Sept. 30, 1989", "July 1997", "March",
** "Jan. 5th"; rel and pos come from the words before. */
bool tx_match_month(const ctx *c, const phrase *ph, hit *h) {
  uint32_t i = ph->i, k = ph->k;
  int rel = ph->rel;
  bool pos = ph->pos != 0;
  if (!tx_real_month(c, k, rel != 0 || pos)) return false;

  int m = num(c, k);
  uint32_t e = k + 1;
  int d = tx_day_of_month(c, e);
  if (d) {
    e++;
    int y = 0;
    uint32_t j = tx_trailing_year(c, e, &y);
    dval v = tx_dv_new(G_DAY);
    v.m = m;
    v.d = d;
    if (j > e) {
      v.y = y;
      e = j;
      news_ymd x = {v.y, m, d};
      if (news_cal_valid(x)) h->explicit_day = x;
    } else {
      v.y = sept11(c, m, d, e)                       ? 2001
            : i > c->sb && word(c, i - 1, "ended") ? tx_ended_year(c, m, d)
                                                   : tx_monthday_year(c, m, d);
    }
    news_ymd x = {v.y ? v.y : 2000, m, d};
    if (!news_cal_valid(x)) return false;
    e = tx_part_of_day(c, e, &v);
    h->b = i;
    h->e = e;
    tx_set_date(h, &v);
    return true;
  }
  dval v = tx_dv_new(G_MONTH);
  v.m = m;
  int y = 0, tense;
  uint32_t j = tx_trailing_year(c, e, &y);
  if (j > e) {
    v.y = y;
    e = j;
  } else if (rel == R_LAST || rel == R_PREVIOUS || rel == R_PAST) {
    v.y = tx_month_year(c, m, -1);
    /* "last March" said in March or in April means a year ago: the month
    ** just gone would be "last month" */
    if (v.y && (m == c->anchor.month || m % 12 + 1 == c->anchor.month)) v.y--;
  } else if (rel == R_NEXT || rel == R_COMING) {
    v.y = tx_month_year(c, m, 1);
    if (v.y && m == c->anchor.month) v.y++;
  } else if (rel == R_THIS) {
    v.y = have_anchor(c) ? c->anchor.year : 0;
  } else if ((tense = tx_tense(c)) != 0) {
    v.y = tx_month_year(c, m, tense);
  } else if (have_anchor(c)) {
    /* no tense cue: the nearer of the past and the next occurrence */
    int back = (c->anchor.month - m + 12) % 12, fwd = (m - c->anchor.month + 12) % 12;
    v.y = tx_month_year(c, m, fwd < back ? 1 : -1);
  }
  h->b = i;
  h->e = e;
  tx_set_date(h, &v);
  return true;
}

/* Day-first dates: "7 August 1998", "the 30th of September". */
bool tx_match_day_month(const ctx *c, const phrase *ph, hit *h) {
  uint32_t i = ph->i, k = ph->k;
  int d = tx_day_of_month(c, k);
  if (!d) return false;
  uint32_t j = k + 1;
  if (word(c, j, "of")) j++;
  if (!has(c, j, TX_MONTH) || !upper(c, j)) return false;
  /* "1 May" needs an ordinal, a year or a preposition before it ("on 1 May") */
  if (j == k + 1 && kind(c, k) != NEWS_TOK_ORDINAL && !tx_year_at(c, j + 1) && num(c, j) == 5 &&
      !(k > c->sb && (word(c, k - 1, "on") || word(c, k - 1, "from") || word(c, k - 1, "until") ||
                      word(c, k - 1, "since") || word(c, k - 1, "by") || word(c, k - 1, "before") ||
                      word(c, k - 1, "after"))))
    return false;
  int m = num(c, j);
  dval v = tx_dv_new(G_DAY);
  v.m = m;
  v.d = d;
  int y = 0;
  uint32_t e = tx_trailing_year(c, j + 1, &y);
  if (e > j + 1) {
    v.y = y;
  } else {
    v.y = sept11(c, m, d, j + 1) ? 2001 : tx_monthday_year(c, m, d);
    e = j + 1;
  }
  news_ymd x = {v.y ? v.y : 2000, m, d};
  if (!news_cal_valid(x)) return false;
  h->b = i;
  h->e = e;
  tx_set_date(h, &v);
  return true;
}

/* Ordinal quarters and halves: "the third quarter", "the fiscal first
** quarter", "the first half of 1989", "this year's third quarter". */
bool tx_match_quarter(const ctx *c, const phrase *ph, hit *h) {
  uint32_t i = ph->i, k = ph->k;
  int rel = ph->rel;
  int y = ph->year;
  if (has(c, k, TX_FISCAL)) k++;
  int q = tx_ordinal_at(c, k);
  bool plural;
  uint32_t e;
  int u;
  tx_word parts[3];
  int np = 0;
  if (q && (u = tx_unit_at(c, k + 1, &plural)) && (u == U_QUARTER || u == U_HALF) && !plural) {
    e = k + 2;
  } else if (!q && rel == R_LAST && is(c, k, TX_UNIT, U_HALF) && word(c, k + 1, "of")) {
    q = 2; /* "the last half of 1989" */
    u = U_HALF;
    e = k + 1;
    rel = 0;
  } else if ((np = tx_hyphen_parts(c, k, parts)) == 2 && parts[0].cls == TX_FISCAL && parts[1].cls == TX_ORDWORD &&
             (u = tx_unit_at(c, k + 1, &plural)) && (u == U_QUARTER || u == U_HALF) && !plural) {
    q = parts[1].n; /* "the fiscal-first quarter" */
    e = k + 2;
  } else if (np == 2 && parts[0].cls == TX_ORDWORD &&
             (part_is(parts[1], TX_UNIT, U_QUARTER) || part_is(parts[1], TX_UNIT, U_HALF))) {
    q = parts[0].n;
    u = parts[1].n;
    e = k + 1;
    i = k; /* "the third-quarter loss": the adjective alone */
  } else {
    return false;
  }
  if (q < 1 || q > (u == U_HALF ? 2 : 4)) return false;
  int yy = 0;
  uint32_t j = tx_trailing_year(c, e, &yy);
  if (j > e) {
    e = j;
    y = yy;
  } else if (word(c, e, "of")) {
    if (u == U_HALF && word(c, e - 1, "half") && !tx_ordinal_at(c, e - 2)) return false; /* "the last half of the '80s" */
  }
  /* "second-half goals", "in the second half" of a sports report: a match's half */
  if (u == U_HALF && !y && (tx_cue(c, e) == TXC_SPORT_NOUN || tx_cue(c, e) == TXC_SPORT_BOTH || c->sport)) return false;
  dval v = tx_dv_quarter(c, u, q, y, rel);
  h->b = i;
  h->e = e;
  tx_set_date(h, &v);
  if (u == U_QUARTER && v.y > 0) {
    h->q_y = v.y;
    h->q = q;
  }
  return true;
}

/* "the 1990s", "the '80s", "the 20th century", "the early 1980s". */
bool tx_match_decade(const ctx *c, const phrase *ph, hit *h) {
  uint32_t i = ph->i, k = ph->k;
  const char *p = ttext(c, k);
  uint32_t n = tlen(c, k);
  if (k < c->se && c->t[k].kind == NEWS_TOK_WORD && n == 5 && p[4] == 's' && p[3] == '0') {
    int v = 0;
    for (int q = 0; q < 4; q++) {
      if (p[q] < '0' || p[q] > '9') return false;
      v = v * 10 + (p[q] - '0');
    }
    if (v < 1000 || v > 2190) return false;
    dval d = tx_dv_new(G_DECADE);
    d.n = v / 10;
    h->b = i;
    h->e = k + 1;
    tx_set_date(h, &d);
    return true;
  }
  /* '80s: a quote mark then "80s" */
  if (NEWS_TOK_IS(kind(c, k), NEWS_TOK_RANGE_QUOTE) && k + 1 < c->se && tlen(c, k + 1) == 3) {
    const char *q = ttext(c, k + 1);
    if (q[0] >= '0' && q[0] <= '9' && q[1] == '0' && q[2] == 's' && !(c->t[k + 1].flags & NEWS_TF_SPACE)) {
      dval d = tx_dv_new(G_DECADE);
      d.n = 190 + (q[0] - '0');
      h->b = i;
      h->e = k + 2;
      tx_set_date(h, &d);
      return true;
    }
  }
  /* "the nineties": the 1990s */
  if (has(c, k, TX_DECADE) && (k > i || word(c, k - 1, "the"))) {
    dval d = tx_dv_new(G_DECADE);
    d.n = 190 + num(c, k);
    h->b = i;
    h->e = k + 1;
    tx_set_date(h, &d);
    return true;
  }
  int o = tx_ordinal_at(c, k);
  if (o >= 1 && o <= 21 && is(c, k + 1, TX_UNIT, U_CENTURY)) {
    dval d = tx_dv_new(G_CENTURY);
    d.n = o - 1;
    h->b = i;
    h->e = k + 2;
    tx_set_date(h, &d);
    return true;
  }
  return false;
}

/* mid-1996, late-1990s, early-November, mid-afternoon: p holds the parts
** of the hyphenated word k, the first a position modifier. */
static bool hyphen_position(const ctx *c, const phrase *ph, const tx_word p[3], hit *h) {
  uint32_t i = ph->i, k = ph->k;
  const char *t = ttext(c, k);
  uint32_t L = tlen(c, k);
  uint32_t dash = (uint32_t)((const char *)memchr(t, '-', L) - t);
  if (p[1].digits >= 1000 && p[1].digits <= 2199 && L == dash + 5) {
    dval v = tx_dv_new(G_YEAR);
    v.y = p[1].digits;
    h->b = i;
    h->e = k + 1;
    tx_set_date(h, &v);
    return true;
  }
  if (L == dash + 6 && t[L - 1] == 's' && t[L - 2] == '0') { /* mid-1990s */
    int y = 0;
    for (uint32_t q = dash + 1; q < dash + 5; q++) {
      if (t[q] < '0' || t[q] > '9') return false;
      y = y * 10 + (t[q] - '0');
    }
    dval v = tx_dv_new(G_DECADE);
    v.n = y / 10;
    h->b = i;
    h->e = k + 1;
    tx_set_date(h, &v);
    return true;
  }
  if (p[1].cls == TX_MONTH) {
    dval v = tx_dv_new(G_MONTH);
    v.m = p[1].n;
    int y = 0;
    uint32_t e = tx_trailing_year(c, k + 1, &y);
    v.y = e > k + 1 ? y : tx_month_year(c, v.m, tx_tense_dir(c));
    h->b = i;
    h->e = e;
    tx_set_date(h, &v);
    return true;
  }
  if (p[1].cls == TX_PARTDAY && p[1].n <= 4) {
    dval v = tx_dv_new(G_DAY);
    uint32_t e = tx_day_word(c, k + 1, &v);
    if (e == k + 1) v = c->anchor.year ? tx_dv_day(c->anchor) : tx_dv_new(G_DAY);
    v.pod = p[1].n;
    h->b = i;
    h->e = e;
    tx_set_date(h, &v);
    return true;
  }
  return false;
}

/* year-earlier, year-ago, year-end: p holds the parts of word k. */
static bool hyphen_year(const ctx *c, const phrase *ph, const tx_word p[3], hit *h) {
  uint32_t i = ph->i, k = ph->k;
  dval v;
  if (part_is(p[1], TX_POS, P_EARLIER) || part_is(p[1], TX_ANCHOR, 1)) {
    /* "the year-ago quarter" is one even after "the nine months" */
    if (c->last_q && (!c->q_passed || is(c, k + 1, TX_UNIT, U_QUARTER))) {
      v = tx_dv_new(G_QUARTER);
      v.y = c->last_qy - 1;
      v.n = c->last_q;
    } else if (c->last_q) {
      v = tx_dv_new(G_YEAR);
      v.y = c->last_qy - 1;
    } else {
      v = tx_dv_new(G_YEAR);
      v.y = c->anchor.year - 1;
    }
  } else if (part_is(p[1], TX_POS, P_END)) {
    v = tx_dv_new(G_DAY);
    v.y = c->anchor.year;
    v.m = 12;
    v.d = 31;
    /* "since year-end" is the last one; "by year-end" the coming one */
    if ((k > 0 && word(c, k - 1, "since")) || (tx_tense(c) < 0 && c->anchor.month < 12)) v.y--;
  } else {
    return false;
  }
  h->b = i;
  h->e = k + 1;
  /* "the year-ago third quarter": that quarter a year before */
  int q = tx_ordinal_at(c, k + 1);
  if (v.gran != G_DAY && q >= 1 && q <= 4 && is(c, k + 2, TX_UNIT, U_QUARTER) && !plural_at(c, k + 2)) {
    v = tx_dv_quarter(c, U_QUARTER, q, 0, 0);
    if (!v.y) return false;
    v.y--;
    h->e = k + 3;
    tx_set_date(h, &v);
    return true;
  }
  /* "the year-earlier period" keeps its noun, "the year-ago results" not */
  if (word(c, k + 1, "period") || is(c, k + 1, TX_UNIT, U_QUARTER))
    h->e = k + 2;
  else
    h->b = k;
  tx_set_date(h, &v);
  return true;
}

/* Hyphenated words: "two-year", "16-hour", "third-quarter" (in
** match_quarter), "mid-1996", "mid-November", "year-earlier", "year-ago",
** "year-end".  Age phrases ("two-year-old") are skipped. */
bool tx_match_hyphen(const ctx *c, const phrase *ph, hit *h) {
  uint32_t i = ph->i, k = ph->k;
  tx_word p[3];
  int np = tx_hyphen_parts(c, k, p);
  if (np < 2) return false;
  if (np == 3 && p[2].cls != TX_UNIT) {
    /* "two-year-old", "10-year-long": not a timex of its own */
    return false;
  }
  /* N-unit: "two-year", "16-hour", "52-week" */
  int n = p[0].digits >= 0 ? p[0].digits : p[0].cls == TX_NUMWORD ? p[0].n : -1;
  if (p[0].cls == TX_NUMWORD && np == 3 && p[1].cls == TX_NUMWORD) n = -1;
  if (np == 2 && n > 0 && p[1].cls == TX_UNIT && !p[1].plural && p[1].n != U_HALF && p[1].n != U_QUARTER &&
      p[1].n != U_WEEKEND) {
    h->b = i;
    h->e = k + 1;
    h->type = NEWS_TIMEX_DURATION;
    tx_fmt_duration(p[1].n, 2L * n, h->value);
    return true;
  }
  /* "day-long" (P1D), "decades-long" (PXY) */
  const char *t = ttext(c, k);
  uint32_t L = tlen(c, k);
  if (np == 2 && p[0].cls == TX_UNIT && L >= 6 && memcmp(t + L - 5, "-long", 5) == 0) {
    int u = p[0].n;
    if (u == U_HALF || u == U_QUARTER || u == U_WEEKEND) return false;
    h->b = k; /* an adjective: "the" stays out */
    h->e = k + 1;
    h->type = NEWS_TIMEX_DURATION;
    tx_fmt_duration(u, p[0].plural ? -1 : 2, h->value);
    return true;
  }
  /* "post-1959", "pre-1990": the year itself */
  if (np == 2 && p[1].digits >= 1000 && p[1].digits <= 2199 && L <= 9 && (t[0] | 0x20) == 'p' &&
      (memcmp(t + 1, "ost-", 4) == 0 || memcmp(t + 1, "re-", 3) == 0)) {
    dval v = tx_dv_new(G_YEAR);
    v.y = p[1].digits;
    h->b = k;
    h->e = k + 1;
    tx_set_date(h, &v);
    return true;
  }
  if (np == 2 && (part_is(p[0], TX_POS, P_MID) || part_is(p[0], TX_POS, P_EARLY) || part_is(p[0], TX_POS, P_LATE)))
    return hyphen_position(c, ph, p, h);
  if (np == 2 && part_is(p[0], TX_UNIT, U_YEAR) && have_anchor(c)) return hyphen_year(c, ph, p, h);
  return false;
}

/* Holidays: "Christmas", "Christmas Day", "Christmas Eve", "Thanksgiving",
** "Easter", "Memorial Day", "Labor Day", "Election Day", "Valentine's Day", "New Year's
** Day" / "New Year's Eve" (Dec. 31 of the year before), with an
** optional year.  Without one, the anchor's year, or the year before when
** the holiday is still to come and nothing points to the future. */
bool tx_match_holiday(const ctx *c, const phrase *ph, hit *h) {
  uint32_t i = ph->i, k = ph->k;
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
  } else if (code == 2003 || code == 2004 || code == 2005 || code == 214) {
    return false; /* "Labor", "Memorial", "Election", "Valentine" alone are no holidays */
  }
  int y = 0;
  uint32_t j = tx_trailing_year(c, e, &y);
  dval v = tx_dv_new(G_DAY);
  if (j > e) {
    e = j;
    v = tx_dv_day(tx_holiday_date(code, y, eve));
  } else if (have_anchor(c)) {
    /* future words: the next occurrence; past words: the last one, or
    ** one within the coming week ("as Easter week began" six days before
    ** Easter); no cue: the nearest, a coming one counted twice as far */
    long a = news_cal_days(c->anchor), best = -1;
    int t = tx_tense(c);
    news_ymd x = tx_holiday_date(code, c->anchor.year, eve);
    for (int yy = c->anchor.year - 1; yy <= c->anchor.year + 1; yy++) {
      news_ymd z = tx_holiday_date(code, yy, eve);
      long diff = news_cal_days(z) - a, cost = diff < 0 ? -diff : diff;
      if ((t > 0 && diff < 0) || (t < 0 && diff > 7)) continue; /* past words allow the week ahead */
      if (diff > 0 && t <= 0) cost *= 2;
      if (best < 0 || cost < best) {
        best = cost;
        x = z;
      }
    }
    v = tx_dv_day(x);
  } else if (code < 1300) {
    news_ymd x = tx_holiday_date(code, 2000, eve); /* a leap year: any MMDD */
    v.m = x.month;
    v.d = x.day;
  }
  /* "Easter week": the ISO week holding the holiday */
  if (word(c, e, "week") && v.y > 0) {
    v = tx_dv_week((news_ymd){v.y, v.m, v.d}, 0, G_WEEK);
    e++;
  }
  h->b = i;
  h->e = e;
  tx_set_date(h, &v);
  return true;
}

/* A year number at k, with what may follow ("1989", "fiscal 1989",
** "the 1988 period"). */
bool tx_match_year(const ctx *c, const phrase *ph, hit *h) {
  uint32_t i = ph->i, k = ph->k;
  bool det = ph->det;
  bool fiscal = ph->fiscal;
  int y = tx_year_at(c, k);
  uint32_t e = k + 1;
  if (!y) {
    e = tx_words_year(c, k, &y);
    if (e == k) return false;
  }
  /* not a year: "1989 shares", money and counts are NUMBER-kinded too */
  if (k > 0 && kind(c, k - 1) == NEWS_TOK_SYMBOL) return false;
  if (!fiscal && !det && (y < 1800 || y > 2100)) return false;
  dval v = tx_dv_new(G_YEAR);
  v.y = y;
  /* "the 1988 second quarter" */
  if (det && tx_match_quarter(c, &(phrase){.i = i, .k = e, .year = y}, h)) return true;
  if (det && (is(c, e, TX_UNIT, U_QUARTER) || word(c, e, "period"))) {
    /* "the 1988 quarter": the quarter being discussed; "the 1988 period"
    ** after "the nine months", the year */
    if (c->last_q && (!c->q_passed || !word(c, e, "period"))) {
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
  tx_set_date(h, &v);
  return true;
}

/* ISO dates written out: 1998-02-13. */
bool tx_match_iso_date(const ctx *c, const phrase *ph, hit *h) {
  uint32_t k = ph->k;
  if (kind(c, k) != NEWS_TOK_DATE || k != ph->i) return false;
  const char *p = ttext(c, k);
  news_ymd x = {(p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0'),
                (p[5] - '0') * 10 + (p[6] - '0'), (p[8] - '0') * 10 + (p[9] - '0')};
  if (!news_cal_valid(x)) return false;
  dval v = tx_dv_day(x);
  h->explicit_day = x;
  h->b = ph->i;
  h->e = k + 1;
  tx_set_date(h, &v);
  return true;
}

/* "the year 1990", "the year two thousand". */
bool tx_match_year_named(const ctx *c, const phrase *ph, hit *h) {
  uint32_t k = ph->k;
  if (!ph->det || !is(c, k, TX_UNIT, U_YEAR)) return false;
  int y = 0;
  uint32_t e = tx_words_year(c, k + 1, &y);
  if (e == k + 1 && tx_year_at(c, k + 1)) {
    y = tx_year_at(c, k + 1);
    e = k + 2;
  }
  if (e == k + 1) return false;
  dval v = tx_dv_new(G_YEAR);
  v.y = y;
  h->b = ph->i;
  h->e = e;
  tx_set_date(h, &v);
  return true;
}

/* "the year ended June 30", "the fiscal year ending": a year-long period. */
bool tx_match_year_ended(const ctx *c, const phrase *ph, hit *h) {
  uint32_t k = ph->k;
  if (!ph->det || !is(c, k, TX_UNIT, U_YEAR) || !(word(c, k + 1, "ended") || word(c, k + 1, "ending")))
    return false;
  h->b = ph->i;
  h->e = k + 1;
  h->type = NEWS_TIMEX_DURATION;
  snprintf(h->value, sizeof h->value, "P1Y");
  return true;
}

/* A dash or slash at k with no space around it: "9-10", "January/February". */
static bool tight_mark(const ctx *c, uint32_t k, char mark) {
  if (k + 1 >= c->se || (c->t[k].flags & NEWS_TF_SPACE) || (c->t[k + 1].flags & NEWS_TF_SPACE)) return false;
  return mark == '-' ? kind(c, k) == NEWS_TOK_DASH : kind(c, k) == NEWS_TOK_PUNCT && c->t[k].mark == mark;
}

/* Day ranges written day first: "9-10 April", "9-10 April 1987": one
** range, from the first day to the date that follows. */
bool tx_match_day_range(const ctx *c, const phrase *ph, hit *h) {
  uint32_t k = ph->k;
  int nd = 0;
  long d1 = tx_digits_at(c, k, &nd);
  if (nd > 2 || d1 < 1 || !tight_mark(c, k + 1, '-')) return false;
  if (!tx_match_day_month(c, &(phrase){.i = k + 2, .k = k + 2}, h) || !h->has_v || h->v.d <= d1) return false;
  dval end = h->v, v = h->v;
  v.d = (int)d1;
  uint32_t e = h->e;
  memset(h, 0, sizeof *h);
  tx_set_date(h, &v);
  tx_set_end(h, &end);
  h->b = ph->i;
  h->e = e;
  return true;
}

/* Two months with one year: "January/February 1986", "March-April":
** one range; the first month is in the year before when it comes later
** in the calendar ("December/January 1987"). */
bool tx_match_month_pair(const ctx *c, const phrase *ph, hit *h) {
  uint32_t k = ph->k;
  if (!has(c, k, TX_MONTH) || !upper(c, k) || !has(c, k + 2, TX_MONTH) ||
      !(tight_mark(c, k + 1, '/') || tight_mark(c, k + 1, '-')))
    return false;
  if (!tx_match_month(c, &(phrase){.i = k + 2, .k = k + 2, .pos = 1}, h) || !h->has_v || h->v.gran != G_MONTH)
    return false;
  dval end = h->v, v = h->v;
  v.m = num(c, k);
  if (v.y > 0 && v.m > end.m) v.y--;
  uint32_t e = h->e;
  memset(h, 0, sizeof *h);
  tx_set_date(h, &v);
  tx_set_end(h, &end);
  h->b = ph->i;
  h->e = e;
  return true;
}
