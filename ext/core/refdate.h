/*
** refdate.h -- reading the reference date of event_dates() (refdate.c).
**
** The forms news databases hold, read without the clock, locale or time
** zone database:
**   ISO 8601     2024-05-02, 2024-05-02T09:30, 2024-05-02 09:30:15.250Z,
**                2024-05-02T23:30:00-05:00, 20240502 (basic form)
**   RFC 2822     Tue, 03 Mar 1987 09:00:00 GMT   (RSS, e-mail; the weekday,
**                seconds, time and zone are optional; two-digit years
**                are 19xx from 50, else 20xx, as RFC 2822 says)
**   Unix epoch   1700000000 (seconds, the UTC day; may be negative)
** A timestamp with a zone gives the day WRITTEN (the local date where it
** was published), not the UTC day: an article dated 2013-03-14T00:30+02:00
** belongs to the 14th.
*/
#ifndef NEWS_REFDATE_H
#define NEWS_REFDATE_H

#include "core.h"

/* Reads the n bytes at z (surrounding blanks ignored) in one of the forms
** above; true and *out set for a day of years 1..9999, else false. */
bool news_refdate_parse(const char *z, size_t n, news_ymd *out);

/* The UTC day of Unix time secs; false outside years 1..9999. */
bool news_refdate_from_unix(int64_t secs, news_ymd *out);

#endif
