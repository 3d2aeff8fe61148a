// SPDX-License-Identifier: GPL-2.0
/*
 * config_damonsim: damonsim's scenario schema, declared once.
 *
 * Defaults follow DAMON's and damo's (docs/config.md cites them).  Keys
 * that belong to other components are not here: primitives register their
 * types on [primitive] with cfg_schema_add_type(), the cost model its keys
 * on [cost] with cfg_schema_add_keys(), and the trace library validates
 * [workload] generator parameters with cfg_schema_set_passthrough().
 */
#include <errno.h>
#include <string.h>

#include "sim/config_priv.h"

#define CFG_NR_ACCESSES_KINDS                                                 \
	(UNITS_COUNT_ALLOW(UNITS_COUNT_SAMPLES) |                             \
	 UNITS_COUNT_ALLOW(UNITS_COUNT_PERCENT))
#define CFG_AGE_KINDS                                                         \
	(UNITS_COUNT_ALLOW(UNITS_COUNT_AGGR_INTERVALS) |                      \
	 UNITS_COUNT_ALLOW(UNITS_COUNT_TIME))

static const struct cfg_key cfg_scenario_keys[] = {
	{ .name = "name", .type = CFG_STRING, .def = "",
	  .desc = "scenario name shown in summaries (empty: the file name)" },
	{ .name = "description", .type = CFG_STRING, .def = "",
	  .desc = "free text describing the scenario" },
	{ .name = "seed", .type = CFG_UINT, .def = "1",
	  .desc = "seed of every random generator in the run" },
	{ .name = "duration", .type = CFG_TIME, .def = "10 s",
	  .desc = "simulated time to run (max: until the workload ends)" },
};

static const struct cfg_key cfg_machine_keys[] = {
	{ .name = "cpus", .type = CFG_UINT, .def = "4",
	  .desc = "number of simulated CPUs" },
	{ .name = "page_size", .type = CFG_SIZE, .def = "4 KiB",
	  .desc = "base page size (a power of two)" },
	{ .name = "nodes", .type = CFG_SIZE, .flags = CFG_LIST,
	  .def = "16 GiB",
	  .desc = "memory capacity of each NUMA node/tier, fastest first" },
	{ .name = "tlb", .type = CFG_BOOL, .def = "on",
	  .desc = "model per-CPU TLBs (accessed bits are set on TLB fills)" },
	{ .name = "tlb_entries", .type = CFG_UINT, .def = "1536",
	  .desc = "TLB entries per CPU" },
	{ .name = "tlb_ways", .type = CFG_UINT, .def = "12",
	  .desc = "TLB associativity, 1..64; entries / ways: a power of two" },
	{ .name = "huge_pages", .type = CFG_BOOL, .def = "off",
	  .desc = "back eligible mappings with 2 MiB pages" },
};

static const struct cfg_key cfg_workload_keys[] = {
	{ .name = "source", .type = CFG_STRING, .flags = CFG_REQUIRED,
	  .desc = "trace:PATH, masim:PATH or gen:NAME (other keys of this "
		  "section are the generator's parameters)" },
};

static const char *const cfg_ops_words[] = { "vaddr", "paddr", NULL };

static const struct cfg_key cfg_damon_keys[] = {
	{ .name = "ops", .type = CFG_ENUM, .def = "vaddr",
	  .words = cfg_ops_words,
	  .desc = "address space monitored: virtual (vaddr) or physical" },
	{ .name = "sample_interval", .type = CFG_TIME, .def = "5 ms",
	  .desc = "time between access checks" },
	{ .name = "aggr_interval", .type = CFG_TIME, .def = "100 ms",
	  .desc = "time over which checks are aggregated into nr_accesses" },
	{ .name = "update_interval", .type = CFG_TIME, .def = "1 s",
	  .desc = "time between updates of the monitoring target regions" },
	{ .name = "min_nr_regions", .type = CFG_UINT, .def = "10",
	  .desc = "minimum number of regions" },
	{ .name = "max_nr_regions", .type = CFG_UINT, .def = "1000",
	  .desc = "maximum number of regions" },
};

