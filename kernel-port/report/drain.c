// SPDX-License-Identifier: GPL-2.0
/*
 * Draining access reports: attribute each report to the region holding its
 * address, over a flat sorted array of the regions' address ranges.  See
 * report.h.
 */
#include "config.h"

#include <linux/kernel.h>

#include "report/report.h"

/**
 * damon_report_ranges_valid() - whether ranges suit the drain
 * @ranges:	Address ranges.
 * @nr:		How many.
 *
 * Return: true when every range is non-empty and each starts at or after
 * the end of the one before (sorted, non-overlapping), as a target's
 * regions always are.
 */
bool damon_report_ranges_valid(const struct damon_report_range *ranges,
			       unsigned int nr)
{
	unsigned int i;

	for (i = 0; i < nr; i++) {
		if (ranges[i].start >= ranges[i].end)
			return false;
		if (i && ranges[i].start < ranges[i - 1].end)
			return false;
	}
	return true;
}

static long damon_report_find_linear(const struct damon_report_range *ranges,
				     unsigned int nr, unsigned long addr)
{
	unsigned int i;

	for (i = 0; i < nr; i++) {
		if (addr < ranges[i].start)
			return -1;
		if (addr < ranges[i].end)
			return i;
	}
	return -1;
}

static long damon_report_find_bsearch(const struct damon_report_range *ranges,
				      unsigned int nr, unsigned long addr)
{
	unsigned int lo = 0, hi = nr;

	/* Find the first range that ends after @addr. */
	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;

		if (ranges[mid].end <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < nr && ranges[lo].start <= addr)
		return lo;
	return -1;
}

/**
 * damon_report_find_range() - the range holding an address
 * @ranges:	Sorted, non-overlapping ranges (damon_report_ranges_valid()).
 * @nr:		How many.
 * @addr:	The address.
 * @lookup:	Linear walk or binary search; both give the same answer.
 *
 * Ranges are half-open: an address equal to a range's end belongs to the
 * next range, if that one starts there.
 *
 * Return: the index of the range holding @addr, or -1 when none does.
 */
long damon_report_find_range(const struct damon_report_range *ranges,
			     unsigned int nr, unsigned long addr,
			     enum damon_report_lookup lookup)
{
	if (lookup == DAMON_REPORT_LOOKUP_BSEARCH)
		return damon_report_find_bsearch(ranges, nr, addr);
	return damon_report_find_linear(ranges, nr, addr);
}

/**
 * damon_report_attribute() - count reports into the regions they hit
 * @reports:	Reports, e.g. from damon_report_buf_collect().
 * @nr_reports:	How many.
 * @ranges:	The regions' ranges, sorted and non-overlapping.
 * @nr_ranges:	How many.
 * @lookup:	How to find each report's range.
 * @filter:	If not NULL, only reports it accepts are attributed.
 * @filter_arg:	Passed to @filter.
 * @hits:	One counter per range; each report adds its @nr_accesses
 *		(at least 1) to the counter of the range holding its
 *		address.  Not reset.
 * @stats:	Counts added to (not reset), so several calls can sum up.
 *
 * A report is attributed by its first address only: an access is one
 * sample, as an accessed-bit check samples one address per region.  A
 * report in no range is counted in @stats->nr_unattributed, never lost
 * silently.  The ops' check_accesses then passes "@hits[i] > 0" for region
 * i where an accessed-bit check passes its result.
 */
void damon_report_attribute(const struct damon_access_report *reports,
			    unsigned int nr_reports,
			    const struct damon_report_range *ranges,
			    unsigned int nr_ranges,
			    enum damon_report_lookup lookup,
			    damon_report_filter_fn filter, void *filter_arg,
			    unsigned int *hits,
			    struct damon_report_drain_stats *stats)
{
	unsigned int i;

	for (i = 0; i < nr_reports; i++) {
		const struct damon_access_report *r = &reports[i];
		long idx;

		stats->nr_reports++;
		if (filter && !filter(r, filter_arg)) {
			stats->nr_filtered++;
			continue;
		}
		idx = damon_report_find_range(ranges, nr_ranges, r->addr,
					      lookup);
		if (idx < 0) {
			stats->nr_unattributed++;
			continue;
		}
		hits[idx] += r->nr_accesses ? r->nr_accesses : 1;
		stats->nr_attributed++;
	}
}

/**
 * damon_report_drain() - take every stored report and attribute it
 * @buf:	The buffer.
 * @ranges:	The regions' ranges, sorted and non-overlapping.
 * @nr_ranges:	How many.
 * @lookup:	How to find each report's range.
 * @filter:	If not NULL, only reports it accepts are attributed.
 * @filter_arg:	Passed to @filter.
 * @hits:	One counter per range, added to.
 * @stats:	Counts added to.
 *
 * damon_report_buf_collect() into the buffer's own scratch array, which
 * holds everything the buffer can, then damon_report_attribute().  For
 * several targets, collect once and attribute once per target instead.
 *
 * Context: kdamond, the buffer's only drainer; may sleep.
 * Return: the number of reports drained.
 */
unsigned int damon_report_drain(struct damon_report_buf *buf,
				const struct damon_report_range *ranges,
				unsigned int nr_ranges,
				enum damon_report_lookup lookup,
				damon_report_filter_fn filter,
				void *filter_arg, unsigned int *hits,
				struct damon_report_drain_stats *stats)
{
	unsigned int n;

	n = damon_report_buf_collect(buf, buf->scratch, buf->scratch_len);
	damon_report_attribute(buf->scratch, n, ranges, nr_ranges, lookup,
			       filter, filter_arg, hits, stats);
	return n;
}
