/*
** speaker_rules.c -- who said it: the speech verb, the speaker as written and
** the resolved speaker of each quotation found by quotes.c.
**
** HOW IT WORKS
**   news_speaker_attribute() computes the windows around the quotation once
**   and walks the table `rules` at the end of this file: one named function
**   per pattern, tried in order; the first that fires attributes the row,
**   and its number goes into news_quote.rule (news_quote_rule_name() gives
**   the name, for tests and debugging).  The patterns (the letters match
**   the comments of the rule functions):
**     -  the second half of a broken quotation takes the attribution that
**        stands between the halves (“...,” the mayor added, “...”);
**     -  a transcript label opening the quotation ("HOST: Well, ...") or a
**        signature right after it (“...” ― Ann Lee);
**     -  a speech verb right before ': “' or ', “' (Lee responded: “...”);
**     a. a speech verb right after the closing mark with only a speaker
**        phrase before it: “...,” he said / “...,” said Sen. Ann Lee /
**        “...,” Gov. Lee (D-Ohio) told us; or any finite verb in that shape
**        after a quotation ending in , ? ! or a dash (“...!” beamed Lee).
**        The window runs to the next terminal mark outside brackets, so it
**        crosses the sentence break after “Why?” and "R-Ky.,";
**     b. the nearest speech verb before the opening mark, back to the
**        sentence start or the previous quotation: Lee said: “...” / Lee
**        said the plan was “a disaster” / According to Lee, “...”; when
**        that verb stands under a modal or "to" after an earlier finite
**        speech verb (Lee said Tehran would respond “...”), the earlier
**        verb: the quotation is part of its reported speech;
**     c. a speech verb further after the closing mark in the sentence;
**     d. a speech verb earlier in the sentence, before the previous
**        quotation (Lee called him “a” and “b”), else the sentence's
**        subject for a fragment inside it (Lee praised the deal as “historic”);
**     e. the sentence before ends in a colon: its verb's speaker or its
**        subject (Lee was blunt: / “...”);
**     f. a continuation of the quotation before it (the same paragraph,
**        the paragraph right after, or a multi-paragraph quotation) takes
**        its speaker;
**     g. a signature paragraph right after: “...” / - Lee.
**     h. the sentence before, when it holds no quotation: its verb's
**        speaker or its subject (Lee recalled the flood. “The water ...”);
**     i. the sentence after, when it opens with an attribution.
**   Reported sources.  After a., b. or the verb before ': “', an "according
**   to X" elsewhere in the sentence outside the quotation, or a report
**   closing the clause after it (“...,” Lee said, the Courier reported),
**   replaces the speaker: PolNeAR names that source.
**   The speaker phrase (speaker_phrase.c) and its resolution
**   (speaker_resolve.c) are the other two files of the engine.
**
** HOW TO ADD A PATTERN
**   1. Write `static bool r_NAME(rule_env *e)`: it reads the quotation
**      (e->sp), its neighbours and the windows in e, and when its pattern
**      is there fills e->q (speaker_for_verb() for a verb, sp_set_speaker()
**      for a phrase, copy_speaker() for another row's) and returns true;
**      otherwise it returns false and leaves e->q as it found it.
**   2. Add a row {"NAME", r_NAME, attributed} to `rules` where it belongs
**      in the order (earlier rows win).
**   3. Add a line to the table in tests/core/test_quotes.c (test_rules):
**      a sentence and the rule that must fire.
**   Then measure (make && python3 ../shared/eval/evaluate.py ./newsext.so
**   --sets quotes,attributions,pronouns) and list the changed rows
**   (tests/diff_outputs.py).
**
** Every window is bounded (a few dozen tokens) and the speaker history is a
** fixed ring, so attribution adds a constant amount of work per quotation.
*/
#include "lexicon.h"
#include "speaker_int.h"

#define WIN_NEAR 14    /* tokens after a closing mark where a. looks for a verb */
#define WIN_WEAK 4     /* ... and where a weak verb ("called") counts */
#define WIN_BEFORE 40  /* tokens scanned back for the b. window */
#define WIN_FAR 22     /* longest window after a closing mark (c.) */

