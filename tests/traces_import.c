// SPDX-License-Identifier: GPL-2.0
/*
 * traces_import.c - lackey and text importers on committed fixtures, the
 * text format in both directions, and recording a real program.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "traces/text.h"
#include "tests/traces_util.h"

static struct trace_source *imp_lackey(const char *name,
				       const struct trace_lackey_opts *o,
				       char **data)
{
	char *f = tt_fixture(name);
	GError *err = NULL;
	struct trace_source *s;
	gsize len;

	ck_assert(g_file_get_contents(f, data, &len, NULL));
	s = trace_source_new_lackey_mem(*data, len, name, o, &err);
	ck_assert_msg(s, "%s", err ? err->message : "");
	g_free(f);
	return s;
}

START_TEST(test_lackey_fixture)
{
	static const struct {
		uint8_t type;
		uint64_t t, addr, size, insns;
		bool write;
	} want[] = {
		{ TRACE_EV_THREAD_START, 1, 0, 0, 0, false },
		{ TRACE_EV_ACCESS, 1, 0x1ffefffa98, 8, 1, true },
		{ TRACE_EV_ACCESS, 3, 0x04032e70, 8, 2, false },
		{ TRACE_EV_ACCESS, 4, 0x04033cb0, 4, 1, true },
		{ TRACE_EV_ACCESS, 5, 0x1ffefffa98, 8, 1, false },
		{ TRACE_EV_THREAD_EXIT, 5, 0, 0, 0, false },
	};
	struct trace_lackey_opts o = { .ipc = 1, .freq_ghz = 1 };
	struct trace_source *s;
	struct tt_events e;
	char *data;
	guint i;

	s = imp_lackey("small.lackey", &o, &data);
	ck_assert_uint_eq(trace_source_header(s)->nr_cpus, 1);
	ck_assert_ptr_nonnull(strstr(trace_source_header(s)->description,
				     "small.lackey"));
	tt_drain(s, &e);
	ck_assert_uint_eq(e.evs->len, G_N_ELEMENTS(want));
	for (i = 0; i < e.evs->len; i++) {
		const struct trace_event *ev = tt_ev(&e, i);

		ck_assert_uint_eq(ev->type, want[i].type);
		ck_assert_uint_eq(ev->time_ns, want[i].t);
		ck_assert_uint_eq(ev->tid, 4242);
		if (ev->type != TRACE_EV_ACCESS)
			continue;
		ck_assert_uint_eq(ev->addr, want[i].addr);
		ck_assert_uint_eq(ev->size, want[i].size);
		ck_assert_uint_eq(ev->insns, want[i].insns);
		ck_assert_int_eq(ev->write, want[i].write);
	}
	trace_source_free(s);
	tt_events_free(&e);
	g_free(data);
}
END_TEST

START_TEST(test_lackey_clock_and_ifetch)
{
	struct trace_lackey_opts o = { .ipc = 2, .freq_ghz = 0.5,
				       .ifetch = true };
	struct trace_source *s;
	struct tt_events e;
	guint i, reads = 0;
	char *data;

	/* ipc 2 at 0.5 GHz: 1 ns per instruction, so time = I count */
	s = imp_lackey("small.lackey", &o, &data);
	tt_drain(s, &e);
	for (i = 0; i < e.evs->len; i++)
		reads += tt_ev(&e, i)->type == TRACE_EV_ACCESS &&
			 !tt_ev(&e, i)->write;
	ck_assert_uint_eq(reads, 2 + 5);	/* L L + five I fetches */
	ck_assert_uint_eq(tt_ev(&e, e.evs->len - 1)->time_ns, 5);
	trace_source_free(s);
	tt_events_free(&e);
	g_free(data);
}
END_TEST

static char *imp_to_text(const struct trace_header *h,
			 const struct tt_events *e, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);
	guint i;

	trace_text_put_header(f, h);
	for (i = 0; i < e->evs->len; i++)
		trace_text_put_event(f, tt_ev(e, i));
	fclose(f);
	return buf;
}

