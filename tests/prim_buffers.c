// SPDX-License-Identifier: GPL-2.0
/*
 * The report buffers behind the primitives: simple and percpu, linear and
 * bsearch give byte-identical snapshots when nothing is dropped; overflow
 * drops exactly what does not fit; two primitives side by side keep
 * their reports apart; one seed gives byte-identical outputs.
 */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "tests/prim_util.h"

static struct pu_result res;

START_TEST(test_buffers_and_lookups_identical)
{
	static const char *const cfgs[4][4] = {
		{ "period=3", "buffer=simple", "lookup=linear", NULL },
		{ "period=3", "buffer=simple", "lookup=bsearch", NULL },
		{ "period=3", "buffer=percpu", "lookup=linear", NULL },
		{ "period=3", "buffer=percpu", "lookup=bsearch", NULL },
	};
	const struct pu_script s = { .hot_first = 1, .hot_last = 6,
				     .nr_aggr = 4, .seed = 5 };
	char *first = NULL;
	uint64_t pushed = 0;
	unsigned int i;

	for (i = 0; i < 4; i++) {
		const struct pu_prim p = { "perf", cfgs[i] };

		pu_run(&s, &p, 1, NULL, NULL, &res);
		ck_assert_uint_eq(res.counters[0].reports_dropped, 0);
		ck_assert_uint_gt(res.counters[0].reports_pushed, 0);
		if (!first) {
			first = strndup(res.dump, res.dump_len);
			pushed = res.counters[0].reports_pushed;
			continue;
		}
		ck_assert_str_eq(first, res.dump);
		ck_assert_uint_eq(pushed, res.counters[0].reports_pushed);
	}
	free(first);
}
END_TEST

/*
 * perf at period 1: each 5 ms interval holds 5 steps x 10 pages = 50
 * reports per touched region; capacity 8 keeps 8 per CPU and interval.
 * nr_aggr = 2 runs 102 steps: 20 full intervals and one of 2 steps (20
 * reports), all over 8.  Two regions on two CPUs.
 */
START_TEST(test_buffer_overflow_drops_exactly)
{
	static const char *const simple[] = { "period=1", "capacity=8",
					      "buffer=simple", NULL };
	static const char *const percpu[] = { "period=1", "capacity=8",
					      "buffer=percpu", NULL };
	const struct pu_script s = { .hot_first = 2, .hot_last = 3,
				     .nr_aggr = 2, .seed = 1 };
	const struct pu_prim p = { "perf", _i ? percpu : simple };
	/* simple: one array of 8; percpu: 8 for each of the two CPUs */
	uint64_t kept = (_i ? 2 : 1) * 8 * 21;

	pu_run(&s, &p, 1, NULL, NULL, &res);
	ck_assert_uint_eq(res.accesses[0] + res.accesses[1], 2 * 10 * 102);
	ck_assert_uint_eq(res.counters[0].reports_pushed, kept);
	ck_assert_uint_eq(res.counters[0].reports_dropped, 2040 - kept);
}
END_TEST

/* perf's counts do not change when ibs runs beside it, and vice versa. */
START_TEST(test_side_by_side_separate)
{
	static const char *const pp[] = { "period=3", NULL };
	static const char *const ip[] = { "period=16", NULL };
	const struct pu_script s = { .hot_first = 0, .hot_last = 4,
				     .nr_aggr = 3, .seed = 8 };
	const struct pu_prim both[2] = { { "perf", pp }, { "ibs", ip } };
	struct prim_counters alone[2];

	pu_run(&s, &both[0], 1, NULL, NULL, &res);
	alone[0] = res.counters[0];
	pu_run(&s, &both[1], 1, NULL, NULL, &res);
	alone[1] = res.counters[0];
	pu_run(&s, both, 2, NULL, NULL, &res);
	ck_assert_uint_eq(res.counters[0].reports_pushed,
			  alone[0].reports_pushed);
	ck_assert_uint_eq(res.counters[1].reports_pushed,
			  alone[1].reports_pushed);
	ck_assert_uint_ne(alone[0].reports_pushed, alone[1].reports_pushed);
	/* Each drained exactly its own reports, all attributed. */
	ck_assert_uint_eq(res.counters[0].drain_lookups,
			  alone[0].drain_lookups);
	ck_assert_uint_eq(res.counters[1].drain_lookups,
			  alone[1].drain_lookups);
	ck_assert_uint_eq(res.counters[0].unattributed, 0);
	ck_assert_uint_eq(res.counters[1].unattributed, 0);
}
END_TEST

START_TEST(test_same_seed_same_output)
{
	static const char *const pp[] = { "period=97", "randomize=6", NULL };
	static const char *const pp2[] = { "period=97", "randomize=6",
					   "seed=2", NULL };
	static const char *const ip[] = { "period=300", NULL };
	static const char *const ip2[] = { "period=300", "seed=2", NULL };
	const struct pu_prim prims[3] = {
		{ "fault", NULL }, { "perf", pp }, { "ibs", ip },
	};
	const struct pu_prim prims2[3] = {
		{ "fault", NULL }, { "perf", pp2 }, { "ibs", ip2 },
	};
	/* Partly touched regions: what is seen depends on the seeds. */
	const struct pu_script s = { .hot_first = 2, .hot_last = 4,
				     .nr_aggr = 4, .seed = 42,
				     .hot_pages = 3 };
	const struct pu_script s2 = { .hot_first = 2, .hot_last = 4,
				      .nr_aggr = 4, .seed = 43,
				      .hot_pages = 3 };
	char *a = pu_run_in_child(&s, &prims[_i]);
	char *b = pu_run_in_child(&s, &prims[_i]);
	char *c = pu_run_in_child(&s2, &prims2[_i]);

	ck_assert_str_eq(a, b);
	ck_assert_str_ne(a, c);
	free(a);
	free(b);
	free(c);
}
END_TEST

Suite *suite_prim_buffers(void)
{
	Suite *s = suite_create("prim_buffers");
	TCase *tc = tcase_create("buffers");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_buffers_and_lookups_identical);
	tcase_add_loop_test(tc, test_buffer_overflow_drops_exactly, 0, 2);
	tcase_add_test(tc, test_side_by_side_separate);
	tcase_add_loop_test(tc, test_same_seed_same_output, 0, 3);
	suite_add_tcase(s, tc);
	return s;
}
