/* SPDX-License-Identifier: GPL-2.0 */
/* CUSTOMISED: completions as predicates of the cooperative scheduler. */
#ifndef _LINUX_COMPLETION_H
#define _LINUX_COMPLETION_H

#include <linux/kernel.h>

struct completion {
	unsigned int done;
};

#define COMPLETION_INITIALIZER(work) { .done = 0 }
#define DECLARE_COMPLETION(work) struct completion work = COMPLETION_INITIALIZER(work)

static inline void init_completion(struct completion *x)
{
	x->done = 0;
}

static inline void reinit_completion(struct completion *x)
{
	x->done = 0;
}

void wait_for_completion(struct completion *x);
void complete(struct completion *x);
void complete_all(struct completion *x);
bool completion_done(struct completion *x);

#endif /* _LINUX_COMPLETION_H */