/* Finds the speaker for verb v: after it when inverted, else before it.
** lo/hi bound the phrase. */
static bool speaker_for_verb(q_ctx *c, uint32_t v, int vclass, uint32_t lo, uint32_t hi, news_quote *q) {
  np p;
  bool ok = false;
  q->verb_start = c->tok[v].start;
  q->verb_end = c->tok[v].end;
  if (vclass == V_ACCORDING) {
    q->verb_end = c->tok[v + 1].end;
    ok = sp_np_forward(c, v + 2, hi, &p);
  } else {
    /* inverted when a closing mark (and comma) or the window start is
    ** right before the verb: “...,” said Lee */
    uint32_t k = v;
    while (k > lo && sp_is_punct(&c->tok[k - 1], ',')) k--;
    bool inverted = k == lo || c->tok[k - 1].kind == NEWS_TOK_QUOTE_CLOSE;
    const char *vw = (const char *)c->s + c->tok[v].start;
    bool told = c->tok[v].end - c->tok[v].start == 4 && !memcmp(vw, "told", 4);
    /* "..., saying" / "..., adding": the subject of the main clause */
    uint32_t vn = c->tok[v].end - c->tok[v].start;
    bool ing = vn > 4 && !memcmp(vw + vn - 3, "ing", 3);
    if (!inverted && !told && !ing && k < v && v + 1 < hi) {
      /* "..., said Prof. Ann Lee." closing its clause */
      np f;
      if (sp_np_forward(c, v + 1, hi, &f) && (f.nb > f.na || !f.pron) && f.b < c->ntok &&
          (sp_is_punct(&c->tok[f.b], ',') || sp_is_punct(&c->tok[f.b], '.'))) {
        p = f;
        ok = true;
      }
    }
    if (!ok && inverted && !told && !ing) ok = sp_np_forward(c, v + 1, hi, &p);
    /* "with Sen. Ann Lee calling it ...": a name right before a participle */
    if (!ok && ing && v > lo && (sp_is_cap(c, v - 1) || (news_speaker_word(c, v - 1) >= W_HE &&
                                                       news_speaker_word(c, v - 1) <= W_THEY)))
      ok = sp_np_backward(c, v, lo, &p);
    if (!ok && !ing) ok = sp_np_backward(c, v, lo, &p);
    if (!ok && !ing && sp_after_conj(c, v, lo)) ok = sp_sentence_subject(c, c->tok[v].sentence, 0, v, &p);
    if (!ok && !ing) ok = sp_coordinated_subject(c, v, lo, &p);
    /* "that Fowler is calling for": the name before the auxiliary */
    if (!ok && v > lo + 2 && news_speaker_word(c, v - 1) == W_AUX && sp_is_cap(c, v - 2) &&
        news_speaker_word(c, v - 3) != W_DET)
      ok = sp_np_backward(c, v - 1, lo, &p);
    if (!ok) ok = sp_sentence_subject(c, c->tok[v].sentence, lo, v, &p);
  }
  if (ok) sp_set_speaker(c, &p, q);
  else q->verb_start = q->verb_end = 0; /* no speaker: no verb either */
  return ok;
}

/* The first speech verb in tokens [a, b), or Q_NONE; weak verbs count only
** within `weak` tokens of the start. */
static uint32_t verb_fwd(const q_ctx *c, uint32_t a, uint32_t b, uint32_t weak, int *cls) {
  for (uint32_t i = a; i < b; i++) {
    int v = news_speaker_verb(c, i);
    if (v == V_SPEECH || v == V_ACCORDING || (v == V_WEAK && i < a + weak)) {
      *cls = v;
      return i;
    }
    if (NEWS_TOK_IS(c->tok[i].kind, NEWS_TOK_RANGE_QUOTE) && (c->tok[i].flags & NEWS_TF_DOUBLE)) break;
  }
  return Q_NONE;
}

