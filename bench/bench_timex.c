/*
** bench_timex.c -- core-level speed of the tokenizer and event_dates().
**
**   cc ... bench_timex.c libnewscore.a -lutf8proc   (see bench/README.md)
**   bench_timex DOCS.txt [RUNS]
**
** Reads documents separated by form feeds (\f) from DOCS.txt, then for
** each of RUNS runs (default 5) analyses every document twice over: once
** for tokens+sentences only and once for tokens+sentences+timexes with a
** fixed reference date.  Prints the median CPU seconds of each and MB/s
** (text bytes / 1e6 / seconds); the difference is the timex stage alone.
** Uses clock() (process CPU time), so other load on the machine does not
** count.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "news.h"

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s DOCS.txt [RUNS]\n", argv[0]);
    return 2;
  }
  int runs = argc > 2 ? atoi(argv[2]) : 5;
  if (runs < 1 || runs > 99) runs = 5;
  FILE *f = fopen(argv[1], "rb");
  if (!f) return 1;
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc((size_t)size + 1);
  if (!buf || fread(buf, 1, (size_t)size, f) != (size_t)size) return 1;
  fclose(f);
  buf[size] = '\f';
  double tok[99], all[99];
  news_ymd ref = {2005, 1, 1};
  long ntimex = 0;
  for (int r = 0; r < runs; r++) {
    for (int pass = 0; pass < 2; pass++) {
      clock_t t0 = clock();
      ntimex = 0;
      for (long a = 0; a < size;) {
        long b = a;
        while (b < size && buf[b] != '\f') b++;
        news_doc *d;
        if (news_doc_new(NULL, NULL, buf + a, (size_t)(b - a), &d) != NEWS_OK) return 1;
        const news_token *t;
        uint32_t n;
        if (news_doc_tokens(d, &t, &n) != NEWS_OK) return 1;
        if (pass == 1) {
          const news_timex *x;
          if (news_doc_timexes(d, &ref, &x, &n) != NEWS_OK) return 1;
          ntimex += n;
        }
        news_doc_free(d);
        a = b + 1;
      }
      double s = (double)(clock() - t0) / CLOCKS_PER_SEC;
      if (pass == 0) tok[r] = s;
      else all[r] = s;
    }
  }
  qsort(tok, (size_t)runs, sizeof tok[0], cmp);
  qsort(all, (size_t)runs, sizeof all[0], cmp);
  double mb = (double)size / 1e6, st = tok[runs / 2], sa = all[runs / 2];
  printf("{\"mb\": %.3f, \"timexes\": %ld, \"tokens_s\": %.4f, \"tokens_mb_s\": %.1f, "
         "\"tokens_timex_s\": %.4f, \"tokens_timex_mb_s\": %.1f, \"timex_stage_mb_s\": %.1f}\n",
         mb, ntimex, st, mb / st, sa, mb / sa, sa > st ? mb / (sa - st) : 0.0);
  return 0;
}
