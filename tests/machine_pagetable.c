// SPDX-License-Identifier: GPL-2.0
/* Page table: A/D semantics, sparseness, radix iteration. */
#include "sim/pagetable.h"
#include "tests/machine_tests.h"

#define PG MACH_PAGE_SIZE

START_TEST(test_ad_bits_without_tlb)
{
	struct machine *m = mt_machine(1, 1 << 20, false, 0, 0);
	struct mach_as *as = machine_as_create(m, 1);
	struct mach_pte_info pi;

	ck_assert_int_eq(machine_map(as, 0x400000, 16 * PG, 0, 0), 0);
	ck_assert_int_eq(machine_pte_get(as, 0x400000, &pi), -ENOENT);
	ck_assert_int_eq(machine_access(m, 0, as, 0x400010, 8, false, 0), 0);
	ck_assert_int_eq(machine_pte_get(as, 0x400000, &pi), 0);
	ck_assert(pi.present && pi.young && !pi.dirty && !pi.huge);
	ck_assert(machine_pte_test_and_clear_young(m, as, 0x400000, false));
	ck_assert(!mt_young(as, 0x400000));
	ck_assert(!machine_pte_test_and_clear_young(m, as, 0x400000, false));
	/* No TLB: every access walks and sets A again. */
	ck_assert_int_eq(machine_access(m, 0, as, 0x400020, 8, true, 0), 0);
	ck_assert_int_eq(machine_pte_get(as, 0x400000, &pi), 0);
	ck_assert(pi.young && pi.dirty);
	ck_assert_uint_eq(machine_counters(m)->pte_checks, 2);
	ck_assert_uint_eq(machine_counters(m)->pte_clears, 1);
	ck_assert_uint_eq(machine_counters(m)->tlb_misses, 2);
	ck_assert_uint_eq(machine_counters(m)->first_touches, 1);
	machine_destroy(m);
}
END_TEST

START_TEST(test_cross_page_access)
{
	struct machine *m = mt_machine(1, 1 << 20, true, 64, 4);
	struct mach_as *as = machine_as_create(m, 1);

	ck_assert_int_eq(machine_map(as, 0, 4 * PG, 0, 0), 0);
	ck_assert_int_eq(machine_access(m, 0, as, PG - 4, 8, false, 0), 0);
	ck_assert(mt_young(as, 0));
	ck_assert(mt_young(as, PG));
	ck_assert(!mt_young(as, 2 * PG));
	ck_assert_uint_eq(machine_counters(m)->accesses, 2);
	machine_destroy(m);
}
END_TEST

START_TEST(test_tib_sparse)
{
	struct machine *m = mt_machine(1, 1ULL << 30, true, 64, 4);
	struct mach_as *as = machine_as_create(m, 1);
	struct mach_mem_stats ms;
	uint64_t base = 0x100000000000ULL, i;

	ck_assert_int_eq(machine_map(as, base, 1ULL << 40, 0, 0), 0);
	ck_assert_uint_eq(machine_as_mapped_bytes(as), 1ULL << 40);
	machine_mem_stats(m, &ms);
	ck_assert_uint_eq(ms.leaf_tables, 0);
	ck_assert_uint_eq(ms.dir_nodes, 0);
	/* 100 pages spread over the whole TiB: one leaf each. */
	for (i = 0; i < 100; i++)
		ck_assert_int_eq(machine_access(m, 0, as,
						base + i * (1ULL << 40) / 100,
						1, false, 0),
				 0);
	machine_mem_stats(m, &ms);
	ck_assert_uint_eq(ms.leaf_tables, 100);
	ck_assert_uint_le(ms.dir_nodes, 1 + 2 * 100);
	ck_assert_uint_lt(ms.page_table_bytes, 2ULL << 20);
	ck_assert_uint_eq(ms.frames_allocated, 100);
	ck_assert_uint_lt(ms.frame_table_bytes, 64 * 1024);
	ck_assert_int_eq(machine_unmap(as, base, 1ULL << 40), 0);
	machine_mem_stats(m, &ms);
	ck_assert_uint_eq(ms.leaf_tables, 0);
	ck_assert_uint_eq(ms.dir_nodes, 0);
	ck_assert_uint_eq(ms.frames_allocated, 0);
	machine_destroy(m);
}
END_TEST

START_TEST(test_radix_iteration)
{
	uint64_t idx = 0, want[] = {3, 600, 1ULL << 20, (1ULL << 27) - 1};
	struct pt_pool pool;
	struct pagetable pt;
	struct pt_leaf *leaf;
	unsigned int i;

	pt_pool_init(&pool);
	pt_init(&pt, &pool);
	for (i = 0; i < 4; i++)
		ck_assert_ptr_nonnull(pt_get_leaf(&pt, want[i]));
	ck_assert_uint_eq(pool.nr_leaves, 4);
	ck_assert_ptr_eq(pt_get_leaf(&pt, 600), pt_find_leaf(&pt, 600));
	ck_assert_ptr_null(pt_find_leaf(&pt, 601));
	leaf = pt_next_leaf(&pt, 0, 1ULL << 27, &idx);
	for (i = 0; i < 4; i++) {
		ck_assert_ptr_nonnull(leaf);
		ck_assert_uint_eq(idx, want[i]);
		leaf = pt_next_leaf(&pt, idx + 1, 1ULL << 27, &idx);
	}
	ck_assert_ptr_null(leaf);
	ck_assert_ptr_null(pt_next_leaf(&pt, 4, 600, &idx));
	for (i = 0; i < 4; i++)
		pt_free_leaf(&pt, want[i]);
	ck_assert_uint_eq(pool.nr_leaves, 0);
	ck_assert_uint_eq(pool.nr_dirs, 0);
	ck_assert_ptr_null(pt.root);
	/* Freed nodes are reused before the pool grows. */
	ck_assert_ptr_nonnull(pt_get_leaf(&pt, 5));
	ck_assert_uint_eq(pool.chunk_bytes, 2u << 20);
	pt_destroy(&pt);
	ck_assert_uint_eq(pool.nr_leaves, 0);
	pt_pool_destroy(&pool);
}
END_TEST

Suite *suite_machine_pagetable(void)
{
	Suite *s = suite_create("machine_pagetable");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_ad_bits_without_tlb);
	tcase_add_test(tc, test_cross_page_access);
	tcase_add_test(tc, test_tib_sparse);
	tcase_add_test(tc, test_radix_iteration);
	suite_add_tcase(s, tc);
	return s;
}
