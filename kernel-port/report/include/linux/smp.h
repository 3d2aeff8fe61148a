/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CUSTOMISED: the current CPU is the simulated CPU the host says the
 * calling context runs on (kport_hostops.current_cpu), folded below
 * nr_cpu_ids.  Only one simulated context runs at a time, so two
 * simulated CPUs folded onto one index never race.
 */
#ifndef _LINUX_SMP_H
#define _LINUX_SMP_H

#include <linux/preempt.h>
#include <linux/cpumask.h>

unsigned int damon_report_kport_cpu(void);

#define raw_smp_processor_id() damon_report_kport_cpu()
#define smp_processor_id() damon_report_kport_cpu()

#endif /* _LINUX_SMP_H */
