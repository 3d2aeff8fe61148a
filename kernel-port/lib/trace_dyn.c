// SPDX-License-Identifier: GPL-2.0
/*
 * trace_dyn.c - dynamic arrays of trace entries: the tail reservation the
 * offsets pass makes, reading them back for the host, and __print_hex.
 */
#include <linux/kernel.h>
#include <linux/tracepoint.h>

#include "hostops.h"

u32 kport_trace_dyn_reserve(size_t tail_offset, unsigned int *used,
			    size_t size, size_t align)
{
	size_t offset;

	/* the tail itself is 8-byte aligned, so aligning the fill suffices */
	*used = (unsigned int)ALIGN((size_t)*used, min_t(size_t, align, 8));
	offset = tail_offset + *used;

	/*
	 * The entry's tail is fixed; a tree whose arrays outgrow it would
	 * have TP_fast_assign write past the entry, so stop loudly instead.
	 */
	if (*used > KPORT_TRACE_DYN_MAX || size > KPORT_TRACE_DYN_MAX - *used ||
	    offset > 0xffff) {
		fprintf(stderr,
			"kernel-port: trace event dynamic arrays need %zu more bytes than KPORT_TRACE_DYN_MAX (%d)\n",
			size, KPORT_TRACE_DYN_MAX);
		abort();
	}
	*used += (unsigned int)size;
	return (u32)offset | (u32)size << 16;
}

const void *kport_trace_array(const struct kport_trace_event *ev,
			      const char *field, size_t *len)
{
	const struct kport_trace_field *f;
	unsigned int i;
	u32 loc;

	for (i = 0; i < ev->nr_fields; i++) {
		f = &ev->fields[i];
		if (!f->is_dynamic || strcmp(f->name, field))
			continue;
		memcpy(&loc, (const unsigned char *)ev->entry + f->offset,
		       sizeof(loc));
		*len = loc >> 16;
		return (const unsigned char *)ev->entry + (loc & 0xffff);
	}
	return NULL;
}

/* A few rotating buffers: one TP_printk may print several arrays. */
#define HEX_BUFS 4
#define HEX_BUF_LEN 256

const char *kport_trace_print_hex(const void *buf, size_t len)
{
	static __thread char out[HEX_BUFS][HEX_BUF_LEN];
	static __thread unsigned int next;
	const unsigned char *p = buf;
	char *s = out[next++ % HEX_BUFS];
	size_t i, n = 0;

	/* Kernel format: two hex digits per byte, space separated. */
	s[0] = '\0';
	for (i = 0; i < len && n + 4 < HEX_BUF_LEN; i++)
		n += snprintf(s + n, HEX_BUF_LEN - n, i ? " %02x" : "%02x",
			      p[i]);
	return s;
}
