/*
** vt_event_dates.c -- event_dates(document [, reference_date]): one row per
** temporal expression.
**
**   text    the expression as written
**   type    DATE, TIME, DURATION or SET (TimeML TIMEX3)
**   value   the TIMEX3 value: 2020-01-05, 2020-W01, P3Y, XXXX-01-05, PAST_REF
**   date    YYYY-MM-DD when the expression denotes one day, else NULL
**   start   1-based character position;  length  characters
**   sentence 0-based sentence index
**   end_value, end_date  a range ("April 9-10"): the value (and day) of its
**            end, where value and date are its start; NULL otherwise
** reference_date: anything SQLite's date() reads; NULL means none.
*/
#include "vtab.h"

#include <string.h>

SQLITE_EXTENSION_INIT3

enum {
  EVENT_DATES_COL_TEXT,
  EVENT_DATES_COL_TYPE,
  EVENT_DATES_COL_VALUE,
  EVENT_DATES_COL_DATE,
  EVENT_DATES_COL_START,
  EVENT_DATES_COL_LENGTH,
  EVENT_DATES_COL_SENTENCE,
  EVENT_DATES_COL_END_VALUE,
  EVENT_DATES_COL_END_DATE,
  EVENT_DATES_COL_DOCUMENT,      /* HIDDEN argument */
  EVENT_DATES_COL_REFERENCE_DATE /* HIDDEN optional argument, must stay last */
};

/* The document is shared with other cursors, and the core keeps timexes for
** one reference date only: a cursor with another date (a self-join) would
** recompute them under this one.  So the cursor keeps its own copy, made
** 8 MB at a time with a poll of the stop callback between (writing fresh
** pages costs about 1 ms per MB). */
static news_rc eventDatesRun(newsext_cursor *pCur, const void **paRow, size_t *pszRow, uint32_t *pnRow) {
  const news_timex *a;
  *pszRow = sizeof *a;
  news_rc rc = news_doc_timexes(pCur->pRef->doc, pCur->hasRef ? &pCur->ref : NULL, &a, pnRow);
  if (rc != NEWS_OK || *pnRow == 0) return rc;
  pCur->pRows = sqlite3_malloc64((sqlite3_uint64)*pnRow * sizeof *a);
  if (!pCur->pRows) return NEWS_ERR_NOMEM;
  const news_opts *pOpts = &pCur->pCtx->opts;
  size_t n = (size_t)*pnRow * sizeof *a, step = (size_t)8 << 20;
  for (size_t off = 0; off < n; off += step) {
    if (off && pOpts->stop(pOpts->stop_arg)) return NEWS_ERR_INTERRUPTED; /* pRows freed by the reset */
    memcpy((char *)pCur->pRows + off, (const char *)a + off, n - off < step ? n - off : step);
  }
  *paRow = pCur->pRows;
  return NEWS_OK;
}

static void eventDatesColumn(newsext_cursor *pCur, newsext_out *ctx, const void *pRow, int iCol) {
  const news_timex *t = pRow;
  switch (iCol) {
  case EVENT_DATES_COL_TEXT: newsext_result_span(pCur, ctx, t->start, t->end); break;
  case EVENT_DATES_COL_TYPE: newsext_result_text(ctx, news_timex_type_name(t->type), -1); break;
  case EVENT_DATES_COL_VALUE: newsext_result_text(ctx, t->value, -1); break;
  case EVENT_DATES_COL_DATE:
    if (t->date[0]) newsext_result_text(ctx, t->date, -1);
    break;
  case EVENT_DATES_COL_START: newsext_result_start(pCur, ctx, t->start); break;
  case EVENT_DATES_COL_LENGTH: newsext_result_length(pCur, ctx, t->start, t->end); break;
  case EVENT_DATES_COL_SENTENCE: newsext_result_int(ctx, t->sentence); break;
  case EVENT_DATES_COL_END_VALUE:
    if (t->end_value[0]) newsext_result_text(ctx, t->end_value, -1);
    break;
  case EVENT_DATES_COL_END_DATE:
    if (t->end_date[0]) newsext_result_text(ctx, t->end_date, -1);
    break;
  }
}

const newsext_table newsext_event_dates = {
    "event_dates",
    "CREATE TABLE x(text TEXT, type TEXT, value TEXT, date TEXT, start INTEGER, length INTEGER, "
    "sentence INTEGER, end_value TEXT, end_date TEXT, document HIDDEN, reference_date HIDDEN)",
    EVENT_DATES_COL_DOCUMENT, 1, eventDatesRun, eventDatesColumn};
