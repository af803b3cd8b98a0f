/*
** speaker.c -- who said it: the speech verb, the speaker as written and the
** resolved speaker of each quotation found by quotes.c.
**
** HOW IT WORKS
**   news_speaker_attribute() tries these in order; the first that yields a
**   speaker wins (the letters match the comments in the code):
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
**   The speaker phrase of a verb.  After the verb when it is inverted (it
**   follows the closing mark, "..., said Prof. Ann Lee." ending a clause,
**   "according to X"); otherwise the phrase ending just before the verb,
**   skipping auxiliaries, adverbs and day names (Lee has repeatedly said):
**   a pronoun, a run of capitalised words with titles and initials, or a
**   description read back to its determiner ("a State Department
**   spokeswoman", "the lawmakers").  Appositions and clauses between
**   commas are walked back to the name heading them ("Lee, a Democrat,
**   said", "Lee, who chairs the panel, said"); "Marsh of the Herald" is
**   Marsh but "a spokesman for Sen. Lee" is the spokesman.  A participle
**   ("..., saying") takes the clause's subject; "he laughed and said" the
**   pronoun of the clause before.
**   Resolving.  A name heading the phrase resolves to the canonical name of
**   the PERSON or ORG entity on it (for a name split into adjacent PERSON
**   entities, the whole name; for a one-word canonical PERSON name, the
**   fullest earlier person-like run ending with it).  Without one, titles are dropped and a
**   surname is expanded to the fullest earlier run of capitalised words
**   ending with the same word ("Jensen" -> "Karl Jensen").  "he"/"she"
**   attributing a quotation whose sentence opens with a name of a fitting
**   gender is that name ("Tom Reyes answered: “...,” he wrote").  Otherwise
**   a pronoun (he, she, they) resolves to the most recent named speaker of a compatible
**   gender (given-name list, Mr./Mrs./Ms., or the pronoun used of them
**   before), else to the nearest earlier PERSON entity or, without
**   entities, name run with a known given name of that gender; failing
**   that it stays as written.  A description resolves to itself.
**
** Every window is bounded (a few dozen tokens) and the speaker history is a
** fixed ring, so attribution adds a constant amount of work per quotation.
*/
#include "lexicon.h"
#include "quotes_int.h"

/* Word classes W_* (speaker_words.tsv) and V_* (speech_verbs.tsv): gen/lexicon_classes.h. */

#define WIN_NEAR 14    /* tokens after a closing mark where a. looks for a verb */
#define WIN_WEAK 4     /* ... and where a weak verb ("called") counts */
#define WIN_BEFORE 40  /* tokens scanned back for the b. window */
#define WIN_FAR 22     /* longest window after a closing mark (c.) */
#define NP_MAX 9       /* longest speaker phrase, in tokens */

static bool is_word(const news_token *t) {
  return NEWS_TOK_IS(t->kind, NEWS_TOK_RANGE_WORD) && t->kind != NEWS_TOK_URL &&
         t->kind != NEWS_TOK_EMAIL && t->kind != NEWS_TOK_HASHTAG;
}

static bool is_punct(const news_token *t, int32_t cp) {
  return t->kind == NEWS_TOK_PUNCT && t->mark == cp;
}

int news_speaker_word(const q_ctx *c, uint32_t i) {
  const news_token *t = &c->tok[i];
  if (t->kind != NEWS_TOK_WORD) return 0;
  int w = news_lex_find(&news_lex_speaker_words, (const char *)c->s + t->start, t->end - t->start);
  if (w == W_TIME) return W_AUX; /* "last week said" skips like "has said" */
  /* a capitalised "Will" or "May" inside a sentence is a name */
  if (w == W_AUX && (t->flags & NEWS_TF_UPPER) && c->sent[t->sentence].tok_begin != i) return 0;
  return w;
}

int news_speaker_verb(const q_ctx *c, uint32_t i) {
  const news_token *t = &c->tok[i];
  /* a capitalised "State" or "Says" is a name or a headline word */
  if (t->kind != NEWS_TOK_WORD || (t->flags & NEWS_TF_ALLCAPS)) return 0;
  int v = news_lex_find(&news_lex_speech_verbs, (const char *)c->s + t->start, t->end - t->start);
  /* capitalised only as "According to" or opening its sentence: Said Lee, */
  if ((t->flags & NEWS_TF_UPPER) && v != V_ACCORDING && c->sent[t->sentence].tok_begin != i) return 0;
  if (v == V_ACCORDING) return (i + 1 < c->ntok && news_speaker_word(c, i + 1) == W_STOP &&
                                c->tok[i + 1].end - c->tok[i + 1].start == 2)
                                   ? V_ACCORDING
                                   : 0;
  return v;
}

/* A day or time word ("Friday", "week"): W_TIME in the raw word list. */
static bool is_time(const q_ctx *c, uint32_t i) {
  const news_token *t = &c->tok[i];
  return t->kind == NEWS_TOK_WORD &&
         news_lex_find(&news_lex_speaker_words, (const char *)c->s + t->start, t->end - t->start) == W_TIME;
}

/* A lower-case adverb ending in -ly ("repeatedly", "flatly"). */
static bool is_ly(const q_ctx *c, uint32_t i) {
  const news_token *t = &c->tok[i];
  uint32_t n = t->end - t->start;
  return t->kind == NEWS_TOK_WORD && !(t->flags & NEWS_TF_UPPER) && n > 4 && c->s[t->end - 2] == 'l' &&
         c->s[t->end - 1] == 'y';
}

/* A token that may be part of a capitalised name. */
static bool is_cap(const q_ctx *c, uint32_t i) {
  const news_token *t = &c->tok[i];
  if (t->kind == NEWS_TOK_ABBREV || t->kind == NEWS_TOK_INITIAL) return true;
  if (t->kind != NEWS_TOK_WORD || !(t->flags & NEWS_TF_UPPER)) return false;
  int w = news_speaker_word(c, i);
  return w != W_STOP && w != W_DET && w != W_AUX && !(w >= W_HE && w <= W_IT) && !news_speaker_verb(c, i);
}

/* Is the word w[0..n) exactly lit? */
static bool word_is(const char *w, uint32_t n, const char *lit) {
  return strlen(lit) == n && !memcmp(w, lit, n);
}

/* Is token i the word lit? */
static bool word_at(const q_ctx *c, uint32_t i, const char *lit) {
  const news_token *t = &c->tok[i];
  return t->kind == NEWS_TOK_WORD && word_is((const char *)c->s + t->start, t->end - t->start, lit);
}

