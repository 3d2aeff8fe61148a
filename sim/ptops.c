// SPDX-License-Identifier: GPL-2.0
/*
 * ptops.c - page table operations for access-check primitives: accessed
 * bit tests and clears by virtual page or by frame (through the rmap),
 * TLB shootdowns, and arming pages for trap-style primitives.
 */
#include <errno.h>

#include "sim/machine_int.h"

struct pt_entry *mach_pte(const struct mach_as *as, uint64_t vaddr,
			  struct pt_leaf **leafp)
{
	uint64_t vpn = vaddr >> MACH_PAGE_SHIFT;
	struct pt_leaf *leaf;
	struct pt_entry *e;

	if (vaddr >= MACH_VA_LIMIT)
		return NULL;
	leaf = pt_find_leaf(&as->pt, vpn >> PT_LEAF_SHIFT);
	if (!leaf)
		return NULL;
	e = &leaf->e[vpn & (PT_LEAF_ENTRIES - 1)];
	if (!(e->flags & PTE_PRESENT))
		return NULL;
	if (leafp)
		*leafp = leaf;
	return e->flags & PTE_HUGE ? &leaf->e[0] : e;
}

int machine_pte_get(const struct mach_as *as, uint64_t vaddr,
		    struct mach_pte_info *out)
{
	uint64_t vpn = vaddr >> MACH_PAGE_SHIFT;
	struct pt_leaf *leaf = NULL;
	struct pt_entry *pte = mach_pte(as, vaddr, &leaf);
	uint32_t pfn;

	*out = (struct mach_pte_info){.pfn = MACH_PFN_NONE};
	if (!pte)
		return -ENOENT;
	pfn = leaf->pfn[vpn & (PT_LEAF_ENTRIES - 1)];
	out->present = true;
	out->young = pte->flags & PTE_YOUNG;
	out->dirty = pte->flags & PTE_DIRTY;
	out->armed = pte->flags & PTE_ARMED;
	out->huge = pte->flags & PTE_HUGE;
	out->pfn = pfn == PT_PFN_NONE ? MACH_PFN_NONE : pfn;
	return 0;
}

void machine_tlb_flush_page(struct machine *m, struct mach_as *as,
			    uint64_t vaddr)
{
	uint64_t vpn = vaddr >> MACH_PAGE_SHIFT, key;
	struct pt_leaf *leaf;
	unsigned int cpu;
	bool huge;

	leaf = pt_find_leaf(&as->pt, vpn >> PT_LEAF_SHIFT);
	huge = leaf && pt_leaf_huge(leaf);
	key = huge ? tlb_key(as->asid, true, vpn >> PT_LEAF_SHIFT)
		   : tlb_key(as->asid, false, vpn);
	m->ctr.tlb_flush_pages++;
	if (!m->cfg.tlb_enabled)
		return;
	for (cpu = 0; cpu < m->cfg.nr_cpus; cpu++) {
		tlb_invalidate(&m->cpus[cpu].tlb, key);
		m->ctr.tlb_flush_cpus++;
	}
}

void machine_tlb_flush_all(struct machine *m, struct mach_as *as)
{
	unsigned int cpu;

	m->ctr.tlb_flush_alls++;
	if (!m->cfg.tlb_enabled)
		return;
	for (cpu = 0; cpu < m->cfg.nr_cpus; cpu++)
		tlb_flush(&m->cpus[cpu].tlb, as ? as->asid : 0);
}

bool machine_pte_young(struct machine *m, struct mach_as *as, uint64_t vaddr)
{
	struct pt_entry *pte = mach_pte(as, vaddr, NULL);

	m->ctr.pte_checks++;
	return pte && (pte->flags & PTE_YOUNG);
}

bool machine_pte_test_and_clear_young(struct machine *m, struct mach_as *as,
				      uint64_t vaddr, bool flush)
{
	struct pt_entry *pte = mach_pte(as, vaddr, NULL);
	bool young;

	m->ctr.pte_checks++;
	if (!pte)
		return false;
	young = pte->flags & PTE_YOUNG;
	if (!young)
		return false;
	pte->flags &= ~PTE_YOUNG;
	m->ctr.pte_clears++;
	/* Like ptep_clear_flush_young(): only a young entry is flushed. */
	if (flush)
		machine_tlb_flush_page(m, as, vaddr);
	return true;
}

int machine_pte_mkold(struct machine *m, struct mach_as *as, uint64_t vaddr,
		      bool flush)
{
	struct pt_entry *pte = mach_pte(as, vaddr, NULL);

	if (!pte)
		return -ENOENT;
	machine_pte_test_and_clear_young(m, as, vaddr, flush);
	return 0;
}

int machine_frame_rmap(struct machine *m, uint64_t pfn, struct mach_as **as,
		       uint64_t *vaddr)
{
	struct frame *f = frames_get(&m->frames, pfn);

	m->ctr.rmap_walks++;
	if (!f || !(f->flags & FRAME_USED) || !f->as)
		return -ENOENT;
	*as = f->as;
	*vaddr = f->vpn << MACH_PAGE_SHIFT;
	return 0;
}

bool machine_frame_young(struct machine *m, uint64_t pfn)
{
	struct mach_as *as;
	uint64_t vaddr;

	if (machine_frame_rmap(m, pfn, &as, &vaddr))
		return false;
	return machine_pte_young(m, as, vaddr);
}

bool machine_frame_test_and_clear_young(struct machine *m, uint64_t pfn,
					bool flush)
{
	struct mach_as *as;
	uint64_t vaddr;

	if (machine_frame_rmap(m, pfn, &as, &vaddr))
		return false;
	return machine_pte_test_and_clear_young(m, as, vaddr, flush);
}

int machine_frame_mkold(struct machine *m, uint64_t pfn, bool flush)
{
	struct mach_as *as;
	uint64_t vaddr;

	if (machine_frame_rmap(m, pfn, &as, &vaddr))
		return -ENOENT;
	return machine_pte_mkold(m, as, vaddr, flush);
}

int machine_frame_set_idle(struct machine *m, uint64_t pfn, bool idle)
{
	struct frame *f = frames_get(&m->frames, pfn);

	if (!f || !(f->flags & FRAME_USED))
		return -ENOENT;
	if (idle)
		f->flags |= FRAME_IDLE;
	else
		f->flags &= ~FRAME_IDLE;
	return 0;
}

bool machine_frame_test_idle(const struct machine *m, uint64_t pfn)
{
	const struct frame *f = frames_get(&m->frames, pfn);

	return f && (f->flags & FRAME_USED) && (f->flags & FRAME_IDLE);
}

int machine_arm_page(struct machine *m, struct mach_as *as, uint64_t vaddr,
		     bool flush)
{
	struct pt_entry *pte = mach_pte(as, vaddr, NULL);

	if (!pte)
		return -ENOENT;
	pte->flags |= PTE_ARMED;
	if (flush)
		machine_tlb_flush_page(m, as, vaddr);
	return 0;
}

int machine_disarm_page(struct mach_as *as, uint64_t vaddr)
{
	struct pt_entry *pte = mach_pte(as, vaddr, NULL);

	if (!pte)
		return -ENOENT;
	pte->flags &= ~PTE_ARMED;
	return 0;
}
