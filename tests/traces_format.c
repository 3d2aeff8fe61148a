// SPDX-License-Identifier: GPL-2.0
/*
 * traces_format.c - the .dst format: round trip of every event type,
 * multi-frame files, seeking, determinism and zstd compatibility.
 */
#include <string.h>

#include <glib/gstdio.h>
#include <zstd.h>

#include "traces/codec.h"
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

/*
 * Address encoding (frame header byte 18) and width (byte 19) of each
 * data frame of @path, in order: "mode/width" strings joined by spaces.
 */
static char *fmt_frame_modes(const char *path)
{
	gsize len, off, n;
	uint8_t *d = tt_slurp(path, &len), *out;
	GString *s = g_string_new(NULL);
	unsigned long long fcs;
	int frame = 0;

	for (off = 0; off < len; off += n, frame++) {
		n = ZSTD_findFrameCompressedSize(d + off, len - off);
		ck_assert(!ZSTD_isError(n));
		if (dst_le32(d + off) == DST_SKIP_MAGIC)
			continue;
		fcs = ZSTD_getFrameContentSize(d + off, n);
		out = g_malloc(fcs + 1);
		ck_assert_uint_eq(ZSTD_decompress(out, fcs, d + off, n), fcs);
		if (frame > 0)
			g_string_append_printf(s, "%s%u/%u", s->len ? " " : "",
					       out[18], out[19]);
		g_free(out);
	}
	g_free(d);
	return g_string_free(s, FALSE);
}

/* splitmix64: random-looking addresses without a shared generator */
static uint64_t fmt_mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ull;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

/* @n accesses at addr(i), random writes, on @cpus CPUs in turn. */
static void fmt_accesses(struct tt_events *e, int n, unsigned int cpus,
			 uint64_t (*addr)(int i))
{
	struct trace_event ev = { .type = TRACE_EV_ACCESS, .size = 8 };
	int i;

	tt_events_init(e);
	for (i = 0; i < n; i++) {
		/* time deltas of 1 and 2 varint bytes */
		ev.time_ns += i % 5 ? 100 : 300;
		ev.cpu = i % cpus;
		ev.tid = ev.cpu + 1;
		ev.write = fmt_mix(~(uint64_t)i) & 1;
		ev.addr = addr(i);
		tt_events_add(e, &ev);
	}
}

/* random 64-byte lines of 1 GiB: packed base + offset, 24 + 1 bits */
static uint64_t fmt_addr_random(int i)
{
	return 0x7f0000000000ull + (fmt_mix(i) & ((1ull << 30) - 64));
}

/*
 * a random walk forward in small steps from near 0 over a wide range:
 * packed delta (a constant step would favour varints, which then
 * compress to nothing)
 */
static uint64_t fmt_addr_walk(int i)
{
	static uint64_t a;

	if (i == 0)
		a = 0;
	a += (fmt_mix(i) % 64) * 64;
	return a;
}

/* a scan far from 0 with a constant step: varint delta */
static uint64_t fmt_addr_scan(int i)
{
	return 0x7f0000000000ull + (uint64_t)i * 64;
}

/* a scan far from 0, few accesses: the varint delta is smallest */
static uint64_t fmt_addr_scan_high(int i)
{
	return 0x7f0000000000ull + (uint64_t)i * 64;
}

/* addresses that span all 64 bits: no packed width fits, varint */
static uint64_t fmt_addr_wide(int i)
{
	return i % 2 ? ~0ull - (uint64_t)i : (uint64_t)i;
}

/* a width above 56 bits: values straddle 9 bytes */
static uint64_t fmt_addr_57(int i)
{
	return (fmt_mix(i) >> 7) | (i % 7 == 0 ? 1ull << 56 : 0);
}

