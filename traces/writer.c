// SPDX-License-Identifier: GPL-2.0
/*
 * writer.c - streaming .dst writer.
 *
 * Events are buffered raw for one frame, then encoded column by column
 * (see docs/trace-format.md) and compressed as one independent zstd frame
 * with a content checksum.  Buffering raw events lets the encoder pick the
 * frame's address granularity (common trailing zero bits) and address
 * encoding (varint deltas for scans, fixed-width packed values for random
 * addresses) before it emits any address.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <zstd.h>

#include "traces/codec.h"
#include "traces/writer.h"

struct trace_index_ent {
	uint64_t offset;
	uint64_t first_time;
	uint64_t first_event;
};

struct trace_writer {
	char *path;
	char *tmp_path;
	FILE *f;
	struct trace_header hdr;
	ZSTD_CCtx *cctx;
	ZSTD_CCtx *trial_cctx;		/* quick trials of address encodings */
	uint32_t frame_events;
	/* raw events of the current frame; phase names live in @names */
	struct trace_event *evs;
	uint32_t nr_evs;
	GByteArray *names;
	/* encode buffers */
	uint8_t *cols[DST_NR_COLS];
	size_t col_cap[DST_NR_COLS];
	uint8_t *payload;
	size_t payload_cap;
	uint8_t *zbuf;
	size_t zbuf_cap;
	/* per-cpu delta state, reset each frame */
	uint64_t *prev_addr;
	uint64_t *prev_size;
	uint32_t *prev_tid;
	GArray *index;
	uint64_t nr_events;
	uint64_t counts[TRACE_EV_NR];
	uint64_t first_time, last_time;
	uint64_t bytes;
	bool failed;
};

static int tw_fail(struct trace_writer *w, GError **err, int errnum,
		   const char *what)
{
	w->failed = true;
	g_set_error(err, TRACE_ERROR, errnum, "%s: %s", w->path, what);
	return -errnum;
}

static int tw_put(struct trace_writer *w, const void *buf, size_t len,
		  GError **err)
{
	if (fwrite(buf, 1, len, w->f) != len)
		return tw_fail(w, err, errno ? errno : EIO, g_strerror(errno));
	w->bytes += len;
	return 0;
}

/* Make w->zbuf large enough to compress @len bytes into. */
static void tw_reserve_zbuf(struct trace_writer *w, size_t len)
{
	size_t bound = ZSTD_compressBound(len);

	if (bound > w->zbuf_cap) {
		g_free(w->zbuf);
		w->zbuf = g_malloc(bound);
		w->zbuf_cap = bound;
	}
}

/* Compress @len bytes of @w->payload as one frame and append it. */
static int tw_put_frame(struct trace_writer *w, size_t len, GError **err)
{
	size_t n;

	tw_reserve_zbuf(w, len);
	n = ZSTD_compress2(w->cctx, w->zbuf, w->zbuf_cap, w->payload, len);
	if (ZSTD_isError(n))
		return tw_fail(w, err, EIO, ZSTD_getErrorName(n));
	return tw_put(w, w->zbuf, n, err);
}

static void tw_reserve_payload(struct trace_writer *w, size_t len)
{
	if (len > w->payload_cap) {
		g_free(w->payload);
		w->payload_cap = len;
		w->payload = g_malloc(len);
	}
}

static int tw_put_header(struct trace_writer *w, GError **err)
{
	const char *desc = w->hdr.description ? w->hdr.description : "";
	size_t dlen = strlen(desc);
	uint8_t *p;

	if (dlen > TRACE_MAX_DESC)
		dlen = TRACE_MAX_DESC;
	tw_reserve_payload(w, DST_HDR_FIXED + dlen);
	p = w->payload;
	memset(p, 0, DST_HDR_FIXED);
	memcpy(p, DST_MAGIC, DST_MAGIC_LEN);
	p[8] = TRACE_VERSION_MAJOR;
	p[9] = TRACE_VERSION_MAJOR >> 8;
	p[10] = TRACE_VERSION_MINOR;
	p[11] = TRACE_VERSION_MINOR >> 8;
	dst_put_le32(p + 12, DST_HDR_FIXED + dlen);
	dst_put_le32(p + 16, w->hdr.page_size);
	dst_put_le32(p + 20, w->hdr.nr_cpus);
	dst_put_le32(p + 24, w->hdr.nr_threads);
	dst_put_le64(p + 32, w->hdr.time_base_ns);
	dst_put_le32(p + 40, dlen);
	memcpy(p + DST_HDR_FIXED, desc, dlen);
	return tw_put_frame(w, DST_HDR_FIXED + dlen, err);
}

