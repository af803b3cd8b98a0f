-- 007: every table function and JSON form also answers to news_NAME, which
-- a table of the database cannot shadow; the JSON forms work even when the
-- database has tables named like the short names.
.mode list
.headers off
CREATE TABLE quotes(id INTEGER PRIMARY KEY, body TEXT);
CREATE TABLE entities(id INTEGER PRIMARY KEY, name TEXT);
INSERT INTO quotes(body) VALUES ('"We will rebuild," Mayor Ann Lee said on Tuesday in Dayton.');
-- the short name now means the table
SELECT '007-1', count(*) FROM quotes;
-- the prefixed names are the functions
SELECT '007-2', x.speaker, x.verb FROM quotes q, news_quotes(q.body) x;
SELECT '007-3', x.text, x.type FROM quotes q, news_entities(q.body) x ORDER BY x.start;
SELECT '007-4', count(*) FROM quotes q, news_sentences(q.body);
SELECT '007-5', count(*) > 5 FROM quotes q, news_tokens(q.body);
SELECT '007-6', x.value FROM quotes q, news_event_dates(q.body, '2024-05-02') x;
-- JSON forms: short and prefixed names give the same text, shadowed or not
SELECT '007-7', quotes_json(body) = news_quotes_json(body), entities_json(body) = news_entities_json(body),
       sentences_json(body) = news_sentences_json(body), tokens_json(body) = news_tokens_json(body),
       event_dates_json(body, '2024-05-02') = news_event_dates_json(body, '2024-05-02'),
       json_array_length(news_quotes_json(body)) FROM quotes;
-- errors name the function
SELECT '007-8', count(*) FROM news_tokens(x'00');
