// SPDX-License-Identifier: GPL-2.0
/*
 * access.c - the per-access hot path: translation, ground truth, TLB and
 * A/D bits, traps and observers; plus the first-touch slow path.
 *
 * One leaf lookup (usually served by the per-CPU last-translation cache)
 * yields the 12-byte entry that holds frame, A/D bits and ground truth.
 */
#include <errno.h>
#include <string.h>

#include "sim/machine_int.h"

__attribute__((noinline)) void mach_gt_advance(struct machine *m, uint64_t now)
{
	uint64_t cells;

	cells = (now - m->gt.next) / m->gt.interval + 1;
	m->gt.epoch += (uint32_t)cells;
	m->gt.next += cells * m->gt.interval;
}

static unsigned int fault_node_order(const struct machine *m, unsigned int cpu,
				     unsigned int k)
{
	unsigned int n = m->cfg.nr_nodes;

	if (m->cfg.policy == MACH_POLICY_FIRST_FIT)
		return k;
	return (m->cpus[cpu].node + k) % n;
}

static uint64_t fault_alloc(struct machine *m, unsigned int cpu, bool huge)
{
	uint64_t pfn;
	unsigned int k;

	for (k = 0; k < m->cfg.nr_nodes; k++) {
		pfn = frames_alloc(&m->frames, fault_node_order(m, cpu, k),
				   huge);
		if (pfn != UINT64_MAX)
			return pfn;
	}
	return UINT64_MAX;
}

static void fault_set_rmap(struct machine *m, uint64_t pfn, struct mach_as *as,
			   uint64_t vpn)
{
	struct frame *f = frames_get(&m->frames, pfn);

	if (f) {
		f->as = as;
		f->vpn = vpn;
	}
}

/* Map the whole 2 MiB block with one entry if the VMA allows it. */
static bool fault_try_huge(struct machine *m, unsigned int cpu,
			   struct mach_as *as, const struct mach_vma *vma,
			   struct pt_leaf *leaf, uint64_t lidx)
{
	uint64_t base = lidx << MACH_HUGE_SHIFT, pfn, vpn;
	unsigned int i;

	if (!(vma->flags & MACH_MAP_HUGE) || leaf->nr_present ||
	    vma->start > base || vma->end < base + MACH_HUGE_SIZE)
		return false;
	pfn = fault_alloc(m, cpu, true);
	if (pfn == UINT64_MAX)
		return false; /* THP fallback: use 4 KiB pages */
	vpn = lidx << PT_LEAF_SHIFT;
	for (i = 0; i < PT_LEAF_ENTRIES; i++) {
		leaf->pfn[i] = (uint32_t)(pfn + i);
		leaf->e[i].flags = PTE_PRESENT | PTE_HUGE;
		fault_set_rmap(m, pfn + i, as, vpn + i);
	}
	leaf->nr_present = PT_LEAF_ENTRIES;
	m->ctr.first_touches++;
	m->ctr.huge_first_touches++;
	return true;
}

/* Out of line and cold: keeps the hot path's register use small. */
__attribute__((noinline, cold)) int
mach_fault(struct machine *m, unsigned int cpu, struct mach_as *as,
	   uint64_t vaddr, struct pt_leaf **leafp)
{
	const struct mach_vma *vma = machine_as_find_vma(as, vaddr);
	uint64_t vpn = vaddr >> MACH_PAGE_SHIFT;
	uint64_t lidx = vpn >> PT_LEAF_SHIFT, pfn;
	struct pt_leaf *leaf;
	struct pt_entry *e;
	int err = 0;

	if (!vma) {
		m->ctr.segv++;
		if (m->cfg.unmapped != MACH_UNMAPPED_AUTOMAP)
			return -EFAULT;
		err = machine_map(as, vaddr, 1, 0, 0);
		if (err)
			return err;
		m->ctr.automaps++;
		vma = machine_as_find_vma(as, vaddr);
	}
	leaf = pt_get_leaf(&as->pt, lidx);
	if (!leaf)
		return -ENOMEM;
	*leafp = leaf;
	if (fault_try_huge(m, cpu, as, vma, leaf, lidx))
		return 0;
	e = &leaf->e[vpn & (PT_LEAF_ENTRIES - 1)];
	pfn = fault_alloc(m, cpu, false);
	if (pfn == UINT64_MAX) {
		/* No memory left: the page exists but has no frame. */
		m->ctr.oom++;
		leaf->pfn[vpn & (PT_LEAF_ENTRIES - 1)] = PT_PFN_NONE;
		err = -ENOMEM;
	} else {
		leaf->pfn[vpn & (PT_LEAF_ENTRIES - 1)] = (uint32_t)pfn;
		fault_set_rmap(m, pfn, as, vpn);
	}
	e->flags = PTE_PRESENT;
	leaf->nr_present++;
	m->ctr.first_touches++;
	return err;
}

