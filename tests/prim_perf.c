// SPDX-License-Identifier: GPL-2.0
/*
 * perf: period 1 sees every access (exact snapshots); period N samples
 * exactly every Nth event of each kind per CPU, about 1/mean-period with
 * randomized low bits; events select loads or stores; a PEBS buffer of
 * several records interrupts once per buffer.
 */
#include "config.h"

#include <check.h>

#include "tests/prim_util.h"

static struct pu_result res;

START_TEST(test_perf_period_one_exact)
{
	static const char *const params[] = { "period=1", NULL };
	const struct pu_script s = { .hot_first = 4, .hot_last = 6,
				     .nr_aggr = 6, .seed = 1,
				     .paddr = _i == 1 };
	const struct pu_prim p = { "perf", params };
	unsigned int k;

	pu_run(&s, &p, 1, NULL, NULL, &res);
	ck_assert_uint_ge(res.nr_snaps, 4);
	for (k = 0; k < res.nr_snaps; k++)
		ck_assert_uint_eq(res.wrong[k], 0);
	ck_assert_uint_eq(res.counters[0].pmu_samples,
			  res.accesses[0] + res.accesses[1]);
	ck_assert_uint_eq(res.counters[0].interrupts,
			  res.counters[0].records);
}
END_TEST

/* Regions 2..5: one (CPU, kind) pair each, the same count for each. */
START_TEST(test_perf_fixed_period_counts)
{
	static const char *const both[] = { "period=7", NULL };
	static const char *const loads[] = { "period=7", "events=loads",
					     NULL };
	const struct pu_script s = { .hot_first = 2, .hot_last = 5,
				     .nr_aggr = 2, .seed = 1 };
	const struct pu_prim pb = { "perf", both }, pl = { "perf", loads };
	uint64_t per_region;
	unsigned int k;

	pu_run(&s, &pb, 1, NULL, NULL, &res);
	per_region = (res.accesses[0] + res.accesses[1]) / 4;
	ck_assert_uint_eq(res.accesses[0], res.accesses[1]);
	ck_assert_uint_eq(res.counters[0].pmu_samples, 4 * (per_region / 7));
	ck_assert_uint_eq(res.counters[0].reports_pushed,
			  res.counters[0].pmu_samples);
	/* One thread per (CPU, kind): each pays for its own records. */
	for (k = 2; k <= 5; k++)
		ck_assert_uint_eq(res.inband[PRIM_EV_PEBS_RECORD][k],
				  per_region / 7);
	ck_assert_uint_eq(res.inband_other, 0);
	pu_run(&s, &pl, 1, NULL, NULL, &res);
	ck_assert_uint_eq(res.counters[0].pmu_samples, 2 * (per_region / 7));
}
END_TEST

START_TEST(test_perf_loads_only_reports_reads)
{
	static const char *const loads[] = { "period=3", "events=loads",
					     NULL };
	static const char *const stores[] = { "period=3", "events=stores",
					      NULL };
	/* Only region 2 (loads) or 3 (stores) is touched. */
	const struct pu_script sl = { .hot_first = 2, .hot_last = 2,
				      .nr_aggr = 2, .seed = 1 };
	const struct pu_script ss = { .hot_first = 3, .hot_last = 3,
				      .nr_aggr = 2, .seed = 1 };
	const struct pu_prim pl = { "perf", loads }, ps = { "perf", stores };

	pu_run(&sl, &pl, 1, pu_check_attribution, NULL, &res);
	ck_assert_uint_gt(res.checked, 10);
	pu_run(&ss, &pl, 1, NULL, NULL, &res);
	ck_assert_uint_eq(res.counters[0].pmu_samples, 0);
	pu_run(&ss, &ps, 1, NULL, NULL, &res);
	ck_assert_uint_eq(res.counters[0].pmu_samples,
			  res.accesses[1] / 3);
}
END_TEST

START_TEST(test_perf_attribution_all_threads)
{
	static const char *const params[] = { "period=5", NULL };
	const struct pu_script s = { .hot_first = 1, .hot_last = 8,
				     .nr_aggr = 2, .seed = 1,
				     .paddr = _i == 1 };
	const struct pu_prim p = { "perf", params };

	pu_run(&s, &p, 1, pu_check_attribution, NULL, &res);
	ck_assert_uint_gt(res.checked, 100);
}
END_TEST

/* Period 72 with 4 random low bits: periods 64..79, mean 71.5. */
START_TEST(test_perf_randomized_period)
{
	static const char *const params[] = { "period=72", "randomize=4",
					      "seed=9", NULL };
	const struct pu_script s = { .hot_first = 0, .hot_last = 9,
				     .nr_aggr = 4, .seed = 1 };
	const struct pu_prim p = { "perf", params };
	double expect;

	pu_run(&s, &p, 1, NULL, NULL, &res);
	expect = (double)(res.accesses[0] + res.accesses[1]) / 71.5;
	ck_assert_double_ge(res.counters[0].pmu_samples, expect * 0.95);
	ck_assert_double_le(res.counters[0].pmu_samples, expect * 1.05);
	/* Not the fixed period's count. */
	ck_assert_uint_ne(res.counters[0].pmu_samples,
			  (res.accesses[0] + res.accesses[1]) / 72);
}
END_TEST

START_TEST(test_perf_pebs_buffer_interrupts)
{
	static const char *const params[] = { "period=2", "pebs_buffer=4",
					      NULL };
	const struct pu_script s = { .hot_first = 2, .hot_last = 5,
				     .nr_aggr = 2, .seed = 1 };
	const struct pu_prim p = { "perf", params };
	const struct prim_counters *c = &res.counters[0];

	pu_run(&s, &p, 1, NULL, NULL, &res);
	ck_assert_uint_eq(c->records, c->pmu_samples);
	ck_assert_uint_eq(c->reports_pushed, 4 * c->interrupts);
	/* At most 3 records wait in each of the 4 CPUs' buffers. */
	ck_assert_uint_le(c->records - c->reports_pushed, 4 * 3);
	ck_assert_uint_eq(c->interrupts, 4 * ((c->records / 4) / 4));
}
END_TEST

Suite *suite_prim_perf(void)
{
	Suite *s = suite_create("prim_perf");
	TCase *tc = tcase_create("perf");

	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_perf_period_one_exact, 0, 2);
	tcase_add_test(tc, test_perf_fixed_period_counts);
	tcase_add_test(tc, test_perf_loads_only_reports_reads);
	tcase_add_loop_test(tc, test_perf_attribution_all_threads, 0, 2);
	tcase_add_test(tc, test_perf_randomized_period);
	tcase_add_test(tc, test_perf_pebs_buffer_interrupts);
	suite_add_tcase(s, tc);
	return s;
}
