// SPDX-License-Identifier: GPL-2.0
/*
 * reader.c - streaming .dst reader.
 *
 * The file is read frame by frame through a bounded input buffer; each
 * zstd frame is decompressed in one call (which also verifies its content
 * checksum) and its columns are decoded a batch of events at a time:
 * runs of plain accesses in a loop specialised per address encoding,
 * everything else one event at a time with every bound checked.  Reads
 * 1.x files (varint addresses only) and 2.x.  Everything read from the
 * file is treated as hostile: lengths are checked before use (a packed
 * address column must be exactly as long as its accesses need) and every
 * failure is a one-line error with the byte offset of the frame at fault.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zstd.h>

#include "traces/codec.h"
#include "traces/reader.h"

/* Per-CPU delta state, reset at every frame. */
struct tr_cpu {
	uint64_t addr;		/* previous address >> shift */
	uint64_t size;
	uint32_t tid;
};

struct tr_index_ent {
	uint64_t offset;
	uint64_t first_time;
	uint64_t first_event;
};

#define TR_BATCH	256

struct trace_reader {
	char *name;
	int fd;				/* -1 for memory readers */
	const uint8_t *mem;
	uint64_t size;			/* file size */
	uint64_t data_end;		/* offset of the index frame */
	struct trace_header hdr;
	struct trace_summary sum;
	struct tr_index_ent *index;
	ZSTD_DCtx *dctx;
	/* input window: file bytes [in_off, in_off + in_len) */
	uint8_t *in;
	size_t in_cap, in_len;
	uint64_t in_off;
	/* current frame */
	uint64_t next_off;		/* offset of the next frame to load */
	uint64_t frame_off;
	uint32_t frame_no;
	uint8_t *out;
	size_t out_cap;
	const uint8_t *cur[DST_NR_COLS];
	const uint8_t *end[DST_NR_COLS];
	uint32_t left;
	unsigned int shift;
	/* address column: enum dst_addr_mode, packed values' width, base */
	unsigned int amode, awidth;
	uint64_t abase;
	const uint8_t *apacked;		/* packed values, bit 0 */
	uint64_t abit;			/* bit of the next packed value */
	uint64_t time;
	uint64_t events_done;
	struct tr_cpu *cpus;
	char name_buf[TRACE_MAX_NAME + 1];
	/* events decoded ahead for trace_reader_next() */
	int bpos, blen;
	struct trace_event batch[TR_BATCH];
};

static int tr_err(const struct trace_reader *r, GError **err, int errnum,
		  uint64_t off, const char *fmt, ...) G_GNUC_PRINTF(5, 6);

static int tr_err(const struct trace_reader *r, GError **err, int errnum,
		  uint64_t off, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	g_set_error(err, TRACE_ERROR, errnum, "%s: offset %" G_GUINT64_FORMAT
		    ": %s", r->name, off, msg);
	g_free(msg);
	return -errnum;
}

/*
 * Make file bytes [off, off + want) available in the input window, or as
 * many as the file has.  Returns a pointer to byte @off and sets *avail.
 */
static const uint8_t *tr_window(struct trace_reader *r, uint64_t off,
				size_t want, size_t *avail, GError **err)
{
	size_t have;

	if (off >= r->size) {
		*avail = 0;
		return NULL;
	}
	if (want > r->size - off)
		want = r->size - off;
	if (r->mem) {
		*avail = r->size - off;
		return r->mem + off;
	}
	if (off >= r->in_off && off + want <= r->in_off + r->in_len) {
		*avail = r->in_off + r->in_len - off;
		return r->in + (off - r->in_off);
	}
	if (want < (1u << 22))
		want = MIN((uint64_t)1 << 22, r->size - off);
	if (want > r->in_cap) {
		g_free(r->in);
		r->in_cap = want;
		r->in = g_malloc(want);
	}
	have = 0;
	while (have < want) {
		ssize_t n = pread(r->fd, r->in + have, want - have, off + have);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			tr_err(r, err, n < 0 ? errno : EIO, off + have,
			       "read failed: %s",
			       n < 0 ? g_strerror(errno) : "short read");
			r->in_len = 0;
			return NULL;
		}
		have += n;
	}
	r->in_off = off;
	r->in_len = have;
	*avail = have;
	return r->in;
}

/*
 * Decompress the zstd frame at @off into r->out.  Sets *csize to its
 * compressed size and returns the decompressed length, or negative errno.
 */
