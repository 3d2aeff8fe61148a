// SPDX-License-Identifier: GPL-2.0
/* `damonsim run SCENARIO.ini [--set section.key=value ...] [-o DIR] [--seed N]` */
#include <stdio.h>
#include <unistd.h>

#include "sim/run.h"

int run_main(int argc, char **argv)
{
	gchar **sets = NULL, *out_dir = NULL, *seed_text = NULL;
	gboolean quiet = FALSE, no_progress = FALSE;
	GOptionEntry entries[] = {
		{ "set", 's', 0, G_OPTION_ARG_STRING_ARRAY, &sets,
		  "override a scenario key (repeatable)", "SECTION.KEY=VALUE" },
		{ "output", 'o', 0, G_OPTION_ARG_FILENAME, &out_dir,
		  "run directory (default: runs/<scenario name>)", "DIR" },
		{ "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text,
		  "override [scenario] seed (decimal; recorded in the run "
		  "directory's scenario.ini)", "N" },
		{ "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet,
		  "do not print the summary", NULL },
		{ "no-progress", 0, 0, G_OPTION_ARG_NONE, &no_progress,
		  "no progress bar even on a terminal", NULL },
		{ NULL },
	};
	GOptionContext *octx = g_option_context_new(
		"[SCENARIO.ini] - replay a workload through the real DAMON core");
	struct run_options opt = { 0 };
	GError *err = NULL;
	guint n;
	int ret = 1;

	g_option_context_add_main_entries(octx, entries, NULL);
	g_option_context_set_description(octx,
		"Without SCENARIO.ini the built-in quickstart scenario runs.\n"
		"Writes summary.txt, metrics.csv/json, host.json, damon.data "
		"and plots\ninto the run directory (an earlier run's outputs "
		"there are removed first)\nand prints the summary.\n"
		"Keys and units: docs/config.md.  Outputs: docs/outputs.md.");
	if (!g_option_context_parse(octx, &argc, &argv, &err)) {
		fprintf(stderr, "damonsim run: %s\n", err->message);
		goto out;
	}
	if (argc > 2) {
		fprintf(stderr, "damonsim run: one scenario at a time (got %d)\n",
			argc - 1);
		goto out;
	}
	if (seed_text) {
		guint64 seed;

		if (!g_ascii_string_to_unsigned(seed_text, 10, 0, G_MAXUINT64,
						&seed, &err)) {
			fprintf(stderr, "damonsim run: --seed: %s\n",
				err->message);
			goto out;
		}
		/*
		 * An override like --set scenario.seed=N, last so that it
		 * wins: scenario.ini in the run directory then records the
		 * seed the run used, and replaying it reproduces the run.
		 */
		n = sets ? g_strv_length(sets) : 0;
		sets = g_renew(gchar *, sets, n + 2);
		sets[n] = g_strdup_printf("scenario.seed=%" G_GUINT64_FORMAT,
					  seed);
		sets[n + 1] = NULL;
	}
	opt.scenario = argc == 2 ? argv[1] : NULL;
	opt.sets = (const char *const *)sets;
	opt.out_dir = out_dir;
	opt.quiet = quiet;
	opt.progress = !no_progress && isatty(STDERR_FILENO);
	ret = run_scenario(&opt, &err);
	if (ret) {
		fprintf(stderr, "damonsim run: %s\n",
			err ? err->message : g_strerror(-ret));
		ret = 1;
		goto out;
	}
	ret = 0;
out:
	g_clear_error(&err);
	g_strfreev(sets);
	g_free(out_dir);
	g_free(seed_text);
	g_option_context_free(octx);
	return ret;
}
