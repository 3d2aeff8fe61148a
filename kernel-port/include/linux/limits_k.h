/* SPDX-License-Identifier: GPL-2.0 */
/*
 * DUPLICATED: the kernel-only limit constants.  Named limits_k.h because
 * glibc's <limits.h> already includes the uapi linux/limits.h.
 */
#ifndef _DAMONSIM_LINUX_LIMITS_K_H
#define _DAMONSIM_LINUX_LIMITS_K_H

#ifndef ULONG_MAX
#include <limits.h>
#endif

#endif
