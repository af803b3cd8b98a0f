/*
** newsext_scale.c -- the scale-out parts of newsext-batch (docs/scale-out.md).
**
** SHARDS
**   Article id x belongs to shard splitmix64(x) mod N, where splitmix64 is
**   the 64-bit finaliser of SplitMix64 applied to x as an unsigned 64-bit
**   integer:  x ^= x >> 30; x *= 0xbf58476d1ce4e5b9; x ^= x >> 27;
**   x *= 0x94d049bb133111eb; x ^= x >> 31.  The split depends only on the
**   id and N, so reruns and resumes see the same shards, and shards are
**   balanced whatever the ids look like (dense, sparse, time-ordered).
**   `--shard K/N` and `split SRC N DIR` use the same function, available in
**   SQL on the tool's connections as newsext_shard(id, n).
**
** RUNS
**   Every run of newsext-batch adds a row to newsext_runs in the results
**   database: the newsext version, the model hash (the GNU build-id of the
**   loaded extension: the linker's hash of the whole file -- its code and
**   every compiled-in model, lexicon and gazetteer; FNV-1a 64 over the
**   file's 8-byte words for a library linked without one), the entity
**   model's provenance, the shard, the articles
**   database, host, start and end time, articles committed and how it ended
**   (running, done, skipped, interrupted, error).  A run refuses to add
**   results to a database holding results of another build, and merge
**   refuses to combine them.
**
** MERGE  newsext-batch merge DEST SRC...
**   Before anything is copied every SRC is checked: made by newsext-batch
**   (newsext_runs), by the same build as DEST and the other SRCs, its last
**   run finished (done or skipped), and its tables have the same columns
**   as DEST's (or, for tables DEST lacks, the first SRC's, whose definitions
**   DEST then takes), whatever they are.  A SRC whose runs that committed
**   articles are all in DEST already was merged before and is skipped, so a
**   merge that stopped part-way can simply be run again.  Then the SRCs are
**   attached, as many at a time as SQLite allows (10 by default), and each
**   group is copied in one transaction: per SRC, one INSERT ... SELECT *
**   per table, newsext_batch_done first, whose key refuses an article DEST
**   holds already (DEST holds the SRCs before it by then), so none of an
**   overlapping SRC's rows is copied.
**
**   That copy is SQLite's transfer optimisation -- records copied as they
**   are, without decoding or re-encoding, appended at the end of DEST's
**   table -- about ten times cheaper than inserting each row again.  SQLite
**   does it into a table that already holds rows only when source and
**   destination have the same columns and the destination is an ordinary
**   rowid table with no index (a UNIQUE index, a WITHOUT ROWID key, or any
**   index of a table without INTEGER PRIMARY KEY make it require an empty
**   table).  So --out files hold their result tables in that form
**   (scale_out_tables), merge drops DEST's article indexes first, and
**   builds them once at the end of the last group: "<table>_article" on
**   (article), one sort, so a look-up by article is an index search as in
**   an in-place database.  (A UNIQUE (article, n) index costs 40% more to
**   build, as much as 1.5% of computing the rows.)  Rows are not checked
**   one by one: an article's rows come from the input whose
**   newsext_batch_done holds it -- newsext-batch commits them together --
**   and the key of newsext_batch_done refuses an article twice (articles in
**   newsext_batch_errors, if any, are looked up in DEST one by one).
**   `--no-index` leaves the indexes to the next merge (the Dask driver's
**   merges before its last).  newsext_batch_done and newsext_batch_errors,
**   keyed by INTEGER PRIMARY KEY, are copied the same way with a check of
**   each key.  An input in another form (a database processed in place:
**   WITHOUT ROWID tables) is copied by ordinary inserts.
**
** SPLIT  newsext-batch split [--table T] [--id COL] SRC N DIR
**   Writes DIR/shard-K-of-N.db for K = 0..N-1 in one pass over SRC: table T
**   as SRC defines it, with the articles of shard K (rowids kept), and a
**   one-row table newsext_split(k, n, source) that runs on the file record
**   as their shard.  Each file is written as DIR/shard-K-of-N.db.part and
**   renamed when complete.
*/
#define _GNU_SOURCE
#include "newsext_scale.h"

#include <dlfcn.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <link.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

/* ------------------------------------------------------------ shards */

static uint64_t shard_mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

static void shardFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  sqlite3_int64 n = sqlite3_value_int64(argv[1]);
  if (sqlite3_value_type(argv[0]) != SQLITE_INTEGER || n < 1) {
    sqlite3_result_error(ctx, "newsext_shard(id, n): id must be an integer and n at least 1", -1);
    return;
  }
  sqlite3_result_int64(ctx, (sqlite3_int64)(shard_mix((uint64_t)sqlite3_value_int64(argv[0])) % (uint64_t)n));
}

int scale_register(sqlite3 *db) {
  return sqlite3_create_function(db, "newsext_shard", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, shardFunc, NULL,
                                 NULL);
}

int scale_attach_ro(sqlite3 *db, const char *zPath, const char *zSchema) {
  /* a file: URI with mode=ro; %, ? and # are escaped */
  sqlite3_str *s = sqlite3_str_new(db);
  sqlite3_str_appendall(s, "file:");
  for (const char *z = zPath; *z; z++) {
    if (*z == '%' || *z == '?' || *z == '#') sqlite3_str_appendf(s, "%%%02X", (unsigned char)*z);
    else sqlite3_str_appendchar(s, 1, *z);
  }
  sqlite3_str_appendall(s, "?mode=ro");
  char *zUri = sqlite3_str_finish(s);
  char *zSql = sqlite3_mprintf("ATTACH %Q AS \"%w\"", zUri, zSchema);
  int rc = zUri && zSql ? sqlite3_exec(db, zSql, NULL, NULL, NULL) : SQLITE_NOMEM;
  sqlite3_free(zUri);
  sqlite3_free(zSql);
  return rc;
}

int scale_parse_shard(const char *z, sqlite3_int64 *pK, sqlite3_int64 *pN) {
  char *zEnd = NULL;
  errno = 0;
  long long k = strtoll(z, &zEnd, 10);
  long long n = 0;
  int bad = errno || zEnd == z || *zEnd != '/';
  if (!bad) {
    const char *zN = zEnd + 1;
    n = strtoll(zN, &zEnd, 10);
    bad = errno || zEnd == zN || *zEnd || n < 1 || n > 1000000 || k < 0 || k >= n;
  }
  if (bad) {
    fprintf(stderr, "newsext-batch: --shard: '%s' is not K/N with 0 <= K < N <= 1000000 (shards are numbered "
            "from 0)\n", z);
    return 1;
  }
  *pK = k;
  *pN = n;
  return 0;
}

/* ------------------------------------------------------------ builds */

/* FNV-1a 64 of n bytes (n a multiple of 8), a little-endian word per step. */
static uint64_t hash_words(uint64_t h, const unsigned char *p, size_t n) {
  for (size_t i = 0; i < n; i += 8) {
    uint64_t w;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    memcpy(&w, p + i, 8); /* one load instead of eight */
#else
    w = 0;
    for (int k = 7; k >= 0; k--) w = w << 8 | p[i + (size_t)k];
#endif
    h = (h ^ w) * 0x100000001b3ULL;
  }
  return h;
}

