/*
** timex.c -- temporal expressions: recognition over tokens and TIMEX3
** normalisation (event_dates()): the driver.
**
** WHAT IT DOES
**   news_timex_run() finds expressions such as "Sept. 30, 1989", "last
**   week", "two days ago", "the third quarter", "Friday morning", "10 p.m.",
**   "the 1990s", "every Monday", "more than four hours" and writes one
**   news_timex per expression (byte span, sentence, TimeML type, TIMEX3
**   value, ISO day when it denotes one day) into d->timexes, in text order.
**
** HOW IT WORKS
**   1. tx_classify() (timex_read.c): every word token is looked up once
**      in news_lex_timex_words (ext/data/timex_words.tsv) through a
**      2-letter prefix index built once per process, giving its tx_word
**      (class, member, plural: "Fridays" = TX_WEEKDAY, 5, plural), and
**      tokens where an expression may start are marked
**      (c->cand): lexicon words, numbers, ordinals, ISO dates, clock times,
**      dated hyphen words ("third-quarter", "mid-1996"), holidays, and
**      "the"/"a"/... just before one of those.  About nine tokens in ten
**      are not candidates and cost nothing more.  A dateline ("LONDON,
**      Jan 5 (Reuters) -") is read, and whether the text reports a game.
**   2. scan(): per sentence, left to right, match_at() tries at each
**      candidate the TOKEN_MATCHERS (clock times, sets, fixed phrases),
**      approximate durations, then reads a phrase (read_phrase(): the
**      determiners and modifiers that may open it: "the end of", "early",
**      "last", "fiscal") and tries the PHRASE_MATCHERS at its head.  Each
**      matcher looks at most a dozen tokens ahead and never behind its
**      start, so the scan is linear; the first match wins and the scan
**      resumes after it, so rows never overlap.  trim_det() and extend()
**      then adjust the extent by a token or two as TimeML draws it ("the
**      Aug. 7 bombings" -> "Aug. 7", "right now", "or so").  accept()
**      then records what the hit mentioned (day, year, month, quarter)
**      for the anaphora that follow: matchers themselves change nothing.
**      join_range() makes "April 9-10", "1986-87" and "from Monday to
**      Wednesday" one row with an end (end_value, end_date).
**   3. A matcher fills a `dval` (granularity + fields) and fmt_dval()
**      prints the TIMEX3 value, or it writes a literal (P2D, PRESENT_REF).
**      Relative expressions resolve against c->anchor: the reference date,
**      else a dateline with a year, else (news_timex_run) the first full
**      explicit date of the text's first two sentences, else nothing,
**      which leaves XXXX in the value.  Past or future ("on Friday")
**      follows the nearest tense cue around the expression (local_tense(),
**      cues in ext/data/timex_tense.tsv), computed only for expressions
**      that need it.  Anaphora ("the next day", "that
**      year") resolve against the last day / year mentioned (c->last,
**      c->last_y), "a year ago" against the last quarter mentioned.
**
** HOW TO ADD A PATTERN
**   1. Write one matcher, `bool tx_match_NAME(const ctx *c, const phrase *ph,
**      hit *h)`, in timex_abs.c (a date that names itself) or timex_rel.c
**      (relative to the anchor or to what was mentioned), declared in
**      timex_int.h.  It looks at the head ph->k (ph->i is where the
**      expression starts; ph->det/rel/pos/fiscal say what preceded), and
**      on a match sets h->b, h->e (tokens [b, e)) and the value, usually
**      by building a dval and calling tx_set_date(h, &v).  It must not
**      write the ctx (it is const) and may fill h even when it fails.
**   2. Add one row to PHRASE_MATCHERS below (or TOKEN_MATCHERS when it
**      does not open with "the"/"last"/...), before any matcher that
**      would claim the same words with a vaguer reading.
**   3. Add one line to the cases table of tests/core/test_timex.c:
**      {"sentence", "span=TYPE:VALUE@DATE"}.
**   Example: "the year 1990" is tx_match_year_named (timex_abs.c), its
**   row {tx_match_year_named, NO_REL}, and its test line
**   {"The wall fell in the year 1989.", "the year 1989=DATE:1989"}.
**
** INVARIANTS
**   Matchers read tokens only below c->se (the sentence end: cls(), kind()
**   and word() return nothing past it), and at most a bounded number of
**   tokens from their start.  Values always fit news_timex.value (40).
**   Memory: one block for the per-token classes, freed before returning;
**   rows go into d->timexes through news_vec_push (NEWS_ERR_NOMEM on
**   failure, with the partial rows dropped).
**
** Files: timex_int.h lists them; calendar.c does the calendar arithmetic,
** docs/event_dates.md documents the values, ext/data/timex_*.tsv holds the
** word lists.
*/
#include "timex_int.h"
#include "calendar.h"
#include "lexicon.h"

