/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CUSTOMISED: WARN*() are expressions that return their condition, as in the
 * kernel, and also count how often they fired so tests can assert zero.
 * BUG() aborts: a kernel BUG is fatal, and so is ours.
 */
#ifndef _LINUX_BUG_H
#define _LINUX_BUG_H

#include <linux/compiler.h>

void kport_warn(const char *file, int line, const char *cond);
void kport_bug(const char *file, int line, const char *cond) __attribute__((__noreturn__));

#define WARN_ON(condition) ({						\
	int ret_ = !!(condition);					\
	if (unlikely(ret_))						\
		kport_warn(__FILE__, __LINE__, #condition);		\
	unlikely(ret_);							\
})
#define WARN_ON_ONCE(condition) WARN_ON(condition)
#define WARN(condition, format...) ({					\
	int ret_ = !!(condition);					\
	if (unlikely(ret_)) {						\
		fprintf(stderr, format);				\
		kport_warn(__FILE__, __LINE__, #condition);		\
	}								\
	unlikely(ret_);							\
})
#define WARN_ONCE(condition, format...) WARN(condition, format)
#define BUG() kport_bug(__FILE__, __LINE__, "BUG()")
#define BUG_ON(condition) do {						\
	if (unlikely(condition))					\
		kport_bug(__FILE__, __LINE__, #condition);		\
} while (0)
#define VM_BUG_ON(condition) BUG_ON(condition)
#define VM_WARN_ON(condition) WARN_ON(condition)
#define VM_WARN_ON_ONCE(condition) WARN_ON(condition)

#endif /* _LINUX_BUG_H */
