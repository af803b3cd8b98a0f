/*
** newsext_batch.c -- newsext-batch: materialise entities, quotes and
** event_dates of a whole articles table, on every core, resumably.
**
** WHAT
**   newsext-batch [-j N] [--ext PATH] [--table T] [--id COL] [--body COL]
**                 [--ref COL | --no-ref] [--from ROWID] [--to ROWID]
**                 [--chunk N] [--on-error stop|skip] [--reset] [--quiet]
**                 [--shard K/N] [--out FILE] DB
**   newsext-batch merge DEST SRC...  |  newsext-batch split SRC N DIR
**     (newsext_scale.c: shards, newsext_runs, merge, split; docs/scale-out.md)
**   reads T(COL id, COL body [, COL ref]) -- by default articles(rowid, body,
**   published), the ref column only when it exists -- and writes, keyed by
**   the article's id and the row's 1-based ordinal n within the article:
**
**     article_entities(article, n, text, type, start, length, sentence,
**                      canonical, title)
**     article_quotes  (article, n, quote, speaker, speaker_text, verb, start,
**                      length, sentence, kind)
**     article_dates   (article, n, text, type, value, date, start, length,
**                      sentence, end_value, end_date) -- event_dates(body, ref)
**     newsext_batch_done(article)                     -- the progress table
**     newsext_batch_errors(article, error)   -- articles skipped (--on-error skip)
**
**   The columns are exactly those of the SQL functions (see docs/), so a row
**   equals `SELECT a.id, x.rowid, x.* FROM T a, entities(a.body) x`.
**
**   --shard K/N takes only the articles whose id is in shard K of N;
**   --out FILE writes the tables to FILE, with DB attached read-only as
**   "src" (so the articles table is always named with its schema); every
**   run is recorded in newsext_runs with the extension's version and hash.
**
** CHECKS
**   Before anything is written (not even the switch to WAL) the tool takes
**   its run lock -- an exclusive flock(2) on the database file, so a second
**   run on the same database stops with a clear message -- and checks that
**   the table and the named columns exist (SQLite reads an unknown quoted
**   name as a string: every article would be analysed as that word) and
**   that the ids are unique integers (they key every result row; --id rowid
**   keys by rowid instead).  Numbers in options are parsed strictly.
**
**   An article whose analysis fails (a BLOB body, a reference date that is
**   no date) stops the run with its id and the error (--on-error stop, the
**   default), or with --on-error skip is left out -- none of its rows -- and
**   recorded in newsext_batch_errors while the rest go on; such a run ends
**   with status 3 and a summary.  Skipped articles are not marked done, so
**   the next run retries them (and forgets the error of one that succeeds).
**
** HOW
**   The main thread plans: it lists the ids in the range that are not yet in
**   newsext_batch_done and cuts them into chunks of --chunk articles, each a
**   rowid range lo..hi.  N worker threads, each with its own read connection
**   that has loaded the extension, claim chunks in order (a mutex-protected
**   counter), run the three functions on each article of their chunk -- one
**   body bound to three prepared statements, so the connection's document
**   cache analyses it once -- and serialise the result rows into a chunk
**   result (one buffer per table) that goes on a bounded queue.  One writer thread,
**   with the only write connection, takes every queued result and commits
**   their rows AND their articles' ids in newsext_batch_done in one
**   transaction.  So an article's results are either all committed with its
**   progress row or not at all: a run that is interrupted (Ctrl-C, kill,
**   power loss) and started again skips exactly the committed articles and
**   never duplicates a row (in place, each table's PRIMARY KEY (article, n)
**   would refuse one anyway; an --out file's tables have no key, for
**   merge).  Ctrl-C (SIGINT/SIGTERM) stops the workers after their current
**   chunk and commits what is finished before exiting with status 130.
**
**   The database is switched to WAL mode (persistent) so that the readers
**   never block the writer; synchronous=NORMAL, which in WAL mode may lose
**   the last commits on power loss but never corrupts -- and a lost commit
**   is simply redone on the next run.
**
**   Work the writer does after the last worker stops runs on one core while
**   the others idle, so none is left for the end: the result tables are
**   WITHOUT ROWID tables clustered on their key (no index to build), and
**   the WAL is checkpointed every 2000 pages as it grows (so closing the
**   database copies little).  Both cost the writer about the same CPU as
**   before, but while the workers run.
**
**   SQLite's memory statistics (SQLITE_CONFIG_MEMSTATUS) are turned off:
**   they take a global mutex on every allocation, which would serialise the
**   workers' analyses.
**
**   On a terminal (isatty(stderr)) a progress bar with throughput and ETA is
**   redrawn at most 10 times a second; at the end one line on stdout reports
**   articles, MB, seconds, MB/s and row counts.  Exit status: 0 done,
**   1 error (message on stderr), 2 usage, 3 done but articles skipped
**   (--on-error skip), 130 interrupted.
**
**   --stop-after N (for tests) ends the run after N committed transactions
**   and throws away whatever else was finished, as a crash would.
*/
#define _DEFAULT_SOURCE
#include <sqlite3.h>

#include "newsext_scale.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

/* ------------------------------------------------------------ the tables */

enum { T_ENTITIES, T_QUOTES, T_DATES, N_TABLES };

/* One result table: the function query a worker runs per article and the
** table the writer fills.  The tables are created by the schema part of
** sql/materialize.sql (compiled in as zSchemaSql); the query is built from
** the table's columns: the function's rowid (the ordinal n), then the
** function's columns of the same names. */
typedef struct out_table {
  const char *zTable; /* result table */
  const char *zFunc;  /* its function, called with ?1 = body [, ?2 = reference date] */
  char *zSelect;      /* per-article query (built by setup_tables) */
  int nCol;           /* columns of zSelect (n included) */
} out_table;

static out_table aOut[N_TABLES] = {
    {"article_entities", "news_entities(?1)", NULL, 0},
    {"article_quotes", "news_quotes(?1)", NULL, 0},
    {"article_dates", "news_event_dates(?1, ?2)", NULL, 0},
};
#define MAX_COL 24

#include "materialize_sql.h" /* zSchemaSql: the schema part of sql/materialize.sql */

/* ------------------------------------------------------------ run state */

/* A planned chunk: a range of ids with work to do. */
typedef struct chunk {
  sqlite3_int64 lo, hi; /* id range, inclusive */
  int nArticle;         /* articles in it still to do */
} chunk;

/* Rows of one table for one chunk, serialised into one growable buffer so
** that neither side pays a malloc per value: per row the article id (8
** bytes), then per column a type byte (SQLITE_INTEGER, _FLOAT, _TEXT, _BLOB,
** _NULL) and its payload (8 bytes, 8 bytes, 4-byte length + bytes, same,
** nothing).  The writer binds text straight out of the buffer. */
typedef struct rowset {
  unsigned char *a; /* the rows */
  size_t n, nAlloc; /* bytes used and allocated */
  size_t nRow;      /* rows */
} rowset;

/* What a worker hands the writer for one chunk. */
typedef struct result {
  struct result *pNext;
  sqlite3_int64 *aDone; /* ids of the articles processed */
  sqlite3_int64 *aSeq;  /* their newsext_pending.seq as read, 0 if not queued */
  size_t nDone, nDoneAlloc;
  double bytes;         /* their text */
  rowset rows[N_TABLES];
  sqlite3_int64 *aErrId; /* --on-error skip: articles that failed ... */
  char **azErr;          /* ... and their messages (sqlite3_malloc'ed) */
  size_t nErr, nErrAlloc;
} result;

