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

/*
 * Under AddressSanitizer, memory the pool holds but has not handed out is
 * poisoned, so a stale pointer to a freed leaf or directory (which stays
 * in the pool, not freed to malloc) is reported like a use after free.
 */
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define pt_pool_poison(p, n) ASAN_POISON_MEMORY_REGION(p, n)
#define pt_pool_unpoison(p, n) ASAN_UNPOISON_MEMORY_REGION(p, n)
#else
#define pt_pool_poison(p, n) ((void)(p), (void)(n))
#define pt_pool_unpoison(p, n) ((void)(p), (void)(n))
#endif

static size_t pt_pool_round(size_t size)
{
	return (size + PT_POOL_ALIGN - 1) & ~(size_t)(PT_POOL_ALIGN - 1);
}

void pt_pool_init(struct pt_pool *p)
{
	memset(p, 0, sizeof(*p));
}

void pt_pool_destroy(struct pt_pool *p)
{
	size_t i;

	for (i = 0; i < p->nr_chunks; i++) {
		pt_pool_unpoison(p->chunks[i], PT_POOL_CHUNK);
		free(p->chunks[i]);
	}
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
	pt_pool_poison(chunk, PT_POOL_CHUNK);
	p->chunks[p->nr_chunks++] = chunk;
	p->cur = chunk;
	p->left = PT_POOL_CHUNK;
	p->chunk_bytes += PT_POOL_CHUNK;
	return 0;
}

void *pt_pool_alloc(struct pt_pool *p, size_t size, void **freelist)
{
	void *obj;

	size = pt_pool_round(size);
	if (*freelist) {
		obj = *freelist;
		pt_pool_unpoison(obj, size);
		*freelist = *(void **)obj;
	} else {
		if (p->left < size && pt_pool_grow(p))
			return NULL;
		obj = p->cur;
		p->cur += size;
		p->left -= size;
		pt_pool_unpoison(obj, size);
	}
	memset(obj, 0, size);
	return obj;
}

void pt_pool_free(void **freelist, void *obj, size_t size)
{
	*(void **)obj = *freelist;
	*freelist = obj;
	pt_pool_poison(obj, pt_pool_round(size));
}
