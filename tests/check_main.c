// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <stdlib.h>

#include "tests/check_main.h"

int check_run_suites(const suite_fn *suites)
{
	SRunner *runner = NULL;
	int failed;

	for (; *suites; suites++) {
		if (!runner)
			runner = srunner_create((*suites)());
		else
			srunner_add_suite(runner, (*suites)());
	}
	srunner_run_all(runner, getenv("CK_VERBOSITY") ? CK_ENV : CK_VERBOSE);
	failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

const char *test_srcdir(void)
{
	static char path[4096];
	const char *top = getenv("top_srcdir");

	snprintf(path, sizeof(path), "%s/tests", top ? top : ".");
	return path;
}
