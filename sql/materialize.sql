-- materialize.sql -- result tables for entities(), quotes() and event_dates()
-- of an `articles` table, kept current through a queue that triggers fill.
--
-- Expects: articles(rowid, body TEXT, published TEXT)   (published may be NULL)
-- Use:     .load newsext
--          .read materialize.sql
-- The first run creates the tables and triggers and computes every article.
-- After later writes -- from any connection, with or without newsext -- run it
-- again, or `newsext-batch --pending DB`, to bring the tables up to date.
-- To use other table or column names, edit the triggers and the refresh below.
--
-- The schema (this part, up to "end of schema", is also what newsext-batch
-- creates; it reads the columns of each result table from the table itself):
--   article_entities(article, n, <columns of entities()>)
--   article_quotes(article, n, <columns of quotes()>)
--   article_dates(article, n, <columns of event_dates()>)
--     article = the article's id (its rowid here), n = the row's 1-based
--     ordinal in the article (the table function's rowid); primary key
--     (article, n), WITHOUT ROWID, so the rows of an article are stored together.
--   newsext_batch_done(article)     articles whose rows are in the tables
--   newsext_pending(article, seq)   articles changed since: their rows are
--     stale or missing; seq counts the changes (newsext-batch removes an
--     article from the queue only if it did not change while being computed).

CREATE TABLE IF NOT EXISTS article_entities(
  article INTEGER NOT NULL, n INTEGER NOT NULL, text TEXT, type TEXT, start INTEGER, length INTEGER,
  sentence INTEGER, canonical TEXT, title TEXT, PRIMARY KEY (article, n)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS article_quotes(
  article INTEGER NOT NULL, n INTEGER NOT NULL, quote TEXT, speaker TEXT, speaker_text TEXT, verb TEXT,
  start INTEGER, length INTEGER, sentence INTEGER, kind TEXT, PRIMARY KEY (article, n)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS article_dates(
  article INTEGER NOT NULL, n INTEGER NOT NULL, text TEXT, type TEXT, value TEXT, date TEXT,
  start INTEGER, length INTEGER, sentence INTEGER, end_value TEXT, end_date TEXT,
  PRIMARY KEY (article, n)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS newsext_batch_done(article INTEGER PRIMARY KEY);
CREATE TABLE IF NOT EXISTS newsext_pending(article INTEGER PRIMARY KEY, seq INTEGER NOT NULL DEFAULT 1);
-- end of schema

CREATE INDEX IF NOT EXISTS article_dates_date ON article_dates(date);

-- The triggers only queue ids in a plain table, so writes never need newsext.
-- (REPLACE INTO that removes a row with another rowid, through a UNIQUE
-- constraint, fires no delete trigger unless recursive_triggers is on.)
CREATE TRIGGER IF NOT EXISTS articles_newsext_insert AFTER INSERT ON articles BEGIN
  INSERT INTO newsext_pending(article) VALUES (new.rowid) ON CONFLICT(article) DO UPDATE SET seq = seq + 1;
END;
CREATE TRIGGER IF NOT EXISTS articles_newsext_update AFTER UPDATE ON articles
WHEN old.rowid IS NOT new.rowid OR old.body IS NOT new.body OR old.published IS NOT new.published BEGIN
  INSERT INTO newsext_pending(article) VALUES (old.rowid) ON CONFLICT(article) DO UPDATE SET seq = seq + 1;
  INSERT INTO newsext_pending(article) VALUES (new.rowid) ON CONFLICT(article) DO UPDATE SET seq = seq + 1;
END;
CREATE TRIGGER IF NOT EXISTS articles_newsext_delete AFTER DELETE ON articles BEGIN
  INSERT INTO newsext_pending(article) VALUES (old.rowid) ON CONFLICT(article) DO UPDATE SET seq = seq + 1;
END;

-- The refresh (needs newsext; its news_ names cannot be shadowed by tables):
-- queue the articles never computed, drop the rows of every queued article,
-- compute those that still exist, empty the queue.
SAVEPOINT newsext_refresh;
INSERT OR IGNORE INTO newsext_pending(article)
  SELECT rowid FROM articles WHERE rowid NOT IN (SELECT article FROM newsext_batch_done);
DELETE FROM article_entities WHERE article IN (SELECT article FROM newsext_pending);
DELETE FROM article_quotes WHERE article IN (SELECT article FROM newsext_pending);
DELETE FROM article_dates WHERE article IN (SELECT article FROM newsext_pending);
DELETE FROM newsext_batch_done WHERE article IN (SELECT article FROM newsext_pending);
INSERT INTO article_entities
  SELECT a.rowid, x.rowid, x.text, x.type, x.start, x.length, x.sentence, x.canonical, x.title
    FROM newsext_pending p JOIN articles a ON a.rowid = p.article, news_entities(a.body) x;
INSERT INTO article_quotes
  SELECT a.rowid, x.rowid, x.quote, x.speaker, x.speaker_text, x.verb, x.start, x.length, x.sentence, x.kind
    FROM newsext_pending p JOIN articles a ON a.rowid = p.article, news_quotes(a.body) x;
INSERT INTO article_dates
  SELECT a.rowid, x.rowid, x.text, x.type, x.value, x.date, x.start, x.length, x.sentence, x.end_value, x.end_date
    FROM newsext_pending p JOIN articles a ON a.rowid = p.article, news_event_dates(a.body, a.published) x;
INSERT INTO newsext_batch_done SELECT a.rowid FROM newsext_pending p JOIN articles a ON a.rowid = p.article;
DELETE FROM newsext_pending;
RELEASE newsext_refresh;
