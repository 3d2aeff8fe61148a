/* SPDX-License-Identifier: GPL-2.0 */
/* DUPLICATED: power-of-two helpers, written for the host's compiler. */
#ifndef _LINUX_LOG2_H
#define _LINUX_LOG2_H

#include <linux/types.h>

static inline __attribute__((const)) bool is_power_of_2(unsigned long n)
{
	return n != 0 && (n & (n - 1)) == 0;
}

static inline __attribute__((const)) int ilog2_ul(unsigned long n)
{
	return n ? (int)(sizeof(n) * 8 - 1) - __builtin_clzl(n) : -1;
}

#define ilog2(n) ilog2_ul(n)

#endif /* _LINUX_LOG2_H */
