-- 074: resource limits.  Every allocation of the extension goes through
-- sqlite3_malloc64, so PRAGMA hard_heap_limit bounds it and a document too
-- big for the limit fails cleanly with "out of memory"; the connection stays
-- usable.  Documents are SQL values, so SQLITE_LIMIT_LENGTH bounds them.
.mode list
.headers off
.separator " | "
CREATE TABLE big(doc TEXT);
INSERT INTO big VALUES (printf('%.*c', 2000000, ','));
PRAGMA hard_heap_limit = 20000000;
SELECT '074-1', count(*) FROM big, tokens(big.doc);
SELECT '074-2', count(*) FROM big, sentences(big.doc);
SELECT '074-3', length(tokens_json(doc)) FROM big;
SELECT '074-4', count(*) FROM big, event_dates(big.doc, '2021-06-01');
-- the connection still works, and with room the same query succeeds
SELECT '074-5', count(*) FROM tokens('Still working, said Ana.');
