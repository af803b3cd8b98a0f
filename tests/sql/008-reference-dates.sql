-- 008: reference_date forms of scraped news databases, beside what date()
-- reads: RFC 2822 (RSS), ISO 8601 timestamps with zones (the day written,
-- not the UTC day), Unix epoch seconds (integer, real or digits); anything
-- else is an error that lists what is accepted.
.mode list
.headers off
.separator " | "
CREATE TABLE feed(id INTEGER PRIMARY KEY, published);
INSERT INTO feed(published) VALUES
  ('Tue, 03 Mar 1987 09:00:00 GMT'), ('Wed, 4 Mar 1987 23:30:00 -0800'), ('05 Mar 1987'),
  ('1987-03-06T00:30:00+02:00'), ('1987-03-07 23:59:59-05:00'), ('1987-03-08T12:00:00Z'),
  (542246400), (542332800.75), ('542419200'), ('19870312'),
  ('1987-03-13'), ('1987-03-14 10:00'), (2446869.5);
-- "yesterday" is the day before the reference day
SELECT '008-1', f.id, f.published, d.value FROM feed f, event_dates('The plant closed yesterday.', f.published) d
 ORDER BY f.id;
-- the JSON form reads it the same way
SELECT '008-2', event_dates_json('It opens tomorrow.', 'Sat, 29 Feb 2020 08:00:00 +0100') ->> '$[0].value';
-- errors say what is accepted
SELECT '008-3', count(*) FROM event_dates('x', 'Tuesday morning');
SELECT '008-4', count(*) FROM event_dates('x', 'Tue, 31 Apr 2020 09:00:00 GMT');
SELECT '008-5', count(*) FROM event_dates('x', 99999999999999);