struct trace_writer *trace_writer_open(const char *path,
				       const struct trace_header *hdr,
				       const struct trace_writer_opts *opts,
				       GError **err)
{
	struct trace_writer *w;
	int level = opts && opts->level ? opts->level : 3;
	uint32_t fe = opts && opts->frame_events ? opts->frame_events
						 : 1u << 17;
	int fd, i;

	if (hdr->nr_cpus == 0 || hdr->nr_cpus > TRACE_MAX_CPUS) {
		g_set_error(err, TRACE_ERROR, EINVAL,
			    "%s: nr_cpus %u out of range 1..%u", path,
			    hdr->nr_cpus, TRACE_MAX_CPUS);
		return NULL;
	}
	if (fe > TRACE_MAX_FRAME_EVENTS)
		fe = TRACE_MAX_FRAME_EVENTS;
	w = g_new0(struct trace_writer, 1);
	w->path = g_strdup(path);
	w->tmp_path = g_strdup_printf("%s.tmpXXXXXX", path);
	fd = g_mkstemp(w->tmp_path);
	if (fd < 0) {
		g_set_error(err, TRACE_ERROR, errno, "%s: cannot create: %s",
			    w->tmp_path, g_strerror(errno));
		g_free(w->tmp_path);
		g_free(w->path);
		g_free(w);
		return NULL;
	}
	fchmod(fd, 0644);
	w->f = fdopen(fd, "wb");
	trace_header_copy(&w->hdr, hdr);
	w->hdr.version_major = TRACE_VERSION_MAJOR;
	w->hdr.version_minor = TRACE_VERSION_MINOR;
	w->cctx = ZSTD_createCCtx();
	ZSTD_CCtx_setParameter(w->cctx, ZSTD_c_compressionLevel, level);
	ZSTD_CCtx_setParameter(w->cctx, ZSTD_c_checksumFlag, 1);
	ZSTD_CCtx_setParameter(w->cctx, ZSTD_c_contentSizeFlag, 1);
	w->frame_events = fe;
	w->evs = g_new(struct trace_event, fe);
	w->names = g_byte_array_new();
	for (i = 0; i < DST_NR_COLS; i++) {
		/* 10 bytes a varint; a packed ADDR column also has a base */
		w->col_cap[i] = (size_t)fe * (i == DST_COL_TAG ? 1 : 10) + 16;
		if (i == DST_COL_CPU)
			w->col_cap[i] = (size_t)fe * 3;
		if (i == DST_COL_OTHER)
			w->col_cap[i] = 4096;
		w->cols[i] = g_malloc(w->col_cap[i]);
	}
	w->prev_addr = g_new0(uint64_t, hdr->nr_cpus);
	w->prev_size = g_new0(uint64_t, hdr->nr_cpus);
	w->prev_tid = g_new0(uint32_t, hdr->nr_cpus);
	w->index = g_array_new(FALSE, FALSE, sizeof(struct trace_index_ent));
	if (tw_put_header(w, err) < 0) {
		trace_writer_abort(w);
		return NULL;
	}
	return w;
}

static unsigned int tw_addr_shift(const struct trace_writer *w)
{
	uint64_t acc = 0;
	uint32_t i;
	unsigned int s = 0;

	for (i = 0; i < w->nr_evs; i++)
		if (w->evs[i].type == TRACE_EV_ACCESS)
			acc |= w->evs[i].addr;
	while (s < 12 && !(acc & (1ull << s)))
		s++;
	return s;
}

/* How a frame's addresses are encoded (docs/trace-format.md). */
struct tw_addr_plan {
	unsigned int shift;
	unsigned int mode;	/* enum dst_addr_mode */
	unsigned int width;	/* bits per value in the packed modes */
	uint64_t base;		/* DST_ADDR_PBASE: smallest addr >> shift */
};

static unsigned int tw_varint_len(uint64_t v)
{
	return v ? (dst_bit_width(v) + 6) / 7 : 1;
}

