/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tlb.h - one CPU's set-associative TLB with LRU within a set (internal)
 *
 * Each way holds a key: address space id, page size and page number, with
 * bit 63 telling whether the cached translation is already dirty (a store
 * through a clean entry must walk to set D, as on x86); 0 is an invalid
 * way.  LRU is exact: every use stamps the way with a per-TLB clock (an
 * invalid way has stamp 0) and eviction takes the smallest stamp.
 *
 * Speed: a lookup runs on every simulated access, so each way also has a
 * 1-byte fingerprint of its key (never 0 for a valid way), eight packed
 * per 64-bit word.  A lookup compares the fingerprints of a whole set with
 * a few word operations and checks the full key only where one matches.
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
	unsigned int fp_words; /* fingerprint words per set: ways / 8 up */
	unsigned int set_mask;
	uint64_t *keys;	  /* (set_mask + 1) * ways */
	uint64_t *stamps; /* last use of each way, 0 if invalid */
	uint64_t *fps;	  /* (set_mask + 1) * fp_words */
	uint64_t clock;
	uint64_t last_key; /* key of the way used last, 0 if unknown */
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

/* Fingerprint of a key (without TLB_DIRTY): 0x80..0xff, never 0. */
static inline uint64_t tlb_fp(uint64_t key)
{
	return ((key * 0x9e3779b97f4a7c15ULL) >> 57) | 0x80;
}

/* High bit set in each byte of @v that is zero, exactly. */
static inline uint64_t tlb_zero_bytes(uint64_t v)
{
	const uint64_t low7 = 0x7f7f7f7f7f7f7f7fULL;

	return ~(((v & low7) + low7) | v | low7);
}

/**
 * tlb_find() - way holding a translation, without touching LRU state
 * @t: TLB
 * @key: tlb_key()
 *
 * Return: index of the way in t->keys, or -1.
 */
static inline __attribute__((always_inline)) long tlb_find(const struct tlb *t,
							   uint64_t key)
{
	size_t set = (size_t)(key & t->set_mask);
	const uint64_t *fw = t->fps + set * t->fp_words;
	const uint64_t *keys = t->keys + set * t->ways;
	uint64_t bc = tlb_fp(key) * 0x0101010101010101ULL, z;
	unsigned int i, w;

	for (i = 0; i < t->fp_words; i++) {
		z = tlb_zero_bytes(fw[i] ^ bc);
		while (z) {
			w = i * 8 + (__builtin_ctzll(z) >> 3);
			if (!((keys[w] ^ key) << 1)) /* ignore D */
				return (long)(set * t->ways + w);
			z &= z - 1;
		}
	}
	return -1;
}

/**
 * tlb_lookup() - find a translation and make it most recently used
 * @t: TLB
 * @key: tlb_key()
 *
 * Return: pointer to its way (bit TLB_DIRTY may be set there), or NULL.
 */
static inline __attribute__((always_inline)) uint64_t *tlb_lookup(struct tlb *t,
								  uint64_t key)
{
	long i = tlb_find(t, key);

	if (i < 0)
		return NULL;
	t->stamps[i] = ++t->clock;
	t->last_key = key;
	t->last_slot = &t->keys[i];
	return t->last_slot;
}

/**
 * tlb_init() - allocate an empty TLB
 * @t: TLB
 * @entries: total entries
 * @ways: associativity (1..64); entries / ways must be a power of two
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
 * tlb_insert() - cache a translation as most recently used
 * @t: TLB
 * @key: tlb_key(), with TLB_DIRTY if the PTE is dirty; must not be cached
 *
 * Takes an invalid way of the set, else evicts the least recently used.
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