/* FNV-1a 64 of a file into zHex (17 bytes), taking 8 bytes (a little-endian
** word; the tail zero-padded) per step instead of one -- 8 times faster, and
** the file's size is mixed in last; nonzero if unreadable.  The model hash
** of a library without a build-id.  The file is mapped with its pages filled
** in one call (MAP_POPULATE): no copy of the whole extension into a buffer
** and no page fault per page. */
static int hash_file(const char *zPath, char *zHex) {
  int fd = open(zPath, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 1;
  uint64_t h = 0xcbf29ce484222325ULL;
  struct stat st;
  int err = fstat(fd, &st) != 0 || st.st_size < 0;
  size_t nAll = err ? 0 : (size_t)st.st_size;
  if (!err && nAll > 0) {
    const unsigned char *p = mmap(NULL, nAll, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    if (p == MAP_FAILED) {
      err = 1;
    } else {
      size_t nWhole = nAll - nAll % 8;
      unsigned char aTail[8] = {0};
      memcpy(aTail, p + nWhole, nAll % 8);
      h = hash_words(h, p, nWhole);
      if (nAll % 8) h = hash_words(h, aTail, 8);
      munmap((void *)p, nAll);
    }
  }
  close(fd);
  h = (h ^ (uint64_t)nAll) * 0x100000001b3ULL;
  snprintf(zHex, 17, "%016llx", (unsigned long long)h);
  return err;
}

/* The dynamic loader's record of zExt, which SQLite has loaded (as zExt,
** or zExt.so); NULL if it cannot be told.  When found, the reference taken
** here is kept to the end of the process: the connection that loaded the
** extension to read its version is closed next, and without this reference
** the loader would unmap the library then and map and relocate it again
** (15,600 relocations, 250 KB of tables with pointers) for the worker
** connections that load it after. */
static struct link_map *loaded_lib(const char *zExt) {
  for (int i = 0; i < 2; i++) {
    char *zName = i ? sqlite3_mprintf("%s.so", zExt) : sqlite3_mprintf("%s", zExt);
    void *h = zName ? dlopen(zName, RTLD_NOW | RTLD_NOLOAD) : NULL;
    sqlite3_free(zName);
    if (!h) continue;
    struct link_map *lm = NULL;
    if (dlinfo(h, RTLD_DI_LINKMAP, &lm) == 0 && lm) return lm; /* h stays open (above) */
    dlclose(h);
  }
  return NULL;
}

/* What build_id_note looks for and where it puts the answer. */
typedef struct build_id_ctx {
  ElfW(Addr) base; /* the object's load address (link_map l_addr) */
  char *zHex;      /* out: the build-id in hex, "" when none */
  size_t nHex;     /* bytes at zHex */
} build_id_ctx;

/* dl_iterate_phdr callback: for the object loaded at c->base, the
** NT_GNU_BUILD_ID note of its PT_NOTE segments (already mapped: nothing is
** read from the file) into c->zHex.  Returns nonzero to stop the walk. */
static int build_id_note(struct dl_phdr_info *info, size_t size, void *p) {
  build_id_ctx *c = p;
  if (info->dlpi_addr != c->base) return 0;
  for (ElfW(Half) i = 0; i < info->dlpi_phnum; i++) {
    const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
    if (ph->p_type != PT_NOTE) continue;
    const unsigned char *a = (const unsigned char *)(info->dlpi_addr + ph->p_vaddr);
    size_t align = ph->p_align == 8 ? 8 : 4, at = 0, end = ph->p_memsz;
    while (end - at >= sizeof(ElfW(Nhdr))) {
      ElfW(Nhdr) nh;
      memcpy(&nh, a + at, sizeof nh);
      size_t name = at + sizeof nh, desc = name + ((nh.n_namesz + align - 1) & ~(align - 1));
      size_t next = desc + ((nh.n_descsz + align - 1) & ~(align - 1));
      if (desc > end || next > end) break;
      if (nh.n_type == NT_GNU_BUILD_ID && nh.n_namesz == 4 && memcmp(a + name, "GNU", 4) == 0 &&
          nh.n_descsz > 0 && 2 * (size_t)nh.n_descsz < c->nHex) {
        for (size_t k = 0; k < nh.n_descsz; k++) snprintf(c->zHex + 2 * k, 3, "%02x", a[desc + k]);
        return 1;
      }
      at = next;
    }
  }
  return 1; /* the object, without a build-id */
}

/* The GNU build-id of the loaded object lm in hex into zHex (nHex bytes,
** room for 64 digits): the linker's hash of the whole linked file -- its
** code and every compiled-in model, lexicon and gazetteer -- as `readelf -n`
** and `file` print it (40 digits: ld's default, SHA-1), kept by `strip`.
** Nonzero when the object has none (linked with --build-id=none). */
static int build_id(const struct link_map *lm, char *zHex, size_t nHex) {
  build_id_ctx c = {lm->l_addr, zHex, nHex};
  zHex[0] = 0;
  dl_iterate_phdr(build_id_note, &c);
  return zHex[0] == 0;
}

int scale_build_read(sqlite3 *db, const char *zExt, scale_build *pOut) {
  memset(pOut, 0, sizeof *pOut);
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2(db, "SELECT newsext_version(), newsext_debug()", -1, &st, NULL);
  if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
    const char *zV = (const char *)sqlite3_column_text(st, 0);
    const char *zD = (const char *)sqlite3_column_text(st, 1);
    snprintf(pOut->zVersion, sizeof pOut->zVersion, "%s", zV ? zV : "");
    /* the debug text's line about the entity model */
    const char *zM = zD ? strstr(zD, "model") : NULL;
    while (zM && zM > zD && zM[-1] != '\n') zM--;
    if (zM) {
      size_t n = strcspn(zM, "\n");
      snprintf(pOut->zModel, sizeof pOut->zModel, "%.*s", (int)n, zM);
    }
    /* the build-id the linker wrote; without one, a hash of the file */
    struct link_map *lm = loaded_lib(zExt);
    if (!lm || (build_id(lm, pOut->zHash, sizeof pOut->zHash) &&
                (!lm->l_name || !lm->l_name[0] || hash_file(lm->l_name, pOut->zHash)))) {
      /* no file to hash: the debug text (version, Unicode, model) instead */
      uint64_t h = 0xcbf29ce484222325ULL;
      for (const char *z = zD ? zD : ""; *z; z++) h = (h ^ (unsigned char)*z) * 0x100000001b3ULL;
      snprintf(pOut->zHash, sizeof pOut->zHash, "%016llx", (unsigned long long)h);
    }
  } else if (rc == SQLITE_OK) {
    rc = SQLITE_ERROR;
  }
  if (rc != SQLITE_OK)
    fprintf(stderr, "newsext-batch: cannot read the version of %s: %s\n", zExt, sqlite3_errmsg(db));
  sqlite3_finalize(st);
  return rc;
}

static const char zRunsSql[] =
    "CREATE TABLE IF NOT EXISTS main.newsext_runs(\n"
    "  seq INTEGER PRIMARY KEY,     -- order of the runs in this database\n"
    "  run TEXT NOT NULL UNIQUE,    -- random id of the run\n"
    "  version TEXT NOT NULL,       -- newsext_version()\n"
    "  model_hash TEXT NOT NULL,    -- the extension's GNU build-id (else a hash of its file)\n"
    "  model TEXT,                  -- the entity model (newsext_debug())\n"
    "  shard TEXT,                  -- K/N, or NULL for all articles\n"
    "  source TEXT,                 -- the articles database\n"
    "  host TEXT, started TEXT, finished TEXT, -- UTC, ISO 8601\n"
    "  articles INTEGER,            -- articles this run committed\n"
    "  status TEXT NOT NULL,        -- running, done, skipped, interrupted, error\n"
    "  merged_from TEXT)            -- the file merge copied this row from\n";

/* 1 if schema zSchema of db has table zTable. */
static int has_table(sqlite3 *db, const char *zSchema, const char *zTable) {
  char *zSql = sqlite3_mprintf("SELECT 1 FROM \"%w\".sqlite_schema WHERE type = 'table' AND name = %Q", zSchema,
                               zTable);
  sqlite3_stmt *st = NULL;
  int r = zSql && sqlite3_prepare_v2(db, zSql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW;
  sqlite3_finalize(st);
  sqlite3_free(zSql);
  return r;
}

/* Runs zSql (printf-style) and returns the first column of its first row as
** a new string, NULL if no row; *pRc gets the error. */
static char *query1(sqlite3 *db, int *pRc, const char *zFmt, ...) {
  va_list ap;
  va_start(ap, zFmt);
  char *zSql = sqlite3_vmprintf(zFmt, ap);
  va_end(ap);
  sqlite3_stmt *st = NULL;
  char *zOut = NULL;
  int rc = zSql ? sqlite3_prepare_v2(db, zSql, -1, &st, NULL) : SQLITE_NOMEM;
  if (rc == SQLITE_OK) {
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
      const char *z = (const char *)sqlite3_column_text(st, 0);
      zOut = sqlite3_mprintf("%s", z ? z : "NULL");
      rc = SQLITE_OK;
    } else if (rc == SQLITE_DONE) {
      rc = SQLITE_OK;
    }
    int rc2 = sqlite3_finalize(st);
    if (rc == SQLITE_OK) rc = rc2;
  }
  sqlite3_free(zSql);
  if (pRc && rc != SQLITE_OK && *pRc == SQLITE_OK) *pRc = rc;
  return zOut;
}

int scale_check_build(sqlite3 *db, const char *zDb, const scale_build *b, int bReset) {
  if (bReset || !has_table(db, "main", "newsext_runs") || !has_table(db, "main", "newsext_batch_done")) return 0;
  int rc = SQLITE_OK;
  char *zDone = query1(db, &rc, "SELECT 1 FROM main.newsext_batch_done LIMIT 1");
  char *zOther = zDone ? query1(db, &rc,
                                "SELECT version || ' (model hash ' || model_hash || ')' FROM main.newsext_runs "
                                "WHERE version <> %Q OR model_hash <> %Q LIMIT 1",
                                b->zVersion, b->zHash)
                       : NULL;
  int bad = rc != SQLITE_OK || zOther;
  if (rc != SQLITE_OK)
    fprintf(stderr, "newsext-batch: reading newsext_runs of %s: %s\n", zDb, sqlite3_errmsg(db));
  else if (zOther)
    fprintf(stderr, "newsext-batch: %s holds results of newsext %s, and this is newsext %s (model hash %s); "
            "results of two builds must not be mixed: start over with --reset, or write to another file "
            "with --out\n", zDb, zOther, b->zVersion, b->zHash);
  sqlite3_free(zDone);
  sqlite3_free(zOther);
  return bad;
}

int scale_run_begin(sqlite3 *db, const scale_build *b, const char *zSource, const char *zSrcSchema,
                    const char *zShard, sqlite3_int64 *piRun) {
  char zHost[256] = "";
  gethostname(zHost, sizeof zHost - 1);
  char *zReal = realpath(zSource, NULL);
  char *zSplit = NULL;
  int rc = SQLITE_OK;
  if (!zShard && has_table(db, zSrcSchema, "newsext_split"))
    zSplit = query1(db, &rc, "SELECT k || '/' || n FROM \"%w\".newsext_split", zSrcSchema);
  /* the run id: 16 random hex digits */
  unsigned char aRand[8];
  char zRun[17];
  sqlite3_randomness(sizeof aRand, aRand);
  for (int i = 0; i < 8; i++) snprintf(zRun + 2 * i, 3, "%02x", aRand[i]);
  char *zSql = sqlite3_mprintf(
      "%s;INSERT INTO main.newsext_runs(run, version, model_hash, model, shard, source, host, started, status) "
      "VALUES(%Q, %Q, %Q, %Q, %Q, %Q, %Q, strftime('%%Y-%%m-%%dT%%H:%%M:%%fZ','now'), 'running')",
      zRunsSql, zRun, b->zVersion, b->zHash, b->zModel[0] ? b->zModel : NULL, zShard ? zShard : zSplit,
      zReal ? zReal : zSource, zHost);
  char *zErr = NULL;
  if (rc == SQLITE_OK) rc = zSql ? sqlite3_exec(db, zSql, NULL, NULL, &zErr) : SQLITE_NOMEM;
  if (rc != SQLITE_OK)
    fprintf(stderr, "newsext-batch: recording the run in newsext_runs: %s\n", zErr ? zErr : sqlite3_errmsg(db));
  else
    *piRun = sqlite3_last_insert_rowid(db);
  sqlite3_free(zErr);
  sqlite3_free(zSql);
  sqlite3_free(zSplit);
  free(zReal);
  return rc != SQLITE_OK;
}

void scale_run_end(sqlite3 *db, sqlite3_int64 iRun, const char *zStatus, double nArticles) {
  char *zSql = sqlite3_mprintf("UPDATE main.newsext_runs SET status = %Q, articles = %lld, "
                               "finished = strftime('%%Y-%%m-%%dT%%H:%%M:%%fZ','now') WHERE seq = %lld",
                               zStatus, (long long)nArticles, (long long)iRun);
  if (zSql) sqlite3_exec(db, zSql, NULL, NULL, NULL);
  sqlite3_free(zSql);
}

/* ------------------------------------------------------- --out tables */

int scale_out_tables(sqlite3 *db, const char *zSchemaSql, const char *const *azTable, int nTable, char **pzErr) {
  /* the columns come from the schema itself, run on a scratch connection */
  sqlite3 *mem = NULL;
  int rc = sqlite3_open(":memory:", &mem);
  if (rc == SQLITE_OK) rc = sqlite3_exec(mem, zSchemaSql, NULL, NULL, pzErr);
  for (int t = 0; t < nTable && rc == SQLITE_OK; t++) {
    sqlite3_stmt *st = NULL;
    rc = sqlite3_prepare_v2(mem, "SELECT name, type, \"notnull\" FROM pragma_table_info(?1) ORDER BY cid", -1, &st,
                            NULL);
    if (rc != SQLITE_OK) break;
    sqlite3_bind_text(st, 1, azTable[t], -1, SQLITE_STATIC);
    if (has_table(db, "main", azTable[t])) { /* a result file from before: kept as it is */
      sqlite3_finalize(st);
      continue;
    }
    sqlite3_str *pSql = sqlite3_str_new(NULL);
    sqlite3_str_appendf(pSql, "CREATE TABLE main.\"%w\"(", azTable[t]);
    for (int c = 0; sqlite3_step(st) == SQLITE_ROW; c++)
      sqlite3_str_appendf(pSql, "%s\"%w\" %s%s", c ? ", " : "", (const char *)sqlite3_column_text(st, 0),
                          (const char *)sqlite3_column_text(st, 1), sqlite3_column_int(st, 2) ? " NOT NULL" : "");
    sqlite3_str_appendall(pSql, ")");
    rc = sqlite3_finalize(st);
    char *zSql = sqlite3_str_finish(pSql);
    if (rc == SQLITE_OK) rc = zSql ? sqlite3_exec(db, zSql, NULL, NULL, pzErr) : SQLITE_NOMEM;
    sqlite3_free(zSql);
  }
  if (rc != SQLITE_OK && !*pzErr) *pzErr = sqlite3_mprintf("%s", mem ? sqlite3_errmsg(mem) : sqlite3_errstr(rc));
  sqlite3_close(mem);
  return rc != SQLITE_OK;
}

/* Has SQLite read database zSchema of db, opened read-only by merge, split
** or a --out run, through a memory map of the file (up to SQLite's limit,
** 2 GB in common builds) instead of read(2) into its page cache: no copy of
** every page and no cache buffers to fill (merge of 8 results: about 12%
** less CPU; a --out run of an eighth of the gate corpus: 3,640 page faults
** -> 2,860 and 15 ms less system time).  A failure leaves the reads as they
** were. */
void scale_map_reads(sqlite3 *db, const char *zSchema) {
  char *zSql = sqlite3_mprintf("PRAGMA \"%w\".mmap_size=2147483647", zSchema);
  if (zSql) sqlite3_exec(db, zSql, NULL, NULL, NULL);
  sqlite3_free(zSql);
}

/* ------------------------------------------------------------- merge */

/* Sorted, comma-separated column names of zSchema.zTable (for comparing)
** or, bQuoted, its quoted names in table order (for copying). */
static char *columns(sqlite3 *db, const char *zSchema, const char *zTable, int bQuoted) {
  int rc = SQLITE_OK;
  if (bQuoted)
    return query1(db, &rc,
                  "SELECT group_concat('\"' || replace(name, '\"', '\"\"') || '\"', ', ') FROM "
                  "(SELECT name FROM pragma_table_info(%Q, %Q) ORDER BY cid)",
                  zTable, zSchema);
  return query1(db, &rc, "SELECT group_concat(name, ', ') FROM (SELECT name FROM pragma_table_info(%Q, %Q) "
                "ORDER BY name)", zTable, zSchema);
}

/* Takes the run lock on zPath (created if missing), as newsext-batch runs do;
** the open descriptor, or -1 (reported). */
static int lock_file(const char *zPath) {
  int fd = open(zPath, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    fprintf(stderr, "newsext-batch: cannot open %s: %s\n", zPath, strerror(errno));
    return -1;
  }
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno == EWOULDBLOCK)
      fprintf(stderr, "newsext-batch: another newsext-batch run is using %s; wait for it to finish\n", zPath);
    else
      fprintf(stderr, "newsext-batch: cannot lock %s: %s\n", zPath, strerror(errno));
    close(fd);
    return -1;
  }
  return fd;
}

