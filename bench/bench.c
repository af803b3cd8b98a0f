/*
** bench.c -- newsext-bench, the throughput driver behind `make bench`.
**
** WHAT
**   newsext-bench --db CORPUS.db --ext ./newsext.so [--runs N] [--json OUT]
**                 [--batch PATH/newsext-batch [--batch-db COPY.db] --threads N]
**                 [--no-scaling] [--strict]
**   CORPUS.db holds articles(id INTEGER PRIMARY KEY, body, published), as
**   written by bench/load_corpus.py.  The driver measures, over the same
**   rows and in the same run:
**     scan         SELECT sum(length(body)) ...   (the baseline)
**     sentences, entities, quotes, event_dates   one table-valued function
**                  joined to articles, every row's text and offsets read
**     all3         entities, quotes and event_dates of each article in one
**                  query (correlated subqueries over the same a.body, so
**                  the analysis is legitimately shared through the
**                  per-connection document cache)
**     places, attributions   one table-valued function each (no gate here:
**                  theirs are in docs/places.md and docs/attributions.md)
**   then the scaling runs (scan and all3 over the first 1/8, 2/8, 4/8 and
**   8/8 of the corpus, cut by bytes; size k/8 runs 8/k times as often, every
**   (k)th round, so each size is measured over the same volume of text and
**   the same stretch of time; the linearity gate compares mean CPU times),
**   then newsext-batch over the whole corpus with 1 and N threads, each run
**   on a fresh copy of the database (--batch-db, copied untimed).  It prints
**   a table, one PASS/FAIL/SKIP line per gate (SKIP when a stage returned no
**   rows: a stub measures nothing), and writes everything as JSON.
**
** HOW
**   Every single measurement runs in a fresh child process (fork) that opens
**   its own connection and loads the extension, so the per-connection
**   document cache (4 documents, ext/sqlite/vtab.c) and anything else warm
**   in memory never carries over from one run or function to the next, and
**   the child's peak RSS (wait4's ru_maxrss) is that measurement's alone.
**   The child times prepare..finalize only (connection and extension load
**   excluded) with CLOCK_MONOTONIC for wall time and getrusage for CPU time,
**   and sends the figures back through a pipe.  Runs are interleaved
**   (round 1 of every function, then round 2, ...) so a burst of load from
**   elsewhere on the machine spreads over all functions, and each figure is
**   the median of N runs.  A warm-up scan first puts the database file in
**   the OS page cache.
**
**   MB means 10^6 bytes of UTF-8 article text.  "MB/s" is bytes over median
**   wall time; "MB/cpu-s" bytes over median CPU time of the one thread doing
**   the work, which is the per-core figure the gates use (robust to other
**   jobs on a shared machine).  Exit status is 0 even when a timing gate
**   fails (timing gates are informative on a shared machine) unless
**   --strict is given; it is non-zero when anything does not run.
**
**   See bench/README.md for the whole pipeline and bench/RESULTS.md for
**   figures.
*/
#define _DEFAULT_SOURCE
#include <sqlite3.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* ------------------------------------------------------------- the queries */

/* Every function query reads each row's text and its offsets, so the
** byte->character conversion and the text copy are part of what is timed.
** ?1..?2 is the rowid range. */
typedef struct bench_fn {
  const char *zName; /* short name used in the output */
  const char *zSql;  /* first column: rows produced */
} bench_fn;

#define ROWCHECK(T) " WHERE x.start + x.length > 0 AND length(x." T ") >= 0"

