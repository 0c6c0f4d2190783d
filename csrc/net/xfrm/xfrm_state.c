// SPDX-License-Identifier: GPL-2.0-only
/*
 * The lifetime of an xfrm_state (net/xfrm/xfrm_state.c of Linux 6.1).
 * xfrm_state_alloc() hands out the table's reference; deleting the state
 * marks it dead and drops that reference. The last put does not free the
 * state: it queues it for the GC work, and the device hears
 * xdo_dev_state_free only when that work runs (linux/workqueue.h says
 * when that is here).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/hashtable.h>
#include <linux/workqueue.h>
#include <net/xfrm.h>

struct kmem_cache *xfrm_state_cache __read_mostly;

/*
 * States whose last reference is gone, waiting for xfrm_state_gc_task.
 * 6.1 keeps one list under a spinlock, filled from any CPU. Here a thread
 * stands for a CPU and runs its own work (linux/workqueue.h), so the list
 * and its work item are per thread: a state is put last on the thread
 * whose addon instance owns it, and its GC must run there, next to the
 * device that thread drives.
 */
static _Thread_local struct hlist_head xfrm_state_gc_list;
static void xfrm_state_gc_destroy(struct xfrm_state *x);
static void xfrm_state_gc_task(struct work_struct *work);
static _Thread_local DECLARE_WORK(xfrm_state_gc_work, xfrm_state_gc_task);

/**
 * xfrm_state_alloc - allocate a state with one reference
 * @net: network namespace (unused: one namespace here)
 *
 * The state starts in XFRM_STATE_VOID with everything else zero. Returns
 * NULL when the allocation fails.
 */
struct xfrm_state *xfrm_state_alloc(void *net)
{
	struct xfrm_state *x = kmem_cache_zalloc(xfrm_state_cache, GFP_ATOMIC);

	(void)net;
	if (!x)
		return NULL;
	/* the reference the state table holds until the state is deleted */
	refcount_set(&x->refcnt, 1);
	INIT_HLIST_NODE(&x->gclist);
	return x;
}

/* Hand @x to this thread's GC work, which frees it when it next runs. */
static void xfrm_state_gc_queue(struct xfrm_state *x)
{
	hlist_add_head(&x->gclist, &xfrm_state_gc_list);
	schedule_work(&xfrm_state_gc_work);
}

/* The GC work: take the whole queue, then destroy each state on it. */
static void xfrm_state_gc_task(struct work_struct *work)
{
	struct hlist_node *n = xfrm_state_gc_list.first;

	(void)work;
	xfrm_state_gc_list.first = NULL;
	while (n) {
		struct xfrm_state *x = container_of(n, struct xfrm_state,
						    gclist);

		n = n->next;
		xfrm_state_gc_destroy(x);
	}
}

/**
 * __xfrm_state_destroy - the last reference to @x is gone
 * @x: state, which must have been deleted (XFRM_STATE_DEAD)
 * @sync: destroy it now instead of queueing it for the GC work
 *
 * xfrm_state_put() queues (@sync false); xfrm_state_put_sync() does not.
 */
void __xfrm_state_destroy(struct xfrm_state *x, bool sync)
{
	/* a live state still has the table's reference: a put too many */
	WARN_ON(x->km.state != XFRM_STATE_DEAD);

	if (sync)
		xfrm_state_gc_destroy(x);
	else
		xfrm_state_gc_queue(x);
}

/* Free the state and everything it owns; the device is told first. */
static void xfrm_state_gc_destroy(struct xfrm_state *x)
{
	kfree(x->aead);
	kfree(x->aalg);
	kfree(x->ealg);
	kfree(x->calg);
	kfree(x->encap);
	xfrm_dev_state_free(x);
	kmem_cache_free(xfrm_state_cache, x);
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
	if (x->km.state == XFRM_STATE_DEAD)
		return -ESRCH;

	x->km.state = XFRM_STATE_DEAD;
	xfrm_dev_state_delete(x);
	/* the table's reference; skbs may still hold theirs */
	xfrm_state_put(x);
	return 0;
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
