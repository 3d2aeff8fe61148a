// SPDX-License-Identifier: GPL-2.0
/*
 * tool-info.c - `damonsim trace info FILE`: header and statistics.
 */
#include <stdio.h>

#include "traces/reader.h"
#include "traces/stats.h"
#include "traces/tool.h"


int64_t trace_tool_scan(const char *path, struct trace_stats *st,
			struct trace_header *out_hdr,
			struct trace_summary *out_sum, GError **err)
{
	struct trace_reader *r = trace_reader_open(path, err);
	struct trace_event evs[256];
	int64_t n = 0;
	int ret, i;

	if (!r)
		return -1;
	if (st)
		trace_stats_init(st, trace_reader_header(r)->page_size);
	if (out_hdr)
		trace_header_copy(out_hdr, trace_reader_header(r));
	if (out_sum)
		*out_sum = *trace_reader_summary(r);
	while ((ret = trace_reader_next_batch(r, evs, 256, err)) > 0) {
		for (i = 0; st && i < ret; i++)
			trace_stats_add(st, &evs[i]);
		n += ret;
		if ((n ^ (n - ret)) >> 22)
			trace_tool_progress_print(path, n);
	}
	if (n >= 1 << 22)
		trace_tool_progress(path, UINT64_MAX);
	trace_reader_close(r);
	return ret < 0 ? ret : n;
}

int trace_tool_info(int argc, char **argv)
{
	GOptionContext *ctx = g_option_context_new("FILE");
	struct trace_summary sum;
	struct trace_header h;
	struct trace_stats st;
	GError *err = NULL;
	int64_t n;

	g_option_context_set_summary(ctx, "Print a trace's header, event "
				     "counts by type, time and address span,\n"
				     "footprint (distinct pages) and bytes "
				     "per event.");
	if (trace_tool_parse(ctx, &argc, &argv))
		return 2;
	if (argc != 2) {
		fprintf(stderr, "usage: damonsim trace info FILE\n");
		return 2;
	}
	n = trace_tool_scan(argv[1], &st, &h, &sum, &err);
	if (n < 0) {
		fprintf(stderr, "damonsim trace info: %s\n", err->message);
		g_error_free(err);
		if (st.chunks)
			trace_stats_clear(&st);
		return 1;
	}
	printf("file:            %s\n", argv[1]);
	printf("format version:  %u.%u\n", h.version_major, h.version_minor);
	printf("description:     %s\n", h.description);
	printf("page size:       %u\n", h.page_size);
	printf("cpus:            %u\n", h.nr_cpus);
	printf("threads:         %u\n", h.nr_threads);
	printf("time base:       %" G_GUINT64_FORMAT " ns\n", h.time_base_ns);
	printf("frames:          %u\n", sum.nr_frames);
	trace_stats_print(&st, stdout, sum.file_size);
	trace_stats_clear(&st);
	trace_header_clear(&h);
	return 0;
}
