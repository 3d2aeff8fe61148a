// SPDX-License-Identifier: GPL-2.0
/*
 * tool-record.c - `damonsim trace record [--] CMD ARGS...`: run a program
 * under valgrind's lackey tool and write its memory trace directly.
 *
 * Lackey's output goes to a pipe (valgrind --log-fd), which the lackey
 * importer parses as it arrives: no temporary text file, whatever the
 * program's length.  The program keeps its own stdin, stdout and stderr.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "config.h"
#include "traces/tool.h"

#define RECORD_LOG_FD	3

static pid_t record_spawn(const char *valgrind, char **cmd, int *rfd)
{
	int fds[2];
	pid_t pid;
	GPtrArray *args;

	if (pipe(fds) < 0)
		return -1;
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (pid == 0) {
		close(fds[0]);
		if (fds[1] != RECORD_LOG_FD) {
			dup2(fds[1], RECORD_LOG_FD);
			close(fds[1]);
		}
		args = g_ptr_array_new();
		g_ptr_array_add(args, (char *)valgrind);
		g_ptr_array_add(args, "--tool=lackey");
		g_ptr_array_add(args, "--trace-mem=yes");
		g_ptr_array_add(args, "--log-fd=3");
		for (; *cmd; cmd++)
			g_ptr_array_add(args, *cmd);
		g_ptr_array_add(args, NULL);
		execv(valgrind, (char **)args->pdata);
		fprintf(stderr, "damonsim trace record: cannot run %s: %s\n",
			valgrind, g_strerror(errno));
		_exit(127);
	}
	close(fds[1]);
	*rfd = fds[0];
	return pid;
}

int trace_tool_record(int argc, char **argv)
{
	char *out = NULL, *valgrind = NULL, *cmdline;
	double ipc = 1.0, freq = 2.0;
	gboolean ifetch = FALSE;
	GOptionEntry entries[] = {
		{ "output", 'o', 0, G_OPTION_ARG_FILENAME, &out,
		  "write the trace to FILE (default record.dst)", "FILE" },
		{ "ipc", 0, 0, G_OPTION_ARG_DOUBLE, &ipc,
		  "instructions per cycle of the clock model (default 1)",
		  "X" },
		{ "freq", 0, 0, G_OPTION_ARG_DOUBLE, &freq,
		  "core frequency in GHz of the clock model (default 2)",
		  "GHZ" },
		{ "ifetch", 0, 0, G_OPTION_ARG_NONE, &ifetch,
		  "also record instruction fetches as reads", NULL },
		{ "valgrind", 0, 0, G_OPTION_ARG_FILENAME, &valgrind,
		  "valgrind binary (default: the one configure found)",
		  "PATH" },
		{ NULL },
	};
	GOptionContext *ctx = g_option_context_new("[--] CMD [ARGS...]");
	struct trace_lackey_opts lo;
	struct trace_source *src;
	GError *err = NULL;
	int fd = -1, status = 0, ret = 1;
	bool failed;
	int64_t n = -1;
	pid_t pid;

	g_option_context_set_summary(ctx,
		"Run CMD under valgrind --tool=lackey --trace-mem=yes and "
		"write its memory\naccesses as a .dst trace, streaming.");
	g_option_context_add_main_entries(ctx, entries, NULL);
	g_option_context_set_strict_posix(ctx, TRUE);
	if (trace_tool_parse(ctx, &argc, &argv))
		return 2;
	if (argc > 1 && !strcmp(argv[1], "--")) {
		argv++;
		argc--;
	}
	if (argc < 2) {
		fprintf(stderr, "usage: damonsim trace record [-o FILE] [--] "
			"CMD [ARGS...]\n");
		return 2;
	}
	if (!valgrind)
		valgrind = g_strdup(*VALGRIND_PATH ? VALGRIND_PATH :
				    "/usr/bin/valgrind");
	if (!out)
		out = g_strdup("record.dst");
	pid = record_spawn(valgrind, argv + 1, &fd);
	if (pid < 0) {
		fprintf(stderr, "damonsim trace record: %s\n",
			g_strerror(errno));
		goto free;
	}
	trace_lackey_opts_init(&lo);
	lo.ipc = ipc;
	lo.freq_ghz = freq;
	lo.ifetch = ifetch;
	cmdline = g_strjoinv(" ", argv + 1);
	src = trace_source_new_lackey(fd, cmdline, &lo, &err);
	if (src) {
		char *d = g_strdup_printf("damonsim trace record: %s",
					  src->hdr.description);

		g_free(src->hdr.description);
		src->hdr.description = d;
		n = trace_tool_copy(src, out, NULL, &err);
		trace_source_free(src);
	}
	g_free(cmdline);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (n < 0) {
		fprintf(stderr, "damonsim trace record: %s\n",
			err ? err->message : "failed");
		g_clear_error(&err);
		goto free;
	}
	failed = !WIFEXITED(status) || WEXITSTATUS(status);
	if (failed && !n)
		unlink(out); /* valgrind could not run it (127: not found) */
	else
		fprintf(stderr, "%s: %" G_GINT64_FORMAT " events\n", out, n);
	if (failed) {
		fprintf(stderr, "damonsim trace record: command exited with "
			"status %d%s\n",
			WIFEXITED(status) ? WEXITSTATUS(status) : -1,
			n ? "; trace kept" :
			    " before any event; no trace written");
		ret = WIFEXITED(status) ? WEXITSTATUS(status) : 1;
		goto free;
	}
	ret = 0;
free:
	g_free(out);
	g_free(valgrind);
	return ret;
}
