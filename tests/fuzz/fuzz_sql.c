/*
** fuzz_sql.c -- libFuzzer target for the SQLite binding.
**
** HOW IT WORKS
**   The extension is compiled into this program with -DSQLITE_CORE, so the
**   sqlite3ext.h macros call the system libsqlite3 directly, and
**   sqlite3_newsext_init() is called once on an in-memory database that
**   serves every input (its statements are prepared once; its document
**   cache carries over, which also fuzzes cache hits and evictions).  The first input byte is a control byte, the rest is the
**   document:
**
**     bits 0-2  the reference_date bound as ?2: NULL, a valid date, a leap
**               day, a bad date, an integer (a Julian day), a real, text
**               from the input's first 12 bytes, or a blob
**     bit 3     bind the document as a BLOB instead of TEXT (an error)
**     bit 4     run each query twice (the second hits the document cache)
**
**   Every table function and its _json form runs over the document (with
**   and without the reference date where it takes one); every column of
**   every row is read.  Invariants that must return no rows are checked
**   for valid UTF-8 without NUL bytes: substr(document, start, length) is
**   the text column, and length(text) = length always.  A broken invariant
**   or an unexpected error code traps.
*/
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

int sqlite3_newsext_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(x) \
  do {           \
    if (!(x)) __builtin_trap(); \
  } while (0)

/* SELECT text-column name, with start/length, for each table function. */
static const struct {
  const char *zName, *zText;
  int bRef;
} aFn[] = {
    {"sentences", "sentence", 0}, {"tokens", "token", 0},       {"entities", "text", 0},
    {"quotes", "quote", 0},       {"event_dates", "text", 1},
};

/* Binds the control-chosen reference date to ?2. */
static void bind_ref(sqlite3_stmt *p, unsigned ctl, const uint8_t *data, size_t size) {
  switch (ctl & 7) {
  case 0: sqlite3_bind_null(p, 2); break;
  case 1: sqlite3_bind_text(p, 2, "2024-01-15", -1, SQLITE_STATIC); break;
  case 2: sqlite3_bind_text(p, 2, "2024-02-29 12:00", -1, SQLITE_STATIC); break;
  case 3: sqlite3_bind_text(p, 2, "2023-02-30x", -1, SQLITE_STATIC); break;
  case 4: sqlite3_bind_int64(p, 2, 2460000); break;
  case 5: sqlite3_bind_double(p, 2, 2451545.5); break;
  case 6: sqlite3_bind_text(p, 2, (const char *)data, size < 12 ? (int)size : 12, SQLITE_TRANSIENT); break;
  default: sqlite3_bind_blob(p, 2, data, size < 4 ? (int)size : 4, SQLITE_TRANSIENT); break;
  }
}

static void bind_doc(sqlite3_stmt *p, unsigned ctl, const uint8_t *data, size_t size) {
  if (ctl & 8)
    sqlite3_bind_blob(p, 1, data, (int)size, SQLITE_STATIC);
  else
    sqlite3_bind_text(p, 1, (const char *)data, (int)size, SQLITE_STATIC);
}

/* Prepared statements, kept across inputs (preparing ~30 statements per
** input made this target 10x slower): a small cache keyed by the SQL text. */
#define MAX_STMT 64
static struct {
  char zSql[256];
  sqlite3_stmt *p;
} aStmt[MAX_STMT];
static int nStmt;

static sqlite3_stmt *stmt_for(sqlite3 *db, const char *zSql) {
  for (int i = 0; i < nStmt; i++)
    if (strcmp(aStmt[i].zSql, zSql) == 0) return aStmt[i].p;
  CHECK(nStmt < MAX_STMT);
  sqlite3_stmt *p = NULL;
  CHECK(sqlite3_prepare_v2(db, zSql, -1, &p, NULL) == SQLITE_OK);
  snprintf(aStmt[nStmt].zSql, sizeof aStmt[nStmt].zSql, "%s", zSql);
  aStmt[nStmt++].p = p;
  return p;
}