/* Options and shared state, passed to every thread. */
typedef struct batch {
  /* options */
  const char *zDb, *zExt, *zTable, *zId, *zBody, *zRef;
  const char *zOut;    /* --out FILE: the results database (NULL: DB itself) */
  const char *zS;      /* schema of the articles table: "main", or "src" with --out */
  sqlite3_int64 nShard, iShard; /* --shard K/N (nShard 0: all articles) */
  scale_build build;   /* version and model hash of the extension */
  sqlite3_int64 iRun;  /* this run's row in newsext_runs */
  sqlite3_int64 from, to;
  int nThread, nChunkSize, bReset, bQuiet, bNoRef, nStopAfter, bPending;
  int bSkip; /* --on-error skip */
  /* the plan */
  chunk *aChunk;
  int nChunk;
  double totalArticles, doneBefore;
  char *zSelectArticles; /* worker's per-chunk query */
  /* shared, under mu */
  pthread_mutex_t mu;
  pthread_cond_t cvQueue; /* queue got an item or a worker finished */
  pthread_cond_t cvSpace; /* queue has room */
  int iNextChunk;         /* next chunk to claim */
  result *pHead, *pTail;  /* queue, oldest first */
  int nQueued, nQueueMax;
  int nWorkersLeft;
  int bStop;              /* stop claiming chunks */
  int bError;
  char zErr[512];
  /* writer's counters */
  double doneBytes, doneArticles;
  sqlite3_int64 nRows[N_TABLES];
  sqlite3_int64 nSkipped;    /* articles recorded in newsext_batch_errors */
  int bErrorsBefore;         /* newsext_batch_errors had rows at the start */
  double t0;
  double writerCpu; /* CPU seconds of the writer (main) thread */
} batch;

static volatile sig_atomic_t gInterrupted = 0; /* set by SIGINT/SIGTERM */

static void on_signal(int sig) {
  (void)sig;
  gInterrupted = 1;
}

