/*
** test_timex.c -- event_dates(): calendar arithmetic and the recogniser.
**
** Groups:
**   calendar   leap years, month lengths, day numbers (round trip over
**              800 years), ISO weekdays, ISO weeks at year ends, adding
**              months across month ends, moving holidays (Thanksgiving,
**              Memorial Day, Easter);
**   patterns   one sentence per pattern family, written for these tests,
**              with a fixed reference date (2020-01-08, a Wednesday):
**              explicit dates, weekdays by tense, deictic days, relative
**              units, "N units ago", durations with words, fractions and
**              approximations, quarters/halves/seasons/decades/centuries,
**              clock times, sets, reference words, anaphora, holidays,
**              ranges, and false friends that must give nothing;
**   no ref     anchoring on an explicit date in the first two sentences,
**              else XXXX;
**   limits     a bad ref, out-of-memory at every allocation, and large
**              pathological inputs that must stay linear.
*/
#include "testutil.h"

#include "calendar.h"

/* ------------------------------------------------------------- calendar */

static news_ymd ymd(int y, int m, int d) {
  news_ymd r = {y, m, d};
  return r;
}

static void assert_ymd(news_ymd got, int y, int m, int d) {
  if (got.year != y || got.month != m || got.day != d) {
    print_error("want %04d-%02d-%02d got %04d-%02d-%02d\n", y, m, d, got.year, got.month, got.day);
    fail();
  }
}

static void test_leap_and_month_len(void **state) {
  (void)state;
  assert_true(news_cal_leap(2000));
  assert_false(news_cal_leap(1900));
  assert_true(news_cal_leap(2024));
  assert_false(news_cal_leap(2023));
  assert_int_equal(news_cal_month_len(2024, 2), 29);
  assert_int_equal(news_cal_month_len(2023, 2), 28);
  assert_int_equal(news_cal_month_len(2100, 2), 28);
  assert_int_equal(news_cal_month_len(2023, 4), 30);
  assert_int_equal(news_cal_month_len(2023, 12), 31);
  assert_int_equal(news_cal_month_len(2023, 13), 0);
  assert_true(news_cal_valid(ymd(2024, 2, 29)));
  assert_false(news_cal_valid(ymd(2023, 2, 29)));
  assert_false(news_cal_valid(ymd(2023, 4, 31)));
  assert_false(news_cal_valid(ymd(0, 1, 1)));
}

static void test_day_numbers(void **state) {
  (void)state;
  assert_int_equal(news_cal_days(ymd(1970, 1, 1)), 0);
  assert_int_equal(news_cal_days(ymd(2000, 3, 1)), 11017);
  assert_int_equal(news_cal_days(ymd(1969, 12, 31)), -1);
  /* every day from 1600 to 2400 converts back to itself, in order */
  long prev = news_cal_days(ymd(1599, 12, 31));
  for (int y = 1600; y < 2400; y++)
    for (int m = 1; m <= 12; m++)
      for (int d = 1; d <= news_cal_month_len(y, m); d++) {
        long n = news_cal_days(ymd(y, m, d));
        assert_int_equal(n, prev + 1);
        news_ymd back = news_cal_from_days(n);
        assert_ymd(back, y, m, d);
        prev = n;
      }
}

static void test_weekdays(void **state) {
  (void)state;
  assert_int_equal(news_cal_weekday(ymd(1970, 1, 1)), 4); /* Thursday */
  assert_int_equal(news_cal_weekday(ymd(2020, 1, 5)), 7); /* Sunday */
  assert_int_equal(news_cal_weekday(ymd(2000, 2, 29)), 2); /* Tuesday */
  assert_int_equal(news_cal_weekday(ymd(1900, 1, 1)), 1); /* Monday */
  assert_int_equal(news_cal_weekday(ymd(1969, 12, 28)), 7);
}

static void assert_week(int y, int m, int d, int wy, int wk) {
  int gy, gw;
  news_cal_iso_week(ymd(y, m, d), &gy, &gw);
  if (gy != wy || gw != wk) {
    print_error("%04d-%02d-%02d: want %d-W%02d got %d-W%02d\n", y, m, d, wy, wk, gy, gw);
    fail();
  }
}

static void test_iso_weeks(void **state) {
  (void)state;
  assert_week(2020, 1, 8, 2020, 2);
  assert_week(2020, 12, 31, 2020, 53);
  assert_week(2021, 1, 3, 2020, 53);
  assert_week(2021, 1, 4, 2021, 1);
  assert_week(2008, 12, 29, 2009, 1);
  assert_week(2010, 1, 3, 2009, 53);
  assert_week(2019, 12, 30, 2020, 1);
  assert_week(1998, 3, 1, 1998, 9);
}