#include <stdatomic.h>
#include <stdio.h>

/* Reads what may precede the head of a phrase (see phrase in timex_int.h):
** "early", "the", "the end of", "last"/"this past"/"current", "fiscal".
** Returns false when nothing is left in the sentence for a head. */
static bool read_phrase(const ctx *c, uint32_t i, phrase *ph) {
  uint32_t k = i;
  int pos = 0, rel = 0;
  bool det = false, fiscal = false;
  /* early/late/mid/earlier/later before the rest ("late last year") */
  if (has(c, k, TX_POS) && num(c, k) <= P_LATER) {
    pos = num(c, k);
    k++;
  }
  if (word(c, k, "the")) {
    det = true;
    k++;
    if (has(c, k, TX_POS) && num(c, k) <= P_LATE && !pos) { /* "the late 1970s" */
      pos = num(c, k);
      k++;
    }
  }
  /* "the end of", "the beginning of", "the middle of", "the first half of" */
  if (has(c, k, TX_POS) && num(c, k) >= P_END && num(c, k) <= P_MIDDLE && word(c, k + 1, "of")) {
    pos = num(c, k);
    k += 2;
    det = false; /* "the end of next year": "the" belongs to "end" */
    if (word(c, k, "the")) {
      det = true;
      k++;
    }
  }
  if (has(c, k, TX_REL)) {
    rel = num(c, k);
    k++;
    /* "that" opens an expression before a unit or a part of the day ("that
    ** day", "that morning"), and before a month, weekday or season after a
    ** preposition or at the start ("in that February", "on that Wednesday",
    ** "That summer,"); elsewhere it is a conjunction ("noted that February
    ** is a small month", "said that a year ago", "that 1987 full year
    ** sales"), and the expression, if any, starts after it */
    if (rel == R_THAT && !((has(c, k, TX_UNIT) && !plural_at(c, k)) || has(c, k, TX_PARTDAY))) {
      uint32_t t = k - 1;
      bool head = has(c, k, TX_MONTH) || has(c, k, TX_WEEKDAY) || has(c, k, TX_SEASON);
      if (!head || !(t == c->sb || NEWS_TOK_IS(kind(c, t - 1), NEWS_TOK_RANGE_PUNCT) || tx_preposition(c, t - 1) ||
                     word(c, t - 1, "during") || word(c, t - 1, "since") || word(c, t - 1, "throughout")))
        return false;
    }
    /* "this past spring", "this coming Sunday" */
    if (rel == R_THIS && (is(c, k, TX_REL, R_PAST) || is(c, k, TX_REL, R_COMING))) {
      rel = num(c, k);
      k++;
    }
  } else if ((word(c, k, "current") || word(c, k, "recent")) && (has(c, k + 1, TX_UNIT) || has(c, k + 1, TX_FISCAL))) {
    rel = word(c, k, "current") ? R_THIS : R_PAST;
    k++;
  } else if (is(c, k, TX_POS, P_LATEST) && det) {
    rel = R_LATEST;
    k++;
  } else if (det && word(c, k, "full") && is(c, k + 1, TX_UNIT, U_YEAR)) {
    rel = R_THIS;
    k++;
  }
  if (has(c, k, TX_FISCAL)) {
    fiscal = true;
    if (tx_year_at(c, k + 1)) k++;
    else if (is(c, k + 1, TX_UNIT, U_YEAR)) k++;
  }
  *ph = (phrase){.i = i, .k = k, .pos = pos, .rel = rel, .det = det, .fiscal = fiscal};
  return k < c->se;
}

/* A matcher and its gate: what the token it looks at first must be for it
** to have a chance (a shortcut of the matcher's own first test, taken
** without a call): of a class in `classes` (C()) or of a token kind in
** `kinds` (K()); both 0 let every token through.  NO_REL: skipped after
** last/next/this/...; NO_FISCAL: after "fiscal" (phrase matchers). */
#define C(klass) (1u << ((klass) / 100))
#define KIND_INDEX(kind) ((((unsigned)(kind) >> 4) & 7u) * 8u + ((unsigned)(kind)&7u))
#define K(kind) (1ull << KIND_INDEX(kind))
enum { NO_REL = 1, NO_FISCAL = 2 };
typedef struct matcher {
  tx_matcher fn;
  unsigned flags;
  uint32_t classes;
  uint64_t kinds;
} matcher;

