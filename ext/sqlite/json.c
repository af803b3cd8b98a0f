/*
** json.c -- JSON forms of the table-valued functions, for storage and for
** bindings without table-valued functions:
**
**     entities_json(text)  quotes_json(text)  event_dates_json(text [, ref])
**     sentences_json(text) tokens_json(text) places_json(text)
**
** each returns a JSON array with one object per row of the table function,
** keys the column names, in row order ('[]' for no rows), with the JSON
** subtype so SQLite's json functions read it as JSON.
**
** HOW IT WORKS
**   The function runs `SELECT * FROM name(?1[, ?2])` on its own connection,
**   so the rows, the errors and the document cache are exactly those of the
**   table function, and writes each row as an object.  Errors from the
**   table function ("entities: expected text, got a blob") pass through.
*/
#include "vtab.h"

#include <string.h>

SQLITE_EXTENSION_INIT3

#define JSON_SUBTYPE 74 /* 'J', what SQLite's json1 uses */

/* Appends z as a JSON string literal. */
static void json_string(sqlite3_str *p, const char *z, int n) {
  sqlite3_str_appendchar(p, 1, '"');
  int start = 0;
  for (int i = 0; i < n; i++) {
    unsigned char c = (unsigned char)z[i];
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    sqlite3_str_append(p, z + start, i - start);
    switch (c) {
    case '"': sqlite3_str_appendall(p, "\\\""); break;
    case '\\': sqlite3_str_appendall(p, "\\\\"); break;
    case '\n': sqlite3_str_appendall(p, "\\n"); break;
    case '\r': sqlite3_str_appendall(p, "\\r"); break;
    case '\t': sqlite3_str_appendall(p, "\\t"); break;
    default: sqlite3_str_appendf(p, "\\u%04x", c); break;
    }
    start = i + 1;
  }
  sqlite3_str_append(p, z + start, n - start);
  sqlite3_str_appendchar(p, 1, '"');
}

static void jsonFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  const newsext_table *pDef = sqlite3_user_data(ctx);
  sqlite3 *db = sqlite3_context_db_handle(ctx);
  char *zSql = sqlite3_mprintf("SELECT * FROM %s(?1%s)", pDef->zName, argc > 1 ? ", ?2" : "");
  sqlite3_stmt *pStmt = NULL;
  int rc = zSql ? sqlite3_prepare_v2(db, zSql, -1, &pStmt, NULL) : SQLITE_NOMEM;
  sqlite3_free(zSql);
  for (int i = 0; rc == SQLITE_OK && i < argc; i++) rc = sqlite3_bind_value(pStmt, i + 1, argv[i]);
  sqlite3_str *pOut = sqlite3_str_new(db);
  sqlite3_str_appendchar(pOut, 1, '[');
  int nRow = 0;
  while (rc == SQLITE_OK && (rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
    sqlite3_str_appendall(pOut, nRow++ ? ",{" : "{");
    int nCol = sqlite3_column_count(pStmt);
    rc = SQLITE_OK;
    for (int i = 0; rc == SQLITE_OK && i < nCol; i++) {
      if (i) sqlite3_str_appendchar(pOut, 1, ',');
      /* both calls return NULL only when an allocation failed */
      const char *zName = sqlite3_column_name(pStmt, i);
      if (!zName) rc = SQLITE_NOMEM;
      else json_string(pOut, zName, (int)strlen(zName));
      sqlite3_str_appendchar(pOut, 1, ':');
      switch (rc ? SQLITE_NULL : sqlite3_column_type(pStmt, i)) {
      case SQLITE_INTEGER: sqlite3_str_appendf(pOut, "%lld", sqlite3_column_int64(pStmt, i)); break;
      case SQLITE_NULL: sqlite3_str_appendall(pOut, "null"); break;
      default: {
        const char *zVal = (const char *)sqlite3_column_text(pStmt, i);
        if (!zVal) rc = SQLITE_NOMEM;
        else json_string(pOut, zVal, sqlite3_column_bytes(pStmt, i));
        break;
      }
      }
    }
    sqlite3_str_appendchar(pOut, 1, '}');
  }
  sqlite3_str_appendchar(pOut, 1, ']');
  if (rc == SQLITE_DONE) rc = SQLITE_OK;
  if (rc != SQLITE_OK) {
    if (rc == SQLITE_NOMEM)
      sqlite3_result_error_nomem(ctx);
    else
      sqlite3_result_error(ctx, sqlite3_errmsg(db), -1);
    sqlite3_result_error_code(ctx, rc);
    sqlite3_free(sqlite3_str_finish(pOut));
  } else if (sqlite3_str_errcode(pOut)) {
    sqlite3_free(sqlite3_str_finish(pOut));
    sqlite3_result_error_nomem(ctx);
  } else {
    int n = sqlite3_str_length(pOut);
    sqlite3_result_text(ctx, sqlite3_str_finish(pOut), n, sqlite3_free);
    sqlite3_result_subtype(ctx, JSON_SUBTYPE);
  }
  sqlite3_finalize(pStmt);
}

int newsext_register_json(sqlite3 *db, const newsext_table *const *aDef, int nDef, char **pzErr) {
  for (int i = 0; i < nDef; i++) {
    char *zName = sqlite3_mprintf("%s_json", aDef[i]->zName);
    if (!zName) return SQLITE_NOMEM;
    int rc = SQLITE_OK;
    for (int nArg = 1; rc == SQLITE_OK && nArg <= 1 + aDef[i]->bRef; nArg++)
      rc = sqlite3_create_function_v2(db, zName, nArg, NEWSEXT_FUNC_FLAGS, (void *)aDef[i],
                                      jsonFunc, NULL, NULL, NULL);
    if (rc != SQLITE_OK) *pzErr = sqlite3_mprintf("newsext: cannot register %s: %s", zName, sqlite3_errmsg(db));
    sqlite3_free(zName);
    if (rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}
