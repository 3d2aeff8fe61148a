/* SPDX-License-Identifier: GPL-2.0 */
/*
 * codec.h - byte layout constants and varint helpers shared by the trace
 * writer and reader.  Internal to traces/; docs/trace-format.md is the
 * specification these constants implement.
 */
#ifndef DAMONSIM_TRACES_CODEC_H
#define DAMONSIM_TRACES_CODEC_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <glib.h>

#define DST_MAGIC		"DMSTRACE"
#define DST_MAGIC_LEN		8
#define DST_HDR_FIXED		44
#define DST_FRAME_MAGIC		0x46545344u	/* "DSTF" */
#define DST_INDEX_MAGIC		0x49545344u	/* "DSTI" */
#define DST_TRAILER_MAGIC	0x58545344u	/* "DSTX" */
#define DST_SKIP_MAGIC		0x184D2A5Du	/* zstd skippable */
#define DST_ZSTD_MAGIC		0xFD2FB528u

/* Columns of a data frame, in their order in the frame. */
enum dst_col {
	DST_COL_TAG,
	DST_COL_DTIME,
	DST_COL_CPU,
	DST_COL_TID,
	DST_COL_SIZE,
	DST_COL_ADDR,
	DST_COL_INSN,
	DST_COL_OTHER,
	DST_NR_COLS,
};

#define DST_FRAME_HDR		(20 + 4 * DST_NR_COLS)

/* Oldest major version this reader still reads (1.x: varint addresses). */
#define DST_OLDEST_MAJOR	1

/*
 * Address encodings of a data frame (frame header byte 18; 1.x frames
 * have 0 there).  The writer picks, per frame, the one whose ADDR column
 * is smallest before compression; the packed ones decode without
 * branches.
 */
enum dst_addr_mode {
	DST_ADDR_VARINT,	/* varint zigzag delta, per CPU */
	DST_ADDR_PDELTA,	/* W-bit packed zigzag delta, per CPU */
	DST_ADDR_PBASE,		/* 8-byte base, then W-bit packed addr - base */
	DST_NR_ADDR_MODES,
};

/*
 * Zeroed bytes a reader keeps after a decompressed frame, so that
 * unaligned 8-byte loads (packed values, varints) near a column's end
 * stay inside the buffer; what they read past the column is masked off
 * or rejected.
 */
#define DST_SLACK		16

/* Access tag bits (bit 7 clear). */
#define DST_TAG_OTHER		0x80
#define DST_TAG_WRITE		0x01
#define DST_TAG_SIZE		0x02
#define DST_TAG_TID		0x04
#define DST_TAG_INSN		0x08
#define DST_TAG_CPU_SHIFT	4
#define DST_TAG_CPU_ESC		7

static inline void dst_put_le32(uint8_t *p, uint32_t v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

static inline void dst_put_le64(uint8_t *p, uint64_t v)
{
	dst_put_le32(p, (uint32_t)v);
	dst_put_le32(p + 4, (uint32_t)(v >> 32));
}

static inline uint32_t dst_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static inline uint64_t dst_le64(const uint8_t *p)
{
	return (uint64_t)dst_le32(p) | (uint64_t)dst_le32(p + 4) << 32;
}

/* Append an unsigned LEB128 varint; @p must have 10 free bytes. */
static inline uint8_t *dst_put_varint(uint8_t *p, uint64_t v)
{
	while (v >= 0x80) {
		*p++ = (uint8_t)v | 0x80;
		v >>= 7;
	}
	*p++ = (uint8_t)v;
	return p;
}

/*
 * Read a varint from [*pp, end).  Returns 0 and advances *pp, or -1 if the
 * varint runs past @end or is longer than 10 bytes.  The fast path avoids
 * a bounds check per byte when 10 bytes are known to be available.
 */
static inline int dst_get_varint(const uint8_t **pp, const uint8_t *end,
				 uint64_t *out)
{
	const uint8_t *p = *pp;
	uint64_t v = 0;
	unsigned int shift = 0;

	if (p < end && *p < 0x80) {
		*out = *p;
		*pp = p + 1;
		return 0;
	}
	while (p < end && shift < 70) {
		uint8_t b = *p++;

		v |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80)) {
			*out = v;
			*pp = p;
			return 0;
		}
		shift += 7;
	}
	return -1;
}

