// SPDX-License-Identifier: GPL-2.0
/*
 * traces_bad.c - bad input: truncated files, corrupt frames, wrong magic,
 * newer major versions, absurd sizes, malformed masim/lackey/text lines.
 * Each must give a one-line error naming the input and the offset or
 * line, never a crash, and never leave a complete-looking output.
 */
#include <string.h>

#include <glib/gstdio.h>
#include <zstd.h>

#include "traces/codec.h"
#include "tests/traces_util.h"

static char *bad_make_trace(const char *dir)
{
	const char *kv[] = { "pattern=uniform", "accesses=3000", "cpus=2",
			     NULL };
	char *path = g_build_filename(dir, "good.dst", NULL);
	struct trace_writer_opts o = { .frame_events = 500 };
	struct trace_gen_params p;
	struct trace_source *s;
	int i;

	trace_gen_params_init(&p);
	for (i = 0; kv[i]; i++)
		trace_gen_params_set(&p, kv[i], NULL);
	s = trace_source_new_gen(&p, NULL);
	ck_assert_int_ge(trace_tool_copy(s, path, &o, NULL), 0);
	trace_source_free(s);
	return path;
}

/* Read @data as a trace; return the error message (or NULL if valid). */
static char *bad_read(const uint8_t *data, size_t len, const char *name)
{
	struct trace_reader *r;
	struct trace_event ev;
	GError *err = NULL;
	char *msg;
	int ret;

	r = trace_reader_open_mem(data, len, name, &err);
	if (r) {
		while ((ret = trace_reader_next(r, &ev, &err)) > 0)
			;
		trace_reader_close(r);
		if (!ret)
			return NULL;
	}
	ck_assert_ptr_nonnull(err);
	msg = g_strdup(err->message);
	g_error_free(err);
	ck_assert_ptr_null(strchr(msg, '\n'));
	ck_assert_msg(g_str_has_prefix(msg, name), "'%s' lacks file", msg);
	return msg;
}

static void bad_expect(const uint8_t *data, size_t len, const char *what)
{
	char *msg = bad_read(data, len, "x.dst");

	ck_assert_msg(msg, "accepted bad input (%s)", what);
	ck_assert_msg(strstr(msg, "offset"), "'%s' lacks offset", msg);
	ck_assert_msg(strstr(msg, what), "'%s' lacks '%s'", msg, what);
	g_free(msg);
}

START_TEST(test_truncated)
{
	char *dir = tt_tmpdir(), *path = bad_make_trace(dir);
	gsize len, cut;
	uint8_t *d = tt_slurp(path, &len);
	char *msg;

	ck_assert_ptr_null(bad_read(d, len, "x.dst"));
	/* every cut point must fail cleanly; sample densely */
	for (cut = 0; cut < len; cut += cut < 200 ? 1 : 97) {
		msg = bad_read(d, cut, "x.dst");
		ck_assert_msg(msg, "truncation at %zu accepted", cut);
		ck_assert_msg(strstr(msg, "offset"), "%s", msg);
		g_free(msg);
	}
	bad_expect(d, len - 1, "truncated");
	g_free(d);
	g_free(path);
	tt_rmtree(dir);
}
END_TEST

static void bad_events(const uint8_t *d, size_t len, struct tt_events *out)
{
	struct trace_reader *r = trace_reader_open_mem(d, len, "x.dst", NULL);
	struct trace_event ev;

	tt_events_init(out);
	ck_assert_ptr_nonnull(r);
	while (trace_reader_next(r, &ev, NULL) > 0)
		tt_events_add(out, &ev);
	trace_reader_close(r);
}

/*
 * Flip bytes all over the data frames and the index: each flip must be
 * reported, or (when it hits a field that does not change the data, such
 * as a zstd window size) yield exactly the original events.
 */
