// SPDX-License-Identifier: GPL-2.0
/*
 * groundtruth.c - exact per-page access counts per aggregation interval
 *
 * Time is cut into sampling cells.  Each cell has an epoch number; a page
 * entry remembers the last epoch in which it was accessed and how many
 * distinct epochs of the current aggregation saw it, so the hot path does
 * one compare per access and nothing is reset at aggregation boundaries:
 * a count whose last epoch predates the aggregation's first epoch is
 * stale and reads as 0.
 */
#include <errno.h>
#include <string.h>

#include "sim/machine_int.h"

int machine_gt_set_sample_interval(struct machine *m, uint64_t interval)
{
	if (!interval)
		return -EINVAL;
	m->gt.interval = interval;
	return 0;
}

/* Epochs are 32-bit: before they wrap, forget all counts and restart. */
static void gt_rebase(struct machine *m)
{
	struct pt_leaf *leaf;
	struct frame_node *n;
	uint64_t lidx, from;
	size_t i;
	unsigned int j;

	for (i = 0; i < m->nr_as; i++) {
		from = 0;
		while ((leaf = pt_next_leaf(&m->as[i]->pt, from, UINT64_MAX,
					    &lidx))) {
			leaf->gt_last = 0;
			for (j = 0; j < PT_LEAF_ENTRIES; j++) {
				leaf->e[j].gt_last = 0;
				leaf->e[j].gt_count = 0;
			}
			from = lidx + 1;
		}
	}
	for (j = 0; j < m->frames.nr_nodes; j++) {
		n = &m->frames.nodes[j];
		for (lidx = 0; lidx < n->tab_cap; lidx++) {
			n->tab[lidx].gt_last = 0;
			n->tab[lidx].gt_count = 0;
		}
	}
	m->gt.epoch = 0;
}

uint64_t machine_gt_aggr_begin(struct machine *m, uint64_t now)
{
	if (!m->gt.interval)
		m->gt.interval = 5000000; /* DAMON's default 5 ms */
	if (m->gt.epoch >= UINT32_MAX - (1u << 24))
		gt_rebase(m);
	/* A new aggregation always starts a new cell, even mid-cell. */
	m->gt.epoch++;
	m->gt.first = m->gt.epoch;
	m->gt.next = now + m->gt.interval;
	m->gt.aggr_start = now;
	m->gt.last_now = now;
	m->gt.active = true;
	return m->gt.aggr_idx++;
}

void machine_gt_aggr_end(struct machine *m, uint64_t now)
{
	if (!m->gt.active)
		return;
	m->gt.active = false;
	m->gt.aggr_end = now;
}

uint32_t machine_gt_nr_samples(const struct machine *m)
{
	uint64_t end, span;

	if (!m->gt.first)
		return 0;
	end = m->gt.active ? m->gt.last_now : m->gt.aggr_end;
	if (end <= m->gt.aggr_start)
		return 1;
	span = end - m->gt.aggr_start;
	return (uint32_t)((span + m->gt.interval - 1) / m->gt.interval);
}

static inline bool gt_fresh(const struct machine *m, uint32_t last)
{
	return m->gt.first && last >= m->gt.first;
}

uint32_t machine_gt_page(const struct mach_as *as, uint64_t vaddr)
{
	uint64_t vpn = vaddr >> MACH_PAGE_SHIFT;
	struct pt_leaf *leaf;
	struct pt_entry *e;

	if (vaddr >= MACH_VA_LIMIT)
		return 0;
	leaf = pt_find_leaf(&as->pt, vpn >> PT_LEAF_SHIFT);
	if (!leaf)
		return 0;
	e = &leaf->e[vpn & (PT_LEAF_ENTRIES - 1)];
	if (!(e->flags & PTE_PRESENT) || !gt_fresh(as->m, e->gt_last))
		return 0;
	return e->gt_count;
}

uint32_t machine_gt_frame(const struct machine *m, uint64_t pfn)
{
	const struct frame *f = frames_get(&m->frames, pfn);

	if (!f || !gt_fresh(m, f->gt_last))
		return 0;
	return f->gt_count;
}

