-- 075: the JSON forms depend only on their arguments.  They call the core
-- directly, never `SELECT * FROM name(...)` through SQL, so a user table
-- that shadows a function's name, an FTS5 table of that name, or
-- PRAGMA full_column_names cannot change what they return -- which an
-- expression index on them relies on (integrity_check compares the index
-- with a fresh evaluation).
.mode list
.headers off
.separator " | "
CREATE TABLE docs(id INTEGER PRIMARY KEY, body TEXT, published TEXT);
INSERT INTO docs VALUES
  (1, 'Sen. Maria Lopez said on Tuesday: “We will vote.” The House agreed.', '2021-06-01'),
  (2, '"Prices will rise," said Anna Berg, an economist at Nordbank, in Oslo on 3 May.', '2020-05-04'),
  (3, 'Markets fell. Investors waited.', NULL);
CREATE INDEX docs_sentences ON docs(sentences_json(body));
CREATE INDEX docs_tokens ON docs(tokens_json(body));
CREATE INDEX docs_entities ON docs(entities_json(body));
CREATE INDEX docs_quotes ON docs(quotes_json(body));
CREATE INDEX docs_dates1 ON docs(event_dates_json(body));
CREATE INDEX docs_dates2 ON docs(event_dates_json(body, published));
CREATE TABLE before AS SELECT id, sentences_json(body) s, tokens_json(body) t, entities_json(body) e,
  quotes_json(body) q, event_dates_json(body) d1, event_dates_json(body, published) d2 FROM docs;
-- every JSON form returns the same, whatever the connection's settings and tables
CREATE VIEW same AS SELECT count(*) FROM docs JOIN before USING (id)
  WHERE s = sentences_json(body) AND t = tokens_json(body) AND e = entities_json(body)
    AND q = quotes_json(body) AND d1 = event_dates_json(body)
    AND d2 = event_dates_json(body, published);
SELECT '075-1', * FROM same;
PRAGMA full_column_names = ON;
PRAGMA short_column_names = OFF;
SELECT '075-2', * FROM same;
SELECT '075-3', j.key FROM json_each(json_extract(entities_json('Maria Lopez spoke.'), '$[0]')) j;
PRAGMA integrity_check;
PRAGMA full_column_names = OFF;
PRAGMA short_column_names = ON;
-- user tables named like the functions
CREATE TABLE entities(text, type);
INSERT INTO entities VALUES ('not', 'mine');
CREATE VIRTUAL TABLE quotes USING fts5(quote, speaker);
INSERT INTO quotes VALUES ('an indexed quote', 'someone');
CREATE TABLE sentences(x);
CREATE VIEW tokens AS SELECT 1 AS token;
CREATE TABLE event_dates(text);
SELECT '075-4', * FROM same;
INSERT INTO docs VALUES (4, 'Olaf Scholz said: “We are ready.” The talks end on Friday.', '2022-01-03');
UPDATE docs SET body = body || ' More later.' WHERE id = 3;
PRAGMA integrity_check;
SELECT '075-5', quotes_json('Olaf Scholz said: “We are ready.”') LIKE '%We are ready.%',
  entities_json('Olaf Scholz arrived.') LIKE '%Olaf Scholz%';
-- a JSON result longer than SQLITE_LIMIT_LENGTH is "string or blob too big"
-- (SQLITE_TOOBIG), not "out of memory"; the connection stays usable
.limit length 5000
SELECT '075-6', length(tokens_json(printf('%.*c', 2000, 'a') || ' ' || printf('%.*c', 1000, ',')));
SELECT '075-7', length(sentences_json(printf('%.*c', 2000, 'a')));
-- the limit is exact: a JSON result of exactly SQLITE_LIMIT_LENGTH bytes is
-- returned, one byte more is too big (075-7's array is 2049 bytes)
.limit length 2049
SELECT '075-8', length(sentences_json(printf('%.*c', 2000, 'a')));
.limit length 2048
SELECT '075-9', length(sentences_json(printf('%.*c', 2000, 'a')));
SELECT '075-10', length(sentences_json(printf('%.*c', 1999, 'a')));
