// SPDX-License-Identifier: GPL-2.0-only
/*
 * A userspace slab allocator after SLUB's fast path: each cache carves
 * fixed-size objects out of slabs and keeps free ones on a LIFO freelist
 * threaded through the objects themselves, so an allocation is a pointer
 * pop, not a malloc. Debug mode adds what slub_debug=P and KASAN's
 * quarantine give the kernel: freed objects are poisoned and parked for a
 * while, and a write found in the poison when they leave is reported.
 *
 * Every slab is SLAB_SIZE bytes, aligned to SLAB_SIZE, with a header at
 * its start, so kfree() finds the owning cache by masking the pointer.
 * kmalloc() beyond the largest size class gets a slab of its own, marked
 * as such.
 */
#include <stdlib.h>
#include <pthread.h>
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <skbext/slabinfo.h>
#include <linux/fault-inject.h>
#include <linux/shrinker.h>
#include <linux/cache.h>

#define SLAB_SIZE		(64 * 1024)
#define SLAB_HEADER		64
#define SLAB_MAGIC		0x51ab51abu
#define SLAB_MAGIC_LARGE	0x1a26e51bu
#define QUARANTINE_SIZE		32
#define KMALLOC_LARGE_MAX	(16u << 20)

struct slab {
	unsigned int magic;
	struct kmem_cache *cache;
	struct slab *next;
	size_t large_size;	/* the usable size of a large kmalloc */
};

struct kmem_cache {
	const char *name;
	unsigned int object_size;
	unsigned int size;		/* stride */
	unsigned int align;
	slab_flags_t flags;
	void (*ctor)(void *obj);
	int lock;
	void *freelist;
	struct slab *slabs;
	void *quarantine[QUARANTINE_SIZE];
	unsigned int q_head, q_count;
	struct slabinfo stats;
	struct kmem_cache *next;
};

static pthread_mutex_t slab_caches_lock = PTHREAD_MUTEX_INITIALIZER;
static struct kmem_cache *slab_caches;
static bool slab_debug;
static slab_report_hook_t report_hook;
/* Every debug error ever found, including in caches since destroyed. */
static unsigned long debug_errors;
/*
 * The same, counted by the thread that allocated, freed or found: a tape
 * runs in one thread, so a fuzzer with a job per thread can tell its own
 * leaks and errors from the other jobs'. Frees count against the thread
 * that frees.
 */
static _Thread_local long thread_live;
static _Thread_local unsigned long thread_debug_errors;

static const unsigned int kmalloc_sizes[] = {
	8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192,
};
static const char *const kmalloc_names[] = {
	"kmalloc-8", "kmalloc-16", "kmalloc-32", "kmalloc-64", "kmalloc-96",
	"kmalloc-128", "kmalloc-192", "kmalloc-256", "kmalloc-512",
	"kmalloc-1k", "kmalloc-2k", "kmalloc-4k", "kmalloc-8k",
};
static struct kmem_cache *kmalloc_caches[ARRAY_SIZE(kmalloc_sizes)];
/* Large kmallocs are counted here; it never carves slabs. */
static struct kmem_cache kmalloc_large = {
	.name = "kmalloc-large",
	.stats = { .name = "kmalloc-large" },
};

static inline void cache_lock(struct kmem_cache *s)
{
	while (__atomic_test_and_set(&s->lock, __ATOMIC_ACQUIRE))
		__builtin_ia32_pause();
}

static inline void cache_unlock(struct kmem_cache *s)
{
	__atomic_clear(&s->lock, __ATOMIC_RELEASE);
}

static void slab_report(struct kmem_cache *s, const void *obj,
			const char *what)
{
	__atomic_fetch_add(&debug_errors, 1, __ATOMIC_RELAXED);
	thread_debug_errors++;
	if (report_hook)
		report_hook(s->name, obj, what);
	else
		pr_err("BUG %s: %s in object %p\n", s->name, what, obj);
}

