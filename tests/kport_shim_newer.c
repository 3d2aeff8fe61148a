// SPDX-License-Identifier: GPL-2.0
/*
 * Shim pieces newer kernel trees need: tracepoints with dynamic arrays and
 * trace_call__, scope guards, typed allocations, pid lookup, abs_diff.
 * They are tested here whatever tree the build uses.
 */
#include <check.h>

#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/pid.h>
#include <linux/slab.h>

#define CREATE_TRACE_POINTS
#include <trace/events/kport_test.h>

#include "hostops.h"

struct seen {
	unsigned int nr;
	uint64_t id, nr_hits;
	unsigned char hits[8];
	size_t hits_len;
	uint32_t words[2];
	size_t words_len;
	bool id_is_scalar, hits_is_scalar;
	char text[128];
};

static void sink(void *data, const struct kport_trace_event *ev)
{
	struct seen *s = data;
	const void *p;
	uint64_t v;

	s->nr++;
	s->id_is_scalar = kport_trace_u64(ev, "id", &s->id);
	kport_trace_u64(ev, "nr_hits", &s->nr_hits);
	s->hits_is_scalar = kport_trace_u64(ev, "hits", &v);
	p = kport_trace_array(ev, "hits", &s->hits_len);
	if (p && s->hits_len <= sizeof(s->hits))
		memcpy(s->hits, p, s->hits_len);
	p = kport_trace_array(ev, "words", &s->words_len);
	if (p && s->words_len == sizeof(s->words))
		memcpy(s->words, p, sizeof(s->words));
	snprintf(s->text, sizeof(s->text), "%s", ev->text ? ev->text : "");
}

static void use_sink(struct seen *s)
{
	struct kport_hostops ops = {
		.data = s, .trace = sink, .trace_all = true, .trace_text = true,
	};

	memset(s, 0, sizeof(*s));
	kport_set_hostops(&ops);
}

START_TEST(test_dynamic_array_reaches_host)
{
	static const unsigned char hits[3] = { 1, 2, 0x0a };
	struct seen s;

	use_sink(&s);
	ck_assert(trace_kport_test_hits_enabled());
	trace_kport_test_hits(7, hits, 3);
	ck_assert_uint_eq(s.nr, 1);
	ck_assert(s.id_is_scalar);
	ck_assert_uint_eq(s.id, 7);
	ck_assert_uint_eq(s.nr_hits, 3);
	/* a data_loc word is not a value to read as one */
	ck_assert(!s.hits_is_scalar);
	ck_assert_uint_eq(s.hits_len, 3);
	ck_assert_mem_eq(s.hits, hits, 3);
	/* the second array starts after the first, not on top of it */
	ck_assert_uint_eq(s.words_len, 8);
	ck_assert_uint_eq(s.words[0], 0xdead);
	ck_assert_uint_eq(s.words[1], 0xbeef);
	ck_assert_str_eq(s.text, "id=7 hits=01 02 0a n=3");
	kport_set_hostops(NULL);
}
END_TEST

START_TEST(test_condition_and_trace_call)
{
	static const unsigned char hits[1] = { 9 };
	struct seen s;

	use_sink(&s);
	trace_kport_test_hits(1, hits, 0);	/* TP_CONDITION false */
	ck_assert_uint_eq(s.nr, 0);
	trace_call__kport_test_hits(2, hits, 1);
	ck_assert_uint_eq(s.nr, 1);
	ck_assert_uint_eq(s.id, 2);
	ck_assert_str_eq(s.text, "id=2 hits=09 n=1");
	kport_set_hostops(NULL);
}
END_TEST

static DEFINE_MUTEX(guarded);

static int locked_twice(void)
{
	scoped_guard(mutex, &guarded)
		if (mutex_is_locked(&guarded))
			return 2;	/* leaving the scope must unlock */
	return 0;
}

START_TEST(test_scoped_guard_unlocks_on_every_exit)
{
	int n = 0;

	scoped_guard(mutex, &guarded)
		n += mutex_is_locked(&guarded);
	ck_assert_int_eq(n, 1);
	ck_assert(!mutex_is_locked(&guarded));
	ck_assert_int_eq(locked_twice(), 2);
	ck_assert(!mutex_is_locked(&guarded));
	{
		guard(mutex)(&guarded);
		ck_assert(mutex_is_locked(&guarded));
	}
	ck_assert(!mutex_is_locked(&guarded));
}
END_TEST

struct pair {
	u64 a, b;
};

START_TEST(test_typed_allocations)
{
	struct pair *p = kzalloc_obj(*p);
	struct pair *arr = kmalloc_objs(*arr, 4, GFP_KERNEL);

	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(p->a | p->b, 0);
	ck_assert_ptr_nonnull(arr);
	arr[3].b = 5;	/* four whole objects: ASan catches a short one */
	ck_assert_uint_eq(arr[3].b, 5);
	kfree(arr);
	kfree(p);
	/* an impossible size fails instead of wrapping */
	ck_assert_ptr_null(kmalloc_objs(*arr, SIZE_MAX / 8));
}
END_TEST

START_TEST(test_find_get_pid)
{
	struct pid *p = kport_pid_new(4242, NULL), *q;

	q = find_get_pid(4242);
	ck_assert_ptr_eq(q, p);
	ck_assert_int_eq(p->refcount, 2);
	put_pid(q);
	put_pid(p);
	ck_assert_ptr_null(find_get_pid(4242));
}
END_TEST

START_TEST(test_abs_diff_and_power_of_2)
{
	unsigned long a = 3, b = ULONG_MAX;

	ck_assert_uint_eq(abs_diff(a, b), ULONG_MAX - 3);
	ck_assert_uint_eq(abs_diff(b, a), ULONG_MAX - 3);
	ck_assert_int_eq(abs_diff(-5, 7), 12);
	ck_assert(is_power_of_2(4096));
	ck_assert(!is_power_of_2(0));
	ck_assert(!is_power_of_2(12));
	ck_assert_uint_eq(mul_u64_u64_shr(1ULL << 40, 1ULL << 40, 64), 1ULL << 16);
}
END_TEST

Suite *suite_kport_shim_newer(void)
{
	Suite *s = suite_create("kport_shim_newer");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_dynamic_array_reaches_host);
	tcase_add_test(tc, test_condition_and_trace_call);
	tcase_add_test(tc, test_scoped_guard_unlocks_on_every_exit);
	tcase_add_test(tc, test_typed_allocations);
	tcase_add_test(tc, test_find_get_pid);
	tcase_add_test(tc, test_abs_diff_and_power_of_2);
	suite_add_tcase(s, tc);
	return s;
}
