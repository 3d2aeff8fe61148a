/* SPDX-License-Identifier: GPL-2.0 */
/* Internal to sim/run*.c: the state of one scenario run. */
#ifndef DAMONSIM_SIM_RUN_STATE_H
#define DAMONSIM_SIM_RUN_STATE_H

#include <glib.h>

#include "kernel-port/driver.h"
#include "primitives/primitive.h"
#include "sim/accuracy.h"
#include "sim/config_scenario.h"
#include "sim/cost.h"
#include "sim/damo_record.h"
#include "sim/machine.h"
#include "sim/report.h"
#include "sim/run_hostcost.h"
#include "traces/source.h"

#define RUN_PLOT_ROWS 128

/*
 * Names of the files a run writes in its directory; tables and plots are
 * NAME.EXT, or NAME-PRIMITIVE.EXT with several primitives.  run.c removes
 * an earlier run's files of these names before writing.
 */
#define RUN_FILE_SUMMARY "summary.txt"
#define RUN_FILE_HOST "host.json"
#define RUN_FILE_DAMO "damon.data"
#define RUN_FILE_SCENARIO "scenario.ini"
#define RUN_TABLE_METRICS "metrics"
#define RUN_TABLE_HOST "host-metrics"
#define RUN_TABLE_SCHEMES "schemes"
#define RUN_PLOT_HEATMAP "heatmap"
#define RUN_PLOT_WSS "wss"

struct run {
	const struct run_options *opt;
	struct cfg_schema *schema;	/* outlives cfg, which points into it */
	struct cfg *cfg;
	char *out_dir;
	const char *name;
	uint64_t seed;
	uint64_t duration_ns;

	/* workload */
	char *source_desc;
	struct trace_source *src;
	uint64_t events;
	uint64_t accesses;
	uint64_t first_ns;
	uint64_t last_ns;

	/* machine */
	struct machine *machine;
	struct mach_as *as;
	bool huge;

	/* DAMON: one context (and kdamond) per primitive, same workload */
	struct kdrv_attrs attrs;
	bool paddr;
	struct run_prim *prims;
	unsigned int nr_prims;
	bool started;
	uint64_t start_ns;
	uint64_t gt_time_ns;	/* time of the snapshots being counted */
	unsigned int gt_reported;	/* contexts that reported at gt_time_ns */
	uint32_t nr_samples;
	double theta;

	/* DAMOS: [scheme.N] in numeric order, given to every context */
	struct kdrv_scheme *schemes;
	char **scheme_names;
	unsigned int nr_schemes;
	struct report_stat *scheme_stats;	/* columns of schemes_table */

	/* results */
	struct cost_model cost;
	struct damo_writer *damo;
	bool plots;	/* [output] plots: the heatmap rows are kept */
	uint64_t plot_y0, plot_dy;
	GError *sink_error;

	/* host measurements */
	double host_seconds;
	/*
	 * Where the replay's wall time went, apart from kdamond: simulating
	 * accesses (machine_access_batch()), and waiting for the workload
	 * (for the reader thread, or decoding here without one).
	 */
	uint64_t machine_ns;
	uint64_t feed_ns;
	uint64_t reader_cpu_ns; /* the reader thread's, 0 without one */
};

/* One primitive of the run: its own DAMON context and results. */
struct run_prim {
	const char *name;		/* section name: primitive[.NAME] */
	struct prim_instance inst;
	struct damon_ctx *ctx;
	bool started;			/* prim_instance_start() succeeded */
	struct acc_cumulative cum;
	struct report_table *table;
	struct report_table *schemes_table;	/* NULL without schemes */
	uint64_t last_snapshot_ns;
	unsigned int nr_snapshots;
	GArray *wss_t, *wss_damon, *wss_true;
	GArray *heat_damon, *heat_true;	/* RUN_PLOT_ROWS per snapshot */
	double kdamond_cpu_seconds;	/* whole thread, sink work included */
	struct run_hostcost hostcost;	/* per aggregation, sink excluded */
};

/* Column name of a primitive: NAME of [primitive.NAME], else its type. */
const char *run_prim_label(const struct run_prim *p);
char *run_prim_file(const struct run *r, const struct run_prim *p,
		    const char *name);

/*
 * A batch of the workload as the replay reads it: the decoded events and,
 * for each, the machine request of an access (as == NULL for any other
 * event), so runs of accesses go to the machine as they are.
 */
struct run_feed {
	const struct trace_event *evs;
	const struct mach_req *reqs;
};

/**
 * run_feed_convert() - the machine requests of decoded events
 * @evs: events
 * @n: how many
 * @as: the address space every access is made in
 * @nr_cpus: CPUs of the machine; trace CPUs beyond wrap around
 * @reqs: out: one per event; as == NULL for a non-access
 */
void run_feed_convert(const struct trace_event *evs, int n,
		      struct mach_as *as, unsigned int nr_cpus,
		      struct mach_req *reqs);

/* Decoding thread that reads the workload ahead (sim/run_reader.c). */
struct run_reader;

/**
 * run_reader_start() - start decoding @src ahead on a host thread
 * @src: source; only the reader thread uses it until run_reader_stop()
 * @as: address space of the requests (see run_feed_convert())
 * @nr_cpus: CPUs of the machine
 * @out: the reader
 *
 * Events are turned into machine requests on the reader thread too.
 *
 * Return: 0 or a negative errno (the thread could not be created).
 */
int run_reader_start(struct trace_source *src, struct mach_as *as,
		     unsigned int nr_cpus, struct run_reader **out);

/**
 * run_reader_next() - the next batch of events, in trace order
 * @rd: reader
 * @feed: set to the batch, valid until the next call or run_reader_stop()
 * @err: error location
 *
 * Return: as trace_source_next_batch(): events (> 0), 0 at the end, or a
 * negative errno with @err set.  Do not call again after 0 or an error.
 */
int run_reader_next(struct run_reader *rd, struct run_feed *feed,
		    GError **err);

/*
 * What reading ahead cost the host: the wall time the consumer waited in
 * run_reader_next() for a batch (decoding did not keep up) and the reader
 * thread's CPU time (decoding and building requests, all in parallel
 * with the replay otherwise).
 */
struct run_reader_cost {
	uint64_t wait_ns;
	uint64_t cpu_ns;
};

/**
 * run_reader_stop() - stop reading ahead, join and free the reader
 * @rd: reader or NULL
 * @cost: filled with what reading ahead cost, or NULL (untouched when @rd
 *	is NULL)
 */
void run_reader_stop(struct run_reader *rd, struct run_reader_cost *cost);

int run_setup(struct run *r, GError **err);
int run_workload_register(struct cfg_schema *schema);
int run_open_source(struct run *r, GError **err);
int run_schemes_load(struct run *r, GError **err);
int run_schemes_install(struct run *r, struct run_prim *p, GError **err);
void run_schemes_snapshot(struct run *r, struct run_prim *p,
			  const char *label);
void run_schemes_summary(struct run *r, struct report_summary *s,
			 unsigned int ncol);
int run_schemes_write(struct run *r, GError **err);
void run_schemes_free(struct run *r);
int run_replay(struct run *r, GError **err);
int run_write_outputs(struct run *r, GError **err);
void run_teardown(struct run *r);
void run_on_snapshot(void *arg, const struct kdrv_snapshot *snap);

#endif
