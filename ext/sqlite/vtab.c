/*
** vtab.c -- one implementation of the virtual-table methods, shared by all
** of newsext's table-valued functions.
**
** HOW IT WORKS
**   Every function is an eponymous-only virtual table (xCreate is NULL)
**   whose schema ends with HIDDEN argument columns:
**
**       out_1, ..., out_N, document HIDDEN [, reference_date HIDDEN]
**
**   xBestIndex asks for an equality constraint on `document` (argv slot 1)
**   and, when the table takes one and the query gives it, on
**   `reference_date` (argv slot 2).  idxNum bits:
**       bit 0 (1)  the reference_date argument is present in argv[1]
**       bit 1 (2)  no document argument: xFilter reports the error
**   A document constraint that is present but not yet usable returns
**   SQLITE_CONSTRAINT, so `FROM docs, entities(docs.body)` plans docs first.
**   A plan without one gets an enormous cost rather than an error, because
**   the planner probes such plans too (for the terms of an OR, say); if it
**   is ever run, xFilter fails with an error naming the function.
**
**   xFilter analyses the whole document once (through the per-connection
**   cache below), keeps a reference to the result, and xNext walks rows by
**   index; the row id is the 1-based row number.
**
**   THE CACHE.  newsext_ctx keeps the last NEWSEXT_CACHE_SLOTS analysed
**   documents, found by comparing the length and then the bytes (never the
**   pointer).  No hash: the length rules out nearly every other document,
**   and memcmp reads many bytes per instruction where a hash takes several
**   instructions per byte, in each function of a query.  Docs are reference counted: a slot holds one
**   reference and each cursor reading it another, so a document evicted
**   while a cursor reads it stays alive until that cursor lets go.
**
**   OFFSETS.  The core reports byte offsets; the column helpers convert them
**   to 1-based character positions with the document's news_charmap, built
**   once per document.
**
**   INPUT.  NULL gives no rows; integers and reals are read as their text;
**   a BLOB is an error.  The text is read up to its first NUL byte, as
**   SQLite's own length() and substr() read it.  A reference_date of 'now'
**   is refused: results never depend on the clock (the functions are
**   declared deterministic and innocuous).
**
**   INTERRUPTS.  The core polls news_opts.stop every 4096 tokens.  SQLite
**   3.40 has no public way to read the interrupt flag from inside a long
**   xFilter (sqlite3_is_interrupted() is 3.41+), so newsext_should_stop()
**   steps a one-row statement, "SELECT 1", on the same connection: its
**   jump opcode runs the VDBE's own interrupt check, and its steps count
**   towards the progress handler, which is called when they cross a
**   multiple of the handler's N (one poll is about 4 steps).  So
**   sqlite3_interrupt() stops a document within 4096 tokens; a progress
**   handler is consulted about every N/4 polls.  See docs/robustness.md.
*/
#include "vtab.h"

#include "../core/calendar.h"
#include "../core/refdate.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

SQLITE_EXTENSION_INIT3

/* ------------------------------------------------------------ allocation */

/* sqlite3_malloc64 and friends; with a document's ctx (a newsext_docref)
** they count its live bytes, for the cache's budget. */
static void *mem_alloc(void *ctx, size_t n) {
  void *p = sqlite3_malloc64(n ? n : 1);
  if (p && ctx) ((newsext_docref *)ctx)->nBytes += (sqlite3_int64)sqlite3_msize(p);
  return p;
}
static void *mem_realloc(void *ctx, void *p, size_t n) {
  sqlite3_int64 nOld = p ? (sqlite3_int64)sqlite3_msize(p) : 0;
  void *q = sqlite3_realloc64(p, n ? n : 1);
  if (q && ctx) ((newsext_docref *)ctx)->nBytes += (sqlite3_int64)sqlite3_msize(q) - nOld;
  return q;
}
static void mem_free(void *ctx, void *p) {
  if (p && ctx) ((newsext_docref *)ctx)->nBytes -= (sqlite3_int64)sqlite3_msize(p);
  sqlite3_free(p);
}

/* ------------------------------------------------------- connection state */

/* The core's stop callback (news_opts.stop): non-zero when the statement
** was interrupted or the progress handler asked to stop (see INTERRUPTS). */
static int newsext_should_stop(void *pArg) {
  newsext_ctx *p = pArg;
  if (!p->pProbe) {
    int rc = sqlite3_prepare_v2(p->db, "SELECT 1", -1, &p->pProbe, NULL);
    if (rc != SQLITE_OK) return rc == SQLITE_INTERRUPT; /* OOM: poll again later */
  }
  int rc = sqlite3_step(p->pProbe);
  sqlite3_reset(p->pProbe);
  return rc == SQLITE_INTERRUPT;
}

