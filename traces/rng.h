/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rng.h - the traces library's own seeded generator (xoshiro256**, seeded
 * through splitmix64), so one seed gives the same trace on every host.
 */
#ifndef DAMONSIM_TRACES_RNG_H
#define DAMONSIM_TRACES_RNG_H

#include <stdint.h>

/**
 * struct trace_rng - xoshiro256** state.
 * @s: the four state words.
 */
struct trace_rng {
	uint64_t s[4];
};

static inline uint64_t trace_splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/**
 * trace_rng_seed() - seed a generator from a 64-bit seed and a stream id.
 * @r: generator.
 * @seed: user seed.
 * @stream: distinguishes independent streams (e.g. one per CPU).
 */
static inline void trace_rng_seed(struct trace_rng *r, uint64_t seed,
				  uint64_t stream)
{
	uint64_t x = seed ^ (stream * 0xd1342543de82ef95ull);
	int i;

	for (i = 0; i < 4; i++)
		r->s[i] = trace_splitmix64(&x);
}

static inline uint64_t trace_rng_rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

/**
 * trace_rng_next() - next 64 random bits.
 * @r: generator.
 *
 * Return: the bits.
 */
static inline uint64_t trace_rng_next(struct trace_rng *r)
{
	uint64_t *s = r->s;
	uint64_t res = trace_rng_rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = trace_rng_rotl(s[3], 45);
	return res;
}

/**
 * trace_rng_below() - uniform integer in [0, n) (n > 0), by the
 * multiply-high method; its bias is below 2^-32 for n < 2^32 and
 * negligible for the sizes traces use.
 * @r: generator.
 * @n: bound.
 *
 * Return: the integer.
 */
static inline uint64_t trace_rng_below(struct trace_rng *r, uint64_t n)
{
	return (uint64_t)(((unsigned __int128)trace_rng_next(r) * n) >> 64);
}

/**
 * trace_rng_double() - uniform double in [0, 1).
 * @r: generator.
 *
 * Return: the double.
 */
static inline double trace_rng_double(struct trace_rng *r)
{
	return (double)(trace_rng_next(r) >> 11) * 0x1.0p-53;
}

#endif /* DAMONSIM_TRACES_RNG_H */
