// SPDX-License-Identifier: GPL-2.0
/*
 * The DAMOS schemes of a run: every [scheme.N] goes to every primitive's
 * DAMON context, in numeric order, and the core's own statistics of each
 * (struct damos_stat: regions and bytes tried and applied, quota
 * exceeds) are read at every aggregation into SCHEMES.csv/json and summed
 * up in the summary.
 *
 * Only the stat action is modelled.  The others act on memory (reclaim,
 * LRU order, THP, migration) and the simulated machine has none of that,
 * so their effect on the workload could not be seen; they are refused
 * rather than counted as if applied.  A stat scheme with the same access
 * pattern counts what they would act on.
 */
#include <errno.h>

#include "sim/run.h"
#include "sim/run_state.h"

/* The columns of the schemes table, per scheme. */
static const struct {
	const char *field;
	const char *unit;
	const char *desc;
	size_t offset;
} run_scheme_fields[] = {
	{ "nr_tried", "", "regions the scheme's pattern matched, so far",
	  offsetof(struct kdrv_scheme_stat, nr_tried) },
	{ "sz_tried", "bytes", "bytes of those regions",
	  offsetof(struct kdrv_scheme_stat, sz_tried) },
	{ "nr_applied", "", "regions the action was applied to",
	  offsetof(struct kdrv_scheme_stat, nr_applied) },
	{ "sz_applied", "bytes", "bytes the action applied to",
	  offsetof(struct kdrv_scheme_stat, sz_applied) },
	{ "qt_exceeds", "", "times the quota stopped the scheme",
	  offsetof(struct kdrv_scheme_stat, qt_exceeds) },
};

#define RUN_SCHEME_FIELDS G_N_ELEMENTS(run_scheme_fields)

static unsigned int run_clamp_uint(uint64_t v)
{
	return v > UINT_MAX ? UINT_MAX : (unsigned int)v;
}

static int run_scheme_from_cfg(struct run *r, const char *s,
			       struct kdrv_scheme *k, GError **err)
{
	const char *action = cfg_get_enum(r->cfg, s, "action");
	struct units_count c;

	if (strcmp(action, "stat"))
		return cfg_fail(r->cfg, s, "action", err,
				"%s is not modelled: the simulated machine "
				"has no reclaim, LRU, THP or migration (a "
				"stat scheme counts what it would act on)",
				action);
	memset(k, 0, sizeof(*k));
	k->action = action;
	k->sz_min = cfg_get_size(r->cfg, s, "sz_min");
	k->sz_max = cfg_get_size(r->cfg, s, "sz_max");
	c = cfg_get_count(r->cfg, s, "nr_accesses_min");
	k->nr_accesses_min = run_clamp_uint(units_count_to_samples(
		&c, r->attrs.sample_us, r->attrs.aggr_us));
	c = cfg_get_count(r->cfg, s, "nr_accesses_max");
	k->nr_accesses_max = run_clamp_uint(units_count_to_samples(
		&c, r->attrs.sample_us, r->attrs.aggr_us));
	c = cfg_get_count(r->cfg, s, "age_min");
	k->age_min = run_clamp_uint(
		units_count_to_aggr_intervals(&c, r->attrs.aggr_us));
	c = cfg_get_count(r->cfg, s, "age_max");
	k->age_max = run_clamp_uint(
		units_count_to_aggr_intervals(&c, r->attrs.aggr_us));
	k->apply_interval_us = cfg_get_time_us(r->cfg, s, "apply_interval");
	k->quota_ms = cfg_get_time_ns(r->cfg, s, "quota_time") / 1000000;
	k->quota_sz = cfg_get_size(r->cfg, s, "quota_size");
	k->quota_reset_ms =
		cfg_get_time_ns(r->cfg, s, "quota_reset_interval") / 1000000;
	k->weight_sz = run_clamp_uint(cfg_get_uint(r->cfg, s,
						   "quota_weight_sz"));
	k->weight_nr_accesses = run_clamp_uint(
		cfg_get_uint(r->cfg, s, "quota_weight_nr_accesses"));
	k->weight_age = run_clamp_uint(cfg_get_uint(r->cfg, s,
						    "quota_weight_age"));
	k->wmarks_free_mem = !strcmp(cfg_get_enum(r->cfg, s, "wmarks_metric"),
				     "free_mem_rate");
	k->wmarks_interval_us = cfg_get_time_us(r->cfg, s, "wmarks_interval");
	/* DAMON's free memory rate is in permil; the scenario in percent */
	k->wmarks_high = cfg_get_percent_bp(r->cfg, s, "wmarks_high") / 10;
	k->wmarks_mid = cfg_get_percent_bp(r->cfg, s, "wmarks_mid") / 10;
	k->wmarks_low = cfg_get_percent_bp(r->cfg, s, "wmarks_low") / 10;
	k->target_nid = (int)MIN(cfg_get_uint(r->cfg, s, "target_nid"),
				 (uint64_t)INT_MAX);
	return 0;
}

