/*
** attrib.c -- attribution relations: who said, wrote or holds true what,
** quoted or reported.  One row per relation: its content, its source (the
** speaker) and its cue.
**
** HOW IT WORKS
**   The quotation pass of quotes.c walks the quotations in text order; before
**   each one it hands the stretch of text since the previous quotation to
**   news_attrib_reported(), which finds the reported statements there.  So
**   the speakers of quotations and of reported statements are resolved by
**   the same code (speaker_*.c) with one history, in text order: "he" after
**   "Lee said the plan would fail." resolves to Lee whether or not Lee was
**   ever quoted.
**
**   Reported statements.  A cue outside quotation marks -- a speech verb
**   ("said", "told", "tweeted"), a belief verb ("believes", "thinks",
**   speech_verbs.tsv class 4) or "according to" -- with a source found by
**   speaker_rules.c makes a row:
**     - "Lee said (on Friday) (that) the plan would fail.": the content runs
**       from "that" (or the word after the verb and its object: "told
**       reporters") to the end of the sentence;
**     - "The plan will fail, Lee said." / ", said Lee.": the content runs from
**       the sentence start to the comma before the attribution;
**     - "According to Lee, the plan ..." / "The plan ..., according to Lee.".
**   A verb right after a closing mark, or introducing a quotation ("said:
**   “"), belongs to that quotation's row instead.
**
**   Assembly (news_attrib_finish).  Every kept quotation is a row (content
**   with its marks).  A quotation continued after its own attribution
**   (“...,” Lee said. “...”) in the same paragraph is one row spanning both
**   parts.  A quotation lying inside a reported statement's content is part
**   of it: the statement's row becomes kind `mixed` and the quotation's own
**   row goes.  The rows are then sorted by content start.
**
** Every scan is bounded by the sentence and by MAX_SPAN tokens around the
** cue, so the pass stays linear.
*/
#include "attrib_model.h"
#include "lexicon.h"
#include "quotes_int.h"

#include <stdlib.h>

/* Longest stretch of a sentence, in tokens either side of a cue, that a
** statement or its source may take: keeps the pass linear in a text whose
** "sentence" runs on for pages. */
#define MAX_SPAN 150
#ifndef PREP_CUE_WORDS
#define PREP_CUE_WORDS 1
#endif

/* Which rule made a row (news_attribution.rule). */
enum {
  R_QUOTE = 1,      /* a quotation, with the speaker quotes() gives it */
  R_THAT,           /* Lee said that ... / Lee said the plan ... */
  R_INVERTED,       /* ..., Lee said. */
  R_ACCORDING_LEAD, /* According to Lee, ... */
  R_ACCORDING_TAIL, /* ..., according to Lee. */
  R_COLON,          /* Lee: the plan will fail. (a label opening its sentence) */
  R_ASKED,          /* Asked whether ..., (the question, no source) */
  R_PREP,           /* Lee called for an inquiry. (a verb and its preposition) */
  R_POLL,           /* In the Courier poll, ... */
  R_EXPECTED,       /* The ruling is expected to come in May. (no source) */
  R_NOMINAL         /* his claim that ... / Lee is confident that ... */
};

const char *news_attr_kind_name(unsigned kind) {
  switch (kind) {
  case NEWS_ATTR_DIRECT: return "direct";
  case NEWS_ATTR_MIXED: return "mixed";
  case NEWS_ATTR_INDIRECT: return "indirect";
  default: return "unknown";
  }
}

static bool is_punct(const news_token *t, int32_t cp) {
  return t->kind == NEWS_TOK_PUNCT && t->mark == cp;
}

static bool is_dq(const news_token *t) {
  return NEWS_TOK_IS(t->kind, NEWS_TOK_RANGE_QUOTE) && (t->flags & NEWS_TF_DOUBLE);
}

static bool terminal(const news_token *t) {
  return is_punct(t, '.') || is_punct(t, '!') || is_punct(t, '?') || is_punct(t, ';');
}

static bool word_at(const q_ctx *c, uint32_t i, const char *lit) {
  const news_token *t = &c->tok[i];
  /* the first letter first: most tokens differ there (a hot path) */
  if (t->kind != NEWS_TOK_WORD || c->s[t->start] != (unsigned char)lit[0]) return false;
  size_t n = strlen(lit);
  return t->kind == NEWS_TOK_WORD && t->end - t->start == n && !memcmp(c->s + t->start, lit, n);
}

static bool word_in(const q_ctx *c, uint32_t i, const char *const *list) {
  for (; *list; list++)
    if (word_at(c, i, *list)) return true;
  return false;
}

/* Words in [a, b) (letters or digits). */
static uint32_t words(const q_ctx *c, uint32_t a, uint32_t b) {
  uint32_t n = 0;
  for (uint32_t i = a; i < b; i++) n += NEWS_TOK_IS(c->tok[i].kind, NEWS_TOK_RANGE_WORD) || NEWS_TOK_IS(c->tok[i].kind, NEWS_TOK_RANGE_NUMBER);
  return n;
}

/* The lower-case words among tokens [a, b). */
static uint32_t lower_words(const q_ctx *c, uint32_t a, uint32_t b) {
  uint32_t n = 0;
  for (uint32_t i = a; i < b; i++) n += c->tok[i].kind == NEWS_TOK_WORD && !(c->tok[i].flags & NEWS_TF_UPPER);
  return n;
}

static bool lower_word(const q_ctx *c, uint32_t i) {
  return c->tok[i].kind == NEWS_TOK_WORD && !(c->tok[i].flags & NEWS_TF_UPPER);
}

/* Does word i end in suffix? */
static bool ends(const q_ctx *c, uint32_t i, const char *suffix) {
  const news_token *t = &c->tok[i];
  size_t n = strlen(suffix), len = t->end - t->start;
  return t->kind == NEWS_TOK_WORD && len > n + 2 && !memcmp(c->s + t->end - n, suffix, n);
}

/* A verb the statement's own subject goes on with: "... but declined to",
** "... and urged": a lower-case past or present form after the link. */
static bool next_predicate(const q_ctx *c, uint32_t i) {
  return lower_word(c, i) && (ends(c, i, "ed") || news_attrib_verb(c, i) || word_at(c, i, "also"));
}

/* Finite verbs and auxiliaries that open a clause's predicate, and the
** pronouns that are its subject. */
static const char *const finite[] = {"is", "was", "were", "are", "will", "would", "could", "can", "has", "had",
                                     "have", "should", "may", "might", "did", "does", "do", NULL};
static const char *const subject_prons[] = {"he", "she", "they", "we", "I", NULL};

/* Is the clause of "which" at token k set off inside its sentence, the
** statement going on after its closing comma with a verb ("the production,
** which cost £9m, was a blend of ...")?  Looks at most 40 tokens ahead. */
static bool embedded_which(const q_ctx *c, uint32_t k, uint32_t se) {
  for (uint32_t j = k + 1; j + 1 < se && j < k + 40; j++) {
    if (is_dq(&c->tok[j]) || terminal(&c->tok[j])) return false;
    if (is_punct(&c->tok[j], ',')) return word_in(c, j + 1, finite);
  }
  return false;
}

/* Does a clause of its own start at token k, after a comma, in a statement
** starting at token a: a subject pronoun and a finite verb ("invoked the
** rising seas to thrill his supporters, he did not have ..."), not after a
** subordinate clause opening the statement ("if it rains, he will stay"),
** or a name and a verb of speech ("wrote his book, Mr. McKinley said")? */
static bool new_clause(const q_ctx *c, uint32_t a, uint32_t k, uint32_t se) {
  static const char *const subordinators[] = {"if", "If", "when", "When", "because", "Because", "although",
                                              "Although", "though", "while", "While", "as", "As", "after",
                                              "After", "before", "Before", "since", "Since", "until", "unless",
                                              "Unless", "once", "Once", "whether", NULL};
  if (k + 1 >= se) return false;
  if (word_in(c, k, subject_prons) && (word_in(c, k + 1, finite) || c->tok[k + 1].kind == NEWS_TOK_CLITIC) &&
      words(c, a, k) >= 2) {
    for (uint32_t j = a; j < k; j++)
      if (word_in(c, j, subordinators)) return false;
    return true;
  }
  /* a condition closing the sentence after it: ", should Clinton attempt
  ** a return." (not one set off inside it: "that, had he been ..., he") */
  if (word_at(c, k, "should") && ((c->tok[k + 1].flags & NEWS_TF_UPPER) || word_in(c, k + 1, subject_prons))) {
    for (uint32_t j = k + 1; j < se; j++)
      if (is_punct(&c->tok[j], ',')) return false;
    return true;
  }
  uint32_t j = k;
  while (j < se && j < k + 4 && (c->tok[j].flags & NEWS_TF_UPPER) &&
         (c->tok[j].kind == NEWS_TOK_WORD || c->tok[j].kind == NEWS_TOK_ABBREV))
    j++;
  /* not "Colombia continues to achieve ..." */
  return j > k && j + 1 < se && news_speaker_verb(c, j) && !word_at(c, j + 1, "to");
}

