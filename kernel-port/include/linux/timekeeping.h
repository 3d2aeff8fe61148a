/* SPDX-License-Identifier: GPL-2.0 */
/* CUSTOMISED: see linux/ktime.h. */
#ifndef _LINUX_TIMEKEEPING_H
#define _LINUX_TIMEKEEPING_H
#include <linux/ktime.h>
#endif
