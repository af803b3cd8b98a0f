/*
** calendar.h -- the proleptic Gregorian calendar: the only calendar code
** of newsext (event_dates() and the reference_date reader of the SQLite
** binding use it; so may any stage that needs dates).
**
** WHAT IT IS
**   The proleptic Gregorian calendar as plain integer functions: day
**   numbers, weekdays, ISO-8601 weeks, month lengths, adding days and
**   months, and the moving holidays.  calendar.c implements them with
**   no tables beyond month lengths and no loops longer than a week, so
**   each call is O(1).  Nothing here allocates or can fail.
**
** CONVENTIONS
**   - A news_ymd (news.h) is a calendar day; year 0 means "unknown".
**   - Day numbers count days from 1970-01-01 (day 0), negative before.
**   - Weekdays are ISO: 1 = Monday ... 7 = Sunday.
**
** The API takes and returns plain values (news_ymd from news.h, ints,
** longs) and needs nothing else.
*/
#ifndef NEWS_CALENDAR_H
#define NEWS_CALENDAR_H

#include "news.h"

#include <stdbool.h>

/* True for a Gregorian leap year. */
bool news_cal_leap(int year);

/* Days in month (1..12) of year; 0 for a month out of range. */
int news_cal_month_len(int year, int month);

/* True when the day exists (year 1..9999). */
bool news_cal_valid(news_ymd day);

/* Day number of a valid day, and back. */
long news_cal_days(news_ymd day);
news_ymd news_cal_from_days(long days);

/* ISO weekday of a valid day, 1 = Monday .. 7 = Sunday. */
int news_cal_weekday(news_ymd day);

/* ISO-8601 week of a valid day: its week-numbering year and week 1..53. */
void news_cal_iso_week(news_ymd day, int *week_year, int *week);

/* The day n days after (n < 0: before) day. */
news_ymd news_cal_add_days(news_ymd day, long n);

/* The same day n months later (earlier when n < 0), the day clamped to
** the month's end (Jan 31 + 1 month = Feb 28/29). */
news_ymd news_cal_add_months(news_ymd day, int n);

/* The nth (1..5) given weekday of a month, or with nth = -1 the last one. */
news_ymd news_cal_nth_weekday(int year, int month, int weekday, int nth);

/* Western Easter Sunday of year (anonymous Gregorian computus). */
news_ymd news_cal_easter(int year);

#endif /* NEWS_CALENDAR_H */