/* End of the window after a closing mark at token a: the next terminal
** mark outside brackets, the next double quotation mark, a paragraph
** break, or WIN_FAR tokens.  Sentence breaks are crossed on purpose:
** “Why not?” Lee asked.  is split after the question mark. */
static uint32_t after_end(const q_ctx *c, uint32_t a, uint32_t stop) {
  uint32_t depth = 0, i;
  for (i = a; i < stop && i < a + WIN_FAR; i++) {
    const news_token *t = &c->tok[i];
    if (t->flags & NEWS_TF_PARA) break;
    /* a line break that also breaks the sentence ends it too (but not the
    ** line breaks of wrapped wire copy) */
    if ((t->flags & NEWS_TF_NEWLINE) && i > 0 && t->sentence != c->tok[i - 1].sentence) break;
    if (NEWS_TOK_IS(t->kind, NEWS_TOK_RANGE_QUOTE) && (t->flags & NEWS_TF_DOUBLE)) break;
    if (sp_is_punct(t, '(')) depth++;
    else if (sp_is_punct(t, ')') && depth) depth--;
    else if (!depth && (sp_is_punct(t, '.') || sp_is_punct(t, '!') || sp_is_punct(t, '?') || sp_is_punct(t, ';'))) {
      /* "Lee, R-Ky., said": a period before a comma ends nothing */
      if (sp_is_punct(t, '.') && i + 1 < stop && sp_is_punct(&c->tok[i + 1], ',')) continue;
      break;
    }
  }
  return i;
}

/* A token that can stand in a speaker phrase between a closing mark and
** its verb: words, titles, initials, commas, bracketed party labels. */
static bool np_token(const news_token *t) {
  return NEWS_TOK_IS(t->kind, NEWS_TOK_RANGE_WORD) || sp_is_punct(t, ',') || sp_is_punct(t, '(') ||
         sp_is_punct(t, ')') || sp_is_punct(t, '.') || t->kind == NEWS_TOK_DASH || NEWS_TOK_IS(t->kind, NEWS_TOK_RANGE_NUMBER);
}

/* Window a: a speech verb after the closing mark with only a speaker phrase
** before it (“...,” Sen. Ann Lee (D-Ohio) said). */
static uint32_t verb_near(const q_ctx *c, uint32_t a, uint32_t hi, int *cls) {
  for (uint32_t i = a; i < hi && i < a + WIN_NEAR; i++) {
    int v = news_speaker_verb(c, i);
    if (v == V_SPEECH || (v == V_WEAK && i < a + WIN_WEAK)) {
      /* only a speaker phrase may stand between: not "“...” ending
      ** the day, Lee said" */
      uint32_t s0 = a < hi && sp_is_punct(&c->tok[a], ',') ? a + 1 : a;
      np p;
      if (i > s0 && !(sp_np_backward(c, i, a, &p) && p.a <= s0) && !(s0 < i && sp_is_punct(&c->tok[i - 1], ','))) break;
      *cls = v;
      return i;
    }
    if (!np_token(&c->tok[i])) break;
    /* a verb this far only after a name or an apposition */
    if (i >= a + 5 && !sp_is_cap(c, a) && !sp_is_punct(&c->tok[a + 1], ',') && news_speaker_word(c, a) != W_DET) break;
  }
  return Q_NONE;
}

/* Does word i look like a finite verb of attribution: past tense (-ed,
** or a listed speech verb) or present third person (-s)? Not a participle. */
static bool finite_verb(const q_ctx *c, uint32_t i) {
  const news_token *t = &c->tok[i];
  uint32_t n = t->end - t->start;
  const char *w = (const char *)c->s + t->start;
  if (news_speaker_verb(c, i)) return n < 4 || memcmp(w + n - 3, "ing", 3) != 0;
  /* irregular pasts of "went on", "shot back", "broke in", "cut in" */
  if (sp_word_is(w, n, "went") || sp_word_is(w, n, "broke") || sp_word_is(w, n, "cut") || sp_word_is(w, n, "spoke") ||
      sp_word_is(w, n, "read")) /* “...,” the statement read. */
    return true;
  return n > 3 && (!memcmp(w + n - 2, "ed", 2) || (w[n - 1] == 's' && w[n - 2] != 's'));
}

