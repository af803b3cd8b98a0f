-- 076: the hidden argument columns read back as the arguments given, so a
-- second condition on them filters as SQL says (and they can be selected).
.mode list
.headers off
.separator " | "
SELECT '076-1', count(*) FROM tokens('a b') WHERE document = 'a b';
SELECT '076-2', count(*) FROM tokens('a b') WHERE document = 'a c';
SELECT '076-3', token, document FROM tokens('Ana left.') LIMIT 1;
SELECT '076-4', text, document, reference_date FROM event_dates('It rained on Monday.', '2021-06-02');
SELECT '076-5', count(*) FROM event_dates('It rained on Monday.', '2021-06-02') WHERE reference_date = '2021-06-02';
SELECT '076-6', typeof(document), document FROM tokens(42);
SELECT '076-7', count(*) FROM entities('Maria Lopez met Olaf Scholz in Berlin.')
  WHERE document = 'Maria Lopez met Olaf Scholz in Berlin.';
SELECT '076-8', count(*) FROM quotes('"We will win," said Ana Berg.') WHERE document LIKE '%Berg%';
SELECT '076-9', length(document) FROM sentences('One. Two.');
