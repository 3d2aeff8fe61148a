// SPDX-License-Identifier: GPL-2.0
/*
 * tlb.c - set-associative LRU TLB model: allocation, fills, invalidation
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sim/tlb.h"

int tlb_init(struct tlb *t, unsigned int entries, unsigned int ways)
{
	unsigned int sets;

	memset(t, 0, sizeof(*t));
	if (!ways || ways > 64 || !entries || entries % ways)
		return -EINVAL;
	sets = entries / ways;
	if (sets & (sets - 1))
		return -EINVAL;
	t->ways = ways;
	t->fp_words = (ways + 7) / 8;
	t->set_mask = sets - 1;
	t->keys = calloc(entries, sizeof(*t->keys));
	t->stamps = calloc(entries, sizeof(*t->stamps));
	t->fps = calloc((size_t)sets * t->fp_words, sizeof(*t->fps));
	if (!t->keys || !t->stamps || !t->fps) {
		tlb_free(t);
		return -ENOMEM;
	}
	return 0;
}

void tlb_free(struct tlb *t)
{
	free(t->keys);
	free(t->stamps);
	free(t->fps);
	t->keys = NULL;
	t->stamps = NULL;
	t->fps = NULL;
}

/* Set the fingerprint byte of way @w of set @set. */
static inline void tlb_set_fp(struct tlb *t, size_t set, unsigned int w,
			      uint64_t fp)
{
	uint64_t *word = &t->fps[set * t->fp_words + w / 8];
	unsigned int shift = (w % 8) * 8;

	*word = (*word & ~(0xffULL << shift)) | (fp << shift);
}

uint64_t *tlb_insert(struct tlb *t, uint64_t key)
{
	size_t set = (size_t)(key & t->set_mask);
	uint64_t *keys = t->keys + set * t->ways;
	uint64_t *stamps = t->stamps + set * t->ways;
	unsigned int w, victim = 0;
	uint64_t oldest = UINT64_MAX;

	/* Invalid ways have stamp 0, so the oldest stamp picks them first. */
#pragma GCC unroll 4
	for (w = 0; w < t->ways; w++) {
		victim = stamps[w] < oldest ? w : victim;
		oldest = stamps[w] < oldest ? stamps[w] : oldest;
	}
	keys[victim] = key;
	stamps[victim] = ++t->clock;
	tlb_set_fp(t, set, victim, tlb_fp(key & ~TLB_DIRTY));
	t->last_key = key & ~TLB_DIRTY;
	t->last_slot = &keys[victim];
	return t->last_slot;
}

bool tlb_invalidate(struct tlb *t, uint64_t key)
{
	long i = tlb_find(t, key);

	if (i < 0)
		return false;
	t->keys[i] = 0;
	t->stamps[i] = 0;
	tlb_set_fp(t, i / t->ways, i % t->ways, 0);
	t->last_key = 0;
	return true;
}

void tlb_flush(struct tlb *t, uint32_t asid)
{
	size_t n = ((size_t)t->set_mask + 1) * t->ways, i;

	t->last_key = 0;
	if (!asid) {
		memset(t->keys, 0, n * sizeof(*t->keys));
		memset(t->stamps, 0, n * sizeof(*t->stamps));
		memset(t->fps, 0,
		       ((size_t)t->set_mask + 1) * t->fp_words *
			       sizeof(*t->fps));
		return;
	}
	for (i = 0; i < n; i++) {
		if (!t->keys[i] ||
		    (t->keys[i] & ~TLB_DIRTY) >> TLB_ASID_SHIFT != asid)
			continue;
		t->keys[i] = 0;
		t->stamps[i] = 0;
		tlb_set_fp(t, i / t->ways, i % t->ways, 0);
	}
}
