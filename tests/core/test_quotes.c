/*
** test_quotes.c -- quotations and their speakers, on news-style
** sentences written for these tests.
**
** Each case gives a text and the expected rows, one per line, as
**   quote | speaker | speaker_text | verb | kind
** with "-" for a NULL.  Groups:
**   marks       curly, straight, « », „ “, singles nested in doubles, stray
**               and unbalanced marks closing at the paragraph end;
**   patterns    X said / said X / X told Y / X said in a statement /
**               according to X / X said: before / broken quotes / the
**               speaker in the sentence before or after / multi-paragraph
**               quotes / an unattributed paragraph after a quote by X;
**   resolving   pronouns by given name, title and earlier pronoun use;
**               surnames to the fuller name; descriptions kept as written;
**               with entities (placed by hand instead of the tagger), the
**               canonical name, directly and through a pronoun;
**   kinds       direct and partial; scare quotes and titles dropped;
**   limits      100,000 unmatched marks, 100,000 capitalised words, one
**               huge paragraph, 20,000 entities with 20,000 pronoun
**               attributions (each growing linearly: linear_check());
**               every allocation failing in turn returns NEWS_ERR_NOMEM
**               without a leak.
*/
#include "testutil.h"

#include "core.h" /* to stand in for the entity tagger (test_entities) */

typedef speech_case qcase;

/* The rows of text as "quote | speaker | speaker_text | verb | kind\n"... */
static void describe(const char *text, char *out, size_t cap) {
  news_doc *d;
  const news_quote *q;
  uint32_t n;
  assert_int_equal(news_doc_new(NULL, NULL, text, strlen(text), &d), NEWS_OK);
  assert_int_equal(news_doc_quotes(d, &q, &n), NEWS_OK);
  size_t k = 0;
  out[0] = 0;
  for (uint32_t i = 0; i < n; i++) {
    const news_quote *r = &q[i];
    speech_row(out, cap, &k, text, r->start, r->end, r->speaker, r->speaker_len, r->speaker_start, r->speaker_end,
               r->verb_start, r->verb_end, r->kind == NEWS_QUOTE_PARTIAL ? "partial" : "direct");
  }
  news_doc_free(d);
}

static void check(const qcase *cases, size_t n) { speech_check(cases, n, "quote", describe); }

/* ------------------------------------------------------------- marks */

static const qcase marks[] = {
    {"“The bridge will open in May,” said Mayor Ann Ortiz.",
     "The bridge will open in May, | Ann Ortiz | Mayor Ann Ortiz | said | direct\n"},
    {"\"The bridge will open in May,\" said Mayor Ann Ortiz.",
     "The bridge will open in May, | Ann Ortiz | Mayor Ann Ortiz | said | direct\n"},
    {"Mayor Ortiz said: «We stay.»", "We stay. | Ortiz | Mayor Ortiz | said | direct\n"},
    {"Ortiz said: „Wir bleiben hier.“",
     "Wir bleiben hier. | Ortiz | Ortiz | said | direct\n"},
    /* singles nested in doubles stay inside the one quotation */
    {"“They told us ‘wait and see’ for a year,” the farmer said.",
     "They told us ‘wait and see’ for a year, | the farmer | the farmer | said | direct\n"},
    /* an unclosed mark stops at the paragraph end; the next one is fine */
    {"Ortiz said “the plan is dead and buried\n\nThe council met on Monday. “It went well,” Ortiz said.",
     "the plan is dead and buried | Ortiz | Ortiz | said | partial\n"
     "It went well, | Ortiz | Ortiz | said | direct\n"},
    /* a stray closing mark opens nothing */
    {"The vote” was close. “We won,” Ortiz said.", "We won, | Ortiz | Ortiz | said | direct\n"},
};

/* ------------------------------------------------------------- rules */

