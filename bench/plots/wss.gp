# damonsim: working set size over time, DAMON's estimate vs ground truth.
# Variables (set with gnuplot -e): data (file of
# "time_s damon_bytes truth_bytes"), out (PNG path), title.
if (strstrt(GPVAL_TERMINALS, "pngcairo") > 0) {
	set terminal pngcairo size 1000,500 font "sans,10"
} else {
	set terminal png size 1000,500
}
set output out
set title title font ",12"
set xlabel "time (s)"
set ylabel "working set size (MiB)"
set key below horizontal
set bmargin 6
set grid ytics
set tics out nomirror
set yrange [0:*]
mib = 1048576.0
plot data using 1:($2 / mib) with steps lw 2 lc rgb "#bc3754" \
		title "DAMON (regions with nr\\_accesses > 0)", \
	data using 1:($3 / mib) with steps lw 2 dt 2 lc rgb "#1f77b4" \
		title "ground truth (pages accessed)"