/*
 * Pages of @leaf in [lo, hi) with g > 0, as a bitmap: the leaf's bitmap
 * of pages accessed in the aggregation, cut to the range.  Pages dropped
 * since keep their bit; the caller tests the entry.
 */
static void gt_leaf_fresh(const struct pt_leaf *leaf, unsigned int lo,
			  unsigned int hi, uint64_t bits[PT_LEAF_ENTRIES / 64])
{
	unsigned int j;

	for (j = 0; j < PT_LEAF_ENTRIES / 64; j++) {
		bits[j] = leaf->fresh[j];
		/* Cut to [lo, hi); shifts stay within 1..63. */
		if (lo >= (j + 1) * 64 || hi <= j * 64)
			bits[j] = 0;
		if (lo > j * 64 && lo < (j + 1) * 64)
			bits[j] &= ~0ULL << (lo - j * 64);
		if (hi < (j + 1) * 64 && hi > j * 64)
			bits[j] &= ~0ULL >> ((j + 1) * 64 - hi);
	}
}

void machine_gt_for_each_page(const struct mach_as *as, uint64_t start,
			      uint64_t end, mach_gt_fn fn, void *ctx)
{
	const struct machine *m = as->m;
	uint64_t svpn, evpn, lidx, from, lbase, lo, hi, w;
	uint64_t bits[PT_LEAF_ENTRIES / 64];
	const struct pt_entry *e;
	struct pt_leaf *leaf;
	unsigned int i, j;

	if (end > MACH_VA_LIMIT)
		end = MACH_VA_LIMIT;
	if (start >= end || !m->gt.first)
		return;
	svpn = start >> MACH_PAGE_SHIFT;
	evpn = (end + MACH_PAGE_SIZE - 1) >> MACH_PAGE_SHIFT;
	from = svpn >> PT_LEAF_SHIFT;
	while ((leaf = pt_next_leaf(&as->pt, from,
				    (evpn + PT_LEAF_ENTRIES - 1) >>
					    PT_LEAF_SHIFT,
				    &lidx))) {
		from = lidx + 1;
		if (!gt_fresh(m, leaf->gt_last))
			continue; /* nothing touched this aggregation */
		lbase = lidx << PT_LEAF_SHIFT;
		lo = svpn > lbase ? svpn - lbase : 0;
		hi = evpn < lbase + PT_LEAF_ENTRIES ? evpn - lbase
						    : PT_LEAF_ENTRIES;
		gt_leaf_fresh(leaf, (unsigned int)lo, (unsigned int)hi, bits);
		for (j = 0; j < PT_LEAF_ENTRIES / 64; j++) {
			for (w = bits[j]; w; w &= w - 1) {
				i = j * 64 + (unsigned int)__builtin_ctzll(w);
				e = &leaf->e[i];
				if ((e->flags & PTE_PRESENT) &&
				    gt_fresh(m, e->gt_last))
					fn(ctx, (lbase + i) << MACH_PAGE_SHIFT,
					   e->gt_count);
			}
		}
	}
}

void machine_gt_for_each_frame(const struct machine *m, uint64_t start,
			       uint64_t end, mach_gt_fn fn, void *ctx)
{
	uint64_t spfn = start >> MACH_PAGE_SHIFT;
	uint64_t epfn = (end + MACH_PAGE_SIZE - 1) >> MACH_PAGE_SHIFT;
	const struct frame_node *n;
	uint64_t lo, hi, i;
	unsigned int j;

	if (!m->gt.first || start >= end)
		return;
	for (j = 0; j < m->frames.nr_nodes; j++) {
		n = &m->frames.nodes[j];
		lo = spfn > n->base_pfn ? spfn - n->base_pfn : 0;
		hi = epfn > n->base_pfn ? epfn - n->base_pfn : 0;
		if (hi > n->tab_cap)
			hi = n->tab_cap;
		for (i = lo; i < hi; i++)
			if (gt_fresh(m, n->tab[i].gt_last))
				fn(ctx, (n->base_pfn + i) << MACH_PAGE_SHIFT,
				   n->tab[i].gt_count);
	}
}
