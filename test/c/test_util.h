/* SPDX-License-Identifier: GPL-2.0-only */
/* Small helpers the C test suites share. */
#ifndef _TEST_UTIL_H
#define _TEST_UTIL_H

#include <linux/slabinfo.h>
#include <net/xfrm.h>

/* A state as the state table would hold it: allocated and valid. */
static inline struct xfrm_state *test_state_new(void)
{
	struct xfrm_state *x = xfrm_state_alloc(NULL);

	if (x)
		x->km.state = XFRM_STATE_VALID;
	return x;
}

/* Live objects in the cache called @name, -1 if there is none. */
static inline long test_cache_live(const char *name)
{
	struct slabinfo info;

	return slabinfo_get(name, &info) ? info.active_objs : -1;
}

#endif /* _TEST_UTIL_H */
