/* SPDX-License-Identifier: GPL-2.0 */
/*
 * writer.h - streaming writer of .dst trace files.
 */
#ifndef DAMONSIM_TRACES_WRITER_H
#define DAMONSIM_TRACES_WRITER_H

#include "traces/trace.h"

/**
 * struct trace_writer_opts - tuning of a trace writer.
 * @level: zstd compression level (0 means the default, 3).
 * @frame_events: events per frame (0 means 262144); smaller frames seek
 *	finer, larger ones compress slightly better.
 */
struct trace_writer_opts {
	int level;
	uint32_t frame_events;
};

struct trace_writer;

/**
 * trace_writer_open() - start writing a trace.
 * @path: final file name.  Data goes to a temporary name beside it that
 *	trace_writer_close() renames, so a failed or interrupted write never
 *	leaves a file that looks complete.
 * @hdr: header to record; copied.
 * @opts: tuning, or NULL for defaults.
 * @err: error location.
 *
 * Return: a writer, or NULL with @err set.
 */
struct trace_writer *trace_writer_open(const char *path,
				       const struct trace_header *hdr,
				       const struct trace_writer_opts *opts,
				       GError **err);

/**
 * trace_writer_write() - append one event.
 * @w: writer.
 * @ev: event; its time must not be before the previous event's and its cpu
 *	must be below the header's nr_cpus.
 * @err: error location.
 *
 * Return: 0, or a negative errno with @err set (the writer is then only
 * good for trace_writer_abort()).
 */
int trace_writer_write(struct trace_writer *w, const struct trace_event *ev,
		       GError **err);

/**
 * trace_writer_close() - flush, write the end-of-trace index and rename the
 * temporary file to its final name.
 * @w: writer; freed in all cases.
 * @err: error location.
 *
 * Return: 0, or a negative errno with @err set (the temporary file is then
 * removed).
 */
int trace_writer_close(struct trace_writer *w, GError **err);

/**
 * trace_writer_abort() - drop a trace being written and remove its
 * temporary file.
 * @w: writer, may be NULL; freed.
 */
void trace_writer_abort(struct trace_writer *w);

/**
 * trace_writer_bytes() - bytes written to the file so far.
 * @w: writer.
 *
 * Return: the count; after the last frame is flushed it is the file size
 * less the index.
 */
uint64_t trace_writer_bytes(const struct trace_writer *w);

#endif /* DAMONSIM_TRACES_WRITER_H */
