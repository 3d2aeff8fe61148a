// SPDX-License-Identifier: GPL-2.0
/*
 * pte: DAMON's pull-style baseline, the page table accessed bit, modelled
 * on the kernel's vaddr and paddr operations.
 *
 * Each sampling interval, per region: pick a random address (the core's
 * seeded damon_rand()), clear the accessed bit of its page (mkold; by
 * default without a TLB flush, as x86's ptep_test_and_clear_young() does),
 * and at the next check read the bit back.  vaddr targets are simulated
 * processes; paddr targets are physical memory, reached through the rmap.
 * Because a TLB hit does not set the accessed bit again, a cleared bit can
 * hide later accesses until the entry is evicted: the real limitation the
 * simulator is there to measure.
 */
#include "config.h"

#include <time.h>

#include <linux/damon.h>
#include <linux/slab.h>

#include "driver.h"
#include "primitives/primitive.h"
#include "primitives/push.h"
#include "sim/machine.h"

enum pte_param {
	PTE_MKOLD_FLUSH,
};

static const struct prim_param pte_params[] = {
	[PTE_MKOLD_FLUSH] = { "mkold_flush", "bool", "off",
		"flush the page's TLB entries when clearing its accessed bit "
		"(x86 does not; on makes every later access visible)" },
};

static struct prim_instance *pte_inst(struct damon_ctx *ctx)
{
	struct prim_instance *inst = prim_of_ctx(ctx);

	BUG_ON(!inst);
	return inst;
}

/*
 * Host CPU time spent in the ops callbacks, so that what remains of
 * kdamond's CPU time is the real core's own (host.json only).
 */
static uint64_t pte_thread_cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (uint64_t)ts.tv_sec * NSEC_PER_SEC + (uint64_t)ts.tv_nsec;
}

static struct mach_as *pte_target_as(struct damon_target *t)
{
	return t->pid ? t->pid->host : NULL;
}

/* ---- initial regions, as the kernel's vaddr ------------------------- */

/*
 * Three regions covering the mappings but the two largest gaps between
 * them: the kernel's heuristic to leave out the huge holes between heap,
 * mmap area and stack without tracking every mapping.
 */
static int pte_three_regions(struct mach_as *as, struct damon_addr_range r[3])
{
	size_t i, nr = machine_as_nr_vmas(as);
	unsigned long gap1_start = 0, gap1_end = 0, gap2_start = 0, gap2_end = 0;
	unsigned long first, last, prev_end;

	if (nr < 3)
		return -EINVAL;
	first = machine_as_vma(as, 0)->start;
	last = machine_as_vma(as, nr - 1)->end;
	prev_end = machine_as_vma(as, 0)->end;
	for (i = 1; i < nr; i++) {
		const struct mach_vma *v = machine_as_vma(as, i);
		unsigned long gap = v->start - prev_end;

		if (gap > gap1_end - gap1_start) {
			gap2_start = gap1_start;
			gap2_end = gap1_end;
			gap1_start = prev_end;
			gap1_end = v->start;
		} else if (gap > gap2_end - gap2_start) {
			gap2_start = prev_end;
			gap2_end = v->start;
		}
		prev_end = v->end;
	}
	if (gap1_start > gap2_start) {
		swap(gap1_start, gap2_start);
		swap(gap1_end, gap2_end);
	}
	r[0].start = ALIGN_DOWN(first, PAGE_SIZE);
	r[0].end = ALIGN(gap1_start, PAGE_SIZE);
	r[1].start = ALIGN_DOWN(gap1_end, PAGE_SIZE);
	r[1].end = ALIGN(gap2_start, PAGE_SIZE);
	r[2].start = ALIGN_DOWN(gap2_end, PAGE_SIZE);
	r[2].end = ALIGN(last, PAGE_SIZE);
	return 0;
}

/*
 * The regions a vaddr target starts with: its three regions, or every
 * mapping as one range when there are fewer than three mappings.
 */
static unsigned int pte_target_ranges(struct mach_as *as,
				      struct damon_addr_range *r)
{
	size_t nr = machine_as_nr_vmas(as);

