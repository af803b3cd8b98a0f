/*
** speaker_resolve.c -- from a speaker phrase to the speaker: canonical
** names, titles, pronouns and the history of speakers.
**
** HOW IT WORKS
**   A name heading the phrase resolves to the canonical name of the PERSON
**   or ORG entity on it (for a name split into adjacent PERSON entities,
**   the whole name; for a one-word canonical PERSON name, the fullest
**   earlier person-like run ending with it).  Without one, titles are
**   dropped and a surname is expanded to the fullest earlier run of
**   capitalised words ending with the same word ("Jensen" -> "Karl
**   Jensen").  A bare title ("the secretary") is the person last named
**   with that title.
**   Two capitalised runs joined by "and" that are not one entity ("S and
**   P", "Mr. Grassley and Mr. Leahy") are one speaker as written, a group.
**   Pronouns.  "he"/"she" attributing a quotation whose sentence opens
**   with a name of a fitting gender is that name ("Tom Reyes answered:
**   “...,” he wrote").  Otherwise he, she or they resolves to the most
**   recent speaker of a compatible gender in the history -- the speakers
**   of quotations and of reported statements, and the PERSON heading each
**   sentence as its subject.  A name's gender comes from a noun before it
**   ("widow Terry Strada"), a title, its given name or that of the fuller
**   name it resolves to ("Merkley" -> "Jeff Merkley"), the gender the same
**   name had before, or the pronoun used of it before.  "he"/"she" after a
**   person's description as the last speaker ("a company spokesman") is
**   that description when it is indefinite, or when no named speaker
**   fits; then the nearest earlier PERSON entity or, without entities,
**   name run with a known given name of that gender.  "it" is the most
**   recent organisation or singular thing ("the report", "the agency")
**   among the last three speakers, or an ORG entity in the sentence
**   before.  "I" is the writer: the name signing a letter on a line of
**   its own after it, or the one opening an opinion piece's closing
**   paragraph ("Ann Lee is a playwright ...").  Failing all that a pronoun
**   stays as written.  A description resolves to itself.
**
** The history is a fixed ring and every look-back is bounded, so
** resolution costs a constant amount per speaker.
*/
#include "speaker_int.h"

/* --------------------------------------------------------- resolution */

/* Moves *pa past the titles in front of a name [*pa, b): through the last
** title word or abbreviated title ("Police Chief Omar Haddad" -> "Omar
** Haddad", "Sen. Kim" -> "Kim"), keeping at least the last word. */
static void strip_titles(const q_ctx *c, uint32_t *pa, uint32_t b) {
  uint32_t a = *pa, cut = a;
  for (uint32_t k = a; k + 1 < b; k++) {
    const news_token *t = &c->tok[k];
    if (t->kind == NEWS_TOK_ABBREV || news_speaker_word(c, k) == W_TITLE) cut = k + 1;
  }
  *pa = cut;
}

/* Could a name run be a person's name: two or three words, none of them a
** title word or an organisation word ("Party", "Department", "United")? */
static bool person_like(const q_ctx *c, const q_name *nm) {
  for (uint32_t k = nm->tok_begin; k < nm->tok_end; k++) {
    const news_token *t = &c->tok[k];
    if (t->kind == NEWS_TOK_INITIAL) continue; /* "Mary J. Lee" */
    if (t->kind != NEWS_TOK_WORD || (t->flags & NEWS_TF_ALLCAPS)) return false;
    if (news_speaker_word(c, k) == W_TITLE) return false;
    if (news_lex_find(&news_lex_speaker_words, (const char *)c->s + t->start, t->end - t->start) == W_ORG) return false;
  }
  return true;
}

/* The fullest earlier name run ending with the same word as token last. */
static void expand_name(const q_ctx *c, uint32_t na, uint32_t *pa, uint32_t *pb) {
  uint32_t last = *pb - 1;
  const news_token *t = &c->tok[last];
  uint32_t len = t->end - t->start;
  const q_name *nm = c->names.data;
  uint32_t best_a = *pa, best_b = *pb, best = *pb - *pa;
  /* look back through at most 256 runs before the name */
  uint32_t lo = 0, hi = c->names.n;
  while (lo < hi) { /* first run starting at or after na */
    uint32_t mid = lo + (hi - lo) / 2;
    if (nm[mid].tok_begin < na) lo = mid + 1;
    else hi = mid;
  }
  for (uint32_t k = lo, seen = 0; k-- > 0 && seen < 256; seen++) {
    const news_token *u = &c->tok[nm[k].tok_end - 1];
    if (u->end - u->start != len || memcmp(c->s + u->start, c->s + t->start, len)) continue;
    uint32_t a = nm[k].tok_begin;
    strip_titles(c, &a, nm[k].tok_end);
    /* "Chancellor of the Exchequer Nigel Lawson", "Secretary of Commerce
    ** Malcolm Baldrige": the run's first word after a title and "of (the)"
    ** ends the title, not the name */
    q_name rest = {a + 1, nm[k].tok_end};
    uint32_t of = a;
    if (of > 0 && sp_word_at(c, of - 1, "the")) of--;
    if (of > 0 && sp_word_at(c, of - 1, "of")) of--;
    if (a == nm[k].tok_begin && nm[k].tok_end - a >= 3 && of < a && of > 0 &&
        news_speaker_word(c, of - 1) == W_TITLE && person_like(c, &rest))
      a++;
    if (nm[k].tok_end - a > best) {
      best = nm[k].tok_end - a;
      best_a = a;
      best_b = nm[k].tok_end;
    }
  }
  *pa = best_a;
  *pb = best_b;
}