/* Lower-case particles inside names ("Ibn", "de", "al"). */
static bool is_particle(const q_ctx *c, uint32_t i) {
  const news_token *t = &c->tok[i];
  uint32_t n = t->end - t->start;
  const char *p = (const char *)c->s + t->start;
  return t->kind == NEWS_TOK_WORD && n <= 3 &&
         (word_is(p, n, "de") || word_is(p, n, "al") || word_is(p, n, "van") || word_is(p, n, "von") ||
          word_is(p, n, "bin") || word_is(p, n, "da") || word_is(p, n, "del") || word_is(p, n, "la"));
}

/* ----------------------------------------------------- speaker phrases */

/* A speaker phrase: tokens [a, b), and the name inside it, [na, nb). */
typedef struct np {
  uint32_t a, b;
  uint32_t na, nb; /* equal when the phrase holds no name */
  int pron;        /* W_HE.. when it is a pronoun */
  bool head;       /* the name is the head though the phrase runs past it
                   ** ("Lee, a Democrat"): it names the speaker */
} np;

/* The capitalised run that starts at i, going forward (bounded by hi). */
static uint32_t cap_run_fwd(const q_ctx *c, uint32_t i, uint32_t hi) {
  uint32_t j = i;
  while (j < hi && j - i < NP_MAX) {
    /* a name never runs across a paragraph break or from a headline in
    ** capitals into the text ("PLANT TO CLOSE" / "Ann Lee") */
    if (j > i && ((c->tok[j].flags & NEWS_TF_PARA) ||
                  ((c->tok[j].flags ^ c->tok[j - 1].flags) & NEWS_TF_ALLCAPS && (c->tok[j].flags & NEWS_TF_NEWLINE))))
      break;
    if (is_cap(c, j)) j++;
    else if (c->tok[j].kind == NEWS_TOK_CLITIC && j > i) j++;
    else if (is_particle(c, j) && j + 1 < hi && is_cap(c, j + 1)) j++;
    else break;
  }
  /* a trailing possessive belongs to what follows */
  while (j > i && c->tok[j - 1].kind == NEWS_TOK_CLITIC) j--;
  return j;
}

/* Reads a speaker phrase starting at token i (after an inverted verb or
** "according to"), bounded by hi.  Returns false when none is there. */
static bool np_forward(const q_ctx *c, uint32_t i, uint32_t hi, np *out) {
  memset(out, 0, sizeof *out);
  if (i >= hi || !is_word(&c->tok[i]) || c->tok[i].kind == NEWS_TOK_CLITIC) return false;
  int w = news_speaker_word(c, i);
  out->a = i;
  if (w >= W_HE && w <= W_IT) {
    out->b = i + 1;
    out->pron = w;
    return true;
  }
  if (is_cap(c, i)) {
    out->b = out->nb = cap_run_fwd(c, i, hi);
    out->na = i;
    /* "Q magazine editor Dan Hale": a title between two names leads to
    ** the person */
    uint32_t j = out->b, lower = 0;
    bool title = false;
    while (j < hi && lower < 3 && c->tok[j].kind == NEWS_TOK_WORD && !(c->tok[j].flags & NEWS_TF_UPPER)) {
      title = title || news_speaker_word(c, j) == W_TITLE;
      j++;
      lower++;
    }
    if (title && lower && j < hi && is_cap(c, j)) {
      out->na = j;
      out->b = out->nb = cap_run_fwd(c, j, hi);
      return true;
    }
    /* "Ann Lee's spokesman": the phrase goes on past the possessive */
    if (out->b < hi && c->tok[out->b].kind == NEWS_TOK_CLITIC) {
      j = out->b + 1;
      while (j < hi && j - i < NP_MAX && is_word(&c->tok[j]) && !news_speaker_word(c, j)) j++;
      out->b = j;
    }
    return out->b > i;
  }
  if (w == W_STOP || w == W_AUX || w == W_PREP || news_speaker_verb(c, i)) return false;
  /* a description: "a spokeswoman for the agency", "officials" */
  uint32_t j = i;
  while (j < hi && j - i < NP_MAX) {
    const news_token *t = &c->tok[j];
    if (t->kind == NEWS_TOK_CLITIC) {
      j++;
      continue;
    }
    if (!is_word(t) && t->kind != NEWS_TOK_NUMBER) break; /* "a 2010 campaign veteran" */
    int k = news_speaker_word(c, j);
    if (k == W_STOP || k == W_AUX || (k >= W_HE && k <= W_IT) || news_speaker_verb(c, j)) break;
    if (k == W_PREP && c->s[t->start] == 'a') break; /* "at the rally" */
    if (k == W_DET && j > i && !(news_speaker_word(c, j - 1) == W_PREP)) break;
    bool cap = is_cap(c, j);
    uint32_t n = t->end - t->start;
    /* a lower-case word after a name, or an -ed word, is the verb, unless
    ** it ends the phrase ("said a 2010 campaign veteran.") */
    bool last = j + 1 >= hi || !is_word(&c->tok[j + 1]);
    bool ed = n > 3 && !memcmp(c->s + t->end - 2, "ed", 2);
    if (!cap && k != W_PREP && k != W_TITLE && j > i &&
        (ed || (out->nb == j && !last) || news_speaker_verb(c, j) || word_at(c, j, "read")))
      break;
    if (cap && out->na == out->nb) {
      out->na = j;
      out->nb = cap_run_fwd(c, j, hi);
    }
    j++;
  }
  while (j > i && news_speaker_word(c, j - 1) == W_PREP) j--;
  while (j > i && news_speaker_word(c, j - 1) == W_DET) j--;
  out->b = j;
  if (out->nb > j) out->nb = j;
  return j > i;
}

/* Reads the speaker phrase that ends just before token v (a verb), bounded
** below by lo.  Skips auxiliaries and adverbs next to the verb. */
static bool np_backward_at(const q_ctx *c, uint32_t v, uint32_t lo, np *out, bool walk);

/* The phrase before v with no apposition walk (one comma-separated part). */
static bool np_backward_plain(const q_ctx *c, uint32_t v, uint32_t lo, np *out) {
  return np_backward_at(c, v, lo, out, false);
}

static bool np_backward(const q_ctx *c, uint32_t v, uint32_t lo, np *out) {
  return np_backward_at(c, v, lo, out, true);
}