static void tw_encode(struct trace_writer *w, const struct tw_addr_plan *pl,
		      size_t *lens);

/*
 * Encode the frame under @pl (column lengths in @lens) and return the
 * size of its TAG and ADDR columns (the ones the address encoding
 * changes) after a quick compression, or SIZE_MAX.
 */
static size_t tw_trial(struct trace_writer *w, const struct tw_addr_plan *pl,
		       size_t *lens)
{
	size_t len, n;

	tw_encode(w, pl, lens);
	len = lens[DST_COL_TAG] + lens[DST_COL_ADDR];
	tw_reserve_payload(w, len);
	memcpy(w->payload, w->cols[DST_COL_TAG], lens[DST_COL_TAG]);
	memcpy(w->payload + lens[DST_COL_TAG], w->cols[DST_COL_ADDR],
	       lens[DST_COL_ADDR]);
	tw_reserve_zbuf(w, len);
	if (!w->trial_cctx)
		w->trial_cctx = ZSTD_createCCtx();
	n = ZSTD_compressCCtx(w->trial_cctx, w->zbuf, w->zbuf_cap, w->payload,
			      len, 1);
	return ZSTD_isError(n) ? SIZE_MAX : n;
}

/*
 * Pick the address encoding of a frame.  Before compression, the smallest
 * encoding (counting the write flags a varint frame keeps in its tags as
 * 1/8 byte each) is what zstd has to produce and the reader to decode:
 * scans take their varint delta (one byte), random addresses the fixed
 * width of their range (ties go to the encoding with less state: base,
 * then packed delta).  When a packed encoding is smaller there, the
 * varint delta may still compress far better (threads scanning in turns
 * on one CPU repeat their deltas, which zstd's matcher removes), so both
 * are compressed quickly and the varint delta wins if it saves 1/8.
 *
 * Returns true if the columns already hold the frame encoded as planned
 * (their lengths in @lens), false if tw_encode() is still to run.
 */
static bool tw_plan(struct trace_writer *w, struct tw_addr_plan *pl,
		    size_t *lens)
{
	uint64_t lo = UINT64_MAX, hi = 0, zmax = 0, vbytes = 0, n = 0;
	uint64_t pbase, pdelta;
	struct tw_addr_plan packed;
	size_t zvar, zpacked;
	uint32_t i;

	pl->shift = tw_addr_shift(w);
	memset(w->prev_addr, 0, sizeof(uint64_t) * w->hdr.nr_cpus);
	for (i = 0; i < w->nr_evs; i++) {
		const struct trace_event *ev = &w->evs[i];
		uint64_t a, z;

		if (ev->type != TRACE_EV_ACCESS)
			continue;
		a = ev->addr >> pl->shift;
		z = dst_zigzag((int64_t)(a - w->prev_addr[ev->cpu]));
		w->prev_addr[ev->cpu] = a;
		lo = MIN(lo, a);
		hi = MAX(hi, a);
		zmax = MAX(zmax, z);
		vbytes += tw_varint_len(z);
		n++;
	}
	pl->mode = DST_ADDR_VARINT;
	pl->width = 0;
	pl->base = 0;
	if (!n)
		return false;
	/* packed values carry the write flag in bit 0; the tag does not */
	vbytes += n / 8;
	pbase = 8 + (n * (dst_bit_width(hi - lo) + 1) + 7) / 8;
	pdelta = (n * (dst_bit_width(zmax) + 1) + 7) / 8;
	if (pbase <= pdelta && pbase <= vbytes && hi - lo < 1ull << 63) {
		pl->mode = DST_ADDR_PBASE;
		pl->width = dst_bit_width(hi - lo) + 1;
		pl->base = lo;
	} else if (pdelta <= vbytes && zmax < 1ull << 63) {
		pl->mode = DST_ADDR_PDELTA;
		pl->width = dst_bit_width(zmax) + 1;
	} else {
		return false;
	}
	packed = *pl;
	pl->mode = DST_ADDR_VARINT;
	pl->width = 0;
	pl->base = 0;
	zvar = tw_trial(w, pl, lens);
	zpacked = tw_trial(w, &packed, lens);	/* the columns stay packed */
	if (zvar <= zpacked - zpacked / 8)
		return false;
	*pl = packed;
	return true;
}