static const struct cfg_key cfg_primitive_keys[] = {
	{ .name = "type", .type = CFG_STRING,
	  .desc = "access-check primitive; default: the NAME of "
		  "[primitive.NAME] if it is a type, else pte" },
};

static const char *const cfg_action_words[] = {
	"willneed", "cold", "pageout", "hugepage", "collapse", "nohugepage",
	"lru_prio", "lru_deprio", "migrate_hot", "migrate_cold", "stat", NULL,
};

static const char *const cfg_wmark_words[] = { "none", "free_mem_rate",
					       NULL };

static const struct cfg_key cfg_scheme_keys[] = {
	{ .name = "action", .type = CFG_ENUM, .def = "stat",
	  .words = cfg_action_words,
	  .desc = "DAMOS action applied to matching regions; only stat is "
		  "modelled, the others are refused" },
	{ .name = "sz_min", .type = CFG_SIZE, .def = "min",
	  .desc = "access pattern: minimum region size" },
	{ .name = "sz_max", .type = CFG_SIZE, .def = "max",
	  .desc = "access pattern: maximum region size" },
	{ .name = "nr_accesses_min", .type = CFG_COUNT, .def = "0 %",
	  .count_kinds = CFG_NR_ACCESSES_KINDS,
	  .desc = "access pattern: minimum nr_accesses (N samples or N %)" },
	{ .name = "nr_accesses_max", .type = CFG_COUNT, .def = "100 %",
	  .count_kinds = CFG_NR_ACCESSES_KINDS,
	  .desc = "access pattern: maximum nr_accesses (N samples or N %)" },
	{ .name = "age_min", .type = CFG_COUNT, .def = "0 aggr_intervals",
	  .count_kinds = CFG_AGE_KINDS,
	  .desc = "access pattern: minimum age (N aggr_intervals or a time)" },
	{ .name = "age_max", .type = CFG_COUNT, .def = "max",
	  .count_kinds = CFG_AGE_KINDS,
	  .desc = "access pattern: maximum age (N aggr_intervals or a time)" },
	{ .name = "apply_interval", .type = CFG_TIME, .def = "0 ns",
	  .desc = "time between applications (0: every aggregation)" },
	{ .name = "quota_time", .type = CFG_TIME, .def = "0 ns",
	  .desc = "time quota per reset interval (0: unlimited)" },
	{ .name = "quota_size", .type = CFG_SIZE, .def = "0 B",
	  .desc = "size quota per reset interval (0: unlimited)" },
	{ .name = "quota_reset_interval", .type = CFG_TIME, .def = "1 s",
	  .desc = "quota charge reset interval" },
	{ .name = "quota_weight_sz", .type = CFG_UINT, .def = "0",
	  .desc = "prioritisation weight of region size (permil)" },
	{ .name = "quota_weight_nr_accesses", .type = CFG_UINT, .def = "0",
	  .desc = "prioritisation weight of access frequency (permil)" },
	{ .name = "quota_weight_age", .type = CFG_UINT, .def = "0",
	  .desc = "prioritisation weight of age (permil)" },
	{ .name = "wmarks_metric", .type = CFG_ENUM, .def = "none",
	  .words = cfg_wmark_words,
	  .desc = "watermark metric (none: always active)" },
	{ .name = "wmarks_interval", .type = CFG_TIME, .def = "5 s",
	  .desc = "time between watermark checks" },
	{ .name = "wmarks_high", .type = CFG_PERCENT, .def = "0 %",
	  .desc = "deactivate above this metric value" },
	{ .name = "wmarks_mid", .type = CFG_PERCENT, .def = "0 %",
	  .desc = "activate below this metric value" },
	{ .name = "wmarks_low", .type = CFG_PERCENT, .def = "0 %",
	  .desc = "deactivate below this metric value" },
	{ .name = "target_nid", .type = CFG_UINT, .def = "0",
	  .desc = "destination node of migrate_hot/migrate_cold" },
};

static const struct cfg_key cfg_metrics_keys[] = {
	{ .name = "hot_threshold", .type = CFG_PERCENT, .def = "50 %",
	  .desc = "a page is hot at this share of the samples of an interval" },
};

