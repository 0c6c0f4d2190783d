// SPDX-License-Identifier: GPL-2.0-only
/*
 * fail-nth (Documentation/fault-injection): a per-task countdown; the
 * allocation that takes it to zero fails, and the countdown disarms.
 * A thread stands for a task here.
 */
#include <linux/kernel.h>
#include <linux/fault-inject.h>

static _Thread_local unsigned int fail_nth;

void fail_nth_set(unsigned int n)
{
	fail_nth = n;
}

unsigned int fail_nth_get(void)
{
	return fail_nth;
}

bool should_failslab(struct kmem_cache *s, gfp_t gfpflags)
{
	(void)s;
	/* a caller that cannot fail is not a fault to inject, as in 6.1 */
	if (!fail_nth || (gfpflags & __GFP_NOFAIL))
		return false;
	return --fail_nth == 0;
}
