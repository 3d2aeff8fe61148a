/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CUSTOMISED: KUnit on top of the project's test runner.  Suites register
 * from constructors (after initcalls); each case runs in the runner's own
 * process (Check forks one per case).  EXPECT records a failure with the
 * kernel's value printing and lets the case go on; ASSERT and kunit_skip()
 * end the case at once.  The runner, not KUnit, decides pass or fail: a
 * skipped case counts as not passed, since here it means a shim allocation
 * failed where none should.
 */
#ifndef _KUNIT_TEST_H
#define _KUNIT_TEST_H

#include <setjmp.h>

#include <linux/kernel.h>
#include <linux/slab.h>

struct kunit_resource_list;

struct kunit {
	const char *name;
	void *priv;
	/* damonsim runner state */
	int nr_failures;
	bool skipped;
	char log[8192];
	size_t log_len;
	jmp_buf *bail_out;
	void **allocs;
	size_t nr_allocs;
};

struct kunit_case {
	void (*run_case)(struct kunit *test);
	const char *name;
	const void *(*generate_params)(const void *prev, char *desc);
};

struct kunit_suite {
	const char name[256];
	int (*suite_init)(struct kunit_suite *suite);
	void (*suite_exit)(struct kunit_suite *suite);
	int (*init)(struct kunit *test);
	void (*exit)(struct kunit *test);
	struct kunit_case *test_cases;
};

#define KUNIT_CASE(test_name) { .run_case = test_name, .name = #test_name }

void kunit_register_suite(struct kunit_suite *suite);
struct kunit_suite **kunit_suites(unsigned int *nr);

#define kunit_test_suites(suites...)					\
	static void __attribute__((constructor(300)))			\
	kunit_register_suites_##__LINE__(void)				\
	{								\
		struct kunit_suite *list_[] = { suites };		\
		size_t i_;						\
		for (i_ = 0; i_ < ARRAY_SIZE(list_); i_++)		\
			kunit_register_suite(list_[i_]);		\
	}
#define kunit_test_suite(suite) kunit_test_suites(&suite)

void kunit_log_failure(struct kunit *test, const char *file, int line,
		       const char *fmt, ...) __printf(4, 5);
void kunit_bail_out(struct kunit *test) __attribute__((__noreturn__));
void *kunit_kmalloc(struct kunit *test, size_t size, gfp_t gfp);
void kunit_kfree(struct kunit *test, const void *ptr);

#define kunit_kzalloc(test, size, gfp) kunit_kmalloc(test, size, (gfp) | __GFP_ZERO)
#define kunit_kmalloc_array(test, n, size, gfp) kunit_kmalloc(test, (n) * (size), gfp)
#define kunit_kcalloc(test, n, size, gfp) kunit_kzalloc(test, (n) * (size), gfp)