/* Any lower-case verb in the shape of an attribution right after a quotation
** that ends in , ? ! or a dash: “...,” Lee beamed / “...!” beamed Lee. */
static bool shape_after(q_ctx *c, const q_span *sp, uint32_t a, uint32_t hi, news_quote *q) {
  if (sp->close == Q_NONE || a >= hi) return false;
  const news_token *e = &c->tok[sp->last - 1];
  if (!(sp_is_punct(e, ',') || sp_is_punct(e, '?') || sp_is_punct(e, '!') || e->kind == NEWS_TOK_DASH)) return false;
  np p;
  const news_token *t = &c->tok[a];
  uint32_t v = Q_NONE;
  if (t->kind == NEWS_TOK_WORD && !(t->flags & NEWS_TF_UPPER) && !news_speaker_word(c, a)) {
    /* inverted: beamed Lee, -- then the end of the clause */
    if (!finite_verb(c, a) || !sp_np_forward(c, a + 1, hi, &p)) return false;
    /* "beamed Ann Lee of Dayton, Ohio, who ...": a place after "of" */
    uint32_t pe = p.b;
    if (pe + 1 < hi && sp_word_at(c, pe, "of") && sp_is_cap(c, pe + 1)) pe = sp_cap_run_fwd(c, pe + 1, hi);
    if (pe < hi && !sp_is_punct(&c->tok[pe], ',') && !sp_is_punct(&c->tok[pe], '.')) return false;
    v = a;
  } else {
    if (!sp_np_forward(c, a, hi, &p) || p.b >= hi) return false;
    const news_token *u = &c->tok[p.b];
    if (u->kind != NEWS_TOK_WORD || (u->flags & NEWS_TF_UPPER) || news_speaker_word(c, p.b)) return false;
    if (!finite_verb(c, p.b)) return false;
    v = p.b;
  }
  q->verb_start = c->tok[v].start;
  q->verb_end = c->tok[v].end;
  sp_set_speaker(c, &p, q);
  return true;
}

/* The last speech verb in tokens [a, b), or Q_NONE. */
static uint32_t verb_back(const q_ctx *c, uint32_t a, uint32_t b, int *cls) {
  for (uint32_t i = b; i-- > a;) {
    int v = news_speaker_verb(c, i);
    if (v) {
      *cls = v;
      return i;
    }
  }
  return Q_NONE;
}

static void copy_speaker(news_quote *q, const news_quote *from) {
  q->speaker_start = from->speaker_start;
  q->speaker_end = from->speaker_end;
  q->verb_start = from->verb_start;
  q->verb_end = from->verb_end;
  q->speaker = from->speaker;
  q->speaker_len = from->speaker_len;
}

/* Is verb v under a modal, "to" or a past perfect ("would respond", "will
** not call", "to warn", "had asked", "she’d asked")?  Such a verb heads a
** clause reported by someone else. */
static bool modal_verb(const q_ctx *c, uint32_t v, uint32_t lo) {
  uint32_t k = v;
  for (int skip = 0; skip < 2 && k > lo && (sp_is_ly(c, k - 1) || sp_word_at(c, k - 1, "not")); skip++) k--;
  if (k <= lo) return false;
  static const char *const modals[] = {"would", "will", "could", "should", "might", "may", "must", "can", "to", "had"};
  for (size_t m = 0; m < sizeof modals / sizeof modals[0]; m++)
    if (sp_word_at(c, k - 1, modals[m])) return true;
  /* "he’d asked", "they'd" */
  const news_token *t = &c->tok[k - 1];
  uint32_t n = t->end - t->start;
  const char *w = (const char *)c->s + t->start;
  return t->kind == NEWS_TOK_WORD && ((n > 2 && w[n - 1] == 'd' && w[n - 2] == '\'') ||
                                      (n > 4 && w[n - 1] == 'd' && !memcmp(w + n - 4, "\xe2\x80\x99", 3)));
}

/* Window b found verb v before the opening mark.  When v sits in the
** complement clause of an earlier finite speech verb ("Lee said Tehran
** would respond “...”"), the quotation is part of that verb's reported
** speech: returns the earlier verb (scanned back at most WIN_BEFORE tokens,
** never across a quotation), else v. */
static uint32_t outer_verb(const q_ctx *c, uint32_t lo, uint32_t v, int *cls) {
  if (*cls != V_SPEECH || !modal_verb(c, v, lo)) return v;
  for (uint32_t i = v; i-- > lo && v - i < WIN_BEFORE;) {
    if (NEWS_TOK_IS(c->tok[i].kind, NEWS_TOK_RANGE_QUOTE) && (c->tok[i].flags & NEWS_TF_DOUBLE)) break;
    const news_token *t = &c->tok[i];
    uint32_t n = t->end - t->start;
    if (news_speaker_verb(c, i) == V_SPEECH && !(n > 4 && !memcmp(c->s + t->end - 3, "ing", 3)) &&
        !modal_verb(c, i, lo)) {
      *cls = V_SPEECH;
      return i;
    }
  }
  return v;
}

