-- 003: tokens() kinds, offsets and sentence numbers.
.mode list
.headers off
.separator " | "
SELECT '003-1', token, kind, start, length, sentence
  FROM tokens('Iran’s FM Zarif said: “It’s over.” See https://example.com. Cost: $5.3bn (4.5%) on 2020-01-05.');
-- multi-byte characters: start and length count characters, not bytes
SELECT '003-2', token, start, length FROM tokens('Ça va, Zoë? Ελλάδα 東京 😀 ok');
SELECT '003-3', count(*) FROM tokens('Ça va, Zoë? Ελλάδα 東京 😀 ok') t
 WHERE substr('Ça va, Zoë? Ελλάδα 東京 😀 ok', t.start, t.length) <> t.token;
