/* SPDX-License-Identifier: GPL-2.0 */
/*
 * STUBBED: memory cgroups.  DAMON only needs the type and an id lookup for
 * its memcg filter; the simulator's cgroups are plain ids.
 */
#ifndef _LINUX_MEMCONTROL_H
#define _LINUX_MEMCONTROL_H

/*
 * The kernel's memcontrol.h pulls in most of mm and sched; damon.h and
 * core.c rely on that, so this one does too.
 */
#include <linux/kernel.h>
#include <linux/completion.h>
#include <linux/init.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/pid.h>
#include <linux/sched.h>

struct mem_cgroup {
	unsigned short id;
};

struct folio;

static inline unsigned short mem_cgroup_id(struct mem_cgroup *memcg)
{
	return memcg ? memcg->id : 0;
}

#endif /* _LINUX_MEMCONTROL_H */