static void test_add(void **state) {
  (void)state;
  assert_ymd(news_cal_add_months(ymd(2020, 1, 31), 1), 2020, 2, 29);
  assert_ymd(news_cal_add_months(ymd(2019, 1, 31), 1), 2019, 2, 28);
  assert_ymd(news_cal_add_months(ymd(2020, 3, 31), -1), 2020, 2, 29);
  assert_ymd(news_cal_add_months(ymd(2020, 12, 15), 1), 2021, 1, 15);
  assert_ymd(news_cal_add_months(ymd(2020, 1, 15), -13), 2018, 12, 15);
  assert_ymd(news_cal_add_months(ymd(2020, 5, 31), -3), 2020, 2, 29);
  assert_ymd(news_cal_add_days(ymd(2020, 2, 28), 1), 2020, 2, 29);
  assert_ymd(news_cal_add_days(ymd(2019, 2, 28), 1), 2019, 3, 1);
  assert_ymd(news_cal_add_days(ymd(2020, 1, 1), -1), 2019, 12, 31);
  assert_ymd(news_cal_add_days(ymd(2020, 1, 8), 365), 2021, 1, 7);
}

static void test_holidays(void **state) {
  (void)state;
  assert_ymd(news_cal_nth_weekday(2019, 11, 4, 4), 2019, 11, 28); /* Thanksgiving */
  assert_ymd(news_cal_nth_weekday(1999, 11, 4, 4), 1999, 11, 25);
  assert_ymd(news_cal_nth_weekday(2020, 5, 1, -1), 2020, 5, 25); /* Memorial Day */
  assert_ymd(news_cal_nth_weekday(2020, 9, 1, 1), 2020, 9, 7);   /* Labor Day */
  assert_ymd(news_cal_easter(2000), 2000, 4, 23);
  assert_ymd(news_cal_easter(2019), 2019, 4, 21);
  assert_ymd(news_cal_easter(2024), 2024, 3, 31);
  assert_ymd(news_cal_easter(1998), 1998, 4, 12);
}

/* ------------------------------------------------------------- patterns */

/* The timexes of text as "span=TYPE:value@date; ..." (date when set). */
static const char *describe(const char *text, const news_ymd *ref) {
  static char buf[4096];
  news_doc *d;
  const news_timex *t;
  uint32_t n;
  assert_int_equal(news_doc_new(NULL, NULL, text, strlen(text), &d), NEWS_OK);
  assert_int_equal(news_doc_timexes(d, ref, &t, &n), NEWS_OK);
  size_t k = 0;
  buf[0] = 0;
  for (uint32_t i = 0; i < n; i++) {
    k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%.*s=%s:%s", i ? "; " : "", (int)(t[i].end - t[i].start),
                          text + t[i].start, news_timex_type_name(t[i].type), t[i].value);
    if (t[i].date[0]) k += (size_t)snprintf(buf + k, sizeof buf - k, "@%s", t[i].date);
    if (t[i].end_value[0]) k += (size_t)snprintf(buf + k, sizeof buf - k, "~%s", t[i].end_value);
    if (t[i].end_date[0]) k += (size_t)snprintf(buf + k, sizeof buf - k, "@%s", t[i].end_date);
    if (i > 0) assert_true(t[i].start >= t[i - 1].end); /* in order, no overlap */
  }
  news_doc_free(d);
  return buf;
}

typedef struct tcase {
  const char *text, *want;
} tcase;

