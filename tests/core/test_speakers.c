/*
** test_speakers.c -- how a speaker is resolved (speaker_resolve.c,
** speaker_phrase.c): pronouns and descriptions, on attribution rows of
** news-style sentences written for these tests.
**
** Each case gives a text and the expected rows, one per line, as
**   content | speaker | speaker_text | cue | kind
** Groups:
**   gender      a name's gender from its given name (the long lists only
**               before another word), from the fuller name it resolves to, from a
**               noun before it ("widow", "his daughter"), kept for later
**               mentions of the same name;
**   things      "it" of a report, an agency, a newspaper; "he" of a
**               spokesman's description; junk phrases refer to nothing;
**   subjects    the subject of a sentence that pronouns refer to: after a
**               leading phrase, behind a title; not a date, not a group's
**               word ("The Republican"), not a name after a pronoun;
**   writers     "I" of an opinion piece or a letter: its writer;
**   joined      two names joined by "and" ("S and P", a firm; a pair of
**               senators, "they").
*/
#include "testutil.h"

typedef speech_case scase;

static void check(const scase *cases, size_t n) { speech_check(cases, n, "speaker", attribution_rows); }

/* ------------------------------------------------------------ gender */

static const scase gender[] = {
    /* "Merkley" alone says no gender; "Jeff Merkley", the name it resolves
    ** to, does: "she" is not him */
    {"Sen. Maria Alvarez said the bank misled its customers. "
     "Sen. Jeff Merkley chaired the hearing. Merkley said the fines were too small.\n\n"
     "“This is outrageous,” she said.",
     "the bank misled its customers | Maria Alvarez | Sen. Maria Alvarez | said | indirect\n"
     "the fines were too small | Jeff Merkley | Merkley | said | indirect\n"
     "“This is outrageous,” | Maria Alvarez | she | said | direct\n"},
    /* a noun before the name says more than a given name used by both
    ** ("widow Terry Strada"), also after a number ("9/11 widow") */
    {"“The veto stands,” press secretary Josh Lindqvist said.\n\n"
     "“The president is wrong,” said 9/11 widow Terry Strada.\n\n"
     "She added, “We only want our day in court.”",
     "“The veto stands,” | Josh Lindqvist | Josh Lindqvist | said | direct\n"
     "“The president is wrong,” | Terry Strada | 9/11 widow Terry Strada | said | direct\n"
     "“We only want our day in court.” | Terry Strada | She | added | direct\n"},
    /* the gender the article gave a name stays with its later mentions
    ** ("Hale" is the daughter, though "Terry" is mostly a man's name) */
    {"His daughter, Terry Hale, said she would study design. "
     "Maria Lund said tuition had doubled. Hale said the cost was worth it.\n\n"
     "“I will find a scholarship,” she said.",
     "she would study design | Terry Hale | Terry Hale | said | indirect\n"
     "tuition had doubled | Maria Lund | Maria Lund | said | indirect\n"
     "the cost was worth it | Terry Hale | Hale | said | indirect\n"
     "“I will find a scholarship,” | Terry Hale | she | said | direct\n"},
    /* given names of the long lists (given_names.tsv below its mark):
    ** "Melanie" is a woman, so "he" is Nigel Barker */
    {"Nigel Barker said the mill would close. Melanie Ford said the union would fight.\n\n"
     "“We were not told,” he said.",
     "the mill would close | Nigel Barker | Nigel Barker | said | indirect\n"
     "the union would fight | Melanie Ford | Melanie Ford | said | indirect\n"
     "“We were not told,” | Nigel Barker | he | said | direct\n"},
    /* a long-list name alone is a surname as often as a given name:
    ** "Warren" takes the gender of "Elizabeth Warren", not of "warren" */
    {"Sen. Elizabeth Warren led the hearing. Sen. Maria Alvarez said the bank misled its customers. "
     "Warren said the fines were too small.\n\n"
     "“This is outrageous,” she said.",
     "the bank misled its customers | Maria Alvarez | Sen. Maria Alvarez | said | indirect\n"
     "the fines were too small | Elizabeth Warren | Warren | said | indirect\n"
     "“This is outrageous,” | Elizabeth Warren | she | said | direct\n"},
};

/* ----------------------------------------------------------- subjects */

static const scase subjects[] = {
    /* the subject after a leading phrase, behind a lower-case title, is
    ** the person "she" refers to, not the senator quoted before */
    {"Sen. Maria Alvarez said the bank had misled its customers. "
     "In a statement issued Tuesday morning, presidential nominee Hillary Clinton was more careful. "
     "Though she called the bank’s conduct “outrageous” in the statement.",
     "the bank had misled its customers | Maria Alvarez | Sen. Maria Alvarez | said | indirect\n"
     "the bank’s conduct “outrageous” in the statement | Hillary Clinton | she | called | mixed\n"},
    /* a date opening the sentence is no subject: "they" stays */
    {"On September 27 they published their findings by announcing that the claim was true.",
     "that the claim was true | they | they | announcing | indirect\n"},
    /* a group's word after a determiner is a description, not a name:
    ** "he" goes past it to the person */
    {"Tom Reyes spoke in Ohio on Friday. The Republican is also urging his supporters to vote early. "
     "He says: “I wonder why it went wrong.”",
     "his supporters to vote early | The Republican | The Republican | urging | indirect\n"
     "“I wonder why it went wrong.” | Tom Reyes | He | says | direct\n"},
    /* a pronoun opening the sentence is its subject, not the name after it */
    {"Assistant trade representative Ann Lee replied at once. She noted that Clayton Yeutter would visit Tokyo.",
     "that Clayton Yeutter would visit Tokyo | Ann Lee | She | noted | indirect\n"},
    /* "the company" with no source named before: the organisation last
    ** opening a sentence */
    {"Mobil Corp filed with the Securities and Exchange Commission for a debt offering. "
     "Proceeds from the sale will be used for general corporate purposes, the company said.",
     "Proceeds from the sale will be used for general corporate purposes | Mobil Corp | the company | said | indirect\n"},
    /* a name inside the quotation is no subject of its sentence */
    {"My mother got upset. To which she said, “Thank God at least you still believe in the devil.”",
     "“Thank God at least you still believe in the devil.” | she | she | said | direct\n"},
};

