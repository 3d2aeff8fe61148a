/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CUSTOMISED: every CPU below nr_cpu_ids is possible.  The host sets
 * nr_cpu_ids (the simulated machine's CPU count) before allocating
 * per-CPU data; it must not change afterwards.
 */
#ifndef _LINUX_CPUMASK_H
#define _LINUX_CPUMASK_H

extern unsigned int nr_cpu_ids;

#define for_each_possible_cpu(cpu) \
	for ((cpu) = 0; (cpu) < nr_cpu_ids; (cpu)++)
#define num_possible_cpus() nr_cpu_ids

#endif /* _LINUX_CPUMASK_H */