/* Checks one attached SRC ("s") before anything is copied; prints the
** problem and returns nonzero.  *pzRef / *pzRefFrom: the build every input
** must have (set by the first that has one) and where it was seen. */
static int merge_check(sqlite3 *db, const char *zSrc, const char *const *azTable, int nTable, char **pzRef,
                       char **pzRefFrom) {
  int rc = SQLITE_OK, bad = 1;
  char *zDone = NULL, *zN = NULL, *zB = NULL, *zLast = NULL;
  if (!has_table(db, "s", "newsext_batch_done")) {
    fprintf(stderr, "newsext-batch: merge: %s is not a newsext-batch result database (no newsext_batch_done)\n",
            zSrc);
    return 1;
  }
  for (int t = 0; t < nTable; t++)
    if (!has_table(db, "s", azTable[t])) {
      fprintf(stderr, "newsext-batch: merge: %s has no table %s\n", zSrc, azTable[t]);
      return 1;
    }
  zDone = query1(db, &rc, "SELECT 1 FROM s.newsext_batch_done LIMIT 1");
  if (!has_table(db, "s", "newsext_runs")) {
    if (zDone) {
      fprintf(stderr, "newsext-batch: merge: %s has results but no newsext_runs table, so which newsext made them "
              "cannot be told; compute them again with this newsext-batch\n", zSrc);
      goto done;
    }
    bad = 0;
    goto done;
  }
  zN = query1(db, &rc, "SELECT count(DISTINCT version || ' ' || model_hash) FROM s.newsext_runs");
  zB = query1(db, &rc, "SELECT version || ' (model hash ' || model_hash || ')' FROM s.newsext_runs LIMIT 1");
  zLast = query1(db, &rc, "SELECT status || ' (run started ' || started || ' on ' || host || ')' FROM "
                 "s.newsext_runs ORDER BY seq DESC LIMIT 1");
  if (rc != SQLITE_OK) {
    fprintf(stderr, "newsext-batch: merge: reading %s: %s\n", zSrc, sqlite3_errmsg(db));
  } else if (zN && atoi(zN) > 1) {
    fprintf(stderr, "newsext-batch: merge: %s holds results of more than one build of newsext\n", zSrc);
  } else if (zB && *pzRef && strcmp(zB, *pzRef)) {
    fprintf(stderr, "newsext-batch: merge: %s was made by newsext %s but %s by newsext %s; results of "
            "different builds must not be mixed: run every shard with the same newsext\n", zSrc, zB, *pzRefFrom,
            *pzRef);
  } else if (zLast && strncmp(zLast, "done ", 5) && strncmp(zLast, "skipped ", 8)) {
    fprintf(stderr, "newsext-batch: merge: the last run of %s did not finish: %s; run that shard again (it "
            "resumes where it stopped), then merge\n", zSrc, zLast);
  } else {
    if (zB && !*pzRef) {
      *pzRef = zB;
      *pzRefFrom = sqlite3_mprintf("%s", zSrc);
      zB = NULL;
    }
    bad = 0;
  }
done:
  sqlite3_free(zDone);
  sqlite3_free(zN);
  sqlite3_free(zB);
  sqlite3_free(zLast);
  return bad;
}

