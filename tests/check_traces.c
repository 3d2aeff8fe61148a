// SPDX-License-Identifier: GPL-2.0
/*
 * check_traces.c - runs the traces library's Check suites.
 */
#include "tests/check_main.h"
#include "tests/traces_util.h"

int main(void)
{
	static const suite_fn suites[] = {
		suite_traces_format,
		suite_traces_bad,
		suite_traces_gen,
		suite_traces_masim,
		suite_traces_import,
		suite_traces_cli,
		NULL,
	};

	return check_run_suites(suites);
}