/* Is the word w[0..n) lit (lower case), whatever the case of its first
** letter ("The", "Widow")? */
static bool word_is_ci(const char *w, uint32_t n, const char *lit) {
  return n && (w[0] | 0x20) == lit[0] && strlen(lit) == n && !memcmp(w + 1, lit + 1, n - 1);
}

/* The gender said by a noun just before a name starting at token a ("9/11
** widow Terry Strada", "his daughter, Ellie", "the actress and activist
** Kamala Lopez", "Congresswoman Lee"): looks back over at most four tokens,
** stepping over titles, determiners, capitalised words, commas and "and".
** a may be one past the last token (a description that ends the text). */
static uint8_t noun_gender(const q_ctx *c, uint32_t a) {
  static const char *const female[] = {"widow", "wife", "mother", "daughter", "sister", "woman", "girl",
                                       "actress", "congresswoman", "chairwoman", "spokeswoman", "councilwoman",
                                       "businesswoman", "grandmother", "aunt", "niece", "girlfriend", "queen",
                                       "princess", "duchess", "mom", NULL};
  static const char *const male[] = {"widower", "husband", "father", "son", "brother", "man", "boy", "actor",
                                     "congressman", "spokesman", "councilman", "businessman", "grandfather",
                                     "uncle", "nephew", "boyfriend", "king", "prince", "duke", "dad", NULL};
  if (!a) return 0;
  uint32_t lo = c->sent[c->tok[a < c->ntok ? a : a - 1].sentence].tok_begin;
  if (a > lo + 4) lo = a - 4;
  for (uint32_t k = a; k-- > lo;) {
    const news_token *t = &c->tok[k];
    const char *w = (const char *)c->s + t->start;
    uint32_t n = t->end - t->start;
    if (t->kind == NEWS_TOK_WORD) {
      for (const char *const *f = female; *f; f++)
        if (word_is_ci(w, n, *f)) return NEWS_GENDER_FEMALE;
      for (const char *const *m = male; *m; m++)
        if (word_is_ci(w, n, *m)) return NEWS_GENDER_MALE;
    }
    if (sp_is_punct(t, ',') || sp_word_is(w, n, "and") || t->kind == NEWS_TOK_NUMBER ||
        t->kind == NEWS_TOK_ABBREV || (t->flags & NEWS_TF_UPPER) ||
        (t->kind == NEWS_TOK_PUNCT && (t->mark == '/' || t->mark == '-')))
      continue;
    int cls = t->kind == NEWS_TOK_WORD ? news_speaker_word(c, k) : 0;
    if (cls != W_TITLE && cls != W_DET) break;
  }
  return 0;
}

/* The gender suggested by a name's tokens [a, b): a noun before it, a title
** or a given name. */
static uint8_t name_gender(const q_ctx *c, uint32_t a, uint32_t b) {
  uint8_t ng = noun_gender(c, a);
  if (ng) return ng;
  /* words before a title are not the name ("Massachusetts Sen. Elizabeth Warren") */
  for (uint32_t k = a; k + 1 < b; k++)
    if ((c->tok[k].kind == NEWS_TOK_ABBREV || news_speaker_word(c, k) == W_TITLE) && k > a &&
        c->tok[k - 1].kind == NEWS_TOK_WORD && news_speaker_word(c, k - 1) != W_TITLE)
      a = k;
  for (uint32_t k = a; k < b; k++) {
    const news_token *t = &c->tok[k];
    const char *p = (const char *)c->s + t->start;
    uint32_t n = t->end - t->start;
    if (t->kind == NEWS_TOK_ABBREV && n > 1) n--; /* "Mr." as "Mr" */
    if (sp_word_is(p, n, "Mr") || sp_word_is(p, n, "Sir") || sp_word_is(p, n, "Lord")) return NEWS_GENDER_MALE;
    if (sp_word_is(p, n, "Mrs") || sp_word_is(p, n, "Ms") || sp_word_is(p, n, "Miss") || sp_word_is(p, n, "Lady"))
      return NEWS_GENDER_FEMALE;
    if (t->kind == NEWS_TOK_ABBREV || news_speaker_word(c, k) == W_TITLE) continue; /* Sen. / Senator */
    int g = news_lex_find(&news_lex_given_names, p, n);
    /* a name of the long lists only before another word ("Warren said" is
    ** a surname as often as not) */
    if (g & NEWS_GENDER_LONG_LIST) g = k + 1 < b && c->tok[k + 1].kind == NEWS_TOK_WORD ? g & 3 : 0;
    if (g) return (uint8_t)g;
    if (t->kind == NEWS_TOK_WORD) break; /* only the first word is a given name */
  }
  return 0;
}

/* The gender of a PERSON entity, counting the title kept out of its span
** ("Mrs." in front of "Okafor"). */
static uint8_t entity_gender(const q_ctx *c, const news_entity *e) {
  uint32_t a = e->tok_begin;
  if (e->title_end > e->title_start)
    while (a > 0 && c->tok[a - 1].start >= e->title_start) a--;
  return name_gender(c, a, e->tok_end);
}

