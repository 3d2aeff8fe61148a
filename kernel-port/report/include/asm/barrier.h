/* SPDX-License-Identifier: GPL-2.0 */
/*
 * DUPLICATED: the kernel's acquire/release and full barriers, on the
 * compiler's __atomic builtins (what they compile to on x86 and arm64, and
 * what ThreadSanitizer understands).
 */
#ifndef _ASM_BARRIER_H
#define _ASM_BARRIER_H

#define smp_mb() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define smp_rmb() __atomic_thread_fence(__ATOMIC_ACQUIRE)
#define smp_wmb() __atomic_thread_fence(__ATOMIC_RELEASE)
#define smp_load_acquire(p) __atomic_load_n(p, __ATOMIC_ACQUIRE)
#define smp_store_release(p, v) __atomic_store_n(p, v, __ATOMIC_RELEASE)

#endif /* _ASM_BARRIER_H */
