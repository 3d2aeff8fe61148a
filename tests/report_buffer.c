// SPDX-License-Identifier: GPL-2.0
/*
 * Report buffers, simulation build: overflow drops counted exactly (per
 * CPU for percpu), trylock-busy and nested-push drops, FIFO order across
 * ring wrap-around, partial collects, init errors and the global
 * damon_report_access().
 */
#include "config.h"

#include <check.h>

#include <linux/kernel.h>
#include <linux/mutex.h>

#include "hostops.h"
#include "report/report.h"

static unsigned int test_cpu;

static unsigned int test_current_cpu(void *data)
{
	(void)data;
	return test_cpu;
}

static void set_cpus(unsigned int nr)
{
	struct kport_hostops ops = { .current_cpu = test_current_cpu };

	kport_set_hostops(&ops);
	nr_cpu_ids = nr;
	test_cpu = 0;
}

static struct damon_access_report mkreport(unsigned long addr)
{
	struct damon_access_report r = {
		.addr = addr, .size = 8, .tid = 1, .cpu = test_cpu,
	};

	return r;
}

static void assert_stats(struct damon_report_buf *buf, int cpu,
			 unsigned long pushed, unsigned long full,
			 unsigned long busy)
{
	struct damon_report_buf_stats st;

	damon_report_buf_stats(buf, cpu, &st);
	ck_assert_uint_eq(st.nr_pushed, pushed);
	ck_assert_uint_eq(st.nr_dropped_full, full);
	ck_assert_uint_eq(st.nr_dropped_busy, busy);
}

START_TEST(test_simple_overflow)
{
	struct damon_report_buf buf;
	struct damon_access_report out[32], r;
	unsigned int i, n, cap = 16, extra = 5;

	set_cpus(1);
	ck_assert_int_eq(damon_report_buf_init(&buf, DAMON_REPORT_BUF_SIMPLE,
					       cap), 0);
	for (i = 0; i < cap + extra; i++) {
		r = mkreport(0x1000 + i);
		ck_assert_int_eq(damon_report_buf_push(&buf, &r),
				 i < cap ? 0 : -ENOSPC);
	}
	assert_stats(&buf, -1, cap, extra, 0);
	n = damon_report_buf_collect(&buf, out, ARRAY_SIZE(out));
	ck_assert_uint_eq(n, cap);
	for (i = 0; i < n; i++)
		ck_assert_uint_eq(out[i].addr, 0x1000 + i);
	/* Drained: there is room again. */
	r = mkreport(0x2000);
	ck_assert_int_eq(damon_report_buf_push(&buf, &r), 0);
	assert_stats(&buf, -1, cap + 1, extra, 0);
	damon_report_buf_destroy(&buf);
}
END_TEST

START_TEST(test_percpu_overflow_per_cpu)
{
	static const unsigned int extra[4] = { 0, 1, 2, 7 };
	struct damon_report_buf buf;
	struct damon_access_report out[64], r;
	unsigned int cpu, i, n, cap = 8, total_extra = 0;

	set_cpus(4);
	ck_assert_int_eq(damon_report_buf_init(&buf, DAMON_REPORT_BUF_PERCPU,
					       cap), 0);
	for (cpu = 0; cpu < 4; cpu++) {
		test_cpu = cpu;
		for (i = 0; i < cap + extra[cpu]; i++) {
			r = mkreport(cpu * 0x10000 + i);
			ck_assert_int_eq(damon_report_buf_push(&buf, &r),
					 i < cap ? 0 : -ENOSPC);
		}
		total_extra += extra[cpu];
	}
	for (cpu = 0; cpu < 4; cpu++)
		assert_stats(&buf, cpu, cap, extra[cpu], 0);
	assert_stats(&buf, -1, 4 * cap, total_extra, 0);
	n = damon_report_buf_collect(&buf, out, ARRAY_SIZE(out));
	ck_assert_uint_eq(n, 4 * cap);
	/* CPU by CPU, each in push order; the dropped ones are the last. */
	for (i = 0; i < n; i++)
		ck_assert_uint_eq(out[i].addr, (i / cap) * 0x10000 + i % cap);
	damon_report_buf_destroy(&buf);
}
END_TEST

