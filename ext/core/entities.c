/*
** entities.c -- named entities: the tagger's labels turned into mentions
** with types, titles and within-article canonical names.
**
** WHAT IT DOES
**   news_entities_run() fills d->entities with one news_entity per mention,
**   in text order:
**     1. tag every token with the compiled-in perceptron (ner_model.c,
**        features in ner_features.c) as O / B-X / I-X;
**     1b. a capitalised title filling a pair of quotation marks ("A
**        Beautiful Lie") is relabelled as one MISC name (quoted_titles);
**     2. turn each B-X I-X* run into a span, trimmed of punctuation and of
**        lower-case words at its end, cut at commas, brackets, quote
**        marks, ticker brackets < > and (unless the text is hard-wrapped or
**        a legal form starts the next line) line breaks, and never
**        containing a possessive 's (the tokenizer splits it off as a
**        clitic token, which ends a span); a month before a day is trimmed
**        off its end, up to three name particles join two parts of a
**        person ("Ursula | von der | Leyen");
**     3. type it: PER -> PERSON, ORG, LOC, and MISC -> NORP when its last
**        word is a demonym or a religious/political group in the gazetteer
**        (Iraqi, Shi'ite Muslims, Republicans), else MISC, and such a word
**        the tagger left out is a one-word NORP mention; naming words
**        settle the type (entity_cues.tsv: "... Band", "University of
**        ...", "the town of ..."), a PERSON right after in/at/near is a
**        LOC and after "the" an ORG, a one-word creed ("Catholicism") is
**        MISC; a PERSON of two words or more ending in a place word (Park,
**        River) becomes LOC, and one made only of ordinary English words
**        (gen/common_words.inc: "Cobra Starship") an ORG; a PERSON before
**        ", which", or a name before a company-only word ("Yukos shares")
**        an ORG; the capitalised place of a dateline ("DUBAI (Reuters)") a
**        LOC; a news agency an ORG;
**     4. an acronym defined in parentheses right after a name ("Islamic
**        Revolutionary Guards Corps (IRGC)") becomes a mention of the same
**        type when the tagger missed it;
**     4b. wire boilerplate is dropped: sign-offs ("REUTER"), bylines,
**        credits ("Reporting by ..."), photo credits, tickers ("<WEN>";
**        mark_boilerplate, wire_credits.tsv); company names split at a
**        possessive, a legal form or "and Co" and a country before an ORG
**        ("U.S. | Senate") are joined (join_possessive_companies);
**     4c. an ORG split at "of" after an organisation word is joined again
**        ("Watson School | of | Biological Sciences"; join_of_names), then
**        ordinary words of title-case headlines are dropped and each name
**        gets one type in the article (harmonise);
**     4d. (while the spans of step 2 are built) a title word inside a
**        name splits it into an organisation or place and a person
**        ("Federal Reserve | Governor Lawrence Lindsey"; inner_title);
**     5. title: capitalised title words straight in front of a PERSON
**        ("Foreign Minister", "Sen.", "Ayatollah"), outside the span;
**     6. canonical: a PERSON mention whose words end a longer PERSON name
**        of the article ("Trump", "Mr. Trump" -> "Donald Trump") gets the
**        longest such name; a mention spelled like a defined acronym gets
**        the expansion; a company's initials, ticker or short form ("GM",
**        "Chrysler") its full name; a news agency its name ("Reuters"); a
**        country any of its names or variants (places.h: "U.S." ->
**        "United States"); anything else keeps its own text.  No canonical
**        holds a line break or two spaces in a row.
**
** INVARIANTS
**   Linear in tokens and mentions: the look-ups of steps 4 and 6 go through
**   open-addressing tables keyed by word hashes.  Canonical strings point
**   into the document text (owned by the document), into the country table
**   (static), or, for names rebuilt without line breaks and for agency
**   names, into the document's arena.
*/
#include "lexicon.h"
#include "ner.h"
#include "places.h"

#include <strings.h>

#include "gen/common_words.inc"

const char *news_entity_type_name(unsigned type) {
  switch (type) {
  case NEWS_ENT_PERSON: return "PERSON";
  case NEWS_ENT_ORG: return "ORG";
  case NEWS_ENT_LOC: return "LOC";
  case NEWS_ENT_NORP: return "NORP";
  case NEWS_ENT_MISC: return "MISC";
  default: return "MISC";
  }
}

#define MAX_NAME_TOKENS 16

/* CoNLL type index (0..3) -> our type. */
static const uint8_t TYPE_OF[NEWS_NER_NTYPES] = {NEWS_ENT_PERSON, NEWS_ENT_ORG, NEWS_ENT_LOC,
                                                  NEWS_ENT_MISC};

static bool is_word(const news_token *t) {
  return NEWS_TOK_IS(t->kind, NEWS_TOK_RANGE_WORD) && t->kind != NEWS_TOK_CLITIC;
}

/* True for tokens a mention never runs across: the possessive clitic, quote
** marks, the punctuation , ; : ( ) [ ] and < > -- the tagger may run a name on
** through them ("Battle of the Bulge (December"), names hardly ever do. */
static bool breaks_span(const news_token *t) {
  if (t->kind == NEWS_TOK_CLITIC || NEWS_TOK_IS(t->kind, NEWS_TOK_RANGE_QUOTE)) return true;
  /* the brackets of a stock ticker: "Loral Corp <LOR>" */
  if (t->kind == NEWS_TOK_SYMBOL) return t->mark == '<' || t->mark == '>';
  if (t->kind != NEWS_TOK_PUNCT) return false;
  switch (t->mark) {
  case ',': case ';': case ':': case '(': case ')': case '[': case ']': return true;
  default: return false;
  }
}

/* True for a word with no capital letter and no digit ("shot", "players"). */
static bool is_lower_word(const news_doc *d, const news_token *t) {
  if (t->flags & NEWS_TF_UPPER) return false;
  for (uint32_t i = t->start; i < t->end; i++) {
    unsigned char c = (unsigned char)d->text[i];
    if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c >= 0x80) return false;
  }
  return true;
}

/* The entity_cues.tsv value of token t (a trailing period dropped, so
** "Inc." is "inc"), or 0. */
/* The value of token t in a word list, in any case and without a final
** period ("Corp." is "corp"). */
static int lex_word(const news_lexicon *lex, const news_doc *d, const news_token *t) {
  uint32_t len = t->end - t->start;
  if (len > 1 && d->text[t->end - 1] == '.') len--;
  return news_lex_find(lex, d->text + t->start, len);
}

/* The value of a naming word in entity_cues.tsv, 0 if none: its type class
** (NEWS_CUE_ORG, _LOC, _MISC: multiples of ten) plus where it stands, a sum
** of these: */
enum {
  CUE_LAST = 1,     /* last word of a name of two or more words */
  CUE_FIRST_OF = 2, /* first word of a name followed by "of" */
  CUE_BEFORE = 4,   /* lower-case word right before the name (or before "of" and it) */
  CUE_AFTER = 8     /* lower-case word right after the name or its 's */
};
static int cue_of(const news_doc *d, const news_token *t) {
  return lex_word(&news_lex_entity_cues, d, t);
}
static int cue_class(int v) { return v - v % 10; }
static bool cue_at(int v, int where) { return (v % 10 & where) != 0; }

/* The entity type of a cue's class. */
static uint8_t cue_entity_type(int v) {
  switch (cue_class(v)) {
  case NEWS_CUE_ORG: return NEWS_ENT_ORG;
  case NEWS_CUE_LOC: return NEWS_ENT_LOC;
  case NEWS_CUE_MISC: return NEWS_ENT_MISC;
  default: return 0;
  }
}

static bool is_text(const news_doc *d, const news_token *t, const char *s, uint32_t n) {
  return t->end - t->start == n && memcmp(d->text + t->start, s, n) == 0;
}

/* The type that a naming word settles for the mention [b, e), or 0
** (entity_cues.tsv): its last word ("Dave Matthews Band" ORG, "Davis Cup"
** MISC), its first word before "of" ("University of Texas"), or the
** lower-case word just before it ("the band Korn", "the town of Ely").
** The tagger, trained on 1996 wire news, has rarely seen such names and
** guesses PERSON or LOC for them.  Constant time per mention. */
static uint8_t cue_type(const news_doc *d, const news_token *tok, uint32_t b, uint32_t e) {
  int v;
  if (e - b >= 2 && (v = cue_of(d, &tok[e - 1])) && cue_at(v, CUE_LAST)) return cue_entity_type(v);
  uint32_t f = b;
  if (e - f >= 4 && (is_text(d, &tok[f], "The", 3) || is_text(d, &tok[f], "the", 3))) f++;
  if (e - f >= 3 && is_text(d, &tok[f + 1], "of", 2) && (v = cue_of(d, &tok[f])) && cue_at(v, CUE_FIRST_OF))
    return cue_entity_type(v);
  if (b == 0) return 0;
  uint32_t p = b - 1;
  bool of = false;
  if (p > 0 && is_text(d, &tok[p], "of", 2)) {
    p--;
    of = true;
  }
  if (tok[p].sentence != tok[b].sentence || !is_lower_word(d, &tok[p])) return 0;
  v = cue_of(d, &tok[p]);
  if (!cue_at(v, CUE_BEFORE) || (of && cue_class(v) != NEWS_CUE_LOC)) return 0;
  return cue_entity_type(v);
}

/* True when a word of tokens [b, e) is a place word (Park, River, Plateau). */
static bool has_lochead(const news_ner_doc *nd, uint32_t b, uint32_t e) {
  for (uint32_t j = b; j < e; j++)
    if (nd->info[j].gaz & NEWS_GAZ_LOCHEAD) return true;
  return false;
}

/* True when tokens [b, e) name a known country or city: one word of the
** gazetteer's countries and places, or words that all belong to place
** names ("Hong Kong"). */
static bool known_place(const news_ner_doc *nd, uint32_t b, uint32_t e) {
  if (e - b == 1) return nd->info[b].gaz & (NEWS_GAZ_COUNTRY | NEWS_GAZ_PLACE);
  for (uint32_t j = b; j < e; j++)
    if (!(nd->info[j].gaz & NEWS_GAZ_PLACEPART)) return false;
  return true;
}

/* True for a one-word name of a creed or doctrine ("Catholicism",
** "Christianity"), which is MISC whatever the tagger said. */
static bool is_doctrine(const news_doc *d, const news_token *t) {
  uint32_t n = t->end - t->start;
  const char *s = d->text + t->start;
  return (n >= 6 && memcmp(s + n - 3, "ism", 3) == 0) ||
         (n >= 9 && memcmp(s + n - 6, "ianity", 6) == 0);
}

