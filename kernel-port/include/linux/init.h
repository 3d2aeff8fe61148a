/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CUSTOMISED: initcalls become constructors, ordered so that subsystem
 * init (damon_init creating its caches) runs before KUnit suites register.
 */
#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H

#include <linux/compiler.h>

#define KPORT_INITCALL(fn, prio)					\
	static void __attribute__((constructor(prio))) kport_init_##fn(void) \
	{								\
		if ((fn)())						\
			fprintf(stderr, "initcall %s failed\n", #fn);	\
	}

#define core_initcall(fn) KPORT_INITCALL(fn, 201)
#define subsys_initcall(fn) KPORT_INITCALL(fn, 202)
#define fs_initcall(fn) KPORT_INITCALL(fn, 203)
#define device_initcall(fn) KPORT_INITCALL(fn, 204)
#define late_initcall(fn) KPORT_INITCALL(fn, 205)
#define module_init(fn) device_initcall(fn)
#define module_exit(fn)

#endif /* _LINUX_INIT_H */
