/*
** test_refdate.c -- reading event_dates()' reference date (refdate.c):
** ISO 8601 dates and timestamps with zones (the day written), the basic
** form, RFC 2822 dates as RSS feeds write them, Unix seconds, and strings
** that must be refused.
*/
#include "testutil.h"

#include "refdate.h"

/* "YYYY-MM-DD" for what z reads as, or "-" for a refusal. */
static const char *read_as(const char *z) {
  static char buf[16];
  news_ymd d;
  if (!news_refdate_parse(z, strlen(z), &d)) return "-";
  snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

static void check(const char *z, const char *want) {
  const char *got = read_as(z);
  if (strcmp(got, want) != 0) {
    print_error("'%s': want %s got %s\n", z, want, got);
    fail();
  }
}

static void test_iso(void **state) {
  (void)state;
  check("2024-05-02", "2024-05-02");
  check("  2024-05-02\t", "2024-05-02");
  check("2024-05-02T09:30", "2024-05-02");
  check("2024-05-02 09:30:15", "2024-05-02");
  check("2024-05-02T09:30:15.250Z", "2024-05-02");
  check("2024-05-02T09:30:15,5+01:00", "2024-05-02");
  /* the day written, not the UTC day */
  check("2013-03-14T00:30:00+02:00", "2013-03-14");
  check("2013-03-14T23:30:00-05:00", "2013-03-14");
  check("2013-03-14T23:30:00-0500", "2013-03-14");
  check("2013-03-14T23:30:00-05", "2013-03-14");
  check("2013-03-14 23:30:00 +0100", "2013-03-14");
  check("2024-02-29", "2024-02-29");
  check("20240502", "2024-05-02");
  check("2024-05-02Z", "2024-05-02");
}

static void test_rfc2822(void **state) {
  (void)state;
  check("Tue, 03 Mar 1987 09:00:00 GMT", "1987-03-03");
  check("Tue, 3 Mar 1987 09:00:00 +0000", "1987-03-03");
  check("Wed, 02 Oct 2002 15:00:00 +0200", "2002-10-02");
  check("Wed, 02 Oct 2002 23:59 EST", "2002-10-02");
  check("Wed, 02 Oct 2002 23:59:59 -0800 (PST)", "2002-10-02");
  check("02 Oct 2002", "2002-10-02");
  check("2 October 2002 08:00 UT", "2002-10-02");
  check("Thursday, 14 March 2013 10:00:00 Z", "2013-03-14");
  check("mon, 06 jan 20 10:00:00 gmt", "2020-01-06"); /* two-digit year: 20xx below 50 */
  check("Fri, 13 Nov 98 10:00:00 GMT", "1998-11-13");
  check("Sat, 29 Feb 2020 00:00:00 GMT", "2020-02-29");
  check("5 Sept. 2019", "2019-09-05");
}

static void test_unix(void **state) {
  (void)state;
  check("0", "1970-01-01");
  check("1700000000", "2023-11-14");
  check("86399", "1970-01-01");
  check("-1", "1969-12-31");
  check("951782400", "2000-02-29");
  news_ymd d;
  assert_true(news_refdate_from_unix(253402300799LL, &d)); /* 9999-12-31 23:59:59 */
  assert_int_equal(d.year, 9999);
  assert_false(news_refdate_from_unix(253402300800LL, &d));
  assert_false(news_refdate_from_unix(-62135596801LL, &d));
  check("99999999999999", "-");
}

static void test_refused(void **state) {
  (void)state;
  const char *bad[] = {
      "",         "   ",          "now",         "yesterday",          "next Tuesday-ish",
      "2024-13-01", "2024-02-30", "2023-02-29",  "2024-05-02 and more", "2024-05-02T25:00",
      "2024-05-02T09:60", "2024-5-2", "Tue, 31 Apr 2020", "Tue 03 Mar 1987",   "Tux, 03 Mar 1987",
      "03 Mar",   "03 Mar 1",     "03 Foo 1987", "03 Mar 1987 9:00",   "03 Mar 1987 09:00 XYZ",
      "03 Mar 1987 09:00 (PST", "2024-05-02T09:30+25:00", "12.5", "0000-01-01", "2024-05-02T",
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) check(bad[i], "-");
  news_ymd d;
  assert_false(news_refdate_parse(NULL, 0, &d));
  assert_true(news_refdate_parse("2024-05-02 and more", 10, &d)); /* only n bytes are read */
  assert_int_equal(d.day, 2);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_iso),
      cmocka_unit_test(test_rfc2822),
      cmocka_unit_test(test_unix),
      cmocka_unit_test(test_refused),
  };
  return cmocka_run_group_tests_name("refdate", tests, NULL, NULL);
}
