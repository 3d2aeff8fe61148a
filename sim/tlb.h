/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tlb.h - one CPU's set-associative TLB with LRU within a set (internal)
 *
 * Each way holds a key: address space id, page size and page number, with
 * bit 63 telling whether the cached translation is already dirty (a store
 * through a clean entry must walk to set D, as on x86).  Ways of a set are
 * kept in MRU-to-LRU order, invalid ways last, so eviction drops the last.
 */
#ifndef DAMONSIM_SIM_TLB_H
#define DAMONSIM_SIM_TLB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TLB_DIRTY (1ULL << 63)
#define TLB_HUGE (1ULL << 36)
#define TLB_ASID_SHIFT 37
#define TLB_ASID_MAX ((1u << 26) - 2)

struct tlb {
	unsigned int ways;
	unsigned int set_mask;
	uint64_t *keys;	   /* (set_mask + 1) * ways */
	uint64_t last_key; /* key of the MRU way of the last lookup */
	uint64_t *last_slot;
};

/**
 * tlb_key() - key of a translation
 * @asid: address space id (1..TLB_ASID_MAX)
 * @huge: 2 MiB translation; then @pn is the 2 MiB page number
 * @pn: page number
 *
 * Return: a non-zero key without TLB_DIRTY.
 */
static inline uint64_t tlb_key(uint32_t asid, bool huge, uint64_t pn)
{
	return ((uint64_t)asid << TLB_ASID_SHIFT) | (huge ? TLB_HUGE : 0) |
	       (pn & (TLB_HUGE - 1));
}

/**
 * tlb_init() - allocate an empty TLB
 * @t: TLB
 * @entries: total entries
 * @ways: associativity; entries / ways must be a power of two
 *
 * Return: 0, -EINVAL, -ENOMEM.
 */
int tlb_init(struct tlb *t, unsigned int entries, unsigned int ways);

/**
 * tlb_free() - release a TLB
 * @t: TLB
 */
void tlb_free(struct tlb *t);

/**
 * tlb_lookup() - find a translation and make it most recently used
 * @t: TLB
 * @key: tlb_key()
 *
 * Inline because it runs on every simulated access: a scan of one set
 * and, on a hit, a rotation of the ways before it (sets are small).
 *
 * Return: pointer to its way (bit TLB_DIRTY may be set there), or NULL.
 */
static inline uint64_t *tlb_lookup(struct tlb *t, uint64_t key)
{
	uint64_t *set = t->keys + (size_t)(key & t->set_mask) * t->ways;
	unsigned int w, n = t->ways, found = n;
	uint64_t hit;

	/* The set's MRU way: what a stream with some locality hits. */
	if (!((set[0] ^ key) << 1)) {
		t->last_key = key;
		t->last_slot = set;
		return set;
	}
	/*
	 * Scan every way without an early exit: the compiler turns it into
	 * conditional moves, so a random hit position costs no mispredicted
	 * branch (keys are unique within a set).
	 */
#pragma GCC unroll 4
	for (w = 0; w < n; w++)
		found = !((set[w] ^ key) << 1) ? w : found; /* ignore D */
	if (found == n)
		return NULL;
	w = found;
	hit = set[w];
	for (; w > 0; w--)
		set[w] = set[w - 1];
	set[0] = hit;
	t->last_key = key;
	t->last_slot = set;
	return set;
}

/**
 * tlb_insert() - cache a translation as most recently used
 * @t: TLB
 * @key: tlb_key(), with TLB_DIRTY if the PTE is dirty
 *
 * Evicts the least recently used way of the set when full.
 *
 * Return: pointer to its way.
 */
uint64_t *tlb_insert(struct tlb *t, uint64_t key);

/**
 * tlb_invalidate() - drop one translation
 * @t: TLB
 * @key: tlb_key()
 *
 * Return: true if it was cached.
 */
bool tlb_invalidate(struct tlb *t, uint64_t key);

/**
 * tlb_flush() - drop every translation, or those of one address space
 * @t: TLB
 * @asid: address space id, or 0 for all
 */
void tlb_flush(struct tlb *t, uint32_t asid);

#endif