/* SLUB's rule: a cache line, halved while the object fits twice in it. */
static unsigned int calculate_alignment(slab_flags_t flags,
					unsigned int align, unsigned int size)
{
	if (flags & SLAB_HWCACHE_ALIGN) {
		unsigned int ralign = L1_CACHE_BYTES;

		while (size <= ralign / 2)
			ralign /= 2;
		align = max(align, ralign);
	}
	return max_t(unsigned int, align, sizeof(void *));
}

static void cache_register(struct kmem_cache *s)
{
	pthread_mutex_lock(&slab_caches_lock);
	s->next = slab_caches;
	slab_caches = s;
	pthread_mutex_unlock(&slab_caches_lock);
}

struct kmem_cache *kmem_cache_create_usercopy(const char *name,
					      unsigned int size,
					      unsigned int align,
					      slab_flags_t flags,
					      unsigned int useroffset,
					      unsigned int usersize,
					      void (*ctor)(void *))
{
	struct kmem_cache *s = calloc(1, sizeof(*s));

	(void)useroffset;
	(void)usersize;
	if (!s || !size || size > KMALLOC_MAX_CACHE_SIZE) {
		free(s);
		if (flags & SLAB_PANIC)
			BUG();
		return NULL;
	}
	s->name = name;
	s->object_size = size;
	s->align = calculate_alignment(flags, align, size);
	s->size = ALIGN(max_t(unsigned int, size, sizeof(void *)), s->align);
	s->flags = flags;
	s->ctor = ctor;
	s->stats.name = name;
	s->stats.object_size = size;
	s->stats.size = s->size;
	cache_register(s);
	return s;
}

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align, slab_flags_t flags,
				     void (*ctor)(void *))
{
	return kmem_cache_create_usercopy(name, size, align, flags, 0, 0, ctor);
}

unsigned int kmem_cache_size(struct kmem_cache *s)
{
	return s->object_size;
}

static inline struct slab *virt_to_slab(const void *obj)
{
	return (struct slab *)((unsigned long)obj & ~(SLAB_SIZE - 1ul));
}

/* Carve a new slab onto the freelist; called with the cache locked. */
static bool new_slab(struct kmem_cache *s)
{
	struct slab *slab = aligned_alloc(SLAB_SIZE, SLAB_SIZE);
	unsigned int n, i;
	char *base;

	if (!slab)
		return false;
	slab->magic = SLAB_MAGIC;
	slab->cache = s;
	slab->next = s->slabs;
	slab->large_size = 0;
	s->slabs = slab;

	base = (char *)slab + SLAB_HEADER;
	n = (SLAB_SIZE - SLAB_HEADER) / s->size;
	/* thread the freelist so that the first object comes out first */
	for (i = n; i-- > 0;) {
		void *obj = base + (size_t)i * s->size;

		if (slab_debug)
			memset(obj, POISON_FREE, s->object_size);
		*(void **)obj = s->freelist;
		s->freelist = obj;
	}
	s->stats.num_objs += n;
	s->stats.num_slabs++;
	return true;
}

void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags)
{
	void *obj;

	if (unlikely(should_failslab(s, flags))) {
		cache_lock(s);
		s->stats.failed++;
		cache_unlock(s);
		return NULL;
	}

	cache_lock(s);
	if (unlikely(!s->freelist) && !new_slab(s)) {
		cache_unlock(s);
		return NULL;
	}
	obj = s->freelist;
	s->freelist = *(void **)obj;
	s->stats.active_objs++;
	s->stats.allocs++;
	cache_unlock(s);
	thread_live++;

	if (flags & __GFP_ZERO)
		memset(obj, 0, s->object_size);
	else if (s->ctor)
		s->ctor(obj);
	return obj;
}

/* An object leaves the quarantine: check its poison, then free it for real. */
static void quarantine_release(struct kmem_cache *s, void *obj)
{
	const unsigned char *p = obj;
	unsigned int i, last = s->object_size - 1;
	bool bad = false;

	for (i = 0; i < last && !bad; i++)
		bad = p[i] != POISON_FREE;
	bad = bad || p[last] != POISON_END;
	if (unlikely(bad)) {
		s->stats.poison_errors++;
		slab_report(s, obj, "write after free");
	}
	*(void **)obj = s->freelist;
	s->freelist = obj;
}