/* Matchers tried at the start of an expression, before any phrase is read. */
static const matcher TOKEN_MATCHERS[] = {
    {tx_match_bare_plural, 0, C(TX_UNIT), 0},                          /* "for years", "months ago" */
    {tx_match_fixed, 0, C(TX_UNIT), K(NEWS_TOK_WORD)},                 /* "these days", "over the years", "year end" */
    {tx_match_clock, 0, C(TX_PARTDAY) | C(TX_NUMWORD), K(NEWS_TOK_TIME) | K(NEWS_TOK_NUMBER)}, /* clock times before numbers: "10 p.m." */
    {tx_match_set, 0, C(TX_SETADV) | C(TX_EVERY) | C(TX_WEEKDAY), 0},  /* sets before durations: "every two weeks" */
};

/* Matchers tried at the head of a phrase, in this order: the more specific
** reading first (a month before a bare number, a quarter before a unit). */
static const matcher PHRASE_MATCHERS[] = {
    {tx_match_iso_date, 0, 0, K(NEWS_TOK_DATE)},
    {tx_match_deictic, NO_REL | NO_FISCAL, C(TX_DEICTIC), 0},
    {tx_match_ref, 0, 0, 0},
    {tx_match_month_pair, NO_REL, C(TX_MONTH), 0},
    {tx_match_month, 0, C(TX_MONTH), 0},
    {tx_match_day_range, NO_REL, 0, K(NEWS_TOK_NUMBER)},
    {tx_match_day_month, NO_REL, 0, K(NEWS_TOK_NUMBER) | K(NEWS_TOK_ORDINAL)},
    {tx_match_weekday, 0, C(TX_WEEKDAY), 0},
    {tx_match_quarter, 0, 0, 0},
    {tx_match_decade, 0, 0, 0},
    {tx_match_hyphen, 0, 0, K(NEWS_TOK_WORD)},
    {tx_match_holiday, NO_REL, 0, K(NEWS_TOK_WORD)},
    {tx_match_season, 0, C(TX_SEASON), 0},
    {tx_match_year, NO_REL, C(TX_NUMWORD), K(NEWS_TOK_NUMBER)},
    {tx_match_year_named, NO_REL, C(TX_UNIT), 0},
    {tx_match_year_ended, NO_REL, C(TX_UNIT), 0},
    {tx_match_fiscal_year, 0, C(TX_UNIT), 0},
    {tx_match_rel_partday, 0, C(TX_PARTDAY), 0},
    {tx_match_pos_partday, NO_REL, C(TX_PARTDAY), 0},
    {tx_match_near, 0, 0, K(NEWS_TOK_WORD)},
    {tx_match_rel_unit, 0, 0, 0},
    {tx_match_quantity, 0, 0, 0},
};
#define NMATCHERS(t) (sizeof(t) / sizeof(t)[0])
_Static_assert(NMATCHERS(PHRASE_MATCHERS) <= 32 && NMATCHERS(TOKEN_MATCHERS) <= 32, "a bit per matcher");

/* The gates of a table as bit sets (bit m: matcher m), built once per
** process: the matchers whose gate opens for a token of class index
** (class / 100) ci are by_class[ci] | by_kind[KIND_INDEX(kind)].  Threads
** that race to build them store the same values into atomics. */
typedef struct matcher_ix {
  _Atomic uint32_t by_class[32];
  _Atomic uint32_t by_kind[64];
  _Atomic uint32_t open;             /* the matchers without a gate */
  _Atomic uint32_t no_rel, no_fiscal; /* the matchers with these flags */
} matcher_ix;
static matcher_ix TOKEN_IX, PHRASE_IX;
static atomic_bool matchers_indexed;

