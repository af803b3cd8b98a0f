-- 070: every function with NULL, integer, real, BLOB, empty and blank
-- documents, and with every kind of reference_date (documented in
-- docs/robustness.md).  NULL gives no rows; numbers are read as their text;
-- a BLOB is an error naming the function; the JSON forms give '[]' or pass
-- the error through.
.mode list
.headers off
.separator " | "
CREATE TABLE inputs(id TEXT, doc);
INSERT INTO inputs VALUES ('null', NULL), ('int', 20200105), ('neg', -42), ('real', 3.25),
  ('big-real', 1e300), ('empty', ''), ('blank', ' 	
 ');
SELECT '070-1', id, typeof(doc),
  (SELECT count(*) FROM sentences(doc)), (SELECT count(*) FROM tokens(doc)),
  (SELECT count(*) FROM entities(doc)) >= 0, (SELECT count(*) FROM quotes(doc)) >= 0,
  (SELECT count(*) FROM event_dates(doc)) >= 0, (SELECT count(*) FROM event_dates(doc, '2020-01-06')) >= 0
  FROM inputs ORDER BY rowid;
SELECT '070-2', id, group_concat(token || ':' || kind, ' ') FROM inputs, tokens(inputs.doc) GROUP BY id ORDER BY id;
SELECT '070-3', id, sentences_json(doc), tokens_json(doc) = '[]', json_valid(entities_json(doc)),
  json_valid(quotes_json(doc)), json_valid(event_dates_json(doc)), json_valid(event_dates_json(doc, '2020-01-06'))
  FROM inputs WHERE id IN ('null', 'empty', 'blank') ORDER BY rowid;
-- a BLOB is refused by every function, with its name in the message
SELECT '070-4', count(*) FROM sentences(x'4142');
SELECT '070-5', count(*) FROM tokens(x'');
SELECT '070-6', count(*) FROM entities(zeroblob(10));
SELECT '070-7', count(*) FROM quotes(x'22616222');
SELECT '070-8', count(*) FROM event_dates(x'32303230', '2020-01-01');
SELECT '070-9', entities_json(x'41');
SELECT '070-10', event_dates_json(x'41', '2020-01-01');
-- reference_date: anything date() reads (text, a Julian day number as a real),
-- integers as Unix seconds (008-reference-dates.sql has the other forms);
-- NULL means none; text that is not a date (also a day date() lets through,
-- 2021-02-30), a BLOB, and 'now' are errors
CREATE TABLE refs(id TEXT, ref);
INSERT INTO refs VALUES ('iso', '2020-01-06'), ('datetime', '2020-01-06 23:59:59'), ('julian', 2458854.5),
  ('julian-int', 2458855), ('leap', '2020-02-29'), ('null', NULL);
SELECT '070-11', id, (SELECT count(*) FROM event_dates('Talks resumed on Monday.', ref)) >= 0,
  json_valid(event_dates_json('Talks resumed on Monday.', ref)) FROM refs ORDER BY rowid;
SELECT '070-11b', count(*) FROM event_dates('x', '2021-02-30');
SELECT '070-12', count(*) FROM event_dates('x', '');
SELECT '070-13', count(*) FROM event_dates('x', '2020-13-01');
SELECT '070-14', count(*) FROM event_dates('x', 'yesterday');
SELECT '070-15', count(*) FROM event_dates('x', x'00');
SELECT '070-16', count(*) FROM event_dates('x', 'now');
SELECT '070-17', count(*) FROM event_dates('x', 'NOW');
SELECT '070-18', event_dates_json('x', 'now');
SELECT '070-19', count(*) FROM event_dates('x', -1e300);
SELECT '070-20', count(*) FROM event_dates('x', '2020-01-06' || char(0) || 'junk');
-- date() itself was given the time: fine, the caller chose it
SELECT '070-21', count(*) >= 0 FROM event_dates('x', date('now'));
-- a self-join with two reference dates over one document: each cursor keeps
-- its own rows (the shared analysis holds one reference date at a time)
SELECT '070-22', count(*) FROM event_dates('Talks began on Monday, two days after March 3.', '2020-01-06') a,
  event_dates('Talks began on Monday, two days after March 3.', '2021-06-01') b
  WHERE a.value IS NOT (SELECT c.value FROM event_dates('Talks began on Monday, two days after March 3.',
    '2020-01-06') c WHERE c.start = a.start ORDER BY c.rowid LIMIT 1)
     OR b.value IS NOT (SELECT c.value FROM event_dates('Talks began on Monday, two days after March 3.',
    '2021-06-01') c WHERE c.start = b.start ORDER BY c.rowid LIMIT 1);