static long tr_load_frame(struct trace_reader *r, uint64_t off, size_t max,
			  uint64_t *csize, GError **err)
{
	unsigned long long fcs;
	const uint8_t *p;
	size_t avail, n, want = 1 << 16;
	GError *e = NULL;

	for (;;) {
		p = tr_window(r, off, want, &avail, &e);
		if (e) {
			g_propagate_error(err, e);
			return -EIO;
		}
		if (avail < 4)
			return tr_err(r, err, EINVAL, off, "truncated frame");
		if (dst_le32(p) != DST_ZSTD_MAGIC)
			return tr_err(r, err, EINVAL, off,
				      "not a zstd frame (magic %08x)",
				      dst_le32(p));
		n = ZSTD_findFrameCompressedSize(p, avail);
		if (!ZSTD_isError(n))
			break;
		if (avail < want || want > ZSTD_compressBound(max) + 64)
			return tr_err(r, err, EINVAL, off,
				      "truncated or corrupt frame: %s",
				      ZSTD_getErrorName(n));
		want *= 4;
	}
	fcs = ZSTD_getFrameContentSize(p, n);
	if (fcs == ZSTD_CONTENTSIZE_UNKNOWN || fcs == ZSTD_CONTENTSIZE_ERROR ||
	    fcs > max)
		return tr_err(r, err, EINVAL, off,
			      "frame content size missing or above %zu", max);
	/* Frame_Header_Descriptor bit 2: Content_Checksum_flag (RFC 8878) */
	if (!(p[4] & 0x04))
		return tr_err(r, err, EINVAL, off, "frame has no checksum");
	if (fcs > r->out_cap || !r->out) {
		g_free(r->out);
		r->out_cap = fcs;
		r->out = g_malloc(r->out_cap + DST_SLACK);
	}
	avail = ZSTD_decompressDCtx(r->dctx, r->out, r->out_cap, p, n);
	if (ZSTD_isError(avail) || avail != fcs)
		return tr_err(r, err, EINVAL, off, "corrupt frame: %s",
			      ZSTD_isError(avail) ? ZSTD_getErrorName(avail)
						  : "size mismatch");
	memset(r->out + avail, 0, DST_SLACK);
	*csize = n;
	return (long)avail;
}

static int tr_parse_header(struct trace_reader *r, GError **err)
{
	uint64_t csize;
	long len;
	uint32_t hlen, dlen;
	const uint8_t *p, *q;
	size_t avail;
	GError *e = NULL;

	q = tr_window(r, 0, 4, &avail, &e);
	if (e) {
		g_propagate_error(err, e);
		return -EIO;
	}
	if (avail < 4 || dst_le32(q) != DST_ZSTD_MAGIC)
		return tr_err(r, err, EINVAL, 0,
			      "wrong magic: not a damonsim trace");
	len = tr_load_frame(r, 0, DST_HDR_FIXED + TRACE_MAX_DESC, &csize, err);
	if (len < 0)
		return len;
	p = r->out;
	if (len < DST_HDR_FIXED || memcmp(p, DST_MAGIC, DST_MAGIC_LEN))
		return tr_err(r, err, EINVAL, 0,
			      "wrong magic: not a damonsim trace");
	r->hdr.version_major = p[8] | p[9] << 8;
	r->hdr.version_minor = p[10] | p[11] << 8;
	if (r->hdr.version_major < DST_OLDEST_MAJOR ||
	    r->hdr.version_major > TRACE_VERSION_MAJOR)
		return tr_err(r, err, ENOTSUP, 0,
			      "format version %u.%u not supported (this reader "
			      "reads %u.x to %u.x)", r->hdr.version_major,
			      r->hdr.version_minor, DST_OLDEST_MAJOR,
			      TRACE_VERSION_MAJOR);
	hlen = dst_le32(p + 12);
	dlen = dst_le32(p + 40);
	if (hlen > (uint64_t)len || dlen > TRACE_MAX_DESC ||
	    DST_HDR_FIXED + (uint64_t)dlen > hlen)
		return tr_err(r, err, EINVAL, 0, "corrupt header lengths");
	r->hdr.page_size = dst_le32(p + 16);
	r->hdr.nr_cpus = dst_le32(p + 20);
	r->hdr.nr_threads = dst_le32(p + 24);
	r->hdr.time_base_ns = dst_le64(p + 32);
	if (r->hdr.nr_cpus == 0 || r->hdr.nr_cpus > TRACE_MAX_CPUS)
		return tr_err(r, err, EINVAL, 0, "nr_cpus %u out of range",
			      r->hdr.nr_cpus);
	if (r->hdr.page_size == 0 ||
	    (r->hdr.page_size & (r->hdr.page_size - 1)))
		return tr_err(r, err, EINVAL, 0,
			      "page size %u not a power of 2",
			      r->hdr.page_size);
	r->hdr.description = g_strndup((const char *)p + DST_HDR_FIXED, dlen);
	r->next_off = csize;
	return 0;
}

