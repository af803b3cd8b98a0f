-- 005: the JSON forms return the table functions' rows as a JSON array.
.mode list
.headers off
.separator " | "
SELECT '005-1', sentences_json('He said "no". Then he left.');
SELECT '005-2', json_valid(tokens_json('a “quoted” \ path	tab')), json_array_length(tokens_json('a b c'));
-- usable with SQLite's json functions, keys are the column names
SELECT '005-3', j.value ->> '$.token', j.value ->> '$.kind' FROM json_each(tokens_json('Sen. Smith')) j;
SELECT '005-4', sentences_json(NULL), sentences_json('');
-- the same rows as the table function
SELECT '005-5', (SELECT json_group_array(json_object('token', token, 'kind', kind, 'start', start,
        'length', length, 'sentence', sentence)) FROM tokens('One. Two three!')) = tokens_json('One. Two three!');
SELECT '005-6', event_dates_json('no dates here', '2020-01-06');
-- errors pass through, naming the function
SELECT '005-7', tokens_json(x'00');
SELECT '005-8', event_dates_json('x', 'yesterday-ish');
