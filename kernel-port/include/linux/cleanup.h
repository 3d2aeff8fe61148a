/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CUSTOMISED: scope-based lock guards (guard(), scoped_guard()) on GCC's
 * cleanup attribute, as the kernel's cleanup.h builds them; only the
 * pointer-taking lock classes newer DAMON code uses are supported.
 */
#ifndef _LINUX_CLEANUP_H
#define _LINUX_CLEANUP_H

#define __kport_paste_(a, b) a##b
#define __kport_paste(a, b) __kport_paste_(a, b)
#define __kport_unique(prefix) __kport_paste(prefix, __COUNTER__)

/*
 * DEFINE_GUARD(name, type, lock, unlock): a class whose constructor runs
 * @lock on _T and whose destructor, at scope exit, runs @unlock on it.
 */
#define DEFINE_GUARD(_name, _type, _lock, _unlock)			\
	typedef _type class_##_name##_t;				\
	static inline void class_##_name##_destructor(_type *p)		\
	{								\
		_type _T = *p;						\
		if (_T) {						\
			_unlock;					\
		}							\
	}								\
	static inline _type class_##_name##_constructor(_type _T)	\
	{								\
		_lock;							\
		return _T;						\
	}

/* guard(mutex)(&lock): hold the lock until the end of the scope. */
#define guard(_name) __kport_guard(_name, __kport_unique(__guard_))
#define __kport_guard(_name, var) __kport_guard_(_name, var)
#define __kport_guard_(_name, var)					\
	class_##_name##_t var						\
		__attribute__((cleanup(class_##_name##_destructor))) =	\
			class_##_name##_constructor

/*
 * scoped_guard(mutex, &lock) STATEMENT: run the statement with the lock
 * held.  The extra macro level expands __COUNTER__ before pasting.
 */
#define scoped_guard(_name, args...)					\
	__kport_scoped(_name, __kport_unique(__scope_), args)
#define __kport_scoped(_name, var, args...) __kport_scoped_(_name, var, args)
#define __kport_scoped_(_name, var, args...)				\
	for (class_##_name##_t var					\
		__attribute__((cleanup(class_##_name##_destructor))) =	\
			class_##_name##_constructor(args),		\
		*var##_done = NULL;					\
	     !var##_done; var##_done = (void *)1)

#endif /* _LINUX_CLEANUP_H */
