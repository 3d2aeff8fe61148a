/* SPDX-License-Identifier: GPL-2.0 */
/*
 * stats.h - summary statistics of an event stream (what `trace info`
 * prints): counts by type, time and address spans, footprint.
 */
#ifndef DAMONSIM_TRACES_STATS_H
#define DAMONSIM_TRACES_STATS_H

#include <stdio.h>

#include "traces/trace.h"

/**
 * struct trace_stats - running statistics.
 * @page_shift: log2 of the page size used for the footprint.
 * @counts: events per type.
 * @writes: write accesses.
 * @first_time: time of the first event.
 * @last_time: time of the last event.
 * @min_addr: lowest accessed address.
 * @max_addr: highest accessed byte + 1.
 * @pages: distinct pages accessed.
 * @chunks: page bitmaps, keyed by page number >> 15 (4 KiB of bits each),
 *	so the footprint of a sparse 1 TiB space costs memory only where
 *	it was touched.
 */
struct trace_stats {
	unsigned int page_shift;
	uint64_t counts[TRACE_EV_NR];
	uint64_t writes;
	uint64_t first_time;
	uint64_t last_time;
	uint64_t min_addr;
	uint64_t max_addr;
	uint64_t pages;
	GHashTable *chunks;
};

/**
 * trace_stats_init() - start statistics.
 * @s: statistics.
 * @page_size: page size (power of 2) for the footprint.
 */
void trace_stats_init(struct trace_stats *s, uint32_t page_size);

/**
 * trace_stats_add() - account one event.
 * @s: statistics.
 * @ev: event.
 */
void trace_stats_add(struct trace_stats *s, const struct trace_event *ev);

/**
 * trace_stats_total() - number of events accounted.
 * @s: statistics.
 *
 * Return: the number.
 */
uint64_t trace_stats_total(const struct trace_stats *s);

/**
 * trace_stats_print() - print the statistics as "key: value" lines.
 * @s: statistics.
 * @f: output.
 * @file_size: size of the trace file, for bytes per event (0: skip).
 */
void trace_stats_print(const struct trace_stats *s, FILE *f,
		       uint64_t file_size);

/**
 * trace_stats_clear() - free the statistics' memory.
 * @s: statistics.
 */
void trace_stats_clear(struct trace_stats *s);

#endif /* DAMONSIM_TRACES_STATS_H */
