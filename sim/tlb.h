/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tlb.h - one CPU's set-associative TLB with LRU within a set (internal)
 *
 * Each way holds a key: address space id, page size and page number, with
 * bit 63 telling whether the cached translation is already dirty (a store
 * through a clean entry must walk to set D, as on x86); 0 is an invalid
 * way.  LRU is exact: each set keeps its ways in recency order, one byte
 * per way (the way's index), most recent first; invalid ways are always
 * at the least recent end, so a fill takes an invalid way before evicting.
 *
 * Speed: a lookup runs on every simulated access, so each way also has a
 * 1-byte fingerprint of its key (never 0 for a valid way), eight packed
 * per 64-bit word.  A lookup compares the fingerprints of a whole set with
 * a few word operations and checks the full key only where one matches.
 * A set is one contiguous block (fingerprint words, order words, keys):
 * 128 bytes for 12 ways, so a lookup plus a fill touch two cache lines.
 * Recency updates are byte shifts across the order words.  Where SSE2 is
 * there (every x86-64), sets of up to 16 ways compare their fingerprints
 * and shift their order bytes as one 16-byte vector each.
 */
#ifndef DAMONSIM_SIM_TLB_H
#define DAMONSIM_SIM_TLB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __SSE2__
#include <emmintrin.h>
#define TLB_VECTOR 1
#else
#define TLB_VECTOR 0
#endif

#define TLB_DIRTY (1ULL << 63)
#define TLB_HUGE (1ULL << 36)
#define TLB_ASID_SHIFT 37
#define TLB_ASID_MAX ((1u << 26) - 2)
#define TLB_MAX_WAYS 64

struct tlb {
	unsigned int ways;
	unsigned int words;  /* fingerprint (and order) words per set */
	unsigned int stride; /* 64-bit words per set */
	unsigned int set_mask;
	/* Least recent position: its byte in the last order word. */
	unsigned int fill_shift;
	uint64_t fill_low;  /* bytes of that word below it */
	uint64_t fill_keep; /* bytes of that word above it */
	/* Two order words: 0xff in the bytes of positions below ways. */
	uint8_t __attribute__((aligned(16))) fill_move[16];
	/* Per set: fps[words], order[words], keys[ways], padding. */
	uint64_t *sets;
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

static inline uint64_t *tlb_set(const struct tlb *t, uint64_t key)
{
	return t->sets + (size_t)(key & t->set_mask) * t->stride;
}

static inline uint64_t *tlb_set_keys(const struct tlb *t, uint64_t *set)
{
	return set + 2 * t->words;
}

/*
 * The helpers below take the number of fingerprint words per set as
 * @words: the inline entry points pass a constant for the common
 * associativities (up to 16 ways), so the word loops unroll.
 */

/*
 * Make the way at recency position @pos the most recent: positions
 * 0..pos-1 move one place back.  @way is the way index found there.
 */
static inline __attribute__((always_inline)) void
tlb_promote(uint64_t *set, unsigned int words, unsigned int pos, uint64_t way)
{
	uint64_t *order = set + words, carry = way, low, old;
	unsigned int k = pos / 8, i, shift = (pos % 8) * 8;

	/* pos < 8 * words, so k < words: the bound lets the loop unroll. */
	for (i = 0; i + 1 < words && i < k; i++) {
		old = order[i];
		order[i] = (old << 8) | carry;
		carry = old >> 56;
	}
	/* Bytes below the promoted one move up one byte. */
	low = (1ULL << shift) - 1;
	old = order[k];
	order[k] = (old & ~(low | (0xffULL << shift))) | ((old & low) << 8) |
		   carry;
}

/*
 * Bit i set where way i's fingerprint is @fp, for sets of one or two
 * words (up to 16 ways; bytes past the last way are 0, never a
 * fingerprint).
 */
static inline __attribute__((always_inline)) unsigned int
tlb_fp_match_vec(const uint64_t *set, unsigned int words, uint64_t fp)
{
#if TLB_VECTOR
	__m128i v = words == 1 ? _mm_loadl_epi64((const __m128i *)set)
			       : _mm_load_si128((const __m128i *)set);

	return (unsigned int)_mm_movemask_epi8(
		_mm_cmpeq_epi8(v, _mm_set1_epi8((char)fp)));
#else
	return 0;
#endif
}

/*
 * tlb_find_way() - way of @set holding @key (D ignored), or -1; @fp is
 * tlb_fp(@key).
 */
static inline __attribute__((always_inline)) int
tlb_find_way_fp(const uint64_t *set, unsigned int words, uint64_t key,
		uint64_t fp)
{
	const uint64_t *keys = set + 2 * words;
	uint64_t bc = fp * 0x0101010101010101ULL, z;
	unsigned int i, w, m;

	if (TLB_VECTOR && words <= 2) {
		for (m = tlb_fp_match_vec(set, words, fp); m; m &= m - 1) {
			w = __builtin_ctz(m);
			if (!((keys[w] ^ key) << 1)) /* ignore D */
				return (int)w;
		}
		return -1;
	}
	for (i = 0; i < words; i++) {
		z = tlb_zero_bytes(set[i] ^ bc);
		while (z) {
			w = i * 8 + (__builtin_ctzll(z) >> 3);
			if (!((keys[w] ^ key) << 1)) /* ignore D */
				return (int)w;
			z &= z - 1;
		}
	}
	return -1;
}

static inline __attribute__((always_inline)) int
tlb_find_way(const uint64_t *set, unsigned int words, uint64_t key)
{
	return tlb_find_way_fp(set, words, key, tlb_fp(key));
}

/* Recency position of way @w in @set (it is always there). */
static inline __attribute__((always_inline)) unsigned int
tlb_way_pos(const uint64_t *set, unsigned int words, unsigned int w)
{
	const uint64_t *order = set + words;
	uint64_t bc = (uint64_t)w * 0x0101010101010101ULL, z;
	unsigned int i;

	for (i = 0; i + 1 < words; i++) {
		z = tlb_zero_bytes(order[i] ^ bc);
		if (z)
			return i * 8 + (__builtin_ctzll(z) >> 3);
	}
	/* It is always there: in the last word if not before. */
	z = tlb_zero_bytes(order[i] ^ bc);
	return i * 8 + (__builtin_ctzll(z) >> 3);
}

/* Way @w of @set was used: make it the most recent. */
static inline __attribute__((always_inline)) uint64_t *
tlb_use_way(struct tlb *t, uint64_t *set, unsigned int words, int w,
	    uint64_t key)
{
	tlb_promote(set, words, tlb_way_pos(set, words, (unsigned int)w),
		    (uint64_t)w);
	t->last_key = key;
	t->last_slot = set + 2 * words + w;
	return t->last_slot;
}

/*
 * Fill @set with @key (TLB_DIRTY allowed), whose fingerprint is @fp: the
 * least recent way (an invalid one if any) becomes the most recent.  The
 * recency byte of the least recent position is in the last order word at
 * fill_shift.
 */
static inline __attribute__((always_inline)) uint64_t *
tlb_fill_fp(struct tlb *t, uint64_t *set, unsigned int words, uint64_t key,
	    uint64_t fp)
{
	uint64_t *order = set + words, carry, old, victim;
	unsigned int i;

	victim = (order[words - 1] >> t->fill_shift) & 0xff;
	if (TLB_VECTOR && words == 2) {
#if TLB_VECTOR
		/* Positions 0 .. ways - 2 move up one; the victim goes first. */
		__m128i o = _mm_load_si128((const __m128i *)order);
		__m128i move = _mm_load_si128((const __m128i *)t->fill_move);

		o = _mm_or_si128(_mm_andnot_si128(move, o),
				 _mm_and_si128(move, _mm_slli_si128(o, 1)));
		_mm_store_si128((__m128i *)order,
				_mm_or_si128(o, _mm_cvtsi32_si128((int)victim)));
#endif
	} else {
		carry = victim;
		for (i = 0; i + 1 < words; i++) {
			old = order[i];
			order[i] = (old << 8) | carry;
			carry = old >> 56;
		}
		old = order[words - 1];
		order[words - 1] = (old & t->fill_keep) |
				   ((old & t->fill_low) << 8) | carry;
	}
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	((uint8_t *)set)[victim] = (uint8_t)fp; /* byte i of the words: way i */
#else
	set[victim / 8] = (set[victim / 8] & ~(0xffULL << (victim % 8 * 8))) |
			  (fp << (victim % 8 * 8));
#endif
	t->last_key = key & ~TLB_DIRTY;
	t->last_slot = set + 2 * words + victim;
	*t->last_slot = key;
	return t->last_slot;
}

static inline __attribute__((always_inline)) uint64_t *
tlb_fill(struct tlb *t, uint64_t *set, unsigned int words, uint64_t key)
{
	return tlb_fill_fp(t, set, words, key, tlb_fp(key & ~TLB_DIRTY));
}

static inline __attribute__((always_inline)) uint64_t *
tlb_lookup_n(struct tlb *t, uint64_t key, unsigned int words)
{
	uint64_t *set = tlb_set(t, key);
	int w = tlb_find_way(set, words, key);

	return w < 0 ? NULL : tlb_use_way(t, set, words, w, key);
}

static inline __attribute__((always_inline)) uint64_t *
tlb_insert_n(struct tlb *t, uint64_t key, unsigned int words)
{
	return tlb_fill(t, tlb_set(t, key), words, key);
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
	if (t->words == 2)
		return tlb_lookup_n(t, key, 2);
	if (t->words == 1)
		return tlb_lookup_n(t, key, 1);
	return tlb_lookup_n(t, key, t->words);
}

/**
 * tlb_insert() - cache a translation as most recently used
 * @t: TLB
 * @key: tlb_key(), with TLB_DIRTY if the PTE is dirty; must not be cached
 *
 * Takes an invalid way of the set, else evicts the least recently used
 * (both are the last in recency order).
 *
 * Return: pointer to its way.
 */
static inline __attribute__((always_inline)) uint64_t *tlb_insert(struct tlb *t,
								  uint64_t key)
{
	if (t->words == 2)
		return tlb_insert_n(t, key, 2);
	if (t->words == 1)
		return tlb_insert_n(t, key, 1);
	return tlb_insert_n(t, key, t->words);
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
