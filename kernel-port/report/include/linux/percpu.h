/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CUSTOMISED: per-CPU data as a plain array of nr_cpu_ids elements, indexed
 * by CPU number.  Same accessors as the kernel; no per-CPU sections.
 */
#ifndef _LINUX_PERCPU_H
#define _LINUX_PERCPU_H

#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/cpumask.h>

#define __percpu

#define alloc_percpu(type) \
	((type __percpu *)kcalloc(nr_cpu_ids, sizeof(type), GFP_KERNEL))
#define free_percpu(ptr) kfree(ptr)
#define per_cpu_ptr(ptr, cpu) (&(ptr)[(cpu)])
#define this_cpu_ptr(ptr) per_cpu_ptr(ptr, raw_smp_processor_id())

#endif /* _LINUX_PERCPU_H */
