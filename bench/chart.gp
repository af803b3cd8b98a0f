# chart.gp -- the bench chart: MB per CPU-second of each function (and the
# peers, when measured) beside the plain scan, and the scaling runs.
#   gnuplot -e "dir='bench/out/NAME'" bench/chart.gp   ->  dir/chart.png
# Reads dir/functions.dat and dir/scaling.dat, written by bench/report.py.
if (!exists("dir")) dir = "bench/out"
set terminal pngcairo size 1200,480 font "sans,10" noenhanced
set output dir."/chart.png"
set multiplot layout 1,2 title "newsext throughput (".dir.")"

set title "MB of article text per CPU-second (log scale, higher is better)"
# colours: column 4 is 1 for the scan, 2 for newsext, 3 for a peer
set style fill solid 0.8 border -1
set boxwidth 0.7
set logscale y
stats dir."/functions.dat" using 3 nooutput
set yrange [0.01:STATS_max*4]
set grid ytics
set xtics rotate by -30 nomirror
set key off
set linetype 101 lc rgb "#999999"
set linetype 102 lc rgb "#3b75af"
set linetype 103 lc rgb "#e08a2c"
plot dir."/functions.dat" using 0:3:($4+100):xtic(1) with boxes lc variable notitle, \
     "" using 0:3:(sprintf($3 < 1 ? "%.2f" : "%.1f", $3)) with labels offset 0,0.7 notitle

set title "Scaling: CPU seconds vs corpus size (1x, 2x, 4x, 8x)"
unset logscale y
set style data linespoints
set xtics norotate
set yrange [0:*]
set xlabel "MB of text"
set ylabel "CPU seconds"
set key top left
# cost per MB at 1x, to draw the perfectly linear line through the 1x point
stats dir."/scaling.dat" using ($4/$2) every ::0::0 nooutput
slope = STATS_min
stats dir."/scaling.dat" using 2 nooutput
set xrange [0:STATS_max*1.05]
plot dir."/scaling.dat" using 2:4 with linespoints lw 2 pt 7 title "entities+quotes+event_dates", \
     "" using 2:3 with linespoints lw 2 pt 5 title "scan", \
     slope*x with lines dt 2 lc rgb "gray40" title "linear from 1x"
unset multiplot
