/*
** json.c -- JSON forms of the table-valued functions, for storage and for
** bindings without table-valued functions:
**
**     entities_json(text)  quotes_json(text)  event_dates_json(text [, ref])
**     sentences_json(text) tokens_json(text) places_json(text)
**     attributions_json(text)
**
** each returns a JSON array with one object per row of the table function,
** keys the column names, in row order ('[]' for no rows), with the JSON
** subtype so SQLite's json functions read it as JSON.
**
** HOW IT WORKS
**   The function runs the table function's own code without going through
**   SQL: a cursor on the stack is started with newsext_cursor_start() (the
**   body of xFilter: the same argument checks, errors and document cache)
**   and each cell is written by the table's xColumn callback into a JSON
**   newsext_out.  The keys come from the table's declared schema.  So the
**   result depends only on the arguments: no table or view that shadows a
**   function's name, no PRAGMA full_column_names, no authorizer can change
**   it, as SQLITE_DETERMINISTIC (and expression indexes on it) require.
**
**   Adding a JSON form for a new newsext_table is one line in the table
**   list of newsext.c; newsext_create_json() registers it under any name.
*/
#include "vtab.h"

#include <string.h>

SQLITE_EXTENSION_INIT3

#define JSON_SUBTYPE 74   /* 'J', what SQLite's json1 uses */
#define JSON_MAX_COLS 32 /* output columns of one table */
#define JSON_POLL_ROWS 512 /* rows written between two polls of the stop callback */

/* Finds the first nOut column names of "CREATE TABLE x(name TYPE, ...)". */
static void schema_keys(const char *zSchema, int nOut, const char **az, int *an) {
  const char *z = strchr(zSchema, '(');
  for (int i = 0; i < nOut; i++) {
    z++;
    while (*z == ' ') z++;
    int n = 0;
    while (z[n] && z[n] != ' ' && z[n] != ',' && z[n] != ')') n++;
    az[i] = z;
    an[i] = n;
    z = strchr(z, ',');
  }
}

#define JSON_FREE_STEP ((sqlite3_uint64)64 << 20) /* bytes given back between two polls */

/* Frees the text of a failed result (up to SQLITE_LIMIT_LENGTH, a
** gigabyte): shrinking JSON_FREE_STEP at a time with a poll after each, as
** a munmap of the whole takes tens of ms. */
static void json_free(newsext_json *p) {
  while (p->nAlloc > JSON_FREE_STEP) {
    p->nAlloc -= JSON_FREE_STEP;
    char *z = sqlite3_realloc64(p->z, p->nAlloc);
    if (!z) break;
    p->z = z;
    (void)p->pOpts->stop(p->pOpts->stop_arg);
  }
  sqlite3_free(p->z);
}

