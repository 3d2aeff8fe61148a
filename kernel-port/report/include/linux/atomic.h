/* SPDX-License-Identifier: GPL-2.0 */
/*
 * DUPLICATED: atomic_long_t with the kernel's semantics (relaxed unless
 * the name says otherwise), on the compiler's __atomic builtins, so they
 * are real atomics for real threads and ThreadSanitizer.
 */
#ifndef _LINUX_ATOMIC_H
#define _LINUX_ATOMIC_H

#include <linux/types.h>
#include <asm/barrier.h>

typedef struct {
	long counter;
} atomic_long_t;

#define ATOMIC_LONG_INIT(i) { (i) }

static inline long atomic_long_read(const atomic_long_t *v)
{
	return __atomic_load_n(&v->counter, __ATOMIC_RELAXED);
}

static inline void atomic_long_set(atomic_long_t *v, long i)
{
	__atomic_store_n(&v->counter, i, __ATOMIC_RELAXED);
}

static inline void atomic_long_inc(atomic_long_t *v)
{
	__atomic_fetch_add(&v->counter, 1, __ATOMIC_RELAXED);
}

#endif /* _LINUX_ATOMIC_H */
