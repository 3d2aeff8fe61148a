/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CUSTOMISED: "random" numbers come from one generator seeded by the host
 * (kport_seed()), so a run is reproducible from its seed.
 */
#ifndef _LINUX_RANDOM_H
#define _LINUX_RANDOM_H

#include <linux/kernel.h>
#include <linux/prandom.h>

u32 get_random_u32(void);
u64 get_random_u64(void);

/* Uniform in [0, ceil), by rejection so no value is favoured. */
u32 get_random_u32_below(u32 ceil);

static inline u32 get_random_u32_inclusive(u32 floor, u32 ceil)
{
	return floor + get_random_u32_below(ceil - floor + 1);
}

static inline unsigned long get_random_long(void)
{
	return (unsigned long)get_random_u64();
}

static inline void get_random_bytes(void *buf, size_t len)
{
	u8 *p = buf;

	while (len--)
		*p++ = (u8)get_random_u32();
}

#endif /* _LINUX_RANDOM_H */
