/*
** refdate.c -- reading the reference date of event_dates() (see refdate.h).
**
** HOW IT WORKS
**   A small hand-written scanner over the bytes, one function per form:
**   an all-digit string is the ISO basic form YYYYMMDD when it has 8
**   digits and names a real day, else Unix seconds; a string that starts
**   with four digits and '-' is ISO 8601; anything else is tried as RFC
**   2822.  Each form must consume the whole string (only blanks may
**   follow), so "2024-05-02 and more" is no date.  Time and zone are
**   checked for shape and range and then ignored: the day written is the
**   answer.  Unix seconds become a day through the calendar's day numbers
**   (floor division, so -1 is 1969-12-31).
*/
#include "refdate.h"

#include "calendar.h"

#include <string.h>

typedef struct scan {
  const char *z;
  size_t i, n;
} scan;

static int at(const scan *s) { return s->i < s->n ? (unsigned char)s->z[s->i] : -1; }
static bool is_digit(int c) { return c >= '0' && c <= '9'; }
static bool is_alpha(int c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; }
static void skip_blanks(scan *s) {
  while (at(s) == ' ' || at(s) == '\t') s->i++;
}

/* Reads exactly k digits (k <= 9) into *v. */
static bool digits(scan *s, int k, int *v) {
  int r = 0;
  for (int j = 0; j < k; j++) {
    int c = at(s);
    if (!is_digit(c)) return false;
    r = r * 10 + (c - '0');
    s->i++;
  }
  *v = r;
  return true;
}

/* Reads 1..max digits into *v and their count into *k. */
static bool some_digits(scan *s, int max, int *v, int *k) {
  int r = 0, j = 0;
  while (j < max && is_digit(at(s))) {
    r = r * 10 + (at(s) - '0');
    s->i++;
    j++;
  }
  *v = r;
  *k = j;
  return j > 0;
}

static bool eat(scan *s, int c) {
  if (at(s) != c) return false;
  s->i++;
  return true;
}

static bool done(scan *s) {
  skip_blanks(s);
  return s->i == s->n;
}

static bool day_of(int y, int m, int d, news_ymd *out) {
  news_ymd r = {y, m, d};
  if (!news_cal_valid(r)) return false;
  *out = r;
  return true;
}

/* HH:MM[:SS[.fraction]], with hours 0..23 (24:00 allowed), minutes and
** seconds 0..59 (60 for a leap second). */
static bool clock_time(scan *s, bool bFraction) {
  int h, m, sec;
  if (!digits(s, 2, &h) || !eat(s, ':') || !digits(s, 2, &m)) return false;
  if (eat(s, ':')) {
    if (!digits(s, 2, &sec) || sec > 60) return false;
    if (bFraction && (at(s) == '.' || at(s) == ',')) {
      s->i++;
      if (!is_digit(at(s))) return false;
      while (is_digit(at(s))) s->i++;
    }
  }
  return (h < 24 && m < 60) || (h == 24 && m == 0);
}

/* +HH:MM, +HHMM, +HH (or -), with hours up to 23 and minutes up to 59. */
static bool numeric_zone(scan *s, bool bColon) {
  if (at(s) != '+' && at(s) != '-') return false;
  s->i++;
  int h, m = 0;
  if (!digits(s, 2, &h)) return false;
  if (bColon && eat(s, ':')) {
    if (!digits(s, 2, &m)) return false;
  } else if (is_digit(at(s)) && !digits(s, 2, &m)) {
    return false;
  }
  return h < 24 && m < 60;
}

/* YYYY-MM-DD[(T| )HH:MM[:SS[.f]]][ ][Z|zone]] */
static bool iso(scan *s, news_ymd *out) {
  int y, m, d;
  if (!digits(s, 4, &y) || !eat(s, '-') || !digits(s, 2, &m) || !eat(s, '-') || !digits(s, 2, &d)) return false;
  if (at(s) == 'T' || at(s) == 't' || at(s) == ' ') {
    size_t keep = s->i;
    s->i++;
    if (!clock_time(s, true)) {
      if (s->z[keep] != ' ') return false;
      s->i = keep; /* "2024-05-02 " then nothing: the date alone */
    } else {
      if (at(s) == ' ' && s->i + 1 < s->n && (s->z[s->i + 1] == '+' || s->z[s->i + 1] == '-')) s->i++;
      if (at(s) == 'Z' || at(s) == 'z') s->i++;
      else if ((at(s) == '+' || at(s) == '-') && !numeric_zone(s, true)) return false;
    }
  } else if (at(s) == 'Z' || at(s) == 'z') {
    s->i++;
  }
  return done(s) && day_of(y, m, d, out);
}

