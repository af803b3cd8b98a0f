/*
** vt_entities.c -- entities(document): one row per named-entity mention.
**
**   text       the mention as written (no possessive 's)
**   type       PERSON, ORG, LOC, NORP or MISC
**   start      1-based character position;  length  characters
**   sentence   0-based sentence index
**   canonical  the fullest name of the same entity in the article
**   title      the title or honorific in front of a person, or NULL
*/
#include "vtab.h"

SQLITE_EXTENSION_INIT3

enum {
  ENTITIES_COL_TEXT,
  ENTITIES_COL_TYPE,
  ENTITIES_COL_START,
  ENTITIES_COL_LENGTH,
  ENTITIES_COL_SENTENCE,
  ENTITIES_COL_CANONICAL,
  ENTITIES_COL_TITLE,
  ENTITIES_COL_DOCUMENT /* HIDDEN argument, must stay last */
};

static news_rc entitiesRun(newsext_cursor *pCur, const void **paRow, size_t *pszRow, uint32_t *pnRow) {
  const news_entity *a = NULL;
  news_rc rc = news_doc_entities(pCur->pRef->doc, &a, pnRow);
  *paRow = a;
  *pszRow = sizeof *a;
  return rc;
}

static void entitiesColumn(newsext_cursor *pCur, newsext_out *ctx, const void *pRow, int iCol) {
  const news_entity *e = pRow;
  switch (iCol) {
  case ENTITIES_COL_TEXT: newsext_result_span(pCur, ctx, e->start, e->end); break;
  case ENTITIES_COL_TYPE: newsext_result_text(ctx, news_entity_type_name(e->type), -1); break;
  case ENTITIES_COL_START: newsext_result_start(pCur, ctx, e->start); break;
  case ENTITIES_COL_LENGTH: newsext_result_length(pCur, ctx, e->start, e->end); break;
  case ENTITIES_COL_SENTENCE: newsext_result_int(ctx, e->sentence); break;
  case ENTITIES_COL_CANONICAL: newsext_result_str(ctx, e->canonical, e->canonical_len); break;
  case ENTITIES_COL_TITLE:
    if (e->title_end > e->title_start) newsext_result_span(pCur, ctx, e->title_start, e->title_end);
    break;
  }
}

const newsext_table newsext_entities = {
    "entities",
    "CREATE TABLE x(text TEXT, type TEXT, start INTEGER, length INTEGER, sentence INTEGER, "
    "canonical TEXT, title TEXT, document HIDDEN)",
    ENTITIES_COL_DOCUMENT, 0, entitiesRun, entitiesColumn};