/* Ring sizes are powers of two; the rounded size is what holds. */
START_TEST(test_percpu_capacity_rounded)
{
	struct damon_report_buf buf;
	struct damon_access_report r = mkreport(0x3000);
	unsigned int i;

	set_cpus(1);
	ck_assert_int_eq(damon_report_buf_init(&buf, DAMON_REPORT_BUF_PERCPU,
					       5), 0);
	ck_assert_uint_eq(buf.capacity, 8);
	for (i = 0; i < 8; i++)
		ck_assert_int_eq(damon_report_buf_push(&buf, &r), 0);
	ck_assert_int_eq(damon_report_buf_push(&buf, &r), -ENOSPC);
	assert_stats(&buf, 0, 8, 1, 0);
	damon_report_buf_destroy(&buf);
	ck_assert_int_eq(damon_report_buf_init(&buf, DAMON_REPORT_BUF_PERCPU,
					       UINT_MAX), -EINVAL);
}
END_TEST

START_TEST(test_simple_trylock_busy)
{
	struct damon_report_buf buf;
	struct damon_access_report out[4], r = mkreport(0x5000);

	set_cpus(1);
	ck_assert_int_eq(damon_report_buf_init(&buf, DAMON_REPORT_BUF_SIMPLE,
					       4), 0);
	/* The drainer (or another pusher) holds the lock. */
	mutex_lock(&buf.lock);
	ck_assert_int_eq(damon_report_buf_push(&buf, &r), -EBUSY);
	ck_assert_int_eq(damon_report_buf_push(&buf, &r), -EBUSY);
	mutex_unlock(&buf.lock);
	assert_stats(&buf, -1, 0, 0, 2);
	ck_assert_uint_eq(damon_report_buf_collect(&buf, out, 4), 0);
	ck_assert_int_eq(damon_report_buf_push(&buf, &r), 0);
	assert_stats(&buf, -1, 1, 0, 2);
	ck_assert_uint_eq(damon_report_buf_collect(&buf, out, 4), 1);
	damon_report_buf_destroy(&buf);
}
END_TEST

START_TEST(test_percpu_nested_push)
{
	struct damon_report_buf buf;
	struct damon_access_report out[4], r = mkreport(0x6000);

	set_cpus(2);
	ck_assert_int_eq(damon_report_buf_init(&buf, DAMON_REPORT_BUF_PERCPU,
					       4), 0);
	/* An NMI on CPU 1 while CPU 1's pusher is between head and publish. */
	per_cpu_ptr(buf.rings, 1)->nesting = 1;
	test_cpu = 1;
	ck_assert_int_eq(damon_report_buf_push(&buf, &r), -EBUSY);
	test_cpu = 0;
	ck_assert_int_eq(damon_report_buf_push(&buf, &r), 0);
	assert_stats(&buf, 1, 0, 0, 1);
	assert_stats(&buf, 0, 1, 0, 0);
	per_cpu_ptr(buf.rings, 1)->nesting = 0;
	test_cpu = 1;
	ck_assert_int_eq(damon_report_buf_push(&buf, &r), 0);
	ck_assert_uint_eq(damon_report_buf_collect(&buf, out, 4), 2);
	damon_report_buf_destroy(&buf);
}
END_TEST

/* FIFO across wrap-around, and collects smaller than what is stored. */
static void check_wrap(enum damon_report_buf_type type)
{
	struct damon_report_buf buf;
	struct damon_access_report out[8], r;
	unsigned long next_in = 0, next_out = 0;
	unsigned int round, i, n;

	set_cpus(1);
	ck_assert_int_eq(damon_report_buf_init(&buf, type, 5), 0);
	for (round = 0; round < 20; round++) {
		unsigned int pushes = 1 + round % 5, take = 1 + round % 3;

		for (i = 0; i < pushes; i++) {
			r = mkreport(next_in);
			if (damon_report_buf_push(&buf, &r) == 0)
				next_in++;
		}
		n = damon_report_buf_collect(&buf, out, take);
		ck_assert_uint_le(n, take);
		for (i = 0; i < n; i++)
			ck_assert_uint_eq(out[i].addr, next_out++);
	}
	while ((n = damon_report_buf_collect(&buf, out, 8)))
		for (i = 0; i < n; i++)
			ck_assert_uint_eq(out[i].addr, next_out++);
	ck_assert_uint_eq(next_out, next_in);
	ck_assert_uint_gt(next_in, 5);
	damon_report_buf_destroy(&buf);
}