static const bench_fn aFn[] = {
    {"scan", "SELECT count(*), sum(length(a.body)) FROM articles a WHERE a.id BETWEEN ?1 AND ?2"},
    {"sentences", "SELECT count(*) FROM articles a, sentences(a.body) x" ROWCHECK("sentence")
                  " AND a.id BETWEEN ?1 AND ?2"},
    {"entities", "SELECT count(*) FROM articles a, entities(a.body) x" ROWCHECK("text")
                 " AND a.id BETWEEN ?1 AND ?2"},
    {"quotes", "SELECT count(*) FROM articles a, quotes(a.body) x" ROWCHECK("quote")
               " AND a.id BETWEEN ?1 AND ?2"},
    {"event_dates", "SELECT count(*) FROM articles a, event_dates(a.body, a.published) x"
                    ROWCHECK("text") " AND a.id BETWEEN ?1 AND ?2"},
    {"all3", "SELECT total((SELECT count(*) FROM entities(a.body) x" ROWCHECK("text") ")"
             " + (SELECT count(*) FROM quotes(a.body) x" ROWCHECK("quote") ")"
             " + (SELECT count(*) FROM event_dates(a.body, a.published) x" ROWCHECK("text") "))"
             " FROM articles a WHERE a.id BETWEEN ?1 AND ?2"},
    {"places", "SELECT count(*) FROM articles a, places(a.body) x" ROWCHECK("text")
               " AND a.id BETWEEN ?1 AND ?2"},
    {"attributions", "SELECT count(*) FROM articles a, attributions(a.body) x" ROWCHECK("content")
                     " AND a.id BETWEEN ?1 AND ?2"},
};
#define N_FN ((int)(sizeof aFn / sizeof aFn[0]))
#define FN_SCAN 0
#define FN_ALL3 5
#define MAX_RUNS 25
#define MAX_SAMPLES (8 * MAX_RUNS) /* the 1x scaling size runs 8 times as often */

/* One measurement, as the child reports it. */
typedef struct sample {
  double wall;   /* seconds, prepare..finalize */
  double cpu;    /* user+system seconds over the same span */
  double rows;   /* first result column */
  long maxrss;   /* KiB, filled in by the parent from wait4 */
  int ok;        /* the query ran */
  char err[200]; /* SQLite's message when it did not */
} sample;

/* Medians of one function or one size. */
typedef struct figure {
  double wall, cpu, rows; /* medians */
  double cpuMean;         /* mean CPU time (total over the runs / runs) */
  long maxrss;            /* largest over the runs, KiB */
  int ok;
} figure;

/* ---------------------------------------------------------------- helpers */

