-- 077: an internal statement that fails (reference_date is read with
-- SELECT date(?1) when our own parser does not read it, as a Julian day
-- number) reports its own message, naming the function, not a bare
-- "SQL logic error".  (tests/python/test_load.py: an authorizer denying date().)
.mode list
.headers off
.separator " | "
.limit function_arg 0
SELECT '077-1', count(*) FROM event_dates('It rained on Monday.', 2459367.5);
SELECT '077-2', count(*) FROM event_dates('It rained on Monday.');
.limit function_arg 100
SELECT '077-3', count(*) FROM event_dates('It rained on Monday.', 2459367.5);