newsext_ctx *newsext_ctx_new(sqlite3 *db) {
  newsext_ctx *p = sqlite3_malloc64(sizeof *p);
  if (!p) return NULL;
  memset(p, 0, sizeof *p);
  p->db = db;
  p->mem.alloc = mem_alloc;
  p->mem.realloc = mem_realloc;
  p->mem.free = mem_free;
  p->opts.version = NEWS_OPTS_VERSION;
  p->opts.stop = newsext_should_stop;
  p->opts.stop_arg = p; /* the ctx outlives every document it caches */
  p->opts.cache = news_cache_new(&p->mem); /* NULL on OOM: analysis goes on without */
  p->nRef = 1;
  p->nBudget = NEWSEXT_CACHE_BUDGET;
  return p;
}

/* pCtx is NULL while the connection closes.  Otherwise the document's
** arrays are given back with a poll after each, when the probe statement
** exists (a poll must not prepare it again once newsext_ctx_idle() has
** finalized it: sqlite3_close() would find it). */
static void docref_release(newsext_ctx *pCtx, newsext_docref *p) {
  if (!p || --p->nRef > 0) return;
  if (p->bMap) news_charmap_free(&p->map, &p->mem);
  if (pCtx && pCtx->pProbe)
    news_doc_free_polled(p->doc);
  else
    news_doc_free(p->doc);
  sqlite3_free(p);
}

void newsext_ctx_release(void *pArg) {
  newsext_ctx *p = pArg;
  if (!p || --p->nRef > 0) return;
  for (int i = 0; i < NEWSEXT_CACHE_SLOTS; i++) docref_release(NULL, p->aCache[i]);
  news_cache_free(p->opts.cache);
  sqlite3_free(p);
}

/* Finds or creates the analysis of z[0..n); the caller owns one reference. */
static news_rc cache_get(newsext_ctx *pCtx, const char *z, size_t n, newsext_docref **ppOut) {
  for (int i = 0; i < NEWSEXT_CACHE_SLOTS; i++) {
    newsext_docref *p = pCtx->aCache[i];
    size_t len;
    const char *zText = p ? news_doc_text(p->doc, &len) : NULL;
    if (p && len == n && memcmp(zText, z, n) == 0) {
      memmove(&pCtx->aCache[1], &pCtx->aCache[0], (size_t)i * sizeof p); /* to the front */
      pCtx->aCache[0] = p;
      p->nRef++;
      *ppOut = p;
      return NEWS_OK;
    }
  }
  newsext_docref *p = sqlite3_malloc64(sizeof *p);
  if (!p) return NEWS_ERR_NOMEM;
  memset(p, 0, sizeof *p);
  p->mem = (news_mem){mem_alloc, mem_realloc, mem_free, p};
  news_rc rc = news_doc_new(&p->mem, &pCtx->opts, z, n, &p->doc);
  if (rc) {
    sqlite3_free(p);
    return rc;
  }
  p->nRef = 2; /* the cache's and the caller's */
  docref_release(pCtx, pCtx->aCache[NEWSEXT_CACHE_SLOTS - 1]);
  memmove(&pCtx->aCache[1], &pCtx->aCache[0], (NEWSEXT_CACHE_SLOTS - 1) * sizeof p);
  pCtx->aCache[0] = p;
  *ppOut = p;
  return NEWS_OK;
}

/* Removes cache slot i (its document lives on while a cursor holds it). */
static void cache_drop(newsext_ctx *pCtx, int i) {
  docref_release(pCtx, pCtx->aCache[i]);
  memmove(&pCtx->aCache[i], &pCtx->aCache[i + 1], (size_t)(NEWSEXT_CACHE_SLOTS - 1 - i) * sizeof pCtx->aCache[0]);
  pCtx->aCache[NEWSEXT_CACHE_SLOTS - 1] = NULL;
}

void newsext_cache_trim(newsext_ctx *pCtx) {
  sqlite3_int64 nKept = 0; /* bytes of unused documents kept, most recent first */
  for (int i = 0; i < NEWSEXT_CACHE_SLOTS && pCtx->aCache[i];) {
    newsext_docref *p = pCtx->aCache[i];
    if (p->nRef == 1 && nKept + p->nBytes > pCtx->nBudget) {
      cache_drop(pCtx, i);
      continue;
    }
    if (p->nRef == 1) nKept += p->nBytes;
    i++;
  }
}

/* True when no statement of the connection runs but (possibly) the caller's. */
static int statements_idle(newsext_ctx *pCtx) {
  int nBusy = 0;
  for (sqlite3_stmt *p = sqlite3_next_stmt(pCtx->db, NULL); p; p = sqlite3_next_stmt(pCtx->db, p))
    if (p != pCtx->pProbe && p != pCtx->pDate && sqlite3_stmt_busy(p)) nBusy++;
  return nBusy <= 1;
}

