// SPDX-License-Identifier: GPL-2.0
/*
 * The run directory: summary.txt (also printed), metrics.csv/json,
 * host.json (the only host-dependent file), damon.data, scenario.ini (the
 * effective configuration) and the plots.
 */
#include <errno.h>
#include <stdio.h>
#include <math.h>
#include <stddef.h>

#include "config.h"
#include "sim/report_plot.h"
#include "sim/run.h"
#include "sim/run_state.h"

static const struct report_stat st_events = { "events replayed", "", "", 0 };
static const struct report_stat st_accesses = { "memory accesses", "", "", 0 };
static const struct report_stat st_sim = { "simulated time", "ns", "", 0 };
static const struct report_stat st_mapped = { "mapped at end", "bytes", "", 0 };
static const struct report_stat st_aggrs = { "aggregations", "", "", 0 };
static const struct report_stat st_freq = { "frequency error", "", "", 4 };
static const struct report_stat st_prec = { "hot-set precision", "", "", 4 };
static const struct report_stat st_recall = { "hot-set recall", "", "", 4 };
static const struct report_stat st_f1 = { "hot-set F1", "", "", 4 };
static const struct report_stat st_wss_t = { "mean WSS, truth", "bytes", "", 0 };
static const struct report_stat st_wss_d = { "mean WSS, DAMON", "bytes", "", 0 };
static const struct report_stat st_wss_e = { "mean |WSS error|", "", "", 4 };
static const struct report_stat st_mon = { "monitor CPU time", "ns", "", 0 };
static const struct report_stat st_mon_pct = { "monitor CPU", "% of one CPU", "", 4 };
static const struct report_stat st_checks = { "PTE checks", "", "", 0 };
static const struct report_stat st_clears = { "accessed-bit clears", "", "", 0 };
static const struct report_stat st_rmap = { "rmap walks", "", "", 0 };
static const struct report_stat st_flush = { "TLB shootdowns", "", "", 0 };
static const struct report_stat st_slow = { "workload slowdown", "%", "", 4 };
static const struct report_stat st_inband = { "workload in-band time", "ns", "", 0 };
static const struct report_stat st_drain = { "report ring + drain time", "ns", "", 0 };

#define RUN_MAX_COLS 16

/* Per-primitive values of one stat, computed by @fn. */
typedef double (*run_col_fn)(struct run *r, struct run_prim *p);

static void run_stat_row(struct report_summary *s, struct run *r,
			 const struct report_stat *st, run_col_fn fn)
{
	double v[RUN_MAX_COLS];
	unsigned int i;

	for (i = 0; i < r->nr_prims && i < RUN_MAX_COLS; i++)
		v[i] = fn(r, &r->prims[i]);
	report_summary_stat(s, st, v);
}

/* A stat shared by every primitive (the workload's): same in each column. */
static void run_same_stat(struct report_summary *s, struct run *r,
			  const struct report_stat *st, double value)
{
	double v[RUN_MAX_COLS];
	unsigned int i;

	for (i = 0; i < RUN_MAX_COLS; i++)
		v[i] = value;
	report_summary_stat(s, st, v);
}

static struct acc_result run_acc(struct run_prim *p, double *wss_err)
{
	struct acc_result res;

	accuracy_cumulative_result(&p->cum, &res, wss_err);
	return res;
}

/*
 * The run's accuracy, and whether it has any: without a compared
 * aggregation its figures are n/a (NaN), not the ratios' empty-set
 * conventions (precision and recall 1 when nothing is hot).
 */
static bool run_acc_any(struct run_prim *p, struct acc_result *res,
			double *wss_err)
{
	*res = run_acc(p, wss_err);
	return res->nr_aggregations;
}

static double col_aggrs(struct run *r, struct run_prim *p)
{
	return p->nr_snapshots;
}

static double col_freq(struct run *r, struct run_prim *p)
{
	struct acc_result res;

	return run_acc_any(p, &res, NULL) ? res.freq_error : NAN;
}

