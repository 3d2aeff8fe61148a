// SPDX-License-Identifier: GPL-2.0
/*
 * The target adapter: a real DAMON target's regions snapshotted into the
 * flat sorted array the drain takes, hits indexed in region order.
 */
#include "config.h"

#include <check.h>

#include <linux/damon.h>

#include "hostops.h"
#include "report/report.h"

/*
 * Newer trees keep damon_add_region() static; damon_set_regions() is public
 * in every tree, with a minimum region size argument in newer ones.
 */
static int set_regions(struct damon_target *t, struct damon_addr_range *ar,
		       unsigned int nr)
{
#if defined(HAVE_DAMON_SET_REGIONS_MIN_SZ) && defined(HAVE_CTX_MIN_REGION_SZ)
	return damon_set_regions(t, ar, nr, DAMON_MIN_REGION_SZ);
#elif defined(HAVE_DAMON_SET_REGIONS_MIN_SZ)
	return damon_set_regions(t, ar, nr, DAMON_MIN_REGION);
#else
	return damon_set_regions(t, ar, nr);
#endif
}

START_TEST(test_snapshot_target)
{
	static const unsigned long bounds[][2] = {
		{ 0x1000, 0x3000 }, { 0x3000, 0x8000 }, { 0x10000, 0x11000 },
	};
	static const struct damon_access_report reports[] = {
		{ .addr = 0x2fff }, { .addr = 0x3000 }, { .addr = 0x9000 },
		{ .addr = 0x10000 }, { .addr = 0x10fff },
	};
	struct damon_report_drain_stats st = { 0 };
	struct damon_report_range *ranges;
	struct damon_target *t = damon_new_target();
	struct damon_addr_range ar[3];
	unsigned int hits[3] = { 0, 0, 0 }, i;

	ck_assert_ptr_nonnull(t);
	ck_assert_int_eq(damon_report_snapshot_target(t, &ranges), 0);
	ck_assert_ptr_null(ranges);
	for (i = 0; i < 3; i++) {
		ar[i].start = bounds[i][0];
		ar[i].end = bounds[i][1];
	}
	ck_assert_int_eq(set_regions(t, ar, 3), 0);
	ck_assert_int_eq(damon_report_snapshot_target(t, &ranges), 3);
	ck_assert(damon_report_ranges_valid(ranges, 3));
	for (i = 0; i < 3; i++) {
		ck_assert_uint_eq(ranges[i].start, bounds[i][0]);
		ck_assert_uint_eq(ranges[i].end, bounds[i][1]);
	}
	damon_report_attribute(reports, 5, ranges, 3,
			       DAMON_REPORT_LOOKUP_BSEARCH, NULL, NULL, hits,
			       &st);
	ck_assert_uint_eq(hits[0], 1);
	ck_assert_uint_eq(hits[1], 1);
	ck_assert_uint_eq(hits[2], 2);
	ck_assert_uint_eq(st.nr_unattributed, 1);
	kfree(ranges);

	kport_slab_fail_nth(1);
	ck_assert_int_eq(damon_report_snapshot_target(t, &ranges), -ENOMEM);
	ck_assert_ptr_null(ranges);
	damon_free_target(t);
}
END_TEST

Suite *suite_report_target(void)
{
	Suite *s = suite_create("report_target");
	TCase *tc = tcase_create("target");

	tcase_add_test(tc, test_snapshot_target);
	suite_add_tcase(s, tc);
	return s;
}