/* Which attribution rule fires for the last quotation of each text. */
static const struct {
  const char *text, *rule;
} rule_cases[] = {
    {"“We will appeal,” said Mayor Ann Ortiz.", "verb_after"},
    {"“We will appeal,” Ortiz beamed.", "shape_after"},
    {"Ortiz said: “We will appeal.”", "verb_before_mark"},
    {"Ortiz said the ruling was “a disgrace”.", "verb_before"},
    {"“We will appeal,” the mayor added, “and we will win.”", "broken_second_half"},
    {"“ORTIZ: We will appeal.”", "transcript_label"},
    {"“Fix the roads first.” ― Tom Beck", "signature_after"},
    {"Ortiz signed the deal in “a very good mood indeed” on Friday.", "sentence_subject"},
    {"Ortiz was blunt:\n\n“We will appeal.”", "colon_sentence_subject"},
    {"“We will appeal,” Ortiz said.\n\n“The ruling is wrong.”", "continuation"},
    {"Ortiz recalled the flood. “The water came up to the roof.”", "sentence_before"},
    {"“Nobody saw it coming.”\n\nThat is what Police Chief Omar Haddad told reporters.", "sentence_after"},
    {"The sky is blue. “Maybe.”", "none"},
};

static void test_rules(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof rule_cases / sizeof rule_cases[0]; i++) {
    news_doc *d;
    const news_quote *q;
    uint32_t n;
    const char *t = rule_cases[i].text;
    assert_int_equal(news_doc_new(NULL, NULL, t, strlen(t), &d), NEWS_OK);
    assert_int_equal(news_doc_quotes(d, &q, &n), NEWS_OK);
    const char *got = n ? news_quote_rule_name(q[n - 1].rule) : "(no row)";
    if (strcmp(got, rule_cases[i].rule) != 0) {
      print_error("rule case %zu\n  text: %s\n  want: %s\n  got:  %s\n", i, t, rule_cases[i].rule, got);
      news_doc_free(d);
      fail();
    }
    news_doc_free(d);
  }
}

static void test_marks(void **state) {
  (void)state;
  check(marks, sizeof marks / sizeof marks[0]);
}

/* ---------------------------------------------------------- patterns */