/* Reference date 2020-01-08, a Wednesday in ISO week 2. */
static const tcase cases[] = {
    /* explicit dates */
    {"The deal closed on Jan. 5, 2020.", "Jan. 5, 2020=DATE:2020-01-05@2020-01-05"},
    {"The plant opened on 7 August 1998.", "7 August 1998=DATE:1998-08-07@1998-08-07"},
    {"Results are due 2020-02-14.", "2020-02-14=DATE:2020-02-14@2020-02-14"},
    {"The firm was founded in July 1997.", "July 1997=DATE:1997-07"},
    {"The strike ended on Dec. 30.", "Dec. 30=DATE:2019-12-30@2019-12-30"},
    {"The hearing is set for Feb. 3.", "Feb. 3=DATE:2020-02-03@2020-02-03"},
    /* months by tense */
    {"The company was sold in March.", "March=DATE:2019-03"},
    {"The company will be sold in March.", "March=DATE:2020-03"},
    /* March as a modifier: a date before a noun, not before "on" or "of" */
    {"The March trade surplus was 1.45 billion dlrs.", "March=DATE:2019-03"},
    {"It said its March load factor rose.", "March=DATE:2019-03"},
    {"The March on Washington drew thousands. The March of Dimes raised money.", ""},
    /* weekdays by tense, with parts of the day */
    {"Shares fell on Monday.", "Monday=DATE:2020-01-06@2020-01-06"},
    {"The vote will be held on Friday.", "Friday=DATE:2020-01-10@2020-01-10"},
    /* the only tense cue opens a long sentence, far from the date */
    {"The festival will go on through the weekend, with parades, street markets and a fireworks "
     "show over the old harbour on Friday.",
     "the weekend=DATE:2020-W02-WE; Friday=DATE:2020-01-10@2020-01-10"},
    {"The festival went on through the weekend, with parades, street markets and a fireworks "
     "show over the old harbour on Friday.",
     "the weekend=DATE:2020-W01-WE; Friday=DATE:2020-01-03@2020-01-03"},
    /* a far "would" is the past's future: no cue for the date */
    {"The minister said the army would respond in its own way to the ambush of the convoy near the "
     "northern border post on Friday.",
     "Friday=DATE:2020-01-03@2020-01-03"},
    {"Talks broke down Tuesday night.", "Tuesday night=DATE:2020-01-07TNI@2020-01-07"},
    {"He spoke last Wednesday.", "last Wednesday=DATE:2020-01-01@2020-01-01"},
    /* deictic days and parts of the day */
    {"The minister resigned yesterday.", "yesterday=DATE:2020-01-07@2020-01-07"},
    {"Voting ends tomorrow.", "tomorrow=DATE:2020-01-09@2020-01-09"},
    {"Police arrived this morning.", "this morning=TIME:2020-01-08TMO@2020-01-08"},
    {"Fires burned last night.", "last night=TIME:2020-01-07TNI@2020-01-07"},
    /* relative units */
    {"Prices rose last year and may rise next year.", "last year=DATE:2019; next year=DATE:2021"},
    {"The bill passed last week.", "last week=DATE:2020-W01"},
    {"The union meets this month.", "this month=DATE:2020-01"},
    {"He left two days ago.", "two days ago=DATE:2020-01-06@2020-01-06"},
    {"Sales fell a year earlier.", "a year earlier=DATE:2019"},
    /* "a year before" with nothing after it is "a year earlier"; before an event, a length */
    {"Sales rose to 4.2 mln dlrs from 3.5 mln a year before.", "a year before=DATE:2019"},
    {"Net was 900,000 dlrs, against 700,000 dlrs a year before, the company said.", "a year before=DATE:2019"},
    {"He moved two days before the vote.", "two days=DURATION:P2D"},
    /* "ended" with a day: a period over, unless it ends within two weeks */
    {"For the fiscal year ended March 31, the company earned 5 mln dlrs.",
     "the fiscal year=DURATION:P1Y; March 31=DATE:2019-03-31@2019-03-31"},
    {"Results for the quarter ended Jan. 15 will be good.", "the quarter=DATE:2019-Q4; Jan. 15=DATE:2020-01-15@2020-01-15"},
    /* the quarter ended a day: the three months up to it, named by the middle one */
    {"In the quarter ended July 31, Jayark had a loss, against a profit a year earlier.",
     "the quarter=DATE:2019-Q2; July 31=DATE:2019-07-31@2019-07-31; a year earlier=DATE:2018-Q2"},
    {"Profit rose in the fiscal first quarter. In the quarter ended Sept. 29, sales rose.",
     "the fiscal first quarter=DATE:2020-Q1; the quarter=DATE:2020-Q1; Sept. 29=DATE:2019-09-29@2019-09-29"},
    /* durations */
    {"The talks lasted more than four hours.", "more than four hours=DURATION:PT4H"},
    {"He waited half an hour.", "half an hour=DURATION:PT30M"},
    {"The case took 2 1/2 years.", "2 1/2 years=DURATION:P2Y6M"},
    {"They were married for forty years.", "forty years=DURATION:P40Y"},
    {"He signed a two-year contract.", "two-year=DURATION:P2Y"},
    {"Profit rose in the first nine months.", "the first nine months=DURATION:P9M"},
    {"The rescue took a minute and a half.", "a minute and a half=DURATION:PT1M30S"},
    {"Rents have risen for years.", "years=DURATION:PXY"},
    {"Trading was thin in recent weeks.", "recent weeks=DURATION:PXW"},
    /* quarters, halves, seasons, decades, centuries, fiscal years */
    {"Profit rose in the third quarter.", "the third quarter=DATE:2019-Q3"},
    {"Its third-quarter loss widened.", "third-quarter=DATE:2019-Q3"},
    {"Net rose in the fiscal-third quarter.", "the fiscal-third quarter=DATE:2019-Q3"},
    {"ACME CORP 4TH QTR NET. Current qtr figures exclude a gain.", "4TH QTR=DATE:2019-Q4; Current qtr=DATE:2019-Q4"},
    {"Sales will rise in the current quarter.", "the current quarter=DATE:2020-Q1"},
    {"Sales grew in the first half of 2019.", "the first half of 2019=DATE:2019-H1"},
    {"The fund closed last fall.", "last fall=DATE:2019-FA"},
    {"Music of the 1990s is back.", "the 1990s=DATE:199"},
    {"It was built in the 20th century.", "the 20th century=DATE:19"},
    {"In fiscal 1989 the bank lost money.", "fiscal 1989=DATE:1989"},
    {"Growth slowed in mid-1996.", "mid-1996=DATE:1996"},
    /* years written out */
    {"The law dates from nineteen ninety-six.", "nineteen ninety-six=DATE:1996"},
    {"He promised jobs by the year two thousand.", "the year two thousand=DATE:2000"},
    /* ranges give two dates */
    {"He served from 1979 to 1981.", "1979=DATE:1979; 1981=DATE:1981"},
    /* clock times */
    {"The ceasefire began at 10 p.m. Tuesday.", "10 p.m. Tuesday=TIME:2020-01-07T22:00@2020-01-07"},
    {"Polls close at 8:30 a.m. EST.", "8:30 a.m. EST=TIME:2020-01-08T08:30@2020-01-08"},
    /* sets */
    {"Flights leave every Monday.", "every Monday=SET:XXXX-WXX-1"},
    {"New flights leave on Monday and Tuesday nights.",
     "Monday=SET:XXXX-WXX-1TNI; Tuesday nights=SET:XXXX-WXX-2TNI"},
    {"The plant reports daily.", "daily=SET:P1D"},
    {"The dividend is paid annually.", "annually=SET:P1Y"},
    {"The wall fell in the year 1989.", "the year 1989=DATE:1989"},
    /* not dates: a slogan, a match's half, "today's" and "current" as adjectives */
    {"He ended with the cry \"today Brent South, tomorrow Soweto\".", ""},
    {"United scored two second-half goals to win.", ""},
    {"The game is a wake-up call to today's gamers.", ""},
    {"He claims the current asylum system is being abused.", ""},
    {"She was named player of the year and the band won album of the year.", ""},
    /* a stretch of time around an event; a counted one is no such stretch */
    {"Police saw his car in the weeks before the shooting.", "weeks=DURATION:PXW"},
    {"The offer expires 20 business days after it starts.", ""},
    /* ranges: one row, the value its start, end_value its end (after "~") */
    {"The summit is set for April 9-10.", "April 9-10=DATE:2020-04-09@2020-04-09~2020-04-10@2020-04-10"},
    {"Talks are due on 9-10 April.", "9-10 April=DATE:2020-04-09@2020-04-09~2020-04-10@2020-04-10"},
    {"The talks will run from Monday to Wednesday.",
     "Monday to Wednesday=DATE:2020-01-13@2020-01-13~2020-01-15@2020-01-15"},
    {"Output fell in the 1986-87 season.", "1986-87=DATE:1986~1987"},
    {"Output fell in the 1986/87 season.", "1986/87=DATE:1986~1987"},
    {"Car sales fell in January/February 1986.", "January/February 1986=DATE:1986-01~1986-02"},
    /* a second day after "and"/"or": its own row, in the same month */
    {"Ministers meet on March 11 and 12 in Brussels.",
     "March 11=DATE:2020-03-11@2020-03-11; 12=DATE:2020-03-12@2020-03-12"},
    {"It sold notes due November 1, 1994 and 10-3/4 pct notes.", "November 1, 1994=DATE:1994-11-01@1994-11-01"},
    {"Bids are due Feb 13 or 24.", "Feb 13=DATE:2020-02-13@2020-02-13; 24=DATE:2020-02-24@2020-02-24"},
    {"Sales will rise on March 5 and 23 pct on March 6.",
     "March 5=DATE:2020-03-05@2020-03-05; March 6=DATE:2020-03-06@2020-03-06"},
    {"Voters will go to the polls on Election Day.", "Election Day=DATE:2020-11-03@2020-11-03"},
    /* reference words */
    {"He works there now.", "now=DATE:PRESENT_REF"},
    {"The rules changed recently.", "recently=DATE:PAST_REF"},
    {"Prices will soon fall.", "soon=DATE:FUTURE_REF"},
    {"He was taken to a hospital and was soon released.", ""},
    {"The club soon became famous, and soon after the tour it split.", ""},
    {"He warned that Asian states could soon stop lending.", "soon=DATE:FUTURE_REF"},
    {"Rates will rise in the near future.", "the near future=DATE:FUTURE_REF"},
    /* "term" is no dating word: its lead words start the match */
    {"Profits will stay weak in the near term, the bank said.", "the near term=DATE:FUTURE_REF"},
    {"Growth should pick up over the long term and in the near term.",
     "the long term=DATE:FUTURE_REF; the near term=DATE:FUTURE_REF"},
    {"The loan is short term.", ""},
    /* a clock hour with a part of the day, after a preposition */
    {"The bars stay open until three or four in the morning.", "four in the morning=TIME:2020-01-08T04:00@2020-01-08"},
    {"The ferry leaves at 8 in the evening.", "8 in the evening=TIME:2020-01-08T20:00@2020-01-08"},
    {"Shares rose 4 in the morning session.", "the morning=TIME:2020-01-08TMO@2020-01-08"},
    {"Shares fell to 4 in the morning session.", "the morning=TIME:2020-01-08TMO@2020-01-08"},
    {"He will leave at 4 in the morning on Tuesday.", "4 in the morning=TIME:2020-01-14T04:00@2020-01-14; Tuesday=DATE:2020-01-14@2020-01-14"},
    /* "that" opens an anaphoric expression ("that day", "in that February");
    ** elsewhere it is a conjunction and stays out */
    {"Stanley said that 2019 full year sales will top $100 million.", "2019=DATE:2019"},
    {"We did not see that a year ago, he said.", "a year ago=DATE:2019"},
    {"He said that a few months ago he had warned them.", "a few months ago=DATE:PAST_REF"},
    {"Analysts noted that February is a short month.", "February=DATE:2019-02"},
    {"The bank reported that third quarter net income rose.", "third quarter=DATE:2019-Q3"},
    {"He died that day.", "that day=DATE:2020-01-08@2020-01-08"},
    {"In that February the river froze.", "that February=DATE:2019-02"},
    {"The vote is at noon on that Wednesday, just after the debate.",
     "noon=TIME:2020-01-08T12:00@2020-01-08; that Wednesday=DATE:2020-01-08@2020-01-08"},
    {"That summer, the crops failed.", "That summer=DATE:2019-SU"},
    /* set phrases of a time to come */
    {"Details will be announced at a later date.", "a later date=DATE:FUTURE_REF"},
    {"The plant should reopen as soon as possible.", "as soon as possible=DATE:FUTURE_REF"},
    {"He will call as soon as he lands.", ""},
    /* "then current": the present of a past time */
    {"Holders may buy shares at half the then current market price.", "then current=DATE:PAST_REF"},
    {"They agreed to hold currencies around their then current levels.", "then current=DATE:PAST_REF"},
    /* anaphora against the last day mentioned */
    {"The storm hit on Dec. 30, 2019. The next day, power returned.",
     "Dec. 30, 2019=DATE:2019-12-30@2019-12-30; The next day=DATE:2019-12-31@2019-12-31"},
    {"The firm was founded in 1995. The following year it went public.",
     "1995=DATE:1995; The following year=DATE:1996"},
    /* holidays */
    {"Stores were busy at Christmas.", "Christmas=DATE:2019-12-25@2019-12-25"},
    {"They met on Thanksgiving Day.", "Thanksgiving Day=DATE:2019-11-28@2019-11-28"},
    /* plans, phrases, words for decades, hyphenated adjectives */
    {"Talks resume as soon as Tuesday.", "Tuesday=DATE:2020-01-14@2020-01-14"},
    {"The talks are to resume Monday.", "Monday=DATE:2020-01-13@2020-01-13"},
    {"Prices are high these days.", "these days=DATE:PRESENT_REF"},
    {"Sales grew through the nineties.", "the nineties=DATE:199"},
    {"It was a day-long meeting.", "day-long=DURATION:P1D"},
    {"The post-1959 order changed.", "post-1959=DATE:1959"},
    {"The deal should close by year end.", "year end=DATE:2020"},
    /* round 2: ranges, "that day", clock time with "on" + day, "local time",
    ** "the past decade", determiners of modifier dates, "plans" the noun */
    {"Repairs will take two to three weeks.", "two to three weeks=DURATION:P2W"},
    {"The mayor toured the port on Jan. 3. Later that day, she resigned.",
     "Jan. 3=DATE:2020-01-03@2020-01-03; Later that day=DATE:2020-01-03@2020-01-03"},
    {"Crowds thinned later in the day.", "the day=DATE:2020-01-08@2020-01-08"},
    {"The market will open at 9:30 a.m. ET on Monday.",
     "9:30 a.m. ET=TIME:2020-01-13T09:30@2020-01-13; Monday=DATE:2020-01-13@2020-01-13"},
    {"The quake struck at 5 p.m. local time Tuesday.",
     "5 p.m. local time Tuesday=TIME:2020-01-07T17:00@2020-01-07"},
    {"Rents doubled over the past decade.", "the past decade=DURATION:P10Y"},
    {"Police reopened the Dec. 2 shooting case.", "Dec. 2=DATE:2019-12-02@2019-12-02"},
    {"She ran in the 2016 election and the two-day primary.", "2016=DATE:2016; two-day=DURATION:P2D"},
    {"Profit doubled in the nine months.", "the nine months=DURATION:P9M"},
    {"In the year-ago third quarter, the bank earned $5 million.", "the year-ago third quarter=DATE:2018-Q3"},
    {"Net rose in the third quarter. In the nine months, net fell from the 2018 period.",
     "the third quarter=DATE:2019-Q3; the nine months=DURATION:P9M; the 2018 period=DATE:2018"},
    {"Net rose in the third quarter. For the quarter a year ago, it lost money.",
     "the third quarter=DATE:2019-Q3; the quarter a year ago=DATE:2018-Q3"},
    /* "the latest quarter" is over: not one still running ("expects first-quarter charges") */
    {"Profit rose in the fourth quarter. It expects first-quarter charges. In the latest quarter, sales fell.",
     "the fourth quarter=DATE:2019-Q4; first-quarter=DATE:2020-Q1; the latest quarter=DATE:2019-Q4"},
    /* a quarter named in passing holds for its sentence only; a later one
    ** that is over is the next report's topic */
    {"Net rose in the third quarter. After a flat second quarter, sales grew. Costs were lower than a year ago. "
     "It expects a first-quarter charge. Profit was up from a year earlier.",
     "the third quarter=DATE:2019-Q3; second quarter=DATE:2019-Q2; a year ago=DATE:2018-Q3; "
     "first-quarter=DATE:2020-Q1; a year earlier=DATE:2018-Q3"},
    {"Net rose in the third quarter. Separately, Acme reported fourth-quarter net of $5 million. "
     "Sales rose. That was up from a year earlier.",
     "the third quarter=DATE:2019-Q3; fourth-quarter=DATE:2019-Q4; a year earlier=DATE:2018-Q4"},
    /* "a year earlier" is the period last reported: the quarter, or after
    ** "the nine months" of that quarter's year, the year before */
    {"Net rose in the third quarter from a year earlier. In the nine months, net fell from a year earlier.",
     "the third quarter=DATE:2019-Q3; a year earlier=DATE:2018-Q3; the nine months=DURATION:P9M; "
     "a year earlier=DATE:2018"},
    {"On Friday, the council cut its vacation plans short.", "Friday=DATE:2020-01-03@2020-01-03"},
    {"The league plans to hold a rally on Saturday.", "Saturday=DATE:2020-01-11@2020-01-11"},
    /* round 2: plans told in the past, extents, seasons across the year end */
    {"The offer had been scheduled to expire on Friday.", "Friday=DATE:2020-01-03@2020-01-03"},
    {"Fans were planning to march on Sunday.", "Sunday=DATE:2020-01-12@2020-01-12"},
    {"Prices are falling right now.", "right now=DATE:PRESENT_REF"},
    {"The mill will close over the next year or so.", "the next year or so=DATE:2021"},
    {"The trial opens the week of Feb. 10.", "the week of Feb. 10=DATE:2020-W07"},
    {"Sales slumped this past fall.", "this past fall=DATE:2019-FA"},
    {"Snow fell last winter and will fall this summer.", "last winter=DATE:2018-WI; this summer=DATE:2020-SU"},
    /* approximations and focus words around the extent */
    {"Shots rang out around 7:15 p.m.", "around 7:15 p.m.=TIME:2020-01-08T19:15@2020-01-08"},
    {"The vote took only 14 days.", "14 days=DURATION:P14D"},
    {"Costs rose over several years.", "several years=DURATION:PXY"},
    /* day-first "1 May" after a preposition; short irregular past forms */
    {"The fair opens on 1 May.", "1 May=DATE:2020-05-01@2020-05-01"},
    {"The singer died in March.", "March=DATE:2019-03"},
    /* "the weeks ahead", "an additional year" */
    {"Prices may fall in the weeks ahead.", "the weeks ahead=DURATION:PXW"},
    {"The loan runs for an additional year.", "an additional year=DURATION:P1Y"},
    /* quarters and halves of a relative year, "last half", forward halves,
    ** "last <month>" for the month just gone */
    {"Sales rose in the fourth quarter of last year.", "the fourth quarter of last year=DATE:2019-Q4"},
    {"Margins improved in the last half of 2018.", "the last half of 2018=DATE:2018-H2"},
    {"Demand will recover in the second half.", "the second half=DATE:2020-H2"},
    {"The bridge was closed last December.", "last December=DATE:2018-12"},
    /* "from March", rates with "twice", schedule verbs in the present */
    {"The ban ran from March to June.", "March to June=DATE:2019-03~2019-06"},
    {"The board meets twice a month.", "a month=SET:P1M"},
    {"The trial opens Monday.", "Monday=DATE:2020-01-13@2020-01-13"},
    /* "since" looks back; quarters of growth are periods, not fractions */
    {"The bank has raised rates five times since June and would raise them again.", "June=DATE:2019-06"},
    {"The economy shrank for two consecutive quarters of falling output.", "two consecutive quarters=DURATION:P2Q"},
    {"Only months ago the plant was full.", "months ago=DATE:PAST_REF"},
    {"Air travel fell after the Sept. 11 attacks.", "Sept. 11=DATE:2001-09-11@2001-09-11"},
    {"The runoff is on Sunday.", "Sunday=DATE:2020-01-12@2020-01-12"},
    /* tense: "to be" + participle is a plan, an -ed word after a determiner
    ** an adjective, "supposed to" a plan, "slated" scheduled */
    {"He added that final rules to be published in early November will decide.", "early November=DATE:2020-11"},
    {"The split would be paid on a still unspecified date in March.", "March=DATE:2020-03"},
    {"The talks are supposed to end by May, officials said.", "May=DATE:2020-05"},
    {"They discussed the slated visit of the minister in September.", "September=DATE:2020-09"},
    {"The loan was scheduled to be signed in mid-February but was postponed.", "mid-February=DATE:2019-02"},
    {"A review was to be held in February.", "February=DATE:2019-02"},
    {"The two leaders meet separately Monday.", "Monday=DATE:2020-01-13@2020-01-13"},
    {"Shops will be full at Christmas.", "Christmas=DATE:2020-12-25@2020-12-25"},
    {"Pilgrims arrived as Easter week began.", "Easter week=DATE:2019-W16"},
    {"Fireworks lit up New Year's Eve in New York.", "New Year's Eve=DATE:2019-12-31@2019-12-31"},
    /* false friends: nothing */
    {"May Smith said the veterans will march.", ""},
    {"The cat sat on the mat.", ""},
    {"They won 3-1 at home.", ""},
    {"The 1st Brigade moved north.", ""},
    {"He paid 1,500 dollars for 2,000 shares.", ""},
    {"She is 37 years old.", ""},
    {"He may march as soon as he can.", ""},
    {"In today's world, more than a quarter of voters read USA Today.", ""},
    {"The Sunday Times and the Sunday Telegraph ran the story.", ""},
    {"He told the Sunday People about it.", ""},
    /* the unit of a rate after an amount is no time; "twice a month" is a set */
    {"The move would save 6 mln dlrs a year and output rose 15 pct annually.", ""},
    {"The refinery makes 3,000 tonnes a day and will reach capacity within a week.", "a week=DURATION:P1W"},
    {"Exports were limited to 96,000 tonnes for a year.", "a year=DURATION:P1Y"},
    /* "decided to", "promised to": a plan, pointing ahead */
    {"The alliance decided to admit three members in early March.", "early March=DATE:2020-03"},
    {"The senator promised to return to the issue in October.", "October=DATE:2020-10"},
    /* a set word with a capital inside a sentence is a name */
    {"The People's Daily and the Daily Mail reported it in the Monthly Review.", ""},
    {"Daily output rose.", "Daily=SET:P1D"},
    /* a weekday's event ("Thursday's summit") is the coming one unless told in the past */
    {"Leaders gather for Thursday's summit.", "Thursday=DATE:2020-01-09@2020-01-09"},
    {"Leaders gathered for Thursday's summit.", "Thursday=DATE:2020-01-02@2020-01-02"},
    {"He told 60 Minutes he loved the film High Noon.", ""},
};