/* The entity (PERSON or ORG) whose tokens overlap [a, b), or NULL. */
static const news_entity *entity_in(const q_ctx *c, uint32_t a, uint32_t b) {
  uint32_t lo = 0, hi = c->nent;
  while (lo < hi) { /* first entity ending after a */
    uint32_t mid = lo + (hi - lo) / 2;
    if (c->ent[mid].tok_end <= a) lo = mid + 1;
    else hi = mid;
  }
  const news_entity *best = NULL;
  for (uint32_t k = lo; k < c->nent && c->ent[k].tok_begin < b; k++)
    if (c->ent[k].type == NEWS_ENT_PERSON || c->ent[k].type == NEWS_ENT_ORG) best = &c->ent[k];
  return best;
}

/* The gender of a resolved name as a string ("Jeff Merkley", "Mrs. Lee"):
** its first word as a title of address or a given name; 0 when unknown. */
static uint8_t string_gender(const char *name, uint32_t len) {
  uint32_t n = 0;
  while (n < len && name[n] != ' ' && name[n] != '.') n++;
  if (sp_word_is(name, n, "Mr") || sp_word_is(name, n, "Sir") || sp_word_is(name, n, "Lord")) return NEWS_GENDER_MALE;
  if (sp_word_is(name, n, "Mrs") || sp_word_is(name, n, "Ms") || sp_word_is(name, n, "Miss") ||
      sp_word_is(name, n, "Lady"))
    return NEWS_GENDER_FEMALE;
  if (n == len) return 0; /* one word: a surname as often as a given name */
  return (uint8_t)(news_lex_find(&news_lex_given_names, name, n) & 3);
}

/* Pushes a speaker on the history.  A person whose own mention gave no
** gender ("Merkley said") takes the one of the name it resolved to
** ("Jeff Merkley"). */
/* Is [a, b) exactly a NORP or MISC entity ("Republican", "Democratic")? */
static bool norp_at(const q_ctx *c, uint32_t a, uint32_t b) {
  uint32_t lo = 0, hi = c->nent;
  while (lo < hi) { /* first entity ending after a */
    uint32_t mid = lo + (hi - lo) / 2;
    if (c->ent[mid].tok_end <= a) lo = mid + 1;
    else hi = mid;
  }
  return lo < c->nent && (c->ent[lo].type == NEWS_ENT_NORP || c->ent[lo].type == NEWS_ENT_MISC) &&
         c->ent[lo].tok_begin == a && c->ent[lo].tok_end == b;
}

static void remember(q_ctx *c, const char *name, uint32_t len, uint32_t tok, uint8_t gender, bool named) {
  uint32_t n = c->nhist < Q_HISTORY ? c->nhist : Q_HISTORY;
  for (uint32_t k = 0; !gender && named && k < n; k++) { /* as the same name was met before */
    const q_speaker *h = &c->hist[(c->nhist - 1 - k) % Q_HISTORY];
    if (h->named && h->len == len && !memcmp(h->name, name, len)) gender = h->gender;
  }
  if (!gender && named) gender = string_gender(name, len);
  q_speaker *h = &c->hist[c->nhist % Q_HISTORY];
  h->name = name;
  h->len = len;
  h->tok = tok;
  h->gender = gender;
  h->named = named;
  c->nhist++;
}

/* Can a name starting at token i be a subject: not after a preposition,
** a determiner or a conjunction ("after Labor Day", "the Rockets")? */
static bool subject_position(const q_ctx *c, uint32_t i) {
  if (i == 0 || c->sent[c->tok[i].sentence].tok_begin == i) return true;
  int w = news_speaker_word(c, i - 1);
  return !(w == W_STOP || w == W_PREP || w == W_DET) && c->tok[i - 1].kind != NEWS_TOK_CLITIC;
}

/* Resolves a pronoun at token `at` to a recent speaker or person. */
/* Can PERSON entity e be someone a pronoun refers to: not a word the
** tagger mistook for a name ("I've", "You're", "September")? */
static bool plausible_person(const q_ctx *c, const news_entity *e) {
  const news_token *t = &c->tok[e->tok_begin];
  const char *w = (const char *)c->s + t->start;
  uint32_t n = t->end - t->start;
  for (uint32_t k = 0; k < n; k++)
    if (w[k] == '\'' || (unsigned char)w[k] == 0xe2) return e->tok_end > e->tok_begin + 1 && k > 1;
  /* "The Republican is ...": a single word after a determiner is a description */
  if (e->tok_end == e->tok_begin + 1 && e->tok_begin > 0 && news_speaker_word(c, e->tok_begin - 1) == W_DET)
    return false;
  return news_speaker_word(c, e->tok_begin) == 0 && !sp_is_time(c, e->tok_begin);
}

/* "it" of an organisation or a thing: among the last three speakers within
** 200 tokens, the most recent named organisation or singular description
** that is no person ("the report"), else an ORG entity in the sentence
** before or this one. */
static bool resolve_it(q_ctx *c, uint32_t at, news_quote *q) {
  uint32_t n = c->nhist < Q_HISTORY ? c->nhist : Q_HISTORY;
  for (uint32_t k = 0; k < n && k < 3; k++) {
    q_speaker *h = &c->hist[(c->nhist - 1 - k) % Q_HISTORY];
    if (h->tok + 200 <= at) break;
    if ((h->named && h->gender == Q_GENDER_GROUP) || h->gender == Q_GENDER_THING) {
      q->speaker = h->name;
      q->speaker_len = h->len;
      return true;
    }
  }
  uint32_t s = c->tok[at].sentence, lo = c->sent[s > 0 ? s - 1 : 0].tok_begin;
  const news_entity *e = entity_in(c, lo, at);
  if (!e || e->type != NEWS_ENT_ORG || !e->canonical) return false;
  q->speaker = e->canonical;
  q->speaker_len = e->canonical_len;
  return true;
}

