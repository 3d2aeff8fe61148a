/* SPDX-License-Identifier: GPL-2.0 */
#ifndef DAMONSIM_TESTS_MACHINE_TESTS_H
#define DAMONSIM_TESTS_MACHINE_TESTS_H

#include <check.h>
#include <errno.h>

#include "sim/machine.h"

Suite *suite_machine_pagetable(void);
Suite *suite_machine_tlb(void);
Suite *suite_machine_frames(void);
Suite *suite_machine_addrspace(void);
Suite *suite_machine_gt(void);
Suite *suite_machine_accuracy(void);
Suite *suite_machine_random(void);

/* A machine with @cpus CPUs, one node of @node_bytes, TLB as given. */
static inline struct machine *mt_machine(unsigned int cpus, uint64_t node_bytes,
					 bool tlb, unsigned int entries,
					 unsigned int ways)
{
	struct mach_config cfg;
	struct machine *m = NULL;

	machine_config_default(&cfg);
	cfg.nr_cpus = cpus;
	cfg.node_capacity[0] = node_bytes;
	cfg.tlb_enabled = tlb;
	cfg.tlb_entries = entries;
	cfg.tlb_ways = ways;
	cfg.gt_paddr = true;
	ck_assert_int_eq(machine_create(&cfg, &m), 0);
	return m;
}

static inline bool mt_young(struct mach_as *as, uint64_t addr)
{
	struct mach_pte_info pi;

	return machine_pte_get(as, addr, &pi) == 0 && pi.young;
}

#endif