/* Appends a mention of tokens [b, e) with type ty. */
static news_rc push(news_doc *d, const news_token *tok, uint32_t b, uint32_t e, uint8_t ty) {
  news_entity *x = news_doc_vec_push(d, &d->entities);
  if (!x) return NEWS_ERR_NOMEM;
  x->start = tok[b].start;
  x->end = tok[e - 1].end;
  x->tok_begin = b;
  x->tok_end = e;
  x->sentence = tok[b].sentence;
  x->type = ty;
  x->title_start = x->title_end = x->start;
  x->canonical = d->text + x->start;
  x->canonical_len = x->end - x->start;
  return NEWS_OK;
}

/* True when token i is "(" followed by one all-caps word and ")", and that
** word's first letter is the first letter of the name [b, e). */
static bool acronym_after(const news_doc *d, const news_token *tok, uint32_t ntok, uint32_t b,
                          uint32_t e) {
  uint32_t i = e;
  if (i + 2 >= ntok || tok[i].mark != '(' || tok[i + 2].mark != ')') return false;
  const news_token *a = &tok[i + 1];
  if (!is_word(a) || !(a->flags & NEWS_TF_ALLCAPS) || a->end - a->start < 2) return false;
  if (e - b < 2) return false;
  return d->text[a->start] == d->text[tok[b].start];
}

/* ------------------------------------------------------ a small hash map */

typedef struct wordmap {
  uint32_t *key; /* word hash (never 0), 0 = empty */
  uint32_t *val; /* entity index */
  uint32_t mask;
} wordmap;

/* A map for n words of document d, zeroed with polls (a huge document's
** maps are tens of megabytes each). */
static news_rc wordmap_init(wordmap *m, const news_doc *d, uint32_t n) {
  const news_mem *mem = d->mem;
  uint32_t s = 16;
  while (s < 2 * n && s < 0x40000000u) s <<= 1;
  m->mask = s - 1;
  m->key = mem->alloc(mem->ctx, (size_t)s * sizeof *m->key);
  m->val = mem->alloc(mem->ctx, (size_t)s * sizeof *m->val);
  if (!m->key || !m->val) return NEWS_ERR_NOMEM;
  return news_doc_zero_polled(d, m->key, (size_t)s * sizeof *m->key) ? NEWS_ERR_INTERRUPTED : NEWS_OK;
}

static void wordmap_free(wordmap *m, const news_mem *mem) {
  mem->free(mem->ctx, m->key);
  mem->free(mem->ctx, m->val);
}

/* The slot for k: holds k, or is empty. */
static uint32_t wordmap_slot(const wordmap *m, uint32_t k) {
  k = k ? k : 1;
  uint32_t h = (k * 0x9e3779b1u) & m->mask;
  while (m->key[h] && m->key[h] != k) h = (h + 1) & m->mask;
  return h;
}

/* True when sentence s reads as a headline: a paragraph of its own of at
** most 64 tokens with no closing . ! ? and at least
** three words of four letters or more, most of them capitalised ("Markets
** Tumble After Surprise Rate Decision").  ALL-CAPS headlines are left to
** the tagger, which learned them from the CoNLL wire copy. */
static bool headline(const news_doc *d, news_ner_doc *nd, uint32_t s) {
  const news_sentence *st = &NEWS_VEC_AT(&d->sentences, news_sentence, s);
  if (st->tok_end == st->tok_begin || st->tok_end - st->tok_begin > 64) return false;
  const news_token *tok = nd->tok;
  /* a paragraph of its own: blank line (or the text's edge) on both sides */
  if (st->tok_begin > 0 && !(tok[st->tok_begin].flags & NEWS_TF_PARA)) return false;
  if (st->tok_end < nd->ntok && !(tok[st->tok_end].flags & NEWS_TF_PARA)) return false;
  uint16_t last = tok[st->tok_end - 1].mark;
  if (tok[st->tok_end - 1].kind == NEWS_TOK_PUNCT && (last == '.' || last == '!' || last == '?'))
    return false;
  uint32_t words = 0, caps = 0;
  for (uint32_t i = st->tok_begin; i < st->tok_end; i++) {
    if (!is_word(&tok[i]) || tok[i].end - tok[i].start < 4) continue;
    words++;
    if (tok[i].flags & NEWS_TF_UPPER) caps++;
  }
  return words >= 3 && caps * 4 >= words * 3;
}

/* Headlines capitalise ordinary words; a mention there whose words are all
** usually written in lower case ("Decision") is dropped.  Runs in
** place over d->entities; the headline test is cached per sentence. */
static bool drop_headline_words(news_doc *d, news_ner_doc *nd, uint8_t *cued) {
  news_entity *ents = d->entities.data;
  uint32_t n = d->entities.n, out = 0, cached = UINT32_MAX, nPoll = 0;
  bool is_head = false;
  for (uint32_t k = 0; k < n; k++) {
    if (news_doc_poll(d, &nPoll)) return true;
    news_entity *x = &ents[k];
    if (x->sentence != cached) cached = x->sentence, is_head = headline(d, nd, x->sentence);
    bool ordinary = is_head;
    for (uint32_t j = x->tok_begin; j < x->tok_end && ordinary; j++)
      ordinary = !is_word(&nd->tok[j]) || CL_CASING(nd->info[j].cluster) == 1;
    if (!ordinary) cued[out] = cued[k], ents[out++] = *x;
  }
  d->entities.n = out;
  return false;
}

/* Mention p's name runs on to the end of mention x, a later one. */
static void run_on(news_entity *p, const news_entity *x) {
  p->end = x->end;
  p->tok_end = x->tok_end;
  p->canonical_len = p->end - p->start;
}

/* A company's legal form after a place in brackets ("Daiwa International
** (Europe) Ltd", "Daewoo Industrial Co (H.K.) Ltd") ends the company's name:
** the tagger reads name, place and "Ltd" as three mentions.  Joined in
** place, the place in brackets with them; true when stopped. */
static bool join_bracketed_forms(news_doc *d, const news_ner_doc *nd, uint8_t *cued) {
  news_entity *ents = d->entities.data;
  const news_token *tok = nd->tok;
  uint32_t n = d->entities.n, out = 0, nPoll = 0;
  for (uint32_t k = 0; k < n; k++) {
    if (news_doc_poll(d, &nPoll)) return true; /* stopped */
    const news_entity *x = &ents[k];
    uint32_t b = x->tok_begin, open = b;
    if (x->tok_end - b == 1 && b >= 3 && tok[b - 1].mark == ')' && lex_word(&news_lex_legal_forms, d, &tok[b])) {
      while (open + 4 > b && open > 0 && tok[open - 1].mark != '(') open--;
      open--; /* the "(" or, when none is near, no join below */
    }
    /* the name before the brackets: the last kept mention, or the one
    ** before the mention inside them */
    uint32_t p = out;
    while (p > 0 && open < b && ents[p - 1].tok_begin > open) p--;
    if (open < b && tok[open].mark == '(' && open + 2 < b && p > 0 && ents[p - 1].type == NEWS_ENT_ORG &&
        ents[p - 1].tok_end == open && tok[open].sentence == tok[b].sentence && out - p <= 1) {
      run_on(&ents[p - 1], x);
      out = p;
      continue;
    }
    cued[out] = cued[k];
    ents[out++] = *x;
  }
  d->entities.n = out;
  return false;
}

/* Step 4c: an organisation name the tagger split at "of" ("Watson School |
** of | Biological Sciences", "Carnegie Institution | of | Washington") is
** one name when its first part ends in an organisation word (entity_cues.tsv
** last word, or the gazetteer's Bank, Party, Institution...): in CoNLL-2003
** train, 34 organisation names run on over "of" after such a word and 4
** stop before it, all of them after a legal form ("Bestop Inc of
** Boulder"), which is left out.  Merges neighbours in place. */
static bool join_of_names(news_doc *d, const news_ner_doc *nd, uint8_t *cued) {
  news_entity *ents = d->entities.data;
  const news_token *tok = nd->tok;
  uint32_t n = d->entities.n, out = 0, nPoll = 0;
  for (uint32_t k = 0; k < n; k++) {
    if (news_doc_poll(d, &nPoll)) return true; /* stopped */
    const news_entity *x = &ents[k];
    if (out > 0) {
      news_entity *p = &ents[out - 1];
      uint32_t last = p->tok_end - 1;
      int v = cue_of(d, &tok[last]);
      if (p->type == NEWS_ENT_ORG && p->tok_end + 1 == x->tok_begin && p->sentence == x->sentence &&
          x->type != NEWS_ENT_NORP && is_text(d, &tok[p->tok_end], "of", 2) &&
          !lex_word(&news_lex_legal_forms, d, &tok[last]) &&
          ((cue_class(v) == NEWS_CUE_ORG && cue_at(v, CUE_LAST)) || (nd->info[last].gaz & NEWS_GAZ_ORGWORD))) {
        run_on(p, x);
        cued[out - 1] |= cued[k];
        continue;
      }
    }
    cued[out] = cued[k];
    ents[out++] = *x;
  }
  d->entities.n = out;
  return false;
}

/* Hash of a mention's words (folded), for "the same name". */
static uint32_t mention_key(const news_ner_doc *nd, const news_entity *x) {
  uint32_t h = NEWS_NER_HASH0;
  for (uint32_t j = x->tok_begin; j < x->tok_end; j++)
    h = news_ner_hash(h, &nd->info[j].word, sizeof nd->info[j].word);
  return h ? h : 1;
}