/* "Lee said, according to the Courier": when the sentence around an
** attribution by verb also holds "according to" outside the quotation (in
** [lo, open) or [a, hi)), its source is the one PolNeAR-style annotation
** names.  Re-attributes q to it and returns true. */
static bool according_override(q_ctx *c, uint32_t lo, uint32_t open, uint32_t a, uint32_t hi, news_quote *q) {
  const uint32_t from[2] = {lo, a}, to[2] = {open, hi};
  for (int w = 0; w < 2; w++) {
    for (uint32_t i = from[w]; i + 2 < to[w]; i++) {
      if (news_speaker_verb(c, i) != V_ACCORDING || c->tok[i].start == q->verb_start) continue;
      news_quote t = *q;
      if (speaker_for_verb(c, i, V_ACCORDING, from[w], to[w], &t)) {
        *q = t;
        return true;
      }
    }
  }
  /* "“...,” Lee said, the Courier reported." / "..., reports the Courier.":
  ** a report closing the clause after the quotation */
  for (uint32_t i = a; i < hi && i + 1 < c->ntok; i++) {
    if (!(sp_word_at(c, i, "reported") || sp_word_at(c, i, "reports")) || c->tok[i].start == q->verb_start) continue;
    bool closing = sp_is_punct(&c->tok[i + 1], '.'), inverted = i > a && sp_is_punct(&c->tok[i - 1], ',');
    if (!closing && !inverted) continue;
    news_quote t = *q;
    if (speaker_for_verb(c, i, V_SPEECH, a, hi < c->ntok ? hi + 1 : hi, &t)) {
      *q = t;
      return true;
    }
  }
  return false;
}

/* ------------------------------------------------------------ the rules */

/* What a rule sees: the quotation, its neighbours and the windows around
** it, computed once by the driver. */
typedef struct rule_env {
  q_ctx *c;
  q_span *sp;
  const q_span *prev, *next; /* neighbouring quotations, or NULL */
  news_quote *q;             /* the row being attributed */
  const news_quote *prevq;   /* the row of prev, or NULL */
  uint32_t so;               /* sentence of the opening mark */
  uint32_t lo;               /* window before the opening mark: [lo, open) */
  uint32_t a, hi;            /* window after the closing mark: [a, hi) */
  uint32_t z;                /* first token after the quotation */
} rule_env;

/* the second half of a broken quotation, whose attribution stands
** between the two: “Everything ...,” the mayor added, “has ...” */
static bool r_broken_second_half(rule_env *e) {
  const news_token *tok = e->c->tok;
  const q_span *prev = e->prev, *sp = e->sp;
  const news_quote *pq = e->prevq;
  if (!(prev && pq && pq->speaker && prev->close != Q_NONE && prev->close < sp->open &&
        tok[prev->close].sentence == e->so && pq->speaker_end > pq->speaker_start &&
        pq->speaker_start >= tok[prev->close].end && pq->speaker_end <= tok[sp->open].start &&
        sp_is_punct(&tok[sp->open - 1], ',')))
    return false;
  copy_speaker(e->q, pq);
  return true;
}

/* a transcript label opening the quotation: "HOST: Well, ..." */
static bool r_transcript_label(rule_env *e) {
  const news_token *tok = e->c->tok;
  const q_span *sp = e->sp;
  if (!(sp->first + 2 < sp->last && (tok[sp->first].flags & NEWS_TF_ALLCAPS) &&
        tok[sp->first].kind == NEWS_TOK_WORD && sp_is_punct(&tok[sp->first + 1], ':')))
    return false;
  np p;
  memset(&p, 0, sizeof p);
  p.a = p.na = sp->first;
  p.b = p.nb = sp->first + 1;
  sp_set_speaker(e->c, &p, e->q);
  return true;
}

/* a signature right after the closing mark: “...” ― Ann Lee */
static bool r_signature_after(rule_env *e) {
  q_ctx *c = e->c;
  const news_token *tok = c->tok;
  uint32_t a = e->a;
  np p;
  if (!(a + 1 < c->ntok && e->sp->close != Q_NONE && (tok[a].kind == NEWS_TOK_DASH || sp_is_punct(&tok[a], '-')) &&
        !(tok[a].flags & NEWS_TF_PARA) && sp_np_forward(c, a + 1, c->sent[tok[a + 1].sentence].tok_end, &p) &&
        p.nb > p.na && p.b == p.nb))
    return false;
  const news_token *t = p.b < c->ntok ? &tok[p.b] : NULL;
  if (t && !(t->flags & (NEWS_TF_NEWLINE | NEWS_TF_PARA)) && !sp_is_punct(t, '.') && !sp_is_punct(t, ','))
    return false;
  sp_set_speaker(c, &p, e->q);
  return true;
}