START_TEST(test_corrupt_frames)
{
	char *dir = tt_tmpdir(), *path = bad_make_trace(dir);
	gsize len, pos;
	uint8_t *d = tt_slurp(path, &len);
	struct tt_events orig, got;
	unsigned int caught = 0;
	char *msg;
	guint i;

	bad_events(d, len, &orig);
	for (pos = 0; pos < len; pos += 7) {
		d[pos] ^= 0x5a;
		msg = bad_read(d, len, "x.dst");
		if (msg) {
			ck_assert_msg(strstr(msg, "offset"), "%s", msg);
			caught++;
			g_free(msg);
		} else {
			bad_events(d, len, &got);
			ck_assert_uint_eq(got.evs->len, orig.evs->len);
			for (i = 0; i < got.evs->len; i++)
				tt_assert_same(tt_ev(&orig, i), tt_ev(&got, i),
					       i);
			tt_events_free(&got);
		}
		d[pos] ^= 0x5a;
	}
	ck_assert_uint_gt(caught, len / 7 * 9 / 10);
	tt_events_free(&orig);
	g_free(d);
	g_free(path);
	tt_rmtree(dir);
}
END_TEST

START_TEST(test_wrong_magic)
{
	static const uint8_t text[] = "hello, this is not a trace at all\n";
	uint8_t zframe[256];
	size_t n;

	bad_expect(text, sizeof(text), "wrong magic");
	bad_expect(text, 2, "wrong magic");
	bad_expect(text, 0, "wrong magic");
	/* a valid zstd frame that is not a damonsim header */
	n = ZSTD_compress(zframe, sizeof(zframe), text, sizeof(text), 1);
	ck_assert(!ZSTD_isError(n));
	bad_expect(zframe, n, "");
}
END_TEST

/* A header frame with chosen fields, compressed with a checksum. */
static size_t bad_header(uint8_t *out, size_t cap, uint16_t major,
			 uint32_t page, uint32_t cpus, uint32_t dlen,
			 bool checksum)
{
	uint8_t p[DST_HDR_FIXED + 16] = { 0 };
	ZSTD_CCtx *c = ZSTD_createCCtx();
	size_t n;

	memcpy(p, DST_MAGIC, 8);
	p[8] = major;
	dst_put_le32(p + 12, sizeof(p));
	dst_put_le32(p + 16, page);
	dst_put_le32(p + 20, cpus);
	dst_put_le32(p + 40, dlen);
	ZSTD_CCtx_setParameter(c, ZSTD_c_checksumFlag, checksum);
	n = ZSTD_compress2(c, out, cap, p, sizeof(p));
	ck_assert(!ZSTD_isError(n));
	ZSTD_freeCCtx(c);
	return n;
}

START_TEST(test_newer_major)
{
	uint8_t buf[512];
	size_t n = bad_header(buf, sizeof(buf), 3, 4096, 1, 0, true);

	bad_expect(buf, n, "version 3.0 not supported");
}
END_TEST

START_TEST(test_absurd_sizes)
{
	uint8_t buf[512], *big, *z;
	size_t n, zn;

	n = bad_header(buf, sizeof(buf), 1, 4096, 1000000, 0, true);
	bad_expect(buf, n, "nr_cpus 1000000 out of range");
	n = bad_header(buf, sizeof(buf), 1, 4096, 1, 0x7fffffff, true);
	bad_expect(buf, n, "corrupt header lengths");
	n = bad_header(buf, sizeof(buf), 1, 3, 1, 0, true);
	bad_expect(buf, n, "page size 3");
	n = bad_header(buf, sizeof(buf), 1, 4096, 1, 0, false);
	bad_expect(buf, n, "no checksum");
	/* a header frame claiming far more content than a header can have */
	big = g_malloc0(1 << 20);
	memcpy(big, DST_MAGIC, 8);
	zn = ZSTD_compressBound(1 << 20);
	z = g_malloc(zn);
	zn = ZSTD_compress(z, zn, big, 1 << 20, 1);
	bad_expect(z, zn, "content size");
	g_free(big);
	g_free(z);
}
END_TEST

/*
 * A single-frame trace whose data payload, decompressed into *payload,
 * can be edited and put back with bad_refr().
 */
struct bad_frame {
	uint8_t *file;
	gsize len;
	size_t hdr_len, frame_len;	/* compressed header and data frame */
	uint8_t *payload;
	size_t plen;
};

