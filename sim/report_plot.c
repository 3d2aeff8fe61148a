// SPDX-License-Identifier: GPL-2.0
/*
 * report_plot: write plot data files and run the gnuplot templates of
 * bench/plots/ on them (see report_plot.h).
 *
 * The data files are part of the run directory and deterministic; the
 * PNGs depend on the installed gnuplot and cairo, so they are not part of
 * determinism checks.
 */
#include <errno.h>
#include <math.h>
#include <string.h>

#include <config.h>
#include "sim/damo_record.h"
#include "sim/report.h"
#include "sim/report_plot.h"
#include "sim/units.h"

#ifndef SIMIO_PLOT_DIR
#define SIMIO_PLOT_DIR "bench/plots"
#endif

/**
 * plot_gnuplot_path() - the gnuplot binary to run
 *
 * $DAMONSIM_GNUPLOT if set (empty disables plots), otherwise the gnuplot
 * configure found (GNUPLOT_PATH, empty when none).
 *
 * Return: path, or NULL when plots are disabled.
 */
const char *plot_gnuplot_path(void)
{
	const char *env = g_getenv("DAMONSIM_GNUPLOT");
	const char *path = env ? env : GNUPLOT_PATH;

	return path && *path ? path : NULL;
}

/**
 * plot_template_dir() - where the .gp templates are
 *
 * Return: $DAMONSIM_PLOT_DIR if set, else the source tree's bench/plots.
 */
const char *plot_template_dir(void)
{
	const char *env = g_getenv("DAMONSIM_PLOT_DIR");

	return env && *env ? env : SIMIO_PLOT_DIR;
}

/**
 * plot_column_from_regions() - one heatmap column from DAMON's regions
 * @col:     ny values to fill (overwritten)
 * @ny:      number of address rows
 * @y0:      address of row 0
 * @dy:      bytes per row
 * @regions: one snapshot's regions, sorted by address, not overlapping
 * @n:       number of regions
 * @scale:   multiplier of nr_accesses, e.g. 100.0 / (aggr_us / sample_us)
 *           for "% of samples"
 *
 * Each row gets the size-weighted mean nr_accesses of the regions
 * overlapping it (addresses no region covers count as 0), so a row split
 * between a hot and a cold region shows the mix, as damo's heatmap does.
 */
void plot_column_from_regions(double *col, size_t ny, uint64_t y0,
			      uint64_t dy, const struct damo_region *regions,
			      size_t n, double scale)
{
	size_t iy, i = 0;

	for (iy = 0; iy < ny; iy++) {
		uint64_t lo = y0 + iy * dy, hi = lo + dy;
		double sum = 0;
		size_t k;

		/* Regions ending before this row cannot touch later rows. */
		while (i < n && regions[i].end <= lo)
			i++;
		for (k = i; k < n && regions[k].start < hi; k++) {
			uint64_t s = MAX(regions[k].start, lo);
			uint64_t e = MIN(regions[k].end, hi);

			sum += (double)(e - s) * regions[k].nr_accesses;
		}
		col[iy] = dy ? sum / (double)dy * scale : 0;
	}
}

/* A gnuplot single-quoted string: only ' needs escaping, as ''. */
static void plot_quote(GString *out, const char *var, const char *s)
{
	const char *p;

	g_string_append_printf(out, "%s='", var);
	for (p = s; *p; p++) {
		if (*p == '\'')
			g_string_append_c(out, '\'');
		g_string_append_c(out, *p);
	}
	g_string_append(out, "'; ");
}

static int plot_run(const char *tmpl, const char *vars, GError **err)
{
	const char *gp = plot_gnuplot_path();
	char *script = g_build_filename(plot_template_dir(), tmpl, NULL);
	char *argv[] = { (char *)gp, (char *)"-e", (char *)vars, script,
			 NULL };
	char *out = NULL, *errtext = NULL;
	GError *local = NULL;
	gint status = 0;
	int ret = 0;

	if (!g_spawn_sync(NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
			  &errtext, &status, &local) ||
	    !g_spawn_check_wait_status(status, &local)) {
		char *nl = errtext ? strchr(errtext, '\n') : NULL;

		if (nl)
			*nl = '\0';
		g_set_error(err, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED,
			    "%s %s: %s%s%s", gp, script, local->message,
			    errtext && *errtext ? ": " : "",
			    errtext ? g_strstrip(errtext) : "");
		g_error_free(local);
		ret = -EIO;
	}
	g_free(out);
	g_free(errtext);
	g_free(script);
	return ret;
}

static double plot_grid_max(const struct plot_grid *g, double m)
{
	size_t i;

	for (i = 0; i < g->nx * g->ny; i++)
		if (isfinite(g->v[i]) && g->v[i] > m)
			m = g->v[i];
	return m;
}