static void test_patterns(void **state) {
  (void)state;
  news_ymd ref = {2020, 1, 8};
  int bad = 0;
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const char *got = describe(cases[i].text, &ref);
    if (strcmp(got, cases[i].want) != 0) {
      print_error("case %zu: %s\n  want: %s\n  got:  %s\n", i, cases[i].text, cases[i].want, got);
      bad++;
    }
  }
  assert_int_equal(bad, 0);
}

/* Without a reference date: anchor on an explicit date of the first two sentences, else XXXX. */
static void test_no_ref(void **state) {
  (void)state;
  assert_string_equal(describe("He left on Friday.", NULL), "Friday=DATE:XXXX-WXX-5");
  assert_string_equal(describe("Voting ends Jan. 5.", NULL), "Jan. 5=DATE:XXXX-01-05");
  assert_string_equal(describe("He resigned yesterday.", NULL), "yesterday=DATE:XXXX-XX-XX");
  assert_string_equal(describe("Prices fell last year.", NULL), "last year=DATE:XXXX");
  assert_string_equal(describe("He resigned yesterday, on Jan. 5, 2020.", NULL),
                      "yesterday=DATE:2020-01-04@2020-01-04; Jan. 5, 2020=DATE:2020-01-05@2020-01-05");
  /* a full date further down is history, not the day of writing */
  assert_string_equal(describe("Terror is a threat. The state must act. It must learn from what happened on "
                               "September 11th 2001. The threat today is new.",
                               NULL),
                      "September 11th 2001=DATE:2001-09-11@2001-09-11; today=DATE:XXXX-XX-XX");
}

