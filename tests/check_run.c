// SPDX-License-Identifier: GPL-2.0
/* `damonsim run` end to end. */
#include "tests/check_main.h"

Suite *suite_run(void);

int main(void)
{
	static const suite_fn suites[] = { suite_run, NULL };

	return check_run_suites(suites);
}
