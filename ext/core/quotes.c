/*
** quotes.c -- quotations: pairing the marks, telling direct from partial,
** dropping scare quotes, and driving the attribution (speaker_rules.c).
**
** HOW IT WORKS
**   1. Pairing, one pass over the tokens.  Only double marks open a
**      quotation (“ " « „); single marks inside one are nested quotes and
**      stay part of it, and single marks outside are apostrophes far more
**      often than quotes.  An open quotation is closed by the next closing
**      double mark (” " », and “ after „ or ") and at the latest at the end
**      of its paragraph (a blank line): then the next paragraph, when it
**      opens with a mark, continues it (the multi-paragraph convention) and
**      its row is marked `cont`.  The same holds when the paragraph break
**      was lost (paragraphs joined by a space, as scraped text often is): an
**      opening mark after a full stop and a space, met while a quotation is
**      open, ends it and opens the continuation (straight marks would
**      otherwise alternate and read it as closing, losing every second
**      paragraph).  A closing mark with nothing open is a
**      stray and is skipped.  Each token is looked at once, so 100,000
**      unmatched marks cost one pass and nothing swallows the article.
**   2. Kind.  A quotation is `direct` when it starts its sentence or
**      paragraph, follows a colon, dash or bracket, follows a speech verb
**      ("said “..."), or follows a comma after a speech verb ("he said,
**      “and soon.”"); anything else is a fragment woven into the sentence
**      and is `partial`.
**   3. Attribution (speaker_rules.c) finds the verb and the speaker of each row.
**      The entity tagger, most of the cost, runs only when step 1 found a
**      quotation.
**   4. Scare quotes and titles: a partial quotation of at most three words
**      with no speech verb anywhere in its sentence (a “cultural” site) is
**      dropped, and so is a partial one in title case with no speech verb
**      attributing it (the film “Jaws”, the novel “Pride and Prejudice”).
**
** The rows are in text order; each holds byte offsets of the quoted words
** without their marks.  See docs/quotes.md for the SQL view of them.
*/
#include "quotes_int.h"

/* ----------------------------------------------------------- the marks */

static bool is_double(const news_token *t) {
  return NEWS_TOK_IS(t->kind, NEWS_TOK_RANGE_QUOTE) && (t->flags & NEWS_TF_DOUBLE);
}

/* Does double mark t close a quotation opened by the mark `open`? */
static bool closes(uint16_t open, const news_token *t) {
  if (t->kind == NEWS_TOK_QUOTE_CLOSE) return true;
  /* straight marks alternate; „ is closed by “ (German) as well as ” */
  if (t->mark == '"' && open == '"') return true;
  if (t->mark == 0x201c && (open == 0x201e || open == '"')) return true;
  return false;
}

/* Does opening mark i, met while a quotation is open, open a continuation
** paragraph whose break was lost ("...Olympics. "The amber light ...")?
** It stands after white space and a full stop, ? or !, before a capital;
** a mark closing a quotation is written against its full stop. */
static bool continues(const news_token *tok, uint32_t n, uint32_t i) {
  const news_token *t = &tok[i], *p = &tok[i - 1];
  if (t->kind != NEWS_TOK_QUOTE_OPEN || !(t->flags & NEWS_TF_SPACE) || i + 1 >= n) return false;
  if (!(p->kind == NEWS_TOK_PUNCT && (p->mark == '.' || p->mark == '?' || p->mark == '!'))) return false;
  return (tok[i + 1].flags & NEWS_TF_UPPER) != 0;
}

/* Appends a quotation with inner tokens [first, last) to spans. */
static news_rc add_span(news_doc *d, news_vec *spans, uint32_t open, uint32_t close, uint32_t last,
                        uint32_t para, bool cont) {
  const news_token *tok = d->tokens.data;
  if (last <= open + 1) return NEWS_OK; /* nothing between the marks */
  q_span *sp = news_doc_vec_push(d, spans);
  if (!sp) return NEWS_ERR_NOMEM;
  sp->open = open;
  sp->close = close;
  sp->first = open + 1;
  sp->last = last;
  sp->para = para;
  sp->cont = cont;
  sp->twin = !(tok[open].flags & NEWS_TF_DOUBLE);
  return NEWS_OK;
}

