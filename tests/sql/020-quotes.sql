-- 020: quotes() -- every column, each attribution pattern of docs/quotes.md, the
-- kinds, scare quotes, stray marks, NULL and odd arguments, invariants.
.mode list
.headers off
.separator " | "
CREATE TABLE docs(id INTEGER PRIMARY KEY, body TEXT);
INSERT INTO docs VALUES (1, '“We will win,” Sen. Laura Kim said on Tuesday, “and soon.” Her rival, James Carter, disagreed. "The count is not over," he told reporters.

Mayor Ann Ortiz wrote on Twitter that the plan was “a disgrace.” According to a State Department spokeswoman, “talks will resume next week.”');
INSERT INTO docs VALUES (2, 'Chief Executive Sara Berg said: “Sales rose in every region.

“Next year will be harder.”

Tourists visited a “cultural” site and watched the film “Jaws” on Saturday. The general warned the sites would be hit «very fast and very hard» if talks failed.');
INSERT INTO docs VALUES (3, 'The vote” was close. Ortiz said “the plan is dead

The council met on Monday. “It went well,” said Ortiz, a Democrat.');
-- 020-1: every column of every row, in text order
SELECT '020-1', d.id, q.quote, q.speaker, q.speaker_text, q.verb, q.start, q.length, q.sentence, q.kind
  FROM docs d, quotes(d.body) q;
-- 020-2: invariant -- substr(body, start, length) is the quote on every row
SELECT '020-2', count(*) FROM docs d, quotes(d.body) q WHERE substr(d.body, q.start, q.length) <> q.quote;
-- 020-3: invariant -- rows are in order and do not overlap
SELECT '020-3', count(*) FROM docs d, quotes(d.body) a, quotes(d.body) b
 WHERE a.rowid + 1 = b.rowid AND b.start < a.start + a.length;
-- 020-4: invariant -- speaker_text and verb are words of the document
SELECT '020-4', count(*) FROM docs d, quotes(d.body) q
 WHERE instr(d.body, q.speaker_text) = 0 OR instr(d.body, q.verb) = 0;
-- 020-5: NULL, empty, no marks, numbers, invalid UTF-8
SELECT '020-5', count(*) FROM quotes(NULL);
SELECT '020-6', count(*) FROM quotes('');
SELECT '020-7', count(*) FROM quotes('No quotation here, the minister said.');
SELECT '020-8', count(*) FROM quotes(42);
SELECT '020-9', quote, speaker FROM quotes(CAST(x'e2809c4f6bff2ce2809d20736865207361696420' AS TEXT));
-- 020-10: 100,000 unmatched opening marks finish and return nothing long
SELECT '020-10', count(*), max(length) FROM quotes((SELECT group_concat('“a', ' ') FROM generate_series(1, 100000)));
-- 020-11: who is quoted most (a typical query)
SELECT '020-11', q.speaker, count(*) FROM docs d, quotes(d.body) q
 GROUP BY q.speaker ORDER BY count(*) DESC, q.speaker LIMIT 3;
-- 020-12: a blob is an error; cast it to text
SELECT '020-13', count(*) FROM quotes(x'22416222');
SELECT '020-14', quote FROM quotes(CAST(x'e2809c57652077696e2ce2809d2073686520736169642e' AS TEXT));
-- 020-12: a missing argument is an error naming the function
SELECT '020-12', * FROM quotes();
