// SPDX-License-Identifier: GPL-2.0
/*
 * Host cost outputs: host-metrics.csv has one row per aggregation whose
 * parts add up, host.json keeps simulator work apart from the core's, and
 * an instruction count is either measured or says why not.  The clock and
 * counter plumbing is tested with a software perf event, which every
 * Linux host has.
 */
#include <check.h>
#include <linux/perf_event.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sim/hostclock.h"
#include "tests/run_helpers.h"

struct host_row {
	double t, kd, ops, core, insns;
};

static size_t read_host_rows(const char *dir, struct host_row **rows)
{
	char *path = g_build_filename(dir, "host-metrics.csv", NULL);
	char *text = NULL, **lines, ins[32];
	size_t n = 0, i;

	ck_assert_msg(g_file_get_contents(path, &text, NULL, NULL), "no %s",
		      path);
	lines = g_strsplit(text, "\n", -1);
	ck_assert_str_eq(lines[0],
			 "time_s,kdamond_cpu_us,ops_cpu_us,core_cpu_us,kdamond_insns");
	*rows = g_new0(struct host_row, g_strv_length(lines));
	for (i = 1; lines[i] && *lines[i]; i++, n++) {
		struct host_row *r = &(*rows)[n];

		ck_assert_int_eq(sscanf(lines[i], "%lf,%lf,%lf,%lf,%31s",
					&r->t, &r->kd, &r->ops, &r->core,
					ins), 5);
		r->insns = strcmp(ins, "nan") ? g_ascii_strtod(ins, NULL) :
						NAN;
	}
	g_strfreev(lines);
	g_free(text);
	g_free(path);
	return n;
}

static double json_number(const char *json, const char *key)
{
	char *pat = g_strdup_printf("\"%s\": ", key);
	const char *p = strstr(json, pat);

	ck_assert_msg(p, "host.json has no %s", key);
	p += strlen(pat);
	g_free(pat);
	return g_ascii_strtod(p, NULL);
}

START_TEST(test_host_metrics_per_aggregation)
{
	char *dir = th_tmpdir(), *out = th_path(dir, "out"), *sc;
	char *json = NULL, *path;
	struct host_row *rows;
	struct th_row *metrics;
	double kd = 0;
	size_t n, i;
	GError *err = NULL;

	sc = th_write_file(dir, "s.ini",
		"[scenario]\nname = hc\nduration = 2 s\n\n"
		"[workload]\nsource = gen:hotcold\nsize = 16 MiB\nrate = 1M\n\n"
		"[damon]\nsample_interval = 5 ms\naggr_interval = 100 ms\n\n"
		"[output]\nplots = no\n");
	ck_assert_msg(!th_run(sc, out, NULL, &err), "run: %s",
		      err ? err->message : "?");
	n = read_host_rows(out, &rows);
	ck_assert_uint_eq(n, th_read_metrics(out, &metrics));
	ck_assert_uint_ge(n, 18);
	for (i = 0; i < n; i++) {
		ck_assert_double_eq_tol(rows[i].t, metrics[i].t, 1e-9);
		ck_assert(rows[i].kd >= 0 && rows[i].ops >= 0 &&
			  rows[i].core >= 0);
		/* printed to 0.1 us: the parts add up within rounding */
		ck_assert_double_eq_tol(rows[i].ops + rows[i].core,
					rows[i].kd, 0.11);
		/* the counter opens in the first aggregation's sink */
		if (i == 0)
			ck_assert(isnan(rows[i].insns));
		kd += rows[i].kd;
	}
	ck_assert(kd > 0);

	path = g_build_filename(out, "host.json", NULL);
	ck_assert(g_file_get_contents(path, &json, NULL, NULL));
	/*
	 * The sink's accuracy work runs on the kdamond thread: it is
	 * counted apart, and the parts add up to the thread's total.
	 */
	ck_assert(json_number(json, "sim_cpu_seconds") > 0);
	ck_assert_double_eq_tol(json_number(json, "sim_cpu_seconds") +
					json_number(json, "ops_cpu_seconds") +
					json_number(json, "core_cpu_seconds"),
				json_number(json, "kdamond_cpu_seconds"), 3e-6);
	/*
	 * The replay's wall time splits into simulating accesses and
	 * waiting for the workload (among others), and a reader thread
	 * decoded it.
	 */
	ck_assert(json_number(json, "machine_seconds") > 0);
	ck_assert(json_number(json, "feed_seconds") >= 0);
	ck_assert(json_number(json, "machine_seconds") +
			  json_number(json, "feed_seconds") <=
		  json_number(json, "host_seconds"));
	ck_assert(json_number(json, "reader_cpu_seconds") > 0);
	if (strstr(json, "\"kdamond_instructions\": null"))
		ck_assert_ptr_nonnull(strstr(json, "perf_event_open"));
	else
		ck_assert(!isnan(rows[n - 1].insns) && rows[n - 1].insns > 0);
	g_free(json);
	g_free(path);
	g_free(rows);
	g_free(metrics);
	th_rmtree(dir);
}
END_TEST

static volatile uint64_t sink;

static void burn(void)
{
	uint64_t i;

	for (i = 0; i < 20000000; i++)
		sink += i * i;
}

START_TEST(test_thread_clock_and_counter)
{
	struct host_counter c, hw;
	uint64_t t0, t1, v0 = 0, v1 = 0;
	char why[256];

	t0 = hostclock_thread_cpu_ns();
	ck_assert_int_eq(host_counter_open(&c, PERF_TYPE_SOFTWARE,
					   PERF_COUNT_SW_TASK_CLOCK,
					   "task clock"), 0);
	ck_assert(host_counter_read(&c, &v0));
	burn();
	ck_assert(host_counter_read(&c, &v1));
	t1 = hostclock_thread_cpu_ns();
	ck_assert_uint_gt(t1, t0);
	ck_assert_uint_gt(v1, v0);
	host_counter_close(&c);
	ck_assert(!host_counter_read(&c, &v0));

	/* instructions: counted where a PMU exists, else a reason */
	if (host_counter_open_insns(&hw)) {
		ck_assert_int_lt(hw.err, 0);
		ck_assert(!host_counter_read(&hw, &v0));
		ck_assert_ptr_nonnull(strstr(host_counter_why(&hw, why,
							      sizeof(why)),
					     "perf_event_open"));
	} else {
		ck_assert(host_counter_read(&hw, &v0));
		burn();
		ck_assert(host_counter_read(&hw, &v1));
		ck_assert_uint_gt(v1, v0);
	}
	host_counter_close(&hw);
}
END_TEST

Suite *suite_run_hostcost(void)
{
	Suite *s = suite_create("run_hostcost");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_host_metrics_per_aggregation);
	tcase_add_test(tc, test_thread_clock_and_counter);
	suite_add_tcase(s, tc);
	return s;
}
