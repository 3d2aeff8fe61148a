/* SPDX-License-Identifier: GPL-2.0 */
/* Internal to kernel-port/lib: the installed host callbacks. */
#ifndef DAMONSIM_KPORT_HOST_H
#define DAMONSIM_KPORT_HOST_H

#include "hostops.h"

/* Never NULL: the defaults when the host installed nothing. */
const struct kport_hostops *kport_hostops(void);

#endif
