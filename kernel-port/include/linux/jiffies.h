/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CUSTOMISED: jiffies derive from the virtual clock.  HZ is 250, Debian's
 * CONFIG_HZ, so timer rounding matches a stock Debian kernel.
 */
#ifndef _LINUX_JIFFIES_H
#define _LINUX_JIFFIES_H

#include <linux/kernel.h>
#include <linux/time64.h>

#define HZ 250
#define TICK_NSEC (NSEC_PER_SEC / HZ)

u64 kport_clock_ns(void);
#define jiffies ((unsigned long)(kport_clock_ns() / TICK_NSEC))
#define jiffies_64 ((u64)(kport_clock_ns() / TICK_NSEC))
#define INITIAL_JIFFIES 0UL

#define time_after(a, b) ((long)((b) - (a)) < 0)
#define time_before(a, b) time_after(b, a)
#define time_after_eq(a, b) ((long)((a) - (b)) >= 0)
#define time_before_eq(a, b) time_after_eq(b, a)
#define time_in_range(a, b, c) (time_after_eq(a, b) && time_before_eq(a, c))
#define time_in_range_open(a, b, c) (time_after_eq(a, b) && time_before(a, c))
#define time_is_before_jiffies(a) time_after(jiffies, a)
#define time_is_after_jiffies(a) time_before(jiffies, a)

/* Round up, like the kernel: a timeout never fires early. */
static inline unsigned long usecs_to_jiffies(const unsigned int u)
{
	return DIV_ROUND_UP((u64)u * NSEC_PER_USEC, TICK_NSEC);
}

static inline unsigned long msecs_to_jiffies(const unsigned int m)
{
	return DIV_ROUND_UP((u64)m * NSEC_PER_MSEC, TICK_NSEC);
}

static inline unsigned long nsecs_to_jiffies(u64 n)
{
	return DIV_ROUND_UP(n, TICK_NSEC);
}

static inline unsigned int jiffies_to_msecs(const unsigned long j)
{
	return (unsigned int)((u64)j * TICK_NSEC / NSEC_PER_MSEC);
}

static inline unsigned int jiffies_to_usecs(const unsigned long j)
{
	return (unsigned int)((u64)j * TICK_NSEC / NSEC_PER_USEC);
}

#endif /* _LINUX_JIFFIES_H */
