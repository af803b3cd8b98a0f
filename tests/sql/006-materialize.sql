-- 006: sql/materialize.sql keeps the result tables equal to a fresh
-- computation through a mixed batch of inserts, updates and deletes: the
-- triggers queue the changed ids, running the script again refreshes.
.mode list
.headers off
.separator " | "
.read ../../sql/demo_articles.sql
DELETE FROM articles WHERE id > 2;
.read ../../sql/materialize.sql
-- a mixed batch
.read ../../sql/demo_articles.sql
UPDATE articles SET body = body || ' "We will be back," the mayor said on Friday.' WHERE id = 2;
UPDATE articles SET published = '2020-02-01' WHERE id = 1;
DELETE FROM articles WHERE id = 4;
INSERT INTO articles(published, body) VALUES (NULL, 'Brief: Acme Corp. said on Monday it would close its Ohio plant.');
UPDATE articles SET title = 'retitled' WHERE id = 3;
REPLACE INTO articles(id, published, body) VALUES (5, '2023-05-03', 'Replaced text. "Quote here," she said.');
UPDATE articles SET id = 9 WHERE id = 3;
SELECT '006-0', group_concat(article) FROM (SELECT article FROM newsext_pending ORDER BY 1);
.read ../../sql/materialize.sql
-- compare with a fresh computation, both ways: no row may differ
CREATE TEMP VIEW fresh_entities AS SELECT a.rowid, x.rowid, x.text, x.type, x.start, x.length, x.sentence,
  x.canonical, x.title FROM articles a, entities(a.body) x;
CREATE TEMP VIEW fresh_quotes AS SELECT a.rowid, x.rowid, x.quote, x.speaker, x.speaker_text, x.verb, x.start,
  x.length, x.sentence, x.kind FROM articles a, quotes(a.body) x;
CREATE TEMP VIEW fresh_dates AS SELECT a.rowid, x.rowid, x.text, x.type, x.value, x.date, x.start, x.length,
  x.sentence, x.end_value, x.end_date FROM articles a, event_dates(a.body, a.published) x;
SELECT '006-1', count(*) FROM (SELECT * FROM article_entities EXCEPT SELECT * FROM fresh_entities);
SELECT '006-2', count(*) FROM (SELECT * FROM fresh_entities EXCEPT SELECT * FROM article_entities);
SELECT '006-3', count(*) FROM (SELECT * FROM article_quotes EXCEPT SELECT * FROM fresh_quotes);
SELECT '006-4', count(*) FROM (SELECT * FROM fresh_quotes EXCEPT SELECT * FROM article_quotes);
SELECT '006-5', count(*) FROM (SELECT * FROM article_dates EXCEPT SELECT * FROM fresh_dates);
SELECT '006-6', count(*) FROM (SELECT * FROM fresh_dates EXCEPT SELECT * FROM article_dates);
-- and the row counts agree (EXCEPT is a set operation)
SELECT '006-7', (SELECT count(*) FROM article_entities) = (SELECT count(*) FROM fresh_entities),
       (SELECT count(*) FROM article_quotes) = (SELECT count(*) FROM fresh_quotes),
       (SELECT count(*) FROM article_dates) = (SELECT count(*) FROM fresh_dates);
SELECT '006-8', count(*) FROM article_entities WHERE article NOT IN (SELECT rowid FROM articles);
SELECT '006-9', (SELECT count(*) FROM newsext_pending), (SELECT count(*) FROM newsext_batch_done) = (SELECT count(*) FROM articles);
