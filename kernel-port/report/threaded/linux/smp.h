/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CUSTOMISED: for the real-thread build only.  A thread's "CPU" is the
 * number it set with damon_report_thread_set_cpu(); giving each producer
 * thread its own number models one producer per CPU.
 */
#ifndef _LINUX_SMP_H
#define _LINUX_SMP_H

#include <linux/preempt.h>
#include <linux/cpumask.h>

extern __thread unsigned int damon_report_thread_cpu;

static inline void damon_report_thread_set_cpu(unsigned int cpu)
{
	damon_report_thread_cpu = cpu;
}

#define raw_smp_processor_id() damon_report_thread_cpu
#define smp_processor_id() damon_report_thread_cpu

#endif /* _LINUX_SMP_H */
