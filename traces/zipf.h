/* SPDX-License-Identifier: GPL-2.0 */
/*
 * zipf.h - Zipf sampling in O(1) time and memory, so ranks over the pages
 * of a 1 TiB region need no table.
 */
#ifndef DAMONSIM_TRACES_ZIPF_H
#define DAMONSIM_TRACES_ZIPF_H

#include <stdint.h>

#include "traces/rng.h"

/**
 * struct trace_zipf - precomputed constants of one Zipf distribution.
 * @n: number of ranks.
 * @s: exponent.
 * @h_x1: H(1.5) - 1.
 * @h_n: H(n + 0.5).
 * @clamp: acceptance shortcut of the rejection-inversion method.
 */
struct trace_zipf {
	uint64_t n;
	double s;
	double h_x1;
	double h_n;
	double clamp;
};

/**
 * trace_zipf_init() - prepare sampling ranks 1..n with P(k) ~ k^-s.
 * @z: distribution.
 * @n: number of ranks (>= 1).
 * @s: exponent (> 0).
 */
void trace_zipf_init(struct trace_zipf *z, uint64_t n, double s);

/**
 * trace_zipf_sample() - draw a rank.
 * @z: distribution.
 * @rng: random source.
 *
 * Return: a rank in 1..n.
 */
uint64_t trace_zipf_sample(const struct trace_zipf *z, struct trace_rng *rng);

#endif /* DAMONSIM_TRACES_ZIPF_H */
