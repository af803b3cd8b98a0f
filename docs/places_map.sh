#!/bin/sh
# docs/places_map.sh -- draws docs/places_map.png: every place places() finds
# in the demo articles (sql/demo_articles.sql), over the places of 50,000 people or more
# from the compiled-in gazetteer as a backdrop.
#
#   docs/places_map.sh [EXTENSION] [OUT.png]     (make places-map; needs gnuplot)
#
# The points come from SQL (places() over the demo articles); the backdrop is
# read from ext/core/gen/places.inc.  Each place is one point, labelled once,
# sized by how many times the articles mention it.
set -e
ext=${1:-./newsext.so}
out=${2:-docs/places_map.png}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
sqlite3 "$tmp/demo.db" < sql/demo_articles.sql
sqlite3 -separator ' ' -cmd ".load $(cd "$(dirname "$ext")" && pwd)/$(basename "$ext" .so)" "$tmp/demo.db" \
  "SELECT p.longitude, p.latitude, count(*), '\"' || p.place || '\"'
     FROM articles a, places(a.body) p
    WHERE p.latitude IS NOT NULL AND p.kind IN ('city', 'admin1', 'admin2', 'country')
    GROUP BY p.place, p.latitude, p.longitude ORDER BY p.place;" > "$tmp/places.dat"
# backdrop: {key,name,population,geonameid,country,admin1,lat,lon,kind=4 (city),flags}
awk -F, '/^\{/ && $9 == 4 && $3 + 0 >= 50000 { print $8 / 100, $7 / 100 }' \
  ext/core/gen/places.inc > "$tmp/cities.dat"
gnuplot <<GP
set terminal pngcairo size 1100,560 font "sans,9" noenhanced
set output "$out"
set title "Places found by places() in the demo articles (backdrop: places of 50,000 people or more)"
set xrange [-180:180]; set yrange [-60:80]
set xlabel "longitude"; set ylabel "latitude"
set grid; set key off
plot "$tmp/cities.dat" using 1:2 with points pt 7 ps 0.15 lc rgb "#c8c8c8", \
     "$tmp/places.dat" using 1:2:(0.8 + 0.4 * \$3) with points pt 7 ps variable lc rgb "#c0392b", \
     "$tmp/places.dat" using 1:2:4 with labels offset 0.8,0.6 left font "sans,8"
GP
echo "wrote $out"
