// SPDX-License-Identifier: GPL-2.0
/*
 * tool-concat.c - `damonsim trace concat -o OUT [--repeat N] FILE...`.
 */
#include <errno.h>
#include <stdio.h>

#include "traces/tool.h"
#include "traces/units.h"

int trace_tool_concat(int argc, char **argv)
{
	char *out = NULL, *repeat = NULL;
	GOptionEntry entries[] = {
		{ "output", 'o', 0, G_OPTION_ARG_FILENAME, &out,
		  "write the trace to FILE (required)", "FILE" },
		{ "repeat", 'r', 0, G_OPTION_ARG_STRING, &repeat,
		  "play the list of files N times (default 1; 1e3 style "
		  "allowed)", "N" },
		{ NULL },
	};
	GOptionContext *ctx = g_option_context_new("FILE...");
	struct trace_source *src;
	uint64_t rounds = 1;
	GError *err = NULL;
	int ret = 1;

	g_option_context_set_summary(ctx,
		"Join .dst traces end to end into one: each file starts 1 ns "
		"after the\nprevious one ends (times and instruction counts "
		"shifted), and --repeat\nplays the whole list again, so short "
		"recordings make a long workload.");
	g_option_context_add_main_entries(ctx, entries, NULL);
	if (trace_tool_parse(ctx, &argc, &argv))
		return 2;
	if (argc < 2 || !out) {
		fprintf(stderr, "usage: damonsim trace concat -o FILE "
			"[--repeat N] FILE...\n");
		ret = 2;
		goto out;
	}
	if (repeat && (trace_parse_count(repeat, &rounds) || !rounds)) {
		fprintf(stderr, "damonsim trace concat: --repeat %s: not a "
			"positive count\n", repeat);
		ret = 2;
		goto out;
	}
	src = trace_source_new_concat((const char *const *)argv + 1,
				      (unsigned int)(argc - 1), rounds, &err);
	ret = trace_tool_save("concat", src, out, NULL, err);
out:
	g_free(out);
	g_free(repeat);
	return ret;
}
