/*
** vt_tokens.c -- tokens(document): one row per token.
**
**   token     the token text
**   kind      word, abbrev, initial, clitic, url, email, handle, hashtag,
**             number, ordinal, money, percent, date, time, punct, dash,
**             ellipsis, quote_open, quote_close, symbol
**   start     1-based character position;  length  characters
**   sentence  0-based index of the token's sentence
*/
#include "vtab.h"

SQLITE_EXTENSION_INIT3

enum {
  TOKENS_COL_TOKEN,
  TOKENS_COL_KIND,
  TOKENS_COL_START,
  TOKENS_COL_LENGTH,
  TOKENS_COL_SENTENCE,
  TOKENS_COL_DOCUMENT /* HIDDEN argument, must stay last */
};

static news_rc tokensRun(newsext_cursor *pCur, const void **paRow, size_t *pszRow, uint32_t *pnRow) {
  const news_token *a = NULL;
  news_rc rc = news_doc_tokens(pCur->pRef->doc, &a, pnRow);
  *paRow = a;
  *pszRow = sizeof *a;
  return rc;
}

static void tokensColumn(newsext_cursor *pCur, newsext_out *ctx, const void *pRow, int iCol) {
  const news_token *t = pRow;
  switch (iCol) {
  case TOKENS_COL_TOKEN: newsext_result_span(pCur, ctx, t->start, t->end); break;
  case TOKENS_COL_KIND: newsext_result_text(ctx, news_token_kind_name(t->kind), -1); break;
  case TOKENS_COL_START: newsext_result_start(pCur, ctx, t->start); break;
  case TOKENS_COL_LENGTH: newsext_result_length(pCur, ctx, t->start, t->end); break;
  case TOKENS_COL_SENTENCE: newsext_result_int(ctx, t->sentence); break;
  }
}

const newsext_table newsext_tokens = {
    "tokens",
    "CREATE TABLE x(token TEXT, kind TEXT, start INTEGER, length INTEGER, sentence INTEGER, "
    "document HIDDEN)",
    TOKENS_COL_DOCUMENT, 0, tokensRun, tokensColumn};
