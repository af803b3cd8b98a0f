/*
** sentences.c -- the sentence splitter, over the token array.
**
** HOW IT WORKS
**   A sentence ends before token i when one of these holds, checked in order:
**
**   1. a blank line comes before i (paragraphs never share a sentence);
**   2. the tokens before i end with a terminal mark -- . ! ? or an ellipsis,
**      optionally followed by closing quotation marks and brackets -- and
**      token i can open a sentence (it does not start with a lower-case
**      letter).  So “We will fight,” she said. “And win.” splits before the
**      second opening mark, and “Stop!” he shouted stays one sentence;
**   3. the tokens before i end with an abbreviation that may close a
**      sentence (Corp., U.S., Jan.) and token i is a capitalised common
**      sentence opener (The, He, But...) or an opening quotation mark,
**      so "U.S. Ambassador" stays together; titles (Sen., Dr.) and
**      initials never close one;
**   4. a single line break comes before i, i can open a sentence, and the
**      line before it looks like a headline, byline or dateline: short, or
**      with no word in lower case except small function words.  Wrapped
**      wire copy (long lines of running text) is not split at its breaks;
**   5. a dateline opens the paragraph ("WASHINGTON (Reuters) -",
**      "LONDON, Jan. 5 (AP) —", "PORTLAND, Ore. -"): an ALL-CAPS word, then
**      capitalised words, numbers, periods and a bracketed
**      agency up to a dash; the sentence ends after the dash.
**
**   Each test looks at a bounded number of tokens around i, so the pass is
**   linear.  Sentences are stored with their token range and byte span; each
**   token gets its sentence index.
*/
#include "core.h"
#include "lexicon.h"

static bool is_mark(const news_token *t, int32_t cp) {
  return (t->kind == NEWS_TOK_PUNCT) && t->mark == cp;
}

static bool is_closer(const news_token *t) {
  return t->kind == NEWS_TOK_QUOTE_CLOSE || is_mark(t, ')') || is_mark(t, ']');
}

/* Does token t start with a lower-case letter? */
static bool starts_lower(const news_doc *d, const news_token *t) {
  int32_t cp;
  news_utf8_next((const unsigned char *)d->text, d->len, t->start, &cp);
  return news_is_lower(cp);
}

static bool can_open(const news_doc *d, const news_token *t) {
  if (starts_lower(d, t)) return false;
  if (t->kind == NEWS_TOK_QUOTE_CLOSE || t->kind == NEWS_TOK_CLITIC || t->kind == NEWS_TOK_DASH)
    return false;
  if (t->kind == NEWS_TOK_PUNCT && !is_mark(t, '(') && !is_mark(t, '[')) return false;
  return true;
}

/* Class of an abbreviation token (NEWS_ABBR_*; dotted ones count as END). */
static int abbrev_class(const news_doc *d, const news_token *t) {
  if (t->kind == NEWS_TOK_INITIAL) return NEWS_ABBR_TITLE;
  size_t n = t->end - t->start - 1; /* without the final period */
  if (memchr(d->text + t->start, '.', n)) return NEWS_ABBR_END;
  return news_lex_find(&news_lex_abbreviations, d->text + t->start, n);
}

static bool is_opener_word(const news_doc *d, const news_token *t) {
  return (t->flags & NEWS_TF_UPPER) &&
         news_lex_find(&news_lex_sentence_openers, d->text + t->start, t->end - t->start) != 0;
}

/* Rule 2 and 3: does the text before token i close a sentence? */
static bool ends_before(const news_doc *d, const news_token *tok, uint32_t first, uint32_t i) {
  if (tok[i - 1].kind == NEWS_TOK_WORD) return false; /* most tokens: no mark, no abbreviation before */
  uint32_t k = i;
  int closers = 0;
  while (k > first && closers < 4 && is_closer(&tok[k - 1])) {
    k--;
    closers++;
  }
  if (k == first) return false;
  const news_token *last = &tok[k - 1], *next = &tok[i];
  /* a period inside a wire service's ticker, "<TCT.L>", touching the code
  ** on both sides, is no sentence end */
  if (is_mark(last, '.') && k == i && k >= first + 3 && tok[k - 2].end == last->start &&
      last->end == next->start && d->text[tok[k - 3].start] == '<' && tok[k - 3].end == tok[k - 2].start)
    return false;
  if (is_mark(last, '.') || is_mark(last, '!') || is_mark(last, '?') || last->kind == NEWS_TOK_ELLIPSIS)
    return can_open(d, next);
  if (last->kind == NEWS_TOK_ABBREV || last->kind == NEWS_TOK_INITIAL) {
    int cls = abbrev_class(d, last);
    if (cls == NEWS_ABBR_TITLE || cls == NEWS_ABBR_OTHER) return false;
    return is_opener_word(d, next) || next->kind == NEWS_TOK_QUOTE_OPEN;
  }
  return false;
}