static int tr_parse_index(struct trace_reader *r, GError **err)
{
	const uint8_t *p;
	uint64_t plen, start, need;
	uint32_t n, ntypes, i;
	size_t avail;
	GError *e = NULL;

	p = tr_window(r, r->size >= 8 ? r->size - 8 : 0, 8, &avail, &e);
	if (e) {
		g_propagate_error(err, e);
		return -EIO;
	}
	if (r->size < 8 || avail < 8 || dst_le32(p + 4) != DST_TRAILER_MAGIC)
		return tr_err(r, err, EINVAL, r->size,
			      "truncated: no end-of-trace index");
	plen = dst_le32(p);
	if (plen + 8 > r->size || plen < 36 + 8 * TRACE_EV_NR)
		return tr_err(r, err, EINVAL, r->size - 8,
			      "corrupt end-of-trace index length %"
			      G_GUINT64_FORMAT, plen);
	start = r->size - 8 - plen;
	p = tr_window(r, start, plen + 8, &avail, &e);
	if (e) {
		g_propagate_error(err, e);
		return -EIO;
	}
	if (avail < plen + 8 || dst_le32(p) != DST_SKIP_MAGIC ||
	    dst_le32(p + 4) != plen || dst_le32(p + 8) != DST_INDEX_MAGIC)
		return tr_err(r, err, EINVAL, start,
			      "corrupt end-of-trace index header");
	p += 8;
	n = dst_le32(p + 4);
	ntypes = dst_le32(p + 16);
	need = 20 + 8 * (uint64_t)ntypes + 16 + 24 * (uint64_t)n + 8;
	if (ntypes < TRACE_EV_NR || ntypes > 64 || need != plen)
		return tr_err(r, err, EINVAL, start,
			      "corrupt end-of-trace index sizes");
	r->sum.nr_events = dst_le64(p + 8);
	r->sum.nr_frames = n;
	for (i = 0; i < TRACE_EV_NR; i++)
		r->sum.counts[i] = dst_le64(p + 20 + 8 * i);
	p += 20 + 8 * (uint64_t)ntypes;
	r->sum.first_time_ns = dst_le64(p);
	r->sum.last_time_ns = dst_le64(p + 8);
	p += 16;
	r->index = g_new(struct tr_index_ent, n ? n : 1);
	for (i = 0; i < n; i++, p += 24) {
		struct tr_index_ent *ent = &r->index[i];

		ent->offset = dst_le64(p);
		ent->first_time = dst_le64(p + 8);
		ent->first_event = dst_le64(p + 16);
		if (ent->offset >= start ||
		    (i && (ent->offset <= r->index[i - 1].offset ||
			   ent->first_time < r->index[i - 1].first_time ||
			   ent->first_event <= r->index[i - 1].first_event)) ||
		    (!i && (ent->offset != r->next_off || ent->first_event)) ||
		    ent->first_event >= r->sum.nr_events)
			return tr_err(r, err, EINVAL, start,
				      "corrupt end-of-trace index entry %u", i);
	}
	r->data_end = start;
	r->sum.file_size = r->size;
	return 0;
}

static struct trace_reader *tr_open(struct trace_reader *r, GError **err)
{
	r->dctx = ZSTD_createDCtx();
	if (tr_parse_header(r, err) < 0 || tr_parse_index(r, err) < 0) {
		trace_reader_close(r);
		return NULL;
	}
	r->cpus = g_new0(struct tr_cpu, r->hdr.nr_cpus);
	return r;
}

struct trace_reader *trace_reader_open(const char *path, GError **err)
{
	struct trace_reader *r;
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		g_set_error(err, TRACE_ERROR, errno, "%s: %s", path,
			    g_strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		g_set_error(err, TRACE_ERROR, EINVAL,
			    "%s: not a regular file", path);
		close(fd);
		return NULL;
	}
	r = g_new0(struct trace_reader, 1);
	r->name = g_strdup(path);
	r->fd = fd;
	r->size = st.st_size;
	return tr_open(r, err);
}

struct trace_reader *trace_reader_open_mem(const void *data, size_t len,
					   const char *name, GError **err)
{
	struct trace_reader *r = g_new0(struct trace_reader, 1);

	r->name = g_strdup(name);
	r->fd = -1;
	r->mem = data;
	r->size = len;
	return tr_open(r, err);
}

const struct trace_header *trace_reader_header(const struct trace_reader *r)
{
	return &r->hdr;
}

const struct trace_summary *trace_reader_summary(const struct trace_reader *r)
{
	return &r->sum;
}

uint64_t trace_reader_offset(const struct trace_reader *r)
{
	return r->frame_off;
}

/*
 * Check a frame's address encoding (header bytes 18, 19) against its
 * columns and set the reader up for it.  A packed column's length must be
 * exactly what its accesses need, so decoding it needs no bounds checks.
 */
static int tr_check_addr(struct trace_reader *r, const uint8_t *p,
			 uint32_t nev)
{
	const uint8_t *tag = r->cur[DST_COL_TAG];
	unsigned int mode = p[18], width = p[19];
	uint64_t len = r->end[DST_COL_ADDR] - r->cur[DST_COL_ADDR], nacc;
	uint64_t want, x;
	uint32_t i;

	r->amode = mode;
	r->awidth = width;
	r->abit = 0;
	if (mode == DST_ADDR_VARINT)
		return width == 0 ? 0 : -1;
	/* a packed value holds at least the write flag */
	if (r->hdr.version_major < 2 || mode >= DST_NR_ADDR_MODES ||
	    width < 1 || width > 64)
		return -1;
	/* count tags with bit 7 clear, 8 at a time (no popcnt needed) */
	nacc = nev;
	for (i = 0; i + 8 <= nev; i += 8) {
		memcpy(&x, tag + i, 8);
		x = (x >> 7) & 0x0101010101010101ull;
		nacc -= (x * 0x0101010101010101ull) >> 56;
	}
	for (; i < nev; i++)
		nacc -= tag[i] >> 7;
	want = (nacc * width + 7) / 8;
	if (mode == DST_ADDR_PBASE) {
		if (len < 8)
			return -1;
		r->abase = dst_le64(r->cur[DST_COL_ADDR]);
		want += 8;
	}
	if (len != want)
		return -1;
	r->apacked = r->cur[DST_COL_ADDR] + (mode == DST_ADDR_PBASE ? 8 : 0);
	/* the column is used up by construction when the frame is */
	r->cur[DST_COL_ADDR] = r->end[DST_COL_ADDR];
	return 0;
}

