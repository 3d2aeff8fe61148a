// SPDX-License-Identifier: GPL-2.0
/*
 * Flat sorted snapshots of a DAMON target's regions, the input of the
 * report drain.  See report.h.
 */
#include "config.h"

#include <linux/damon.h>
#include <linux/slab.h>

#include "report/report.h"

/**
 * damon_report_snapshot_target() - copy a target's region ranges
 * @t:		The target.
 * @ranges:	Set to a new array of the regions' ranges, in region order
 *		(sorted, non-overlapping); the caller kfree()s it.  NULL
 *		for a target without regions.
 *
 * Built once per drain, in kdamond, where the regions cannot change under
 * it: index i of the array and of the drain's hits is the target's i-th
 * region in damon_for_each_region() order.
 *
 * Context: kdamond.
 * Return: the number of regions, or -ENOMEM.
 */
int damon_report_snapshot_target(struct damon_target *t,
				 struct damon_report_range **ranges)
{
	unsigned int nr = damon_nr_regions(t), i = 0;
	struct damon_region *r;

	*ranges = NULL;
	if (!nr)
		return 0;
	*ranges = kmalloc_array(nr, sizeof(**ranges), GFP_KERNEL);
	if (!*ranges)
		return -ENOMEM;
	damon_for_each_region(r, t) {
		(*ranges)[i].start = r->ar.start;
		(*ranges)[i].end = r->ar.end;
		i++;
	}
	return nr;
}
