// SPDX-License-Identifier: GPL-2.0
/*
 * pagetable.c - sparse radix page table of 512-entry leaves
 */
#include <stddef.h>
#include <string.h>

#include "sim/pagetable.h"

void pt_init(struct pagetable *pt, struct pt_pool *pool)
{
	pt->root = NULL;
	pt->pool = pool;
	memset(pt->recent, 0, sizeof(pt->recent));
}

static void pt_put_leaf(struct pagetable *pt, struct pt_leaf *leaf)
{
	pt_pool_free(&pt->pool->free_leaf, leaf, sizeof(*leaf));
	pt->pool->nr_leaves--;
}

static void pt_put_dir(struct pagetable *pt, struct pt_dir *dir)
{
	pt_pool_free(&pt->pool->free_dir, dir, sizeof(*dir));
	pt->pool->nr_dirs--;
}

static void pt_destroy_dir(struct pagetable *pt, struct pt_dir *dir, int level)
{
	unsigned int i;

	for (i = 0; i < PT_DIR_ENTRIES; i++) {
		if (!dir->slot[i])
			continue;
		if (level == PT_LEVELS - 1)
			pt_put_leaf(pt, dir->slot[i]);
		else
			pt_destroy_dir(pt, dir->slot[i], level + 1);
	}
	pt_put_dir(pt, dir);
}

void pt_destroy(struct pagetable *pt)
{
	if (pt->root)
		pt_destroy_dir(pt, pt->root, 0);
	pt->root = NULL;
	memset(pt->recent, 0, sizeof(pt->recent));
}

static struct pt_dir *pt_new_dir(struct pagetable *pt)
{
	struct pt_dir *d =
		pt_pool_alloc(pt->pool, sizeof(*d), &pt->pool->free_dir);

	if (d)
		pt->pool->nr_dirs++;
	return d;
}

struct pt_leaf *pt_get_leaf(struct pagetable *pt, uint64_t lidx)
{
	struct pt_dir *d;
	struct pt_leaf *leaf;
	void **slot;
	int level;

	if (!pt->root) {
		pt->root = pt_new_dir(pt);
		if (!pt->root)
			return NULL;
	}
	d = pt->root;
	for (level = 0; level < PT_LEVELS - 1; level++) {
		slot = &d->slot[pt_slot(lidx, level)];
		if (!*slot) {
			*slot = pt_new_dir(pt);
			if (!*slot)
				return NULL;
			d->nr_used++;
		}
		d = *slot;
	}
	slot = &d->slot[pt_slot(lidx, PT_LEVELS - 1)];
	if (*slot)
		return *slot;
	leaf = pt_pool_alloc(pt->pool, sizeof(*leaf), &pt->pool->free_leaf);
	if (!leaf)
		return NULL;
	*slot = leaf;
	d->nr_used++;
	pt->pool->nr_leaves++;
	return leaf;
}

void pt_free_leaf(struct pagetable *pt, uint64_t lidx)
{
	struct pt_dir *path[PT_LEVELS];
	void **slot;
	int level;

	path[0] = pt->root;
	if (!path[0])
		return;
	for (level = 1; level < PT_LEVELS; level++) {
		path[level] = path[level - 1]->slot[pt_slot(lidx, level - 1)];
		if (!path[level])
			return;
	}
	slot = &path[PT_LEVELS - 1]->slot[pt_slot(lidx, PT_LEVELS - 1)];
	if (!*slot)
		return;
	if (pt_recent_slot(pt, lidx)->tag == lidx + 1)
		*pt_recent_slot(pt, lidx) = (struct pt_recent){ 0 };
	pt_put_leaf(pt, *slot);
	*slot = NULL;
	/* Free directories bottom-up while they become empty. */
	for (level = PT_LEVELS - 1; level >= 0; level--) {
		if (--path[level]->nr_used)
			return;
		pt_put_dir(pt, path[level]);
		if (level == 0)
			pt->root = NULL;
		else
			path[level - 1]->slot[pt_slot(lidx, level - 1)] = NULL;
	}
}

/* Leaves covered by one slot at @level. */
static inline uint64_t pt_span(int level)
{
	return 1ULL << (PT_DIR_SHIFT * (PT_LEVELS - 1 - level));
}

static struct pt_leaf *pt_next_in(const struct pt_dir *d, int level,
				  uint64_t base, uint64_t from, uint64_t end,
				  uint64_t *lidx)
{
	uint64_t span = pt_span(level);
	unsigned int i = from > base ? (from - base) / span : 0;
	struct pt_leaf *leaf;

	for (; i < PT_DIR_ENTRIES; i++) {
		uint64_t sbase = base + i * span;

		if (sbase >= end)
			return NULL;
		if (!d->slot[i])
			continue;
		if (level == PT_LEVELS - 1) {
			*lidx = sbase;
			return d->slot[i];
		}
		leaf = pt_next_in(d->slot[i], level + 1, sbase, from, end,
				  lidx);
		if (leaf)
			return leaf;
	}
	return NULL;
}

struct pt_leaf *pt_next_leaf(const struct pagetable *pt, uint64_t from,
			     uint64_t end, uint64_t *lidx)
{
	if (!pt->root || from >= end)
		return NULL;
	return pt_next_in(pt->root, 0, 0, from, end, lidx);
}
