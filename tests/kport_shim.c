// SPDX-License-Identifier: GPL-2.0
/* Semantics of the shim that the DAMON core depends on. */
#include "config.h"

#include <check.h>

#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/random.h>
#include <linux/slab.h>

#include "hostops.h"

START_TEST(test_abs_uses_signed_type_of_same_width)
{
	unsigned int a = 3, b = 5;
	unsigned long la = 3, lb = 5;

	/* core.c: abs(r->nr_accesses - r->last_nr_accesses) on unsigned int */
	ck_assert_int_eq(abs(a - b), 2);
	ck_assert_int_eq(abs(la - lb), 2);
	ck_assert_int_eq(abs(-7), 7);
}
END_TEST

START_TEST(test_mult_frac_does_not_overflow)
{
	unsigned long x = ULONG_MAX / 3;

	ck_assert_uint_eq(mult_frac(x, 3UL, 3UL), x);
	ck_assert_uint_eq(mult_frac(10UL, 7UL, 4UL), 17UL);
}
END_TEST

struct item {
	int v;
	struct list_head list;
};

START_TEST(test_list_order_and_safe_delete)
{
	struct item items[4];
	struct item *pos, *next;
	LIST_HEAD(head);
	int i, sum = 0, expect = 0;

	for (i = 0; i < 4; i++) {
		items[i].v = i;
		list_add_tail(&items[i].list, &head);
	}
	list_for_each_entry(pos, &head, list)
		ck_assert_int_eq(pos->v, expect++);
	list_for_each_entry_safe(pos, next, &head, list) {
		if (pos->v % 2)
			list_del(&pos->list);
	}
	list_for_each_entry(pos, &head, list)
		sum += pos->v;
	ck_assert_int_eq(sum, 2);
	ck_assert_uint_eq(list_count_nodes(&head), 2);
}
END_TEST

START_TEST(test_jiffies_round_up)
{
	ck_assert_uint_eq(usecs_to_jiffies(1), 1);
	ck_assert_uint_eq(usecs_to_jiffies(4000), 1);
	ck_assert_uint_eq(usecs_to_jiffies(4001), 2);
	ck_assert_uint_eq(msecs_to_jiffies(1000), HZ);
}
END_TEST

START_TEST(test_warn_on_returns_and_counts)
{
	unsigned long before = kport_warn_count();

	ck_assert(!WARN_ON(0));
	ck_assert(WARN_ON(1 + 1 == 2));
	ck_assert_uint_eq(kport_warn_count(), before + 1);
}
END_TEST

START_TEST(test_slab_fail_nth)
{
	struct kport_slab_stats st;
	void *a, *b, *c;

	kport_slab_fail_nth(2);
	a = kmalloc(8, GFP_KERNEL);
	b = kzalloc(8, GFP_KERNEL);
	c = kmalloc(8, GFP_KERNEL);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_null(b);
	ck_assert_ptr_nonnull(c);
	kfree(a);
	kfree(c);
	kport_slab_stats(&st);
	ck_assert_uint_eq(st.failed, 1);
	ck_assert_uint_eq(st.live, 0);
}
END_TEST

START_TEST(test_random_is_seeded)
{
	struct rnd_state s1, s2;
	u32 a[4], b[4];
	int i;

	kport_seed(9);
	for (i = 0; i < 4; i++)
		a[i] = get_random_u32_below(1000);
	kport_seed(9);
	for (i = 0; i < 4; i++)
		b[i] = get_random_u32_below(1000);
	ck_assert_mem_eq(a, b, sizeof(a));
	for (i = 0; i < 4; i++)
		ck_assert_uint_lt(a[i], 1000);
	prandom_seed_state(&s1, 5);
	prandom_seed_state(&s2, 5);
	ck_assert_uint_eq(prandom_u32_state(&s1), prandom_u32_state(&s2));
	prandom_seed_state(&s2, 6);
	ck_assert_uint_ne(prandom_u32_state(&s1), prandom_u32_state(&s2));
}
END_TEST

/* ---- scheduler ------------------------------------------------------- */

static char order[64];
static size_t order_len;
static DEFINE_MUTEX(shared_lock);

