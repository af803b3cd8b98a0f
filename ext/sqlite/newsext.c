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
**   Every table function and JSON form is registered twice, under its name
**   and under news_NAME (news_entities, news_quotes_json, ...), for
**   databases whose own tables shadow the short names (aPrefix).
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
  char *z = sqlite3_mprintf("newsext %s\nsqlite %s\nutf8proc %s (Unicode %s)\n%s\n%s\n"
                            "licence: MIT; the compiled-in data sources, their licences and attributions are "
                            "listed in NOTICE (in the source, and installed as share/doc/newsext/NOTICE)\n",
                            news_version(), sqlite3_libversion(), utf8proc_version(), utf8proc_unicode_version(),
                            news_entities_model(), news_attributions_model());
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

/* Each table and JSON form is registered under every prefix: the short name
** and news_NAME, which a table of the database cannot shadow. */
static const char *const aPrefix[] = {"", "news_"};

#ifdef _WIN32
#define NEWSEXT_EXPORT __declspec(dllexport)
#else
#define NEWSEXT_EXPORT __attribute__((visibility("default")))
#endif

NEWSEXT_EXPORT int sqlite3_newsext_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi);

/* Stores the library's API table in sqlite3_api, what SQLITE_EXTENSION_INIT2
** does, without a data race when several threads load the extension at
** once (newsext-batch's workers), each while others already call the API:
** a load that finds the table already there (an acquire load) writes
** nothing; only the first -- or one bringing a different table, a second
** SQLite library in the process -- stores it, under a spin lock, so there is
** exactly one write and every use of the API happens after it. */
static void set_api(const sqlite3_api_routines *pApi) {
#ifdef SQLITE_CORE
  (void)pApi; /* linked in: the API is called directly */
#elif defined(__GNUC__)
  static char bLock;
  if (__atomic_load_n(&sqlite3_api, __ATOMIC_ACQUIRE) == pApi) return;
  while (__atomic_test_and_set(&bLock, __ATOMIC_ACQUIRE)) {
  }
  if (__atomic_load_n(&sqlite3_api, __ATOMIC_ACQUIRE) != pApi) __atomic_store_n(&sqlite3_api, pApi, __ATOMIC_RELEASE);
  __atomic_clear(&bLock, __ATOMIC_RELEASE);
#else
  SQLITE_EXTENSION_INIT2(pApi);
#endif
}

NEWSEXT_EXPORT int sqlite3_newsext_init(sqlite3 *db, char **pzErrMsg,
                                                                const sqlite3_api_routines *pApi) {
  set_api(pApi);
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
  int rc = SQLITE_OK;
  for (size_t i = 0; rc == SQLITE_OK && i < sizeof aPrefix / sizeof aPrefix[0]; i++) {
    rc = newsext_register_tables(db, pCtx, aTable, nTable, aPrefix[i], pzErrMsg);
    if (rc == SQLITE_OK) rc = newsext_register_json(db, pCtx, aTable, nTable, aPrefix[i], pzErrMsg);
  }
  if (rc == SQLITE_OK) rc = newsext_register_cache_functions(db, pCtx, pzErrMsg);
  newsext_ctx_release(pCtx); /* the modules and functions hold their own references */
  return rc;
}
