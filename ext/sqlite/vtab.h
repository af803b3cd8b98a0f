/*
** vtab.h -- the table-valued-function machinery shared by every newsext
** function (sentences, tokens, entities, quotes, event_dates).
**
** Each function is one eponymous-only virtual table described by a
** newsext_table: its SQL name, its schema (output columns first, then the
** HIDDEN arguments `document` and, for event_dates, `reference_date`), a run
** callback that asks the core for one stage's row array and a column
** callback that turns one cell of a row into cells (newsext_out: an SQL
** result, or a JSON value for the NAME_json form, json.c).  vtab.c does everything else:
** xBestIndex, argument checking, the per-connection document cache, error
** messages and byte->character offset conversion.
*/
#ifndef NEWSEXT_VTAB_H
#define NEWSEXT_VTAB_H

#include "../core/news.h"

#include <sqlite3ext.h>

/* One cached analysed document, shared by every cursor that reads the same
** text on one connection (so entities(), quotes() and event_dates() over
** the same article tokenize and tag it once). */
typedef struct newsext_docref {
  news_doc *doc;    /* the analysis */
  news_mem mem;     /* its allocator: sqlite3_malloc64, counting into nBytes */
  sqlite3_int64 nBytes; /* heap bytes it holds (analysis, text copy, map) */
  news_charmap map; /* byte -> character offsets, built on first use */
  int bMap;         /* map is built */
  int nRef;         /* cursors and cache slots holding it */
} newsext_docref;

#define NEWSEXT_CACHE_SLOTS 4
/* Default of the cache's memory budget (newsext_cache_budget()). */
#define NEWSEXT_CACHE_BUDGET (64 * 1024 * 1024)

/* Flags of every scalar function (see FLAGS in newsext.c for why). */
#define NEWSEXT_FUNC_FLAGS (SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS)

/* Per-connection state, the client data of every module. */
typedef struct newsext_ctx {
  sqlite3 *db;
  news_mem mem;                                /* sqlite3_malloc64-backed */
  news_opts opts;                              /* stop callback: newsext_should_stop; the
                                                  connection's news_cache */
  newsext_docref *aCache[NEWSEXT_CACHE_SLOTS]; /* most recent first */
  sqlite3_int64 nBudget;                       /* bytes of unused documents kept at most */
  int nCursor;                                 /* table cursors open */
  int nRef;                                    /* modules registered with it */
  int nVtab;                                   /* tables connected (owners of pProbe) */
  sqlite3_stmt *pProbe;                        /* "SELECT 1", stepped to poll interrupts */
  sqlite3_stmt *pDate;                         /* "SELECT date(?1)", for reference_date */
} newsext_ctx;

/* The text of a JSON form being built (json.c) in a buffer of its own that
** doubles when full, so a result of hundreds of megabytes costs a few
** reallocations (SQLite's sqlite3_str grows by exactly each append once it
** passes half of SQLITE_LIMIT_LENGTH: a realloc of the whole text per value). */
typedef struct newsext_json {
  char *z;               /* sqlite3_malloc64'd, NUL-terminated when not NULL */
  sqlite3_uint64 n;      /* bytes written */
  sqlite3_uint64 nAlloc; /* bytes allocated at z */
  sqlite3_uint64 nMax;   /* SQLITE_LIMIT_LENGTH: a longer text is SQLITE_TOOBIG */
  int rc;                /* SQLITE_OK, or the first SQLITE_NOMEM / SQLITE_TOOBIG */
  const news_opts *pOpts; /* polled while a big text is copied to grow, or NULL */
} newsext_json;
/* Appends z[0..n); after a failure (p->rc set) appends nothing. */
void newsext_json_append(newsext_json *p, const char *z, size_t n);

/* Where an xColumn callback writes one cell: the SQL result of the table
** function (ctx), or a JSON value appended to json (the JSON forms, json.c).
** Written through the newsext_result_* helpers only; a cell left unwritten
** is NULL. */
typedef struct newsext_out {
  sqlite3_context *ctx; /* the table's result cell, or NULL for JSON */
  newsext_json *json;   /* the JSON text when ctx is NULL */
  int bSet;             /* a value was written */
  int rc;               /* SQLITE_NOMEM after a failed allocation (JSON) */
  const news_opts *pStop; /* JSON: polled every megabyte of a long string (SQLITE_INTERRUPT) */
} newsext_out;

typedef struct newsext_cursor newsext_cursor;

typedef struct newsext_table {
  const char *zName;   /* SQL name of the function */
  const char *zSchema; /* CREATE TABLE x(...) with the HIDDEN arguments last */
  int nOut;            /* output columns before the arguments */
  int bRef;            /* takes an optional second argument, reference_date */
  /* Runs the stage for the cursor's document, once per cursor: hands back
  ** the row array (alive as long as the cursor: in the document or in
  ** pCur->pRows), the size of one row and the number of rows. */
  news_rc (*xRun)(newsext_cursor *pCur, const void **paRow, size_t *pszRow, uint32_t *pnRow);
  /* Writes column iCol (0-based) of pRow, a row of that array, with newsext_result_*. */
  void (*xColumn)(newsext_cursor *pCur, newsext_out *ctx, const void *pRow, int iCol);
} newsext_table;