/* Small words that a title-case headline keeps in lower case. */
static bool is_small_word(const news_doc *d, const news_token *t) {
  static const char small[][5] = {"a",  "an", "and", "as", "at",   "but", "by", "for", "from", "in",
                                   "into", "of", "on", "or", "over", "the", "to", "vs",  "with"};
  size_t n = t->end - t->start;
  if (n == 0 || n > 4) return false;
  for (size_t k = 0; k < sizeof small / sizeof small[0]; k++) /* small[k] of n letters, then 0 */
    if (small[k][n - 1] != 0 && small[k][n] == 0 && memcmp(small[k], d->text + t->start, n) == 0)
      return true;
  return false;
}

/* Rule 4: is the line ending before token i a headline/byline/dateline?
** line_first is the index of the line's first token. */
static bool headline_line(const news_doc *d, const news_token *tok, uint32_t line_first, uint32_t i) {
  uint32_t bytes = tok[i - 1].end - tok[line_first].start;
  /* a short line of running text is a headline in sentence case ("Oil
  ** prices rise"), unless a number goes on with it from the start of
  ** the next line: a wrapped line of copy ("Japan's housing starts in
  ** February rose / 13.4 pct ..."; tables and lists are indented) */
  bool number = NEWS_TOK_IS(tok[i].kind, NEWS_TOK_RANGE_NUMBER) && d->text[tok[i].start - 1] == '\n';
  /* nor does a headline end in "the", "of", "and", an opening mark or
  ** the first word after one ('producer of "The / Cosby Show," said') */
  const news_token *last = &tok[i - 1];
  bool open_end = (last->kind == NEWS_TOK_WORD && starts_lower(d, last) && is_small_word(d, last)) ||
                  last->kind == NEWS_TOK_QUOTE_OPEN || (i - 1 > line_first && tok[i - 2].kind == NEWS_TOK_QUOTE_OPEN);
  if (bytes < 40 && !number && !open_end) return true;
  int words = 0;
  for (uint32_t k = line_first; k < i; k++) {
    if (tok[k].kind != NEWS_TOK_WORD) continue;
    words++;
    if (starts_lower(d, &tok[k]) && !is_small_word(d, &tok[k])) return false; /* running text */
  }
  return words > 0;
}

/* Rule 5: if tokens from `first` form a dateline ending in a dash, returns the
** index just after the dash, else 0. */
static uint32_t dateline_end(const news_doc *d, const news_token *tok, uint32_t first, uint32_t n) {
  const news_token *t0 = &tok[first];
  if (t0->kind != NEWS_TOK_WORD || !(t0->flags & NEWS_TF_ALLCAPS) || t0->end - t0->start < 2)
    return 0;
  int depth = 0;
  for (uint32_t k = first + 1; k < n && k < first + 16; k++) {
    const news_token *t = &tok[k];
    if (k > first && (t->flags & NEWS_TF_NEWLINE)) return 0;
    if (t->kind == NEWS_TOK_DASH) return depth == 0 && k + 1 < n ? k + 1 : 0;
    if (is_mark(t, '(')) {
      depth++;
    } else if (is_mark(t, ')')) {
      depth--;
    } else if (NEWS_TOK_IS(t->kind, NEWS_TOK_RANGE_WORD)) {
      if (depth == 0 && starts_lower(d, t)) return 0;
    } else if (!NEWS_TOK_IS(t->kind, NEWS_TOK_RANGE_NUMBER) && !is_mark(t, ',') && !is_mark(t, '/') &&
               !is_mark(t, '.')) {
      return 0;
    }
  }
  return 0;
}

static news_rc close_sentence(news_doc *d, uint32_t first, uint32_t end) {
  news_token *tok = d->tokens.data;
  news_sentence *s = news_doc_vec_push(d, &d->sentences);
  if (!s) return NEWS_ERR_NOMEM;
  s->tok_begin = first;
  s->tok_end = end;
  s->start = tok[first].start;
  s->end = tok[end - 1].end;
  uint32_t idx = d->sentences.n - 1;
  for (uint32_t k = first; k < end; k++) tok[k].sentence = idx;
  return NEWS_OK;
}

news_rc news_sentences_run(news_doc *d) {
  d->sentences.n = 0;
  const news_token *tok = d->tokens.data;
  uint32_t n = d->tokens.n;
  if (n == 0) return NEWS_OK;
  uint32_t first = 0, line_first = 0;
  uint32_t dl = dateline_end(d, tok, 0, n), nPoll = 0;
  for (uint32_t i = 1; i < n; i++) {
    if (news_doc_poll(d, &nPoll)) return NEWS_ERR_INTERRUPTED;
    bool brk = false;
    const news_token *t = &tok[i];
    if (t->flags & NEWS_TF_PARA) {
      brk = true;
    } else if (i == dl) {
      brk = true;
    } else if (ends_before(d, tok, first, i)) {
      brk = true;
    } else if ((t->flags & NEWS_TF_NEWLINE) && can_open(d, t) && headline_line(d, tok, line_first, i)) {
      brk = true;
    }
    if (t->flags & NEWS_TF_NEWLINE) line_first = i;
    if (brk) {
      news_rc rc = close_sentence(d, first, i);
      if (rc) return rc;
      first = i;
      if (t->flags & NEWS_TF_NEWLINE) dl = dateline_end(d, tok, i, n);
    }
  }
  return close_sentence(d, first, n);
}
