/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CUSTOMISED: for the real-thread build only.  The port's READ_ONCE and
 * WRITE_ONCE are volatile accesses, as in the kernel; ThreadSanitizer
 * calls those races, so here they are relaxed atomics (same code on x86).
 */
#ifndef DAMON_REPORT_THREADED_COMPILER_H
#define DAMON_REPORT_THREADED_COMPILER_H

#include_next <linux/compiler.h>

#undef READ_ONCE
#undef WRITE_ONCE
#define READ_ONCE(x) __atomic_load_n(&(x), __ATOMIC_RELAXED)
#define WRITE_ONCE(x, val) __atomic_store_n(&(x), (val), __ATOMIC_RELAXED)

#endif /* DAMON_REPORT_THREADED_COMPILER_H */