static double col_prec(struct run *r, struct run_prim *p)
{
	struct acc_result res;

	return run_acc_any(p, &res, NULL) ? res.precision : NAN;
}

static double col_recall(struct run *r, struct run_prim *p)
{
	struct acc_result res;

	return run_acc_any(p, &res, NULL) ? res.recall : NAN;
}

static double col_f1(struct run *r, struct run_prim *p)
{
	struct acc_result res;

	return run_acc_any(p, &res, NULL) ? res.f1 : NAN;
}

static double run_mean(uint64_t sum, uint64_t n)
{
	return n ? (double)sum / (double)n : NAN;
}

static double col_wss_true(struct run *r, struct run_prim *p)
{
	struct acc_result res = run_acc(p, NULL);

	return run_mean(res.wss_true_bytes, res.nr_aggregations);
}

static double col_wss_damon(struct run *r, struct run_prim *p)
{
	struct acc_result res = run_acc(p, NULL);

	return run_mean(res.wss_damon_bytes, res.nr_aggregations);
}

static double col_wss_err(struct run *r, struct run_prim *p)
{
	struct acc_result res;
	double err;

	return run_acc_any(p, &res, &err) ? err : NAN;
}

static double col_mon(struct run *r, struct run_prim *p)
{
	return cost_monitor_ns(&r->cost, &p->inst.counters);
}

static double col_mon_pct(struct run *r, struct run_prim *p)
{
	uint64_t sim_ns = r->last_ns - r->first_ns;

	return sim_ns ? 100.0 * col_mon(r, p) / (double)sim_ns : NAN;
}

static double col_checks(struct run *r, struct run_prim *p)
{
	return (double)p->inst.counters.checks;
}

static double col_clears(struct run *r, struct run_prim *p)
{
	return (double)p->inst.counters.clears;
}

static double col_rmap(struct run *r, struct run_prim *p)
{
	return (double)p->inst.counters.rmap_walks;
}

static double col_flush(struct run *r, struct run_prim *p)
{
	return (double)p->inst.counters.tlb_flushes;
}

/* Of the monitor time: collecting and attributing pushed reports. */
static double col_drain(struct run *r, struct run_prim *p)
{
	return r->cost.drain_report_ns * (double)p->inst.counters.drain_lookups;
}

/* Time the workload's threads lose in band: faults, PEBS records, NMIs. */
static double col_inband(struct run *r, struct run_prim *p)
{
	return cost_workload_ns(&r->cost, &p->inst.counters);
}

static double col_slowdown(struct run *r, struct run_prim *p)
{
	uint64_t sim_ns = r->last_ns - r->first_ns;

	return sim_ns ? 100.0 * col_inband(r, p) /
			((double)sim_ns * machine_nr_cpus(r->machine)) : NAN;
}

/* Push-style event counts, one row each; see struct prim_counters. */
static const struct {
	struct report_stat st;
	size_t offset;
} run_push_rows[] = {
	{ { "hinting faults", "", "", 0 }, offsetof(struct prim_counters, faults) },
	{ { "pages armed", "", "", 0 }, offsetof(struct prim_counters, arms) },
	{ { "PMU samples", "", "", 0 }, offsetof(struct prim_counters, pmu_samples) },
	{ { "PEBS records", "", "", 0 }, offsetof(struct prim_counters, records) },
	{ { "PEBS interrupts", "", "", 0 }, offsetof(struct prim_counters, interrupts) },
	{ { "IBS NMIs", "", "", 0 }, offsetof(struct prim_counters, nmis) },
	{ { "IBS wasted samples", "", "", 0 }, offsetof(struct prim_counters, wasted_samples) },
	{ { "reports pushed", "", "", 0 }, offsetof(struct prim_counters, reports_pushed) },
	{ { "reports dropped", "", "", 0 }, offsetof(struct prim_counters, reports_dropped) },
	{ { "reports drained", "", "", 0 }, offsetof(struct prim_counters, drain_lookups) },
	{ { "reports in no region", "", "", 0 }, offsetof(struct prim_counters, unattributed) },
};

