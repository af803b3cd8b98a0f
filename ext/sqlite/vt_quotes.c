/*
** vt_quotes.c -- quotes(document): one row per quoted span.
**
**   quote         the quoted words, without the quotation marks
**   speaker       the resolved speaker (canonical name when named), or NULL
**   speaker_text  the speaker as written at the attribution, or NULL
**   verb          the speech verb as written ("said", "according to"), or NULL
**   start         1-based character position;  length  characters
**   sentence      0-based index of the sentence holding the opening mark
**   kind          'direct' or 'partial'
*/
#include "vtab.h"

SQLITE_EXTENSION_INIT3

enum {
  QUOTES_COL_QUOTE,
  QUOTES_COL_SPEAKER,
  QUOTES_COL_SPEAKER_TEXT,
  QUOTES_COL_VERB,
  QUOTES_COL_START,
  QUOTES_COL_LENGTH,
  QUOTES_COL_SENTENCE,
  QUOTES_COL_KIND,
  QUOTES_COL_DOCUMENT /* HIDDEN argument, must stay last */
};

static news_rc quotesRun(newsext_cursor *pCur, const void **paRow, size_t *pszRow, uint32_t *pnRow) {
  const news_quote *a = NULL;
  news_rc rc = news_doc_quotes(pCur->pRef->doc, &a, pnRow);
  *paRow = a;
  *pszRow = sizeof *a;
  return rc;
}

static void quotesColumn(newsext_cursor *pCur, newsext_out *ctx, const void *pRow, int iCol) {
  const news_quote *q = pRow;
  switch (iCol) {
  case QUOTES_COL_QUOTE: newsext_result_span(pCur, ctx, q->start, q->end); break;
  case QUOTES_COL_SPEAKER: newsext_result_str(ctx, q->speaker, q->speaker_len); break;
  case QUOTES_COL_SPEAKER_TEXT:
    if (q->speaker_end > q->speaker_start) newsext_result_span(pCur, ctx, q->speaker_start, q->speaker_end);
    break;
  case QUOTES_COL_VERB:
    if (q->verb_end > q->verb_start) newsext_result_span(pCur, ctx, q->verb_start, q->verb_end);
    break;
  case QUOTES_COL_START: newsext_result_start(pCur, ctx, q->start); break;
  case QUOTES_COL_LENGTH: newsext_result_length(pCur, ctx, q->start, q->end); break;
  case QUOTES_COL_SENTENCE: newsext_result_int(ctx, q->sentence); break;
  case QUOTES_COL_KIND:
    newsext_result_text(ctx, q->kind == NEWS_QUOTE_PARTIAL ? "partial" : "direct", -1);
    break;
  }
}

const newsext_table newsext_quotes = {
    "quotes",
    "CREATE TABLE x(quote TEXT, speaker TEXT, speaker_text TEXT, verb TEXT, start INTEGER, "
    "length INTEGER, sentence INTEGER, kind TEXT, document HIDDEN)",
    QUOTES_COL_DOCUMENT, 0, quotesRun, quotesColumn};
