-- 001: the extension adds exactly the documented functions and modules.
.mode list
.headers off
SELECT '001-1', name, group_concat(narg) FROM (SELECT name, narg FROM pragma_function_list
 WHERE name LIKE 'newsext%' OR (name LIKE '%\_json' ESCAPE '\' AND name NOT LIKE 'json%') ORDER BY name, narg)
 GROUP BY name ORDER BY name;
SELECT '001-2', name FROM pragma_module_list
 WHERE name IN ('sentences','tokens','entities','quotes','event_dates','places','attributions')
    OR name IN ('news_sentences','news_tokens','news_entities','news_quotes','news_event_dates','news_places','news_attributions')
 ORDER BY name;
SELECT '001-3', newsext_version() GLOB '[0-9]*.[0-9]*.[0-9]*';
-- a table-valued function over a documents table plans the documents first
CREATE TABLE docs(id INTEGER PRIMARY KEY, body TEXT);
EXPLAIN QUERY PLAN SELECT * FROM docs, sentences(docs.body);
EXPLAIN QUERY PLAN SELECT * FROM sentences(docs.body), docs;
-- an OR over the output columns in a correlated subquery still finds the
-- document argument (the planner probes plans without it; they must not fail)
INSERT INTO docs VALUES (1, 'Acme rose 5 points.'), (2, 'Nothing here.');
SELECT '001-4', d.id FROM docs d
 WHERE EXISTS (SELECT 1 FROM tokens(d.body) t WHERE t.token = 'Acme' OR t.kind = 'number');