static void index_matchers(matcher_ix *ix, const matcher *t, size_t n) {
  uint32_t cl[32] = {0}, kd[64] = {0}, open = 0, no_rel = 0, no_fiscal = 0;
  for (size_t m = 0; m < n; m++) {
    uint32_t bit = 1u << m;
    if (!t[m].classes && !t[m].kinds) open |= bit;
    for (unsigned b = 0; b < 32; b++)
      if (!t[m].classes && !t[m].kinds ? true : t[m].classes >> b & 1) cl[b] |= bit;
    for (unsigned b = 0; b < 64; b++)
      if (!t[m].classes && !t[m].kinds ? true : t[m].kinds >> b & 1) kd[b] |= bit;
    if (t[m].flags & NO_REL) no_rel |= bit;
    if (t[m].flags & NO_FISCAL) no_fiscal |= bit;
  }
  for (unsigned b = 0; b < 32; b++) atomic_store_explicit(&ix->by_class[b], cl[b], memory_order_relaxed);
  for (unsigned b = 0; b < 64; b++) atomic_store_explicit(&ix->by_kind[b], kd[b], memory_order_relaxed);
  atomic_store_explicit(&ix->open, open, memory_order_relaxed);
  atomic_store_explicit(&ix->no_rel, no_rel, memory_order_relaxed);
  atomic_store_explicit(&ix->no_fiscal, no_fiscal, memory_order_relaxed);
}

static void index_all_matchers(void) {
  if (atomic_load_explicit(&matchers_indexed, memory_order_acquire)) return;
  index_matchers(&TOKEN_IX, TOKEN_MATCHERS, NMATCHERS(TOKEN_MATCHERS));
  index_matchers(&PHRASE_IX, PHRASE_MATCHERS, NMATCHERS(PHRASE_MATCHERS));
  atomic_store_explicit(&matchers_indexed, true, memory_order_release);
}

/* The matchers of ix whose gate opens for token k. */
static uint32_t gates_open(const matcher_ix *ix, const ctx *c, uint32_t k) {
  unsigned ci = (unsigned)cls(c, k) / 100;
  uint32_t by_class = ci < 32 ? atomic_load_explicit(&ix->by_class[ci], memory_order_relaxed)
                              : atomic_load_explicit(&ix->open, memory_order_relaxed);
  return by_class | atomic_load_explicit(&ix->by_kind[KIND_INDEX(kind(c, k))], memory_order_relaxed);
}

/* Tries every matcher at token i; fills h with the first hit. */
static bool match_at(const ctx *c, uint32_t i, hit *h) {
  phrase ph = {.i = i, .k = i};
  memset(h, 0, sizeof *h);
  /* a matcher may fill h and still fail: the flags that later stages read
  ** are cleared before each try (a full memset per try costs more) */
  uint32_t ok = gates_open(&TOKEN_IX, c, i);
  for (size_t m = 0; ok; m++, ok >>= 1) {
    if (!(ok & 1)) continue;
    h->has_v = false;
    if (TOKEN_MATCHERS[m].fn(c, &ph, h)) return true;
  }
  /* "around 7:15 p.m.", "about noon": the approximation is in the extent */
  if (has(c, i, TX_APPROX) && num(c, i) <= 6 && tx_match_clock(c, &(phrase){.i = i + 1, .k = i + 1}, h)) {
    h->b = i;
    return true;
  }
  /* approximations only in front of a quantity: "about two weeks", "no more than" */
  uint32_t a = word(c, i, "no") && is(c, i + 1, TX_APPROX, A_MORE) ? i + 1 : i;
  if (has(c, a, TX_APPROX)) {
    uint32_t k = tx_skip_approx(c, a);
    h->has_v = false;
    return k > a && tx_match_quantity(c, &(phrase){.i = i, .k = k}, h);
  }
  if (!read_phrase(c, i, &ph)) return false;
  /* every phrase matcher needs a candidate at the head, but for "the past"
  ** (PAST_REF, the head is whatever follows) and "the latest period" */
  if (!c->cand[ph.k] && !(ph.det && ph.rel == R_PAST) && ph.rel != R_LATEST) return false;
  ok = gates_open(&PHRASE_IX, c, ph.k);
  if (ph.rel) ok &= ~atomic_load_explicit(&PHRASE_IX.no_rel, memory_order_relaxed);
  if (ph.fiscal) ok &= ~atomic_load_explicit(&PHRASE_IX.no_fiscal, memory_order_relaxed);
  for (size_t m = 0; ok; m++, ok >>= 1) {
    if (!(ok & 1)) continue;
    h->has_v = false;
    h->end_value[0] = 0;
    if (PHRASE_MATCHERS[m].fn(c, &ph, h)) return true;
  }
  return false;
}

