/* SPDX-License-Identifier: GPL-2.0 */
/* CUSTOMISED: system RAM resources are the simulated machine's nodes. */
#ifndef _LINUX_IOPORT_H
#define _LINUX_IOPORT_H

#include <linux/types.h>

struct resource {
	resource_size_t start;
	resource_size_t end;
	const char *name;
	unsigned long flags;
};

static inline resource_size_t resource_size(const struct resource *res)
{
	return res->end - res->start + 1;
}

int walk_system_ram_res(u64 start, u64 end, void *arg,
			int (*func)(struct resource *, void *));

#endif /* _LINUX_IOPORT_H */
