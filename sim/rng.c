// SPDX-License-Identifier: GPL-2.0
/*
 * rng.c - xoshiro256** (Blackman & Vigna) seeded through splitmix64, written
 * from the published algorithm description.
 */
#include "sim/rng.h"

static uint64_t rng_splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static inline uint64_t rng_rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

void sim_rng_seed(struct sim_rng *rng, uint64_t seed)
{
	uint64_t x = seed;
	int i;

	for (i = 0; i < 4; i++)
		rng->s[i] = rng_splitmix64(&x);
}

uint64_t sim_rng_next(struct sim_rng *rng)
{
	uint64_t *s = rng->s;
	uint64_t result = rng_rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rng_rotl(s[3], 45);
	return result;
}

uint64_t sim_rng_below(struct sim_rng *rng, uint64_t bound)
{
	unsigned __int128 m;
	uint64_t low, threshold;

	if (!bound)
		return 0;
	m = (unsigned __int128)sim_rng_next(rng) * bound;
	low = (uint64_t)m;
	if (low < bound) {
		/* Reject the few values that would bias small outputs. */
		threshold = -bound % bound;
		while (low < threshold) {
			m = (unsigned __int128)sim_rng_next(rng) * bound;
			low = (uint64_t)m;
		}
	}
	return (uint64_t)(m >> 64);
}

double sim_rng_double(struct sim_rng *rng)
{
	return (double)(sim_rng_next(rng) >> 11) * 0x1.0p-53;
}