static void bad_frame_load(struct bad_frame *b, const char *pattern,
			   const char *cpus)
{
	const char *kv[] = { pattern, "accesses=400", cpus, NULL };
	char *dir = tt_tmpdir(), *path = g_build_filename(dir, "f.dst", NULL);
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
	b->file = tt_slurp(path, &b->len);
	b->hdr_len = ZSTD_findFrameCompressedSize(b->file, b->len);
	b->frame_len = ZSTD_findFrameCompressedSize(b->file + b->hdr_len,
						    b->len - b->hdr_len);
	ck_assert(!ZSTD_isError(b->hdr_len) && !ZSTD_isError(b->frame_len));
	b->plen = ZSTD_getFrameContentSize(b->file + b->hdr_len,
					   b->frame_len);
	b->payload = g_malloc(b->plen);
	ck_assert_uint_eq(ZSTD_decompress(b->payload, b->plen,
					  b->file + b->hdr_len, b->frame_len),
			  b->plen);
	g_free(path);
	tt_rmtree(dir);
}

/* The file with its data frame replaced by @payload, recompressed. */
static uint8_t *bad_refr(const struct bad_frame *b, const uint8_t *payload,
			 size_t *len)
{
	ZSTD_CCtx *c = ZSTD_createCCtx();
	size_t bound = ZSTD_compressBound(b->plen), n;
	size_t tail = b->len - b->hdr_len - b->frame_len;
	uint8_t *out = g_malloc(b->hdr_len + bound + tail);

	ZSTD_CCtx_setParameter(c, ZSTD_c_checksumFlag, 1);
	memcpy(out, b->file, b->hdr_len);
	n = ZSTD_compress2(c, out + b->hdr_len, bound, payload, b->plen);
	ck_assert(!ZSTD_isError(n));
	memcpy(out + b->hdr_len + n, b->file + b->hdr_len + b->frame_len,
	       tail);
	ZSTD_freeCCtx(c);
	*len = b->hdr_len + n + tail;
	return out;
}

static void bad_frame_free(struct bad_frame *b)
{
	g_free(b->file);
	g_free(b->payload);
}

/* Expect @what when payload byte @pos is set to @val. */
static void bad_payload_byte(const struct bad_frame *b, size_t pos,
			     uint8_t val, const char *what)
{
	uint8_t *p = g_memdup2(b->payload, b->plen), *f;
	size_t len;

	p[pos] = val;
	f = bad_refr(b, p, &len);
	bad_expect(f, len, what);
	g_free(f);
	g_free(p);
}

/*
 * Packed address columns are read without per-value bounds checks, so
 * the reader must refuse any encoding that does not fit its column, and
 * tags that carry a write flag the packed value already holds.
 */
START_TEST(test_bad_addr_encoding)
{
	struct bad_frame b;
	uint8_t *tag;
	size_t i;

	bad_frame_load(&b, "pattern=uniform", "cpus=2");
	ck_assert_uint_eq(b.payload[18], DST_ADDR_PBASE);
	ck_assert_uint_eq(b.payload[19], 25);
	bad_payload_byte(&b, 18, DST_NR_ADDR_MODES, "address encoding 3");
	bad_payload_byte(&b, 18, DST_ADDR_VARINT, "address encoding 0");
	bad_payload_byte(&b, 18, DST_ADDR_PDELTA, "");
	bad_payload_byte(&b, 19, 26, "address encoding 2 width 26");
	bad_payload_byte(&b, 19, 24, "address encoding 2 width 24");
	bad_payload_byte(&b, 19, 0, "address encoding 2 width 0");
	bad_payload_byte(&b, 19, 65, "address encoding 2 width 65");
	bad_payload_byte(&b, 19, 200, "address encoding 2 width 200");
	/* a map event's tag turned into an access changes the count */
	bad_payload_byte(&b, DST_FRAME_HDR, 0x00, "address encoding");
	/* the write flag belongs in the packed value */
	tag = b.payload + DST_FRAME_HDR;
	for (i = 0; tag[i] & DST_TAG_OTHER; i++)
		;
	bad_payload_byte(&b, DST_FRAME_HDR + i, tag[i] | DST_TAG_WRITE,
			 "write flag in a tag");
	bad_frame_free(&b);

	/* varint frames (a scan) have no width */
	bad_frame_load(&b, "pattern=seq", "cpus=1");
	ck_assert_uint_eq(b.payload[18], DST_ADDR_VARINT);
	bad_payload_byte(&b, 19, 8, "address encoding 0 width 8");
	bad_frame_free(&b);
}
END_TEST

