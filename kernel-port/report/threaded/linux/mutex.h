/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CUSTOMISED: for the real-thread build only.  The port's mutex is an
 * object of the cooperative scheduler; real producer threads need a real
 * lock, so this one is a pthread mutex.
 */
#ifndef _LINUX_MUTEX_H
#define _LINUX_MUTEX_H

#include <pthread.h>
#include <linux/kernel.h>

struct mutex {
	pthread_mutex_t m;
};

#define mutex_init(lock) pthread_mutex_init(&(lock)->m, NULL)
#define mutex_destroy(lock) pthread_mutex_destroy(&(lock)->m)
#define mutex_lock(lock) pthread_mutex_lock(&(lock)->m)
#define mutex_trylock(lock) (pthread_mutex_trylock(&(lock)->m) == 0)
#define mutex_unlock(lock) pthread_mutex_unlock(&(lock)->m)

#endif /* _LINUX_MUTEX_H */