/* One type per name and article.  A one-word mention that ends a longer
** PERSON name of the article ("Woods" after "Tiger Woods") is a PERSON; then
** every mention takes the type most of its identical mentions got (ties
** keep their own; a mention typed by entity_cues.tsv counts four times).  The tagger decides each mention with little context, so
** this pools the evidence of the whole article. */
static news_rc harmonise(news_doc *d, const news_ner_doc *nd, const uint8_t *cued) {
  news_entity *ents = d->entities.data;
  uint32_t n = d->entities.n;
  if (n < 2) return NEWS_OK;
  const news_mem *m = d->mem;
  wordmap surname = {0}, same = {0};
  uint32_t nPoll = 0;
  uint16_t *votes = m->alloc(m->ctx, (size_t)n * 6 * sizeof *votes);
  news_rc rc = votes ? NEWS_OK : NEWS_ERR_NOMEM;
  if (!rc) rc = wordmap_init(&surname, d, n);
  if (!rc) rc = wordmap_init(&same, d, n);
  if (rc) goto out;
  for (uint32_t k = 0; k < n; k++) {
    if (news_doc_poll(d, &nPoll)) {
      rc = NEWS_ERR_INTERRUPTED;
      goto out;
    }
    const news_entity *x = &ents[k];
    if (x->type != NEWS_ENT_PERSON || x->tok_end - x->tok_begin < 2) continue;
    uint32_t w = nd->info[x->tok_end - 1].word, h = wordmap_slot(&surname, w);
    surname.key[h] = w ? w : 1;
    surname.val[h] = k;
  }
  for (uint32_t k = 0; k < n; k++) {
    if (news_doc_poll(d, &nPoll)) {
      rc = NEWS_ERR_INTERRUPTED;
      goto out;
    }
    news_entity *x = &ents[k];
    if (x->tok_end - x->tok_begin == 1 && x->type != NEWS_ENT_PERSON &&
        surname.key[wordmap_slot(&surname, nd->info[x->tok_begin].word)])
      x->type = NEWS_ENT_PERSON;
  }
  uint32_t nkeys = 0;
  for (uint32_t k = 0; k < n; k++) {
    if (news_doc_poll(d, &nPoll)) {
      rc = NEWS_ERR_INTERRUPTED;
      goto out;
    }
    uint32_t key = mention_key(nd, &ents[k]), h = wordmap_slot(&same, key);
    if (!same.key[h]) {
      same.key[h] = key;
      same.val[h] = nkeys;
      memset(votes + (size_t)nkeys * 6, 0, 6 * sizeof *votes);
      nkeys++;
    }
    uint16_t *v = votes + (size_t)same.val[h] * 6;
    /* a mention typed by a naming word ("the band Korn") outweighs the
    ** tagger's guesses for the same name elsewhere */
    unsigned w = cued[k] ? 64 : 1;
    if (v[ents[k].type] <= UINT16_MAX - w) v[ents[k].type] = (uint16_t)(v[ents[k].type] + w);
  }
  for (uint32_t k = 0; k < n; k++) {
    if (news_doc_poll(d, &nPoll)) {
      rc = NEWS_ERR_INTERRUPTED;
      goto out;
    }
    news_entity *x = &ents[k];
    const uint16_t *v = votes + (size_t)same.val[wordmap_slot(&same, mention_key(nd, x))] * 6;
    unsigned best = x->type;
    for (unsigned t = NEWS_ENT_PERSON; t <= NEWS_ENT_MISC; t++)
      if (v[t] > v[best]) best = t;
    x->type = (uint8_t)best;
  }
out:
  wordmap_free(&surname, m);
  wordmap_free(&same, m);
  m->free(m->ctx, votes);
  return rc;
}

/* One-word names whose type never changes (name_types.tsv): a holiday
** ("Christmas") is no name and goes, an award ("Oscar") is a MISC -- unless
** a person of the article bears the word in a longer name ("Taha Yassin
** Ramadan ... Ramadan", "Oscar Wilde ... Oscar").  In place, after
** harmonise, so one type per name still holds. */
static news_rc fixed_types(news_doc *d, const news_ner_doc *nd, uint8_t *cued) {
  news_entity *ents = d->entities.data;
  uint32_t n = d->entities.n, out = 0, words = 0, nPoll = 0;
  bool any = false;
  for (uint32_t k = 0; k < n; k++) {
    if (news_doc_poll(d, &nPoll)) return NEWS_ERR_INTERRUPTED;
    uint32_t len = ents[k].tok_end - ents[k].tok_begin;
    if (ents[k].type == NEWS_ENT_PERSON && len > 1) words += len;
    any = any || (len == 1 && lex_word(&news_lex_name_types, d, &nd->tok[ents[k].tok_begin]) != 0);
  }
  if (!any) return NEWS_OK;
  wordmap named = {0}; /* the words of the article's longer PERSON names */
  news_rc rc = wordmap_init(&named, d, words);
  for (uint32_t k = 0; k < n && !rc; k++) {
    if (news_doc_poll(d, &nPoll)) rc = NEWS_ERR_INTERRUPTED;
    if (ents[k].type == NEWS_ENT_PERSON && ents[k].tok_end - ents[k].tok_begin > 1)
      for (uint32_t j = ents[k].tok_begin; j < ents[k].tok_end; j++) {
        uint32_t w = nd->info[j].word ? nd->info[j].word : 1;
        named.key[wordmap_slot(&named, w)] = w;
      }
  }
  for (uint32_t k = 0; k < n && !rc; k++) {
    if (news_doc_poll(d, &nPoll)) {
      rc = NEWS_ERR_INTERRUPTED;
      break;
    }
    news_entity *x = &ents[k];
    int v = x->tok_end - x->tok_begin == 1 ? lex_word(&news_lex_name_types, d, &nd->tok[x->tok_begin]) : 0;
    if (v && !named.key[wordmap_slot(&named, nd->info[x->tok_begin].word)]) {
      if (v == NEWS_NAME_NONE) continue;
      x->type = NEWS_ENT_MISC;
    }
    cued[out] = cued[k];
    ents[out++] = *x;
  }
  if (!rc) d->entities.n = out;
  wordmap_free(&named, d->mem);
  return rc;
}

/* ------------------------------------------------- wire-copy boilerplate */

/* The index of the ">" closing a stock ticker that opens at token i
** ("<WEN>", "<GM.N>": "<", an all-caps word, at most one ".X" part, ">",
** with no space inside), or 0. */
static uint32_t ticker_end(const news_token *tok, uint32_t ntok, uint32_t i) {
  if (tok[i].kind != NEWS_TOK_SYMBOL || tok[i].mark != '<' || i + 2 >= ntok) return 0;
  if (!is_word(&tok[i + 1]) || !(tok[i + 1].flags & NEWS_TF_ALLCAPS)) return 0;
  uint32_t j = i + 2;
  if (j + 2 < ntok && tok[j].mark == '.' && is_word(&tok[j + 1])) j += 2;
  if (tok[j].kind != NEWS_TOK_SYMBOL || tok[j].mark != '>') return 0;
  for (uint32_t k = i + 1; k <= j; k++)
    if (tok[k].flags & (NEWS_TF_SPACE | NEWS_TF_NEWLINE)) return 0;
  return j;
}

/* The wire_credits.tsv class of token t (an old agency name counts as an
** agency), 0 for none. */
static int wire_word(const news_doc *d, const news_token *t) {
  int w = is_word(t) ? lex_word(&news_lex_wire_credits, d, t) : 0;
  return w == NEWS_WIRE_OLD_AGENCY ? NEWS_WIRE_AGENCY : w;
}

/* The canonical name of a news agency mention (wire_credits.tsv, class 1 or
** 3): "AP", "AFP"; "Reuters" for REUTER, Reuter and REUTERS.  Built in the
** document's arena; NULL when the mention is no agency or memory ran out. */
static const char *agency_name(news_doc *d, const news_token *t, uint32_t *len) {
  int w = is_word(t) ? lex_word(&news_lex_wire_credits, d, t) : 0;
  uint32_t n = t->end - t->start;
  if ((w != NEWS_WIRE_AGENCY && w != NEWS_WIRE_OLD_AGENCY) || n > 30) return NULL;
  char buf[32];
  for (uint32_t i = 0; i < n; i++) {
    char c = d->text[t->start + i];
    buf[i] = (char)(n <= 4 || i == 0 ? (c >= 'a' && c <= 'z' ? c - 32 : c)
                                     : (c >= 'A' && c <= 'Z' ? c + 32 : c));
  }
  if (w == 3) buf[n++] = 's';
  *len = n;
  return news_arena_strdup(&d->arena, buf, n);
}

/* True when tokens i and j (i < j) lie on one line. */
static bool same_line(const news_token *tok, uint32_t i, uint32_t j) {
  for (uint32_t k = i + 1; k <= j; k++)
    if (tok[k].flags & NEWS_TF_NEWLINE) return false;
  return true;
}

/* Marks the end of a credit that runs on from token i: the closing bracket,
** else the end of the line (in text that is not hard-wrapped) or of the
** sentence, at most 40 tokens on.  Returns the first token after it. */
static uint32_t credit_end(const news_ner_doc *nd, uint32_t i) {
  const news_token *tok = nd->tok;
  uint32_t k = i;
  while (k < nd->ntok && k < i + 40 && tok[k].sentence == tok[i].sentence &&
         tok[k].mark != ')' && tok[k].mark != ']' &&
         !(k > i && !nd->wrapped && (tok[k].flags & NEWS_TF_NEWLINE)))
    k++;
  return k;
}

