-- cookbook.sql -- questions researchers ask of a news collection, in SQL.
-- Run on the demo database:  make demo && sqlite3 demo.db < sql/cookbook.sql
-- Expects articles(id, published, source, title, body); docs/cookbook.md
-- walks through each query with its output.
.load ./newsext
.headers on
.mode column

-- 1. The most-mentioned people per month (top 3 each month)
SELECT month, person, mentions FROM (
  SELECT strftime('%Y-%m', a.published) AS month, e.canonical AS person, count(*) AS mentions,
         row_number() OVER (PARTITION BY strftime('%Y-%m', a.published)
                            ORDER BY count(*) DESC, e.canonical) AS rank
    FROM articles a, entities(a.body) e
   WHERE e.type = 'PERSON'
   GROUP BY month, person)
 WHERE rank <= 3
 ORDER BY month, mentions DESC, person;

-- 2. Who quotes whom: each speaker and the people named inside their quotes
SELECT q.speaker, e.canonical AS mentioned, count(*) AS times
  FROM articles a, quotes(a.body) q, entities(a.body) e
 WHERE e.type = 'PERSON'
   AND e.start >= q.start AND e.start + e.length <= q.start + q.length
   AND e.canonical IS NOT q.speaker
 GROUP BY 1, 2
 ORDER BY 3 DESC, 1, 2;

-- 3. A timeline of events per entity: dates in the sentences that name it
SELECT e.canonical AS entity, d.date, d.text AS expression, a.id AS article
  FROM articles a, entities(a.body) e, event_dates(a.body, a.published) d
 WHERE d.sentence = e.sentence AND d.date IS NOT NULL
   AND e.type IN ('PERSON', 'ORG')
 GROUP BY 1, 2, 3, 4
 ORDER BY 1, 2;

-- 4. Entities that occur in the same sentence, most frequent pairs first
SELECT x.canonical AS entity_1, y.canonical AS entity_2, count(*) AS sentences
  FROM articles a, entities(a.body) x, entities(a.body) y
 WHERE x.sentence = y.sentence AND x.canonical < y.canonical
 GROUP BY 1, 2
 ORDER BY 3 DESC, 1, 2
 LIMIT 10;

-- 5. Articles that mention both of two entities
SELECT a.id, a.title
  FROM articles a
 WHERE EXISTS (SELECT 1 FROM entities(a.body) e WHERE e.canonical = 'Iran' OR e.text = 'Iranian')
   AND EXISTS (SELECT 1 FROM entities(a.body) e WHERE e.canonical = 'Donald Trump')
 ORDER BY a.id;

-- 6. Stories per country per month
SELECT strftime('%Y-%m', a.published) AS month, p.country, count(DISTINCT a.id) AS stories,
       count(*) AS mentions
  FROM articles a, places(a.body) p
 WHERE p.country IS NOT NULL
 GROUP BY month, p.country
 ORDER BY month, stories DESC, mentions DESC, p.country;

-- 7. The places of each story, for a map
SELECT a.id, p.place, p.kind, p.country, p.latitude, p.longitude, count(*) AS mentions
  FROM articles a, places(a.body) p
 WHERE p.latitude IS NOT NULL AND p.kind IN ('city', 'admin1', 'admin2')
 GROUP BY a.id, p.place, p.kind, p.country, p.latitude, p.longitude
 ORDER BY a.id, mentions DESC, p.place;

-- 8. Who said what about a subject, reported or quoted
SELECT x.speaker, x.kind, x.cue, x.content
  FROM articles a, attributions(a.body) x
 WHERE EXISTS (SELECT 1 FROM entities(a.body) e
                WHERE e.canonical IN ('Iran', 'Tehran', 'United States')
                  AND e.start >= x.start AND e.start + e.length <= x.start + x.length)
 ORDER BY a.id, x.start;