/* Does [a, b) hold a verb of a clause: "that", a pronoun subject, an
** auxiliary or a past form ("he fell", "prices have risen", "it ended")? */
static bool has_verb(const q_ctx *c, uint32_t a, uint32_t b) {
  for (uint32_t j = a; j < b; j++)
    if (word_at(c, j, "that") || word_at(c, j, "it") || word_in(c, j, subject_prons) || word_in(c, j, finite) ||
        (lower_word(c, j) && ends(c, j, "ed")))
      return true;
  return false;
}

/* End of a reported statement starting at token a in a sentence ending at
** se: the sentence end (without its terminal mark) or, outside quotation
** marks, the first clause that is no longer the statement: a semicolon or
** dash, ", while ...", ", saying ...", ", he said", ", according to",
** "but declined ...", "and who ...". */
static uint32_t content_end(const q_ctx *c, uint32_t a, uint32_t se) {
  static const char *const links[] = {"while", "whereas", "although", "though", "who", "which", "but", "according", NULL};
  /* -ing words that are prepositions: ", during the war, ..." goes on */
  static const char *const ing_preps[] = {"during", "including", "regarding", "concerning", NULL};
  /* ", and when pressed, she replied ...": the writer's next clause */
  static const char *const clause_openers[] = {"when", "after", "while", "before", "since", NULL};
  /* "The officials, who asked not to be named, said ...": the verb of
  ** the sentence after a clause set off inside its subject */
  static const char *const main_verbs[] = {"said", "says", "told", "added", NULL};
  bool quoted = false;
  uint32_t e = se;
  if (a >= se) return se; /* "..., according to X," ends the text */
  for (uint32_t i = is_dq(&c->tok[a]) ? a : a + 1; i < se; i++) {
    const news_token *t = &c->tok[i];
    if (is_dq(t)) {
      quoted = t->kind == NEWS_TOK_QUOTE_OPEN;
      /* "... because “most people don’t know,” she said": the statement
      ** ends with the quotation */
      if (!quoted && i > a && is_punct(&c->tok[i - 1], ',') && i + 2 < se && word_in(c, i + 1, subject_prons) &&
          news_speaker_verb(c, i + 2)) {
        e = i + 1;
        break;
      }
      continue;
    }
    if (quoted) continue;
    /* a dash between spaces ("low- and middle-income", "21st-century" are words) */
    if (is_punct(t, ';') || (t->kind == NEWS_TOK_DASH && i > a && c->tok[i - 1].end < t->start &&
                             i + 1 < se && c->tok[i + 1].start > t->end)) {
      e = i;
      break;
    }
    if (i + 1 >= se) break;
    if (is_punct(t, ',')) {
      uint32_t k = i + 1;
      if ((word_in(c, k, links) && !(word_at(c, k, "which") && embedded_which(c, k, se))) || (lower_word(c, k) && ends(c, k, "ing") && !word_in(c, k, ing_preps)) ||
          (word_in(c, k, subject_prons) && k + 1 < se && news_speaker_verb(c, k + 1)) || new_clause(c, a, k, se) ||
          word_in(c, k, main_verbs)) {
        e = i;
        break;
      }
    }
    /* "touted his polling strength while needling opponents": an object,
    ** then what the source did meanwhile (but "said he fell while skiing") */
    if (i > a && word_at(c, i, "while") && i + 1 < se && lower_word(c, i + 1) && ends(c, i + 1, "ing") &&
        !has_verb(c, a, i)) {
      e = i;
      break;
    }
    if ((word_at(c, i, "but") || word_at(c, i, "and")) && i + 1 < se &&
        (next_predicate(c, i + 1) || word_at(c, i + 1, "who") ||
         (i > a && is_punct(&c->tok[i - 1], ',') && word_in(c, i + 1, clause_openers)))) {
      e = i;
      if (e > a && is_punct(&c->tok[e - 1], ',')) e--;
      break;
    }
  }
  while (e > a && (terminal(&c->tok[e - 1]) || c->tok[e - 1].kind == NEWS_TOK_ELLIPSIS || is_punct(&c->tok[e - 1], ','))) e--;
  return e;
}

/* Does s[0..n) hold the word w[0..wn) (whole, case as written)? */
static bool has_word(const char *s, size_t n, const char *w, size_t wn) {
  if (!wn) return false;
  for (size_t i = 0; i + wn <= n; i++)
    if (!memcmp(s + i, w, wn) && (i == 0 || s[i - 1] == ' ') && (i + wn == n || s[i + wn] == ' ')) return true;
  return false;
}

static news_rc push(q_ctx *c, uint32_t a, uint32_t b, const news_quote *q, uint8_t rule) {
  /* a source inside its own content is a misreading ("she, too, wants an
  ** inquiry": "an inquiry" is no source of "wants") */
  if (q->speaker_end > q->speaker_start && q->speaker_start < c->tok[b - 1].end && c->tok[a].start < q->speaker_end)
    return NEWS_OK;
  news_attribution *r = news_doc_vec_push(c->d, c->attribs);
  if (!r) return NEWS_ERR_NOMEM;
  r->start = c->tok[a].start;
  r->end = c->tok[b - 1].end;
  r->sentence = c->tok[a].sentence;
  r->kind = NEWS_ATTR_INDIRECT;
  r->rule = rule;
  r->speaker_start = q->speaker_start;
  r->speaker_end = q->speaker_end;
  r->cue_start = q->verb_start;
  r->cue_end = q->verb_end;
  r->speaker = q->speaker;
  r->speaker_len = q->speaker_len;
  /* a name that holds the cue ("Lee Says Bridge", a headline the tagger
  ** read as one name) is a misreading: the source as written instead */
  if (r->speaker && has_word(r->speaker, r->speaker_len, (const char *)c->s + r->cue_start, r->cue_end - r->cue_start)) {
    uint32_t k = news_quote_tok_at(c, r->speaker_start, 0, c->ntok);
    while (k + 1 < c->ntok && c->tok[k + 1].end <= r->speaker_end && news_speaker_word(c, k) == W_TITLE) k++;
    r->speaker = (const char *)c->s + c->tok[k].start;
    r->speaker_len = r->speaker_end - c->tok[k].start;
  }
  return NEWS_OK;
}

/* Object words that may stand between "told"/"asked" and what was said. */
static const char *const objects[] = {"reporters", "journalists", "him", "her", "them", "us", "me", "you",
                                      "supporters", "voters", "viewers", "listeners", "audiences",
                                      "lawmakers", "colleagues", "members", NULL};
static const char *const tell_verbs[] = {"told", "tell", "tells", "telling", "asked", "warned", "assured",
                                         "reminded", "informed", "urged", "promised", NULL};
/* Words that open a phrase about the saying, not what was said. */
static const char *const preps[] = {"in", "on", "at", "as", "during", "after", "before", "while", "when",
                                    "according", "to", "with", "from", "of", "for", "by", "about", NULL};
static const char *const be_forms[] = {"was", "were", "is", "are", "be", "been", "being", NULL};

/* A day or time word ("Friday", "week"; speaker_words.tsv class TIME). */
static bool time_word(const q_ctx *c, uint32_t i) {
  const news_token *t = &c->tok[i];
  return t->kind == NEWS_TOK_WORD &&
         news_lex_find(&news_lex_speaker_words, (const char *)c->s + t->start, t->end - t->start) == W_TIME;
}
static const char *const time_openers[] = {"on", "last", "this", "late", "early", "earlier", NULL};

/* A lower-case adverb in -ly ("repeatedly said", "said publicly that"). */
static bool sp_adverb(const q_ctx *c, uint32_t i) { return lower_word(c, i) && ends(c, i, "ly"); }