	if (!nr)
		return 0;
	if (!pte_three_regions(as, r))
		return 3;
	r[0].start = ALIGN_DOWN(machine_as_vma(as, 0)->start, PAGE_SIZE);
	r[0].end = ALIGN(machine_as_vma(as, nr - 1)->end, PAGE_SIZE);
	return 1;
}

/*
 * Append @range split into @nr_pieces of equal, page-aligned size (the last
 * takes the remainder) to @out, as the kernel's 6.12 vaddr init splits its
 * three regions.  Returns the number of ranges appended; with @out NULL it
 * only counts them (rounding the size down can give more than @nr_pieces).  Ranges are set
 * through damon_set_regions() because newer trees keep the region insertion
 * helpers static.
 */
static unsigned int pte_split_evenly(const struct damon_addr_range *range,
				     unsigned long nr_pieces,
				     struct damon_addr_range *out)
{
	unsigned long sz = 0, start;
	unsigned int n = 0;

	if (nr_pieces >= 2)
		sz = ALIGN_DOWN((range->end - range->start) / nr_pieces,
				PAGE_SIZE);
	if (!sz) {
		if (out)
			out[0] = *range;
		return 1;
	}
	if (!out)
		return (range->end - range->start) / sz;
	for (start = range->start; start + sz <= range->end; start += sz) {
		out[n].start = start;
		out[n].end = start + sz;
		n++;
	}
	out[n - 1].end = range->end;
	return n;
}

static void pte_va_init(struct damon_ctx *ctx)
{
	struct damon_addr_range ranges[3], *pieces;
	unsigned long total, piece, nr_pieces;
	struct damon_target *t;
	unsigned int nr, i, n;

	damon_for_each_target(t, ctx) {
		struct mach_as *as = pte_target_as(t);

		if (!as || damon_nr_regions(t))
			continue;
		nr = pte_target_ranges(as, ranges);
		if (!nr)
			continue;
		total = 0;
		for (i = 0; i < nr; i++)
			total += ranges[i].end - ranges[i].start;
		piece = max(total / ctx->attrs.min_nr_regions, PAGE_SIZE);
		nr_pieces = 0;
		for (i = 0; i < nr; i++)
			nr_pieces += pte_split_evenly(
				&ranges[i],
				(ranges[i].end - ranges[i].start) / piece,
				NULL);
		pieces = kmalloc_array(nr_pieces, sizeof(*pieces), GFP_KERNEL);
		if (!pieces) {
			/* as the kernel on ENOMEM: the coarse regions only */
			kdrv_set_regions(ctx, t, ranges, nr);
			continue;
		}
		n = 0;
		for (i = 0; i < nr; i++)
			n += pte_split_evenly(&ranges[i],
					      (ranges[i].end - ranges[i].start) /
						      piece,
					      pieces + n);
		kdrv_set_regions(ctx, t, pieces, n);
		kfree(pieces);
	}
}

static void pte_va_update(struct damon_ctx *ctx)
{
	struct damon_addr_range ranges[3];
	struct damon_target *t;
	unsigned int nr;

	damon_for_each_target(t, ctx) {
		struct mach_as *as = pte_target_as(t);

		if (!as)
			continue;
		nr = pte_target_ranges(as, ranges);
		if (nr)
			kdrv_set_regions(ctx, t, ranges, nr);
	}
}

/* ---- sampling ------------------------------------------------------- */

static void pte_prepare(struct damon_ctx *ctx)
{
	struct prim_instance *inst = pte_inst(ctx);
	bool flush = inst->params[PTE_MKOLD_FLUSH];
	uint64_t cpu0 = pte_thread_cpu_ns();
	struct damon_target *t;
	struct damon_region *r;

	damon_for_each_target(t, ctx) {
		struct mach_as *as = pte_target_as(t);

		damon_for_each_region(r, t) {
			r->sampling_addr = kdrv_random(ctx, r->ar.start,
						       r->ar.end);
			inst->counters.samples++;
			inst->counters.clears++;
			if (flush)
				inst->counters.tlb_flushes++;
			if (inst->paddr) {
				inst->counters.rmap_walks++;
				machine_frame_mkold(inst->machine,
						    r->sampling_addr >> PAGE_SHIFT,
						    flush);
			} else if (as) {
				machine_pte_mkold(inst->machine, as,
						  r->sampling_addr, flush);
			}
		}
	}
	inst->counters.ops_cpu_ns += pte_thread_cpu_ns() - cpu0;
}

