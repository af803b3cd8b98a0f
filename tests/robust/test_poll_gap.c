/*
** test_poll_gap.c -- interrupt latency on one huge one-sentence document:
** the longest stretch of work between two polls of the stop callback, for
** every function and JSON form.
**
**   test_poll_gap [-n] [MB [LIMIT_MS [FILTER]]]  (default 10 MB, 100 ms)
**
** -n skips the second, interrupted run of each query; FILTER runs only the
** queries that contain it (e.g. places).
**
** HOW IT WORKS
**   The extension sees sqlite3_interrupt() and the progress handler only
**   when it polls (it steps a one-row statement, which runs SQLite's own
**   checks).  So the worst interrupt latency of a query is the longest
**   time between two polls.  A progress handler called at every VDBE step
**   records the CPU time (of this thread, so other jobs on the machine do
**   not count) between calls (read at most once a millisecond, see
**   on_progress); the longest gap while the query runs is that latency.  One run per function covers every stage (tokenizer, sentence
**   splitter, tagger, entity, quote and date stages, offsets, JSON), unlike
**   interrupts fired at a few moments.  The document is one sentence of
**   MB megabytes with names, quotes and dates, the worst case for a stage
**   that would poll only between sentences.
**
**   The document is read from a table column, as users run the functions
**   (SELECT ... FROM doc, entities(doc.body)).  Before a function runs,
**   SQLite reads the whole value out of the table, which nothing can
**   interrupt (at 100 MB about as long as SQLite alone takes for SELECT
**   count(*) FROM doc WHERE body = '', which is measured first and
**   printed).  So that stretch, the one ending at the function's first
**   poll, is reported apart ("before the first poll") and must stay within
**   1.5 times SQLite's own (or the limit); every other stretch, the
**   function's own work, must stay within the limit.  (A text bound with
**   an explicit length, as earlier versions of this test did, costs one
**   more copy: sqlite3_value_text() copies it to add a NUL terminator.)
**
**   Then each query is interrupted for real half-way (sqlite3_interrupt()
**   at half of the handler calls) to check that it stops with
**   SQLITE_INTERRUPT.  `make test` runs 10 MB; .ci/run runs 100 MB with -n
**   (the gate of docs/robustness.md).  Closes with "poll-gap: N passed, N
**   failed".
*/
#include "robust.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int sqlite3_newsext_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi);

static const char *const azQuery[] = {
    ROBUST_TABLE_QUERIES,
    "SELECT typeof(tokens_json(?1))",
    "SELECT typeof(sentences_json(?1))",
    "SELECT typeof(entities_json(?1))",
    "SELECT typeof(quotes_json(?1))",
    "SELECT typeof(event_dates_json(?1, '2021-01-07'))",
    "SELECT typeof(places_json(?1))",
    "SELECT typeof(attributions_json(?1))",
    NULL,
};

static double cpu_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}
static double wall_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double g_last, g_lastWall; /* CPU and wall ms of the last CPU time reading */
static double g_maxGap;           /* longest gap */
static double g_readGap;        /* the stretch that ended at the function's first poll */
static long g_nPoll;            /* handler calls made by the function's polls */
static long g_nCall, g_nInterruptAt; /* handler calls; interrupt at this call (0: never) */
static double g_firedAt;             /* wall ms of that interrupt */

/* True when the handler is called from the extension's poll: its probe
** statement "SELECT 1" is running. */
static int in_poll(sqlite3 *db) {
  for (sqlite3_stmt *p = sqlite3_next_stmt(db, NULL); p; p = sqlite3_next_stmt(db, p))
    if (sqlite3_stmt_busy(p) && strcmp(sqlite3_sql(p), "SELECT 1") == 0) return 1;
  return 0;
}

static int on_progress(void *p) {
  if (++g_nCall == g_nInterruptAt) {
    g_firedAt = wall_ms();
    sqlite3_interrupt((sqlite3 *)p);
  }
  /* the stretch before the function's first poll holds SQLite's reading
  ** of the column, which no function can interrupt; it is reported apart */
  int bFirst = g_nPoll == 0 && in_poll((sqlite3 *)p);
  /* The thread's CPU time is a system call: read at every VDBE step it
  ** would be most of the run.  So it is read once 1 ms of wall time has
  ** passed since the last reading (and at the first poll).  A stretch is
  ** then measured from the last reading, at most 1 ms before it began:
  ** never shorter than it is. */
  double w = wall_ms();
  if (!bFirst && w - g_lastWall < 1) return 0;
  double t = cpu_ms();
  if (bFirst) {
    g_nPoll++;
    g_readGap = t - g_last;
  } else if (t - g_last > g_maxGap) {
    g_maxGap = t - g_last;
  }
  g_last = t;
  g_lastWall = w;
  return 0;
}

/* A connection with the extension and the table doc(body) holding the
** document. */
static sqlite3 *open_db(const char *zDoc, int nDoc) {
  sqlite3 *db = NULL;
  char *zErr = NULL;
  sqlite3_stmt *pIns = NULL;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK || sqlite3_newsext_init(db, &zErr, NULL) != SQLITE_OK ||
      sqlite3_exec(db, "CREATE TABLE doc(body TEXT)", NULL, NULL, &zErr) != SQLITE_OK ||
      sqlite3_prepare_v2(db, "INSERT INTO doc VALUES (?1)", -1, &pIns, NULL) != SQLITE_OK ||
      sqlite3_bind_text(pIns, 1, zDoc, nDoc, SQLITE_STATIC) != SQLITE_OK || sqlite3_step(pIns) != SQLITE_DONE) {
    fprintf(stderr, "cannot open: %s\n", zErr ? zErr : sqlite3_errmsg(db));
    exit(2);
  }
  sqlite3_finalize(pIns);
  return db;
}

