// SPDX-License-Identifier: GPL-2.0
#include <check.h>
#include <stdio.h>
#include <stdlib.h>

#include "sim/run.h"
#include "tests/run_helpers.h"
#include "traces/trace.h"

/* Strings a test made with th_tmpdir()/th_path(); th_rmtree() frees them. */
static GPtrArray *th_owned;

static char *th_own(char *s)
{
	if (!th_owned)
		th_owned = g_ptr_array_new_with_free_func(g_free);
	g_ptr_array_add(th_owned, s);
	return s;
}

char *th_tmpdir(void)
{
	GError *err = NULL;
	char *dir = g_dir_make_tmp("damonsim-run-XXXXXX", &err);

	ck_assert_msg(dir, "mkdtemp: %s", err ? err->message : "?");
	return th_own(dir);
}

char *th_path(const char *dir, const char *name)
{
	return th_own(g_build_filename(dir, name, NULL));
}

void th_rmtree(const char *dir)
{
	char *cmd = g_strdup_printf("rm -rf '%s'", dir);

	ck_assert_int_eq(system(cmd), 0);
	g_free(cmd);
	g_ptr_array_free(th_owned, TRUE);
	th_owned = NULL;
}

void tw_open(struct tw *t, const char *path)
{
	struct trace_header h;
	GError *err = NULL;

	trace_header_init(&h);
	h.nr_cpus = 1;
	h.nr_threads = 1;
	t->w = trace_writer_open(path, &h, NULL, &err);
	ck_assert_msg(t->w, "%s", err ? err->message : "?");
	t->now = 0;
}

static void tw_put(struct tw *t, struct trace_event *ev)
{
	GError *err = NULL;

	ev->time_ns = t->now;
	ev->tid = 1;
	ck_assert_msg(!trace_writer_write(t->w, ev, &err), "%s",
		      err ? err->message : "?");
}

void tw_map(struct tw *t, uint64_t start, uint64_t len)
{
	struct trace_event ev = { .type = TRACE_EV_MAP, .addr = start,
				  .size = len };

	tw_put(t, &ev);
}

void tw_unmap(struct tw *t, uint64_t start, uint64_t len)
{
	struct trace_event ev = { .type = TRACE_EV_UNMAP, .addr = start,
				  .size = len };

	tw_put(t, &ev);
}

void tw_access(struct tw *t, uint64_t addr)
{
	struct trace_event ev = { .type = TRACE_EV_ACCESS, .addr = addr,
				  .size = 8 };

	tw_put(t, &ev);
}

void tw_touch_loop(struct tw *t, uint64_t start, uint64_t len,
		   uint64_t period_ns, uint64_t until_ns)
{
	uint64_t pages = len / 4096, p, base;

	for (base = t->now; base + period_ns <= until_ns; base += period_ns) {
		for (p = 0; p < pages; p++) {
			t->now = base + p * period_ns / pages;
			tw_access(t, start + p * 4096);
		}
	}
	t->now = MAX(t->now, base);
}

void tw_close(struct tw *t)
{
	GError *err = NULL;

	ck_assert_msg(!trace_writer_close(t->w, &err), "%s",
		      err ? err->message : "?");
}

char *th_write_file(const char *dir, const char *name, const char *text)
{
	char *path = th_path(dir, name);

	ck_assert(g_file_set_contents(path, text, -1, NULL));
	return path;
}

size_t th_read_metrics(const char *dir, struct th_row **rows)
{
	return th_read_metrics_file(dir, "metrics.csv", rows);
}

size_t th_read_metrics_file(const char *dir, const char *file,
			    struct th_row **rows)
{
	char *path = g_build_filename(dir, file, NULL);
	char *text = NULL, **lines;
	size_t n = 0, i;

	ck_assert_msg(g_file_get_contents(path, &text, NULL, NULL),
		      "no %s", path);
	lines = g_strsplit(text, "\n", -1);
	*rows = g_new0(struct th_row, g_strv_length(lines));
	for (i = 1; lines[i] && *lines[i]; i++) {
		struct th_row *r = &(*rows)[n];
		double wss_err;

		ck_assert_int_eq(sscanf(lines[i],
				 "%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf",
				 &r->t, &r->nr_regions, &r->freq_error,
				 &r->precision, &r->recall, &r->f1,
				 &r->wss_true, &r->wss_damon, &wss_err), 9);
		n++;
	}
	g_strfreev(lines);
	g_free(text);
	g_free(path);
	return n;
}

int th_run(const char *scenario, const char *out_dir,
	   const char *const *sets, GError **err)
{
	struct run_options opt = {
		.scenario = scenario,
		.sets = sets,
		.out_dir = out_dir,
		.quiet = true,
	};

	return run_scenario(&opt, err);
}
