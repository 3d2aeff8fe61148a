// SPDX-License-Identifier: GPL-2.0
/*
 * fault: PROT_NONE / NUMA-hinting style access checks.
 *
 * Each sampling interval the primitive arms pages so that their next
 * access traps (the machine's trap handler stands for the kernel's
 * hinting fault: do_numa_page()).  The trap pushes one report (CPU,
 * thread, read/write) into the instance's buffer; the page is disarmed
 * by the access itself.  check_accesses() drains the buffer.
 *
 * Two ways to choose the pages:
 *  - scan_rate = 0: the sampled page of each region, as DAMON's sampling
 *    address; pages left untouched are disarmed at the check so every
 *    interval samples afresh.
 *  - scan_rate > 0 (MiB/s): a window of scan_rate * sample_interval bytes
 *    per interval, walking the regions with a cursor that wraps, as NUMA
 *    balancing's task_numa_work() marks scan_size MiB per scan period.
 *    Armed pages stay armed until touched, as PROT_NONE PTEs do.
 *
 * The machine has one trap handler, so one fault instance per machine.
 */
#include "config.h"

#include <linux/damon.h>

#include "driver.h"
#include "primitives/push.h"

enum fault_param {
	FAULT_SCAN_RATE,
	FAULT_ARM_FLUSH,
	FAULT_BUFFER,
	FAULT_CAPACITY,
	FAULT_LOOKUP,
};

static const struct prim_param fault_params[] = {
	[FAULT_SCAN_RATE] = { "scan_rate", "uint", "0",
		"MiB/s armed in a scan window (0: the sampled page of each "
		"region per interval)", NULL },
	[FAULT_ARM_FLUSH] = { "arm_flush", "bool", "on",
		"shoot the armed page down from every TLB (the protection "
		"change needs it; counted in tlb_flushes)", NULL },
	[FAULT_BUFFER] = PRIM_PUSH_PARAM_BUFFER,
	[FAULT_CAPACITY] = PRIM_PUSH_PARAM_CAPACITY,
	[FAULT_LOOKUP] = PRIM_PUSH_PARAM_LOOKUP,
};

#define FAULT_MAX_TARGETS 16

struct fault_priv {
	struct prim_push push;
	/* scan mode: next address to arm, per target in list order */
	unsigned long cursor[FAULT_MAX_TARGETS];
};

/* The one fault instance of each machine (its trap handler's owner). */
#define FAULT_MAX_MACHINES 16
static struct prim_instance *fault_owner[FAULT_MAX_MACHINES];

static struct prim_instance *fault_inst(struct damon_ctx *ctx)
{
	struct prim_instance *inst = prim_of_ctx(ctx);

	BUG_ON(!inst);
	return inst;
}

static struct mach_as *fault_target_as(struct damon_target *t)
{
	return t->pid ? t->pid->host : NULL;
}

/* The trap: one hinting fault, charged to the faulting thread. */
static void fault_trap(void *arg, const struct mach_access *acc)
{
	struct prim_instance *inst = arg;
	struct fault_priv *fp = inst->priv;
	unsigned long addr;
	bool ok;

	inst->counters.faults++;
	prim_charge(inst, acc, PRIM_EV_FAULT);
	addr = prim_push_addr(inst, acc, &ok);
	if (!ok) {
		inst->counters.reports_dropped++;
		return;
	}
	prim_push_report(&fp->push, acc->cpu, acc->tid,
			 inst->paddr ? NULL : acc->as, addr, acc->write);
}

/*
 * Arm (or disarm) the page holding @addr: a virtual address of @as, or a
 * physical address for paddr, reached through the rmap.
 * Return: 0, or -ENOENT when the page has no frame or mapping.
 */
static int fault_set_page(struct prim_instance *inst, struct mach_as *as,
			  unsigned long addr, bool arm)
{
	uint64_t vaddr = addr;
	int ret;

	if (inst->paddr) {
		inst->counters.rmap_walks++;
		if (machine_frame_rmap(inst->machine, addr >> PAGE_SHIFT, &as,
				       &vaddr))
			return -ENOENT;
	}
	if (!as)
		return -ENOENT;
	if (!arm)
		return machine_disarm_page(as, vaddr);
	ret = machine_arm_page(inst->machine, as, vaddr,
			       inst->params[FAULT_ARM_FLUSH]);
	if (!ret) {
		inst->counters.arms++;
		if (inst->params[FAULT_ARM_FLUSH])
			inst->counters.tlb_flushes++;
	}
	return ret;
}

/* Scan mode: arm up to @budget pages of @t from its cursor on. */
static void fault_scan_target(struct prim_instance *inst,
			      struct damon_target *t, unsigned long *cursor,
			      unsigned long budget)
{
	struct mach_as *as = fault_target_as(t);
	struct damon_region *r, *first = NULL, *start = NULL;
	unsigned long addr, total = 0;

	damon_for_each_region(r, t) {
		total += damon_sz_region(r) >> PAGE_SHIFT;
		if (!first)
			first = r;
		if (!start && r->ar.end > *cursor)
			start = r;
	}
	if (!first)
		return;
	budget = min(budget, total);
	r = start ? start : first;
	addr = max(*cursor, r->ar.start);
	while (budget) {
		if (addr >= r->ar.end) {
			r = list_is_last(&r->list, &t->regions_list) ?
				first : damon_next_region(r);
			addr = r->ar.start;
			continue;
		}
		fault_set_page(inst, as, addr, true);
		inst->counters.samples++;
		addr = ALIGN_DOWN(addr, PAGE_SIZE) + PAGE_SIZE;
		budget--;
	}
	*cursor = addr;
}