/* A weekday naming a scheduled event ("its Thursday board meeting"), in a
** sentence not in the past: the coming one, a week on when told that day. */
static void test_weekday_attributive(void **state) {
  (void)state;
  news_ymd thu = {1987, 4, 2};
  assert_string_equal(describe("Talk was that the firm would announce a higher dividend and a three-for-two stock split at its "
                               "Thursday board meeting.",
                               &thu),
                      "Thursday=DATE:1987-04-09@1987-04-09");
  assert_string_equal(describe("The board met on Thursday.", &thu), "Thursday=DATE:1987-04-02@1987-04-02");
  /* no tense cue near: a meeting named by its weekday is the coming one */
  news_ymd tue = {1987, 4, 7};
  assert_string_equal(describe("Ford closed 2-5/8 points higher as rumors circulated that the company would announce a "
                               "higher dividend and a three-for-two stock split at it Thursday board meeting.",
                               &tue),
                      "Thursday=DATE:1987-04-09@1987-04-09");
}

/* A dateline anchors the article when no reference date is given. */
static void test_dateline(void **state) {
  (void)state;
  assert_string_equal(describe("LONDON, Jan 5 (Reuters) - Shares fell today and may rise tomorrow.", NULL),
                      "Jan 5=DATE:XXXX-01-05; today=DATE:XXXX-01-05; tomorrow=DATE:XXXX-01-06");
  assert_string_equal(describe("NEW YORK, March 26, 1987 - Prices rose yesterday.", NULL),
                      "March 26, 1987=DATE:1987-03-26@1987-03-26; yesterday=DATE:1987-03-25@1987-03-25");
}