/* One input of a merge. */
typedef struct merge_src {
  const char *zPath;
  sqlite3_int64 nArticle;
  int bSkip; /* merged before */
} merge_src;

/* Copies the tables azAll of the input attached as zS into main; none of
** its articles may be in main already (which holds what was copied before
** it).  newsext_batch_done goes first: its INTEGER PRIMARY KEY refuses an
** article main holds (SQLite checks each key as it copies), and the
** statement fails before any result row is copied; articles recorded in
** newsext_batch_errors, which has no such link to the other table, are
** looked up one by one, only when there are any (and every article, when
** DEST's newsext_batch_done came without that key from a hand-made input).  Then one INSERT ...
** SELECT per table -- by name when the columns are in another order, else
** SELECT *, which SQLite copies record by record without decoding.
** Nonzero on error (reported). */
static int merge_one(sqlite3 *db, const merge_src *m, const char *zS, const char *zDest, const char *const *azAll,
                     int nAll) {
  int rc = SQLITE_OK, bad = 1;
  char *zErr = NULL, *z = NULL;
  char *zSrcErr = has_table(db, zS, "newsext_batch_errors")
                      ? query1(db, &rc, "SELECT 1 FROM \"%w\".newsext_batch_errors LIMIT 1", zS) : NULL;
  char *zDestErr = has_table(db, "main", "newsext_batch_errors")
                       ? query1(db, &rc, "SELECT 1 FROM main.newsext_batch_errors LIMIT 1") : NULL;
  static const char zInDone[] = "EXISTS (SELECT 1 FROM main.newsext_batch_done d WHERE d.article = x.article)";
  static const char zInErr[] = "EXISTS (SELECT 1 FROM main.newsext_batch_errors d WHERE d.article = x.article)";
  /* DEST's newsext_batch_done keyed on article alone, as newsext-batch makes it (a hand-made
  ** input's definition without the key, taken by a new DEST, refuses nothing) */
  char *zKeyed = query1(db, &rc, "SELECT 1 WHERE (SELECT count(*) FROM pragma_table_info('newsext_batch_done', "
                        "'main') WHERE pk > 0) = 1 AND EXISTS (SELECT 1 FROM pragma_table_info('newsext_batch_done', "
                        "'main') WHERE pk = 1 AND name = 'article')");
  if (rc == SQLITE_OK && (zDestErr || !zKeyed))
    z = query1(db, &rc, "SELECT article FROM \"%w\".newsext_batch_done x WHERE %s%s%s LIMIT 1", zS,
               zKeyed ? "" : zInDone, zKeyed || !zDestErr ? "" : " OR ", zDestErr ? zInErr : "");
  if (rc == SQLITE_OK && !z && zSrcErr)
    z = query1(db, &rc, "SELECT article FROM \"%w\".newsext_batch_errors x WHERE %s%s%s LIMIT 1", zS, zInDone,
               zDestErr ? " OR " : "", zDestErr ? zInErr : "");
  for (int i = -1; rc == SQLITE_OK && !z && i < nAll; i++) {
    const char *zT = i < 0 ? "newsext_batch_done" : azAll[i]; /* newsext_batch_done first */
    if ((i >= 0 && !strcmp(zT, "newsext_batch_done")) || !has_table(db, zS, zT)) continue;
    char *zA = columns(db, zS, zT, 1), *zB = columns(db, "main", zT, 1);
    char *zSql = zA && zB ? (strcmp(zA, zB) ? sqlite3_mprintf("INSERT INTO main.\"%w\"(%s) SELECT %s FROM \"%w\".\"%w\"",
                                                              zT, zB, zB, zS, zT)
                                            : sqlite3_mprintf("INSERT INTO main.\"%w\" SELECT * FROM \"%w\".\"%w\"", zT,
                                                              zS, zT))
                          : NULL;
    rc = zSql ? sqlite3_exec(db, zSql, NULL, NULL, &zErr) : SQLITE_NOMEM;
    sqlite3_free(zA);
    sqlite3_free(zB);
    sqlite3_free(zSql);
    if (i < 0 && (rc & 0xff) == SQLITE_CONSTRAINT) { /* which article: the statement left main as it was */
      int rcQ = SQLITE_OK;
      z = query1(db, &rcQ, "SELECT article FROM \"%w\".newsext_batch_done x WHERE %s LIMIT 1", zS, zInDone);
      if (z) rc = SQLITE_OK; /* else another constraint (an article twice in the input): zErr says which */
    }
    if (rc != SQLITE_OK) {
      fprintf(stderr, "newsext-batch: merge: copying %s of %s: %s\n", zT, m->zPath, zErr ? zErr : sqlite3_errmsg(db));
      goto done;
    }
  }
  if (rc != SQLITE_OK) {
    fprintf(stderr, "newsext-batch: merge: %s: %s\n", m->zPath, sqlite3_errmsg(db));
    goto done;
  }
  if (z) {
    fprintf(stderr, "newsext-batch: merge: article %s of %s is in %s or an input before it already: the shards "
            "overlap (the same shard twice under another name, or shards of different splits)\n", z, m->zPath,
            zDest);
    goto done;
  }
  if (has_table(db, zS, "newsext_runs")) {
    const char *zC = "run, version, model_hash, model, shard, source, host, started, finished, articles, status";
    char *zSql = sqlite3_mprintf("INSERT OR IGNORE INTO main.newsext_runs(%s, merged_from) SELECT %s, "
                                 "coalesce(merged_from, %Q) FROM \"%w\".newsext_runs ORDER BY seq",
                                 zC, zC, m->zPath, zS);
    rc = zSql ? sqlite3_exec(db, zSql, NULL, NULL, &zErr) : SQLITE_NOMEM;
    sqlite3_free(zSql);
    if (rc != SQLITE_OK) {
      fprintf(stderr, "newsext-batch: merge: copying newsext_runs of %s: %s\n", m->zPath,
              zErr ? zErr : sqlite3_errmsg(db));
      goto done;
    }
  }
  bad = 0;
done:
  sqlite3_free(z);
  sqlite3_free(zErr);
  sqlite3_free(zSrcErr);
  sqlite3_free(zDestErr);
  sqlite3_free(zKeyed);
  return bad;
}