/* One pass over the document with the given anchor. */
/* "the Aug. 7 bombings", "the 14-day strike", "the 2012 election": a date
** or length written with a name or a number after "the" and not ending
** in a unit modifies the noun that follows, and the determiner belongs to
** that noun phrase (TimeML marks "Aug. 7" alone).  Decades and centuries
** keep theirs ("the 1990s", value 199). */
static void trim_det(const ctx *c, hit *h) {
  /* "only 14 days", "just a decade ago", "over several years": focus
  ** words and prepositions stay outside the extent */
  while (h->e > h->b + 1 && (word(c, h->b, "only") || word(c, h->b, "just") ||
                             (word(c, h->b, "over") && has(c, h->b + 1, TX_QUANT))))
    h->b++;
  if (h->e < h->b + 2 || !word(c, h->b, "the")) return;
  uint32_t k = h->b + 1;
  bool hyphen = kind(c, k) == NEWS_TOK_WORD && memchr(ttext(c, k), '-', tlen(c, k)) != NULL;
  if (!(has(c, k, TX_MONTH) || has(c, k, TX_WEEKDAY) || has(c, k, TX_NUMWORD) ||
        kind(c, k) == NEWS_TOK_NUMBER || hyphen))
    return;
  /* "the nine months", "the year-ago quarter", "the 1988 period": the
  ** expression is the whole noun phrase */
  if (has(c, h->e - 1, TX_UNIT) || word(c, h->e - 1, "period")) return;
  size_t n = strlen(h->value);
  if (n <= 3 && strspn(h->value, "0123456789") == n) return;
  h->b = k;
}

/* Words around an expression that TimeML keeps in its extent: "right
** now", "the next year or so", "a year or two".  prev_end: the byte where
** the previous row ends (the extent never reaches back into it). */
static void extend(const ctx *c, hit *h, uint32_t prev_end) {
  if (h->b > c->sb && strcmp(h->value, "PRESENT_REF") == 0 && word(c, h->b - 1, "right") &&
      (!upper(c, h->b - 1) || h->b - 1 == c->sb) && c->t[h->b - 1].start >= prev_end)
    h->b--;
  /* "as soon as possible" */
  if (h->b > c->sb && word(c, h->b, "soon") && word(c, h->b - 1, "as") && c->t[h->b - 1].start >= prev_end) h->b--;
  /* "the then current price": the present of a past time */
  if (h->b > c->sb && strcmp(h->value, "PRESENT_REF") == 0 && word(c, h->b, "current") &&
      word(c, h->b - 1, "then") && c->t[h->b - 1].start >= prev_end) {
    h->b--;
    snprintf(h->value, sizeof h->value, "PAST_REF");
  }
  if (word(c, h->e, "or") && word(c, h->e + 1, "so"))
    h->e += 2;
  else if (h->type == NEWS_TIMEX_DURATION && word(c, h->e, "or") && word(c, h->b, "a") &&
           (word(c, h->e + 1, "two") || word(c, h->e + 1, "three")))
    h->e += 2;
}

/* A dateline at the start of a line among the first 80 tokens: a place
** in capitals, a comma, a date, an optional "(Reuters)", a dash
** ("LONDON, Jan 5 (Reuters) -", "WASHINGTON, August 11, 1998 (Xinhua)
** --").  Sets c->dateline (year 0 when not written; month 0 when there
** is no dateline).  The date itself is matched as any other. */
static void find_dateline(ctx *c) {
  c->se = c->nt;
  for (uint32_t b = 0; b < c->nt && b < 80; b++) {
    if (b > 0 && !(c->t[b].flags & NEWS_TF_NEWLINE)) continue;
    uint32_t k = b;
    while (k < b + 6 && k < c->nt && (c->t[k].flags & NEWS_TF_ALLCAPS) &&
           (c->t[k].kind == NEWS_TOK_WORD || c->t[k].kind == NEWS_TOK_ABBREV))
      k++;
    if (k == b || kind(c, k) != NEWS_TOK_PUNCT || c->t[k].mark != ',' || !has(c, k + 1, TX_MONTH)) continue;
    uint32_t m = k + 1;
    int day = tx_day_of_month(c, m + 1);
    if (!day) continue;
    int y = 0;
    uint32_t e = m + 2;
    if (kind(c, e) == NEWS_TOK_PUNCT && c->t[e].mark == ',' && tx_year_at(c, e + 1)) {
      y = tx_year_at(c, e + 1);
      e += 2;
    }
    uint32_t j = e;
    if (kind(c, j) == NEWS_TOK_PUNCT && c->t[j].mark == '(' && kind(c, j + 1) == NEWS_TOK_WORD &&
        kind(c, j + 2) == NEWS_TOK_PUNCT && c->t[j + 2].mark == ')')
      j += 3;
    if (kind(c, j) != NEWS_TOK_DASH) continue;
    news_ymd x = {y ? y : 2000, num(c, m), day};
    if (!news_cal_valid(x)) continue;
    c->dateline = (news_ymd){y, x.month, x.day};
    return;
  }
}

