// SPDX-License-Identifier: GPL-2.0
/*
 * addrspace.c - address spaces: sorted VMA list, map and unmap
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sim/machine_int.h"

struct mach_as *machine_as_create(struct machine *m, uint32_t id)
{
	struct mach_as *as, **nas;
	size_t ncap;

	if (m->next_asid > TLB_ASID_MAX)
		return NULL;
	if (m->nr_as == m->cap_as) {
		ncap = m->cap_as ? m->cap_as * 2 : 8;
		nas = realloc(m->as, ncap * sizeof(*nas));
		if (!nas)
			return NULL;
		m->as = nas;
		m->cap_as = ncap;
	}
	as = calloc(1, sizeof(*as));
	if (!as)
		return NULL;
	as->m = m;
	as->id = id;
	as->asid = m->next_asid++;
	pt_init(&as->pt, &m->pt_pool);
	m->as[m->nr_as++] = as;
	return as;
}

void machine_as_destroy(struct mach_as *as)
{
	struct machine *m;
	size_t i;

	if (!as)
		return;
	m = as->m;
	mach_drop_pages(as, 0, MACH_VA_LIMIT);
	pt_destroy(&as->pt);
	mach_forget_leaves(m, as);
	free(as->vmas);
	for (i = 0; i < m->nr_as; i++) {
		if (m->as[i] != as)
			continue;
		memmove(&m->as[i], &m->as[i + 1],
			(m->nr_as - i - 1) * sizeof(*m->as));
		m->nr_as--;
		break;
	}
	free(as);
}

uint32_t machine_as_id(const struct mach_as *as)
{
	return as->id;
}

struct mach_as *machine_as_find(struct machine *m, uint32_t id)
{
	size_t i;

	for (i = 0; i < m->nr_as; i++)
		if (m->as[i]->id == id)
			return m->as[i];
	return NULL;
}

size_t machine_as_nr_vmas(const struct mach_as *as)
{
	return as->nr_vmas;
}

const struct mach_vma *machine_as_vma(const struct mach_as *as, size_t idx)
{
	return idx < as->nr_vmas ? &as->vmas[idx] : NULL;
}

uint64_t machine_as_mapped_bytes(const struct mach_as *as)
{
	return as->mapped;
}

/* Index of the first VMA whose end is above @addr (nr_vmas if none). */
static size_t as_vma_index(const struct mach_as *as, uint64_t addr)
{
	size_t lo = 0, hi = as->nr_vmas, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (as->vmas[mid].end <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const struct mach_vma *machine_as_find_vma(const struct mach_as *as,
					   uint64_t addr)
{
	size_t i = as_vma_index(as, addr);

	if (i < as->nr_vmas && as->vmas[i].start <= addr)
		return &as->vmas[i];
	return NULL;
}

static int as_reserve(struct mach_as *as, size_t extra)
{
	struct mach_vma *nv;
	size_t ncap;

	if (as->nr_vmas + extra <= as->cap_vmas)
		return 0;
	ncap = as->cap_vmas ? as->cap_vmas * 2 : 16;
	while (ncap < as->nr_vmas + extra)
		ncap *= 2;
	nv = realloc(as->vmas, ncap * sizeof(*nv));
	if (!nv)
		return -ENOMEM;
	as->vmas = nv;
	as->cap_vmas = ncap;
	return 0;
}

static int as_page_range(uint64_t start, uint64_t len, uint64_t *s, uint64_t *e)
{
	if (!len || start >= MACH_VA_LIMIT || len > MACH_VA_LIMIT - start)
		return -EINVAL;
	*s = start & ~(MACH_PAGE_SIZE - 1);
	*e = (start + len + MACH_PAGE_SIZE - 1) & ~(MACH_PAGE_SIZE - 1);
	return 0;
}

/* Remove [s, e) from the VMA list; the caller dropped the pages. */
static int as_cut_vmas(struct mach_as *as, uint64_t s, uint64_t e)
{
	size_t i = as_vma_index(as, s), j;
	struct mach_vma *v;

	if (i < as->nr_vmas && as->vmas[i].start < s && as->vmas[i].end > e) {
		/* Hole in the middle of one VMA: split it in two. */
		if (as_reserve(as, 1))
			return -ENOMEM;
		v = &as->vmas[i];
		memmove(v + 1, v, (as->nr_vmas - i) * sizeof(*v));
		as->nr_vmas++;
		v[0].end = s;
		v[1].start = e;
		as->mapped -= e - s;
		return 0;
	}
	if (i < as->nr_vmas && as->vmas[i].start < s) {
		as->mapped -= as->vmas[i].end - s;
		as->vmas[i].end = s;
		i++;
	}
	for (j = i; j < as->nr_vmas && as->vmas[j].end <= e; j++)
		as->mapped -= as->vmas[j].end - as->vmas[j].start;
	if (j < as->nr_vmas && as->vmas[j].start < e) {
		as->mapped -= e - as->vmas[j].start;
		as->vmas[j].start = e;
	}
	memmove(&as->vmas[i], &as->vmas[j],
		(as->nr_vmas - j) * sizeof(*as->vmas));
	as->nr_vmas -= j - i;
	return 0;
}

int machine_unmap(struct mach_as *as, uint64_t start, uint64_t len)
{
	uint64_t s, e;
	int err;

	err = as_page_range(start, len, &s, &e);
	if (err)
		return err;
	/* Reserve first so a failed split leaves pages and VMAs intact. */
	if (as_reserve(as, 1))
		return -ENOMEM;
	mach_drop_pages(as, s, e);
	as->m->ctr.unmaps++;
	return as_cut_vmas(as, s, e);
}

static bool as_vma_same(const struct mach_vma *a, unsigned int flags,
			uint32_t memcg)
{
	return a->flags == flags && a->memcg == memcg;
}

int machine_map(struct mach_as *as, uint64_t start, uint64_t len,
		unsigned int flags, uint32_t memcg)
{
	struct mach_vma *v;
	uint64_t s, e;
	size_t i;
	int err;

	if (flags & ~(MACH_MAP_FILE | MACH_MAP_HUGE))
		return -EINVAL;
	err = as_page_range(start, len, &s, &e);
	if (err)
		return err;
	if (as_reserve(as, 2))
		return -ENOMEM;
	mach_drop_pages(as, s, e);
	as_cut_vmas(as, s, e); /* cannot fail: capacity reserved */
	as->m->ctr.maps++;
	as->mapped += e - s;
	i = as_vma_index(as, s);
	/* Merge with neighbours the way anonymous VMAs merge in Linux. */
	if (i > 0 && as->vmas[i - 1].end == s &&
	    as_vma_same(&as->vmas[i - 1], flags, memcg)) {
		as->vmas[i - 1].end = e;
		if (i < as->nr_vmas && as->vmas[i].start == e &&
		    as_vma_same(&as->vmas[i], flags, memcg)) {
			as->vmas[i - 1].end = as->vmas[i].end;
			memmove(&as->vmas[i], &as->vmas[i + 1],
				(as->nr_vmas - i - 1) * sizeof(*as->vmas));
			as->nr_vmas--;
		}
		return 0;
	}
	if (i < as->nr_vmas && as->vmas[i].start == e &&
	    as_vma_same(&as->vmas[i], flags, memcg)) {
		as->vmas[i].start = s;
		return 0;
	}
	v = &as->vmas[i];
	memmove(v + 1, v, (as->nr_vmas - i) * sizeof(*v));
	as->nr_vmas++;
	v->start = s;
	v->end = e;
	v->flags = flags;
	v->memcg = memcg;
	return 0;
}

/* ---- dropping pages --------------------------------------------------- */

struct drop_ctx {
	struct mach_as *as;
	uint64_t keys[MACH_FLUSH_CEILING];
	unsigned int nr_keys;
	bool flush_all;
};

static void drop_note_flush(struct drop_ctx *dc, uint64_t key)
{
	if (dc->flush_all)
		return;
	if (dc->nr_keys == MACH_FLUSH_CEILING) {
		dc->flush_all = true;
		return;
	}
	dc->keys[dc->nr_keys++] = key;
}

/* Turn a 2 MiB entry into 512 4 KiB entries, like split_huge_pmd(). */
static void drop_split_huge(struct drop_ctx *dc, struct pt_leaf *leaf,
			    uint64_t lidx)
{
	uint16_t bits = leaf->e[0].flags & (PTE_YOUNG | PTE_DIRTY | PTE_ARMED);
	unsigned int i;

	for (i = 0; i < PT_LEAF_ENTRIES; i++)
		leaf->e[i].flags = PTE_PRESENT | bits;
	dc->as->m->ctr.huge_splits++;
	drop_note_flush(dc, tlb_key(dc->as->asid, true, lidx));
}

static void drop_leaf_range(struct drop_ctx *dc, struct pt_leaf *leaf,
			    uint64_t lidx, unsigned int from, unsigned int to)
{
	struct machine *m = dc->as->m;
	struct pt_entry *e;
	unsigned int i;

	if (pt_leaf_huge(leaf) && (from || to != PT_LEAF_ENTRIES))
		drop_split_huge(dc, leaf, lidx);
	if (pt_leaf_huge(leaf)) {
		if (leaf->pfn[0] != PT_PFN_NONE)
			frames_free(&m->frames, leaf->pfn[0], true);
		drop_note_flush(dc, tlb_key(dc->as->asid, true, lidx));
		m->ctr.pages_unmapped += PT_LEAF_ENTRIES;
		memset(leaf->e, 0, sizeof(leaf->e));
		memset(leaf->pfn, 0, sizeof(leaf->pfn));
		leaf->nr_present = 0;
		return;
	}
	for (i = from; i < to; i++) {
		e = &leaf->e[i];
		if (!(e->flags & PTE_PRESENT))
			continue;
		if (leaf->pfn[i] != PT_PFN_NONE)
			frames_free(&m->frames, leaf->pfn[i], false);
		drop_note_flush(dc, tlb_key(dc->as->asid, false,
					    (lidx << PT_LEAF_SHIFT) + i));
		memset(e, 0, sizeof(*e));
		leaf->pfn[i] = 0;
		leaf->nr_present--;
		m->ctr.pages_unmapped++;
	}
}

void mach_drop_pages(struct mach_as *as, uint64_t start, uint64_t end)
{
	struct machine *m = as->m;
	struct drop_ctx dc = {.as = as};
	uint64_t svpn = start >> MACH_PAGE_SHIFT;
	uint64_t evpn = end >> MACH_PAGE_SHIFT;
	uint64_t from = svpn >> PT_LEAF_SHIFT;
	uint64_t lend = (evpn + PT_LEAF_ENTRIES - 1) >> PT_LEAF_SHIFT;
	uint64_t lidx, lbase, lo, hi;
	struct pt_leaf *leaf;
	unsigned int i, cpu;
	bool freed = false;

	while ((leaf = pt_next_leaf(&as->pt, from, lend, &lidx))) {
		lbase = lidx << PT_LEAF_SHIFT;
		lo = svpn > lbase ? svpn - lbase : 0;
		hi = evpn < lbase + PT_LEAF_ENTRIES ? evpn - lbase
						    : PT_LEAF_ENTRIES;
		drop_leaf_range(&dc, leaf, lidx, lo, hi);
		if (!leaf->nr_present) {
			pt_free_leaf(&as->pt, lidx);
			freed = true;
		}
		from = lidx + 1;
	}
	if (freed)
		mach_forget_leaves(m, as);
	if (dc.flush_all) {
		machine_tlb_flush_all(m, as);
		return;
	}
	for (i = 0; i < dc.nr_keys; i++) {
		m->ctr.tlb_flush_pages++;
		for (cpu = 0; cpu < m->cfg.nr_cpus && m->cfg.tlb_enabled;
		     cpu++) {
			tlb_invalidate(&m->cpus[cpu].tlb, dc.keys[i]);
			m->ctr.tlb_flush_cpus++;
		}
	}
}
