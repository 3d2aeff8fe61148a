// SPDX-License-Identifier: GPL-2.0
/* damon_report_access(): buffers, drains, target snapshots, real threads. */
#include "tests/check_main.h"

Suite *suite_report_buffer(void);
Suite *suite_report_drain(void);
Suite *suite_report_target(void);
Suite *suite_report_threaded(void);

int main(void)
{
	static const suite_fn suites[] = {
		suite_report_buffer, suite_report_drain, suite_report_target,
		suite_report_threaded, NULL,
	};

	return check_run_suites(suites);
}
