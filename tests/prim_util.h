/* SPDX-License-Identifier: GPL-2.0 */
/*
 * prim_util.h - a real kdamond with one or two primitive instances on a
 * small simulated machine, driven in virtual time by a scripted workload.
 */
#ifndef DAMONSIM_TESTS_PRIM_UTIL_H
#define DAMONSIM_TESTS_PRIM_UTIL_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

#include "primitives/primitive.h"
#include "sim/machine.h"

#define PU_SAMPLE_US 5000
#define PU_AGGR_US 50000
#define PU_NR_SAMPLES (PU_AGGR_US / PU_SAMPLE_US)
#define PU_BASE 0x10000000UL
#define PU_NR_PAGES 100
#define PU_NR_REGIONS 10
#define PU_PAGES_PER_REGION (PU_NR_PAGES / PU_NR_REGIONS)
#define PU_NR_CPUS 4
#define PU_MAX_INST 2
#define PU_DUMP_LEN (1 << 16)

/*
 * What the workload does in each 1 ms step: touch every page of the hot
 * regions [hot_first, hot_last] once (page i of region k by thread
 * 100 + k on CPU k % PU_NR_CPUS, a store when k is odd), or only its
 * first hot_pages pages.
 */
struct pu_script {
	unsigned int hot_first;
	unsigned int hot_last;
	unsigned int nr_aggr;	/* aggregation intervals to run */
	uint64_t seed;		/* kport_seed() */
	bool paddr;		/* one physical target over the node */
	unsigned int hot_pages;	/* pages touched per region, 0: all */
};

struct pu_result {
	unsigned int nr_snaps;
	/* per snapshot: bytes of regions inside/outside hot with counts != */
	unsigned long wrong[64];
	unsigned long hot_exact_bytes[64];
	char dump[PU_DUMP_LEN];
	size_t dump_len;
	struct prim_counters counters[PU_MAX_INST];
	uint64_t accesses[2];	/* loads, stores the workload made */
	/* in-band events of instance 0 per event and thread (tid - 100) */
	uint64_t inband[PRIM_EV_NR][PU_NR_REGIONS];
	uint64_t inband_other;	/* of threads outside the script */
	unsigned long checked;	/* reports pu_check_attribution() saw */
};

/* One instance to run: primitive name and "name=value" overrides. */
struct pu_prim {
	const char *name;
	const char *const *params;	/* NULL-terminated, may be NULL */
};

/* The machine and address space of the current run (for scripts). */
struct machine *pu_machine(void);
struct mach_as *pu_as(void);
/* Instance @k of the current run (NULL outside pu_run()). */
struct prim_instance *pu_inst(unsigned int k);

/* Called once per 1 ms step after the default workload, if set. */
typedef void (*pu_step_fn)(void *arg, uint64_t now, unsigned int step);

int pu_set_param(struct prim_instance *inst, const char *spec);
/*
 * Runs in a child process: kernel-port/driver.c keeps a destroyed
 * context's freed snapshot buffer in its table, so a second context in
 * one process would write to freed memory.
 */
void pu_run(const struct pu_script *s, const struct pu_prim *prims,
	    unsigned int nr_prims, pu_step_fn step, void *arg,
	    struct pu_result *res);
void pu_access(uint64_t now, unsigned int page, unsigned int cpu,
	       uint32_t tid, bool write);
/* Step hook: check the thread, CPU and type of instance 0's reports. */
void pu_check_attribution(void *arg, uint64_t now, unsigned int step);
char *pu_run_in_child(const struct pu_script *s, const struct pu_prim *p);

#endif
