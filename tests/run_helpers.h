/* SPDX-License-Identifier: GPL-2.0 */
/* Shared helpers of the `damonsim run` tests: scripted traces, scenarios. */
#ifndef DAMONSIM_TESTS_RUN_HELPERS_H
#define DAMONSIM_TESTS_RUN_HELPERS_H

#include <glib.h>
#include <stdint.h>

#include "traces/writer.h"

#define KiB (1ULL << 10)
#define MiB (1ULL << 20)
#define GiB (1ULL << 30)

/* A trace being written to the test's temporary directory. */
struct tw {
	struct trace_writer *w;
	uint64_t now;
};

/* A temporary directory; th_rmtree() removes it and frees every path. */
char *th_tmpdir(void);
char *th_path(const char *dir, const char *name);
void th_rmtree(const char *dir);
void tw_open(struct tw *t, const char *path);
void tw_map(struct tw *t, uint64_t start, uint64_t len);
void tw_unmap(struct tw *t, uint64_t start, uint64_t len);
void tw_access(struct tw *t, uint64_t addr);
void tw_close(struct tw *t);

/*
 * Touch every page of [start, start + len) once per @period_ns, from the
 * trace's current time until @until_ns, spreading the touches evenly.
 */
void tw_touch_loop(struct tw *t, uint64_t start, uint64_t len,
		   uint64_t period_ns, uint64_t until_ns);

/* Write @text as DIR/NAME and return the path. */
char *th_write_file(const char *dir, const char *name, const char *text);

/* One row of metrics.csv. */
struct th_row {
	double t, nr_regions, freq_error, precision, recall, f1;
	double wss_true, wss_damon;
};

/* Read DIR/metrics.csv; returns the number of rows. */
size_t th_read_metrics(const char *dir, struct th_row **rows);
size_t th_read_metrics_file(const char *dir, const char *file,
			    struct th_row **rows);

/* Run a scenario file in this process; returns run_scenario()'s result. */
int th_run(const char *scenario, const char *out_dir,
	   const char *const *sets, GError **err);

#endif
