/*
** test_poll_gap.c -- interrupt latency on one huge one-sentence document:
** the longest stretch of work between two polls of the stop callback, for
** every function and JSON form.
**
**   test_poll_gap [MB [LIMIT_MS]]      (default 10 MB, 100 ms)
**
** HOW IT WORKS
**   The extension sees sqlite3_interrupt() and the progress handler only
**   when it polls (it steps a one-row statement, which runs SQLite's own
**   checks).  So the worst interrupt latency of a query is the longest
**   time between two polls.  A progress handler called at every VDBE step
**   records the CPU time (of this thread, so other jobs on the machine do
**   not count) at each call; the longest gap while the query runs is that
**   latency.  One run per function covers every stage (tokenizer, sentence
**   splitter, tagger, entity, quote and date stages, offsets, JSON), unlike
**   interrupts fired at a few moments.  The document is one sentence of
**   MB megabytes with names, quotes and dates, the worst case for a stage
**   that would poll only between sentences.  Then each query is
**   interrupted for real half-way (sqlite3_interrupt() at half of the
**   handler calls) to check that it stops with SQLITE_INTERRUPT.  `make test` runs 10 MB; .ci/run runs 100 MB (the
**   gate of docs/robustness.md).  Closes with "poll-gap: N passed, N failed".
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

static double g_last, g_maxGap; /* CPU ms of the previous handler call, longest gap */
static long g_nCall, g_nInterruptAt; /* handler calls; interrupt at this call (0: never) */
static double g_firedAt;             /* wall ms of that interrupt */

static int on_progress(void *p) {
  double t = cpu_ms();
  if (++g_nCall == g_nInterruptAt) {
    g_firedAt = wall_ms();
    sqlite3_interrupt((sqlite3 *)p);
  }
  if (t - g_last > g_maxGap) g_maxGap = t - g_last;
  g_last = t;
  return 0;
}

static sqlite3 *open_db(void) {
  sqlite3 *db = NULL;
  char *zErr = NULL;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK || sqlite3_newsext_init(db, &zErr, NULL) != SQLITE_OK) {
    fprintf(stderr, "cannot open: %s\n", zErr ? zErr : sqlite3_errmsg(db));
    exit(2);
  }
  return db;
}

int main(int argc, char **argv) {
  double mb = argc > 1 ? atof(argv[1]) : 10;
  double limitMs = argc > 2 ? atof(argv[2]) : 100;
  static const char unit[] = "Maria Lopez of Acme Corp said on Tuesday that “the bill will pass by Jan 5” and ";
  size_t nUnit = strlen(unit), n = (size_t)(mb * 1024 * 1024);
  char *zDoc = malloc(n + 1);
  for (size_t i = 0; i < n; i++) zDoc[i] = unit[i % nUnit];
  while (n > 0 && (zDoc[n - 1] & 0xc0) == 0x80) n--; /* no cut character */
  if (n > 0 && (unsigned char)zDoc[n - 1] >= 0xc0) n--;
  zDoc[n] = 0;
  printf("poll-gap: one sentence of %.0f MB; longest CPU time between polls, limit %.0f ms\n", mb, limitMs);
  int pass = 0, fail = 0;
  for (int q = 0; azQuery[q]; q++) {
    sqlite3 *db = open_db();
    sqlite3_progress_handler(db, 1, on_progress, db);
    g_maxGap = 0;
    g_nCall = g_nInterruptAt = 0;
    double t0 = wall_ms(), c0 = cpu_ms();
    g_last = c0;
    int rc = robust_run(db, azQuery[q], zDoc, (int)n);
    double tWall = wall_ms() - t0, tCpu = cpu_ms() - c0;
    if (cpu_ms() - g_last > g_maxGap) g_maxGap = cpu_ms() - g_last; /* the stretch after the last poll */
    sqlite3_close(db);
    (void)tWall;
    /* and a real sqlite3_interrupt() half-way (at half the handler calls) */
    db = open_db();
    sqlite3_progress_handler(db, 1, on_progress, db);
    g_nInterruptAt = g_nCall / 2;
    g_nCall = 0;
    int rc2 = robust_run(db, azQuery[q], zDoc, (int)n);
    double tAfter = wall_ms() - g_firedAt;
    sqlite3_close(db);
    /* a JSON form longer than SQLITE_LIMIT_LENGTH ends with SQLITE_TOOBIG */
    int ok = (rc == SQLITE_OK || rc == SQLITE_TOOBIG) && g_maxGap <= limitMs && rc2 == SQLITE_INTERRUPT;
    printf("%s %-52s run %7.0f ms CPU%s; longest gap %6.1f ms; interrupted half-way: rc %d after %5.1f ms\n",
           ok ? "ok  " : "FAIL", azQuery[q], tCpu, rc == SQLITE_TOOBIG ? " (too big)" : "", g_maxGap, rc2, tAfter);
    fflush(stdout);
    ok ? pass++ : fail++;
  }
  free(zDoc);
  printf("poll-gap: %d passed, %d failed\n", pass, fail);
  return fail ? 1 : 0;
}
