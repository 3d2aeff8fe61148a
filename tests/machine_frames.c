// SPDX-License-Identifier: GPL-2.0
/* Frames: first-touch allocation, node policy, rmap, huge mappings. */
#include "tests/machine_tests.h"

#define PG MACH_PAGE_SIZE

static struct machine *frames_machine(enum mach_node_policy pol, uint64_t n0,
				      uint64_t n1)
{
	struct mach_config cfg;
	struct machine *m = NULL;

	machine_config_default(&cfg);
	cfg.nr_cpus = 2;
	cfg.nr_nodes = 2;
	cfg.node_capacity[0] = n0;
	cfg.node_capacity[1] = n1;
	cfg.phys_base = 1ULL << 32;
	cfg.policy = pol;
	ck_assert_int_eq(machine_create(&cfg, &m), 0);
	return m;
}

static uint64_t pfn_of(struct mach_as *as, uint64_t addr)
{
	struct mach_pte_info pi;

	ck_assert_int_eq(machine_pte_get(as, addr, &pi), 0);
	return pi.pfn;
}

START_TEST(test_first_fit_capacity_and_oom)
{
	struct machine *m =
		frames_machine(MACH_POLICY_FIRST_FIT, 4 * PG, 4 * PG);
	struct mach_as *as = machine_as_create(m, 1);
	uint64_t s, e, base = 1ULL << 20;
	unsigned int i;

	ck_assert_int_eq(machine_map(as, 0, base + 16 * PG, 0, 0), 0);
	ck_assert_int_eq(machine_node_range(m, 1, &s, &e), 0);
	ck_assert_uint_eq(s, (1ULL << 32) + 4 * PG);
	ck_assert_uint_eq(e, (1ULL << 32) + 8 * PG);
	for (i = 0; i < 8; i++)
		ck_assert_int_eq(machine_access(m, 1, as, i * PG, 1, false, 0),
				 0);
	/* First fit: node 0 first even from CPU 1 (on node 1). */
	for (i = 0; i < 4; i++)
		ck_assert_uint_eq(pfn_of(as, i * PG), (1ULL << 20) + i);
	for (i = 4; i < 8; i++)
		ck_assert_uint_eq(pfn_of(as, i * PG) << 12 >= s, 1);
	ck_assert_uint_eq(machine_node_used(m, 0), 4 * PG);
	ck_assert_uint_eq(machine_node_used(m, 1), 4 * PG);
	/* Full: the page exists without a frame and OOM is counted. */
	ck_assert_int_eq(machine_access(m, 0, as, 8 * PG, 1, false, 0),
			 -ENOMEM);
	ck_assert_uint_eq(pfn_of(as, 8 * PG), MACH_PFN_NONE);
	ck_assert_uint_eq(machine_counters(m)->oom, 1);
	ck_assert(mt_young(as, 8 * PG));
	/* Freed frame is reused first. */
	ck_assert_int_eq(machine_unmap(as, 2 * PG, PG), 0);
	ck_assert_int_eq(machine_map(as, 2 * PG, PG, 0, 0), 0);
	ck_assert_int_eq(machine_access(m, 0, as, 9 * PG, 1, false, 0), 0);
	ck_assert_uint_eq(pfn_of(as, 9 * PG), (1ULL << 20) + 2);
	machine_destroy(m);
}
END_TEST

START_TEST(test_local_policy)
{
	struct machine *m = frames_machine(MACH_POLICY_LOCAL, 2 * PG, 2 * PG);
	struct mach_as *as = machine_as_create(m, 1);
	uint64_t s1, e1;

	ck_assert_int_eq(machine_cpu_node(m, 0), 0);
	ck_assert_int_eq(machine_cpu_node(m, 1), 1);
	machine_node_range(m, 1, &s1, &e1);
	ck_assert_int_eq(machine_map(as, 0, 16 * PG, 0, 0), 0);
	machine_access(m, 1, as, 0, 1, false, 0);
	ck_assert_uint_eq(pfn_of(as, 0), s1 >> 12);
	machine_access(m, 0, as, PG, 1, false, 0);
	ck_assert_uint_eq(pfn_of(as, PG), (1ULL << 20));
	/* Node 1 fills up; CPU 1 falls back to node 0. */
	machine_access(m, 1, as, 2 * PG, 1, false, 0);
	machine_access(m, 1, as, 3 * PG, 1, false, 0);
	ck_assert_uint_eq(pfn_of(as, 3 * PG), (1ULL << 20) + 1);
	machine_destroy(m);
}
END_TEST

