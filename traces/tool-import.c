// SPDX-License-Identifier: GPL-2.0
/*
 * tool-import.c - `damonsim trace import lackey|text INPUT`.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "traces/tool.h"

int trace_tool_import(int argc, char **argv)
{
	char *out = NULL;
	double ipc = 1.0, freq = 2.0;
	gboolean ifetch = FALSE;
	GOptionEntry entries[] = {
		{ "output", 'o', 0, G_OPTION_ARG_FILENAME, &out,
		  "write the trace to FILE (required)", "FILE" },
		{ "ipc", 0, 0, G_OPTION_ARG_DOUBLE, &ipc,
		  "lackey: instructions per cycle (default 1)", "X" },
		{ "freq", 0, 0, G_OPTION_ARG_DOUBLE, &freq,
		  "lackey: core frequency in GHz (default 2)", "GHZ" },
		{ "ifetch", 0, 0, G_OPTION_ARG_NONE, &ifetch,
		  "lackey: also record instruction fetches as reads", NULL },
		{ NULL },
	};
	GOptionContext *ctx = g_option_context_new("lackey|text INPUT");
	struct trace_lackey_opts lo;
	struct trace_source *src = NULL;
	GError *err = NULL;
	int fd, ret;

	g_option_context_set_summary(ctx,
		"Convert a valgrind lackey trace (valgrind --tool=lackey "
		"--trace-mem=yes)\nor a damonsim text trace into a .dst file. "
		"INPUT '-' reads stdin.");
	g_option_context_add_main_entries(ctx, entries, NULL);
	if (trace_tool_parse(ctx, &argc, &argv))
		return 2;
	if (argc != 3 || !out || (strcmp(argv[1], "lackey") &&
				  strcmp(argv[1], "text"))) {
		fprintf(stderr, "usage: damonsim trace import lackey|text -o "
			"FILE INPUT\n");
		g_free(out);
		return 2;
	}
	fd = strcmp(argv[2], "-") ? open(argv[2], O_RDONLY | O_CLOEXEC)
				  : dup(STDIN_FILENO);
	if (fd < 0) {
		fprintf(stderr, "damonsim trace import: %s: %s\n", argv[2],
			g_strerror(errno));
		g_free(out);
		return 1;
	}
	if (!strcmp(argv[1], "lackey")) {
		trace_lackey_opts_init(&lo);
		lo.ipc = ipc;
		lo.freq_ghz = freq;
		lo.ifetch = ifetch;
		src = trace_source_new_lackey(fd, argv[2], &lo, &err);
	} else {
		src = trace_source_new_text(fd, argv[2], &err);
	}
	ret = trace_tool_save("import", src, out, NULL, err);
	g_free(out);
	return ret;
}
