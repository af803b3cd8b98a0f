-- 030: event_dates(document [, reference_date]): columns, reference dates,
-- errors, NULLs, invariants and a correlated join over a documents table.
.mode list
.headers off
.separator " | "
-- with a reference date (2020-01-08, a Wednesday): every column
SELECT '030-1', text, type, value, date, start, length, sentence FROM event_dates(
  'The council met on Monday and will vote on Friday. Two days ago, it delayed the plan for six months.',
  '2020-01-08');
-- the reference date in any form date() reads: julian day, with time, unixepoch-less text
SELECT '030-2', value, date FROM event_dates('He resigned yesterday.', '2020-01-08 14:30:00');
SELECT '030-3', value, date FROM event_dates('He resigned yesterday.', 2458856.5);
-- without one: anchored on the first explicit date, else left unspecified
SELECT '030-4', text, value, date FROM event_dates('On Jan. 5, 2020 the polls closed. Results came the next day.');
SELECT '030-5', text, value, quote(date) FROM event_dates('He left on Friday and returns in March.');
SELECT '030-6', text, value, quote(date) FROM event_dates('He left on Friday.', NULL);
-- types: DATE, TIME, DURATION, SET
SELECT '030-7', text, type, value FROM event_dates(
  'Police arrived at 10 p.m. Tuesday, stayed for two hours and now patrol every Monday.', '2020-01-08');
-- quarters, decades, reference words, fractions, ranges
SELECT '030-8', text, value FROM event_dates(
  'Third-quarter profit rose; the 1990s boom is over, recently he said, after 2 1/2 years, from 1979 to 1981.',
  '2020-01-08');
-- false friends give no rows
SELECT '030-9', count(*) FROM event_dates(
  'May Smith said the 1st Brigade will march; they won 3-1 and the cat sat down.', '2020-01-08');
-- errors: not a date, the clock, a blob
SELECT '030-10', * FROM event_dates('Friday', 'not a date');
SELECT '030-11', * FROM event_dates('Friday', '2019-02-30');
SELECT '030-12', * FROM event_dates('Friday', 'now');
SELECT '030-13', * FROM event_dates(x'00ff', '2020-01-08');
-- NULL and empty documents give no rows
SELECT '030-14', count(*) FROM event_dates(NULL, '2020-01-08');
SELECT '030-15', count(*) FROM event_dates('', '2020-01-08');
-- invariants over a documents table: the span is the text; rows in order
CREATE TABLE docs(id INTEGER PRIMARY KEY, body TEXT, published TEXT);
INSERT INTO docs VALUES
  (1, 'Élection: the vote on Jan. 5 was delayed until next week, officials said Tuesday.', '2020-01-08'),
  (2, 'Shares fell 3% last year and rose in the first nine months of 2019.', '2020-01-08'),
  (3, 'The plant opened in 1998. The following year it closed for a decade.', NULL),
  (4, NULL, '2020-01-08');
SELECT '030-16', count(*) FROM docs, event_dates(docs.body, docs.published) AS t
  WHERE substr(docs.body, t.start, t.length) <> t.text;
SELECT '030-17', count(*) FROM docs, event_dates(docs.body, docs.published) AS a,
  event_dates(docs.body, docs.published) AS b
  WHERE a.rowid + 1 = b.rowid AND b.start < a.start + a.length;
SELECT '030-18', id, text, type, value, quote(date) FROM docs, event_dates(docs.body, docs.published)
  ORDER BY id, start;
-- a timeline: ORDER BY date
SELECT '030-19', t.date, t.text FROM docs, event_dates(docs.body, docs.published) AS t
  WHERE t.date IS NOT NULL ORDER BY t.date;
-- a timestamp keeps the calendar day it is written with, whatever its zone
SELECT '030-20', r, (SELECT value FROM event_dates('The mayor resigned yesterday.', r)) FROM (
  SELECT '2013-03-14T00:30:00+02:00' AS r UNION ALL SELECT '2013-03-14 23:59:59-05:00'
  UNION ALL SELECT '2013-03-14');
-- a range is one row: value and date its start, end_value and end_date its
-- end; both NULL for other rows; the new columns come after sentence
SELECT '030-21', text, value, date, quote(end_value), quote(end_date) FROM event_dates(
  'The summit is set for April 9-10, after talks from Monday to Wednesday in the 1986-87 style.',
  '2020-01-08');
SELECT '030-22', group_concat(name, ',') FROM pragma_table_info('event_dates');
