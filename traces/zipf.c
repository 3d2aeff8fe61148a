// SPDX-License-Identifier: GPL-2.0
/*
 * zipf.c - rejection-inversion sampling of the Zipf distribution.
 *
 * Method: W. Hörmann and G. Derflinger, "Rejection-inversion to generate
 * variates from monotone discrete distributions", ACM TOMACS 6(3), 1996.
 * A continuous hat h(x) = x^-s is inverted through its integral H; a
 * candidate rank is accepted when it falls under the discrete mass, which
 * takes about one iteration on average for every s > 0.
 */
#include <math.h>

#include "traces/zipf.h"

/* log1p(x)/x, accurate near 0 */
static double zipf_log1p_ratio(double x)
{
	if (fabs(x) > 1e-8)
		return log1p(x) / x;
	return 1 - x * (0.5 - x * (1.0 / 3 - 0.25 * x));
}

/* expm1(x)/x, accurate near 0 */
static double zipf_expm1_ratio(double x)
{
	if (fabs(x) > 1e-8)
		return expm1(x) / x;
	return 1 + x * 0.5 * (1 + x / 3 * (1 + 0.25 * x));
}

/* H(x) = integral of t^-s from 1 to x; (x^(1-s) - 1) / (1 - s), or ln x */
static double zipf_h_int(double s, double x)
{
	double lx = log(x);

	return zipf_expm1_ratio((1 - s) * lx) * lx;
}

static double zipf_h(double s, double x)
{
	return exp(-s * log(x));
}

static double zipf_h_int_inv(double s, double x)
{
	double t = x * (1 - s);

	if (t < -1)
		t = -1;	/* rounding guard: the exact value is >= -1 */
	return exp(zipf_log1p_ratio(t) * x);
}

void trace_zipf_init(struct trace_zipf *z, uint64_t n, double s)
{
	z->n = n ? n : 1;
	z->s = s;
	z->h_x1 = zipf_h_int(s, 1.5) - 1;
	z->h_n = zipf_h_int(s, (double)z->n + 0.5);
	z->clamp = 2 - zipf_h_int_inv(s, zipf_h_int(s, 2.5) - zipf_h(s, 2));
}

uint64_t trace_zipf_sample(const struct trace_zipf *z, struct trace_rng *rng)
{
	for (;;) {
		double u = z->h_n + trace_rng_double(rng) * (z->h_x1 - z->h_n);
		double x = zipf_h_int_inv(z->s, u);
		double kd = floor(x + 0.5);
		uint64_t k;

		if (kd < 1)
			kd = 1;
		if (kd > (double)z->n)
			kd = (double)z->n;
		k = (uint64_t)kd;
		if (kd - x <= z->clamp ||
		    u >= zipf_h_int(z->s, kd + 0.5) - zipf_h(z->s, kd))
			return k;
	}
}
