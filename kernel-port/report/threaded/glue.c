// SPDX-License-Identifier: GPL-2.0
/*
 * What the real-thread build of the report buffers needs from "the
 * kernel": the possible CPUs and each thread's CPU number.
 */
#include <linux/smp.h>

unsigned int nr_cpu_ids = 1;
__thread unsigned int damon_report_thread_cpu;
