// SPDX-License-Identifier: GPL-2.0
/*
 * main.c - the `damonsim` command line: a table of subcommands, each a
 * function taking (argc, argv) with argv[0] = the subcommand's name.
 * Adding a subcommand is one line in damonsim_cmds[].
 */
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "config.h"
#include "sim/run.h"
#include "traces/tool.h"

struct damonsim_cmd {
	const char *name;
	int (*main)(int argc, char **argv);
	const char *summary;
};

static const struct damonsim_cmd damonsim_cmds[] = {
	{ "run", run_main,
	  "replay a scenario through the real DAMON core; write a run "
	  "directory" },
	{ "trace", trace_tool_main,
	  "make, import and inspect traces (gen|record|import|info|cat|"
	  "validate|concat)" },
};

static void damonsim_usage(FILE *f)
{
	size_t i;

	fprintf(f, "Usage: damonsim [--help|--version] COMMAND [ARGS...]\n\n"
		"A deterministic simulator and trace-replay engine for Linux "
		"DAMON.\n\nCommands:\n");
	for (i = 0; i < sizeof(damonsim_cmds) / sizeof(damonsim_cmds[0]); i++)
		fprintf(f, "  %-8s %s\n", damonsim_cmds[i].name,
			damonsim_cmds[i].summary);
	fprintf(f, "\nRun 'damonsim COMMAND --help' for a command's "
		"options.\n");
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		damonsim_usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		damonsim_usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		printf("damonsim %s\n", PACKAGE_VERSION);
		return 0;
	}
	for (i = 0; i < sizeof(damonsim_cmds) / sizeof(damonsim_cmds[0]); i++)
		if (!strcmp(argv[1], damonsim_cmds[i].name)) {
			char *prg = g_strdup_printf("damonsim %s", argv[1]);

			/* GOption prints the program name in usage lines */
			g_set_prgname(prg);
			g_free(prg);
			return damonsim_cmds[i].main(argc - 1, argv + 1);
		}
	fprintf(stderr, "damonsim: unknown command '%s'\n\n", argv[1]);
	damonsim_usage(stderr);
	return 2;
}