/* The table's columns: run_scheme_fields for each scheme. */
static void run_schemes_columns(struct run *r)
{
	unsigned int i, f;

	r->scheme_stats = g_new0(struct report_stat,
				 r->nr_schemes * RUN_SCHEME_FIELDS);
	for (i = 0; i < r->nr_schemes; i++) {
		for (f = 0; f < RUN_SCHEME_FIELDS; f++) {
			struct report_stat *st =
				&r->scheme_stats[i * RUN_SCHEME_FIELDS + f];

			st->name = g_strdup_printf("%s.%s",
						   r->scheme_names[i],
						   run_scheme_fields[f].field);
			st->unit = run_scheme_fields[f].unit;
			st->desc = run_scheme_fields[f].desc;
		}
	}
}

/**
 * run_schemes_load() - read the [scheme.N] sections
 * @r:   run with its DAMON attributes set
 * @err: error location
 *
 * Return: 0, or -EINVAL with @err naming the scheme's key.
 */
int run_schemes_load(struct run *r, GError **err)
{
	GPtrArray *names = cfg_instances(r->cfg, "scheme");
	unsigned int i;
	int ret = 0;

	r->nr_schemes = names->len;
	r->schemes = g_new0(struct kdrv_scheme, MAX(names->len, 1));
	r->scheme_names = g_new0(char *, names->len + 1);
	for (i = 0; i < names->len && !ret; i++) {
		r->scheme_names[i] = g_strdup(g_ptr_array_index(names, i));
		ret = run_scheme_from_cfg(r, r->scheme_names[i],
					  &r->schemes[i], err);
	}
	g_ptr_array_free(names, TRUE);
	if (!ret)
		run_schemes_columns(r);
	return ret;
}

/**
 * run_schemes_install() - give a primitive's context the run's schemes
 * @r:   run
 * @p:   primitive with its context, not yet started
 * @err: error location
 *
 * Return: 0 or a negative errno.
 */
int run_schemes_install(struct run *r, struct run_prim *p, GError **err)
{
	unsigned int i;
	int ret;

	for (i = 0; i < r->nr_schemes; i++) {
		ret = kdrv_add_scheme(p->ctx, &r->schemes[i]);
		if (ret)
			return cfg_fail(r->cfg, r->scheme_names[i], "action",
					err, "the DAMON core refused the "
					"scheme: %s", g_strerror(-ret));
	}
	if (r->nr_schemes)
		p->schemes_table = report_table_new(
			"time_s", r->scheme_stats,
			r->nr_schemes * RUN_SCHEME_FIELDS);
	return 0;
}

static double run_scheme_field(const struct kdrv_scheme_stat *st,
			       unsigned int f)
{
	return (double)*(const uint64_t *)((const char *)st +
					   run_scheme_fields[f].offset);
}

/**
 * run_schemes_snapshot() - note the schemes' statistics at an aggregation
 * @r:     run
 * @p:     the primitive whose context aggregated
 * @label: the row's time label
 *
 * The core applies schemes before it resets the aggregation that the
 * snapshot reports, so the figures include this aggregation's.
 */