/*
 * Edits of a payload that keep its zstd checksum valid: every one must
 * be reported as a one-line error with an offset or read to the end
 * without crashing (the sanitizer build checks the reads stay in
 * bounds).
 */
START_TEST(test_payload_edits)
{
	static const char *const pats[] = {
		"pattern=uniform", "pattern=seq", "pattern=zipf",
	};
	struct bad_frame b;
	uint64_t x = 12345;
	unsigned int k, n, caught = 0, total = 0;
	uint8_t *p, *f;
	size_t len, pos;
	char *msg;

	for (k = 0; k < G_N_ELEMENTS(pats); k++) {
		bad_frame_load(&b, pats[k], k == 1 ? "cpus=1" : "cpus=3");
		for (n = 0; n < 300; n++, total++) {
			x = x * 6364136223846793005ull + 1442695040888963407ull;
			pos = (x >> 33) % b.plen;
			p = g_memdup2(b.payload, b.plen);
			p[pos] ^= 1u << ((x >> 20) & 7);
			f = bad_refr(&b, p, &len);
			msg = bad_read(f, len, "x.dst");
			if (msg) {
				ck_assert_msg(strstr(msg, "offset"), "%s", msg);
				caught++;
			}
			g_free(msg);
			g_free(f);
			g_free(p);
		}
		bad_frame_free(&b);
	}
	/* most edits change an event; some are caught, none crash */
	ck_assert_uint_gt(caught, 0);
	ck_assert_uint_le(caught, total);
}
END_TEST

struct bad_line_case {
	const char *text;
	const char *want;	/* "name:line: ..." substring */
};

static void bad_masim(const struct bad_line_case *c)
{
	GError *err = NULL;
	struct trace_gen_program *p = trace_masim_parse(c->text,
							strlen(c->text),
							"m.cfg", 0, &err);

	ck_assert_msg(!p, "accepted: %s", c->text);
	ck_assert_msg(strstr(err->message, c->want), "'%s' lacks '%s'",
		      err->message, c->want);
	ck_assert_ptr_null(strchr(err->message, '\n'));
	g_error_free(err);
}

START_TEST(test_malformed_masim)
{
	static const struct bad_line_case cases[] = {
		{ "a, -5\n\np\n10\na, 1, 64, 1\n", "m.cfg:1: bad region size" },
		{ "a\n\np\n10\na, 1, 64, 1\n", "m.cfg:1: region line" },
		{ "a, 4096\n\np\nten\na, 1, 64, 1\n",
		  "m.cfg:4: bad phase duration" },
		{ "a, 4096\n\np\n10\na, 2, 64, 1\n", "m.cfg:5: random must" },
		{ "a, 4096\n\np\n10\na, 1, 0, 1\n", "m.cfg:5: bad stride" },
		{ "a, 4096\n\np\n10\na, 1, 64, 1, xx\n",
		  "m.cfg:5: access mode" },
		{ "a, 4096\n\np\n10\nb, 1, 64, 1\n",
		  "m.cfg:5: unknown region 'b'" },
		{ "a, 4096\n\np\n10\n\nq\n5\na,1,64,1\n",
		  "m.cfg:5: phase 'p' has no access pattern" },
		{ "a, 4096\n\np\n10\na, 1, 64, 0\n",
		  "zero total probability" },
		{ "a, 4096\n", "no phases" },
		{ "# only a comment\n", "no regions" },
		{ "a, 4096\n\np\n", "incomplete phase" },
		{ "a, 4096\n\np\n10\na, 1, 64, 1\0junk\n", "m.cfg:5: NUL" },
		{ "a, 99999999999999999999\n\np\n10\na,1,64,1\n",
		  "m.cfg:1: bad region size" },
	};
	char *f = tt_fixture("bad_region.masim");
	struct trace_gen_params p;
	GError *err = NULL;
	unsigned int i;
	char *kv;

	for (i = 0; i < G_N_ELEMENTS(cases); i++) {
		struct bad_line_case c = cases[i];

		if (strstr(c.want, "NUL")) {
			/* embedded NUL: pass the real length */
			GError *e = NULL;
			const char *t = "a, 4096\n\np\n10\na, 1, 64, 1\0junk\n";

			ck_assert_ptr_null(trace_masim_parse(t, 34, "m.cfg",
							     0, &e));
			ck_assert_ptr_nonnull(strstr(e->message, c.want));
			g_error_free(e);
			continue;
		}
		bad_masim(&c);
	}
	/* through the generator, the fixture file's name is in the error */
	trace_gen_params_init(&p);
	kv = g_strdup_printf("masim=%s", f);
	trace_gen_params_set(&p, kv, NULL);
	ck_assert_ptr_null(trace_gen_new(&p, &err));
	ck_assert_msg(strstr(err->message, "bad_region.masim:5: unknown "
			     "region 'b'"), "%s", err->message);
	g_error_free(err);
	trace_gen_params_clear(&p);
	g_free(kv);
	g_free(f);
}
END_TEST

