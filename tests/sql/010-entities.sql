-- 010: entities(): columns, types, titles, canonical names, possessives,
-- headlines, NULL and odd arguments, invariants over a documents table.
.mode list
.headers off
.separator " | "
-- every column, one article with titles, aliases and a possessive
SELECT '010-1', text, type, start, length, sentence, canonical, coalesce(title, '-')
  FROM entities('President Donald Trump met Iranian officials in Geneva on Monday. Trump said the talks were useful. Mr. Trump''s aides declined to comment.');
-- an acronym defined in the text takes its expansion as canonical
SELECT '010-2', text, type, canonical
  FROM entities('The Islamic Revolutionary Guards Corps (IRGC) said on Sunday it had seized a British tanker. The IRGC denied any involvement.');
-- titles stay outside the span
SELECT '010-3', text, coalesce(title, '-')
  FROM entities('Foreign Minister Mohammad Javad Zarif flew to Paris on Tuesday, while Sen. Elizabeth Warren stayed in Washington. Ayatollah Ali Khamenei spoke in Tehran.');
-- possessive 's is never part of a span; nationalities and parties are NORP
SELECT '010-4', text, type, canonical
  FROM entities('Germany''s finance minister Olaf Scholz said Republicans in Congress were divided. Scholz''s office confirmed the talks.');
-- a title-case headline paragraph does not become a list of names
SELECT '010-5', text, type, sentence
  FROM entities('Markets Tumble After Surprise Rate Decision

Shares fell sharply on Friday after the Bank of England raised rates.');
-- multi-byte characters: start and length count characters
SELECT '010-6', text, start, length FROM entities('Ça va? Zoë Müller visited São Paulo and Zürich.');
-- NULL, empty, numbers, blobs, invalid UTF-8
SELECT '010-7', count(*) FROM entities(NULL);
SELECT '010-8', count(*) FROM entities('');
SELECT '010-9', count(*) FROM entities(42);
SELECT '010-10', count(*) FROM entities(x'4A6F686E20536D697468');
SELECT '010-11', count(*) >= 0 FROM entities(CAST(x'ff4a6f686efe20536d697468' AS TEXT));
SELECT '010-12', * FROM entities();
-- correlated join over a documents table; invariants must return no rows
CREATE TABLE docs(id INTEGER PRIMARY KEY, body TEXT);
INSERT INTO docs(body) VALUES
  ('Chancellor Angela Merkel met French President Emmanuel Macron in Berlin. Merkel''s spokesman said the European Union would act.'),
  ('ZURICH 2024-03-01 Nestlé said on Friday its chief executive Mark Schneider would visit China.'),
  ('Ça va? Zoë Müller visited São Paulo and Zürich with the United Nations (UN) delegation.'),
  (NULL),
  ('');
SELECT '010-13', d.id, e.text, e.type FROM docs d, entities(d.body) e ORDER BY d.id, e.start;
SELECT '010-14', d.id, e.text FROM docs d, entities(d.body) e
 WHERE substr(d.body, e.start, e.length) <> e.text;
SELECT '010-15', d.id, e.text FROM docs d, entities(d.body) e
 WHERE e.text LIKE '%''s' OR e.canonical IS NULL OR e.type NOT IN ('PERSON','ORG','LOC','NORP','MISC');
-- spans are ordered and do not overlap
SELECT '010-16', a.text, b.text FROM docs d, entities(d.body) a, entities(d.body) b
 WHERE a.rowid + 1 = b.rowid AND a.start + a.length > b.start;
-- the headline query: the most frequent canonical names
SELECT '010-17', e.canonical, e.type, count(*) FROM docs d, entities(d.body) e
 GROUP BY 1, 2 ORDER BY 3 DESC, 1 LIMIT 3;
-- pathological input stays bounded: 10k capitalised words, 100k quote marks
SELECT '010-18', count(*), coalesce(max(length), 0) <= 100
  FROM entities(replace(hex(zeroblob(10000)), '00', 'Ab '));
SELECT '010-19', count(*) FROM entities(replace(hex(zeroblob(100000)), '00', '" '));
-- nationalities and religious groups are NORP even where the tagger hesitates
SELECT '010-20', text, type FROM entities('Shi''ite militias and Sunni clerics met Kurdish leaders.');
