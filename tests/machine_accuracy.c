// SPDX-License-Identifier: GPL-2.0
/* Accuracy metrics against hand-computed cases. */
#include <math.h>

#include "sim/accuracy.h"
#include "tests/machine_tests.h"

#define PG MACH_PAGE_SIZE
#define V 0x100000ULL
#define EPS 1e-12

/* S = 4 cells of 10 ns from t = 0; g(page i) = cells[i] cells. */
static struct machine *acc_setup(struct mach_as **asp, const uint32_t *g,
				 unsigned int npages)
{
	struct machine *m = mt_machine(1, 1 << 20, true, 64, 4);
	struct mach_as *as = machine_as_create(m, 1);
	unsigned int i, k;

	ck_assert_int_eq(machine_map(as, V, 8 * PG, 0, 0), 0);
	machine_gt_set_sample_interval(m, 10);
	machine_gt_aggr_begin(m, 0);
	/* Time must not go backwards: cells outer, pages inner. */
	for (k = 0; k < 4; k++)
		for (i = 0; i < npages; i++)
			if (k < g[i])
				machine_access(m, 0, as, V + i * PG, 1, false,
					       k * 10 + 3);
	machine_gt_aggr_end(m, 40);
	*asp = as;
	return m;
}

START_TEST(test_hand_case)
{
	static const uint32_t g[8] = {4, 4, 1};
	const struct acc_region r[] = {
		{V, V + 2 * PG, 4},
		{V + 2 * PG, V + 4 * PG, 2},
	};
	struct acc_result res;
	struct mach_as *as;
	struct machine *m = acc_setup(&as, g, 3);

	ck_assert_int_eq(accuracy_vaddr(as, r, 2, 4, 0.5, &res), 0);
	ck_assert_uint_eq(res.hot_threshold, 2);
	ck_assert_uint_eq(res.total_bytes, 8 * PG);
	/* |d-g| per page: 0 0 1 2 0 0 0 0 -> 3 pages*count */
	ck_assert_double_eq_tol(res.err_weighted, 3.0 * PG / 4, EPS);
	ck_assert_double_eq_tol(res.freq_error, 3.0 / 32, EPS);
	ck_assert_uint_eq(res.hot_true_bytes, 2 * PG);
	ck_assert_uint_eq(res.hot_damon_bytes, 4 * PG);
	ck_assert_uint_eq(res.hot_both_bytes, 2 * PG);
	ck_assert_double_eq_tol(res.precision, 0.5, EPS);
	ck_assert_double_eq_tol(res.recall, 1.0, EPS);
	ck_assert_double_eq_tol(res.f1, 2.0 / 3, EPS);
	ck_assert_uint_eq(res.wss_true_bytes, 3 * PG);
	ck_assert_uint_eq(res.wss_damon_bytes, 4 * PG);
	ck_assert_double_eq_tol(res.wss_rel_error, 1.0 / 3, EPS);
	/* theta = 1: only g = d = 4 pages are hot. */
	ck_assert_int_eq(accuracy_vaddr(as, r, 2, 4, 1.0, &res), 0);
	ck_assert_uint_eq(res.hot_threshold, 4);
	ck_assert_uint_eq(res.hot_damon_bytes, 2 * PG);
	ck_assert_double_eq_tol(res.f1, 1.0, EPS);
	machine_destroy(m);
}
END_TEST

START_TEST(test_perfect_damon)
{
	static const uint32_t g[8] = {4, 4, 1, 0, 3, 3, 3, 0};
	const struct acc_region r[] = {
		{V, V + 2 * PG, 4},
		{V + 2 * PG, V + 3 * PG, 1},
		{V + 3 * PG, V + 4 * PG, 0},
		{V + 4 * PG, V + 7 * PG, 3},
	};
	struct acc_result res;
	struct mach_as *as;
	struct machine *m = acc_setup(&as, g, 8);

	ck_assert_int_eq(accuracy_vaddr(as, r, 4, 4, 0.5, &res), 0);
	ck_assert_double_eq_tol(res.freq_error, 0.0, EPS);
	ck_assert_double_eq_tol(res.f1, 1.0, EPS);
	ck_assert_double_eq_tol(res.precision, 1.0, EPS);
	ck_assert_double_eq_tol(res.recall, 1.0, EPS);
	ck_assert_uint_eq(res.wss_true_bytes, 6 * PG);
	ck_assert_double_eq_tol(res.wss_rel_error, 0.0, EPS);
	machine_destroy(m);
}
END_TEST

START_TEST(test_all_idle)
{
	const struct acc_region r[] = {{V, V + 8 * PG, 0}};
	struct acc_result res;
	struct mach_as *as;
	struct machine *m = acc_setup(&as, NULL, 0);

	ck_assert_int_eq(accuracy_vaddr(as, r, 1, 4, 0.5, &res), 0);
	ck_assert_uint_eq(res.wss_true_bytes, 0);
	ck_assert_uint_eq(res.wss_damon_bytes, 0);
	ck_assert_double_eq_tol(res.wss_rel_error, 0.0, EPS);
	ck_assert_double_eq_tol(res.freq_error, 0.0, EPS);
	/* No hot page on either side: perfect agreement by definition. */
	ck_assert_double_eq_tol(res.precision, 1.0, EPS);
	ck_assert_double_eq_tol(res.recall, 1.0, EPS);
	ck_assert_double_eq_tol(res.f1, 1.0, EPS);
	/* DAMON claims 8 pages hot when none is: precision 0, F1 0, and
	 * the WSS error is relative to one page. */
	const struct acc_region r2[] = {{V, V + 8 * PG, 3}};

	ck_assert_int_eq(accuracy_vaddr(as, r2, 1, 4, 0.5, &res), 0);
	ck_assert_double_eq_tol(res.precision, 0.0, EPS);
	ck_assert_double_eq_tol(res.recall, 1.0, EPS);
	ck_assert_double_eq_tol(res.f1, 0.0, EPS);
	ck_assert_double_eq_tol(res.freq_error, 0.75, EPS);
	ck_assert_double_eq_tol(res.wss_rel_error, 8.0, EPS);
	machine_destroy(m);
}
END_TEST

