-- 040: places(): place mentions resolved in the context of the article.
.mode list
.headers off
-- a town resolved by its parish: Alexandria, Louisiana, not Egypt or Virginia
SELECT '040-1', text, place, kind, country, admin1, geonameid, latitude, longitude, start, length, sentence
FROM places('ALEXANDRIA -- A fire destroyed a warehouse near the river in Alexandria on Monday. '
         || 'Rapides Parish deputies said nobody was hurt, and the Pineville fire department helped.');
-- "City, State" wins over the bigger namesake
SELECT '040-2', text, place, kind, country, admin1
FROM places('The festival moved from Paris, Texas, to Tyler this year, organisers said.');
-- without context the most populous place of the name
SELECT '040-3', text, place, country
FROM places('Thousands marched through Paris on Saturday against the pension reform.');
-- demonyms name their country; a place used for its government; X-based
SELECT '040-4', text, place, kind, country
FROM places('Iranian officials rejected the offer. Tehran said the Britain-based firm had no licence.');
-- a name the gazetteer cannot place: a row with NULL coordinates, never a guess
SELECT '040-5', text, quote(place), quote(kind), quote(country), quote(latitude), quote(longitude)
FROM places('Rescuers reached Xqzvillebrook Lake after the storm.');
-- country variants are one country
SELECT '040-6', text, place, country
FROM places('The U.S. and Britain agreed; the UK and the United States will both pay.');
-- Georgia the state when the article is about US places, the country otherwise
SELECT '040-7', text, place, kind, country
FROM places('Atlanta police said the suspect fled Georgia for Tennessee.');
SELECT '040-8', text, place, kind, country
FROM places('Russian troops entered Georgia and moved towards Tbilisi.');
-- start/length agree with substr() after non-ASCII text
SELECT '040-9', p.text = substr(d, p.start, p.length)
FROM (SELECT 'Grüße aus München — the café in Zürich, Switzerland opened.' AS d), places(d) AS p;
-- no rows for NULL and empty text; places_json
SELECT '040-10', count(*) FROM places(NULL);
SELECT '040-11', count(*) FROM places('');
SELECT '040-12', json_array_length(places_json('Flooding hit Cedar Rapids, Iowa, on Friday.'));
SELECT '040-13', json_extract(places_json('Flooding hit Cedar Rapids, Iowa, on Friday.'), '$[0].admin1');
-- a demonym before -born names its country; institutions named like places are not places
SELECT '040-14', text, place FROM places('The Iranian-born engineer spoke at the White House.');
-- Washington alone is the capital; with the state's places around it, the state
SELECT '040-15', text, place, kind FROM places('Officials in Washington said the talks would resume.');
SELECT '040-16', text, place, kind FROM places('Seattle and Spokane voters backed it; Washington will vote again.');
