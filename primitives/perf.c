// SPDX-License-Identifier: GPL-2.0
/*
 * perf: PEBS-like memory sampling.
 *
 * Each CPU counts its loads and/or stores; every period-th event of a
 * kind (optionally with the period's low bits randomized, from the
 * instance's own seeded generator) writes a record with the data address
 * into the CPU's PEBS buffer of pebs_buffer records.  A full buffer
 * raises an interrupt whose handler pushes every record as a report into
 * the instance's report buffer; check_accesses() drains it.  Records in
 * a buffer that is not full yet wait, as they do in the hardware's DS
 * area, so pebs_buffer > 1 delays reports.
 *
 * Loads and stores have their own counters, as PEBS programs one counter
 * per event (MEM_INST_RETIRED.ALL_LOADS / ALL_STORES).  paddr contexts
 * get the physical address (perf's PERF_SAMPLE_PHYS_ADDR).
 */
#include "config.h"

#include <linux/damon.h>
#include <linux/slab.h>

#include "primitives/push.h"

enum perf_param {
	PERF_PERIOD,
	PERF_EVENTS,
	PERF_RANDOMIZE,
	PERF_PEBS_BUFFER,
	PERF_SEED,
	PERF_BUFFER,
	PERF_CAPACITY,
	PERF_LOOKUP,
};

static const char *const perf_event_words[] = {
	"loads", "stores", "both", NULL
};

enum { PERF_LOADS = 1, PERF_STORES = 2 };	/* word index + 1 as a mask */

static const struct prim_param perf_params[] = {
	[PERF_PERIOD] = { "period", "uint", "5003",
		"events per sample, per CPU and event kind (HeMem's 5003)",
		NULL },
	[PERF_EVENTS] = { "events", "enum", "both",
		"sampled events: loads, stores or both", perf_event_words },
	[PERF_RANDOMIZE] = { "randomize", "uint", "0",
		"low bits of each period drawn at random (0: fixed period)",
		NULL },
	[PERF_PEBS_BUFFER] = { "pebs_buffer", "uint", "1",
		"records per CPU PEBS buffer; an interrupt when full", NULL },
	[PERF_SEED] = { "seed", "uint", "1",
		"seed of the period randomization", NULL },
	[PERF_BUFFER] = PRIM_PUSH_PARAM_BUFFER,
	[PERF_CAPACITY] = PRIM_PUSH_PARAM_CAPACITY,
	[PERF_LOOKUP] = PRIM_PUSH_PARAM_LOOKUP,
};

struct perf_record {
	unsigned long addr;
	const struct mach_as *as;
	uint32_t tid;
	bool write;
};

struct perf_cpu {
	uint64_t left[2];	/* events to the next sample: loads, stores */
	unsigned int nr_records;
	struct perf_record *records;
};

struct perf_priv {
	struct prim_push push;
	uint64_t rng;
	unsigned int nr_cpus;
	struct perf_cpu *cpus;
};