static void test_subjects(void **state) {
  (void)state;
  check(subjects, sizeof subjects / sizeof subjects[0]);
}

static void test_gender(void **state) {
  (void)state;
  check(gender, sizeof gender / sizeof gender[0]);
}

/* ------------------------------------------------------------ things */

static const scase things[] = {
    /* "it" of a report or an agency: the last speaker that is a thing */
    {"The report said wage growth was too fast. It suggested that unions accept a freeze.",
     "wage growth was too fast | the report | The report | said | indirect\n"
     "that unions accept a freeze | the report | It | suggested | indirect\n"},
    {"Sales of wheat fell by a third, the agency said. Soybean sales rose, it said.",
     "Sales of wheat fell by a third | the agency | the agency | said | indirect\n"
     "Soybean sales rose | the agency | it | said | indirect\n"},
    /* not a person: "it" skips the spokesman for the agency before him */
    {"The agency said exports fell sharply. A spokesman said the figures were final. It said imports rose again.",
     "exports fell sharply | the agency | The agency | said | indirect\n"
     "the figures were final | a spokesman | A spokesman | said | indirect\n"
     "imports rose again | the agency | It | said | indirect\n"},
    /* "he" after "a company spokesman": a new person, not one named before */
    {"Chairman Omar Haddad said the plant would close. A company spokesman said talks had failed. "
     "He said no date had been set.",
     "the plant would close | Omar Haddad | Chairman Omar Haddad | said | indirect\n"
     "talks had failed | a company spokesman | A company spokesman | said | indirect\n"
     "no date had been set | a company spokesman | He | said | indirect\n"},
    /* "the official" only when nobody named fits */
    {"The official said the market was calm. “Buyers came back,” he said.",
     "the market was calm | the official | The official | said | indirect\n"
     "“Buyers came back,” | the official | he | said | direct\n"},
    {"Omar Haddad said the deal was done. The official said the market was calm. “Buyers came back,” he said.",
     "the deal was done | Omar Haddad | Omar Haddad | said | indirect\n"
     "the market was calm | the official | The official | said | indirect\n"
     "“Buyers came back,” | Omar Haddad | he | said | direct\n"},
    /* a description that ends the text (no full stop after it) */
    {"“We will not pass this bill,” said the official",
     "“We will not pass this bill,” | the official | the official | said | direct\n"},
};

static void test_things(void **state) {
  (void)state;
  check(things, sizeof things / sizeof things[0]);
}

/* ------------------------------------------------------------ writers */

static const scase writers[] = {
    /* "I" of an opinion piece is its writer, named in the closing line */
    {"I grew up in a small town in Maine.\n\nI believe the mill will never reopen.\n\n"
     "Dana Whitcombe is a writer in Portland.",
     "the mill will never reopen | Dana Whitcombe | I | believe | indirect\n"},
    /* on a letters page, the name signing the letter after it */
    {"LETTERS.\n\nI think the new bridge is a waste of money.\n\nPaul Okafor.\n\n"
     "I believe the council should listen to us.\n\nMaria Lindgren.",
     "the new bridge is a waste of money | Paul Okafor | I | think | indirect\n"
     "the council should listen to us | Maria Lindgren | I | believe | indirect\n"},
    /* with no such line, "I" stays as written */
    {"I believe the mill will never reopen.\n\nThe mayor spoke on Friday.",
     "the mill will never reopen | I | I | believe | indirect\n"},
};

static void test_writers(void **state) {
  (void)state;
  check(writers, sizeof writers / sizeof writers[0]);
}

/* ------------------------------------------------------------ joined */

static const scase joined[] = {
    /* a firm whose name holds "and" is the whole name, not its last part */
    {"Standard and Poor's Corp said it cut the ratings. S and P cited weak earnings at the bank.",
     "it cut the ratings | Standard and Poor's Corp | Standard and Poor's Corp | said | indirect\n"
     "weak earnings at the bank | S and P | S and P | cited | indirect\n"},
    /* a pair of people is one speaker, and "they" */
    {"Sen. Ann Lee and Sen. Tom Reyes say the program is plagued by fraud. "
     "“It should be allowed to expire,” they wrote.",
     "the program is plagued by fraud | Sen. Ann Lee and Sen. Tom Reyes | Sen. Ann Lee and Sen. Tom Reyes | say | indirect\n"
     "“It should be allowed to expire,” | Sen. Ann Lee and Sen. Tom Reyes | they | wrote | direct\n"},
    /* a title ending in a capitalised word ("of the Exchequer") is no part
    ** of the name a later surname expands to */
    {"U.K. Chancellor of the Exchequer Nigel\nLawson said the pound was stable.",
     "the pound was stable | Nigel Lawson | Lawson | said | indirect\n"},
    /* a title word in the second part: one person with a long title */
    {"Sales and Marketing Director Ann Lee said orders rose sharply.",
     "orders rose sharply | Ann Lee | Marketing Director Ann Lee | said | indirect\n"},
};

static void test_joined(void **state) {
  (void)state;
  check(joined, sizeof joined / sizeof joined[0]);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_gender),
      cmocka_unit_test(test_subjects),
      cmocka_unit_test(test_writers),
      cmocka_unit_test(test_things),
      cmocka_unit_test(test_joined),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
