/*
** newsext_scale.h -- the scale-out parts of newsext-batch: shards, the
** record of runs (newsext_runs), `newsext-batch merge` and `newsext-batch
** split`.  See newsext_scale.c and docs/scale-out.md.
*/
#ifndef NEWSEXT_SCALE_H
#define NEWSEXT_SCALE_H

#include <sqlite3.h>
#include <stddef.h>

/* Which newsext made a set of results. */
typedef struct scale_build {
  char zVersion[64];   /* newsext_version() */
  char zHash[65];      /* the extension's GNU build-id in hex, else FNV-1a 64 of its file (code and data) */
  char zModel[256];    /* the entity model's provenance line of newsext_debug() */
} scale_build;

/* Registers newsext_shard(id, n) on db: the shard, 0..n-1, of an article id. */
int scale_register(sqlite3 *db);

/* Attaches the database file zPath read-only as zSchema. */
int scale_attach_ro(sqlite3 *db, const char *zPath, const char *zSchema);

/* Parses "K/N" (0 <= K < N <= 1,000,000); prints the problem, nonzero if bad. */
int scale_parse_shard(const char *z, sqlite3_int64 *pK, sqlite3_int64 *pN);

/* Fills *pOut from db, which has loaded the extension zExt; prints the
** problem and returns an SQLite error code on failure. */
int scale_build_read(sqlite3 *db, const char *zExt, scale_build *pOut);

/* Before a run writes: refuses (printed, nonzero) when the results in db
** were made by another build of newsext (newsext_runs) and bReset is off. */
int scale_check_build(sqlite3 *db, const char *zDb, const scale_build *b, int bReset);

/* Creates newsext_runs if needed and records a run that starts now; *piRun
** is its row.  zShard: "K/N" of --shard, or NULL to take it from a shard
** file's newsext_split table in schema zSrcSchema. */
int scale_run_begin(sqlite3 *db, const scale_build *b, const char *zSource, const char *zSrcSchema,
                    const char *zShard, sqlite3_int64 *piRun);

/* Records how the run ended: zStatus done, skipped, interrupted or error. */
void scale_run_end(sqlite3 *db, sqlite3_int64 iRun, const char *zStatus, double nArticles);

/* For --out: creates in main each of the nTable result tables azTable that
** is missing, with the columns zSchemaSql gives it but as an ordinary rowid
** table without any index -- the form merge copies record by record (see
** MERGE in newsext_scale.c).  Nonzero on error, with the message in *pzErr
** (sqlite3_free it). */
int scale_out_tables(sqlite3 *db, const char *zSchemaSql, const char *const *azTable, int nTable, char **pzErr);

/* Has database zSchema of db, which nothing writes to while it is open,
** read through a memory map of its file instead of read(2) into SQLite's
** page cache (no copy of every page; no cache buffers to fill). */
void scale_map_reads(sqlite3 *db, const char *zSchema);

/* `newsext-batch merge` and `newsext-batch split`: argv[0] is the
** subcommand; azTable lists the result tables.  Return the exit status. */
int scale_merge(int argc, char **argv, const char *const *azTable, int nTable);
int scale_split(int argc, char **argv);

#endif
