/*
** test_interrupt.c -- sqlite3_interrupt() and a progress handler stop a long
** analysis promptly, for every function and a JSON form.
**
** HOW IT WORKS
**   A 9 MB article (2.1 million tokens, a few hundred ms to analyse) is
**   bound as the document.  For each query, on a fresh connection:
**     1. it runs to completion, timed (T);
**     2. another thread calls sqlite3_interrupt() after T/4; the query must
**        fail with SQLITE_INTERRUPT, and return within LATENCY_MS of the call;
**     3. a progress handler (every 100 steps) that asks to stop once T/4 has
**        passed must stop it the same way.  The time test in the handler
**        makes sure it is the polls from inside the long xFilter that see
**        it, not the VDBE steps before it.
**   The extension is compiled in (-DSQLITE_CORE).  Closes with
**   "interrupt: N passed, N failed".
*/
#include "robust.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int sqlite3_newsext_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi);

#define LATENCY_MS 300.0 /* wall time on a shared machine; polls are a few ms of CPU apart
                            ** (test_poll_gap.c measures that bound) */

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static const char *const azQuery[] = {
    ROBUST_TABLE_QUERIES,
    "SELECT length(tokens_json(?1))",
    NULL,
};

static char *g_doc; /* the 9 MB article, bound to every query */
static int g_nDoc;  /* its length in bytes */

/* A fresh in-memory database with the extension (so no cache hit). */
static sqlite3 *open_db(void) {
  sqlite3 *db = NULL;
  char *zErr = NULL;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK || sqlite3_newsext_init(db, &zErr, NULL) != SQLITE_OK) {
    fprintf(stderr, "cannot open: %s\n", zErr ? zErr : sqlite3_errmsg(db));
    exit(2);
  }
  return db;
}

/* Runs zSql on the document to completion; returns its rc and sets *pEnd
** to the end time. */
static int run(sqlite3 *db, const char *zSql, double *pEnd) {
  int rc = robust_run(db, zSql, g_doc, g_nDoc);
  *pEnd = now_ms();
  return rc;
}

/* Calls sqlite3_interrupt(db) from another thread after delayMs. */
typedef struct interrupter {
  sqlite3 *db;     /* the connection running the query */
  double delayMs;  /* how long to wait */
  double firedAt;  /* when it called sqlite3_interrupt() */
} interrupter;

static void *interrupt_later(void *pArg) {
  interrupter *p = pArg;
  struct timespec ts = {(time_t)(p->delayMs / 1e3), (long)(((long)p->delayMs % 1000) * 1000000L)};
  nanosleep(&ts, NULL);
  p->firedAt = now_ms();
  sqlite3_interrupt(p->db);
  return NULL;
}

/* A progress handler that asks to stop once stopAfter has passed. */
typedef struct progress {
  double stopAfter; /* monotonic ms from which the handler says stop */
  double firedAt;   /* when it first said so (0: never) */
} progress;

static int progress_cb(void *pArg) {
  progress *p = pArg;
  double t = now_ms();
  if (t < p->stopAfter) return 0;
  if (p->firedAt == 0) p->firedAt = t;
  return 1;
}

int main(void) {
  /* one sentence, 170,000 times: 9 MB, 2.1 million tokens */
  const char *zSentence = "Sen. Maria Lopez said on Tuesday that “it was over.” ";
  int nSentence = (int)strlen(zSentence), nRep = 170000;
  g_nDoc = nSentence * nRep;
  g_doc = malloc((size_t)g_nDoc + 1);
  for (int i = 0; i < nRep; i++) memcpy(g_doc + (size_t)i * (size_t)nSentence, zSentence, (size_t)nSentence);
  g_doc[g_nDoc] = 0;
  int pass = 0, fail = 0;
  for (int q = 0; azQuery[q]; q++) {
    double t0 = now_ms(), tEnd;
    sqlite3 *db = open_db();
    int rc = run(db, azQuery[q], &tEnd);
    sqlite3_close(db);
    double full = tEnd - t0;
    int ok = rc == SQLITE_OK;

    /* sqlite3_interrupt() from another thread */
    db = open_db();
    interrupter it = {db, full / 4, 0};
    pthread_t th;
    pthread_create(&th, NULL, interrupt_later, &it);
    int rc1 = run(db, azQuery[q], &tEnd);
    pthread_join(th, NULL);
    double lat1 = tEnd - it.firedAt;
    ok = ok && rc1 == SQLITE_INTERRUPT && lat1 < LATENCY_MS;
    sqlite3_close(db);

    /* a progress handler */
    db = open_db();
    progress pr = {0, 0};
    sqlite3_progress_handler(db, 100, progress_cb, &pr);
    pr.stopAfter = now_ms() + full / 4;
    int rc2 = run(db, azQuery[q], &tEnd);
    double lat2 = pr.firedAt ? tEnd - pr.firedAt : -1;
    ok = ok && rc2 == SQLITE_INTERRUPT && pr.firedAt > 0 && lat2 < LATENCY_MS;
    sqlite3_close(db);

    printf("%s %-50s full %6.1f ms; interrupt: rc %d after %5.1f ms; progress: rc %d after %5.1f ms\n",
           ok ? "ok  " : "FAIL", azQuery[q], full, rc1, lat1, rc2, lat2);
    if (ok)
      pass++;
    else
      fail++;
  }
  free(g_doc);
  printf("interrupt: %d passed, %d failed\n", pass, fail);
  return fail ? 1 : 0;
}
