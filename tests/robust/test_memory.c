/*
** test_memory.c -- the document cache keeps at most its budget of memory
** once queries end, and frees everything on request.
**
** HOW IT WORKS
**   SQLite counts every allocation the extension makes (sqlite3_malloc64),
**   so sqlite3_memory_used() minus the figure before the first query is
**   what the extension still holds.  Four different 8 MB articles (each
**   about 40 MB analysed) go through tokens(), entities() and a JSON form:
**     1. after each statement ends, nothing is held (the connection's
**        statements are finished, so the cache lets everything go); a JSON
**        form cannot see its statement end, so there the budget bounds it;
**     2. while a driving statement stays busy (as newsext-batch's article
**        SELECT does), the cache keeps at most its budget (default 64 MB;
**        here also after setting 16 MB with newsext_cache_budget()), and the
**        document a query just used is still cached for the next function;
**     3. newsext_release_memory() frees the rest, even mid-statement.
**   The extension is compiled in (-DSQLITE_CORE).  Closes with
**   "memory: N passed, N failed".
*/
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int sqlite3_newsext_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi);

#define DOC_BYTES (8 << 20)
#define MB (1024.0 * 1024.0)

static char *g_doc[4];
static int pass, fail;

static void check(const char *zWhat, int ok, double got, double limit) {
  printf("%s %-62s %7.1f MB (limit %.1f)\n", ok ? "ok  " : "FAIL", zWhat, got / MB, limit / MB);
  ok ? pass++ : fail++;
}

/* One article of n bytes: sentences with names, quotes and dates, each
** article numbered so that the four differ. */
static char *make_doc(int k, size_t n) {
  static const char *const azSent[] = {
      "Sen. Maria Lopez said on Tuesday that the bill would pass. ",
      "\"We are ready,\" said Olaf Berg, a spokesman for Nordbank in Oslo. ",
      "Markets fell 2.5% in March, and investors waited for the central bank. ",
  };
  char *z = malloc(n + 1);
  size_t i = 0;
  for (int s = 0; i < n; s++) {
    char buf[160];
    int m = snprintf(buf, sizeof buf, "%s", azSent[s % 3]);
    if (s % 7 == 0) m = snprintf(buf, sizeof buf, "Article %d, part %d. ", k, s);
    for (int j = 0; j < m && i < n; j++) z[i++] = buf[j];
  }
  z[n] = 0;
  return z;
}

static sqlite3_int64 run(sqlite3 *db, const char *zSql, const char *zDoc) {
  sqlite3_stmt *p = NULL;
  sqlite3_int64 v = -1;
  if (sqlite3_prepare_v2(db, zSql, -1, &p, NULL) != SQLITE_OK) {
    printf("FAIL prepare %s: %s\n", zSql, sqlite3_errmsg(db));
    fail++;
    return v;
  }
  if (zDoc) sqlite3_bind_text(p, 1, zDoc, -1, SQLITE_STATIC);
  if (sqlite3_step(p) == SQLITE_ROW) v = sqlite3_column_int64(p, 0);
  if (sqlite3_finalize(p) != SQLITE_OK) {
    printf("FAIL %s: %s\n", zSql, sqlite3_errmsg(db));
    fail++;
  }
  return v;
}