/* Drops every cached document no cursor uses. */
static sqlite3_int64 cache_release(newsext_ctx *pCtx) {
  sqlite3_int64 n = 0;
  for (int i = 0; i < NEWSEXT_CACHE_SLOTS && pCtx->aCache[i];) {
    if (pCtx->aCache[i]->nRef == 1) {
      n += pCtx->aCache[i]->nBytes;
      cache_drop(pCtx, i);
    } else {
      i++;
    }
  }
  news_cache_release(pCtx->opts.cache); /* the tagger's scores, made again on next use */
  return n;
}

/* newsext_cache_budget([bytes]): the cache's budget, set when given. */
static void budgetFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  newsext_ctx *pCtx = sqlite3_user_data(ctx);
  sqlite3_int64 nOld = pCtx->nBudget;
  if (argc == 1) {
    if (sqlite3_value_type(argv[0]) != SQLITE_INTEGER || sqlite3_value_int64(argv[0]) < 0) {
      sqlite3_result_error(ctx, "newsext_cache_budget: expected a number of bytes >= 0", -1);
      return;
    }
    pCtx->nBudget = sqlite3_value_int64(argv[0]);
    newsext_cache_trim(pCtx);
  }
  sqlite3_result_int64(ctx, nOld);
}

/* newsext_release_memory(): drops every cached document no cursor uses;
** returns the bytes they held. */
static void releaseFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  (void)argv;
  sqlite3_result_int64(ctx, cache_release(sqlite3_user_data(ctx)));
}

