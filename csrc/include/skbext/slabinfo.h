/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What /proc/slabinfo and the slab debug options (slub_debug=P, KASAN's
 * quarantine, kmemleak) would tell: per-cache counters, poison checking and
 * the hooks through which the harness and the binding read them. Not a
 * kernel header: the kernel exposes these through procfs and debugfs.
 */
#ifndef _LINUX_SLABINFO_H
#define _LINUX_SLABINFO_H

#include <linux/types.h>

#define POISON_FREE	0x6b	/* what a freed object is filled with */
#define POISON_END	0xa5	/* its last byte */

struct slabinfo {
	const char *name;
	unsigned int object_size;	/* size asked for at creation */
	unsigned int size;		/* stride of one object in a slab */
	long active_objs;		/* live: allocated and not yet freed */
	unsigned long num_objs;		/* carved from slabs so far */
	unsigned long num_slabs;
	unsigned long allocs;
	unsigned long frees;
	unsigned long failed;		/* allocations failed by fail-nth */
	unsigned long poison_errors;	/* writes found in freed objects */
	unsigned long double_frees;
};

typedef int (*slabinfo_fn)(const struct slabinfo *info, void *arg);
typedef void (*slab_report_hook_t)(const char *cache, const void *obj,
				   const char *what);

#ifdef __cplusplus
extern "C" {
#endif

/* Calls @fn for every cache, kmalloc ones included; stops on non-zero. */
int slabinfo_for_each(slabinfo_fn fn, void *arg);
/* Fills @info for the cache called @name; false if there is none. */
bool slabinfo_get(const char *name, struct slabinfo *info);
/* Live objects summed over every cache. */
long slab_live_objects(void);
/* Poison errors and double frees found so far, in every cache. */
unsigned long slab_debug_errors(void);
/* Objects this thread allocated minus those it freed; its debug errors. */
long slab_thread_live_objects(void);
unsigned long slab_thread_debug_errors(void);

/*
 * Debug mode: freed objects are poisoned and parked in a per-cache
 * quarantine; the poison is checked when an object leaves it, and a free
 * of an object already free is reported instead of corrupting the list.
 */
void slab_debug_set(bool on);
bool slab_debug_enabled(void);
/* Release every quarantined object now, checking its poison. */
void slab_quarantine_flush(void);
slab_report_hook_t slab_set_report_hook(slab_report_hook_t hook);

#ifdef __cplusplus
}
#endif

#endif /* _LINUX_SLABINFO_H */