int main(void) {
  for (int k = 0; k < 4; k++) g_doc[k] = make_doc(k, DOC_BYTES);
  sqlite3 *db = NULL;
  char *zErr = NULL;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK || sqlite3_newsext_init(db, &zErr, NULL) != SQLITE_OK) {
    fprintf(stderr, "cannot open: %s\n", zErr ? zErr : sqlite3_errmsg(db));
    return 2;
  }
  run(db, "SELECT count(*) FROM tokens('warm up')", NULL);
  sqlite3_exec(db, "CREATE TABLE docs(body TEXT)", NULL, NULL, NULL);
  for (int k = 0; k < 4; k++) {
    sqlite3_stmt *p = NULL;
    sqlite3_prepare_v2(db, "INSERT INTO docs VALUES (?1)", -1, &p, NULL);
    sqlite3_bind_text(p, 1, g_doc[k], -1, SQLITE_STATIC);
    sqlite3_step(p);
    sqlite3_finalize(p);
  }
  run(db, "SELECT count(*) FROM docs", NULL); /* its pages are counted in the base */
  const double budget = 64 * MB;
  sqlite3_int64 base = sqlite3_memory_used();
  char zWhat[128];

  /* 1. statements that end on their own leave nothing behind */
  static const char *const azQ[] = {"SELECT count(*) FROM tokens(?1)", "SELECT count(*) FROM entities(?1)",
                                    "SELECT count(*) FROM docs, quotes(docs.body)"};
  for (int q = 0; q < 3; q++) {
    for (int k = 0; k < 4; k++) {
      run(db, azQ[q], g_doc[k]);
    }
    double used = (double)(sqlite3_memory_used() - base);
    snprintf(zWhat, sizeof zWhat, "held after 4 x 8 MB: %s", azQ[q]);
    check(zWhat, used <= 1 * MB, used, 1 * MB);
  }
  /* a JSON form cannot tell when its statement ends: the budget bounds it */
  for (int k = 0; k < 4; k++) run(db, "SELECT length(sentences_json(?1))", g_doc[k]);
  double usedJson = (double)(sqlite3_memory_used() - base);
  check("held after 4 x 8 MB: SELECT length(sentences_json(?1))", usedJson <= budget, usedJson, budget);
  run(db, "SELECT newsext_release_memory()", NULL);

  /* 2. inside a busy statement the cache keeps at most its budget */
  sqlite3_stmt *pOuter = NULL;
  sqlite3_prepare_v2(db, "SELECT value FROM generate_series(1, 3)", -1, &pOuter, NULL);
  if (!pOuter) sqlite3_prepare_v2(db, "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
                                      "WHERE x < 3) SELECT x FROM c", -1, &pOuter, NULL);
  sqlite3_step(pOuter);
  for (int k = 0; k < 4; k++) run(db, "SELECT count(*) FROM tokens(?1)", g_doc[k]);
  double used = (double)(sqlite3_memory_used() - base);
  check("held mid-statement after 4 x 8 MB tokens (default budget)", used <= budget, used, budget);
  /* the last document is still cached: entities() on it adds its tags only */
  sqlite3_int64 before = sqlite3_memory_used();
  run(db, "SELECT count(*) FROM sentences(?1)", g_doc[3]);
  used = (double)(sqlite3_memory_used() - before);
  check("sentences() of the cached document allocates little", used <= 4 * MB, used, 4 * MB);
  sqlite3_int64 old = run(db, "SELECT newsext_cache_budget(16 * 1024 * 1024)", NULL);
  check("newsext_cache_budget() returned the default", old == (sqlite3_int64)budget, (double)old, budget);
  for (int k = 0; k < 4; k++) run(db, "SELECT count(*) FROM tokens(?1)", g_doc[k]);
  used = (double)(sqlite3_memory_used() - base);
  check("held mid-statement after 4 x 8 MB, budget 16 MB", used <= 16 * MB, used, 16 * MB);

  /* 3. release on request */
  run(db, "SELECT newsext_cache_budget(64 * 1024 * 1024)", NULL);
  for (int k = 0; k < 2; k++) run(db, "SELECT count(*) FROM tokens(?1)", g_doc[k]);
  run(db, "SELECT newsext_release_memory()", NULL);
  used = (double)(sqlite3_memory_used() - base);
  check("held mid-statement after newsext_release_memory()", used <= 1 * MB, used, 1 * MB);
  sqlite3_finalize(pOuter);

  sqlite3_close(db);
  for (int k = 0; k < 4; k++) free(g_doc[k]);
  printf("memory: %d passed, %d failed\n", pass, fail);
  return fail ? 1 : 0;
}
