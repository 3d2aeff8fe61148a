// SPDX-License-Identifier: GPL-2.0
/* One scenario end to end: set up, replay, write the run directory. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sim/run.h"
#include "sim/run_state.h"

const struct report_stat *run_metrics_stats(size_t *n);

/* Whether @name is @base, or @base-SOMETHING, then @ext. */
static bool run_is_named(const char *name, const char *base, const char *ext)
{
	size_t n = strlen(base);

	return !strncmp(name, base, n) && (name[n] == '.' || name[n] == '-') &&
	       g_str_has_suffix(name + n, ext);
}

/*
 * Whether @name is an output of some run (per primitive, tables and plots
 * are NAME-LABEL...): see run_clear_outputs().
 */
static bool run_is_output(const char *name)
{
	static const char *const exact[] = { RUN_FILE_SUMMARY, RUN_FILE_HOST,
					     RUN_FILE_DAMO };
	static const char *const tables[] = { RUN_TABLE_METRICS,
					      RUN_TABLE_HOST,
					      RUN_TABLE_SCHEMES };
	static const char *const plots[] = { RUN_PLOT_HEATMAP, RUN_PLOT_WSS };
	unsigned int i;

	for (i = 0; i < G_N_ELEMENTS(exact); i++)
		if (!strcmp(name, exact[i]))
			return true;
	for (i = 0; i < G_N_ELEMENTS(tables); i++)
		if (run_is_named(name, tables[i], ".csv") ||
		    run_is_named(name, tables[i], ".json"))
			return true;
	for (i = 0; i < G_N_ELEMENTS(plots); i++)
		if (run_is_named(name, plots[i], ".png") ||
		    run_is_named(name, plots[i], ".dat"))
			return true;
	return false;
}

/*
 * Remove what an earlier run left in the run directory, so that nothing
 * there (plots or a damo record this run does not write, tables of other
 * primitives) passes for this run's.  scenario.ini stays until this run
 * rewrites it: it may be the very scenario being run.
 */
static int run_clear_outputs(const char *dir, GError **err)
{
	GDir *d = g_dir_open(dir, 0, err);
	const char *name;
	char *path;
	int ret = 0;

	if (!d)
		return -EIO;
	while (!ret && (name = g_dir_read_name(d))) {
		if (!run_is_output(name))
			continue;
		path = g_build_filename(dir, name, NULL);
		if (unlink(path) && errno != ENOENT) {
			ret = -errno;
			g_set_error(err, G_FILE_ERROR,
				    g_file_error_from_errno(errno),
				    "%s: cannot remove an earlier run's output: %s",
				    path, g_strerror(errno));
		}
		g_free(path);
	}
	g_dir_close(d);
	return ret;
}

static int run_prepare_outputs(struct run *r, GError **err)
{
	const struct report_stat *stats;
	unsigned int i;
	char *path;
	size_t n;
	int ret;

	if (g_mkdir_with_parents(r->out_dir, 0755)) {
		g_set_error(err, G_FILE_ERROR, g_file_error_from_errno(errno),
			    "%s: cannot create run directory: %s", r->out_dir,
			    g_strerror(errno));
		return -errno;
	}
	ret = run_clear_outputs(r->out_dir, err);
	if (ret)
		return ret;
	stats = run_metrics_stats(&n);
	for (i = 0; i < r->nr_prims; i++) {
		struct run_prim *p = &r->prims[i];

		p->table = report_table_new("time_s", stats, n);
		run_hostcost_init(&p->hostcost);
		p->wss_t = g_array_new(FALSE, FALSE, sizeof(double));
		p->wss_damon = g_array_new(FALSE, FALSE, sizeof(double));
		p->wss_true = g_array_new(FALSE, FALSE, sizeof(double));
		p->heat_damon = g_array_new(FALSE, FALSE, sizeof(double));
		p->heat_true = g_array_new(FALSE, FALSE, sizeof(double));
	}
	if (!cfg_get_bool(r->cfg, "output", "damo_record"))
		return 0;
	path = g_build_filename(r->out_dir, RUN_FILE_DAMO, NULL);
	r->damo = damo_writer_open(path,
		strcmp(cfg_get_enum(r->cfg, "output", "damo_record_format"),
		       "perf_script") ? DAMO_FMT_JSON_COMPRESSED :
					DAMO_FMT_PERF_SCRIPT, err);
	g_free(path);
	return r->damo ? 0 : -EIO;
}

static void run_prim_free(struct run_prim *p)
{
	if (p->started)
		prim_instance_stop(&p->inst);
	if (p->ctx)
		kdrv_destroy_ctx(p->ctx);
	if (p->table)
		report_table_free(p->table);
	report_table_free(p->schemes_table);
	run_hostcost_free(&p->hostcost);
	if (p->wss_t) {
		g_array_free(p->wss_t, TRUE);
		g_array_free(p->wss_damon, TRUE);
		g_array_free(p->wss_true, TRUE);
		g_array_free(p->heat_damon, TRUE);
		g_array_free(p->heat_true, TRUE);
	}
}

void run_teardown(struct run *r)
{
	unsigned int i;

	for (i = 0; i < r->nr_prims; i++)
		run_prim_free(&r->prims[i]);
	g_free(r->prims);
	run_schemes_free(r);
	prim_unbind_all();
	if (r->damo)
		damo_writer_abort(r->damo);
	trace_source_free(r->src);
	if (r->machine)
		machine_destroy(r->machine);
	g_free(r->source_desc);
	g_free(r->out_dir);
	if (r->cfg)
		cfg_free(r->cfg);
	if (r->schema)
		cfg_schema_free(r->schema);
	g_clear_error(&r->sink_error);
}

/*
 * What a finished run should not keep quiet about, on stderr.  A run too
 * short for one aggregation has no accuracy to report: said, so that the
 * summary's n/a is not taken for a failure.  A machine smaller than the
 * workload keeps running with pages that have no frame (docs/machine.md):
 * paddr monitoring cannot see them, so that is said too.
 */
static void run_notes(const struct run *r)
{
	uint64_t oom = machine_counters(r->machine)->oom;
	unsigned int i;

	for (i = 0; i < r->nr_prims && !r->prims[i].nr_snapshots; i++)
		;
	if (i == r->nr_prims)
		fprintf(stderr,
			"damonsim run: note: no aggregation completed in "
			"%.6g s simulated (aggr_interval %.6g s): accuracy "
			"is n/a\n",
			(double)(r->last_ns - r->first_ns) / 1e9,
			(double)r->attrs.aggr_us / 1e6);
	if (oom)
		fprintf(stderr,
			"damonsim run: note: the simulated machine ran out of "
			"memory: %" PRIu64 " first touches got no frame "
			"([machine] nodes); paddr monitoring cannot see those "
			"pages\n",
			oom);
}

int run_scenario(const struct run_options *opt, GError **err)
{
	struct run r = { .opt = opt };
	int ret;

	ret = run_setup(&r, err);
	if (!ret)
		ret = run_prepare_outputs(&r, err);
	if (!ret)
		ret = run_replay(&r, err);
	if (!ret)
		ret = run_write_outputs(&r, err);
	if (!ret)
		run_notes(&r);
	run_teardown(&r);
	return ret;
}