/* Checks of one attached SRC ("s") against DEST, before the copy: merged
** before (m->bSkip), then columns (against DEST's table, else the first
** input's, kept in azCols/azSql); counts its articles.  Nonzero on a
** refusal (reported). */
static int merge_against(sqlite3 *db, merge_src *m, const char *zDest, const char *const *azAll, int nAll,
                         char **azCols, char **azSql, char **azColsFrom) {
  int rc = SQLITE_OK;
  char *z = NULL;
  if (has_table(db, "s", "newsext_runs") && has_table(db, "main", "newsext_runs")) {
    /* merged before: every run of SRC that committed articles is in DEST (a
    ** rerun of a finished shard commits none) */
    z = query1(db, &rc, "SELECT count(*) FROM s.newsext_runs WHERE run NOT IN (SELECT run FROM main.newsext_runs) "
               "AND coalesce(articles, 1) > 0");
    char *zAny = query1(db, &rc, "SELECT 1 FROM s.newsext_runs LIMIT 1");
    m->bSkip = zAny && z && atoi(z) == 0;
    sqlite3_free(zAny);
    sqlite3_free(z);
    z = NULL;
    if (m->bSkip) return 0;
  }
  for (int t = 0; t < nAll; t++) {
    if (!has_table(db, "s", azAll[t])) continue;
    char *zA = columns(db, "s", azAll[t], 0);
    if (!azCols[t]) {
      azCols[t] = has_table(db, "main", azAll[t]) ? columns(db, "main", azAll[t], 0) : NULL;
      azColsFrom[t] = sqlite3_mprintf("%s", azCols[t] ? zDest : m->zPath);
      if (!azCols[t]) {
        azCols[t] = sqlite3_mprintf("%s", zA);
        azSql[t] = query1(db, &rc, "SELECT sql FROM s.sqlite_schema WHERE type = 'table' AND name = %Q", azAll[t]);
      }
    }
    int bSame = zA && azCols[t] && !strcmp(zA, azCols[t]);
    if (!bSame)
      fprintf(stderr, "newsext-batch: merge: %s.%s has the columns (%s) but %s.%s has (%s); results of different "
              "schemas must not be mixed\n", m->zPath, azAll[t], zA ? zA : "?", azColsFrom[t], azAll[t],
              azCols[t] ? azCols[t] : "?");
    sqlite3_free(zA);
    if (!bSame) return 1;
  }
  z = query1(db, &rc, "SELECT count(*) FROM s.newsext_batch_done");
  m->nArticle = z ? atoll(z) : 0;
  sqlite3_free(z);
  return rc != SQLITE_OK;
}

