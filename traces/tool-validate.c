// SPDX-License-Identifier: GPL-2.0
/*
 * tool-validate.c - `damonsim trace validate FILE...`: decode every frame
 * (checksums, column bounds, time order, CPU range, index agreement) and
 * say OK or name the first problem.
 */
#include <stdio.h>

#include "traces/reader.h"
#include "traces/stats.h"
#include "traces/tool.h"

int trace_tool_validate(int argc, char **argv)
{
	GOptionContext *ctx = g_option_context_new("FILE...");
	int i, bad = 0;

	g_option_context_set_summary(ctx, "Check traces end to end: every "
				     "frame's checksum and layout, time order,"
				     "\nCPU range and agreement with the "
				     "end-of-trace index.");
	if (trace_tool_parse(ctx, &argc, &argv))
		return 2;
	if (argc < 2) {
		fprintf(stderr, "usage: damonsim trace validate FILE...\n");
		return 2;
	}
	for (i = 1; i < argc; i++) {
		GError *err = NULL;
		int64_t n = trace_tool_scan(argv[i], NULL, NULL, NULL, &err);

		if (n < 0) {
			fprintf(stderr, "%s\n", err->message);
			g_error_free(err);
			bad = 1;
		} else {
			printf("%s: OK, %" G_GINT64_FORMAT " events\n",
			       argv[i], n);
		}
	}
	return bad;
}
