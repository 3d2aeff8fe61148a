/* SPDX-License-Identifier: GPL-2.0 */
/*
 * DUPLICATED: the kernel's prandom is L'Ecuyer's four-component Tausworthe
 * generator (LFSR113); same state layout and the same seeding rules, so a
 * per-context rnd_state behaves as in the kernel.
 */
#ifndef _LINUX_PRANDOM_H
#define _LINUX_PRANDOM_H

#include <linux/types.h>

struct rnd_state {
	__u32 s1, s2, s3, s4;
};

u32 prandom_u32_state(struct rnd_state *state);
void prandom_seed_state(struct rnd_state *state, u64 seed);
void prandom_bytes_state(struct rnd_state *state, void *buf, size_t nbytes);

#endif /* _LINUX_PRANDOM_H */