static double now_s(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Records the first error; later ones are dropped. */
static void set_error(batch *p, const char *zFmt, ...) {
  pthread_mutex_lock(&p->mu);
  if (!p->bError) {
    va_list ap;
    va_start(ap, zFmt);
    vsnprintf(p->zErr, sizeof p->zErr, zFmt, ap);
    va_end(ap);
    p->bError = 1;
  }
  p->bStop = 1;
  pthread_cond_broadcast(&p->cvSpace);
  pthread_cond_broadcast(&p->cvQueue);
  pthread_mutex_unlock(&p->mu);
}

/* Quotes an SQL identifier into a new sqlite3_malloc'ed string. */
static char *ident(const char *z) { return sqlite3_mprintf("\"%w\"", z); }

/* The articles table, qualified by its schema ("main", or "src" with --out). */
static char *src_table(const batch *p) { return sqlite3_mprintf("\"%w\".\"%w\"", p->zS, p->zTable); }

#ifndef NEWSEXT_LIBDIR
#define NEWSEXT_LIBDIR "/usr/lib" /* the Makefile passes the install directory */
#endif

/* The extension to load when neither --ext nor $NEWSEXT_EXT names one:
** newsext.so beside this program (a build tree), else the installed
** NEWSEXT_LIBDIR/newsext.so, else the bare name for the loader to find.
** Never the working directory. */
static const char *default_ext(char *zBuf, size_t nBuf) {
  ssize_t n = readlink("/proc/self/exe", zBuf, nBuf - 16);
  char *zSlash = n > 0 ? memchr(zBuf, '/', (size_t)n) : NULL;
  if (zSlash) {
    zBuf[n] = 0;
    zSlash = strrchr(zBuf, '/');
    memcpy(zSlash + 1, "newsext.so", 11);
    if (access(zBuf, R_OK) == 0) return zBuf;
  }
  if (access(NEWSEXT_LIBDIR "/newsext.so", R_OK) == 0) return NEWSEXT_LIBDIR "/newsext.so";
  return "newsext";
}

/* Checks that the extension loads, before any work, and reads which build
** it is into *pBuild; nonzero (reported) if not. */
static int check_ext(const char *zExt, scale_build *pBuild) {
  if (strchr(zExt, '/') && access(zExt, R_OK) != 0) {
    int err = errno;
    size_t n = strlen(zExt);
    char *zSo = sqlite3_mprintf("%s.so", zExt);
    int bSo = n < 3 || strcmp(zExt + n - 3, ".so") ? zSo && access(zSo, R_OK) == 0 : 0;
    sqlite3_free(zSo);
    if (!bSo) {
      fprintf(stderr, "newsext-batch: cannot load the extension %s: %s\n", zExt, strerror(err));
      return 1;
    }
  }
  sqlite3 *db = NULL;
  char *zErr = NULL;
  int rc = sqlite3_open(":memory:", &db);
  if (rc == SQLITE_OK) sqlite3_enable_load_extension(db, 1);
  if (rc == SQLITE_OK) rc = sqlite3_load_extension(db, zExt, NULL, &zErr);
  if (rc != SQLITE_OK)
    fprintf(stderr, "newsext-batch: cannot load the extension %s: %s\n%s", zExt, zErr ? zErr : sqlite3_errmsg(db),
            strchr(zExt, '/') ? "" : "install it with `make install` or name it with --ext PATH\n");
  else
    rc = scale_build_read(db, zExt, pBuild);
  sqlite3_free(zErr);
  sqlite3_close(db);
  return rc != SQLITE_OK;
}

/* Opens a connection: to DB, or with --out to the results database with DB
** attached read-only as "src"; newsext_shard() is registered on it. */
static sqlite3 *open_conn(batch *p, int bLoad, int flags) {
  sqlite3 *db = NULL;
  const char *zMain = p->zOut ? p->zOut : p->zDb;
  if (sqlite3_open_v2(zMain, &db, flags | SQLITE_OPEN_URI, NULL) != SQLITE_OK) {
    set_error(p, "cannot open %s: %s", zMain, sqlite3_errmsg(db));
    sqlite3_close(db);
    return NULL;
  }
  sqlite3_busy_timeout(db, 60000);
  if (scale_register(db) != SQLITE_OK || (p->zOut && scale_attach_ro(db, p->zDb, "src") != SQLITE_OK)) {
    set_error(p, "cannot open %s: %s", p->zDb, sqlite3_errmsg(db));
    sqlite3_close(db);
    return NULL;
  }
  if (bLoad) {
    char *zErr = NULL;
    sqlite3_enable_load_extension(db, 1);
    if (sqlite3_load_extension(db, p->zExt, NULL, &zErr) != SQLITE_OK) {
      set_error(p, "cannot load %s: %s", p->zExt, zErr ? zErr : sqlite3_errmsg(db));
      sqlite3_free(zErr);
      sqlite3_close(db);
      return NULL;
    }
  }
  return db;
}

/* ---------------------------------------------------------------- results */

static void result_free(result *r) {
  if (!r) return;
  for (int t = 0; t < N_TABLES; t++) {
    free(r->rows[t].a);
  }
  free(r->aDone);
  free(r->aSeq);
  for (size_t i = 0; i < r->nErr; i++) sqlite3_free(r->azErr[i]);
  free(r->aErrId);
  free(r->azErr);
  free(r);
}

/* Makes room for n more bytes in s; nonzero on OOM. */
static int rowset_reserve(rowset *s, size_t n) {
  if (s->n + n <= s->nAlloc) return 0;
  size_t m = s->nAlloc ? s->nAlloc : 4096;
  while (m < s->n + n) m *= 2;
  unsigned char *a = realloc(s->a, m);
  if (!a) return 1;
  s->a = a;
  s->nAlloc = m;
  return 0;
}

static void put_bytes(rowset *s, const void *p, size_t n) {
  memcpy(s->a + s->n, p, n);
  s->n += n;
}

/* Appends the current row of st (nCol columns) for article id. */
static int rowset_add(rowset *s, int nCol, sqlite3_int64 id, sqlite3_stmt *st) {
  if (rowset_reserve(s, 8)) return 1;
  put_bytes(s, &id, 8);
  for (int i = 0; i < nCol; i++) {
    int type = sqlite3_column_type(st, i);
    unsigned char tag = (unsigned char)type;
    if (type == SQLITE_INTEGER) {
      sqlite3_int64 v = sqlite3_column_int64(st, i);
      if (rowset_reserve(s, 9)) return 1;
      put_bytes(s, &tag, 1);
      put_bytes(s, &v, 8);
    } else if (type == SQLITE_FLOAT) {
      double v = sqlite3_column_double(st, i);
      if (rowset_reserve(s, 9)) return 1;
      put_bytes(s, &tag, 1);
      put_bytes(s, &v, 8);
    } else if (type == SQLITE_TEXT || type == SQLITE_BLOB) {
      const void *p = type == SQLITE_TEXT ? (const void *)sqlite3_column_text(st, i) : sqlite3_column_blob(st, i);
      uint32_t n = (uint32_t)sqlite3_column_bytes(st, i);
      if (rowset_reserve(s, 5 + (size_t)n)) return 1;
      put_bytes(s, &tag, 1);
      put_bytes(s, &n, 4);
      if (n) put_bytes(s, p, n);
    } else {
      if (rowset_reserve(s, 1)) return 1;
      put_bytes(s, &tag, 1);
    }
  }
  s->nRow++;
  return 0;
}

/* Binds the row at *pOff of s to st from parameter iBase+1 on (article,
** then the columns) and advances *pOff past it. */
static void rowset_bind(const rowset *s, size_t *pOff, int nCol, sqlite3_stmt *st, int iBase) {
  const unsigned char *p = s->a + *pOff;
  sqlite3_int64 id;
  memcpy(&id, p, 8);
  p += 8;
  sqlite3_bind_int64(st, iBase + 1, id);
  for (int i = 0; i < nCol; i++) {
    int type = *p++;
    if (type == SQLITE_INTEGER) {
      sqlite3_int64 v;
      memcpy(&v, p, 8);
      p += 8;
      sqlite3_bind_int64(st, iBase + i + 2, v);
    } else if (type == SQLITE_FLOAT) {
      double v;
      memcpy(&v, p, 8);
      p += 8;
      sqlite3_bind_double(st, iBase + i + 2, v);
    } else if (type == SQLITE_TEXT || type == SQLITE_BLOB) {
      uint32_t n;
      memcpy(&n, p, 4);
      p += 4;
      if (type == SQLITE_TEXT) sqlite3_bind_text(st, iBase + i + 2, (const char *)p, (int)n, SQLITE_STATIC);
      else sqlite3_bind_blob(st, iBase + i + 2, p, (int)n, SQLITE_STATIC);
      p += n;
    } else {
      sqlite3_bind_null(st, iBase + i + 2);
    }
  }
  *pOff = (size_t)(p - s->a);
}

static int done_add(result *r, sqlite3_int64 id, sqlite3_int64 seq) {
  if (r->nDone == r->nDoneAlloc) {
    size_t n = r->nDoneAlloc ? r->nDoneAlloc * 2 : 64;
    sqlite3_int64 *a = realloc(r->aDone, n * sizeof *a);
    if (a) r->aDone = a;
    sqlite3_int64 *b = a ? realloc(r->aSeq, n * sizeof *b) : NULL;
    if (!b) return 1;
    r->aSeq = b;
    r->nDoneAlloc = n;
  }
  r->aSeq[r->nDone] = seq;
  r->aDone[r->nDone++] = id;
  return 0;
}

/* Records that article id failed with message zMsg (--on-error skip). */
static int error_add(result *r, sqlite3_int64 id, const char *zMsg) {
  if (r->nErr == r->nErrAlloc) {
    size_t n = r->nErrAlloc ? r->nErrAlloc * 2 : 8;
    sqlite3_int64 *aId = realloc(r->aErrId, n * sizeof *aId);
    if (aId) r->aErrId = aId;
    char **az = aId ? realloc(r->azErr, n * sizeof *az) : NULL;
    if (!az) return 1;
    r->azErr = az;
    r->nErrAlloc = n;
  }
  char *z = sqlite3_mprintf("%s", zMsg);
  if (!z) return 1;
  r->aErrId[r->nErr] = id;
  r->azErr[r->nErr++] = z;
  return 0;
}

/* ---------------------------------------------------------------- workers */

/* Analyses one chunk into a new result; NULL on error (reported). */
static result *work_chunk(batch *p, sqlite3 *db, sqlite3_stmt *pSel, sqlite3_stmt **aFn, const chunk *c) {
  result *r = calloc(1, sizeof *r);
  if (!r) {
    set_error(p, "out of memory");
    return NULL;
  }
  sqlite3_reset(pSel);
  sqlite3_bind_int64(pSel, 1, c->lo);
  sqlite3_bind_int64(pSel, 2, c->hi);
  int rc;
  while ((rc = sqlite3_step(pSel)) == SQLITE_ROW) {
    sqlite3_int64 id = sqlite3_column_int64(pSel, 0);
    sqlite3_value *pBody = sqlite3_column_value(pSel, 1);
    sqlite3_value *pRef = sqlite3_column_value(pSel, 2);
    size_t aMark[N_TABLES][2]; /* each rowset before this article, to undo a failed one */
    for (int t = 0; t < N_TABLES; t++) {
      aMark[t][0] = r->rows[t].n;
      aMark[t][1] = r->rows[t].nRow;
    }
    int bFailed = 0;
    for (int t = 0; t < N_TABLES && !bFailed; t++) {
      sqlite3_stmt *st = aFn[t];
      sqlite3_reset(st);
      sqlite3_bind_value(st, 1, pBody);
      if (t == T_DATES) sqlite3_bind_value(st, 2, pRef);
      while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (rowset_add(&r->rows[t], aOut[t].nCol, id, st)) {
          set_error(p, "out of memory");
          result_free(r);
          return NULL;
        }
      }
      if (rc != SQLITE_DONE && (!p->bSkip || rc == SQLITE_NOMEM)) {
        set_error(p, "article %lld: %s", (long long)id, sqlite3_errmsg(db));
        sqlite3_reset(st);
        result_free(r);
        return NULL;
      }
      if (rc != SQLITE_DONE) { /* --on-error skip: drop its rows, record it, go on */
        bFailed = 1;
        for (int k = 0; k < N_TABLES; k++) {
          r->rows[k].n = aMark[k][0];
          r->rows[k].nRow = aMark[k][1];
        }
        if (error_add(r, id, sqlite3_errmsg(db))) {
          set_error(p, "out of memory");
          sqlite3_reset(st);
          result_free(r);
          return NULL;
        }
      }
      sqlite3_reset(st);
    }
    if (bFailed) continue;
    r->bytes += (double)sqlite3_column_bytes(pSel, 1);
    if (done_add(r, id, sqlite3_column_int64(pSel, 3))) {
      set_error(p, "out of memory");
      result_free(r);
      return NULL;
    }
  }
  if (rc != SQLITE_DONE) {
    set_error(p, "reading %s: %s", p->zTable, sqlite3_errmsg(db));
    result_free(r);
    return NULL;
  }
  sqlite3_reset(pSel);
  return r;
}

