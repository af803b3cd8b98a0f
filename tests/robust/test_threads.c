/*
** test_threads.c -- the functions from several threads at once, each thread
** with its own connection; built with ThreadSanitizer by `make tsan`.
**
** HOW IT WORKS
**   The main thread computes the expected output of every query (every
**   table function, the JSON forms, a reference date, a join over a
**   documents table) on one connection.  Then NTHREAD threads each open
**   their own in-memory database, initialise the extension (compiled in
**   with -DSQLITE_CORE), and run all the queries NROUND times, comparing
**   each result with the expected one.  ThreadSanitizer reports any data
**   race (the core has no global mutable state; utf8proc's tables are
**   read-only), and any difference fails the test.  Closes with
**   "threads: N passed, N failed".
*/
#include "robust.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int sqlite3_newsext_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi);

#define NTHREAD 4 /* threads, one connection each */
#define NROUND 20  /* times each thread runs every query */

/* The same three articles on every connection: a wire story with quotes and
** dates, one with an agency dateline and multi-byte names, and one mixing
** scripts and emoji.  Written for this test. */
static const char *const azSetup =
    "CREATE TABLE docs(id INTEGER PRIMARY KEY, body TEXT, published TEXT);"
    "INSERT INTO docs VALUES"
    " (1, 'WASHINGTON (Reuters) - Sen. Maria Lopez said on Tuesday that the bill “will not pass” "
    "this year. “We are not going anywhere,” she told reporters on Jan. 5, 2021.', '2021-01-07'),"
    " (2, 'LONDON, March 3 (AP) — Acme Corp. said profits rose 4.5% in the 1990s. Dr. J. Smith, "
    "its chief executive, added: \"Zoë will lead the unit from São Paulo next month.\"', NULL),"
    " (3, 'Ça va? Ελλάδα 東京 😀 مرحبا. Officials declined to comment last week.', '2020-02-29');";

/* Every function, over the table, with and without a reference date. */
static const char *const azQuery[] = {
    "SELECT d.id, s.* FROM docs d, sentences(d.body) s",
    "SELECT d.id, t.* FROM docs d, tokens(d.body) t",
    "SELECT d.id, e.* FROM docs d, entities(d.body) e",
    "SELECT d.id, q.* FROM docs d, quotes(d.body) q",
    "SELECT d.id, x.* FROM docs d, event_dates(d.body, d.published) x",
    "SELECT d.id, x.* FROM docs d, event_dates(d.body) x",
    "SELECT sentences_json(body), tokens_json(body), entities_json(body), quotes_json(body),"
    " event_dates_json(body, published) FROM docs",
    NULL,
};

/* All rows of zSql as one malloc'd string. */
static char *run(sqlite3 *db, const char *zSql) {
  sqlite3_stmt *p = NULL;
  size_t n = 0, cap = 1024;
  char *z = malloc(cap);
  z[0] = 0;
  if (sqlite3_prepare_v2(db, zSql, -1, &p, NULL) != SQLITE_OK) return z;
  while (sqlite3_step(p) == SQLITE_ROW) {
    for (int i = 0; i < sqlite3_column_count(p); i++) {
      const char *zCol = (const char *)sqlite3_column_text(p, i);
      size_t k = zCol ? strlen(zCol) : 0;
      while (n + k + 2 >= cap) z = realloc(z, cap *= 2);
      if (k) memcpy(z + n, zCol, k);
      n += k;
      z[n++] = '|';
      z[n] = 0;
    }
  }
  sqlite3_finalize(p);
  return z;
}

/* A fresh in-memory database with the extension and the docs table. */
static sqlite3 *open_db(void) {
  sqlite3 *db = NULL;
  char *zErr = NULL;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK || sqlite3_newsext_init(db, &zErr, NULL) != SQLITE_OK ||
      sqlite3_exec(db, azSetup, NULL, NULL, NULL) != SQLITE_OK) {
    fprintf(stderr, "cannot open: %s\n", zErr ? zErr : sqlite3_errmsg(db));
    exit(2);
  }
  return db;
}

static char *g_want[16]; /* expected output per query, written before the threads start */

/* One thread: its own connection, every query NROUND times; counts the
** results that differ from the expected ones into *pArg. */
static void *worker(void *pArg) {
  long *pBad = pArg;
  sqlite3 *db = open_db();
  for (int r = 0; r < NROUND; r++) {
    for (int q = 0; azQuery[q]; q++) {
      char *z = run(db, azQuery[q]);
      if (strcmp(z, g_want[q]) != 0) (*pBad)++;
      free(z);
    }
  }
  sqlite3_close(db);
  return NULL;
}

int main(void) {
  sqlite3 *db = open_db();
  for (int q = 0; azQuery[q]; q++) g_want[q] = run(db, azQuery[q]);
  sqlite3_close(db);
  pthread_t th[NTHREAD];
  long bad[NTHREAD] = {0};
  for (int i = 0; i < NTHREAD; i++) pthread_create(&th[i], NULL, worker, &bad[i]);
  int fail = robust_join(th, bad, NTHREAD), pass = NTHREAD - fail;
  for (int q = 0; azQuery[q]; q++) free(g_want[q]);
  printf("threads: %d threads x %d rounds x %d queries\n", NTHREAD, NROUND, 7);
  printf("threads: %d passed, %d failed\n", pass, fail);
  return fail ? 1 : 0;
}
