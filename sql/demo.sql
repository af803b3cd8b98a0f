-- Example queries for `make demo` (run against demo.db).
.load ./newsext

.print '== How many sentences does each article have?'
SELECT a.id, a.title, count(*) AS sentences
  FROM articles a, sentences(a.body) s
 GROUP BY a.id ORDER BY a.id;

.print ''
.print '== The first three sentences of article 1'
SELECT s.idx, s.start, s.length, substr(s.sentence, 1, 70) AS sentence
  FROM articles a, sentences(a.body) s
 WHERE a.id = 1 AND s.idx < 3;

.print ''
.print '== Tokens that are not plain words, across the collection'
SELECT t.kind, group_concat(DISTINCT t.token) AS examples
  FROM articles a, tokens(a.body) t
 WHERE t.kind NOT IN ('word', 'punct')
 GROUP BY t.kind ORDER BY t.kind;

.print ''
.print '== Most mentioned people'
SELECT e.canonical AS person, count(*) AS mentions
  FROM articles a, entities(a.body) e
 WHERE e.type = 'PERSON'
 GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10;

.print ''
.print '== Entities by type'
SELECT e.type, count(*) AS mentions, count(DISTINCT e.canonical) AS distinct_names
  FROM articles a, entities(a.body) e
 GROUP BY 1 ORDER BY 2 DESC;

.print ''
.print '== Who said what'
SELECT q.speaker, q.verb, q.kind, substr(q.quote, 1, 60) AS quote
  FROM articles a, quotes(a.body) q
 ORDER BY a.id, q.start;

.print ''
.print '== A timeline of the dated events'
SELECT d.date, d.text, a.title
  FROM articles a, event_dates(a.body, a.published) d
 WHERE d.date IS NOT NULL
 ORDER BY d.date;