static const qcase patterns[] = {
    /* X said, said X, X told Y */
    {"“Taxes will not rise,” Governor Tom Reyes said on Friday.",
     "Taxes will not rise, | Tom Reyes | Governor Tom Reyes | said | direct\n"},
    {"“Taxes will not rise,” said Sen. Laura Kim, a Democrat.",
     "Taxes will not rise, | Laura Kim | Sen. Laura Kim | said | direct\n"},
    {"“We need more nurses,” Dr. Ravi Patel told reporters.",
     "We need more nurses, | Ravi Patel | Dr. Ravi Patel | told | direct\n"},
    /* X said in a statement / on Twitter */
    {"“The report is wrong,” the ministry said in a statement.",
     "The report is wrong, | the ministry | the ministry | said | direct\n"},
    {"Mayor Ann Ortiz wrote on Twitter that the plan was “a disgrace.”",
     "a disgrace. | Ann Ortiz | Mayor Ann Ortiz | wrote | partial\n"},
    /* according to X */
    {"According to a State Department spokeswoman, “talks will resume next week.”",
     "talks will resume next week. | a State Department spokeswoman | a State Department spokeswoman | "
     "According to | direct\n"},
    /* X said: before the quotation */
    {"The union leader, Maria Lopez, said: “We will strike on Monday.”",
     "We will strike on Monday. | Maria Lopez | Maria Lopez | said | direct\n"},
    /* a quotation broken by its attribution gives two rows */
    {"“We will win,” he said, “and soon.”",
     "We will win, | he | he | said | direct\nand soon. | he | he | said | direct\n"},
    /* the speaker in the sentence before (colon, or a plain sentence) */
    {"Coach Dan Miller was blunt after the loss:\n\n“We played badly. We have to be better.”",
     "We played badly. We have to be better. | Dan Miller | Coach Dan Miller | - | direct\n"},
    {"Councilwoman Grace Lin recalled the flood of 1998. “The water came up to the roof.”",
     "The water came up to the roof. | Grace Lin | Councilwoman Grace Lin | recalled | direct\n"},
    /* the speaker in the sentence after */
    {"“Nobody saw it coming.”\n\nThat is what Police Chief Omar Haddad told reporters on Sunday.",
     "Nobody saw it coming. | Omar Haddad | Police Chief Omar Haddad | told | direct\n"},
    /* a multi-paragraph quotation: a row per paragraph, one speaker */
    {"Chief Executive Sara Berg said: “Sales rose in every region.\n\n“Next year will be harder.”",
     "Sales rose in every region. | Sara Berg | Chief Executive Sara Berg | said | direct\n"
     "Next year will be harder. | Sara Berg | Chief Executive Sara Berg | said | direct\n"},
    /* the same with the paragraph break lost (joined by a space, as in
    ** scraped text): the continuation's opening mark opens, not closes */
    {"\"Exports held up,\" said Ken Ito, an analyst at Mizuho. \"Consumers spent less in the summer. "
     "\"The outlook is still weak.\" The yen fell.",
     "Exports held up, | Ken Ito | Ken Ito | said | direct\n"
     "Consumers spent less in the summer. | Ken Ito | Ken Ito | said | direct\n"
     "The outlook is still weak. | Ken Ito | Ken Ito | said | direct\n"},
    {"Chief Executive Sara Berg said: “Sales rose in every region. “Next year will be harder.”",
     "Sales rose in every region. | Sara Berg | Chief Executive Sara Berg | said | direct\n"
     "Next year will be harder. | Sara Berg | Chief Executive Sara Berg | said | direct\n"},
    /* but a closing mark after a full stop still closes */
    {"He said \"no.\" \"We will see,\" Berg said.",
     "no. | he | He | said | partial\n"
     "We will see, | Berg | Berg | said | direct\n"},
    /* an unattributed quote paragraph right after a quote by X is X's */
    {"“The factory will close,” said Peter Novak, the plant manager.\n\n“About 300 jobs will go.”",
     "The factory will close, | Peter Novak | Peter Novak | said | direct\n"
     "About 300 jobs will go. | Peter Novak | Peter Novak | said | direct\n"},
    /* signatures and transcript labels */
    {"Readers wrote in.\n\n“The bus never comes on time.” ― Alma Reyes\n\n“Fix the roads first.” ― Tom Beck",
     "The bus never comes on time. | Alma Reyes | Alma Reyes | - | direct\n"
     "Fix the roads first. | Tom Beck | Tom Beck | - | direct\n"},
    {"\"HOST: Will you run again?\n\n\"MORALES: Not this year.",
     "HOST: Will you run again? | HOST | HOST | - | direct\nMORALES: Not this year. | MORALES | MORALES | - | direct\n"},
    /* appositions keep the name; "a spokesman for X" is not X */
    {"“We disagree,” Paul Grant, a spokesman for the union, said. “The deal is fair,” a spokesman for Sen. "
     "Ann Lee said. “It is,” Joel Marsh of the Boston Herald said.",
     "We disagree, | Paul Grant | Paul Grant, a spokesman for the union | said | direct\n"
     "The deal is fair, | a spokesman for Sen. Ann Lee | a spokesman for Sen. Ann Lee | said | direct\n"
     "It is, | Joel Marsh | Joel Marsh of the Boston Herald | said | direct\n"},
    /* descriptions stay the speaker when no name fits */
    {"“The deal is dead,” officials said.", "The deal is dead, | officials | officials | said | direct\n"},
    {"The lawmakers said the bill was “a first step.”",
     "a first step. | the lawmakers | The lawmakers | said | partial\n"},
    /* a phrase or a time between the subject and its verb */
    {"Governor Ray Diaz in his budget speech called the plan “a disaster.” Senator Mia Long (D-Ore.) last week "
     "said it was “sound.”",
     "a disaster. | Ray Diaz | Governor Ray Diaz in his budget speech | called | partial\n"
     "sound. | Mia Long | Senator Mia Long | said | partial\n"},
    /* participles take the subject of the clause */
    {"Senator Ruth Adler left the hearing early, saying the questions were “a waste of time.”",
     "a waste of time. | Ruth Adler | Senator Ruth Adler | saying | partial\n"},
    /* an inverted verb whose speaker has "of" and a place after it */
    {"“This is fantastic!” beamed Ruth Adler of Dayton, Ohio, who drove all night.",
     "This is fantastic! | Ruth Adler | Ruth Adler | beamed | direct\n"},
    /* a document "read" the words */
    {"“Vote early,” the leaflet read.", "Vote early, | the leaflet | the leaflet | read | direct\n"},
};