static void *worker_main(void *arg) {
  batch *p = arg;
  sqlite3 *db = open_conn(p, 1, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX);
  sqlite3_stmt *pSel = NULL, *aFn[N_TABLES] = {NULL, NULL, NULL};
  if (db) {
    /* --out reads the articles from a database attached read-only: through
    ** a map of it, not copied into page caches that every shard process
    ** fills anew (in place, where the writer grows the file, the map
    ** measured slower) */
    if (p->zOut) scale_map_reads(db, "src");
    if (sqlite3_prepare_v2(db, p->zSelectArticles, -1, &pSel, NULL) != SQLITE_OK)
      set_error(p, "%s", sqlite3_errmsg(db));
    for (int t = 0; t < N_TABLES && pSel; t++)
      if (sqlite3_prepare_v2(db, aOut[t].zSelect, -1, &aFn[t], NULL) != SQLITE_OK) {
        set_error(p, "%s", sqlite3_errmsg(db));
        break;
      }
  }
  while (db && aFn[N_TABLES - 1]) {
    pthread_mutex_lock(&p->mu);
    int i = (p->bStop || gInterrupted || p->iNextChunk >= p->nChunk) ? -1 : p->iNextChunk++;
    pthread_mutex_unlock(&p->mu);
    if (i < 0) break;
    result *r = work_chunk(p, db, pSel, aFn, &p->aChunk[i]);
    if (!r) break;
    pthread_mutex_lock(&p->mu);
    while (p->nQueued >= p->nQueueMax && !p->bStop) pthread_cond_wait(&p->cvSpace, &p->mu);
    if (p->pTail) p->pTail->pNext = r;
    else p->pHead = r;
    p->pTail = r;
    p->nQueued++;
    pthread_cond_signal(&p->cvQueue);
    pthread_mutex_unlock(&p->mu);
  }
  for (int t = 0; t < N_TABLES; t++) sqlite3_finalize(aFn[t]);
  sqlite3_finalize(pSel);
  sqlite3_close(db);
  pthread_mutex_lock(&p->mu);
  p->nWorkersLeft--;
  pthread_cond_broadcast(&p->cvQueue);
  pthread_mutex_unlock(&p->mu);
  return NULL;
}

/* ----------------------------------------------------------------- writer */

static void progress(batch *p, int bFinal) {
  double t = now_s() - p->t0;
  double frac = p->totalArticles > 0 ? p->doneArticles / p->totalArticles : 1;
  double rate = t > 0 ? p->doneBytes / t / 1e6 : 0;
  double eta = p->doneArticles > 0 ? t * (p->totalArticles - p->doneArticles) / p->doneArticles : 0;
  char bar[31];
  int nFill = (int)(frac * 30);
  for (int i = 0; i < 30; i++) bar[i] = i < nFill ? '#' : '.';
  bar[30] = 0;
  fprintf(stderr, "\r[%s] %5.1f%%  %.0f/%.0f articles  %.2f MB/s  ETA %d:%02d ", bar, frac * 100,
          p->doneArticles, p->totalArticles, rate, (int)eta / 60, (int)eta % 60);
  if (bFinal) fputc('\n', stderr);
  fflush(stderr);
}

/* Rows per multi-row INSERT: one statement step for INSERT_ROWS rows costs
** the writer about 40% less per row than a step per row (measured), and
** the single writer's time is what limits the speedup over the workers. */
#define INSERT_ROWS 32

/* Commits a list of results in one transaction; returns nonzero on error.
** aIns[t] inserts one row, aMulti[t] INSERT_ROWS rows. */
static int commit_results(batch *p, sqlite3 *db, sqlite3_stmt **aIns, sqlite3_stmt **aMulti, sqlite3_stmt *pDone,
                          sqlite3_stmt *pUnqueue, sqlite3_stmt *pErr, sqlite3_stmt *pUnErr, result *list) {
  if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) goto fail;
  for (result *r = list; r; r = r->pNext) {
    for (int t = 0; t < N_TABLES; t++) {
      const rowset *s = &r->rows[t];
      const int nParam = aOut[t].nCol + 1;
      size_t off = 0, i = 0;
      for (; i + INSERT_ROWS <= s->nRow; i += INSERT_ROWS) {
        for (int k = 0; k < INSERT_ROWS; k++) rowset_bind(s, &off, aOut[t].nCol, aMulti[t], k * nParam);
        sqlite3_step(aMulti[t]);
        if (sqlite3_reset(aMulti[t]) != SQLITE_OK) goto fail;
      }
      for (; i < s->nRow; i++) {
        rowset_bind(s, &off, aOut[t].nCol, aIns[t], 0);
        sqlite3_step(aIns[t]);
        if (sqlite3_reset(aIns[t]) != SQLITE_OK) goto fail;
      }
    }
    for (size_t i = 0; i < r->nDone; i++) {
      sqlite3_bind_int64(pDone, 1, r->aDone[i]);
      sqlite3_step(pDone);
      if (sqlite3_reset(pDone) != SQLITE_OK) goto fail;
      if (r->aSeq[i]) { /* queued: unqueue unless it changed since it was read */
        sqlite3_bind_int64(pUnqueue, 1, r->aDone[i]);
        sqlite3_bind_int64(pUnqueue, 2, r->aSeq[i]);
        sqlite3_step(pUnqueue);
        if (sqlite3_reset(pUnqueue) != SQLITE_OK) goto fail;
      }
      if (p->bErrorsBefore) { /* an earlier run's error, retried with success */
        sqlite3_bind_int64(pUnErr, 1, r->aDone[i]);
        sqlite3_step(pUnErr);
        if (sqlite3_reset(pUnErr) != SQLITE_OK) goto fail;
      }
    }
    for (size_t i = 0; i < r->nErr; i++) {
      sqlite3_bind_int64(pErr, 1, r->aErrId[i]);
      sqlite3_bind_text(pErr, 2, r->azErr[i], -1, SQLITE_STATIC);
      sqlite3_step(pErr);
      if (sqlite3_reset(pErr) != SQLITE_OK) goto fail;
    }
  }
  if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) goto fail;
  for (result *r = list; r; r = r->pNext) {
    p->doneBytes += r->bytes;
    p->doneArticles += (double)r->nDone;
    for (int t = 0; t < N_TABLES; t++) p->nRows[t] += (sqlite3_int64)r->rows[t].nRow;
    p->nSkipped += (sqlite3_int64)r->nErr;
  }
  return 0;
fail:
  set_error(p, "writing results: %s", sqlite3_errmsg(db));
  sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
  return 1;
}