/* A ref that is not a calendar day is refused. */
static void test_bad_ref(void **state) {
  (void)state;
  news_doc *d;
  const news_timex *t;
  uint32_t n;
  news_ymd bad = {2019, 2, 29};
  assert_int_equal(news_doc_new(NULL, NULL, "Friday", 6, &d), NEWS_OK);
  assert_int_equal(news_doc_timexes(d, &bad, &t, &n), NEWS_ERR_BADREF);
  news_ymd ok = {2020, 2, 29};
  assert_int_equal(news_doc_timexes(d, &ok, &t, &n), NEWS_OK);
  assert_int_equal(n, 1);
  assert_string_equal(t[0].date, "2020-02-28");
  news_doc_free(d);
}

/* Every allocation failing in turn gives NOMEM or success, never a leak. */
static void test_oom(void **state) {
  (void)state;
  const char *text = "On Jan. 5, 2020, two days after the vote, talks resumed. They will end on Friday.";
  news_ymd ref = {2020, 1, 8};
  for (long fail_at = 1; fail_at < 200; fail_at++) {
    test_mem tm;
    test_mem_init(&tm, fail_at);
    news_doc *d = NULL;
    news_rc rc = news_doc_new(&tm.mem, NULL, text, strlen(text), &d);
    if (rc == NEWS_OK) {
      const news_timex *t;
      uint32_t n;
      rc = news_doc_timexes(d, &ref, &t, &n);
      assert_true(rc == NEWS_OK || rc == NEWS_ERR_NOMEM);
      /* a run that survives a failure gives the whole answer */
      if (rc == NEWS_OK) assert_int_equal(n, 3);
      news_doc_free(d);
    } else {
      assert_int_equal(rc, NEWS_ERR_NOMEM);
    }
    assert_int_equal(tm.live, 0);
  }
}

