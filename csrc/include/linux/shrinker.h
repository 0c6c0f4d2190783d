/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shrinkers: how a subsystem that keeps freed objects for reuse gives
 * them back when memory is reclaimed. Here the only reclaim is
 * drop_slab() (what `echo 2 > /proc/sys/vm/drop_caches` runs), which the
 * slab counters call before they count, so an object kept for reuse is
 * never counted as live. Calls are per thread (a thread stands for a CPU).
 */
#ifndef _LINUX_SHRINKER_H
#define _LINUX_SHRINKER_H

#include <linux/types.h>
#include <linux/gfp.h>

struct shrink_control {
	gfp_t gfp_mask;
	int nid;
	/* objects the scan may free, and how many it looked at */
	unsigned long nr_to_scan;
	unsigned long nr_scanned;
};

/* scan_objects: nothing can be freed now */
#define SHRINK_STOP	(~0UL)
/* count_objects: the cache is empty */
#define SHRINK_EMPTY	(~0UL - 1)
#define DEFAULT_SEEKS	2

struct shrinker {
	unsigned long (*count_objects)(struct shrinker *s,
				       struct shrink_control *sc);
	unsigned long (*scan_objects)(struct shrinker *s,
				      struct shrink_control *sc);
	long batch;
	int seeks;
	unsigned int flags;
	/* the registered shrinkers, newest first (mm/vmscan.c) */
	struct shrinker *next;
	const char *name;
};

#ifdef __cplusplus
extern "C" {
#endif

int register_shrinker(struct shrinker *shrinker, const char *fmt, ...);
void unregister_shrinker(struct shrinker *shrinker);
/* Run every shrinker until its cache is empty (drop_caches=2). */
void drop_slab(void);

#ifdef __cplusplus
}
#endif

#endif /* _LINUX_SHRINKER_H */