static bool np_backward_at(const q_ctx *c, uint32_t v, uint32_t lo, np *out, bool walk) {
  memset(out, 0, sizeof *out);
  uint32_t j = v; /* the phrase ends before j */
  bool time = false; /* the token just skipped was a time word */
  for (int skip = 0; skip < 5 && j > lo; skip++) {
    /* auxiliaries, adverbs and contracted ones: he's said, they've said;
    ** a time with its preposition: Lee on Friday announced */
    const news_token *u = &c->tok[j - 1];
    const char *uw = (const char *)c->s + u->start;
    uint32_t un = u->end - u->start;
    bool prep_time = time && u->kind == NEWS_TOK_WORD &&
                     (word_is(uw, un, "on") || word_is(uw, un, "in") || word_is(uw, un, "this") ||
                      word_is(uw, un, "during") || word_is(uw, un, "a") || word_is(uw, un, "the"));
    if (prep_time && (word_is(uw, un, "a") || word_is(uw, un, "the"))) {
      j--; /* "during a Monday rally": keep looking for the preposition */
      continue;
    }
    time = is_time(c, j - 1);
    if (news_speaker_word(c, j - 1) == W_AUX || is_ly(c, j - 1) || prep_time ||
        (u->kind == NEWS_TOK_CLITIC && j - 1 > lo && news_speaker_word(c, j - 2) >= W_HE &&
         news_speaker_word(c, j - 2) <= W_IT))
      j--;
    else break;
  }
  if (j <= lo) return false;
  /* "Gov. Ann Lee (R-Ohio) said": step over a short parenthesis */
  if (is_punct(&c->tok[j - 1], ')')) {
    uint32_t k = j - 1;
    while (k > lo && j - k < 10 && !is_punct(&c->tok[k], '(')) k--;
    if (k > lo && is_punct(&c->tok[k], '(')) j = k;
  }
  if (j <= lo) return false;
  uint32_t e = j - 1;
  const news_token *t = &c->tok[e];
  /* "Lee, a spokeswoman for the agency, said" / "Lee, who ..., said" */
  bool appos = false;
  if (is_punct(t, ',') && e > lo) {
    if (!walk) return false;
    appos = true;
    e--;
    t = &c->tok[e];
    /* an age: "Ann Lee, 66, said" */
    if (NEWS_TOK_IS(t->kind, NEWS_TOK_RANGE_NUMBER) && e > lo + 1 && is_punct(&c->tok[e - 1], ',')) {
      e -= 2;
      t = &c->tok[e];
      appos = false;
    }
  }
  if (!is_word(t) && t->kind != NEWS_TOK_CLITIC) return false;
  int w = news_speaker_word(c, e);
  if (w >= W_HE && w <= W_IT && !appos) {
    out->a = e;
    out->b = e + 1;
    out->pron = w;
    return true;
  }
  bool clause_end = w == W_STOP || w == W_DET || w == W_PREP || news_speaker_verb(c, e);
  if (clause_end && !appos) return false;
  out->b = e + 1;
  uint32_t a = e + 1;
  if (clause_end) {
    /* "Lee, who ... was declared, told": the clause ends in a verb; only
    ** the walk back to the name before it is left */
  } else if (is_cap(c, e)) {
    /* a name: the capitalised run with its titles and initials */
    while (a > lo && e + 1 - (a - 1) <= NP_MAX &&
           (is_cap(c, a - 1) || (c->tok[a - 1].kind == NEWS_TOK_CLITIC && a - 1 > lo && is_cap(c, a - 2)) ||
            (is_particle(c, a - 1) && a - 1 > lo && is_cap(c, a - 2))))
      a--;
    out->na = a;
    out->nb = e + 1;
    /* a leading possessive or description: "the mayor's spokeswoman Ann Lee"
    ** keeps just the name, which is what resolution needs.  But after
    ** "of"/"for" the name belongs to what comes before: "Joel Marsh of
    ** the Herald" is Marsh, "a spokesman for Sen. Lee" is the spokesman */
    uint32_t pk = a > lo + 2 && news_speaker_word(c, a - 1) == W_DET ? a - 1 : a; /* "of the" */
    if (pk > lo + 1 && news_speaker_word(c, pk - 1) == W_PREP && e + 1 - a < NP_MAX) {
      np head;
      if (np_backward(c, pk - 1, lo, &head) && !head.pron) {
        out->a = head.a;
        out->na = head.na;
        out->nb = head.nb;
        out->head = head.nb > head.na && (head.nb == head.b || head.head);
        return true;
      }
    }
  } else {
    /* a description, read back to its determiner */
    while (a > lo && e + 1 - (a - 1) <= NP_MAX) {
      uint32_t k = a - 1;
      const news_token *u = &c->tok[k];
      if (u->kind == NEWS_TOK_CLITIC) {
        a--;
        continue;
      }
      if (!is_word(u) && u->kind != NEWS_TOK_NUMBER) break;
      int cls = news_speaker_word(c, k);
      if (cls == W_STOP || (cls >= W_HE && cls <= W_IT) || cls == W_AUX || news_speaker_verb(c, k)) break;
      a--;
      if (cls == W_DET) {
        /* "a spokesman for the group": go on past "for the" */
        if (a > lo + 1 && news_speaker_word(c, a - 1) == W_PREP) continue;
        break;
      }
    }
    while (a < e && news_speaker_word(c, a) == W_PREP) a++;
    /* "Lee in her budget speech called": a phrase after in/at/on/
    ** during between the subject and its verb */
    if (a > lo + 1 && walk) {
      const news_token *u = &c->tok[a - 1];
      const char *pw = (const char *)c->s + u->start;
      uint32_t pn = u->end - u->start;
      if (word_is(pw, pn, "in") || word_is(pw, pn, "at") || word_is(pw, pn, "on") || word_is(pw, pn, "during")) {
        np subj;
        if (np_backward_plain(c, a - 1, lo, &subj) && (subj.pron || (subj.nb > subj.na && subj.nb == subj.b))) {
          if (!subj.pron) subj.b = out->b;
          subj.head = !subj.pron;
          *out = subj;
          return true;
        }
      }
    }
    /* the last capitalised run inside names the organisation, if any */
    for (uint32_t k = e + 1; k-- > a;) {
      if (is_cap(c, k)) {
        uint32_t r = k + 1;
        while (k > a && is_cap(c, k - 1)) k--;
        out->na = k;
        out->nb = r;
        break;
      }
    }
  }
  out->a = a;
  if (!appos) return out->b > out->a;
  if (clause_end) out->a = out->b = a = e; /* nothing of its own to offer */
  /* The phrase before the verb's comma was an apposition or a clause:
  ** "Lee, a Democrat, said", "Lee, the minister of France, a member of the
  ** council, said", "Lee, who chairs the panel, said".  Walk back over at
  ** most three comma-separated phrases to the name or pronoun heading
  ** them; the phrase then runs from there to the verb. */
  uint32_t cur = a;
  bool clause = false;
  if (cur <= lo + 1) return out->b > out->a;
  if (!is_punct(&c->tok[cur - 1], ',')) {
    /* a clause: back to the comma that opens it */
    uint32_t k = cur;
    while (k > lo && cur - k < 20 && !is_punct(&c->tok[k - 1], ',')) k--;
    if (k <= lo || !is_punct(&c->tok[k - 1], ',') || is_cap(c, k)) return out->b > out->a;
    cur = k;
    clause = true;
  }
  for (int hop = 0; hop < 3 && cur > lo + 1 && is_punct(&c->tok[cur - 1], ','); hop++) {
    np name;
    if (!np_backward_plain(c, cur - 1, lo, &name)) break;
    if (clause && hop == 0) {
      /* "A city adviser, who asked not to be named, said": the phrase
      ** before a clause is the speaker even without a name */
      uint32_t b = out->b;
      *out = name;
      out->head = name.nb > name.na && (name.nb == name.b || name.head);
      if (!name.pron) out->b = clause_end ? name.b : b;
    }
    if (name.pron || (name.nb > name.na && (name.nb == name.b || name.head))) {
      out->a = name.a;
      out->na = name.na;
      out->nb = name.nb;
      out->pron = name.pron;
      out->head = !name.pron;
      if (name.pron || clause_end) out->b = name.b; /* "he, a Democrat," reads as "he" */
      break;
    }
    cur = name.a;
    if (cur > lo + 1 && !is_punct(&c->tok[cur - 1], ',')) {
      /* "Lee, during a meeting in Dayton, Ohio, said": the rest of a
      ** phrase, back to its comma */
      uint32_t k = cur;
      while (k > lo && cur - k < 12 && !is_punct(&c->tok[k - 1], ',')) k--;
      if (k > lo && is_punct(&c->tok[k - 1], ',')) cur = k;
    }
  }
  return out->b > out->a;
}

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
    if (nm[k].tok_end - a > best) {
      best = nm[k].tok_end - a;
      best_a = a;
      best_b = nm[k].tok_end;
    }
  }
  *pa = best_a;
  *pb = best_b;
}

