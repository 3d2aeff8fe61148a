/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CUSTOMISED: allocations go to malloc, are counted, and the Nth one can be
 * made to fail (kport_slab_fail_nth()) so tests reach the error paths.
 */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/kernel.h>
#include <linux/gfp.h>

struct kmem_cache;

void *kport_kmalloc(size_t size, gfp_t flags);
void kport_kfree(const void *ptr);
void *kport_krealloc(const void *ptr, size_t size, gfp_t flags);
struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align, unsigned long flags,
				     void (*ctor)(void *));
void kmem_cache_destroy(struct kmem_cache *cache);
void *kmem_cache_alloc(struct kmem_cache *cache, gfp_t flags);
void kmem_cache_free(struct kmem_cache *cache, void *ptr);

#define SLAB_PANIC 0x1UL
#define SLAB_HWCACHE_ALIGN 0x2UL
#define KMEM_CACHE(s, flags) \
	kmem_cache_create(#s, sizeof(struct s), __alignof__(struct s), (flags), NULL)

#define kmalloc(size, flags) kport_kmalloc(size, flags)
#define kzalloc(size, flags) kport_kmalloc(size, (flags) | __GFP_ZERO)
#define kfree(ptr) kport_kfree(ptr)
#define krealloc(ptr, size, flags) kport_krealloc(ptr, size, flags)
#define kvfree(ptr) kport_kfree(ptr)
#define kvmalloc(size, flags) kport_kmalloc(size, flags)
#define kvzalloc(size, flags) kport_kmalloc(size, (flags) | __GFP_ZERO)
#define kmem_cache_zalloc(cache, flags) kmem_cache_alloc(cache, (flags) | __GFP_ZERO)

static inline void *kmalloc_array(size_t n, size_t size, gfp_t flags)
{
	size_t bytes;

	if (__builtin_mul_overflow(n, size, &bytes))
		return NULL;
	return kport_kmalloc(bytes, flags);
}

static inline void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	return kmalloc_array(n, size, flags | __GFP_ZERO);
}

/*
 * Typed allocations of newer trees: kmalloc_obj(*p) allocates one object of
 * p's type, kmalloc_objs(*p, n) an array; the gfp argument is optional and
 * defaults to GFP_KERNEL.  The GNU ", ##" paste picks the default when it
 * is absent.
 */
#define kport_gfp_pick(dummy, gfp, ...) gfp
#define kport_default_gfp(...) kport_gfp_pick(0, ##__VA_ARGS__, GFP_KERNEL)
#define kmalloc_obj(var_or_type, ...)					\
	((typeof(var_or_type) *)kport_kmalloc(				\
		sizeof(typeof(var_or_type)), kport_default_gfp(__VA_ARGS__)))
#define kzalloc_obj(var_or_type, ...)					\
	((typeof(var_or_type) *)kport_kmalloc(				\
		sizeof(typeof(var_or_type)),				\
		kport_default_gfp(__VA_ARGS__) | __GFP_ZERO))
#define kmalloc_objs(var_or_type, n, ...)				\
	((typeof(var_or_type) *)kmalloc_array(				\
		(n), sizeof(typeof(var_or_type)),			\
		kport_default_gfp(__VA_ARGS__)))
#define kzalloc_objs(var_or_type, n, ...)				\
	((typeof(var_or_type) *)kmalloc_array(				\
		(n), sizeof(typeof(var_or_type)),			\
		kport_default_gfp(__VA_ARGS__) | __GFP_ZERO))
#define kvmalloc_objs(var_or_type, n, ...)				\
	kmalloc_objs(var_or_type, n, ##__VA_ARGS__)
#define kvzalloc_objs(var_or_type, n, ...)				\
	kzalloc_objs(var_or_type, n, ##__VA_ARGS__)

#define kvmalloc_array(n, size, flags) kmalloc_array(n, size, flags)
#define kvcalloc(n, size, flags) kcalloc(n, size, flags)

#endif /* _LINUX_SLAB_H */