/* Case-insensitive match of the letters at s against a name: at least the
** first three letters, and no more letters than the name has. */
static bool word_is(const char *zWord, size_t nWord, const char *zName) {
  size_t nName = strlen(zName);
  if (nWord < 3 || nWord > nName) return false;
  for (size_t j = 0; j < nWord; j++)
    if ((zWord[j] | 32) != zName[j]) return false;
  return true;
}

static const char *const azMonth[12] = {"january", "february", "march",     "april",   "may",      "june",
                                        "july",    "august",   "september", "october", "november", "december"};
static const char *const azWeekday[7] = {"monday", "tuesday", "wednesday", "thursday",
                                         "friday", "saturday", "sunday"};

/* RFC 2822 zones: UT, GMT, Z, the US zones and the military letters. */
static bool alpha_zone(const char *z, size_t n) {
  static const char *const az[] = {"ut", "utc", "gmt", "z", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt"};
  for (size_t j = 0; j < sizeof az / sizeof az[0]; j++) {
    if (strlen(az[j]) != n) continue;
    size_t k = 0;
    while (k < n && (z[k] | 32) == az[j][k]) k++;
    if (k == n) return true;
  }
  return n == 1 && (z[0] | 32) != 'j'; /* military zones A-Z less J */
}

/* [Weekday,] D[D] Month YY[YY] [HH:MM[:SS] [zone]] [(comment)] */
static bool rfc2822(scan *s, news_ymd *out) {
  skip_blanks(s);
  if (is_alpha(at(s))) { /* the weekday, then a comma */
    size_t b = s->i;
    while (is_alpha(at(s))) s->i++;
    bool ok = false;
    for (int j = 0; j < 7 && !ok; j++) ok = word_is(s->z + b, s->i - b, azWeekday[j]);
    if (!ok || !eat(s, ',')) return false;
    skip_blanks(s);
  }
  int d, k, y, m = 0;
  if (!some_digits(s, 2, &d, &k)) return false;
  skip_blanks(s);
  size_t b = s->i;
  while (is_alpha(at(s))) s->i++;
  for (int j = 0; j < 12 && !m; j++)
    if (word_is(s->z + b, s->i - b, azMonth[j])) m = j + 1;
  if (!m) return false;
  eat(s, '.'); /* "Mar." */
  skip_blanks(s);
  if (!some_digits(s, 4, &y, &k) || k == 1) return false;
  if (k == 2) y += y < 50 ? 2000 : 1900;
  else if (k == 3) y += 1900;
  skip_blanks(s);
  if (is_digit(at(s))) {
    if (!clock_time(s, false)) return false;
    skip_blanks(s);
    if (at(s) == '+' || at(s) == '-') {
      if (!numeric_zone(s, false)) return false;
    } else if (is_alpha(at(s))) {
      size_t bz = s->i;
      while (is_alpha(at(s))) s->i++;
      if (!alpha_zone(s->z + bz, s->i - bz)) return false;
    }
    skip_blanks(s);
    if (eat(s, '(')) { /* a comment such as "(PST)" */
      while (at(s) >= 0 && at(s) != ')') s->i++;
      if (!eat(s, ')')) return false;
    }
  }
  return done(s) && day_of(y, m, d, out);
}

bool news_refdate_from_unix(int64_t secs, news_ymd *out) {
  /* 0001-01-01 and 10000-01-01 in Unix seconds */
  if (secs < -62135596800LL || secs >= 253402300800LL) return false;
  int64_t days = secs / 86400 - (secs % 86400 < 0);
  *out = news_cal_from_days((long)days);
  return true;
}

bool news_refdate_parse(const char *z, size_t n, news_ymd *out) {
  if (!z) return false;
  scan s = {z, 0, n};
  skip_blanks(&s);
  while (s.n > s.i && (z[s.n - 1] == ' ' || z[s.n - 1] == '\t')) s.n--;
  size_t b = s.i;
  bool bNeg = at(&s) == '-';
  size_t nDigit = 0;
  for (size_t j = b + bNeg; j < s.n && is_digit((unsigned char)z[j]); j++) nDigit++;
  if (nDigit > 0 && b + bNeg + nDigit == s.n) { /* all digits */
    if (nDigit == 8 && !bNeg) {
      int y = 0, m = 0, d = 0;
      scan t = {z, b, s.n};
      digits(&t, 4, &y);
      digits(&t, 2, &m);
      digits(&t, 2, &d);
      if (day_of(y, m, d, out)) return true;
    }
    if (nDigit > 12) return false;
    int64_t v = 0;
    for (size_t j = b + bNeg; j < s.n; j++) v = v * 10 + (z[j] - '0');
    return news_refdate_from_unix(bNeg ? -v : v, out);
  }
  if (s.n - b >= 5 && is_digit(at(&s)) && z[b + 4] == '-') return iso(&s, out);
  return rfc2822(&s, out);
}