#define kunit_info(test, fmt, ...) do { } while (0)
#define kunit_warn(test, fmt, ...) \
	kport_printk(4, "kunit: " fmt "\n", ##__VA_ARGS__)
#define kunit_err(test, fmt, ...) \
	kunit_log_failure(test, __FILE__, __LINE__, fmt, ##__VA_ARGS__)

#define kunit_mark_skipped(test, fmt, ...) do {				\
	(test)->skipped = true;						\
	kunit_log_failure(test, __FILE__, __LINE__, "skipped: " fmt,	\
			  ##__VA_ARGS__);				\
} while (0)
#define kunit_skip(test, fmt, ...) do {					\
	kunit_mark_skipped(test, fmt, ##__VA_ARGS__);			\
	kunit_bail_out(test);						\
} while (0)

#define KUNIT_FAIL(test, fmt, ...)					\
	kunit_log_failure(test, __FILE__, __LINE__, fmt, ##__VA_ARGS__)

/*
 * ---- assertions: each side evaluated once, compared in its C type ----
 * The expressions' text goes through %s: it may hold a '%' (x % 2).
 */

#define KUNIT_BINARY_INT(test, bail, left, op, right, fmt, ...) do {	\
	const typeof(left) l_ = (left);					\
	const typeof(right) r_ = (right);				\
	if (!(l_ op r_)) {						\
		kunit_log_failure(test, __FILE__, __LINE__,		\
			"Expected %s %s %s, but\n"			\
			"    %s == %lld (0x%llx)\n"			\
			"    %s == %lld (0x%llx)" fmt,			\
			#left, #op, #right,				\
			#left, (long long)l_, (unsigned long long)l_,	\
			#right, (long long)r_, (unsigned long long)r_,	\
			##__VA_ARGS__);					\
		if (bail)						\
			kunit_bail_out(test);				\
	}								\
} while (0)

#define KUNIT_BINARY_PTR(test, bail, left, op, right, fmt, ...) do {	\
	const void *l_ = (const void *)(left);				\
	const void *r_ = (const void *)(right);				\
	if (!(l_ op r_)) {						\
		kunit_log_failure(test, __FILE__, __LINE__,		\
			"Expected %s %s %s, but\n"			\
			"    %s == %p\n    %s == %p" fmt,		\
			#left, #op, #right, #left, l_, #right, r_,	\
			##__VA_ARGS__);					\
		if (bail)						\
			kunit_bail_out(test);				\
	}								\
} while (0)

#define KUNIT_BINARY_STR(test, bail, left, op, right, fmt, ...) do {	\
	const char *l_ = (left);					\
	const char *r_ = (right);					\
	if (!(strcmp(l_, r_) op 0)) {					\
		kunit_log_failure(test, __FILE__, __LINE__,		\
			"Expected %s %s %s, but\n"			\
			"    %s == \"%s\"\n    %s == \"%s\"" fmt,	\
			#left, #op, #right, #left, l_, #right, r_,	\
			##__VA_ARGS__);					\
		if (bail)						\
			kunit_bail_out(test);				\
	}								\
} while (0)

#define KUNIT_BOOL(test, bail, cond, want, fmt, ...) do {		\
	if (!!(cond) != (want)) {					\
		kunit_log_failure(test, __FILE__, __LINE__,		\
			"Expected %s to be %s, but is %s" fmt, #cond,	\
			(want) ? "true" : "false",			\
			(want) ? "false" : "true", ##__VA_ARGS__);	\
		if (bail)						\
			kunit_bail_out(test);				\
	}								\
} while (0)

#define KUNIT_PTR_CHECK(test, bail, ptr, pred, desc, fmt, ...) do {	\
	const void *p_ = (const void *)(ptr);				\
	if (!(pred)) {							\
		kunit_log_failure(test, __FILE__, __LINE__,		\
			"Expected %s " desc ", but is %p" fmt, #ptr,	\
			p_, ##__VA_ARGS__);				\
		if (bail)						\
			kunit_bail_out(test);				\
	}								\
} while (0)

#define KUNIT_EXPECT_EQ(t, l, r) KUNIT_BINARY_INT(t, 0, l, ==, r, "")
#define KUNIT_EXPECT_NE(t, l, r) KUNIT_BINARY_INT(t, 0, l, !=, r, "")
#define KUNIT_EXPECT_LT(t, l, r) KUNIT_BINARY_INT(t, 0, l, <, r, "")
#define KUNIT_EXPECT_LE(t, l, r) KUNIT_BINARY_INT(t, 0, l, <=, r, "")
#define KUNIT_EXPECT_GT(t, l, r) KUNIT_BINARY_INT(t, 0, l, >, r, "")
#define KUNIT_EXPECT_GE(t, l, r) KUNIT_BINARY_INT(t, 0, l, >=, r, "")
#define KUNIT_ASSERT_EQ(t, l, r) KUNIT_BINARY_INT(t, 1, l, ==, r, "")
#define KUNIT_ASSERT_NE(t, l, r) KUNIT_BINARY_INT(t, 1, l, !=, r, "")
#define KUNIT_ASSERT_LT(t, l, r) KUNIT_BINARY_INT(t, 1, l, <, r, "")
#define KUNIT_ASSERT_LE(t, l, r) KUNIT_BINARY_INT(t, 1, l, <=, r, "")
#define KUNIT_ASSERT_GT(t, l, r) KUNIT_BINARY_INT(t, 1, l, >, r, "")
#define KUNIT_ASSERT_GE(t, l, r) KUNIT_BINARY_INT(t, 1, l, >=, r, "")
#define KUNIT_EXPECT_EQ_MSG(t, l, r, fmt, ...) \
	KUNIT_BINARY_INT(t, 0, l, ==, r, "\n" fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_NE_MSG(t, l, r, fmt, ...) \
	KUNIT_BINARY_INT(t, 0, l, !=, r, "\n" fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_LT_MSG(t, l, r, fmt, ...) \
	KUNIT_BINARY_INT(t, 0, l, <, r, "\n" fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_LE_MSG(t, l, r, fmt, ...) \
	KUNIT_BINARY_INT(t, 0, l, <=, r, "\n" fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_GT_MSG(t, l, r, fmt, ...) \
	KUNIT_BINARY_INT(t, 0, l, >, r, "\n" fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_GE_MSG(t, l, r, fmt, ...) \
	KUNIT_BINARY_INT(t, 0, l, >=, r, "\n" fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_EQ_MSG(t, l, r, fmt, ...) \
	KUNIT_BINARY_INT(t, 1, l, ==, r, "\n" fmt, ##__VA_ARGS__)

#define KUNIT_EXPECT_PTR_EQ(t, l, r) KUNIT_BINARY_PTR(t, 0, l, ==, r, "")
#define KUNIT_EXPECT_PTR_NE(t, l, r) KUNIT_BINARY_PTR(t, 0, l, !=, r, "")
#define KUNIT_ASSERT_PTR_EQ(t, l, r) KUNIT_BINARY_PTR(t, 1, l, ==, r, "")
#define KUNIT_ASSERT_PTR_NE(t, l, r) KUNIT_BINARY_PTR(t, 1, l, !=, r, "")
#define KUNIT_EXPECT_STREQ(t, l, r) KUNIT_BINARY_STR(t, 0, l, ==, r, "")
#define KUNIT_EXPECT_STRNEQ(t, l, r) KUNIT_BINARY_STR(t, 0, l, !=, r, "")
#define KUNIT_ASSERT_STREQ(t, l, r) KUNIT_BINARY_STR(t, 1, l, ==, r, "")

#define KUNIT_EXPECT_TRUE(t, c) KUNIT_BOOL(t, 0, c, true, "")
#define KUNIT_EXPECT_FALSE(t, c) KUNIT_BOOL(t, 0, c, false, "")
#define KUNIT_ASSERT_TRUE(t, c) KUNIT_BOOL(t, 1, c, true, "")
#define KUNIT_ASSERT_FALSE(t, c) KUNIT_BOOL(t, 1, c, false, "")
#define KUNIT_EXPECT_TRUE_MSG(t, c, fmt, ...) \
	KUNIT_BOOL(t, 0, c, true, "\n" fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_FALSE_MSG(t, c, fmt, ...) \
	KUNIT_BOOL(t, 0, c, false, "\n" fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_TRUE_MSG(t, c, fmt, ...) \
	KUNIT_BOOL(t, 1, c, true, "\n" fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_FALSE_MSG(t, c, fmt, ...) \
	KUNIT_BOOL(t, 1, c, false, "\n" fmt, ##__VA_ARGS__)

#define KUNIT_EXPECT_NULL(t, p) KUNIT_PTR_CHECK(t, 0, p, !p_, "to be NULL", "")
#define KUNIT_EXPECT_NOT_NULL(t, p) \
	KUNIT_PTR_CHECK(t, 0, p, p_, "not to be NULL", "")
#define KUNIT_ASSERT_NULL(t, p) KUNIT_PTR_CHECK(t, 1, p, !p_, "to be NULL", "")
#define KUNIT_ASSERT_NOT_NULL(t, p) \
	KUNIT_PTR_CHECK(t, 1, p, p_, "not to be NULL", "")
#define KUNIT_EXPECT_NOT_ERR_OR_NULL(t, p) \
	KUNIT_PTR_CHECK(t, 0, p, !IS_ERR_OR_NULL(p_), "not to be error or NULL", "")
#define KUNIT_ASSERT_NOT_ERR_OR_NULL(t, p) \
	KUNIT_PTR_CHECK(t, 1, p, !IS_ERR_OR_NULL(p_), "not to be error or NULL", "")

#endif /* _KUNIT_TEST_H */