/*
 * Branch-free varint decode of up to 8 bytes when 8 bytes are readable:
 * find the terminating byte from the continuation bits, mask the varint's
 * bytes, then fold the 7-bit groups together in three steps.  Returns the
 * length, or 0 if the varint is longer than 8 bytes (use dst_get_varint).
 * Random addresses make the per-byte loop mispredict; this does not.
 */
static inline unsigned int dst_get_varint8(const uint8_t *p, uint64_t *out)
{
	uint64_t x, stop, v;

	if (!(p[0] & 0x80)) {	/* one byte: time steps, scans */
		*out = p[0];
		return 1;
	}
	memcpy(&x, p, 8);
	x = GUINT64_FROM_LE(x);
	stop = ~x & 0x8080808080808080ull;
	if (!stop)
		return 0;
	v = x & (stop ^ (stop - 1)) & 0x7f7f7f7f7f7f7f7full;
	v = ((v & 0x7f007f007f007f00ull) >> 1) | (v & 0x007f007f007f007full);
	v = ((v & 0x3fff00003fff0000ull) >> 2) | (v & 0x00003fff00003fffull);
	v = ((v & 0x0fffffff00000000ull) >> 4) | (v & 0x000000000fffffffull);
	*out = v;
	return (__builtin_ctzll(stop) >> 3) + 1;
}

/* Bits needed to hold @v (0 for 0). */
static inline unsigned int dst_bit_width(uint64_t v)
{
	return v ? 64 - __builtin_clzll(v) : 0;
}

/* Mask of the low @w bits, @w in 0..64. */
static inline uint64_t dst_low_mask(unsigned int w)
{
	return w >= 64 ? ~0ull : (1ull << w) - 1;
}

/*
 * Read the @w-bit value (w <= 64) at bit @bit of a packed column: values
 * are stored back to back from bit 0 of byte 0, least significant bit
 * first.  Reads 9 bytes from byte bit / 8, which must be readable.
 */
static inline uint64_t dst_get_bits(const uint8_t *col, uint64_t bit,
				    unsigned int w)
{
	const uint8_t *p = col + (bit >> 3);
	unsigned int sh = bit & 7;
	uint64_t x;

	memcpy(&x, p, 8);
	x = GUINT64_FROM_LE(x) >> sh;
	if (w + sh > 64)
		x |= (uint64_t)p[8] << (64 - sh);
	return x & dst_low_mask(w);
}

/*
 * dst_get_bits() for widths up to 56 (one load, no branch), with @mask =
 * dst_low_mask(width): the decoder's inner loops.  Reads 8 bytes.
 */
static inline uint64_t dst_get_bits56(const uint8_t *col, uint64_t bit,
				      uint64_t mask)
{
	uint64_t x;

	memcpy(&x, col + (bit >> 3), 8);
	return (GUINT64_FROM_LE(x) >> (bit & 7)) & mask;
}

/* Appends values of a fixed bit width to a packed column. */
struct dst_bit_writer {
	uint8_t *p;
	unsigned __int128 acc;
	unsigned int n;		/* bits pending in @acc */
};

static inline void dst_bits_put(struct dst_bit_writer *b, uint64_t v,
				unsigned int w)
{
	b->acc |= (unsigned __int128)(v & dst_low_mask(w)) << b->n;
	b->n += w;
	if (b->n >= 64) {
		dst_put_le64(b->p, (uint64_t)b->acc);
		b->p += 8;
		b->acc >>= 64;
		b->n -= 64;
	}
}

/* Write out the pending bits, zero-padded to a whole byte. */
static inline uint8_t *dst_bits_end(struct dst_bit_writer *b)
{
	while (b->n > 0) {
		*b->p++ = (uint8_t)b->acc;
		b->acc >>= 8;
		b->n = b->n > 8 ? b->n - 8 : 0;
	}
	return b->p;
}

static inline uint64_t dst_zigzag(int64_t v)
{
	return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
}

static inline int64_t dst_unzigzag(uint64_t v)
{
	return (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
}

#endif /* DAMONSIM_TRACES_CODEC_H */
