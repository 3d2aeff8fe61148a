// SPDX-License-Identifier: GPL-2.0
/*
 * concat.c - a source playing .dst files one after another, each shifted
 * in time to start just after the previous one ended, optionally the
 * whole list several times: a long workload from short recordings.
 */
#include <errno.h>
#include <string.h>

#include "traces/reader.h"
#include "traces/source.h"

struct concat {
	char **paths;
	unsigned int nr_paths;
	uint64_t rounds;       /* plays of the whole list */
	uint64_t play;	       /* files opened so far */
	struct trace_reader *r; /* the file playing, NULL between files */
	const char *path;      /* its name */
	bool shift_known;      /* its first event gave the shift */
	uint64_t shift;	       /* added to its times */
	uint64_t insns_shift;  /* added to its instruction counts */
	uint64_t last_time;    /* of the last event handed out */
	uint64_t last_insns;
	bool any;	       /* an event was handed out */
};

static void concat_free(struct trace_source *s)
{
	struct concat *c = s->priv;

	trace_reader_close(c->r);
	g_strfreev(c->paths);
	g_free(c);
}

/* Open the next file of the list; false when every play is done. */
static int concat_open_next(struct concat *c, GError **err)
{
	if (c->play >= c->rounds * c->nr_paths)
		return 0;
	c->path = c->paths[c->play % c->nr_paths];
	c->r = trace_reader_open(c->path, err);
	if (!c->r)
		return -EIO;
	c->play++;
	c->shift_known = false;
	return 1;
}

/*
 * The first event of a file: it starts 1 ns after the last event so far
 * (the first file keeps its own times), and instruction counts go on
 * from the last one likewise.
 */
static int concat_set_shift(struct concat *c, const struct trace_event *ev,
			    GError **err)
{
	c->shift_known = true;
	c->shift = 0;
	c->insns_shift = 0;
	if (!c->any)
		return 0;
	if (c->last_time == UINT64_MAX ||
	    c->last_time + 1 - ev->time_ns > UINT64_MAX - ev->time_ns) {
		g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
			    "%s: play %" G_GUINT64_FORMAT ": time overflows "
			    "64-bit nanoseconds", c->path, c->play);
		return -EOVERFLOW;
	}
	c->shift = c->last_time + 1 - ev->time_ns;
	if (c->last_insns >= ev->insns)
		c->insns_shift = c->last_insns - ev->insns;
	return 0;
}

static int concat_next_batch(struct trace_source *s, struct trace_event *evs,
			     int max, GError **err)
{
	struct concat *c = s->priv;
	int n, i, ret;

	for (;;) {
		if (!c->r) {
			ret = concat_open_next(c, err);
			if (ret <= 0)
				return ret;
		}
		n = trace_reader_next_batch(c->r, evs, max, err);
		if (n < 0) {
			g_prefix_error(err, "%s: ", c->path);
			return n;
		}
		if (n > 0)
			break;
		trace_reader_close(c->r);
		c->r = NULL;
	}
	if (!c->shift_known) {
		ret = concat_set_shift(c, &evs[0], err);
		if (ret)
			return ret;
	}
	for (i = 0; i < n; i++) {
		evs[i].time_ns += c->shift;
		evs[i].insns += c->insns_shift;
	}
	c->last_time = evs[n - 1].time_ns;
	c->last_insns = evs[n - 1].insns;
	c->any = true;
	return n;
}

static int concat_next(struct trace_source *s, struct trace_event *ev,
		       GError **err)
{
	return concat_next_batch(s, ev, 1, err);
}

static const struct trace_source_ops concat_ops = {
	.next = concat_next,
	.next_batch = concat_next_batch,
	.free = concat_free,
};

/*
 * Check every file's header before anything plays, so a mismatch is found
 * at once rather than hours into a long copy; the result's header has the
 * first file's fields and the largest CPU and thread counts.
 */
static int concat_headers(struct trace_source *s, struct concat *c,
			  GError **err)
{
	const struct trace_header *h;
	struct trace_reader *r;
	GString *desc = g_string_new("concatenation of ");
	unsigned int i;

	for (i = 0; i < c->nr_paths; i++) {
		r = trace_reader_open(c->paths[i], err);
		if (!r)
			break;
		h = trace_reader_header(r);
		if (!i) {
			trace_header_copy(&s->hdr, h);
		} else if (h->page_size != s->hdr.page_size) {
			g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
				    "%s: page size %u, but %s has %u",
				    c->paths[i], h->page_size, c->paths[0],
				    s->hdr.page_size);
			trace_reader_close(r);
			break;
		}
		s->hdr.nr_cpus = MAX(s->hdr.nr_cpus, h->nr_cpus);
		s->hdr.nr_threads = MAX(s->hdr.nr_threads, h->nr_threads);
		g_string_append_printf(desc, "%s%s", i ? ", " : "",
				       c->paths[i]);
		trace_reader_close(r);
	}
	if (i < c->nr_paths) {
		g_string_free(desc, TRUE);
		return -EINVAL;
	}
	if (c->rounds > 1)
		g_string_append_printf(desc, ", %" G_GUINT64_FORMAT " times",
				       c->rounds);
	g_free(s->hdr.description);
	s->hdr.description = g_string_free(desc, FALSE);
	return 0;
}

struct trace_source *trace_source_new_concat(const char *const *paths,
					     unsigned int nr, uint64_t rounds,
					     GError **err)
{
	struct trace_source *s;
	struct concat *c;

	if (!nr || !rounds) {
		g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
			    "concatenation: %s", nr ? "repeat count is 0"
						    : "no input file");
		return NULL;
	}
	c = g_new0(struct concat, 1);
	c->paths = g_new0(char *, nr + 1);
	for (c->nr_paths = 0; c->nr_paths < nr; c->nr_paths++)
		c->paths[c->nr_paths] = g_strdup(paths[c->nr_paths]);
	c->rounds = rounds;
	s = trace_source_alloc(&concat_ops, c);
	if (concat_headers(s, c, err)) {
		trace_source_free(s);
		return NULL;
	}
	return s;
}
