/*
** test_oom.c -- out-of-memory test of the whole extension through SQLite.
**
** WHAT IT CHECKS
**   For each representative query (every table function, the JSON forms,
**   a reference date, joins over a documents table, a view) and for every
**   N = 1, 2, 3, ... it runs the whole session -- open an in-memory
**   database, initialise the extension, create and fill the documents
**   table, run the query, close -- with the N-th allocation failing, until
**   a session completes without reaching the N-th allocation.  Each time:
**     - it must not crash (ASan in `make test-oom-asan`);
**     - the query either gives exactly the rows of a run without failures,
**       or fails with SQLITE_NOMEM (also accepted: the open or the
**       initialisation failing with SQLITE_NOMEM);
**     - after sqlite3_close() the number of live allocations is back to
**       what it was before the session (nothing leaked).
**
** HOW IT WORKS
**   An allocator wrapping SQLite's default one is installed with
**   sqlite3_config(SQLITE_CONFIG_MALLOC) before sqlite3_initialize(), so
**   this must be a process of its own.  It counts live blocks and fails the
**   fail_at-th xMalloc/xRealloc call.  The extension is compiled into the
**   program with -DSQLITE_CORE and initialised by calling
**   sqlite3_newsext_init() directly.  Prints one line per query and closes
**   with "oom: N passed, N failed".
*/
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int sqlite3_newsext_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi);

/* ----------------------------------------------------------- the allocator */

static sqlite3_mem_methods g_orig; /* SQLite's default allocator */
static long g_live;                /* blocks allocated and not freed */
static long g_calls;               /* allocation calls since arming */
static long g_failAt;              /* fail this call (1-based); 0 = never */
static long g_failed;              /* calls failed since arming */

static int should_fail(void) {
  if (!g_failAt) return 0;
  if (++g_calls == g_failAt) {
    g_failed++;
    return 1;
  }
  return 0;
}

static void *oom_malloc(int n) {
  if (should_fail()) return NULL;
  void *p = g_orig.xMalloc(n);
  if (p) g_live++;
  return p;
}
static void oom_free(void *p) {
  if (p) g_live--;
  g_orig.xFree(p);
}
static void *oom_realloc(void *p, int n) {
  if (should_fail()) return NULL;
  return g_orig.xRealloc(p, n);
}
static int oom_size(void *p) { return g_orig.xSize(p); }
static int oom_roundup(int n) { return g_orig.xRoundup(n); }
static int oom_init(void *p) { return g_orig.xInit(p); }
static void oom_shutdown(void *p) { g_orig.xShutdown(p); }

/* ------------------------------------------------------------ the queries */

/* A news-style article written for this test: quotes, dates, names, two
** paragraphs, multi-byte characters. */
#define ARTICLE                                                                                \
  "WASHINGTON (Reuters) - Sen. Maria Lopez said on Tuesday that the bill “will not pass ”"   \
  "this year, and the U.S. Treasury agreed. “We are not going anywhere,” she told reporters " \
  "outside the Capitol on Jan. 5, 2021.\n\nThe company, Acme Corp., said profits rose 4.5% " \
  "in the 1990s. Its chief executive, Dr. J. Smith, added: \"Zoë and Ángel will lead the "   \
  "new unit from São Paulo next month.\" Officials declined to comment."

static const char *const azSetup[] = {
    "CREATE TABLE docs(id INTEGER PRIMARY KEY, body TEXT, published TEXT)",
    "INSERT INTO docs VALUES (1, '" ARTICLE "', '2021-01-07'), (2, 'Short one. “Quoted,” he said.', NULL),"
    " (3, NULL, 'bad date?'), (4, '', '2020-02-29')",
    NULL,
};

