/*
** vtab.h -- the table-valued-function machinery shared by every newsext
** function (sentences, tokens, entities, quotes, event_dates).
**
** Each function is one eponymous-only virtual table described by a
** newsext_table: its SQL name, its schema (output columns first, then the
** HIDDEN arguments `document` and, for event_dates, `reference_date`), a run
** callback that asks the core for one stage's row array and a column
** callback that turns one cell of a row into an SQL value.  vtab.c does everything else:
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
  news_charmap map; /* byte -> character offsets, built on first use */
  int bMap;         /* map is built */
  int nRef;         /* cursors and cache slots holding it */
  uint64_t hash;    /* FNV-1a of the text, for the cache look-up */
} newsext_docref;

#define NEWSEXT_CACHE_SLOTS 4

/* Flags of every scalar function (see FLAGS in newsext.c for why). */
#define NEWSEXT_FUNC_FLAGS (SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS)

/* Per-connection state, the client data of every module. */
typedef struct newsext_ctx {
  sqlite3 *db;
  news_mem mem;                                /* sqlite3_malloc64-backed */
  news_opts opts;                              /* stop callback: newsext_should_stop */
  newsext_docref *aCache[NEWSEXT_CACHE_SLOTS]; /* most recent first */
  int nRef;                                    /* modules registered with it */
  int nVtab;                                   /* tables connected (owners of pProbe) */
  sqlite3_stmt *pProbe;                        /* "SELECT 1", stepped to poll interrupts */
} newsext_ctx;

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
  /* Sets the result for column iCol (0-based) of pRow, the current row. */
  void (*xColumn)(newsext_cursor *pCur, sqlite3_context *ctx, const void *pRow, int iCol);
} newsext_table;

struct newsext_cursor {
  sqlite3_vtab_cursor base;   /* base class, must be first */
  const newsext_table *pDef;  /* which function */
  newsext_docref *pRef;       /* the document, NULL for no rows */
  news_ymd ref;               /* reference date when hasRef */
  int hasRef;                 /* a reference date was given */
  uint32_t iRow;              /* current row, 0-based */
  uint32_t nRow;              /* rows in the result */
  const void *aRow;           /* the rows, from xRun */
  size_t szRow;               /* bytes per row */
  void *pRows;                /* rows copied for this cursor alone, or NULL */
};

/* Column helpers for xColumn callbacks. */
void newsext_result_span(newsext_cursor *pCur, sqlite3_context *ctx, uint32_t start, uint32_t end);
void newsext_result_str(sqlite3_context *ctx, const char *z, uint32_t n);
uint32_t newsext_chars(newsext_cursor *pCur, uint32_t byteOff); /* 0-based char offset */
void newsext_result_start(newsext_cursor *pCur, sqlite3_context *ctx, uint32_t start);
void newsext_result_length(newsext_cursor *pCur, sqlite3_context *ctx, uint32_t start,
                           uint32_t end);

/* Registers every table in aDef on db with client data pCtx. */
int newsext_register_tables(sqlite3 *db, newsext_ctx *pCtx, const newsext_table *const *aDef,
                            int nDef, char **pzErr);

extern const newsext_table newsext_sentences;
extern const newsext_table newsext_tokens;
extern const newsext_table newsext_entities;
extern const newsext_table newsext_quotes;
extern const newsext_table newsext_attributions;
extern const newsext_table newsext_event_dates;
extern const newsext_table newsext_places;

/* Registers NAME_json() for every table in aDef (json.c). */
int newsext_register_json(sqlite3 *db, const newsext_table *const *aDef, int nDef, char **pzErr);

newsext_ctx *newsext_ctx_new(sqlite3 *db);
void newsext_ctx_release(void *p);

#endif
