-- 071: invalid and overlong UTF-8, encoded surrogates, NUL inside text,
-- CRLF, right-to-left and combining characters, through every function.
-- Policy (docs/robustness.md): each SQLite character that is not a
-- well-formed code point reads as U+FFFD; offsets count characters as
-- substr() does; returned text is always valid UTF-8; text stops at NUL.
.mode list
.headers off
.separator " | "
CREATE TABLE inputs(id TEXT PRIMARY KEY, valid INT, doc TEXT);
INSERT INTO inputs VALUES
  ('ff-fe',        0, CAST(x'53616964FFFE20736865' AS TEXT)),
  ('lone-cont',    0, CAST(x'4180808042' AS TEXT)),
  ('truncated',    0, CAST(x'E2809C4869E280' AS TEXT)),
  ('overlong-2',   0, CAST(x'C0AF20C1BF20C080' AS TEXT)),
  ('overlong-3',   0, CAST(x'E080AF2045' AS TEXT)),
  ('overlong-4',   0, CAST(x'F08082AC2046' AS TEXT)),
  ('surrogates',   0, CAST(x'EDA080EDBFBF20EDA0BDEDB880' AS TEXT)),
  ('above-max',    0, CAST(x'F490808020F8888080802047' AS TEXT)),
  ('long-run',     0, CAST(x'C38080808080808080808020416C6C' AS TEXT)),
  ('nul-inside',   1, CAST(x'5468652073656E61746F72207361696400756E7365656E' AS TEXT)),
  ('crlf',         1, 'Rain fell.' || char(13,10) || 'Roads closed.' || char(13,10,13,10) || 'Schools shut on Monday.'),
  ('cr-only',      1, 'Headline' || char(13) || 'Body text here.'),
  ('rtl',          1, 'قال الوزير: «المحادثات ستستأنف». השר אמר ‏"נחכה"‏ ביום שני.'),
  ('bidi-marks',   1, 'The ‮enola‬ word and ‏RLM‎ marks.'),
  ('combining',    1, 'Zoe' || char(0x301) || ' met Jose' || char(0x301) || ' and a' || char(0x308, 0x303) || ' today.'),
  ('zwj-emoji',    1, 'Fans 👩‍👩‍👧 and 🇺🇸 flags, said Ana.'),
  ('bom',          1, char(0xfeff) || 'Officials said so.'),
  ('replacement',  1, 'A literal ' || char(0xfffd) || ' stays.');
-- tokens of each broken input: every token is valid UTF-8, start/length exact
SELECT '071-1', id, group_concat(hex(token) || '@' || start || '+' || length, ' ')
  FROM inputs, tokens(inputs.doc) WHERE valid = 0 GROUP BY id ORDER BY id;
SELECT '071-2', id, group_concat(token, ' ') FROM inputs, tokens(inputs.doc) WHERE valid = 1 GROUP BY id ORDER BY id;
SELECT '071-3', id, group_concat(sentence, ' || ') FROM inputs, sentences(inputs.doc) GROUP BY id ORDER BY id;
-- invariants, every function: each must return no rows.
-- (a) the text column has `length` characters and is valid UTF-8;
--     for valid input it is exactly substr(document, start, length)
SELECT '071-4 sentences', id, s.* FROM inputs, sentences(inputs.doc) s
 WHERE length(s.sentence) IS NOT s.length OR (valid AND substr(doc, s.start, s.length) IS NOT s.sentence);
SELECT '071-4 tokens', id, t.* FROM inputs, tokens(inputs.doc) t
 WHERE length(t.token) IS NOT t.length OR (valid AND substr(doc, t.start, t.length) IS NOT t.token);
SELECT '071-4 entities', id, e.* FROM inputs, entities(inputs.doc) e
 WHERE length(e.text) IS NOT e.length OR (valid AND substr(doc, e.start, e.length) IS NOT e.text);
SELECT '071-4 quotes', id, q.* FROM inputs, quotes(inputs.doc) q
 WHERE length(q.quote) IS NOT q.length OR (valid AND substr(doc, q.start, q.length) IS NOT q.quote);
SELECT '071-4 event_dates', id, x.* FROM inputs, event_dates(inputs.doc, '2021-06-01') x
 WHERE length(x.text) IS NOT x.length OR (valid AND substr(doc, x.start, x.length) IS NOT x.text);
-- (b) the JSON forms are valid JSON with one element per row
SELECT '071-5', id FROM inputs WHERE NOT (json_valid(sentences_json(doc)) AND json_valid(tokens_json(doc))
   AND json_valid(entities_json(doc)) AND json_valid(quotes_json(doc)) AND json_valid(event_dates_json(doc))
   AND json_array_length(tokens_json(doc)) = (SELECT count(*) FROM tokens(doc)));
-- (c) returned strings never contain invalid UTF-8: re-encoding is the identity
SELECT '071-6', id FROM inputs, tokens(inputs.doc) t WHERE CAST(CAST(t.token AS BLOB) AS TEXT) IS NOT t.token
   OR instr(hex(t.token), 'EDA0') OR instr(hex(t.token), 'C0AF');