static char *bad_source_error(struct trace_source *s, GError *open_err)
{
	struct trace_event ev;
	GError *err = NULL;
	char *msg;
	int ret;

	if (!s) {
		msg = g_strdup(open_err->message);
		g_error_free(open_err);
		return msg;
	}
	while ((ret = trace_source_next(s, &ev, &err)) > 0)
		;
	trace_source_free(s);
	if (!ret)
		return NULL;
	msg = g_strdup(err->message);
	g_error_free(err);
	return msg;
}

static void bad_lackey(const char *text, size_t len, const char *want)
{
	GError *e = NULL;
	struct trace_source *s = trace_source_new_lackey_mem(text, len,
							     "l.txt", NULL,
							     &e);
	char *msg = bad_source_error(s, e);

	ck_assert_msg(msg, "accepted lackey: %s", text);
	ck_assert_msg(strstr(msg, want), "'%s' lacks '%s'", msg, want);
	ck_assert_ptr_null(strchr(msg, '\n'));
	g_free(msg);
}

START_TEST(test_malformed_lackey)
{
	static const struct bad_line_case cases[] = {
		{ "I  zz,3\n", "l.txt:1: malformed" },
		{ "I  0400,3\n L 1234\n", "l.txt:2: malformed" },
		{ "I  0400,3\n L 1234,0\n", "l.txt:2: malformed" },
		{ "I  0400,3\n L 1234,8 junk\n", "l.txt:2: malformed" },
		{ " X 1234,8\n", "l.txt:1: malformed" },
		{ "garbage\n", "l.txt:1: malformed" },
		{ " L 11112222333344445,8\n", "l.txt:1: malformed" },
		{ " L 1234,99999999\n", "l.txt:1: malformed" },
		{ "I\n", "l.txt:1: malformed" },
	};
	char *f = tt_fixture("bad.lackey"), *data, *msg, *longline;
	gsize len;
	GError *e = NULL;
	unsigned int i;

	for (i = 0; i < G_N_ELEMENTS(cases); i++)
		bad_lackey(cases[i].text, strlen(cases[i].text),
			   cases[i].want);
	bad_lackey("I  0400,3\n L 12\0,8\n", 18, "l.txt:2: NUL");
	longline = g_strnfill(10000, 'I');
	bad_lackey(longline, 10000, "l.txt:1: line too long");
	g_free(longline);
	ck_assert(g_file_get_contents(f, &data, &len, NULL));
	msg = bad_source_error(trace_source_new_lackey_mem(data, len,
		"bad.lackey", NULL, &e), e);
	ck_assert_msg(strstr(msg, "bad.lackey:3: malformed lackey line"),
		      "%s", msg);
	g_free(msg);
	g_free(data);
	g_free(f);
}
END_TEST

static void bad_text(const char *text, const char *want)
{
	GError *e = NULL;
	struct trace_source *s = trace_source_new_text_mem(text, strlen(text),
							   "t.txt", &e);
	char *msg = bad_source_error(s, e);

	ck_assert_msg(msg, "accepted text: %s", text);
	ck_assert_msg(strstr(msg, want), "'%s' lacks '%s'", msg, want);
	ck_assert_ptr_null(strchr(msg, '\n'));
	g_free(msg);
}

