/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CUSTOMISED: the memory-management facts DAMON reads (page size, total and
 * free RAM, system RAM ranges) come from the host's simulated machine.
 */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/ioport.h>
#include <linux/mmzone.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))
#define PAGE_ALIGN(addr) ALIGN(addr, PAGE_SIZE)
#define PAGE_ALIGNED(addr) IS_ALIGNED((unsigned long)(addr), PAGE_SIZE)
#define PHYS_PFN(x) ((unsigned long)((x) >> PAGE_SHIFT))
#define PFN_PHYS(x) ((phys_addr_t)(x) << PAGE_SHIFT)
#define HPAGE_PMD_SIZE (1UL << 21)

unsigned long totalram_pages(void);
unsigned long global_zone_page_state(enum zone_stat_item item);
unsigned long global_node_page_state(enum node_stat_item item);

/*
 * Types newer trees' mm/damon/ops-common.h declares functions with; core.c
 * never dereferences them here (the ops that do are the simulator's).
 */
typedef struct { unsigned long pte; } pte_t;
typedef struct { unsigned long pmd; } pmd_t;
typedef pte_t hw_pte_t;
struct vm_area_struct;
struct folio;

#endif /* _LINUX_MM_H */
