/* SPDX-License-Identifier: GPL-2.0 */
/*
 * machine_int.h - internal layout of the machine, shared by sim/ files
 * that implement machine.h.  Not for primitives.
 */
#ifndef DAMONSIM_SIM_MACHINE_INT_H
#define DAMONSIM_SIM_MACHINE_INT_H

#include <string.h>

#include "sim/frames.h"
#include "sim/machine.h"
#include "sim/pagetable.h"
#include "sim/tlb.h"

#define MACH_MAX_OBSERVERS 8
/* Linux's tlb_single_page_flush_ceiling: above, flush the whole mm. */
#define MACH_FLUSH_CEILING 33

#define mach_likely(x) __builtin_expect(!!(x), 1)
#define mach_unlikely(x) __builtin_expect(!!(x), 0)

struct mach_cpu {
	struct tlb tlb;
	unsigned int node;
	/* Last translation: skips the radix walk for runs in one leaf. */
	struct mach_as *last_as;
	uint64_t last_lidx;
	struct pt_leaf *last_leaf;
};

struct mach_as {
	struct machine *m;
	uint32_t id;
	uint32_t asid;
	struct mach_vma *vmas; /* sorted, non-overlapping */
	size_t nr_vmas;
	size_t cap_vmas;
	uint64_t mapped;
	struct pagetable pt;
};

struct mach_observer {
	mach_observer_fn fn;
	void *ctx;
};

struct mach_gt {
	uint64_t interval;
	bool active;
	uint32_t epoch; /* current sampling cell, 1-based */
	uint32_t first; /* first cell of the current aggregation */
	uint64_t next;	/* time the next cell starts */
	uint64_t aggr_start;
	uint64_t aggr_end; /* valid when !active */
	uint64_t last_now;
	uint64_t aggr_idx; /* aggregations begun */
};

struct machine {
	struct mach_config cfg;
	struct mach_cpu *cpus;
	struct frame_pool frames;
	struct pt_pool pt_pool;
	struct mach_counters ctr;
	struct mach_mem_stats mem;
	struct mach_as **as;
	size_t nr_as;
	size_t cap_as;
	uint32_t next_asid;
	uint64_t leaf_gen; /* bumped whenever leaves are freed */
	struct mach_gt gt;
	mach_trap_fn trap_fn;
	void *trap_ctx;
	uint32_t cur_tid; /* thread of the access being simulated */
	unsigned int nr_observers;
	struct mach_observer observers[MACH_MAX_OBSERVERS];
};

/*
 * Forget cached leaf pointers of @as on every CPU and bump leaf_gen (a
 * leaf was freed).
 */
void mach_forget_leaves(struct machine *m, struct mach_as *as);

/* Entry holding the A/D/armed bits of a page, or NULL if not present. */
struct pt_entry *mach_pte(const struct mach_as *as, uint64_t vaddr,
			  struct pt_leaf **leafp);

/* Drop the pages of [start, end) (page aligned), flushing TLBs. */
void mach_drop_pages(struct mach_as *as, uint64_t start, uint64_t end);

/* Move the ground-truth clock forward to @now. */
void mach_gt_advance(struct machine *m, uint64_t now);

/* Slow path of an access: page not present.  Returns 0 with *leafp set. */
int mach_fault(struct machine *m, unsigned int cpu, struct mach_as *as,
	       uint64_t vaddr, struct pt_leaf **leafp);

/* What the TLB step of an access did. */
enum mach_tlb_result {
	MACH_TLB_MISS,	       /* walked: A (and D for a store) set, way filled */
	MACH_TLB_HIT,	       /* A untouched */
	MACH_TLB_HIT_DIRTIED, /* a store through a clean entry walked to set D */
};

/*
 * mach_tlb_access() - the TLB step of an access to the page of @pte,
 * as on x86: a cached translation never sets A again, a store through a
 * clean cached entry sets D (a dirty assist), a miss walks, sets A (and D
 * for a store) and fills the set's least recent way.  @words is the TLB's
 * fingerprint words per set: a constant where the caller can pass one,
 * so the set's loops unroll.
 */
static inline __attribute__((always_inline)) enum mach_tlb_result
mach_tlb_access(struct tlb *t, uint64_t key, struct pt_entry *pte,
		bool write, unsigned int words)
{
	uint64_t *slot, *set, fp;
	int w;

	if (mach_likely(t->last_key == key)) {
		slot = t->last_slot;
	} else {
		set = tlb_set(t, key);
		fp = tlb_fp(key);
		w = tlb_find_way_fp(set, words, key, fp);
		if (w < 0) {
			pte->flags |= PTE_YOUNG | (write ? PTE_DIRTY : 0);
			if (pte->flags & PTE_DIRTY)
				key |= TLB_DIRTY;
			tlb_fill_fp(t, set, words, key, fp);
			return MACH_TLB_MISS;
		}
		slot = tlb_use_way(t, set, words, w, key);
	}
	if (write && !(*slot & TLB_DIRTY)) {
		pte->flags |= PTE_DIRTY;
		*slot |= TLB_DIRTY;
		return MACH_TLB_HIT_DIRTIED;
	}
	return MACH_TLB_HIT;
}

/* Ground truth of a frame for a paddr run (an access of its page). */
void mach_gt_frame(struct machine *m, uint32_t pfn, uint32_t epoch,
		   uint32_t first);

/*
 * mach_gt_count() - ground truth of a page's first access in sampling cell
 * @epoch of the aggregation that began in cell @first (@last: the cell
 * the page last counted in): count the cell, mark the page in the leaf's
 * bitmap of pages accessed in the aggregation, and the frame for a paddr
 * run (@gt_paddr).  Shared by access_page() and the batch's lean path.
 */
static inline __attribute__((always_inline)) void
mach_gt_count(struct machine *m, struct pt_leaf *leaf, unsigned int idx,
	      uint32_t last, uint32_t epoch, uint32_t first, bool gt_paddr)
{
	struct pt_entry *e = &leaf->e[idx];

	e->gt_last = epoch;
	if (last < first) {
		/* First access of the aggregation: the leaf is fresh too. */
		e->gt_count = 1;
		if (leaf->gt_last < first)
			memset(leaf->fresh, 0, sizeof(leaf->fresh));
		leaf->gt_last = epoch;
		leaf->fresh[idx / 64] |= 1ULL << (idx % 64);
	} else if (e->gt_count != UINT16_MAX) {
		e->gt_count++;
	}
	if (mach_unlikely(gt_paddr) && leaf->pfn[idx] != PT_PFN_NONE)
		mach_gt_frame(m, leaf->pfn[idx], epoch, first);
}

/*
 * One access of a batch by the general path, with @hint its leaf if
 * known (else NULL); counters are up to date on return.
 */
int mach_access_req(struct machine *m, const struct mach_req *r,
		    struct pt_leaf *hint);

/*
 * machine_access_batch() for any machine: observers, traps, no TLB.
 * access_batch.c takes a leaner path when it can.
 */
int mach_access_batch_general(struct machine *m, const struct mach_req *reqs,
			      size_t nr);

#endif