/* Two straight single marks written as one double mark ('' ... ''), as
** some papers set quotations: token i is the first of such a pair. */
static bool twin_single(const news_token *tok, uint32_t n, uint32_t i) {
  const news_token *t = &tok[i];
  return i + 1 < n && NEWS_TOK_IS(t->kind, NEWS_TOK_RANGE_QUOTE) && !(t->flags & NEWS_TF_DOUBLE) &&
         t->mark == '\'' && tok[i + 1].kind == t->kind && tok[i + 1].mark == '\'' && tok[i + 1].start == t->end;
}

/* Pass 1: pairs the double marks of the document into spans. */
static news_rc pair_marks(news_doc *d, const news_token *tok, uint32_t n, news_vec *spans) {
  uint32_t open = Q_NONE; /* token of the mark now open */
  uint32_t para = 0;      /* first token of the current paragraph */
  uint32_t carried = Q_NONE; /* paragraph start right after an unclosed quote */
  bool cont = false;
  news_rc rc;
  uint32_t nPoll = 0;
  for (uint32_t i = 0; i < n; i++) {
    if (news_doc_poll(d, &nPoll)) return NEWS_ERR_INTERRUPTED;
    const news_token *t = &tok[i];
    if (i > 0 && (t->flags & NEWS_TF_PARA)) {
      carried = Q_NONE;
      if (open != Q_NONE) { /* the paragraph ends an unclosed quotation */
        if ((rc = add_span(d, spans, open, Q_NONE, i, para, cont))) return rc;
        open = Q_NONE;
        carried = i;
      }
      para = i;
    }
    bool twin = !is_double(t) && twin_single(tok, n, i);
    if (twin && t->kind == NEWS_TOK_QUOTE_OPEN) t = &tok[++i]; /* the inner mark opens */
    else if (!is_double(t) && !twin) continue;
    if (open == Q_NONE) {
      if (t->kind == NEWS_TOK_QUOTE_OPEN) {
        open = i;
        cont = (i == carried);
      }
      continue;
    }
    if (i == open + 1) {
      /* two marks in a row ("“ or “") open one quotation */
      if (t->kind == NEWS_TOK_QUOTE_OPEN) open = i;
      continue;
    }
    if (continues(tok, n, i)) {
      /* paragraphs joined by a space: the quotation goes on in a new one */
      if ((rc = add_span(d, spans, open, Q_NONE, i, para, cont))) return rc;
      open = i;
      cont = true;
      continue;
    }
    if (closes(tok[open].mark, t)) {
      if ((rc = add_span(d, spans, open, i, i, para, cont))) return rc;
      open = Q_NONE;
    } else if (t->kind == NEWS_TOK_QUOTE_OPEN) {
      /* a second opening mark: the first was a stray, start again here */
      open = i;
      cont = false;
    }
  }
  if (open != Q_NONE) return add_span(d, spans, open, Q_NONE, n, para, cont);
  return NEWS_OK;
}

/* ----------------------------------------------------------------- kind */

static bool is_punct(const news_token *t, int32_t cp) {
  return t->kind == NEWS_TOK_PUNCT && t->mark == cp;
}

/* Pass 2: is the quotation a whole utterance? (see HOW IT WORKS, 2) */
static bool is_direct(const q_ctx *c, const q_span *sp) {
  const news_token *tok = c->tok;
  uint32_t o = sp->open;
  if (o == sp->para || o == c->sent[tok[o].sentence].tok_begin) return true;
  const news_token *p = &tok[o - 1];
  if (is_punct(p, ':') || is_punct(p, '(') || is_punct(p, '[') || p->kind == NEWS_TOK_DASH) return true;
  if (p->kind == NEWS_TOK_QUOTE_CLOSE) return true;
  /* said “We... is whole; said “the plan... is a fragment */
  if (news_speaker_verb(c, o - 1) == 1) return (tok[sp->first].flags & NEWS_TF_UPPER) != 0;
  if (is_punct(p, ',') && o >= 2) {
    /* "he said, “..." or "“...,” he said, “..." */
    for (uint32_t k = o - 1; k-- > 0 && k + 9 > o;) {
      if (news_speaker_verb(c, k)) return true;
      if (tok[k].sentence != tok[o].sentence) break;
    }
  }
  return false;
}