/* The article index of result table zTable in DEST: "<table>_article", on
** (article).  Only for ordinary rowid tables (a WITHOUT ROWID table of an
** in-place run is keyed on (article, n) itself).  bCreate: create it if
** missing, else drop it.  Nonzero on error (reported). */
static int merge_index(sqlite3 *db, const char *zTable, int bCreate) {
  int rc = SQLITE_OK;
  char *zSql = NULL, *zErr = NULL;
  char *zPk = query1(db, &rc, "SELECT 1 FROM pragma_index_list(%Q, 'main') WHERE origin = 'pk'", zTable);
  if (rc == SQLITE_OK && !zPk && has_table(db, "main", zTable)) {
    zSql = bCreate ? sqlite3_mprintf("CREATE INDEX IF NOT EXISTS main.\"%w_article\" ON \"%w\"(article)", zTable,
                                     zTable)
                   : sqlite3_mprintf("DROP INDEX IF EXISTS main.\"%w_article\"", zTable);
    rc = zSql ? sqlite3_exec(db, zSql, NULL, NULL, &zErr) : SQLITE_NOMEM;
  }
  if (rc != SQLITE_OK)
    fprintf(stderr, "newsext-batch: merge: %s the article index of %s: %s\n", bCreate ? "creating" : "dropping",
            zTable, zErr ? zErr : sqlite3_errmsg(db));
  sqlite3_free(zPk);
  sqlite3_free(zSql);
  sqlite3_free(zErr);
  return rc != SQLITE_OK;
}

int scale_merge(int argc, char **argv, const char *const *azTable, int nTable) {
  int bQuiet = 0, bNoIndex = 0, nSrc = 0;
  const char *zDest = NULL;
  merge_src *aSrc = calloc((size_t)argc + 1, sizeof *aSrc);
  if (!aSrc) return 1;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--quiet")) bQuiet = 1;
    else if (!strcmp(argv[i], "--no-index")) bNoIndex = 1;
    else if (argv[i][0] == '-' && argv[i][1]) {
      fprintf(stderr, "newsext-batch: merge: unknown option %s\nusage: newsext-batch merge [--quiet] [--no-index] "
              "DEST SRC...\n",
              argv[i]);
      free(aSrc);
      return 2;
    } else if (!zDest) zDest = argv[i];
    else aSrc[nSrc++].zPath = argv[i];
  }
  if (!zDest || nSrc == 0) {
    fprintf(stderr, "usage: newsext-batch merge [--quiet] [--no-index] DEST SRC...\n"
            "  copies the result tables of each SRC (a newsext-batch --out file, or a database\n"
            "  processed in place) into DEST in one transaction, refusing overlapping articles,\n"
            "  results of another newsext build and unfinished runs; a SRC merged before is skipped.\n"
            "  --no-index leaves the article indexes of DEST to the next merge (when more follow)\n");
    free(aSrc);
    return 2;
  }
  for (int i = 0; i < nSrc; i++)
    if (access(aSrc[i].zPath, R_OK) != 0) {
      fprintf(stderr, "newsext-batch: merge: cannot read %s: %s\n", aSrc[i].zPath, strerror(errno));
      free(aSrc);
      return 1;
    }
  int fd = lock_file(zDest);
  if (fd < 0) {
    free(aSrc);
    return 1;
  }
  /* the tables copied: the result tables, progress, errors */
  const char *azAll[16];
  int nAll = 0;
  for (int t = 0; t < nTable && nAll < 13; t++) azAll[nAll++] = azTable[t];
  azAll[nAll++] = "newsext_batch_done";
  azAll[nAll++] = "newsext_batch_errors";
  char *azCols[16] = {0}, *azSql[16] = {0}, *azColsFrom[16] = {0};
  sqlite3 *db = NULL;
  int status = 1, nMerged = 0, nSkipped = 0, bInTxn = 0;
  sqlite3_int64 nArticles = 0;
  char *zRef = NULL, *zRefFrom = NULL, *zErr = NULL;
  if (sqlite3_open_v2(zDest, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI, NULL) !=
      SQLITE_OK) {
    fprintf(stderr, "newsext-batch: merge: cannot open %s: %s\n", zDest, sqlite3_errmsg(db));
    goto done;
  }
  sqlite3_busy_timeout(db, 60000);
  /* the build DEST holds already, if any */
  if (has_table(db, "main", "newsext_runs")) {
    int rc = SQLITE_OK;
    zRef = query1(db, &rc, "SELECT version || ' (model hash ' || model_hash || ')' FROM main.newsext_runs LIMIT 1");
    if (zRef) zRefFrom = sqlite3_mprintf("%s", zDest);
  }
  /* every SRC is checked before anything is copied */
  for (int i = 0; i < nSrc; i++) {
    merge_src *m = &aSrc[i];
    if (scale_attach_ro(db, m->zPath, "s") != SQLITE_OK) {
      fprintf(stderr, "newsext-batch: merge: cannot open %s: %s\n", m->zPath, sqlite3_errmsg(db));
      goto refused;
    }
    int bad = merge_check(db, m->zPath, azTable, nTable, &zRef, &zRefFrom) ||
              merge_against(db, m, zDest, azAll, nAll, azCols, azSql, azColsFrom);
    sqlite3_exec(db, "DETACH s", NULL, NULL, NULL);
    if (bad) goto refused;
    for (int j = 0; j < i && !m->bSkip; j++)
      if (!aSrc[j].bSkip && !strcmp(aSrc[j].zPath, m->zPath)) m->bSkip = 1; /* named twice */
    if (m->bSkip) {
      nSkipped++;
      if (!bQuiet) printf("newsext-batch: merge: %s is in %s already (all of its runs are); skipped\n", m->zPath,
                          zDest);
      continue;
    }
  }
  /* the copy: as many inputs per transaction as can be attached at once
  ** (SQLITE_LIMIT_ATTACHED, 10 by default), so up to that many are merged
  ** all or none; a later group's failure leaves the earlier groups merged,
  ** and the same merge run again skips them */
  int nGroup = sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, -1);
  if (nGroup < 1) nGroup = 1;
  /* a rollback journal holds only the pages DEST had before the transaction,
  ** so a merge into a new DEST writes its rows once (WAL would write them
  ** twice), and DEST stays one self-contained file; a new DEST gets 64 KB
  ** pages: a sixteenth of the writes (the system time of a merge 0.07 ->
  ** 0.05 s for 20 MB).  A cache of 4 MB: the appended pages are written
  ** out as they fill (after one sync of the journal) and their buffers
  ** reused, instead of the whole copy held in fresh memory until the
  ** commit.  No secure_delete (on in Debian's SQLite): zeroing what is
  ** freed is work for nothing here. */
  if (sqlite3_exec(db, "PRAGMA main.page_size=65536; PRAGMA main.journal_mode=DELETE; PRAGMA main.synchronous=NORMAL; "
                   "PRAGMA main.cache_size=-4096; PRAGMA main.secure_delete=OFF", NULL, NULL, &zErr) != SQLITE_OK)
    goto fail;
  for (int g = 0; g < nSrc; g += nGroup) {
    int bLast = g + nGroup >= nSrc;
    int nAttached = 0, bad = 0;
    if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, &zErr) != SQLITE_OK ||
        sqlite3_exec(db, zRunsSql, NULL, NULL, &zErr) != SQLITE_OK)
      goto fail;
    bInTxn = 1;
    for (int t = 0; t < nAll; t++)
      if (azSql[t] && !has_table(db, "main", azAll[t]) && sqlite3_exec(db, azSql[t], NULL, NULL, &zErr) != SQLITE_OK)
        goto fail;
    /* without article indexes, the copies below are record copies (see MERGE) */
    for (int t = 0; g == 0 && nSkipped < nSrc && t < nTable; t++)
      if (merge_index(db, azTable[t], 0)) goto refused;
    for (int i = g; i < nSrc && i < g + nGroup && !bad; i++) {
      merge_src *m = &aSrc[i];
      if (m->bSkip) continue;
      char zS[16];
      snprintf(zS, sizeof zS, "s%d", nAttached);
      if (scale_attach_ro(db, m->zPath, zS) != SQLITE_OK) {
        fprintf(stderr, "newsext-batch: merge: cannot open %s: %s\n", m->zPath, sqlite3_errmsg(db));
        bad = 1;
        break;
      }
      nAttached++;
      scale_map_reads(db, zS);
      bad = merge_one(db, m, zS, zDest, azAll, nAll);
    }
    for (int t = 0; bLast && !bNoIndex && !bad && t < nTable; t++) bad = merge_index(db, azTable[t], 1);
    if (!bad && sqlite3_exec(db, "COMMIT", NULL, NULL, &zErr) != SQLITE_OK) {
      fprintf(stderr, "newsext-batch: merge: %s: %s\n", zDest, zErr);
      bad = 1;
    }
    if (bad) sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    bInTxn = 0;
    for (int k = 0; k < nAttached; k++) {
      char zSql[32];
      snprintf(zSql, sizeof zSql, "DETACH s%d", k);
      sqlite3_exec(db, zSql, NULL, NULL, NULL);
    }
    if (bad) {
      /* the groups merged before keep DEST's article indexes */
      if (g > 0 && !bNoIndex && sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK) {
        int bIdx = 0;
        for (int t = 0; !bIdx && t < nTable; t++) bIdx = merge_index(db, azTable[t], 1);
        sqlite3_exec(db, bIdx ? "ROLLBACK" : "COMMIT", NULL, NULL, NULL);
      }
      if (g > 0)
        fprintf(stderr, "newsext-batch: merge: the first %d inputs were merged (or merged before), the rest not; "
                "after fixing the problem run the same merge again: merged inputs are skipped\n", g);
      else
        fprintf(stderr, "newsext-batch: merge: nothing was merged\n");
      goto done;
    }
    for (int i = g; i < nSrc && i < g + nGroup; i++) {
      if (aSrc[i].bSkip) continue;
      nMerged++;
      nArticles += aSrc[i].nArticle;
      if (!bQuiet) printf("newsext-batch: merge: %s: %lld articles\n", aSrc[i].zPath, (long long)aSrc[i].nArticle);
    }
  }
  status = 0;
  if (!bQuiet) {
    int rc = SQLITE_OK;
    char *z = query1(db, &rc, "SELECT count(*) FROM newsext_batch_done");
    printf("newsext-batch: merge: %d merged (%lld articles), %d merged before; %s articles in %s\n", nMerged,
           (long long)nArticles, nSkipped, z ? z : "0", zDest);
    sqlite3_free(z);
  }
  goto done;
