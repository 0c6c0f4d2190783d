// SPDX-License-Identifier: GPL-2.0-only
/*
 * xfrm_state lifetime, as net/xfrm/xfrm_state.c of Linux 6.1 manages it:
 * xfrm_state_alloc() hands out one reference (the state table's), delete
 * marks the state dead and drops that reference, and the last put
 * destroys it. The kernel defers destruction to a GC worker; here it
 * happens at once, which is the same from the refcount's point of view.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <net/xfrm.h>


struct kmem_cache *xfrm_state_cache __read_mostly;

/**
 * xfrm_state_alloc - allocate a state with one reference
 * @net: network namespace (unused: one namespace here)
 *
 * The state starts in XFRM_STATE_VOID with everything else zero. Returns
 * NULL when the allocation fails.
 */
struct xfrm_state *xfrm_state_alloc(void *net)
{
	struct xfrm_state *x;

	(void)net;
	x = (struct xfrm_state *)kmem_cache_zalloc(xfrm_state_cache, GFP_ATOMIC);
	if (x)
		refcount_set(&x->refcnt, 1);
	return x;
}

static void xfrm_state_gc_destroy(struct xfrm_state *x)
{
	kfree(x->aalg);
	kfree(x->ealg);
	kfree(x->calg);
	kfree(x->encap);
	kfree(x->aead);
	xfrm_dev_state_free(x);
	kmem_cache_free(xfrm_state_cache, x);
}

/* The last reference is gone; only a deleted (dead) state may get here. */
void __xfrm_state_destroy(struct xfrm_state *x)
{
	WARN_ON(x->km.state != XFRM_STATE_DEAD);
	xfrm_state_gc_destroy(x);
}

/**
 * __xfrm_state_delete - take a state out of use
 * @x: state
 *
 * Marks it dead, tells an offloading device, and drops the reference
 * xfrm_state_alloc() gave. Returns 0, or -ESRCH if it was already dead.
 */
int __xfrm_state_delete(struct xfrm_state *x)
{
	int err = -ESRCH;

	if (x->km.state != XFRM_STATE_DEAD) {
		x->km.state = XFRM_STATE_DEAD;
		xfrm_dev_state_delete(x);
		xfrm_state_put(x);
		err = 0;
	}

	return err;
}

int xfrm_state_delete(struct xfrm_state *x)
{
	return __xfrm_state_delete(x);
}

static int xfrm_state_cache_init(void)
{
	xfrm_state_cache = kmem_cache_create("xfrm_state",
					     sizeof(struct xfrm_state), 0,
					     SLAB_HWCACHE_ALIGN | SLAB_PANIC,
					     NULL);
	return 0;
}
core_initcall(xfrm_state_cache_init);
