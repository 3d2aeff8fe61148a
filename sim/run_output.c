// SPDX-License-Identifier: GPL-2.0
/*
 * The run directory: summary.txt (also printed), metrics.csv/json,
 * host.json (the only host-dependent file), damon.data, scenario.ini (the
 * effective configuration) and the plots.
 */
#include <errno.h>
#include <stdio.h>
#include <math.h>

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

static void run_summary_fill(struct run *r, struct report_summary *s)
{
	const struct prim_counters *c = &r->prim.counters;
	uint64_t sim_ns = r->last_ns - r->first_ns;
	struct acc_result res;
	double mean_wss_err, v, n, mon_ns;
	char buf[128];

	accuracy_cumulative_result(&r->cum, &res, &mean_wss_err);
	n = res.nr_aggregations ? (double)res.nr_aggregations : NAN;

	report_summary_section(s, "workload");
	report_summary_same(s, "source", r->source_desc);
	v = (double)r->events;
	report_summary_stat(s, &st_events, &v);
	v = (double)r->accesses;
	report_summary_stat(s, &st_accesses, &v);
	v = (double)sim_ns;
	report_summary_stat(s, &st_sim, &v);
	v = (double)machine_as_mapped_bytes(r->as);
	report_summary_stat(s, &st_mapped, &v);

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
	v = (double)r->nr_snapshots;
	report_summary_stat(s, &st_aggrs, &v);

	report_summary_section(s, "accuracy (all aggregations)");
	g_snprintf(buf, sizeof(buf), "%.0f %% of %u samples", r->theta * 100,
		   r->nr_samples);
	report_summary_same(s, "hot threshold", buf);
	report_summary_stat(s, &st_freq, &res.freq_error);
	report_summary_stat(s, &st_prec, &res.precision);
	report_summary_stat(s, &st_recall, &res.recall);
	report_summary_stat(s, &st_f1, &res.f1);
	v = (double)res.wss_true_bytes / n;
	report_summary_stat(s, &st_wss_t, &v);
	v = (double)res.wss_damon_bytes / n;
	report_summary_stat(s, &st_wss_d, &v);
	report_summary_stat(s, &st_wss_e, &mean_wss_err);

	report_summary_section(s, "modeled overhead");
	mon_ns = cost_monitor_ns(&r->cost, c);
	report_summary_stat(s, &st_mon, &mon_ns);
	v = sim_ns ? 100.0 * mon_ns / (double)sim_ns : NAN;
	report_summary_stat(s, &st_mon_pct, &v);
	v = (double)c->checks;
	report_summary_stat(s, &st_checks, &v);
	v = (double)c->clears;
	report_summary_stat(s, &st_clears, &v);
	v = (double)c->rmap_walks;
	report_summary_stat(s, &st_rmap, &v);
	v = (double)c->tlb_flushes;
	report_summary_stat(s, &st_flush, &v);
	/* The accessed bit is set by the page walker: no in-band cost. */
	v = 0;
	report_summary_stat(s, &st_slow, &v);
}

static int run_write_host(struct run *r, GError **err)
{
	static const struct report_stat stats[] = {
		{ "host_seconds", "s", "wall-clock time of the replay", 6 },
		{ "events_per_second", "1/s", "events replayed per host second", 0 },
		{ "kdamond_cpu_seconds", "s", "host CPU time of the kdamond thread", 6 },
		{ "ops_cpu_seconds", "s", "of which inside the primitive's ops", 6 },
		{ "core_cpu_seconds", "s", "of which the real DAMON core (rest)", 6 },
		{ "core_instructions", "", "not measured: no hardware PMU here", 0 },
	};
	double ops = r->prim.counters.ops_cpu_ns / 1e9;
	double v[G_N_ELEMENTS(stats)] = {
		r->host_seconds,
		r->host_seconds > 0 ? r->events / r->host_seconds : 0,
		r->kdamond_cpu_seconds,
		ops,
		MAX(r->kdamond_cpu_seconds - ops, 0),
		NAN,
	};
	char *path = g_build_filename(r->out_dir, "host.json", NULL);
	int ret = report_host_write(path, stats, v, G_N_ELEMENTS(stats), err);

	g_free(path);
	return ret;
}

static int run_write_plots(struct run *r, GString *notes, GError **err)
{
	size_t nx = r->heat_damon->len / RUN_PLOT_ROWS;
	double dx = r->attrs.aggr_us / 1e6;
	struct plot_grid damon = {
		.nx = nx, .ny = RUN_PLOT_ROWS, .x0 = 0, .dx = dx,
		.y0 = r->plot_y0, .dy = r->plot_dy,
		.v = (const double *)r->heat_damon->data,
	};
	struct plot_grid truth = damon;
	char title[256];

	if (!nx)
		return 0;
	truth.v = (const double *)r->heat_true->data;
	g_snprintf(title, sizeof(title), "%s: accesses per aggregation "
		   "(%s, %s)", r->name, r->prim.desc->name,
		   r->paddr ? "paddr" : "vaddr");
	if (plot_heatmaps(r->out_dir, "heatmap", &damon, &truth, title, notes,
			  err))
		return -EIO;
	g_snprintf(title, sizeof(title), "%s: working set size", r->name);
	return plot_wss(r->out_dir, "wss", (const double *)r->wss_t->data,
			(const double *)r->wss_damon->data,
			(const double *)r->wss_true->data, r->wss_t->len,
			title, notes, err) ? -EIO : 0;
}

int run_write_outputs(struct run *r, GError **err)
{
	const char *cols[] = { r->prim.desc->name };
	struct report_summary *s;
	GString *text, *notes = g_string_new(NULL);
	char *path, *dump;
	int ret = -EIO;

	if (report_table_write(r->table, r->out_dir, "metrics", err))
		goto out;
	if (r->damo) {
		ret = damo_writer_finish(r->damo, err);
		r->damo = NULL;
		if (ret)
			goto out;
	}
	ret = -EIO;
	dump = cfg_dump(r->cfg);
	path = g_build_filename(r->out_dir, "scenario.ini", NULL);
	if (report_write_file(path, dump, strlen(dump), err)) {
		g_free(path);
		g_free(dump);
		goto out;
	}
	g_free(path);
	g_free(dump);
	if (run_write_host(r, err))
		goto out;
	if (cfg_get_bool(r->cfg, "output", "plots") &&
	    run_write_plots(r, notes, err))
		goto out;

	s = report_summary_new(*r->name ? r->name : "scenario", cols, 1);
	run_summary_fill(r, s);
	text = report_summary_render(s);
	path = g_build_filename(r->out_dir, "summary.txt", NULL);
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
