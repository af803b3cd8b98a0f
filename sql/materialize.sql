-- materialize.sql -- result tables for entities, quotes and dates, kept in
-- step with an `articles` table by triggers.
--
-- Expects:  articles(rowid, body TEXT, published TEXT)   (published may be NULL)
-- Creates:  article_entities, article_quotes, article_dates, each keyed by
--           article_id = articles.rowid, with the columns of entities(),
--           quotes() and event_dates(); and triggers that recompute an
--           article's rows when it is inserted, its body or published date
--           is updated, or it is deleted.
-- Use:      .load ./newsext
--           .read sql/materialize.sql
-- To use other table or column names, edit the names below.

CREATE TABLE IF NOT EXISTS article_entities(
  article_id INTEGER NOT NULL, text TEXT, type TEXT, start INTEGER, length INTEGER,
  sentence INTEGER, canonical TEXT, title TEXT);
CREATE INDEX IF NOT EXISTS article_entities_article ON article_entities(article_id);

CREATE TABLE IF NOT EXISTS article_quotes(
  article_id INTEGER NOT NULL, quote TEXT, speaker TEXT, speaker_text TEXT, verb TEXT,
  start INTEGER, length INTEGER, sentence INTEGER, kind TEXT);
CREATE INDEX IF NOT EXISTS article_quotes_article ON article_quotes(article_id);

CREATE TABLE IF NOT EXISTS article_dates(
  article_id INTEGER NOT NULL, text TEXT, type TEXT, value TEXT, date TEXT,
  start INTEGER, length INTEGER, sentence INTEGER, end_value TEXT, end_date TEXT);
CREATE INDEX IF NOT EXISTS article_dates_article ON article_dates(article_id);
CREATE INDEX IF NOT EXISTS article_dates_date ON article_dates(date);

-- the initial fill, for articles already present
INSERT INTO article_entities SELECT a.rowid, e.* FROM articles a, entities(a.body) e
 WHERE a.rowid NOT IN (SELECT article_id FROM article_entities);
INSERT INTO article_quotes SELECT a.rowid, q.* FROM articles a, quotes(a.body) q
 WHERE a.rowid NOT IN (SELECT article_id FROM article_quotes);
INSERT INTO article_dates SELECT a.rowid, d.* FROM articles a, event_dates(a.body, a.published) d
 WHERE a.rowid NOT IN (SELECT article_id FROM article_dates);

-- an insert first clears rows left under its rowid: REPLACE INTO removes the
-- old row without firing the delete trigger (unless recursive_triggers is on)
CREATE TRIGGER IF NOT EXISTS articles_newsext_insert AFTER INSERT ON articles BEGIN
  DELETE FROM article_entities WHERE article_id = new.rowid;
  DELETE FROM article_quotes WHERE article_id = new.rowid;
  DELETE FROM article_dates WHERE article_id = new.rowid;
  INSERT INTO article_entities SELECT new.rowid, e.* FROM entities(new.body) e;
  INSERT INTO article_quotes SELECT new.rowid, q.* FROM quotes(new.body) q;
  INSERT INTO article_dates SELECT new.rowid, d.* FROM event_dates(new.body, new.published) d;
END;

CREATE TRIGGER IF NOT EXISTS articles_newsext_update AFTER UPDATE OF body, published ON articles BEGIN
  DELETE FROM article_entities WHERE article_id = old.rowid;
  DELETE FROM article_quotes WHERE article_id = old.rowid;
  DELETE FROM article_dates WHERE article_id = old.rowid;
  INSERT INTO article_entities SELECT new.rowid, e.* FROM entities(new.body) e;
  INSERT INTO article_quotes SELECT new.rowid, q.* FROM quotes(new.body) q;
  INSERT INTO article_dates SELECT new.rowid, d.* FROM event_dates(new.body, new.published) d;
END;

CREATE TRIGGER IF NOT EXISTS articles_newsext_delete AFTER DELETE ON articles BEGIN
  DELETE FROM article_entities WHERE article_id = old.rowid;
  DELETE FROM article_quotes WHERE article_id = old.rowid;
  DELETE FROM article_dates WHERE article_id = old.rowid;
END;