/* Sets bp[i] for the tokens of wire-copy boilerplate, whose names are no
** mentions of the article (ext/data/wire_credits.tsv):
**   - a sign-off: a line holding only agency words, marks and one-letter
**     codes ("REUTER", "REUTER^M" at the end of old Reuters copy), or such
**     words after the last sentence of the text;
**   - a photo credit: an agency word before "/" ("REUTERS/Kevin Lamarque",
**     "AP Photo/Evan Vucci") and what follows on its line, or before a
**     credit word in brackets ("(AP Photo)");
**   - a credit: a capitalised credit word (or one after "additional")
**     followed by "by", the capitalised words right before it, and what
**     follows up to the closing bracket or the end of the line or sentence
**     ("(Reporting by A; Editing by B)", "U.S. Army Photo by Sgt. C");
**   - a byline: "By" at the start of a line and the capitalised words
**     after it, when they end the line or run into a dateline ("By Ann
**     Smith", "By Ann Smith Dec 7 (Reuters)");
**   - a stock ticker in angle brackets ("<WEN>");
**   - a caption's marker ("Slideshow").
** One pass; each token is marked at most a bounded number of times. */
static bool mark_boilerplate(const news_doc *d, const news_ner_doc *nd, uint8_t *bp) {
  const news_token *tok = nd->tok;
  uint32_t n = nd->ntok, nPoll = 0;
  /* the first letters and longest word of the list, to look up few words */
  uint32_t first = 0, longest = 0;
  for (uint32_t k = 0; k < news_lex_wire_credits.n; k++) {
    const news_lex_entry *x = &news_lex_wire_credits.entries[k];
    if (x->key[0] >= 'a' && x->key[0] <= 'z') first |= 1u << (x->key[0] - 'a');
    if (x->len > longest) longest = x->len;
  }
  for (uint32_t i = 0; i < n; i++) {
    if (news_doc_poll(d, &nPoll)) return true; /* stopped */
    const news_token *t = &tok[i];
    uint32_t j = ticker_end(tok, n, i);
    if (j) {
      memset(bp + i, 1, j - i + 1);
      i = j;
      continue;
    }
    if (is_text(d, t, "By", 2) && (i == 0 || (t->flags & NEWS_TF_NEWLINE))) {
      uint32_t k = i + 1;
      while (k < n && !(tok[k].flags & NEWS_TF_NEWLINE) &&
             ((is_word(&tok[k]) && (tok[k].flags & NEWS_TF_UPPER)) ||
              is_text(d, &tok[k], "and", 3) || tok[k].mark == ','))
        k++;
      if (k > i + 1 && (k == n || (tok[k].flags & NEWS_TF_NEWLINE) || tok[k].mark == '(' ||
                        NEWS_TOK_IS(tok[k].kind, NEWS_TOK_RANGE_NUMBER))) {
        memset(bp + i, 1, k - i);
        i = k - 1;
        continue;
      }
    }
    /* every word of the list is capitalised here, but a credit word
    ** after "additional" */
    unsigned c0 = (unsigned char)d->text[t->start] | 0x20u;
    if (!is_word(t) || t->end - t->start > longest + 1 || c0 < 'a' || c0 > 'z' ||
        !(first >> (c0 - 'a') & 1u) ||
        (!(t->flags & NEWS_TF_UPPER) && !(i > 0 && is_text(d, &tok[i - 1], "additional", 10))))
      continue;
    int w = wire_word(d, t);
    if (w == NEWS_WIRE_MARKER) {
      bp[i] = 1;
      continue;
    }
    bool bol = i == 0 || (t->flags & NEWS_TF_NEWLINE);
    if (w == 1 && (bol || (t->flags & NEWS_TF_ALLCAPS) || tok[i - 1].kind == NEWS_TOK_QUOTE_CLOSE ||
                   tok[i - 1].mark == '.' || tok[i - 1].mark == '!' || tok[i - 1].mark == '?')) {
      /* a sign-off: alone on its line, or after the last sentence of the
      ** text (or in capitals at its end); marks and one-letter codes may
      ** follow ("REUTER^M") */
      uint32_t k = i + 1;
      while (k < n && !(tok[k].flags & NEWS_TF_NEWLINE) &&
             (is_word(&tok[k]) ? wire_word(d, &tok[k]) == NEWS_WIRE_AGENCY || tok[k].end - tok[k].start == 1
                               : !NEWS_TOK_IS(tok[k].kind, NEWS_TOK_RANGE_NUMBER)))
        k++;
      if (k == n || (bol && (tok[k].flags & NEWS_TF_NEWLINE))) {
        memset(bp + i, 1, k - i);
        i = k - 1;
        continue;
      }
    }
    if (w == 1 && i + 2 < n) {
      /* a photo credit: AGENCY/Name, AGENCY Photo/Name, (AGENCY Photo) */
      uint32_t k = i + 1;
      bool credit = wire_word(d, &tok[k]) == NEWS_WIRE_CREDIT;
      if (credit && !(tok[k + 1].flags & NEWS_TF_SPACE)) k++;
      if (tok[k].mark == '/' && !(tok[k].flags & NEWS_TF_SPACE)) {
        uint32_t e = credit_end(nd, k);
        memset(bp + i, 1, e - i);
        i = e - 1;
        continue;
      }
      if (credit && i > 0 && tok[i - 1].mark == '(' && tok[i + 2].mark == ')') {
        bp[i] = bp[i + 1] = 1;
        i++;
        continue;
      }
    }
    if (w == 2 && i + 1 < n && is_text(d, &tok[i + 1], "by", 2) &&
        ((t->flags & NEWS_TF_UPPER) ||
         (i > 0 && (is_text(d, &tok[i - 1], "additional", 10) ||
                    is_text(d, &tok[i - 1], "Additional", 10))))) {
      uint32_t b = i;
      while (b > 0 && is_word(&tok[b - 1]) && (tok[b - 1].flags & NEWS_TF_UPPER) &&
             tok[b - 1].sentence == t->sentence && same_line(tok, b - 1, i))
        b--;
      uint32_t e = credit_end(nd, i);
      memset(bp + b, 1, e - b);
      i = e - 1;
      continue;
    }
  }
  return false;
}

/* Drops the mentions that touch a token marked by mark_boilerplate, and
** types ORG a name right in front of a ticker ("Loral Corp <LOR>").  In
** place over d->entities. */
static bool drop_boilerplate(news_doc *d, const news_ner_doc *nd, const uint8_t *bp,
                             uint8_t *cued) {
  news_entity *ents = d->entities.data;
  uint32_t n = d->entities.n, out = 0, nPoll = 0;
  for (uint32_t k = 0; k < n; k++) {
    if (news_doc_poll(d, &nPoll)) return true; /* stopped */
    news_entity *x = &ents[k];
    bool drop = false;
    for (uint32_t j = x->tok_begin; j < x->tok_end && !drop; j++) drop = bp[j];
    if (drop) continue;
    if (x->tok_end < nd->ntok && ticker_end(nd->tok, nd->ntok, x->tok_end)) {
      x->type = NEWS_ENT_ORG;
      cued[k] = 1;
    }
    cued[out] = cued[k];
    ents[out++] = *x;
  }
  d->entities.n = out;
  return false;
}

/* True when a word of tokens [b, e) is usually written in lower case in
** the news (its word cluster says so). */
static bool usually_lower(const news_ner_doc *nd, uint32_t b, uint32_t e) {
  for (uint32_t j = b; j < e; j++)
    if (CL_CASING(nd->info[j].cluster) == 1) return true;
  return false;
}

/* A company name the tagger split at a possessive ("Wendy | 's |
** International Inc", "Heck | 's | Inc") is one ORG when the part after
** the 's ends in a legal form or stands before a ticker; so is a name and
** a legal form straight after it, which the tagger starts anew on the next
** line of hard-wrapped copy ("Chrysler | Corp") or after "and" ("Charles
** Schwab | and | Co").  Merges neighbours in
** place. */
static bool join_possessive_companies(news_doc *d, const news_ner_doc *nd, uint8_t *cued) {
  news_entity *ents = d->entities.data;
  const news_token *tok = nd->tok;
  uint32_t n = d->entities.n, out = 0, nPoll = 0;
  for (uint32_t k = 0; k < n; k++) {
    if (news_doc_poll(d, &nPoll)) return true; /* stopped */
    const news_entity *x = &ents[k];
    if (out > 0) {
      news_entity *p = &ents[out - 1];
      bool possessive = p->tok_end + 1 == x->tok_begin && tok[p->tok_end].kind == NEWS_TOK_CLITIC &&
                        x->type == NEWS_ENT_ORG &&
                        (lex_word(&news_lex_legal_forms, d, &tok[x->tok_end - 1]) ||
                         (x->tok_end < nd->ntok && ticker_end(tok, nd->ntok, x->tok_end)));
      /* "Chrysler | Corp", "Charles Schwab | and | Co" */
      bool form = x->tok_end - x->tok_begin == 1 &&
                  (p->tok_end == x->tok_begin ||
                   (p->tok_end + 1 == x->tok_begin && (is_text(d, &tok[p->tok_end], "and", 3) ||
                                                       tok[p->tok_end].mark == '&'))) &&
                  lex_word(&news_lex_legal_forms, d, &tok[x->tok_begin]);
      /* "U.S. | Senate", "U.S. | Central Command": a country name right in
      ** front of an organisation is part of its name, unless that is a
      ** common noun that old copy capitalised ("U.S. | Currency") */
      bool country = p->type == NEWS_ENT_LOC && x->type == NEWS_ENT_ORG &&
                     p->tok_end == x->tok_begin && p->tok_end - p->tok_begin == 1 &&
                     (nd->info[p->tok_begin].gaz & NEWS_GAZ_COUNTRY) &&
                     !(tok[x->tok_begin].flags & NEWS_TF_NEWLINE) &&
                     !usually_lower(nd, x->tok_begin, x->tok_end);
      if (p->type != NEWS_ENT_NORP && (possessive || form || country)) {
        run_on(p, x);
        p->type = NEWS_ENT_ORG;
        cued[out - 1] = 1;
        continue;
      }
    }
    cued[out] = cued[k];
    ents[out++] = *x;
  }
  d->entities.n = out;
  return false;
}

/* ------------------------------------------------------------ the stage */

/* Is token k a title word (Mr., Minister, Councilwoman) / a title modifier
** (Foreign, Prime, Police)?  The tagger's gazetteer bits, plus the titles
** of ext/data/person_titles.tsv that are no model feature. */
static int title_class(const news_doc *d, const news_token *tok, const news_ner_doc *nd, uint32_t k) {
  if (nd->info[k].gaz & NEWS_GAZ_TITLE) return NEWS_PTITLE_TITLE;
  int c = is_word(&tok[k]) ? news_lex_find(&news_lex_person_titles, d->text + tok[k].start,
                                           tok[k].end - tok[k].start) : 0;
  if (c) return c;
  return (nd->info[k].gaz & NEWS_GAZ_TITLEMOD) ? NEWS_PTITLE_MODIFIER : 0;
}

/* The start of a title inside the name [b, e) that splits it into an
** organisation or place and a person ("Federal Reserve | Governor Lawrence
** Lindsey", "Supreme Court | Justice Clarence Thomas"), or 0: a title word
** after the first token (with the modifiers right before it), no title word
** before it, a capitalised word right before it, and at least two
** capitalised words after the title. */
static uint32_t inner_title(const news_doc *d, const news_token *tok, const news_ner_doc *nd,
                            uint32_t b, uint32_t e) {
  if (e - b < 4) return 0;
  for (uint32_t j = b + 1; j + 2 < e; j++) {
    if (title_class(d, tok, nd, j) != NEWS_PTITLE_TITLE) continue;
    uint32_t t0 = j, k = j + 1;
    while (t0 > b + 1 && title_class(d, tok, nd, t0 - 1) == NEWS_PTITLE_MODIFIER) t0--;
    while (k < e && title_class(d, tok, nd, k)) k++;
    /* not after "of" ("Athletics of Major League Baseball") */
    if (e - k < 2 || !(nd->info[t0 - 1].caps & CAP_UPPER)) return 0;
    for (uint32_t i = k; i < e; i++)
      if (!is_word(&tok[i]) || !(nd->info[i].caps & CAP_UPPER)) return 0;
    return t0;
  }
  return 0;
}

/* Marks the title in front of PERSON mention x: title words (Mr., Minister,
** Ayatollah) possibly preceded by modifiers (Foreign, Prime, Deputy). */
static void find_title(const news_doc *d, news_entity *x, const news_token *tok, const news_ner_doc *nd,
                       uint32_t sent_begin) {
  uint32_t j = x->tok_begin, first = j;
  bool head = false;
  while (j > sent_begin) {
    const news_token *t = &tok[j - 1];
    if (!is_word(t) || !(t->flags & NEWS_TF_UPPER)) break;
    int c = title_class(d, tok, nd, j - 1);
    if (!head && c != NEWS_PTITLE_TITLE) break;
    if (head && !c) break;
    head = true;
    first = --j;
  }
  if (head) {
    x->title_start = tok[first].start;
    x->title_end = tok[x->tok_begin - 1].end;
  }
}