START_TEST(test_wrap_simple)
{
	check_wrap(DAMON_REPORT_BUF_SIMPLE);
}
END_TEST

START_TEST(test_wrap_percpu)
{
	check_wrap(DAMON_REPORT_BUF_PERCPU);
}
END_TEST

START_TEST(test_init_errors)
{
	struct damon_report_buf buf;
	struct kport_slab_stats before, after;
	unsigned long nth;

	set_cpus(3);
	ck_assert_int_eq(damon_report_buf_init(&buf, DAMON_REPORT_BUF_SIMPLE,
					       0), -EINVAL);
	ck_assert_int_eq(damon_report_buf_init(&buf, 7, 4), -EINVAL);
	/* Every allocation failing in turn: -ENOMEM and nothing leaked. */
	kport_slab_stats(&before);
	for (nth = 1; nth <= 5; nth++) {
		kport_slab_fail_nth(nth);
		ck_assert_int_eq(damon_report_buf_init(&buf,
				DAMON_REPORT_BUF_PERCPU, 4), -ENOMEM);
	}
	for (nth = 1; nth <= 2; nth++) {
		kport_slab_fail_nth(nth);
		ck_assert_int_eq(damon_report_buf_init(&buf,
				DAMON_REPORT_BUF_SIMPLE, 4), -ENOMEM);
	}
	kport_slab_fail_nth(0);
	kport_slab_stats(&after);
	ck_assert_uint_eq(after.live, before.live);
	ck_assert_uint_eq(after.failed - before.failed, 7);
}
END_TEST

START_TEST(test_global_access)
{
	struct damon_access_report r = mkreport(0x7000);
	struct damon_report_range range = { 0x7000, 0x8000 };
	struct damon_report_drain_stats ds = { 0 };
	unsigned int hits = 0;

	set_cpus(2);
	ck_assert_ptr_null(damon_report_buffer());
	damon_report_access(&r);
	ck_assert_int_eq(damon_report_init(DAMON_REPORT_BUF_PERCPU, 4), 0);
	ck_assert_int_eq(damon_report_init(DAMON_REPORT_BUF_SIMPLE, 4),
			 -EBUSY);
	ck_assert_uint_eq(damon_report_nr_unbuffered(), 0);
	damon_report_access(&r);
	test_cpu = 1;
	damon_report_access(&r);
	ck_assert_uint_eq(damon_report_drain(damon_report_buffer(), &range, 1,
					     DAMON_REPORT_LOOKUP_BSEARCH,
					     NULL, NULL, &hits, &ds), 2);
	ck_assert_uint_eq(hits, 2);
	damon_report_exit();
	ck_assert_ptr_null(damon_report_buffer());
	damon_report_access(&r);
	ck_assert_uint_eq(damon_report_nr_unbuffered(), 1);
}
END_TEST

Suite *suite_report_buffer(void)
{
	Suite *s = suite_create("report_buffer");
	TCase *tc = tcase_create("buffer");

	tcase_add_test(tc, test_simple_overflow);
	tcase_add_test(tc, test_percpu_overflow_per_cpu);
	tcase_add_test(tc, test_percpu_capacity_rounded);
	tcase_add_test(tc, test_simple_trylock_busy);
	tcase_add_test(tc, test_percpu_nested_push);
	tcase_add_test(tc, test_wrap_simple);
	tcase_add_test(tc, test_wrap_percpu);
	tcase_add_test(tc, test_init_errors);
	tcase_add_test(tc, test_global_access);
	suite_add_tcase(s, tc);
	return s;
}
