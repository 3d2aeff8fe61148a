/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CUSTOMISED: for the real-thread build only.  The port's slab counts
 * allocations in the cooperative scheduler's library; here it is libc.
 */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/kernel.h>
#include <linux/gfp.h>

#define kmalloc(size, flags) malloc(size)
#define kcalloc(n, size, flags) calloc(n, size)
#define kfree(ptr) free((void *)(ptr))

static inline void *kmalloc_array(size_t n, size_t size, gfp_t flags)
{
	(void)flags;
	if (size && n > SIZE_MAX / size)
		return NULL;
	return malloc(n * size);
}

#endif /* _LINUX_SLAB_H */
