// SPDX-License-Identifier: GPL-2.0
/*
 * tlb.c - set-associative LRU TLB model: allocation, invalidation, flushes
 *
 * Lookups and fills are inline in tlb.h (they run on every simulated
 * access); what is here runs on shootdowns and flushes only.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sim/tlb.h"

static inline unsigned int tlb_get_byte(const uint64_t *words, unsigned int i)
{
	return (words[i / 8] >> ((i % 8) * 8)) & 0xff;
}

static inline void tlb_put_byte(uint64_t *words, unsigned int i, uint64_t v)
{
	unsigned int shift = (i % 8) * 8;

	words[i / 8] = (words[i / 8] & ~(0xffULL << shift)) | (v << shift);
}

/* Empty set: no fingerprints, no keys, ways in index order. */
static void tlb_reset_set(const struct tlb *t, uint64_t *set)
{
	unsigned int i;

	memset(set, 0, t->stride * sizeof(*set));
	/* Order bytes past the last way never match a way index. */
	for (i = 0; i < t->words * 8; i++)
		tlb_put_byte(set + t->words, i, i < t->ways ? i : 0xff);
}

int tlb_init(struct tlb *t, unsigned int entries, unsigned int ways)
{
	unsigned int sets, s;

	memset(t, 0, sizeof(*t));
	if (!ways || ways > TLB_MAX_WAYS || !entries || entries % ways)
		return -EINVAL;
	sets = entries / ways;
	if (sets & (sets - 1))
		return -EINVAL;
	t->ways = ways;
	t->words = (ways + 7) / 8;
	/* Whole cache lines per set, so a set never shares a line. */
	t->stride = (2 * t->words + ways + 7) & ~7u;
	t->set_mask = sets - 1;
	t->fill_shift = ((ways - 1) % 8) * 8;
	t->fill_low = (1ULL << t->fill_shift) - 1;
	t->fill_keep = ~(t->fill_low | (0xffULL << t->fill_shift));
	for (s = 0; s < ways && s < sizeof(t->fill_move); s++)
		t->fill_move[s] = 0xff;
	t->sets = aligned_alloc(64, (size_t)sets * t->stride *
					    sizeof(*t->sets));
	if (!t->sets)
		return -ENOMEM;
	for (s = 0; s < sets; s++)
		tlb_reset_set(t, t->sets + (size_t)s * t->stride);
	return 0;
}

void tlb_free(struct tlb *t)
{
	free(t->sets);
	t->sets = NULL;
}

/* Invalidate way @w of @set: it moves to the least recent end. */
static void tlb_drop_way(struct tlb *t, uint64_t *set, unsigned int w)
{
	uint64_t *order = set + t->words;
	unsigned int pos = tlb_way_pos(set, t->words, w), i;

	for (i = pos; i + 1 < t->ways; i++)
		tlb_put_byte(order, i, tlb_get_byte(order, i + 1));
	tlb_put_byte(order, t->ways - 1, w);
	tlb_put_byte(set, w, 0);
	tlb_set_keys(t, set)[w] = 0;
}

bool tlb_invalidate(struct tlb *t, uint64_t key)
{
	uint64_t *set = tlb_set(t, key);
	int w = tlb_find_way(set, t->words, key);

	if (w < 0)
		return false;
	tlb_drop_way(t, set, (unsigned int)w);
	t->last_key = 0;
	return true;
}

void tlb_flush(struct tlb *t, uint32_t asid)
{
	size_t nsets = (size_t)t->set_mask + 1, s;
	uint64_t *set, *keys;
	unsigned int w;

	t->last_key = 0;
	for (s = 0; s < nsets; s++) {
		set = t->sets + s * t->stride;
		if (!asid) {
			tlb_reset_set(t, set);
			continue;
		}
		keys = tlb_set_keys(t, set);
		for (w = 0; w < t->ways; w++)
			if (keys[w] &&
			    (keys[w] & ~TLB_DIRTY) >> TLB_ASID_SHIFT == asid)
				tlb_drop_way(t, set, w);
	}
}
