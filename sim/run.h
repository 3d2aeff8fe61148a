/* SPDX-License-Identifier: GPL-2.0 */
/*
 * run.h - `damonsim run`: replay a scenario's workload through the real
 * DAMON core with a primitive, and write the run directory.
 */
#ifndef DAMONSIM_SIM_RUN_H
#define DAMONSIM_SIM_RUN_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

struct run_options {
	const char *scenario;		/* path, or NULL for the built-in one */
	const char *const *sets;	/* NULL-terminated "section.key=value" */
	const char *out_dir;		/* NULL: runs/<scenario name> */
	bool progress;			/* progress bar on stderr */
	bool quiet;			/* no summary on stdout */
};

/**
 * run_scenario() - run one scenario end to end
 * @opt: what to run and where to write
 * @err: error location; the message names the file, line and key
 *
 * One scenario per process: the DAMON core keeps static state.
 *
 * Return: 0, or a negative errno with @err set.
 */
int run_scenario(const struct run_options *opt, GError **err);

/* The `damonsim run` subcommand. */
int run_main(int argc, char **argv);

#endif