/* The OTHER column grows as needed: map events and names are rare. */
static uint8_t *tw_other_room(struct trace_writer *w, uint8_t *p, size_t need)
{
	size_t used = p - w->cols[DST_COL_OTHER];

	if (used + need > w->col_cap[DST_COL_OTHER]) {
		w->col_cap[DST_COL_OTHER] = (used + need) * 2;
		w->cols[DST_COL_OTHER] = g_realloc(w->cols[DST_COL_OTHER],
						   w->col_cap[DST_COL_OTHER]);
	}
	return w->cols[DST_COL_OTHER] + used;
}

static uint8_t *tw_encode_other(struct trace_writer *w, uint8_t *o,
				const struct trace_event *ev)
{
	uint8_t body[64 + TRACE_MAX_NAME], *b = body;
	const char *name;
	size_t nlen;

	b = dst_put_varint(b, ev->cpu);
	b = dst_put_varint(b, ev->tid);
	switch (ev->type) {
	case TRACE_EV_MAP:
		b = dst_put_varint(b, ev->addr);
		b = dst_put_varint(b, ev->size);
		b = dst_put_varint(b, ev->map_flags);
		b = dst_put_varint(b, ev->memcg);
		break;
	case TRACE_EV_UNMAP:
		b = dst_put_varint(b, ev->addr);
		b = dst_put_varint(b, ev->size);
		break;
	case TRACE_EV_PHASE:
		name = (const char *)w->names->data + (size_t)ev->addr;
		nlen = strlen(name);
		b = dst_put_varint(b, nlen);
		memcpy(b, name, nlen);
		b += nlen;
		break;
	default:
		break;
	}
	o = tw_other_room(w, o, 10 + (b - body));
	o = dst_put_varint(o, b - body);
	memcpy(o, body, b - body);
	return o + (b - body);
}

static void tw_encode(struct trace_writer *w, const struct tw_addr_plan *pl,
		      size_t *lens)
{
	uint8_t *tag = w->cols[DST_COL_TAG], *dt = w->cols[DST_COL_DTIME];
	uint8_t *cpu = w->cols[DST_COL_CPU], *tid = w->cols[DST_COL_TID];
	uint8_t *sz = w->cols[DST_COL_SIZE], *ad = w->cols[DST_COL_ADDR];
	uint8_t *in = w->cols[DST_COL_INSN], *o = w->cols[DST_COL_OTHER];
	uint64_t prev_time = w->evs[0].time_ns, a;
	unsigned int shift = pl->shift;
	struct dst_bit_writer bw = { .p = ad };
	uint32_t i;

	if (pl->mode == DST_ADDR_PBASE) {
		dst_put_le64(ad, pl->base);
		bw.p = ad + 8;
	}
	memset(w->prev_addr, 0, sizeof(uint64_t) * w->hdr.nr_cpus);
	memset(w->prev_size, 0, sizeof(uint64_t) * w->hdr.nr_cpus);
	memset(w->prev_tid, 0, sizeof(uint32_t) * w->hdr.nr_cpus);
	for (i = 0; i < w->nr_evs; i++) {
		const struct trace_event *ev = &w->evs[i];
		unsigned int c = ev->cpu;
		uint8_t t;

		dt = dst_put_varint(dt, ev->time_ns - prev_time);
		prev_time = ev->time_ns;
		if (ev->type != TRACE_EV_ACCESS) {
			*tag++ = DST_TAG_OTHER | ev->type;
			o = tw_encode_other(w, o, ev);
			continue;
		}
		t = ev->write && pl->mode == DST_ADDR_VARINT ? DST_TAG_WRITE
							      : 0;
		if (c < DST_TAG_CPU_ESC) {
			t |= c << DST_TAG_CPU_SHIFT;
		} else {
			t |= DST_TAG_CPU_ESC << DST_TAG_CPU_SHIFT;
			cpu = dst_put_varint(cpu, c);
		}
		if (ev->size != w->prev_size[c]) {
			t |= DST_TAG_SIZE;
			sz = dst_put_varint(sz, ev->size);
			w->prev_size[c] = ev->size;
		}
		if (ev->tid != w->prev_tid[c]) {
			t |= DST_TAG_TID;
			tid = dst_put_varint(tid, ev->tid);
			w->prev_tid[c] = ev->tid;
		}
		if (ev->insns) {
			t |= DST_TAG_INSN;
			in = dst_put_varint(in, ev->insns);
		}
		a = ev->addr >> shift;
		if (pl->mode == DST_ADDR_PBASE)
			dst_bits_put(&bw, (a - pl->base) << 1 | ev->write,
				     pl->width);
		else if (pl->mode == DST_ADDR_PDELTA)
			dst_bits_put(&bw, dst_zigzag((int64_t)
				(a - w->prev_addr[c])) << 1 | ev->write,
				pl->width);
		else
			ad = dst_put_varint(ad, dst_zigzag((int64_t)
				(a - w->prev_addr[c])));
		w->prev_addr[c] = a;
		*tag++ = t;
	}
	if (pl->mode != DST_ADDR_VARINT)
		ad = dst_bits_end(&bw);
	lens[DST_COL_TAG] = tag - w->cols[DST_COL_TAG];
	lens[DST_COL_DTIME] = dt - w->cols[DST_COL_DTIME];
	lens[DST_COL_CPU] = cpu - w->cols[DST_COL_CPU];
	lens[DST_COL_TID] = tid - w->cols[DST_COL_TID];
	lens[DST_COL_SIZE] = sz - w->cols[DST_COL_SIZE];
	lens[DST_COL_ADDR] = ad - w->cols[DST_COL_ADDR];
	lens[DST_COL_INSN] = in - w->cols[DST_COL_INSN];
	lens[DST_COL_OTHER] = o - w->cols[DST_COL_OTHER];
}

