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
**   documents, keyed by a hash of the text and confirmed by comparing the
**   bytes (never by pointer).  Docs are reference counted: a slot holds one
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

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

SQLITE_EXTENSION_INIT3

/* ------------------------------------------------------------ allocation */

static void *mem_alloc(void *ctx, size_t n) {
  (void)ctx;
  return sqlite3_malloc64(n ? n : 1);
}
static void *mem_realloc(void *ctx, void *p, size_t n) {
  (void)ctx;
  return sqlite3_realloc64(p, n ? n : 1);
}
static void mem_free(void *ctx, void *p) {
  (void)ctx;
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
  p->nRef = 1;
  return p;
}

static void docref_release(newsext_ctx *pCtx, newsext_docref *p) {
  if (!p || --p->nRef > 0) return;
  if (p->bMap) news_charmap_free(&p->map, &pCtx->mem);
  news_doc_free(p->doc);
  sqlite3_free(p);
}

void newsext_ctx_release(void *pArg) {
  newsext_ctx *p = pArg;
  if (!p || --p->nRef > 0) return;
  for (int i = 0; i < NEWSEXT_CACHE_SLOTS; i++) docref_release(p, p->aCache[i]);
  sqlite3_free(p);
}

static uint64_t fnv1a(const char *z, size_t n) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)z[i]) * 0x100000001b3ull;
  return h;
}