static void test_patterns(void **state) {
  (void)state;
  check(patterns, sizeof patterns / sizeof patterns[0]);
}

/* ----------------------------------------------------------- nesting */

static const qcase nesting[] = {
    /* a verb inside the complement clause of an earlier speech verb is
    ** not the attribution: the fragment is the minister's reported speech */
    {"Foreign Minister Omar Haddad said on Monday that his government would respond “at a time of its choosing.”",
     "at a time of its choosing. | Omar Haddad | Foreign Minister Omar Haddad | said | partial\n"},
    {"The mayor said the council will call the plan “a waste of money” next week.",
     "a waste of money | the mayor | The mayor | said | partial\n"},
    {"Mayor Ann Ortiz said she’d asked her staff to “look into” the fees.",
     "look into | Ann Ortiz | Mayor Ann Ortiz | said | partial\n"},
    /* a finite verb with its own subject in the clause still attributes */
    {"Officials said the minister told reporters: “We are not leaving.”",
     "We are not leaving. | the minister | the minister | told | direct\n"},
    /* "X said, according to Y": the source is Y */
    {"“We will not resign,” Mayor Ann Ortiz said, according to the Daily Courier.",
     "We will not resign, | Daily Courier | the Daily Courier | according to | direct\n"},
    /* "X said, “...,” Y reported": the report is the source too */
    {"Asked about the vote, Ortiz said, “No comment,” the Daily Courier reported.",
     "No comment, | Daily Courier | Daily Courier | reported | direct\n"},
    {"“We lost,” said Mayor Ann Ortiz, reports the Daily Courier.",
     "We lost, | Daily Courier | the Daily Courier | reports | direct\n"},
    {"According to the report, the witness said the order was meant to “avoid a scandal.”",
     "avoid a scandal. | the report | the report | According to | partial\n"},
};

static void test_nesting(void **state) {
  (void)state;
  check(nesting, sizeof nesting / sizeof nesting[0]);
}

/* --------------------------------------------------------- resolving */

static const qcase resolving[] = {
    /* a pronoun goes to the last speaker of its gender (given names) */
    {"“Prices are too high,” said Maria Lopez. Her rival, James Carter, disagreed. “They are fair,” he said. "
     "“Not for families,” she said.",
     "Prices are too high, | Maria Lopez | Maria Lopez | said | direct\n"
     "They are fair, | James Carter | he | said | direct\n"
     "Not for families, | Maria Lopez | she | said | direct\n"},
    /* titles give the gender too */
    {"“The budget is late,” Mrs. Okafor said. “It will pass,” Mr. Haines said. “I doubt it,” she said.",
     "The budget is late, | Okafor | Mrs. Okafor | said | direct\n"
     "It will pass, | Haines | Mr. Haines | said | direct\n"
     "I doubt it, | Okafor | she | said | direct\n"},
    /* a surname expands to the fuller name written before */
    {"Foreign Minister Karl Jensen arrived on Monday. “We are ready,” Jensen said.",
     "We are ready, | Karl Jensen | Jensen | said | direct\n"},
    /* British titles without a period; a pronoun after an unknown given name */
    {"Prime Minister Alan Mercer visited the plant. “Jobs will stay,” Mr Mercer said. “We have a plan,” he added.",
     "Jobs will stay, | Alan Mercer | Mr Mercer | said | direct\nWe have a plan, | Alan Mercer | he | added | direct\n"},
    /* a title between a publication and a person leads to the person */
    {"The band is back, according to Q magazine editor Dan Hale. “They are hungry,” he said.",
     "They are hungry, | Dan Hale | he | said | direct\n"},
    /* "they" goes to a group: an organisation or a plural description */
    {"“The bill is dead,” the lawmakers said on Monday. “We will try again,” they added.",
     "The bill is dead, | the lawmakers | the lawmakers | said | direct\n"
     "We will try again, | the lawmakers | they | added | direct\n"},
    /* a pronoun in a sentence opened by a name is that name */
    {"“The vote is close,” said Mayor Ann Ortiz. Her aide Tom Reyes answered: “We will win,” he wrote.",
     "The vote is close, | Ann Ortiz | Mayor Ann Ortiz | said | direct\n"
     "We will win, | Tom Reyes | he | wrote | direct\n"},
    /* with no name before, a pronoun stays as written */
    {"“It is over,” she said.", "It is over, | she | she | said | direct\n"},
};

