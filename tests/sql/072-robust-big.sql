-- 072: big and pathological documents through every function (suite sizes;
-- bench/pathological.py runs the same patterns at 1x, 2x and 8x and checks
-- the time is linear).  Not run under valgrind (too slow there); run under
-- ASan+UBSan and plain.  Each line reports sizes and counts, then that the
-- spans are in bounds and in order.
.mode list
.headers off
.separator " | "
CREATE TABLE big(id TEXT PRIMARY KEY, doc TEXT);
INSERT INTO big VALUES
  -- a 2.1 MB article: one news paragraph, 25,000 times
  ('article-2mb', replace(printf('%.*c', 25000, 'x'), 'x',
     'Sen. Maria Lopez said on Tuesday that “the bill will pass by Jan. 5,” and left. ')),
  -- 100,000 unmatched quotation marks, curly, straight and guillemets
  ('open-quotes-100k', replace(printf('%.*c', 100000, 'x'), 'x', '“')),
  ('straight-quotes-100k', replace(printf('%.*c', 100000, 'x'), 'x', '" ')),
  ('guillemets-100k', replace(printf('%.*c', 100000, 'x'), 'x', '« word ')),
  -- a megabyte without spaces or punctuation, letters and digits
  ('letters-1mb', printf('%.*c', 1000000, 'a')),
  ('digits-1mb', printf('%.*c', 1000000, '7')),
  -- 10,000 capitalised words in a row, and 10,000 titles
  ('capitals-10k', replace(printf('%.*c', 10000, 'x'), 'x', 'Smith ')),
  ('titles-10k', replace(printf('%.*c', 10000, 'x'), 'x', 'Sen. Dr. ')),
  -- digit runs that look like dates, with and without spaces
  ('iso-dates-run', replace(printf('%.*c', 50000, 'x'), 'x', '2020-01-05')),
  ('slash-dates', replace(printf('%.*c', 20000, 'x'), 'x', '12/31/1999 ')),
  ('years', replace(printf('%.*c', 20000, 'x'), 'x', '1999 2000-2001 ')),
  ('month-days', replace(printf('%.*c', 20000, 'x'), 'x', 'Jan. 5, ')),
  -- "a.a.a. ... aa": a dotted chain that is not an abbreviation
  ('dotted-chain', replace(printf('%.*c', 100000, 'x'), 'x', 'a.') || 'aa'),
  -- one character that is a lead byte and a megabyte of continuation bytes
  ('continuation-1mb', CAST(x'C3' AS TEXT) || replace(printf('%.*c', 1000000, 'x'), 'x', CAST(x'80' AS TEXT)) || ' end'),
  -- 50,000 blank lines between words
  ('blank-lines', replace(printf('%.*c', 50000, 'x'), 'x', 'Word' || char(10, 10)));
SELECT '072-1', id, length(CAST(doc AS BLOB)) AS bytes, length(doc) AS chars,
  (SELECT count(*) FROM tokens(doc)) AS tokens, (SELECT count(*) FROM sentences(doc)) AS sentences
  FROM big ORDER BY rowid;
-- every function runs, and its spans lie inside the document (n holds the
-- length: length() of a 2 MB text per row would make this check quadratic)
ALTER TABLE big ADD COLUMN n INTEGER;
UPDATE big SET n = length(doc);
SELECT '072-2', id,
  (SELECT count(*) FROM entities(doc) WHERE start < 1 OR start + length > n + 1),
  (SELECT count(*) FROM quotes(doc) WHERE start < 1 OR start + length > n + 1),
  (SELECT count(*) FROM event_dates(doc, '2021-06-01') WHERE start < 1 OR start + length > n + 1),
  (SELECT count(*) FROM event_dates(doc) WHERE start < 1 OR start + length > n + 1)
  FROM big ORDER BY rowid;
-- tokens, sentences, entities and dates are in order and do not overlap;
-- quotes are in order of their start.  Must return no rows.
SELECT '072-3 tokens', id, count(*) FROM (SELECT id, t.start, lag(t.start + t.length)
  OVER (PARTITION BY id ORDER BY t.rowid) AS prev FROM big, tokens(big.doc) t) WHERE start < prev GROUP BY id;
SELECT '072-3 sentences', id, count(*) FROM (SELECT id, s.start, lag(s.start + s.length)
  OVER (PARTITION BY id ORDER BY s.rowid) AS prev FROM big, sentences(big.doc) s) WHERE start < prev GROUP BY id;
SELECT '072-3 entities', id, count(*) FROM (SELECT id, e.start, lag(e.start + e.length)
  OVER (PARTITION BY id ORDER BY e.rowid) AS prev FROM big, entities(big.doc) e) WHERE start < prev GROUP BY id;
SELECT '072-3 event_dates', id, count(*) FROM (SELECT id, x.start, lag(x.start + x.length)
  OVER (PARTITION BY id ORDER BY x.rowid) AS prev FROM big, event_dates(big.doc, '2021-06-01') x)
  WHERE start < prev GROUP BY id;
SELECT '072-3 quotes', id, count(*) FROM (SELECT id, q.start, lag(q.start)
  OVER (PARTITION BY id ORDER BY q.rowid) AS prev FROM big, quotes(big.doc) q) WHERE start < prev GROUP BY id;
-- the last token of each document is where substr() says (offsets stay
-- exact to the end).  Must return no rows.
WITH last AS (SELECT id, t.token, t.start, t.length,
  row_number() OVER (PARTITION BY id ORDER BY t.rowid DESC) AS rn FROM big, tokens(big.doc) t)
SELECT '072-4', l.id, l.token FROM last l JOIN big b ON b.id = l.id WHERE rn = 1 AND (length(l.token) <> l.length
  OR (l.id <> 'continuation-1mb' AND substr(b.doc, l.start, l.length) <> l.token));
-- the JSON forms are valid and complete on a big input
SELECT '072-5', json_array_length(tokens_json(doc)) = (SELECT count(*) FROM tokens(doc)),
  json_valid(entities_json(doc)), json_valid(quotes_json(doc)), json_valid(event_dates_json(doc, '2021-06-01'))
  FROM big WHERE id = 'open-quotes-100k';