static void run_script(struct machine *m, struct mach_as *as, uint64_t *out)
{
	static const uint64_t pages[] = {5, 1, 9, 1, 3, 7, 2, 8};
	unsigned int i;

	for (i = 0; i < 8; i++) {
		machine_access(m, i % 2, as, pages[i] * PG, 1, i & 1, i);
		if (i == 4)
			machine_unmap(as, 9 * PG, PG);
	}
	for (i = 0; i < 10; i++) {
		struct mach_pte_info pi;

		machine_pte_get(as, i * PG, &pi);
		out[i] = pi.pfn;
	}
}

START_TEST(test_deterministic)
{
	uint64_t a[10], b[10];
	struct machine *m;
	struct mach_as *as;
	int k;

	for (k = 0; k < 2; k++) {
		m = frames_machine(MACH_POLICY_LOCAL, 64 * PG, 64 * PG);
		as = machine_as_create(m, 7);
		machine_map(as, 0, 16 * PG, 0, 0);
		run_script(m, as, k ? b : a);
		machine_destroy(m);
	}
	ck_assert_mem_eq(a, b, sizeof(a));
	ck_assert_uint_eq(a[9], MACH_PFN_NONE);
	ck_assert_uint_ne(a[5], MACH_PFN_NONE);
}
END_TEST

START_TEST(test_rmap)
{
	struct machine *m = frames_machine(MACH_POLICY_LOCAL, 64 * PG, 64 * PG);
	struct mach_as *a1 = machine_as_create(m, 1);
	struct mach_as *a2 = machine_as_create(m, 2), *as;
	uint64_t pfn, va;

	machine_map(a1, 0x10000, 4 * PG, 0, 0);
	machine_map(a2, 0x10000, 4 * PG, MACH_MAP_FILE, 3);
	machine_access(m, 0, a1, 0x11000, 1, false, 0);
	machine_access(m, 0, a2, 0x12000, 1, false, 0);
	pfn = pfn_of(a2, 0x12000);
	ck_assert_int_eq(machine_frame_rmap(m, pfn, &as, &va), 0);
	ck_assert_ptr_eq(as, a2);
	ck_assert_uint_eq(va, 0x12000);
	ck_assert(machine_frame_young(m, pfn));
	ck_assert(machine_frame_test_and_clear_young(m, pfn, false));
	ck_assert(!mt_young(a2, 0x12000));
	ck_assert(mt_young(a1, 0x11000));
	ck_assert_int_eq(machine_frame_mkold(m, pfn_of(a1, 0x11000), false), 0);
	ck_assert(!mt_young(a1, 0x11000));
	ck_assert(!machine_frame_test_idle(m, pfn));
	ck_assert_int_eq(machine_frame_set_idle(m, pfn, true), 0);
	ck_assert(machine_frame_test_idle(m, pfn));
	machine_access(m, 0, a2, 0x12000, 1, false, 0);
	ck_assert(machine_frame_test_idle(m, pfn)); /* hardware: no clear */
	ck_assert_int_eq(machine_frame_set_idle(m, pfn + 100, true), -ENOENT);
	ck_assert_int_eq(machine_frame_rmap(m, pfn + 100, &as, &va), -ENOENT);
	ck_assert_int_eq(machine_frame_rmap(m, 3, &as, &va), -ENOENT);
	ck_assert_uint_eq(machine_counters(m)->rmap_walks, 6);
	ck_assert_ptr_eq(machine_as_find(m, 2), a2);
	machine_as_destroy(a2);
	ck_assert_int_eq(machine_frame_rmap(m, pfn, &as, &va), -ENOENT);
	ck_assert(!machine_frame_test_idle(m, pfn)); /* freed: cleared */
	machine_destroy(m);
}
END_TEST