fail:
  fprintf(stderr, "newsext-batch: merge: %s: %s\n", zDest, zErr ? zErr : sqlite3_errmsg(db));
refused:
  if (bInTxn) sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
  fprintf(stderr, "newsext-batch: merge: nothing was merged\n");
done:
  for (int t = 0; t < 16; t++) {
    sqlite3_free(azCols[t]);
    sqlite3_free(azSql[t]);
    sqlite3_free(azColsFrom[t]);
  }
  sqlite3_free(zErr);
  sqlite3_free(zRef);
  sqlite3_free(zRefFrom);
  sqlite3_close(db);
  close(fd);
  free(aSrc);
  return status;
}

/* ------------------------------------------------------------- split */

int scale_split(int argc, char **argv) {
  const char *zTable = "articles", *zId = "rowid", *zSrc = NULL, *zDir = NULL, *zN = NULL;
  int bQuiet = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--table") && i + 1 < argc) zTable = argv[++i];
    else if (!strcmp(a, "--id") && i + 1 < argc) zId = argv[++i];
    else if (!strcmp(a, "--quiet")) bQuiet = 1;
    else if (a[0] == '-' && a[1]) zSrc = zN = zDir = NULL, i = argc;
    else if (!zSrc) zSrc = a;
    else if (!zN) zN = a;
    else if (!zDir) zDir = a;
    else zDir = NULL, i = argc;
  }
  char *zEnd = NULL;
  long nShard = zN ? strtol(zN, &zEnd, 10) : 0;
  if (!zSrc || !zDir || !zN || *zEnd || nShard < 1 || nShard > 100000) {
    fprintf(stderr, "usage: newsext-batch split [--table T] [--id COL] [--quiet] SRC N DIR\n"
            "  writes DIR/shard-K-of-N.db (K = 0..N-1, N from 1 to 100000): the articles of\n"
            "  table T whose id (default rowid) is in shard K, as --shard K/N takes them\n");
    return 2;
  }
  int n = (int)nShard, status = 1;
  sqlite3 *src = NULL, **aDb = calloc((size_t)n, sizeof *aDb);
  sqlite3_stmt *pSel = NULL, **aIns = calloc((size_t)n, sizeof *aIns);
  sqlite3_int64 *aCount = calloc((size_t)n, sizeof *aCount);
  char *zCreate = NULL, *zCols = NULL, *zSelect = NULL, *zInsert = NULL;
  int nCol = 0, bRowid = 0, rc = SQLITE_OK;
  if (!aDb || !aIns || !aCount) goto done;
  /* each shard file is one descriptor: allow as many as the hard limit */
  struct rlimit rl;
  if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
  }
  if (sqlite3_open_v2(zSrc, &src, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
    fprintf(stderr, "newsext-batch: split: cannot open %s: %s\n", zSrc, sqlite3_errmsg(src));
    goto done;
  }
  scale_map_reads(src, "main");
  zCreate = query1(src, &rc, "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = %Q", zTable);
  if (!zCreate) {
    fprintf(stderr, "newsext-batch: split: no table %s in %s%s%s\n", zTable, zSrc, rc ? ": " : "",
            rc ? sqlite3_errmsg(src) : "");
    goto done;
  }
  {
    sqlite3_stmt *st = NULL;
    char *zSql = sqlite3_mprintf("SELECT rowid FROM \"%w\" LIMIT 0", zTable);
    bRowid = zSql && sqlite3_prepare_v2(src, zSql, -1, &st, NULL) == SQLITE_OK;
    sqlite3_finalize(st);
    sqlite3_free(zSql);
  }
  int bIdRowid = !sqlite3_stricmp(zId, "rowid") || !sqlite3_stricmp(zId, "oid") || !sqlite3_stricmp(zId, "_rowid_");
  zCols = query1(src, &rc, "SELECT group_concat('\"' || replace(name, '\"', '\"\"') || '\"', ', ') || ' ' || "
                 "count(*) FROM (SELECT name FROM pragma_table_xinfo(%Q, 'main') WHERE hidden = 0 ORDER BY cid)",
                 zTable);
  char *zHasId = bIdRowid ? NULL : query1(src, &rc, "SELECT 1 FROM pragma_table_xinfo(%Q, 'main') WHERE name = %Q "
                                          "COLLATE NOCASE", zTable, zId);
  int bHasId = zHasId != NULL;
  sqlite3_free(zHasId);
  if (!zCols || (bIdRowid && !bRowid) || (!bIdRowid && !bHasId)) {
    fprintf(stderr, "newsext-batch: split: %s\n", !zCols ? sqlite3_errmsg(src)
            : bIdRowid ? "the table has no rowid: name its integer id column with --id" : "no such --id column");
    goto done;
  }
  {
    char *zSp = strrchr(zCols, ' ');
    nCol = atoi(zSp + 1);
    *zSp = 0;
  }
  {
    char *zIdQ = bIdRowid ? sqlite3_mprintf("rowid") : sqlite3_mprintf("\"%w\"", zId);
    zSelect = sqlite3_mprintf("SELECT %s, %s, %s FROM \"%w\"", zIdQ, bRowid ? "rowid" : "NULL", zCols, zTable);
    sqlite3_free(zIdQ);
  }
  sqlite3_str *pIns = sqlite3_str_new(NULL);
  sqlite3_str_appendf(pIns, "INSERT INTO \"%w\"(%s%s) VALUES(%s", zTable, bRowid ? "rowid, " : "", zCols,
                      bRowid ? "?, " : "");
  for (int c = 0; c < nCol; c++) sqlite3_str_appendall(pIns, c ? ", ?" : "?");
  sqlite3_str_appendall(pIns, ")");
  zInsert = sqlite3_str_finish(pIns);
  if (!zSelect || !zInsert || sqlite3_prepare_v2(src, zSelect, -1, &pSel, NULL) != SQLITE_OK) {
    fprintf(stderr, "newsext-batch: split: %s\n", sqlite3_errmsg(src));
    goto done;
  }
  if (mkdir(zDir, 0755) != 0 && errno != EEXIST) {
    fprintf(stderr, "newsext-batch: split: cannot create %s: %s\n", zDir, strerror(errno));
    goto done;
  }
  char *zReal = realpath(zSrc, NULL);
  for (int k = 0; k < n; k++) {
    char *zPart = sqlite3_mprintf("%s/shard-%d-of-%d.db.part", zDir, k, n);
    if (zPart) unlink(zPart);
    /* 64 KB pages: a sixteenth of the writes, and fewer overflow pages; a
    ** cache of 8 pages, written out as they fill (no journal to sync first),
    ** so the same few buffers serve the whole shard instead of the shard
    ** held in fresh memory until the commit (page faults 5,500 -> 1,800) */
    char *zSql = sqlite3_mprintf("PRAGMA page_size=65536; PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; "
                                 "PRAGMA cache_size=%d; PRAGMA secure_delete=OFF; %s;"
                                 "CREATE TABLE newsext_split(k INTEGER NOT NULL, n INTEGER NOT NULL, source TEXT);"
                                 "INSERT INTO newsext_split VALUES(%d, %d, %Q); BEGIN",
                                 -512, zCreate, k, n, zReal ? zReal : zSrc);
    int bad = !zPart || !zSql ||
              sqlite3_open_v2(zPart, &aDb[k], SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) !=
                  SQLITE_OK ||
              sqlite3_exec(aDb[k], zSql, NULL, NULL, NULL) != SQLITE_OK ||
              sqlite3_prepare_v2(aDb[k], zInsert, -1, &aIns[k], NULL) != SQLITE_OK;
    if (bad)
      fprintf(stderr, "newsext-batch: split: cannot write %s: %s\n", zPart ? zPart : "",
              aDb[k] ? sqlite3_errmsg(aDb[k]) : "out of memory");
    sqlite3_free(zPart);
    sqlite3_free(zSql);
    if (bad) {
      free(zReal);
      goto done;
    }
  }
  free(zReal);
  while ((rc = sqlite3_step(pSel)) == SQLITE_ROW) {
    if (sqlite3_column_type(pSel, 0) != SQLITE_INTEGER) {
      fprintf(stderr, "newsext-batch: split: %s.%s holds %s, which is not an integer; article ids must be integers\n",
              zTable, zId, sqlite3_column_text(pSel, 0) ? (const char *)sqlite3_column_text(pSel, 0) : "NULL");
      goto done;
    }
    int k = (int)(shard_mix((uint64_t)sqlite3_column_int64(pSel, 0)) % (uint64_t)n);
    sqlite3_stmt *st = aIns[k];
    int iOff = bRowid ? 1 : 2; /* column of pSel bound to parameter 1 */
    for (int c = iOff; c < nCol + 2; c++) {
      /* text and blobs by reference (valid until pSel steps on): not a copy of every body */
      int iParam = c - iOff + 1;
      int eType = sqlite3_column_type(pSel, c);
      const void *pData = eType == SQLITE_TEXT ? (const void *)sqlite3_column_text(pSel, c)
                          : eType == SQLITE_BLOB ? sqlite3_column_blob(pSel, c) : NULL;
      if (pData && eType == SQLITE_TEXT)
        sqlite3_bind_text(st, iParam, pData, sqlite3_column_bytes(pSel, c), SQLITE_STATIC);
      else if (pData)
        sqlite3_bind_blob(st, iParam, pData, sqlite3_column_bytes(pSel, c), SQLITE_STATIC);
      else /* numbers, NULL, an empty blob */
        sqlite3_bind_value(st, iParam, sqlite3_column_value(pSel, c));
    }
    sqlite3_step(st);
    if (sqlite3_reset(st) != SQLITE_OK) {
      fprintf(stderr, "newsext-batch: split: writing shard %d: %s\n", k, sqlite3_errmsg(aDb[k]));
      goto done;
    }
    aCount[k]++;
  }
  if (rc != SQLITE_DONE) {
    fprintf(stderr, "newsext-batch: split: reading %s: %s\n", zSrc, sqlite3_errmsg(src));
    goto done;
  }
  sqlite3_int64 nMin = -1, nMax = 0, nAll = 0;
  for (int k = 0; k < n; k++) {
    sqlite3_finalize(aIns[k]);
    aIns[k] = NULL;
    int bad = sqlite3_exec(aDb[k], "COMMIT", NULL, NULL, NULL) != SQLITE_OK;
    if (bad) fprintf(stderr, "newsext-batch: split: writing shard %d: %s\n", k, sqlite3_errmsg(aDb[k]));
    if (sqlite3_close(aDb[k]) != SQLITE_OK) bad = 1;
    aDb[k] = NULL;
    char *zPart = sqlite3_mprintf("%s/shard-%d-of-%d.db.part", zDir, k, n);
    char *zFinal = sqlite3_mprintf("%s/shard-%d-of-%d.db", zDir, k, n);
    if (!bad && (!zPart || !zFinal || rename(zPart, zFinal) != 0)) {
      fprintf(stderr, "newsext-batch: split: cannot rename %s: %s\n", zPart ? zPart : "", strerror(errno));
      bad = 1;
    }
    sqlite3_free(zPart);
    sqlite3_free(zFinal);
    if (bad) goto done;
    if (nMin < 0 || aCount[k] < nMin) nMin = aCount[k];
    if (aCount[k] > nMax) nMax = aCount[k];
    nAll += aCount[k];
  }
  if (!bQuiet)
    printf("newsext-batch: split: %lld articles into %d shards in %s/shard-K-of-%d.db (%lld to %lld each)\n",
           (long long)nAll, n, zDir, n, (long long)nMin, (long long)nMax);
  status = 0;
done:
  for (int k = 0; aIns && aDb && k < n; k++) {
    sqlite3_finalize(aIns[k]);
    if (aDb[k]) sqlite3_close(aDb[k]);
  }
  sqlite3_finalize(pSel);
  sqlite3_close(src);
  free(aDb);
  free(aIns);
  free(aCount);
  sqlite3_free(zCreate);
  sqlite3_free(zCols);
  sqlite3_free(zSelect);
  sqlite3_free(zInsert);
  return status;
}