/* Load frame number r->frame_no at r->next_off.  Returns 1, 0 at end. */
static int tr_next_frame(struct trace_reader *r, GError **err)
{
	uint64_t off = r->next_off, csize, total = DST_FRAME_HDR;
	const struct tr_index_ent *ent;
	const uint8_t *p, *q;
	uint32_t nev;
	long len;
	int i;

	if (r->left == 0 && r->frame_no > 0 && r->frame_off) {
		for (i = 0; i < DST_NR_COLS; i++)
			if (r->cur[i] != r->end[i])
				return tr_err(r, err, EINVAL, r->frame_off,
					      "corrupt frame: column %d has "
					      "trailing bytes", i);
	}
	if (r->frame_no >= r->sum.nr_frames) {
		if (off != r->data_end)
			return tr_err(r, err, EINVAL, off,
				      "data after the last indexed frame");
		if (r->events_done != r->sum.nr_events)
			return tr_err(r, err, EINVAL, off,
				      "index says %" G_GUINT64_FORMAT
				      " events, frames hold %" G_GUINT64_FORMAT,
				      r->sum.nr_events, r->events_done);
		return 0;
	}
	ent = &r->index[r->frame_no];
	if (off != ent->offset || r->events_done != ent->first_event)
		return tr_err(r, err, EINVAL, off,
			      "frame %u does not match the index", r->frame_no);
	len = tr_load_frame(r, off, TRACE_MAX_FRAME_BYTES, &csize, err);
	if (len < 0)
		return len;
	p = r->out;
	if (len < DST_FRAME_HDR || dst_le32(p) != DST_FRAME_MAGIC ||
	    p[17] != DST_NR_COLS || p[16] > 63)
		return tr_err(r, err, EINVAL, off, "corrupt frame header");
	nev = dst_le32(p + 4);
	if (nev == 0 || nev > TRACE_MAX_FRAME_EVENTS ||
	    dst_le64(p + 8) != ent->first_time)
		return tr_err(r, err, EINVAL, off,
			      "corrupt frame header (events %u)", nev);
	q = p + DST_FRAME_HDR;
	for (i = 0; i < DST_NR_COLS; i++) {
		uint32_t cl = dst_le32(p + 20 + 4 * i);

		total += cl;
		if (total > (uint64_t)len)
			return tr_err(r, err, EINVAL, off,
				      "corrupt frame: column %d overruns", i);
		r->cur[i] = q;
		r->end[i] = q + cl;
		q += cl;
	}
	if (total != (uint64_t)len || r->end[DST_COL_TAG] - r->cur[DST_COL_TAG]
	    != nev)
		return tr_err(r, err, EINVAL, off, "corrupt frame sizes");
	if (r->frame_no && ent->first_time < r->time)
		return tr_err(r, err, EINVAL, off, "frame goes back in time");
	if (tr_check_addr(r, p, nev) < 0)
		return tr_err(r, err, EINVAL, off,
			      "corrupt frame: address encoding %u width %u "
			      "does not fit its column", p[18], p[19]);
	r->frame_off = off;
	r->next_off = off + csize;
	r->frame_no++;
	r->left = nev;
	r->shift = p[16];
	r->time = ent->first_time;
	memset(r->cpus, 0, sizeof(struct tr_cpu) * r->hdr.nr_cpus);
	return 1;
}

static int tr_corrupt(struct trace_reader *r, GError **err, const char *what)
{
	r->left = 0;
	r->frame_no = r->sum.nr_frames;
	r->next_off = r->data_end;
	return tr_err(r, err, EINVAL, r->frame_off, "corrupt frame: %s", what);
}

static int tr_decode_other(struct trace_reader *r, uint8_t tag,
			   struct trace_event *ev, GError **err)
{
	const uint8_t **pp = &r->cur[DST_COL_OTHER];
	const uint8_t *end = r->end[DST_COL_OTHER], *b;
	uint64_t len, cpu, tid, v[4] = { 0 }, nlen;
	unsigned int type = tag & 0x7f;