static void test_resolving(void **state) {
  (void)state;
  check(resolving, sizeof resolving / sizeof resolving[0]);
}

/* -------------------------------------------------------------- kinds */

static const qcase kinds[] = {
    {"The general warned the sites would be hit “very fast and very hard” if talks failed.",
     "very fast and very hard | the general | The general | warned | partial\n"},
    /* scare quotes and titles with no speech around them are not quotes */
    {"Tourists visited a “cultural” site near the river.", ""},
    {"The family watched the film “Jaws” on Saturday.", ""},
    {"He called the plan “reckless” on Monday.", "reckless | he | He | called | partial\n"},
};

static void test_kinds(void **state) {
  (void)state;
  check(kinds, sizeof kinds / sizeof kinds[0]);
}

/* ------------------------------------------------------------ entities */

/* Adds an entity over the n-th occurrence (0-based) of word in the text to a
** document whose entity stage already ran, as the tagger does. */
static void add_entity(news_doc *d, const char *text, const char *word, int nth, uint8_t type, const char *canon) {
  const char *p = text;
  for (int k = 0; k <= nth; k++) {
    p = strstr(k ? p + 1 : p, word);
    assert_non_null(p);
  }
  uint32_t a = (uint32_t)(p - text), b = a + (uint32_t)strlen(word);
  const news_token *t;
  uint32_t n;
  assert_int_equal(news_doc_tokens(d, &t, &n), NEWS_OK);
  news_entity *e = news_vec_push(&d->entities, d->mem);
  assert_non_null(e);
  e->start = a;
  e->end = b;
  e->type = type;
  e->canonical = canon;
  e->canonical_len = (uint32_t)strlen(canon);
  e->tok_begin = e->tok_end = 0;
  for (uint32_t i = 0; i < n; i++) {
    if (t[i].start == a) e->tok_begin = i;
    if (t[i].end == b) e->tok_end = i + 1;
  }
  e->sentence = t[e->tok_begin].sentence;
  e->title_start = e->title_end = a;
}

/* With entities, the speaker is the entity's canonical name: directly, and
** through a pronoun when no speaker came before. */
static void test_entities(void **state) {
  (void)state;
  const char *text = "Iran's top diplomat Javad Zarif landed in Vienna. “We are ready,” he said. "
                     "“The deal holds,” Zarif said, and the ministry said “talks go on.”";
  news_doc *d;
  const news_entity *ent;
  const news_quote *q;
  uint32_t ne, nq;
  assert_int_equal(news_doc_new(NULL, NULL, text, strlen(text), &d), NEWS_OK);
  assert_int_equal(news_doc_entities(d, &ent, &ne), NEWS_OK);
  add_entity(d, text, "Iran", 0, NEWS_ENT_LOC, "Iran");
  add_entity(d, text, "Javad Zarif", 0, NEWS_ENT_PERSON, "Mohammad Javad Zarif");
  add_entity(d, text, "Vienna", 0, NEWS_ENT_LOC, "Vienna");
  add_entity(d, text, "Zarif", 1, NEWS_ENT_PERSON, "Mohammad Javad Zarif");
  assert_int_equal(news_doc_quotes(d, &q, &nq), NEWS_OK);
  assert_int_equal(nq, 3);
  for (uint32_t i = 0; i < 2; i++) {
    assert_int_equal(q[i].speaker_len, strlen("Mohammad Javad Zarif"));
    assert_memory_equal(q[i].speaker, "Mohammad Javad Zarif", q[i].speaker_len);
  }
  assert_memory_equal(text + q[0].speaker_start, "he", 2);
  assert_memory_equal(q[2].speaker, "the ministry", q[2].speaker_len);
  news_doc_free(d);
}