/* FNV-1a of the lower-case ASCII letters of s[0..n), or 0 when there are
** fewer than two or more than eight of them or another character. */
static uint32_t letters_hash(const char *s, uint32_t n) {
  uint32_t h = 2166136261u, k = 0;
  for (uint32_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
    if (c < 'a' || c > 'z') return 0;
    h = (h ^ c) * 16777619u;
    k++;
  }
  return k >= 2 && k <= 8 ? (h ? h : 1) : 0;
}

/* The letters_hash of an all-caps word ("GM"), 0 for one with other
** characters ("U.S.", "G-7"). */
static uint32_t word_letters_hash(const news_doc *d, const news_token *t) {
  return letters_hash(d->text + t->start, t->end - t->start);
}

/* The letters_hash of the initials of an organisation's capitalised words,
** leaving out its legal form ("American Telephone and Telegraph Co": ATT,
** "General Motors Corp": GM), or 0. */
static uint32_t initials_hash(const news_doc *d, const news_token *tok, const news_entity *x) {
  char buf[9];
  uint32_t k = 0;
  for (uint32_t j = x->tok_begin; j < x->tok_end; j++) {
    const news_token *t = &tok[j];
    if (!is_word(t) || !(t->flags & NEWS_TF_UPPER)) continue;
    if (j + 1 == x->tok_end && j > x->tok_begin && lex_word(&news_lex_legal_forms, d, t)) continue;
    if (k == 8) return 0;
    buf[k++] = d->text[t->start];
  }
  return letters_hash(buf, k);
}

/* True when the folded word whose FNV-1a hash is h is probably an ordinary
** English word of WordNet 3.0 and no given name (gen/common_words.inc, a
** Bloom filter of 2^19 bits: about 1% of other words test true as well;
** it leaves out the words of the news clusters, see ordinary_words). */
static bool common_word(uint32_t h) {
  for (uint32_t i = 0; i < COMMON_K; i++) {
    h = h * 0x9e3779b1u + 0x7f4a7c15u; /* next probe: the top 19 bits */
    uint32_t bit = h >> 13;
    if (!(common_bloom[bit >> 5] >> (bit & 31) & 1u)) return false;
  }
  return true;
}

/* True when mention x is a short form of the organisation full of the same
** article, which starts with x's words: what follows them there is only a
** legal form or organisation word ("General Motors" of "General Motors
** Corp"), or x is one distinctive word ("Chrysler" of "Chrysler Corp",
** "Wendy" of "Wendy's International Inc"): not an ordinary word, a place,
** a demonym, a title or the surname of a person of the article. */
static bool short_form(const news_doc *d, const news_ner_doc *nd, const wordmap *names,
                       const news_entity *ents, const news_entity *x, const news_entity *full) {
  uint32_t len = x->tok_end - x->tok_begin, flen = full->tok_end - full->tok_begin;
  if (x == full || flen <= len) return false;
  for (uint32_t j = 0; j < len; j++)
    if (nd->info[x->tok_begin + j].word != nd->info[full->tok_begin + j].word) return false;
  bool rest_forms = true;
  for (uint32_t j = full->tok_begin + len; j < full->tok_end && rest_forms; j++)
    rest_forms = lex_word(&news_lex_legal_forms, d, &nd->tok[j]) ||
                 (nd->info[j].gaz & NEWS_GAZ_ORGWORD);
  if (rest_forms) return true;
  if (len != 1) return false;
  const news_ner_tok *w = &nd->info[x->tok_begin];
  if (CL_CASING(w->cluster) == 1 || (!w->cluster && common_word(w->word)) ||
      (w->gaz & (NEWS_GAZ_COUNTRY | NEWS_GAZ_PLACE | NEWS_GAZ_DEMONYM | NEWS_GAZ_TITLE)))
    return false;
  uint32_t h = wordmap_slot(names, w->word);
  if (names->key[h] && ents[names->val[h]].tok_end - ents[names->val[h]].tok_begin > 1) return false;
  return true;
}

/* True when mention x is written in capitals: no lower-case letter and at
** least two capitals ("REAGAN", "BANK OF JAPAN"; not "F.", not "GÜLER",
** which is left alone). */
static bool shouted(const news_doc *d, const news_entity *x) {
  uint32_t caps = 0;
  for (uint32_t i = x->start; i < x->end; i++) {
    unsigned char c = (unsigned char)d->text[i];
    if ((c >= 'a' && c <= 'z') || c >= 0x80) return false;
    caps += c >= 'A' && c <= 'Z';
  }
  return caps >= 2;
}

/* True when mention x stands where everything is written in capitals: a
** capitals headline, or a dateline ("TOKYO, March 3 -"). */
static bool in_capitals(const news_ner_doc *nd, const news_entity *x) {
  const news_token *tok = nd->tok;
  uint32_t b = x->tok_begin, e = x->tok_end;
  if (nd->info[b].caps & CAP_HEADLINE) return true;
  return (b == 0 || (tok[b].flags & NEWS_TF_NEWLINE)) && e < nd->ntok &&
         (tok[e].mark == ',' || tok[e].mark == '(');
}

/* Is s[0..n) a particle of names ("van", "de", "bin", "y"), in lower case
** or, with any_case, in capitals too ("DE")? */
static bool particle(const char *s, uint32_t n, bool any_case) {
  static const char W[][6] = {"von", "van", "de", "da", "di", "du", "del", "della", "der",
                               "den", "la", "le", "bin", "ibn", "ben", "y", "dos", "das",
                               "do", "ter", "ten", "zu", "af"};
  if (n > 5) return false;
  for (size_t k = 0; k < sizeof W / sizeof *W; k++) {
    if (W[k][n]) continue;
    uint32_t i = 0;
    while (i < n && (s[i] == W[k][i] || (any_case && (s[i] | 0x20) == W[k][i]))) i++;
    if (i == n) return true;
  }
  return false;
}

/* Is w[0..n) a letter or initials ("F", "F.", "U.S.": no two letters in a
** row)? */
static bool initials(const char *w, uint32_t n) {
  for (uint32_t i = 1; i < n; i++)
    if (w[i] != '.' && w[i - 1] != '.') return false;
  return true;
}

/* Gives a shouted person, place or people the usual spelling of its words when the
** news word clusters know each one and call at least one usually
** capitalised: a word keeps only its first capital and those after a
** hyphen ("NEW YORK", "JEAN-PIERRE"), but "of", "and" and name particles
** inside the name lose them all, and initials ("F.", "U.S.") and other short
** words the clusters do not call capitalised ("JP") keep them.  A word the
** clusters do not know (an acronym such as "USSR") leaves the mention as
** written, and so do organisations, whose capitals are more often an acronym
** ("OPEC", which the BBC writes "Opec"), except well-known companies
** ("FREDDIE MAC"). */
static news_rc usual_spelling(news_doc *d, const news_ner_doc *nd, news_entity *x) {
  const news_token *tok = nd->tok;
  uint32_t b = x->tok_begin, e = x->tok_end;
  if (x->type != NEWS_ENT_PERSON && x->type != NEWS_ENT_LOC && x->type != NEWS_ENT_NORP &&
      !(x->type == NEWS_ENT_ORG && news_lex_company(x->canonical, x->canonical_len)))
    return NEWS_OK;
  bool capitalised = false;
  for (uint32_t j = b; j < e; j++) {
    if (!is_word(&tok[j])) continue;
    int casing = CL_CASING(nd->info[j].cluster);
    if (!casing) return NEWS_OK;
    capitalised |= casing == 3;
  }
  /* (a built string must be valid UTF-8; the text may not be) */
  if (!capitalised || !news_utf8_valid(d->text + x->start, x->end - x->start)) return NEWS_OK;
  char *out = news_arena_strdup(&d->arena, d->text + x->start, x->end - x->start);
  if (!out) return NEWS_ERR_NOMEM;
  for (uint32_t j = b; j < e; j++) {
    const char *w = d->text + tok[j].start;
    uint32_t n = tok[j].end - tok[j].start, from = 1;
    if (!is_word(&tok[j]) || initials(w, n)) continue;
    if (CL_CASING(nd->info[j].cluster) != 3) {
      if (j > b && (particle(w, n, true) || (n == 2 && !strncasecmp(w, "of", 2)) ||
                    (n == 3 && !strncasecmp(w, "and", 3))))
        from = 0;
      else if (n <= 2)
        continue;
    }
    for (uint32_t i = tok[j].start + from; i < tok[j].end; i++) {
      char *c = &out[i - x->start];
      if (*c >= 'A' && *c <= 'Z' && !(i > x->start && c[-1] == '-')) *c = (char)(*c + 32);
    }
  }
  x->canonical = out;
  x->canonical_len = x->end - x->start;
  return NEWS_OK;
}

/* Gives x a canonical name without line breaks, tabs or runs of spaces. */
static news_rc squeeze_spaces(news_doc *d, news_entity *x) {
  const char *s = news_arena_squeeze(&d->arena, x->canonical, x->canonical_len, &x->canonical_len);
  if (!s) return NEWS_ERR_NOMEM;
  x->canonical = s;
  return NEWS_OK;
}

#define NO_HEAD UINT32_MAX /* heads: a word that heads two organisations */

