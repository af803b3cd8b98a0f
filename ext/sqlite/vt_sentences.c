/*
** vt_sentences.c -- sentences(document): one row per sentence.
**
**   sentence  the sentence text
**   idx       0-based sentence number (what other functions' `sentence` holds)
**   start     1-based character position;  length  characters
*/
#include "vtab.h"

SQLITE_EXTENSION_INIT3

enum {
  SENTENCES_COL_SENTENCE,
  SENTENCES_COL_IDX,
  SENTENCES_COL_START,
  SENTENCES_COL_LENGTH,
  SENTENCES_COL_DOCUMENT /* HIDDEN argument, must stay last */
};

static news_rc sentencesRun(newsext_cursor *pCur, const void **paRow, size_t *pszRow, uint32_t *pnRow) {
  const news_sentence *a = NULL;
  news_rc rc = news_doc_sentences(pCur->pRef->doc, &a, pnRow);
  *paRow = a;
  *pszRow = sizeof *a;
  return rc;
}

static void sentencesColumn(newsext_cursor *pCur, newsext_out *ctx, const void *pRow, int iCol) {
  const news_sentence *s = pRow;
  switch (iCol) {
  case SENTENCES_COL_SENTENCE: newsext_result_span(pCur, ctx, s->start, s->end); break;
  case SENTENCES_COL_IDX: newsext_result_int(ctx, s - (const news_sentence *)pCur->aRow); break;
  case SENTENCES_COL_START: newsext_result_start(pCur, ctx, s->start); break;
  case SENTENCES_COL_LENGTH: newsext_result_length(pCur, ctx, s->start, s->end); break;
  }
}

const newsext_table newsext_sentences = {
    "sentences",
    "CREATE TABLE x(sentence TEXT, idx INTEGER, start INTEGER, length INTEGER, document HIDDEN)",
    SENTENCES_COL_DOCUMENT, 0, sentencesRun, sentencesColumn};
