/* SPDX-License-Identifier: GPL-2.0 */
/*
 * STUBBED: nothing is preempted.  The simulation runs one context at a
 * time; the threaded build pins each thread to one CPU number.
 */
#ifndef _LINUX_PREEMPT_H
#define _LINUX_PREEMPT_H

#define preempt_disable() do { } while (0)
#define preempt_enable() do { } while (0)
#define in_nmi() 0
#define in_task() 1

#endif /* _LINUX_PREEMPT_H */
