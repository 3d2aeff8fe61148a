// SPDX-License-Identifier: GPL-2.0
/*
 * Report drains, simulation build: linear walk and binary search agree
 * with each other and with a brute-force oracle, at region edges, in gaps
 * and outside every region; unattributed and filtered reports are counted;
 * and with no drops, simple and percpu buffers drained either way give
 * identical hits on random report streams of a fixed seed.
 */
#include "config.h"

#include <check.h>

#include <linux/kernel.h>

#include "hostops.h"
#include "report/report.h"
#include "tests/report_rng.h"

static const enum damon_report_lookup lookups[] = {
	DAMON_REPORT_LOOKUP_LINEAR, DAMON_REPORT_LOOKUP_BSEARCH,
};

static long oracle_find(const struct damon_report_range *ranges,
			unsigned int nr, unsigned long addr)
{
	unsigned int i;

	for (i = 0; i < nr; i++)
		if (ranges[i].start <= addr && addr < ranges[i].end)
			return i;
	return -1;
}

START_TEST(test_find_edges)
{
	static const struct damon_report_range ranges[] = {
		{ 100, 200 }, { 200, 300 }, { 400, 500 },
	};
	static const struct {
		unsigned long addr;
		long idx;
	} cases[] = {
		{ 0, -1 }, { 99, -1 }, { 100, 0 }, { 199, 0 }, { 200, 1 },
		{ 299, 1 }, { 300, -1 }, { 399, -1 }, { 400, 2 }, { 499, 2 },
		{ 500, -1 }, { ULONG_MAX, -1 },
	};
	unsigned int i, l;

	for (l = 0; l < ARRAY_SIZE(lookups); l++)
		for (i = 0; i < ARRAY_SIZE(cases); i++)
			ck_assert_int_eq(damon_report_find_range(ranges, 3,
					cases[i].addr, lookups[l]),
					cases[i].idx);
	for (l = 0; l < ARRAY_SIZE(lookups); l++)
		ck_assert_int_eq(damon_report_find_range(ranges, 0, 150,
							 lookups[l]), -1);
}
END_TEST

START_TEST(test_ranges_valid)
{
	static const struct damon_report_range ok[] = {
		{ 0, 1 }, { 1, 5 }, { 9, 10 },
	};
	static const struct damon_report_range overlap[] = {
		{ 0, 5 }, { 4, 6 },
	};
	static const struct damon_report_range empty[] = { { 3, 3 } };

	ck_assert(damon_report_ranges_valid(ok, 3));
	ck_assert(damon_report_ranges_valid(ok, 0));
	ck_assert(!damon_report_ranges_valid(overlap, 2));
	ck_assert(!damon_report_ranges_valid(empty, 1));
}
END_TEST

/* Random ranges with random gaps, some adjacent. */
static unsigned int random_ranges(uint64_t *rng, struct damon_report_range *r,
				  unsigned int max)
{
	unsigned long addr = report_rng_below(rng, 4096);
	unsigned int i, nr = 1 + report_rng_below(rng, max);

	for (i = 0; i < nr; i++) {
		if (report_rng_below(rng, 2))
			addr += report_rng_below(rng, 4096);
		r[i].start = addr;
		addr += 1 + report_rng_below(rng, 8192);
		r[i].end = addr;
	}
	return nr;
}

/* An address at an edge, just beside one, or anywhere around the ranges. */
static unsigned long random_addr(uint64_t *rng,
				 const struct damon_report_range *r,
				 unsigned int nr)
{
	const struct damon_report_range *x = &r[report_rng_below(rng, nr)];

	switch (report_rng_below(rng, 5)) {
	case 0:
		return x->start;
	case 1:
		return x->end;
	case 2:
		return x->start - 1;
	case 3:
		return x->end - 1;
	default:
		return report_rng_below(rng, r[nr - 1].end + 8192);
	}
}

START_TEST(test_lookups_agree_random)
{
	static struct damon_report_range ranges[1000];
	uint64_t rng = 20261125;
	unsigned int round, i, nr;

	for (round = 0; round < 100; round++) {
		nr = random_ranges(&rng, ranges, ARRAY_SIZE(ranges));
		ck_assert(damon_report_ranges_valid(ranges, nr));
		for (i = 0; i < 300; i++) {
			unsigned long addr = random_addr(&rng, ranges, nr);
			long want = oracle_find(ranges, nr, addr);

			ck_assert_int_eq(damon_report_find_range(ranges, nr,
				addr, DAMON_REPORT_LOOKUP_LINEAR), want);
			ck_assert_int_eq(damon_report_find_range(ranges, nr,
				addr, DAMON_REPORT_LOOKUP_BSEARCH), want);
		}
	}
}
END_TEST

static bool only_tid_2(const struct damon_access_report *r, void *arg)
{
	(void)arg;
	return r->tid == 2;
}

