// SPDX-License-Identifier: GPL-2.0
/*
 * Scenario loading: defaults, typed getters, every kind of error with its
 * line number, --set overrides, registered types, and the dump.
 */
#include <errno.h>
#include <string.h>

#include "sim/config_scenario.h"
#include "tests/config_suites.h"
#include "tests/check_main.h"

static const struct cfg_key pte_keys[] = {
	{ .name = "rmap_walk", .type = CFG_BOOL, .def = "yes",
	  .desc = "walk the reverse map" },
};

static const struct cfg_key perf_keys[] = {
	{ .name = "period", .type = CFG_UINT, .def = "10007",
	  .desc = "sampling period in events" },
};

static const struct cfg_key cost_keys[] = {
	{ .name = "pte_check", .type = CFG_TIME, .def = "270 ns",
	  .desc = "cost of one accessed-bit check", .bare_unit_ns = 1 },
};

static struct cfg_schema *schema;

static int reject_bad(void *data, const struct cfg *cfg, const char *section,
		      const char *key, const char *value, GError **err)
{
	int *calls = data;

	(*calls)++;
	if (strcmp(key, "bad"))
		return 0;
	g_set_error(err, CFG_ERROR, CFG_ERROR_VALUE, "generator %s has no %s",
		    cfg_get_string(cfg, section, "source"), key);
	return -EINVAL;
}

static int passthrough_calls;

static void setup(void)
{
	schema = cfg_schema_new_damonsim();
	ck_assert_int_eq(cfg_schema_add_type(schema, "primitive", "pte",
					     "accessed bit", pte_keys, 1), 0);
	ck_assert_int_eq(cfg_schema_add_type(schema, "primitive", "perf",
					     "PMU sampling", perf_keys, 1), 0);
	ck_assert_int_eq(cfg_schema_add_keys(schema, "cost", cost_keys, 1),
			 0);
	passthrough_calls = 0;
	ck_assert_int_eq(cfg_schema_set_passthrough(schema, "workload",
						    reject_bad,
						    &passthrough_calls), 0);
}

static void teardown(void)
{
	cfg_schema_free(schema);
}

static struct cfg *load(const char *text, const char *const *sets)
{
	GError *err = NULL;
	struct cfg *cfg = cfg_load_data(schema, text, strlen(text), "t.ini",
					sets, &err);

	ck_assert_msg(cfg, "%s", err ? err->message : "");
	return cfg;
}

/* Loading must fail with exactly @msg (a full one-line message). */
static void load_fails(const char *text, const char *const *sets,
		       int code, const char *msg)
{
	GError *err = NULL;
	struct cfg *cfg = cfg_load_data(schema, text, strlen(text), "t.ini",
					sets, &err);

	ck_assert_ptr_null(cfg);
	ck_assert_ptr_nonnull(err);
	ck_assert_str_eq(err->message, msg);
	ck_assert_int_eq(err->code, code);
	g_error_free(err);
}

#define MIN_OK "[workload]\nsource = gen:hotcold\n"