void run_schemes_snapshot(struct run *r, struct run_prim *p,
			  const char *label)
{
	double *row;
	struct kdrv_scheme_stat st;
	unsigned int i, f;

	if (!p->schemes_table)
		return;
	row = g_new0(double, r->nr_schemes * RUN_SCHEME_FIELDS);
	for (i = 0; i < r->nr_schemes; i++) {
		if (kdrv_scheme_stat(p->ctx, i, &st))
			memset(&st, 0, sizeof(st));
		for (f = 0; f < RUN_SCHEME_FIELDS; f++)
			row[i * RUN_SCHEME_FIELDS + f] =
				run_scheme_field(&st, f);
	}
	report_table_add_row(p->schemes_table, label, row);
	g_free(row);
}

/* A summary row "NAME WHAT" with the same text in every column. */
static void run_scheme_row(struct report_summary *s, const char *name,
			   const char *what, const char *text)
{
	char *label = g_strdup_printf("%s %s", name, what);

	report_summary_same(s, label, text);
	g_free(label);
}

/* The scheme's access pattern in DAMON's units, a summary row a bound. */
static void run_scheme_describe(struct report_summary *s, const char *name,
				const struct kdrv_scheme *k)
{
	char a[UNITS_FMT_LEN], b[UNITS_FMT_LEN], *text;

	run_scheme_row(s, name, "action", k->action);
	text = g_strdup_printf("%s..%s", units_format_size(k->sz_min, a),
			       k->sz_max == ULONG_MAX ? "max" :
			       units_format_size(k->sz_max, b));
	run_scheme_row(s, name, "size", text);
	g_free(text);
	text = g_strdup_printf("%u..%u samples", k->nr_accesses_min,
			       k->nr_accesses_max);
	run_scheme_row(s, name, "nr_accesses", text);
	g_free(text);
	text = g_strdup_printf("%u..%s aggr_intervals", k->age_min,
			       k->age_max == UINT_MAX ? "max" :
			       units_format_uint(k->age_max, a));
	run_scheme_row(s, name, "age", text);
	g_free(text);
}

/**
 * run_schemes_summary() - the summary's section on schemes, if any
 * @r: run
 * @s: summary; one column per primitive
 * @ncol: columns of @s
 *
 * Each scheme's pattern, in DAMON's units, then its figures at the end of
 * the run.
 */
void run_schemes_summary(struct run *r, struct report_summary *s,
			 unsigned int ncol)
{
	struct kdrv_scheme_stat st;
	struct report_stat row;
	double *v = g_new0(double, MAX(ncol, 1));
	unsigned int i, f, c;

	if (!r->nr_schemes)
		goto out;
	report_summary_section(s, "DAMOS schemes (whole run)");
	for (i = 0; i < r->nr_schemes; i++) {
		run_scheme_describe(s, r->scheme_names[i], &r->schemes[i]);
		for (f = 0; f < RUN_SCHEME_FIELDS; f++) {
			row = r->scheme_stats[i * RUN_SCHEME_FIELDS + f];
			for (c = 0; c < ncol; c++) {
				if (kdrv_scheme_stat(r->prims[c].ctx, i, &st))
					memset(&st, 0, sizeof(st));
				v[c] = run_scheme_field(&st, f);
			}
			report_summary_stat(s, &row, v);
		}
	}
out:
	g_free(v);
}

/**
 * run_schemes_write() - write each primitive's schemes table
 * @r:   run
 * @err: error location
 *
 * Return: 0 or -EIO.
 */
int run_schemes_write(struct run *r, GError **err)
{
	unsigned int i;
	char *name;
	int ret = 0;

	for (i = 0; i < r->nr_prims && !ret; i++) {
		if (!r->prims[i].schemes_table)
			continue;
		name = run_prim_file(r, &r->prims[i], RUN_TABLE_SCHEMES);
		ret = report_table_write(r->prims[i].schemes_table, r->out_dir,
					 name, err) ? -EIO : 0;
		g_free(name);
	}
	return ret;
}

/**
 * run_schemes_free() - free what run_schemes_load() made
 * @r: run
 */
void run_schemes_free(struct run *r)
{
	unsigned int i;

	for (i = 0; r->scheme_stats && i < r->nr_schemes * RUN_SCHEME_FIELDS;
	     i++)
		g_free((char *)r->scheme_stats[i].name);
	g_free(r->scheme_stats);
	g_strfreev(r->scheme_names);
	g_free(r->schemes);
}
