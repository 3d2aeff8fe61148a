// SPDX-License-Identifier: GPL-2.0
/* TLB model: hidden accesses after mkold, flushes, LRU, per-CPU. */
#include "sim/tlb.h"
#include "tests/machine_tests.h"

#define PG MACH_PAGE_SIZE

START_TEST(test_mkold_without_flush_hides)
{
	struct machine *m = mt_machine(2, 1 << 20, true, 64, 4);
	struct mach_as *as = machine_as_create(m, 1);
	struct mach_pte_info pi;

	ck_assert_int_eq(machine_map(as, 0, 8 * PG, 0, 0), 0);
	machine_access(m, 0, as, 0, 1, false, 0);
	ck_assert(mt_young(as, 0));
	ck_assert_int_eq(machine_pte_mkold(m, as, 0, false), 0);
	/* CPU 0 still caches the translation: A stays clear. */
	machine_access(m, 0, as, 8, 1, false, 0);
	ck_assert(!mt_young(as, 0));
	ck_assert_uint_eq(machine_counters(m)->tlb_hits, 1);
	/* A store through the clean entry sets D but still not A. */
	machine_access(m, 0, as, 8, 1, true, 0);
	ck_assert_int_eq(machine_pte_get(as, 0, &pi), 0);
	ck_assert(!pi.young && pi.dirty);
	ck_assert_uint_eq(machine_counters(m)->dirty_assists, 1);
	/* CPU 1 has no entry: its access walks and sets A. */
	machine_access(m, 1, as, 8, 1, false, 0);
	ck_assert(mt_young(as, 0));
	/* With a flush, the next access of CPU 0 is visible. */
	ck_assert(machine_pte_test_and_clear_young(m, as, 0, true));
	ck_assert_uint_eq(machine_counters(m)->tlb_flush_pages, 1);
	ck_assert_uint_eq(machine_counters(m)->tlb_flush_cpus, 2);
	machine_access(m, 0, as, 8, 1, false, 0);
	ck_assert(mt_young(as, 0));
	machine_destroy(m);
}
END_TEST

START_TEST(test_flush_page_and_all)
{
	struct machine *m = mt_machine(1, 1 << 20, true, 64, 4);
	struct mach_as *as = machine_as_create(m, 1);

	ck_assert_int_eq(machine_map(as, 0, 8 * PG, 0, 0), 0);
	machine_access(m, 0, as, 0, 1, false, 0);
	machine_access(m, 0, as, PG, 1, false, 0);
	machine_pte_mkold(m, as, 0, false);
	machine_pte_mkold(m, as, PG, false);
	machine_tlb_flush_page(m, as, 0);
	machine_access(m, 0, as, 0, 1, false, 0);
	machine_access(m, 0, as, PG, 1, false, 0);
	ck_assert(mt_young(as, 0));
	ck_assert(!mt_young(as, PG));
	machine_tlb_flush_all(m, NULL);
	ck_assert_uint_eq(machine_counters(m)->tlb_flush_alls, 1);
	machine_access(m, 0, as, PG, 1, false, 0);
	ck_assert(mt_young(as, PG));
	machine_destroy(m);
}
END_TEST

START_TEST(test_lru_eviction)
{
	/* 4 entries, 2 ways: 2 sets; even page numbers share set 0. */
	struct machine *m = mt_machine(1, 1 << 20, true, 4, 2);
	struct mach_as *as = machine_as_create(m, 1);
	unsigned int i;

	ck_assert_int_eq(machine_map(as, 0, 16 * PG, 0, 0), 0);
	machine_access(m, 0, as, 0 * PG, 1, false, 0);
	machine_access(m, 0, as, 2 * PG, 1, false, 0);
	machine_access(m, 0, as, 0 * PG, 1, false, 0); /* 0 is MRU */
	machine_access(m, 0, as, 4 * PG, 1, false, 0); /* evicts 2 */
	machine_access(m, 0, as, 1 * PG, 1, false, 0); /* other set */
	for (i = 0; i < 5; i++)
		machine_pte_mkold(m, as, i * PG, false);
	machine_access(m, 0, as, 0 * PG, 1, false, 0);
	machine_access(m, 0, as, 1 * PG, 1, false, 0);
	machine_access(m, 0, as, 4 * PG, 1, false, 0);
	ck_assert(!mt_young(as, 0 * PG));
	ck_assert(!mt_young(as, 1 * PG));
	ck_assert(!mt_young(as, 4 * PG));
	machine_access(m, 0, as, 2 * PG, 1, false, 0); /* evicted: walk */
	ck_assert(mt_young(as, 2 * PG));
	/* Inserting 2 evicted the LRU of set 0, which was 0 (4 was used
	 * after it). */
	machine_access(m, 0, as, 0 * PG, 1, false, 0);
	ck_assert(mt_young(as, 0 * PG));
	machine_destroy(m);
}
END_TEST

