/* SPDX-License-Identifier: GPL-2.0 */
/*
 * reader.h - streaming reader of .dst trace files.
 */
#ifndef DAMONSIM_TRACES_READER_H
#define DAMONSIM_TRACES_READER_H

#include <stddef.h>

#include "traces/trace.h"

/**
 * struct trace_summary - totals from a trace's end-of-trace index.
 * @nr_frames: number of data frames.
 * @nr_events: number of events.
 * @counts: events per enum trace_event_type.
 * @first_time_ns: time of the first event (0 if none).
 * @last_time_ns: time of the last event (0 if none).
 * @file_size: size of the trace file in bytes.
 */
struct trace_summary {
	uint32_t nr_frames;
	uint64_t nr_events;
	uint64_t counts[TRACE_EV_NR];
	uint64_t first_time_ns;
	uint64_t last_time_ns;
	uint64_t file_size;
};

struct trace_reader;

/**
 * trace_reader_open() - open a trace file for streaming.
 * @path: file name.
 * @err: error location.
 *
 * Reads and checks the header frame and the end-of-trace index; memory use
 * stays bounded by one frame whatever the trace's length.
 *
 * Return: a reader, or NULL with @err set to a one-line message naming
 * @path and the byte offset of the problem.
 */
struct trace_reader *trace_reader_open(const char *path, GError **err);

/**
 * trace_reader_open_mem() - open a trace held in memory.
 * @data: bytes of a .dst file; must stay valid while the reader lives.
 * @len: their number.
 * @name: name used in error messages.
 * @err: error location.
 *
 * Return: a reader, or NULL with @err set.
 */
struct trace_reader *trace_reader_open_mem(const void *data, size_t len,
					   const char *name, GError **err);

/**
 * trace_reader_header() - the trace's header.
 * @r: reader.
 *
 * Return: the header, owned by @r.
 */
const struct trace_header *trace_reader_header(const struct trace_reader *r);

/**
 * trace_reader_summary() - totals from the end-of-trace index.
 * @r: reader.
 *
 * Return: the summary, owned by @r.
 */
const struct trace_summary *trace_reader_summary(const struct trace_reader *r);

/**
 * trace_reader_next() - yield the next event in time order.
 * @r: reader.
 * @ev: filled with the event; ev->name stays valid until the next call.
 * @err: error location.
 *
 * Return: 1 with @ev filled, 0 at the end of the trace, or a negative
 * errno with @err set (corrupt or truncated frame, with its offset).
 */
int trace_reader_next(struct trace_reader *r, struct trace_event *ev,
		      GError **err);

/**
 * trace_reader_next_batch() - yield up to @max next events at once, the
 * fastest way to iterate.
 * @r: reader.
 * @evs: array of at least @max events to fill.
 * @max: capacity of @evs (> 0).
 * @err: error location.
 *
 * Phase names in @evs stay valid until the next call on @r.
 *
 * Return: number of events filled (> 0), 0 at the end of the trace, or a
 * negative errno with @err set.
 */
int trace_reader_next_batch(struct trace_reader *r, struct trace_event *evs,
			    int max, GError **err);

/**
 * trace_reader_seek_frame() - continue reading at the start of a frame.
 * @r: reader.
 * @frame: frame number, below the summary's nr_frames.
 * @err: error location.
 *
 * Return: 0, or a negative errno with @err set.
 */
int trace_reader_seek_frame(struct trace_reader *r, uint32_t frame,
			    GError **err);

/**
 * trace_reader_seek_time() - continue reading at the first event whose
 * time is at least @time_ns.
 * @r: reader.
 * @time_ns: target time.
 * @err: error location.
 *
 * Uses the index to pick a frame, then decodes forward within it.
 *
 * Return: 0 (also when no event is that late: next() then returns 0), or
 * a negative errno with @err set.
 */
int trace_reader_seek_time(struct trace_reader *r, uint64_t time_ns,
			   GError **err);

/**
 * trace_reader_offset() - byte offset of the frame being decoded.
 * @r: reader.
 *
 * Return: the offset, for progress reports.
 */
uint64_t trace_reader_offset(const struct trace_reader *r);

/**
 * trace_reader_close() - free a reader.
 * @r: reader, may be NULL.
 */
void trace_reader_close(struct trace_reader *r);

#endif /* DAMONSIM_TRACES_READER_H */
