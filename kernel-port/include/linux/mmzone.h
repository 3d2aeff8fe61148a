/* SPDX-License-Identifier: GPL-2.0 */
/* STUBBED: the zone statistics items DAMON asks the host for. */
#ifndef _LINUX_MMZONE_H
#define _LINUX_MMZONE_H

enum zone_stat_item {
	NR_FREE_PAGES,
	NR_ZONE_LRU_BASE,
	NR_ZONE_INACTIVE_ANON = NR_ZONE_LRU_BASE,
	NR_ZONE_ACTIVE_ANON,
	NR_ZONE_INACTIVE_FILE,
	NR_ZONE_ACTIVE_FILE,
	NR_VM_ZONE_STAT_ITEMS,
};

#define MAX_NUMNODES 64
#define NUMA_NO_NODE (-1)

#endif /* _LINUX_MMZONE_H */
