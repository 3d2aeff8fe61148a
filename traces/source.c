// SPDX-License-Identifier: GPL-2.0
/*
 * source.c - the source abstraction and its file and generator kinds.
 */
#include <errno.h>
#include <string.h>

#include "traces/reader.h"
#include "traces/source.h"

struct trace_source *trace_source_alloc(const struct trace_source_ops *ops,
					void *priv)
{
	struct trace_source *s = g_new0(struct trace_source, 1);

	s->ops = ops;
	s->priv = priv;
	trace_header_init(&s->hdr);
	return s;
}

const struct trace_header *trace_source_header(const struct trace_source *s)
{
	return &s->hdr;
}

void trace_source_free(struct trace_source *s)
{
	if (!s)
		return;
	if (s->ops->free)
		s->ops->free(s);
	trace_header_clear(&s->hdr);
	g_free(s);
}

int trace_source_next_batch(struct trace_source *s, struct trace_event *evs,
			    int max, GError **err)
{
	int n = 0, ret;

	if (s->ops->next_batch) {
		ret = s->ops->next_batch(s, evs, max, err);
		if (ret > 0)
			s->nr_events += ret;
		return ret;
	}
	/*
	 * Generators and importers hand out one event at a time, and a phase
	 * name lives only until their next call: stop a batch after one.
	 */
	while (n < max) {
		ret = trace_source_next(s, &evs[n], err);
		if (ret < 0)
			return ret;
		if (!ret)
			break;
		if (evs[n++].type == TRACE_EV_PHASE)
			break;
	}
	return n;
}

static int src_file_next(struct trace_source *s, struct trace_event *ev,
			 GError **err)
{
	return trace_reader_next(s->priv, ev, err);
}

static int src_file_next_batch(struct trace_source *s,
			       struct trace_event *evs, int max, GError **err)
{
	return trace_reader_next_batch(s->priv, evs, max, err);
}

static void src_file_free(struct trace_source *s)
{
	trace_reader_close(s->priv);
}

static const struct trace_source_ops src_file_ops = {
	.next = src_file_next,
	.next_batch = src_file_next_batch,
	.free = src_file_free,
};

struct trace_source *trace_source_open_file(const char *path, GError **err)
{
	struct trace_reader *r = trace_reader_open(path, err);
	struct trace_source *s;

	if (!r)
		return NULL;
	s = trace_source_alloc(&src_file_ops, r);
	trace_header_clear(&s->hdr);
	trace_header_copy(&s->hdr, trace_reader_header(r));
	return s;
}

static int src_gen_next(struct trace_source *s, struct trace_event *ev,
			GError **err)
{
	return trace_gen_next(s->priv, ev);
}

static void src_gen_free(struct trace_source *s)
{
	trace_gen_free(s->priv);
}

static const struct trace_source_ops src_gen_ops = {
	.next = src_gen_next,
	.free = src_gen_free,
};

struct trace_source *trace_source_new_gen(const struct trace_gen_params *p,
					  GError **err)
{
	struct trace_gen *g = trace_gen_new(p, err);
	struct trace_source *s;

	if (!g)
		return NULL;
	s = trace_source_alloc(&src_gen_ops, g);
	trace_header_clear(&s->hdr);
	trace_header_copy(&s->hdr, trace_gen_header(g));
	return s;
}

static struct trace_source *src_spec_gen(const char *list, const char *masim,
					 GError **err)
{
	struct trace_gen_params p;
	struct trace_source *s = NULL;
	char **kv = g_strsplit(list, ",", -1);
	int i, ret = 0;

	trace_gen_params_init(&p);
	if (masim)
		ret = trace_gen_params_set(&p, masim, err);
	for (i = 0; kv[i] && !ret; i++) {
		char *item = g_strstrip(kv[i]);

		if (*item)
			ret = trace_gen_params_set(&p, item, err);
	}
	if (!ret)
		s = trace_source_new_gen(&p, err);
	g_strfreev(kv);
	trace_gen_params_clear(&p);
	return s;
}

struct trace_source *trace_source_open_spec(const char *spec, GError **err)
{
	struct trace_source *s;
	const char *comma;
	size_t len;
	char *m;

	if (g_str_has_prefix(spec, "gen:"))
		return src_spec_gen(spec + 4, NULL, err);
	if (g_str_has_prefix(spec, "masim:")) {
		comma = strchr(spec, ',');
		len = comma ? (size_t)(comma - (spec + 6)) : strlen(spec + 6);
		m = g_strdup_printf("masim=%.*s", (int)len, spec + 6);
		s = src_spec_gen(comma ? comma + 1 : "", m, err);
		g_free(m);
		return s;
	}
	return trace_source_open_file(spec, err);
}
