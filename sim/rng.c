// SPDX-License-Identifier: GPL-2.0
/*
 * rng.c - the simulator's generator: the traces library's xoshiro256**
 * (stream 0), with unbiased bounded integers and doubles on top.
 */
#include "sim/rng.h"

void sim_rng_seed(struct sim_rng *rng, uint64_t seed)
{
	trace_rng_seed(&rng->t, seed, 0);
}

uint64_t sim_rng_next(struct sim_rng *rng)
{
	return trace_rng_next(&rng->t);
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