/* b first when a verb introduces the quotation right before its mark:
** Lee replied: “Why now?” Critics said it was late. */
static bool r_verb_before_mark(rule_env *e) {
  q_ctx *c = e->c;
  uint32_t o = e->sp->open, lo = e->lo;
  int cls = 0;
  if (!(o > lo + 1 && (sp_is_punct(&c->tok[o - 1], ':') || sp_is_punct(&c->tok[o - 1], ',')))) return false;
  uint32_t v = verb_back(c, o - 2 > lo ? o - 2 : lo, o - 1, &cls);
  if (v == Q_NONE || cls == V_ACCORDING || !speaker_for_verb(c, v, cls, lo, o, e->q)) return false;
  according_override(c, lo, o, e->a, e->hi, e->q);
  return true;
}

/* a. a speech verb right after the closing mark */
static bool r_verb_after(rule_env *e) {
  int cls = 0;
  uint32_t v = verb_near(e->c, e->a, e->hi, &cls);
  if (v == Q_NONE || !speaker_for_verb(e->c, v, cls, e->a, e->hi, e->q)) return false;
  according_override(e->c, e->lo, e->sp->open, e->a, e->hi, e->q);
  return true;
}

/* a. any finite verb in the shape of an attribution after it */
static bool r_shape_after(rule_env *e) {
  return shape_after(e->c, e->sp, e->a, e->hi, e->q);
}

/* b. the nearest speech verb before the opening mark (the outer verb when
** the nearest one is in its complement clause) */
static bool r_verb_before(rule_env *e) {
  int cls = 0;
  uint32_t v = verb_back(e->c, e->lo, e->sp->open, &cls);
  if (v != Q_NONE) v = outer_verb(e->c, e->lo, v, &cls);
  if (v == Q_NONE || !speaker_for_verb(e->c, v, cls, e->lo, e->sp->open, e->q)) return false;
  if (cls != V_ACCORDING) according_override(e->c, e->lo, e->sp->open, e->a, e->hi, e->q);
  return true;
}

/* c. further after the closing mark, within its own sentence (a next
** sentence only ever attributes through a. above) */
static bool r_verb_far_after(rule_env *e) {
  const news_token *tok = e->c->tok;
  int cls = 0;
  uint32_t v = e->hi > e->a && tok[e->a].sentence == tok[e->sp->close].sentence
                   ? verb_fwd(e->c, e->a, e->hi, 2, &cls)
                   : Q_NONE;
  return v != Q_NONE && speaker_for_verb(e->c, v, cls, e->a, e->hi, e->q);
}

/* d. inside a sentence: a speech verb before the window (“Lee called
** him “a” and “b”) */
static bool r_verb_earlier(rule_env *e) {
  q_ctx *c = e->c;
  uint32_t sb = c->sent[e->so].tok_begin, lo = e->lo;
  if (lo <= sb) return false;
  /* not inside the previous quotation itself */
  uint32_t end = e->prev && e->prev->close != Q_NONE && e->prev->close + 1 == lo ? e->prev->open : lo;
  uint32_t from = end > sb + 3 * WIN_BEFORE ? end - 3 * WIN_BEFORE : sb;
  int cls = 0;
  uint32_t v = verb_back(c, from, end, &cls);
  return v != Q_NONE && speaker_for_verb(c, v, cls, from, end, e->q);
}

/* d. else the sentence's subject ("Lee praised the deal as “historic”") */
static bool r_sentence_subject(rule_env *e) {
  np p;
  if (e->sp->open <= e->c->sent[e->so].tok_begin + 1 || !sp_sentence_subject(e->c, e->so, 0, e->sp->open, &p))
    return false;
  sp_set_speaker(e->c, &p, e->q);
  return true;
}

/* e. the sentence before ends with a colon (not one inside the previous
** quotation, "... as follows:"): its verb's speaker (Lee said: / “...”) */
static bool colon_before(const rule_env *e) {
  uint32_t fs = e->c->sent[e->so].tok_begin;
  bool quoted = fs > 0 && e->prev && e->prev->first < fs && fs <= e->prev->last;
  return e->sp->open == fs && fs > 0 && sp_is_punct(&e->c->tok[fs - 1], ':') && e->so > 0 && !quoted;
}