static unsigned int pte_check(struct damon_ctx *ctx)
{
	struct prim_instance *inst = pte_inst(ctx);
	struct damon_target *t;
	struct damon_region *r;
	unsigned int max_nr = 0;
	uint64_t cpu0 = pte_thread_cpu_ns();
	bool young;

	damon_for_each_target(t, ctx) {
		struct mach_as *as = pte_target_as(t);

		damon_for_each_region(r, t) {
			inst->counters.checks++;
			if (inst->paddr) {
				inst->counters.rmap_walks++;
				young = machine_frame_young(inst->machine,
						r->sampling_addr >> PAGE_SHIFT);
			} else {
				young = as && machine_pte_young(inst->machine,
						as, r->sampling_addr);
			}
			kdrv_update_access(ctx, r, young);
			max_nr = max(max_nr, r->nr_accesses);
		}
	}
	inst->counters.ops_cpu_ns += pte_thread_cpu_ns() - cpu0;
	return max_nr;
}

static bool pte_target_valid(struct damon_target *t)
{
	return true;
}

/* Only DAMOS_STAT is modelled: it acts on nothing, so 0 bytes applied. */
#ifdef HAVE_APPLY_SCHEME_SZ_FILTER_PASSED
static unsigned long pte_apply_scheme(struct damon_ctx *ctx,
				      struct damon_target *t,
				      struct damon_region *r,
				      struct damos *scheme,
				      unsigned long *sz_filter_passed)
#else
static unsigned long pte_apply_scheme(struct damon_ctx *ctx,
				      struct damon_target *t,
				      struct damon_region *r,
				      struct damos *scheme)
#endif
{
	return 0;
}

#ifdef HAVE_OPS_CLEANUP_TARGET
/* The target's pid reference goes with the target. */
static void pte_cleanup_target(struct damon_target *t)
{
	put_pid(t->pid);
	t->pid = NULL;
}
#endif

static struct damon_operations pte_vaddr_ops = {
	.id = DAMON_OPS_VADDR,
	.init = pte_va_init,
	.update = pte_va_update,
	.prepare_access_checks = pte_prepare,
	.check_accesses = pte_check,
	.target_valid = pte_target_valid,
	.apply_scheme = pte_apply_scheme,
#ifdef HAVE_OPS_CLEANUP_TARGET
	.cleanup_target = pte_cleanup_target,
#endif
};

static struct damon_operations pte_paddr_ops = {
	.id = DAMON_OPS_PADDR,
	.prepare_access_checks = pte_prepare,
	.check_accesses = pte_check,
	.target_valid = pte_target_valid,
	.apply_scheme = pte_apply_scheme,
};

/**
 * pte_fill_base_ops() - the ops every primitive shares with pte
 * @ops:	Ops to fill: id, target_valid, apply_scheme, and for vaddr
 *		init, update and cleanup_target (regions from the mappings).
 * @paddr:	Physical (else virtual) address flavour.
 *
 * The push-style primitives differ from pte only in how they prepare and
 * check accesses.
 */
void pte_fill_base_ops(struct damon_operations *ops, bool paddr)
{
	*ops = paddr ? pte_paddr_ops : pte_vaddr_ops;
	ops->prepare_access_checks = NULL;
	ops->check_accesses = NULL;
}

static struct damon_operations *pte_ops(struct prim_instance *inst)
{
	return inst->paddr ? &pte_paddr_ops : &pte_vaddr_ops;
}

const struct prim_desc prim_pte = {
	.name = "pte",
	.summary = "page table accessed bit (pull), as the kernel's vaddr/paddr",
	.params = pte_params,
	.nr_params = ARRAY_SIZE(pte_params),
	.ops = pte_ops,
};