/* Start of the content after cue v (the sentence ends at se), or se when
** nothing that can be a statement follows. */
static uint32_t content_after(const q_ctx *c, uint32_t v, uint32_t se) {
  static const char *const subjects[] = {"he", "she", "they", "we", "I", "it", NULL};
  static const char *const adverbs[] = {"earlier", "later", "then", "also", "again", "instead", "only", "today",
                                        "yesterday", "last", "this", "over", "once", "now", "too", NULL};
  static const char *const stance_nouns[] = {"concern", "concerns", "confidence", "doubt", "doubts", "optimism",
                                              "skepticism", "frustration", "hope", "fears", NULL};
  uint32_t k = v + 1;
  /* "expressed concern that ..." / "voiced confidence about ...": what
  ** was said is after the noun */
  if (k + 2 < se && word_in(c, k, stance_nouns) && (word_at(c, k + 1, "that") || word_at(c, k + 1, "about")))
    return word_at(c, k + 1, "that") ? k + 1 : k + 2;
  /* "said (on Friday / in a statement / last week) that ...": a "that"
  ** within eight tokens (sixteen after "told": the person told may be a long
  ** phrase, "told one of his young protégés on a regular basis that"; not
  ** after "urged", where it is a relative: "urged Congress to pass a bill
  ** that ..."), with
  ** no other verb of speech and no clause of its own between ("said he came
  ** to see that ..." says "he came ...") */
  static const char *const tell_that[] = {"told", "tell", "tells", "telling", "assured", "informed", "reminded", NULL};
  for (uint32_t j = k; j < se && j < k + (word_in(c, v, tell_that) ? 16 : 8); j++) {
    if (terminal(&c->tok[j]) || is_dq(&c->tok[j]) || news_attrib_verb(c, j)) break;
    /* "criticized the bill that ...": an object before "that" is no phrase
    ** about the saying (but "said on Monday that", "told reporters that") */
    if (j == k && lower_word(c, j) && !word_in(c, j, preps) && !time_word(c, j) && !word_in(c, v, tell_verbs) &&
        !word_at(c, j, "that") && !sp_adverb(c, j) && !word_in(c, j, adverbs))
      break;
    if ((word_in(c, j, subjects) || word_in(c, j, finite))) break;
    if (word_at(c, j, "that")) return j;
  }
  if (word_in(c, v, tell_verbs) && k < se) {
    /* the person told: a name, a pronoun, "reporters" */
    if (c->tok[k].flags & NEWS_TF_UPPER) {
      while (k < se && ((c->tok[k].flags & NEWS_TF_UPPER) || c->tok[k].kind == NEWS_TOK_CLITIC ||
                        c->tok[k].kind == NEWS_TOK_ABBREV))
        k++;
    } else if (word_in(c, k, objects)) {
      k++;
    }
    /* "asked Clinton about her email scandal": what was asked is after it
    ** (but "told Reuters about half the seamen had returned" is a number) */
    if (k > v + 1 && k + 1 < se && word_at(c, k, "about") && !word_at(c, k + 1, "half") &&
        !NEWS_TOK_IS(c->tok[k + 1].kind, NEWS_TOK_RANGE_NUMBER))
      k++;
  }
  /* "said Wednesday she ...", "told reporters on Friday the ..." */
  while (k + 1 < se) {
    if (time_word(c, k)) k++;
    else if (word_in(c, k, time_openers) && time_word(c, k + 1)) k += 2;
    else break;
  }
  while (k < se && (is_punct(&c->tok[k], ',') || is_punct(&c->tok[k], ':'))) k++;
  return k;
}

/* The inverted shape of cue v, "..., Lee said.": fills q's source and sets
** *b to the end of the content (which starts at lo); false when the
** sentence has another shape. */
static bool inverted(q_ctx *c, uint32_t v, int cls, uint32_t lo, uint32_t se, news_quote *q, uint32_t *b) {
  const news_token *tok = c->tok;
  if (!news_speaker_for_verb(c, v, cls, lo, se, q)) return false;
  uint32_t sa = news_quote_tok_at(c, q->speaker_start, lo, se);
  uint32_t first = sa < v ? sa : v;
  /* "..., the Meteorological Agency said": the article is not in the name */
  if (first > lo + 2 && news_speaker_word(c, first - 1) == W_DET && is_punct(&tok[first - 2], ',')) first--;
  if (first <= lo + 1 || !is_punct(&tok[first - 1], ',')) return false;
  *b = first - 1;
  for (uint32_t j = lo; j < *b; j++)
    if (is_dq(&tok[j])) return false; /* a quotation there has this verb */
  return words(c, lo, *b) >= 3;
}

/* A verb and its preposition that PolNeAR reads as one cue, the statement
** being the preposition's object: "called for an end to ...", "called on
** Congress to ...", "was referring to the judge", "pointed to the polls",
** "talked about the wall", "pointed out that ...", "made clear that ...",
** "was critical of the plan", "pushing for a vote", "railed against".  Counted on PolNeAR's train split: each pair is a
** cue in at least half of its uses there. */
static bool prep_cue(const q_ctx *c, uint32_t v) {
  static const char *const call[] = {"call", "calls", "called", "calling", NULL};
  static const char *const to[] = {"refer", "refers", "referred", "referring", "point", "points", "pointed", "pointing", NULL};
  static const char *const about[] = {"talk", "talks", "talked", "talking", "speak", "speaks", "spoke", "spoken", "speaking", NULL};
  static const char *const bare[] = {"call", "refer", "point", "talk", "speak", NULL};
  /* a bare form is a verb only after a subject pronoun, "to" or an
  ** auxiliary ("will call for"), not as a noun ("a phone call for help") */
  static const char *const before_bare[] = {"to", "will", "would", "can", "could", "should", "must", "did", "do",
                                            "does", "not", "n't", "I", "we", "you", "they", "also", NULL};
  if (v + 2 >= c->ntok || !lower_word(c, v) || c->tok[v + 1].kind != NEWS_TOK_WORD) return false;
  uint32_t nl = c->tok[v + 1].end - c->tok[v + 1].start;
  uint32_t vl = c->tok[v].end - c->tok[v].start;
  if (nl < 2 || nl > 7 || !strchr("ftaoc", c->s[c->tok[v + 1].start]) || vl < 4 || vl > 9 ||
      !strchr("cmprst", c->s[c->tok[v].start]))
    return false;
  if (word_in(c, v, bare) && (v == 0 || !word_in(c, v - 1, before_bare))) return false;
  /* "rose 39 points to 2367", "rejected calls for": a noun after a number
  ** or a verb */
  if ((word_at(c, v, "points") || word_at(c, v, "calls") || word_at(c, v, "talks")) &&
      (v == 0 || c->tok[v - 1].kind != NEWS_TOK_WORD || ends(c, v - 1, "ed") || word_at(c, v - 1, "percentage") ||
       word_at(c, v - 1, "basis")))
    return false;
  static const char *const push_[] = {"push", "pushes", "pushed", "pushing", NULL};
  static const char *const make[] = {"make", "makes", "made", "making", NULL};
  if (word_at(c, v + 1, "for")) return word_in(c, v, call) || word_in(c, v, push_);
  if (word_at(c, v + 1, "on")) return word_in(c, v, call);
  if (word_at(c, v + 1, "to")) return word_in(c, v, to);
  if (word_at(c, v + 1, "about")) return word_in(c, v, about);
  if (word_at(c, v + 1, "out")) return word_in(c, v, to) && !word_at(c, v, "referred") && !word_at(c, v, "refer") &&
                                       !word_at(c, v, "refers") && !word_at(c, v, "referring");
  if (word_at(c, v + 1, "clear")) return word_in(c, v, make) && v + 2 < c->ntok && word_at(c, v + 2, "that");
  if (word_at(c, v + 1, "of")) return word_at(c, v, "critical");
  if (word_at(c, v + 1, "against")) return word_at(c, v, "railed") || word_at(c, v, "rails") || word_at(c, v, "railing");
  return false;
}