/* Steps 5 and 6 over the mentions already in d->entities (in text order,
** on token boundaries): titles in front of PERSON mentions, then canonical
** names.  Deterministic; the unit tests call it on hand-made mentions. */
news_rc news_entities_resolve(news_doc *d, news_ner_doc *nd) {
  /* two word maps: names: last word of a PERSON name -> its longest
  ** mention; acro: acronym word -> the name it was defined for */
  const news_token *tok = d->tokens.data;
  uint32_t ntok = d->tokens.n;
  const news_mem *m = d->mem;
  news_entity *ents = d->entities.data;
  uint32_t n = d->entities.n;
  wordmap names = {0}, acro = {0}, inits = {0}, first = {0}, cased = {0}, heads = {0};
  uint32_t nPoll = 0;
  news_rc rc = wordmap_init(&names, d, n);
  if (!rc) rc = wordmap_init(&acro, d, n);
  if (!rc) rc = wordmap_init(&inits, d, n);
  if (!rc) rc = wordmap_init(&first, d, n);
  if (!rc) rc = wordmap_init(&cased, d, n);
  if (!rc) rc = wordmap_init(&heads, d, n);
  if (rc) goto out;
  for (uint32_t k = 0; k < n; k++) {
    if (news_doc_poll(d, &nPoll)) {
      rc = NEWS_ERR_INTERRUPTED;
      goto out;
    }
    news_entity *x = &ents[k];
    if (x->type == NEWS_ENT_PERSON) {
      find_title(d, x, tok, nd, d->sentences.n ? NEWS_VEC_AT(&d->sentences, news_sentence,
                                                           x->sentence).tok_begin : 0);
      uint32_t h = wordmap_slot(&names, nd->info[x->tok_end - 1].word);
      const news_entity *was = names.key[h] ? &ents[names.val[h]] : NULL;
      uint32_t wlen = was ? was->tok_end - was->tok_begin : 0, len = x->tok_end - x->tok_begin;
      /* the longest name, and of two as long the one not in capitals */
      if (!was || wlen < len || (wlen == len && shouted(d, was) && !shouted(d, x))) {
        names.key[h] = nd->info[x->tok_end - 1].word ? nd->info[x->tok_end - 1].word : 1;
        names.val[h] = k;
      }
    }
    /* a ticker after a name ("Wendy's International <WEN>") names it as
    ** an acronym in brackets does */
    if (x->tok_end + 2 < ntok && ticker_end(tok, ntok, x->tok_end)) {
      uint32_t h = wordmap_slot(&acro, nd->info[x->tok_end + 1].word);
      if (!acro.key[h]) {
        acro.key[h] = nd->info[x->tok_end + 1].word ? nd->info[x->tok_end + 1].word : 1;
        acro.val[h] = k;
      }
    }
    if (x->type == NEWS_ENT_ORG && x->tok_end - x->tok_begin >= 2) {
      uint32_t ih = initials_hash(d, tok, x);
      if (ih) {
        uint32_t h = wordmap_slot(&inits, ih);
        if (!inits.key[h]) inits.key[h] = ih, inits.val[h] = k;
      }
      /* heads: organisation word -> the one organisation of the article
      ** it heads ("Bank" of "World Bank" or "Bank of England"), or
      ** NO_HEAD when two different names share it */
      uint32_t hw = x->tok_end - x->tok_begin >= 3 && is_text(d, &tok[x->tok_begin + 1], "of", 2)
                        ? x->tok_begin : x->tok_end - 1;
      if (nd->info[hw].gaz & NEWS_GAZ_ORGWORD) {
        uint32_t h = wordmap_slot(&heads, nd->info[hw].word);
        const news_entity *was = heads.key[h] && heads.val[h] != NO_HEAD ? &ents[heads.val[h]] : NULL;
        if (!heads.key[h]) heads.key[h] = nd->info[hw].word ? nd->info[hw].word : 1, heads.val[h] = k;
        else if (was && mention_key(nd, was) != mention_key(nd, x)) heads.val[h] = NO_HEAD;
        else if (was && shouted(d, was) && !shouted(d, x)) heads.val[h] = k; /* "World Bank", not "WORLD BANK" */
      }
      uint32_t h = wordmap_slot(&first, nd->info[x->tok_begin].word);
      if (!first.key[h] || ents[first.val[h]].tok_end - ents[first.val[h]].tok_begin <
                               x->tok_end - x->tok_begin) {
        first.key[h] = nd->info[x->tok_begin].word ? nd->info[x->tok_begin].word : 1;
        first.val[h] = k;
      }
    }
    if (x->tok_end - x->tok_begin == 1 && k > 0 && x->tok_begin >= 1 &&
        tok[x->tok_begin - 1].mark == '(' && ents[k - 1].tok_end + 1 == x->tok_begin &&
        acronym_after(d, tok, ntok, ents[k - 1].tok_begin, ents[k - 1].tok_end)) {
      uint32_t h = wordmap_slot(&acro, nd->info[x->tok_begin].word);
      if (!acro.key[h]) {
        acro.key[h] = nd->info[x->tok_begin].word ? nd->info[x->tok_begin].word : 1;
        acro.val[h] = k - 1;
      }
    }
  }
  for (uint32_t k = 0; k < n; k++) {
    if (news_doc_poll(d, &nPoll)) {
      rc = NEWS_ERR_INTERRUPTED;
      goto out;
    }
    news_entity *x = &ents[k];
    uint32_t len = x->tok_end - x->tok_begin;
    uint32_t h = wordmap_slot(&names, nd->info[x->tok_end - 1].word);
    if (x->type == NEWS_ENT_PERSON && names.key[h]) {
      const news_entity *full = &ents[names.val[h]];
      uint32_t flen = full->tok_end - full->tok_begin;
      /* the longest name with its last word: a person's full name, or a
      ** one-word name that may still be a company's short form */
      if (flen <= len && len > 1) continue;
      bool suffix = flen > len; /* my words end the full name */
      for (uint32_t j = 0; j < len && suffix; j++)
        suffix = nd->info[x->tok_begin + j].word == nd->info[full->tok_end - len + j].word;
      if (suffix) {
        x->canonical = d->text + full->start;
        x->canonical_len = full->end - full->start;
        continue;
      }
    }
    const news_entity *full = NULL;
    if (len == 1 && (tok[x->tok_begin].flags & NEWS_TF_ALLCAPS)) {
      /* an acronym defined in brackets, a ticker, or the initials of an
      ** organisation of the article ("GM": General Motors Corp) */
      h = wordmap_slot(&acro, nd->info[x->tok_begin].word);
      if (acro.key[h]) full = &ents[acro.val[h]];
      uint32_t ih = x->type == NEWS_ENT_LOC || x->type == NEWS_ENT_NORP ? 0 : word_letters_hash(d, &tok[x->tok_begin]);
      if (!full && ih && inits.key[h = wordmap_slot(&inits, ih)]) full = &ents[inits.val[h]];
      if (full && full->type == NEWS_ENT_ORG) x->type = NEWS_ENT_ORG;
    }
    if (!full && x->type != NEWS_ENT_LOC && x->type != NEWS_ENT_NORP) {
      h = wordmap_slot(&first, nd->info[x->tok_begin].word);
      if (first.key[h] && short_form(d, nd, &names, ents, x, &ents[first.val[h]])) {
        full = &ents[first.val[h]];
        x->type = NEWS_ENT_ORG;
      }
    }
    if (full && full != x) {
      x->canonical = full->canonical;
      x->canonical_len = full->canonical_len;
    }
  }
  /* names as users group them: agencies by their name, and no line breaks
  ** or runs of spaces (hard-wrapped copy breaks "Ford\nMotor Co") */
  for (uint32_t k = 0; k < n && !rc; k++) {
    if (news_doc_poll(d, &nPoll)) {
      rc = NEWS_ERR_INTERRUPTED;
      goto out;
    }
    news_entity *x = &ents[k];
    if (x->type == NEWS_ENT_ORG && x->tok_end - x->tok_begin == 1) {
      uint32_t len;
      const char *a = agency_name(d, &tok[x->tok_begin], &len);
      if (a) x->canonical = a, x->canonical_len = len;
    }
    rc = squeeze_spaces(d, x);
    /* a well-known company's name (news_lex_companies) that the tagger
    ** read as a person or a place, with no title before it ("Apple said",
    ** "Sony's profits"), is the company, in every article alike */
    if (!rc && (x->type == NEWS_ENT_PERSON || x->type == NEWS_ENT_LOC) && x->title_start == x->title_end &&
        news_lex_company(x->canonical, x->canonical_len))
      x->type = NEWS_ENT_ORG;
    /* one name per well-known organisation: "Fed", "FED" and "Federal
    ** Reserve" are "Federal Reserve" (organisations.tsv), whatever longer
    ** name of the article the mention's words began ("U.N." is not "U.N.
    ** Missions"); one name per country: "U.S.", "US", "USA", "America" are
    ** "United States"; "UK", "Britain" "United Kingdom" (the country table;
    ** demonyms are left alone).  Both fold as places.h folds names: a place
    ** its canonical, anything else its text. */
    bool loc = x->type == NEWS_ENT_LOC;
    const char *src = loc ? x->canonical : d->text + x->start;
    uint32_t slen = loc ? x->canonical_len : x->end - x->start;
    unsigned b0 = slen ? (unsigned char)src[0] : 0;
    if (b0 >= 'A' && b0 <= 'Z') b0 += 32;
    char key[128];
    size_t kn = 0;
    if (!rc && slen <= 60 &&
        (loc || (x->type != NEWS_ENT_NORP && (b0 >= 0x80 || (news_org_first[b0 >> 5] >> (b0 & 31) & 1u)))))
      kn = news_place_fold(src, slen, key, sizeof key);
    if (kn >= sizeof key) kn = 0;
    const char *org = kn && x->title_start == x->title_end ? news_org_find_key(key, kn) : NULL;
    if (org) {
      x->canonical = org;
      x->canonical_len = (uint32_t)strlen(org);
      x->type = NEWS_ENT_ORG;
    }
    /* a former state keeps its own name ("USSR": Soviet Union, not Russia) */
    const news_country_name *cn = kn && x->type == NEWS_ENT_LOC ? news_country_name_find_key(key, kn) : NULL;
    const char *cname = !cn || cn->how == NEWS_CNAME_DEMONYM ? NULL
                        : cn->how == NEWS_CNAME_HISTORIC    ? cn->former
                                                            : news_countries[cn->country].name;
    if (cname) {
      x->canonical = cname;
      x->canonical_len = (uint32_t)strlen(cname);
    }
  }

  /* "the Bank", "the Commission": an organisation word alone after "the"
  ** is the one organisation of the article it heads ("World Bank"), named
  ** as that is; with none or two ("the Commission" of an article on the
  ** SEC and the EC Commission), or one named already, it stays as is */
  for (uint32_t k = 0; k < n && !rc; k++) {
    if (news_doc_poll(d, &nPoll)) {
      rc = NEWS_ERR_INTERRUPTED;
      goto out;
    }
    news_entity *x = &ents[k];
    uint32_t b = x->tok_begin, h;
    if (x->type != NEWS_ENT_ORG || x->tok_end - b != 1 || b == 0 || (tok[b].flags & NEWS_TF_ALLCAPS) ||
        x->canonical != d->text + x->start ||
        !(is_text(d, &tok[b - 1], "the", 3) || is_text(d, &tok[b - 1], "The", 3)) ||
        !heads.key[h = wordmap_slot(&heads, nd->info[b].word)] || heads.val[h] == NO_HEAD)
      continue;
    x->canonical = ents[heads.val[h]].canonical;
    x->canonical_len = ents[heads.val[h]].canonical_len;
  }

  /* a name in capitals where everything is (a headline, a dateline) takes
  ** the spelling the article's running text gives the same words
  ** ("REAGAN": Reagan; "OPEC" stays "OPEC" when the text says "OPEC"),
  ** else the usual spelling of its words */
  for (uint32_t k = 0; k < n && !rc; k++) {
    if (news_doc_poll(d, &nPoll)) {
      rc = NEWS_ERR_INTERRUPTED;
      goto out;
    }
    if (shouted(d, &ents[k]) && in_capitals(nd, &ents[k])) continue;
    uint32_t key = mention_key(nd, &ents[k]), h = wordmap_slot(&cased, key);
    if (!cased.key[h]) cased.key[h] = key, cased.val[h] = k;
  }
  for (uint32_t k = 0; k < n && !rc; k++) {
    if (news_doc_poll(d, &nPoll)) {
      rc = NEWS_ERR_INTERRUPTED;
      goto out;
    }
    news_entity *x = &ents[k];
    if (x->canonical != d->text + x->start || !shouted(d, x) || !in_capitals(nd, x)) continue;
    uint32_t h = wordmap_slot(&cased, mention_key(nd, x));
    if (cased.key[h]) {
      x->canonical = ents[cased.val[h]].canonical;
      x->canonical_len = ents[cased.val[h]].canonical_len;
    } else {
      rc = usual_spelling(d, nd, x);
      if (!rc) rc = squeeze_spaces(d, x);
    }
  }

out:
  wordmap_free(&names, m);
  wordmap_free(&acro, m);
  wordmap_free(&inits, m);
  wordmap_free(&first, m);
  wordmap_free(&cased, m);
  wordmap_free(&heads, m);
  return rc;
}

