/*
** quotes.c -- attributed quotations (placeholder until issue 4).
*/
#include "core.h"

news_rc news_quotes_run(news_doc *d) {
  d->quotes.n = 0;
  return NEWS_OK;
}