/* Runs zSql over the document, reads every column, returns the final rc. */
static int run(sqlite3 *db, const char *zSql, unsigned ctl, const uint8_t *data, size_t size,
               sqlite3_int64 *pFirst) {
  sqlite3_stmt *p = stmt_for(db, zSql);
  int rc;
  sqlite3_reset(p);
  sqlite3_clear_bindings(p);
  bind_doc(p, ctl, data, size);
  if (sqlite3_bind_parameter_count(p) >= 2) bind_ref(p, ctl, data, size);
  int first = 1;
  while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
    for (int i = 0; i < sqlite3_column_count(p); i++) {
      const unsigned char *z = sqlite3_column_text(p, i);
      int n = sqlite3_column_bytes(p, i);
      if (z) CHECK(strlen((const char *)z) <= (size_t)n);
    }
    if (first && pFirst) *pFirst = sqlite3_column_int64(p, 0);
    first = 0;
  }
  sqlite3_reset(p);
  sqlite3_clear_bindings(p); /* the document is not ours after we return */
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* A clean error: the document or reference date was refused. */
static int clean_error(int rc) {
  return rc == SQLITE_OK || rc == SQLITE_ERROR || rc == SQLITE_MISMATCH || rc == SQLITE_TOOBIG ||
         rc == SQLITE_NOMEM;
}

static int valid_utf8_no_nul(const uint8_t *z, size_t n) {
  if (memchr(z, 0, n)) return 0;
  size_t i = 0;
  while (i < n) {
    uint8_t b = z[i];
    size_t need = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (!need || i + need > n) return 0;
    uint32_t cp = need == 1 ? b : need == 2 ? b & 0x1fu : need == 3 ? b & 0x0fu : b & 0x07u;
    for (size_t k = 1; k < need; k++) {
      if ((z[i + k] & 0xc0) != 0x80) return 0;
      cp = cp << 6 | (z[i + k] & 0x3fu);
    }
    if ((need == 3 && cp < 0x800) || (need == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
        (cp >= 0xd800 && cp <= 0xdfff))
      return 0;
    i += need;
  }
  return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  unsigned ctl = data[0];
  data++, size--;
  static sqlite3 *db = NULL; /* one connection for the whole run */
  int rc;
  if (!db) {
    char *zErr = NULL;
    CHECK(sqlite3_open(":memory:", &db) == SQLITE_OK);
    CHECK(sqlite3_newsext_init(db, &zErr, NULL) == SQLITE_OK);
  }
  int checkable = !(ctl & 8) && valid_utf8_no_nul(data, size);
  for (int rep = 0; rep < ((ctl & 16) ? 2 : 1); rep++) {
    for (size_t f = 0; f < sizeof aFn / sizeof aFn[0]; f++) {
      char zSql[256];
      for (int withRef = 0; withRef <= aFn[f].bRef; withRef++) {
        const char *zArgs = withRef ? "?1, ?2" : "?1";
        snprintf(zSql, sizeof zSql, "SELECT * FROM %s(%s)", aFn[f].zName, zArgs);
        rc = run(db, zSql, ctl, data, size, NULL);
        CHECK(clean_error(rc));
        snprintf(zSql, sizeof zSql, "SELECT json_valid(%s_json(%s)), %s_json(%s)", aFn[f].zName, zArgs,
                 aFn[f].zName, zArgs);
        sqlite3_int64 valid = 1;
        int rcJson = run(db, zSql, ctl, data, size, &valid);
        CHECK(clean_error(rcJson));
        if (rcJson == SQLITE_OK) CHECK(valid == 1);
        if (rc != SQLITE_OK) continue;
        /* length(text) = length holds always; substr() = text for clean input */
        snprintf(zSql, sizeof zSql,
                 "SELECT count(*) FROM %s(%s) WHERE length(%s) IS NOT length %s", aFn[f].zName, zArgs,
                 aFn[f].zText, checkable ? "OR substr(?1, start, length) IS NOT " : "");
        if (checkable) strncat(zSql, aFn[f].zText, sizeof zSql - strlen(zSql) - 1);
        sqlite3_int64 bad = 0;
        rc = run(db, zSql, ctl, data, size, &bad);
        CHECK(rc == SQLITE_OK && bad == 0);
        /* spans in order and not overlapping (entities and dates may nest) */
        if (f < 2) {
          snprintf(zSql, sizeof zSql,
                   "SELECT count(*) FROM (SELECT start, length, lag(start + length) OVER (ORDER BY rowid) AS "
                   "prev FROM %s(%s)) WHERE start < prev",
                   aFn[f].zName, zArgs);
          rc = run(db, zSql, ctl, data, size, &bad);
          CHECK(rc == SQLITE_OK && bad == 0);
        }
      }
    }
  }
  return 0;
}