START_TEST(test_unattributed_and_filtered)
{
	static const struct damon_report_range ranges[] = {
		{ 100, 200 }, { 300, 400 },
	};
	static const struct damon_access_report reports[] = {
		{ .addr = 100, .tid = 2 },		/* region 0 */
		{ .addr = 250, .tid = 2 },		/* gap */
		{ .addr = 399, .tid = 2, .nr_accesses = 5 },	/* region 1 */
		{ .addr = 400, .tid = 2 },		/* past the end */
		{ .addr = 10, .tid = 2 },		/* before the start */
		{ .addr = 150, .tid = 3 },		/* another thread */
	};
	unsigned int l;

	for (l = 0; l < ARRAY_SIZE(lookups); l++) {
		struct damon_report_drain_stats st = { 0 };
		unsigned int hits[2] = { 0, 0 };

		damon_report_attribute(reports, ARRAY_SIZE(reports), ranges, 2,
				       lookups[l], only_tid_2, NULL, hits,
				       &st);
		ck_assert_uint_eq(hits[0], 1);
		ck_assert_uint_eq(hits[1], 5);
		ck_assert_uint_eq(st.nr_reports, 6);
		ck_assert_uint_eq(st.nr_attributed, 2);
		ck_assert_uint_eq(st.nr_unattributed, 3);
		ck_assert_uint_eq(st.nr_filtered, 1);
	}
}
END_TEST

static unsigned int test_cpu;

static unsigned int test_current_cpu(void *data)
{
	(void)data;
	return test_cpu;
}

#define NR_CPUS_T 4
#define NR_BATCHES 30
#define MAX_BATCH 400
#define MAX_RANGES 300

/*
 * One random stream, pushed batch by batch (each report on a random CPU)
 * into a buffer, drained after every batch: the hits of each drain.
 */
static void run_stream(enum damon_report_buf_type type,
		       enum damon_report_lookup lookup,
		       const struct damon_report_range *ranges,
		       unsigned int nr_ranges, uint64_t seed,
		       unsigned int *hits, struct damon_report_drain_stats *ds)
{
	struct damon_report_buf buf;
	struct damon_report_buf_stats bs;
	unsigned int b, i, total = 0;

	ck_assert_int_eq(damon_report_buf_init(&buf, type, MAX_BATCH), 0);
	for (b = 0; b < NR_BATCHES; b++) {
		unsigned int n = report_rng_below(&seed, MAX_BATCH);

		for (i = 0; i < n; i++) {
			struct damon_access_report r = {
				.addr = random_addr(&seed, ranges, nr_ranges),
				.nr_accesses = report_rng_below(&seed, 3),
			};

			test_cpu = report_rng_below(&seed, NR_CPUS_T);
			r.cpu = test_cpu;
			ck_assert_int_eq(damon_report_buf_push(&buf, &r), 0);
		}
		total += n;
		ck_assert_uint_eq(damon_report_drain(&buf, ranges, nr_ranges,
				lookup, NULL, NULL,
				&hits[b * nr_ranges], ds), n);
	}
	damon_report_buf_stats(&buf, -1, &bs);
	ck_assert_uint_eq(bs.nr_pushed, total);
	ck_assert_uint_eq(bs.nr_dropped_full + bs.nr_dropped_busy, 0);
	damon_report_buf_destroy(&buf);
}

START_TEST(test_variants_identical)
{
	static struct damon_report_range ranges[MAX_RANGES];
	static unsigned int hits[4][NR_BATCHES * MAX_RANGES];
	static const enum damon_report_buf_type types[] = {
		DAMON_REPORT_BUF_SIMPLE, DAMON_REPORT_BUF_PERCPU,
	};
	struct kport_hostops ops = { .current_cpu = test_current_cpu };
	struct damon_report_drain_stats ds[4];
	uint64_t rng = 5;
	unsigned int v, nr, i, seed_round;
	unsigned long sum;

	kport_set_hostops(&ops);
	nr_cpu_ids = NR_CPUS_T;
	for (seed_round = 0; seed_round < 5; seed_round++) {
		uint64_t seed = report_rng_next(&rng);

		nr = random_ranges(&rng, ranges, MAX_RANGES);
		memset(hits, 0, sizeof(hits));
		memset(ds, 0, sizeof(ds));
		for (v = 0; v < 4; v++)
			run_stream(types[v / 2], lookups[v % 2], ranges, nr,
				   seed, hits[v], &ds[v]);
		for (v = 1; v < 4; v++) {
			ck_assert_mem_eq(hits[v], hits[0],
					 NR_BATCHES * nr * sizeof(hits[0][0]));
			ck_assert_mem_eq(&ds[v], &ds[0], sizeof(ds[0]));
		}
		/* Not vacuous: hits and misses both happened. */
		for (sum = 0, i = 0; i < NR_BATCHES * nr; i++)
			sum += hits[0][i];
		ck_assert_uint_gt(sum, 0);
		ck_assert_uint_gt(ds[0].nr_unattributed, 0);
		ck_assert_uint_eq(ds[0].nr_reports, ds[0].nr_attributed +
				  ds[0].nr_unattributed);
	}
}
END_TEST

Suite *suite_report_drain(void)
{
	Suite *s = suite_create("report_drain");
	TCase *tc = tcase_create("drain");

	tcase_add_test(tc, test_find_edges);
	tcase_add_test(tc, test_ranges_valid);
	tcase_add_test(tc, test_lookups_agree_random);
	tcase_add_test(tc, test_unattributed_and_filtered);
	tcase_add_test(tc, test_variants_identical);
	suite_add_tcase(s, tc);
	return s;
}
