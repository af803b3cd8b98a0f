-- 002: sentences() on wire copy with abbreviations, quotations and a dateline.
.mode list
.headers off
.separator " | "
CREATE TABLE docs(id INTEGER PRIMARY KEY, body TEXT);
INSERT INTO docs VALUES (1, 'WASHINGTON (Reuters) - The U.S. Senate voted 52-48 on Tuesday to confirm Gen. Mark A. Milley. Sen. John McCain, R-Ariz., said the vote was "a good day." “We will fight,” she said. “And win.”

Mr. Smith, who joined Acme Corp. in 2019, left at 3 p.m. The company declined to comment.');
INSERT INTO docs VALUES (2, 'Oil prices fall
By Jane Doe
LONDON, Jan. 5 (AP) — Oil fell 4.5% on Monday… Traders said demand was weak.');
SELECT '002-1', d.id, s.idx, s.start, s.length, s.sentence FROM docs d, sentences(d.body) s;
-- invariant: substr(body, start, length) is the sentence, on every row
SELECT '002-2', count(*) FROM docs d, sentences(d.body) s WHERE substr(d.body, s.start, s.length) <> s.sentence;
-- invariant: sentences are in order and do not overlap
SELECT '002-3', count(*) FROM docs d, sentences(d.body) a, sentences(d.body) b
 WHERE b.idx = a.idx + 1 AND b.start < a.start + a.length;
