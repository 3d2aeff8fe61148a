/* SPDX-License-Identifier: GPL-2.0 */
/* CUSTOMISED: every clock reads the virtual clock. */
#ifndef _LINUX_KTIME_H
#define _LINUX_KTIME_H

#include <linux/jiffies.h>

static inline ktime_t ktime_get(void)
{
	return (ktime_t)kport_clock_ns();
}

static inline u64 ktime_get_ns(void)
{
	return kport_clock_ns();
}

static inline s64 ktime_to_ns(ktime_t kt)
{
	return kt;
}

static inline s64 ktime_to_us(ktime_t kt)
{
	return kt / NSEC_PER_USEC;
}

static inline s64 ktime_to_ms(ktime_t kt)
{
	return kt / NSEC_PER_MSEC;
}

static inline ktime_t ktime_sub(ktime_t a, ktime_t b)
{
	return a - b;
}

static inline ktime_t ktime_add_us(ktime_t kt, u64 usec)
{
	return kt + (ktime_t)(usec * NSEC_PER_USEC);
}

static inline s64 ktime_us_delta(ktime_t later, ktime_t earlier)
{
	return (later - earlier) / NSEC_PER_USEC;
}

static inline void ktime_get_coarse_ts64(struct timespec64 *ts)
{
	*ts = ns_to_timespec64((s64)kport_clock_ns());
}

static inline void ktime_get_ts64(struct timespec64 *ts)
{
	*ts = ns_to_timespec64((s64)kport_clock_ns());
}

#endif /* _LINUX_KTIME_H */