	if (dst_get_varint(pp, end, &len) || len > (uint64_t)(end - *pp))
		return tr_corrupt(r, err, "bad event length");
	b = *pp;
	end = b + len;
	*pp = end;
	if (dst_get_varint(&b, end, &cpu) || dst_get_varint(&b, end, &tid) ||
	    cpu >= r->hdr.nr_cpus || tid > UINT32_MAX)
		return tr_corrupt(r, err, "bad cpu or tid");
	ev->type = type;
	ev->cpu = cpu;
	ev->tid = tid;
	ev->write = false;
	switch (type) {
	case TRACE_EV_MAP:
		if (dst_get_varint(&b, end, &v[0]) ||
		    dst_get_varint(&b, end, &v[1]) ||
		    dst_get_varint(&b, end, &v[2]) ||
		    dst_get_varint(&b, end, &v[3]) || v[3] > UINT32_MAX ||
		    v[2] > UINT32_MAX)
			return tr_corrupt(r, err, "bad map event");
		break;
	case TRACE_EV_UNMAP:
		if (dst_get_varint(&b, end, &v[0]) ||
		    dst_get_varint(&b, end, &v[1]))
			return tr_corrupt(r, err, "bad unmap event");
		break;
	case TRACE_EV_PHASE:
		if (dst_get_varint(&b, end, &nlen) || nlen > TRACE_MAX_NAME ||
		    nlen > (uint64_t)(end - b))
			return tr_corrupt(r, err, "bad phase name");
		memcpy(r->name_buf, b, nlen);
		r->name_buf[nlen] = '\0';
		ev->name = r->name_buf;
		break;
	case TRACE_EV_THREAD_START:
	case TRACE_EV_THREAD_EXIT:
		break;
	default:
		/* a newer minor version's event: skip it (length known) */
		return 2;
	}
	ev->addr = v[0];
	ev->size = v[1];
	ev->map_flags = v[2];
	ev->memcg = v[3];
	ev->insns = 0;
	return 1;
}

/*
 * Store an access with as few stores as the layout allows: the four small
 * leading fields and the two 32-bit map fields each go in one 64-bit
 * store (little-endian hosts; checked at compile time).
 */
G_STATIC_ASSERT(offsetof(struct trace_event, write) == 1 &&
		offsetof(struct trace_event, cpu) == 2 &&
		offsetof(struct trace_event, tid) == 4 &&
		offsetof(struct trace_event, memcg) ==
		offsetof(struct trace_event, map_flags) + 4);

static inline void tr_put_access(struct trace_event *ev, uint8_t t,
				 unsigned int c, uint32_t tid, uint64_t time,
				 uint64_t addr, uint64_t size)
{
	uint64_t head = 0;

#if G_BYTE_ORDER == G_LITTLE_ENDIAN
	head = TRACE_EV_ACCESS | (uint64_t)(t & DST_TAG_WRITE) << 8 |
	       (uint64_t)c << 16 | (uint64_t)tid << 32;
	memcpy(ev, &head, 8);
	memcpy(&ev->map_flags, &(uint64_t){ 0 }, 8);
#else
	ev->type = TRACE_EV_ACCESS;
	ev->write = t & DST_TAG_WRITE;
	ev->cpu = c;
	ev->tid = tid;
	ev->map_flags = 0;
	ev->memcg = 0;
	(void)head;
#endif
	ev->time_ns = time;
	ev->addr = addr;
	ev->size = size;
	ev->insns = 0;
	ev->name = NULL;
}

/* tr_put_access() with the leading 8 bytes of the event already built. */
static inline void tr_store_access(struct trace_event *ev, uint64_t head,
				   uint64_t time, uint64_t addr, uint64_t size)
{
#if G_BYTE_ORDER == G_LITTLE_ENDIAN && GLIB_SIZEOF_VOID_P == 8
	/* head, time, addr, size, insns, map_flags + memcg, NULL name */
	uint8_t *p = (uint8_t *)ev;
	const uint64_t z = 0;

	G_STATIC_ASSERT(sizeof(*ev) == 56 &&
			offsetof(struct trace_event, time_ns) == 8 &&
			offsetof(struct trace_event, addr) == 16 &&
			offsetof(struct trace_event, size) == 24 &&
			offsetof(struct trace_event, insns) == 32 &&
			offsetof(struct trace_event, map_flags) == 40 &&
			offsetof(struct trace_event, name) == 48);
	/*
	 * One store per word: building the event in a local array and
	 * copying it makes gcc reload it in 16-byte pieces, which stalls
	 * on store forwarding.
	 */
	memcpy(p, &head, 8);
	memcpy(p + 8, &time, 8);
	memcpy(p + 16, &addr, 8);
	memcpy(p + 24, &size, 8);
	memcpy(p + 32, &z, 8);
	memcpy(p + 40, &z, 8);
	memcpy(p + 48, &z, 8);
#else
	tr_put_access(ev, (head >> 8) & 0xff, (head >> 16) & 0xffff,
		      head >> 32, time, addr, size);
#endif
}

/*
 * Decode one event of any kind with every bound checked.  The fast loop in
 * tr_decode_batch() falls back to this for all but plain accesses.
 * Returns 1 for an event, 2 for a skipped unknown event, or negative errno.
 */
static int tr_decode_slow(struct trace_reader *r, uint8_t t,
			  struct trace_event *ev, GError **err)
{
	const uint8_t **ad = &r->cur[DST_COL_ADDR];
	uint64_t d, a, v;
	unsigned int c;
	struct tr_cpu *cs;

