/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pagetable.h - sparse per-address-space page table (internal to sim/)
 *
 * A radix tree of three 512-way directory levels above 512-entry leaf
 * tables, like x86-64's PGD/PUD/PMD/PTE, so host memory grows with the
 * touched 2 MiB blocks only and 48-bit address spaces cost nothing until
 * touched.  A leaf entry also carries the page's ground-truth counter so
 * one lookup serves the TLB model, the A/D bits and the ground truth.
 */
#ifndef DAMONSIM_SIM_PAGETABLE_H
#define DAMONSIM_SIM_PAGETABLE_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/ptpool.h"

#define PT_LEAF_SHIFT 9
#define PT_LEAF_ENTRIES (1u << PT_LEAF_SHIFT)
#define PT_DIR_SHIFT 9
#define PT_DIR_ENTRIES (1u << PT_DIR_SHIFT)
#define PT_PFN_NONE UINT32_MAX

/* pt_entry.flags */
#define PTE_PRESENT 0x1u
#define PTE_YOUNG 0x2u
#define PTE_DIRTY 0x4u
#define PTE_ARMED 0x8u
/* Part of a 2 MiB mapping (set in every entry of the leaf). */
#define PTE_HUGE 0x10u

/*
 * 8 bytes: flags and the ground truth of the page (number of sampling
 * intervals with an access, and the last sampling epoch that counted), so
 * the hot path touches one aligned word: eight entries per cache line, a
 * 4 KiB array per leaf.  The frame number, which an access needs only for
 * per-frame ground truth and observers, lives in a separate array.
 */
struct pt_entry {
	uint16_t flags;
	uint16_t gt_count;
	uint32_t gt_last;
};

/*
 * A leaf maps one 2 MiB block.  When the block is one 2 MiB mapping every
 * entry has PTE_HUGE, e[0] holds its A/D/armed bits, and every e[i] still
 * holds the ground truth of its 4 KiB subpage (pfn[i] its frame).
 */
struct pt_leaf {
	struct pt_entry e[PT_LEAF_ENTRIES];
	uint32_t pfn[PT_LEAF_ENTRIES];
	uint32_t nr_present;
	/*
	 * Epoch in which a page last had its first access of an aggregation;
	 * below the aggregation's first epoch, no page of the leaf was
	 * accessed in it (and @fresh is stale).
	 */
	uint32_t gt_last;
	/*
	 * Pages accessed in the aggregation of @gt_last, one bit each: the
	 * ground-truth pass visits these instead of testing 512 entries.
	 */
	uint64_t fresh[PT_LEAF_ENTRIES / 64];
};

/* Whether a leaf is one 2 MiB mapping. */
static inline bool pt_leaf_huge(const struct pt_leaf *leaf)
{
	return leaf->e[0].flags & PTE_HUGE;
}

struct pt_dir {
	uint32_t nr_used;
	void *slot[PT_DIR_ENTRIES];
};

/*
 * Leaves looked up recently, direct-mapped by leaf index: a hit costs two
 * loads where the radix walk costs three dependent ones and their checks.
 * 2048 slots (32 KiB) cover 4 GiB of busy leaves and stay in L2.
 */
#define PT_RECENT_SLOTS 2048

struct pt_recent {
	uint64_t tag; /* leaf index + 1; 0: empty */
	struct pt_leaf *leaf;
};

struct pagetable {
	struct pt_dir *root;
	struct pt_pool *pool; /* shared by the machine's address spaces */
	struct pt_recent recent[PT_RECENT_SLOTS];
};

/**
 * pt_init() - empty page table
 * @pt: table
 * @pool: allocator for its nodes (also counts them)
 */
void pt_init(struct pagetable *pt, struct pt_pool *pool);

/**
 * pt_destroy() - free every node and leaf
 * @pt: table
 */
void pt_destroy(struct pagetable *pt);

/* Leaf index has 27 bits (48-bit VA, 4 KiB pages, 512 pages per leaf). */
#define PT_LEVELS 3

static inline unsigned int pt_slot(uint64_t lidx, int level)
{
	return (lidx >> (PT_DIR_SHIFT * (PT_LEVELS - 1 - level))) &
	       (PT_DIR_ENTRIES - 1);
}

/**
 * pt_find_dir() - last-level directory holding a leaf index's slot
 * @pt: table
 * @lidx: leaf index
 *
 * With pt_dir_leaf(), pt_find_leaf() in two steps, so a caller can
 * prefetch the slot in between.
 *
 * Return: the directory or NULL.
 */
static inline struct pt_dir *pt_find_dir(const struct pagetable *pt,
					 uint64_t lidx)
{
	struct pt_dir *d = pt->root;

	if (!d)
		return NULL;
	d = d->slot[pt_slot(lidx, 0)];
	if (!d)
		return NULL;
	return d->slot[pt_slot(lidx, 1)];
}

/* Slot of @lidx in its last-level directory @d (from pt_find_dir()). */
static inline struct pt_leaf **pt_dir_slot(struct pt_dir *d, uint64_t lidx)
{
	return (struct pt_leaf **)&d->slot[pt_slot(lidx, PT_LEVELS - 1)];
}

/**
 * pt_find_leaf() - leaf for a leaf index (vpn >> 9)
 * @pt: table
 * @lidx: leaf index
 *
 * Inline: every simulated access looks its leaf up.
 *
 * Return: the leaf or NULL.
 */
static inline struct pt_leaf *pt_find_leaf(const struct pagetable *pt,
					   uint64_t lidx)
{
	struct pt_dir *d = pt_find_dir(pt, lidx);

	return d ? *pt_dir_slot(d, lidx) : NULL;
}

static inline struct pt_recent *pt_recent_slot(struct pagetable *pt,
					       uint64_t lidx)
{
	return &pt->recent[lidx & (PT_RECENT_SLOTS - 1)];
}

/**
 * pt_lookup_leaf() - pt_find_leaf() through the recent leaves
 * @pt: table
 * @lidx: leaf index
 *
 * For the access paths, which look leaves up on every simulated access.
 * A leaf found by the walk replaces the slot's; pt_free_leaf() clears its
 * slot, so a slot never holds a freed leaf.
 *
 * Return: the leaf or NULL.
 */
static inline struct pt_leaf *pt_lookup_leaf(struct pagetable *pt,
					     uint64_t lidx)
{
	struct pt_recent *c = pt_recent_slot(pt, lidx);
	struct pt_leaf *leaf;

	if (c->tag == lidx + 1)
		return c->leaf;
	leaf = pt_find_leaf(pt, lidx);
	if (leaf) {
		c->tag = lidx + 1;
		c->leaf = leaf;
	}
	return leaf;
}

/**
 * pt_get_leaf() - leaf for a leaf index, allocated zeroed if missing
 * @pt: table
 * @lidx: leaf index
 *
 * Return: the leaf or NULL when out of memory.
 */
struct pt_leaf *pt_get_leaf(struct pagetable *pt, uint64_t lidx);

/**
 * pt_free_leaf() - free a leaf and the directories it leaves empty
 * @pt: table
 * @lidx: leaf index
 */
void pt_free_leaf(struct pagetable *pt, uint64_t lidx);

/**
 * pt_next_leaf() - first existing leaf with index in [from, end)
 * @pt: table
 * @from: first index to consider
 * @end: one past the last
 * @lidx: index of the leaf found
 *
 * Skips missing subtrees whole, so the cost follows the leaves present.
 *
 * Return: the leaf or NULL.
 */
struct pt_leaf *pt_next_leaf(const struct pagetable *pt, uint64_t from,
			     uint64_t end, uint64_t *lidx);

#endif
