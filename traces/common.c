// SPDX-License-Identifier: GPL-2.0
/*
 * common.c - header helpers and names shared by the traces library.
 */
#include <string.h>

#include "traces/trace.h"

static const char *const trace_type_names[TRACE_EV_NR] = {
	[TRACE_EV_ACCESS] = "access",
	[TRACE_EV_MAP] = "map",
	[TRACE_EV_UNMAP] = "unmap",
	[TRACE_EV_THREAD_START] = "thread_start",
	[TRACE_EV_THREAD_EXIT] = "thread_exit",
	[TRACE_EV_PHASE] = "phase",
};

void trace_header_init(struct trace_header *h)
{
	memset(h, 0, sizeof(*h));
	h->version_major = TRACE_VERSION_MAJOR;
	h->version_minor = TRACE_VERSION_MINOR;
	h->page_size = 4096;
	h->nr_cpus = 1;
}

void trace_header_clear(struct trace_header *h)
{
	g_free(h->description);
	h->description = NULL;
}

void trace_header_copy(struct trace_header *dst,
		       const struct trace_header *src)
{
	*dst = *src;
	dst->description = g_strdup(src->description ? src->description : "");
}

const char *trace_event_type_name(unsigned int type)
{
	return type < TRACE_EV_NR ? trace_type_names[type] : "unknown";
}

GQuark trace_error_quark(void)
{
	return g_quark_from_static_string("damonsim-trace-error");
}
