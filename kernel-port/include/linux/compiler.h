/* SPDX-License-Identifier: GPL-2.0 */
/* DUPLICATED: compiler helpers with the kernel's meaning. */
#ifndef _LINUX_COMPILER_H
#define _LINUX_COMPILER_H

/* System headers first: glibc defines __always_inline itself. */
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <limits.h>

#ifndef __always_inline
#define __always_inline inline __attribute__((__always_inline__))
#endif
#define __must_check __attribute__((__warn_unused_result__))
#define __maybe_unused __attribute__((__unused__))
#define __always_unused __attribute__((__unused__))
#define __printf(a, b) __attribute__((__format__(printf, a, b)))
#define __packed __attribute__((__packed__))
#define __aligned(x) __attribute__((__aligned__(x)))
#define __counted_by(member)
#define __force
#define __user
#define __iomem
#define __rcu
#define __init
#define __exit
#define __initdata
#define __read_mostly
#define __ro_after_init
#define __cold __attribute__((__cold__))
#define noinline __attribute__((__noinline__))
#define noinline_for_stack noinline
#define fallthrough __attribute__((__fallthrough__))
#define notrace

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#define barrier() __asm__ __volatile__("" : : : "memory")
#define READ_ONCE(x) (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, val) (*(volatile __typeof__(x) *)&(x) = (val))

#define __same_type(a, b) __builtin_types_compatible_p(typeof(a), typeof(b))
#define BUILD_BUG_ON(cond) _Static_assert(!(cond), "BUILD_BUG_ON: " #cond)
#define BUILD_BUG_ON_ZERO(e) ((int)(sizeof(struct { int : (-!!(e)); })))

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))
#define ARRAY_SIZE(arr) (sizeof(arr) / sizeof((arr)[0]))

#define __stringify_1(x...) #x
#define __stringify(x...) __stringify_1(x)

#endif /* _LINUX_COMPILER_H */