static void run_push_stats(struct report_summary *s, struct run *r)
{
	double v[RUN_MAX_COLS];
	unsigned int row, i;

	for (row = 0; row < G_N_ELEMENTS(run_push_rows); row++) {
		for (i = 0; i < r->nr_prims && i < RUN_MAX_COLS; i++)
			v[i] = (double)*(const uint64_t *)
				((const char *)&r->prims[i].inst.counters +
				 run_push_rows[row].offset);
		report_summary_stat(s, &run_push_rows[row].st, v);
	}
}

static void run_summary_fill(struct run *r, struct report_summary *s)
{
	uint64_t sim_ns = r->last_ns - r->first_ns;
	char buf[128];

	report_summary_section(s, "workload");
	report_summary_same(s, "source", r->source_desc);
	run_same_stat(s, r, &st_events, (double)r->events);
	run_same_stat(s, r, &st_accesses, (double)r->accesses);
	run_same_stat(s, r, &st_sim, (double)sim_ns);
	run_same_stat(s, r, &st_mapped,
		      (double)machine_as_mapped_bytes(r->as));

	report_summary_section(s, "DAMON");
	report_summary_same(s, "kernel", KERNEL_SRC_DESC);
	report_summary_same(s, "operations", r->paddr ? "paddr" : "vaddr");
	g_snprintf(buf, sizeof(buf), "%" G_GUINT64_FORMAT " us / %"
		   G_GUINT64_FORMAT " us / %" G_GUINT64_FORMAT " us",
		   r->attrs.sample_us, r->attrs.aggr_us, r->attrs.update_us);
	report_summary_same(s, "sample / aggr / update", buf);
	g_snprintf(buf, sizeof(buf), "%lu .. %lu", r->attrs.min_nr_regions,
		   r->attrs.max_nr_regions);
	report_summary_same(s, "nr_regions", buf);
	run_stat_row(s, r, &st_aggrs, col_aggrs);

	report_summary_section(s, "accuracy (all aggregations)");
	g_snprintf(buf, sizeof(buf), "%.0f %% of %u samples", r->theta * 100,
		   r->nr_samples);
	report_summary_same(s, "hot threshold", buf);
	run_stat_row(s, r, &st_freq, col_freq);
	run_stat_row(s, r, &st_prec, col_prec);
	run_stat_row(s, r, &st_recall, col_recall);
	run_stat_row(s, r, &st_f1, col_f1);
	run_stat_row(s, r, &st_wss_t, col_wss_true);
	run_stat_row(s, r, &st_wss_d, col_wss_damon);
	run_stat_row(s, r, &st_wss_e, col_wss_err);

	report_summary_section(s, "modeled overhead");
	run_stat_row(s, r, &st_mon, col_mon);
	run_stat_row(s, r, &st_mon_pct, col_mon_pct);
	run_stat_row(s, r, &st_checks, col_checks);
	run_stat_row(s, r, &st_clears, col_clears);
	run_stat_row(s, r, &st_rmap, col_rmap);
	run_stat_row(s, r, &st_flush, col_flush);
	run_push_stats(s, r);
	run_stat_row(s, r, &st_drain, col_drain);
	run_stat_row(s, r, &st_inband, col_inband);
	run_stat_row(s, r, &st_slow, col_slowdown);
	run_schemes_summary(r, s, MIN(r->nr_prims, RUN_MAX_COLS));
}

/*
 * host.json: one set of figures per primitive, prefixed by its label.  The
 * kdamond thread also runs the simulator's snapshot sink (accuracy,
 * heatmaps, damo record); that time is reported apart and left out of the
 * core's.
 */