/* The writer loop, run on the main thread with the write connection. */
static void write_loop(batch *p, sqlite3 *db) {
  sqlite3_stmt *aIns[N_TABLES] = {NULL, NULL, NULL}, *aMulti[N_TABLES] = {NULL, NULL, NULL}, *pDone = NULL,
               *pUnqueue = NULL;
  for (int t = 0; t < N_TABLES; t++) {
    /* INSERT INTO table VALUES(?,...),...: one row, then INSERT_ROWS rows */
    char zQ[128 + INSERT_ROWS * (MAX_COL + 1) * 3];
    for (int m = 0; m < 2; m++) {
      int n = snprintf(zQ, sizeof zQ, "INSERT INTO %s VALUES", aOut[t].zTable);
      for (int r = 0; r < (m ? INSERT_ROWS : 1); r++) {
        n += snprintf(zQ + n, sizeof zQ - (size_t)n, "%s(?", r ? "," : "");
        for (int c = 0; c < aOut[t].nCol; c++) n += snprintf(zQ + n, sizeof zQ - (size_t)n, ",?");
        n += snprintf(zQ + n, sizeof zQ - (size_t)n, ")");
      }
      if (sqlite3_prepare_v2(db, zQ, -1, m ? &aMulti[t] : &aIns[t], NULL) != SQLITE_OK) {
        set_error(p, "%s", sqlite3_errmsg(db));
        break;
      }
    }
  }
  if (sqlite3_prepare_v2(db, "INSERT INTO newsext_batch_done(article) VALUES(?)", -1, &pDone, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2(db, "DELETE FROM newsext_pending WHERE article = ?1 AND seq = ?2", -1, &pUnqueue, NULL) !=
          SQLITE_OK)
    set_error(p, "%s", sqlite3_errmsg(db));
  sqlite3_stmt *pErr = NULL, *pUnErr = NULL;
  if (sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO newsext_batch_errors(article, error) VALUES(?, ?)", -1,
                         &pErr, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2(db, "DELETE FROM newsext_batch_errors WHERE article = ?", -1, &pUnErr, NULL) != SQLITE_OK)
    set_error(p, "%s", sqlite3_errmsg(db));
  int bTty = !p->bQuiet && isatty(2);
  double tDraw = 0;
  int nCommit = 0;
  for (;;) {
    pthread_mutex_lock(&p->mu);
    while (!p->pHead && p->nWorkersLeft > 0 && !(p->bError)) {
      if (gInterrupted) p->bStop = 1;
      struct timespec ts;
      clock_gettime(CLOCK_REALTIME, &ts);
      ts.tv_nsec += 200000000;
      if (ts.tv_nsec >= 1000000000) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000;
      }
      pthread_cond_timedwait(&p->cvQueue, &p->mu, &ts);
    }
    if (gInterrupted) p->bStop = 1;
    result *list = p->pHead;
    p->pHead = p->pTail = NULL;
    p->nQueued = 0;
    int bDone = !list && (p->nWorkersLeft == 0 || p->bError);
    int bErr = p->bError;
    pthread_cond_broadcast(&p->cvSpace);
    pthread_mutex_unlock(&p->mu);
    if (bDone || bErr) {
      while (list) {
        result *n = list->pNext;
        result_free(list);
        list = n;
      }
      break;
    }
    if (p->nStopAfter > 0 && nCommit >= p->nStopAfter) {
      /* simulated crash: drop what was finished but not committed */
      pthread_mutex_lock(&p->mu);
      p->bStop = 1;
      pthread_mutex_unlock(&p->mu);
      gInterrupted = 1;
    } else if (aMulti[N_TABLES - 1] && pDone && pUnqueue && pUnErr) {
      commit_results(p, db, aIns, aMulti, pDone, pUnqueue, pErr, pUnErr, list);
      nCommit++;
    }
    while (list) {
      result *n = list->pNext;
      result_free(list);
      list = n;
    }
    if (bTty && now_s() - tDraw > 0.1) {
      progress(p, 0);
      tDraw = now_s();
    }
  }
  if (bTty) progress(p, 1);
  for (int t = 0; t < N_TABLES; t++) {
    sqlite3_finalize(aIns[t]);
    sqlite3_finalize(aMulti[t]);
  }
  sqlite3_finalize(pDone);
  sqlite3_finalize(pUnqueue);
  sqlite3_finalize(pErr);
  sqlite3_finalize(pUnErr);
}

/* ------------------------------------------------------------------ setup */

/* Creates the result tables (and drops them first with --reset).  The
** writer's page cache is 2 MB: the rows go in article order, so only the
** right edge of each table's b-tree is written to, and every page a bigger
** cache holds costs a page fault of fresh memory and is never read again.
** Against the 64 MB it had, on the gate corpus: writer CPU 0.45 -> 0.29 s,
** 2 threads 1.53x -> 1.69x as fast as one (the same with random ids, which
** are read in id order too). */
static int setup_tables(batch *p, sqlite3 *db) {
  char *zErr = NULL;
  if (sqlite3_exec(db,
                   "PRAGMA main.journal_mode=WAL; PRAGMA main.synchronous=NORMAL; PRAGMA main.cache_size=-2048; "
                   "PRAGMA wal_autocheckpoint=2000; PRAGMA main.secure_delete=OFF;",
                   NULL, NULL, &zErr) != SQLITE_OK)
    goto fail;
  if (p->bReset) {
    for (int t = 0; t < N_TABLES; t++) {
      char *z = sqlite3_mprintf("DROP TABLE IF EXISTS main.%s", aOut[t].zTable);
      int rc = z ? sqlite3_exec(db, z, NULL, NULL, &zErr) : SQLITE_NOMEM;
      sqlite3_free(z);
      if (rc != SQLITE_OK) goto fail;
    }
    if (sqlite3_exec(db, "DROP TABLE IF EXISTS main.newsext_batch_done; DROP TABLE IF EXISTS main.newsext_batch_errors;"
                     "DROP TABLE IF EXISTS main.newsext_runs",
                     NULL, NULL, &zErr) != SQLITE_OK)
      goto fail;
  }
  if (p->zOut) { /* a result file: the result tables in the form merge copies fastest */
    const char *azTable[N_TABLES];
    for (int t = 0; t < N_TABLES; t++) azTable[t] = aOut[t].zTable;
    if (scale_out_tables(db, zSchemaSql, azTable, N_TABLES, &zErr)) goto fail;
  }
  int rc = sqlite3_exec(db, zSchemaSql, NULL, NULL, &zErr);
  if (rc != SQLITE_OK) goto fail;
  if (p->bReset && sqlite3_exec(db, "DELETE FROM newsext_pending", NULL, NULL, &zErr) != SQLITE_OK) goto fail;
  /* each function's query: its rowid, then the columns the table has after (article, n) */
  for (int t = 0; t < N_TABLES; t++) {
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "SELECT name FROM pragma_table_info(?1, 'main') WHERE cid >= 2 ORDER BY cid", -1, &st,
                           NULL) != SQLITE_OK)
      goto fail;
    sqlite3_bind_text(st, 1, aOut[t].zTable, -1, SQLITE_STATIC);
    sqlite3_str *pSel = sqlite3_str_new(db);
    sqlite3_str_appendall(pSel, "SELECT rowid");
    aOut[t].nCol = 1;
    while (sqlite3_step(st) == SQLITE_ROW) {
      sqlite3_str_appendf(pSel, ", \"%w\"", (const char *)sqlite3_column_text(st, 0));
      aOut[t].nCol++;
    }
    sqlite3_str_appendf(pSel, " FROM %s", aOut[t].zFunc);
    rc = sqlite3_finalize(st);
    aOut[t].zSelect = sqlite3_str_finish(pSel);
    if (rc != SQLITE_OK) goto fail;
    if (!aOut[t].zSelect || aOut[t].nCol > MAX_COL) {
      zErr = sqlite3_mprintf("%s: %s", aOut[t].zTable, aOut[t].zSelect ? "too many columns" : "out of memory");
      goto fail;
    }
  }
  if (sqlite3_exec(db,
                   "CREATE TABLE IF NOT EXISTS newsext_batch_errors(article INTEGER PRIMARY KEY, error TEXT NOT NULL)",
                   NULL, NULL, &zErr) != SQLITE_OK)
    goto fail;
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(db, "SELECT EXISTS (SELECT 1 FROM newsext_batch_errors)", -1, &st, NULL) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW)
    p->bErrorsBefore = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  return 0;
fail:
  fprintf(stderr, "newsext-batch: %s\n", zErr ? zErr : sqlite3_errmsg(db));
  sqlite3_free(zErr);
  return 1;
}

/* Drops the result rows of the articles queued in newsext_pending (changed
** since they were computed) and their progress rows, so this run computes
** them again, and unqueues those that no longer exist.  A queued article
** leaves the queue when its new rows are committed, if it has not changed
** again since they were read (see commit_results). */
static int apply_queue(batch *p, sqlite3 *db) {
  char *zT = src_table(p), *zI = ident(p->zId);
  sqlite3_str *pSql = sqlite3_str_new(db);
  sqlite3_str_appendall(pSql, "BEGIN IMMEDIATE;");
  for (int t = 0; t < N_TABLES; t++)
    sqlite3_str_appendf(pSql, "DELETE FROM %s WHERE article IN (SELECT article FROM newsext_pending);",
                        aOut[t].zTable);
  sqlite3_str_appendf(pSql,
                      "DELETE FROM newsext_batch_done WHERE article IN (SELECT article FROM newsext_pending);"
                      "DELETE FROM newsext_pending WHERE article NOT IN (SELECT %s FROM %s);COMMIT;",
                      zI ? zI : "", zT ? zT : "");
  char *zSql = sqlite3_str_finish(pSql), *zErr = NULL;
  int rc = zSql && zT && zI ? sqlite3_exec(db, zSql, NULL, NULL, &zErr) : SQLITE_NOMEM;
  if (rc != SQLITE_OK) {
    fprintf(stderr, "newsext-batch: applying the newsext_pending queue: %s\n",
            zErr ? zErr : sqlite3_errstr(rc));
    sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
  }
  sqlite3_free(zErr);
  sqlite3_free(zSql);
  sqlite3_free(zT);
  sqlite3_free(zI);
  return rc != SQLITE_OK;
}

