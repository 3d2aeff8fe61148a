// SPDX-License-Identifier: GPL-2.0
/*
 * fault: a region whose pages are all touched every millisecond is seen
 * in every sampling interval, an untouched one never; reports carry the
 * faulting thread, CPU and access type; the scan window arms pages.
 */
#include "config.h"

#include <check.h>

#include "tests/prim_util.h"

static struct pu_result res;

static void assert_exact(const struct pu_result *r, unsigned long hot_bytes)
{
	unsigned int k;

	ck_assert_uint_ge(r->nr_snaps, 4);
	for (k = 0; k < r->nr_snaps; k++)
		ck_assert_msg(r->wrong[k] == 0,
			      "snapshot %u: %lu bytes with wrong counts", k,
			      r->wrong[k]);
	ck_assert_uint_ge(r->hot_exact_bytes[r->nr_snaps - 1], hot_bytes / 2);
}

START_TEST(test_fault_sampled_page_exact)
{
	const struct pu_script s = { .hot_first = 3, .hot_last = 5,
				     .nr_aggr = 6, .seed = 1,
				     .paddr = _i == 1 };
	const struct pu_prim p = { "fault", NULL };
	unsigned int k;

	pu_run(&s, &p, 1, NULL, NULL, &res);
	assert_exact(&res, 3 * PU_PAGES_PER_REGION * 4096);
	/* One sampled page per region and interval, armed. */
	ck_assert_uint_gt(res.counters[0].arms, 0);
	ck_assert_uint_eq(res.counters[0].faults,
			  res.counters[0].reports_pushed);
	ck_assert_uint_eq(res.counters[0].reports_dropped, 0);
	/* Faults only ever in hot regions: at most one per region, interval. */
	ck_assert_uint_le(res.counters[0].faults,
			  res.counters[0].samples);
	ck_assert_uint_gt(res.counters[0].faults, 0);
	if (_i == 1)
		ck_assert_uint_gt(res.counters[0].rmap_walks, 0);
	/* Each fault stalls the thread (and CPU) that touched the page. */
	ck_assert_uint_eq(res.inband_other, 0);
	ck_assert_uint_eq(res.inband[PRIM_EV_FAULT][3] +
			  res.inband[PRIM_EV_FAULT][4] +
			  res.inband[PRIM_EV_FAULT][5],
			  res.counters[0].faults);
	for (k = 3; k <= 5; k++)
		ck_assert_uint_gt(res.inband[PRIM_EV_FAULT][k], 0);
}
END_TEST

START_TEST(test_fault_reports_thread_and_type)
{
	const struct pu_script s = { .hot_first = 2, .hot_last = 5,
				     .nr_aggr = 2, .seed = 3,
				     .paddr = _i == 1 };
	const struct pu_prim p = { "fault", NULL };

	pu_run(&s, &p, 1, pu_check_attribution, NULL, &res);
	ck_assert_uint_gt(res.checked, 10);
}
END_TEST

START_TEST(test_fault_scan_window)
{
	/* 79 MiB/s * 5 ms = 101 pages: the whole space every interval. */
	static const char *const full[] = { "scan_rate=79", NULL };
	static const char *const slow[] = { "scan_rate=8", NULL };
	const struct pu_script s = { .hot_first = 0, .hot_last = 2,
				     .nr_aggr = 4, .seed = 2 };
	const struct pu_prim pf = { "fault", full }, ps = { "fault", slow };
	uint64_t faults_full, arms_full;

	pu_run(&s, &pf, 1, NULL, NULL, &res);
	assert_exact(&res, 3 * PU_PAGES_PER_REGION * 4096);
	faults_full = res.counters[0].faults;
	arms_full = res.counters[0].arms;
	/* Every hot page faults once per interval it was armed in. */
	ck_assert_uint_ge(faults_full, 30 * 4 * PU_NR_SAMPLES - 60);
	/* 10 pages per interval: the hot pages are armed less often. */
	pu_run(&s, &ps, 1, NULL, NULL, &res);
	ck_assert_uint_lt(res.counters[0].faults, faults_full / 5);
	ck_assert_uint_lt(res.counters[0].arms, arms_full / 5);
	ck_assert_uint_gt(res.counters[0].faults, 0);
}
END_TEST

Suite *suite_prim_fault(void)
{
	Suite *s = suite_create("prim_fault");
	TCase *tc = tcase_create("fault");

	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_fault_sampled_page_exact, 0, 2);
	tcase_add_loop_test(tc, test_fault_reports_thread_and_type, 0, 2);
	tcase_add_test(tc, test_fault_scan_window);
	suite_add_tcase(s, tc);
	return s;
}
