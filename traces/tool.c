// SPDX-License-Identifier: GPL-2.0
/*
 * tool.c - `damonsim trace` dispatch and helpers shared by subcommands.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "traces/tool.h"

struct trace_subcmd {
	const char *name;
	int (*main)(int argc, char **argv);
	const char *summary;
};

static const struct trace_subcmd trace_subcmds[] = {
	{ "gen", trace_tool_gen, "generate a synthetic or masim trace" },
	{ "record", trace_tool_record,
	  "run a program under valgrind lackey and record its trace" },
	{ "import", trace_tool_import, "convert a lackey or text trace" },
	{ "info", trace_tool_info, "print a trace's header and statistics" },
	{ "cat", trace_tool_cat, "print a trace in the text format" },
	{ "validate", trace_tool_validate, "check a trace end to end" },
	{ "concat", trace_tool_concat, "join traces end to end, or repeat one" },
};

static void trace_tool_usage(FILE *f)
{
	size_t i;

	fprintf(f, "Usage: damonsim trace SUBCOMMAND [OPTIONS...]\n\n"
		"Subcommands:\n");
	for (i = 0; i < G_N_ELEMENTS(trace_subcmds); i++)
		fprintf(f, "  %-10s %s\n", trace_subcmds[i].name,
			trace_subcmds[i].summary);
	fprintf(f, "\nRun 'damonsim trace SUBCOMMAND --help' for options.\n");
}

int trace_tool_main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		trace_tool_usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		trace_tool_usage(stdout);
		return 0;
	}
	for (i = 0; i < G_N_ELEMENTS(trace_subcmds); i++)
		if (!strcmp(argv[1], trace_subcmds[i].name)) {
			char *prg = g_strdup_printf("damonsim trace %s",
						    argv[1]);

			/* GOption prints the program name in usage lines */
			g_set_prgname(prg);
			g_free(prg);
			return trace_subcmds[i].main(argc - 1, argv + 1);
		}
	fprintf(stderr, "damonsim trace: unknown subcommand '%s'\n", argv[1]);
	trace_tool_usage(stderr);
	return 2;
}

int trace_tool_parse(GOptionContext *ctx, int *argc, char ***argv)
{
	GError *err = NULL;
	int ret = 0;

	if (!g_option_context_parse(ctx, argc, argv, &err)) {
		fprintf(stderr, "damonsim trace: %s\n", err->message);
		g_error_free(err);
		ret = 2;
	}
	g_option_context_free(ctx);
	return ret;
}

void trace_tool_progress_print(const char *label, uint64_t n)
{
	static int tty = -1;

	if (tty < 0)
		tty = isatty(STDERR_FILENO);
	if (!tty)
		return;
	if (n == UINT64_MAX)
		fputc('\n', stderr);
	else
		fprintf(stderr, "\r%s: %" G_GUINT64_FORMAT " events", label, n);
}

int64_t trace_tool_copy(struct trace_source *src, const char *path,
			const struct trace_writer_opts *opts, GError **err)
{
	struct trace_writer *w;
	struct trace_event ev;
	int64_t n = 0;
	int ret;

	w = trace_writer_open(path, trace_source_header(src), opts, err);
	if (!w)
		return -EIO;
	while ((ret = trace_source_next(src, &ev, err)) > 0) {
		ret = trace_writer_write(w, &ev, err);
		if (ret < 0)
			break;
		trace_tool_progress(path, ++n);
	}
	if (n >= 1 << 22)
		trace_tool_progress(path, UINT64_MAX);
	if (ret < 0) {
		trace_writer_abort(w);
		return ret;
	}
	ret = trace_writer_close(w, err);
	return ret < 0 ? ret : n;
}

int trace_tool_save(const char *cmd, struct trace_source *src,
		    const char *path, const struct trace_writer_opts *opts,
		    GError *err)
{
	int64_t n;
	int ret = 1;

	if (src) {
		n = trace_tool_copy(src, path, opts, &err);
		if (n >= 0) {
			fprintf(stderr, "%s: %" G_GINT64_FORMAT " events\n",
				path, n);
			ret = 0;
		}
		trace_source_free(src);
	}
	if (err) {
		fprintf(stderr, "damonsim trace %s: %s\n", cmd, err->message);
		g_error_free(err);
	}
	return ret;
}
