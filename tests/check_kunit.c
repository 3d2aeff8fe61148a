// SPDX-License-Identifier: GPL-2.0
/*
 * Runs every KUnit case of the tree's mm/damon/tests/core-kunit.h as a
 * Check test of the same name.  A case passes when no EXPECT/ASSERT failed,
 * it was not skipped, no WARN fired and it freed what it allocated.
 */
#include <setjmp.h>
#include <check.h>

#include <kunit/test.h>
#include <linux/damon.h>
#include "hostops.h"
#include "tests/check_main.h"

struct kunit_check {
	struct kunit_suite *suite;
	unsigned int nr_cases;
	TTest *ttests;
};

static struct kunit_check *checks;
static unsigned int nr_checks;

static void run_kunit_case(int index)
{
	struct kunit_suite *suite = NULL;
	struct kunit_case *kcase;
	struct kport_slab_stats before, after;
	unsigned long warns = kport_warn_count();
	struct kunit test = { 0 };
	jmp_buf bail_out;
	unsigned int i;

	/* index counts cases across suites, in registration order. */
	for (i = 0; i < nr_checks; i++) {
		if ((unsigned int)index < checks[i].nr_cases) {
			suite = checks[i].suite;
			break;
		}
		index -= checks[i].nr_cases;
	}
	ck_assert_ptr_nonnull(suite);
	kcase = &suite->test_cases[index];
	test.name = kcase->name;
	test.bail_out = &bail_out;

	kport_slab_stats(&before);
	if (suite->init)
		ck_assert_int_eq(suite->init(&test), 0);
	if (!setjmp(bail_out))
		kcase->run_case(&test);
	if (suite->exit)
		suite->exit(&test);
	while (test.nr_allocs)
		kunit_kfree(&test, test.allocs[test.nr_allocs - 1]);
	free(test.allocs);
	kport_slab_stats(&after);

	ck_assert_msg(!test.skipped, "%s: %s", kcase->name, test.log);
	ck_assert_msg(test.nr_failures == 0, "%s: %d failure(s):\n%s",
		      kcase->name, test.nr_failures, test.log);
	ck_assert_msg(kport_warn_count() == warns, "%s: %lu WARN(s) fired",
		      kcase->name, kport_warn_count() - warns);
	ck_assert_msg(after.live == before.live,
		      "%s: leaked %ld kernel allocation(s)", kcase->name,
		      (long)(after.live - before.live));
}

static Suite *suite_kunit(void)
{
	struct kunit_suite **suites;
	unsigned int nr, i, c, base = 0;
	Suite *s = suite_create("kunit");

	suites = kunit_suites(&nr);
	checks = calloc(nr, sizeof(*checks));
	nr_checks = nr;
	for (i = 0; i < nr; i++) {
		TCase *tc = tcase_create(suites[i]->name);
		struct kunit_check *kc = &checks[i];

		kc->suite = suites[i];
		while (suites[i]->test_cases[kc->nr_cases].run_case)
			kc->nr_cases++;
		kc->ttests = calloc(kc->nr_cases, sizeof(*kc->ttests));
		for (c = 0; c < kc->nr_cases; c++) {
			kc->ttests[c].name = suites[i]->test_cases[c].name;
			kc->ttests[c].fn = run_kunit_case;
			kc->ttests[c].file = "mm/damon/tests/core-kunit.h";
			kc->ttests[c].line = 0;
			_tcase_add_test(tc, &kc->ttests[c], 0, 0, base + c,
					base + c + 1);
		}
		base += kc->nr_cases;
		suite_add_tcase(s, tc);
	}
	return s;
}

/*
 * The kernel registers vaddr ops at boot when CONFIG_DAMON_VADDR=y, and
 * damon_test_ops_registration relies on it: without a registered, non-empty
 * vaddr ops it registers a struct holding only .id, which compares equal to
 * "unregistered" because DAMON_OPS_VADDR is 0.  The ops' callbacks are never
 * called by the KUnit cases; this one only counts, to prove that.
 */
static unsigned int vaddr_init_calls;

static void kunit_vaddr_init(struct damon_ctx *ctx)
{
	vaddr_init_calls++;
}

static void register_vaddr_ops(void)
{
	static struct damon_operations vaddr_ops = {
		.id = DAMON_OPS_VADDR,
		.init = kunit_vaddr_init,
	};

	if (damon_register_ops(&vaddr_ops)) {
		fprintf(stderr, "check_kunit: cannot register vaddr ops\n");
		exit(EXIT_FAILURE);
	}
}

int main(void)
{
	static const suite_fn suites[] = { suite_kunit, NULL };
	unsigned int nr;

	register_vaddr_ops();

	kunit_suites(&nr);
	if (!nr) {
		fprintf(stderr, "check_kunit: no KUnit suite registered\n");
		return EXIT_FAILURE;
	}
	return check_run_suites(suites);
}
