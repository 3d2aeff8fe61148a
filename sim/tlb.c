// SPDX-License-Identifier: GPL-2.0
/*
 * tlb.c - set-associative LRU TLB model
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sim/tlb.h"

int tlb_init(struct tlb *t, unsigned int entries, unsigned int ways)
{
	unsigned int sets;

	if (!ways || ways > 64 || !entries || entries % ways)
		return -EINVAL;
	sets = entries / ways;
	if (sets & (sets - 1))
		return -EINVAL;
	t->keys = calloc(entries, sizeof(*t->keys));
	if (!t->keys)
		return -ENOMEM;
	t->ways = ways;
	t->set_mask = sets - 1;
	t->last_key = 0;
	t->last_slot = NULL;
	return 0;
}

void tlb_free(struct tlb *t)
{
	free(t->keys);
	t->keys = NULL;
}

static inline uint64_t *tlb_set(struct tlb *t, uint64_t key)
{
	/* Low page-number bits index the set, as in real TLBs. */
	return t->keys + (size_t)(key & t->set_mask) * t->ways;
}

uint64_t *tlb_insert(struct tlb *t, uint64_t key)
{
	uint64_t *set = tlb_set(t, key);

	/* The LRU way falls off the end. */
	memmove(set + 1, set, (t->ways - 1) * sizeof(*set));
	set[0] = key;
	t->last_key = key & ~TLB_DIRTY;
	t->last_slot = set;
	return set;
}

bool tlb_invalidate(struct tlb *t, uint64_t key)
{
	uint64_t *set = tlb_set(t, key);
	unsigned int w;

	for (w = 0; w < t->ways; w++) {
		if (!set[w])
			return false;
		if ((set[w] & ~TLB_DIRTY) != key)
			continue;
		memmove(set + w, set + w + 1, (t->ways - 1 - w) * sizeof(*set));
		set[t->ways - 1] = 0;
		t->last_key = 0;
		return true;
	}
	return false;
}

void tlb_flush(struct tlb *t, uint32_t asid)
{
	size_t nsets = (size_t)t->set_mask + 1;
	uint64_t *set;
	size_t s;
	unsigned int r, w;

	t->last_key = 0;
	if (!asid) {
		memset(t->keys, 0, nsets * t->ways * sizeof(*t->keys));
		return;
	}
	for (s = 0; s < nsets; s++) {
		set = t->keys + s * t->ways;
		/* Compact the survivors, keeping their LRU order. */
		for (r = 0, w = 0; r < t->ways && set[r]; r++) {
			if ((set[r] & ~TLB_DIRTY) >> TLB_ASID_SHIFT == asid)
				continue;
			set[w++] = set[r];
		}
		for (; w < r; w++)
			set[w] = 0;
	}
}
