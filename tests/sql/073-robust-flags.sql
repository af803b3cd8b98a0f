-- 073: with PRAGMA trusted_schema=OFF (the safe setting for databases one did
-- not write) every function still works in a view, a trigger, a generated
-- column, an expression index and a CHECK constraint, because the scalar
-- functions are SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS and the tables
-- SQLITE_VTAB_INNOCUOUS (see docs/robustness.md for why that is safe).
-- (SQLite 3.40's own json_* functions are not innocuous, so the schema
-- below avoids them.)
.mode list
.headers off
.separator " | "
PRAGMA trusted_schema = OFF;
SELECT '073-1', name, flags & 0x000800 > 0 AS deterministic, flags & 0x200000 > 0 AS innocuous
  FROM pragma_function_list WHERE name LIKE 'newsext%' OR name IN ('sentences_json', 'tokens_json',
  'entities_json', 'quotes_json', 'event_dates_json') ORDER BY name, narg;
CREATE TABLE docs(
  id INTEGER PRIMARY KEY,
  body TEXT CHECK (quotes_json(body) LIKE '[%]'),
  published TEXT,
  json_length INT GENERATED ALWAYS AS (length(tokens_json(body))) VIRTUAL,
  entities TEXT GENERATED ALWAYS AS (entities_json(body)) STORED,
  dates TEXT GENERATED ALWAYS AS (event_dates_json(body, published)) STORED
);
CREATE INDEX docs_sentences ON docs(length(sentences_json(body)));
CREATE TABLE log(id INTEGER, n_sentences INTEGER, n_entities INTEGER, n_quotes INTEGER, n_dates INTEGER);
CREATE TRIGGER docs_log AFTER INSERT ON docs BEGIN
  INSERT INTO log SELECT new.id, (SELECT count(*) FROM sentences(new.body)),
    (SELECT count(*) FROM entities(new.body)) >= 0, (SELECT count(*) FROM quotes(new.body)) >= 0,
    (SELECT count(*) FROM event_dates(new.body, new.published)) >= 0;
END;
CREATE VIEW doc_tokens AS SELECT d.id, t.token, t.kind FROM docs d, tokens(d.body) t;
CREATE VIEW doc_all AS SELECT d.id,
  (SELECT count(*) FROM entities(d.body)) + (SELECT count(*) FROM quotes(d.body))
  + (SELECT count(*) FROM event_dates(d.body, d.published)) >= 0 AS ran FROM docs d;
INSERT INTO docs(id, body, published) VALUES
  (1, 'Sen. Maria Lopez said on Tuesday: “We will vote.” The House agreed.', '2021-06-01'),
  (2, 'Markets fell. Investors waited.', NULL);
SELECT '073-2', id, json_length, json_valid(entities), json_valid(dates) FROM docs ORDER BY id;
SELECT '073-3', * FROM log ORDER BY id;
SELECT '073-4', id, group_concat(token, ' ') FROM doc_tokens GROUP BY id ORDER BY id;
SELECT '073-5', * FROM doc_all ORDER BY id;
SELECT '073-6', id FROM docs WHERE length(sentences_json(body)) > 100 ORDER BY id;
EXPLAIN QUERY PLAN SELECT id FROM docs WHERE length(sentences_json(body)) > 100;
PRAGMA integrity_check;
