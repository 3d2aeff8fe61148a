/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ptpool.h - allocator for page-table leaves and directories (internal)
 *
 * Leaves and directory nodes are carved from 2 MiB chunks that are backed
 * by transparent huge pages where the host allows it: a random access
 * stream over gigabytes of simulated memory then takes far fewer host TLB
 * misses than with one malloc() per leaf.  Freed nodes go to per-size free
 * lists and are reused; chunks are returned at pt_pool_destroy().
 */
#ifndef DAMONSIM_SIM_PTPOOL_H
#define DAMONSIM_SIM_PTPOOL_H

#include <stddef.h>
#include <stdint.h>

struct pt_pool {
	char *cur; /* unused part of the newest chunk */
	size_t left;
	void **chunks;
	size_t nr_chunks;
	size_t cap_chunks;
	void *free_leaf; /* free lists, linked through the first word */
	void *free_dir;
	uint64_t nr_leaves; /* live objects, for memory statistics */
	uint64_t nr_dirs;
	uint64_t chunk_bytes; /* host bytes reserved in chunks */
};

/**
 * pt_pool_init() - empty pool
 * @p: pool
 */
void pt_pool_init(struct pt_pool *p);

/**
 * pt_pool_destroy() - free every chunk (all objects die)
 * @p: pool
 */
void pt_pool_destroy(struct pt_pool *p);

/**
 * pt_pool_alloc() - zeroed object of @size bytes
 * @p: pool
 * @size: object size (one size per free list)
 * @freelist: &p->free_leaf or &p->free_dir
 *
 * Return: the object, 64-byte aligned, or NULL when out of memory.
 */
void *pt_pool_alloc(struct pt_pool *p, size_t size, void **freelist);

/**
 * pt_pool_free() - give an object back to its free list
 * @freelist: the list it was allocated with
 * @obj: object
 * @size: its size, as given to pt_pool_alloc()
 */
void pt_pool_free(void **freelist, void *obj, size_t size);

#endif