static const char *const azQuery[] = {
    "SELECT * FROM sentences('" ARTICLE "')",
    "SELECT * FROM tokens('" ARTICLE "')",
    "SELECT * FROM entities('" ARTICLE "')",
    "SELECT * FROM quotes('" ARTICLE "')",
    "SELECT * FROM event_dates('" ARTICLE "')",
    "SELECT * FROM event_dates('" ARTICLE "', '2021-01-07')",
    "SELECT sentences_json(body), tokens_json(body), entities_json(body), quotes_json(body),"
    " event_dates_json(body), event_dates_json(body, '2021-01-07') FROM docs WHERE id <= 2",
    "SELECT d.id, t.* FROM docs d, tokens(d.body) t ORDER BY d.id, t.start",
    "SELECT d.id, e.* FROM docs d, entities(d.body) e",
    "SELECT d.id, q.* FROM docs d, quotes(d.body) q",
    "SELECT d.id, x.* FROM docs d, event_dates(d.body, coalesce(d.published, '2000-01-01')) x WHERE d.id <> 3",
    "SELECT d.id, (SELECT count(*) FROM sentences(d.body)), (SELECT count(*) FROM tokens(d.body))"
    " FROM docs d",
    "SELECT a.*, b.* FROM docs d, event_dates(d.body, '2021-01-07') a, event_dates(d.body, '2020-02-29') b"
    " WHERE d.id = 1", /* two cursors, two reference dates, one document */
    "SELECT * FROM event_dates('x', 'not a date')", /* an error result, reproduced each time */
    "SELECT tokens_json(x'00')",
    NULL,
};

/* Appends every row of zSql to *pOut (a malloc'd string, not counted);
** returns the final SQLite code. */
static int run_query(sqlite3 *db, const char *zSql, char **pOut) {
  sqlite3_stmt *p = NULL;
  int rc = sqlite3_prepare_v2(db, zSql, -1, &p, NULL);
  size_t n = 0, cap = 4096;
  char *z = malloc(cap);
  z[0] = 0;
  while (rc == SQLITE_OK && (rc = sqlite3_step(p)) == SQLITE_ROW) {
    for (int i = 0; i < sqlite3_column_count(p); i++) {
      const char *zCol = (const char *)sqlite3_column_text(p, i);
      if (!zCol && sqlite3_column_type(p, i) != SQLITE_NULL) {
        rc = SQLITE_NOMEM; /* the conversion to text failed */
        break;
      }
      size_t k = zCol ? strlen(zCol) : 4;
      while (n + k + 2 >= cap) z = realloc(z, cap *= 2);
      memcpy(z + n, zCol ? zCol : "NULL", k);
      n += k;
      z[n++] = i + 1 < sqlite3_column_count(p) ? '|' : '\n';
      z[n] = 0;
    }
    if (rc == SQLITE_ROW) rc = SQLITE_OK;
  }
  if (rc == SQLITE_DONE) rc = SQLITE_OK;
  if (rc != SQLITE_OK) {
    const char *zErr = sqlite3_errmsg(db);
    size_t k = strlen(zErr);
    while (n + k + 16 >= cap) z = realloc(z, cap *= 2);
    n += (size_t)sprintf(z + n, "error %d: %s\n", rc & 0xff, zErr);
  }
  sqlite3_finalize(p);
  *pOut = z;
  return rc;
}

/* One session with the fail_at-th allocation failing.  Returns the rc of
** the first step that failed (or of the query) and its output in *pOut. */
static int session(const char *zQuery, long failAt, char **pOut, int *pReached) {
  *pOut = NULL;
  *pReached = 0;
  g_calls = g_failed = 0;
  g_failAt = failAt;
  sqlite3 *db = NULL;
  int rc = sqlite3_open(":memory:", &db);
  if (rc == SQLITE_OK) {
    char *zErr = NULL;
    rc = sqlite3_newsext_init(db, &zErr, NULL);
    sqlite3_free(zErr);
  }
  for (int i = 0; rc == SQLITE_OK && azSetup[i]; i++) rc = sqlite3_exec(db, azSetup[i], NULL, NULL, NULL);
  if (rc == SQLITE_OK) {
    *pReached = 1;
    rc = run_query(db, zQuery, pOut);
  }
  int rcClose = sqlite3_close(db);
  g_failAt = 0;
  if (rcClose != SQLITE_OK) {
    fprintf(stderr, "  sqlite3_close() returned %d: a statement was leaked\n", rcClose);
    return -1;
  }
  return rc;
}