/* "according to X" at token v: a cue whatever X is ("a Reuters/Ipsos poll",
** "early results of exit polls conducted for ..."), so the source is the
** phrase after "to" up to a comma or the sentence end (at most SOURCE_MAX
** tokens), resolved when the speaker engine reads it (a name, "him").
**   - "According to X, C." (after at most a short opener: "But, according
**     to X, C"): the content is the clause after the comma;
**   - "C, according to X." / "C according to X": the sentence before it. */
#define SOURCE_MAX 30
static news_rc according(q_ctx *c, uint32_t v, uint32_t lo, uint32_t se) {
  const news_token *tok = c->tok;
  news_quote q;
  memset(&q, 0, sizeof q);
  uint32_t x = v + 2, pe = x;
  if (x >= se) return NEWS_OK;
  while (pe < se && pe < x + SOURCE_MAX && !is_punct(&tok[pe], ',') && !terminal(&tok[pe]) &&
         tok[pe].kind != NEWS_TOK_DASH && !is_dq(&tok[pe]) && !is_punct(&tok[pe], '('))
    pe++;
  if (pe == x || !words(c, x, pe) || pe == x + SOURCE_MAX) return NEWS_OK;
  uint32_t before = words(c, lo, v);
  bool lead = before <= 1 && pe < se && is_punct(&tok[pe], ',');
  uint32_t a = lo, b = v;
  if (lead) {
    a = pe + 1;
    b = content_end(c, a, se);
    if (words(c, a, b) < 2) return NEWS_OK;
  } else if (before <= 5 && pe + 1 < se && is_punct(&tok[pe], ',') && v > lo && is_punct(&tok[v - 1], ',') &&
             lower_word(c, pe + 1) + words(c, pe + 1, content_end(c, pe + 1, se)) >= 4) {
    /* "Since last November, according to X, security forces have ...": the
    ** statement's clause is the part after the attribution */
    a = pe + 1;
    b = content_end(c, a, se);
  } else {
    while (b > lo && is_punct(&tok[b - 1], ',')) b--;
    if (words(c, lo, b) < 3) return NEWS_OK;
    for (uint32_t j = lo; j < b; j++)
      if (is_dq(&tok[j])) return NEWS_OK; /* the quotation's attribution */
  }
  /* the engine's reading, when it is the whole phrase or a pronoun ("him") */
  if (!news_speaker_for_verb(c, v, V_ACCORDING, lo, se, &q) ||
      (q.speaker_end != tok[pe - 1].end && !(pe == x + 1 && news_speaker_word(c, x) >= W_HE && news_speaker_word(c, x) <= W_IT))) {
    q.speaker_start = tok[x].start;
    q.speaker_end = tok[pe - 1].end;
    q.speaker = (const char *)c->s + q.speaker_start;
    q.speaker_len = q.speaker_end - q.speaker_start;
  }
  q.verb_start = tok[v].start;
  q.verb_end = tok[v + 1].end;
  return push(c, a, b, &q, lead ? R_ACCORDING_LEAD : R_ACCORDING_TAIL);
}

/* Verbs of stance PolNeAR reads as cues after a person ("He offered no
** proof that ...", "She is proposing new rules", "he discussed his plans"):
** cues only right after "he", "she" or "I" (auxiliaries and adverbs
** between), since after a company they are business ("offered 20 dlrs a
** share").  PolNeAR train, after he/she/I/we/they: offer- 13 of 21 uses a
** cue, discuss- 8 of 9, compar- 7 of 9, propos- 7 of 13. */
static int person_stance(const q_ctx *c, uint32_t i, uint32_t lo) {
  static const char *const verbs[] = {"offered", "offers", "offer", "offering", "discussed", "discusses",
                                      "discuss", "discussing", "compared", "compares", "comparing",
                                      "proposed", "proposes", "propose", "proposing", NULL};
  /* cheap test first: this runs on every word */
  uint32_t n = c->tok[i].end - c->tok[i].start;
  if (n < 5 || n > 10 || !strchr("ocdp", c->s[c->tok[i].start]) || !lower_word(c, i) || !word_in(c, i, verbs)) return 0;
  uint32_t k = i;
  while (k > lo && k + 4 > i && (news_speaker_word(c, k - 1) == W_AUX || sp_adverb(c, k - 1))) k--;
  if (k == lo || k + 4 <= i) return 0;
  int w = news_speaker_word(c, k - 1);
  return w == W_HE || w == W_SHE || w == W_I ? V_WEAK : 0;
}

/* Does the quotation opening at token a, right after verb v with no comma
** or colon between, stand inside the clause: its closing mark followed by a
** lower-case word that is no verb of its own ("said “budget reforms” and
** the collection of taxes would pay for them")? */
static bool quote_in_clause(const q_ctx *c, uint32_t v, uint32_t a, uint32_t se) {
  if (c->tok[a].kind != NEWS_TOK_QUOTE_OPEN || a != v + 1) return false;
  uint32_t j = a + 1;
  while (j < se && j < a + 12 && c->tok[j].kind != NEWS_TOK_QUOTE_CLOSE) j++;
  if (j + 1 >= se || j >= a + 12 || words(c, a + 1, j) > 6) return false;
  return lower_word(c, j + 1) && !news_attrib_verb(c, j + 1) && !word_in(c, j + 1, preps) && !time_word(c, j + 1);
}

/* Does a subject stand right before token v: a pronoun ("he", "he's"), or a
** capitalised word not opening its sentence ("North Korea unveiled")? */
static bool subject_before(const q_ctx *c, uint32_t v, uint32_t lo) {
  uint32_t k = v - 1;
  if (c->tok[k].kind == NEWS_TOK_CLITIC && k > lo) k--;
  int w = news_speaker_word(c, k);
  if (w >= W_HE && w <= W_THEY) return true;
  return k > lo && c->tok[k].kind == NEWS_TOK_WORD && (c->tok[k].flags & NEWS_TF_UPPER) &&
         c->sent[c->tok[k].sentence].tok_begin != k;
}

/* Does an asking for anonymity start at token a: "(asked) not to be
** named", "(declined) to be identified", "(asked) to remain anonymous"?
** No statement: "The officials, who asked not to be named, said ...". */
static bool anonymity(const q_ctx *c, uint32_t a, uint32_t se) {
  static const char *const named[] = {"named", "identified", "quoted", NULL};
  if (a < se && word_at(c, a, "not")) a++;
  if (a + 2 >= se || !word_at(c, a, "to")) return false;
  return (word_at(c, a + 1, "be") && word_in(c, a + 2, named)) ||
         (word_at(c, a + 1, "remain") && word_at(c, a + 2, "anonymous"));
}