/* Runs zSql (?1 = the table name, ?2 = zArg) and copies the first column
** of its first row into zOut (empty when there is no row); nonzero when the
** statement fails, with the message in zOut. */
static int query_text(sqlite3 *db, const char *zSql, const char *zTable, const char *zArg, char *zOut,
                      size_t nOut) {
  sqlite3_stmt *st = NULL;
  zOut[0] = 0;
  int rc = sqlite3_prepare_v2(db, zSql, -1, &st, NULL);
  if (rc == SQLITE_OK) {
    if (sqlite3_bind_parameter_count(st) >= 1) sqlite3_bind_text(st, 1, zTable, -1, SQLITE_STATIC);
    if (sqlite3_bind_parameter_count(st) >= 2) sqlite3_bind_text(st, 2, zArg, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) {
      const char *z = (const char *)sqlite3_column_text(st, 0);
      snprintf(zOut, nOut, "%s", z ? z : "NULL");
    }
    rc = sqlite3_finalize(st);
  }
  if (rc != SQLITE_OK) snprintf(zOut, nOut, "%s", sqlite3_errmsg(db));
  return rc != SQLITE_OK;
}

/* True when zId names the rowid rather than a column. */
static int is_rowid(sqlite3 *db, const char *zCol, const char *zTable, const char *zId) {
  char z[8];
  if (sqlite3_stricmp(zId, "rowid") && sqlite3_stricmp(zId, "oid") && sqlite3_stricmp(zId, "_rowid_")) return 0;
  query_text(db, zCol, zTable, zId, z, sizeof z);
  return z[0] == 0;
}

/* Checks, before anything is written, that the table and the named columns
** exist and that the ids are unique integers: SQLite would read an unknown
** "column" as a string literal (every article analysed as that word) and
** results are keyed by the id.  Prints the problem; nonzero on error. */
static int validate(batch *p, sqlite3 *db) {
  char z[256], zCol[128], zTab[96];
  snprintf(zCol, sizeof zCol, "SELECT 1 FROM pragma_table_xinfo(?1, '%s') WHERE name = ?2 COLLATE NOCASE", p->zS);
  snprintf(zTab, sizeof zTab, "SELECT 1 FROM pragma_table_xinfo(?1, '%s')", p->zS);
  if (query_text(db, zTab, p->zTable, NULL, z, sizeof z) || !z[0]) {
    fprintf(stderr, "newsext-batch: no table %s in %s%s%s\n", p->zTable, p->zDb, z[0] ? ": " : "", z[0] ? z : "");
    return 1;
  }
  const char *azCheck[3] = {p->zBody, p->zRef, is_rowid(db, zCol, p->zTable, p->zId) ? NULL : p->zId};
  for (int i = 0; i < 3; i++) {
    if (!azCheck[i]) continue;
    if (query_text(db, zCol, p->zTable, azCheck[i], z, sizeof z) || !z[0]) {
      fprintf(stderr, "newsext-batch: no column %s in table %s%s%s\n", azCheck[i], p->zTable, z[0] ? ": " : "",
              z[0] ? z : "");
      return 1;
    }
  }
  char *zT = src_table(p), *zI = azCheck[2] ? ident(p->zId) : sqlite3_mprintf("rowid");
  /* a rowid is an integer in every row of a table that has one: its first
  ** row (or a failed prepare: WITHOUT ROWID, a view) tells, without reading
  ** the whole table as a column's check must */
  char *zNotInt = azCheck[2]
                      ? sqlite3_mprintf("SELECT quote(%s) FROM %s WHERE typeof(%s) <> 'integer' LIMIT 1", zI, zT, zI)
                      : sqlite3_mprintf("SELECT quote(x) FROM (SELECT rowid AS x FROM %s LIMIT 1) "
                                        "WHERE typeof(x) <> 'integer'", zT);
  char *zDup = sqlite3_mprintf("SELECT %s FROM %s GROUP BY 1 HAVING count(*) > 1 LIMIT 1", zI, zT);
  int rc = 1, bErr = 0;
  if (!zT || !zI || !zNotInt || !zDup) {
    fprintf(stderr, "newsext-batch: out of memory\n");
  } else if ((bErr = query_text(db, zNotInt, NULL, NULL, z, sizeof z)) != 0 || (z[0] && !azCheck[2])) {
    if (!azCheck[2]) /* a failed prepare, or a view's NULL rowid */
      fprintf(stderr, "newsext-batch: table %s has no rowid (WITHOUT ROWID, or a view): name its integer id column "
              "with --id%s%s%s\n", p->zTable, bErr ? " (" : "", bErr ? z : "", bErr ? ")" : "");
    else
      fprintf(stderr, "newsext-batch: reading %s.%s: %s\n", p->zTable, p->zId, z);
  } else if (z[0]) {
    fprintf(stderr, "newsext-batch: %s.%s holds %s, which is not an integer; article ids must be integers "
            "(use --id rowid to key the results by rowid)\n", p->zTable, p->zId, z);
  } else if (azCheck[2] && query_text(db, zDup, NULL, NULL, z, sizeof z)) {
    fprintf(stderr, "newsext-batch: reading %s.%s: %s\n", p->zTable, p->zId, z);
  } else if (azCheck[2] && z[0]) {
    fprintf(stderr, "newsext-batch: %s.%s holds %s twice; article ids must be unique "
            "(use --id rowid to key the results by rowid)\n", p->zTable, p->zId, z);
  } else {
    rc = 0;
  }
  sqlite3_free(zT);
  sqlite3_free(zI);
  sqlite3_free(zNotInt);
  sqlite3_free(zDup);
  return rc;
}

/* Takes the run lock: an exclusive flock(2) on the database file, held until
** the process exits (a crash or kill releases it).  Two runs would analyse
** the same articles and collide on their result rows.  Returns the open
** descriptor, -1 when the file cannot be opened (sqlite3_open reports why),
** or -2 when another run holds the lock (reported). */
static int take_lock(const char *zDb) {
  int fd = open(zDb, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno == EWOULDBLOCK)
      fprintf(stderr, "newsext-batch: another newsext-batch run is using %s; wait for it to finish "
              "(one run per database at a time)\n", zDb);
    else
      fprintf(stderr, "newsext-batch: cannot lock %s: %s\n", zDb, strerror(errno));
    close(fd);
    return -2;
  }
  return fd;
}

/* Parses an option's integer value strictly (all of it, in lo..hi); prints
** the problem and returns nonzero otherwise. */
static int parse_int(const char *zOpt, const char *z, sqlite3_int64 lo, sqlite3_int64 hi, sqlite3_int64 *pOut) {
  char *zEnd = NULL;
  errno = 0;
  long long v = strtoll(z, &zEnd, 10);
  if (errno || zEnd == z || *zEnd || v < lo || v > hi) {
    if (lo == INT64_MIN && hi == INT64_MAX)
      fprintf(stderr, "newsext-batch: %s: '%s' is not an integer\n", zOpt, z);
    else
      fprintf(stderr, "newsext-batch: %s: '%s' is not an integer from %lld to %lld\n", zOpt, z, (long long)lo,
              (long long)hi);
    return 1;
  }
  *pOut = v;
  return 0;
}