/* Finds or creates the analysis of z[0..n); the caller owns one reference. */
static news_rc cache_get(newsext_ctx *pCtx, const char *z, size_t n, newsext_docref **ppOut) {
  uint64_t h = fnv1a(z, n);
  for (int i = 0; i < NEWSEXT_CACHE_SLOTS; i++) {
    newsext_docref *p = pCtx->aCache[i];
    size_t len;
    const char *zText = p ? news_doc_text(p->doc, &len) : NULL;
    if (p && p->hash == h && len == n && memcmp(zText, z, n) == 0) {
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
  news_rc rc = news_doc_new(&pCtx->mem, &pCtx->opts, z, n, &p->doc);
  if (rc) {
    sqlite3_free(p);
    return rc;
  }
  p->hash = h;
  p->nRef = 2; /* the cache's and the caller's */
  docref_release(pCtx, pCtx->aCache[NEWSEXT_CACHE_SLOTS - 1]);
  memmove(&pCtx->aCache[1], &pCtx->aCache[0], (NEWSEXT_CACHE_SLOTS - 1) * sizeof p);
  pCtx->aCache[0] = p;
  *ppOut = p;
  return NEWS_OK;
}

/* ------------------------------------------------------------- the table */

typedef struct newsext_vtab {
  sqlite3_vtab base;         /* base class, must be first */
  const newsext_table *pDef; /* the function this table serves */
  newsext_ctx *pCtx;         /* connection state (not owned) */
  sqlite3_stmt *pDate;       /* SELECT date(?1), prepared on first use */
} newsext_vtab;

/* Client data of one module: its definition and the shared context. */
typedef struct newsext_modaux {
  const newsext_table *pDef;
  newsext_ctx *pCtx;
} newsext_modaux;

static void modaux_free(void *p) {
  newsext_modaux *pAux = p;
  newsext_ctx_release(pAux->pCtx);
  sqlite3_free(pAux);
}

/* Replaces the table's error message with a formatted one.  When the
** message itself cannot be allocated the error becomes SQLITE_NOMEM, so the
** user never sees a bare code without the message that explains it. */
static int set_error(sqlite3_vtab *pVtab, int rc, const char *zFmt, ...) {
  va_list ap;
  va_start(ap, zFmt);
  sqlite3_free(pVtab->zErrMsg);
  pVtab->zErrMsg = sqlite3_vmprintf(zFmt, ap);
  va_end(ap);
  return pVtab->zErrMsg ? rc : SQLITE_NOMEM;
}

/* Turns a core error into an SQLite one, naming the function. */
static int core_error(newsext_vtab *pTab, news_rc rc) {
  if (rc == NEWS_ERR_NOMEM) return SQLITE_NOMEM;
  if (rc == NEWS_ERR_INTERRUPTED) return SQLITE_INTERRUPT;
  if (rc == NEWS_ERR_TOOBIG) return set_error(&pTab->base, SQLITE_TOOBIG, "%s: %s", pTab->pDef->zName, news_errstr(rc));
  return set_error(&pTab->base, SQLITE_ERROR, "%s: %s", pTab->pDef->zName, news_errstr(rc));
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
  sqlite3_finalize(pTab->pDate);
  /* the last table finalizes the probe, before sqlite3_close() checks for
  ** unfinalized statements (a later poll prepares it again) */
  if (--pTab->pCtx->nVtab == 0) {
    sqlite3_finalize(pTab->pCtx->pProbe);
    pTab->pCtx->pProbe = NULL;
  }
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
  *ppCursor = &pCur->base;
  return SQLITE_OK;
}

static void cursor_reset(newsext_cursor *pCur) {
  newsext_vtab *pTab = (newsext_vtab *)pCur->base.pVtab;
  docref_release(pTab->pCtx, pCur->pRef);
  pCur->pRef = NULL;
  sqlite3_free(pCur->pRows);
  pCur->pRows = NULL;
  pCur->aRow = NULL;
  pCur->szRow = 0;
  pCur->iRow = pCur->nRow = 0;
  pCur->hasRef = 0;
}

static int xClose(sqlite3_vtab_cursor *cur) {
  cursor_reset((newsext_cursor *)cur);
  sqlite3_free(cur);
  return SQLITE_OK;
}

/* True when y-m-d is a day of the Gregorian calendar (year 1..9999). */
static int valid_ymd(int y, int m, int d) {
  static const int mlen[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return y > 0 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= mlen[m - 1] &&
         (m != 2 || d < 29 || (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)));
}

/* Reads the reference_date argument through SQLite's date(); sets
** pCur->ref/hasRef.  NULL means "no reference date"; 'now' is refused. */
static int read_reference(newsext_vtab *pTab, newsext_cursor *pCur, sqlite3_value *pVal) {
  if (sqlite3_value_type(pVal) == SQLITE_NULL) return SQLITE_OK;
  if (sqlite3_value_type(pVal) == SQLITE_BLOB)
    return set_error(&pTab->base, SQLITE_MISMATCH, "%s: reference_date: expected a date, got a blob",
                     pTab->pDef->zName);
  if (sqlite3_value_type(pVal) == SQLITE_TEXT) {
    /* date('now') reads the clock: the tables promise no hidden inputs */
    const char *z = (const char *)sqlite3_value_text(pVal);
    if (!z) return SQLITE_NOMEM;
    while (*z == ' ' || *z == '\t') z++;
    if (sqlite3_strnicmp(z, "now", 3) == 0)
      return set_error(&pTab->base, SQLITE_ERROR,
                       "%s: reference_date 'now' reads the clock; pass the publication date",
                       pTab->pDef->zName);
  }
  if (!pTab->pDate) {
    int rc = sqlite3_prepare_v2(pTab->pCtx->db, "SELECT date(?1)", -1, &pTab->pDate, NULL);
    if (rc != SQLITE_OK) return rc;
  }
  sqlite3_bind_value(pTab->pDate, 1, pVal);
  int ok = 0;
  if (sqlite3_step(pTab->pDate) == SQLITE_ROW) {
    const char *z = (const char *)sqlite3_column_text(pTab->pDate, 0);
    int y, m, d;
    char extra;
    /* date() passes days such as 2019-02-30 through unchanged: check them */
    if (z && sscanf(z, "%d-%d-%d%c", &y, &m, &d, &extra) == 3 && valid_ymd(y, m, d)) {
      pCur->ref = (news_ymd){y, m, d};
      pCur->hasRef = 1;
      ok = 1;
    }
  }
  int rc = sqlite3_reset(pTab->pDate);
  sqlite3_clear_bindings(pTab->pDate);
  if (rc == SQLITE_NOMEM) return rc;
  /* "2013-03-14T00:00:00+02:00": date() moves the instant to UTC (the
  ** 13th), but an article belongs to the day it is dated, so a timestamp
  ** with a time part keeps its own leading calendar day */
  if (ok && sqlite3_value_type(pVal) == SQLITE_TEXT) {
    const unsigned char *t = sqlite3_value_text(pVal);
    int k = 0;
    while (t && k < 10 && t[k] && ((k == 4 || k == 7) ? t[k] == '-' : (t[k] >= '0' && t[k] <= '9'))) k++;
    if (k == 10 && (t[10] == 'T' || t[10] == ' ')) {
      int y = (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0');
      int m = (t[5] - '0') * 10 + (t[6] - '0'), d = (t[8] - '0') * 10 + (t[9] - '0');
      if (valid_ymd(y, m, d)) pCur->ref = (news_ymd){y, m, d};
    }
  }
  if (!ok) {
    const char *z = (const char *)sqlite3_value_text(pVal);
    return set_error(&pTab->base, SQLITE_ERROR, "%s: reference_date '%.40s' is not a date",
                     pTab->pDef->zName, z ? z : "");
  }
  return SQLITE_OK;
}

static int xFilter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr, int argc,
                   sqlite3_value **argv) {
  (void)idxStr;
  newsext_cursor *pCur = (newsext_cursor *)cur;
  newsext_vtab *pTab = (newsext_vtab *)cur->pVtab;
  cursor_reset(pCur);
  if ((idxNum & IDX_NO_DOCUMENT) || argc < 1) {
    const newsext_table *pDef = pTab->pDef;
    return set_error(&pTab->base, SQLITE_ERROR, "%s: missing argument: %s(document%s)", pDef->zName,
                     pDef->zName, pDef->bRef ? " [, reference_date]" : "");
  }
  sqlite3_value *pDoc = argv[0];
  int eType = sqlite3_value_type(pDoc);
  if (eType == SQLITE_NULL) return SQLITE_OK;
  if (eType == SQLITE_BLOB)
    return set_error(&pTab->base, SQLITE_MISMATCH, "%s: expected text, got a blob", pTab->pDef->zName);
  if ((idxNum & IDX_REFERENCE) && argc >= 2) {
    int rc = read_reference(pTab, pCur, argv[1]);
    if (rc != SQLITE_OK) return rc;
  }
  const char *z = (const char *)sqlite3_value_text(pDoc);
  if (!z) return SQLITE_NOMEM;
  size_t n = strlen(z); /* up to the first NUL, as SQLite's text functions */
  news_rc rc = cache_get(pTab->pCtx, z, n, &pCur->pRef);
  if (rc) return core_error(pTab, rc);
  rc = pCur->pDef->xRun(pCur, &pCur->aRow, &pCur->szRow, &pCur->nRow);
  if (rc == NEWS_OK && pCur->nRow > 0 && !pCur->pRef->bMap) {
    size_t len;
    const char *zText = news_doc_text(pCur->pRef->doc, &len);
    rc = news_charmap_build(&pCur->pRef->map, &pTab->pCtx->mem, zText, len);
    pCur->pRef->bMap = rc == NEWS_OK;
  }
  if (rc) {
    cursor_reset(pCur);
    return core_error(pTab, rc);
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
  if (iCol < pCur->pDef->nOut)
    pCur->pDef->xColumn(pCur, ctx, (const char *)pCur->aRow + (size_t)pCur->iRow * pCur->szRow, iCol);
  /* the HIDDEN argument columns read back as NULL */
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
                            int nDef, char **pzErr) {
  for (int i = 0; i < nDef; i++) {
    newsext_modaux *pAux = sqlite3_malloc64(sizeof *pAux);
    if (!pAux) return SQLITE_NOMEM;
    pAux->pDef = aDef[i];
    pAux->pCtx = pCtx;
    pCtx->nRef++;
    /* on failure SQLite calls modaux_free itself */
    int rc = sqlite3_create_module_v2(db, aDef[i]->zName, &newsext_module, pAux, modaux_free);
    if (rc != SQLITE_OK) {
      *pzErr = sqlite3_mprintf("newsext: cannot register %s: %s", aDef[i]->zName, sqlite3_errmsg(db));
      return rc;
    }
  }
  return SQLITE_OK;
}

/* ---------------------------------------------------------- column helpers */

void newsext_result_str(sqlite3_context *ctx, const char *z, uint32_t n) {
  if (!z) {
    sqlite3_result_null(ctx);
    return;
  }
  if (news_utf8_valid(z, n)) {
    sqlite3_result_text(ctx, z, (int)n, SQLITE_TRANSIENT);
    return;
  }
  size_t need = news_utf8_sanitize(z, n, NULL, 0);
  char *zOut = sqlite3_malloc64(need ? need : 1);
  if (!zOut) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  news_utf8_sanitize(z, n, zOut, need);
  sqlite3_result_text64(ctx, zOut, need, sqlite3_free, SQLITE_UTF8);
}

void newsext_result_span(newsext_cursor *pCur, sqlite3_context *ctx, uint32_t start, uint32_t end) {
  const char *zText = news_doc_text(pCur->pRef->doc, NULL);
  newsext_result_str(ctx, zText + start, end - start);
}

uint32_t newsext_chars(newsext_cursor *pCur, uint32_t byteOff) {
  assert(pCur->pRef->bMap);
  return news_charmap_chars(&pCur->pRef->map, byteOff);
}

void newsext_result_start(newsext_cursor *pCur, sqlite3_context *ctx, uint32_t start) {
  sqlite3_result_int64(ctx, (sqlite3_int64)newsext_chars(pCur, start) + 1);
}

void newsext_result_length(newsext_cursor *pCur, sqlite3_context *ctx, uint32_t start,
                           uint32_t end) {
  sqlite3_result_int64(ctx, (sqlite3_int64)newsext_chars(pCur, end) - newsext_chars(pCur, start));
}