static bool in_quarantine(struct kmem_cache *s, const void *obj)
{
	unsigned int i;

	for (i = 0; i < s->q_count; i++)
		if (s->quarantine[(s->q_head + i) % QUARANTINE_SIZE] == obj)
			return true;
	return false;
}

void kmem_cache_free(struct kmem_cache *s, void *obj)
{
	struct slab *slab;
	size_t off;

	if (unlikely(!obj))
		return;
	slab = virt_to_slab(obj);
	off = (char *)obj - ((char *)slab + SLAB_HEADER);
	if (WARN_ON_ONCE(slab->magic != SLAB_MAGIC || slab->cache != s ||
			 off % s->size))
		return;

	cache_lock(s);
	if (slab_debug) {
		if (unlikely(in_quarantine(s, obj))) {
			s->stats.double_frees++;
			cache_unlock(s);
			slab_report(s, obj, "double free");
			return;
		}
		memset(obj, POISON_FREE, s->object_size - 1);
		((unsigned char *)obj)[s->object_size - 1] = POISON_END;
		if (s->q_count == QUARANTINE_SIZE) {
			quarantine_release(s, s->quarantine[s->q_head]);
			s->q_head = (s->q_head + 1) % QUARANTINE_SIZE;
			s->q_count--;
		}
		s->quarantine[(s->q_head + s->q_count++) % QUARANTINE_SIZE] = obj;
	} else {
		*(void **)obj = s->freelist;
		s->freelist = obj;
	}
	s->stats.active_objs--;
	s->stats.frees++;
	cache_unlock(s);
	thread_live--;
}

static void quarantine_flush(struct kmem_cache *s)
{
	cache_lock(s);
	while (s->q_count) {
		quarantine_release(s, s->quarantine[s->q_head]);
		s->q_head = (s->q_head + 1) % QUARANTINE_SIZE;
		s->q_count--;
	}
	cache_unlock(s);
}

void kmem_cache_destroy(struct kmem_cache *s)
{
	struct kmem_cache **pp;
	struct slab *slab, *next;

	if (!s)
		return;
	quarantine_flush(s);
	if (WARN(s->stats.active_objs, "destroying a cache with live objects"))
		return;	/* leak the cache rather than free live objects */

	pthread_mutex_lock(&slab_caches_lock);
	for (pp = &slab_caches; *pp; pp = &(*pp)->next) {
		if (*pp == s) {
			*pp = s->next;
			break;
		}
	}
	pthread_mutex_unlock(&slab_caches_lock);

	for (slab = s->slabs; slab; slab = next) {
		next = slab->next;
		free(slab);
	}
	free(s);
}

static int kmalloc_index(size_t size)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(kmalloc_sizes); i++)
		if (size <= kmalloc_sizes[i])
			return i;
	return -1;
}

size_t kmalloc_size_roundup(size_t size)
{
	int i;

	if (!size)
		return 0;
	i = kmalloc_index(size);
	if (i >= 0)
		return kmalloc_sizes[i];
	return ALIGN(size, 4096);
}

static void *kmalloc_large_alloc(size_t size, gfp_t flags)
{
	size_t usable = ALIGN(size, 4096);
	struct slab *slab;

	if (size > KMALLOC_LARGE_MAX)
		return NULL;
	if (should_failslab(&kmalloc_large, flags)) {
		cache_lock(&kmalloc_large);
		kmalloc_large.stats.failed++;
		cache_unlock(&kmalloc_large);
		return NULL;
	}
	slab = aligned_alloc(SLAB_SIZE, ALIGN(usable + SLAB_HEADER, SLAB_SIZE));
	if (!slab)
		return NULL;
	slab->magic = SLAB_MAGIC_LARGE;
	slab->cache = &kmalloc_large;
	slab->large_size = usable;
	cache_lock(&kmalloc_large);
	kmalloc_large.stats.active_objs++;
	kmalloc_large.stats.allocs++;
	kmalloc_large.stats.num_objs++;
	cache_unlock(&kmalloc_large);
	thread_live++;
	if (flags & __GFP_ZERO)
		memset((char *)slab + SLAB_HEADER, 0, usable);
	return (char *)slab + SLAB_HEADER;
}

