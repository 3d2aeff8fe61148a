// SPDX-License-Identifier: GPL-2.0
/* Address spaces: VMAs, unmap drops pages and TLB entries, bad input,
 * traps and observers. */
#include "tests/machine_tests.h"

#define PG MACH_PAGE_SIZE

static void vma_is(struct mach_as *as, size_t i, uint64_t s, uint64_t e)
{
	const struct mach_vma *v = machine_as_vma(as, i);

	ck_assert_ptr_nonnull(v);
	ck_assert_uint_eq(v->start, s);
	ck_assert_uint_eq(v->end, e);
}

START_TEST(test_vma_split_merge)
{
	struct machine *m = mt_machine(1, 1 << 20, true, 64, 4);
	struct mach_as *as = machine_as_create(m, 1);

	ck_assert_int_eq(machine_map(as, 0x1000, 0x9000, 0, 0), 0);
	ck_assert_int_eq(machine_map(as, 0xa000, 0x1000, 0, 0), 0);
	ck_assert_uint_eq(machine_as_nr_vmas(as), 1); /* merged */
	vma_is(as, 0, 0x1000, 0xb000);
	ck_assert_int_eq(machine_unmap(as, 0x4000, 0x2000), 0);
	ck_assert_uint_eq(machine_as_nr_vmas(as), 2);
	vma_is(as, 0, 0x1000, 0x4000);
	vma_is(as, 1, 0x6000, 0xb000);
	ck_assert_uint_eq(machine_as_mapped_bytes(as), 0x8000);
	/* A different memcg does not merge; it replaces the overlap. */
	ck_assert_int_eq(machine_map(as, 0x3000, 0x4000, 0, 5), 0);
	ck_assert_uint_eq(machine_as_nr_vmas(as), 3);
	vma_is(as, 0, 0x1000, 0x3000);
	vma_is(as, 1, 0x3000, 0x7000);
	vma_is(as, 2, 0x7000, 0xb000);
	ck_assert_uint_eq(machine_as_vma(as, 1)->memcg, 5);
	ck_assert_ptr_eq(machine_as_find_vma(as, 0x6fff),
			 machine_as_vma(as, 1));
	ck_assert_ptr_null(machine_as_find_vma(as, 0xb000));
	ck_assert_uint_eq(machine_as_mapped_bytes(as), 0xa000);
	/* Unaligned ranges are widened to pages. */
	ck_assert_int_eq(machine_unmap(as, 0x1800, 0x10), 0);
	vma_is(as, 0, 0x2000, 0x3000);
	ck_assert_int_eq(machine_unmap(as, 0, 0x100000), 0);
	ck_assert_uint_eq(machine_as_nr_vmas(as), 0);
	ck_assert_uint_eq(machine_as_mapped_bytes(as), 0);
	ck_assert_int_eq(machine_map(as, 0, 0, 0, 0), -EINVAL);
	ck_assert_int_eq(machine_map(as, MACH_VA_LIMIT - PG, 2 * PG, 0, 0),
			 -EINVAL);
	ck_assert_int_eq(machine_map(as, 0, PG, 0x80, 0), -EINVAL);
	machine_destroy(m);
}
END_TEST

START_TEST(test_unmap_drops_pages_and_tlb)
{
	struct machine *m = mt_machine(2, 1 << 20, true, 64, 4);
	struct mach_as *as = machine_as_create(m, 1);
	const struct mach_counters *c = machine_counters(m);

	ck_assert_int_eq(machine_map(as, 0, 64 * PG, 0, 0), 0);
	machine_access(m, 0, as, 3 * PG, 1, true, 0);
	machine_access(m, 1, as, 3 * PG, 1, true, 0);
	ck_assert_uint_eq(c->first_touches, 1);
	machine_pte_mkold(m, as, 3 * PG, false);
	ck_assert_int_eq(machine_unmap(as, 3 * PG, PG), 0);
	ck_assert_uint_eq(c->pages_unmapped, 1);
	ck_assert_uint_eq(c->tlb_flush_pages, 1);
	ck_assert_uint_eq(c->tlb_flush_cpus, 2);
	ck_assert_uint_eq(machine_node_used(m, 0), 0);
	/* Access after unmap faults (ignored) and leaves nothing. */
	ck_assert_int_eq(machine_access(m, 0, as, 3 * PG, 1, false, 0),
			 -EFAULT);
	ck_assert_uint_eq(c->segv, 1);
	/* Remapped: a fresh page, and the stale TLB entry is gone: A set. */
	ck_assert_int_eq(machine_map(as, 3 * PG, PG, 0, 0), 0);
	machine_access(m, 0, as, 3 * PG, 1, false, 0);
	ck_assert_uint_eq(c->first_touches, 2);
	ck_assert(mt_young(as, 3 * PG));
	ck_assert_uint_eq(c->tlb_hits, 0);
	/* Many pages: one full flush instead of shootdowns. */
	for (unsigned int i = 10; i < 60; i++)
		machine_access(m, 0, as, i * PG, 1, false, 0);
	ck_assert_int_eq(machine_unmap(as, 0, 64 * PG), 0);
	ck_assert_uint_eq(c->tlb_flush_alls, 1);
	ck_assert_uint_eq(c->tlb_flush_pages, 1);
	machine_destroy(m);
}
END_TEST