struct newsext_cursor {
  sqlite3_vtab_cursor base;   /* base class, must be first */
  const newsext_table *pDef;  /* which function */
  newsext_ctx *pCtx;          /* connection state (not owned) */
  newsext_docref *pRef;       /* the document, NULL for no rows */
  news_ymd ref;               /* reference date when hasRef */
  int hasRef;                 /* a reference date was given */
  uint32_t iRow;              /* current row, 0-based */
  uint32_t nRow;              /* rows in the result */
  const void *aRow;           /* the rows, from xRun */
  size_t szRow;               /* bytes per row */
  void *pRows;                /* rows copied for this cursor alone, or NULL */
  sqlite3_value *pDocArg;     /* the document argument when not pRef's text, or NULL */
  sqlite3_value *pRefArg;     /* the reference_date argument, or NULL */
};

/* Row i (0-based, below nRow) of the cursor's row array, for xColumn. */
static inline const void *newsext_row(const newsext_cursor *pCur, uint32_t i) {
  return (const char *)pCur->aRow + (size_t)i * pCur->szRow;
}

/* Column helpers for xColumn callbacks. */
void newsext_result_int(newsext_out *ctx, sqlite3_int64 v);
void newsext_result_double(newsext_out *ctx, double v);
void newsext_result_text(newsext_out *ctx, const char *z, int n); /* valid UTF-8; n<0: to NUL */
void newsext_result_str(newsext_out *ctx, const char *z, uint32_t n); /* any bytes, or NULL */
void newsext_result_span(newsext_cursor *pCur, newsext_out *ctx, uint32_t start, uint32_t end);
uint32_t newsext_chars(newsext_cursor *pCur, uint32_t byteOff); /* 0-based char offset */
void newsext_result_start(newsext_cursor *pCur, newsext_out *ctx, uint32_t start);
void newsext_result_length(newsext_cursor *pCur, newsext_out *ctx, uint32_t start, uint32_t end);

/* Analyses the arguments into pCur (pDef and pCtx set, no document held):
** the body of xFilter, shared with the JSON forms so both check arguments
** and report errors alike.  pRef is the reference_date argument or NULL.
** On error returns an SQLite code and, unless it is SQLITE_NOMEM or
** SQLITE_INTERRUPT, sets *pzErr to a message naming the function. */
int newsext_cursor_start(newsext_cursor *pCur, sqlite3_value *pDoc, sqlite3_value *pRef,
                         char **pzErr);
/* Lets go of the cursor's document and rows. */
void newsext_cursor_reset(newsext_cursor *pCur);
/* Finalizes the connection's internal statements when no table holds them
** (they must be gone before sqlite3_close). */
void newsext_ctx_idle(newsext_ctx *pCtx);

/* Client data of one registered name (a module or a JSON function): its
** definition and the shared connection state, which it holds a reference to. */
typedef struct newsext_modaux {
  const newsext_table *pDef;
  newsext_ctx *pCtx;
} newsext_modaux;
newsext_modaux *newsext_modaux_new(newsext_ctx *pCtx, const newsext_table *pDef);
void newsext_modaux_free(void *p);

/* Registers every table in aDef on db, named zPrefix + its name, with
** client data pCtx. */
int newsext_register_tables(sqlite3 *db, newsext_ctx *pCtx, const newsext_table *const *aDef,
                            int nDef, const char *zPrefix, char **pzErr);

extern const newsext_table newsext_sentences;
extern const newsext_table newsext_tokens;
extern const newsext_table newsext_entities;
extern const newsext_table newsext_quotes;
extern const newsext_table newsext_attributions;
extern const newsext_table newsext_event_dates;
extern const newsext_table newsext_places;

/* Registers zName (1 or, with reference_date, 2 arguments) as the JSON form
** of pDef (json.c). */
int newsext_create_json(sqlite3 *db, newsext_ctx *pCtx, const newsext_table *pDef,
                        const char *zName, char **pzErr);
/* Registers zPrefix + NAME_json() for every table in aDef (json.c). */
int newsext_register_json(sqlite3 *db, newsext_ctx *pCtx, const newsext_table *const *aDef,
                          int nDef, const char *zPrefix, char **pzErr);

newsext_ctx *newsext_ctx_new(sqlite3 *db);
void newsext_ctx_release(void *p);
/* Drops cached documents no cursor uses beyond the budget. */
void newsext_cache_trim(newsext_ctx *pCtx);
/* Registers newsext_cache_budget() and newsext_release_memory(). */
int newsext_register_cache_functions(sqlite3 *db, newsext_ctx *pCtx, char **pzErr);

#endif