/* "time offset value" cell centres, a blank line after each column. */
static int plot_write_grid(const char *path, const struct plot_grid *g,
			   uint64_t base, GError **err)
{
	GString *s = g_string_new("# time_s offset_mib value\n");
	char a[UNITS_FMT_LEN], b[UNITS_FMT_LEN], c[UNITS_FMT_LEN];
	size_t ix, iy;
	int ret;

	for (ix = 0; ix < g->nx; ix++) {
		double x = g->x0 + ((double)ix + 0.5) * g->dx;

		for (iy = 0; iy < g->ny; iy++) {
			double y = ((double)(g->y0 - base) +
				    ((double)iy + 0.5) * (double)g->dy) /
				   1048576.0;

			g_string_append_printf(s, "%s %s %s\n",
				units_format_double(x, 6, a),
				units_format_double(y, 6, b),
				units_format_double(g->v[ix * g->ny + iy], 4,
						    c));
		}
		g_string_append_c(s, '\n');
	}
	ret = report_write_file(path, s->str, s->len, err);
	g_string_free(s, TRUE);
	return ret;
}

static int plot_skip(GString *notes, const char *what)
{
	if (notes)
		g_string_append_printf(notes,
				       "%s skipped: gnuplot not available\n",
				       what);
	return 1;
}

/**
 * plot_heatmaps() - DAMON's heatmap beside the ground truth's
 * @dir:   run directory
 * @name:  base name: writes NAME-damon.dat, NAME-truth.dat and NAME.png
 * @damon: DAMON's view (nr_accesses of the region containing each cell)
 * @truth: ground truth on the same kind of grid
 * @title: plot title (e.g. scenario and primitive)
 * @notes: receives a line when the PNG is skipped (may be NULL)
 * @err:   error location
 *
 * Both panels share one colour scale (0 to the larger maximum), and one
 * address origin (the lower y0), so equal colours mean equal values.
 *
 * Return: 0 with a PNG, 1 if gnuplot is absent (data files are still
 * written), or a negative errno.
 */
int plot_heatmaps(const char *dir, const char *name,
		  const struct plot_grid *damon,
		  const struct plot_grid *truth, const char *title,
		  GString *notes, GError **err)
{
	uint64_t base = MIN(damon->y0, truth->y0);
	char *fd = g_strdup_printf("%s/%s-damon.dat", dir, name);
	char *ft = g_strdup_printf("%s/%s-truth.dat", dir, name);
	char *png = g_strdup_printf("%s/%s.png", dir, name);
	GString *vars = g_string_new(NULL);
	char num[UNITS_FMT_LEN];
	char *ylabel;
	double zmax;
	int ret;

	ret = plot_write_grid(fd, damon, base, err);
	if (!ret)
		ret = plot_write_grid(ft, truth, base, err);
	if (ret)
		goto out;
	if (!plot_gnuplot_path()) {
		ret = plot_skip(notes, png);
		goto out;
	}
	ylabel = g_strdup_printf("address - 0x%" G_GINT64_MODIFIER "x (MiB)",
				 base);
	plot_quote(vars, "damon", fd);
	plot_quote(vars, "truth", ft);
	plot_quote(vars, "out", png);
	plot_quote(vars, "title", title);
	plot_quote(vars, "ylabel", ylabel);
	plot_quote(vars, "zlabel", "access frequency (% of samples)");
	zmax = plot_grid_max(truth, plot_grid_max(damon, 1e-9));
	g_string_append_printf(vars, "zmax=%s",
			       units_format_double(zmax, 6, num));
	g_free(ylabel);
	ret = plot_run("heatmap.gp", vars->str, err);
out:
	g_string_free(vars, TRUE);
	g_free(fd);
	g_free(ft);
	g_free(png);
	return ret;
}

/**
 * plot_wss() - working set size over time, DAMON vs ground truth
 * @dir:         run directory
 * @name:        base name: writes NAME.dat and NAME.png
 * @t_s:         time of each point, seconds
 * @damon_bytes: DAMON's estimate (bytes in regions with nr_accesses > 0)
 * @truth_bytes: ground truth (bytes of pages accessed)
 * @n:           number of points
 * @title:       plot title
 * @notes:       receives a line when the PNG is skipped (may be NULL)
 * @err:         error location
 *
 * Return: 0 with a PNG, 1 if gnuplot is absent (the data file is still
 * written), or a negative errno.
 */
int plot_wss(const char *dir, const char *name, const double *t_s,
	     const double *damon_bytes, const double *truth_bytes, size_t n,
	     const char *title, GString *notes, GError **err)
{
	char *fd = g_strdup_printf("%s/%s.dat", dir, name);
	char *png = g_strdup_printf("%s/%s.png", dir, name);
	GString *s = g_string_new("# time_s damon_bytes truth_bytes\n");
	char a[UNITS_FMT_LEN], b[UNITS_FMT_LEN], c[UNITS_FMT_LEN];
	size_t i;
	int ret;

	for (i = 0; i < n; i++)
		g_string_append_printf(s, "%s %s %s\n",
			units_format_double(t_s[i], 6, a),
			units_format_double(damon_bytes[i], 0, b),
			units_format_double(truth_bytes[i], 0, c));
	ret = report_write_file(fd, s->str, s->len, err);
	g_string_truncate(s, 0);
	if (!ret && !plot_gnuplot_path()) {
		ret = plot_skip(notes, png);
	} else if (!ret) {
		plot_quote(s, "data", fd);
		plot_quote(s, "out", png);
		plot_quote(s, "title", title);
		ret = plot_run("wss.gp", s->str, err);
	}
	g_string_free(s, TRUE);
	g_free(fd);
	g_free(png);
	return ret;
}