/*
 * Counters of the hot path, kept in a local while a batch runs (stores
 * to the machine's counters would make the compiler reload everything it
 * read through @m) and added to m->ctr before anything outside this file
 * can look: traps, observers, the end of the call.
 */
struct access_loc {
	uint64_t accesses;
	uint64_t writes;
	uint64_t tlb_hits;
	uint64_t tlb_misses;
	uint64_t dirty_assists;
};

static inline __attribute__((always_inline)) void
access_loc_flush(struct machine *m, struct access_loc *lc)
{
	m->ctr.accesses += lc->accesses;
	m->ctr.writes += lc->writes;
	m->ctr.tlb_hits += lc->tlb_hits;
	m->ctr.tlb_misses += lc->tlb_misses;
	m->ctr.dirty_assists += lc->dirty_assists;
	*lc = (struct access_loc){ 0 };
}

__attribute__((noinline)) void
mach_gt_frame(struct machine *m, uint32_t pfn, uint32_t epoch, uint32_t first)
{
	struct frame *f = frames_get(&m->frames, pfn);

	/* The frame saw this cell already iff its page did (no sharing). */
	if (!f || f->gt_last == epoch)
		return;
	if (f->gt_last < first)
		f->gt_count = 1;
	else if (f->gt_count != UINT16_MAX)
		f->gt_count++;
	f->gt_last = epoch;
}

static inline __attribute__((always_inline)) void
access_gt(struct machine *m, struct pt_leaf *leaf, unsigned int idx,
	  uint64_t now)
{
	uint32_t epoch, last;

	if (mach_unlikely(now >= m->gt.next))
		mach_gt_advance(m, now);
	m->gt.last_now = now;
	epoch = m->gt.epoch;
	last = leaf->e[idx].gt_last;
	if (last == epoch)
		return;
	mach_gt_count(m, leaf, idx, last, epoch, m->gt.first,
		      m->cfg.gt_paddr);
}

static __attribute__((noinline)) void
access_notify(struct machine *m, unsigned int cpu, struct mach_as *as,
	      uint64_t vaddr, bool write, bool tlb_hit, uint32_t pfn,
	      uint64_t now, bool trap)
{
	struct mach_access acc = {
		.as = as,
		.cpu = cpu,
		.tid = m->cur_tid,
		.write = write,
		.tlb_hit = tlb_hit,
		.vaddr = vaddr,
		.paddr = pfn == PT_PFN_NONE
				 ? MACH_PFN_NONE
				 : ((uint64_t)pfn << MACH_PAGE_SHIFT) |
					   (vaddr & (MACH_PAGE_SIZE - 1)),
		.now = now,
	};
	unsigned int i;

	if (trap) {
		m->ctr.traps++;
		if (m->trap_fn)
			m->trap_fn(m->trap_ctx, &acc);
		return;
	}
	for (i = 0; i < m->nr_observers; i++) {
		m->ctr.observer_calls++;
		m->observers[i].fn(m->observers[i].ctx, &acc);
	}
}