/* Whether quarter q of year y is the topic now: one that ended before the
** anchor and comes after the topic ("Separately, America West reported
** third-quarter …" after Delta's first quarter).  An earlier quarter or one
** not over yet ("a fourth-quarter charge", said in November) is named in
** passing. */
static bool later_report(const ctx *c, int y, int q) {
  if (c->anchor.year == 0 || y * 4 + q <= c->topic_qy * 4 + c->topic_q) return false;
  return y * 4 + q < c->anchor.year * 4 + (c->anchor.month - 1) / 3 + 1;
}

/* What an accepted hit leaves for the expressions after it: the day,
** year and month mentioned, the quarter, the first full date written out. */
static void accept(ctx *c, const hit *h) {
  if (h->last.year > 0) c->last = h->last;
  if (h->topic_y > 0) {
    c->last_y = h->topic_y;
    c->last_m = h->topic_m;
  }
  if (h->q > 0) {
    c->last_qy = h->q_y;
    c->last_q = h->q;
    c->q_passed = false;
    c->q_sent = c->sent;
    if (!c->topic_q || later_report(c, h->q_y, h->q)) {
      c->topic_qy = h->q_y;
      c->topic_q = h->q;
    }
  }
  if (h->months && c->last_q) c->q_passed = true;
  /* a full date near the top dates the text; one further down is as often
  ** history ("what happened on September 11th 2001") */
  if (h->explicit_day.year > 0 && c->first_explicit.year == 0 && c->sent < 2) c->first_explicit = h->explicit_day;
}

/* Makes h a range ending at the date v, its extent up to token e. */
static void set_end(hit *h, const dval *v, uint32_t e) {
  tx_set_end(h, v);
  h->e = e;
}

/* A dash or slash between two tokens with no space around it: "9-10". */
static bool tight(const ctx *c, uint32_t k, char mark) {
  if (k + 1 >= c->se || (c->t[k].flags & NEWS_TF_SPACE) || (c->t[k + 1].flags & NEWS_TF_SPACE)) return false;
  return mark == '-' ? kind(c, k) == NEWS_TOK_DASH : kind(c, k) == NEWS_TOK_PUNCT && c->t[k].mark == mark;
}

/* Ranges, one row whose value is the start and end_value the end:
**   "April 9-10"            a day of month after a dash
**   "1986-87", "1986-1987"  a year after a dash, "1986/87" the next one after
**                           a slash
**   "from Monday to Wednesday", "from March to June"
**                           two weekdays or two month names without a year,
**                           whose end is read from the start: the first such
**                           weekday on or after it, the first such month
** ("9-10 April" and "January/February 1986" are matchers of their own).
** Two dates complete on their own ("from 1991 to 1997", "from Aug. 26 to
** Oct. 20") stay two rows, as TimeML writes them.  The end is remembered
** as the last date mentioned. */
static void join_range(ctx *c, hit *h) {
  if (!h->has_v || h->type != NEWS_TIMEX_DATE || h->end_value[0]) return;
  const dval *a = &h->v;
  uint32_t j = h->e;
  if (tight(c, j, '-') && a->gran == G_DAY && a->m && a->hh < 0 && !a->pod && !a->wd) {
    int nd = 0;
    long d2 = tx_digits_at(c, j + 1, &nd);
    if (nd <= 2 && d2 > a->d && d2 <= news_cal_month_len(a->y ? a->y : 2000, a->m)) {
      dval v = *a;
      v.d = (int)d2;
      set_end(h, &v, j + 2);
    }
    return;
  }
  bool slash = tight(c, j, '/');
  if ((slash || tight(c, j, '-')) && a->gran == G_YEAR && a->y > 0 && h->e == h->b + 1) {
    int nd = 0;
    long y2 = tx_digits_at(c, j + 1, &nd);
    if (nd == 2) y2 += a->y / 100 * 100 + (y2 <= a->y % 100 ? 100 : 0);
    /* "1986/87" is a season; a slash between other numbers is no range */
    if ((nd == 2 || nd == 4) && y2 > a->y && y2 - a->y <= (slash ? 1 : 10)) {
      dval v = *a;
      v.y = (int)y2;
      set_end(h, &v, j + 2);
    }
    return;
  }
  if (h->b <= c->sb || !word(c, h->b - 1, "from") ||
      !(word(c, j, "to") || word(c, j, "until") || word(c, j, "through") || word(c, j, "till")))
    return;
  hit e;
  uint32_t cur = c->cur;
  c->cur = j + 1;
  bool ok = j + 1 < c->se && match_at(c, j + 1, &e) && e.b == j + 1 && e.has_v && e.type == NEWS_TIMEX_DATE &&
            e.v.gran == a->gran && e.e == j + 2 &&
            ((a->gran == G_DAY && has(c, h->e - 1, TX_WEEKDAY) && has(c, j + 1, TX_WEEKDAY)) ||
             (a->gran == G_MONTH && has(c, h->e - 1, TX_MONTH) && has(c, j + 1, TX_MONTH)));
  c->cur = cur;
  if (!ok) return;
  if (a->gran == G_DAY && h->day.year > 0) { /* the first such weekday on or after the start */
    int back = news_cal_weekday(h->day), wd = num(c, j + 1);
    e.v = tx_dv_day(news_cal_add_days(h->day, (wd - back + 7) % 7));
    e.last = (news_ymd){e.v.y, e.v.m, e.v.d};
  } else if (a->gran == G_MONTH && a->y > 0) { /* the first such month on or after it */
    e.v.y = e.v.m >= a->m ? a->y : a->y + 1;
    e.last.year = 0;
    e.topic_y = e.v.y;
  }
  set_end(h, &e.v, e.e);
  accept(c, &e);
}

