# damonsim: DAMON access heatmap beside the ground-truth heatmap.
# Variables (set with gnuplot -e): damon, truth (data files of
# "time_s offset_mib value" with a blank line between time columns),
# out (PNG path), title, ylabel, zlabel, zmax (colour scale top).
if (strstrt(GPVAL_TERMINALS, "pngcairo") > 0) {
	set terminal pngcairo size 1400,600 font "sans,10"
} else {
	set terminal png size 1400,600
}
set output out
set multiplot layout 1,2 title title font ",12"
set xlabel "time (s)"
set ylabel ylabel
set cblabel zlabel
set cbrange [0:zmax]
# Perceptually ordered dark-to-bright scale: hot regions stand out.
set palette defined (0 "#000004", 0.15 "#1b0c41", 0.35 "#6a176e", \
	0.55 "#bc3754", 0.75 "#f98e09", 1 "#fcffa4")
set tics out nomirror
set autoscale xfix
set autoscale yfix
set title "DAMON (nr\\_accesses of the containing region)"
plot damon using 1:2:3 with image notitle
set title "ground truth (sampled accesses per page)"
plot truth using 1:2:3 with image notitle
unset multiplot
