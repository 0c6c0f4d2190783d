/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The slab allocator's interface (implemented in mm/slub.c): named caches
 * of fixed-size objects, and kmalloc() over a ladder of size classes.
 */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/types.h>
#include <linux/gfp.h>

#define SLAB_HWCACHE_ALIGN	((slab_flags_t)0x00002000u)
#define SLAB_PANIC		((slab_flags_t)0x00040000u)
#define SLAB_ACCOUNT		((slab_flags_t)0x04000000u)

#define ZERO_SIZE_PTR		((void *)16)
#define ZERO_OR_NULL_PTR(x)	((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)

#define KMALLOC_MAX_CACHE_SIZE	8192u

struct kmem_cache;

#ifdef __cplusplus
extern "C" {
#endif

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align, slab_flags_t flags,
				     void (*ctor)(void *));
struct kmem_cache *kmem_cache_create_usercopy(const char *name,
					      unsigned int size,
					      unsigned int align,
					      slab_flags_t flags,
					      unsigned int useroffset,
					      unsigned int usersize,
					      void (*ctor)(void *));
void kmem_cache_destroy(struct kmem_cache *s);
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags);
void kmem_cache_free(struct kmem_cache *s, void *objp);
unsigned int kmem_cache_size(struct kmem_cache *s);

void *__kmalloc(size_t size, gfp_t flags);
void kfree(const void *objp);
size_t ksize(const void *objp);
size_t kmalloc_size_roundup(size_t size);

#ifdef __cplusplus
}
#endif

static inline void *kmem_cache_zalloc(struct kmem_cache *k, gfp_t flags)
{
	return kmem_cache_alloc(k, flags | __GFP_ZERO);
}

static inline void *kmalloc(size_t size, gfp_t flags)
{
	return __kmalloc(size, flags);
}

static inline void *kzalloc(size_t size, gfp_t flags)
{
	return kmalloc(size, flags | __GFP_ZERO);
}

/* An array of @n elements, NULL if n * size would overflow. */
static inline void *kmalloc_array(size_t n, size_t size, gfp_t flags)
{
	size_t bytes;

	if (__builtin_mul_overflow(n, size, &bytes))
		return NULL;
	return kmalloc(bytes, flags);
}

static inline void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	return kmalloc_array(n, size, flags | __GFP_ZERO);
}

#define kmalloc_track_caller(size, flags)	__kmalloc(size, flags)

#endif /* _LINUX_SLAB_H */
