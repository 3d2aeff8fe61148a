/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CUSTOMISED: pressure stall information.  The host supplies the system's
 * cumulative "some" memory stall time, in the layout core.c reads.
 */
#ifndef _LINUX_PSI_H
#define _LINUX_PSI_H

#include <linux/kernel.h>
#include <linux/jump_label.h>

enum psi_aggregators {
	PSI_AVGS = 0,
	PSI_POLL,
	NR_PSI_AGGREGATORS,
};

enum psi_res {
	PSI_IO,
	PSI_MEM,
	PSI_CPU,
	NR_PSI_RESOURCES,
};

#define NR_PSI_STATES 8

struct psi_group {
	/* ns of stall; [PSI_MEM * 2] is "some memory" as in the kernel */
	u64 total[NR_PSI_AGGREGATORS][NR_PSI_STATES - 1];
};

extern struct psi_group psi_system;
extern struct static_key_false psi_disabled;

/* The host refreshes psi_system before kdamond reads it. */
void kport_psi_refresh(void);

#define CONFIG_PSI 1

#endif /* _LINUX_PSI_H */
