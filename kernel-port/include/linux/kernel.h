/* SPDX-License-Identifier: GPL-2.0 */
/*
 * DUPLICATED: the grab-bag the kernel pulls in everywhere.  Kernel files
 * include only a few headers and rely on these being reachable through them,
 * so every shim header includes this one.
 */
#ifndef _LINUX_KERNEL_H
#define _LINUX_KERNEL_H

#include <linux/types.h>
#include <linux/minmax.h>
#include <linux/math64.h>
#include <linux/err.h>
#include <linux/bug.h>
#include <linux/printk.h>
#include <linux/list.h>
#include <linux/align.h>
#include <linux/log2.h>
#include <linux/sizes.h>
#include <linux/limits_k.h>

#define U8_MAX ((u8)~0U)
#define U16_MAX ((u16)~0U)
#define U32_MAX ((u32)~0U)
#define U64_MAX ((u64)~0ULL)
#define S64_MAX ((s64)(U64_MAX >> 1))

#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#define DIV_ROUND_CLOSEST(x, divisor) (((x) + ((divisor) / 2)) / (divisor))
#define roundup(x, y) ((((x) + ((y) - 1)) / (y)) * (y))
#define rounddown(x, y) ((x) - ((x) % (y)))

/*
 * mult_frac(x, n, d) computes x * n / d without overflowing x * n, the way
 * the kernel's macro does it: split x into quotient and remainder by d.
 */
#define mult_frac(x, n, d)                                              \
	({                                                              \
		typeof(x) x_ = (x);                                     \
		typeof(n) n_ = (n);                                     \
		typeof(d) d_ = (d);                                     \
		typeof(x_) q_ = x_ / d_;                                \
		typeof(x_) r_ = x_ % d_;                                \
		q_ * n_ + r_ * n_ / d_;                                 \
	})

#define might_sleep() do { } while (0)
#define cond_resched() do { } while (0)
#define cpu_relax() do { } while (0)

#endif /* _LINUX_KERNEL_H */