/* Word tokens between the marks. */
static uint32_t count_words(const news_token *tok, const q_span *sp) {
  uint32_t w = 0;
  for (uint32_t i = sp->first; i < sp->last && w < 8; i++)
    if (NEWS_TOK_IS(tok[i].kind, NEWS_TOK_RANGE_WORD) || NEWS_TOK_IS(tok[i].kind, NEWS_TOK_RANGE_NUMBER)) w++;
  return w;
}

/* Is there a speech verb (weak ones included) anywhere in the sentence
** of the quotation, within 60 tokens of it? "He called them “cowards”". */
static bool speech_around(const q_ctx *c, const q_span *sp) {
  const news_sentence *s = &c->sent[c->tok[sp->open].sentence];
  uint32_t a = s->tok_begin, b = s->tok_end;
  if (sp->open > a + 60) a = sp->open - 60;
  if (b > sp->last + 60) b = sp->last + 60;
  for (uint32_t i = a; i < b; i++) {
    if (i == sp->first) i = sp->last; /* not the quoted words themselves */
    if (i < b && news_speaker_verb(c, i)) return true;
  }
  return false;
}

/* Is the word w[0..n) exactly lit? */
static bool word_is(const char *w, uint32_t n, const char *lit) {
  return strlen(lit) == n && !memcmp(w, lit, n);
}

/* Are all the words inside capitalised, but for small function words
** ("Pride and Prejudice", "Deep Blue Sea")? At most 12 words. */
static bool title_case(const q_ctx *c, const q_span *sp) {
  uint32_t words = 0;
  for (uint32_t i = sp->first; i < sp->last; i++) {
    const news_token *t = &c->tok[i];
    if (t->kind != NEWS_TOK_WORD) continue;
    if (++words > 12) return false;
    if (t->flags & NEWS_TF_UPPER) continue;
    uint32_t n = t->end - t->start;
    const char *w = (const char *)c->s + t->start;
    if (word_is(w, n, "of") || word_is(w, n, "the") || word_is(w, n, "and") || word_is(w, n, "a") ||
        word_is(w, n, "in") || word_is(w, n, "on") || word_is(w, n, "for") || word_is(w, n, "to"))
      continue;
    return false;
  }
  return words > 0;
}