/* The TLB step, counted; returns whether the TLB hit. */
static inline __attribute__((always_inline)) bool
access_tlb_n(struct access_loc *lc, struct tlb *t, uint64_t key,
	     struct pt_entry *pte, bool write, unsigned int words)
{
	enum mach_tlb_result r = mach_tlb_access(t, key, pte, write, words);

	if (r == MACH_TLB_MISS) {
		lc->tlb_misses++;
		return false;
	}
	lc->tlb_hits++;
	lc->dirty_assists += r == MACH_TLB_HIT_DIRTIED;
	return true;
}

static inline __attribute__((always_inline)) bool
access_tlb(struct machine *m, struct access_loc *lc, struct mach_cpu *c,
	   struct mach_as *as, struct pt_entry *pte, uint64_t vpn, bool write)
{
	uint64_t key;

	if (!m->cfg.tlb_enabled) {
		lc->tlb_misses++;
		pte->flags |= PTE_YOUNG | (write ? PTE_DIRTY : 0);
		return false;
	}
	key = pte->flags & PTE_HUGE
		      ? tlb_key(as->asid, true, vpn >> PT_LEAF_SHIFT)
		      : tlb_key(as->asid, false, vpn);
	/* Up to 16 ways (x86 second-level TLBs): two words per set. */
	if (c->tlb.words == 2)
		return access_tlb_n(lc, &c->tlb, key, pte, write, 2);
	if (c->tlb.words == 1)
		return access_tlb_n(lc, &c->tlb, key, pte, write, 1);
	return access_tlb_n(lc, &c->tlb, key, pte, write, c->tlb.words);
}

/* Forced inline: one call per simulated access is measurable. */
static inline __attribute__((always_inline)) int
access_page(struct machine *m, struct access_loc *lc, unsigned int cpu,
	    struct mach_as *as, uint64_t vaddr, bool write, uint64_t now,
	    struct pt_leaf *hint)
{
	struct mach_cpu *c = &m->cpus[cpu];
	uint64_t vpn = vaddr >> MACH_PAGE_SHIFT;
	uint64_t lidx = vpn >> PT_LEAF_SHIFT;
	unsigned int idx = vpn & (PT_LEAF_ENTRIES - 1);
	struct pt_entry *e, *pte;
	struct pt_leaf *leaf;
	bool trap, hit;
	int ret = 0;

	if (hint) {
		leaf = hint;
	} else if (mach_likely(c->last_as == as && c->last_lidx == lidx)) {
		leaf = c->last_leaf;
	} else {
		leaf = pt_lookup_leaf(&as->pt, lidx);
		if (leaf) {
			c->last_as = as;
			c->last_lidx = lidx;
			c->last_leaf = leaf;
		}
	}
	e = leaf ? &leaf->e[idx] : NULL;
	if (mach_unlikely(!e || !(e->flags & PTE_PRESENT))) {
		ret = mach_fault(m, cpu, as, vaddr, &leaf);
		if (ret && ret != -ENOMEM)
			return ret;
		/* The fault may have freed or moved cached leaves. */
		c->last_as = as;
		c->last_lidx = lidx;
		c->last_leaf = leaf;
		e = &leaf->e[idx];
	}
	lc->accesses++;
	lc->writes += write;
	if (m->gt.active)
		access_gt(m, leaf, idx, now);
	pte = e->flags & PTE_HUGE ? &leaf->e[0] : e;
	trap = pte->flags & PTE_ARMED;
	if (mach_unlikely(trap)) {
		pte->flags &= ~PTE_ARMED;
		access_loc_flush(m, lc);
		access_notify(m, cpu, as, vaddr, write, false, leaf->pfn[idx],
			      now, true);
	}
	hit = access_tlb(m, lc, c, as, pte, vpn, write);
	if (mach_unlikely(m->nr_observers)) {
		access_loc_flush(m, lc);
		access_notify(m, cpu, as, vaddr, write, hit, leaf->pfn[idx],
			      now, false);
	}
	return ret;
}

/*
 * Leaf of a future access, with its entry and the leaf's ground-truth
 * stamp and bitmap on their way into the cache.
 */