/* True when zGot is the error line for rc with SQLite's generic message:
** the expected error code, whose own message SQLite failed to copy from
** the virtual table (sqlite3VtabImportErrmsg under OOM).  Still clean. */
static int generic_message(const char *zGot, int rc) {
  char zLine[200];
  snprintf(zLine, sizeof zLine, "error %d: %s\n", rc & 0xff, sqlite3_errstr(rc));
  return strcmp(zGot, zLine) == 0;
}

int main(void) {
  sqlite3_config(SQLITE_CONFIG_GETMALLOC, &g_orig);
  static sqlite3_mem_methods m;
  m = g_orig;
  m.xMalloc = oom_malloc;
  m.xFree = oom_free;
  m.xRealloc = oom_realloc;
  m.xSize = oom_size;
  m.xRoundup = oom_roundup;
  m.xInit = oom_init;
  m.xShutdown = oom_shutdown;
  if (sqlite3_config(SQLITE_CONFIG_MALLOC, &m) != SQLITE_OK ||
      sqlite3_config(SQLITE_CONFIG_LOOKASIDE, 0, 0) != SQLITE_OK || sqlite3_initialize() != SQLITE_OK) {
    fprintf(stderr, "oom: cannot install the allocator\n");
    return 2;
  }
  int pass = 0, fail = 0;
  long total = 0;
  for (int q = 0; azQuery[q]; q++) {
    char *zWant = NULL;
    int reached;
    session(azQuery[q], 0, &zWant, &reached); /* warm-up: lazy globals */
    free(zWant);
    long base = g_live;
    int rcWant = session(azQuery[q], 0, &zWant, &reached);
    int ok = reached && g_live == base && rcWant != -1;
    long n;
    long nNomem = 0, nOk = 0, nLost = 0;
    for (n = 1; ok; n++) {
      char *zGot = NULL;
      int rc = session(azQuery[q], n, &zGot, &reached);
      if (g_live != base) {
        fprintf(stderr, "  query %d, failing allocation %ld: %ld blocks leaked\n", q + 1, n, g_live - base);
        ok = 0;
      } else if (rc == rcWant && zGot && strcmp(zGot, zWant) == 0) {
        nOk++; /* the failure was absorbed (benign) or never reached */
      } else if ((rc & 0xff) == SQLITE_NOMEM) {
        nNomem++;
      } else if (rc == rcWant && rc != SQLITE_OK && zGot && generic_message(zGot, rc)) {
        nLost++; /* SQLite could not copy the table's error message */
      } else {
        fprintf(stderr, "  query %d, failing allocation %ld: rc %d, got:\n%.400s\n  want rc %d:\n%.400s\n",
                q + 1, n, rc, zGot ? zGot : "(nothing)", rcWant, zWant);
        ok = 0;
      }
      free(zGot);
      if (!g_failed) break; /* the whole session ran without reaching call n */
    }
    free(zWant);
    total += n - 1;
    printf("%s query %2d: %5ld allocation points, %5ld NOMEM, %5ld correct results, "
           "%ld generic error messages, leaks %ld\n",
           ok ? "ok  " : "FAIL", q + 1, n - 1, nNomem, nOk, nLost, ok ? 0L : g_live - base);
    if (ok)
      pass++;
    else
      fail++;
  }
  printf("oom: %ld allocation-failure points tested\n", total);
  printf("oom: %d passed, %d failed\n", pass, fail);
  return fail ? 1 : 0;
}