static bool r_colon_sentence_verb(rule_env *e) {
  if (!colon_before(e)) return false;
  q_ctx *c = e->c;
  uint32_t fs = c->sent[e->so].tok_begin, pa = c->sent[e->so - 1].tok_begin;
  int cls = 0;
  uint32_t v = verb_back(c, pa, fs - 1, &cls);
  return v != Q_NONE && cls != V_ACCORDING && speaker_for_verb(c, v, cls, pa, fs - 1, e->q);
}

/* e. ... or its subject (Lee was blunt: / “...”) */
static bool r_colon_sentence_subject(rule_env *e) {
  if (!colon_before(e)) return false;
  np p;
  if (!sp_sentence_subject(e->c, e->so - 1, 0, e->c->sent[e->so].tok_begin - 1, &p)) return false;
  sp_set_speaker(e->c, &p, e->q);
  return true;
}

/* f. continuing the quotation before: the same paragraph, the paragraph
** right after or a multi-paragraph quotation; a fragment too when its
** sentence had no subject of its own ("Lee said. Instead, “it is a
** trap ...”"), though it may still be a scare quote */
static bool r_continuation(rule_env *e) {
  const q_span *prev = e->prev, *sp = e->sp;
  if (!(prev && e->prevq && e->prevq->speaker)) return false;
  bool same_para = prev->para == sp->para;
  bool next_para = sp->cont;
  if (!next_para && sp->open == sp->para && prev->para < sp->para) {
    /* the paragraph right before holds the previous quotation; the
    ** tokens between the two are scanned once over the whole document */
    next_para = sp->para - prev->last < 300; /* bounded: stays linear */
    for (uint32_t k = prev->last + 1; next_para && k < sp->para; k++)
      if (e->c->tok[k].flags & NEWS_TF_PARA) next_para = false;
  }
  if (!same_para && !next_para) return false;
  copy_speaker(e->q, e->prevq);
  e->sp->attributed = sp->direct || next_para;
  return true;
}

/* g. a signature in the next paragraph: “...” / - Lee. */
static bool r_signature_paragraph(rule_env *e) {
  q_ctx *c = e->c;
  const news_token *tok = c->tok;
  uint32_t z = e->z;
  np p;
  if (!(z + 1 < c->ntok && (tok[z].flags & NEWS_TF_PARA) && (tok[z].kind == NEWS_TOK_DASH || sp_is_punct(&tok[z], '-')) &&
        sp_np_forward(c, z + 1, c->sent[tok[z + 1].sentence].tok_end, &p)))
    return false;
  sp_set_speaker(c, &p, e->q);
  return true;
}

/* h. the sentence before, in the same paragraph or ending the one before,
** when it holds no quotation (checked within 60 tokens): its verb's
** speaker or its subject (Lee recalled the trip. “It was dark.”) */
static bool r_sentence_before(rule_env *e) {
  q_ctx *c = e->c;
  const news_token *tok = c->tok;
  if (e->sp->open != c->sent[e->so].tok_begin || e->so == 0) return false;
  uint32_t ps = e->so - 1, pa = c->sent[ps].tok_begin, pe = c->sent[ps].tok_end, k = pe;
  while (k > pa && pe - k < 60 && !(NEWS_TOK_IS(tok[k - 1].kind, NEWS_TOK_RANGE_QUOTE) && (tok[k - 1].flags & NEWS_TF_DOUBLE))) k--;
  if (k != pa) return false;
  int cls = 0;
  uint32_t v = verb_back(c, pa, pe, &cls);
  if (v != Q_NONE && cls != V_ACCORDING && speaker_for_verb(c, v, cls, pa, pe, e->q)) return true;
  np p;
  if (!sp_sentence_subject(c, ps, 0, pe, &p) || !(p.pron || p.nb > p.na)) return false;
  sp_set_speaker(c, &p, e->q);
  return true;
}

