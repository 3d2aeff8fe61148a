// SPDX-License-Identifier: GPL-2.0
/* The kernel port's own tests: shim semantics and the virtual-time driver. */
#include "tests/check_main.h"

Suite *suite_kport_shim(void);
Suite *suite_kport_driver(void);
Suite *suite_kport_shim_newer(void);

int main(void)
{
	static const suite_fn suites[] = {
		suite_kport_shim, suite_kport_shim_newer, suite_kport_driver,
		NULL,
	};

	return check_run_suites(suites);
}
