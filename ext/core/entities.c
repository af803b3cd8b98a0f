/*
** entities.c -- named entities: the tagger's labels turned into mentions
** with types, titles and within-article canonical names (issue 3).
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
**        marks and (unless the text is hard-wrapped) line breaks, and never
**        containing a possessive 's (the tokenizer splits it off as a
**        clitic token, which ends a span);
**     3. type it: PER -> PERSON, ORG, LOC, and MISC -> NORP when its last
**        word is a demonym or a religious/political group in the gazetteer
**        (Iraqi, Shi'ite Muslims, Republicans), else MISC, and such a word
**        the tagger left out is a one-word NORP mention; naming words
**        settle the type (entity_cues.tsv: "... Band", "University of
**        ...", "the town of ..."), a PERSON right after in/at/near is a
**        LOC and after "the" an ORG, a one-word creed ("Catholicism") is
**        MISC; a PERSON of two words or more ending in a place word (Park,
**        River) becomes LOC, and one made only of ordinary English words
**        (gen/common_words.inc: "Cobra Starship") an ORG;
**     4. an acronym defined in parentheses right after a name ("Islamic
**        Revolutionary Guards Corps (IRGC)") becomes a mention of the same
**        type when the tagger missed it;
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
**        the expansion; anything else keeps its own text.
**
** INVARIANTS
**   Linear in tokens and mentions: the look-ups of steps 4 and 6 go through
**   open-addressing tables keyed by word hashes.  Canonical strings point
**   into the document text (owned by the document), so nothing is copied.
*/
#include "lexicon.h"
#include "ner.h"

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
** marks and the punctuation , ; : ( ) [ ] -- the tagger may run a name on
** through them ("Battle of the Bulge (December"), names hardly ever do. */
static bool breaks_span(const news_token *t) {
  if (t->kind == NEWS_TOK_CLITIC || NEWS_TOK_IS(t->kind, NEWS_TOK_RANGE_QUOTE)) return true;
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

static int cue_of(const news_doc *d, const news_token *t) {
  return lex_word(&news_lex_entity_cues, d, t);
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
  static const uint8_t TY[4] = {0, NEWS_ENT_ORG, NEWS_ENT_LOC, NEWS_ENT_MISC};
  int v;
  if (e - b >= 2 && (v = cue_of(d, &tok[e - 1])) && (v % 10 & 1)) return TY[v / 10 & 3];
  uint32_t f = b;
  if (e - f >= 4 && (is_text(d, &tok[f], "The", 3) || is_text(d, &tok[f], "the", 3))) f++;
  if (e - f >= 3 && is_text(d, &tok[f + 1], "of", 2) && (v = cue_of(d, &tok[f])) && (v % 10 & 2))
    return TY[v / 10 & 3];
  if (b == 0) return 0;
  uint32_t p = b - 1;
  bool of = false;
  if (p > 0 && is_text(d, &tok[p], "of", 2)) {
    p--;
    of = true;
  }
  if (tok[p].sentence != tok[b].sentence || !is_lower_word(d, &tok[p])) return 0;
  v = cue_of(d, &tok[p]);
  if (!(v % 10 & 4) || (of && v / 10 != 2)) return 0;
  return TY[v / 10 & 3];
}

/* True when a word of tokens [b, e) is a place word (Park, River, Plateau). */
static bool has_lochead(const news_ner_doc *nd, uint32_t b, uint32_t e) {
  for (uint32_t j = b; j < e; j++)
    if (nd->info[j].gaz & NEWS_GAZ_LOCHEAD) return true;
  return false;
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
  news_entity *x = news_vec_push(&d->entities, d->mem);
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

static news_rc wordmap_init(wordmap *m, const news_mem *mem, uint32_t n) {
  uint32_t s = 16;
  while (s < 2 * n && s < 0x40000000u) s <<= 1;
  m->mask = s - 1;
  m->key = mem->alloc(mem->ctx, (size_t)s * sizeof *m->key);
  m->val = mem->alloc(mem->ctx, (size_t)s * sizeof *m->val);
  if (!m->key || !m->val) return NEWS_ERR_NOMEM;
  memset(m->key, 0, (size_t)s * sizeof *m->key);
  return NEWS_OK;
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

/* True when sentence s reads as a headline: a paragraph of its own with no
** closing . ! ? and at least
** three words of four letters or more, most of them capitalised ("Markets
** Tumble After Surprise Rate Decision").  ALL-CAPS headlines are left to
** the tagger, which learned them from the CoNLL wire copy. */
static bool headline(const news_doc *d, news_ner_doc *nd, uint32_t s) {
  const news_sentence *st = &NEWS_VEC_AT(&d->sentences, news_sentence, s);
  if (st->tok_end == st->tok_begin) return false;
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
static void drop_headline_words(news_doc *d, news_ner_doc *nd, uint8_t *cued) {
  news_entity *ents = d->entities.data;
  uint32_t n = d->entities.n, out = 0, cached = UINT32_MAX;
  bool is_head = false;
  for (uint32_t k = 0; k < n; k++) {
    news_entity *x = &ents[k];
    if (x->sentence != cached) cached = x->sentence, is_head = headline(d, nd, x->sentence);
    bool ordinary = is_head;
    for (uint32_t j = x->tok_begin; j < x->tok_end && ordinary; j++)
      ordinary = !is_word(&nd->tok[j]) || CL_CASING(nd->info[j].cluster) == 1;
    if (!ordinary) cued[out] = cued[k], ents[out++] = *x;
  }
  d->entities.n = out;
}

/* Step 4c: an organisation name the tagger split at "of" ("Watson School |
** of | Biological Sciences", "Carnegie Institution | of | Washington") is
** one name when its first part ends in an organisation word (entity_cues.tsv
** last word, or the gazetteer's Bank, Party, Institution...): in CoNLL-2003
** train, 34 organisation names run on over "of" after such a word and 4
** stop before it, all of them after a legal form ("Bestop Inc of
** Boulder"), which is left out.  Merges neighbours in place. */
static void join_of_names(news_doc *d, const news_ner_doc *nd, uint8_t *cued) {
  news_entity *ents = d->entities.data;
  const news_token *tok = nd->tok;
  uint32_t n = d->entities.n, out = 0;
  for (uint32_t k = 0; k < n; k++) {
    const news_entity *x = &ents[k];
    if (out > 0) {
      news_entity *p = &ents[out - 1];
      uint32_t last = p->tok_end - 1;
      int v = cue_of(d, &tok[last]);
      if (p->type == NEWS_ENT_ORG && p->tok_end + 1 == x->tok_begin && p->sentence == x->sentence &&
          x->type != NEWS_ENT_NORP && is_text(d, &tok[p->tok_end], "of", 2) &&
          !lex_word(&news_lex_legal_forms, d, &tok[last]) &&
          ((v / 10 == 1 && (v % 10 & 1)) || (nd->info[last].gaz & NEWS_GAZ_ORGWORD))) {
        p->end = x->end;
        p->tok_end = x->tok_end;
        p->canonical_len = p->end - p->start;
        cued[out - 1] |= cued[k];
        continue;
      }
    }
    cued[out] = cued[k];
    ents[out++] = *x;
  }
  d->entities.n = out;
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
  if (!rc) rc = wordmap_init(&surname, m, n);
  if (!rc) rc = wordmap_init(&same, m, n);
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
    unsigned w = cued[k] ? 4 : 1;
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

/* ------------------------------------------------------------ the stage */

/* Is token k a title word (Mr., Minister, Councilwoman) / a title modifier
** (Foreign, Prime, Police)?  The tagger's gazetteer bits, plus the titles
** of ext/data/person_titles.tsv that are no model feature. */
static int title_class(const news_doc *d, const news_token *tok, const news_ner_doc *nd, uint32_t k) {
  if (nd->info[k].gaz & NEWS_GAZ_TITLE) return 1;
  int c = is_word(&tok[k]) ? news_lex_find(&news_lex_person_titles, d->text + tok[k].start,
                                           tok[k].end - tok[k].start) : 0;
  if (c) return c;
  return (nd->info[k].gaz & NEWS_GAZ_TITLEMOD) ? 2 : 0;
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
    if (title_class(d, tok, nd, j) != 1) continue;
    uint32_t t0 = j, k = j + 1;
    while (t0 > b + 1 && title_class(d, tok, nd, t0 - 1) == 2) t0--;
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
    if (!head && c != 1) break;
    if (head && !c) break;
    head = true;
    first = --j;
  }
  if (head) {
    x->title_start = tok[first].start;
    x->title_end = tok[x->tok_begin - 1].end;
  }
}

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
  wordmap names = {0}, acro = {0};
  uint32_t nPoll = 0;
  news_rc rc = wordmap_init(&names, m, n);
  if (!rc) rc = wordmap_init(&acro, m, n);
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
      if (!names.key[h] ||
          ents[names.val[h]].tok_end - ents[names.val[h]].tok_begin < x->tok_end - x->tok_begin) {
        names.key[h] = nd->info[x->tok_end - 1].word ? nd->info[x->tok_end - 1].word : 1;
        names.val[h] = k;
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
    if (x->type == NEWS_ENT_PERSON) {
      uint32_t h = wordmap_slot(&names, nd->info[x->tok_end - 1].word);
      if (!names.key[h]) continue;
      const news_entity *full = &ents[names.val[h]];
      uint32_t flen = full->tok_end - full->tok_begin;
      if (flen <= len) continue;
      bool suffix = true; /* my words end the full name */
      for (uint32_t j = 0; j < len && suffix; j++)
        suffix = nd->info[x->tok_begin + j].word == nd->info[full->tok_end - len + j].word;
      if (suffix) {
        x->canonical = d->text + full->start;
        x->canonical_len = full->end - full->start;
      }
    } else if (len == 1) {
      uint32_t h = wordmap_slot(&acro, nd->info[x->tok_begin].word);
      if (acro.key[h] && (tok[x->tok_begin].flags & NEWS_TF_ALLCAPS)) {
        const news_entity *full = &ents[acro.val[h]];
        x->canonical = d->text + full->start;
        x->canonical_len = full->end - full->start;
      }
    }
  }

out:
  wordmap_free(&names, m);
  wordmap_free(&acro, m);
  return rc;
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
  static const char *const W[] = {"von", "van", "de", "da", "di", "du", "del", "della", "der",
                                  "den", "la", "le", "bin", "ibn", "ben", "y", "dos", "das",
                                  "do", "ter", "ten", "zu", "af"};
  for (size_t k = 0; k < sizeof W / sizeof *W; k++)
    if (is_text(d, t, W[k], (uint32_t)strlen(W[k]))) return true;
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
  memset(lab, 0, 2 * (size_t)ntok);
  uint8_t *cued = lab + ntok;
  /* tag 256 sentences at a time and poll the stop callback between them, so
  ** sqlite3_interrupt() stops a long article within one chunk (issue 7);
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
    while (e < ntok && lab[e] == NEWS_NER_I(ty) && !breaks_span(&tok[e]) &&
           !(!wrapped && (tok[e].flags & NEWS_TF_NEWLINE)))
      e++;
    i = e;
    /* trim punctuation and trailing lower-case words ("Woods shot") */
    while (e > b && (!is_word(&tok[e - 1]) || is_lower_word(d, &tok[e - 1]))) e--;
    while (b < e && !is_word(&tok[b])) b++;
    /* no name runs past MAX_NAME_TOKENS tokens (the longest in the gold
    ** data has 12 words); a longer run is a line of capitalised words */
    if (b == e || e - b > MAX_NAME_TOKENS) continue;
    /* "TV", "CEO", "GDP" alone are common nouns, not names */
    if (e - b == 1 && (nd.info[b].gaz & NEWS_GAZ_COMMON)) continue;
    uint8_t type = TYPE_OF[ty];
    if (type == NEWS_ENT_MISC && (nd.info[e - 1].gaz & (NEWS_GAZ_DEMONYM | NEWS_GAZ_GROUP)))
      type = NEWS_ENT_NORP;
    /* naming words next to the name settle its type (entity_cues.tsv) */
    uint8_t cue = type == NEWS_ENT_NORP ? 0 : cue_type(d, tok, b, e);
    if (cue) type = cue;
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
           (title_class(d, tok, &nd, b) == 1 ||
            (title_class(d, tok, &nd, b) == 2 && title_class(d, tok, &nd, b + 1) == 1 && e - b >= 3)))
      b++;
    /* a PERSON right after a PERSON, with only a space or a lower-case
    ** name particle between, is the same name split by the greedy decoder
    ** ("Mohammad | Javad Zarif", "Alexander | von | Humboldt") */
    if (type == NEWS_ENT_PERSON && d->entities.n > 0) {
      news_entity *prev = &NEWS_VEC_AT(&d->entities, news_entity, d->entities.n - 1);
      if (prev->type == NEWS_ENT_PERSON &&
          (prev->tok_end == b || (prev->tok_end + 1 == b && name_particle(d, &tok[b - 1]))) &&
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

  /* step 4b: ordinary words in headlines, then one type per name (with a
  ** poll between the steps) */
  if (news_doc_should_stop(d)) goto stopped;
  join_of_names(d, &nd, cued);
  if (news_doc_should_stop(d)) goto stopped;
  drop_headline_words(d, &nd, cued);
  if (news_doc_should_stop(d)) goto stopped;
  if ((rc = harmonise(d, &nd, cued))) goto done;
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
