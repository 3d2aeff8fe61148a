// SPDX-License-Identifier: GPL-2.0
/*
 * Run-directory outputs: exact CSV/JSON/summary/host text, NaN handling,
 * locale independence, byte-identical files across two runs.
 */
#include <locale.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "sim/json_read.h"
#include "sim/report.h"
#include "tests/config_suites.h"

static const struct report_stat stats[] = {
	{ "time_ns", "ns", "end of the aggregation interval", 0 },
	{ "freq_error", "", "size-weighted mean |d - g| / S", 4 },
	{ "wss_bytes", "bytes", "bytes in regions with nr_accesses > 0", 0 },
	{ "overhead", "%", "modeled monitor CPU time, % of one CPU", 2 },
};

static struct report_table *sample_table(void)
{
	struct report_table *t = report_table_new("primitive", stats, 4);
	const double r1[] = { 100000000, 0.125, 3 << 20, 0.5 };
	const double r2[] = { 100000000, 2.0 / 3, 1 << 30, NAN };
	const double r3[] = { 200000000, 0, 0, 12.345 };

	report_table_add_row(t, "pte", r1);
	report_table_add_row(t, "perf,pebs", r2);
	report_table_add_row(t, "pte", r3);
	return t;
}

START_TEST(test_csv)
{
	struct report_table *t = sample_table();
	GString *csv = report_table_csv(t);

	ck_assert_uint_eq(report_table_rows(t), 3);
	ck_assert_str_eq(csv->str,
			 "primitive,time_ns,freq_error,wss_bytes,overhead\n"
			 "pte,100000000,0.1250,3145728,0.50\n"
			 "\"perf,pebs\",100000000,0.6667,1073741824,nan\n"
			 "pte,200000000,0.0000,0,12.35\n");
	g_string_free(csv, TRUE);
	report_table_free(t);
}
END_TEST

START_TEST(test_json)
{
	struct report_table *t = sample_table();
	GString *js = report_table_json(t);
	struct json_node *root = json_parse(js->str, js->len, NULL);
	const struct json_node *rows, *row;

	ck_assert_msg(root, "%s", js->str);
	ck_assert_str_eq(json_get(json_at(json_get(root, "stats"), 2),
				  "unit")->str, "bytes");
	rows = json_get(root, "rows");
	ck_assert_uint_eq(json_len(rows), 3);
	row = json_at(rows, 1);
	ck_assert_str_eq(json_get(row, "primitive")->str, "perf,pebs");
	ck_assert_uint_eq(json_get(row, "wss_bytes")->u, 1 << 30);
	ck_assert_int_eq(json_get(row, "overhead")->type, JSON_NULL);
	ck_assert_ptr_nonnull(strstr(js->str,
		"\n    {\"primitive\":\"pte\",\"time_ns\":200000000,"
		"\"freq_error\":0.0000,\"wss_bytes\":0,\"overhead\":12.35}\n"));
	json_node_free(root);
	g_string_free(js, TRUE);
	report_table_free(t);
}
END_TEST

static struct report_summary *sample_summary(void)
{
	const char *cols[] = { "pte", "perf" };
	struct report_summary *s = report_summary_new("quickstart", cols, 2);
	const double wss[] = { 3 << 20, 1610612736 };
	const double err[] = { 0.125, NAN };
	const double t[] = { 5000000, 5000000 };
	const double ev[] = { 1234567, 1234567 };
	const double ov[] = { 0.5, 12.345 };
	const struct report_stat events = { "events replayed", "", "", 0 };

	report_summary_section(s, "workload");
	report_summary_same(s, "source", "gen:hotcold");
	report_summary_stat(s, &events, ev);
	report_summary_section(s, "DAMON attributes");
	report_summary_stat(s, &stats[0], t);
	report_summary_section(s, "accuracy");
	report_summary_stat(s, &stats[1], err);
	report_summary_stat(s, &stats[2], wss);
	report_summary_section(s, "modeled overhead");
	report_summary_stat(s, &stats[3], ov);
	return s;
}

