// SPDX-License-Identifier: GPL-2.0
/*
 * Seeded randomness.  get_random_*() draw from one splitmix64 stream
 * seeded by kport_seed(); prandom_*() implement the kernel's LFSR113
 * (P. L'Ecuyer, "Tables of maximally equidistributed combined LFSR
 * generators", Math. Comp. 68, 1999) so per-context state behaves alike.
 */
#include <linux/random.h>

#include "hostops.h"

static uint64_t random_state = 0x5eed;

void kport_seed(uint64_t seed)
{
	random_state = seed;
}

/* splitmix64 (Steele, Lea, Flood, OOPSLA 2014): one add, three mixes. */
static uint64_t splitmix64_next(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

u64 get_random_u64(void)
{
	return splitmix64_next(&random_state);
}

u32 get_random_u32(void)
{
	return (u32)(get_random_u64() >> 32);
}

u32 get_random_u32_below(u32 ceil)
{
	u32 limit, r;

	if (ceil <= 1)
		return 0;
	/* Reject the top sliver so every value is equally likely. */
	limit = UINT32_MAX - (UINT32_MAX % ceil);
	do {
		r = get_random_u32();
	} while (r >= limit);
	return r % ceil;
}

/* One LFSR113 component: shift, mask by k, feed back with q and s. */
static u32 lfsr_step(u32 z, u32 mask, int q, int s, int k)
{
	return ((z & mask) << k) ^ (((z << q) ^ z) >> s);
}

u32 prandom_u32_state(struct rnd_state *state)
{
	state->s1 = lfsr_step(state->s1, 4294967294U, 6, 13, 18);
	state->s2 = lfsr_step(state->s2, 4294967288U, 2, 27, 2);
	state->s3 = lfsr_step(state->s3, 4294967280U, 13, 21, 7);
	state->s4 = lfsr_step(state->s4, 4294967168U, 3, 12, 13);
	return state->s1 ^ state->s2 ^ state->s3 ^ state->s4;
}

/* Each component needs its seed above a minimum or it degenerates. */
static u32 seed_at_least(u32 x, u32 min)
{
	return x < min ? x + min : x;
}

void prandom_seed_state(struct rnd_state *state, u64 seed)
{
	u32 i = ((seed >> 32) ^ (seed << 10) ^ seed) & 0xffffffffUL;
	int n;

	state->s1 = seed_at_least(i, 2U);
	state->s2 = seed_at_least(i, 8U);
	state->s3 = seed_at_least(i, 16U);
	state->s4 = seed_at_least(i, 128U);
	/* Warm up so nearby seeds give unrelated streams. */
	for (n = 0; n < 10; n++)
		prandom_u32_state(state);
}

void prandom_bytes_state(struct rnd_state *state, void *buf, size_t nbytes)
{
	u8 *p = buf;

	while (nbytes--)
		*p++ = (u8)prandom_u32_state(state);
}