static int run_write_host(struct run *r, GError **err)
{
	static const char *const per_prim[][2] = {
		{ "kdamond_cpu_seconds", "host CPU time of the kdamond thread" },
		{ "sim_cpu_seconds",
		  "of which simulator work in kdamond context (accuracy, plots, damo record)" },
		{ "ops_cpu_seconds", "of which inside the primitive's ops" },
		{ "core_cpu_seconds", "of which the real DAMON core (rest)" },
		{ "kdamond_instructions", NULL },
	};
	size_t n = 5 + r->nr_prims * G_N_ELEMENTS(per_prim), k = 0, j;
	struct report_stat *stats = g_new0(struct report_stat, n);
	double *v = g_new0(double, n);
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	char why[256];
	unsigned int i;
	char *path;
	int ret;

	stats[k] = (struct report_stat){ "host_seconds", "s",
					 "wall-clock time of the replay", 6 };
	v[k++] = r->host_seconds;
	stats[k] = (struct report_stat){ "events_per_second", "1/s",
					 "events replayed per host second", 0 };
	v[k++] = r->host_seconds > 0 ? r->events / r->host_seconds : 0;
	stats[k] = (struct report_stat){
		"machine_seconds", "s",
		"of which simulating accesses (the machine's access path, traps and observers included)",
		6
	};
	v[k++] = r->machine_ns / 1e9;
	stats[k] = (struct report_stat){
		"feed_seconds", "s",
		"of which waiting for the workload: for the reader thread, or decoding on this thread without one",
		6
	};
	v[k++] = r->feed_ns / 1e9;
	stats[k] = (struct report_stat){
		"reader_cpu_seconds", "s",
		"host CPU time of the reader thread, decoding the workload in parallel with the replay",
		6
	};
	v[k++] = r->reader_cpu_ns / 1e9;
	for (i = 0; i < r->nr_prims; i++) {
		struct run_prim *p = &r->prims[i];
		double kd = p->kdamond_cpu_seconds;
		double sim = MIN(p->hostcost.sink_cpu_ns / 1e9, kd);
		double ops = MIN(p->inst.counters.ops_cpu_ns / 1e9, kd - sim);
		double insns = run_hostcost_insns(&p->hostcost, why,
						  sizeof(why));
		double vals[] = { kd, sim, ops, kd - sim - ops,
				  insns < 0 ? NAN : insns };

		for (j = 0; j < G_N_ELEMENTS(per_prim); j++) {
			char *name = r->nr_prims == 1 ?
				g_strdup(per_prim[j][0]) :
				g_strdup_printf("%s.%s", run_prim_label(p),
						per_prim[j][0]);
			char *desc = g_strdup(per_prim[j][1] ? per_prim[j][1] :
					      insns < 0 ? why :
					      "user-space instructions retired by kdamond (core and ops; simulator work excluded), all aggregations but the first");

			g_ptr_array_add(names, name);
			g_ptr_array_add(names, desc);
			stats[k] = (struct report_stat){
				name, j == 4 ? "" : "s", desc, j == 4 ? 0 : 6
			};
			v[k++] = vals[j];
		}
	}
	path = g_build_filename(r->out_dir, RUN_FILE_HOST, NULL);
	ret = report_host_write(path, stats, v, k, err);
	g_free(path);
	g_free(stats);
	g_free(v);
	g_ptr_array_free(names, TRUE);
	return ret;
}

/* File name for a primitive's output: NAME, or NAME-LABEL with several. */
char *run_prim_file(const struct run *r, const struct run_prim *p,
		    const char *name)
{
	if (r->nr_prims == 1)
		return g_strdup(name);
	return g_strdup_printf("%s-%s", name, run_prim_label(p));
}

