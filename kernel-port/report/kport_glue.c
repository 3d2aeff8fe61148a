// SPDX-License-Identifier: GPL-2.0
/*
 * What the simulation build of the report buffers needs from the port:
 * the possible CPUs (set by the host) and the current simulated CPU.
 */
#include <linux/smp.h>

#include "lib/kport_host.h"

unsigned int nr_cpu_ids = 1;

unsigned int damon_report_kport_cpu(void)
{
	const struct kport_hostops *ops = kport_hostops();
	unsigned int cpu = ops->current_cpu ? ops->current_cpu(ops->data) : 0;

	return cpu % nr_cpu_ids;
}
