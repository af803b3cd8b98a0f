-- 004: NULL, numbers, blobs, empty text, invalid UTF-8 and NUL bytes.
.mode list
.headers off
.separator " | "
SELECT '004-1', count(*) FROM sentences(NULL);
SELECT '004-2', count(*) FROM sentences('');
SELECT '004-3', count(*) FROM tokens('   ');
SELECT '004-4', token, kind FROM tokens(1234);
SELECT '004-5', token, kind FROM tokens(3.5);
SELECT '004-6', count(*) FROM tokens(x'414243');
SELECT '004-7', count(*) FROM sentences(x'00');
-- invalid UTF-8 reads as U+FFFD; results are valid UTF-8, offsets exact
SELECT '004-8', hex(token), start, length FROM tokens(CAST(x'4341464580C0AF20656E64' AS TEXT));
SELECT '004-9', count(*) FROM tokens(CAST(x'ff' AS TEXT));
-- text is read up to its first NUL byte, as length() and substr() do
SELECT '004-10', token FROM tokens(CAST(x'6F6E650074776F' AS TEXT));
-- a missing argument is an error naming the function
SELECT '004-11', * FROM tokens();
SELECT '004-12', * FROM event_dates('x', 'not a date');