uint32_t news_quote_tok_at(const q_ctx *c, uint32_t b, uint32_t lo, uint32_t hi) {
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (c->tok[mid].start < b) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/* The sentence of quotation q's verb (which it has). */
static uint32_t verb_sentence(const q_ctx *c, const news_quote *q) {
  uint32_t i = news_quote_tok_at(c, q->verb_start, 0, c->ntok);
  return i < c->ntok ? c->tok[i].sentence : q->sentence;
}

/* ---------------------------------------------------------------- driver */

/* A resolved speaker as users group it: no line break or run of spaces
** (wrapped wire copy breaks "a Senate\nsource"), and a description or
** pronoun opening its sentence in lower case (news_speaker_plain). */
static news_rc speaker_as_grouped(news_doc *d, const char **s, uint32_t *n) {
  if (!*s) return NEWS_OK;
  const char *t = news_arena_squeeze(&d->arena, *s, *n, n);
  if (t) t = news_speaker_plain(d, t, *n);
  if (!t) return NEWS_ERR_NOMEM;
  *s = t;
  return NEWS_OK;
}

news_rc news_quotes_run(news_doc *d, bool attributions) {
  d->quotes.n = 0;
  d->attribs.n = 0;
  q_ctx c;
  memset(&c, 0, sizeof c);
  c.d = d;
  c.cur_open = Q_NONE;
  c.s = (const unsigned char *)d->text;
  news_rc rc = news_doc_tokens(d, &c.tok, &c.ntok);
  if (!rc) rc = news_doc_sentences(d, &c.sent, &c.nsent);
  if (rc) return rc;
  news_vec spans, kept, rep;
  news_vec_init(&spans, sizeof(q_span));
  news_vec_init(&kept, sizeof(const q_span *));
  news_vec_init(&rep, sizeof(news_attribution));
  news_vec_init(&c.names, sizeof(q_name));
  c.attribs = &rep;
  c.model_cues = attributions;
  rc = pair_marks(d, c.tok, c.ntok, &spans);
  /* the entity tagger is most of the cost: for quotations alone, run it
  ** only for a document that holds one */
  bool run = spans.n || attributions;
  if (!rc && run) rc = news_doc_entities(d, &c.ent, &c.nent);
  if (!rc && run) rc = news_speaker_names(&c);
  q_span *sp = spans.data;
  const news_quote *prevq = NULL;
  uint32_t prev = Q_NONE;
  uint32_t from = 0; /* reported statements are looked for from here */
  for (uint32_t i = 0; !rc && i < spans.n; i++) {
    if ((i & 15) == 15 && news_doc_should_stop(d)) {
      rc = NEWS_ERR_INTERRUPTED;
      break;
    }
    if (sp[i].open > from && (rc = news_attrib_reported(&c, from, sp[i].open))) break;
    from = sp[i].close == Q_NONE ? sp[i].last : sp[i].close + 1;
    sp[i].direct = is_direct(&c, &sp[i]);
    news_quote q;
    memset(&q, 0, sizeof q);
    const news_token *a = &c.tok[sp[i].first], *b = &c.tok[sp[i].last - 1];
    q.start = a->start;
    q.end = b->end;
    q.sentence = c.tok[sp[i].open].sentence;
    q.kind = sp[i].direct ? NEWS_QUOTE_DIRECT : NEWS_QUOTE_PARTIAL;
    rc = news_speaker_attribute(&c, &sp[i], prev == Q_NONE ? NULL : &sp[prev],
                                i + 1 < spans.n ? &sp[i + 1] : NULL, &q, prevq);
    if (rc) break;
    /* scare quotes and titles: a short fragment with no speech around it */
    if (!sp[i].direct && !sp[i].attributed && count_words(c.tok, &sp[i]) <= 3 && !speech_around(&c, &sp[i]))
      continue;
    /* a title: a fragment in title case with no speech verb of its own
    ** (a verb in another sentence is not its own: "on Mr. King's show,
    ** ''Politicking.'' Democrats seized upon ..., in which he said ...") */
    if (!sp[i].direct && title_case(&c, &sp[i]) &&
        (q.verb_end == q.verb_start || verb_sentence(&c, &q) != q.sentence))
      continue;
    news_quote *slot = news_doc_vec_push(d, &d->quotes);
    const q_span **ks = news_doc_vec_push(d, &kept);
    if (!slot || !ks) {
      rc = NEWS_ERR_NOMEM;
      break;
    }
    *slot = q;
    *ks = &sp[i];
    prevq = slot;
    prev = i;
  }
  /* the statements after the last quotation, and the rows made of them all,
  ** are for attributions() alone: no quotation's speaker depends on them */
  if (!rc && attributions && from < c.ntok) rc = news_attrib_reported(&c, from, c.ntok);
  if (!rc && attributions) rc = news_attrib_finish(&c, kept.data);
  /* quotes() rows are the quotations in double marks only */
  uint32_t nq = 0, nPoll = 0;
  for (uint32_t i = 0; !rc && i < d->quotes.n; i++) {
    if (news_doc_poll(d, &nPoll)) {
      rc = NEWS_ERR_INTERRUPTED;
      break;
    }
    if (!NEWS_VEC_AT(&kept, const q_span *, i)->twin)
      NEWS_VEC_AT(&d->quotes, news_quote, nq++) = NEWS_VEC_AT(&d->quotes, news_quote, i);
  }
  d->quotes.n = nq;
  for (uint32_t i = 0; !rc && i < d->quotes.n; i++) {
    if (news_doc_poll(d, &nPoll)) {
      rc = NEWS_ERR_INTERRUPTED;
      break;
    }
    news_quote *q = &NEWS_VEC_AT(&d->quotes, news_quote, i);
    rc = speaker_as_grouped(d, &q->speaker, &q->speaker_len);
  }
  for (uint32_t i = 0; !rc && i < d->attribs.n; i++) {
    if (news_doc_poll(d, &nPoll)) {
      rc = NEWS_ERR_INTERRUPTED;
      break;
    }
    news_attribution *a = &NEWS_VEC_AT(&d->attribs, news_attribution, i);
    rc = speaker_as_grouped(d, &a->speaker, &a->speaker_len);
  }
  if (!rc && attributions) d->done |= NEWS_STAGE_ATTRIB;
  news_doc_vec_free(d, &spans);
  news_doc_vec_free(d, &kept);
  news_doc_vec_free(d, &rep);
  news_doc_vec_free(d, &c.names);
  if (rc) {
    d->quotes.n = 0;
    d->attribs.n = 0;
  }
  return rc;
}
