// SPDX-License-Identifier: GPL-2.0
/* `damonsim run` end to end. */
#include "tests/check_main.h"

Suite *suite_run(void);
Suite *suite_run_hostcost(void);

int main(void)
{
	static const suite_fn suites[] = { suite_run, suite_run_hostcost, NULL };

	return check_run_suites(suites);
}
