// SPDX-License-Identifier: GPL-2.0
/*
 * ibs: a tag on every op of one-op accesses sees every access (exact
 * snapshots, virtual and physical); with several ops per access the
 * samples that land on non-memory ops are wasted, counted exactly; one
 * NMI per sample; reports carry thread, CPU and type.
 */
#include "config.h"

#include <check.h>

#include "tests/prim_util.h"

static struct pu_result res;

START_TEST(test_ibs_every_op_exact)
{
	static const char *const params[] = { "period=1", "rand_bits=0",
					      "ops_per_access=1", NULL };
	const struct pu_script s = { .hot_first = 0, .hot_last = 1,
				     .nr_aggr = 6, .seed = 4,
				     .paddr = _i == 1 };
	const struct pu_prim p = { "ibs", params };
	unsigned int k;

	pu_run(&s, &p, 1, NULL, NULL, &res);
	ck_assert_uint_ge(res.nr_snaps, 4);
	for (k = 0; k < res.nr_snaps; k++)
		ck_assert_uint_eq(res.wrong[k], 0);
	ck_assert_uint_eq(res.counters[0].nmis,
			  res.accesses[0] + res.accesses[1]);
	ck_assert_uint_eq(res.counters[0].wasted_samples, 0);
}
END_TEST

/*
 * One CPU (region 2), period 31, 3 ops per access: tags at ops 31 j, a
 * memory op (every third op) iff j is a multiple of 3.
 */
START_TEST(test_ibs_wasted_samples_exact)
{
	static const char *const params[] = { "period=31", "rand_bits=0",
					      NULL };
	const struct pu_script s = { .hot_first = 2, .hot_last = 2,
				     .nr_aggr = 2, .seed = 1 };
	const struct pu_prim p = { "ibs", params };
	const struct prim_counters *c = &res.counters[0];
	uint64_t samples;

	pu_run(&s, &p, 1, NULL, NULL, &res);
	samples = 3 * res.accesses[0] / 31;
	ck_assert_uint_eq(c->pmu_samples, samples);
	ck_assert_uint_eq(c->nmis, samples);
	ck_assert_uint_eq(c->reports_pushed, samples / 3);
	ck_assert_uint_eq(c->wasted_samples, samples - samples / 3);
	/* Every NMI, wasted or not, stalls region 2's thread. */
	ck_assert_uint_eq(res.inband[PRIM_EV_IBS_NMI][2], samples);
	ck_assert_uint_eq(res.inband_other, 0);
}
END_TEST

/* Hardware-style randomization: about 2/3 wasted, 1/mean-period sampled. */
START_TEST(test_ibs_randomized_period)
{
	static const char *const params[] = { "period=64", NULL };
	const struct pu_script s = { .hot_first = 0, .hot_last = 9,
				     .nr_aggr = 4, .seed = 1 };
	const struct pu_prim p = { "ibs", params };
	const struct prim_counters *c = &res.counters[0];
	double ops, useful;

	pu_run(&s, &p, 1, NULL, NULL, &res);
	ops = 3.0 * (double)(res.accesses[0] + res.accesses[1]);
	/* Periods 64..79, mean 71.5. */
	ck_assert_double_ge(c->pmu_samples, ops / 71.5 * 0.95);
	ck_assert_double_le(c->pmu_samples, ops / 71.5 * 1.05);
	useful = (double)(c->pmu_samples - c->wasted_samples);
	ck_assert_double_ge(useful, c->pmu_samples / 3.0 * 0.85);
	ck_assert_double_le(useful, c->pmu_samples / 3.0 * 1.15);
	ck_assert_uint_eq(c->reports_pushed,
			  c->pmu_samples - c->wasted_samples);
}
END_TEST

START_TEST(test_ibs_reports_thread_and_type)
{
	static const char *const params[] = { "period=4", "rand_bits=0",
					      "ops_per_access=1", NULL };
	const struct pu_script s = { .hot_first = 1, .hot_last = 8,
				     .nr_aggr = 2, .seed = 1,
				     .paddr = _i == 1 };
	const struct pu_prim p = { "ibs", params };

	pu_run(&s, &p, 1, pu_check_attribution, NULL, &res);
	ck_assert_uint_gt(res.checked, 100);
}
END_TEST

Suite *suite_prim_ibs(void)
{
	Suite *s = suite_create("prim_ibs");
	TCase *tc = tcase_create("ibs");

	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_ibs_every_op_exact, 0, 2);
	tcase_add_test(tc, test_ibs_wasted_samples_exact);
	tcase_add_test(tc, test_ibs_randomized_period);
	tcase_add_loop_test(tc, test_ibs_reports_thread_and_type, 0, 2);
	suite_add_tcase(s, tc);
	return s;
}