/* True when every token of [b, e) is an ordinary English word that is no
** given name and no title ("Tangerine Dream", "Cobra Starship"): a word
** of the news word clusters must be usually written in lower case there
** ("Woods", "Wall" are not), any other word must be in common_words.inc. */
static bool ordinary_words(const news_ner_doc *nd, uint32_t b, uint32_t e) {
  for (uint32_t k = b; k < e; k++) {
    const news_ner_tok *x = &nd->info[k];
    if (!is_word(&nd->tok[k]) || (x->gaz & (NEWS_GAZ_GIVEN | NEWS_GAZ_TITLE)) ||
        (x->cluster ? CL_CASING(x->cluster) != 1 : !common_word(x->word)))
      return false;
  }
  return true;
}

/* A lower-case particle inside a person's name ("Ludwig van Beethoven",
** "Gil de Ferran", "Osama bin Laden", "Ortega y Gasset"). */
static bool name_particle(const news_doc *d, const news_token *t) {
  return particle(d->text + t->start, t->end - t->start, false);
}

/* A personal pronoun in any case but all capitals ("We", "it"; "US" is
** a country). */
static bool pronoun(const news_doc *d, const news_token *t) {
  static const char W[][6] = {"i", "we", "it", "he", "she", "they", "you", "me", "him",
                               "them", "us", "our", "its", "his", "their", "your"};
  uint32_t n = t->end - t->start;
  if (n > 5 || (n > 1 && (t->flags & NEWS_TF_ALLCAPS)) || !is_word(t)) return false;
  char low[5];
  for (uint32_t i = 0; i < n; i++) {
    char c = d->text[t->start + i];
    low[i] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
  }
  for (size_t k = 0; k < sizeof W / sizeof *W; k++)
    if (W[k][0] == low[0] && W[k][n] == 0 && memcmp(low, W[k], n) == 0) return true;
  return false;
}

/* A lower-case word that may stand inside a title ("A Beautiful Lie",
** "30 Seconds to Mars", "Lawrence of Arabia"). */
static bool title_joiner(const news_doc *d, const news_token *t) {
  static const char *const W[] = {"a", "an", "the", "of", "to", "in", "on", "and", "for",
                                  "at", "by", "with", "from", "or", "as", "into"};
  for (size_t k = 0; k < sizeof W / sizeof *W; k++)
    if (is_text(d, t, W[k], (uint32_t)strlen(W[k]))) return true;
  return false;
}

/* Step 1b: a title of a work in quotation marks -- song, album, film,
** book ("the single "From Yesterday"", "“A Beautiful Lie”") -- is one MISC
** name: 1 to 6 tokens filling the quotes exactly, the first a capitalised
** word, every other a capitalised word, a number or a title_joiner, no
** punctuation, outside headlines.  The tagger, trained on news, splits
** these or takes them for persons or organisations.  (Leaving a whole ORG
** or LOC name of the tagger alone measured worse.)  One look-ahead of at
** most 7 tokens per opening quote: linear. */
static bool quoted_titles(const news_doc *d, const news_ner_doc *nd, uint8_t *lab) {
  const news_token *tok = nd->tok;
  uint32_t nPoll = 0;
  for (uint32_t q = 0; q + 2 < nd->ntok; q++) {
    if (news_doc_poll(d, &nPoll)) return true; /* stopped */
    if (tok[q].kind != NEWS_TOK_QUOTE_OPEN) continue;
    uint32_t c = q + 1;
    while (c < nd->ntok && c <= q + 7 && tok[c].kind != NEWS_TOK_QUOTE_CLOSE &&
           tok[c].sentence == tok[q].sentence &&
           (NEWS_TOK_IS(tok[c].kind, NEWS_TOK_RANGE_NUMBER) ||
            (is_word(&tok[c]) && ((nd->info[c].caps & CAP_UPPER) || title_joiner(d, &tok[c])))))
      c++;
    if (c >= nd->ntok || c == q + 1 || c > q + 7 || tok[c].kind != NEWS_TOK_QUOTE_CLOSE ||
        !is_word(&tok[q + 1]) || !(nd->info[q + 1].caps & CAP_UPPER) ||
        (nd->info[q + 1].caps & CAP_HEADLINE) || tok[c].sentence != tok[q].sentence)
      continue;
    for (uint32_t k = q + 1; k < c; k++) lab[k] = (uint8_t)(k == q + 1 ? NEWS_NER_B(3) : NEWS_NER_I(3));
    q = c;
  }
  return false;
}

