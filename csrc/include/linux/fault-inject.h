/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fail-nth: the n-th slab allocation from now, counted per thread, fails.
 * The kernel arms it through /proc/self/task/<tid>/fail-nth; here the
 * calls below stand for writing and reading that file.
 */
#ifndef _LINUX_FAULT_INJECT_H
#define _LINUX_FAULT_INJECT_H

#include <linux/types.h>
#include <linux/gfp.h>

struct kmem_cache;

#ifdef __cplusplus
extern "C" {
#endif

/* Arm: n >= 1 makes the n-th allocation from now fail; 0 disarms. */
void fail_nth_set(unsigned int n);
/* What the proc file reads back: allocations left before the failure, 0 if none is armed. */
unsigned int fail_nth_get(void);
/* Called on every slab allocation; true means "fail this one". */
bool should_failslab(struct kmem_cache *s, gfp_t gfpflags);

#ifdef __cplusplus
}
#endif

#endif /* _LINUX_FAULT_INJECT_H */