START_TEST(test_text_fixture_roundtrip)
{
	char *f = tt_fixture("small.txt"), *data, *path, *dir = tt_tmpdir();
	char *text1, *text2;
	struct trace_source *s;
	struct tt_events e, back;
	const struct trace_header *h;
	GError *err = NULL;
	size_t l1, l2;
	gsize len;

	ck_assert(g_file_get_contents(f, &data, &len, NULL));
	s = trace_source_new_text_mem(data, len, "small.txt", &err);
	ck_assert_msg(s, "%s", err ? err->message : "");
	h = trace_source_header(s);
	ck_assert_uint_eq(h->nr_cpus, 2);
	ck_assert_uint_eq(h->nr_threads, 2);
	ck_assert_str_eq(h->description, "hand-written fixture\nsecond line");
	tt_drain(s, &e);
	ck_assert_uint_eq(e.evs->len, 12);
	ck_assert_uint_eq(tt_ev(&e, 1)->map_flags, TRACE_MAP_FILE);
	ck_assert_uint_eq(tt_ev(&e, 0)->memcg, 3);
	ck_assert_str_eq(tt_ev(&e, 4)->name, "warm up");
	ck_assert_uint_eq(tt_ev(&e, 6)->insns, 12);
	ck_assert(tt_ev(&e, 6)->write);
	/* text -> .dst -> events -> text: identical text */
	path = g_build_filename(dir, "t.dst", NULL);
	tt_write(path, h, &e, 4);
	tt_read_file(path, &back);
	text1 = imp_to_text(h, &e, &l1);
	text2 = imp_to_text(h, &back, &l2);
	ck_assert_str_eq(text1, text2);
	trace_source_free(s);
	tt_events_free(&e);
	tt_events_free(&back);
	g_free(text1);
	g_free(text2);
	g_free(path);
	g_free(data);
	g_free(f);
	tt_rmtree(dir);
}
END_TEST

/* Generated events (all kinds, 3 CPUs) survive cat -> import text. */
START_TEST(test_text_generated_roundtrip)
{
	char *cfg = tt_fixture("two_phases.masim");
	char *m = g_strdup_printf("masim=%s", cfg);
	const char *kv[] = { m, "rate=20k", "cpus=3", NULL };
	struct trace_gen_params p;
	struct trace_source *s, *t;
	struct tt_events e, back;
	GError *err = NULL;
	char *text;
	size_t len;
	guint i;

	trace_gen_params_init(&p);
	for (i = 0; kv[i]; i++)
		trace_gen_params_set(&p, kv[i], NULL);
	s = trace_source_new_gen(&p, NULL);
	tt_drain(s, &e);
	text = imp_to_text(trace_source_header(s), &e, &len);
	t = trace_source_new_text_mem(text, len, "gen.txt", &err);
	ck_assert_msg(t, "%s", err ? err->message : "");
	ck_assert_str_eq(trace_source_header(t)->description,
			 trace_source_header(s)->description);
	tt_drain(t, &back);
	ck_assert_uint_eq(back.evs->len, e.evs->len);
	for (i = 0; i < e.evs->len; i++)
		tt_assert_same(tt_ev(&e, i), tt_ev(&back, i), i);
	trace_source_free(s);
	trace_source_free(t);
	tt_events_free(&e);
	tt_events_free(&back);
	trace_gen_params_clear(&p);
	g_free(text);
	g_free(m);
	g_free(cfg);
}
END_TEST

/* `damonsim trace record` on a real program, when valgrind is here. */
START_TEST(test_record_real_program)
{
	char *dir = tt_tmpdir(), *out = g_build_filename(dir, "r.dst", NULL);
	char *argv[] = { "record", "-o", out, "--", "/bin/true", NULL };
	struct tt_events e;
	guint i, acc = 0;

	if (!*VALGRIND_PATH) {
		g_free(out);
		tt_rmtree(dir);
		return;
	}
	ck_assert_int_eq(trace_tool_record(5, argv), 0);
	tt_read_file(out, &e);
	for (i = 0; i < e.evs->len; i++)
		acc += tt_ev(&e, i)->type == TRACE_EV_ACCESS;
	ck_assert_uint_gt(acc, 1000);
	ck_assert_uint_eq(tt_ev(&e, 0)->type, TRACE_EV_THREAD_START);
	ck_assert_uint_eq(tt_ev(&e, e.evs->len - 1)->type,
			  TRACE_EV_THREAD_EXIT);
	tt_events_free(&e);
	g_free(out);
	tt_rmtree(dir);
}
END_TEST

/* A command valgrind cannot start leaves no empty trace behind. */
START_TEST(test_record_missing_program)
{
	char *dir = tt_tmpdir(), *out = g_build_filename(dir, "r.dst", NULL);
	char *argv[] = { "record", "-o", out, "--", "/nonexistent/prog",
			 NULL };

	if (!*VALGRIND_PATH) {
		g_free(out);
		tt_rmtree(dir);
		return;
	}
	ck_assert_int_ne(trace_tool_record(5, argv), 0);
	ck_assert(!g_file_test(out, G_FILE_TEST_EXISTS));
	g_free(out);
	tt_rmtree(dir);
}
END_TEST

Suite *suite_traces_import(void)
{
	Suite *s = suite_create("traces_import");
	TCase *tc = tcase_create("import");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_lackey_fixture);
	tcase_add_test(tc, test_lackey_clock_and_ifetch);
	tcase_add_test(tc, test_text_fixture_roundtrip);
	tcase_add_test(tc, test_text_generated_roundtrip);
	tcase_add_test(tc, test_record_real_program);
	tcase_add_test(tc, test_record_missing_program);
	suite_add_tcase(s, tc);
	return s;
}