/* The speaker of quotation i of text with the entities stood in by add. */
static void speaker_is(const news_quote *q, uint32_t nq, uint32_t i, const char *want) {
  assert_true(i < nq);
  assert_int_equal(q[i].speaker_len, strlen(want));
  assert_memory_equal(q[i].speaker, want, q[i].speaker_len);
}

/* A tagger that splits a name into two PERSON entities, or types a first
** mention LOC so that a later surname's canonical name is one word: the
** speaker is still the full name. */
static void test_entity_fallbacks(void **state) {
  (void)state;
  const char *text = "“We are ready,” said Mohammad Javad Zarif. “Fine,” said Israel Katz. “Later,” Katz said.";
  news_doc *d;
  const news_entity *ent;
  const news_quote *q;
  uint32_t ne, nq;
  assert_int_equal(news_doc_new(NULL, NULL, text, strlen(text), &d), NEWS_OK);
  assert_int_equal(news_doc_entities(d, &ent, &ne), NEWS_OK);
  d->entities.n = 0; /* the tagger's own result is replaced by these */
  add_entity(d, text, "Mohammad", 0, NEWS_ENT_PERSON, "Mohammad");
  add_entity(d, text, "Javad Zarif", 0, NEWS_ENT_PERSON, "Javad Zarif");
  add_entity(d, text, "Israel Katz", 0, NEWS_ENT_LOC, "Israel Katz");
  add_entity(d, text, "Katz", 1, NEWS_ENT_PERSON, "Katz");
  assert_int_equal(news_doc_quotes(d, &q, &nq), NEWS_OK);
  assert_int_equal(nq, 3);
  speaker_is(q, nq, 0, "Mohammad Javad Zarif");
  speaker_is(q, nq, 1, "Israel Katz");
  speaker_is(q, nq, 2, "Israel Katz");
  news_doc_free(d);
}

/* A speaker described across a line break of wrapped wire copy is grouped
** as one line ("a Senate source"); speaker_text keeps the words as written. */
static void test_speaker_line_break(void **state) {
  (void)state;
  const char *text = "    \"The bill will pass before the recess,\" a senior Senate\n"
                     "aide said on Tuesday.\n";
  news_doc *d;
  const news_quote *q;
  uint32_t nq;
  assert_int_equal(news_doc_new(NULL, NULL, text, strlen(text), &d), NEWS_OK);
  assert_int_equal(news_doc_quotes(d, &q, &nq), NEWS_OK);
  speaker_is(q, nq, 0, "a senior Senate aide");
  assert_memory_equal(text + q[0].speaker_start, "a senior Senate\naide", q[0].speaker_end - q[0].speaker_start);
  news_doc_free(d);
}

/* -------------------------------------------------------------- limits */

/* head and then reps copies of piece, in a new buffer (free it); its
** length in *n. */
static char *repeat_text(const char *head, const char *piece, size_t reps, size_t *n) {
  size_t h = strlen(head), m = strlen(piece);
  char *buf = malloc(h + m * reps + 1);
  assert_non_null(buf);
  memcpy(buf, head, h);
  *n = h;
  for (size_t k = 0; k < reps; k++, *n += m) memcpy(buf + *n, piece, m);
  buf[*n] = 0;
  return buf;
}

/* A text of reps copies of a piece after a head, through news_doc_quotes():
** the rows must be ordered and within the text. */
typedef struct repeat_case {
  const char *head, *piece;
  size_t reps;   /* the smaller of the two sizes linear_check() times */
  uint32_t want; /* the expected number of rows, or UINT32_MAX for any */
} repeat_case;

static void run_repeated(void *ctx, size_t reps) {
  const repeat_case *c = ctx;
  size_t n;
  char *buf = repeat_text(c->head, c->piece, reps, &n);
  news_doc *d;
  const news_quote *q;
  uint32_t nq;
  assert_int_equal(news_doc_new(NULL, NULL, buf, n, &d), NEWS_OK);
  assert_int_equal(news_doc_quotes(d, &q, &nq), NEWS_OK);
  for (uint32_t i = 0; i < nq; i++) {
    assert_true(q[i].start <= q[i].end && q[i].end <= n);
    if (i) assert_true(q[i - 1].end <= q[i].start);
  }
  if (c->want != UINT32_MAX) assert_int_equal(nq, c->want);
  news_doc_free(d);
  free(buf);
}