/* i. the sentence after, when it opens with an attribution within ten
** tokens: “...” / That is what Lee told reporters. */
static bool r_sentence_after(rule_env *e) {
  q_ctx *c = e->c;
  const news_token *tok = c->tok;
  uint32_t z = e->z, ns = z < c->ntok ? tok[z].sentence : Q_NONE;
  if (!(e->sp->close != Q_NONE && ns != Q_NONE && ns != tok[e->sp->close].sentence && c->sent[ns].tok_begin == z))
    return false;
  uint32_t na = c->sent[ns].tok_begin, ne = c->sent[ns].tok_end;
  if (ne > na + 10) ne = na + 10;
  int cls = 0;
  uint32_t v = verb_fwd(c, na, ne, 0, &cls);
  return v != Q_NONE && cls == V_SPEECH && speaker_for_verb(c, v, cls, na, c->sent[ns].tok_end, e->q);
}

/* The rules, in the order they are tried: the first that fires attributes
** the quotation.  `attributed` is what the row's q_span.attributed becomes
** (a quotation left unattributed may still be dropped as a scare quote);
** -1: the rule sets it itself. */
static const struct {
  const char *name;
  bool (*fire)(rule_env *e);
  int attributed;
} rules[] = {
    {"broken_second_half", r_broken_second_half, 1},
    {"transcript_label", r_transcript_label, 1},
    {"signature_after", r_signature_after, 1},
    {"verb_before_mark", r_verb_before_mark, 1},
    {"verb_after", r_verb_after, 1},
    {"shape_after", r_shape_after, 1},
    {"verb_before", r_verb_before, 1},
    {"verb_far_after", r_verb_far_after, 1},
    {"verb_earlier", r_verb_earlier, 1},
    {"sentence_subject", r_sentence_subject, 0},
    {"colon_sentence_verb", r_colon_sentence_verb, 1},
    {"colon_sentence_subject", r_colon_sentence_subject, 1},
    {"continuation", r_continuation, -1},
    {"signature_paragraph", r_signature_paragraph, 1},
    {"sentence_before", r_sentence_before, 0},
    {"sentence_after", r_sentence_after, 1},
};

const char *news_quote_rule_name(unsigned rule) {
  return rule >= 1 && rule <= sizeof rules / sizeof rules[0] ? rules[rule - 1].name : "none";
}

news_rc news_speaker_attribute(q_ctx *c, q_span *sp, const q_span *prev, const q_span *next,
                               news_quote *q, const news_quote *prevq) {
  const news_token *tok = c->tok;
  rule_env e = {c, sp, prev, next, q, prevq, tok[sp->open].sentence, 0, 0, 0, 0};
  c->cur_open = sp->open;
  /* window before the opening mark: back to the sentence start or the
  ** previous quotation's closing mark */
  e.lo = c->sent[e.so].tok_begin;
  if (prev && prev->close != Q_NONE && prev->close + 1 > e.lo && prev->close < sp->open) e.lo = prev->close + 1;
  if (sp->open > e.lo + WIN_BEFORE) e.lo = sp->open - WIN_BEFORE;
  /* window after the closing mark: to the sentence end or next quotation */
  e.a = e.z = sp->close == Q_NONE ? sp->last : sp->close + 1;
  e.hi = sp->close == Q_NONE ? e.a : after_end(c, e.a, next ? next->open : c->ntok);
  /* a quotation ending in a full stop ends its sentence (“...” Lee left.),
  ** unless a short sentence with a speech verb follows (“...” Lee said.) */
  if (e.hi > e.a && tok[e.a].sentence != tok[sp->close].sentence && sp_is_punct(&tok[sp->last - 1], '.')) {
    const news_sentence *nx = &c->sent[tok[e.a].sentence];
    int vc = 0;
    if (nx->tok_end - nx->tok_begin > 8 || verb_fwd(c, e.a, e.hi, 0, &vc) == Q_NONE || vc != V_SPEECH) e.hi = e.a;
  }
  sp->attributed = false;
  q->rule = 0;
  for (size_t r = 0; r < sizeof rules / sizeof rules[0]; r++) {
    if (!rules[r].fire(&e)) continue;
    if (rules[r].attributed >= 0) sp->attributed = rules[r].attributed;
    q->rule = (uint8_t)(r + 1);
    break;
  }
  return NEWS_OK;
}

bool news_speaker_for_verb(q_ctx *c, uint32_t v, int cls, uint32_t lo, uint32_t hi, news_quote *q) {
  return speaker_for_verb(c, v, cls == V_BELIEF ? V_SPEECH : cls, lo, hi, q);
}