/* Picks the reference-date column: --ref, else "published" when it exists. */
static int choose_ref(batch *p, sqlite3 *db) {
  if (p->bNoRef || p->zRef) return 0;
  sqlite3_stmt *st = NULL;
  char *zSql = sqlite3_mprintf("SELECT 1 FROM pragma_table_info(?1, %Q) WHERE name = 'published'", p->zS);
  int rc = zSql ? sqlite3_prepare_v2(db, zSql, -1, &st, NULL) : SQLITE_NOMEM;
  sqlite3_free(zSql);
  if (rc != SQLITE_OK) return 1;
  sqlite3_bind_text(st, 1, p->zTable, -1, SQLITE_STATIC);
  if (sqlite3_step(st) == SQLITE_ROW) p->zRef = "published";
  sqlite3_finalize(st);
  return 0;
}

/* The plan's conditions for --pending and --shard (NULL, printed as an
** empty string, without them). */
static char *only_pending(const batch *p, const char *zI) {
  char *zPending = p->bPending ? sqlite3_mprintf("AND a.%s IN (SELECT article FROM newsext_pending)", zI) : NULL;
  if (!p->nShard) return zPending;
  return sqlite3_mprintf("%z AND newsext_shard(a.%s, %lld) = %lld", zPending, zI, (long long)p->nShard,
                         (long long)p->iShard);
}

/* Lists the ids still to do and cuts them into chunks. */
static int plan(batch *p, sqlite3 *db) {
  char *zT = src_table(p), *zI = ident(p->zId), *zB = ident(p->zBody);
  char *zR = p->zRef ? ident(p->zRef) : sqlite3_mprintf("NULL");
  char *zPlan = NULL;
  int rc = 1;
  if (!zT || !zI || !zB || !zR) goto done;
  /* ids only: reading every body here would be serial work before the
  ** workers start; progress counts articles instead of bytes */
  /* --pending: only the queued articles */
  zPlan = sqlite3_mprintf("SELECT %s FROM %s a WHERE %s BETWEEN ?1 AND ?2 "
                          "AND NOT EXISTS (SELECT 1 FROM newsext_batch_done d WHERE d.article = a.%s) %z ORDER BY 1",
                          zI, zT, zI, zI, only_pending(p, zI));
  /* the queue's seq is read with the body, in the same snapshot */
  p->zSelectArticles =
      sqlite3_mprintf("SELECT %s, %s, %s, (SELECT seq FROM newsext_pending q WHERE q.article = a.%s) "
                      "FROM %s a WHERE %s BETWEEN ?1 AND ?2 "
                      "AND NOT EXISTS (SELECT 1 FROM newsext_batch_done d WHERE d.article = a.%s) %z ORDER BY 1",
                      zI, zB, zR, zI, zT, zI, zI, only_pending(p, zI));
  if (!zPlan || !p->zSelectArticles) goto done;
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(db, zPlan, -1, &st, NULL) != SQLITE_OK) {
    fprintf(stderr, "newsext-batch: %s\n", sqlite3_errmsg(db));
    goto done;
  }
  sqlite3_bind_int64(st, 1, p->from);
  sqlite3_bind_int64(st, 2, p->to);
  int nAlloc = 0;
  chunk *c = NULL;
  while (sqlite3_step(st) == SQLITE_ROW) {
    sqlite3_int64 id = sqlite3_column_int64(st, 0);
    if (!c || c->nArticle >= p->nChunkSize) {
      if (p->nChunk == nAlloc) {
        nAlloc = nAlloc ? nAlloc * 2 : 256;
        chunk *a = realloc(p->aChunk, (size_t)nAlloc * sizeof *a);
        if (!a) {
          sqlite3_finalize(st);
          fprintf(stderr, "newsext-batch: out of memory\n");
          goto done;
        }
        p->aChunk = a;
      }
      c = &p->aChunk[p->nChunk++];
      c->lo = id;
      c->nArticle = 0;
    }
    c->hi = id;
    c->nArticle++;
    p->totalArticles++;
  }
  if (sqlite3_finalize(st) != SQLITE_OK) {
    fprintf(stderr, "newsext-batch: %s\n", sqlite3_errmsg(db));
    goto done;
  }
  if (sqlite3_prepare_v2(db, "SELECT count(*) FROM newsext_batch_done", -1, &st, NULL) == SQLITE_OK) {
    if (sqlite3_step(st) == SQLITE_ROW) p->doneBefore = sqlite3_column_double(st, 0);
    sqlite3_finalize(st);
  }
  rc = 0;
done:
  sqlite3_free(zT);
  sqlite3_free(zI);
  sqlite3_free(zB);
  sqlite3_free(zR);
  sqlite3_free(zPlan);
  return rc;
}

static void usage(void) {
  fprintf(stderr,
          "usage: newsext-batch [options] DB\n"
          "  -j, --threads N   worker threads (default: the number of CPUs)\n"
          "  --ext PATH        the extension (default $NEWSEXT_EXT, else newsext.so beside\n"
          "                    this program, else the installed " NEWSEXT_LIBDIR "/newsext.so)\n"
          "  --table T         articles table (default articles)\n"
          "  --id COL          unique integer id column (default rowid)\n"
          "  --body COL        text column (default body)\n"
          "  --ref COL         reference date column for event_dates (default published, if present)\n"
          "  --no-ref          no reference date\n"
          "  --from N, --to N  id range (default all)\n"
          "  --shard K/N       only the articles of shard K of N (K from 0; by a hash of the id)\n"
          "  --out FILE        write the result tables to FILE instead of DB (DB is only read)\n"
          "  --chunk N         articles per chunk (default 64)\n"
          "  --pending         only the articles queued in newsext_pending\n"
          "  --on-error stop   stop at an article that fails, naming it (default)\n"
          "  --on-error skip   record it in newsext_batch_errors, go on, exit 3\n"
          "  --reset           drop the result and progress tables first\n"
          "  --quiet           no progress bar\n"
          "writes article_entities, article_quotes, article_dates and newsext_batch_done\n"
          "(the schema of sql/materialize.sql; its triggers queue changed articles in\n"
          "newsext_pending, which every run processes first); an interrupted run resumes\n"
          "where it stopped.\n"
          "       newsext-batch merge [--quiet] [--no-index] DEST SRC...   combine results (docs/scale-out.md)\n"
          "       newsext-batch split [--table T] [--id COL] SRC N DIR   cut articles into shard files\n");
}

