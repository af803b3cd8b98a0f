/*
** speaker_phrase.c -- the words of a speaker: the word classes of
** speaker_words.tsv and speech_verbs.tsv, and the speaker phrase around a
** verb.
**
** HOW IT WORKS
**   The speaker phrase of a verb.  After the verb when it is inverted (it
**   follows the closing mark, "..., said Prof. Ann Lee." ending a clause,
**   "according to X"); otherwise the phrase ending just before the verb,
**   skipping auxiliaries, adverbs and day names (Lee has repeatedly said):
**   a pronoun, a run of capitalised words with titles and initials, or a
**   description read back to its determiner ("a State Department
**   spokeswoman", "the lawmakers").  Appositions and clauses between
**   commas are walked back to the name heading them ("Lee, a Democrat,
**   said", "Lee, who chairs the panel, said"); "Marsh of the Herald" is
**   Marsh but "a spokesman for Sen. Lee" is the spokesman, and a title run
**   ("Secretary of State John Kerry") is the person.  A participle
**   ("..., saying") takes the clause's subject; "he laughed and said" the
**   pronoun of the clause before.
**   The capitalised name runs of the document (news_speaker_names) serve
**   resolution (speaker_resolve.c) to expand a surname.
*/
#include "speaker_int.h"

static bool is_word(const news_token *t) {
  return NEWS_TOK_IS(t->kind, NEWS_TOK_RANGE_WORD) && t->kind != NEWS_TOK_URL &&
         t->kind != NEWS_TOK_EMAIL && t->kind != NEWS_TOK_HASHTAG;
}

bool sp_is_punct(const news_token *t, int32_t cp) {
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
  int v = news_attrib_verb(c, i);
  return v == V_BELIEF ? 0 : v;
}

