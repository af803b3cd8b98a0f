/*
** timex.c -- temporal expressions (placeholder until issue 5).
*/
#include "core.h"

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
  (void)ref;
  d->timexes.n = 0;
  return NEWS_OK;
}