static void jsonFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  const newsext_modaux *pAux = sqlite3_user_data(ctx);
  const newsext_table *pDef = pAux->pDef;
  newsext_cursor cur;
  memset(&cur, 0, sizeof cur);
  cur.pDef = pDef;
  cur.pCtx = pAux->pCtx;
  char *zErr = NULL;
  int rc = newsext_cursor_start(&cur, argv[0], argc > 1 ? argv[1] : NULL, &zErr);

  const char *azKey[JSON_MAX_COLS];
  int anKey[JSON_MAX_COLS];
  schema_keys(pDef->zSchema, pDef->nOut, azKey, anKey);
  /* an array that cannot fit SQLITE_LIMIT_LENGTH, even with every value
  ** one character long, is SQLITE_TOOBIG before it is built (building and
  ** freeing a gigabyte takes seconds, and its munmap cannot poll) */
  sqlite3_uint64 nMax = (sqlite3_uint64)sqlite3_limit(sqlite3_context_db_handle(ctx), SQLITE_LIMIT_LENGTH, -1);
  sqlite3_uint64 nMinRow = 2 + 2 * (sqlite3_uint64)pDef->nOut; /* {} , per row; commas, values */
  for (int i = 0; i < pDef->nOut; i++) nMinRow += (sqlite3_uint64)anKey[i] + 3; /* "key": */
  if (rc == SQLITE_OK && (sqlite3_uint64)cur.nRow * nMinRow >= nMax) /* 1 + nRow * nMinRow > nMax */
    rc = SQLITE_TOOBIG;
  const news_opts *pOpts = &cur.pCtx->opts;
  newsext_json jb = {NULL, 0, 0, nMax, SQLITE_OK, pOpts};
  newsext_out out = {NULL, &jb, 0, SQLITE_OK, pOpts};
  newsext_json_append(&jb, "[", 1);
  for (uint32_t iRow = 0; rc == SQLITE_OK && iRow < cur.nRow; iRow++) {
    /* a long array stops on sqlite3_interrupt() as the analysis does */
    if (iRow % JSON_POLL_ROWS == JSON_POLL_ROWS - 1 && pOpts->stop(pOpts->stop_arg)) {
      rc = SQLITE_INTERRUPT;
      break;
    }
    if (iRow) newsext_json_append(&jb, ",", 1);
    for (int i = 0; i < pDef->nOut; i++) {
      newsext_json_append(&jb, i ? ",\"" : "{\"", 2);
      newsext_json_append(&jb, azKey[i], (size_t)anKey[i]);
      newsext_json_append(&jb, "\":", 2);
      out.bSet = 0;
      pDef->xColumn(&cur, &out, newsext_row(&cur, iRow), i);
      if (!out.bSet) newsext_json_append(&jb, "null", 4);
    }
    newsext_json_append(&jb, "}", 1);
    if (out.rc == SQLITE_OK) out.rc = jb.rc; /* stop early when too big */
    rc = out.rc;
  }
  newsext_json_append(&jb, "]", 1);
  newsext_cursor_reset(&cur);
  newsext_ctx_idle(cur.pCtx);

  if (rc == SQLITE_OK) rc = jb.rc;
  if (rc == SQLITE_OK) {
    sqlite3_result_text64(ctx, jb.z, jb.n, sqlite3_free, SQLITE_UTF8);
    sqlite3_result_subtype(ctx, JSON_SUBTYPE);
  } else {
    json_free(&jb);
    if (rc == SQLITE_NOMEM)
      sqlite3_result_error_nomem(ctx);
    else if (rc == SQLITE_TOOBIG && !zErr)
      sqlite3_result_error_toobig(ctx);
    else {
      sqlite3_result_error(ctx, zErr ? zErr : sqlite3_errstr(rc), -1);
      sqlite3_result_error_code(ctx, rc);
    }
  }
  sqlite3_free(zErr);
}

int newsext_create_json(sqlite3 *db, newsext_ctx *pCtx, const newsext_table *pDef,
                        const char *zName, char **pzErr) {
  int rc = SQLITE_OK;
  for (int nArg = 1; rc == SQLITE_OK && nArg <= 1 + pDef->bRef; nArg++) {
    newsext_modaux *pAux = newsext_modaux_new(pCtx, pDef);
    /* on failure SQLite calls newsext_modaux_free itself */
    rc = pAux ? sqlite3_create_function_v2(db, zName, nArg, NEWSEXT_FUNC_FLAGS, pAux, jsonFunc,
                                           NULL, NULL, newsext_modaux_free)
              : SQLITE_NOMEM;
  }
  if (rc != SQLITE_OK)
    *pzErr = sqlite3_mprintf("newsext: cannot register %s: %s", zName, sqlite3_errmsg(db));
  return rc;
}

int newsext_register_json(sqlite3 *db, newsext_ctx *pCtx, const newsext_table *const *aDef,
                          int nDef, const char *zPrefix, char **pzErr) {
  for (int i = 0; i < nDef; i++) {
    if (aDef[i]->nOut > JSON_MAX_COLS) return SQLITE_INTERNAL;
    char *zName = sqlite3_mprintf("%s%s_json", zPrefix, aDef[i]->zName);
    int rc = zName ? newsext_create_json(db, pCtx, aDef[i], zName, pzErr) : SQLITE_NOMEM;
    sqlite3_free(zName);
    if (rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}