START_TEST(test_gaps_clamp_and_errors)
{
	static const uint32_t g[8] = {2, 0, 0, 0, 0, 0, 0, 4};
	/* One region over the whole span, including an unmapped hole. */
	const struct acc_region r[] = {{V - 16 * PG, V + 16 * PG, 9}};
	const struct acc_region bad[] = {{V, V + 2 * PG, 1},
					 {V + PG, V + 3 * PG, 1}};
	struct acc_result res;
	struct mach_as *as;
	struct machine *m = acc_setup(&as, g, 8);

	machine_unmap(as, V + 2 * PG, 2 * PG); /* hole: 6 pages remain */
	ck_assert_int_eq(accuracy_vaddr(as, r, 1, 4, 0.5, &res), 0);
	ck_assert_uint_eq(res.total_bytes, 6 * PG);
	ck_assert_uint_eq(res.wss_damon_bytes, 6 * PG);
	/* d clamped to 4: |4-2| + 4*4 + |4-4| = 18 */
	ck_assert_double_eq_tol(res.freq_error, 18.0 / 24, EPS);
	ck_assert_uint_eq(res.hot_true_bytes, 2 * PG);
	ck_assert_double_eq_tol(res.recall, 1.0, EPS);
	ck_assert_double_eq_tol(res.precision, 2.0 / 6, EPS);
	ck_assert_int_eq(accuracy_vaddr(as, bad, 2, 4, 0.5, &res), -EINVAL);
	ck_assert_int_eq(accuracy_vaddr(as, r, 1, 0, 0.5, &res), -EINVAL);
	ck_assert_int_eq(accuracy_vaddr(as, r, 1, 4, 0.0, &res), -EINVAL);
	ck_assert_int_eq(accuracy_vaddr(as, r, 1, 4, 1.5, &res), -EINVAL);
	/* No regions at all: d = 0 everywhere. */
	ck_assert_int_eq(accuracy_vaddr(as, NULL, 0, 4, 0.5, &res), 0);
	ck_assert_double_eq_tol(res.recall, 0.0, EPS);
	ck_assert_double_eq_tol(res.precision, 1.0, EPS);
	ck_assert_double_eq_tol(res.freq_error, 6.0 / 24, EPS);
	ck_assert_double_eq_tol(res.wss_rel_error, -1.0, EPS);
	machine_destroy(m);
}
END_TEST

START_TEST(test_paddr_and_cumulative)
{
	static const uint32_t g[8] = {4, 2};
	struct acc_result res, tot;
	struct acc_cumulative cum;
	struct mach_as *as;
	struct machine *m = acc_setup(&as, g, 2);
	struct mach_pte_info p0, p1;
	double mabs;

	/* Frames 0 and 1 of the 1 MiB node (256 frames) hold pages 0, 1. */
	machine_pte_get(as, V, &p0);
	machine_pte_get(as, V + PG, &p1);
	ck_assert_uint_eq(p0.pfn, 0);
	ck_assert_uint_eq(p1.pfn, 1);
	const struct acc_region r[] = {{0, PG, 4}, {PG, 3 * PG, 1}};

	ck_assert_int_eq(accuracy_paddr(m, r, 2, 4, 0.5, &res), 0);
	ck_assert_uint_eq(res.total_bytes, 1 << 20);
	/* |4-4| + |1-2| + |1-0| = 2 */
	ck_assert_double_eq_tol(res.err_weighted, 2.0 * PG / 4, EPS);
	ck_assert_uint_eq(res.hot_true_bytes, 2 * PG);
	ck_assert_uint_eq(res.hot_damon_bytes, PG);
	ck_assert_double_eq_tol(res.recall, 0.5, EPS);
	ck_assert_uint_eq(res.wss_damon_bytes, 3 * PG);

	accuracy_cumulative_init(&cum);
	accuracy_cumulative_add(&cum, &res);
	ck_assert_int_eq(accuracy_vaddr(as, NULL, 0, 4, 0.5, &res), 0);
	accuracy_cumulative_add(&cum, &res);
	accuracy_cumulative_result(&cum, &tot, &mabs);
	ck_assert_uint_eq(tot.nr_aggregations, 2);
	ck_assert_uint_eq(tot.total_bytes, (1 << 20) + 8 * PG);
	ck_assert_uint_eq(tot.hot_true_bytes, 4 * PG);
	ck_assert_uint_eq(tot.hot_both_bytes, PG);
	ck_assert_double_eq_tol(tot.recall, 0.25, EPS);
	ck_assert_double_eq_tol(tot.freq_error,
				(2.0 + 6.0) * PG / 4 / ((1 << 20) + 8 * PG),
				EPS);
	ck_assert_double_eq_tol(mabs, (0.5 + 1.0) / 2, EPS);
	machine_destroy(m);
}
END_TEST

Suite *suite_machine_accuracy(void)
{
	Suite *s = suite_create("machine_accuracy");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_hand_case);
	tcase_add_test(tc, test_perfect_damon);
	tcase_add_test(tc, test_all_idle);
	tcase_add_test(tc, test_gaps_clamp_and_errors);
	tcase_add_test(tc, test_paddr_and_cumulative);
	suite_add_tcase(s, tc);
	return s;
}