START_TEST(test_malformed_text)
{
	static const struct bad_line_case cases[] = {
		{ "", "t.txt:0: empty input" },
		{ "hello\n", "t.txt:1: not a damonsim text trace" },
		{ "%dst-text 1\n%cpus 0\n", "t.txt:2: cpus out of range" },
		{ "%dst-text 1\n%bogus 1\n", "t.txt:2: unknown header" },
		{ "%dst-text 1\n%page_size 3\n", "t.txt:2: page size" },
		{ "%dst-text 1\n1 0 1 R 0x10 8\n%cpus 2\n",
		  "t.txt:3: header line after events" },
		{ "%dst-text 1\n1 1 1 R 0x10 8\n", "t.txt:2: cpu" },
		{ "%dst-text 1\n1 0 1 Q 0x10 8\n", "t.txt:2: unknown event" },
		{ "%dst-text 1\n1 0 1 R 0x10\n", "t.txt:2: access needs" },
		{ "%dst-text 1\n1 0 1 R zz 8\n", "t.txt:2: bad access" },
		{ "%dst-text 1\n1 0 1 R 0x10 99999999999\n",
		  "t.txt:2: bad access" },
		{ "%dst-text 1\n1 0 1 MAP 0x10 8 anon\n", "t.txt:2: MAP needs" },
		{ "%dst-text 1\n1 0 1 MAP 0x10 8 odd 0\n",
		  "t.txt:2: MAP needs" },
		{ "%dst-text 1\n1 0 1 UNMAP 0x10\n", "t.txt:2: UNMAP needs" },
		{ "%dst-text 1\n1 0 1 START x\n", "t.txt:2: START/EXIT" },
		{ "%dst-text 1\n1 0 1 PHASE\n", "t.txt:2: PHASE needs" },
		{ "%dst-text 1\n-1 0 1 START\n", "t.txt:2: bad time" },
		{ "%dst-text 1\n1 0\n", "t.txt:2: expected TIME" },
	};
	char *f = tt_fixture("backwards.txt"), *data, *msg;
	gsize len;
	GError *e = NULL;
	unsigned int i;

	for (i = 0; i < G_N_ELEMENTS(cases); i++)
		bad_text(cases[i].text, cases[i].want);
	ck_assert(g_file_get_contents(f, &data, &len, NULL));
	msg = bad_source_error(trace_source_new_text_mem(data, len,
		"backwards.txt", &e), e);
	ck_assert_msg(strstr(msg, "backwards.txt:4: time goes backwards"),
		      "%s", msg);
	g_free(msg);
	g_free(data);
	g_free(f);
}
END_TEST

/* A failed conversion leaves neither the output nor a temporary file. */
START_TEST(test_no_partial_output)
{
	static const char text[] = "%dst-text 1\n%cpus 1\n1 0 1 R 0x10 8\n"
				   "2 0 1 W 0x20 8\n3 0 1 BOGUS\n";
	char *dir = tt_tmpdir(), *path = g_build_filename(dir, "o.dst", NULL);
	struct trace_source *s;
	GError *err = NULL;
	GDir *d;

	s = trace_source_new_text_mem(text, strlen(text), "in.txt", NULL);
	ck_assert_int_lt(trace_tool_copy(s, path, NULL, &err), 0);
	ck_assert_ptr_nonnull(strstr(err->message, "in.txt:5:"));
	g_error_free(err);
	trace_source_free(s);
	d = g_dir_open(dir, 0, NULL);
	ck_assert_ptr_null(g_dir_read_name(d));
	g_dir_close(d);
	g_free(path);
	tt_rmtree(dir);
}
END_TEST

Suite *suite_traces_bad(void)
{
	Suite *s = suite_create("traces_bad");
	TCase *tc = tcase_create("bad");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_truncated);
	tcase_add_test(tc, test_corrupt_frames);
	tcase_add_test(tc, test_wrong_magic);
	tcase_add_test(tc, test_newer_major);
	tcase_add_test(tc, test_absurd_sizes);
	tcase_add_test(tc, test_bad_addr_encoding);
	tcase_add_test(tc, test_payload_edits);
	tcase_add_test(tc, test_malformed_masim);
	tcase_add_test(tc, test_malformed_lackey);
	tcase_add_test(tc, test_malformed_text);
	tcase_add_test(tc, test_no_partial_output);
	suite_add_tcase(s, tc);
	return s;
}
