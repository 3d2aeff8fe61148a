// SPDX-License-Identifier: GPL-2.0
/*
 * traces_util.c - helpers shared by the traces Check suites.
 */
#include <glib/gstdio.h>
#include <string.h>

#include "tests/check_main.h"
#include "tests/traces_util.h"

char *tt_tmpdir(void)
{
	char *d = g_dir_make_tmp("damonsim-traces-XXXXXX", NULL);

	ck_assert_ptr_nonnull(d);
	return d;
}

void tt_rmtree(char *dir)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *n;

	while (d && (n = g_dir_read_name(d))) {
		char *p = g_build_filename(dir, n, NULL);

		g_unlink(p);
		g_free(p);
	}
	if (d)
		g_dir_close(d);
	g_rmdir(dir);
	g_free(dir);
}

char *tt_fixture(const char *name)
{
	return g_build_filename(test_srcdir(), "fixtures", "traces", name,
				NULL);
}

void tt_events_init(struct tt_events *e)
{
	e->evs = g_array_new(FALSE, FALSE, sizeof(struct trace_event));
	e->names = g_string_chunk_new(256);
}

void tt_events_add(struct tt_events *e, const struct trace_event *ev)
{
	struct trace_event c = *ev;

	if (c.name)
		c.name = g_string_chunk_insert(e->names, c.name);
	g_array_append_val(e->evs, c);
}

void tt_events_free(struct tt_events *e)
{
	g_array_free(e->evs, TRUE);
	g_string_chunk_free(e->names);
}

void tt_read_file(const char *path, struct tt_events *out)
{
	GError *err = NULL;
	struct trace_reader *r = trace_reader_open(path, &err);
	struct trace_event ev;
	int ret;

	ck_assert_msg(r, "open: %s", err ? err->message : "");
	tt_events_init(out);
	while ((ret = trace_reader_next(r, &ev, &err)) > 0)
		tt_events_add(out, &ev);
	ck_assert_msg(ret == 0, "read: %s", err ? err->message : "");
	trace_reader_close(r);
}

void tt_drain(struct trace_source *s, struct tt_events *out)
{
	GError *err = NULL;
	struct trace_event ev;
	int ret;

	tt_events_init(out);
	while ((ret = trace_source_next(s, &ev, &err)) > 0)
		tt_events_add(out, &ev);
	ck_assert_msg(ret == 0, "source: %s", err ? err->message : "");
}

void tt_gen(struct tt_events *out, const char *const *kv)
{
	struct trace_gen_params p;
	struct trace_source *s;
	GError *err = NULL;

	trace_gen_params_init(&p);
	for (; *kv; kv++)
		ck_assert_msg(trace_gen_params_set(&p, *kv, &err) == 0,
			      "%s: %s", *kv, err ? err->message : "");
	s = trace_source_new_gen(&p, &err);
	ck_assert_msg(s, "gen: %s", err ? err->message : "");
	tt_drain(s, out);
	trace_source_free(s);
	trace_gen_params_clear(&p);
}

void tt_write(const char *path, const struct trace_header *h,
	      const struct tt_events *e, uint32_t frame_events)
{
	struct trace_writer_opts o = { .frame_events = frame_events };
	GError *err = NULL;
	struct trace_writer *w = trace_writer_open(path, h, &o, &err);
	guint i;

	ck_assert_msg(w, "writer: %s", err ? err->message : "");
	for (i = 0; i < e->evs->len; i++)
		ck_assert_msg(trace_writer_write(w, tt_ev(e, i), &err) == 0,
			      "write %u: %s", i, err ? err->message : "");
	ck_assert_msg(trace_writer_close(w, &err) == 0, "close: %s",
		      err ? err->message : "");
}

void tt_assert_same(const struct trace_event *a, const struct trace_event *b,
		    guint i)
{
	ck_assert_msg(a->type == b->type, "event %u: type %u vs %u", i,
		      a->type, b->type);
	ck_assert_msg(a->time_ns == b->time_ns && a->cpu == b->cpu &&
		      a->tid == b->tid, "event %u: time/cpu/tid differ", i);
	switch (a->type) {
	case TRACE_EV_ACCESS:
		ck_assert_msg(a->addr == b->addr && a->size == b->size &&
			      a->write == b->write && a->insns == b->insns,
			      "event %u: access 0x%lx/%lu/%d/%lu vs "
			      "0x%lx/%lu/%d/%lu", i, (unsigned long)a->addr,
			      (unsigned long)a->size, a->write,
			      (unsigned long)a->insns, (unsigned long)b->addr,
			      (unsigned long)b->size, b->write,
			      (unsigned long)b->insns);
		break;
	case TRACE_EV_MAP:
		ck_assert_msg(a->map_flags == b->map_flags &&
			      a->memcg == b->memcg, "event %u: map flags", i);
		/* fall through */
	case TRACE_EV_UNMAP:
		ck_assert_msg(a->addr == b->addr && a->size == b->size,
			      "event %u: range differs", i);
		break;
	case TRACE_EV_PHASE:
		ck_assert_str_eq(a->name, b->name);
		break;
	}
}

uint8_t *tt_slurp(const char *path, gsize *len)
{
	gchar *data = NULL;

	ck_assert(g_file_get_contents(path, &data, len, NULL));
	return (uint8_t *)data;
}