/* The first entity ending after token a (c->nent when none). */
static uint32_t first_entity_after(const q_ctx *c, uint32_t a) {
  uint32_t lo = 0, hi = c->nent;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (c->ent[mid].tok_end <= a) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/* The PERSON entity starting at token i, or NULL. */
static const news_entity *person_at(const q_ctx *c, uint32_t i) {
  uint32_t k = first_entity_after(c, i);
  return k < c->nent && c->ent[k].tok_begin == i && c->ent[k].type == NEWS_ENT_PERSON && c->ent[k].canonical
             ? &c->ent[k]
             : NULL;
}

/* Does a new line or paragraph start at token i (or the text end there)? */
static bool line_start(const q_ctx *c, uint32_t i) {
  return i >= c->ntok || (c->tok[i].flags & (NEWS_TF_NEWLINE | NEWS_TF_PARA));
}

/* "I" outside a quotation: the writer of a letter or an opinion piece.
** A letter is signed by its writer's name alone on a line after it ("Chris
** Smith."; the first such line within 600 tokens); an opinion piece ends
** with a paragraph on its writer ("Ann Lee is a playwright ...", its
** last 200 tokens).  Both names must be PERSON entities of two words or
** more. */
static bool resolve_i(q_ctx *c, uint32_t at, news_quote *q) {
  const news_entity *e = NULL;
  for (uint32_t i = at + 1; i < c->ntok && i < at + 600 && !e; i++) {
    if (!(c->tok[i].flags & NEWS_TF_PARA)) continue;
    const news_entity *p = person_at(c, i);
    uint32_t end = p ? p->tok_end : i;
    if (end < c->ntok && sp_is_punct(&c->tok[end], '.')) end++;
    if (p && p->tok_end > p->tok_begin + 1 && line_start(c, end)) e = p;
  }
  uint32_t last = c->ntok;
  while (!e && last > 0 && c->ntok - last < 200 && !(c->tok[last - 1].flags & NEWS_TF_PARA)) last--;
  if (!e && last > 0 && c->ntok - last < 200 && last > at) {
    const news_entity *p = person_at(c, last - 1);
    if (p && p->tok_end > p->tok_begin + 1 && p->tok_end < c->ntok &&
        (sp_word_at(c, p->tok_end, "is") || sp_word_at(c, p->tok_end, "writes")))
      e = p;
  }
  if (!e) return false;
  q->speaker = e->canonical;
  q->speaker_len = e->canonical_len;
  return true;
}

static bool resolve_pronoun(q_ctx *c, int pron, uint32_t at, news_quote *q) {
  uint8_t want = pron == W_HE ? 1 : pron == W_SHE ? 2 : Q_GENDER_GROUP;
  if (pron == W_IT) return resolve_it(c, at, q);
  if (pron == W_I) return resolve_i(c, at, q);
  uint32_t n = c->nhist < Q_HISTORY ? c->nhist : Q_HISTORY;
  /* "he" or "she" after a person's description as the last speaker, close
  ** before: "a company spokesman" (a new person, so the pronoun is not
  ** anyone named before) at once; "the official" when nobody named fits */
  const q_speaker *desc = NULL;
  if (n && want != Q_GENDER_GROUP) {
    const q_speaker *h = &c->hist[(c->nhist - 1) % Q_HISTORY];
    if (!h->named && (h->gender == 0 || h->gender == want) && h->tok + 100 > at) desc = h;
    if (desc && h->len > 2 && (h->name[0] | 0x20) == 'a' && (h->name[1] == ' ' || (h->name[1] == 'n' && h->name[2] == ' '))) {
      q->speaker = h->name;
      q->speaker_len = h->len;
      return true;
    }
  }
  for (uint32_t k = 0; k < n; k++) {
    q_speaker *h = &c->hist[(c->nhist - 1 - k) % Q_HISTORY];
    bool person = h->gender == 1 || h->gender == 2 || h->gender == 0;
    /* "they" may stand for a plural description ("the lawmakers") */
    if (!h->named && !(want == Q_GENDER_GROUP && h->gender == Q_GENDER_GROUP)) continue;
    if (want == Q_GENDER_GROUP ? h->gender == Q_GENDER_GROUP : (person && (h->gender == 0 || h->gender == want))) {
      if (h->gender == 0 && want != Q_GENDER_GROUP) h->gender = want; /* learned from the pronoun */
      q->speaker = h->name;
      q->speaker_len = h->len;
      return true;
    }
  }
  if (desc) {
    q->speaker = desc->name;
    q->speaker_len = desc->len;
    return true;
  }
  if (want == Q_GENDER_GROUP) return false;
  /* no speaker yet: the nearest earlier person entity, else name run */
  uint32_t elo = 0, ehi = c->nent;
  while (elo < ehi) { /* first entity starting at or after the pronoun */
    uint32_t mid = elo + (ehi - elo) / 2;
    if (c->ent[mid].tok_begin < at) elo = mid + 1;
    else ehi = mid;
  }
  /* a person known to be of that gender first; else one of unknown
  ** gender ("Grammys", "Jungle Fever": often not a person at all) */
  const news_entity *unknown = NULL;
  for (uint32_t k = elo, seen = 0; k-- > 0 && seen < 256; seen++) { /* bounded: linear overall */
    const news_entity *e = &c->ent[k];
    /* not a name inside the quotation being attributed */
    if (c->cur_open != Q_NONE && e->tok_begin > c->cur_open && c->cur_open < at) continue;
    if (e->type != NEWS_ENT_PERSON || !plausible_person(c, e)) continue;
    uint8_t g = entity_gender(c, e);
    if (!g && e->canonical) g = string_gender(e->canonical, e->canonical_len);
    if (g && g != want) continue;
    if (!g) {
      if (!unknown) unknown = e;
      continue;
    }
    unknown = e;
    break;
  }
  if (unknown) {
    q->speaker = unknown->canonical;
    q->speaker_len = unknown->canonical_len;
    return true;
  }
  if (c->nent) return false;
  const q_name *nm = c->names.data;
  uint32_t lo = 0, hi = c->names.n;
  while (lo < hi) { /* first run starting at or after the pronoun */
    uint32_t mid = lo + (hi - lo) / 2;
    if (nm[mid].tok_begin < at) lo = mid + 1;
    else hi = mid;
  }
  for (uint32_t k = lo, seen = 0; k-- > 0 && seen < 512; seen++) {
    uint8_t g = name_gender(c, nm[k].tok_begin, nm[k].tok_end);
    /* without entities: a known given name of that gender, or among the
    ** ten nearest runs a two- or three-word one of unknown gender */
    if (g != want && (g || seen > 10 || nm[k].tok_end - nm[k].tok_begin > 3 || !person_like(c, &nm[k]) ||
                      !subject_position(c, nm[k].tok_begin)))
      continue;
    uint32_t a = nm[k].tok_begin;
    strip_titles(c, &a, nm[k].tok_end);
    q->speaker = (const char *)c->s + c->tok[a].start;
    q->speaker_len = c->tok[nm[k].tok_end - 1].end - c->tok[a].start;
    return true;
  }
  return false;
}

static void resolve_phrase(q_ctx *c, const np *p, news_quote *q);

/* "Reyes answered: “...,” he wrote": a pronoun attributing a quotation
** whose own sentence opens with a name before the quotation is that name
** when the gender fits.  Resolves it into q and returns true. */
static bool pronoun_subject(q_ctx *c, int pron, uint32_t at, news_quote *q) {
  uint32_t o = c->cur_open;
  if (o == Q_NONE || pron > W_SHE || c->tok[o].sentence != c->tok[at].sentence) return false;
  uint32_t s = c->tok[o].sentence;
  if (c->sent[s].tok_begin + 1 >= o) return false; /* the quotation opens the sentence */
  np subj;
  if (!sp_sentence_subject(c, s, 0, o < at ? o : at, &subj) || subj.pron || subj.nb <= subj.na ||
      !(subj.nb == subj.b || subj.head))
    return false;
  uint8_t g = name_gender(c, subj.na, subj.nb);
  q_name run = {subj.na, subj.nb};
  if ((g && g != (pron == W_HE ? 1 : 2)) || (!g && !person_like(c, &run))) return false;
  uint32_t sa = q->speaker_start, sb = q->speaker_end;
  resolve_phrase(c, &subj, q);
  q->speaker_start = sa; /* speaker_text stays the pronoun as written */
  q->speaker_end = sb;
  return true;
}

/* Fills q's speaker fields from phrase p and resolves it. */
void sp_set_speaker(q_ctx *c, const np *p, news_quote *q) {
  q->speaker_start = c->tok[p->a].start;
  q->speaker_end = c->tok[p->b - 1].end;
  if (p->pron) {
    if (pronoun_subject(c, p->pron, p->a, q)) return;
    if (!resolve_pronoun(c, p->pron, p->a, q)) {
      q->speaker = (const char *)c->s + q->speaker_start;
      q->speaker_len = q->speaker_end - q->speaker_start;
    }
    return;
  }
  resolve_phrase(c, p, q);
}

/* A PERSON entity e heads a speaker name starting at token na; q holds its
** canonical name.  Two fallbacks for a tagger that split or mistyped a name:
**   - the name split into adjacent PERSON entities ("Mohammad" + "Javad
**     Zarif"): the whole run as written;
**   - a one-word canonical name ("Katz", whose first mention "Israel Katz"
**     was typed LOC): the fullest earlier capitalised run ending with the
**     same word, when it looks like a person's name.
** Both look at a bounded number of entities or name runs. */
static void person_fullest(const q_ctx *c, uint32_t na, const news_entity *e, news_quote *q) {
  uint32_t k = (uint32_t)(e - c->ent), first = k;
  while (first > 0 && k - first < 4 && c->ent[first - 1].type == NEWS_ENT_PERSON &&
         c->ent[first - 1].tok_end == c->ent[first].tok_begin && c->ent[first - 1].tok_begin >= na)
    first--;
  if (first < k) {
    q->speaker = (const char *)c->s + c->ent[first].start;
    q->speaker_len = e->end - c->ent[first].start;
    return;
  }
  if (memchr(e->canonical, ' ', e->canonical_len) || e->tok_end != e->tok_begin + 1) return;
  uint32_t a = e->tok_begin, b = e->tok_end;
  expand_name(c, e->tok_begin, &a, &b);
  q_name run = {a, b};
  if (b - a < 2 || b - a > 4 || !person_like(c, &run)) return;
  q->speaker = (const char *)c->s + c->tok[a].start;
  q->speaker_len = c->tok[b - 1].end - c->tok[a].start;
}

/* Folds token i to lower case into buf (cap 32); returns its length or 0. */
static size_t fold_tok(const q_ctx *c, uint32_t i, char *buf) {
  const news_token *t = &c->tok[i];
  size_t n = news_fold((const char *)c->s + t->start, t->end - t->start, buf, 32);
  return n < 32 ? n : 0;
}

/* Phrase p is a determiner and one title word ("the secretary", "The
** Senator"): the PERSON entity most recently written with that title
** (within 256 entities back).  Resolves it into q and returns true. */
static bool title_person(const q_ctx *c, const np *p, news_quote *q) {
  if (p->b != p->a + 2 || news_speaker_word(c, p->a) != W_DET || news_speaker_word(c, p->a + 1) != W_TITLE)
    return false;
  char want[32], got[32];
  size_t wn = fold_tok(c, p->a + 1, want);
  if (!wn) return false;
  uint32_t lo = 0, hi = c->nent;
  while (lo < hi) { /* first entity starting at or after the phrase */
    uint32_t mid = lo + (hi - lo) / 2;
    if (c->ent[mid].tok_begin < p->a) lo = mid + 1;
    else hi = mid;
  }
  for (uint32_t k = lo, seen = 0; k-- > 0 && seen < 256; seen++) {
    const news_entity *e = &c->ent[k];
    if (e->type != NEWS_ENT_PERSON || !e->canonical) continue;
    uint32_t from = e->tok_begin > 5 ? e->tok_begin - 5 : 0;
    for (uint32_t t = from; t < e->tok_begin; t++) {
      size_t gn = fold_tok(c, t, got);
      if (gn == wn && !memcmp(got, want, wn)) {
        q->speaker = e->canonical;
        q->speaker_len = e->canonical_len;
        person_fullest(c, e->tok_begin, e, q);
        return true;
      }
    }
  }
  return false;
}

/* Resolves the non-pronoun phrase p into q->speaker and remembers it. */
static bool has_bank(const char *s, uint32_t n) {
  for (uint32_t i = 0; i + 4 <= n; i++)
    if (!memcmp(s + i, "Bank", 4) || !memcmp(s + i, "Banc", 4)) return true;
  return false;
}

/* "the company", "the bank" (two words: "the" and a word for a business):
** the organisation among the last three named sources, within 400 tokens
** (for "the bank", one with "Bank" in its name).  False when there is none. */
static bool company_phrase(const q_ctx *c, const np *p, news_quote *q) {
  static const char *const nouns[] = {"company", "firm", "corporation", "conglomerate", "concern",
                                      "bank", NULL};
  if (p->b != p->a + 2 || p->pron) return false;
  const news_token *t = &c->tok[p->a], *u = &c->tok[p->a + 1];
  if (t->end - t->start != 3 || (c->s[t->start] | 0x20) != 't' || memcmp(c->s + t->start + 1, "he", 2) ||
      u->kind != NEWS_TOK_WORD)
    return false;
  const char *const *w = nouns;
  while (*w && !sp_word_is((const char *)c->s + u->start, u->end - u->start, *w)) w++;
  if (!*w) return false;
  bool bank = !strcmp(*w, "bank"); /* "the bank" only for a name with "Bank" in it */
  uint32_t n = c->nhist < Q_HISTORY ? c->nhist : Q_HISTORY;
  for (uint32_t k = 0; k < n && k < 3; k++) {
    const q_speaker *h = &c->hist[(c->nhist - 1 - k) % Q_HISTORY];
    if (h->named && h->gender == Q_GENDER_GROUP && h->tok + 400 > p->a && (!bank || has_bank(h->name, h->len))) {
      q->speaker = h->name;
      q->speaker_len = h->len;
      return true;
    }
  }
  /* no source named yet: the organisation last opening a sentence ("Mobil
  ** Corp filed with the SEC ... Proceeds will be used for ..., the company
  ** said") */
  if (n) return false;
  uint32_t k = first_entity_after(c, p->a);
  for (uint32_t seen = 0; k-- > 0 && seen < 64; seen++) {
    const news_entity *e = &c->ent[k];
    if (e->tok_begin + 400 < p->a) break;
    if (e->type != NEWS_ENT_ORG || !e->canonical || c->sent[c->tok[e->tok_begin].sentence].tok_begin != e->tok_begin ||
        (bank && !has_bank(e->canonical, e->canonical_len)))
      continue;
    q->speaker = e->canonical;
    q->speaker_len = e->canonical_len;
    return true;
  }
  return false;
}

/* What a description may be called, from its head noun (the last word
** before a preposition: "a spokeswoman for the agency"):
**   - a person's title or a word for a person after a determiner is he or
**     she (the gender of the noun, else 0: "the official");
**   - a plural is a group (Q_GENDER_GROUP, "officials");
**   - another lower-case noun after "the", "a", "an" or "this" is a thing
**     (Q_GENDER_THING, "the report");
**   - anything else (a phrase misread around a verb) is Q_GENDER_OTHER. */
static uint8_t desc_gender(const q_ctx *c, const np *p) {
  uint32_t h = p->b - 1;
  for (uint32_t k = p->a + 1; k < p->b; k++)
    if (news_speaker_word(c, k) == W_PREP) {
      h = k - 1;
      break;
    }
  while (h > p->a && c->tok[h].kind != NEWS_TOK_WORD) h--;
  const news_token *t = &c->tok[h], *f = &c->tok[p->a];
  const char *w = (const char *)c->s + t->start, *fw = (const char *)c->s + f->start;
  uint32_t n = t->end - t->start, fn = f->end - f->start;
  if (t->kind != NEWS_TOK_WORD) return Q_GENDER_OTHER;
  if (n > 2 && w[n - 1] == 's' && w[n - 2] != 's') return Q_GENDER_GROUP;
  if (h == p->a) return Q_GENDER_OTHER;
  bool det = news_speaker_word(c, p->a) == W_DET;
  uint8_t g = noun_gender(c, h + 1);
  if (det && (g || news_speaker_word(c, h) == W_TITLE)) return g;
  if ((word_is_ci(fw, fn, "the") || word_is_ci(fw, fn, "a") || word_is_ci(fw, fn, "an") ||
       word_is_ci(fw, fn, "this")) &&
      !(t->flags & NEWS_TF_UPPER) && n > 2 && !(n > 3 && w[n - 2] == 'e' && w[n - 1] == 'd'))
    return Q_GENDER_THING;
  return Q_GENDER_OTHER;
}

/* Does the name [a, b) join two names with "and" or "&" ("S and P")? */
static bool joined_name(const q_ctx *c, uint32_t a, uint32_t b) {
  for (uint32_t k = a + 1; k + 1 < b; k++)
    if (sp_word_at(c, k, "and") || (c->tok[k].end == c->tok[k].start + 1 && c->s[c->tok[k].start] == '&'))
      return true;
  return false;
}

static void resolve_phrase(q_ctx *c, const np *p, news_quote *q) {
  /* a name that heads the phrase ("Sen. Lee", "Lee, a Democrat", "the
  ** State Department"); in "a spokesman for Lee" the name is not the speaker */
  bool named = p->nb > p->na && (p->nb == p->b || p->head);
  const news_entity *e = named ? entity_in(c, p->na, p->nb) : NULL;
  /* two names joined ("Standard and Poor's Corp", "Mr. Grassley and Mr.
  ** Leahy"), not one entity: the whole as written, a firm or a pair */
  if (named && joined_name(c, p->na, p->nb) && !(e && e->tok_begin <= p->na && e->tok_end >= p->nb)) {
    q->speaker = (const char *)c->s + c->tok[p->na].start;
    q->speaker_len = c->tok[p->nb - 1].end - c->tok[p->na].start;
    remember(c, q->speaker, q->speaker_len, p->a, Q_GENDER_GROUP, true);
    return;
  }
  if (e && e->canonical) {
    q->speaker = e->canonical;
    q->speaker_len = e->canonical_len;
    if (e->type == NEWS_ENT_PERSON) person_fullest(c, p->na, e, q);
    remember(c, q->speaker, q->speaker_len, p->a,
             e->type == NEWS_ENT_ORG ? Q_GENDER_GROUP : entity_gender(c, e), true);
    return;
  }
  /* "The Republican is ...", "two Democratic strategists": a group's word
  ** (a NORP or MISC entity) is a description, not a name */
  if (named && !e && norp_at(c, p->na, p->nb)) named = false;
  /* "Delegates questioned ...": one capitalised plural opening its sentence,
  ** with no entity on it, is a description of a group, not a name */
  if (named && p->nb == p->na + 1 && c->sent[c->tok[p->na].sentence].tok_begin == p->na &&
      c->tok[p->na].kind == NEWS_TOK_WORD && c->tok[p->na].end - c->tok[p->na].start > 3 &&
      c->s[c->tok[p->na].end - 1] == 's' && c->s[c->tok[p->na].end - 2] != 's')
    named = false;
  if (named) {
    /* drop titles, expand a surname */
    uint32_t a = p->na, b = p->nb;
    strip_titles(c, &a, b);
    uint8_t g = name_gender(c, p->na, p->nb);
    expand_name(c, p->na, &a, &b);
    if (!g) g = name_gender(c, a, b);
    q_name run = {a, b};
    if (!g && !person_like(c, &run)) g = Q_GENDER_GROUP; /* "Acme Bank": not he or she */
    q->speaker = (const char *)c->s + c->tok[a].start;
    q->speaker_len = c->tok[b - 1].end - c->tok[a].start;
    remember(c, q->speaker, q->speaker_len, p->a, g, true);
    return;
  }
  /* a bare title ("the secretary", "the senator") is the person last
  ** named with it */
  if (title_person(c, p, q)) {
    remember(c, q->speaker, q->speaker_len, p->a, 0, true);
    return;
  }
  /* "the company" is the company last named as a source */
  if (company_phrase(c, p, q)) {
    remember(c, q->speaker, q->speaker_len, p->a, Q_GENDER_GROUP, true);
    return;
  }
  /* a description stands for itself */
  q->speaker = (const char *)c->s + c->tok[p->a].start;
  q->speaker_len = c->tok[p->b - 1].end - c->tok[p->a].start;
  remember(c, q->speaker, q->speaker_len, p->a, desc_gender(c, p), false);
}


void news_speaker_subject(q_ctx *c, uint32_t s) {
  uint32_t a = c->sent[s].tok_begin, b = c->sent[s].tok_end, se = b;
  /* a leading phrase with no name, up to its comma: "In a statement issued
  ** Tuesday, ...", "A Democrat, Mr. Justice ..." */
  int w0 = news_speaker_word(c, a);
  if (w0 == W_STOP || w0 == W_PREP || w0 == W_DET) {
    uint32_t k = a;
    while (k < se && k < a + 16 && !sp_is_punct(&c->tok[k], ',')) k++;
    uint32_t f = first_entity_after(c, a);
    bool name = f < c->nent && c->ent[f].tok_begin < k &&
                (c->ent[f].type == NEWS_ENT_PERSON || c->ent[f].type == NEWS_ENT_ORG);
    if (k + 1 < se && sp_is_punct(&c->tok[k], ',') && !name && (w0 != W_DET || k <= a + 3)) a = k + 1;
  }
  if (b > a + 8) b = a + 8;
  /* the first PERSON or ORG entity of the sentence, if it starts early */
  uint32_t lo = first_entity_after(c, a);
  const news_entity *e = NULL;
  for (uint32_t k = lo; k < c->nent && c->ent[k].tok_begin < b && !e; k++)
    if (c->ent[k].type == NEWS_ENT_PERSON || c->ent[k].type == NEWS_ENT_ORG) e = &c->ent[k];
  if (!e || e->type != NEWS_ENT_PERSON || !e->canonical || !subject_position(c, e->tok_begin) ||
      !plausible_person(c, e))
    return;
  /* one word opening the sentence ("Boring lessons ...") is a name only when
  ** the article gives a fuller one or a title */
  if (e->tok_end == e->tok_begin + 1 && e->tok_begin == c->sent[s].tok_begin && e->title_end == e->title_start &&
      !memchr(e->canonical, ' ', e->canonical_len))
    return;
  /* the subject: its verb (or an apposition) follows the name */
  uint32_t k = e->tok_end;
  while (k < c->ntok && k < e->tok_end + 6 && c->tok[k].kind != NEWS_TOK_WORD) k++; /* "(D-Mo.)" */
  if (k >= c->ntok || (c->tok[k].flags & NEWS_TF_UPPER)) return;
  /* nothing but a title ("presidential nominee") or an adverbial before it */
  bool titled = e->tok_begin > a && news_speaker_word(c, e->tok_begin - 1) == W_TITLE;
  for (uint32_t i = a; i < e->tok_begin; i++) {
    /* a name inside a quotation is no subject: "To which she said, “Thank
    ** God ...”" */
    if (NEWS_TOK_IS(c->tok[i].kind, NEWS_TOK_RANGE_QUOTE)) return;
    if (c->tok[i].kind != NEWS_TOK_WORD) continue;
    int w = news_speaker_word(c, i);
    if (w >= W_HE && w <= W_IT) return; /* "She noted trade representative Clayton Yeutter" */
    if (!(c->tok[i].flags & NEWS_TF_UPPER) && i + 1 < e->tok_begin && !sp_is_punct(&c->tok[i + 1], ',') &&
        !(titled && i + 3 >= e->tok_begin))
      return;
  }
  news_quote q;
  memset(&q, 0, sizeof q);
  q.speaker = e->canonical;
  q.speaker_len = e->canonical_len;
  person_fullest(c, e->tok_begin, e, &q);
  remember(c, q.speaker, q.speaker_len, e->tok_begin, entity_gender(c, e), true);
}

void news_speaker_phrase(q_ctx *c, uint32_t a, uint32_t b, news_quote *q) {
  np p;
  memset(&p, 0, sizeof p);
  p.a = p.na = a;
  p.b = p.nb = b;
  sp_set_speaker(c, &p, q);
}

void news_speaker_pronoun(q_ctx *c, uint32_t i, int pron, news_quote *q) {
  np p;
  memset(&p, 0, sizeof p);
  p.a = p.na = p.nb = i;
  p.b = i + 1;
  p.pron = pron;
  sp_set_speaker(c, &p, q);
}

const char *news_speaker_plain(news_doc *d, const char *speaker, uint32_t len) {
  if (!speaker || len < 2 || speaker[0] < 'A' || speaker[0] > 'Z') return speaker;
  const char *sp = memchr(speaker, ' ', len);
  int w = news_lex_find(&news_lex_speaker_words, speaker, sp ? (uint32_t)(sp - speaker) : len);
  /* "It", not "I"; "Officials", "Dealers" (speaker_groups.tsv) */
  bool group = !sp && news_lex_find(&news_lex_speaker_groups, speaker, len);
  if (sp ? w != W_DET : (w < W_HE || w > W_IT || w == W_I) && !group) return speaker;
  for (const char *p = sp; p && p < speaker + len; p++)
    if ((*p >= 'A' && *p <= 'Z') || (unsigned char)*p >= 0x80) return speaker; /* a name: "The Hague" */
  char *out = news_arena_strdup(&d->arena, speaker, len);
  if (out) out[0] = (char)(out[0] - 'A' + 'a');
  return out;
}
