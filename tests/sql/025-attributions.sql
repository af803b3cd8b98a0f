-- 025: attributions() -- every column, each kind of relation (reported
-- speech, "according to", inverted, colon label, quotations direct and
-- broken, mixed), pronoun and title sources, invariants, odd arguments.
.mode list
.headers off
.separator " | "
CREATE TABLE docs(id INTEGER PRIMARY KEY, body TEXT);
INSERT INTO docs VALUES (1, 'Governor Ann Ortiz said on Monday that the bridge would reopen in May. She told reporters the repairs had cost $4 million. The budget will be tight this year, the city treasurer said. According to the Daily Courier, the contractor has been paid.

“We will not raise fares,” Ortiz said, “not this year and not next.”

Transit union leader Tom Beck said the plan was “a betrayal of riders” and warned of strikes.');
INSERT INTO docs VALUES (2, 'Acme Corp said its profit rose 12 percent in the quarter. It said costs would fall next year.

Secretary of State John Kerry said the talks would resume in Geneva. The secretary said both sides wanted a deal.

Kerry: We have made real progress on the draft text.');
INSERT INTO docs VALUES (3, 'Officials believe the fire started in the kitchen. Asked whether the building was insured, the owner declined to comment.');
-- 025-1: every column of every row, in text order
SELECT '025-1', d.id, a.content, a.speaker, a.speaker_text, a.cue, a.kind, a.start, a.length, a.sentence,
       a.speaker_start, a.speaker_length, a.cue_start, a.cue_length
  FROM docs d, attributions(d.body) a;
-- 025-2: invariants -- substr() of each offset pair is the column's text
SELECT '025-2', count(*) FROM docs d, attributions(d.body) a
 WHERE substr(d.body, a.start, a.length) <> a.content
    OR (a.speaker_start IS NOT NULL AND substr(d.body, a.speaker_start, a.speaker_length) <> a.speaker_text)
    OR (a.cue_start IS NOT NULL AND substr(d.body, a.cue_start, a.cue_length) <> a.cue);
-- 025-3: invariant -- rows are in text order of their content
SELECT '025-3', count(*) FROM docs d, attributions(d.body) a, attributions(d.body) b
 WHERE a.rowid + 1 = b.rowid AND b.start < a.start;
-- 025-4: offsets are NULL exactly when the text is
SELECT '025-4', count(*) FROM docs d, attributions(d.body) a
 WHERE (a.speaker_text IS NULL) <> (a.speaker_start IS NULL) OR (a.cue IS NULL) <> (a.cue_length IS NULL);
-- 025-5: the quotations of quotes() are the direct rows, with the same speakers
SELECT '025-5', q.speaker, a.speaker, a.kind FROM docs d, quotes(d.body) q, attributions(d.body) a
 WHERE d.id = 1 AND a.start <= q.start AND q.start < a.start + a.length;
-- 025-6: NULL, empty, no attribution, numbers, non-ASCII offsets
SELECT '025-6', count(*) FROM attributions(NULL);
SELECT '025-6', count(*) FROM attributions('');
SELECT '025-6', count(*) FROM attributions('The river rose two metres overnight.');
SELECT '025-6', count(*) FROM attributions(42);
SELECT '025-6', content, speaker, start, speaker_start FROM attributions('Zoë Müller said the café would close in June.');
-- 025-7: a blob is an error
SELECT '025-7', count(*) FROM attributions(x'4142');
-- 025-8: the JSON form has the same rows
SELECT '025-8', json_array_length(attributions_json(body)) = (SELECT count(*) FROM attributions(body)) FROM docs;
SELECT '025-8', attributions_json('Lee said the vote was fair.');