/* splitmix64: small, seeded, ours. */
static uint64_t perf_rand(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t perf_next_period(struct prim_instance *inst,
				 struct perf_priv *pp)
{
	uint64_t period = inst->params[PERF_PERIOD];
	uint64_t bits = inst->params[PERF_RANDOMIZE];
	uint64_t mask;

	if (bits) {
		mask = bits >= 63 ? ~0ULL >> 1 : (1ULL << bits) - 1;
		period = (period & ~mask) | (perf_rand(&pp->rng) & mask);
	}
	return period ? period : 1;
}

/* The PMU interrupt: the handler pushes every record of the buffer. */
static void perf_interrupt(struct prim_instance *inst, struct perf_priv *pp,
			   unsigned int cpu)
{
	struct perf_cpu *pc = &pp->cpus[cpu];
	unsigned int i;

	inst->counters.interrupts++;
	for (i = 0; i < pc->nr_records; i++)
		prim_push_report(&pp->push, cpu, pc->records[i].tid,
				 pc->records[i].as, pc->records[i].addr,
				 pc->records[i].write);
	pc->nr_records = 0;
}

static void perf_observe(void *arg, const struct mach_access *acc)
{
	struct prim_instance *inst = arg;
	struct perf_priv *pp = inst->priv;
	unsigned int kind = acc->write ? 1 : 0;
	struct perf_cpu *pc;
	struct perf_record *rec;
	unsigned long addr;
	bool ok;

	if (!((inst->params[PERF_EVENTS] + 1) & (1U << kind)) ||
	    acc->cpu >= pp->nr_cpus)
		return;
	pc = &pp->cpus[acc->cpu];
	if (--pc->left[kind])
		return;
	pc->left[kind] = perf_next_period(inst, pp);
	inst->counters.pmu_samples++;
	addr = prim_push_addr(inst, acc, &ok);
	if (!ok) {
		/* No frame: no physical address to record. */
		inst->counters.reports_dropped++;
		return;
	}
	inst->counters.records++;
	prim_charge(inst, acc, PRIM_EV_PEBS_RECORD);
	rec = &pc->records[pc->nr_records++];
	rec->addr = addr;
	rec->as = inst->paddr ? NULL : acc->as;
	rec->tid = acc->tid;
	rec->write = acc->write;
	if (pc->nr_records == inst->params[PERF_PEBS_BUFFER])
		perf_interrupt(inst, pp, acc->cpu);
}

static unsigned int perf_check(struct damon_ctx *ctx)
{
	struct prim_instance *inst = prim_of_ctx(ctx);
	struct perf_priv *pp;

	BUG_ON(!inst);
	pp = inst->priv;
	return pp ? prim_push_check(&pp->push, ctx) : 0;
}

/* Counters run by themselves: nothing to prepare per interval. */
static void perf_prepare(struct damon_ctx *ctx)
{
}

static void perf_free(struct perf_priv *pp)
{
	unsigned int i;

	if (pp->cpus)
		for (i = 0; i < pp->nr_cpus; i++)
			kfree(pp->cpus[i].records);
	kfree(pp->cpus);
	prim_push_destroy(&pp->push);
	kfree(pp);
}

static int perf_start(struct prim_instance *inst)
{
	uint64_t nr_rec = inst->params[PERF_PEBS_BUFFER];
	struct perf_priv *pp;
	unsigned int i, k;
	int ret;

	if (!inst->params[PERF_PERIOD] || !nr_rec || nr_rec > (1U << 20) ||
	    inst->params[PERF_EVENTS] > 2)
		return -EINVAL;
	pp = kzalloc(sizeof(*pp), GFP_KERNEL);
	if (!pp)
		return -ENOMEM;
	pp->rng = inst->params[PERF_SEED];
	pp->nr_cpus = machine_nr_cpus(inst->machine);
	pp->cpus = kcalloc(pp->nr_cpus, sizeof(*pp->cpus), GFP_KERNEL);
	ret = pp->cpus ? prim_push_init(&pp->push, inst,
					inst->params[PERF_BUFFER],
					inst->params[PERF_CAPACITY],
					inst->params[PERF_LOOKUP]) : -ENOMEM;
	for (i = 0; !ret && i < pp->nr_cpus; i++) {
		pp->cpus[i].records = kcalloc(nr_rec,
					      sizeof(struct perf_record),
					      GFP_KERNEL);
		if (!pp->cpus[i].records)
			ret = -ENOMEM;
		for (k = 0; k < 2; k++)
			pp->cpus[i].left[k] = perf_next_period(inst, pp);
	}
	if (!ret)
		ret = machine_add_observer(inst->machine, perf_observe, inst);
	if (ret) {
		perf_free(pp);
		return ret;
	}
	inst->priv = pp;
	return 0;
}

static void perf_stop(struct prim_instance *inst)
{
	if (!inst->priv)
		return;
	machine_remove_observer(inst->machine, perf_observe, inst);
	perf_free(inst->priv);
	inst->priv = NULL;
}

static struct damon_operations perf_vaddr_ops, perf_paddr_ops;

static struct damon_operations *perf_ops(struct prim_instance *inst)
{
	struct damon_operations *ops = inst->paddr ? &perf_paddr_ops :
						     &perf_vaddr_ops;

	pte_fill_base_ops(ops, inst->paddr);
	ops->prepare_access_checks = perf_prepare;
	ops->check_accesses = perf_check;
	return ops;
}

const struct prim_desc prim_perf = {
	.name = "perf",
	.summary = "PEBS-like load/store sampling (push)",
	.params = perf_params,
	.nr_params = ARRAY_SIZE(perf_params),
	.ops = perf_ops,
	.start = perf_start,
	.stop = perf_stop,
};
