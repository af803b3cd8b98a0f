/*
** newsext.c -- the extension's entry point: checks the SQLite version and
** registers every function from two static tables.
**
** FLAGS.  Scalar functions are SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS
** (NEWSEXT_FUNC_FLAGS) and the tables SQLITE_VTAB_INNOCUOUS (vtab.c), so
** they work in views, triggers, generated columns and indexes with
** PRAGMA trusted_schema=OFF.  That is safe because every function is pure:
** its result depends only on its arguments (no clock -- reference_date
** 'now' is refused --, locale, environment, files or tables), it has no
** side effects, it is bounded in time and memory by its input and stops on
** sqlite3_interrupt(), and it survives any input (fuzzed, OOM-tested).
** See docs/robustness.md.
**
**   scalar functions:  newsext_version()   the library version
**                      newsext_debug()     build, Unicode and data versions
**   table functions:   sentences, tokens, entities, quotes, event_dates, places,
**                      attributions
**                      (see vtab.c for the shared machinery)
**   JSON forms:        NAME_json(text [, reference_date]) for each (json.c)
**
** SQLite derives the entry point name from the file name newsext.so, so
** `.load ./newsext` finds sqlite3_newsext_init.  It is the only symbol the
** library exports (everything else is built with hidden visibility).
*/
#include "vtab.h"

#include <utf8proc.h>

SQLITE_EXTENSION_INIT1

#define NEWSEXT_MIN_SQLITE 3031000 /* for SQLITE_INNOCUOUS and SQLITE_VTAB_INNOCUOUS */

static void versionFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  (void)argv;
  sqlite3_result_text(ctx, news_version(), -1, SQLITE_STATIC);
}

static void debugFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  (void)argv;
  char *z = sqlite3_mprintf("newsext %s\nsqlite %s\nutf8proc %s (Unicode %s)\n%s\n", news_version(),
                            sqlite3_libversion(), utf8proc_version(), utf8proc_unicode_version(),
                            news_entities_model());
  if (!z) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  sqlite3_result_text(ctx, z, -1, sqlite3_free);
}

static const struct {
  const char *zName;
  int nArg;
  void (*xFunc)(sqlite3_context *, int, sqlite3_value **);
} aFunc[] = {
    {"newsext_version", 0, versionFunc},
    {"newsext_debug", 0, debugFunc},
};

static const newsext_table *const aTable[] = {
    &newsext_sentences, &newsext_tokens, &newsext_entities, &newsext_quotes, &newsext_event_dates,
    &newsext_places, &newsext_attributions,
};

#ifdef _WIN32
#define NEWSEXT_EXPORT __declspec(dllexport)
#else
#define NEWSEXT_EXPORT __attribute__((visibility("default")))
#endif

NEWSEXT_EXPORT int sqlite3_newsext_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi);

NEWSEXT_EXPORT int sqlite3_newsext_init(sqlite3 *db, char **pzErrMsg,
                                                                const sqlite3_api_routines *pApi) {
  SQLITE_EXTENSION_INIT2(pApi);
  if (sqlite3_libversion_number() < NEWSEXT_MIN_SQLITE) {
    *pzErrMsg = sqlite3_mprintf("newsext needs SQLite 3.31.0 or later; this is %s", sqlite3_libversion());
    return SQLITE_ERROR;
  }
  for (size_t i = 0; i < sizeof aFunc / sizeof aFunc[0]; i++) {
    int rc = sqlite3_create_function_v2(db, aFunc[i].zName, aFunc[i].nArg, NEWSEXT_FUNC_FLAGS,
                                        NULL, aFunc[i].xFunc, NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
      *pzErrMsg = sqlite3_mprintf("newsext: cannot register %s: %s", aFunc[i].zName, sqlite3_errmsg(db));
      return rc;
    }
  }
  newsext_ctx *pCtx = newsext_ctx_new(db);
  if (!pCtx) return SQLITE_NOMEM;
  int nTable = (int)(sizeof aTable / sizeof aTable[0]);
  int rc = newsext_register_tables(db, pCtx, aTable, nTable, pzErrMsg);
  newsext_ctx_release(pCtx); /* the modules hold their own references */
  if (rc == SQLITE_OK) rc = newsext_register_json(db, aTable, nTable, pzErrMsg);
  return rc;
}
