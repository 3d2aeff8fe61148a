// SPDX-License-Identifier: GPL-2.0
/*
 * traces_format.c - the .dst format: round trip of every event type,
 * multi-frame files, seeking, determinism and zstd compatibility.
 */
#include <string.h>

#include <glib/gstdio.h>
#include <zstd.h>

#include "tests/traces_util.h"

/* Every event type, CPUs past the in-tag range, changing tids and sizes. */
static void fmt_all_types(struct tt_events *e)
{
	struct trace_event ev;
	uint64_t t = 0;
	int i;

	tt_events_init(e);
	memset(&ev, 0, sizeof(ev));
	ev.type = TRACE_EV_MAP;
	ev.addr = 0x7f0000000000ull;
	ev.size = 1ull << 40;
	ev.memcg = 5;
	ev.tid = 77;
	tt_events_add(e, &ev);
	ev.map_flags = TRACE_MAP_FILE;
	ev.addr = 0x400000;
	ev.size = 8192;
	ev.memcg = 0;
	ev.cpu = 15;
	tt_events_add(e, &ev);
	memset(&ev, 0, sizeof(ev));
	ev.type = TRACE_EV_THREAD_START;
	ev.cpu = 9;
	ev.tid = 4000000000u;
	tt_events_add(e, &ev);
	ev.type = TRACE_EV_PHASE;
	ev.name = "phase with spaces";
	tt_events_add(e, &ev);
	for (i = 0; i < 500; i++) {
		memset(&ev, 0, sizeof(ev));
		ev.type = TRACE_EV_ACCESS;
		t += i % 3 == 0 ? 0 : (uint64_t)i * 1000;
		ev.time_ns = t;
		ev.cpu = (i * 7) % 16;
		ev.tid = 100 + (i / 5) % 4;
		ev.addr = i % 11 == 0 ? (uint64_t)i * 3 + 1 :
			  0x7f0000000000ull + (uint64_t)i * 4096 * (i % 13);
		ev.size = 1u << (i % 7);
		ev.write = i % 4 == 1;
		ev.insns = i % 5 ? (uint64_t)i * 37 : 0;
		tt_events_add(e, &ev);
	}
	memset(&ev, 0, sizeof(ev));
	ev.time_ns = t;
	ev.type = TRACE_EV_UNMAP;
	ev.addr = 0x400000;
	ev.size = 8192;
	tt_events_add(e, &ev);
	ev.type = TRACE_EV_THREAD_EXIT;
	ev.cpu = 9;
	ev.tid = 4000000000u;
	tt_events_add(e, &ev);
	ev.type = TRACE_EV_PHASE;
	ev.time_ns = t + 1;
	ev.name = "";
	tt_events_add(e, &ev);
}

static void fmt_header(struct trace_header *h)
{
	trace_header_init(h);
	h->page_size = 65536;
	h->nr_cpus = 16;
	h->nr_threads = 3;
	h->time_base_ns = 12345;
	h->description = g_strdup("unit test\nsecond line");
}

static void fmt_roundtrip(uint32_t frame_events)
{
	char *dir = tt_tmpdir(), *path = g_build_filename(dir, "a.dst", NULL);
	struct tt_events in, out;
	struct trace_header h;
	struct trace_reader *r;
	guint i;

	fmt_all_types(&in);
	fmt_header(&h);
	tt_write(path, &h, &in, frame_events);
	tt_read_file(path, &out);
	ck_assert_uint_eq(out.evs->len, in.evs->len);
	for (i = 0; i < in.evs->len; i++)
		tt_assert_same(tt_ev(&in, i), tt_ev(&out, i), i);
	r = trace_reader_open(path, NULL);
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(trace_reader_header(r)->page_size, 65536);
	ck_assert_uint_eq(trace_reader_header(r)->nr_cpus, 16);
	ck_assert_uint_eq(trace_reader_header(r)->nr_threads, 3);
	ck_assert_uint_eq(trace_reader_header(r)->time_base_ns, 12345);
	ck_assert_str_eq(trace_reader_header(r)->description,
			 "unit test\nsecond line");
	ck_assert_uint_eq(trace_reader_summary(r)->nr_events, in.evs->len);
	ck_assert_uint_eq(trace_reader_summary(r)->counts[TRACE_EV_ACCESS],
			  500);
	ck_assert_uint_eq(trace_reader_summary(r)->counts[TRACE_EV_PHASE], 2);
	ck_assert_uint_eq(trace_reader_summary(r)->counts[TRACE_EV_MAP], 2);
	ck_assert_uint_eq(trace_reader_summary(r)->nr_frames,
			  (in.evs->len + frame_events - 1) / frame_events);
	trace_reader_close(r);
	trace_header_clear(&h);
	tt_events_free(&in);
	tt_events_free(&out);
	g_free(path);
	tt_rmtree(dir);
}

