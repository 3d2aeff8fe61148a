/* SPDX-License-Identifier: GPL-2.0 */
/*
 * push.h - what the push-style primitives (fault, perf, ibs) share.
 *
 * Each instance owns a struct damon_report_buf, so several primitives can
 * run side by side on one machine without seeing each other's reports.
 * Reporters push where the simulated event fires (a trap, a PMU
 * interrupt, an NMI), on the CPU of the access; check_accesses() drains
 * the instance's buffer, attributes the reports to the target's regions
 * and folds "accessed" into every region exactly as an accessed-bit hit
 * would (kdrv_update_access(ctx, r, hits > 0)).
 */
#ifndef DAMONSIM_PRIMITIVES_PUSH_H
#define DAMONSIM_PRIMITIVES_PUSH_H

#include <linux/damon.h>

#include "report/report.h"
#include "primitives/primitive.h"
#include "sim/machine.h"

extern const char *const prim_push_buf_words[];
extern const char *const prim_push_lookup_words[];

/* The three parameters every push-style primitive has, in this order. */
#define PRIM_PUSH_PARAM_BUFFER \
	{ "buffer", "enum", "percpu", \
	  "report buffer: simple (trylock array) or percpu (NMI-safe rings)", \
	  prim_push_buf_words }
#define PRIM_PUSH_PARAM_CAPACITY \
	{ "capacity", "uint", "1000", \
	  "reports the buffer holds (each CPU's ring for percpu)", NULL }
#define PRIM_PUSH_PARAM_LOOKUP \
	{ "lookup", "enum", "bsearch", \
	  "how a drain finds a report's region: linear or bsearch", \
	  prim_push_lookup_words }

/**
 * struct prim_push - an instance's report buffer and drain settings
 *
 * The first member of every push-style instance's priv, so a test (or
 * the runner's summary) can reach the buffer as (struct prim_push *)priv.
 *
 * @inst:	The primitive instance (counters, machine, paddr).
 * @buf:	The instance's own buffer.
 * @lookup:	Linear walk or binary search over the regions.
 * @ready:	@buf is set up.
 */
struct prim_push {
	struct prim_instance *inst;
	struct damon_report_buf buf;
	enum damon_report_lookup lookup;
	bool ready;
};

int prim_push_init(struct prim_push *p, struct prim_instance *inst,
		   uint64_t buf_type, uint64_t capacity, uint64_t lookup);
void prim_push_destroy(struct prim_push *p);
unsigned long prim_push_addr(const struct prim_instance *inst,
			     const struct mach_access *acc, bool *ok);
void prim_push_report(struct prim_push *p, unsigned int cpu, uint32_t tid,
		      const struct mach_as *as, unsigned long addr,
		      bool write);
unsigned int prim_push_check(struct prim_push *p, struct damon_ctx *ctx);

/* Tell the host which thread an in-band event stalls, if it asked. */
static inline void prim_charge(struct prim_instance *inst,
			       const struct mach_access *acc,
			       enum prim_event ev)
{
	if (inst->inband)
		inst->inband(inst->inband_arg, acc->cpu, acc->tid, ev);
}

/* From pte.c: init/update/target_valid/apply_scheme/cleanup_target. */
void pte_fill_base_ops(struct damon_operations *ops, bool paddr);

#endif
