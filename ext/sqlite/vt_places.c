/*
** vt_places.c -- places(document): one row per place mention, in text order.
**
**   text       the mention as written
**   place      the resolved place's English name, NULL when the gazetteer
**              cannot place the name
**   kind       country, admin1, admin2, city, region or feature (NULL: unknown)
**   country    ISO 3166-1 alpha-2 code, NULL for regions, features, unknowns
**   admin1     name of the first-level division (state, province) it lies in
**   geonameid  GeoNames id, NULL when the gazetteer has none for it
**   latitude, longitude   degrees (WGS84, rounded to 0.01), NULL when unknown
**   start      1-based character position;  length  characters
**   sentence   0-based sentence index
*/
#include "vtab.h"

SQLITE_EXTENSION_INIT3

enum {
  PLACES_COL_TEXT,
  PLACES_COL_PLACE,
  PLACES_COL_KIND,
  PLACES_COL_COUNTRY,
  PLACES_COL_ADMIN1,
  PLACES_COL_GEONAMEID,
  PLACES_COL_LATITUDE,
  PLACES_COL_LONGITUDE,
  PLACES_COL_START,
  PLACES_COL_LENGTH,
  PLACES_COL_SENTENCE,
  PLACES_COL_DOCUMENT /* HIDDEN argument, must stay last */
};

static news_rc placesRun(newsext_cursor *pCur, const void **paRow, size_t *pszRow, uint32_t *pnRow) {
  const news_place *a = NULL;
  news_rc rc = news_doc_places(pCur->pRef->doc, &a, pnRow);
  *paRow = a;
  *pszRow = sizeof *a;
  return rc;
}

static void result_static(newsext_out *ctx, const char *z) {
  if (z) newsext_result_text(ctx, z, -1);
}

static void placesColumn(newsext_cursor *pCur, newsext_out *ctx, const void *pRow, int iCol) {
  const news_place *p = pRow;
  switch (iCol) {
  case PLACES_COL_TEXT: newsext_result_span(pCur, ctx, p->start, p->end); break;
  case PLACES_COL_PLACE: result_static(ctx, p->name); break;
  case PLACES_COL_KIND: result_static(ctx, news_place_kind_name(p->kind)); break;
  case PLACES_COL_COUNTRY: result_static(ctx, p->country); break;
  case PLACES_COL_ADMIN1: result_static(ctx, p->admin1); break;
  case PLACES_COL_GEONAMEID:
    if (p->geonameid) newsext_result_int(ctx, p->geonameid);
    break;
  case PLACES_COL_LATITUDE:
    if (p->kind) newsext_result_double(ctx, p->lat100 / 100.0);
    break;
  case PLACES_COL_LONGITUDE:
    if (p->kind) newsext_result_double(ctx, p->lon100 / 100.0);
    break;
  case PLACES_COL_START: newsext_result_start(pCur, ctx, p->start); break;
  case PLACES_COL_LENGTH: newsext_result_length(pCur, ctx, p->start, p->end); break;
  case PLACES_COL_SENTENCE: newsext_result_int(ctx, p->sentence); break;
  }
}

const newsext_table newsext_places = {
    "places",
    "CREATE TABLE x(text TEXT, place TEXT, kind TEXT, country TEXT, admin1 TEXT, geonameid INTEGER, "
    "latitude REAL, longitude REAL, start INTEGER, length INTEGER, sentence INTEGER, document HIDDEN)",
    PLACES_COL_DOCUMENT, 0, placesRun, placesColumn};
