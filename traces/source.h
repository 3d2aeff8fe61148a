/* SPDX-License-Identifier: GPL-2.0 */
/*
 * source.h - one interface for every producer of events: a .dst file, a
 * generator running in-process (no file), a masim config, or a lackey or
 * text trace being imported.  The simulator pulls events from a source and
 * does not care which kind it is.
 */
#ifndef DAMONSIM_TRACES_SOURCE_H
#define DAMONSIM_TRACES_SOURCE_H

#include "traces/gen.h"
#include "traces/trace.h"

struct trace_source;

/**
 * struct trace_source_ops - what a kind of source implements.
 * @next: yield the next event: 1, 0 at end, or negative errno with @err.
 * @free: release the source's private state.
 */
struct trace_source_ops {
	int (*next)(struct trace_source *s, struct trace_event *ev,
		    GError **err);
	/* Optional: fill up to @max events; as trace_reader_next_batch(). */
	int (*next_batch)(struct trace_source *s, struct trace_event *evs,
			  int max, GError **err);
	void (*free)(struct trace_source *s);
};

/**
 * struct trace_source - a producer of events in time order.
 * @ops: its implementation.
 * @hdr: header describing the events (owned).
 * @priv: implementation state.
 * @nr_events: events yielded so far.
 */
struct trace_source {
	const struct trace_source_ops *ops;
	struct trace_header hdr;
	void *priv;
	uint64_t nr_events;
};

/**
 * struct trace_lackey_opts - clock model of the lackey importer.
 * @ipc: instructions per cycle (> 0).
 * @freq_ghz: core frequency in GHz (> 0).
 * @ifetch: also emit instruction fetches as read accesses.
 */
struct trace_lackey_opts {
	double ipc;
	double freq_ghz;
	bool ifetch;
};

/**
 * trace_source_open_file() - a source reading a .dst file.
 * @path: file name.
 * @err: error location.
 *
 * Return: the source, or NULL with @err set.
 */
struct trace_source *trace_source_open_file(const char *path, GError **err);

/**
 * trace_source_new_gen() - a source running a generator in-process.
 * @p: generator parameters.
 * @err: error location.
 *
 * Return: the source, or NULL with @err set.
 */
struct trace_source *trace_source_new_gen(const struct trace_gen_params *p,
					  GError **err);

/**
 * trace_source_open_spec() - open a source from a one-string spec, as a
 * scenario file or command line gives it: "gen:KEY=VALUE[,KEY=VALUE...]"
 * runs a generator, "masim:CONFIG[,KEY=VALUE...]" a masim config, and
 * anything else is a .dst file name.
 * @spec: the spec.
 * @err: error location.
 *
 * Return: the source, or NULL with @err set.
 */
struct trace_source *trace_source_open_spec(const char *spec, GError **err);

/**
 * trace_lackey_opts_init() - default clock model (IPC 1, 2 GHz).
 * @o: options.
 */
void trace_lackey_opts_init(struct trace_lackey_opts *o);

/**
 * trace_source_new_lackey() - a source parsing valgrind lackey output.
 * @fd: descriptor to read (closed by trace_source_free()).
 * @name: input name for messages and the header description.
 * @o: clock model, or NULL for defaults.
 * @err: error location.
 *
 * Return: the source, or NULL with @err set.
 */
struct trace_source *trace_source_new_lackey(int fd, const char *name,
					     const struct trace_lackey_opts *o,
					     GError **err);

/**
 * trace_source_new_lackey_mem() - a lackey source over memory.
 * @data: bytes (not copied; must outlive the source).
 * @len: their number.
 * @name: input name.
 * @o: clock model, or NULL for defaults.
 * @err: error location.
 *
 * Return: the source, or NULL with @err set.
 */
struct trace_source *
trace_source_new_lackey_mem(const char *data, size_t len, const char *name,
			    const struct trace_lackey_opts *o, GError **err);

/**
 * trace_source_new_text() - a source parsing the text event format.
 * @fd: descriptor to read (closed by trace_source_free()).
 * @name: input name.
 * @err: error location.
 *
 * Reads the '%' header lines at once, so the header is known on return.
 *
 * Return: the source, or NULL with @err set.
 */
struct trace_source *trace_source_new_text(int fd, const char *name,
					   GError **err);

/**
 * trace_source_new_text_mem() - a text-format source over memory.
 * @data: bytes (not copied; must outlive the source).
 * @len: their number.
 * @name: input name.
 * @err: error location.
 *
 * Return: the source, or NULL with @err set.
 */
struct trace_source *trace_source_new_text_mem(const char *data, size_t len,
					       const char *name, GError **err);

/**
 * trace_source_new_concat() - a source playing .dst files end to end.
 * @paths: the files, in order.
 * @nr: their number (> 0).
 * @rounds: plays of the whole list (> 0).
 * @err: error location.
 *
 * Each file after the first is shifted in time to start 1 ns after the
 * last event so far, instruction counts likewise.  Every header is read
 * first: page sizes must agree; CPU and thread counts are the largest.
 *
 * Return: the source, or NULL with @err set.
 */
struct trace_source *trace_source_new_concat(const char *const *paths,
					     unsigned int nr, uint64_t rounds,
					     GError **err);

/**
 * trace_source_header() - header of the source's events.
 * @s: source.
 *
 * Return: the header, owned by @s.
 */
const struct trace_header *trace_source_header(const struct trace_source *s);

/**
 * trace_source_next() - pull the next event.
 * @s: source.
 * @ev: filled with the event; ev->name valid until the next call.
 * @err: error location.
 *
 * Return: 1 with @ev filled, 0 at the end, or a negative errno with @err
 * set.
 */
static inline int trace_source_next(struct trace_source *s,
				    struct trace_event *ev, GError **err)
{
	int ret = s->ops->next(s, ev, err);

	if (ret > 0)
		s->nr_events++;
	return ret;
}

/**
 * trace_source_next_batch() - pull up to @max next events at once.
 * @s: source.
 * @evs: array of at least @max events.
 * @max: its capacity (> 0).
 * @err: error location.
 *
 * The fast way to consume a trace file (one decode loop per batch instead
 * of one call per event); other sources fill the batch one event at a
 * time.  Phase names stay valid until the next call on @s.
 *
 * Return: events filled (> 0), 0 at the end, or a negative errno with @err
 * set.
 */
int trace_source_next_batch(struct trace_source *s, struct trace_event *evs,
			    int max, GError **err);

/**
 * trace_source_free() - free a source.
 * @s: source, may be NULL.
 */
void trace_source_free(struct trace_source *s);

/**
 * trace_source_alloc() - allocate a source for an implementation.
 * @ops: implementation.
 * @priv: its state.
 *
 * Return: the source, with a default header the caller fills in.
 */
struct trace_source *trace_source_alloc(const struct trace_source_ops *ops,
					void *priv);

#endif /* DAMONSIM_TRACES_SOURCE_H */
