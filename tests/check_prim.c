// SPDX-License-Identifier: GPL-2.0
/* The primitive models, each driving a real kdamond on a machine. */
#include "tests/check_main.h"

Suite *suite_prim_fault(void);
Suite *suite_prim_perf(void);
Suite *suite_prim_ibs(void);
Suite *suite_prim_buffers(void);

int main(void)
{
	static const suite_fn suites[] = {
		suite_prim_fault, suite_prim_perf, suite_prim_ibs,
		suite_prim_buffers, NULL,
	};

	return check_run_suites(suites);
}
