// SPDX-License-Identifier: GPL-2.0
/*
 * The report buffer and drain shared by the push-style primitives; see
 * push.h.  docs/primitives.md describes the models.
 */
#include "config.h"

#include <linux/jiffies.h>
#include <linux/slab.h>

#include "driver.h"
#include "lib/kport_host.h"
#include "primitives/push.h"

const char *const prim_push_buf_words[] = { "simple", "percpu", NULL };
const char *const prim_push_lookup_words[] = { "linear", "bsearch", NULL };

/**
 * prim_push_init() - set up an instance's report buffer
 * @p:		The state to fill.
 * @inst:	The instance; its machine gives the number of CPUs.
 * @buf_type:	Index into prim_push_buf_words.
 * @capacity:	Reports per buffer (per CPU ring for percpu).
 * @lookup:	Index into prim_push_lookup_words.
 *
 * Sets nr_cpu_ids to the machine's CPU count first: the per-CPU buffer
 * has one ring per simulated CPU.
 *
 * Return: 0, -EINVAL for a bad parameter, -ENOMEM.
 */
int prim_push_init(struct prim_push *p, struct prim_instance *inst,
		   uint64_t buf_type, uint64_t capacity, uint64_t lookup)
{
	int ret;

	p->inst = inst;
	p->ready = false;
	if (buf_type > DAMON_REPORT_BUF_PERCPU ||
	    lookup > DAMON_REPORT_LOOKUP_BSEARCH || !capacity ||
	    capacity > (1U << 24))
		return -EINVAL;
	p->lookup = (enum damon_report_lookup)lookup;
	nr_cpu_ids = machine_nr_cpus(inst->machine);
	ret = damon_report_buf_init(&p->buf,
				    (enum damon_report_buf_type)buf_type,
				    (unsigned int)capacity);
	if (ret)
		return ret;
	p->ready = true;
	return 0;
}

/**
 * prim_push_destroy() - free the buffer (reports still in it are lost)
 * @p:	The state; safe when prim_push_init() failed or never ran.
 */
void prim_push_destroy(struct prim_push *p)
{
	if (p->ready)
		damon_report_buf_destroy(&p->buf);
	p->ready = false;
}

/**
 * prim_push_addr() - the address a report carries for an access
 * @inst:	The instance: physical address for paddr contexts.
 * @acc:	The access.
 * @ok:		Set to false when there is no such address (no frame).
 *
 * Return: the virtual or physical address.
 */
unsigned long prim_push_addr(const struct prim_instance *inst,
			     const struct mach_access *acc, bool *ok)
{
	if (!inst->paddr) {
		*ok = true;
		return acc->vaddr;
	}
	*ok = acc->paddr != MACH_PFN_NONE;
	return *ok ? acc->paddr : 0;
}

static unsigned int push_cpu;

static unsigned int push_current_cpu(void *data)
{
	return push_cpu;
}

/**
 * prim_push_report() - push one report into the instance's buffer
 * @p:		The state.
 * @cpu:	The CPU the event fired on: the per-CPU buffer's ring.
 * @tid:	The thread that made the access.
 * @as:		Its address space (the report's pid), NULL for paddr.
 * @addr:	The accessed address.
 * @write:	Whether it was a store.
 *
 * The reporter runs on @cpu, so smp_processor_id() must say @cpu while
 * it pushes: the host's current_cpu callback is swapped for the push.
 * A report the buffer has no room for is counted in reports_dropped.
 */
void prim_push_report(struct prim_push *p, unsigned int cpu, uint32_t tid,
		      const struct mach_as *as, unsigned long addr,
		      bool write)
{
	struct damon_access_report rep = {
		.addr = addr,
		.size = 1,
		.report_jiffies = jiffies,
		.nr_accesses = 1,
		.pid = as ? (int)machine_as_id(as) : 0,
		.tid = (int)tid,
		.cpu = cpu,
		.is_write = write,
	};
	struct kport_hostops saved, tmp;
	int ret;

	if (!p->ready) {
		p->inst->counters.reports_dropped++;
		return;
	}
	if (p->buf.type == DAMON_REPORT_BUF_PERCPU) {
		saved = *kport_hostops();
		tmp = saved;
		tmp.current_cpu = push_current_cpu;
		push_cpu = cpu;
		kport_set_hostops(&tmp);
		ret = damon_report_buf_push(&p->buf, &rep);
		kport_set_hostops(&saved);
	} else {
		ret = damon_report_buf_push(&p->buf, &rep);
	}
	if (ret)
		p->inst->counters.reports_dropped++;
	else
		p->inst->counters.reports_pushed++;
}

/* A vaddr target takes the reports of its own address space only. */
static bool push_match_target(const struct damon_access_report *rep,
			      void *arg)
{
	struct damon_target *t = arg;
	struct mach_as *as = t->pid ? t->pid->host : NULL;

	return as && (int)machine_as_id(as) == rep->pid;
}

/**
 * prim_push_check() - check_accesses() of a push-style primitive
 * @p:		The instance's state.
 * @ctx:	The context being checked.
 *
 * Drains the buffer once, then per target: snapshots the regions,
 * attributes the reports (vaddr targets: their own address space's only)
 * and calls kdrv_update_access() for every region with whether it got a
 * report.
 *
 * Return: the largest nr_accesses of any region, as check_accesses().
 */
unsigned int prim_push_check(struct prim_push *p, struct damon_ctx *ctx)
{
	struct prim_instance *inst = p->inst;
	unsigned int n = 0, max_nr = 0, i;
	struct damon_target *t;
	struct damon_region *r;

	if (p->ready)
		n = damon_report_buf_collect(&p->buf, p->buf.scratch,
					     p->buf.scratch_len);
	damon_for_each_target(t, ctx) {
		struct damon_report_drain_stats st = { 0 };
		struct damon_report_range *ranges = NULL;
		unsigned int *hits = NULL;
		int nr = damon_report_snapshot_target(t, &ranges);

		if (nr > 0)
			hits = kcalloc(nr, sizeof(*hits), GFP_KERNEL);
		if (hits && n)
			damon_report_attribute(p->buf.scratch, n, ranges, nr,
					       p->lookup,
					       inst->paddr ? NULL :
					       push_match_target, t, hits,
					       &st);
		inst->counters.drain_lookups += st.nr_attributed +
						st.nr_unattributed;
		inst->counters.unattributed += st.nr_unattributed;
		i = 0;
		damon_for_each_region(r, t) {
			kdrv_update_access(ctx, r, hits && hits[i] > 0);
			max_nr = max(max_nr, r->nr_accesses);
			i++;
		}
		kfree(hits);
		kfree(ranges);
	}
	return max_nr;
}