/* Large pathological inputs: date-like runs and repeated trigger words. */
static void test_pathological(void **state) {
  (void)state;
  static const char *const unit[] = {"May ", "the last ", "1999-", "12 ", "more than ", "Friday, ", "nineteen "};
  size_t cap = 1 << 18;
  char *buf = malloc(cap + 16);
  assert_non_null(buf);
  news_ymd ref = {2020, 1, 8};
  for (size_t u = 0; u < sizeof unit / sizeof unit[0]; u++) {
    size_t n = 0, m = strlen(unit[u]);
    while (n + m < cap) {
      memcpy(buf + n, unit[u], m);
      n += m;
    }
    news_doc *d;
    const news_timex *t;
    uint32_t nt;
    assert_int_equal(news_doc_new(NULL, NULL, buf, n, &d), NEWS_OK);
    assert_int_equal(news_doc_timexes(d, &ref, &t, &nt), NEWS_OK);
    news_doc_free(d);
  }
  free(buf);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_leap_and_month_len),
      cmocka_unit_test(test_day_numbers),
      cmocka_unit_test(test_weekdays),
      cmocka_unit_test(test_iso_weeks),
      cmocka_unit_test(test_add),
      cmocka_unit_test(test_holidays),
      cmocka_unit_test(test_patterns),
      cmocka_unit_test(test_no_ref),
      cmocka_unit_test(test_weekday_attributive),
      cmocka_unit_test(test_dateline),
      cmocka_unit_test(test_bad_ref),
      cmocka_unit_test(test_oom),
      cmocka_unit_test(test_pathological),
  };
  return cmocka_run_group_tests_name("timex", tests, NULL, NULL);
}