/* The gender suggested by a name's tokens [a, b): a title or a given name. */
static uint8_t name_gender(const q_ctx *c, uint32_t a, uint32_t b) {
  for (uint32_t k = a; k < b; k++) {
    const news_token *t = &c->tok[k];
    const char *p = (const char *)c->s + t->start;
    uint32_t n = t->end - t->start;
    if (t->kind == NEWS_TOK_ABBREV && n > 1) n--; /* "Mr." as "Mr" */
    if (word_is(p, n, "Mr") || word_is(p, n, "Sir") || word_is(p, n, "Lord")) return 1;
    if (word_is(p, n, "Mrs") || word_is(p, n, "Ms") || word_is(p, n, "Miss") || word_is(p, n, "Lady")) return 2;
    if (t->kind == NEWS_TOK_ABBREV || news_speaker_word(c, k) == W_TITLE) continue; /* Sen. / Senator */
    int g = news_lex_find(&news_lex_given_names, p, n);
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

static void remember(q_ctx *c, const char *name, uint32_t len, uint32_t tok, uint8_t gender, bool named) {
  q_speaker *h = &c->hist[c->nhist % Q_HISTORY];
  h->name = name;
  h->len = len;
  h->tok = tok;
  h->gender = gender;
  h->named = named;
  c->nhist++;
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

/* Can a name starting at token i be a subject: not after a preposition,
** a determiner or a conjunction ("after Labor Day", "the Rockets")? */
static bool subject_position(const q_ctx *c, uint32_t i) {
  if (i == 0 || c->sent[c->tok[i].sentence].tok_begin == i) return true;
  int w = news_speaker_word(c, i - 1);
  return !(w == W_STOP || w == W_PREP || w == W_DET) && c->tok[i - 1].kind != NEWS_TOK_CLITIC;
}

/* Resolves a pronoun at token `at` to a recent speaker or person. */
static bool resolve_pronoun(q_ctx *c, int pron, uint32_t at, news_quote *q) {
  uint8_t want = pron == W_HE ? 1 : pron == W_SHE ? 2 : 3;
  if (pron == W_I || pron == W_IT) return false;
  uint32_t n = c->nhist < Q_HISTORY ? c->nhist : Q_HISTORY;
  for (uint32_t k = 0; k < n; k++) {
    q_speaker *h = &c->hist[(c->nhist - 1 - k) % Q_HISTORY];
    /* "they" may stand for a plural description ("the lawmakers") */
    if (!h->named && !(want == 3 && h->len > 1 && h->name[h->len - 1] == 's')) continue;
    bool person = h->gender == 1 || h->gender == 2 || h->gender == 0;
    if (want == 3 ? h->gender == 3 : (person && (h->gender == 0 || h->gender == want))) {
      if (h->gender == 0 && want != 3) h->gender = want; /* learned from the pronoun */
      q->speaker = h->name;
      q->speaker_len = h->len;
      return true;
    }
  }
  if (want == 3) return false;
  /* no speaker yet: the nearest earlier person entity, else name run */
  uint32_t elo = 0, ehi = c->nent;
  while (elo < ehi) { /* first entity starting at or after the pronoun */
    uint32_t mid = elo + (ehi - elo) / 2;
    if (c->ent[mid].tok_begin < at) elo = mid + 1;
    else ehi = mid;
  }
  for (uint32_t k = elo, seen = 0; k-- > 0 && seen < 256; seen++) { /* bounded: linear overall */
    const news_entity *e = &c->ent[k];
    if (e->type != NEWS_ENT_PERSON) continue;
    uint8_t g = entity_gender(c, e);
    if (g && g != want) continue;
    q->speaker = e->canonical;
    q->speaker_len = e->canonical_len;
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

static bool sentence_subject(const q_ctx *c, uint32_t s, uint32_t from, uint32_t before, np *p);
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
  if (!sentence_subject(c, s, 0, o < at ? o : at, &subj) || subj.pron || subj.nb <= subj.na ||
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
static void set_speaker(q_ctx *c, const np *p, news_quote *q) {
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

/* Resolves the non-pronoun phrase p into q->speaker and remembers it. */
static void resolve_phrase(q_ctx *c, const np *p, news_quote *q) {
  /* a name that heads the phrase ("Sen. Lee", "Lee, a Democrat", "the
  ** State Department"); in "a spokesman for Lee" the name is not the speaker */
  bool named = p->nb > p->na && (p->nb == p->b || p->head);
  const news_entity *e = named ? entity_in(c, p->na, p->nb) : NULL;
  if (e && e->canonical) {
    q->speaker = e->canonical;
    q->speaker_len = e->canonical_len;
    if (e->type == NEWS_ENT_PERSON) person_fullest(c, p->na, e, q);
    remember(c, q->speaker, q->speaker_len, p->a,
             e->type == NEWS_ENT_ORG ? 3 : entity_gender(c, e), true);
    return;
  }
  if (named) {
    /* drop titles, expand a surname */
    uint32_t a = p->na, b = p->nb;
    strip_titles(c, &a, b);
    uint8_t g = name_gender(c, p->na, p->nb);
    expand_name(c, p->na, &a, &b);
    if (!g) g = name_gender(c, a, b);
    q_name run = {a, b};
    if (!g && !person_like(c, &run)) g = 3; /* "Acme Bank": not he or she */
    q->speaker = (const char *)c->s + c->tok[a].start;
    q->speaker_len = c->tok[b - 1].end - c->tok[a].start;
    remember(c, q->speaker, q->speaker_len, p->a, g, true);
    return;
  }
  /* a description stands for itself */
  q->speaker = (const char *)c->s + c->tok[p->a].start;
  q->speaker_len = c->tok[p->b - 1].end - c->tok[p->a].start;
  remember(c, q->speaker, q->speaker_len, p->a, 3, false);
}

/* ------------------------------------------------------------ the verb */

/* The subject of sentence s before token `before`: its first pronoun, name
** or description after a leading adverbial ("In a speech, Lee argued",
** "Lee was blunt:").  Used when the verb's own subject is not next to it. */
static bool sentence_subject(const q_ctx *c, uint32_t s, uint32_t from, uint32_t before, np *p) {
  uint32_t a = c->sent[s].tok_begin, b = c->sent[s].tok_end;
  if (from > a) a = from; /* not inside the quotation that opens it */
  if (before < b) b = before;
  for (int round = 0; round < 3 && a < b; round++) {
    /* skip "On Sunday," / "In a speech," / "Asked about it," / "Indeed,"
    ** up to its comma; a leading "And"/"But" alone */
    const news_token *t = &c->tok[a];
    uint32_t n = t->end - t->start;
    const char *w = (const char *)c->s + t->start;
    int cls = news_speaker_word(c, a);
    if (a + 1 < b && (word_is(w, n, "And") || word_is(w, n, "But") || word_is(w, n, "So") || word_is(w, n, "Yet"))) {
      a++;
      continue;
    }
    bool lead = cls == W_STOP || cls == W_PREP || cls == W_AUX ||
                (n > 3 && (!memcmp(w + n - 2, "ed", 2) || !memcmp(w + n - 3, "ing", 3) || !memcmp(w + n - 2, "ly", 2)));
    if (lead && cls == 0 && a + 1 < b && (news_speaker_verb(c, a + 1) || is_cap(c, a + 1))) lead = false; /* "Reed said" */
    /* "Indeed," "Meanwhile," "Friday," -- but not "Lee, who ..." */
    if (a + 1 < b && is_punct(&c->tok[a + 1], ',') && (cls == W_AUX || is_ly(c, a) || !(t->flags & NEWS_TF_UPPER)))
      lead = true;
    if (!lead) break;
    uint32_t k = a;
    while (k < b && k < a + 20 && !is_punct(&c->tok[k], ',')) k++;
    if (k < b && is_punct(&c->tok[k], ',')) a = k + 1;
    else break;
    /* "in Dayton, Ohio, Lee said": the rest of a place name */
    uint32_t r = a;
    while (r < b && r < a + 3 && is_cap(c, r)) r++;
    if (r > a && r + 1 < b && is_punct(&c->tok[r], ',') &&
        (is_cap(c, r + 1) || (news_speaker_word(c, r + 1) >= W_HE && news_speaker_word(c, r + 1) <= W_THEY)))
      a = r + 1;
  }
  for (uint32_t i = a; i < b && i < a + 4; i++) {
    int w = news_speaker_word(c, i);
    if (w >= W_HE && w <= W_THEY) {
      memset(p, 0, sizeof *p);
      p->a = i;
      p->b = i + 1;
      p->pron = w;
      return true;
    }
    if (w == W_STOP || w == W_AUX || w == W_PREP) continue;
    if (!is_word(&c->tok[i])) continue;
    if (np_forward(c, i, b, p)) return true;
  }
  return false;
}

/* Is verb v preceded (past auxiliaries) by and/but/then? */
static bool after_conj(const q_ctx *c, uint32_t v, uint32_t lo) {
  uint32_t k = v;
  while (k > lo && (news_speaker_word(c, k - 1) == W_AUX || is_ly(c, k - 1))) k--;
  if (k <= lo) return false;
  const news_token *t = &c->tok[k - 1];
  const char *w = (const char *)c->s + t->start;
  uint32_t n = t->end - t->start;
  return word_is(w, n, "and") || word_is(w, n, "but") || word_is(w, n, "then");
}

/* "he laughed and said": a verb after and/but/then shares the subject of
** the clause before; take the nearest pronoun or name back to lo. */
static bool coordinated_subject(const q_ctx *c, uint32_t v, uint32_t lo, np *p) {
  uint32_t k = v;
  while (k > lo && (news_speaker_word(c, k - 1) == W_AUX || is_ly(c, k - 1))) k--;
  if (k <= lo || news_speaker_word(c, k - 1) != W_STOP) return false;
  const news_token *t = &c->tok[k - 1];
  const char *w = (const char *)c->s + t->start;
  uint32_t n = t->end - t->start;
  if (!word_is(w, n, "and") && !word_is(w, n, "but") && !word_is(w, n, "then")) return false;
  for (uint32_t i = k - 1; i-- > lo && k - i < 14;) {
    if (NEWS_TOK_IS(c->tok[i].kind, NEWS_TOK_RANGE_QUOTE)) break;
    int cls = news_speaker_word(c, i);
    if (cls >= W_HE && cls <= W_THEY) {
      memset(p, 0, sizeof *p);
      p->a = i;
      p->b = i + 1;
      p->pron = cls;
      return true;
    }
  }
  return false;
}

/* Finds the speaker for verb v: after it when inverted, else before it.
** lo/hi bound the phrase. */
static bool speaker_for_verb(q_ctx *c, uint32_t v, int vclass, uint32_t lo, uint32_t hi, news_quote *q) {
  np p;
  bool ok = false;
  q->verb_start = c->tok[v].start;
  q->verb_end = c->tok[v].end;
  if (vclass == V_ACCORDING) {
    q->verb_end = c->tok[v + 1].end;
    ok = np_forward(c, v + 2, hi, &p);
  } else {
    /* inverted when a closing mark (and comma) or the window start is
    ** right before the verb: “...,” said Lee */
    uint32_t k = v;
    while (k > lo && is_punct(&c->tok[k - 1], ',')) k--;
    bool inverted = k == lo || c->tok[k - 1].kind == NEWS_TOK_QUOTE_CLOSE;
    const char *vw = (const char *)c->s + c->tok[v].start;
    bool told = c->tok[v].end - c->tok[v].start == 4 && !memcmp(vw, "told", 4);
    /* "..., saying" / "..., adding": the subject of the main clause */
    uint32_t vn = c->tok[v].end - c->tok[v].start;
    bool ing = vn > 4 && !memcmp(vw + vn - 3, "ing", 3);
    if (!inverted && !told && !ing && k < v && v + 1 < hi) {
      /* "..., said Prof. Ann Lee." closing its clause */
      np f;
      if (np_forward(c, v + 1, hi, &f) && (f.nb > f.na || !f.pron) && f.b < c->ntok &&
          (is_punct(&c->tok[f.b], ',') || is_punct(&c->tok[f.b], '.'))) {
        p = f;
        ok = true;
      }
    }
    if (!ok && inverted && !told && !ing) ok = np_forward(c, v + 1, hi, &p);
    /* "with Sen. Ann Lee calling it ...": a name right before a participle */
    if (!ok && ing && v > lo && (is_cap(c, v - 1) || (news_speaker_word(c, v - 1) >= W_HE &&
                                                       news_speaker_word(c, v - 1) <= W_THEY)))
      ok = np_backward(c, v, lo, &p);
    if (!ok && !ing) ok = np_backward(c, v, lo, &p);
    if (!ok && !ing && after_conj(c, v, lo)) ok = sentence_subject(c, c->tok[v].sentence, 0, v, &p);
    if (!ok && !ing) ok = coordinated_subject(c, v, lo, &p);
    if (!ok) ok = sentence_subject(c, c->tok[v].sentence, lo, v, &p);
  }
  if (ok) set_speaker(c, &p, q);
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
    if (is_punct(t, '(')) depth++;
    else if (is_punct(t, ')') && depth) depth--;
    else if (!depth && (is_punct(t, '.') || is_punct(t, '!') || is_punct(t, '?') || is_punct(t, ';'))) {
      /* "Lee, R-Ky., said": a period before a comma ends nothing */
      if (is_punct(t, '.') && i + 1 < stop && is_punct(&c->tok[i + 1], ',')) continue;
      break;
    }
  }
  return i;
}

/* A token that can stand in a speaker phrase between a closing mark and
** its verb: words, titles, initials, commas, bracketed party labels. */
static bool np_token(const news_token *t) {
  return NEWS_TOK_IS(t->kind, NEWS_TOK_RANGE_WORD) || is_punct(t, ',') || is_punct(t, '(') ||
         is_punct(t, ')') || is_punct(t, '.') || t->kind == NEWS_TOK_DASH || NEWS_TOK_IS(t->kind, NEWS_TOK_RANGE_NUMBER);
}

/* Window a: a speech verb after the closing mark with only a speaker phrase
** before it (“...,” Sen. Ann Lee (D-Ohio) said). */
static uint32_t verb_near(const q_ctx *c, uint32_t a, uint32_t hi, int *cls) {
  for (uint32_t i = a; i < hi && i < a + WIN_NEAR; i++) {
    int v = news_speaker_verb(c, i);
    if (v == V_SPEECH || (v == V_WEAK && i < a + WIN_WEAK)) {
      /* only a speaker phrase may stand between: not "“...” ending
      ** the day, Lee said" */
      uint32_t s0 = a < hi && is_punct(&c->tok[a], ',') ? a + 1 : a;
      np p;
      if (i > s0 && !(np_backward(c, i, a, &p) && p.a <= s0) && !(s0 < i && is_punct(&c->tok[i - 1], ','))) break;
      *cls = v;
      return i;
    }
    if (!np_token(&c->tok[i])) break;
    /* a verb this far only after a name or an apposition */
    if (i >= a + 5 && !is_cap(c, a) && !is_punct(&c->tok[a + 1], ',') && news_speaker_word(c, a) != W_DET) break;
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
  if (word_is(w, n, "went") || word_is(w, n, "broke") || word_is(w, n, "cut") || word_is(w, n, "spoke") ||
      word_is(w, n, "read")) /* “...,” the statement read. */
    return true;
  return n > 3 && (!memcmp(w + n - 2, "ed", 2) || (w[n - 1] == 's' && w[n - 2] != 's'));
}

/* Any lower-case verb in the shape of an attribution right after a quotation
** that ends in , ? ! or a dash: “...,” Lee beamed / “...!” beamed Lee. */
static bool shape_after(q_ctx *c, const q_span *sp, uint32_t a, uint32_t hi, news_quote *q) {
  if (sp->close == Q_NONE || a >= hi) return false;
  const news_token *e = &c->tok[sp->last - 1];
  if (!(is_punct(e, ',') || is_punct(e, '?') || is_punct(e, '!') || e->kind == NEWS_TOK_DASH)) return false;
  np p;
  const news_token *t = &c->tok[a];
  uint32_t v = Q_NONE;
  if (t->kind == NEWS_TOK_WORD && !(t->flags & NEWS_TF_UPPER) && !news_speaker_word(c, a)) {
    /* inverted: beamed Lee, -- then the end of the clause */
    if (!finite_verb(c, a) || !np_forward(c, a + 1, hi, &p)) return false;
    /* "beamed Ann Lee of Dayton, Ohio, who ...": a place after "of" */
    uint32_t pe = p.b;
    if (pe + 1 < hi && word_at(c, pe, "of") && is_cap(c, pe + 1)) pe = cap_run_fwd(c, pe + 1, hi);
    if (pe < hi && !is_punct(&c->tok[pe], ',') && !is_punct(&c->tok[pe], '.')) return false;
    v = a;
  } else {
    if (!np_forward(c, a, hi, &p) || p.b >= hi) return false;
    const news_token *u = &c->tok[p.b];
    if (u->kind != NEWS_TOK_WORD || (u->flags & NEWS_TF_UPPER) || news_speaker_word(c, p.b)) return false;
    if (!finite_verb(c, p.b)) return false;
    v = p.b;
  }
  q->verb_start = c->tok[v].start;
  q->verb_end = c->tok[v].end;
  set_speaker(c, &p, q);
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
  for (int skip = 0; skip < 2 && k > lo && (is_ly(c, k - 1) || word_at(c, k - 1, "not")); skip++) k--;
  if (k <= lo) return false;
  static const char *const modals[] = {"would", "will", "could", "should", "might", "may", "must", "can", "to", "had"};
  for (size_t m = 0; m < sizeof modals / sizeof modals[0]; m++)
    if (word_at(c, k - 1, modals[m])) return true;
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
    if (!(word_at(c, i, "reported") || word_at(c, i, "reports")) || c->tok[i].start == q->verb_start) continue;
    bool closing = is_punct(&c->tok[i + 1], '.'), inverted = i > a && is_punct(&c->tok[i - 1], ',');
    if (!closing && !inverted) continue;
    news_quote t = *q;
    if (speaker_for_verb(c, i, V_SPEECH, a, hi < c->ntok ? hi + 1 : hi, &t)) {
      *q = t;
      return true;
    }
  }
  return false;
}

news_rc news_speaker_attribute(q_ctx *c, q_span *sp, const q_span *prev, const q_span *next,
                               news_quote *q, const news_quote *prevq) {
  const news_token *tok = c->tok;
  uint32_t so = tok[sp->open].sentence;
  c->cur_open = sp->open;
  /* window before the opening mark: back to the sentence start or the
  ** previous quotation's closing mark */
  uint32_t lo = c->sent[so].tok_begin;
  if (prev && prev->close != Q_NONE && prev->close + 1 > lo && prev->close < sp->open) lo = prev->close + 1;
  if (sp->open > lo + WIN_BEFORE) lo = sp->open - WIN_BEFORE;
  /* window after the closing mark: to the sentence end or next quotation */
  uint32_t a = sp->close == Q_NONE ? sp->last : sp->close + 1;
  uint32_t hi = sp->close == Q_NONE ? a : after_end(c, a, next ? next->open : c->ntok);
  /* a quotation ending in a full stop ends its sentence (“...” Lee left.),
  ** unless a short sentence with a speech verb follows (“...” Lee said.) */
  if (hi > a && tok[a].sentence != tok[sp->close].sentence && is_punct(&tok[sp->last - 1], '.')) {
    const news_sentence *nx = &c->sent[tok[a].sentence];
    int vc = 0;
    if (nx->tok_end - nx->tok_begin > 8 || verb_fwd(c, a, hi, 0, &vc) == Q_NONE || vc != V_SPEECH) hi = a;
  }
  int cls = 0;
  uint32_t v;
  sp->attributed = true;
  np p0;
  /* the second half of a broken quotation, whose attribution stands
  ** between the two: “Everything ...,” the mayor added, “has ...” */
  if (prev && prevq && prevq->speaker && prev->close != Q_NONE && prev->close < sp->open &&
      tok[prev->close].sentence == so && prevq->speaker_end > prevq->speaker_start &&
      prevq->speaker_start >= tok[prev->close].end && prevq->speaker_end <= tok[sp->open].start &&
      is_punct(&tok[sp->open - 1], ',')) {
    copy_speaker(q, prevq);
    return NEWS_OK;
  }
  /* a transcript label opening the quotation: "HOST: Well, ..." */
  if (sp->first + 2 < sp->last && (tok[sp->first].flags & NEWS_TF_ALLCAPS) && tok[sp->first].kind == NEWS_TOK_WORD &&
      is_punct(&tok[sp->first + 1], ':')) {
    memset(&p0, 0, sizeof p0);
    p0.a = p0.na = sp->first;
    p0.b = p0.nb = sp->first + 1;
    set_speaker(c, &p0, q);
    return NEWS_OK;
  }
  /* a signature right after the closing mark: “...” ― Ann Lee */
  if (a + 1 < c->ntok && sp->close != Q_NONE && (tok[a].kind == NEWS_TOK_DASH || is_punct(&tok[a], '-')) &&
      !(tok[a].flags & NEWS_TF_PARA) && np_forward(c, a + 1, c->sent[tok[a + 1].sentence].tok_end, &p0) &&
      p0.nb > p0.na && p0.b == p0.nb) {
    const news_token *e = p0.b < c->ntok ? &tok[p0.b] : NULL;
    if (!e || (e->flags & (NEWS_TF_NEWLINE | NEWS_TF_PARA)) || is_punct(e, '.') || is_punct(e, ',')) {
      set_speaker(c, &p0, q);
      return NEWS_OK;
    }
  }
  /* b first when a verb introduces the quotation right before its mark:
  ** Lee replied: “Why now?” Critics said it was late. */
  if (sp->open > lo + 1 && (is_punct(&tok[sp->open - 1], ':') || is_punct(&tok[sp->open - 1], ','))) {
    v = verb_back(c, sp->open - 2 > lo ? sp->open - 2 : lo, sp->open - 1, &cls);
    if (v != Q_NONE && cls != V_ACCORDING && speaker_for_verb(c, v, cls, lo, sp->open, q)) {
      according_override(c, lo, sp->open, a, hi, q);
      return NEWS_OK;
    }
  }
  /* a. right after the closing mark */
  v = verb_near(c, a, hi, &cls);
  if (v != Q_NONE && speaker_for_verb(c, v, cls, a, hi, q)) {
    according_override(c, lo, sp->open, a, hi, q);
    return NEWS_OK;
  }
  if (shape_after(c, sp, a, hi, q)) return NEWS_OK;
  /* b. before the opening mark (the outer verb when the nearest one is in
  ** its complement clause) */
  v = verb_back(c, lo, sp->open, &cls);
  if (v != Q_NONE) v = outer_verb(c, lo, v, &cls);
  if (v != Q_NONE && speaker_for_verb(c, v, cls, lo, sp->open, q)) {
    if (cls != V_ACCORDING) according_override(c, lo, sp->open, a, hi, q);
    return NEWS_OK;
  }
  /* c. further after the closing mark, within its own sentence (a next
  ** sentence only ever attributes through a. above) */
  v = hi > a && tok[a].sentence == tok[sp->close].sentence ? verb_fwd(c, a, hi, 2, &cls) : Q_NONE;
  if (v != Q_NONE && speaker_for_verb(c, v, cls, a, hi, q)) return NEWS_OK;
  sp->attributed = false;
  /* d. inside a sentence: a speech verb before the window (“Lee called
  ** him “a” and “b”), else the sentence's subject ("Lee praised the deal
  ** as “historic”") */
  uint32_t sb = c->sent[so].tok_begin;
  if (lo > sb) {
    /* not inside the previous quotation itself */
    uint32_t end = prev && prev->close != Q_NONE && prev->close + 1 == lo ? prev->open : lo;
    uint32_t from = end > sb + 3 * WIN_BEFORE ? end - 3 * WIN_BEFORE : sb;
    v = verb_back(c, from, end, &cls);
    if (v != Q_NONE && speaker_for_verb(c, v, cls, from, end, q)) {
      sp->attributed = true;
      return NEWS_OK;
    }
  }
  if (sp->open > sb + 1) {
    np p;
    if (sentence_subject(c, so, 0, sp->open, &p)) {
      set_speaker(c, &p, q);
      return NEWS_OK;
    }
  }
  /* e. the sentence before ends with a colon */
  uint32_t fs = c->sent[so].tok_begin;
  /* a colon inside the previous quotation ("... as follows:") is its text */
  bool colon_quoted = fs > 0 && prev && prev->first < fs && fs <= prev->last;
  if (sp->open == fs && fs > 0 && is_punct(&tok[fs - 1], ':') && so > 0 && !colon_quoted) {
    uint32_t ps = so - 1, pa = c->sent[ps].tok_begin;
    v = verb_back(c, pa, fs - 1, &cls);
    if (v != Q_NONE && cls != V_ACCORDING && speaker_for_verb(c, v, cls, pa, fs - 1, q)) {
      sp->attributed = true;
      return NEWS_OK;
    }
    np p;
    if (sentence_subject(c, ps, 0, fs - 1, &p)) {
      set_speaker(c, &p, q);
      sp->attributed = true;
      return NEWS_OK;
    }
  }
  /* f. continuing the quotation before */
  if (prev && prevq && prevq->speaker) {
    bool same_para = prev->para == sp->para;
    bool next_para = sp->cont;
    if (!next_para && sp->open == sp->para && prev->para < sp->para) {
      /* the paragraph right before holds the previous quotation; the
      ** tokens between the two are scanned once over the whole document */
      next_para = sp->para - prev->last < 300; /* bounded: stays linear */
      for (uint32_t k = prev->last + 1; next_para && k < sp->para; k++)
        if (tok[k].flags & NEWS_TF_PARA) next_para = false;
    }
    /* a fragment too when its sentence had no subject of its own
    ** ("Lee said. Instead, “it is a trap ...”") */
    if (same_para || next_para) {
      copy_speaker(q, prevq);
      sp->attributed = sp->direct || next_para; /* a fragment may still be a scare quote */
      return NEWS_OK;
    }
  }
  /* g. a signature in the next paragraph: “...” / - Lee. */
  uint32_t z = sp->close == Q_NONE ? sp->last : sp->close + 1;
  if (z + 1 < c->ntok && (tok[z].flags & NEWS_TF_PARA) &&
      (tok[z].kind == NEWS_TOK_DASH || is_punct(&tok[z], '-'))) {
    np p;
    if (np_forward(c, z + 1, c->sent[tok[z + 1].sentence].tok_end, &p)) {
      set_speaker(c, &p, q);
      sp->attributed = true;
      return NEWS_OK;
    }
  }
  /* h. the sentence before, in the same paragraph or ending the one
  ** before: Lee recalled the trip. “It was dark.” */
  if (sp->open == fs && so > 0) {
    uint32_t ps = so - 1, pa = c->sent[ps].tok_begin, pe = c->sent[ps].tok_end;
    /* only a sentence with no quotation of its own (checked within 60) */
    uint32_t k = pe;
    while (k > pa && pe - k < 60 && !(NEWS_TOK_IS(tok[k - 1].kind, NEWS_TOK_RANGE_QUOTE) && (tok[k - 1].flags & NEWS_TF_DOUBLE))) k--;
    if (k == pa) {
      v = verb_back(c, pa, pe, &cls);
      np p;
      if (v != Q_NONE && cls != V_ACCORDING && speaker_for_verb(c, v, cls, pa, pe, q)) return NEWS_OK;
      if (sentence_subject(c, ps, 0, pe, &p) && (p.pron || p.nb > p.na)) {
        set_speaker(c, &p, q);
        return NEWS_OK;
      }
    }
  }
  /* i. the sentence after, when it opens with an attribution within ten
  ** tokens: “...” / That is what Lee told reporters. */
  uint32_t ns = z < c->ntok ? tok[z].sentence : Q_NONE;
  if (sp->close != Q_NONE && ns != Q_NONE && ns != tok[sp->close].sentence && c->sent[ns].tok_begin == z) {
    uint32_t na = c->sent[ns].tok_begin, ne = c->sent[ns].tok_end;
    if (ne > na + 10) ne = na + 10;
    v = verb_fwd(c, na, ne, 0, &cls);
    if (v != Q_NONE && cls == V_SPEECH && speaker_for_verb(c, v, cls, na, c->sent[ns].tok_end, q)) {
      sp->attributed = true;
      return NEWS_OK;
    }
  }
  return NEWS_OK;
}

/* ----------------------------------------------------------- name runs */

news_rc news_speaker_names(q_ctx *c) {
  uint32_t nPoll = 0;
  for (uint32_t i = 0; i < c->ntok;) {
    if (news_doc_poll(c->d, &nPoll)) return NEWS_ERR_INTERRUPTED;
    if (!is_cap(c, i)) {
      i++;
      continue;
    }
    uint32_t j = cap_run_fwd(c, i, c->ntok);
    if (j <= i) j = i + 1;
    uint32_t words = 0;
    for (uint32_t k = i; k < j; k++) words += c->tok[k].kind == NEWS_TOK_WORD;
    if (words >= 2) {
      q_name *nm = news_vec_push(&c->names, c->d->mem);
      if (!nm) return NEWS_ERR_NOMEM;
      nm->tok_begin = i;
      nm->tok_end = j;
    }
    i = j;
  }
  return NEWS_OK;
}