int news_attrib_verb(const q_ctx *c, uint32_t i) {
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
bool sp_is_time(const q_ctx *c, uint32_t i) {
  const news_token *t = &c->tok[i];
  return t->kind == NEWS_TOK_WORD &&
         news_lex_find(&news_lex_speaker_words, (const char *)c->s + t->start, t->end - t->start) == W_TIME;
}

/* A month name ("September"), which opens a date, never a name. */
bool sp_is_month(const q_ctx *c, uint32_t i) {
  static const char *const months[] = {"January", "February", "March", "April", "June", "July", "August",
                                       "September", "October", "November", "December", NULL};
  const news_token *t = &c->tok[i];
  if (t->kind != NEWS_TOK_WORD) return false;
  for (const char *const *m = months; *m; m++)
    if (sp_word_is((const char *)c->s + t->start, t->end - t->start, *m)) return true;
  return false;
}

/* A lower-case adverb ending in -ly ("repeatedly", "flatly"). */
bool sp_is_ly(const q_ctx *c, uint32_t i) {
  const news_token *t = &c->tok[i];
  uint32_t n = t->end - t->start;
  return t->kind == NEWS_TOK_WORD && !(t->flags & NEWS_TF_UPPER) && n > 4 && c->s[t->end - 2] == 'l' &&
         c->s[t->end - 1] == 'y';
}

/* A token that may be part of a capitalised name. */
bool sp_is_cap(const q_ctx *c, uint32_t i) {
  const news_token *t = &c->tok[i];
  if (t->kind == NEWS_TOK_ABBREV || t->kind == NEWS_TOK_INITIAL) return true;
  if (t->kind != NEWS_TOK_WORD || !(t->flags & NEWS_TF_UPPER)) return false;
  int w = news_speaker_word(c, i);
  if (w == W_STOP || w == W_DET || w == W_AUX || (w >= W_HE && w <= W_IT) || news_speaker_verb(c, i)) return false;
  /* a contracted pronoun ("You’re", "I've", "We’ll") is no name */
  const char *p = (const char *)c->s + t->start;
  for (uint32_t k = 1; k < t->end - t->start && k < 5; k++) {
    if (p[k] != '\'' && !((unsigned char)p[k] == 0xe2 && k + 2 < t->end - t->start)) continue;
    int pw = news_lex_find(&news_lex_speaker_words, p, k);
    return !((pw >= W_HE && pw <= W_IT) || (k == 3 && !memcmp(p, "You", 3)));
  }
  return true;
}

/* Is the word w[0..n) exactly lit? */
bool sp_word_is(const char *w, uint32_t n, const char *lit) {
  return strlen(lit) == n && !memcmp(w, lit, n);
}

/* Is token i the word lit? */
bool sp_word_at(const q_ctx *c, uint32_t i, const char *lit) {
  const news_token *t = &c->tok[i];
  return t->kind == NEWS_TOK_WORD && sp_word_is((const char *)c->s + t->start, t->end - t->start, lit);
}

/* Lower-case particles inside names ("Ibn", "de", "al"). */
static bool is_particle(const q_ctx *c, uint32_t i) {
  const news_token *t = &c->tok[i];
  uint32_t n = t->end - t->start;
  const char *p = (const char *)c->s + t->start;
  return t->kind == NEWS_TOK_WORD && n <= 3 &&
         (sp_word_is(p, n, "de") || sp_word_is(p, n, "al") || sp_word_is(p, n, "van") || sp_word_is(p, n, "von") ||
          sp_word_is(p, n, "bin") || sp_word_is(p, n, "da") || sp_word_is(p, n, "del") || sp_word_is(p, n, "la"));
}

/* ----------------------------------------------------- speaker phrases */


/* The capitalised run that starts at i, going forward (bounded by hi). */
uint32_t sp_cap_run_fwd(const q_ctx *c, uint32_t i, uint32_t hi) {
  uint32_t j = i;
  while (j < hi && j - i < NP_MAX) {
    /* a name never runs across a paragraph break or from a headline in
    ** capitals into the text ("PLANT TO CLOSE" / "Ann Lee") */
    if (j > i && ((c->tok[j].flags & NEWS_TF_PARA) ||
                  ((c->tok[j].flags ^ c->tok[j - 1].flags) & NEWS_TF_ALLCAPS && (c->tok[j].flags & NEWS_TF_NEWLINE))))
      break;
    if (sp_is_cap(c, j)) j++;
    else if (c->tok[j].kind == NEWS_TOK_CLITIC && j > i) j++;
    else if (is_particle(c, j) && j + 1 < hi && sp_is_cap(c, j + 1)) j++;
    else break;
  }
  /* a trailing possessive belongs to what follows */
  while (j > i && c->tok[j - 1].kind == NEWS_TOK_CLITIC) j--;
  return j;
}

/* Reads a speaker phrase starting at token i (after an inverted verb or
** "according to"), bounded by hi.  Returns false when none is there. */
bool sp_np_forward(const q_ctx *c, uint32_t i, uint32_t hi, np *out) {
  memset(out, 0, sizeof *out);
  /* "said 9/11 widow Terry Strada": a number in front of a description
  ** that holds a name */
  if (i < hi && c->tok[i].kind == NEWS_TOK_NUMBER) {
    uint32_t j = i + 1;
    if (j + 1 < hi && sp_is_punct(&c->tok[j], '/') && c->tok[j + 1].kind == NEWS_TOK_NUMBER) j += 2;
    if (j >= hi || c->tok[j].kind != NEWS_TOK_WORD || (c->tok[j].flags & NEWS_TF_UPPER) ||
        !sp_np_forward(c, j, hi, out) || out->pron || out->nb == out->na) {
      memset(out, 0, sizeof *out);
      return false;
    }
    out->a = i;
    return true;
  }
  if (i >= hi || !is_word(&c->tok[i]) || c->tok[i].kind == NEWS_TOK_CLITIC) return false;
  int w = news_speaker_word(c, i);
  out->a = i;
  if (w >= W_HE && w <= W_IT) {
    out->b = i + 1;
    out->pron = w;
    return true;
  }
  if (sp_is_cap(c, i)) {
    out->b = out->nb = sp_cap_run_fwd(c, i, hi);
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
    if (title && lower && j < hi && sp_is_cap(c, j)) {
      out->na = j;
      out->b = out->nb = sp_cap_run_fwd(c, j, hi);
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
    bool cap = sp_is_cap(c, j);
    uint32_t n = t->end - t->start;
    /* a lower-case word after a name, or an -ed word, is the verb, unless
    ** it ends the phrase ("said a 2010 campaign veteran.") */
    bool last = j + 1 >= hi || !is_word(&c->tok[j + 1]);
    bool ed = n > 3 && !memcmp(c->s + t->end - 2, "ed", 2);
    if (!cap && k != W_PREP && k != W_TITLE && j > i &&
        (ed || (out->nb == j && !last) || news_speaker_verb(c, j) || sp_word_at(c, j, "read")))
      break;
    if (cap && out->na == out->nb) {
      out->na = j;
      out->nb = sp_cap_run_fwd(c, j, hi);
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

bool sp_np_backward(const q_ctx *c, uint32_t v, uint32_t lo, np *out) {
  return np_backward_at(c, v, lo, out, true);
}

/* Is token i the one character ch ("(", "<": punctuation or a symbol)? */
static bool is_char(const q_ctx *c, uint32_t i, char ch) {
  const news_token *t = &c->tok[i];
  return t->end - t->start == 1 && c->s[t->start] == (unsigned char)ch;
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
                     (sp_word_is(uw, un, "on") || sp_word_is(uw, un, "in") || sp_word_is(uw, un, "this") ||
                      sp_word_is(uw, un, "during") || sp_word_is(uw, un, "a") || sp_word_is(uw, un, "the"));
    if (prep_time && (sp_word_is(uw, un, "a") || sp_word_is(uw, un, "the"))) {
      j--; /* "during a Monday rally": keep looking for the preposition */
      continue;
    }
    time = sp_is_time(c, j - 1);
    if (news_speaker_word(c, j - 1) == W_AUX || sp_is_ly(c, j - 1) || prep_time ||
        (u->kind == NEWS_TOK_CLITIC && j - 1 > lo && news_speaker_word(c, j - 2) >= W_HE &&
         news_speaker_word(c, j - 2) <= W_IT))
      j--;
    else break;
  }
  if (j <= lo) return false;
  /* "Gov. Ann Lee (R-Ohio) said", "Tricentrol Plc <TCT.L> said": step
  ** over a short parenthesis or a wire service's ticker */
  if (sp_is_punct(&c->tok[j - 1], ')') || is_char(c, j - 1, '>')) {
    char open = sp_is_punct(&c->tok[j - 1], ')') ? '(' : '<';
    uint32_t k = j - 1;
    while (k > lo && j - k < 10 && !is_char(c, k, open)) k--;
    if (k > lo && is_char(c, k, open)) j = k;
  }
  if (j <= lo) return false;
  uint32_t e = j - 1;
  const news_token *t = &c->tok[e];
  /* "Lee, a spokeswoman for the agency, said" / "Lee, who ..., said" */
  bool appos = false;
  if (sp_is_punct(t, ',') && e > lo) {
    if (!walk) return false;
    appos = true;
    e--;
    t = &c->tok[e];
    /* an age: "Ann Lee, 66, said" */
    if (NEWS_TOK_IS(t->kind, NEWS_TOK_RANGE_NUMBER) && e > lo + 1 && sp_is_punct(&c->tok[e - 1], ',')) {
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
  } else if (sp_is_cap(c, e)) {
    /* a name: the capitalised run with its titles and initials */
    while (a > lo && e + 1 - (a - 1) <= NP_MAX &&
           (sp_is_cap(c, a - 1) || (c->tok[a - 1].kind == NEWS_TOK_CLITIC && a - 1 > lo && sp_is_cap(c, a - 2)) ||
            (is_particle(c, a - 1) &&
             (a - 1 == lo || sp_is_cap(c, a - 2) || c->tok[a - 2].kind == NEWS_TOK_PUNCT))))
      a--;
    /* "Standard and Poor's Corp", "S and P", "Mr. Grassley and Mr. Leahy":
    ** two capitalised runs joined by "and" or "&" are one speaker, a firm
    ** or a pair (not when the second holds a title word: "Sales and
    ** Marketing Director Ann Lee") */
    bool title = false;
    for (uint32_t k = a; k <= e; k++)
      title = title || (c->tok[k].kind == NEWS_TOK_WORD && news_speaker_word(c, k) == W_TITLE);
    if (!title && e + 1 - a <= 4 && a > lo + 1 && (sp_word_at(c, a - 1, "and") || is_char(c, a - 1, '&')) &&
        sp_is_cap(c, a - 2)) {
      uint32_t k = a - 1;
      while (k > lo && a - 1 - (k - 1) <= 3 && sp_is_cap(c, k - 1)) k--;
      /* at most three words, and not a list "A, B and C" */
      if (k == lo || (!sp_is_cap(c, k - 1) && !sp_is_punct(&c->tok[k - 1], ','))) a = k;
    }
    out->na = a;
    out->nb = e + 1;
    /* a leading possessive or description: "the mayor's spokeswoman Ann Lee"
    ** keeps just the name, which is what resolution needs.  But after
    ** "of"/"for" the name belongs to what comes before: "Joel Marsh of
    ** the Herald" is Marsh, "a spokesman for Sen. Lee" is the spokesman */
    uint32_t pk = a > lo + 2 && news_speaker_word(c, a - 1) == W_DET ? a - 1 : a; /* "of the" */
    if (pk > lo + 1 && news_speaker_word(c, pk - 1) == W_PREP && e + 1 - a < NP_MAX) {
      np head;
      /* but a title run "Secretary of State John Kerry" is the person */
      bool ok = sp_np_backward(c, pk - 1, lo, &head) && !head.pron, title_only = ok;
      for (uint32_t k = head.a; ok && k < head.b; k++)
        if (news_speaker_word(c, k) != W_TITLE && c->tok[k].kind != NEWS_TOK_ABBREV) title_only = false;
      if (ok && title_only) a = head.a; /* speaker_text keeps the whole run */
      if (ok && !title_only) {
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
      if (sp_word_is(pw, pn, "in") || sp_word_is(pw, pn, "at") || sp_word_is(pw, pn, "on") || sp_word_is(pw, pn, "during")) {
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
      if (sp_is_cap(c, k)) {
        uint32_t r = k + 1;
        while (k > a && sp_is_cap(c, k - 1)) k--;
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
  if (!sp_is_punct(&c->tok[cur - 1], ',')) {
    /* a clause: back to the comma that opens it */
    uint32_t k = cur;
    while (k > lo && cur - k < 20 && !sp_is_punct(&c->tok[k - 1], ',')) k--;
    if (k <= lo || !sp_is_punct(&c->tok[k - 1], ',') || sp_is_cap(c, k)) return out->b > out->a;
    cur = k;
    clause = true;
  }
  for (int hop = 0; hop < 3 && cur > lo + 1 && sp_is_punct(&c->tok[cur - 1], ','); hop++) {
    np name;
    if (!np_backward_plain(c, cur - 1, lo, &name)) break;
    if (clause && hop == 0) {
      /* "A city adviser, who asked not to be named, said": the phrase
      ** before a clause is the speaker even without a name */
      uint32_t b = out->b;
      *out = name;
      out->head = name.nb > name.na && (name.nb == name.b || name.head);
      /* a name keeps the whole run as written; a description stops before
      ** the clause, which would make every such source a speaker of its own */
      if (!name.pron && out->head && !clause_end) out->b = b;
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
    if (cur > lo + 1 && !sp_is_punct(&c->tok[cur - 1], ',')) {
      /* "Lee, during a meeting in Dayton, Ohio, said": the rest of a
      ** phrase, back to its comma */
      uint32_t k = cur;
      while (k > lo && cur - k < 12 && !sp_is_punct(&c->tok[k - 1], ',')) k--;
      if (k > lo && sp_is_punct(&c->tok[k - 1], ',')) cur = k;
    }
  }
  return out->b > out->a;
}


/* ------------------------------------------------------------ the verb */

/* The subject of sentence s before token `before`: its first pronoun, name
** or description after a leading adverbial ("In a speech, Lee argued",
** "Lee was blunt:").  Used when the verb's own subject is not next to it. */
bool sp_sentence_subject(const q_ctx *c, uint32_t s, uint32_t from, uint32_t before, np *p) {
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
    if (a + 1 < b && (sp_word_is(w, n, "And") || sp_word_is(w, n, "But") || sp_word_is(w, n, "So") || sp_word_is(w, n, "Yet"))) {
      a++;
      continue;
    }
    bool lead = cls == W_STOP || cls == W_PREP || cls == W_AUX ||
                (n > 3 && (!memcmp(w + n - 2, "ed", 2) || !memcmp(w + n - 3, "ing", 3) || !memcmp(w + n - 2, "ly", 2)));
    if (lead && cls == 0 && a + 1 < b &&
        (news_speaker_verb(c, a + 1) || (sp_is_cap(c, a + 1) && !sp_is_time(c, a + 1) && !sp_is_month(c, a + 1))))
      lead = false; /* "Reed said", but "Following Monday's debate" leads */
    /* "Indeed," "Meanwhile," "Friday," -- but not "Lee, who ..." */
    if (a + 1 < b && sp_is_punct(&c->tok[a + 1], ',') && (cls == W_AUX || sp_is_ly(c, a) || !(t->flags & NEWS_TF_UPPER)))
      lead = true;
    if (!lead) break;
    uint32_t k = a;
    while (k < b && k < a + 20 && !sp_is_punct(&c->tok[k], ',')) k++;
    if (k < b && sp_is_punct(&c->tok[k], ',')) a = k + 1;
    else break;
    /* "in Dayton, Ohio, Lee said": the rest of a place name */
    uint32_t r = a;
    while (r < b && r < a + 3 && sp_is_cap(c, r)) r++;
    if (r > a && r + 1 < b && sp_is_punct(&c->tok[r], ',') &&
        (sp_is_cap(c, r + 1) || (news_speaker_word(c, r + 1) >= W_HE && news_speaker_word(c, r + 1) <= W_THEY)))
      a = r + 1;
  }
  for (uint32_t i = a; i < b && i < a + 4; i++) {
    int w = news_speaker_word(c, i);
    if (sp_is_month(c, i)) continue; /* "On September 27 they published" */
    if (w >= W_HE && w <= W_THEY) {
      memset(p, 0, sizeof *p);
      p->a = i;
      p->b = i + 1;
      p->pron = w;
      return true;
    }
    if (w == W_STOP || w == W_AUX || w == W_PREP) continue;
    if (!is_word(&c->tok[i])) continue;
    if (sp_np_forward(c, i, b, p)) return true;
  }
  return false;
}

/* Is verb v preceded (past auxiliaries) by and/but/then? */
bool sp_after_conj(const q_ctx *c, uint32_t v, uint32_t lo) {
  uint32_t k = v;
  while (k > lo && (news_speaker_word(c, k - 1) == W_AUX || sp_is_ly(c, k - 1))) k--;
  if (k <= lo) return false;
  const news_token *t = &c->tok[k - 1];
  const char *w = (const char *)c->s + t->start;
  uint32_t n = t->end - t->start;
  return sp_word_is(w, n, "and") || sp_word_is(w, n, "but") || sp_word_is(w, n, "then");
}

/* "he laughed and said": a verb after and/but/then shares the subject of
** the clause before; take the nearest pronoun or name back to lo. */
bool sp_coordinated_subject(const q_ctx *c, uint32_t v, uint32_t lo, np *p) {
  uint32_t k = v;
  while (k > lo && (news_speaker_word(c, k - 1) == W_AUX || sp_is_ly(c, k - 1))) k--;
  if (k <= lo || news_speaker_word(c, k - 1) != W_STOP) return false;
  const news_token *t = &c->tok[k - 1];
  const char *w = (const char *)c->s + t->start;
  uint32_t n = t->end - t->start;
  if (!sp_word_is(w, n, "and") && !sp_word_is(w, n, "but") && !sp_word_is(w, n, "then")) return false;
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


/* ----------------------------------------------------------- name runs */

news_rc news_speaker_names(q_ctx *c) {
  uint32_t nPoll = 0;
  for (uint32_t i = 0; i < c->ntok;) {
    if (news_doc_poll(c->d, &nPoll)) return NEWS_ERR_INTERRUPTED;
    if (!sp_is_cap(c, i)) {
      i++;
      continue;
    }
    uint32_t j = sp_cap_run_fwd(c, i, c->ntok);
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