	if (dst_get_varint(&r->cur[DST_COL_DTIME], r->end[DST_COL_DTIME], &d))
		return tr_corrupt(r, err, "time column");
	if (r->time + d < r->time)
		return tr_corrupt(r, err, "time overflow");
	r->time += d;
	ev->time_ns = r->time;
	if (t & DST_TAG_OTHER)
		return tr_decode_other(r, t, ev, err);
	c = (t >> DST_TAG_CPU_SHIFT) & 7;
	if (c == DST_TAG_CPU_ESC) {
		if (dst_get_varint(&r->cur[DST_COL_CPU], r->end[DST_COL_CPU],
				   &v))
			return tr_corrupt(r, err, "cpu column");
		c = v < TRACE_MAX_CPUS ? (unsigned int)v : TRACE_MAX_CPUS;
	}
	if (c >= r->hdr.nr_cpus)
		return tr_corrupt(r, err, "cpu out of range");
	cs = &r->cpus[c];
	if (t & DST_TAG_SIZE) {
		if (dst_get_varint(&r->cur[DST_COL_SIZE], r->end[DST_COL_SIZE],
				   &v))
			return tr_corrupt(r, err, "size column");
		if (v > TRACE_MAX_ACCESS_SIZE)
			return tr_corrupt(r, err, "access size too large");
		cs->size = v;
	}
	if (t & DST_TAG_TID) {
		if (dst_get_varint(&r->cur[DST_COL_TID], r->end[DST_COL_TID],
				   &v) || v > UINT32_MAX)
			return tr_corrupt(r, err, "tid column");
		cs->tid = v;
	}
	ev->insns = 0;
	if ((t & DST_TAG_INSN) &&
	    dst_get_varint(&r->cur[DST_COL_INSN], r->end[DST_COL_INSN],
			   &ev->insns))
		return tr_corrupt(r, err, "insn column");
	ev->write = t & DST_TAG_WRITE;
	if (r->amode != DST_ADDR_VARINT) {
		/* in bounds: tr_check_addr() sized the column */
		if (t & DST_TAG_WRITE)
			return tr_corrupt(r, err, "write flag in a tag");
		a = dst_get_bits(r->apacked, r->abit, r->awidth);
		r->abit += r->awidth;
		ev->write = a & 1;
		a >>= 1;
	} else if (dst_get_varint(ad, r->end[DST_COL_ADDR], &a)) {
		return tr_corrupt(r, err, "address column");
	}
	if (r->amode == DST_ADDR_PBASE) {
		ev->addr = (r->abase + a) << r->shift;
	} else {
		cs->addr += (uint64_t)dst_unzigzag(a);
		ev->addr = cs->addr << r->shift;
	}
	ev->type = TRACE_EV_ACCESS;
	ev->cpu = c;
	ev->tid = cs->tid;
	ev->size = cs->size;
	ev->map_flags = 0;
	ev->memcg = 0;
	ev->name = NULL;
	return 1;
}

/*
 * Length, up to @n, of the run of events at @tag that are plain accesses
 * on CPU @c (tag c << 4; with or without the write bit when @tmask has
 * 0xfe in each byte, without it when 0xff) whose time delta
 * and, with @ad, address varint are single bytes: such a run decodes
 * with no per-event tests.  Looks at 8 bytes at a time (SWAR); @n must
 * not exceed what is left of any of the three columns, and up to 7 bytes
 * past it are read (in bounds thanks to DST_SLACK).
 */
static inline uint32_t tr_run_len(const uint8_t *tag, const uint8_t *dt,
				  const uint8_t *ad, uint32_t n, unsigned int c,
				  uint64_t tmask)
{
	const uint64_t hi = 0x8080808080808080ull, lo7 = 0x7f7f7f7f7f7f7f7full;
	const uint64_t cb = 0x0101010101010101ull * (c << DST_TAG_CPU_SHIFT);
	uint64_t x, bad;
	uint32_t i;

	for (i = 0; i < n; i += 8) {
		memcpy(&x, tag + i, 8);
		x = (GUINT64_FROM_LE(x) ^ cb) & tmask;
		bad = (((x & lo7) + lo7) | x) & hi;
		memcpy(&x, dt + i, 8);
		bad |= GUINT64_FROM_LE(x) & hi;
		if (ad) {
			memcpy(&x, ad + i, 8);
			bad |= GUINT64_FROM_LE(x) & hi;
		}
		if (bad)
			return MIN(n, i + (__builtin_ctzll(bad) >> 3));
	}
	return n;
}

/*
 * The fast loops keep the running CPU's previous address in a register
 * (@la, for CPU *@lc, UINT_MAX for none): on a change of CPU, put it back
 * and return CPU @c's.
 */
static inline uint64_t tr_switch_cpu(struct tr_cpu *cpus, unsigned int *lc,
				     uint64_t la, unsigned int c)
{
	if (c == *lc)
		return la;
	if (*lc != UINT_MAX)
		cpus[*lc].addr = la;
	*lc = c;
	return cpus[c].addr;
}

