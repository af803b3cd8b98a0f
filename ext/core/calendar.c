/*
** calendar.c -- calendar arithmetic (see calendar.h).
**
** HOW IT WORKS
**   Day numbers use the well-known "days from civil" method: shift the
**   year to start in March so the leap day is last, then count 400-year
**   eras (146097 days each), years of the era and days of the year with
**   the 153-day five-month cycle.  Everything else is built on day
**   numbers: a weekday is the day number mod 7, an ISO week is found from
**   the Thursday of the same week (the ISO rule: week 1 holds the year's
**   first Thursday), and month arithmetic clamps the day to the month end.
**   All functions are O(1) and use no state.
*/
#include "calendar.h"

bool news_cal_leap(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int news_cal_month_len(int year, int month) {
  static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && news_cal_leap(year) ? 29 : len[month - 1];
}

bool news_cal_valid(news_ymd day) {
  return day.year >= 1 && day.year <= 9999 && day.month >= 1 && day.month <= 12 && day.day >= 1 &&
         day.day <= news_cal_month_len(day.year, day.month);
}

long news_cal_days(news_ymd day) {
  long y = day.year - (day.month <= 2);             /* the year starts in March */
  long era = (y >= 0 ? y : y - 399) / 400;          /* 400-year era, floored */
  long yoe = y - era * 400;                         /* [0, 399] */
  long mp = (day.month + 9) % 12;                   /* March = 0 */
  long doy = (153 * mp + 2) / 5 + day.day - 1;      /* [0, 365] */
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; /* [0, 146096] */
  return era * 146097 + doe - 719468;               /* 719468: 0000-03-01 to 1970-01-01 */
}

news_ymd news_cal_from_days(long days) {
  long z = days + 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  news_ymd r;
  r.day = (int)(doy - (153 * mp + 2) / 5 + 1);
  r.month = (int)(mp < 10 ? mp + 3 : mp - 9);
  r.year = (int)(yoe + era * 400 + (r.month <= 2));
  return r;
}

int news_cal_weekday(news_ymd day) {
  long n = news_cal_days(day);    /* 1970-01-01 was a Thursday (4) */
  long w = ((n % 7) + 7 + 3) % 7;    /* 0 = Monday */
  return (int)w + 1;
}

void news_cal_iso_week(news_ymd day, int *week_year, int *week) {
  long n = news_cal_days(day);
  /* the Thursday of this ISO week decides its year */
  long thu = n - (news_cal_weekday(day) - 1) + 3;
  news_ymd t = news_cal_from_days(thu);
  news_ymd jan1 = {t.year, 1, 1};
  *week_year = t.year;
  *week = (int)((thu - news_cal_days(jan1)) / 7 + 1);
}

news_ymd news_cal_add_days(news_ymd day, long n) {
  return news_cal_from_days(news_cal_days(day) + n);
}

news_ymd news_cal_add_months(news_ymd day, int n) {
  long m = (long)day.year * 12 + (day.month - 1) + n;
  news_ymd r;
  r.year = (int)(m >= 0 ? m / 12 : (m - 11) / 12);
  r.month = (int)(m - (long)r.year * 12) + 1;
  int len = news_cal_month_len(r.year, r.month);
  r.day = day.day > len ? len : day.day;
  return r;
}

news_ymd news_cal_nth_weekday(int year, int month, int weekday, int nth) {
  news_ymd d = {year, month, 1};
  if (nth < 0) { /* the last one: step back from the month's last day */
    d.day = news_cal_month_len(year, month);
    int back = (news_cal_weekday(d) - weekday + 7) % 7;
    d.day -= back;
    return d;
  }
  int fwd = (weekday - news_cal_weekday(d) + 7) % 7;
  d.day = 1 + fwd + 7 * (nth - 1);
  return d;
}

news_ymd news_cal_easter(int year) {
  /* the anonymous Gregorian algorithm (Meeus/Jones/Butcher) */
  int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
  int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
  int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  news_ymd r = {year, (h + l - 7 * m + 114) / 31, (h + l - 7 * m + 114) % 31 + 1};
  return r;
}