int newsext_register_cache_functions(sqlite3 *db, newsext_ctx *pCtx, char **pzErr) {
  /* they change the connection's state: not from views, triggers or indexes */
  const int flags = SQLITE_UTF8 | SQLITE_DIRECTONLY;
  int rc = sqlite3_create_function_v2(db, "newsext_cache_budget", 0, flags, pCtx, budgetFunc, NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function_v2(db, "newsext_cache_budget", 1, flags, pCtx, budgetFunc, NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function_v2(db, "newsext_release_memory", 0, flags, pCtx, releaseFunc, NULL, NULL, NULL);
  if (rc != SQLITE_OK) *pzErr = sqlite3_mprintf("newsext: cannot register the cache functions: %s", sqlite3_errmsg(db));
  return rc;
}

/* ------------------------------------------------------------- the table */

typedef struct newsext_vtab {
  sqlite3_vtab base;         /* base class, must be first */
  const newsext_table *pDef; /* the function this table serves */
  newsext_ctx *pCtx;         /* connection state (not owned) */
} newsext_vtab;

newsext_modaux *newsext_modaux_new(newsext_ctx *pCtx, const newsext_table *pDef) {
  newsext_modaux *pAux = sqlite3_malloc64(sizeof *pAux);
  if (!pAux) return NULL;
  pAux->pDef = pDef;
  pAux->pCtx = pCtx;
  pCtx->nRef++;
  return pAux;
}

void newsext_modaux_free(void *p) {
  newsext_modaux *pAux = p;
  newsext_ctx_release(pAux->pCtx);
  sqlite3_free(pAux);
}

void newsext_ctx_idle(newsext_ctx *pCtx) {
  if (pCtx->nVtab > 0) return;
  sqlite3_finalize(pCtx->pProbe);
  sqlite3_finalize(pCtx->pDate);
  pCtx->pProbe = pCtx->pDate = NULL;
}

/* Sets *pzErr to a formatted message.  When the message itself cannot be
** allocated the error becomes SQLITE_NOMEM, so the user never sees a bare
** code without the message that explains it. */
static int set_error(char **pzErr, int rc, const char *zFmt, ...) {
  va_list ap;
  va_start(ap, zFmt);
  sqlite3_free(*pzErr);
  *pzErr = sqlite3_vmprintf(zFmt, ap);
  va_end(ap);
  return *pzErr ? rc : SQLITE_NOMEM;
}

/* Turns a core error into an SQLite one, naming the function. */
static int core_error(const newsext_table *pDef, news_rc rc, char **pzErr) {
  if (rc == NEWS_ERR_NOMEM) return SQLITE_NOMEM;
  if (rc == NEWS_ERR_INTERRUPTED) return SQLITE_INTERRUPT;
  if (rc == NEWS_ERR_TOOBIG) return set_error(pzErr, SQLITE_TOOBIG, "%s: %s", pDef->zName, news_errstr(rc));
  return set_error(pzErr, SQLITE_ERROR, "%s: %s", pDef->zName, news_errstr(rc));
}

static int xConnect(sqlite3 *db, void *pAux, int argc, const char *const *argv,
                    sqlite3_vtab **ppVtab, char **pzErr) {
  (void)argc;
  (void)argv;
  (void)pzErr;
  newsext_modaux *pMod = pAux;
  int rc = sqlite3_declare_vtab(db, pMod->pDef->zSchema);
  /* pure functions of their arguments: usable from views and triggers with
  ** trusted_schema=OFF (see FLAGS in newsext.c) */
  if (rc == SQLITE_OK) rc = sqlite3_vtab_config(db, SQLITE_VTAB_INNOCUOUS);
  if (rc != SQLITE_OK) return rc;
  newsext_vtab *pTab = sqlite3_malloc64(sizeof *pTab);
  if (!pTab) return SQLITE_NOMEM;
  memset(pTab, 0, sizeof *pTab);
  pTab->pDef = pMod->pDef;
  pTab->pCtx = pMod->pCtx;
  pTab->pCtx->nVtab++;
  *ppVtab = &pTab->base;
  return SQLITE_OK;
}

static int xDisconnect(sqlite3_vtab *pVtab) {
  newsext_vtab *pTab = (newsext_vtab *)pVtab;
  /* the last table finalizes the probe and the date statement, before
  ** sqlite3_close() checks for unfinalized statements (a later use
  ** prepares them again) */
  pTab->pCtx->nVtab--;
  newsext_ctx_idle(pTab->pCtx);
  sqlite3_free(pTab);
  return SQLITE_OK;
}

#define IDX_REFERENCE 1   /* argv[1] holds reference_date */
#define IDX_NO_DOCUMENT 2 /* the document argument is missing */

static int xBestIndex(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo) {
  newsext_vtab *pTab = (newsext_vtab *)pVtab;
  const newsext_table *pDef = pTab->pDef;
  int aIdx[2] = {-1, -1}; /* constraint index for document, reference_date */
  int unusable = 0;       /* bit per argument seen but not usable */
  for (int i = 0; i < pInfo->nConstraint; i++) {
    const struct sqlite3_index_constraint *c = &pInfo->aConstraint[i];
    int iArg = c->iColumn - pDef->nOut;
    if (iArg < 0 || iArg > pDef->bRef || c->op != SQLITE_INDEX_CONSTRAINT_EQ) continue;
    if (!c->usable)
      unusable |= 1 << iArg;
    else if (aIdx[iArg] < 0)
      aIdx[iArg] = i;
  }
  if (aIdx[0] < 0) {
    if (unusable & 1) return SQLITE_CONSTRAINT;
    /* The planner also probes plans without the argument (for OR terms, say);
    ** price this one out and let xFilter report it if it is ever run. */
    pInfo->idxNum = IDX_NO_DOCUMENT;
    pInfo->estimatedCost = 1e99;
    pInfo->estimatedRows = 1000000000;
    return SQLITE_OK;
  }
  if ((unusable & 2) && aIdx[1] < 0) return SQLITE_CONSTRAINT; /* wait for reference_date */
  pInfo->aConstraintUsage[aIdx[0]].argvIndex = 1;
  pInfo->aConstraintUsage[aIdx[0]].omit = 1;
  pInfo->idxNum = 0;
  if (aIdx[1] >= 0) {
    pInfo->aConstraintUsage[aIdx[1]].argvIndex = 2;
    pInfo->aConstraintUsage[aIdx[1]].omit = 1;
    pInfo->idxNum |= IDX_REFERENCE;
  }
  pInfo->estimatedCost = 1000.0;
  pInfo->estimatedRows = 50;
  return SQLITE_OK;
}

static int xOpen(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCursor) {
  newsext_cursor *pCur = sqlite3_malloc64(sizeof *pCur);
  if (!pCur) return SQLITE_NOMEM;
  memset(pCur, 0, sizeof *pCur);
  pCur->pDef = ((newsext_vtab *)pVtab)->pDef;
  pCur->pCtx = ((newsext_vtab *)pVtab)->pCtx;
  pCur->pCtx->nCursor++;
  *ppCursor = &pCur->base;
  return SQLITE_OK;
}

void newsext_cursor_reset(newsext_cursor *pCur) {
  docref_release(pCur->pCtx, pCur->pRef);
  if (pCur->pRef) newsext_cache_trim(pCur->pCtx);
  pCur->pRef = NULL;
  sqlite3_free(pCur->pRows);
  pCur->pRows = NULL;
  pCur->aRow = NULL;
  pCur->szRow = 0;
  sqlite3_value_free(pCur->pDocArg);
  sqlite3_value_free(pCur->pRefArg);
  pCur->pDocArg = pCur->pRefArg = NULL;
  pCur->iRow = pCur->nRow = 0;
  pCur->hasRef = 0;
}

static int xClose(sqlite3_vtab_cursor *cur) {
  newsext_cursor *pCur = (newsext_cursor *)cur;
  newsext_ctx *pCtx = pCur->pCtx;
  newsext_cursor_reset(pCur);
  sqlite3_free(cur);
  /* the connection's statements are done: keep nothing */
  if (--pCtx->nCursor == 0 && statements_idle(pCtx)) cache_release(pCtx);
  return SQLITE_OK;
}

/* Reads the reference_date argument; sets pCur->ref/hasRef.  NULL means
** "no reference date"; 'now' is refused.  Integers are Unix seconds, so are
** reals outside the Julian day numbers of years 1..9999; text is read by
** news_refdate_parse (ISO 8601 with zones, RFC 2822, Unix seconds; see
** refdate.h); whatever else SQLite's date() reads is read by date(). */
static int read_reference(newsext_cursor *pCur, sqlite3_value *pVal, char **pzErr) {
  const newsext_table *pDef = pCur->pDef;
  newsext_ctx *pCtx = pCur->pCtx;
  int type = sqlite3_value_type(pVal);
  news_ymd day;
  if (type == SQLITE_NULL) return SQLITE_OK;
  if (type == SQLITE_BLOB)
    return set_error(pzErr, SQLITE_MISMATCH, "%s: reference_date: expected a date, got a blob", pDef->zName);
  int ok = 0;
  if (type == SQLITE_INTEGER) {
    ok = news_refdate_from_unix(sqlite3_value_int64(pVal), &day);
  } else if (type == SQLITE_FLOAT) {
    double v = sqlite3_value_double(pVal);
    if (!(v >= 1721425.5 && v < 5373484.5) && v > -1e13 && v < 1e13) { /* not a Julian day number */
      sqlite3_int64 t = (sqlite3_int64)v;
      ok = news_refdate_from_unix((double)t > v ? t - 1 : t, &day); /* floor */
    }
  } else {
    /* date('now') reads the clock: the tables promise no hidden inputs */
    const char *z = (const char *)sqlite3_value_text(pVal);
    if (!z) return SQLITE_NOMEM;
    int n = sqlite3_value_bytes(pVal);
    const char *zt = z;
    while (*zt == ' ' || *zt == '\t') zt++;
    if (sqlite3_strnicmp(zt, "now", 3) == 0)
      return set_error(pzErr, SQLITE_ERROR, "%s: reference_date 'now' reads the clock; pass the publication date",
                       pDef->zName);
    ok = news_refdate_parse(z, (size_t)n, &day);
  }
  if (!ok && type != SQLITE_INTEGER) {
    if (!pCtx->pDate) {
      int rc = sqlite3_prepare_v2(pCtx->db, "SELECT date(?1)", -1, &pCtx->pDate, NULL);
      if (rc == SQLITE_NOMEM) return rc;
      /* an authorizer or a limit can refuse it: pass its message on */
      if (rc != SQLITE_OK)
        return set_error(pzErr, rc, "%s: reference_date: %s", pDef->zName, sqlite3_errmsg(pCtx->db));
    }
    sqlite3_bind_value(pCtx->pDate, 1, pVal);
    int rcStep = sqlite3_step(pCtx->pDate);
    if (rcStep == SQLITE_ROW) {
      const char *z = (const char *)sqlite3_column_text(pCtx->pDate, 0);
      int y, m, d;
      char extra;
      /* date() passes days such as 2019-02-30 through unchanged: check them */
      if (z && sscanf(z, "%d-%d-%d%c", &y, &m, &d, &extra) == 3 && news_cal_valid((news_ymd){y, m, d})) {
        day = (news_ymd){y, m, d};
        ok = 1;
      }
    }
    int rc = sqlite3_reset(pCtx->pDate);
    sqlite3_clear_bindings(pCtx->pDate);
    if (rc == SQLITE_NOMEM) return rc;
    if (rcStep != SQLITE_ROW && rc != SQLITE_OK)
      return set_error(pzErr, rc, "%s: reference_date: %s", pDef->zName, sqlite3_errmsg(pCtx->db));
  }
  if (!ok) {
    const char *z = (const char *)sqlite3_value_text(pVal);
    return set_error(pzErr, SQLITE_ERROR,
                     "%s: reference_date '%.40s' is not a date; use YYYY-MM-DD, an ISO 8601 timestamp "
                     "(2024-05-02T09:30:00+02:00), an RFC 2822 date (Tue, 03 Mar 1987 09:00:00 GMT), Unix epoch "
                     "seconds, or another form SQLite's date() reads",
                     pDef->zName, z ? z : "");
  }
  pCur->ref = day;
  pCur->hasRef = 1;
  return SQLITE_OK;
}

int newsext_cursor_start(newsext_cursor *pCur, sqlite3_value *pDoc, sqlite3_value *pRef,
                         char **pzErr) {
  const newsext_table *pDef = pCur->pDef;
  int eType = sqlite3_value_type(pDoc);
  if (eType == SQLITE_NULL) return SQLITE_OK;
  if (eType == SQLITE_BLOB)
    return set_error(pzErr, SQLITE_MISMATCH, "%s: expected text, got a blob", pDef->zName);
  if (pRef) {
    int rc = read_reference(pCur, pRef, pzErr);
    if (rc != SQLITE_OK) return rc;
  }
  const char *z = (const char *)sqlite3_value_text(pDoc);
  if (!z) return SQLITE_NOMEM;
  /* up to the first NUL, as SQLite's text functions.  A long text is
  ** searched a megabyte at a time with a poll before each (SQLite may just
  ** have copied all of it to add a terminator). */
  size_t nBytes = (size_t)sqlite3_value_bytes(pDoc), n = 0;
  const news_opts *pOpts = &pCur->pCtx->opts;
  for (;;) {
    size_t step = nBytes - n < (1 << 20) ? nBytes - n : (1 << 20);
    if (nBytes > (1 << 20) && pOpts->stop(pOpts->stop_arg))
      return core_error(pDef, NEWS_ERR_INTERRUPTED, pzErr);
    const char *zNul = memchr(z + n, 0, step);
    if (zNul || step == 0) {
      n = zNul ? (size_t)(zNul - z) : n;
      break;
    }
    n += step;
  }
  news_rc rc = cache_get(pCur->pCtx, z, n, &pCur->pRef);
  if (rc) return core_error(pDef, rc, pzErr);
  rc = pDef->xRun(pCur, &pCur->aRow, &pCur->szRow, &pCur->nRow);
  if (rc == NEWS_OK && pCur->nRow > 0 && !pCur->pRef->bMap) {
    size_t len;
    const char *zText = news_doc_text(pCur->pRef->doc, &len);
    rc = news_charmap_build_stop(&pCur->pRef->map, &pCur->pRef->mem, &pCur->pCtx->opts, zText, len);
    pCur->pRef->bMap = rc == NEWS_OK;
  }
  if (rc) {
    newsext_cursor_reset(pCur);
    return core_error(pDef, rc, pzErr);
  }
  return SQLITE_OK;
}

static int xFilter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr, int argc,
                   sqlite3_value **argv) {
  (void)idxStr;
  newsext_cursor *pCur = (newsext_cursor *)cur;
  newsext_vtab *pTab = (newsext_vtab *)cur->pVtab;
  newsext_cursor_reset(pCur);
  if ((idxNum & IDX_NO_DOCUMENT) || argc < 1) {
    const newsext_table *pDef = pTab->pDef;
    return set_error(&pTab->base.zErrMsg, SQLITE_ERROR, "%s: missing argument: %s(document%s)",
                     pDef->zName, pDef->zName, pDef->bRef ? " [, reference_date]" : "");
  }
  sqlite3_value *pRef = (idxNum & IDX_REFERENCE) && argc >= 2 ? argv[1] : NULL;
  int rc = newsext_cursor_start(pCur, argv[0], pRef, &pTab->base.zErrMsg);
  if (rc != SQLITE_OK || pCur->nRow == 0) return rc;
  /* the HIDDEN columns read back as the arguments (a further condition on
  ** them is checked by SQLite against xColumn).  A text document is the
  ** cached text itself unless it holds a NUL; anything else is copied. */
  size_t nText;
  news_doc_text(pCur->pRef->doc, &nText);
  int bCopy = sqlite3_value_type(argv[0]) != SQLITE_TEXT || nText != (size_t)sqlite3_value_bytes(argv[0]);
  if (bCopy) pCur->pDocArg = sqlite3_value_dup(argv[0]);
  if (pRef) pCur->pRefArg = sqlite3_value_dup(pRef);
  if ((bCopy && !pCur->pDocArg) || (pRef && !pCur->pRefArg)) {
    newsext_cursor_reset(pCur);
    return SQLITE_NOMEM;
  }
  return SQLITE_OK;
}

static int xNext(sqlite3_vtab_cursor *cur) {
  ((newsext_cursor *)cur)->iRow++;
  return SQLITE_OK;
}

static int xEof(sqlite3_vtab_cursor *cur) {
  newsext_cursor *pCur = (newsext_cursor *)cur;
  return pCur->iRow >= pCur->nRow;
}

static int xColumn(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int iCol) {
  newsext_cursor *pCur = (newsext_cursor *)cur;
  newsext_out out = {ctx, NULL, 0, SQLITE_OK, NULL};
  const newsext_table *pDef = pCur->pDef;
  if (iCol < pDef->nOut) {
    pDef->xColumn(pCur, &out, newsext_row(pCur, pCur->iRow), iCol);
  } else if (iCol == pDef->nOut) { /* document */
    size_t n;
    const char *z = news_doc_text(pCur->pRef->doc, &n);
    if (pCur->pDocArg) sqlite3_result_value(ctx, pCur->pDocArg);
    else sqlite3_result_text64(ctx, z, n, SQLITE_TRANSIENT, SQLITE_UTF8);
  } else if (pCur->pRefArg) { /* reference_date */
    sqlite3_result_value(ctx, pCur->pRefArg);
  }
  return SQLITE_OK;
}

static int xRowid(sqlite3_vtab_cursor *cur, sqlite_int64 *pRowid) {
  *pRowid = (sqlite_int64)((newsext_cursor *)cur)->iRow + 1;
  return SQLITE_OK;
}

static const sqlite3_module newsext_module = {
    /* iVersion    */ 0,
    /* xCreate     */ NULL, /* eponymous-only */
    /* xConnect    */ xConnect,
    /* xBestIndex  */ xBestIndex,
    /* xDisconnect */ xDisconnect,
    /* xDestroy    */ NULL,
    /* xOpen       */ xOpen,
    /* xClose      */ xClose,
    /* xFilter     */ xFilter,
    /* xNext       */ xNext,
    /* xEof        */ xEof,
    /* xColumn     */ xColumn,
    /* xRowid      */ xRowid,
    /* xUpdate     */ NULL,
    /* xBegin      */ NULL,
    /* xSync       */ NULL,
    /* xCommit     */ NULL,
    /* xRollback   */ NULL,
    /* xFindFunction */ NULL,
    /* xRename     */ NULL,
    /* xSavepoint  */ NULL,
    /* xRelease    */ NULL,
    /* xRollbackTo */ NULL,
    /* xShadowName */ NULL,
};

int newsext_register_tables(sqlite3 *db, newsext_ctx *pCtx, const newsext_table *const *aDef,
                            int nDef, const char *zPrefix, char **pzErr) {
  for (int i = 0; i < nDef; i++) {
    char *zName = sqlite3_mprintf("%s%s", zPrefix, aDef[i]->zName);
    newsext_modaux *pAux = zName ? newsext_modaux_new(pCtx, aDef[i]) : NULL;
    if (!pAux) {
      sqlite3_free(zName);
      return SQLITE_NOMEM;
    }
    /* on failure SQLite calls newsext_modaux_free itself */
    int rc = sqlite3_create_module_v2(db, zName, &newsext_module, pAux, newsext_modaux_free);
    if (rc != SQLITE_OK) *pzErr = sqlite3_mprintf("newsext: cannot register %s: %s", zName, sqlite3_errmsg(db));
    sqlite3_free(zName);
    if (rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}

/* ---------------------------------------------------------- column helpers */

#define JSON_POLL_BYTES (1u << 20) /* bytes of one string escaped between two polls */

#define JSON_GROW_POLLED ((sqlite3_uint64)4 << 20) /* a longer text grows by news_copy_polled() */

void newsext_json_append(newsext_json *p, const char *z, size_t n) {
  if (p->rc != SQLITE_OK) return;
  if (n > p->nMax - p->n) { /* longer than SQLITE_LIMIT_LENGTH */
    p->rc = SQLITE_TOOBIG;
    return;
  }
  if (p->n + n + 1 > p->nAlloc) { /* room for the text and a NUL */
    sqlite3_uint64 nNew = p->nAlloc ? 2 * p->nAlloc : 4096;
    if (nNew < p->n + n + 1) nNew = p->n + n + 1;
    if (nNew > p->nMax + 1) nNew = p->nMax + 1;
    char *zNew;
    if (p->pOpts && p->n > JSON_GROW_POLLED) {
      /* a big text: into a new buffer with polls, as a realloc may copy it
      ** and touch the new pages in one go (80 ms at 32 MB where a first
      ** touch costs 2.5 ms per MB); a stop is seen by the caller's next poll */
      zNew = sqlite3_malloc64(nNew);
      if (zNew) {
        news_copy_polled(p->pOpts, zNew, p->z, (size_t)p->n + 1);
        sqlite3_free(p->z);
      }
    } else {
      zNew = sqlite3_realloc64(p->z, nNew);
    }
    if (!zNew) {
      p->rc = SQLITE_NOMEM;
      return;
    }
    p->z = zNew;
    p->nAlloc = nNew;
  }
  memcpy(p->z + p->n, z, n);
  p->n += n;
  p->z[p->n] = 0;
}

static void json_lit(newsext_json *p, const char *z) {
  newsext_json_append(p, z, strlen(z));
}

/* Appends z[0..n) as a JSON string literal, polling ctx->pStop every
** megabyte (a stop sets ctx->rc to SQLITE_INTERRUPT). */
static void json_string(newsext_out *ctx, const char *z, size_t n) {
  newsext_json *p = ctx->json;
  json_lit(p, "\"");
  size_t start = 0;
  for (size_t i = 0; i < n; i++) {
    if (i % JSON_POLL_BYTES == JSON_POLL_BYTES - 1 && ctx->pStop) {
      newsext_json_append(p, z + start, i - start); /* copied a megabyte at a time */
      start = i;
      if (ctx->pStop->stop(ctx->pStop->stop_arg)) {
        ctx->rc = SQLITE_INTERRUPT;
        return;
      }
    }
    unsigned char c = (unsigned char)z[i];
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    newsext_json_append(p, z + start, i - start);
    char zEsc[8];
    switch (c) {
    case '"': json_lit(p, "\\\""); break;
    case '\\': json_lit(p, "\\\\"); break;
    case '\n': json_lit(p, "\\n"); break;
    case '\r': json_lit(p, "\\r"); break;
    case '\t': json_lit(p, "\\t"); break;
    default: json_lit(p, sqlite3_snprintf(sizeof zEsc, zEsc, "\\u%04x", c)); break;
    }
    start = i + 1;
  }
  newsext_json_append(p, z + start, n - start);
  json_lit(p, "\"");
}

void newsext_result_int(newsext_out *ctx, sqlite3_int64 v) {
  ctx->bSet = 1;
  char zNum[32];
  if (ctx->ctx)
    sqlite3_result_int64(ctx->ctx, v);
  else
    json_lit(ctx->json, sqlite3_snprintf(sizeof zNum, zNum, "%lld", v));
}

void newsext_result_double(newsext_out *ctx, double v) {
  ctx->bSet = 1;
  char zNum[64];
  if (ctx->ctx)
    sqlite3_result_double(ctx->ctx, v);
  else if (v != v || v - v != 0) /* NaN or infinite: JSON has no such number */
    json_lit(ctx->json, "null");
  else
    json_lit(ctx->json, sqlite3_snprintf(sizeof zNum, zNum, "%!.15g", v)); /* as SQLite's json functions */
}

void newsext_result_text(newsext_out *ctx, const char *z, int n) {
  size_t len = n < 0 ? strlen(z) : (size_t)n;
  ctx->bSet = 1;
  if (ctx->ctx)
    sqlite3_result_text64(ctx->ctx, z, len, SQLITE_TRANSIENT, SQLITE_UTF8);
  else
    json_string(ctx, z, len);
}

/* news_utf8_valid(z, n); for JSON a megabyte at a time (never inside a
** character), with a poll between: -1 when stopped (ctx->rc is set). */
static int valid_polled(newsext_out *ctx, const char *z, uint32_t n) {
  if (!ctx->pStop) return news_utf8_valid(z, n);
  for (uint32_t i = 0; i < n;) {
    uint32_t j = n - i > JSON_POLL_BYTES ? i + JSON_POLL_BYTES : n;
    while (j < n && ((unsigned char)z[j] & 0xc0) == 0x80) j++; /* a continuation byte ends no character */
    if (!news_utf8_valid(z + i, j - i)) return 0;
    if (j < n && ctx->pStop->stop(ctx->pStop->stop_arg)) {
      ctx->rc = SQLITE_INTERRUPT;
      return -1;
    }
    i = j;
  }
  return 1;
}

void newsext_result_str(newsext_out *ctx, const char *z, uint32_t n) {
  if (!z) return; /* NULL */
  int valid = valid_polled(ctx, z, n);
  if (valid < 0) return;
  if (valid) {
    newsext_result_text(ctx, z, (int)n);
    return;
  }
  size_t need = news_utf8_sanitize(z, n, NULL, 0);
  char *zOut = sqlite3_malloc64(need ? need : 1);
  if (!zOut) {
    if (ctx->ctx) sqlite3_result_error_nomem(ctx->ctx);
    ctx->rc = SQLITE_NOMEM;
    ctx->bSet = 1;
    return;
  }
  news_utf8_sanitize(z, n, zOut, need);
  newsext_result_text(ctx, zOut, (int)need);
  sqlite3_free(zOut);
}

void newsext_result_span(newsext_cursor *pCur, newsext_out *ctx, uint32_t start, uint32_t end) {
  const char *zText = news_doc_text(pCur->pRef->doc, NULL);
  newsext_result_str(ctx, zText + start, end - start);
}

uint32_t newsext_chars(newsext_cursor *pCur, uint32_t byteOff) {
  assert(pCur->pRef->bMap);
  return news_charmap_chars(&pCur->pRef->map, byteOff);
}

void newsext_result_start(newsext_cursor *pCur, newsext_out *ctx, uint32_t start) {
  newsext_result_int(ctx, (sqlite3_int64)newsext_chars(pCur, start) + 1);
}

void newsext_result_length(newsext_cursor *pCur, newsext_out *ctx, uint32_t start, uint32_t end) {
  newsext_result_int(ctx, (sqlite3_int64)newsext_chars(pCur, end) - newsext_chars(pCur, start));
}
