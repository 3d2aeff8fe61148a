/* SPDX-License-Identifier: GPL-2.0 */
/* STUBBED: see linux/module.h. */
#ifndef _LINUX_EXPORT_H
#define _LINUX_EXPORT_H
#include <linux/module.h>
#endif