START_TEST(test_bad_input_and_automap)
{
	struct mach_config cfg;
	struct machine *m;
	struct mach_as *as;

	machine_config_default(&cfg);
	cfg.tlb_entries = 100;
	ck_assert_int_eq(machine_create(&cfg, &m), -EINVAL);
	ck_assert_ptr_null(m);
	machine_config_default(&cfg);
	cfg.nr_cpus = 0;
	ck_assert_int_eq(machine_create(&cfg, &m), -EINVAL);
	machine_config_default(&cfg);
	cfg.node_capacity[0] = 123;
	ck_assert_int_eq(machine_create(&cfg, &m), -EINVAL);
	machine_config_default(&cfg);
	cfg.unmapped = MACH_UNMAPPED_AUTOMAP;
	ck_assert_int_eq(machine_create(&cfg, &m), 0);
	as = machine_as_create(m, 1);
	ck_assert_int_eq(machine_access(m, 1, as, 0, 1, false, 0), -EINVAL);
	ck_assert_int_eq(machine_access(m, 0, as, MACH_VA_LIMIT, 1, false, 0),
			 -EINVAL);
	ck_assert_int_eq(
		machine_access(m, 0, as, MACH_VA_LIMIT - 1, 8, false, 0),
		-EINVAL);
	ck_assert_uint_eq(machine_counters(m)->bad_accesses, 3);
	ck_assert_int_eq(machine_access(m, 0, as, 0x5123, 4, true, 0), 0);
	ck_assert_uint_eq(machine_counters(m)->segv, 1);
	ck_assert_uint_eq(machine_counters(m)->automaps, 1);
	ck_assert_uint_eq(machine_as_nr_vmas(as), 1);
	vma_is(as, 0, 0x5000, 0x6000);
	ck_assert(mt_young(as, 0x5000));
	machine_access(m, 0, as, 0x6000, 4, true, 0);
	vma_is(as, 0, 0x5000, 0x7000); /* auto-maps merge */
	machine_destroy(m);
}
END_TEST

struct hook_log {
	unsigned int n;
	uint64_t vaddr[8];
	bool hit[8];
};

static void hook_record(void *ctx, const struct mach_access *acc)
{
	struct hook_log *l = ctx;

	if (l->n < 8) {
		l->vaddr[l->n] = acc->vaddr;
		l->hit[l->n] = acc->tlb_hit;
	}
	l->n++;
}

START_TEST(test_trap_and_observers)
{
	struct machine *m = mt_machine(1, 1 << 20, true, 64, 4);
	struct mach_as *as = machine_as_create(m, 1);
	struct hook_log traps = {0}, obs = {0};
	struct mach_pte_info pi;

	machine_map(as, 0, 8 * PG, 0, 0);
	ck_assert_int_eq(machine_arm_page(m, as, 0, true), -ENOENT);
	machine_access(m, 0, as, 0x10, 1, false, 0);
	machine_set_trap_handler(m, hook_record, &traps);
	ck_assert_int_eq(machine_arm_page(m, as, 0, true), 0);
	ck_assert_int_eq(machine_pte_get(as, 0, &pi), 0);
	ck_assert(pi.armed);
	machine_access(m, 0, as, 0x20, 1, false, 0);
	machine_access(m, 0, as, 0x30, 1, false, 0);
	ck_assert_uint_eq(traps.n, 1);
	ck_assert_uint_eq(traps.vaddr[0], 0x20);
	ck_assert_uint_eq(machine_counters(m)->traps, 1);
	machine_arm_page(m, as, 0, false);
	ck_assert_int_eq(machine_disarm_page(as, 0), 0);
	machine_access(m, 0, as, 0x40, 1, false, 0);
	ck_assert_uint_eq(traps.n, 1);

	ck_assert_int_eq(machine_add_observer(m, hook_record, &obs), 0);
	machine_access(m, 0, as, 0x50, 1, false, 0);
	machine_access(m, 0, as, PG, 1, false, 0);
	ck_assert_uint_eq(obs.n, 2);
	ck_assert(obs.hit[0] && !obs.hit[1]);
	ck_assert_uint_eq(obs.vaddr[1], PG);
	ck_assert_int_eq(machine_remove_observer(m, hook_record, &obs), 0);
	ck_assert_int_eq(machine_remove_observer(m, hook_record, &obs),
			 -ENOENT);
	machine_access(m, 0, as, 0x60, 1, false, 0);
	ck_assert_uint_eq(obs.n, 2);
	machine_destroy(m);
}
END_TEST

Suite *suite_machine_addrspace(void)
{
	Suite *s = suite_create("machine_addrspace");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_vma_split_merge);
	tcase_add_test(tc, test_unmap_drops_pages_and_tlb);
	tcase_add_test(tc, test_bad_input_and_automap);
	tcase_add_test(tc, test_trap_and_observers);
	suite_add_tcase(s, tc);
	return s;
}
