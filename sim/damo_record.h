/* SPDX-License-Identifier: GPL-2.0 */
/*
 * damo_record: write (and read back) DAMON monitoring results in the
 * formats `damo report heatmap|wss|access` reads.
 *
 * json_compressed: a zlib stream (not gzip) of a JSON list with one object
 * per monitoring target, holding that target's snapshots of regions (the
 * minimal structure damo v3.3 accepts; docs/outputs.md shows it).
 * perf_script: the text `perf script` prints for damon:damon_aggregated
 * trace events, one line per region.
 *
 * The writer streams: snapshots go out as they are added (the first
 * target's straight into the compressor, others through spool files), so
 * a long run never holds its whole record in memory.  Files are written
 * under a temporary name and renamed by damo_writer_finish().
 */
#ifndef DAMONSIM_SIM_DAMO_RECORD_H
#define DAMONSIM_SIM_DAMO_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

enum damo_format {
	DAMO_FMT_JSON_COMPRESSED,
	DAMO_FMT_PERF_SCRIPT,
};

/**
 * struct damo_region - one DAMON region at the end of an aggregation
 * @start:       first address
 * @end:         address after the last
 * @nr_accesses: samples in which an access was seen (0..aggr/sample)
 * @age:         aggregation intervals the access frequency held
 */
struct damo_region {
	uint64_t start;
	uint64_t end;
	uint32_t nr_accesses;
	uint32_t age;
};

/**
 * struct damo_intervals - DAMON's monitoring intervals, microseconds
 * @sample_us:     sampling interval
 * @aggr_us:       aggregation interval
 * @ops_update_us: operations update interval
 */
struct damo_intervals {
	uint64_t sample_us;
	uint64_t aggr_us;
	uint64_t ops_update_us;
};

/**
 * struct damo_target_info - identity of one record (one target)
 * @kdamond_idx: kdamond index (damonsim: one per side-by-side primitive)
 * @context_idx: context index within the kdamond
 * @target_id:   target id as damo shows it
 * @intervals:   the context's intervals
 */
struct damo_target_info {
	unsigned int kdamond_idx;
	unsigned int context_idx;
	uint64_t target_id;
	struct damo_intervals intervals;
};

struct damo_writer;

struct damo_writer *damo_writer_open(const char *path, enum damo_format fmt,
				     GError **err);
int damo_writer_add_target(struct damo_writer *w,
			   const struct damo_target_info *info,
			   GError **err);
int damo_writer_add_snapshot(struct damo_writer *w, int target,
			     uint64_t start_ns, uint64_t end_ns,
			     const struct damo_region *regions, size_t n,
			     GError **err);
int damo_writer_finish(struct damo_writer *w, GError **err);
void damo_writer_abort(struct damo_writer *w);

/**
 * struct damo_snapshot - regions of one aggregation interval, as read
 * @start_ns: start of the interval
 * @end_ns:   end of the interval
 * @regions:  GArray of struct damo_region
 */
struct damo_snapshot {
	uint64_t start_ns;
	uint64_t end_ns;
	GArray *regions;
};

/**
 * struct damo_target_record - one target's snapshots, as read
 * @info:      identity and intervals (perf_script gives no intervals,
 *             kdamond or context: those read as 0)
 * @snapshots: GPtrArray of struct damo_snapshot *
 */
struct damo_target_record {
	struct damo_target_info info;
	GPtrArray *snapshots;
};

/**
 * struct damo_record - a whole record file, as read
 * @format:  the format it was in
 * @targets: GPtrArray of struct damo_target_record *, in file order
 */
struct damo_record {
	enum damo_format format;
	GPtrArray *targets;
};

struct damo_record *damo_record_read(const char *path, GError **err);
struct damo_record *damo_record_parse(const void *data, size_t len,
				      const char *name, GError **err);
void damo_record_free(struct damo_record *rec);
bool damo_record_equal(const struct damo_record *a,
		       const struct damo_record *b, GString *why);

#endif
