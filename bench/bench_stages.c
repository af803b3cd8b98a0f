/*
** bench_stages.c -- throughput of the core's stages over a fixed article set.
**
**   bench_stages CORPUS.txt [RUNS]
**
** Reads articles in the format of ext/tools/ner_corpus.py (written by
** bench/entities.sh from ../shared/eval/bbc_news_raw), then for each stage
** (tokens+sentences, entities including tokens) analyses every article
** RUNS times (default 5) in fresh documents and prints the median wall and
** CPU times and MB per CPU second (10^6 bytes of article text) as one JSON
** object per stage.  Single-threaded, so CPU time is the per-core figure;
** it is steadier than wall time on a machine shared with other jobs.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "news.h"

typedef struct article {
  char *text;
  size_t len;
} article;

static double now(clockid_t c) {
  struct timespec t;
  clock_gettime(c, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: bench_stages CORPUS.txt [RUNS]\n");
    return 2;
  }
  int runs = argc > 2 ? atoi(argv[2]) : 5;
  if (runs < 1 || runs > 99) runs = 5;
  FILE *f = fopen(argv[1], "rb");
  if (!f) return 1;
  article *a = NULL;
  size_t n = 0, total = 0, tlen;
  unsigned ne;
  char id[256];
  while (fscanf(f, "D %zu %u %255s", &tlen, &ne, id) == 3) {
    fgetc(f);
    char *t = malloc(tlen + 1);
    if (!t || fread(t, 1, tlen, f) != tlen) return 1;
    fgetc(f);
    article *b = realloc(a, (n + 1) * sizeof *a);
    if (!b) return 1;
    a = b;
    a[n].text = t;
    a[n].len = tlen;
    n++;
    total += tlen;
  }
  fclose(f);
  const char *names[] = {"tokens", "entities"};
  printf("[\n");
  for (int stage = 0; stage < 2; stage++) {
    double times[99], cpu[99];
    long rows = 0;
    for (int r = 0; r < runs; r++) {
      double t0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_PROCESS_CPUTIME_ID);
      rows = 0;
      for (size_t i = 0; i < n; i++) {
        news_doc *d;
        uint32_t k = 0;
        if (news_doc_new(NULL, NULL, a[i].text, a[i].len, &d)) return 1;
        if (stage == 0) {
          const news_token *o;
          news_doc_tokens(d, &o, &k);
        } else {
          const news_entity *o;
          news_doc_entities(d, &o, &k);
        }
        rows += k;
        news_doc_free(d);
      }
      times[r] = now(CLOCK_MONOTONIC) - t0;
      cpu[r] = now(CLOCK_PROCESS_CPUTIME_ID) - c0;
    }
    qsort(times, (size_t)runs, sizeof times[0], cmp);
    qsort(cpu, (size_t)runs, sizeof cpu[0], cmp);
    double med = times[runs / 2], cmed = cpu[runs / 2];
    printf("  {\"stage\": \"%s\", \"articles\": %zu, \"bytes\": %zu, \"rows\": %ld, \"runs\": %d, "
           "\"median_wall_s\": %.3f, \"median_cpu_s\": %.3f, \"mb_per_cpu_s\": %.2f}%s\n",
           names[stage], n, total, rows, runs, med, cmed, (double)total / cmed / 1e6,
           stage ? "" : ",");
  }
  printf("]\n");
  for (size_t i = 0; i < n; i++) free(a[i].text);
  free(a);
  return 0;
}