int main(int argc, char **argv) {
  const char *azResult[N_TABLES];
  for (int t = 0; t < N_TABLES; t++) azResult[t] = aOut[t].zTable;
  if (argc > 1 && !strcmp(argv[1], "merge")) return scale_merge(argc - 1, argv + 1, azResult, N_TABLES);
  if (argc > 1 && !strcmp(argv[1], "split")) return scale_split(argc - 1, argv + 1);
  batch b;
  memset(&b, 0, sizeof b);
  const char *zShard = NULL;
  char zExtBuf[4096];
  b.zExt = getenv("NEWSEXT_EXT") ? getenv("NEWSEXT_EXT") : default_ext(zExtBuf, sizeof zExtBuf);
  b.zTable = "articles";
  b.zId = "rowid";
  b.zBody = "body";
  b.from = INT64_MIN;
  b.to = INT64_MAX;
  b.nChunkSize = 64;
  long nCpu = sysconf(_SC_NPROCESSORS_ONLN);
  b.nThread = nCpu > 0 ? (int)nCpu : 2;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *v = i + 1 < argc ? argv[i + 1] : NULL;
    sqlite3_int64 n = 0;
    if ((!strcmp(a, "-j") || !strcmp(a, "--threads")) && v) {
      if (parse_int("--threads", argv[++i], 1, 256, &n)) return 2;
      b.nThread = (int)n;
    } else if (!strcmp(a, "--from") && v) {
      if (parse_int(a, argv[++i], INT64_MIN, INT64_MAX, &b.from)) return 2;
    } else if (!strcmp(a, "--to") && v) {
      if (parse_int(a, argv[++i], INT64_MIN, INT64_MAX, &b.to)) return 2;
    } else if (!strcmp(a, "--chunk") && v) {
      if (parse_int(a, argv[++i], 1, 1000000, &n)) return 2;
      b.nChunkSize = (int)n;
    } else if (!strcmp(a, "--stop-after") && v) {
      if (parse_int(a, argv[++i], 0, INT32_MAX, &n)) return 2;
      b.nStopAfter = (int)n;
    } else if (!strcmp(a, "--on-error") && v) {
      const char *z = argv[++i];
      if (strcmp(z, "skip") && strcmp(z, "stop")) {
        fprintf(stderr, "newsext-batch: --on-error: '%s' is not skip or stop\n", z);
        return 2;
      }
      b.bSkip = !strcmp(z, "skip");
    } else if (!strcmp(a, "--shard") && v) {
      zShard = argv[++i];
      if (scale_parse_shard(zShard, &b.iShard, &b.nShard)) return 2;
    } else if (!strcmp(a, "--out") && v) b.zOut = argv[++i];
    else if (!strcmp(a, "--ext") && v) b.zExt = argv[++i];
    else if (!strcmp(a, "--table") && v) b.zTable = argv[++i];
    else if (!strcmp(a, "--id") && v) b.zId = argv[++i];
    else if (!strcmp(a, "--body") && v) b.zBody = argv[++i];
    else if (!strcmp(a, "--ref") && v) b.zRef = argv[++i];
    else if (!strcmp(a, "--no-ref")) b.bNoRef = 1;
    else if (!strcmp(a, "--reset")) b.bReset = 1;
    else if (!strcmp(a, "--pending")) b.bPending = 1;
    else if (!strcmp(a, "--quiet")) b.bQuiet = 1;
    else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      usage();
      return 0;
    } else if (a[0] != '-' && !b.zDb) b.zDb = a;
    else {
      usage();
      return 2;
    }
  }
  if (!b.zDb) {
    usage();
    return 2;
  }
  if (b.zOut && b.bPending) {
    fprintf(stderr, "newsext-batch: --pending works in place only: the queue and its triggers live with the "
            "articles, not in the --out file\n");
    return 2;
  }
  b.zS = b.zOut ? "src" : "main";
  /* SQLite's memory statistics take a global mutex on every allocation;
  ** with N connections analysing in parallel that mutex would serialise
  ** them, so turn them off before the library initialises. */
  sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  if (!sqlite3_threadsafe()) {
    fprintf(stderr, "newsext-batch: this SQLite library is built without thread support\n");
    return 1;
  }
  pthread_mutex_init(&b.mu, NULL);
  pthread_cond_init(&b.cvQueue, NULL);
  pthread_cond_init(&b.cvSpace, NULL);
  b.nQueueMax = 2 * b.nThread + 2;

  if (check_ext(b.zExt, &b.build)) return 1;
  if (b.zOut && access(b.zDb, R_OK) != 0) {
    fprintf(stderr, "newsext-batch: cannot read %s: %s\n", b.zDb, strerror(errno));
    return 1;
  }
  if (b.zOut) { /* the run lock is on the file written */
    int fd = open(b.zOut, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
      fprintf(stderr, "newsext-batch: cannot create %s: %s\n", b.zOut, strerror(errno));
      return 1;
    }
    close(fd);
  }
  int fdLock = take_lock(b.zOut ? b.zOut : b.zDb); /* kept open to the end: closing it would drop the lock */
  if (fdLock == -2) return 1;
  sqlite3 *db = open_conn(&b, 0, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX);
  if (!db) {
    fprintf(stderr, "newsext-batch: %s\n", b.zErr);
    return 1;
  }
  /* nothing is written (not even the switch to WAL) before the checks pass */
  if (choose_ref(&b, db) || validate(&b, db) ||
      scale_check_build(db, b.zOut ? b.zOut : b.zDb, &b.build, b.bReset) || setup_tables(&b, db) ||
      (!b.zOut && apply_queue(&b, db)) || plan(&b, db) ||
      scale_run_begin(db, &b.build, b.zDb, b.zS, zShard, &b.iRun)) {
    sqlite3_close(db);
    return 1;
  }
  if (!b.bQuiet)
    fprintf(stderr, "newsext-batch: %.0f articles to do, %.0f already done; %d threads\n", b.totalArticles,
            b.doneBefore, b.nThread);

  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sa.sa_flags = SA_RESTART;
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);

  b.t0 = now_s();
  pthread_t *aThread = calloc((size_t)b.nThread, sizeof *aThread);
  int nStarted = 0;
  b.nWorkersLeft = b.nThread;
  for (int i = 0; aThread && i < b.nThread; i++) {
    if (pthread_create(&aThread[i], NULL, worker_main, &b) != 0) break;
    nStarted++;
  }
  /* workers count themselves out as they finish; uncount those never started */
  pthread_mutex_lock(&b.mu);
  b.nWorkersLeft -= b.nThread - nStarted;
  pthread_mutex_unlock(&b.mu);
  if (nStarted == 0) set_error(&b, "cannot start threads");
  write_loop(&b, db);
  for (int i = 0; i < nStarted; i++) pthread_join(aThread[i], NULL);
  free(aThread);
  while (b.pHead) { /* left by workers after an error */
    result *n = b.pHead->pNext;
    result_free(b.pHead);
    b.pHead = n;
  }
  struct timespec ts; /* the main thread is the writer: setup, commits */
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  b.writerCpu = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
  double t = now_s() - b.t0;
  scale_run_end(db, b.iRun, b.bError ? "error" : gInterrupted ? "interrupted" : b.nSkipped > 0 ? "skipped" : "done",
                b.doneArticles);
  /* a result file is shipped and merged as one file: no -wal beside it */
  if (b.zOut) sqlite3_exec(db, "PRAGMA main.journal_mode=DELETE", NULL, NULL, NULL);
  sqlite3_close(db);
  free(b.aChunk);
  sqlite3_free(b.zSelectArticles);
  for (int i = 0; i < N_TABLES; i++) sqlite3_free(aOut[i].zSelect);
  if (fdLock >= 0) close(fdLock); /* after sqlite3_close: it would drop SQLite's POSIX locks too */
  if (b.bError) {
    fprintf(stderr, "newsext-batch: %s\n", b.zErr);
    return 1;
  }
  printf("newsext-batch: %.0f articles (%.2f MB) in %.2f s with %d thread%s: %.2f MB/s, %.0f articles/s; "
         "rows: %lld entities, %lld quotes, %lld dates; writer CPU %.2f s\n",
         b.doneArticles, b.doneBytes / 1e6, t, nStarted, nStarted == 1 ? "" : "s", t > 0 ? b.doneBytes / t / 1e6 : 0,
         t > 0 ? b.doneArticles / t : 0, (long long)b.nRows[T_ENTITIES], (long long)b.nRows[T_QUOTES],
         (long long)b.nRows[T_DATES], b.writerCpu);
  if (b.nSkipped > 0)
    fprintf(stderr, "newsext-batch: %lld article%s skipped with errors, listed in newsext_batch_errors "
            "(article, error); fix them and run again to retry\n", (long long)b.nSkipped, b.nSkipped == 1 ? "" : "s");
  if (gInterrupted) {
    fprintf(stderr, "newsext-batch: interrupted after %.0f of %.0f articles; run again to resume\n", b.doneArticles,
            b.totalArticles);
    return 130;
  }
  return b.nSkipped > 0 ? 3 : 0;
}