static const char *const cfg_record_words[] = { "json_compressed",
						"perf_script", NULL };

static const struct cfg_key cfg_output_keys[] = {
	{ .name = "plots", .type = CFG_BOOL, .def = "yes",
	  .desc = "draw gnuplot PNGs (skipped with a note without gnuplot)" },
	{ .name = "damo_record", .type = CFG_BOOL, .def = "yes",
	  .desc = "write damon.data for damo report" },
	{ .name = "damo_record_format", .type = CFG_ENUM,
	  .def = "json_compressed", .words = cfg_record_words,
	  .desc = "damon.data format: damo's json_compressed or perf_script" },
};

/* ---- cross-key checks ------------------------------------------------- */

static int cfg_check_machine(const struct cfg *cfg, const char *s,
			     GError **err)
{
	uint64_t page = cfg_get_size(cfg, s, "page_size");
	uint64_t entries = cfg_get_uint(cfg, s, "tlb_entries");
	uint64_t ways = cfg_get_uint(cfg, s, "tlb_ways");
	const uint64_t *nodes;
	size_t n, i;

	uint64_t cpus = cfg_get_uint(cfg, s, "cpus");
	if (!cpus || cpus > 4096)
		return cfg_fail(cfg, s, "cpus", err, "must be 1..4096");
	if (page < 4096 || (page & (page - 1)))
		return cfg_fail(cfg, s, "page_size", err,
				"must be a power of two of at least 4 KiB");
	nodes = cfg_get_u64_list(cfg, s, "nodes", &n);
	if (!n)
		return cfg_fail(cfg, s, "nodes", err,
				"needs at least one node");
	for (i = 0; i < n; i++)
		if (nodes[i] < page || nodes[i] % page)
			return cfg_fail(cfg, s, "nodes", err,
					"node %zu: not a whole number of pages",
					i);
	if (!cfg_get_bool(cfg, s, "tlb"))
		return 0;
	if (!ways || ways > 64)
		return cfg_fail(cfg, s, "tlb_ways", err, "must be 1..64");
	if (!entries || entries % ways)
		return cfg_fail(cfg, s,
				cfg_blame(cfg, s, "tlb_ways", "tlb_entries",
					  NULL),
				err,
				"tlb_ways must divide tlb_entries (%"
				G_GUINT64_FORMAT ")", entries);
	/* The set is picked by the page number's low bits, as in hardware. */
	if ((entries / ways) & (entries / ways - 1))
		return cfg_fail(cfg, s,
				cfg_blame(cfg, s, "tlb_ways", "tlb_entries",
					  NULL),
				err,
				"tlb_entries / tlb_ways = %" G_GUINT64_FORMAT
				" sets: must be a power of two",
				entries / ways);
	return 0;
}

static int cfg_check_workload(const struct cfg *cfg, const char *s,
			      GError **err)
{
	enum cfg_source_kind kind;
	GError *local = NULL;
	char *value, *path;
	int ret = 0;

	if (cfg_parse_source(cfg_get_string(cfg, s, "source"), &kind, &value,
			     &local)) {
		ret = cfg_fail(cfg, s, "source", err, "%s", local->message);
		g_error_free(local);
		return ret;
	}
	if (kind != CFG_SOURCE_GENERATOR) {
		path = cfg_resolve_path(cfg, value);
		if (!g_file_test(path, G_FILE_TEST_IS_REGULAR))
			ret = cfg_fail(cfg, s, "source", err,
				       "no such file: %s", path);
		g_free(path);
	}
	g_free(value);
	return ret;
}