/* zSql with its document ?1 read from doc.body: "SELECT count(*) FROM
** f(?1)" becomes "SELECT count(*) FROM doc, f(doc.body)", "SELECT
** typeof(f_json(?1))" becomes "SELECT typeof(f_json(doc.body)) FROM doc". */
static char *from_table(const char *zSql) {
  const char *zFrom = strstr(zSql, " FROM "), *zArg = strstr(zSql, "?1");
  if (!zArg) return sqlite3_mprintf("%s", zSql);
  if (zFrom && zFrom < zArg)
    return sqlite3_mprintf("%.*sdoc, %.*sdoc.body%s", (int)(zFrom + 6 - zSql), zSql, (int)(zArg - zFrom - 6),
                           zFrom + 6, zArg + 2);
  return sqlite3_mprintf("%.*sdoc.body%s FROM doc", (int)(zArg - zSql), zSql, zArg + 2);
}

/* Runs zSql to its end; returns SQLITE_OK or the error code. */
static int run(sqlite3 *db, const char *zSql) {
  sqlite3_stmt *p = NULL;
  int rc = sqlite3_prepare_v2(db, zSql, -1, &p, NULL);
  if (rc == SQLITE_OK)
    while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
    }
  sqlite3_finalize(p);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Runs zSql on a fresh connection holding the document; returns its result
** code, with g_maxGap and g_readGap measured.  interruptAt > 0 interrupts at
** that handler call. */
static int measure(const char *zSql, const char *zDoc, int nDoc, long interruptAt) {
  sqlite3 *db = open_db(zDoc, nDoc);
  sqlite3_progress_handler(db, 1, on_progress, db);
  g_maxGap = g_readGap = 0;
  g_nCall = g_nPoll = 0;
  g_nInterruptAt = interruptAt;
  g_last = cpu_ms();
  g_lastWall = wall_ms();
  int rc = run(db, zSql);
  if (cpu_ms() - g_last > g_maxGap) g_maxGap = cpu_ms() - g_last; /* the stretch after the last poll */
  sqlite3_close(db);
  return rc;
}

int main(int argc, char **argv) {
  int bInterrupt = 1;
  if (argc > 1 && strcmp(argv[1], "-n") == 0) {
    bInterrupt = 0;
    argc--, argv++;
  }
  double mb = argc > 1 ? atof(argv[1]) : 10;
  double limitMs = argc > 2 ? atof(argv[2]) : 100;
  const char *zFilter = argc > 3 ? argv[3] : "";
  static const char unit[] = "Maria Lopez of Acme Corp said on Tuesday that “the bill will pass by Jan 5” and ";
  size_t nUnit = strlen(unit), n = (size_t)(mb * 1024 * 1024);
  char *zDoc = malloc(n + 1);
  for (size_t i = 0; i < n; i++) zDoc[i] = unit[i % nUnit];
  while (n > 0 && (zDoc[n - 1] & 0xc0) == 0x80) n--; /* no cut character */
  if (n > 0 && (unsigned char)zDoc[n - 1] >= 0xc0) n--;
  zDoc[n] = 0;
  printf("poll-gap: one sentence of %.0f MB; longest CPU time between polls, limit %.0f ms\n", mb, limitMs);
  /* SQLite alone reading the column, for comparison with the stretch
  ** before each function's first poll */
  measure("SELECT count(*) FROM doc WHERE body = ''", zDoc, (int)n, 0);
  double readMs = g_maxGap, readLimit = readMs * 1.5 > limitMs ? readMs * 1.5 : limitMs;
  printf("     SQLite reading the %.0f MB column (SELECT count(*) FROM doc WHERE body = ''): %.1f ms without a poll\n", mb,
         readMs);
  int pass = 0, fail = 0;
  for (int q = 0; azQuery[q]; q++) {
    if (!strstr(azQuery[q], zFilter)) continue;
    char *zSql = from_table(azQuery[q]);
    double c0 = cpu_ms();
    int rc = measure(zSql, zDoc, (int)n, 0);
    double tCpu = cpu_ms() - c0, gap = g_maxGap, readGap = g_readGap;
    /* and a real sqlite3_interrupt() half-way (at half the handler calls) */
    int rc2 = SQLITE_INTERRUPT;
    double tAfter = 0;
    if (bInterrupt) {
      rc2 = measure(zSql, zDoc, (int)n, g_nCall / 2);
      tAfter = wall_ms() - g_firedAt;
    }
    /* a JSON form longer than SQLITE_LIMIT_LENGTH ends with SQLITE_TOOBIG */
    int ok = (rc == SQLITE_OK || rc == SQLITE_TOOBIG) && gap <= limitMs && readGap <= readLimit &&
             rc2 == SQLITE_INTERRUPT;
    printf("%s %-60s run %6.0f ms CPU%s; longest gap %6.1f ms; before the first poll %5.1f ms", ok ? "ok  " : "FAIL",
           zSql, tCpu, rc == SQLITE_TOOBIG ? " (too big)" : "", gap, readGap);
    if (bInterrupt) printf("; interrupted half-way: rc %d after %5.1f ms", rc2, tAfter);
    printf("\n");
    fflush(stdout);
    ok ? pass++ : fail++;
    sqlite3_free(zSql);
  }
  free(zDoc);
  printf("poll-gap: %d passed, %d failed\n", pass, fail);
  return fail ? 1 : 0;
}
