/* SPDX-License-Identifier: GPL-2.0 */
/*
 * report_plot: gnuplot PNGs of a run.  The C side only writes data files
 * and runs the templates in bench/plots/ (plotting stays in gnuplot).
 * Without gnuplot the plots are skipped with a note, never an error.
 */
#ifndef DAMONSIM_SIM_REPORT_PLOT_H
#define DAMONSIM_SIM_REPORT_PLOT_H

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

/**
 * struct plot_grid - access frequency over time and address
 * @nx: number of time columns
 * @ny: number of address rows
 * @x0: start of column 0, seconds
 * @dx: width of a column, seconds
 * @y0: address of row 0
 * @dy: height of a row, bytes
 * @v:  nx * ny values, column after column: v[ix * ny + iy]; any scale
 *      (e.g. % of the samples of an interval), NaN for "no data"
 */
struct plot_grid {
	size_t nx;
	size_t ny;
	double x0;
	double dx;
	uint64_t y0;
	uint64_t dy;
	const double *v;
};

struct damo_region;

void plot_column_from_regions(double *col, size_t ny, uint64_t y0,
			      uint64_t dy, const struct damo_region *regions,
			      size_t n, double scale);
const char *plot_gnuplot_path(void);
const char *plot_template_dir(void);
int plot_heatmaps(const char *dir, const char *name,
		  const struct plot_grid *damon,
		  const struct plot_grid *truth, const char *title,
		  GString *notes, GError **err);
int plot_wss(const char *dir, const char *name, const double *t_s,
	     const double *damon_bytes, const double *truth_bytes, size_t n,
	     const char *title, GString *notes, GError **err);

#endif
