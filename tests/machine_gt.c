// SPDX-License-Identifier: GPL-2.0
/* Ground truth: distinct sampling intervals with an access, per page. */
#include "tests/machine_tests.h"

#define PG MACH_PAGE_SIZE
#define A 0x10000ULL
#define B (A + PG)
#define C (A + 2 * PG)

static void acc(struct machine *m, struct mach_as *as, uint64_t addr,
		uint64_t t)
{
	ck_assert_int_eq(machine_access(m, 0, as, addr, 1, false, t), 0);
}

struct visit_log {
	unsigned int n;
	uint64_t addr[8];
	uint32_t g[8];
};

static void visit(void *ctx, uint64_t addr, uint32_t g)
{
	struct visit_log *l = ctx;

	if (l->n < 8) {
		l->addr[l->n] = addr;
		l->g[l->n] = g;
	}
	l->n++;
}

START_TEST(test_scripted_pattern)
{
	struct machine *m = mt_machine(1, 1 << 20, true, 64, 4);
	struct mach_as *as = machine_as_create(m, 1);
	struct visit_log l = {0};
	struct mach_as *other;
	uint64_t pa;

	machine_map(as, A, 16 * PG, 0, 0);
	ck_assert_int_eq(machine_gt_set_sample_interval(m, 0), -EINVAL);
	ck_assert_int_eq(machine_gt_set_sample_interval(m, 10), 0);
	/* Before any aggregation: not counted. */
	acc(m, as, C, 0);
	ck_assert_uint_eq(machine_gt_aggr_begin(m, 100), 0);
	/* Cells: [100,110) [110,120) [120,130) [130,140) [140,150). */
	acc(m, as, A, 101);
	acc(m, as, A, 102); /* same cell: still 1 */
	acc(m, as, A, 109);
	acc(m, as, A, 115);
	acc(m, as, B, 105);
	acc(m, as, A, 135); /* cell 3; cell 2 skipped */
	acc(m, as, B, 149);
	ck_assert_uint_eq(machine_gt_page(as, A), 3);
	ck_assert_uint_eq(machine_gt_page(as, B + 77), 2);
	ck_assert_uint_eq(machine_gt_page(as, C), 0);
	machine_gt_aggr_end(m, 150);
	acc(m, as, C, 151); /* between aggregations: not counted */
	ck_assert_uint_eq(machine_gt_page(as, C), 0);
	ck_assert_uint_eq(machine_gt_nr_samples(m), 5);
	machine_gt_for_each_page(as, 0, MACH_VA_LIMIT, visit, &l);
	ck_assert_uint_eq(l.n, 2);
	ck_assert_uint_eq(l.addr[0], A);
	ck_assert_uint_eq(l.g[0], 3);
	ck_assert_uint_eq(l.addr[1], B);
	ck_assert_uint_eq(l.g[1], 2);
	/* Per-frame truth equals per-page truth without sharing. */
	ck_assert_int_eq(machine_frame_rmap(m, 0, &other, &pa), 0);
	ck_assert_uint_eq(pa, C); /* C was touched first: frame 0 */
	{
		struct mach_pte_info pi;

		machine_pte_get(as, A, &pi);
		ck_assert_uint_eq(machine_gt_frame(m, pi.pfn), 3);
		l.n = 0;
		machine_gt_for_each_frame(m, 0, 1 << 20, visit, &l);
		ck_assert_uint_eq(l.n, 2);
		ck_assert_uint_eq(l.addr[0], pi.pfn << 12);
	}
	/* Next aggregation starts from zero, grid re-anchored at 157. */
	ck_assert_uint_eq(machine_gt_aggr_begin(m, 157), 1);
	acc(m, as, A, 157);
	acc(m, as, A, 166); /* same cell [157,167) */
	acc(m, as, A, 167);
	ck_assert_uint_eq(machine_gt_page(as, A), 2);
	ck_assert_uint_eq(machine_gt_page(as, B), 0);
	l.n = 0;
	machine_gt_for_each_page(as, A + PG, A + 16 * PG, visit, &l);
	ck_assert_uint_eq(l.n, 0);
	machine_destroy(m);
}
END_TEST

START_TEST(test_huge_subpages_and_unmap)
{
	struct machine *m = mt_machine(1, 64 << 20, true, 64, 4);
	struct mach_as *as = machine_as_create(m, 1);
	uint64_t h = 0x200000;

	machine_map(as, h, 2 << 20, MACH_MAP_HUGE, 0);
	machine_gt_set_sample_interval(m, 10);
	machine_gt_aggr_begin(m, 0);
	acc(m, as, h + 3 * PG, 1);
	acc(m, as, h + 3 * PG, 11);
	acc(m, as, h + 9 * PG, 12);
	/* Truth stays per 4 KiB subpage under one 2 MiB A bit. */
	ck_assert_uint_eq(machine_gt_page(as, h + 3 * PG), 2);
	ck_assert_uint_eq(machine_gt_page(as, h + 9 * PG), 1);
	ck_assert_uint_eq(machine_gt_page(as, h + 4 * PG), 0);
	machine_unmap(as, h + 3 * PG, PG);
	ck_assert_uint_eq(machine_gt_page(as, h + 3 * PG), 0);
	ck_assert_uint_eq(machine_gt_page(as, h + 9 * PG), 1);
	machine_destroy(m);
}
END_TEST

START_TEST(test_long_gap)
{
	struct machine *m = mt_machine(1, 1 << 20, true, 64, 4);
	struct mach_as *as = machine_as_create(m, 1);

	machine_map(as, A, PG, 0, 0);
	machine_gt_set_sample_interval(m, 1000);
	machine_gt_aggr_begin(m, 0);
	acc(m, as, A, 999);
	acc(m, as, A, 1000);
	acc(m, as, A, 1000000000); /* many cells later */
	acc(m, as, A, 1000000999);
	ck_assert_uint_eq(machine_gt_page(as, A), 3);
	machine_destroy(m);
}
END_TEST

Suite *suite_machine_gt(void)
{
	Suite *s = suite_create("machine_gt");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_scripted_pattern);
	tcase_add_test(tc, test_huge_subpages_and_unmap);
	tcase_add_test(tc, test_long_gap);
	suite_add_tcase(s, tc);
	return s;
}