static void note(char c)
{
	order[order_len++] = c;
	order[order_len] = '\0';
}

static int sleeper_fn(void *data)
{
	char name = *(char *)data;

	note(name);
	usleep_range(10000, 10001);	/* both wake at 10 ms: a tie */
	note(name);
	return name;
}

START_TEST(test_ties_break_by_creation_order)
{
	static char a = 'a', b = 'b';
	struct task_struct *ta, *tb;

	ta = kthread_run(sleeper_fn, &a, "a");
	tb = kthread_run(sleeper_fn, &b, "b");
	kport_run_until(20000000);
	ck_assert_str_eq(order, "abab");
	ck_assert_uint_eq(kport_clock_ns(), 20000000);
	ck_assert_int_eq(kthread_stop(ta), 'a');
	ck_assert_int_eq(kthread_stop(tb), 'b');
	ck_assert_uint_eq(kport_nr_threads(), 0);
}
END_TEST

static int locker_fn(void *data)
{
	mutex_lock(&shared_lock);
	note('L');
	mutex_unlock(&shared_lock);
	while (!kthread_should_stop())
		schedule_timeout_idle(1);
	return 0;
}

START_TEST(test_mutex_blocks_simulated_thread)
{
	struct task_struct *t;

	mutex_lock(&shared_lock);
	t = kthread_run(locker_fn, NULL, "locker");
	kport_run_until(kport_clock_ns() + 1000000);
	ck_assert_str_eq(order, "");	/* still waiting for the lock */
	mutex_unlock(&shared_lock);
	kport_run_until(kport_clock_ns() + 1000000);
	ck_assert_str_eq(order, "L");
	kthread_stop(t);
}
END_TEST

static int timeout_fn(void *data)
{
	long left = schedule_timeout_idle(msecs_to_jiffies(1000));

	*(long *)data = left;
	return 0;
}

static int usleep_fn(void *data)
{
	usleep_range(1000000, 1000001);
	*(uint64_t *)data = kport_clock_ns();
	return 0;
}

START_TEST(test_stop_wakes_timeout_but_not_usleep)
{
	static long left = -1;
	static uint64_t woke_at;
	struct task_struct *t;
	uint64_t start = kport_clock_ns();

	t = kthread_run(timeout_fn, &left, "timeout");
	kport_run_until(start + 100000000);
	kthread_stop(t);
	ck_assert_int_gt(left, 0);	/* woken early, jiffies left */
	ck_assert_uint_eq(kport_clock_ns(), start + 100000000);

	t = kthread_run(usleep_fn, &woke_at, "usleep");
	kport_run_until(start + 200000000);
	kthread_stop(t);		/* waits out the whole sleep */
	ck_assert_uint_eq(woke_at, start + 100000000 + 1000000000ULL);
}
END_TEST

static int completer_fn(void *data)
{
	complete(data);
	return 0;
}

START_TEST(test_completion_waits_for_thread)
{
	struct completion done;
	struct task_struct *t;

	init_completion(&done);
	t = kthread_run(completer_fn, &done, "completer");
	wait_for_completion(&done);
	ck_assert(!completion_done(&done));
	kthread_stop(t);
}
END_TEST

Suite *suite_kport_shim(void)
{
	Suite *s = suite_create("kport_shim");
	TCase *tc = tcase_create("helpers");
	TCase *sched = tcase_create("scheduler");

	tcase_add_test(tc, test_abs_uses_signed_type_of_same_width);
	tcase_add_test(tc, test_mult_frac_does_not_overflow);
	tcase_add_test(tc, test_list_order_and_safe_delete);
	tcase_add_test(tc, test_jiffies_round_up);
	tcase_add_test(tc, test_warn_on_returns_and_counts);
	tcase_add_test(tc, test_slab_fail_nth);
	tcase_add_test(tc, test_random_is_seeded);
	suite_add_tcase(s, tc);
	tcase_add_test(sched, test_ties_break_by_creation_order);
	tcase_add_test(sched, test_mutex_blocks_simulated_thread);
	tcase_add_test(sched, test_stop_wakes_timeout_but_not_usleep);
	tcase_add_test(sched, test_completion_waits_for_thread);
	suite_add_tcase(s, sched);
	return s;
}
