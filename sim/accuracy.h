/* SPDX-License-Identifier: GPL-2.0 */
/*
 * accuracy.h - DAMON's reported regions against exact ground truth
 *
 * Definitions are in docs/metrics.md.  Everything is computed with
 * interval arithmetic over (target ranges x regions) plus one visit per
 * page that was accessed in the aggregation, so untouched space costs
 * nothing per page.
 */
#ifndef DAMONSIM_SIM_ACCURACY_H
#define DAMONSIM_SIM_ACCURACY_H

#include <stddef.h>
#include <stdint.h>

#include "sim/machine.h"

#define ACC_DEFAULT_THETA 0.5

/**
 * struct acc_region - one region DAMON reported, [start, end)
 * @nr_accesses: 0..S (larger values are clamped to S)
 */
struct acc_region {
	uint64_t start;
	uint64_t end;
	uint32_t nr_accesses;
};

/**
 * struct acc_result - accuracy of one aggregation (or cumulative)
 * @nr_samples: S used (cumulative: of the last aggregation added)
 * @hot_threshold: hot iff value >= this (max(1, ceil(theta * S)))
 * @total_bytes: bytes of the target's pages
 * @err_weighted: sum over pages of page_bytes * |d - g| / S
 * @freq_error: err_weighted / total_bytes (0 when total_bytes is 0)
 * @hot_true_bytes: bytes with g >= threshold
 * @hot_damon_bytes: bytes with d >= threshold
 * @hot_both_bytes: bytes hot in both
 * @precision: hot_both / hot_damon (1 when hot_damon is 0)
 * @recall: hot_both / hot_true (1 when hot_true is 0)
 * @f1: harmonic mean of precision and recall (0 when both are 0)
 * @wss_true_bytes: bytes with g > 0
 * @wss_damon_bytes: bytes with d > 0
 * @wss_rel_error: (wss_damon - wss_true) / max(wss_true, 4 KiB)
 * @nr_aggregations: 1 for one aggregation; count for cumulative results
 */
struct acc_result {
	uint32_t nr_samples;
	uint32_t hot_threshold;
	uint64_t total_bytes;
	double err_weighted;
	double freq_error;
	uint64_t hot_true_bytes;
	uint64_t hot_damon_bytes;
	uint64_t hot_both_bytes;
	double precision;
	double recall;
	double f1;
	uint64_t wss_true_bytes;
	uint64_t wss_damon_bytes;
	double wss_rel_error;
	uint64_t nr_aggregations;
};

/**
 * struct acc_cumulative - running sums over aggregation intervals
 * @sum: byte sums and err_weighted summed over the aggregations
 * @sum_abs_wss_rel_error: sum of |wss_rel_error| of each aggregation
 */
struct acc_cumulative {
	struct acc_result sum;
	double sum_abs_wss_rel_error;
};

/**
 * accuracy_vaddr() - accuracy for a virtual address space target
 * @as: the target; its pages are those of its VMAs now
 * @regions: DAMON's regions, sorted by start, not overlapping; bounds are
 *	rounded down to 4 KiB
 * @nr_regions: number of regions
 * @nr_samples: S = aggr_us / sample_us (> 0)
 * @theta: hot threshold as a fraction of S, in (0, 1]
 * @out: result
 *
 * g is read from the machine's ground truth of the current (or just
 * ended) aggregation.
 *
 * Return: 0 or -EINVAL (bad S, theta or regions).
 */
int accuracy_vaddr(const struct mach_as *as, const struct acc_region *regions,
		   size_t nr_regions, uint32_t nr_samples, double theta,
		   struct acc_result *out);

/**
 * accuracy_paddr() - accuracy for a physical address space target
 * @m: machine built with cfg.gt_paddr; its pages are all frames of all
 *	nodes
 * @regions: as for accuracy_vaddr(), physical addresses
 * @nr_regions: number of regions
 * @nr_samples: S
 * @theta: hot threshold fraction
 * @out: result
 *
 * Return: 0 or -EINVAL.
 */
int accuracy_paddr(const struct machine *m, const struct acc_region *regions,
		   size_t nr_regions, uint32_t nr_samples, double theta,
		   struct acc_result *out);

/**
 * accuracy_cumulative_init() - empty running sums
 * @c: sums
 */
void accuracy_cumulative_init(struct acc_cumulative *c);

/**
 * accuracy_cumulative_add() - add one aggregation's result
 * @c: sums
 * @r: result of accuracy_vaddr() or accuracy_paddr()
 */
void accuracy_cumulative_add(struct acc_cumulative *c,
			     const struct acc_result *r);

/**
 * accuracy_cumulative_result() - overall figures
 * @c: sums
 * @out: byte-weighted over all aggregations (see docs/metrics.md); its
 *	wss_rel_error is from the summed bytes
 * @mean_abs_wss_rel_error: mean of the per-aggregation |wss_rel_error|,
 *	or NULL
 */
void accuracy_cumulative_result(const struct acc_cumulative *c,
				struct acc_result *out,
				double *mean_abs_wss_rel_error);

#endif