static inline __attribute__((always_inline)) struct pt_leaf *
access_prefetch(const struct mach_as *as, uint64_t vaddr)
{
	uint64_t vpn = vaddr >> MACH_PAGE_SHIFT;
	struct pt_leaf *leaf;

	if (vaddr >= MACH_VA_LIMIT)
		return NULL;
	leaf = pt_find_leaf(&as->pt, vpn >> PT_LEAF_SHIFT);
	if (leaf) {
		__builtin_prefetch(&leaf->e[vpn & (PT_LEAF_ENTRIES - 1)], 1);
		/* Read on a page's first access of an aggregation. */
		__builtin_prefetch(&leaf->gt_last, 1);
	}
	return leaf;
}

void machine_prefetch(const struct machine *m, const struct mach_as *as,
		      uint64_t vaddr)
{
	access_prefetch(as, vaddr);
}

/* Accesses crossing pages are rare: keep them out of the inlined path. */
static __attribute__((noinline)) int
access_pages(struct machine *m, unsigned int cpu, struct mach_as *as,
	     uint64_t vaddr, uint64_t last, bool write, uint64_t now)
{
	struct access_loc lc = { 0 };
	int ret, err = 0;

	for (;;) {
		ret = access_page(m, &lc, cpu, as, vaddr, write, now, NULL);
		if (ret && !err)
			err = ret;
		if ((vaddr | (MACH_PAGE_SIZE - 1)) >= last)
			break;
		vaddr = (vaddr | (MACH_PAGE_SIZE - 1)) + 1;
	}
	access_loc_flush(m, &lc);
	return err;
}

/* Accesses looked up ahead of the one simulated; a power of two. */
#ifndef MACH_PREFETCH_DIST
#define MACH_PREFETCH_DIST 16
#endif

/*
 * The thread id only matters to traps and observers, so it is kept in the
 * machine for the access instead of threaded through the inlined path.
 */
static inline __attribute__((always_inline)) int
access_one(struct machine *m, struct access_loc *lc, unsigned int cpu,
	   struct mach_as *as, uint64_t vaddr, uint32_t size, bool write,
	   uint64_t now, uint32_t tid, struct pt_leaf *hint)
{
	uint64_t last;

	m->cur_tid = tid;
	if (mach_unlikely(cpu >= m->cfg.nr_cpus || vaddr >= MACH_VA_LIMIT)) {
		m->ctr.bad_accesses++;
		return -EINVAL;
	}
	last = vaddr + (size ? size - 1 : 0);
	if (mach_likely((last ^ vaddr) < MACH_PAGE_SIZE))
		return access_page(m, lc, cpu, as, vaddr, write, now, hint);
	if (last >= MACH_VA_LIMIT || last < vaddr) {
		m->ctr.bad_accesses++;
		return -EINVAL;
	}
	/* Crosses pages: touch each, keep the first error. */
	access_loc_flush(m, lc);
	return access_pages(m, cpu, as, vaddr, last, write, now);
}

int mach_access_req(struct machine *m, const struct mach_req *r,
		    struct pt_leaf *hint)
{
	struct access_loc lc = { 0 };
	int ret;

	ret = access_one(m, &lc, r->cpu, r->as, r->vaddr, r->size, r->write,
			 r->now, r->tid, hint);
	access_loc_flush(m, &lc);
	return ret;
}

int machine_access(struct machine *m, unsigned int cpu, struct mach_as *as,
		   uint64_t vaddr, uint32_t size, bool write, uint64_t now)
{
	struct access_loc lc = { 0 };
	int ret;

	ret = access_one(m, &lc, cpu, as, vaddr, size, write, now, 0, NULL);
	access_loc_flush(m, &lc);
	return ret;
}

/* Ring of look-ups ahead: directory at 2 * MACH_PREFETCH_DIST, leaf at 1. */
struct access_ahead {
	struct pt_dir *dir;
	struct pt_leaf *leaf;
};