/* One cue at token v (class cls) in sentence tokens [sb, se); lo is the
** earliest token a source or content may use (after the last quotation). */
static news_rc one_cue(q_ctx *c, uint32_t v, int cls, uint32_t lo, uint32_t se) {
  news_quote q;
  memset(&q, 0, sizeof q);
  const news_token *tok = c->tok;
  if (cls == V_ACCORDING) return according(c, v, lo, se);
  /* "Asked whether ..., Lee said": the question, with no source of its own */
  if ((word_at(c, v, "Asked") && v == lo) || (word_at(c, v, "asked") && v == lo + 1 && word_at(c, lo, "When"))) {
    uint32_t b = v + 1;
    while (b < se && b < v + 40 && !is_punct(&tok[b], ',') && !is_dq(&tok[b])) b++;
    if (b < se && is_punct(&tok[b], ',') && words(c, v + 1, b) >= 2) {
      q.verb_start = tok[v].start;
      q.verb_end = tok[v].end;
      return push(c, v + 1, b, &q, R_ASKED);
    }
    return NEWS_OK;
  }
  /* the verb of a quotation: right after its closing mark, or before one */
  uint32_t k = v;
  while (k > lo && is_punct(&tok[k - 1], ',')) k--;
  if (k > 0 && tok[k - 1].kind == NEWS_TOK_QUOTE_CLOSE) return NEWS_OK;
  /* a noun: "her series of tweets", "the reports", "his claims" */
  if (v > lo && (news_speaker_word(c, v - 1) == W_DET || word_at(c, v - 1, "of"))) return NEWS_OK;
  /* and after "no" or a verb, which is the cue: "has no plans to", "he's
  ** heralded plans to ..." (what he heralded: "plans to ...") */
  if (v > lo && ends(c, v, "s") && lower_word(c, v - 1) && (word_at(c, v - 1, "no") || ends(c, v - 1, "ed")) &&
      !news_attrib_verb(c, v - 1))
    return ends(c, v - 1, "ed") && subject_before(c, v - 1, lo) ? one_cue(c, v - 1, V_WEAK, lo, se) : NEWS_OK;
  /* verbs that attribute a quotation but seldom head a reported statement
  ** ("continues to rise", "shot up"; train: under a third of their rows
  ** matched) */
  static const char *const quote_only[] = {"continue", "continues", "continued", "shot", "terms", NULL};
  if (word_in(c, v, quote_only)) return NEWS_OK;
  bool pc = prep_cue(c, v);
  /* passives: "was told", "is said to"; but progressive forms of speech
  ** verbs, of verb + preposition cues and of stance verbs after a person
  ** are cues ("was saying", "is calling for", "he is proposing"), less
  ** those that are business after a firm ("is adding a product", "is
  ** recalling 33,000 trucks") */
  static const char *const business_ing[] = {"adding", "recalling", NULL};
  if (v > lo && word_in(c, v - 1, be_forms) &&
      !(ends(c, v, "ing") && (pc || (cls == V_SPEECH && !word_in(c, v, business_ing)) || person_stance(c, v, lo))) &&
      !(pc && word_at(c, v, "critical")))
    return NEWS_OK;
  if (pc) {
    uint32_t a = v + 2, b = content_end(c, a, se);
    /* "what we are talking about is ...": no object, no statement */
    if (b <= a || words(c, a, b) < PREP_CUE_WORDS || is_dq(&tok[a]) || word_in(c, a, be_forms)) return NEWS_OK;
    if (!news_speaker_for_verb(c, v, V_SPEECH, lo, se, &q)) return NEWS_OK;
    if (q.speaker_start >= tok[a].start) return NEWS_OK;
    q.verb_end = tok[v + 1].end;
    return push(c, a, b, &q, R_PREP);
  }
  /* "..., Lee said, adding ...": a comma right after the verb closes it;
  ** so does "..., he said, and ...": what follows the link is a clause of
  ** the writer's, or more of the statement before the verb */
  static const char *const links[] = {"and", "but", "or", "so", NULL};
  uint32_t a = content_after(c, v, se);
  if (v + 1 < se && a < se && is_punct(&tok[v + 1], ',') && word_in(c, a, links)) a = se;
  /* said: “...” is the quotation's; but in `said “budget reforms” and the
  ** collection of taxes would pay` the clause goes on after the closing
  ** mark: a statement holding a quotation (mixed) */
  if (a < se && is_dq(&tok[a]) && !quote_in_clause(c, v, a, se)) return NEWS_OK;
  if (a < se && anonymity(c, a, se)) return NEWS_OK;
  /* at least three words, or "to" and a verb ("declined to comment") */
  bool to_verb = a + 1 < se && word_at(c, a, "to") &&
                 (cls == V_BELIEF || (lower_word(c, a + 1) && !news_speaker_word(c, a + 1) &&
                                      !word_in(c, a + 1, objects) && !ends(c, a + 1, "s")));
  uint32_t need = to_verb ? 2 : 3;
  /* "about" before a number is no preposition: "told Reuters about half the seamen had returned" */
  bool approx = a + 1 < se && word_at(c, a, "about") &&
                (word_at(c, a + 1, "half") || NEWS_TOK_IS(tok[a + 1].kind, NEWS_TOK_RANGE_NUMBER));
  if (a < se && !terminal(&tok[a]) && (!word_in(c, a, preps) || to_verb || approx) && words(c, a, se) >= need) {
    uint32_t b = content_end(c, a, se);
    if (!news_speaker_for_verb(c, v, cls, lo, se, &q)) return NEWS_OK;
    /* "..., said former governor Ed Rendell, who ...": the words after the
    ** verb are its source, so the shape is the inverted one below */
    if (!(q.speaker_start >= tok[a].start && q.speaker_start < tok[b - 1].end)) return push(c, a, b, &q, R_THAT);
    memset(&q, 0, sizeof q);
  }
  if (cls == V_BELIEF || cls == V_WEAK) return NEWS_OK;
  /* inverted: "..., Lee said." / "..., said Lee." / "..., Lee said on Friday."
  ** The source is looked for before the shape is known: a verb that makes
  ** no row must leave the speaker history as it found it */
  q_speaker saved[Q_HISTORY];
  uint32_t nsaved = c->nhist, b;
  memcpy(saved, c->hist, sizeof saved);
  if (inverted(c, v, cls, lo, se, &q, &b)) return push(c, lo, b, &q, R_INVERTED);
  memcpy(c->hist, saved, sizeof saved);
  c->nhist = nsaved;
  return NEWS_OK;
}

/* "The ruling is expected to come in May.": an expectation PolNeAR counts
** as an attribution with no source.  At token v ("expected", after
** is/are/was/were and before "to" and a verb) the content is the clause:
** from its subject (after the sentence start, a comma, a dash, a verb of
** speech or "that", "which", "and", "as", ...) to the clause's end; the cue is
** "is expected", and no source. */
static news_rc expected(q_ctx *c, uint32_t v, uint32_t lo, uint32_t se) {
  static const char *const be[] = {"is", "are", "was", "were", NULL};
  static const char *const opens[] = {"that", "which", "where", "and", "but", "while", "because", "as", "if",
                                      "when", "since", "so", NULL};
  const news_token *tok = c->tok;
  if (v < lo + 2 || v + 2 >= se || !word_in(c, v - 1, be) || !word_at(c, v + 1, "to") || !lower_word(c, v + 2))
    return NEWS_OK;
  uint32_t a = v - 1;
  while (a > lo && !is_punct(&tok[a - 1], ',') && tok[a - 1].kind != NEWS_TOK_DASH && !is_dq(&tok[a - 1]) &&
         !is_punct(&tok[a - 1], ':') && !word_in(c, a - 1, opens) && !news_attrib_verb(c, a - 1) && v - a < 20)
    a--;
  if (v - a >= 20 || !words(c, a, v - 1)) return NEWS_OK;
  uint32_t b = content_end(c, v + 1, se);
  if (words(c, v + 2, b) < 2) return NEWS_OK;
  news_quote q;
  memset(&q, 0, sizeof q);
  q.verb_start = tok[v - 1].start;
  q.verb_end = tok[v].end;
  return push(c, a, b, &q, R_EXPECTED);
}

/* A noun or adjective of saying or holding true before "that" (token v):
**   - "his claim that ...", "Ortiz's assertion that ...": the owner is the
**     source (a possessive pronoun resolved like "he");
**   - "Ortiz is confident that ...": the subject is.
** The content runs from "that" to the clause's end.  The words were chosen
** on PolNeAR's train split (a cue in about half their uses before "that"). */
static news_rc nominal_cue(q_ctx *c, uint32_t v, uint32_t lo, uint32_t se) {
  static const char *const nouns[] = {"claim", "claims", "statement", "assertion", "suggestion", "belief", "concern",
                                      "concerns", "complaint", "complaints", "doubt", "doubts", "fear", "fears",
                                      "insistence", "argument", "allegation", "allegations", "accusation",
                                      "warning", "contention", NULL};
  static const char *const adjs[] = {"confident", "convinced", "worried", "hopeful", "adamant", NULL};
  static const char *const poss[] = {"his", "her", "their", "His", "Her", "Their", NULL};
  const news_token *tok = c->tok;
  if (v <= lo || v + 3 >= se || !word_at(c, v + 1, "that")) return NEWS_OK;
  news_quote q;
  memset(&q, 0, sizeof q);
  uint32_t a = v + 1, b = content_end(c, a, se);
  if (words(c, a, b) < 4) return NEWS_OK;
  if (word_in(c, v, adjs)) {
    static const char *const finite_be[] = {"is", "are", "was", "were", NULL};
    if (!word_in(c, v - 1, finite_be) && !(v >= lo + 2 && ends(c, v - 1, "ly") && word_in(c, v - 2, finite_be)))
      return NEWS_OK;
    if (!news_speaker_for_verb(c, v, V_SPEECH, lo, se, &q)) return NEWS_OK;
  } else if (word_in(c, v, nouns)) {
    uint32_t k = v - 1; /* the owner: "his", "Ortiz's", past an adjective ("his repeated claim") */
    if (k > lo && lower_word(c, k) && !word_in(c, k, poss)) k--;
    if (word_in(c, k, poss)) {
      static const int pron[] = {W_HE, W_SHE, W_THEY, W_HE, W_SHE, W_THEY};
      uint32_t w = 0;
      while (!word_at(c, k, poss[w])) w++;
      news_speaker_pronoun(c, k, pron[w], &q);
    } else if (tok[k].kind == NEWS_TOK_CLITIC && k > lo && (tok[k - 1].flags & NEWS_TF_UPPER)) {
      uint32_t n = k - 1;
      while (n > lo && n + 6 > k && (tok[n - 1].flags & NEWS_TF_UPPER) && tok[n - 1].kind == NEWS_TOK_WORD) n--;
      news_speaker_phrase(c, n, k, &q);
    } else {
      return NEWS_OK;
    }
  } else {
    return NEWS_OK;
  }
  q.verb_start = tok[v].start;
  q.verb_end = tok[v].end;
  return push(c, a, b, &q, R_NOMINAL);
}