static void fmt_check_mode(uint64_t (*addr)(int i), int n, unsigned int cpus,
			   uint32_t frame_events, const char *want)
{
	char *dir = tt_tmpdir(), *path = g_build_filename(dir, "m.dst", NULL);
	struct tt_events in, out;
	struct trace_header h;
	struct trace_event evs[37];
	struct trace_reader *r;
	char *modes;
	guint i, seen = 0;
	int k, j;

	fmt_accesses(&in, n, cpus, addr);
	trace_header_init(&h);
	h.nr_cpus = cpus;
	tt_write(path, &h, &in, frame_events);
	modes = fmt_frame_modes(path);
	ck_assert_msg(g_str_has_prefix(modes, want), "modes '%s', want '%s'",
		      modes, want);
	tt_read_file(path, &out);
	ck_assert_uint_eq(out.evs->len, in.evs->len);
	for (i = 0; i < in.evs->len; i++)
		tt_assert_same(tt_ev(&in, i), tt_ev(&out, i), i);
	/* the batch API's fast loops give the same events */
	r = trace_reader_open(path, NULL);
	while ((k = trace_reader_next_batch(r, evs, 37, NULL)) > 0)
		for (j = 0; j < k; j++, seen++)
			tt_assert_same(tt_ev(&in, seen), &evs[j], seen);
	ck_assert_int_eq(k, 0);
	ck_assert_uint_eq(seen, in.evs->len);
	trace_reader_close(r);
	trace_header_clear(&h);
	tt_events_free(&in);
	tt_events_free(&out);
	g_free(modes);
	g_free(path);
	tt_rmtree(dir);
}

/* Each address encoding is chosen where it is smallest and round-trips. */
START_TEST(test_addr_encodings)
{
	fmt_check_mode(fmt_addr_random, 5000, 1, 0, "2/25");
	fmt_check_mode(fmt_addr_random, 5000, 3, 1000, "2/25 2/25");
	fmt_check_mode(fmt_addr_random, 5000, 12, 0, "2/25");
	fmt_check_mode(fmt_addr_walk, 5000, 1, 0, "1/8");
	fmt_check_mode(fmt_addr_walk, 5000, 9, 0, "1/");
	fmt_check_mode(fmt_addr_scan, 50000, 1, 0, "0/0");
	fmt_check_mode(fmt_addr_scan_high, 500, 1, 0, "0/0");
	fmt_check_mode(fmt_addr_scan_high, 500, 8, 0, "0/0");
	fmt_check_mode(fmt_addr_wide, 500, 2, 0, "0/0");
	fmt_check_mode(fmt_addr_57, 3000, 1, 0, "2/58");
}
END_TEST

/* Writers write the newest format. */
START_TEST(test_writes_current_version)
{
	char *dir = tt_tmpdir(), *path = g_build_filename(dir, "v.dst", NULL);
	struct tt_events in;
	struct trace_header h;
	struct trace_reader *r;

	fmt_accesses(&in, 10, 1, fmt_addr_random);
	trace_header_init(&h);
	tt_write(path, &h, &in, 0);
	r = trace_reader_open(path, NULL);
	ck_assert_uint_eq(trace_reader_header(r)->version_major, 2);
	ck_assert_uint_eq(trace_reader_header(r)->version_minor, 0);
	trace_reader_close(r);
	trace_header_clear(&h);
	tt_events_free(&in);
	g_free(path);
	tt_rmtree(dir);
}
END_TEST

/*
 * Files written in format 1.0 (by the writer before 2.0; the generator
 * is unchanged) still read, event for event.
 */
static void fmt_check_v1(const char *name, const char *const *kv)
{
	char *path = tt_fixture(name);
	struct tt_events want, got;
	struct trace_reader *r;
	guint i;

	r = trace_reader_open(path, NULL);
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(trace_reader_header(r)->version_major, 1);
	trace_reader_close(r);
	tt_gen(&want, kv);
	tt_read_file(path, &got);
	ck_assert_uint_eq(got.evs->len, want.evs->len);
	for (i = 0; i < want.evs->len; i++)
		tt_assert_same(tt_ev(&want, i), tt_ev(&got, i), i);
	tt_events_free(&want);
	tt_events_free(&got);
	g_free(path);
}

START_TEST(test_reads_v1)
{
	static const char *const seq[] = {
		"pattern=seq", "threads=3", "accesses=200", NULL,
	};
	static const char *const uni[] = {
		"pattern=uniform", "cpus=9", "threads=9", "accesses=300", NULL,
	};

	fmt_check_v1("v1-seq.dst", seq);
	fmt_check_v1("v1-uniform9.dst", uni);
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
	tcase_add_test(tc, test_addr_encodings);
	tcase_add_test(tc, test_writes_current_version);
	tcase_add_test(tc, test_reads_v1);
	suite_add_tcase(s, tc);
	return s;
}
