/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CUSTOMISED: a mutex of the cooperative scheduler.  Waiting blocks the
 * simulated task (and passes the baton), never the host thread, so the
 * lock orders kdamond and its controller exactly as the kernel can.
 */
#ifndef _LINUX_MUTEX_H
#define _LINUX_MUTEX_H

#include <linux/kernel.h>
#include <linux/cleanup.h>

struct task_struct;

struct mutex {
	struct task_struct *owner;
	const char *name;
};

#define __MUTEX_INITIALIZER(lockname) { .owner = NULL, .name = #lockname }
#define DEFINE_MUTEX(mutexname) \
	struct mutex mutexname = __MUTEX_INITIALIZER(mutexname)

static inline void mutex_init(struct mutex *lock)
{
	lock->owner = NULL;
	lock->name = "mutex";
}

void mutex_lock(struct mutex *lock);
int mutex_trylock(struct mutex *lock);
void mutex_unlock(struct mutex *lock);
bool mutex_is_locked(struct mutex *lock);
DEFINE_GUARD(mutex, struct mutex *, mutex_lock(_T), mutex_unlock(_T))

#define mutex_destroy(lock) do { } while (0)
#define mutex_lock_interruptible(lock) (mutex_lock(lock), 0)
#define lockdep_assert_held(lock) WARN_ON(!mutex_is_locked(lock))

#endif /* _LINUX_MUTEX_H */