static int tw_flush(struct trace_writer *w, GError **err)
{
	size_t lens[DST_NR_COLS], total = DST_FRAME_HDR;
	struct trace_index_ent ent;
	struct tw_addr_plan pl;
	uint8_t *p;
	int i;

	if (!w->nr_evs)
		return 0;
	if (!tw_plan(w, &pl, lens))
		tw_encode(w, &pl, lens);
	for (i = 0; i < DST_NR_COLS; i++)
		total += lens[i];
	tw_reserve_payload(w, total);
	p = w->payload;
	dst_put_le32(p, DST_FRAME_MAGIC);
	dst_put_le32(p + 4, w->nr_evs);
	dst_put_le64(p + 8, w->evs[0].time_ns);
	p[16] = pl.shift;
	p[17] = DST_NR_COLS;
	p[18] = pl.mode;
	p[19] = pl.width;
	for (i = 0; i < DST_NR_COLS; i++)
		dst_put_le32(p + 20 + 4 * i, lens[i]);
	p += DST_FRAME_HDR;
	for (i = 0; i < DST_NR_COLS; i++) {
		memcpy(p, w->cols[i], lens[i]);
		p += lens[i];
	}
	ent.offset = w->bytes;
	ent.first_time = w->evs[0].time_ns;
	ent.first_event = w->nr_events - w->nr_evs;
	g_array_append_val(w->index, ent);
	w->nr_evs = 0;
	g_byte_array_set_size(w->names, 0);
	return tw_put_frame(w, total, err);
}

int trace_writer_write(struct trace_writer *w, const struct trace_event *ev,
		       GError **err)
{
	struct trace_event *slot;

	if (w->failed)
		return tw_fail(w, err, EIO, "write after an earlier error");
	if (ev->type >= TRACE_EV_NR)
		return tw_fail(w, err, EINVAL, "unknown event type");
	if (ev->cpu >= w->hdr.nr_cpus) {
		g_set_error(err, TRACE_ERROR, EINVAL,
			    "%s: event %" G_GUINT64_FORMAT
			    ": cpu %u >= nr_cpus %u",
			    w->path, w->nr_events, ev->cpu, w->hdr.nr_cpus);
		w->failed = true;
		return -EINVAL;
	}
	if (ev->type == TRACE_EV_ACCESS && ev->size > TRACE_MAX_ACCESS_SIZE)
		return tw_fail(w, err, EINVAL, "access size above 1 GiB");
	if (w->nr_events && ev->time_ns < w->last_time) {
		g_set_error(err, TRACE_ERROR, EINVAL,
			    "%s: event %" G_GUINT64_FORMAT
			    ": time %" G_GUINT64_FORMAT " goes back before %"
			    G_GUINT64_FORMAT, w->path, w->nr_events,
			    ev->time_ns, w->last_time);
		w->failed = true;
		return -EINVAL;
	}
	if (!w->nr_events)
		w->first_time = ev->time_ns;
	w->last_time = ev->time_ns;
	slot = &w->evs[w->nr_evs++];
	*slot = *ev;
	if (ev->type == TRACE_EV_PHASE) {
		const char *name = ev->name ? ev->name : "";
		size_t len = strnlen(name, TRACE_MAX_NAME);

		slot->addr = w->names->len;
		g_byte_array_append(w->names, (const guint8 *)name, len);
		g_byte_array_append(w->names, (const guint8 *)"", 1);
	}
	w->nr_events++;
	w->counts[ev->type]++;
	if (w->nr_evs == w->frame_events)
		return tw_flush(w, err);
	return 0;
}

