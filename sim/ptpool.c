// SPDX-License-Identifier: GPL-2.0
/*
 * ptpool.c - huge-page backed chunk allocator for page-table nodes
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "sim/ptpool.h"

#define PT_POOL_CHUNK (2u << 20)
#define PT_POOL_ALIGN 64u

void pt_pool_init(struct pt_pool *p)
{
	memset(p, 0, sizeof(*p));
}

void pt_pool_destroy(struct pt_pool *p)
{
	size_t i;

	for (i = 0; i < p->nr_chunks; i++)
		free(p->chunks[i]);
	free(p->chunks);
	pt_pool_init(p);
}

static int pt_pool_grow(struct pt_pool *p)
{
	void **nc, *chunk;
	size_t ncap;

	if (p->nr_chunks == p->cap_chunks) {
		ncap = p->cap_chunks ? p->cap_chunks * 2 : 16;
		nc = realloc(p->chunks, ncap * sizeof(*nc));
		if (!nc)
			return -ENOMEM;
		p->chunks = nc;
		p->cap_chunks = ncap;
	}
	chunk = aligned_alloc(PT_POOL_CHUNK, PT_POOL_CHUNK);
	if (!chunk)
		return -ENOMEM;
#ifdef MADV_HUGEPAGE
	/* Only a hint: without THP the pool still works, just slower. */
	madvise(chunk, PT_POOL_CHUNK, MADV_HUGEPAGE);
#endif
	p->chunks[p->nr_chunks++] = chunk;
	p->cur = chunk;
	p->left = PT_POOL_CHUNK;
	p->chunk_bytes += PT_POOL_CHUNK;
	return 0;
}

void *pt_pool_alloc(struct pt_pool *p, size_t size, void **freelist)
{
	void *obj;

	size = (size + PT_POOL_ALIGN - 1) & ~(size_t)(PT_POOL_ALIGN - 1);
	if (*freelist) {
		obj = *freelist;
		*freelist = *(void **)obj;
	} else {
		if (p->left < size && pt_pool_grow(p))
			return NULL;
		obj = p->cur;
		p->cur += size;
		p->left -= size;
	}
	memset(obj, 0, size);
	return obj;
}

void pt_pool_free(void **freelist, void *obj)
{
	*(void **)obj = *freelist;
	*freelist = obj;
}