/* Up to 100,000 unmatched marks, alternating openers, lone closers,
** capitalised words, quote-said pairs, and an opening mark before a 1 MB
** paragraph with no punctuation: the work grows linearly with each. */
static void test_pathological(void **state) {
  (void)state;
  repeat_case cases[] = {
      {"", " “a", 10000, UINT32_MAX},
      {"", "” ", 10000, UINT32_MAX},
      {"", " \"x", 10000, UINT32_MAX},
      {"", "Xy ", 10000, UINT32_MAX},
      {"", "“We win,” he said. ", 10000, UINT32_MAX},
      {"\"", "word ", 20000, 1},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    linear_check(cases[i].piece, run_repeated, &cases[i], cases[i].reps);
}

/* reps copies of "Ann Lee spoke. “We win,” she said. " with every "Ann Lee"
** placed by hand as a PERSON entity: one quote per copy, by Ann Lee. */
static void run_many_entities(void *ctx, size_t reps) {
  (void)ctx;
  size_t n;
  char *buf = repeat_text("", "Ann Lee spoke. “We win,” she said. ", reps, &n);
  news_doc *d;
  const news_entity *ent;
  const news_token *t;
  const news_quote *q;
  uint32_t ne, nt, nq;
  assert_int_equal(news_doc_new(NULL, NULL, buf, n, &d), NEWS_OK);
  assert_int_equal(news_doc_entities(d, &ent, &ne), NEWS_OK);
  assert_int_equal(news_doc_tokens(d, &t, &nt), NEWS_OK);
  for (uint32_t i = 0; i + 1 < nt; i++) {
    if (memcmp(buf + t[i].start, "Ann", 3) != 0) continue;
    news_entity *e = news_vec_push(&d->entities, d->mem);
    assert_non_null(e);
    e->start = t[i].start;
    e->end = t[i + 1].end;
    e->tok_begin = i;
    e->tok_end = i + 2;
    e->sentence = t[i].sentence;
    e->type = NEWS_ENT_PERSON;
    e->canonical = "Ann Lee";
    e->canonical_len = 7;
  }
  assert_int_equal(news_doc_quotes(d, &q, &nq), NEWS_OK);
  assert_int_equal(nq, reps);
  assert_memory_equal(q[nq - 1].speaker, "Ann Lee", 7);
  news_doc_free(d);
  free(buf);
}

/* Up to 20,000 entities and 20,000 pronoun attributions: pronoun
** resolution stays linear once the tagger fills in entities. */
static void test_many_entities(void **state) {
  (void)state;
  linear_check("many entities", run_many_entities, NULL, 2000);
}

/* Every allocation failing in turn: NOMEM or success, never a leak. */
static void test_oom(void **state) {
  (void)state;
  const char *text = "“We will win,” Sen. Laura Kim said, “and soon.” Kim told reporters: “It is over.”\n\n"
                     "“More later.” Foreign Minister Karl Jensen said the plan was “dead.” He left.";
  for (long k = 1;; k++) {
    test_mem tm;
    test_mem_init(&tm, k);
    news_doc *d = NULL;
    const news_quote *q;
    uint32_t n = 0;
    news_rc rc = news_doc_new(&tm.mem, NULL, text, strlen(text), &d);
    if (rc == NEWS_OK) rc = news_doc_quotes(d, &q, &n);
    assert_true(rc == NEWS_OK || rc == NEWS_ERR_NOMEM);
    news_doc_free(d);
    assert_int_equal(tm.live, 0);
    if (rc == NEWS_OK && tm.calls < k) break; /* no allocation failed: done */
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_marks),   cmocka_unit_test(test_patterns),      cmocka_unit_test(test_nesting),      cmocka_unit_test(test_resolving),
      cmocka_unit_test(test_kinds),   cmocka_unit_test(test_entities),      cmocka_unit_test(test_entity_fallbacks), cmocka_unit_test(test_speaker_line_break),      cmocka_unit_test(test_pathological),
      cmocka_unit_test(test_many_entities), cmocka_unit_test(test_oom),
      cmocka_unit_test(test_rules),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