static int run_write_plots(struct run *r, struct run_prim *p, GString *notes,
			   GError **err)
{
	size_t nx = p->heat_damon->len / RUN_PLOT_ROWS;
	struct plot_grid damon = {
		.nx = nx, .ny = RUN_PLOT_ROWS, .x0 = 0,
		.dx = r->attrs.aggr_us / 1e6,
		.y0 = r->plot_y0, .dy = r->plot_dy,
		.v = (const double *)p->heat_damon->data,
	};
	struct plot_grid truth = damon;
	char title[256], *name;
	int ret;

	if (!nx)
		return 0;
	truth.v = (const double *)p->heat_true->data;
	g_snprintf(title, sizeof(title), "%s: accesses per aggregation "
		   "(%s, %s)", r->name, run_prim_label(p),
		   r->paddr ? "paddr" : "vaddr");
	name = run_prim_file(r, p, RUN_PLOT_HEATMAP);
	ret = plot_heatmaps(r->out_dir, name, &damon, &truth, title, notes,
			    err);
	g_free(name);
	if (ret < 0)
		return -EIO;
	g_snprintf(title, sizeof(title), "%s: working set size (%s)", r->name,
		   run_prim_label(p));
	name = run_prim_file(r, p, RUN_PLOT_WSS);
	ret = plot_wss(r->out_dir, name, (const double *)p->wss_t->data,
		       (const double *)p->wss_damon->data,
		       (const double *)p->wss_true->data, p->wss_t->len, title,
		       notes, err);
	g_free(name);
	return ret < 0 ? -EIO : 0;
}

static int run_write_tables(struct run *r, GError **err)
{
	unsigned int i;
	char *name;
	int ret = 0;

	for (i = 0; i < r->nr_prims && !ret; i++) {
		name = run_prim_file(r, &r->prims[i], RUN_TABLE_METRICS);
		ret = report_table_write(r->prims[i].table, r->out_dir, name,
					 err) ? -EIO : 0;
		g_free(name);
		if (ret)
			break;
		/* host-dependent, like host.json: never compare these */
		name = run_prim_file(r, &r->prims[i], RUN_TABLE_HOST);
		ret = report_table_write(
			run_hostcost_table(&r->prims[i].hostcost), r->out_dir,
			name, err) ? -EIO : 0;
		g_free(name);
	}
	return ret ? ret : run_schemes_write(r, err);
}

int run_write_outputs(struct run *r, GError **err)
{
	const char *cols[RUN_MAX_COLS];
	struct report_summary *s;
	GString *text, *notes = g_string_new(NULL);
	unsigned int i;
	char *path, *dump;
	int ret = -EIO;

	if (run_write_tables(r, err))
		goto out;
	if (r->damo) {
		ret = damo_writer_finish(r->damo, err);
		r->damo = NULL;
		if (ret)
			goto out;
	}
	ret = -EIO;
	dump = cfg_dump(r->cfg);
	path = g_build_filename(r->out_dir, RUN_FILE_SCENARIO, NULL);
	if (report_write_file(path, dump, strlen(dump), err)) {
		g_free(path);
		g_free(dump);
		goto out;
	}
	g_free(path);
	g_free(dump);
	if (run_write_host(r, err))
		goto out;
	for (i = 0; i < r->nr_prims; i++)
		if (r->plots && run_write_plots(r, &r->prims[i], notes, err))
			goto out;

	for (i = 0; i < r->nr_prims && i < RUN_MAX_COLS; i++)
		cols[i] = run_prim_label(&r->prims[i]);
	s = report_summary_new(*r->name ? r->name : "scenario", cols,
			       MIN(r->nr_prims, RUN_MAX_COLS));
	run_summary_fill(r, s);
	text = report_summary_render(s);
	path = g_build_filename(r->out_dir, RUN_FILE_SUMMARY, NULL);
	ret = report_write_file(path, text->str, text->len, err) ? -EIO : 0;
	if (!ret && !r->opt->quiet) {
		fputs(text->str, stdout);
		printf("\nrun directory: %s\n", r->out_dir);
		if (notes->len)
			fputs(notes->str, stdout);
	}
	g_free(path);
	g_string_free(text, TRUE);
	report_summary_free(s);
out:
	g_string_free(notes, TRUE);
	return ret;
}
