/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CUSTOMISED: a struct pid names a simulated process; `host` points at the
 * simulator's address space for it.  Reference counted as in the kernel.
 */
#ifndef _LINUX_PID_H
#define _LINUX_PID_H

#include <linux/kernel.h>

struct pid {
	int refcount;
	int nr;
	void *host;
	struct pid *next_live;	/* the live pids, for find_get_pid() */
};

struct pid *kport_pid_new(int nr, void *host);
struct pid *get_pid(struct pid *pid);
void put_pid(struct pid *pid);
/* The live struct pid of a number (a new reference), or NULL. */
struct pid *find_get_pid(pid_t nr);

static inline pid_t pid_nr(struct pid *pid)
{
	return pid ? pid->nr : 0;
}

#endif /* _LINUX_PID_H */
