// SPDX-License-Identifier: GPL-2.0
/* The KUnit side of the kunit/test.h shim: registry, failures, bail-out. */
#include <stdarg.h>

#include <kunit/test.h>

#define KUNIT_MAX_SUITES 32

static struct kunit_suite *suites[KUNIT_MAX_SUITES];
static unsigned int nr_suites;

void kunit_register_suite(struct kunit_suite *suite)
{
	BUG_ON(nr_suites == KUNIT_MAX_SUITES);
	suites[nr_suites++] = suite;
}

struct kunit_suite **kunit_suites(unsigned int *nr)
{
	*nr = nr_suites;
	return suites;
}

void kunit_log_failure(struct kunit *test, const char *file, int line,
		       const char *fmt, ...)
{
	size_t room = sizeof(test->log) - test->log_len;
	va_list args;
	int n;

	if (!test->skipped)
		test->nr_failures++;
	n = snprintf(test->log + test->log_len, room, "%s:%d: ", file, line);
	if (n > 0 && (size_t)n < room) {
		test->log_len += n;
		room -= n;
		va_start(args, fmt);
		n = vsnprintf(test->log + test->log_len, room, fmt, args);
		va_end(args);
		if (n > 0)
			test->log_len += min((size_t)n, room - 1);
	}
	if (test->log_len + 1 < sizeof(test->log)) {
		test->log[test->log_len++] = '\n';
		test->log[test->log_len] = '\0';
	}
}

void kunit_bail_out(struct kunit *test)
{
	longjmp(*test->bail_out, 1);
}

void *kunit_kmalloc(struct kunit *test, size_t size, gfp_t gfp)
{
	void **grown = realloc(test->allocs,
			       (test->nr_allocs + 1) * sizeof(*grown));
	void *p;

	if (!grown)
		return NULL;
	test->allocs = grown;
	p = kport_kmalloc(size, gfp);
	if (p)
		test->allocs[test->nr_allocs++] = p;
	return p;
}

void kunit_kfree(struct kunit *test, const void *ptr)
{
	size_t i;

	for (i = 0; i < test->nr_allocs; i++) {
		if (test->allocs[i] == ptr) {
			test->allocs[i] = test->allocs[--test->nr_allocs];
			break;
		}
	}
	kport_kfree(ptr);
}