/* A poll as the source, through "In" opening the sentence (token i): "In
** the new Courier poll, 40 percent back Ortiz.": the clause after the
** comma.  The phrase after "In" runs to the comma, at most POLL_MAX tokens,
** and holds "poll(s)", "polling" or "survey(s)"; the cue is "In".  (The
** same phrase closing a sentence, "... in the latest polls", is as often
** no attribution: not read.) */
#define POLL_MAX 16
static news_rc poll_source(q_ctx *c, uint32_t i, uint32_t lo, uint32_t se) {
  static const char *const polls[] = {"poll", "polls", "polling", "survey", "surveys", "Poll", "Survey", NULL};
  const news_token *tok = c->tok;
  uint32_t pe = i + 1;
  bool poll = false;
  while (pe < se && pe < i + 1 + POLL_MAX && !is_punct(&tok[pe], ',') && !terminal(&tok[pe]) &&
         tok[pe].kind != NEWS_TOK_DASH && !is_dq(&tok[pe]) && !news_attrib_verb(c, pe)) {
    poll = poll || word_in(c, pe, polls);
    pe++;
  }
  if (!poll || pe == i + 1 + POLL_MAX) return NEWS_OK;
  if (i != lo || !word_at(c, i, "In") || pe >= se || !is_punct(&tok[pe], ',')) return NEWS_OK;
  uint32_t a = pe + 1, b = content_end(c, a, se);
  if (words(c, a, b) < 3) return NEWS_OK;
  news_quote q;
  memset(&q, 0, sizeof q);
  q.speaker_start = tok[i + 1].start;
  q.speaker_end = tok[pe - 1].end;
  q.speaker = (const char *)c->s + q.speaker_start;
  q.speaker_len = q.speaker_end - q.speaker_start;
  q.verb_start = tok[i].start;
  q.verb_end = tok[i].end;
  return push(c, a, b, &q, R_POLL);
}

/* Is token k a paragraph label ("NOTE", "Replacements", paragraph_labels.tsv)? */
static bool paragraph_label(const q_ctx *c, uint32_t k) {
  const news_token *t = &c->tok[k];
  return news_lex_find(&news_lex_paragraph_labels, (const char *)c->s + t->start, t->end - t->start);
}

/* "Matthews: Here's the irony ..." / "Q: ...": a colon after a name of at
** most four capitalised words opening the sentence, none of them a
** paragraph label ("NOTE:", "Replacements:", paragraph_labels.tsv), before
** a statement (a lower-case word at least: not a line-up of names).  The content runs to the
** end of the sentence; a quotation after the colon is the quotation's. */
static news_rc colon_label(q_ctx *c, uint32_t i, uint32_t lo, uint32_t se) {
  const news_token *tok = c->tok;
  uint32_t sb = c->sent[tok[i].sentence].tok_begin;
  if (sb < lo || i == sb || i > sb + 4 || i + 1 >= se || is_dq(&tok[i + 1])) return NEWS_OK;
  for (uint32_t k = sb; k < i; k++)
    if (!(tok[k].flags & NEWS_TF_UPPER) || (tok[k].kind != NEWS_TOK_WORD && tok[k].kind != NEWS_TOK_ABBREV) ||
        (news_speaker_word(c, k) && news_speaker_word(c, k) != W_TITLE && news_speaker_word(c, k) != W_ORG) ||
        paragraph_label(c, k))
      return NEWS_OK;
  uint32_t b = content_end(c, i + 1, se);
  /* a statement has words of its own; a list of names is a line-up */
  if (words(c, i + 1, b) < 3 || !lower_words(c, i + 1, b)) return NEWS_OK;
  news_quote q;
  memset(&q, 0, sizeof q);
  news_speaker_phrase(c, sb, i, &q);
  q.verb_start = tok[i].start;
  q.verb_end = tok[i].end;
  return push(c, i + 1, b, &q, R_COLON);
}

/* A speech verb in a headline written in title case ("Lee Says Bridge Will
** Reopen"): V_SPEECH when token i is a capitalised speech verb inside a
** sentence whose words are nearly all capitalised, else 0. */
static int headline_verb(const q_ctx *c, uint32_t i) {
  const news_token *t = &c->tok[i];
  if (t->kind != NEWS_TOK_WORD || !(t->flags & NEWS_TF_UPPER) || (t->flags & NEWS_TF_ALLCAPS)) return 0;
  const news_sentence *s = &c->sent[t->sentence];
  if (s->tok_begin == i || s->tok_end - s->tok_begin > 30) return 0;
  char w[16];
  size_t n = t->end - t->start;
  if (n >= sizeof w) return 0;
  memcpy(w, c->s + t->start, n);
  w[0] = (char)(w[0] | 0x20);
  if (news_lex_find(&news_lex_speech_verbs, w, n) != V_SPEECH) return 0;
  uint32_t words = 0, caps = 0;
  for (uint32_t k = s->tok_begin; k < s->tok_end; k++) {
    if (c->tok[k].kind != NEWS_TOK_WORD) continue;
    words++;
    caps += (c->tok[k].flags & NEWS_TF_UPPER) != 0;
  }
  return words >= 4 && caps * 5 >= words * 4 ? V_SPEECH : 0;
}

/* Is token i the word lit?  A cheap test for the hot loop below: the
** length and first letter before the bytes. */
#define IS_WORD(c, i, lit)                                                                                 \
  ((c)->tok[i].end - (c)->tok[i].start == sizeof(lit) - 1 && (c)->tok[i].kind == NEWS_TOK_WORD &&           \
   !memcmp((c)->s + (c)->tok[i].start, lit, sizeof(lit) - 1))

news_rc news_attrib_reported(q_ctx *c, uint32_t from, uint32_t to) {
  if (!c->attribs) return NEWS_OK;
  uint32_t saved = c->cur_open;
  c->cur_open = Q_NONE;
  news_rc rc = NEWS_OK;
  uint32_t nPoll = 0;
  for (uint32_t i = from; !rc && i < to; i++) {
    if (news_doc_poll(c->d, &nPoll)) {
      rc = NEWS_ERR_INTERRUPTED;
      break;
    }
    if (c->sent[c->tok[i].sentence].tok_begin == i) news_speaker_subject(c, c->tok[i].sentence);
    if (c->tok[i].kind != NEWS_TOK_WORD && !is_punct(&c->tok[i], ':')) continue;
    /* the sentence around the cue, at most MAX_SPAN tokens either side */
    const news_sentence *s = &c->sent[c->tok[i].sentence];
    uint32_t lo = s->tok_begin > from ? s->tok_begin : from, se = s->tok_end;
    if (i > lo + MAX_SPAN) lo = i - MAX_SPAN;
    if (se > i + MAX_SPAN) se = i + MAX_SPAN;
    if (is_punct(&c->tok[i], ':')) {
      rc = colon_label(c, i, from, se);
      continue;
    }
    if (i + 1 < to && IS_WORD(c, i + 1, "that") && lower_word(c, i) && (rc = nominal_cue(c, i, lo, se))) break;
    if (IS_WORD(c, i, "expected")) {
      rc = expected(c, i, lo, se);
      continue;
    }
    if (IS_WORD(c, i, "In")) {
      rc = poll_source(c, i, lo, se);
      continue;
    }
    int cls = news_attrib_verb(c, i);
    if (!cls) cls = headline_verb(c, i);
    if (!cls && prep_cue(c, i)) cls = V_WEAK;
    if (!cls) cls = person_stance(c, i, lo);
    /* a cue the lists miss, by the trained model (attrib_model.c), read as
    ** a speech verb; the speaker history stays as it was, so its row never
    ** changes whom a later pronoun names, and quotes() alone skips it */
    if (!cls && c->model_cues && news_attrib_model_cue(c->s, c->tok, c->ntok, c->sent, i)) {
      q_speaker hist[Q_HISTORY];
      uint32_t nsaved = c->nhist;
      memcpy(hist, c->hist, sizeof hist);
      rc = one_cue(c, i, V_SPEECH, lo, se);
      memcpy(c->hist, hist, sizeof hist);
      c->nhist = nsaved;
      continue;
    }
    if (cls) rc = one_cue(c, i, cls, lo, se);
  }
  c->cur_open = saved;
  return rc;
}

