/* SPDX-License-Identifier: GPL-2.0 */
/*
 * report_rng.h - splitmix64, the seeded generator of the report tests and
 * benchmark (same seed, same report streams).
 */
#ifndef DAMONSIM_TESTS_REPORT_RNG_H
#define DAMONSIM_TESTS_REPORT_RNG_H

#include <stdint.h>

static inline uint64_t report_rng_next(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, n); n > 0.  The modulo bias is irrelevant here. */
static inline uint64_t report_rng_below(uint64_t *state, uint64_t n)
{
	return report_rng_next(state) % n;
}

#endif /* DAMONSIM_TESTS_REPORT_RNG_H */