START_TEST(test_defaults)
{
	struct cfg *cfg = load(MIN_OK, NULL);
	const uint64_t *nodes;
	GPtrArray *prims;
	size_t n;

	ck_assert_uint_eq(cfg_get_time_us(cfg, "damon", "sample_interval"),
			  5000);
	ck_assert_uint_eq(cfg_get_time_ns(cfg, "damon", "aggr_interval"),
			  100 * UNITS_NS_PER_MS);
	ck_assert_uint_eq(cfg_get_uint(cfg, "damon", "max_nr_regions"), 1000);
	ck_assert_str_eq(cfg_get_enum(cfg, "damon", "ops"), "vaddr");
	ck_assert_uint_eq(cfg_get_size(cfg, "machine", "page_size"), 4096);
	ck_assert(cfg_get_bool(cfg, "machine", "tlb"));
	nodes = cfg_get_u64_list(cfg, "machine", "nodes", &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(nodes[0], 16ULL << 30);
	ck_assert_uint_eq(cfg_get_percent_bp(cfg, "metrics", "hot_threshold"),
			  5000);
	ck_assert_uint_eq(cfg_get_time_ns(cfg, "cost", "pte_check"), 270);
	ck_assert(!cfg_is_set(cfg, "damon", "ops"));
	ck_assert(cfg_is_set(cfg, "workload", "source"));
	/* No [primitive] given: the default one, of the default type. */
	prims = cfg_instances(cfg, "primitive");
	ck_assert_uint_eq(prims->len, 1);
	ck_assert_str_eq(g_ptr_array_index(prims, 0), "primitive");
	ck_assert_str_eq(cfg_section_type(cfg, "primitive"), "pte");
	ck_assert(cfg_get_bool(cfg, "primitive", "rmap_walk"));
	g_ptr_array_free(prims, TRUE);
	ck_assert(!cfg_has_section(cfg, "scheme.0"));
	cfg_free(cfg);
}
END_TEST

START_TEST(test_full_file)
{
	char *path = g_build_filename(test_srcdir(), "fixtures", "config",
				      "full.ini", NULL);
	GError *err = NULL;
	struct cfg *cfg = cfg_load_file(schema, path, NULL, &err);
	struct units_count c;
	GPtrArray *list;
	const uint64_t *nodes;
	size_t n;

	ck_assert_msg(cfg, "%s", err ? err->message : "");
	ck_assert_uint_eq(cfg_get_uint(cfg, "scenario", "seed"), 42);
	ck_assert_uint_eq(cfg_get_time_ns(cfg, "scenario", "duration"),
			  90 * UNITS_NS_PER_S);
	nodes = cfg_get_u64_list(cfg, "machine", "nodes", &n);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(nodes[1], 32ULL << 30);
	ck_assert(!cfg_get_bool(cfg, "machine", "tlb"));
	ck_assert_uint_eq(cfg_get_time_us(cfg, "damon", "aggr_interval"),
			  200000);
	/* Side-by-side primitives in file order, typed by name or key. */
	list = cfg_instances(cfg, "primitive");
	ck_assert_uint_eq(list->len, 2);
	ck_assert_str_eq(g_ptr_array_index(list, 0), "primitive.pte");
	ck_assert_str_eq(g_ptr_array_index(list, 1), "primitive.fast");
	g_ptr_array_free(list, TRUE);
	ck_assert_str_eq(cfg_section_type(cfg, "primitive.pte"), "pte");
	ck_assert_str_eq(cfg_section_type(cfg, "primitive.fast"), "perf");
	ck_assert_uint_eq(cfg_get_uint(cfg, "primitive.fast", "period"), 5003);
	/* Schemes in numeric order, not file or string order. */
	list = cfg_instances(cfg, "scheme");
	ck_assert_uint_eq(list->len, 2);
	ck_assert_str_eq(g_ptr_array_index(list, 0), "scheme.2");
	ck_assert_str_eq(g_ptr_array_index(list, 1), "scheme.10");
	g_ptr_array_free(list, TRUE);
	c = cfg_get_count(cfg, "scheme.2", "nr_accesses_min");
	ck_assert_int_eq(c.kind, UNITS_COUNT_PERCENT);
	ck_assert_uint_eq(c.value, 8000);
	c = cfg_get_count(cfg, "scheme.10", "age_min");
	ck_assert_int_eq(c.kind, UNITS_COUNT_TIME);
	ck_assert_uint_eq(c.value, 5 * UNITS_NS_PER_S);
	ck_assert_str_eq(cfg_get_enum(cfg, "scheme.2", "action"),
			 "migrate_hot");
	ck_assert_uint_eq(cfg_get_size(cfg, "scheme.2", "sz_min"), 2 << 20);
	/* Generator parameters pass through to the validator. */
	list = cfg_extra_keys(cfg, "workload");
	ck_assert_uint_eq(list->len, 1);
	ck_assert_str_eq(g_ptr_array_index(list, 0), "scale");
	g_ptr_array_free(list, TRUE);
	ck_assert_str_eq(cfg_get_text(cfg, "workload", "scale"), "2");
	ck_assert_int_eq(passthrough_calls, 1);
	cfg_free(cfg);
	g_free(path);
}
END_TEST

START_TEST(test_source_path_relative_to_file)
{
	char *path = g_build_filename(test_srcdir(), "fixtures", "config",
				      "full.ini", NULL);
	const char *sets[] = { "workload.source=masim:nonexistent.masim",
			       NULL };
	GError *err = NULL;
	struct cfg *cfg = cfg_load_file(schema, path, sets, &err);

	ck_assert_ptr_null(cfg);
	ck_assert_msg(g_str_has_prefix(err->message,
				       "--set workload.source=masim:nonexistent.masim: [workload] source: no such file: "),
		      "%s", err->message);
	ck_assert_msg(g_str_has_suffix(err->message,
				       "fixtures/config/nonexistent.masim"),
		      "%s", err->message);
	g_error_free(err);
	g_free(path);
}
END_TEST

START_TEST(test_unknown_section)
{
	load_fails(MIN_OK "\n[damon]\nops = paddr\n[bogus]\nx = 1\n", NULL,
		   CFG_ERROR_UNKNOWN,
		   "t.ini:6: [bogus]: unknown section (known: scenario, "
		   "machine, workload, damon, primitive, primitive.NAME, "
		   "scheme.N, metrics, cost, output)");
	load_fails(MIN_OK "[scheme]\n", NULL, CFG_ERROR_UNKNOWN,
		   "t.ini:3: [scheme]: unknown section (known: scenario, "
		   "machine, workload, damon, primitive, primitive.NAME, "
		   "scheme.N, metrics, cost, output)");
	load_fails(MIN_OK "[scheme.x]\n", NULL, CFG_ERROR_UNKNOWN,
		   "t.ini:3: [scheme.x]: unknown section (known: scenario, "
		   "machine, workload, damon, primitive, primitive.NAME, "
		   "scheme.N, metrics, cost, output)");
}
END_TEST

START_TEST(test_unknown_key)
{
	load_fails(MIN_OK "[damon]\n# comment\nops = paddr\nsampel = 5 ms\n",
		   NULL, CFG_ERROR_UNKNOWN,
		   "t.ini:6: [damon] sampel: unknown key (known: ops, "
		   "sample_interval, aggr_interval, update_interval, "
		   "min_nr_regions, max_nr_regions)");
	/* A key of another primitive type is unknown here. */
	load_fails(MIN_OK "[primitive.pte]\nperiod = 5\n", NULL,
		   CFG_ERROR_UNKNOWN,
		   "t.ini:4: [primitive.pte] period: unknown key (known: "
		   "type, rmap_walk)");
	load_fails(MIN_OK "[cost]\nfoo = 1 ns\n", NULL, CFG_ERROR_UNKNOWN,
		   "t.ini:4: [cost] foo: unknown key (known: pte_check)");
}
END_TEST

START_TEST(test_bad_values)
{
	load_fails(MIN_OK "[damon]\n\nsample_interval = 5 parsecs\n", NULL,
		   CFG_ERROR_VALUE,
		   "t.ini:5: [damon] sample_interval: \"5 parsecs\": unknown "
		   "time unit (expected ns, us, ms, s, m, h or d)");
	load_fails("[machine]\ncpus = -1\n" MIN_OK, NULL, CFG_ERROR_VALUE,
		   "t.ini:2: [machine] cpus: \"-1\": expected a number");
	load_fails(MIN_OK "[damon]\nops = kaddr\n", NULL, CFG_ERROR_VALUE,
		   "t.ini:4: [damon] ops: \"kaddr\": expected one of vaddr, "
		   "paddr");
	load_fails(MIN_OK "[machine]\nnodes = 1 GiB,,2 GiB\n", NULL,
		   CFG_ERROR_VALUE,
		   "t.ini:4: [machine] nodes: \"1 GiB,,2 GiB\": empty list "
		   "element 2");
	load_fails(MIN_OK "[scheme.0]\nnr_accesses_min = 5\n", NULL,
		   CFG_ERROR_VALUE,
		   "t.ini:4: [scheme.0] nr_accesses_min: \"5\": expected N "
		   "samples or N %");
	load_fails(MIN_OK "[primitive.x]\ntype = ibs\n", NULL,
		   CFG_ERROR_UNKNOWN,
		   "t.ini:4: [primitive.x] type: unknown type \"ibs\" "
		   "(known: pte, perf)");
	load_fails(MIN_OK "[metrics]\nhot_threshold = 150 %\n", NULL,
		   CFG_ERROR_VALUE,
		   "t.ini:4: [metrics] hot_threshold: \"150 %\": percentage "
		   "above 100 %");
}
END_TEST

START_TEST(test_cross_checks)
{
	load_fails(MIN_OK "[damon]\nsample_interval = 10 ms\n"
			  "aggr_interval = 5 ms\n",
		   NULL, CFG_ERROR_VALUE,
		   "t.ini:5: [damon] aggr_interval: aggr_interval shorter "
		   "than sample_interval");
	/* A key left at its default is blamed on its section header. */
	load_fails(MIN_OK "\n[damon]\nmin_nr_regions = 2000\n", NULL,
		   CFG_ERROR_VALUE,
		   "t.ini:4: [damon] max_nr_regions: max_nr_regions below "
		   "min_nr_regions");
	load_fails(MIN_OK "[damon]\nsample_interval = 1500 ns\n", NULL,
		   CFG_ERROR_VALUE,
		   "t.ini:4: [damon] sample_interval: must be a non-zero "
		   "whole number of us");
	load_fails(MIN_OK "[machine]\npage_size = 6 KiB\n", NULL,
		   CFG_ERROR_VALUE,
		   "t.ini:4: [machine] page_size: must be a power of two of "
		   "at least 4 KiB");
	load_fails(MIN_OK "[machine]\ntlb_ways = 16\n", NULL,
		   CFG_ERROR_VALUE,
		   "t.ini:4: [machine] tlb_ways: tlb_entries / tlb_ways = 96 "
		   "sets: must be a power of two");
	load_fails(MIN_OK "[machine]\ntlb_ways = 10\n", NULL,
		   CFG_ERROR_VALUE,
		   "t.ini:4: [machine] tlb_ways: tlb_ways must divide "
		   "tlb_entries (1536)");
	load_fails(MIN_OK "[machine]\ntlb_entries = 8192\ntlb_ways = 128\n",
		   NULL, CFG_ERROR_VALUE,
		   "t.ini:5: [machine] tlb_ways: must be 1..64");
	load_fails(MIN_OK "[scheme.1]\nsz_min = 2 MiB\nsz_max = 1 MiB\n",
		   NULL, CFG_ERROR_VALUE,
		   "t.ini:5: [scheme.1] sz_max: sz_max below sz_min");
	load_fails("[damon]\nops = paddr\n", NULL, CFG_ERROR_MISSING,
		   "t.ini: [workload] source: required key not set");
	load_fails(MIN_OK "bad = 1\n", NULL, CFG_ERROR_VALUE,
		   "t.ini:3: [workload] bad: generator gen:hotcold has no "
		   "bad");
	load_fails("[workload]\nsource = no such thing\n", NULL,
		   CFG_ERROR_VALUE,
		   "t.ini:2: [workload] source: \"no such thing\": expected "
		   "trace:PATH, masim:PATH or gen:NAME");
}
END_TEST

START_TEST(test_syntax)
{
	load_fails(MIN_OK "[damon]\nops = vaddr\nops = paddr\n", NULL,
		   CFG_ERROR_SYNTAX,
		   "t.ini:5: [damon] ops: set twice (first at line 4)");
	load_fails(MIN_OK "[damon]\n[workload]\n", NULL, CFG_ERROR_SYNTAX,
		   "t.ini:4: [workload]: section appears twice (first at "
		   "line 1)");
	load_fails("ops = vaddr\n" MIN_OK, NULL, CFG_ERROR_SYNTAX,
		   "t.ini:1: key before the first [section]");
	load_fails(MIN_OK "just words\n", NULL, CFG_ERROR_SYNTAX,
		   "t.ini:3: expected [section], key = value or # comment");
	load_fails(MIN_OK "[damon\n", NULL, CFG_ERROR_SYNTAX,
		   "t.ini:3: section header must end with ']'");
	load_fails(MIN_OK "[damon]\nops[de] = vaddr\n", NULL,
		   CFG_ERROR_SYNTAX, "t.ini:4: [damon]: bad key name");
	load_fails(MIN_OK "x = ab\\\n", NULL, CFG_ERROR_VALUE,
		   "t.ini:3: [workload] x: backslash at the end of the value");
	load_fails(MIN_OK "[scenario]\nname = a\\qb\n", NULL,
		   CFG_ERROR_VALUE,
		   "t.ini:4: [scenario] name: invalid escape \"\\q\"");
	load_fails(MIN_OK "# caf\xe9\n", NULL, CFG_ERROR_SYNTAX,
		   "t.ini:3: not valid UTF-8 (or a NUL byte)");
}
END_TEST

START_TEST(test_set_overrides)
{
	const char *sets[] = { "damon.sample_interval=1 ms",
			       "scheme.3.action=pageout",
			       "primitive.fast.type=perf",
			       "primitive.fast.period=99",
			       "damon.sample_interval=2 ms",
			       "metrics.hot_threshold = 30 %", NULL };
	struct cfg *cfg = load(MIN_OK "[damon]\nsample_interval = 10 ms\n",
			       sets);

	/* The last --set of a key wins over the file and earlier --sets. */
	ck_assert_uint_eq(cfg_get_time_us(cfg, "damon", "sample_interval"),
			  2000);
	ck_assert(cfg_has_section(cfg, "scheme.3"));
	ck_assert_str_eq(cfg_get_enum(cfg, "scheme.3", "action"), "pageout");
	ck_assert_uint_eq(cfg_get_uint(cfg, "primitive.fast", "period"), 99);
	ck_assert_uint_eq(cfg_get_percent_bp(cfg, "metrics", "hot_threshold"),
			  3000);
	cfg_free(cfg);
}
END_TEST

START_TEST(test_set_errors)
{
	const char *bad_value[] = { "damon.aggr_interval=1 x", NULL };
	const char *bad_key[] = { "damon.agr_interval=1 s", NULL };
	const char *bad_section[] = { "demon.ops=vaddr", NULL };
	const char *no_eq[] = { "damon.ops", NULL };
	const char *no_dot[] = { "ops=vaddr", NULL };
	const char *cross[] = { "damon.sample_interval=1 s", NULL };
	const char *raise_min[] = { "damon.min_nr_regions=2000", NULL };
	const char *lower_max[] = { "damon.max_nr_regions=5", NULL };
	const char *raise_sz_min[] = { "scheme.1.sz_min=4 MiB", NULL };
	const char *odd_entries[] = { "machine.tlb_entries=1000", NULL };
	const char *ctrl[] = { "damon.ops=v\naddr", NULL };

	load_fails(MIN_OK, bad_value, CFG_ERROR_VALUE,
		   "--set damon.aggr_interval=1 x: [damon] aggr_interval: "
		   "\"1 x\": unknown time unit (expected ns, us, ms, s, m, h "
		   "or d)");
	load_fails(MIN_OK, bad_key, CFG_ERROR_UNKNOWN,
		   "--set damon.agr_interval=1 s: [damon] agr_interval: "
		   "unknown key (known: ops, sample_interval, aggr_interval, "
		   "update_interval, min_nr_regions, max_nr_regions)");
	load_fails(MIN_OK, bad_section, CFG_ERROR_UNKNOWN,
		   "--set demon.ops=vaddr: [demon]: unknown section (known: "
		   "scenario, machine, workload, damon, primitive, "
		   "primitive.NAME, scheme.N, metrics, cost, output)");
	load_fails(MIN_OK, no_eq, CFG_ERROR_SYNTAX,
		   "--set damon.ops: expected section.key=value");
	load_fails(MIN_OK, no_dot, CFG_ERROR_SYNTAX,
		   "--set ops=vaddr: expected section.key=value");
	load_fails(MIN_OK, ctrl, CFG_ERROR_SYNTAX,
		   "--set damon.ops=v\\naddr: control character in the value");
	/* A cross-key check blames the --set that broke it. */
	load_fails(MIN_OK, cross, CFG_ERROR_VALUE,
		   "--set damon.sample_interval=1 s: [damon] sample_interval: "
		   "aggr_interval shorter than sample_interval");
	/* ... even when the file wrote both keys, whichever the --set is. */
	load_fails(MIN_OK "[damon]\nmin_nr_regions = 10\n"
			  "max_nr_regions = 1000\n",
		   raise_min, CFG_ERROR_VALUE,
		   "--set damon.min_nr_regions=2000: [damon] min_nr_regions: "
		   "max_nr_regions below min_nr_regions");
	load_fails(MIN_OK "[damon]\nmin_nr_regions = 10\n"
			  "max_nr_regions = 1000\n",
		   lower_max, CFG_ERROR_VALUE,
		   "--set damon.max_nr_regions=5: [damon] max_nr_regions: "
		   "max_nr_regions below min_nr_regions");
	load_fails(MIN_OK "[scheme.1]\nsz_min = 1 MiB\nsz_max = 2 MiB\n",
		   raise_sz_min, CFG_ERROR_VALUE,
		   "--set scheme.1.sz_min=4 MiB: [scheme.1] sz_min: sz_max "
		   "below sz_min");
	load_fails(MIN_OK "[machine]\ntlb_entries = 1536\ntlb_ways = 12\n",
		   odd_entries, CFG_ERROR_VALUE,
		   "--set machine.tlb_entries=1000: [machine] tlb_entries: "
		   "tlb_ways must divide tlb_entries (1000)");
}
END_TEST

/* Every error path works without a GError location (GLib convention). */
START_TEST(test_errors_without_gerror)
{
	static const char *const bad[] = {
		"", "[damon]\nops = vaddr\n", MIN_OK "[bogus]\n",
		MIN_OK "[damon]\nx = 1\n", MIN_OK "[primitive.a]\ntype = q\n",
		MIN_OK "[damon]\nops = q\n", MIN_OK "x\n",
		MIN_OK "[damon]\naggr_interval = 1 ms\n", MIN_OK "bad = 1\n",
	};
	const char *sets[] = { "nodot=1", NULL };
	size_t i;

	for (i = 0; i < G_N_ELEMENTS(bad); i++)
		ck_assert_ptr_null(cfg_load_data(schema, bad[i],
						 strlen(bad[i]), "t", NULL,
						 NULL));
	ck_assert_ptr_null(cfg_load_data(schema, MIN_OK, strlen(MIN_OK), "t",
					 sets, NULL));
	ck_assert_ptr_null(cfg_load_file(schema, "/nonexistent.ini", NULL,
					 NULL));
}
END_TEST

/* The dump names every key, is canonical, and reads back to itself. */
START_TEST(test_dump_round_trip)
{
	char *path = g_build_filename(test_srcdir(), "fixtures", "config",
				      "full.ini", NULL);
	struct cfg *a = cfg_load_file(schema, path, NULL, NULL);
	struct cfg *b, *c;
	char *da, *db, *dc;
	const char *sets[] = { "workload.source=gen:hotcold", NULL };

	ck_assert_ptr_nonnull(a);
	da = cfg_dump(a);
	ck_assert_ptr_nonnull(strstr(da, "\n[damon]\n"));
	ck_assert_ptr_nonnull(strstr(da, "sample_interval = 10 ms\n"));
	ck_assert_ptr_nonnull(strstr(da, "aggr_interval = 200 ms\n"));
	ck_assert_ptr_nonnull(strstr(da, "duration = 1 m 30 s\n"));
	ck_assert_ptr_nonnull(strstr(da, "nodes = 8 GiB, 32 GiB\n"));
	ck_assert_ptr_nonnull(strstr(da, "period = 5003\n"));
	ck_assert_ptr_nonnull(strstr(da, "\ntype = pte\n"));
	ck_assert_ptr_nonnull(strstr(da, "nr_accesses_min = 80 %\n"));
	ck_assert_ptr_nonnull(strstr(da, "age_max = max\n"));
	ck_assert_ptr_nonnull(strstr(da, "# time between access checks "
					 "(default: 5 ms)\n"));
	ck_assert(strstr(da, "[scheme.2]") < strstr(da, "[scheme.10]"));
	/* Reload the dump (source made absolute-free by a generator). */
	b = cfg_load_data(schema, da, strlen(da), "dump", sets, NULL);
	ck_assert_ptr_nonnull(b);
	db = cfg_dump(b);
	c = cfg_load_data(schema, db, strlen(db), "dump2", NULL, NULL);
	ck_assert_ptr_nonnull(c);
	dc = cfg_dump(c);
	ck_assert_str_eq(db, dc);
	/* Only the source differs between the file and its reload. */
	ck_assert_uint_eq(strlen(da) - strlen("masim:phases.masim"),
			  strlen(db) - strlen("gen:hotcold"));
	g_free(da);
	g_free(db);
	g_free(dc);
	cfg_free(a);
	cfg_free(b);
	cfg_free(c);
	g_free(path);
}
END_TEST

START_TEST(test_default_scenario)
{
	struct cfg *cfg = load(cfg_default_scenario, NULL);

	ck_assert_str_eq(cfg_get_string(cfg, "scenario", "name"),
			 "quickstart");
	cfg_free(cfg);
}
END_TEST

START_TEST(test_schema_self_check)
{
	static const struct cfg_key bad[] = {
		{ .name = "x", .type = CFG_TIME, .def = "5 parsecs",
		  .desc = "broken default" },
	};
	GError *err = NULL;
	enum cfg_source_kind kind;
	char *value;

	ck_assert_int_eq(cfg_schema_validate(schema, &err), 0);
	ck_assert_int_eq(cfg_schema_add_keys(schema, "damon", pte_keys, 1),
			 0);
	/* The same key twice in a section is refused. */
	ck_assert_int_eq(cfg_schema_add_keys(schema, "damon", pte_keys, 1),
			 -EEXIST);
	ck_assert_int_eq(cfg_schema_add_keys(schema, "nosuch", pte_keys, 1),
			 -ENOENT);
	ck_assert_int_eq(cfg_schema_add_type(schema, "damon", "t", "", NULL,
					     0), -ENOENT);
	ck_assert_int_eq(cfg_schema_add_keys(schema, "metrics", bad, 1), 0);
	ck_assert_int_eq(cfg_schema_validate(schema, &err), -EINVAL);
	ck_assert_str_eq(err->message, "[metrics] x: bad default: "
		"\"5 parsecs\": unknown time unit (expected ns, us, ms, s, m, "
		"h or d)");
	g_error_free(err);
	ck_assert_int_eq(cfg_parse_source("traces/a.dst", &kind, &value,
					  NULL), 0);
	ck_assert_int_eq(kind, CFG_SOURCE_TRACE);
	ck_assert_str_eq(value, "traces/a.dst");
	g_free(value);
	ck_assert_int_eq(cfg_parse_source("zipf", &kind, &value, NULL), 0);
	ck_assert_int_eq(kind, CFG_SOURCE_GENERATOR);
	g_free(value);
	ck_assert_int_eq(cfg_parse_source("gen:", &kind, &value, NULL),
			 -EINVAL);
}
END_TEST

START_TEST(test_describe)
{
	GString *md = cfg_schema_describe(schema);

	ck_assert_ptr_nonnull(strstr(md->str, "### [scheme.N]"));
	ck_assert_ptr_nonnull(strstr(md->str,
		"| `sample_interval` | time | 5 ms | time between access "
		"checks |"));
	ck_assert_ptr_nonnull(strstr(md->str, "#### [primitive] type = perf"));
	g_string_free(md, TRUE);
}
END_TEST

/* docs/config.md embeds the generated reference: it must be current. */
START_TEST(test_docs_reference_current)
{
	struct cfg_schema *own = cfg_schema_new_damonsim();
	GString *md = cfg_schema_describe(own);
	char *path = g_build_filename(test_srcdir(), "..", "docs",
				      "config.md", NULL);
	gchar *doc;

	ck_assert(g_file_get_contents(path, &doc, NULL, NULL));
	ck_assert_msg(strstr(doc, md->str),
		      "docs/config.md: key reference is stale; paste the "
		      "output of cfg_schema_describe()");
	g_free(doc);
	g_free(path);
	g_string_free(md, TRUE);
	cfg_schema_free(own);
}
END_TEST

Suite *suite_config_load(void)
{
	Suite *s = suite_create("config_load");
	TCase *tc = tcase_create("load");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_defaults);
	tcase_add_test(tc, test_full_file);
	tcase_add_test(tc, test_source_path_relative_to_file);
	tcase_add_test(tc, test_unknown_section);
	tcase_add_test(tc, test_unknown_key);
	tcase_add_test(tc, test_bad_values);
	tcase_add_test(tc, test_cross_checks);
	tcase_add_test(tc, test_syntax);
	tcase_add_test(tc, test_set_overrides);
	tcase_add_test(tc, test_set_errors);
	tcase_add_test(tc, test_errors_without_gerror);
	tcase_add_test(tc, test_dump_round_trip);
	tcase_add_test(tc, test_default_scenario);
	tcase_add_test(tc, test_schema_self_check);
	tcase_add_test(tc, test_describe);
	tcase_add_test(tc, test_docs_reference_current);
	suite_add_tcase(s, tc);
	return s;
}