/* Stage 1, far ahead: the directory, with the leaf's slot prefetched. */
static inline __attribute__((always_inline)) struct pt_dir *
access_ahead_dir(const struct mach_req *r)
{
	uint64_t lidx = r->vaddr >> MACH_HUGE_SHIFT;
	struct pt_dir *d;

	if (r->vaddr >= MACH_VA_LIMIT)
		return NULL;
	d = pt_find_dir(&r->as->pt, lidx);
	if (d)
		__builtin_prefetch(pt_dir_slot(d, lidx));
	return d;
}

/* Stage 2: the leaf, with the entry and the gt stamp prefetched. */
static inline __attribute__((always_inline)) struct pt_leaf *
access_ahead_leaf(struct pt_dir *d, const struct mach_req *r)
{
	uint64_t vpn = r->vaddr >> MACH_PAGE_SHIFT;
	struct pt_leaf *leaf;

	if (!d)
		return NULL;
	leaf = *pt_dir_slot(d, vpn >> PT_LEAF_SHIFT);
	if (leaf) {
		__builtin_prefetch(&leaf->e[vpn & (PT_LEAF_ENTRIES - 1)], 1);
		__builtin_prefetch(&leaf->gt_last, 1);
	}
	return leaf;
}

/*
 * Look requests [from, from + 2 * MACH_PREFETCH_DIST) up afresh: at the
 * start, and after leaves (and maybe directories) were freed.
 */
static void access_ahead_fill(struct access_ahead *ahead,
			      const struct mach_req *reqs, size_t from,
			      size_t nr)
{
	const size_t far = 2 * MACH_PREFETCH_DIST;
	struct access_ahead *a;
	size_t i;

	for (i = from; i < nr && i < from + far; i++) {
		a = &ahead[i % far];
		a->dir = access_ahead_dir(&reqs[i]);
		if (i < from + MACH_PREFETCH_DIST)
			a->leaf = access_ahead_leaf(a->dir, &reqs[i]);
	}
}

/*
 * Request i + 2 * MACH_PREFETCH_DIST gets its last-level directory looked
 * up (and the leaf's slot prefetched), request i + MACH_PREFETCH_DIST its
 * leaf (and the entry prefetched) while request i is simulated; the leaf
 * is handed to the access then, so each request walks the radix tree once
 * and no step waits for memory.  A directory or leaf missing at look-up
 * time is looked up again (an earlier request may fault it in); if leaves
 * were freed meanwhile (only a misbehaving trap handler could unmap), the
 * remaining look-ups of the batch are redone.
 */
int mach_access_batch_general(struct machine *m, const struct mach_req *reqs,
			      size_t nr)
{
	const size_t far = 2 * MACH_PREFETCH_DIST;
	struct access_ahead ahead[2 * MACH_PREFETCH_DIST], *a;
	struct access_loc lc = { 0 };
	uint64_t gen = m->leaf_gen;
	const struct mach_req *r;
	struct pt_leaf *hint;
	int ret, err = 0;
	size_t i;

	access_ahead_fill(ahead, reqs, 0, nr);
	for (i = 0; i < nr; i++) {
		if (mach_unlikely(m->leaf_gen != gen)) {
			/* Looked-up directories and leaves may be gone. */
			gen = m->leaf_gen;
			access_ahead_fill(ahead, reqs, i, nr);
		}
		/* Slot i is also the one of request i + far. */
		a = &ahead[i % far];
		hint = a->leaf;
		if (i + far < nr)
			a->dir = access_ahead_dir(&reqs[i + far]);
		if (i + MACH_PREFETCH_DIST < nr) {
			a = &ahead[(i + MACH_PREFETCH_DIST) % far];
			a->leaf = access_ahead_leaf(
				a->dir, &reqs[i + MACH_PREFETCH_DIST]);
		}
		r = &reqs[i];
		ret = access_one(m, &lc, r->cpu, r->as, r->vaddr, r->size,
				 r->write, r->now, r->tid, hint);
		if (ret && !err)
			err = ret;
	}
	access_loc_flush(m, &lc);
	return err;
}