START_TEST(test_roundtrip_one_frame)
{
	fmt_roundtrip(100000);
}
END_TEST

START_TEST(test_roundtrip_many_frames)
{
	fmt_roundtrip(7);
}
END_TEST

START_TEST(test_batch_matches_next)
{
	char *dir = tt_tmpdir(), *path = g_build_filename(dir, "b.dst", NULL);
	struct tt_events in;
	struct trace_header h;
	struct trace_event evs[13];
	struct trace_reader *r;
	guint seen = 0;
	int n, k;

	fmt_all_types(&in);
	fmt_header(&h);
	tt_write(path, &h, &in, 50);
	r = trace_reader_open(path, NULL);
	while ((n = trace_reader_next_batch(r, evs, 13, NULL)) > 0)
		for (k = 0; k < n; k++, seen++)
			tt_assert_same(tt_ev(&in, seen), &evs[k], seen);
	ck_assert_int_eq(n, 0);
	ck_assert_uint_eq(seen, in.evs->len);
	trace_reader_close(r);
	trace_header_clear(&h);
	tt_events_free(&in);
	g_free(path);
	tt_rmtree(dir);
}
END_TEST

/* 1000 accesses, time = i / 3 * 10 (ties straddle frame boundaries). */
static char *fmt_seek_file(char *dir, struct tt_events *e)
{
	char *path = g_build_filename(dir, "s.dst", NULL);
	struct trace_event ev = { .type = TRACE_EV_ACCESS, .size = 8 };
	struct trace_header h;
	int i;

	tt_events_init(e);
	for (i = 0; i < 1000; i++) {
		ev.time_ns = (uint64_t)(i / 3) * 10;
		ev.addr = 4096 * (uint64_t)i;
		tt_events_add(e, &ev);
	}
	trace_header_init(&h);
	tt_write(path, &h, e, 100);
	trace_header_clear(&h);
	return path;
}

START_TEST(test_seek)
{
	char *dir = tt_tmpdir();
	struct tt_events e;
	char *path = fmt_seek_file(dir, &e);
	struct trace_reader *r = trace_reader_open(path, NULL);
	struct trace_event ev;
	uint64_t targets[] = { 0, 10, 330, 333, 1000, 3320, 3330 };
	unsigned int i, j;

	ck_assert_uint_eq(trace_reader_summary(r)->nr_frames, 10);
	ck_assert_int_eq(trace_reader_seek_frame(r, 3, NULL), 0);
	ck_assert_int_eq(trace_reader_next(r, &ev, NULL), 1);
	tt_assert_same(tt_ev(&e, 300), &ev, 300);
	ck_assert_int_lt(trace_reader_seek_frame(r, 10, NULL), 0);
	for (i = 0; i < G_N_ELEMENTS(targets); i++) {
		/* expected: first event with time >= target */
		for (j = 0; j < e.evs->len && tt_ev(&e, j)->time_ns <
		     targets[i]; j++)
			;
		ck_assert_int_eq(trace_reader_seek_time(r, targets[i], NULL),
				 0);
		if (j == e.evs->len) {
			ck_assert_int_eq(trace_reader_next(r, &ev, NULL), 0);
			continue;
		}
		ck_assert_int_eq(trace_reader_next(r, &ev, NULL), 1);
		tt_assert_same(tt_ev(&e, j), &ev, j);
		/* and the stream continues in order from there */
		ck_assert_int_eq(trace_reader_next(r, &ev, NULL), j + 1 <
				 e.evs->len ? 1 : 0);
		if (j + 1 < e.evs->len)
			tt_assert_same(tt_ev(&e, j + 1), &ev, j + 1);
	}
	trace_reader_close(r);
	tt_events_free(&e);
	g_free(path);
	tt_rmtree(dir);
}
END_TEST

static char *fmt_gen_file(const char *dir, const char *name,
			  const char *seed)
{
	const char *kv[] = { "pattern=zipf", "accesses=20000", "cpus=3",
			     seed, NULL };
	char *path = g_build_filename(dir, name, NULL);
	struct trace_gen_params p;
	struct trace_source *s;
	int i;

	trace_gen_params_init(&p);
	for (i = 0; kv[i]; i++)
		ck_assert_int_eq(trace_gen_params_set(&p, kv[i], NULL), 0);
	s = trace_source_new_gen(&p, NULL);
	ck_assert_int_ge(trace_tool_copy(s, path, NULL, NULL), 0);
	trace_source_free(s);
	trace_gen_params_clear(&p);
	return path;
}

