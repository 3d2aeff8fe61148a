// SPDX-License-Identifier: GPL-2.0
/*
 * Allocations of the kernel code: malloc underneath, counted, and with
 * fail-the-Nth injection so tests can walk the kernel's -ENOMEM paths.
 */
#include <linux/slab.h>

#include "hostops.h"

struct kmem_cache {
	const char *name;
	unsigned int size;
	void (*ctor)(void *);
};

static struct kport_slab_stats stats;
static unsigned long fail_countdown;

void kport_slab_stats(struct kport_slab_stats *out)
{
	*out = stats;
	out->live = stats.allocs - stats.frees;
}

void kport_slab_fail_nth(unsigned long nth)
{
	fail_countdown = nth;
}

static bool inject_failure(void)
{
	if (!fail_countdown || --fail_countdown)
		return false;
	stats.failed++;
	return true;
}

void *kport_kmalloc(size_t size, gfp_t flags)
{
	void *p;

	if (inject_failure())
		return NULL;
	p = (flags & __GFP_ZERO) ? calloc(1, size ? size : 1) :
				   malloc(size ? size : 1);
	if (p)
		stats.allocs++;
	return p;
}

void kport_kfree(const void *ptr)
{
	if (!ptr)
		return;
	stats.frees++;
	free((void *)ptr);
}

void *kport_krealloc(const void *ptr, size_t size, gfp_t flags)
{
	void *p;

	if (inject_failure())
		return NULL;
	p = realloc((void *)ptr, size ? size : 1);
	if (p && !ptr)
		stats.allocs++;
	return p;
}

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align, unsigned long flags,
				     void (*ctor)(void *))
{
	struct kmem_cache *cache = calloc(1, sizeof(*cache));

	if (!cache) {
		if (flags & SLAB_PANIC)
			BUG();
		return NULL;
	}
	cache->name = name;
	cache->size = size;
	cache->ctor = ctor;
	return cache;
}

void kmem_cache_destroy(struct kmem_cache *cache)
{
	free(cache);
}

void *kmem_cache_alloc(struct kmem_cache *cache, gfp_t flags)
{
	void *p = kport_kmalloc(cache->size, flags);

	if (p && cache->ctor)
		cache->ctor(p);
	return p;
}

void kmem_cache_free(struct kmem_cache *cache, void *ptr)
{
	kport_kfree(ptr);
}