static double now_s(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double cpu_s(void) {
  struct rusage u;
  getrusage(RUSAGE_SELF, &u);
  return (double)u.ru_utime.tv_sec + (double)u.ru_utime.tv_usec / 1e6 + (double)u.ru_stime.tv_sec +
         (double)u.ru_stime.tv_usec / 1e6;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static double median(double *a, int n) {
  qsort(a, (size_t)n, sizeof *a, cmp_double);
  return n % 2 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
}

/* Opens db and loads the extension; on failure writes the message to err. */
static sqlite3 *open_db(const char *zDb, const char *zExt, char *err, size_t nErr) {
  sqlite3 *db = NULL;
  char *zErr = NULL;
  if (sqlite3_open_v2(zDb, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
    snprintf(err, nErr, "open %s: %s", zDb, sqlite3_errmsg(db));
    sqlite3_close(db);
    return NULL;
  }
  if (zExt) {
    sqlite3_enable_load_extension(db, 1);
    if (sqlite3_load_extension(db, zExt, NULL, &zErr) != SQLITE_OK) {
      snprintf(err, nErr, "load %s: %s", zExt, zErr ? zErr : "?");
      sqlite3_free(zErr);
      sqlite3_close(db);
      return NULL;
    }
  }
  return db;
}

/* The child's side: one query over rowids lo..hi on a fresh connection. */
static void run_child(int fd, const char *zDb, const char *zExt, const char *zSql, sqlite3_int64 lo,
                      sqlite3_int64 hi) {
  sample s;
  memset(&s, 0, sizeof s);
  sqlite3 *db = open_db(zDb, zExt, s.err, sizeof s.err);
  if (db) {
    sqlite3_stmt *st = NULL;
    double w0 = now_s(), c0 = cpu_s();
    int rc = sqlite3_prepare_v2(db, zSql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
      sqlite3_bind_int64(st, 1, lo);
      sqlite3_bind_int64(st, 2, hi);
      rc = sqlite3_step(st);
      if (rc == SQLITE_ROW) s.rows = sqlite3_column_double(st, 0);
      rc = sqlite3_finalize(st);
    }
    s.wall = now_s() - w0;
    s.cpu = cpu_s() - c0;
    if (rc == SQLITE_OK) s.ok = 1;
    else snprintf(s.err, sizeof s.err, "%s", sqlite3_errmsg(db));
    sqlite3_close(db);
  }
  ssize_t n = write(fd, &s, sizeof s);
  _exit(n == (ssize_t)sizeof s ? 0 : 1);
}

/* Forks a child for one measurement and collects its sample. */
static sample measure(const char *zDb, const char *zExt, const char *zSql, sqlite3_int64 lo,
                      sqlite3_int64 hi) {
  sample s;
  memset(&s, 0, sizeof s);
  int fd[2];
  fflush(stdout);
  if (pipe(fd) != 0) {
    snprintf(s.err, sizeof s.err, "pipe: %s", strerror(errno));
    return s;
  }
  pid_t pid = fork();
  if (pid < 0) {
    snprintf(s.err, sizeof s.err, "fork: %s", strerror(errno));
    close(fd[0]);
    close(fd[1]);
    return s;
  }
  if (pid == 0) {
    close(fd[0]);
    run_child(fd[1], zDb, zExt, zSql, lo, hi);
  }
  close(fd[1]);
  ssize_t n = read(fd[0], &s, sizeof s);
  close(fd[0]);
  int status = 0;
  struct rusage u;
  memset(&u, 0, sizeof u);
  while (wait4(pid, &status, 0, &u) < 0 && errno == EINTR) {
  }
  if (n != (ssize_t)sizeof s || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    memset(&s, 0, sizeof s);
    snprintf(s.err, sizeof s.err, "measurement process died (status %d)", status);
  }
  s.maxrss = u.ru_maxrss;
  return s;
}

/* Copies the corpus database to zDst (and removes a stale -wal/-shm), so
** every newsext-batch run starts from the same untouched file. */
static int copy_db(const char *zSrc, const char *zDst) {
  char zAux[4096];
  const char *aSuffix[2] = {"-wal", "-shm"};
  for (int i = 0; i < 2; i++) {
    snprintf(zAux, sizeof zAux, "%s%s", zDst, aSuffix[i]);
    unlink(zAux);
  }
  FILE *in = fopen(zSrc, "rb");
  FILE *out = in ? fopen(zDst, "wb") : NULL;
  int rc = in && out ? 0 : 1;
  static char buf[1 << 20];
  size_t n;
  while (!rc && (n = fread(buf, 1, sizeof buf, in)) > 0)
    if (fwrite(buf, 1, n, out) != n) rc = 1;
  if (in && ferror(in)) rc = 1;
  if (in) fclose(in);
  if (out && fclose(out) != 0) rc = 1;
  return rc;
}

/* Runs an external program (newsext-batch) and reports its wall/CPU time and peak RSS. */
static sample run_program(char *const argv[]) {
  sample s;
  memset(&s, 0, sizeof s);
  fflush(stdout);
  double w0 = now_s();
  pid_t pid = fork();
  if (pid < 0) {
    snprintf(s.err, sizeof s.err, "fork: %s", strerror(errno));
    return s;
  }
  if (pid == 0) {
    execv(argv[0], argv);
    _exit(127);
  }
  int status = 0;
  struct rusage u;
  memset(&u, 0, sizeof u);
  while (wait4(pid, &status, 0, &u) < 0 && errno == EINTR) {
  }
  s.wall = now_s() - w0;
  s.cpu = (double)u.ru_utime.tv_sec + (double)u.ru_utime.tv_usec / 1e6 + (double)u.ru_stime.tv_sec +
          (double)u.ru_stime.tv_usec / 1e6;
  s.maxrss = u.ru_maxrss;
  s.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  if (!s.ok) snprintf(s.err, sizeof s.err, "%s exited with status %d", argv[0], status);
  return s;
}

/* Medians of a set of samples; ok only when every run was. */
static figure summarise(const sample *a, int n) {
  figure f;
  double w[MAX_SAMPLES], c[MAX_SAMPLES], r[MAX_SAMPLES];
  memset(&f, 0, sizeof f);
  f.ok = 1;
  for (int i = 0; i < n; i++) {
    w[i] = a[i].wall;
    c[i] = a[i].cpu;
    r[i] = a[i].rows;
    if (a[i].maxrss > f.maxrss) f.maxrss = a[i].maxrss;
    if (!a[i].ok) f.ok = 0;
  }
  f.wall = median(w, n);
  f.cpuMean = 0;
  for (int i = 0; i < n; i++) f.cpuMean += c[i] / n;
  f.cpu = median(c, n);
  f.rows = median(r, n);
  return f;
}

/* The first error among a set of samples, or NULL. */
static const char *first_error(const sample *a, int n) {
  for (int i = 0; i < n; i++)
    if (!a[i].ok) return a[i].err;
  return NULL;
}

static double mbps(double bytes, double secs) { return secs > 0 ? bytes / secs / 1e6 : 0; }

/* ------------------------------------------------------------ the corpus */

#define N_SIZES 4
static const int aScale[N_SIZES] = {1, 2, 4, 8};

typedef struct corpus {
  sqlite3_int64 lo, hi;             /* first and last rowid */
  double bytes, articles;           /* whole corpus */
  sqlite3_int64 cut[N_SIZES];       /* last rowid of each scaling size */
  double cutBytes[N_SIZES];         /* bytes up to that rowid */
  double cutArticles[N_SIZES];      /* articles up to that rowid */
  char sources[1000];               /* bench_meta.sources, if any */
  char sqliteVersion[40], extVersion[80];
} corpus;

/* Reads sizes and the scaling cut points (first k/8 of the bytes, in rowid order). */
static int corpus_read(const char *zDb, const char *zExt, corpus *c) {
  char err[300];
  memset(c, 0, sizeof c[0]);
  sqlite3 *db = open_db(zDb, zExt, err, sizeof err);
  if (!db) {
    fprintf(stderr, "newsext-bench: %s\n", err);
    return 1;
  }
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(db, "SELECT id, length(CAST(body AS BLOB)) FROM articles ORDER BY id", -1, &st,
                         NULL) != SQLITE_OK) {
    fprintf(stderr, "newsext-bench: %s: %s\n", zDb, sqlite3_errmsg(db));
    sqlite3_close(db);
    return 1;
  }
  /* two passes over the lengths: total, then cuts */
  sqlite3_int64 *aId = NULL;
  double *aLen = NULL;
  size_t n = 0, cap = 0;
  while (sqlite3_step(st) == SQLITE_ROW) {
    if (n == cap) {
      cap = cap ? cap * 2 : 4096;
      sqlite3_int64 *pI = realloc(aId, cap * sizeof *aId);
      double *pL = realloc(aLen, cap * sizeof *aLen);
      if (!pI || !pL) {
        free(pI ? pI : aId);
        free(pL ? pL : aLen);
        sqlite3_finalize(st);
        sqlite3_close(db);
        fprintf(stderr, "newsext-bench: out of memory\n");
        return 1;
      }
      aId = pI;
      aLen = pL;
    }
    aId[n] = sqlite3_column_int64(st, 0);
    aLen[n] = sqlite3_column_double(st, 1);
    c->bytes += aLen[n];
    n++;
  }
  sqlite3_finalize(st);
  if (n < (size_t)N_SIZES * 2) {
    fprintf(stderr, "newsext-bench: %s has %zu articles; need at least %d\n", zDb, n, N_SIZES * 2);
    free(aId);
    free(aLen);
    sqlite3_close(db);
    return 1;
  }
  c->lo = aId[0];
  c->hi = aId[n - 1];
  c->articles = (double)n;
  double acc = 0;
  int k = 0;
  for (size_t i = 0; i < n && k < N_SIZES; i++) {
    acc += aLen[i];
    while (k < N_SIZES && (acc >= c->bytes * aScale[k] / 8.0 || i == n - 1)) {
      c->cut[k] = aId[i];
      c->cutBytes[k] = acc;
      c->cutArticles[k] = (double)(i + 1);
      k++;
    }
  }
  free(aId);
  free(aLen);
  if (sqlite3_prepare_v2(db, "SELECT value FROM bench_meta WHERE key = 'sources'", -1, &st, NULL) == SQLITE_OK) {
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
      snprintf(c->sources, sizeof c->sources, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
  }
  snprintf(c->sqliteVersion, sizeof c->sqliteVersion, "%s", sqlite3_libversion());
  if (sqlite3_prepare_v2(db, "SELECT newsext_version()", -1, &st, NULL) == SQLITE_OK) {
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
      snprintf(c->extVersion, sizeof c->extVersion, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return 0;
}

/* --------------------------------------------------------------- output */

/* Writes s as a JSON string. */
static void json_str(FILE *f, const char *s) {
  fputc('"', f);
  for (; *s; s++) {
    unsigned char ch = (unsigned char)*s;
    if (ch == '"' || ch == '\\') fprintf(f, "\\%c", ch);
    else if (ch < 0x20) fprintf(f, "\\u%04x", ch);
    else fputc(ch, f);
  }
  fputc('"', f);
}

typedef struct gate {
  const char *zName; /* what is compared */
  double value, limit;
  int atMost;        /* value must be <= limit (else >=) */
  const char *zUnit;
  const char *zNote; /* why the figure may not mean much, or NULL */
} gate;

static int gate_pass(const gate *g) { return g->atMost ? g->value <= g->limit : g->value >= g->limit; }

/* "PASS", "FAIL", or "SKIP" when the note says the figure means nothing. */
static const char *gate_status(const gate *g) { return g->zNote ? "SKIP" : gate_pass(g) ? "PASS" : "FAIL"; }

static void usage(void) {
  fprintf(stderr,
          "usage: newsext-bench --db CORPUS.db --ext PATH/newsext.so [--runs N] [--json OUT.json]\n"
          "                     [--batch PATH/newsext-batch [--batch-db COPY.db]] [--threads N]\n"
          "                     [--no-scaling] [--strict]\n");
}

int main(int argc, char **argv) {
  const char *zDb = NULL, *zExt = "./newsext.so", *zJson = NULL, *zBatch = NULL, *zBatchDb = NULL;
  int nRun = 3, nThread = 2, bScaling = 1, bStrict = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (!strcmp(a, "--db") && v) zDb = argv[++i];
    else if (!strcmp(a, "--ext") && v) zExt = argv[++i];
    else if (!strcmp(a, "--json") && v) zJson = argv[++i];
    else if (!strcmp(a, "--batch") && v) zBatch = argv[++i];
    else if (!strcmp(a, "--batch-db") && v) zBatchDb = argv[++i];
    else if (!strcmp(a, "--runs") && v) nRun = atoi(argv[++i]);
    else if (!strcmp(a, "--threads") && v) nThread = atoi(argv[++i]);
    else if (!strcmp(a, "--no-scaling")) bScaling = 0;
    else if (!strcmp(a, "--strict")) bStrict = 1;
    else {
      usage();
      return 2;
    }
  }
  if (!zDb || nRun < 1 || nRun > MAX_RUNS || nThread < 2) {
    usage();
    return 2;
  }
  if (!zBatchDb) zBatchDb = zDb;
  corpus c;
  if (corpus_read(zDb, zExt, &c)) return 1;
  printf("corpus: %s\n  %.0f articles, %.2f MB of text; %d runs per figure, median\n", c.sources[0] ? c.sources : zDb,
         c.articles, c.bytes / 1e6, nRun);

  /* warm the page cache, then the functions, interleaved by round */
  static sample aS[N_FN][MAX_RUNS];
  static sample aScal[2][N_SIZES][MAX_SAMPLES];
  static sample aBatch[2][MAX_RUNS];
  (void)measure(zDb, zExt, aFn[FN_SCAN].zSql, c.lo, c.hi);
  for (int r = 0; r < nRun; r++) {
    for (int f = 0; f < N_FN; f++) aS[f][r] = measure(zDb, zExt, aFn[f].zSql, c.lo, c.hi);
    fprintf(stderr, "\r  functions: round %d/%d done", r + 1, nRun);
  }
  fprintf(stderr, "\n");
  figure fig[N_FN];
  int bad = 0;
  for (int f = 0; f < N_FN; f++) {
    fig[f] = summarise(aS[f], nRun);
    const char *e = first_error(aS[f], nRun);
    if (e) {
      fprintf(stderr, "newsext-bench: %s: %s\n", aFn[f].zName, e);
      bad = 1;
    }
  }
  figure scal[2][N_SIZES];
  memset(scal, 0, sizeof scal);
  if (bScaling) {
    const int which[2] = {FN_SCAN, FN_ALL3};
    /* size k runs nRun * 8/k times, every (k)th round, so every size is
    ** measured over the same volume of text spread evenly over the same
    ** time, and the short 1x runs get enough samples */
    for (int r = 0; r < nRun * 8; r++) {
      for (int k = 0; k < N_SIZES; k++)
        if (r % aScale[k] == 0)
          for (int j = 0; j < 2; j++)
            aScal[j][k][r / aScale[k]] = measure(zDb, zExt, aFn[which[j]].zSql, c.lo, c.cut[k]);
      fprintf(stderr, "\r  scaling: round %d/%d done", r + 1, nRun * 8);
    }
    fprintf(stderr, "\n");
    for (int j = 0; j < 2; j++)
      for (int k = 0; k < N_SIZES; k++) {
        scal[j][k] = summarise(aScal[j][k], nRun * 8 / aScale[k]);
        const char *e = first_error(aScal[j][k], nRun * 8 / aScale[k]);
        if (e) {
          fprintf(stderr, "newsext-bench: scaling %s: %s\n", aFn[which[j]].zName, e);
          bad = 1;
        }
      }
  }
  /* newsext-batch over the whole corpus, 1 and N threads (the whole, so that
  ** its fixed costs -- process start, extension load, setup -- weigh little) */
  figure bat[2];
  memset(bat, 0, sizeof bat);
  const int aThr[2] = {1, nThread};
  if (zBatch) {
    char zTo[32], zThr[2][16];
    snprintf(zTo, sizeof zTo, "%lld", (long long)c.hi);
    for (int t = 0; t < 2; t++) snprintf(zThr[t], sizeof zThr[t], "%d", aThr[t]);
    for (int r = 0; r < nRun; r++) {
      for (int t = 0; t < 2; t++) {
        /* args[2] becomes --reset when there is no copy to start from */
        char *args[] = {(char *)zBatch, "--quiet", "--quiet", "--ext", (char *)zExt, "--to", zTo, "-j",
                        zThr[t], (char *)zBatchDb, NULL};
        if (strcmp(zBatchDb, zDb) != 0 && copy_db(zDb, zBatchDb) != 0) {
          fprintf(stderr, "newsext-bench: cannot copy %s to %s\n", zDb, zBatchDb);
          return 1;
        }
        if (!strcmp(zBatchDb, zDb)) args[2] = "--reset";
        aBatch[t][r] = run_program(args);
      }
    }
    for (int t = 0; t < 2; t++) {
      bat[t] = summarise(aBatch[t], nRun);
      const char *e = first_error(aBatch[t], nRun);
      if (e) {
        fprintf(stderr, "newsext-bench: batch: %s\n", e);
        bad = 1;
      }
    }
  }

  /* ---- the table */
  const figure *scan = &fig[FN_SCAN];
  printf("\n%-12s %10s %9s %9s %10s %11s %9s %9s\n", "function", "rows", "wall s", "MB/s", "MB/cpu-s",
         "articles/s", "peak MB", "x scan");
  for (int f = 0; f < N_FN; f++) {
    const figure *g = &fig[f];
    printf("%-12s %10.0f %9.3f %9.2f %10.2f %11.0f %9.1f %9.1f%s\n", aFn[f].zName, g->rows, g->wall,
           mbps(c.bytes, g->wall), mbps(c.bytes, g->cpu), g->wall > 0 ? c.articles / g->wall : 0,
           (double)g->maxrss / 1024, scan->wall > 0 ? g->wall / scan->wall : 0,
           f != FN_SCAN && g->rows == 0 ? "   (0 rows: stub stage?)" : "");
  }
  double scalRatio = 0, scalRatioMean = 0, scalBytes = 0;
  if (bScaling) {
    printf("\nscaling (first k/8 of the corpus)\n%-5s %9s %9s %10s %10s %10s %10s\n", "size", "articles", "MB",
           "scan s", "all3 s", "all3 MB/s", "all3 x 1x");
    for (int k = 0; k < N_SIZES; k++)
      printf("%-5d %9.0f %9.2f %10.3f %10.3f %10.2f %10.2f\n", aScale[k], c.cutArticles[k], c.cutBytes[k] / 1e6,
             scal[0][k].wall, scal[1][k].wall, mbps(c.cutBytes[k], scal[1][k].wall),
             scal[1][0].cpu > 0 ? scal[1][k].cpu / scal[1][0].cpu : 0);
    /* CPU time at 8x over 1x, normalised to an exact byte ratio of 8 */
    scalBytes = c.cutBytes[0] > 0 ? c.cutBytes[3] / c.cutBytes[0] : 0;
    if (scal[1][0].cpu > 0 && scalBytes > 0) scalRatio = scal[1][3].cpu / scal[1][0].cpu * 8.0 / scalBytes;
    if (scal[1][0].cpuMean > 0 && scalBytes > 0)
      scalRatioMean = scal[1][3].cpuMean / scal[1][0].cpuMean * 8.0 / scalBytes;
    printf("8x / 1x CPU time, normalised to exactly 8x the bytes: %.2f (means), %.2f (medians)\n", scalRatioMean,
           scalRatio);
  }
  double speedup = 0;
  if (zBatch) {
    printf("\nnewsext-batch over the whole corpus (%.2f MB)\n%-8s %9s %9s %9s %9s\n", c.bytes / 1e6, "threads",
           "wall s", "MB/s", "cpu s", "peak MB");
    for (int t = 0; t < 2; t++)
      printf("%-8d %9.3f %9.2f %9.3f %9.1f\n", aThr[t], bat[t].wall, mbps(c.bytes, bat[t].wall), bat[t].cpu,
             (double)bat[t].maxrss / 1024);
    speedup = bat[1].wall > 0 ? bat[0].wall / bat[1].wall : 0;
    printf("speedup 1 -> %d threads: %.2fx\n", nThread, speedup);
  }

  /* ---- gates */
  const char *stub = "stage returned no rows (stub?)";
  /* the combined figures mean nothing while any of the three is a stub */
  const char *stubAny = fig[2].rows == 0 || fig[3].rows == 0 || fig[4].rows == 0 ? "a stage returned no rows (stub?)" : NULL;
  gate aGate[8];
  int nGate = 0;
  aGate[nGate++] = (gate){"entities MB/cpu-s", mbps(c.bytes, fig[2].cpu), 5, 0, "MB/s per core",
                          fig[2].rows == 0 ? stub : NULL};
  aGate[nGate++] = (gate){"quotes MB/cpu-s", mbps(c.bytes, fig[3].cpu), 5, 0, "MB/s per core",
                          fig[3].rows == 0 ? stub : NULL};
  aGate[nGate++] = (gate){"event_dates MB/cpu-s", mbps(c.bytes, fig[4].cpu), 25, 0, "MB/s per core",
                          fig[4].rows == 0 ? stub : NULL};
  aGate[nGate++] = (gate){"all3 MB/cpu-s", mbps(c.bytes, fig[5].cpu), 4, 0, "MB/s per core", stubAny};
  /* Linearity compares mean CPU times: each size is measured over the same
  ** total volume of text, spread evenly over the same rounds, so other jobs
  ** on the machine weigh on every size alike (a median or minimum of 24
  ** short 1x runs against 3 long 8x runs would not be comparable). */
  if (bScaling)
    aGate[nGate++] = (gate){"all3 time 8x/1x", scalRatioMean, 9, 1, "x", stubAny};
  if (zBatch) {
    static char zName[64];
    snprintf(zName, sizeof zName, "batch speedup 1->%d threads", nThread);
    aGate[nGate++] = (gate){zName, speedup, 1.7, 0, "x", stubAny};
  }
  printf("\n");
  int nFail = 0, nSkip = 0;
  for (int g = 0; g < nGate; g++) {
    const char *zStatus = gate_status(&aGate[g]);
    nFail += zStatus[0] == 'F';
    nSkip += zStatus[0] == 'S';
    printf("GATE %-30s %9.2f %s %-5g %-14s %s%s%s\n", aGate[g].zName, aGate[g].value, aGate[g].atMost ? "<=" : ">=",
           aGate[g].limit, aGate[g].zUnit, zStatus, aGate[g].zNote ? "  -- " : "", aGate[g].zNote ? aGate[g].zNote : "");
  }
  printf("gates: %d passed, %d failed, %d skipped\n", nGate - nFail - nSkip, nFail, nSkip);

  /* ---- JSON */
  if (zJson) {
    FILE *out = fopen(zJson, "w");
    if (!out) {
      fprintf(stderr, "newsext-bench: %s: %s\n", zJson, strerror(errno));
      return 1;
    }
    time_t t = time(NULL);
    char zDate[32];
    strftime(zDate, sizeof zDate, "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
    fprintf(out, "{\n  \"date\": \"%s\",\n  \"runs\": %d,\n  \"sqlite\": ", zDate, nRun);
    json_str(out, c.sqliteVersion);
    fprintf(out, ",\n  \"newsext\": ");
    json_str(out, c.extVersion);
    fprintf(out, ",\n  \"corpus\": {\"db\": ");
    json_str(out, zDb);
    fprintf(out, ", \"sources\": ");
    json_str(out, c.sources);
    fprintf(out, ", \"articles\": %.0f, \"bytes\": %.0f},\n  \"functions\": [\n", c.articles, c.bytes);
    for (int f = 0; f < N_FN; f++) {
      const figure *g = &fig[f];
      fprintf(out,
              "    {\"name\": \"%s\", \"rows\": %.0f, \"wall_s\": %.4f, \"cpu_s\": %.4f, \"mb_s\": %.3f, "
              "\"mb_cpu_s\": %.3f, \"articles_s\": %.1f, \"maxrss_kb\": %ld, \"x_scan\": %.3f}%s\n",
              aFn[f].zName, g->rows, g->wall, g->cpu, mbps(c.bytes, g->wall), mbps(c.bytes, g->cpu),
              g->wall > 0 ? c.articles / g->wall : 0, g->maxrss, scan->wall > 0 ? g->wall / scan->wall : 0,
              f + 1 < N_FN ? "," : "");
    }
    fprintf(out, "  ],\n  \"scaling\": [\n");
    for (int k = 0; bScaling && k < N_SIZES; k++)
      fprintf(out,
              "    {\"size\": %d, \"articles\": %.0f, \"bytes\": %.0f, \"scan_wall_s\": %.4f, \"scan_cpu_s\": %.4f, "
              "\"all3_wall_s\": %.4f, \"all3_cpu_s\": %.4f, \"all3_cpu_mean_s\": %.4f, \"all3_maxrss_kb\": %ld}%s\n",
              aScale[k], c.cutArticles[k], c.cutBytes[k], scal[0][k].wall, scal[0][k].cpu, scal[1][k].wall,
              scal[1][k].cpu, scal[1][k].cpuMean, scal[1][k].maxrss, k + 1 < N_SIZES ? "," : "");
    fprintf(out, "  ],\n  \"scaling_ratio_8x\": %.3f,\n  \"scaling_ratio_8x_mean\": %.3f,\n  \"batch\": [\n",
          scalRatio, scalRatioMean);
    for (int b = 0; zBatch && b < 2; b++)
      fprintf(out, "    {\"threads\": %d, \"bytes\": %.0f, \"wall_s\": %.4f, \"cpu_s\": %.4f, \"maxrss_kb\": %ld}%s\n",
              aThr[b], c.bytes, bat[b].wall, bat[b].cpu, bat[b].maxrss, b ? "" : ",");
    fprintf(out, "  ],\n  \"batch_speedup\": %.3f,\n  \"gates\": [\n", speedup);
    for (int g = 0; g < nGate; g++) {
      fprintf(out, "    {\"name\": ");
      json_str(out, aGate[g].zName);
      fprintf(out, ", \"value\": %.3f, \"op\": \"%s\", \"limit\": %g, \"status\": \"%s\", \"note\": ", aGate[g].value,
              aGate[g].atMost ? "<=" : ">=", aGate[g].limit, gate_status(&aGate[g]));
      if (aGate[g].zNote) json_str(out, aGate[g].zNote);
      else fputs("null", out);
      fprintf(out, "}%s\n", g + 1 < nGate ? "," : "");
    }
    fprintf(out, "  ]\n}\n");
    fclose(out);
  }
  if (bad) return 1;
  return bStrict && nFail ? 3 : 0;
}
