// SPDX-License-Identifier: GPL-2.0
/*
 * Plots: data files are written and deterministic; with gnuplot a PNG
 * appears, without it the plot is skipped with a note.
 */
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "sim/damo_record.h"
#include "sim/report_plot.h"
#include "tests/config_suites.h"

#define NX 60
#define NY 40

static double damon_v[NX * NY], truth_v[NX * NY];

/* A hot band that moves up over time, with a cold tail; DAMON's view is
 * the same band seen through coarse regions. */
static void fill(struct plot_grid *d, struct plot_grid *t)
{
	size_t ix, iy;

	for (ix = 0; ix < NX; ix++) {
		for (iy = 0; iy < NY; iy++) {
			double c = 8 + (double)ix * 0.4;
			double g = 100 * exp(-((double)iy - c) *
					     ((double)iy - c) / 18);

			truth_v[ix * NY + iy] = g < 1 ? (iy % 7 == 0 ? 5 : 0) :
							g;
			damon_v[ix * NY + iy] =
				round(truth_v[ix * NY + (iy / 4) * 4] / 5) * 5;
		}
	}
	*t = (struct plot_grid){ NX, NY, 0, 0.1, 0x7f0000000000ULL,
				 1 << 20, truth_v };
	*d = *t;
	d->v = damon_v;
}

static gchar *slurp(const char *dir, const char *name)
{
	char *p = g_build_filename(dir, name, NULL);
	gchar *data = NULL;

	ck_assert_msg(g_file_get_contents(p, &data, NULL, NULL), "%s", p);
	g_free(p);
	return data;
}

static void rm_rf(const char *dir)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *name;

	while (d && (name = g_dir_read_name(d))) {
		char *p = g_build_filename(dir, name, NULL);

		g_unlink(p);
		g_free(p);
	}
	if (d)
		g_dir_close(d);
	g_rmdir(dir);
}

START_TEST(test_heatmap_and_wss)
{
	char *dir = g_dir_make_tmp("plot-XXXXXX", NULL);
	double t[NX], dw[NX], tw[NX];
	struct plot_grid d, g;
	GString *notes = g_string_new(NULL);
	GError *err = NULL;
	gchar *a, *b;
	int ret, i;

	fill(&d, &g);
	for (i = 0; i < NX; i++) {
		t[i] = 0.1 * (i + 1);
		tw[i] = (double)(12 << 20) + i * 65536.0;
		dw[i] = (double)(16 << 20) - (i % 10) * 524288.0;
	}
	ret = plot_heatmaps(dir, "heatmap", &d, &g, "test: moving hot band",
			    notes, &err);
	ck_assert_msg(ret >= 0, "%s", err ? err->message : "");
	ret = plot_wss(dir, "wss", t, dw, tw, NX, "test: WSS", notes, &err);
	ck_assert_msg(ret >= 0, "%s", err ? err->message : "");
	a = slurp(dir, "heatmap-truth.dat");
	ck_assert(g_str_has_prefix(a, "# time_s offset_mib value\n"
				      "0.050000 0.500000 "));
	g_free(a);
	a = slurp(dir, "wss.dat");
	ck_assert(g_str_has_prefix(a, "# time_s damon_bytes truth_bytes\n"
				      "0.100000 16777216 12582912\n"));
	if (plot_gnuplot_path()) {
		ck_assert_int_eq(ret, 0);
		b = slurp(dir, "heatmap.png");
		ck_assert_mem_eq(b, "\x89PNG", 4);
		g_free(b);
		b = slurp(dir, "wss.png");
		ck_assert_mem_eq(b, "\x89PNG", 4);
		g_free(b);
	}
	/* Same inputs, same data files. */
	b = slurp(dir, "heatmap-damon.dat");
	ck_assert_int_ge(plot_heatmaps(dir, "again", &d, &g, "x", NULL,
				       NULL), 0);
	g_free(a);
	a = slurp(dir, "again-damon.dat");
	ck_assert_str_eq(a, b);
	g_free(a);
	g_free(b);
	if (g_getenv("DAMONSIM_KEEP_PLOTS"))
		g_print("plots kept in %s\n", dir);
	else
		rm_rf(dir);
	g_string_free(notes, TRUE);
	g_free(dir);
}
END_TEST

START_TEST(test_skip_without_gnuplot)
{
	char *dir = g_dir_make_tmp("plot-XXXXXX", NULL);
	GString *notes = g_string_new(NULL);
	struct plot_grid d, g;
	char *path;

	fill(&d, &g);
	g_setenv("DAMONSIM_GNUPLOT", "", TRUE);
	ck_assert_int_eq(plot_heatmaps(dir, "h", &d, &g, "t", notes, NULL), 1);
	g_unsetenv("DAMONSIM_GNUPLOT");
	ck_assert_ptr_nonnull(strstr(notes->str,
				     "h.png skipped: gnuplot not available"));
	path = g_build_filename(dir, "h-damon.dat", NULL);
	ck_assert(g_file_test(path, G_FILE_TEST_EXISTS));
	g_free(path);
	rm_rf(dir);
	g_string_free(notes, TRUE);
	g_free(dir);
}
END_TEST

START_TEST(test_gnuplot_failure_is_an_error)
{
	char *dir = g_dir_make_tmp("plot-XXXXXX", NULL);
	struct plot_grid d, g;
	GError *err = NULL;

	if (!plot_gnuplot_path()) {
		rm_rf(dir);
		g_free(dir);
		return;
	}
	fill(&d, &g);
	g_setenv("DAMONSIM_PLOT_DIR", "/nonexistent", TRUE);
	ck_assert_int_lt(plot_heatmaps(dir, "h", &d, &g, "t", NULL, &err), 0);
	g_unsetenv("DAMONSIM_PLOT_DIR");
	ck_assert_ptr_nonnull(strstr(err->message, "/nonexistent/heatmap.gp"));
	ck_assert_ptr_null(strchr(err->message, '\n'));
	g_error_free(err);
	rm_rf(dir);
	g_free(dir);
}
END_TEST

START_TEST(test_column_from_regions)
{
	/* [0, 6 KiB) at 10, a gap, [8 KiB, 16 KiB) at 20; 4 KiB rows. */
	const struct damo_region r[] = {
		{ 0x10000, 0x11800, 10, 0 },
		{ 0x12000, 0x14000, 20, 0 },
	};
	double col[5];

	plot_column_from_regions(col, 5, 0x10000, 4096, r, 2, 5.0);
	ck_assert_double_eq(col[0], 50);	/* all 10 */
	ck_assert_double_eq(col[1], 25);	/* half 10, half gap */
	ck_assert_double_eq(col[2], 100);	/* all 20 */
	ck_assert_double_eq(col[3], 100);
	ck_assert_double_eq(col[4], 0);		/* past the last region */
}
END_TEST

Suite *suite_config_plot(void)
{
	Suite *s = suite_create("config_plot");
	TCase *tc = tcase_create("plot");

	tcase_add_test(tc, test_heatmap_and_wss);
	tcase_add_test(tc, test_column_from_regions);
	tcase_add_test(tc, test_skip_without_gnuplot);
	tcase_add_test(tc, test_gnuplot_failure_is_an_error);
	suite_add_tcase(s, tc);
	return s;
}
