// SPDX-License-Identifier: GPL-2.0
/*
 * tool-cat.c - `damonsim trace cat FILE`: the text format on stdout.
 */
#include <errno.h>
#include <stdio.h>

#include "traces/reader.h"
#include "traces/text.h"
#include "traces/tool.h"
#include "traces/units.h"

int trace_tool_cat(int argc, char **argv)
{
	char *from = NULL, *count = NULL, *out = NULL, *tmp = NULL;
	gboolean no_header = FALSE;
	GOptionEntry entries[] = {
		{ "output", 'o', 0, G_OPTION_ARG_FILENAME, &out,
		  "write to FILE instead of stdout", "FILE" },
		{ "from", 0, 0, G_OPTION_ARG_STRING, &from,
		  "start at the first event at or after TIME (e.g. 2s)",
		  "TIME" },
		{ "count", 'n', 0, G_OPTION_ARG_STRING, &count,
		  "print at most N events", "N" },
		{ "no-header", 0, 0, G_OPTION_ARG_NONE, &no_header,
		  "omit the %header lines", NULL },
		{ NULL },
	};
	GOptionContext *ctx = g_option_context_new("FILE");
	uint64_t t = 0, max = UINT64_MAX, n = 0;
	struct trace_reader *r = NULL;
	struct trace_event ev;
	GError *err = NULL;
	FILE *f = stdout;
	int ret = 0;

	g_option_context_set_summary(ctx, "Print a trace in the text format "
				     "(docs/trace-format.md), which\n"
				     "'damonsim trace import text' reads "
				     "back.");
	g_option_context_add_main_entries(ctx, entries, NULL);
	if (trace_tool_parse(ctx, &argc, &argv))
		return 2;
	if (argc != 2 || (from && trace_parse_time_ns(from, &t)) ||
	    (count && trace_parse_count(count, &max))) {
		fprintf(stderr, "usage: damonsim trace cat [--from TIME] "
			"[-n N] [-o FILE] FILE\n");
		ret = 2;
		goto free;
	}
	r = trace_reader_open(argv[1], &err);
	if (!r || (from && trace_reader_seek_time(r, t, &err) < 0)) {
		ret = -1;
		goto free;
	}
	if (out) {
		tmp = g_strdup_printf("%s.tmp", out);
		f = fopen(tmp, "w");
		if (!f) {
			g_set_error(&err, TRACE_ERROR, errno, "%s: %s", tmp,
				    g_strerror(errno));
			ret = -1;
			goto free;
		}
	}
	if (!no_header)
		trace_text_put_header(f, trace_reader_header(r));
	while (n < max && (ret = trace_reader_next(r, &ev, &err)) > 0) {
		trace_text_put_event(f, &ev);
		n++;
	}
	if (ret > 0)
		ret = 0;
	if (fflush(f) != 0 && !ret) {
		g_set_error(&err, TRACE_ERROR, errno, "write: %s",
			    g_strerror(errno));
		ret = -1;
	}
	if (out) {
		fclose(f);
		if (!ret && rename(tmp, out) != 0) {
			g_set_error(&err, TRACE_ERROR, errno, "%s: %s", out,
				    g_strerror(errno));
			ret = -1;
		}
		if (ret)
			remove(tmp);
	}
free:
	if (ret < 0) {
		fprintf(stderr, "damonsim trace cat: %s\n",
			err ? err->message : "failed");
		g_clear_error(&err);
		ret = 1;
	}
	trace_reader_close(r);
	g_free(tmp);
	g_free(from);
	g_free(count);
	g_free(out);
	return ret;
}