START_TEST(test_deterministic_bytes)
{
	char *dir = tt_tmpdir();
	char *a = fmt_gen_file(dir, "a.dst", "seed=7");
	char *b = fmt_gen_file(dir, "b.dst", "seed=7");
	char *c = fmt_gen_file(dir, "c.dst", "seed=8");
	gsize la, lb, lc;
	uint8_t *da = tt_slurp(a, &la), *db = tt_slurp(b, &lb);
	uint8_t *dc = tt_slurp(c, &lc);

	ck_assert_uint_eq(la, lb);
	ck_assert(memcmp(da, db, la) == 0);
	ck_assert(la != lc || memcmp(da, dc, la) != 0);
	g_free(da);
	g_free(db);
	g_free(dc);
	g_free(a);
	g_free(b);
	g_free(c);
	tt_rmtree(dir);
}
END_TEST

/* What `zstd -d` does: decode every frame, skipping skippable ones. */
START_TEST(test_plain_zstd_decodes)
{
	char *dir = tt_tmpdir();
	char *a = fmt_gen_file(dir, "a.dst", "seed=1");
	gsize len;
	uint8_t *d = tt_slurp(a, &len);
	size_t size = 16u << 20, n;
	uint8_t *out = g_malloc(size);

	n = ZSTD_decompress(out, size, d, len);
	ck_assert_msg(!ZSTD_isError(n), "%s", ZSTD_getErrorName(n));
	ck_assert_uint_gt(n, 20000);
	ck_assert(memcmp(out, "DMSTRACE", 8) == 0);
	g_free(out);
	g_free(d);
	g_free(a);
	tt_rmtree(dir);
}
END_TEST

START_TEST(test_empty_trace)
{
	char *dir = tt_tmpdir(), *path = g_build_filename(dir, "e.dst", NULL);
	struct tt_events e, out;
	struct trace_header h;

	tt_events_init(&e);
	trace_header_init(&h);
	tt_write(path, &h, &e, 0);
	tt_read_file(path, &out);
	ck_assert_uint_eq(out.evs->len, 0);
	trace_header_clear(&h);
	tt_events_free(&e);
	tt_events_free(&out);
	g_free(path);
	tt_rmtree(dir);
}
END_TEST

START_TEST(test_writer_rejects_and_leaves_nothing)
{
	char *dir = tt_tmpdir(), *path = g_build_filename(dir, "w.dst", NULL);
	struct trace_event ev = { .type = TRACE_EV_ACCESS, .size = 8 };
	struct trace_header h;
	struct trace_writer *w;
	GError *err = NULL;
	GDir *d;

	trace_header_init(&h);
	h.nr_cpus = 2;
	w = trace_writer_open(path, &h, NULL, NULL);
	ev.time_ns = 100;
	ck_assert_int_eq(trace_writer_write(w, &ev, NULL), 0);
	ev.time_ns = 99;
	ck_assert_int_lt(trace_writer_write(w, &ev, &err), 0);
	ck_assert_ptr_nonnull(strstr(err->message, "goes back"));
	ck_assert_ptr_nonnull(strstr(err->message, path));
	g_clear_error(&err);
	ck_assert_int_lt(trace_writer_close(w, &err), 0);
	g_clear_error(&err);
	ck_assert(!g_file_test(path, G_FILE_TEST_EXISTS));

	w = trace_writer_open(path, &h, NULL, NULL);
	ev.cpu = 2;
	ck_assert_int_lt(trace_writer_write(w, &ev, &err), 0);
	ck_assert_ptr_nonnull(strstr(err->message, "cpu 2"));
	g_clear_error(&err);
	trace_writer_abort(w);
	d = g_dir_open(dir, 0, NULL);
	ck_assert_ptr_null(g_dir_read_name(d));	/* no temp file left */
	g_dir_close(d);
	trace_header_clear(&h);
	g_free(path);
	tt_rmtree(dir);
}
END_TEST

Suite *suite_traces_format(void)
{
	Suite *s = suite_create("traces_format");
	TCase *tc = tcase_create("format");

	tcase_add_test(tc, test_roundtrip_one_frame);
	tcase_add_test(tc, test_roundtrip_many_frames);
	tcase_add_test(tc, test_batch_matches_next);
	tcase_add_test(tc, test_seek);
	tcase_add_test(tc, test_deterministic_bytes);
	tcase_add_test(tc, test_plain_zstd_decodes);
	tcase_add_test(tc, test_empty_trace);
	tcase_add_test(tc, test_writer_rejects_and_leaves_nothing);
	suite_add_tcase(s, tc);
	return s;
}