void *__kmalloc(size_t size, gfp_t flags)
{
	int i;

	if (unlikely(!size))
		return ZERO_SIZE_PTR;
	i = kmalloc_index(size);
	if (i < 0)
		return kmalloc_large_alloc(size, flags);
	return kmem_cache_alloc(kmalloc_caches[i], flags);
}

void kfree(const void *objp)
{
	struct slab *slab;

	if (unlikely(ZERO_OR_NULL_PTR(objp)))
		return;
	slab = virt_to_slab(objp);
	if (slab->magic == SLAB_MAGIC_LARGE &&
	    (char *)objp == (char *)slab + SLAB_HEADER) {
		cache_lock(&kmalloc_large);
		kmalloc_large.stats.active_objs--;
		kmalloc_large.stats.frees++;
		cache_unlock(&kmalloc_large);
		thread_live--;
		slab->magic = 0;
		free(slab);
		return;
	}
	if (WARN_ON_ONCE(slab->magic != SLAB_MAGIC))
		return;
	kmem_cache_free(slab->cache, (void *)objp);
}

size_t ksize(const void *objp)
{
	struct slab *slab;

	if (unlikely(ZERO_OR_NULL_PTR(objp)))
		return 0;
	slab = virt_to_slab(objp);
	if (slab->magic == SLAB_MAGIC_LARGE)
		return slab->large_size;
	return slab->cache->object_size;
}

static int kmalloc_init(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(kmalloc_sizes); i++)
		kmalloc_caches[i] = kmem_cache_create(kmalloc_names[i],
						      kmalloc_sizes[i], 0,
						      SLAB_PANIC, NULL);
	cache_register(&kmalloc_large);
	return 0;
}
__define_initcall(kmalloc_init, 101);

int slabinfo_for_each(slabinfo_fn fn, void *arg)
{
	struct kmem_cache *s;
	int ret = 0;

	/* objects kept for reuse (a shrinker's) are not in use: count without */
	drop_slab();
	pthread_mutex_lock(&slab_caches_lock);
	for (s = slab_caches; s && !ret; s = s->next) {
		struct slabinfo info;

		cache_lock(s);
		info = s->stats;
		cache_unlock(s);
		ret = fn(&info, arg);
	}
	pthread_mutex_unlock(&slab_caches_lock);
	return ret;
}

struct slabinfo_find {
	const char *name;
	struct slabinfo *out;
};

static int slabinfo_match(const struct slabinfo *info, void *arg)
{
	struct slabinfo_find *f = arg;

	if (strcmp(info->name, f->name))
		return 0;
	*f->out = *info;
	return 1;
}

bool slabinfo_get(const char *name, struct slabinfo *info)
{
	struct slabinfo_find f = { .name = name, .out = info };

	return slabinfo_for_each(slabinfo_match, &f) == 1;
}

static int sum_live(const struct slabinfo *info, void *arg)
{
	*(long *)arg += info->active_objs;
	return 0;
}

long slab_live_objects(void)
{
	long n = 0;

	slabinfo_for_each(sum_live, &n);
	return n;
}

unsigned long slab_debug_errors(void)
{
	return __atomic_load_n(&debug_errors, __ATOMIC_RELAXED);
}

long slab_thread_live_objects(void)
{
	drop_slab();
	return thread_live;
}

unsigned long slab_thread_debug_errors(void)
{
	return thread_debug_errors;
}

void slab_debug_set(bool on)
{
	if (!on)
		slab_quarantine_flush();
	__atomic_store_n(&slab_debug, on, __ATOMIC_RELAXED);
}

bool slab_debug_enabled(void)
{
	return __atomic_load_n(&slab_debug, __ATOMIC_RELAXED);
}

void slab_quarantine_flush(void)
{
	struct kmem_cache *s;

	pthread_mutex_lock(&slab_caches_lock);
	for (s = slab_caches; s; s = s->next)
		quarantine_flush(s);
	pthread_mutex_unlock(&slab_caches_lock);
}

slab_report_hook_t slab_set_report_hook(slab_report_hook_t hook)
{
	slab_report_hook_t old = report_hook;

	report_hook = hook;
	return old;
}
