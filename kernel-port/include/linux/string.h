/* SPDX-License-Identifier: GPL-2.0 */
/* DUPLICATED: libc's string functions plus the kernel-only ones. */
#ifndef _LINUX_STRING_H
#define _LINUX_STRING_H

#include <linux/kernel.h>

static inline ssize_t strscpy(char *dest, const char *src, size_t count)
{
	size_t len;

	if (!count)
		return -E2BIG;
	len = strnlen(src, count);
	if (len == count) {
		memcpy(dest, src, count - 1);
		dest[count - 1] = '\0';
		return -E2BIG;
	}
	memcpy(dest, src, len + 1);
	return (ssize_t)len;
}

static inline void *kmemdup(const void *src, size_t len, unsigned int gfp)
{
	extern void *kport_kmalloc(size_t size, unsigned int flags);
	void *p = kport_kmalloc(len, gfp);

	if (p)
		memcpy(p, src, len);
	return p;
}

#endif /* _LINUX_STRING_H */