static void fault_prepare(struct damon_ctx *ctx)
{
	struct prim_instance *inst = fault_inst(ctx);
	struct fault_priv *fp = inst->priv;
	uint64_t rate = inst->params[FAULT_SCAN_RATE];
	struct damon_target *t;
	struct damon_region *r;
	unsigned long budget;
	unsigned int ti = 0;

	if (!fp)
		return;
	/* MiB/s * us / 4 KiB: pages per sampling interval, at least one. */
	budget = max(1UL, (unsigned long)(rate * 256 *
					  ctx->attrs.sample_interval /
					  1000000));
	damon_for_each_target(t, ctx) {
		if (rate) {
			if (ti < FAULT_MAX_TARGETS)
				fault_scan_target(inst, t, &fp->cursor[ti],
						  budget);
			ti++;
			continue;
		}
		damon_for_each_region(r, t) {
			r->sampling_addr = kdrv_random(ctx, r->ar.start,
						       r->ar.end);
			inst->counters.samples++;
			fault_set_page(inst, fault_target_as(t),
				       r->sampling_addr, true);
		}
	}
}

static unsigned int fault_check(struct damon_ctx *ctx)
{
	struct prim_instance *inst = fault_inst(ctx);
	struct fault_priv *fp = inst->priv;
	struct damon_target *t;
	struct damon_region *r;

	if (!fp)
		return 0;
	/*
	 * Sampled-page mode: a page not touched this interval is disarmed,
	 * a PTE update like the arming (counted in arms), so the next
	 * interval samples afresh.  Touched pages are disarmed already.
	 */
	if (!inst->params[FAULT_SCAN_RATE]) {
		damon_for_each_target(t, ctx) {
			struct mach_as *as = fault_target_as(t);
			struct mach_pte_info pi;
			uint64_t vaddr;

			damon_for_each_region(r, t) {
				vaddr = r->sampling_addr;
				if (inst->paddr &&
				    machine_frame_rmap(inst->machine,
						       vaddr >> PAGE_SHIFT,
						       &as, &vaddr))
					continue;
				if (as && !machine_pte_get(as, vaddr, &pi) &&
				    pi.armed) {
					machine_disarm_page(as, vaddr);
					inst->counters.arms++;
				}
			}
		}
	}
	return prim_push_check(&fp->push, ctx);
}

static int fault_start(struct prim_instance *inst)
{
	struct fault_priv *fp;
	unsigned int i, slot = FAULT_MAX_MACHINES;
	int ret;

	for (i = 0; i < FAULT_MAX_MACHINES; i++) {
		if (fault_owner[i] && fault_owner[i]->machine == inst->machine)
			return -EBUSY;
		if (!fault_owner[i] && slot == FAULT_MAX_MACHINES)
			slot = i;
	}
	if (slot == FAULT_MAX_MACHINES)
		return -ENOSPC;
	fp = kzalloc(sizeof(*fp), GFP_KERNEL);
	if (!fp)
		return -ENOMEM;
	ret = prim_push_init(&fp->push, inst, inst->params[FAULT_BUFFER],
			     inst->params[FAULT_CAPACITY],
			     inst->params[FAULT_LOOKUP]);
	if (ret) {
		kfree(fp);
		return ret;
	}
	inst->priv = fp;
	fault_owner[slot] = inst;
	machine_set_trap_handler(inst->machine, fault_trap, inst);
	return 0;
}

static void fault_stop(struct prim_instance *inst)
{
	struct fault_priv *fp = inst->priv;
	unsigned int i;

	if (!fp)
		return;
	for (i = 0; i < FAULT_MAX_MACHINES; i++)
		if (fault_owner[i] == inst)
			fault_owner[i] = NULL;
	/* Pages still armed now just disarm when next touched. */
	machine_set_trap_handler(inst->machine, NULL, NULL);
	prim_push_destroy(&fp->push);
	kfree(fp);
	inst->priv = NULL;
}

static struct damon_operations fault_vaddr_ops, fault_paddr_ops;

static struct damon_operations *fault_ops(struct prim_instance *inst)
{
	struct damon_operations *ops = inst->paddr ? &fault_paddr_ops :
						     &fault_vaddr_ops;

	pte_fill_base_ops(ops, inst->paddr);
	ops->prepare_access_checks = fault_prepare;
	ops->check_accesses = fault_check;
	return ops;
}

const struct prim_desc prim_fault = {
	.name = "fault",
	.summary = "PROT_NONE hinting faults (push), sampled page or NUMA "
		   "balancing scan window",
	.params = fault_params,
	.nr_params = ARRAY_SIZE(fault_params),
	.ops = fault_ops,
	.start = fault_start,
	.stop = fault_stop,
};
