// SPDX-License-Identifier: GPL-2.0
/* Test program of the config area: units, scenarios, records, outputs. */
#include <stdlib.h>

#include "tests/config_suites.h"
#include "tests/check_main.h"

int main(void)
{
	static const suite_fn suites[] = {
		suite_config_units,
		suite_config_load,
		suite_config_damo,
		suite_config_report,
		suite_config_plot,
		suite_config_fuzz,
		NULL,
	};

	return check_run_suites(suites);
}