START_TEST(test_summary)
{
	struct report_summary *s = sample_summary();
	GString *text = report_summary_render(s);

	ck_assert_str_eq(text->str,
			 "damonsim summary: quickstart\n"
			 "\n"
			 "                           pte         perf\n"
			 "workload\n"
			 "  source           gen:hotcold  gen:hotcold\n"
			 "  events replayed    1,234,567    1,234,567\n"
			 "\n"
			 "DAMON attributes\n"
			 "  time_ns                 5 ms         5 ms\n"
			 "\n"
			 "accuracy\n"
			 "  freq_error            0.1250          n/a\n"
			 "  wss_bytes              3 MiB      1.5 GiB\n"
			 "\n"
			 "modeled overhead\n"
			 "  overhead              0.50 %      12.35 %\n");
	g_string_free(text, TRUE);
	report_summary_free(s);
}
END_TEST

START_TEST(test_host)
{
	static const struct report_stat host[] = {
		{ "host_seconds", "s", "wall-clock time of the run", 3 },
		{ "core_instructions", "", "instructions in DAMON core", 0 },
	};
	const double v[] = { 1.5, NAN };
	GString *js = report_host_json(host, v, 2);

	ck_assert_str_eq(js->str,
			 "{\n"
			 "  \"host_seconds\": 1.500,\n"
			 "  \"core_instructions\": null,\n"
			 "  \"stats\": [\n"
			 "    {\n"
			 "      \"name\": \"host_seconds\",\n"
			 "      \"unit\": \"s\",\n"
			 "      \"description\": \"wall-clock time of the run\"\n"
			 "    },\n"
			 "    {\n"
			 "      \"name\": \"core_instructions\",\n"
			 "      \"unit\": \"\",\n"
			 "      \"description\": \"instructions in DAMON core\"\n"
			 "    }\n"
			 "  ]\n"
			 "}\n");
	g_string_free(js, TRUE);
}
END_TEST

/* Write every output into @dir; return the concatenated bytes. */
static GString *write_all(const char *dir)
{
	static const char *const files[] = { "metrics.csv", "metrics.json",
					     "summary.txt" };
	struct report_table *t = sample_table();
	struct report_summary *s = sample_summary();
	GString *all = g_string_new(NULL);
	char *path;
	size_t i;

	ck_assert_int_eq(report_table_write(t, dir, "metrics", NULL), 0);
	path = g_build_filename(dir, "summary.txt", NULL);
	ck_assert_int_eq(report_summary_write(s, path, NULL), 0);
	g_free(path);
	for (i = 0; i < G_N_ELEMENTS(files); i++) {
		gchar *data;
		gsize len;

		path = g_build_filename(dir, files[i], NULL);
		ck_assert(g_file_get_contents(path, &data, &len, NULL));
		g_string_append_len(all, data, (gssize)len);
		g_unlink(path);
		g_free(data);
		g_free(path);
	}
	report_table_free(t);
	report_summary_free(s);
	return all;
}

START_TEST(test_byte_identical_and_locale)
{
	char *d1 = g_dir_make_tmp("rep-XXXXXX", NULL);
	char *d2 = g_dir_make_tmp("rep-XXXXXX", NULL);
	GString *a = write_all(d1);
	GString *b;
	const char *loc;

	/* A decimal-comma locale must not change a byte (if installed). */
	loc = setlocale(LC_NUMERIC, "de_DE.UTF-8");
	if (!loc)
		loc = setlocale(LC_NUMERIC, "fr_FR.UTF-8");
	b = write_all(d2);
	setlocale(LC_NUMERIC, "C");
	ck_assert_uint_eq(a->len, b->len);
	ck_assert_str_eq(a->str, b->str);
	/* No temporary files are left next to the outputs. */
	ck_assert_int_eq(g_rmdir(d1), 0);
	ck_assert_int_eq(g_rmdir(d2), 0);
	g_string_free(a, TRUE);
	g_string_free(b, TRUE);
	g_free(d1);
	g_free(d2);
}
END_TEST

START_TEST(test_write_error)
{
	struct report_table *t = sample_table();
	GError *err = NULL;

	ck_assert_int_lt(report_table_write(t, "/nonexistent/dir", "metrics",
					    &err), 0);
	ck_assert(g_str_has_prefix(err->message,
				   "/nonexistent/dir/metrics.csv: "));
	g_error_free(err);
	report_table_free(t);
}
END_TEST

Suite *suite_config_report(void)
{
	Suite *s = suite_create("config_report");
	TCase *tc = tcase_create("report");

	tcase_add_test(tc, test_csv);
	tcase_add_test(tc, test_json);
	tcase_add_test(tc, test_summary);
	tcase_add_test(tc, test_host);
	tcase_add_test(tc, test_byte_identical_and_locale);
	tcase_add_test(tc, test_write_error);
	suite_add_tcase(s, tc);
	return s;
}
