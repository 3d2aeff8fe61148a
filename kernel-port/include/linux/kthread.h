/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CUSTOMISED: kthreads are simulated threads that run one at a time under
 * the cooperative scheduler, in virtual time.
 */
#ifndef _LINUX_KTHREAD_H
#define _LINUX_KTHREAD_H

#include <linux/sched.h>

struct task_struct *kthread_create(int (*threadfn)(void *data), void *data,
				   const char *namefmt, ...) __printf(3, 4);
#define kthread_run(threadfn, data, namefmt, ...) ({			\
	struct task_struct *k_ =					\
		kthread_create(threadfn, data, namefmt, ##__VA_ARGS__);	\
	if (!IS_ERR(k_))						\
		wake_up_process(k_);					\
	k_;								\
})
bool kthread_should_stop(void);
int kthread_stop(struct task_struct *task);
int kthread_stop_put(struct task_struct *task);

#endif /* _LINUX_KTHREAD_H */