/* "March 11 and 12", "Feb 13 or 24": the second day, a row of its own as
** TimeML writes it, in the month of the first (h a day date ending before
** "and"/"or"); not an amount ("March 5 and 23 pct"). */
static bool second_day(const ctx *c, const hit *h, hit *h2) {
  const dval *a = &h->v;
  uint32_t j = h->e;
  if (!h->has_v || h->type != NEWS_TIMEX_DATE || a->gran != G_DAY || !a->m || !a->d || a->hh >= 0 || a->pod ||
      a->wd || h->end_value[0] || j + 1 >= c->se || !(word(c, j, "and") || word(c, j, "or")))
    return false;
  int nd = 0;
  long d2 = tx_digits_at(c, j + 1, &nd);
  if (nd > 2 || d2 <= a->d || d2 > news_cal_month_len(a->y ? a->y : 2000, a->m)) return false;
  uint32_t k = j + 2;
  /* "10-3/4 pct": part of a number */
  if (k < c->se && !(c->t[k].flags & NEWS_TF_SPACE) && kind(c, k) != NEWS_TOK_PUNCT) return false;
  if (k < c->se && (kind(c, k) == NEWS_TOK_NUMBER || kind(c, k) == NEWS_TOK_SYMBOL || has(c, k, TX_UNIT) ||
                    has(c, k, TX_MONTH) || tx_cue(c, k) == TXC_AMOUNT))
    return false;
  dval v = *a;
  v.d = (int)d2;
  memset(h2, 0, sizeof *h2);
  h2->b = j + 1;
  h2->e = j + 2;
  tx_set_date(h2, &v);
  return true;
}

/* Writes day x as YYYY-MM-DD (11 bytes with the NUL; a call to snprintf
** costs more than the rest of a row). */
static void fmt_day(char *out, news_ymd x) {
  unsigned y = (unsigned)(x.year % 10000), m = (unsigned)x.month % 100, d = (unsigned)x.day % 100;
  out[0] = (char)('0' + y / 1000);
  out[1] = (char)('0' + y / 100 % 10);
  out[2] = (char)('0' + y / 10 % 10);
  out[3] = (char)('0' + y % 10);
  out[4] = '-';
  out[5] = (char)('0' + m / 10);
  out[6] = (char)('0' + m % 10);
  out[7] = '-';
  out[8] = (char)('0' + d / 10);
  out[9] = (char)('0' + d % 10);
  out[10] = 0;
}