news_rc news_entities_run(news_doc *d) {
  d->entities.n = 0;
  const news_token *tok = d->tokens.data;
  uint32_t ntok = d->tokens.n;
  if (ntok == 0) return NEWS_OK;
  const news_mem *m = d->mem;
  news_ner_doc nd;
  news_rc rc = news_ner_prepare(d, &nd);
  /* lab: a label per token; cued: per mention (at most one per token),
  ** 1 when entity_cues.tsv settled its type */
  uint8_t *lab = rc ? NULL : m->alloc(m->ctx, 2 * (size_t)ntok);
  if (!rc && !lab) rc = NEWS_ERR_NOMEM;
  if (rc) goto done;
  if (news_doc_zero_polled(d, lab, 2 * (size_t)ntok)) goto stopped;
  uint8_t *cued = lab + ntok;
  /* tag 256 sentences at a time and poll the stop callback between them, so
  ** sqlite3_interrupt() stops a long article within one chunk;
  ** the features read sentences only through nd.sent, so a chunk is tagged
  ** exactly as in one call, and chunks go in order for the label history */
  const news_sentence *all = nd.sent;
  uint32_t nall = nd.nsent;
  bool stopped = false;
  for (uint32_t s0 = 0; s0 < nall && !stopped; s0 += 256) {
    nd.sent = all + s0;
    nd.nsent = nall - s0 < 256 ? nall - s0 : 256;
    stopped = news_ner_tag(&nd, lab) || news_doc_should_stop(d); /* the tagger polls inside too */
  }
  nd.sent = all;
  nd.nsent = nall;
  if (stopped) {
    rc = NEWS_ERR_INTERRUPTED;
    goto done;
  }

  if (quoted_titles(d, &nd, lab)) {
    rc = NEWS_ERR_INTERRUPTED;
    goto done;
  }

  /* steps 2-4: spans, types, acronyms */
  bool wrapped = nd.wrapped;
  uint32_t nPoll = 0;
  for (uint32_t i = 0; i < ntok;) {
    if (news_doc_poll(d, &nPoll)) {
      rc = NEWS_ERR_INTERRUPTED;
      goto done;
    }
    if (lab[i] == NEWS_NER_O) {
      /* a capitalised nationality or group word the tagger let pass
      ** ("Shi'ite militias") is still a NORP mention */
      if ((nd.info[i].caps & CAP_UPPER) && !(nd.info[i].caps & CAP_HEADLINE) && is_word(&tok[i]) &&
          (nd.info[i].gaz & (NEWS_GAZ_DEMONYM | NEWS_GAZ_GROUP)) &&
          (rc = push(d, tok, i, i + 1, NEWS_ENT_NORP)))
        goto done;
      i++;
      continue;
    }
    int ty = NEWS_NER_TYPE(lab[i]);
    uint32_t b = i, e = i + 1;
    /* a company's legal form on the next line goes with its name even
    ** where the text is not known to be hard-wrapped ("Oakleaf\nCorp") */
    while (e < ntok &&
           (lab[e] == NEWS_NER_I(ty) ||
            (ty == 1 && lab[e] == NEWS_NER_B(1) && (tok[e].flags & NEWS_TF_NEWLINE) &&
             !(tok[e].flags & NEWS_TF_PARA) && lex_word(&news_lex_legal_forms, d, &tok[e]))) &&
           !breaks_span(&tok[e]) &&
           !(!wrapped && (tok[e].flags & NEWS_TF_NEWLINE) &&
             !lex_word(&news_lex_legal_forms, d, &tok[e])))
      e++;
    i = e;
    /* trim punctuation and trailing lower-case words ("Woods shot") */
    while (e > b && (!is_word(&tok[e - 1]) || is_lower_word(d, &tok[e - 1]))) e--;
    while (b < e && !is_word(&tok[b])) b++;
    /* and a month before a day ("taken by Kyodo | December 6") */
    if (e - b >= 2 && e < ntok && NEWS_TOK_IS(tok[e].kind, NEWS_TOK_RANGE_NUMBER) &&
        !is_text(d, &tok[e - 1], "May", 3) &&
        news_lex_find(&news_lex_timex_words, d->text + tok[e - 1].start,
                      tok[e - 1].end - tok[e - 1].start) / 100 == 1)
      e--;
    /* no name runs past MAX_NAME_TOKENS tokens (the longest in the gold
    ** data has 12 words); a longer run is a line of capitalised words */
    if (b == e || e - b > MAX_NAME_TOKENS) continue;
    /* a common noun after a name is not part of it ("Labour MPs", "BBC TV") */
    while (e - b >= 2 && (nd.info[e - 1].gaz & NEWS_GAZ_COMMON)) e--;
    /* "TV", "CEO", "GDP", "Revs" alone are common nouns, not names, and "We",
    ** "It" (capitalised after a quote mark) pronouns */
    if (e - b == 1 && ((nd.info[b].gaz & NEWS_GAZ_COMMON) || pronoun(d, &tok[b]))) continue;
    /* nor is a letter alone ("the A and B quotas", "grade C") */
    if (e - b == 1 && tok[b].end - tok[b].start == 1) continue;
    uint8_t type = TYPE_OF[ty];
    if (type == NEWS_ENT_MISC && (nd.info[e - 1].gaz & (NEWS_GAZ_DEMONYM | NEWS_GAZ_GROUP)))
      type = NEWS_ENT_NORP;
    /* naming words next to the name settle its type (entity_cues.tsv) */
    uint8_t cue = type == NEWS_ENT_NORP ? 0 : cue_type(d, tok, b, e);
    /* but a known country or city the tagger took for a place stays one
    ** ("the giant US budget deficit") */
    if (cue && type == NEWS_ENT_LOC && e - b == 1 && known_place(&nd, b, e)) cue = 0;
    if (cue) type = cue;
    /* a word right after the name or its 's that only companies have
    ** ("Yukos shares", "Apple's profits"; entity_cues.tsv, 18), but not
    ** after a known country or city ("Hong Kong shares") */
    if (!cue && (type == NEWS_ENT_PERSON || type == NEWS_ENT_LOC) && e < ntok &&
        !known_place(&nd, b, e)) {
      uint32_t a = e < ntok - 1 && tok[e].kind == NEWS_TOK_CLITIC ? e + 1 : e;
      if (tok[a].sentence == tok[b].sentence && is_lower_word(d, &tok[a]) && cue_of(d, &tok[a]) == NEWS_CUE_ORG + CUE_AFTER)
        type = NEWS_ENT_ORG, cue = NEWS_ENT_ORG;
    }
    /* "Countrywide, which ...": people are "who", so a "person" followed
    ** by ", which" is an organisation (unless a title is in front or it
    ** ends a list, where "which" may speak of something else); it counts
    ** as a naming word */
    if (!cue && type == NEWS_ENT_PERSON && e + 1 < ntok && tok[e].mark == ',' &&
        is_text(d, &tok[e + 1], "which", 5) &&
        !(b > 0 && (tok[b - 1].mark == ',' || is_text(d, &tok[b - 1], "and", 3) ||
                    title_class(d, tok, &nd, b - 1) == NEWS_PTITLE_TITLE)))
      type = NEWS_ENT_ORG, cue = NEWS_ENT_ORG;
    /* the place of a dateline, in capitals: "DUBAI (Reuters) -" */
    if (e + 2 < ntok && tok[e].mark == '(' && tok[e + 2].mark == ')' &&
        (tok[b].flags & NEWS_TF_ALLCAPS) && (tok[e - 1].flags & NEWS_TF_ALLCAPS) &&
        wire_word(d, &tok[e + 1]) == NEWS_WIRE_AGENCY)
      type = NEWS_ENT_LOC, cue = NEWS_ENT_LOC;
    /* a news agency outside its sign-off is an organisation */
    if (e - b == 1 && wire_word(d, &tok[b]) == NEWS_WIRE_AGENCY) type = NEWS_ENT_ORG, cue = NEWS_ENT_ORG;
    if (e - b == 1 && type != NEWS_ENT_NORP && is_doctrine(d, &tok[b])) type = NEWS_ENT_MISC;
    /* a name the tagger took for a person right after a word that people
    ** hardly ever follow: "in Aisby", "at Ashby" are places, "the Triffids"
    ** a group (CoNLL-2003 train: after in/In/at/near 793 LOC, 18 PER;
    ** after the/The 704 ORG, 25 PER); one type per name still applies */
    if (!cue && type == NEWS_ENT_PERSON && b > 0 && tok[b - 1].sentence == tok[b].sentence) {
      const news_token *p = &tok[b - 1];
      if (is_text(d, p, "in", 2) || is_text(d, p, "In", 2) || is_text(d, p, "at", 2) ||
          is_text(d, p, "near", 4))
        type = NEWS_ENT_LOC;
      else if ((is_text(d, p, "the", 3) || is_text(d, p, "The", 3)) && !has_lochead(&nd, b, e))
        type = NEWS_ENT_ORG; /* but "the River Mersey", "the Deccan Plateau" */
    }
    /* a country's one-word name is a place ("the Philippines said"): so
    ** are all 2,117 of them in CoNLL-2003 train and testa, whatever they
    ** stand for; a person of the article with that surname ("Jordan" of
    ** "Michael Jordan") is still made one by harmonise */
    if (!cue && e - b == 1 && (type == NEWS_ENT_ORG || type == NEWS_ENT_PERSON || type == NEWS_ENT_MISC) &&
        (nd.info[b].gaz & NEWS_GAZ_COUNTRY))
      type = NEWS_ENT_LOC;
    /* "the Reagan administration": a one-word name right before
    ** "administration" is the person who leads it (CoNLL-2003 train types
    ** it PER), unless it is an ordinary word ("Labour"), a place or a people */
    if (!cue && (type == NEWS_ENT_ORG || type == NEWS_ENT_MISC) && e - b == 1 && e < ntok &&
        is_text(d, &tok[e], "administration", 14) && !(tok[b].flags & NEWS_TF_ALLCAPS) &&
        !(nd.info[b].gaz & (NEWS_GAZ_COUNTRY | NEWS_GAZ_PLACE | NEWS_GAZ_DEMONYM | NEWS_GAZ_GROUP |
                            NEWS_GAZ_ORGWORD)) &&
        CL_CASING(nd.info[b].cluster) != 1 && !common_word(nd.info[b].word))
      type = NEWS_ENT_PERSON;
    /* a "person" made of ordinary English words only is a band or a
    ** business ("Tangerine Dream", "Cobra Starship"): a person's name
    ** holds a given name or a word that is only a name */
    if (!cue && type == NEWS_ENT_PERSON && e - b >= 2 && ordinary_words(&nd, b, e))
      type = NEWS_ENT_ORG;
    /* "Cal Anderson Park", "Deccan Plateau": a name ending in a place word
    ** is a place, not a person (the news-trained model leans to PERSON for
    ** unknown capitalised words) */
    if (type == NEWS_ENT_PERSON && e - b >= 2 && (nd.info[e - 1].gaz & NEWS_GAZ_LOCHEAD) &&
        !(b > 0 && (nd.info[b - 1].gaz & NEWS_GAZ_TITLE)))
      type = NEWS_ENT_LOC;
    /* a title inside the name ends an organisation or place before a
    ** person ("Federal Reserve Governor Lawrence Lindsey") */
    uint32_t t0 = (nd.info[b].caps & CAP_HEADLINE) ? 0 : inner_title(d, tok, &nd, b, e);
    if (t0) {
      const news_ner_tok *f = &nd.info[b];
      uint8_t ft = t0 - b == 1 && (f->gaz & (NEWS_GAZ_COUNTRY | NEWS_GAZ_PLACE)) ? NEWS_ENT_LOC
                   : t0 - b == 1 && (f->gaz & NEWS_GAZ_DEMONYM)               ? NEWS_ENT_NORP
                                                                               : NEWS_ENT_ORG;
      if ((rc = push(d, tok, b, t0, ft))) goto done;
      cued[d->entities.n - 1] = 0;
      b = t0;
      type = NEWS_ENT_PERSON;
      cue = 0;
    }
    /* titles the tagger took into a PERSON ("Mr Howard", British style
    ** without a period) go back out, to be found as the title below */
    while (type == NEWS_ENT_PERSON && e - b >= 2 &&
           (title_class(d, tok, &nd, b) == NEWS_PTITLE_TITLE ||
            (title_class(d, tok, &nd, b) == NEWS_PTITLE_MODIFIER &&
             title_class(d, tok, &nd, b + 1) == NEWS_PTITLE_TITLE && e - b >= 3)))
      b++;
    /* up to three lower-case name particles right in front ("von der") */
    uint32_t pb = b;
    while (pb > 0 && b - pb < 3 && lab[pb - 1] == NEWS_NER_O && name_particle(d, &tok[pb - 1]) &&
           tok[pb - 1].sentence == tok[b].sentence)
      pb--;
    /* a one-word name after "von" or "van" is a person's surname with its
    ** particles ("the von der Leyen call"), whatever the tagger said */
    if (pb < b && e - b == 1 && type != NEWS_ENT_NORP && !cue && is_lower_word(d, &tok[pb]) &&
        (is_text(d, &tok[pb], "von", 3) || is_text(d, &tok[pb], "van", 3))) {
      bool after_person = d->entities.n > 0 &&
          NEWS_VEC_AT(&d->entities, news_entity, d->entities.n - 1).tok_end == pb &&
          NEWS_VEC_AT(&d->entities, news_entity, d->entities.n - 1).type == NEWS_ENT_PERSON;
      if (!after_person) b = pb;
      type = NEWS_ENT_PERSON;
    }
    /* a PERSON right after a PERSON, with only a space or lower-case name
    ** particles between, is the same name split by the greedy decoder
    ** ("Mohammad | Javad Zarif", "Ursula | von der | Leyen") */
    if (type == NEWS_ENT_PERSON && d->entities.n > 0) {
      news_entity *prev = &NEWS_VEC_AT(&d->entities, news_entity, d->entities.n - 1);
      if (prev->type == NEWS_ENT_PERSON && (prev->tok_end == b || prev->tok_end == pb) &&
          (wrapped || !(tok[b].flags & NEWS_TF_NEWLINE))) {
        prev->end = tok[e - 1].end;
        prev->tok_end = e;
        prev->canonical_len = prev->end - prev->start;
        continue;
      }
    }
    if ((rc = push(d, tok, b, e, type))) goto done;
    cued[d->entities.n - 1] = cue != 0;
    if (acronym_after(d, tok, ntok, b, e) && lab[e + 1] == NEWS_NER_O) {
      if ((rc = push(d, tok, e + 1, e + 2, type))) goto done;
      i = e + 2;
    }
  }

  /* step 4b: wire boilerplate, company names split at a possessive,
  ** ordinary words in headlines, then one type per name */
  /* the labels are done with: lab marks boilerplate */
  if (news_doc_zero_polled(d, lab, ntok) || mark_boilerplate(d, &nd, lab) || drop_boilerplate(d, &nd, lab, cued) ||
      join_possessive_companies(d, &nd, cued) || join_of_names(d, &nd, cued) ||
      join_bracketed_forms(d, &nd, cued) || drop_headline_words(d, &nd, cued))
    goto stopped;
  if ((rc = harmonise(d, &nd, cued)) || (rc = fixed_types(d, &nd, cued))) goto done;
  if (news_doc_should_stop(d)) goto stopped;

  /* steps 5-6 */
  rc = news_entities_resolve(d, &nd);
  if (0) {
  stopped:
    rc = NEWS_ERR_INTERRUPTED;
  }

done:
  m->free(m->ctx, lab);
  news_ner_release(&nd);
  if (rc) d->entities.n = 0;
  return rc;
}
