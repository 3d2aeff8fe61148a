// SPDX-License-Identifier: GPL-2.0
#include "tests/check_main.h"
#include "tests/machine_tests.h"

int main(void)
{
	static const suite_fn suites[] = {
		suite_machine_pagetable, suite_machine_tlb,
		suite_machine_frames,	 suite_machine_addrspace,
		suite_machine_gt,	 suite_machine_accuracy,
		suite_machine_random,	 NULL,
	};

	return check_run_suites(suites);
}