START_TEST(test_tlb_disabled_sets_a_always)
{
	struct machine *m = mt_machine(1, 1 << 20, false, 0, 0);
	struct mach_as *as = machine_as_create(m, 1);

	ck_assert_int_eq(machine_map(as, 0, 8 * PG, 0, 0), 0);
	machine_access(m, 0, as, 0, 1, false, 0);
	machine_pte_mkold(m, as, 0, false);
	machine_access(m, 0, as, 0, 1, false, 0);
	ck_assert(mt_young(as, 0));
	ck_assert_uint_eq(machine_counters(m)->tlb_hits, 0);
	machine_destroy(m);
}
END_TEST

START_TEST(test_tlb_unit_asid_flush)
{
	struct tlb t;
	uint64_t a = tlb_key(1, false, 8), b = tlb_key(2, false, 8);
	uint64_t c = tlb_key(1, true, 8);

	ck_assert_int_eq(tlb_init(&t, 12, 4), -EINVAL);
	ck_assert_int_eq(tlb_init(&t, 16, 4), 0);
	tlb_insert(&t, a);
	tlb_insert(&t, b | TLB_DIRTY);
	tlb_insert(&t, c);
	ck_assert_ptr_nonnull(tlb_lookup(&t, a));
	ck_assert(*tlb_lookup(&t, b) & TLB_DIRTY);
	tlb_flush(&t, 1);
	ck_assert_ptr_null(tlb_lookup(&t, a));
	ck_assert_ptr_null(tlb_lookup(&t, c));
	ck_assert_ptr_nonnull(tlb_lookup(&t, b));
	ck_assert(tlb_invalidate(&t, b));
	ck_assert(!tlb_invalidate(&t, b));
	tlb_free(&t);
}
END_TEST

START_TEST(test_tlb_unit_lru_ways)
{
	static const unsigned int ways_tab[] = {1, 3, 8, 12, 64};
	unsigned int ways = ways_tab[_i], w, missing = 0;
	struct tlb t;

	ck_assert_int_eq(tlb_init(&t, ways * 2, ways), 0);
	/* Even page numbers all map to set 0 of 2. */
	for (w = 0; w < ways; w++)
		tlb_insert(&t, tlb_key(3, false, 2 * w));
	for (w = 0; w < ways; w++)
		missing += !tlb_lookup(&t, tlb_key(3, false, 2 * w));
	ck_assert_uint_eq(missing, 0);
	ck_assert_ptr_null(tlb_lookup(&t, tlb_key(3, false, 2 * ways)));
	ck_assert_ptr_null(tlb_lookup(&t, tlb_key(4, false, 0)));
	ck_assert_ptr_null(tlb_lookup(&t, tlb_key(3, true, 0)));
	/* Touch all but page 0: it becomes the LRU and is evicted. */
	for (w = 1; w < ways; w++)
		tlb_lookup(&t, tlb_key(3, false, 2 * w));
	tlb_insert(&t, tlb_key(3, false, 2 * ways));
	ck_assert_ptr_null(tlb_lookup(&t, tlb_key(3, false, 0)));
	for (w = 1; w <= ways; w++)
		missing += !tlb_lookup(&t, tlb_key(3, false, 2 * w));
	ck_assert_uint_eq(missing, 0);
	/* An invalidated way is reused before any valid one. */
	ck_assert(tlb_invalidate(&t, tlb_key(3, false, 2 * ways)));
	tlb_insert(&t, tlb_key(3, false, 0));
	for (w = 1; w < ways; w++)
		missing += !tlb_lookup(&t, tlb_key(3, false, 2 * w));
	ck_assert_uint_eq(missing, 0);
	ck_assert_ptr_nonnull(tlb_lookup(&t, tlb_key(3, false, 0)));
	tlb_flush(&t, 0);
	ck_assert_ptr_null(tlb_lookup(&t, tlb_key(3, false, 0)));
	tlb_free(&t);
}
END_TEST

