/*
** test_load_threads.c -- several threads load the extension dynamically at
** the same time, as newsext-batch's workers do, and use it; built with
** ThreadSanitizer by `make tsan` (argv[1]: the extension, itself built with
** -fsanitize=thread).
**
** HOW IT WORKS
**   test_threads.c links the extension statically (SQLITE_CORE), so it never
**   runs the entry point's SQLITE_EXTENSION_INIT2, which stores the library's
**   API table in the extension's global sqlite3_api.  Here the main thread
**   loads it (and keeps that connection open) and records the expected
**   output of each query; then
**   NTHREAD threads, released together by a barrier, each repeatedly open a
**   connection, sqlite3_load_extension() it and run the queries while the
**   others are loading.  ThreadSanitizer reports a race on sqlite3_api (or
**   anything else), and any result that differs fails the test.
*/
#include "robust.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NTHREAD 4 /* threads */
#define NROUND 6  /* connections each thread opens, loads and queries */

static const char *g_ext;

static const char *const azQuery[] = {
    "SELECT * FROM entities('Sen. Maria Lopez met Olaf Scholz in Berlin on Tuesday.')",
    "SELECT quotes_json('“We will vote,” said Ana Berg, an economist.')",
    "SELECT * FROM event_dates('The talks end on Friday, March 5.', '2021-03-01')",
    NULL,
};
static char *g_want[8];

/* All rows of zSql as one malloc'd string. */
static char *run(sqlite3 *db, const char *zSql) {
  sqlite3_str *p = sqlite3_str_new(NULL);
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(db, zSql, -1, &st, NULL) != SQLITE_OK) sqlite3_str_appendall(p, sqlite3_errmsg(db));
  while (st && sqlite3_step(st) == SQLITE_ROW)
    for (int i = 0; i < sqlite3_column_count(st); i++) sqlite3_str_appendf(p, "%s|", sqlite3_column_text(st, i));
  sqlite3_finalize(st);
  char *z = sqlite3_str_finish(p);
  char *zOut = strdup(z ? z : "");
  sqlite3_free(z);
  return zOut;
}

static sqlite3 *open_loaded(void) {
  sqlite3 *db = NULL;
  char *zErr = NULL;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK || sqlite3_enable_load_extension(db, 1) != SQLITE_OK ||
      sqlite3_load_extension(db, g_ext, NULL, &zErr) != SQLITE_OK) {
    fprintf(stderr, "cannot load %s: %s\n", g_ext, zErr ? zErr : sqlite3_errmsg(db));
    exit(2);
  }
  return db;
}

static pthread_barrier_t g_start;

static void *worker(void *pArg) {
  long *pBad = pArg;
  pthread_barrier_wait(&g_start);
  for (int r = 0; r < NROUND; r++) {
    sqlite3 *db = open_loaded();
    for (int q = 0; azQuery[q]; q++) {
      char *z = run(db, azQuery[q]);
      if (strcmp(z, g_want[q]) != 0) (*pBad)++;
      free(z);
    }
    sqlite3_close(db);
  }
  return NULL;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: test_load_threads PATH/TO/newsext.so\n");
    return 2;
  }
  g_ext = argv[1];
  sqlite3 *db = open_loaded();
  for (int q = 0; azQuery[q]; q++) g_want[q] = run(db, azQuery[q]);
  /* db stays open, so the library stays mapped: when the last connection
  ** that loaded it closes, SQLite dlclose()s it, and a later load maps a
  ** fresh copy at the same address, which ThreadSanitizer would take for
  ** the old one */
  pthread_barrier_init(&g_start, NULL, NTHREAD);
  pthread_t th[NTHREAD];
  long bad[NTHREAD] = {0};
  for (int i = 0; i < NTHREAD; i++) pthread_create(&th[i], NULL, worker, &bad[i]);
  int fail = robust_join(th, bad, NTHREAD), pass = NTHREAD - fail;
  sqlite3_close(db);
  for (int q = 0; azQuery[q]; q++) free(g_want[q]);
  printf("load-threads: %d threads x %d loads, queries checked\n", NTHREAD, NROUND);
  printf("load-threads: %d passed, %d failed\n", pass, fail);
  return fail ? 1 : 0;
}