static int cfg_check_damon(const struct cfg *cfg, const char *s,
			   GError **err)
{
	static const char *const intervals[] = { "sample_interval",
						 "aggr_interval",
						 "update_interval" };
	uint64_t min = cfg_get_uint(cfg, s, "min_nr_regions");
	size_t i;

	for (i = 0; i < G_N_ELEMENTS(intervals); i++) {
		uint64_t ns = cfg_get_time_ns(cfg, s, intervals[i]);

		/* DAMON takes microseconds; refuse to round silently. */
		if (!ns || ns == UINT64_MAX || ns % UNITS_NS_PER_US)
			return cfg_fail(cfg, s, intervals[i], err,
					"must be a non-zero whole number of us");
	}
	if (cfg_get_time_ns(cfg, s, "aggr_interval") <
	    cfg_get_time_ns(cfg, s, "sample_interval"))
		return cfg_fail(cfg, s,
				cfg_blame(cfg, s, "aggr_interval",
					  "sample_interval", NULL),
				err, "aggr_interval shorter than "
				"sample_interval");
	/* damon_set_attrs() refuses fewer than 3 regions. */
	if (min < 3)
		return cfg_fail(cfg, s, "min_nr_regions", err,
				"must be at least 3");
	if (cfg_get_uint(cfg, s, "max_nr_regions") < min)
		return cfg_fail(cfg, s,
				cfg_blame(cfg, s, "max_nr_regions",
					  "min_nr_regions", NULL),
				err, "max_nr_regions below min_nr_regions");
	return 0;
}

static bool cfg_count_gt(struct units_count a, struct units_count b)
{
	return a.kind == b.kind && a.value > b.value;
}

static int cfg_check_scheme(const struct cfg *cfg, const char *s,
			    GError **err)
{
	/* DAMON's units: refuse to round a quota to "unlimited" silently. */
	static const struct {
		const char *key;
		uint64_t unit_ns;
		const char *unit;
	} whole[] = {
		{ "apply_interval", UNITS_NS_PER_US, "us" },
		{ "quota_time", 1000 * UNITS_NS_PER_US, "ms" },
		{ "quota_reset_interval", 1000 * UNITS_NS_PER_US, "ms" },
		{ "wmarks_interval", UNITS_NS_PER_US, "us" },
	};
	size_t i;

	for (i = 0; i < G_N_ELEMENTS(whole); i++) {
		uint64_t ns = cfg_get_time_ns(cfg, s, whole[i].key);

		if (ns == UINT64_MAX || ns % whole[i].unit_ns)
			return cfg_fail(cfg, s, whole[i].key, err,
					"must be a whole number of %s "
					"(DAMON's unit)", whole[i].unit);
	}
	if (cfg_get_size(cfg, s, "sz_min") > cfg_get_size(cfg, s, "sz_max"))
		return cfg_fail(cfg, s,
				cfg_blame(cfg, s, "sz_max", "sz_min", NULL),
				err, "sz_max below sz_min");
	if (cfg_count_gt(cfg_get_count(cfg, s, "nr_accesses_min"),
			 cfg_get_count(cfg, s, "nr_accesses_max")))
		return cfg_fail(cfg, s,
				cfg_blame(cfg, s, "nr_accesses_max",
					  "nr_accesses_min", NULL),
				err, "nr_accesses_max below nr_accesses_min");
	if (cfg_count_gt(cfg_get_count(cfg, s, "age_min"),
			 cfg_get_count(cfg, s, "age_max")))
		return cfg_fail(cfg, s,
				cfg_blame(cfg, s, "age_max", "age_min", NULL),
				err, "age_max below age_min");
	if (strcmp(cfg_get_enum(cfg, s, "wmarks_metric"), "none") &&
	    !(cfg_get_percent_bp(cfg, s, "wmarks_high") >=
		      cfg_get_percent_bp(cfg, s, "wmarks_mid") &&
	      cfg_get_percent_bp(cfg, s, "wmarks_mid") >=
		      cfg_get_percent_bp(cfg, s, "wmarks_low")))
		return cfg_fail(cfg, s,
				cfg_blame(cfg, s, "wmarks_mid", "wmarks_high",
					  "wmarks_low", "wmarks_metric", NULL),
				err,
				"watermarks must satisfy high >= mid >= low");
	return 0;
}