/* ------------------------------------------------------------ assembly */

static int by_start(const void *x, const void *y) {
  const news_attribution *a = x, *b = y;
  if (a->start != b->start) return a->start < b->start ? -1 : 1;
  return a->end < b->end ? -1 : a->end > b->end;
}

/* The reported row with cue byte cue, among rep[0..n) sorted by start and
** cue, or NULL.  Rows are few per sentence: looks back from the content. */
static news_attribution *rep_by_cue(news_attribution *rep, uint32_t n, uint32_t cue) {
  for (uint32_t k = 0; k < n; k++)
    if (rep[k].cue_start == cue) return &rep[k];
  return NULL;
}

/* The first token of the words opening the sentence of a quotation whose
** opening mark is token open ("The new plans “...”"): at most LEAD_MAX
** words with no comma, colon, semicolon or other quotation mark, and no
** verb of the quotation (byte verb) among them; open itself when there
** are none. */
#define LEAD_MAX 15
static uint32_t lead_in(const q_ctx *c, uint32_t open, uint32_t verb) {
  if (!open) return open;
  uint32_t sb = c->sent[c->tok[open].sentence].tok_begin;
  if (sb >= open || open - sb > 2 * LEAD_MAX || words(c, sb, open) > LEAD_MAX || !words(c, sb, open)) return open;
  if (verb && verb < c->tok[open].start) return open;
  for (uint32_t k = sb; k < open; k++) {
    const news_token *t = &c->tok[k];
    if (is_punct(t, ',') || is_punct(t, ':') || is_punct(t, ';') || NEWS_TOK_IS(t->kind, NEWS_TOK_RANGE_QUOTE) ||
        t->kind == NEWS_TOK_DASH)
      return open;
  }
  return sb;
}

/* A transcript quoted whole, speaker by speaker ("PENCE: Gennifer Flowers
** will not be ...", a name in capitals and a colon right after the opening
** mark, no paragraph label): what was said starts after the colon, the
** name is its source (quotes() found it there too) and the colon its cue,
** unless the quotation has another source. */
static void transcript_label(const q_ctx *c, uint32_t open, news_attribution *row) {
  const news_token *tok = c->tok;
  uint32_t k = open + 1;
  while (k < c->ntok && k < open + 4 && (tok[k].flags & NEWS_TF_ALLCAPS) && tok[k].kind == NEWS_TOK_WORD &&
         tok[k].end - tok[k].start > 1 &&
         !paragraph_label(c, k))
    k++;
  if (k == open + 1 || k + 1 >= c->ntok || !is_punct(&tok[k], ':') || tok[k + 1].start >= row->end ||
      tok[k].sentence != tok[open].sentence ||
      (row->speaker_end > row->speaker_start && row->speaker_start != tok[open + 1].start))
    return;
  row->start = tok[k + 1].start;
  row->speaker_start = tok[open + 1].start;
  row->speaker_end = tok[k - 1].end;
  row->speaker = (const char *)c->s + row->speaker_start;
  row->speaker_len = row->speaker_end - row->speaker_start;
  row->cue_start = tok[k].start;
  row->cue_end = tok[k].end;
}

/* Does the writer go on with a clause of someone else's between byte end
** and token open: ", but" and a capitalised word ("“You winning?” she
** said, but Kevin was drifting off again, ... “...”")? */
static bool writer_clause_between(const q_ctx *c, uint32_t end, uint32_t open) {
  for (uint32_t k = news_quote_tok_at(c, end, 0, open); k + 2 < open; k++)
    if (is_punct(&c->tok[k], ',') && word_at(c, k + 1, "but") && (c->tok[k + 2].flags & NEWS_TF_UPPER))
      return true;
  return false;
}

/* The token of a cue in -ing, other than the one at byte cue, between
** byte end and token open, or Q_NONE.  In "“...,” Trump said, adding
** later, “...”" the second quotation is another relation, the one of
** "adding", though quotes() gives both the verb "said". */
static uint32_t ing_cue_between(const q_ctx *c, uint32_t end, uint32_t open, uint32_t cue) {
  for (uint32_t k = news_quote_tok_at(c, end, 0, open); k < open; k++)
    if (c->tok[k].start != cue && lower_word(c, k) && ends(c, k, "ing") && news_attrib_verb(c, k)) return k;
  return Q_NONE;
}

/* Is the source of row r opened by a conjunction ("..., though she noted
** ...", "... after she attacked ...")?  Then the statement is a clause of
** its own that the content holding it ran on into, not part of it. */
static bool after_conjunction(const q_ctx *c, const news_attribution *r) {
  static const char *const conj[] = {"and", "but", "or", "so", "though", "although", "whereas", "while", "after",
                                     "before", "since", "until", "because", "as", "when", NULL};
  if (r->speaker_end <= r->speaker_start) return false;
  uint32_t k = news_quote_tok_at(c, r->speaker_start, 0, c->ntok);
  while (k > 0 && NEWS_TOK_IS(c->tok[k - 1].kind, NEWS_TOK_RANGE_QUOTE)) k--;
  return k > 0 && word_in(c, k - 1, conj);
}

/* Is the cue of row r, starting at token k, a plain verb of saying ("said",
** "told", "added")?  "Dealers noted that Volcker said a tighter policy
** would hurt": what Volcker said is a statement of his own, reported by the
** dealers. */
static bool says(const q_ctx *c, const news_attribution *r, uint32_t k) {
  static const char *const plain[] = {"said", "says", "told", "tells", "added", "adds", NULL};
  return k < c->ntok && c->tok[k].end == r->cue_end && word_in(c, k, plain);
}

/* Can row h, starting at or before a statement's cue, hold that statement,
** which ends at byte hi and whose cue is in sentence cs?  Not an "according
** to" row: "Acme said it will pay $5, according to the filing." is Acme's
** statement, the filing a second source of it. */
static bool holds(const news_attribution *h, uint32_t hi, uint32_t cs) {
  return h->end >= hi && h->sentence == cs && h->rule != R_ACCORDING_LEAD && h->rule != R_ACCORDING_TAIL;
}

/* A statement whose cue and content both lie inside the content of another
** row of its sentence is part of that statement, not a row of its own: in
** "Lee said the Republicans think the plan will fail." the row is Lee's,
** and "think" is Lee's account of the Republicans, not something they
** said.  So a statement is counted once, under its outermost source, unless
** it was said, told or added (says) or a conjunction opens it
** (after_conjunction).  Quotations (kind direct) keep their rows.  (PolNeAR
** train: about 1,300 nested rows, a third of them annotated; with the rules
** of the same commit content F1 0.7104 -> 0.7229.)
** row[0..*n) is sorted by start, then end; pm[k] is the row reaching
** furthest among row[0..k], so the rows starting before a cue are one
** binary search away.  Only that row is asked: when it cannot hold the
** statement (another sentence's, an "according to" row), the statement
** keeps its row even if a shorter one could. */
static news_rc drop_nested(const q_ctx *c, news_attribution *row, uint32_t *n) {
  news_doc *d = c->d;
  uint32_t nrow = *n, nPoll = 0;
  if (nrow < 2) return NEWS_OK;
  uint32_t *pm = news_arena_alloc(&d->arena, nrow * sizeof *pm);
  uint8_t *drop = news_arena_alloc(&d->arena, nrow);
  if (!pm || !drop) return NEWS_ERR_NOMEM;
  if (news_doc_zero_polled(d, drop, nrow)) return NEWS_ERR_INTERRUPTED;
  for (uint32_t k = 0; k < nrow; k++) { /* (fresh pages: polled as they are touched) */
    if (news_doc_poll(d, &nPoll)) return NEWS_ERR_INTERRUPTED;
    pm[k] = k && row[pm[k - 1]].end > row[k].end ? pm[k - 1] : k;
  }
  for (uint32_t k = 0; k < nrow; k++) {
    if (news_doc_poll(d, &nPoll)) return NEWS_ERR_INTERRUPTED;
    news_attribution *r = &row[k];
    if (r->kind == NEWS_ATTR_DIRECT || r->cue_end <= r->cue_start || after_conjunction(c, r)) continue;
    uint32_t ct = news_quote_tok_at(c, r->cue_start, 0, c->ntok); /* the cue's token */
    if (says(c, r, ct)) continue;
    uint32_t lo = r->cue_start < r->start ? r->cue_start : r->start;
    uint32_t hi = r->cue_end > r->end ? r->cue_end : r->end;
    uint32_t a = 0, b = k; /* the first row starting at or after lo (row k does) */
    while (a < b) {
      uint32_t m = a + (b - a) / 2;
      if (row[m].start < lo) a = m + 1;
      else b = m;
    }
    uint32_t cs = ct < c->ntok ? c->tok[ct].sentence : r->sentence; /* the cue's sentence */
    bool held = a > 0 && holds(&row[pm[a - 1]], hi, cs);
    /* rows starting at lo itself, other than row k and its twins (a few) */
    for (uint32_t j = a; !held && j < nrow && j < a + 8 && row[j].start == lo; j++)
      held = j != k && holds(&row[j], hi, cs) && (row[j].start != r->start || row[j].end != r->end);
    if (held) drop[k] = 1; /* a dropped row still holds the rows nested in it */
  }
  uint32_t kept = 0;
  for (uint32_t k = 0; k < nrow; k++) {
    if (news_doc_poll(d, &nPoll)) return NEWS_ERR_INTERRUPTED;
    if (!drop[k]) row[kept++] = row[k];
  }
  *n = kept;
  return NEWS_OK;
}

