/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CUSTOMISED: tasks are simulated threads of the cooperative scheduler in
 * kernel-port/lib/sched.c; `current` is never NULL (the host thread and any
 * foreign thread get a task of their own).
 */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include <linux/kernel.h>
#include <linux/jiffies.h>
/* The kernel's sched.h brings random.h along; newer core.c relies on it. */
#include <linux/random.h>

#define TASK_COMM_LEN 16
#define TASK_RUNNING 0x0000
#define TASK_INTERRUPTIBLE 0x0001
#define TASK_UNINTERRUPTIBLE 0x0002
#define TASK_NOLOAD 0x0400
#define TASK_IDLE (TASK_UNINTERRUPTIBLE | TASK_NOLOAD)
#define MAX_SCHEDULE_TIMEOUT LONG_MAX

struct kport_task;

struct task_struct {
	pid_t pid;
	char comm[TASK_COMM_LEN];
	struct kport_task *sim;		/* scheduler state, opaque here */
};

struct task_struct *kport_current(void);
#define current kport_current()

void get_task_struct(struct task_struct *task);
void put_task_struct(struct task_struct *task);
int wake_up_process(struct task_struct *task);
long schedule_timeout_idle(long timeout);
long schedule_timeout_interruptible(long timeout);
long schedule_timeout_uninterruptible(long timeout);
void schedule(void);
#define set_current_state(state) do { } while (0)
#define __set_current_state(state) do { } while (0)
#define signal_pending(task) 0
#define fatal_signal_pending(task) 0

#endif /* _LINUX_SCHED_H */
