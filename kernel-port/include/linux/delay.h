/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CUSTOMISED: sleeps advance virtual time and hand the baton back.  A
 * usleep sleeps exactly its minimum (hrtimer slack is not modelled) and, as
 * in the kernel, is not cut short by kthread_stop().
 */
#ifndef _LINUX_DELAY_H
#define _LINUX_DELAY_H

#include <linux/sched.h>

/*
 * Sleeps from this long on are better served by jiffies-based timers (the
 * kernel's timers-howto): four ticks, in microseconds.
 */
#define USLEEP_RANGE_UPPER_BOUND ((TICK_NSEC << 2) / NSEC_PER_USEC)

void kport_usleep(unsigned long min_us, unsigned long max_us);

static inline void usleep_range(unsigned long min, unsigned long max)
{
	kport_usleep(min, max);
}

static inline void usleep_idle_range(unsigned long min, unsigned long max)
{
	kport_usleep(min, max);
}

static inline void usleep_range_idle(unsigned long min, unsigned long max)
{
	kport_usleep(min, max);
}

static inline void fsleep(unsigned long usecs)
{
	kport_usleep(usecs, usecs);
}

static inline void msleep(unsigned int msecs)
{
	kport_usleep((unsigned long)msecs * 1000, (unsigned long)msecs * 1000);
}

static inline void udelay(unsigned long usecs)
{
	kport_usleep(usecs, usecs);
}

#endif /* _LINUX_DELAY_H */