news_rc news_attrib_finish(q_ctx *c, const q_span *const *sp) {
  news_doc *d = c->d;
  news_vec *out = &d->attribs;
  const news_quote *qs = d->quotes.data;
  news_attribution *rep = c->attribs->data;
  uint32_t nrep = c->attribs->n;
  out->n = 0;
  uint32_t last = Q_NONE; /* row of the previous quotation */
  uint32_t last_verb = 0; /* and the verb quotes() gave it */
  uint32_t r0 = 0;        /* reported rows before this are behind every quotation left */
  uint32_t nPoll = 0;
  for (uint32_t i = 0; i < d->quotes.n; i++) {
    if (news_doc_poll(d, &nPoll)) return NEWS_ERR_INTERRUPTED;
    const news_quote *q = &qs[i];
    const q_span *s = sp[i];
    uint32_t open = s->open, b = s->close != Q_NONE ? c->tok[s->close].end : q->end;
    if (s->twin) { /* '' ... '': the pairing kept the inner marks; open is the first */
      if (open > 0 && c->tok[open - 1].end == c->tok[open].start) open--;
      if (s->close != Q_NONE && s->close + 1 < c->ntok && c->tok[s->close + 1].start == b) b = c->tok[s->close + 1].end;
    }
    uint32_t a = c->tok[open].start;
    while (r0 < nrep && rep[r0].end + 2000 < a) r0++;
    /* a reported statement holding the quotation, or whose cue attributes
    ** it (the quotation after "Lee said the plan would fail."): part of it
    ** (of the innermost, when statements nest; every one holding it is
    ** mixed) */
    news_attribution *r = NULL;
    for (uint32_t k = r0; k < nrep && rep[k].start <= a; k++) {
      if (rep[k].cue_end == 0) continue;
      bool holds = rep[k].start <= a && b <= rep[k].end + 4 && q->kind == NEWS_QUOTE_PARTIAL;
      if (holds || (q->verb_end > q->verb_start && rep[k].cue_start == q->verb_start)) r = &rep[k];
      if (holds) { /* a statement nested in another: both hold the quotation */
        rep[k].kind = NEWS_ATTR_MIXED;
        if (b > rep[k].end) rep[k].end = b;
      }
    }
    if (r) {
      r->kind = NEWS_ATTR_MIXED;
      if (b > r->end) r->end = b;
      last = Q_NONE;
      continue;
    }
    /* a reported row with this quotation's cue after it ("“...,” Lee said
    ** in an interview.") is the quotation's attribution, not a statement */
    if (q->verb_end > q->verb_start) {
      news_attribution *x = nrep > r0 ? rep_by_cue(rep + r0, nrep - r0, q->verb_start) : NULL;
      if (x) x->cue_end = 0; /* dropped below */
    }
    /* continuing the previous quotation's relation (same source and cue) */
    news_attribution *lr = last != Q_NONE ? &NEWS_VEC_AT(out, news_attribution, last) : NULL;
    if (lr && q->speaker_end > q->speaker_start && q->speaker_start == lr->speaker_start &&
        q->verb_start == last_verb) {
      uint32_t ing = ing_cue_between(c, lr->end, open, last_verb);
      if (ing == Q_NONE && !writer_clause_between(c, lr->end, open)) {
        lr->end = b;
        continue;
      }
      /* the reported row of that cue holding the quotation is its relation:
      ** the quotation alone after a word or two ("adding later, “...”"),
      ** else a statement holding it ("adding that in trust services, “...”");
      ** with no reported rows at all rep may be NULL (fuzz seed
      ** attrib-ing-cue-no-reported-rows) */
      news_attribution *x = ing != Q_NONE && nrep > r0 ? rep_by_cue(rep + r0, nrep - r0, c->tok[ing].start) : NULL;
      if (x && x->start <= a && b <= x->end + 4) {
        bool alone = words(c, news_quote_tok_at(c, x->start, ing, open), open) <= 1;
        x->start = alone ? a : x->start;
        x->end = b > x->end ? b : x->end;
        x->kind = alone ? NEWS_ATTR_DIRECT : NEWS_ATTR_MIXED;
        last = Q_NONE;
        continue;
      }
    }
    news_attribution *row = news_doc_vec_push(d, out);
    if (!row) return NEWS_ERR_NOMEM;
    row->kind = NEWS_ATTR_DIRECT;
    /* The new plans “will not solve this,” Lee said.: the words opening
    ** the sentence before the quotation are part of what was said, when
    ** the verb is not before them */
    uint32_t lead = lead_in(c, open, q->verb_start);
    if (lead < open) {
      a = c->tok[lead].start;
      row->kind = NEWS_ATTR_MIXED;
    }
    row->start = a;
    row->end = b;
    row->sentence = q->sentence;
    row->rule = R_QUOTE;
    row->speaker_start = q->speaker_start;
    row->speaker_end = q->speaker_end;
    row->cue_start = q->verb_start;
    row->cue_end = q->verb_end;
    row->speaker = q->speaker;
    row->speaker_len = q->speaker_len;
    transcript_label(c, s->open, row);
    /* Lee: “...”: with no verb, the colon introducing it is the cue */
    if (row->cue_end == row->cue_start && row->speaker && s->open > 0 && is_punct(&c->tok[s->open - 1], ':')) {
      row->cue_start = c->tok[s->open - 1].start;
      row->cue_end = c->tok[s->open - 1].end;
    }
    last = out->n - 1;
    last_verb = q->verb_start;
  }
  for (uint32_t k = 0; k < nrep; k++) {
    if (news_doc_poll(d, &nPoll)) return NEWS_ERR_INTERRUPTED;
    if (rep[k].cue_end == 0) continue;
    news_attribution *row = news_doc_vec_push(d, out);
    if (!row) return NEWS_ERR_NOMEM;
    *row = rep[k];
  }
  news_rc rc = news_doc_sort_polled(d, out->data, out->n, sizeof(news_attribution), by_start);
  if (rc) return rc;
  /* an expectation with no source is a row of its own only where no row
  ** with a source holds its words ("The sale is expected to close in April,
  ** the company said." is the company's statement): one statement is
  ** counted once, under its source */
  news_attribution *row = out->data;
  uint32_t n = 0;
  for (uint32_t k = 0; k < out->n; k++) {
    if (news_doc_poll(d, &nPoll)) return NEWS_ERR_INTERRUPTED;
    if (row[k].rule != R_EXPECTED) continue;
    bool held = false;
    for (uint32_t j = k; j-- > 0 && !held && k - j <= 8;) held = row[j].speaker && row[j].end > row[k].start;
    for (uint32_t j = k + 1; j < out->n && !held && row[j].start < row[k].end; j++) held = row[j].speaker != NULL;
    if (held) row[k].rule = 0; /* dropped below */
  }
  for (uint32_t k = 0; k < out->n; k++) {
    if (news_doc_poll(d, &nPoll)) return NEWS_ERR_INTERRUPTED;
    if (row[k].rule) row[n++] = row[k];
  }
  out->n = n;
  return drop_nested(c, row, &out->n);
}