START_TEST(test_huge_hidden_and_asid_flush)
{
	struct machine *m = mt_machine(1, 64 << 20, true, 64, 4);
	struct mach_as *a = machine_as_create(m, 1);
	struct mach_as *b = machine_as_create(m, 2);
	uint64_t h = 0x40000000;

	ck_assert_int_eq(machine_map(a, h, 2 << 20, MACH_MAP_HUGE, 0), 0);
	ck_assert_int_eq(machine_map(b, h, 8 * PG, 0, 0), 0);
	machine_access(m, 0, a, h, 1, false, 0);
	machine_access(m, 0, b, h, 1, false, 0);
	/* One TLB entry covers the 2 MiB: any subpage hits and stays
	 * hidden after mkold without flush. */
	machine_pte_mkold(m, a, h, false);
	machine_pte_mkold(m, b, h, false);
	machine_access(m, 0, a, h + 300 * PG, 1, false, 0);
	machine_access(m, 0, b, h, 1, false, 0);
	ck_assert(!mt_young(a, h));
	ck_assert(!mt_young(b, h));
	/* Flushing address space a only makes a's accesses visible. */
	machine_tlb_flush_all(m, a);
	machine_access(m, 0, a, h + 7 * PG, 1, false, 0);
	machine_access(m, 0, b, h, 1, false, 0);
	ck_assert(mt_young(a, h));
	ck_assert(!mt_young(b, h));
	machine_destroy(m);
}
END_TEST

/* Reference LRU: each set as an MRU-first array, invalid ways at the end. */
struct ref_tlb {
	unsigned int ways, sets;
	uint64_t k[8][64];
};

static bool ref_access(struct ref_tlb *r, uint64_t key)
{
	uint64_t *set = r->k[key % r->sets];
	unsigned int w, pos = r->ways - 1;
	bool hit = false;

	for (w = 0; w < r->ways; w++) {
		if (set[w] == key) {
			pos = w;
			hit = true;
			break;
		}
	}
	for (w = pos; w > 0; w--)
		set[w] = set[w - 1];
	set[0] = key;
	return hit;
}

static void ref_invalidate(struct ref_tlb *r, uint64_t key)
{
	uint64_t *set = r->k[key % r->sets];
	unsigned int w;

	for (w = 0; w < r->ways; w++) {
		if (set[w] != key)
			continue;
		for (; w + 1 < r->ways; w++)
			set[w] = set[w + 1];
		set[r->ways - 1] = 0;
		return;
	}
}

START_TEST(test_tlb_matches_reference_lru)
{
	static const unsigned int ways_tab[] = {2, 5, 12, 16, 20, 64};
	unsigned int ways = ways_tab[_i], i, mismatches = 0;
	struct ref_tlb ref = {.ways = ways, .sets = 4};
	uint64_t x = 12345, pn, key;
	struct tlb t;
	bool hit;

	ck_assert_int_eq(tlb_init(&t, ways * 4, ways), 0);
	for (i = 0; i < 200000; i++) {
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		/* Working set a bit larger than the TLB: hits and misses. */
		pn = (x >> 33) % (ways * 4 + ways + 3);
		key = tlb_key(1, false, pn);
		if ((x >> 20) % 16 == 0) {
			tlb_invalidate(&t, key);
			ref_invalidate(&ref, pn + 1);
			continue;
		}
		hit = tlb_lookup(&t, key) != NULL;
		if (!hit)
			tlb_insert(&t, key);
		mismatches += hit != ref_access(&ref, pn + 1);
	}
	ck_assert_uint_eq(mismatches, 0);
	tlb_free(&t);
}
END_TEST

Suite *suite_machine_tlb(void)
{
	Suite *s = suite_create("machine_tlb");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_mkold_without_flush_hides);
	tcase_add_test(tc, test_flush_page_and_all);
	tcase_add_test(tc, test_lru_eviction);
	tcase_add_test(tc, test_tlb_disabled_sets_a_always);
	tcase_add_test(tc, test_tlb_unit_asid_flush);
	tcase_add_loop_test(tc, test_tlb_unit_lru_ways, 0, 5);
	tcase_add_test(tc, test_huge_hidden_and_asid_flush);
	tcase_add_loop_test(tc, test_tlb_matches_reference_lru, 0, 6);
	suite_add_tcase(s, tc);
	return s;
}