START_TEST(test_huge_mapping)
{
	struct machine *m =
		frames_machine(MACH_POLICY_FIRST_FIT, 8ULL << 20, 8ULL << 20);
	struct mach_as *as = machine_as_create(m, 1);
	uint64_t base = 0x40000000, pfn;
	struct mach_pte_info pi;

	/* 1 MiB unaligned head, then two full 2 MiB blocks. */
	ck_assert_int_eq(
		machine_map(as, base - (1 << 20), 5ULL << 20, MACH_MAP_HUGE, 0),
		0);
	machine_access(m, 0, as, base + 5 * PG, 1, true, 0);
	ck_assert_int_eq(machine_pte_get(as, base + 100 * PG, &pi), 0);
	ck_assert(pi.huge && pi.young && pi.dirty);
	pfn = pfn_of(as, base);
	ck_assert_uint_eq(pfn % 512, 0);
	ck_assert_uint_eq(pfn_of(as, base + 7 * PG), pfn + 7);
	ck_assert_uint_eq(machine_counters(m)->huge_first_touches, 1);
	ck_assert_uint_eq(machine_node_used(m, 0), 2 << 20);
	/* The unaligned head uses 4 KiB pages. */
	machine_access(m, 0, as, base - PG, 1, false, 0);
	ck_assert_int_eq(machine_pte_get(as, base - PG, &pi), 0);
	ck_assert(!pi.huge);
	/* One accessed bit for 2 MiB: clearing via one subpage clears all;
	 * an access through any subpage (new CPU: TLB miss) sets it. */
	ck_assert(
		machine_pte_test_and_clear_young(m, as, base + 300 * PG, true));
	ck_assert(!mt_young(as, base));
	machine_access(m, 1, as, base + 511 * PG, 1, false, 0);
	ck_assert(mt_young(as, base));
	/* rmap of a subframe finds the huge entry. */
	ck_assert(machine_frame_test_and_clear_young(m, pfn + 9, false));
	ck_assert(!mt_young(as, base + 9 * PG));
	/* Partial unmap splits; the rest keeps its frames. */
	ck_assert_int_eq(machine_unmap(as, base, 16 * PG), 0);
	ck_assert_uint_eq(machine_counters(m)->huge_splits, 1);
	ck_assert_int_eq(machine_pte_get(as, base + 16 * PG, &pi), 0);
	ck_assert(!pi.huge && pi.dirty);
	ck_assert_uint_eq(pi.pfn, pfn + 16);
	ck_assert_int_eq(machine_pte_get(as, base, &pi), -ENOENT);
	ck_assert_uint_eq(machine_node_used(m, 0), (2 << 20) - 16 * PG + PG);
	machine_destroy(m);
}
END_TEST

START_TEST(test_huge_fallback)
{
	/* 1 MiB node: no room for a 2 MiB block. */
	struct machine *m =
		frames_machine(MACH_POLICY_FIRST_FIT, 1 << 20, 1 << 20);
	struct mach_as *as = machine_as_create(m, 1);
	struct mach_pte_info pi;

	ck_assert_int_eq(machine_map(as, 0, 4 << 20, MACH_MAP_HUGE, 0), 0);
	ck_assert_int_eq(machine_access(m, 0, as, 0, 1, false, 0), 0);
	ck_assert_int_eq(machine_pte_get(as, 0, &pi), 0);
	ck_assert(!pi.huge);
	ck_assert_uint_eq(machine_counters(m)->huge_first_touches, 0);
	machine_destroy(m);
}
END_TEST

Suite *suite_machine_frames(void)
{
	Suite *s = suite_create("machine_frames");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_first_fit_capacity_and_oom);
	tcase_add_test(tc, test_local_policy);
	tcase_add_test(tc, test_deterministic);
	tcase_add_test(tc, test_rmap);
	tcase_add_test(tc, test_huge_mapping);
	tcase_add_test(tc, test_huge_fallback);
	suite_add_tcase(s, tc);
	return s;
}
