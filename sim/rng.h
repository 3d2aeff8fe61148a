/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rng.h - seeded pseudo-random generator (xoshiro256**, seeded by splitmix64)
 *
 * The simulator never uses rand() or GLib's generator: every random choice
 * comes from a generator seeded explicitly, so a run is reproducible.
 */
#ifndef DAMONSIM_SIM_RNG_H
#define DAMONSIM_SIM_RNG_H

#include <stdint.h>

#include "traces/rng.h"

/* The same stream as trace_rng_seed(seed, 0) gives. */
struct sim_rng {
	struct trace_rng t;
};

/**
 * sim_rng_seed() - initialise a generator from a 64-bit seed
 * @rng: generator to initialise
 * @seed: any value; equal seeds give equal streams
 */
void sim_rng_seed(struct sim_rng *rng, uint64_t seed);

/**
 * sim_rng_next() - next 64 random bits
 * @rng: seeded generator
 *
 * Return: the next output of xoshiro256**.
 */
uint64_t sim_rng_next(struct sim_rng *rng);

/**
 * sim_rng_below() - uniform integer in [0, bound)
 * @rng: seeded generator
 * @bound: exclusive upper bound; 0 gives 0
 *
 * Uses Lemire's multiply-shift with rejection so there is no modulo bias.
 *
 * Return: a value in [0, bound).
 */
uint64_t sim_rng_below(struct sim_rng *rng, uint64_t bound);

/**
 * sim_rng_double() - uniform double in [0, 1)
 * @rng: seeded generator
 *
 * Return: 53 random bits scaled to [0, 1).
 */
double sim_rng_double(struct sim_rng *rng);

#endif