static int tw_put_index(struct trace_writer *w, GError **err)
{
	guint n = w->index->len, i;
	size_t plen = 4 + 4 + 8 + 4 + 8 * TRACE_EV_NR + 16 + 24 * (size_t)n + 8;
	uint8_t *buf = g_malloc(8 + plen), *p = buf;
	int ret;

	dst_put_le32(p, DST_SKIP_MAGIC);
	dst_put_le32(p + 4, plen);
	p += 8;
	dst_put_le32(p, DST_INDEX_MAGIC);
	dst_put_le32(p + 4, n);
	dst_put_le64(p + 8, w->nr_events);
	dst_put_le32(p + 16, TRACE_EV_NR);
	p += 20;
	for (i = 0; i < TRACE_EV_NR; i++, p += 8)
		dst_put_le64(p, w->counts[i]);
	dst_put_le64(p, w->first_time);
	dst_put_le64(p + 8, w->last_time);
	p += 16;
	for (i = 0; i < n; i++, p += 24) {
		struct trace_index_ent *e =
			&g_array_index(w->index, struct trace_index_ent, i);

		dst_put_le64(p, e->offset);
		dst_put_le64(p + 8, e->first_time);
		dst_put_le64(p + 16, e->first_event);
	}
	dst_put_le32(p, plen);
	dst_put_le32(p + 4, DST_TRAILER_MAGIC);
	ret = tw_put(w, buf, 8 + plen, err);
	g_free(buf);
	return ret;
}

static void tw_free(struct trace_writer *w)
{
	int i;

	if (w->f)
		fclose(w->f);
	ZSTD_freeCCtx(w->cctx);
	ZSTD_freeCCtx(w->trial_cctx);
	trace_header_clear(&w->hdr);
	g_free(w->evs);
	g_byte_array_unref(w->names);
	for (i = 0; i < DST_NR_COLS; i++)
		g_free(w->cols[i]);
	g_free(w->payload);
	g_free(w->zbuf);
	g_free(w->prev_addr);
	g_free(w->prev_size);
	g_free(w->prev_tid);
	g_array_unref(w->index);
	g_free(w->path);
	g_free(w->tmp_path);
	g_free(w);
}

int trace_writer_close(struct trace_writer *w, GError **err)
{
	int ret;

	ret = w->failed ? tw_fail(w, err, EIO, "close after an earlier error")
			: tw_flush(w, err);
	if (!ret)
		ret = tw_put_index(w, err);
	if (!ret && fflush(w->f) != 0)
		ret = tw_fail(w, err, errno, g_strerror(errno));
	if (!ret && fclose(w->f) != 0)
		ret = tw_fail(w, err, errno, g_strerror(errno));
	w->f = NULL;
	if (!ret && g_rename(w->tmp_path, w->path) != 0)
		ret = tw_fail(w, err, errno, g_strerror(errno));
	if (ret)
		g_unlink(w->tmp_path);
	tw_free(w);
	return ret;
}

void trace_writer_abort(struct trace_writer *w)
{
	if (!w)
		return;
	if (w->f)
		fclose(w->f);
	w->f = NULL;
	g_unlink(w->tmp_path);
	tw_free(w);
}

uint64_t trace_writer_bytes(const struct trace_writer *w)
{
	return w->bytes;
}