/**
 * cfg_schema_new_damonsim() - the schema of damonsim scenarios
 *
 * Declares [scenario] [machine] [workload] [damon] [primitive] /
 * [primitive.NAME] [scheme.N] [metrics] [cost] [output] with their keys
 * and checks.  [primitive] has no types and [cost] no keys until the
 * primitives and the cost model register theirs; [workload] passes
 * undeclared keys through unchecked until the trace library installs a
 * validator with cfg_schema_set_passthrough().
 *
 * Return: new schema (free with cfg_schema_free()).
 */
struct cfg_schema *cfg_schema_new_damonsim(void)
{
	struct cfg_schema *s = cfg_schema_new();

	cfg_schema_add_section(s, "scenario", CFG_SECTION_PLAIN,
			       "What is run and for how long.");
	cfg_schema_add_keys(s, "scenario", cfg_scenario_keys,
			    G_N_ELEMENTS(cfg_scenario_keys));
	cfg_schema_add_section(s, "machine", CFG_SECTION_PLAIN,
			       "The simulated machine.");
	cfg_schema_add_keys(s, "machine", cfg_machine_keys,
			    G_N_ELEMENTS(cfg_machine_keys));
	cfg_schema_set_check(s, "machine", cfg_check_machine);
	cfg_schema_add_section(s, "workload", CFG_SECTION_PLAIN,
			       "Where memory accesses come from; other keys "
			       "are generator parameters.");
	cfg_schema_add_keys(s, "workload", cfg_workload_keys,
			    G_N_ELEMENTS(cfg_workload_keys));
	cfg_schema_set_passthrough(s, "workload", NULL, NULL);
	cfg_schema_set_check(s, "workload", cfg_check_workload);
	cfg_schema_add_section(s, "damon", CFG_SECTION_PLAIN,
			       "DAMON monitoring attributes.");
	cfg_schema_add_keys(s, "damon", cfg_damon_keys,
			    G_N_ELEMENTS(cfg_damon_keys));
	cfg_schema_set_check(s, "damon", cfg_check_damon);
	cfg_schema_add_section(s, "primitive",
			       CFG_SECTION_PLAIN | CFG_SECTION_REPEATED |
				       CFG_SECTION_TYPED,
			       "Access-check primitive; several "
			       "[primitive.NAME] sections run side by side.");
	cfg_schema_add_keys(s, "primitive", cfg_primitive_keys,
			    G_N_ELEMENTS(cfg_primitive_keys));
	cfg_schema_set_default_type(s, "primitive", "pte");
	cfg_schema_add_section(s, "scheme",
			       CFG_SECTION_REPEATED | CFG_SECTION_NUMBERED,
			       "DAMOS schemes, applied in numeric order.");
	cfg_schema_add_keys(s, "scheme", cfg_scheme_keys,
			    G_N_ELEMENTS(cfg_scheme_keys));
	cfg_schema_set_check(s, "scheme", cfg_check_scheme);
	cfg_schema_add_section(s, "metrics", CFG_SECTION_PLAIN,
			       "Accuracy metrics against ground truth.");
	cfg_schema_add_keys(s, "metrics", cfg_metrics_keys,
			    G_N_ELEMENTS(cfg_metrics_keys));
	cfg_schema_add_section(s, "cost", CFG_SECTION_PLAIN,
			       "Cost-model overrides (keys registered by the "
			       "cost model).");
	cfg_schema_add_section(s, "output", CFG_SECTION_PLAIN,
			       "What goes into the run directory.");
	cfg_schema_add_keys(s, "output", cfg_output_keys,
			    G_N_ELEMENTS(cfg_output_keys));
	return s;
}

/*
 * The scenario used when no file is given (README quick start).  The
 * generator name must match one the trace library provides.
 */
const char cfg_default_scenario[] =
	"# damonsim built-in scenario: the same as configs/quickstart.ini\n"
	"[scenario]\n"
	"name = quickstart\n"
	"description = a 256 MiB hot/cold workload whose hot tenth moves "
	"every second\n"
	"duration = 10 s\n"
	"\n"
	"[workload]\n"
	"source = gen:hotcold\n"
	"size = 256 MiB\n"
	"rate = 2M\n"
	"\n"
	"[damon]\n"
	"sample_interval = 5 ms\n"
	"aggr_interval = 100 ms\n";