/*
 * Decode plain accesses -- on CPU 0..6, size, tid and instruction count
 * unchanged -- from the current frame into @ev until @n are done or an
 * event needs tr_decode_slow().  Returns how many were decoded.
 *
 * @mode is a constant at each call site, so each address encoding gets
 * its own loop: the packed ones are a load, shift and mask per access.
 * Nothing is consumed for the event that stops the loop.  Loads of 8
 * bytes at a column position are in bounds thanks to DST_SLACK; a varint
 * that would run past its column stops the loop and the slow path
 * reports it.
 */
static __attribute__((always_inline)) inline uint32_t
tr_fast(struct trace_reader *r, struct trace_event *ev, uint32_t n,
	const unsigned int mode)
{
	const uint8_t *tag0 = r->cur[DST_COL_TAG], *tag = tag0;
	const uint8_t *tag_end = tag + n;
	const uint8_t *dt = r->cur[DST_COL_DTIME];
	const uint8_t *dt_end = r->end[DST_COL_DTIME];
	const uint8_t *ad = r->cur[DST_COL_ADDR];
	const uint8_t *ad_end = r->end[DST_COL_ADDR];
	const uint8_t *ap = r->apacked;
	struct tr_cpu *cpus = r->cpus;
	unsigned int shift = r->shift, w = r->awidth;
	unsigned int ncf = MIN(r->hdr.nr_cpus, DST_TAG_CPU_ESC);
	unsigned int lc = UINT_MAX;	/* CPU whose address is in la */
	uint64_t time = r->time, abit = r->abit, base = r->abase;
	uint64_t mask = dst_low_mask(w), la = 0;
	/*
	 * addr << shift as a multiplication: x86 shifts by a variable count
	 * need %cl, which the bit extraction already uses.
	 */
	uint64_t mul = 1ull << shift, base_s = base << shift;

	if (mode != DST_ADDR_VARINT && w > 56)
		return 0;	/* a value may span 9 bytes: slow path */
	while (tag < tag_end) {
		uint8_t t = *tag;
		unsigned int c = t >> DST_TAG_CPU_SHIFT, kd, ka;
		uint64_t d, v, addr, wr;
		uint32_t k, i;

		if (G_UNLIKELY((t & (mode == DST_ADDR_VARINT ? 0x8e : 0x8f)) ||
			       c >= ncf || dt >= dt_end))
			break;
		k = MIN(tag_end - tag, dt_end - dt);
		if (mode == DST_ADDR_VARINT)
			k = MIN(k, (size_t)(ad_end - ad));
		k = tr_run_len(tag, dt, mode == DST_ADDR_VARINT ? ad : NULL,
			       k, c, mode == DST_ADDR_VARINT ?
			       0xfefefefefefefefeull : ~0ull);
		/* 1-byte deltas: time overflows in a run only near 2^64 */
		if (k > 1 && time + 128 * (uint64_t)k > time) {
			uint64_t head = (uint64_t)c << 16 |
					(uint64_t)cpus[c].tid << 32;
			uint64_t size = cpus[c].size;

			if (mode != DST_ADDR_PBASE)
				la = tr_switch_cpu(cpus, &lc, la, c);
			#pragma GCC unroll 4
			for (i = 0; i < k; i++) {
				time += dt[i];
				if (mode == DST_ADDR_VARINT) {
					v = ad[i];
					wr = tag[i] & DST_TAG_WRITE;
				} else {
					v = dst_get_bits56(ap, abit, mask);
					abit += w;
					wr = v & 1;
					v >>= 1;
				}
				if (mode == DST_ADDR_PBASE) {
					addr = base_s + v * mul;
				} else {
					la += (uint64_t)dst_unzigzag(v);
					addr = la * mul;
				}
				tr_store_access(ev + i, head | wr << 8, time,
						addr, size);
			}
			tag += k;
			dt += k;
			if (mode == DST_ADDR_VARINT)
				ad += k;
			ev += k;
			continue;
		}
		if (G_LIKELY(*dt < 0x80)) {
			d = *dt;
			kd = 1;
		} else {
			kd = dst_get_varint8(dt, &d);
			if (!kd || kd > (size_t)(dt_end - dt))
				break;
		}
		if (G_UNLIKELY(time + d < time))
			break;
		if (mode == DST_ADDR_VARINT) {
			if (ad >= ad_end)
				break;
			ka = dst_get_varint8(ad, &v);
			if (!ka || ka > (size_t)(ad_end - ad))
				break;
			ad += ka;
			wr = t & DST_TAG_WRITE;
		} else {
			v = dst_get_bits56(ap, abit, mask);
			abit += w;
			wr = v & 1;
			v >>= 1;
		}
		if (mode == DST_ADDR_PBASE) {
			addr = (base + v) << shift;
		} else {
			la = tr_switch_cpu(cpus, &lc, la, c);
			la += (uint64_t)dst_unzigzag(v);
			addr = la << shift;
		}
		dt += kd;
		time += d;
		tr_put_access(ev, wr, c, cpus[c].tid, time, addr, cpus[c].size);
		ev++;
		tag++;
	}
	if (lc != UINT_MAX)
		cpus[lc].addr = la;
	r->cur[DST_COL_TAG] = tag;
	r->cur[DST_COL_DTIME] = dt;
	if (mode == DST_ADDR_VARINT)
		r->cur[DST_COL_ADDR] = ad;
	r->abit = abit;
	r->time = time;
	return tag - tag0;
}

