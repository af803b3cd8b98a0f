/*
** robust.h -- helpers the robustness programs of tests/robust/ share
** (header-only: each program is one C file built on its own).
*/
#ifndef NEWS_TESTS_ROBUST_H
#define NEWS_TESTS_ROBUST_H

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>

/* One query per table function, ?1 the document: the programs that run
** every function list these first, so a new function is added here once. */
#define ROBUST_TABLE_QUERIES                                                                    \
  "SELECT count(*) FROM tokens(?1)", "SELECT count(*) FROM sentences(?1)",                       \
      "SELECT count(*) FROM entities(?1)", "SELECT count(*) FROM quotes(?1)",                    \
      "SELECT count(*) FROM event_dates(?1, '2021-01-07')", "SELECT count(*) FROM places(?1)",   \
      "SELECT count(*) FROM attributions(?1)"

/* Runs zSql with ?1 bound to the nDoc bytes of zDoc to its end; returns
** SQLITE_OK or the error code. */
static inline int robust_run(sqlite3 *db, const char *zSql, const char *zDoc, int nDoc) {
  sqlite3_stmt *p = NULL;
  int rc = sqlite3_prepare_v2(db, zSql, -1, &p, NULL);
  if (rc == SQLITE_OK) {
    sqlite3_bind_text(p, 1, zDoc, nDoc, SQLITE_STATIC);
    while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
    }
  }
  sqlite3_finalize(p);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Joins the n threads th[]; bad[i] is the count of wrong results thread i
** saw.  Prints a line per failing thread; returns the failing threads. */
static inline int robust_join(pthread_t *th, const long *bad, int n) {
  int fail = 0;
  for (int i = 0; i < n; i++) {
    pthread_join(th[i], NULL);
    if (bad[i]) {
      printf("FAIL thread %d: %ld results differ\n", i, bad[i]);
      fail++;
    }
  }
  return fail;
}

#endif