/* Appends the row of hit h in sentence s. */
static news_rc emit(news_doc *d, const ctx *c, const hit *h, uint32_t s) {
  news_timex *x = news_doc_vec_push(d, &d->timexes);
  if (!x) return NEWS_ERR_NOMEM;
  x->start = c->t[h->b].start;
  x->end = c->t[h->e - 1].end;
  x->sentence = s;
  x->type = (uint8_t)h->type;
  memcpy(x->value, h->value, sizeof x->value);
  x->value[sizeof x->value - 1] = 0;
  x->date[0] = x->end_date[0] = 0;
  if (h->day.year > 0) fmt_day(x->date, h->day);
  memcpy(x->end_value, h->end_value, sizeof x->end_value);
  if (h->end_day.year > 0) fmt_day(x->end_date, h->end_day);
  return NEWS_OK;
}

static news_rc scan(news_doc *d, ctx *c) {
  const news_sentence *sent = d->sentences.data;
  uint32_t ns = d->sentences.n;
  d->timexes.n = 0;
  c->last = (news_ymd){0, 0, 0};
  c->last_q = c->last_qy = c->topic_q = c->topic_qy = 0;
  c->q_passed = false;
  c->last_y = c->last_m = 0;
  uint32_t nPoll = 0;
  for (uint32_t s = 0; s < ns; s++) {
    uint32_t b = sent[s].tok_begin, e = sent[s].tok_end;
    if (e > c->nt) e = c->nt;
    c->se = e;
    c->sb = b;
    c->sent = s;
    /* another quarter named in passing ("after a flat second quarter")
    ** is meant only in its sentence: "a year ago" after it is again the
    ** quarter the report is about */
    if (c->topic_q && c->q_sent < s) {
      c->last_qy = c->topic_qy;
      c->last_q = c->topic_q;
    }
    for (uint32_t i = b; i < e;) {
      if (news_doc_poll(d, &nPoll)) return NEWS_ERR_INTERRUPTED;
      hit h;
      c->cur = i;
      if (!c->cand[i] || !match_at(c, i, &h) || h.e <= i) {
        i++;
        continue;
      }
      accept(c, &h);
      join_range(c, &h);
      if (h.e > e) h.e = e;
      trim_det(c, &h);
      extend(c, &h, d->timexes.n ? ((const news_timex *)d->timexes.data)[d->timexes.n - 1].end : 0);
      if (emit(d, c, &h, s) != NEWS_OK) return NEWS_ERR_NOMEM;
      i = h.e;
      hit h2;
      if (second_day(c, &h, &h2)) {
        accept(c, &h2);
        if (emit(d, c, &h2, s) != NEWS_OK) return NEWS_ERR_NOMEM;
        i = h2.e;
      }
    }
  }
  return NEWS_OK;
}

const char *news_timex_type_name(unsigned type) {
  switch (type) {
  case NEWS_TIMEX_DATE: return "DATE";
  case NEWS_TIMEX_TIME: return "TIME";
  case NEWS_TIMEX_DURATION: return "DURATION";
  case NEWS_TIMEX_SET: return "SET";
  default: return "DATE";
  }
}

news_rc news_timex_run(news_doc *d, const news_ymd *ref) {
  d->timexes.n = 0;
  if (ref && !news_cal_valid(*ref)) return NEWS_ERR_BADREF;
  ctx c;
  memset(&c, 0, sizeof c);
  c.s = d->text;
  c.t = d->tokens.data;
  c.nt = d->tokens.n;
  if (c.nt == 0) return NEWS_OK;
  /* one block: the token classes, then the candidate bytes */
  c.tok = d->mem->alloc(d->mem->ctx, (sizeof(tx_word) + 1) * c.nt);
  if (!c.tok) return NEWS_ERR_NOMEM;
  c.cand = (uint8_t *)(c.tok + c.nt);
  index_all_matchers();
  bool stopped = tx_classify(&c, d);
  c.sport = tx_sports_report(&c);
  find_dateline(&c);
  if (ref) c.anchor = *ref;
  else if (c.dateline.year > 0) c.anchor = c.dateline;
  news_rc rc = stopped ? NEWS_ERR_INTERRUPTED : scan(d, &c);
  /* No reference date nor dated dateline: anchor on the first explicit
  ** full date of the first two sentences, if any, and scan again so
  ** relative expressions resolve against it. */
  if (rc == NEWS_OK && !have_anchor(&c) && c.first_explicit.year > 0) {
    c.anchor = c.first_explicit;
    rc = scan(d, &c);
  }
  d->mem->free(d->mem->ctx, c.tok);
  if (rc != NEWS_OK) d->timexes.n = 0;
  return rc;
}