/*
 * Decode up to @max events of the current frame (loading the next frame if
 * the current one is used up) into @out: runs of plain accesses in
 * tr_fast(), everything else one by one in tr_decode_slow().  A batch
 * ends after a phase event so its name buffer stays valid until the next
 * batch.
 */
static int tr_decode_batch(struct trace_reader *r, struct trace_event *out,
			   int max, GError **err)
{
	struct trace_event *ev = out;
	uint32_t todo, k;
	int ret;

again:
	while (!r->left) {
		ret = tr_next_frame(r, err);
		if (ret <= 0)
			return ret;
	}
	todo = MIN((uint32_t)max - (ev - out), r->left);
	while (todo) {
		switch (r->amode) {
		case DST_ADDR_PBASE:
			k = tr_fast(r, ev, todo, DST_ADDR_PBASE);
			break;
		case DST_ADDR_PDELTA:
			k = tr_fast(r, ev, todo, DST_ADDR_PDELTA);
			break;
		default:
			k = tr_fast(r, ev, todo, DST_ADDR_VARINT);
			break;
		}
		ev += k;
		todo -= k;
		r->left -= k;
		r->events_done += k;
		if (!todo)
			break;
		ret = tr_decode_slow(r, *r->cur[DST_COL_TAG]++, ev, err);
		if (ret < 0)
			return ret;
		todo--;
		r->left--;
		r->events_done++;
		if (ret == 2)	/* an unknown newer event type: skipped */
			continue;
		ev++;
		if (ev[-1].type == TRACE_EV_PHASE)
			return ev - out;
	}
	if (ev == out)	/* only skipped events so far: keep going */
		goto again;
	return ev - out;
}

int trace_reader_next_batch(struct trace_reader *r, struct trace_event *evs,
			    int max, GError **err)
{
	int n;

	if (r->bpos < r->blen) {
		n = MIN(max, r->blen - r->bpos);
		memcpy(evs, &r->batch[r->bpos], n * sizeof(*evs));
		r->bpos += n;
		return n;
	}
	return tr_decode_batch(r, evs, max, err);
}

static int trace_reader_next_slow(struct trace_reader *r,
				  struct trace_event *ev, GError **err);

int trace_reader_next(struct trace_reader *r, struct trace_event *ev,
		      GError **err)
{
	if (G_LIKELY(r->bpos < r->blen)) {
		*ev = r->batch[r->bpos++];
		return 1;
	}
	return trace_reader_next_slow(r, ev, err);
}

static int trace_reader_next_slow(struct trace_reader *r,
				  struct trace_event *ev, GError **err)
{
	int n = tr_decode_batch(r, r->batch, TR_BATCH, err);

	if (n <= 0) {
		r->bpos = r->blen = 0;
		return n;
	}
	r->blen = n;
	r->bpos = 1;
	*ev = r->batch[0];
	return 1;
}

int trace_reader_seek_frame(struct trace_reader *r, uint32_t frame,
			    GError **err)
{
	if (frame >= r->sum.nr_frames)
		return tr_err(r, err, EINVAL, r->data_end,
			      "seek to frame %u of %u", frame,
			      r->sum.nr_frames);
	r->frame_no = frame;
	r->frame_off = 0;
	r->next_off = r->index[frame].offset;
	r->events_done = r->index[frame].first_event;
	r->time = r->index[frame].first_time;
	r->left = 0;
	r->bpos = r->blen = 0;
	return 0;
}

int trace_reader_seek_time(struct trace_reader *r, uint64_t time_ns,
			   GError **err)
{
	uint32_t lo = 0, hi = r->sum.nr_frames;
	int n, ret;

	if (!hi) {
		r->bpos = r->blen = 0;
		return 0;
	}
	/* last frame whose first event is strictly before time_ns */
	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (r->index[mid].first_time < time_ns)
			lo = mid;
		else
			hi = mid;
	}
	ret = trace_reader_seek_frame(r, lo, err);
	if (ret < 0)
		return ret;
	for (;;) {
		n = tr_decode_batch(r, r->batch, TR_BATCH, err);
		if (n <= 0)
			return n;
		r->blen = n;
		for (r->bpos = 0; r->bpos < r->blen; r->bpos++)
			if (r->batch[r->bpos].time_ns >= time_ns)
				return 0;
	}
}

void trace_reader_close(struct trace_reader *r)
{
	if (!r)
		return;
	if (r->fd >= 0)
		close(r->fd);
	ZSTD_freeDCtx(r->dctx);
	trace_header_clear(&r->hdr);
	g_free(r->index);
	g_free(r->in);
	g_free(r->out);
	g_free(r->cpus);
	g_free(r->name);
	g_free(r);
}
