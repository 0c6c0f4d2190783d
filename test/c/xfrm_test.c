// SPDX-License-Identifier: GPL-2.0-only
/* xfrm_state lifetime and the sec_path extension. */
#include <linux/errno.h>
#include <linux/skbuff.h>
#include <net/xfrm.h>
#include <net/tcp.h>
#include <net/mptcp.h>
#include <net/netfilter/br_netfilter.h>
#include "kunit.h"
#include "test_util.h"

static void state_alloc_gives_one_reference(struct kunit *test)
{
	struct xfrm_state *x = xfrm_state_alloc(NULL);

	KUNIT_ASSERT_NOT_NULL(test, x);
	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 1);
	KUNIT_EXPECT_EQ(test, x->km.state, XFRM_STATE_VOID);
	xfrm_state_hold(x);
	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 2);
	xfrm_state_put(x);
	KUNIT_EXPECT_EQ(test, xfrm_state_delete(x), 0);
}

static void state_delete_twice_answers_esrch(struct kunit *test)
{
	struct xfrm_state *x = test_state_new();

	KUNIT_ASSERT_NOT_NULL(test, x);
	xfrm_state_hold(x);
	KUNIT_EXPECT_EQ(test, xfrm_state_delete(x), 0);
	KUNIT_EXPECT_EQ(test, x->km.state, XFRM_STATE_DEAD);
	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 1);
	KUNIT_EXPECT_EQ(test, xfrm_state_delete(x), -ESRCH);
	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 1);
	xfrm_state_put(x);
}

static void state_put_to_zero_while_alive_warns(struct kunit *test)
{
	struct xfrm_state *x = test_state_new();

	KUNIT_ASSERT_NOT_NULL(test, x);
	kunit_expect_warnings(test, 1);
	xfrm_state_put(x);	/* destroyed without a delete */
}

static void secpath_set_on_fresh_skb_is_empty(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);
	struct sec_path *sp;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	sp = secpath_set(skb);
	KUNIT_ASSERT_NOT_NULL(test, sp);
	KUNIT_EXPECT_EQ(test, sp->len, 0);
	KUNIT_EXPECT_EQ(test, sp->olen, 0);
	KUNIT_EXPECT_EQ(test, sp->verified_cnt, 0);
	KUNIT_EXPECT_TRUE(test, secpath_exists(skb));
	KUNIT_EXPECT_TRUE(test, secpath_exist(skb));
	KUNIT_EXPECT_PTR_EQ(test, skb_sec_path(skb), sp);
	KUNIT_EXPECT_NULL(test, xfrm_offload(skb));
	kfree_skb(skb);
}

static void secpath_set_keeps_existing_states(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);
	struct xfrm_state *x = test_state_new();
	struct sec_path *sp;

	KUNIT_ASSERT_NOT_NULL(test, x);
	KUNIT_ASSERT_EQ(test, xfrm_input_push_state(skb, x), 0);
	sp = secpath_set(skb);
	KUNIT_ASSERT_NOT_NULL(test, sp);
	KUNIT_EXPECT_EQ(test, sp->len, 1);
	KUNIT_EXPECT_PTR_EQ(test, sp->xvec[0], x);
	KUNIT_EXPECT_PTR_EQ(test, xfrm_input_state(skb), x);
	kfree_skb(skb);
	xfrm_state_delete(x);
}

static void secpath_cow_holds_every_state(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL), *clone;
	struct xfrm_state *x1 = test_state_new(), *x2 = test_state_new();
	struct sec_path *sp;

	KUNIT_ASSERT_NOT_NULL(test, x1);
	KUNIT_ASSERT_NOT_NULL(test, x2);
	KUNIT_ASSERT_EQ(test, xfrm_input_push_state(skb, x1), 0);
	KUNIT_ASSERT_EQ(test, xfrm_input_push_state(skb, x2), 0);
	clone = skb_clone(skb, GFP_ATOMIC);
	KUNIT_ASSERT_NOT_NULL(test, clone);
	KUNIT_EXPECT_EQ(test, refcount_read(&x1->refcnt), 2);

	sp = secpath_set(clone);
	KUNIT_ASSERT_NOT_NULL(test, sp);
	KUNIT_EXPECT_PTR_NE(test, clone->extensions, skb->extensions);
	KUNIT_EXPECT_EQ(test, sp->len, 2);
	KUNIT_EXPECT_EQ(test, refcount_read(&x1->refcnt), 3);
	KUNIT_EXPECT_EQ(test, refcount_read(&x2->refcnt), 3);
	kfree_skb(clone);
	KUNIT_EXPECT_EQ(test, refcount_read(&x1->refcnt), 2);
	kfree_skb(skb);
	KUNIT_EXPECT_EQ(test, refcount_read(&x2->refcnt), 1);
	xfrm_state_delete(x1);
	xfrm_state_delete(x2);
}

/* @skb with XFRM_MAX_DEPTH references to @x on its path, and a clone. */
static struct sk_buff *full_path_and_clone(struct kunit *test,
					   struct sk_buff *skb,
					   struct xfrm_state *x)
{
	struct sk_buff *clone;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_ASSERT_NOT_NULL(test, x);
	for (i = 0; i < XFRM_MAX_DEPTH; i++)
		KUNIT_ASSERT_EQ(test, xfrm_input_push_state(skb, x), 0);
	clone = skb_clone(skb, GFP_ATOMIC);
	KUNIT_ASSERT_NOT_NULL(test, clone);
	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 1 + XFRM_MAX_DEPTH);
	return clone;
}

/*
 * 6.1's xfrm_input() calls secpath_set() before it checks the depth, so
 * a full path on a shared block is copied first, then reset: the clone
 * ends with a private block and no sec_path, the original keeps its own.
 */
static void secpath_push_on_full_path_copies_then_resets(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);
	struct xfrm_state *x = test_state_new();
	struct sk_buff *clone = full_path_and_clone(test, skb, x);

	KUNIT_EXPECT_EQ(test, xfrm_input_push_state(clone, x), -ENOBUFS);
	/* the copy held every state, then the reset put them back */
	KUNIT_EXPECT_FALSE(test, secpath_exists(clone));
	KUNIT_EXPECT_PTR_NE(test, clone->extensions, skb->extensions);
	KUNIT_EXPECT_EQ(test, refcount_read(&skb->extensions->refcnt), 1);
	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 1 + XFRM_MAX_DEPTH);
	KUNIT_EXPECT_EQ(test, skb_sec_path(skb)->len, XFRM_MAX_DEPTH);
	kfree_skb(clone);
	kfree_skb(skb);
	xfrm_state_delete(x);
}

static void secpath_push_full_copy_failure_leaves_skb(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);
	struct xfrm_state *x = test_state_new();
	struct sk_buff *clone = full_path_and_clone(test, skb, x);
	struct skb_ext *ext = clone->extensions;

	fail_nth_set(1);
	KUNIT_EXPECT_EQ(test, xfrm_input_push_state(clone, x), -ENOMEM);
	KUNIT_EXPECT_PTR_EQ(test, clone->extensions, ext);
	KUNIT_EXPECT_EQ(test, refcount_read(&ext->refcnt), 2);
	KUNIT_EXPECT_EQ(test, skb_sec_path(clone)->len, XFRM_MAX_DEPTH);
	kfree_skb(clone);
	kfree_skb(skb);
	xfrm_state_delete(x);
}

/* The last put queues the state; the GC work frees it (6.1's gc list). */
static void state_last_put_defers_to_gc_work(struct kunit *test)
{
	struct xfrm_state *x = test_state_new();
	long before;

	KUNIT_ASSERT_NOT_NULL(test, x);
	before = slab_live_objects();
	KUNIT_EXPECT_EQ(test, xfrm_state_delete(x), 0);
	/* still in the slab, waiting for xfrm_state_gc_task */
	KUNIT_EXPECT_EQ(test, slab_live_objects(), before);
	KUNIT_EXPECT_EQ(test, flush_scheduled_work(), 1);
	KUNIT_EXPECT_EQ(test, slab_live_objects(), before - 1);
	KUNIT_EXPECT_EQ(test, flush_scheduled_work(), 0);
}

static void state_put_sync_destroys_at_once(struct kunit *test)
{
	struct xfrm_state *x = test_state_new();
	long before;

	KUNIT_ASSERT_NOT_NULL(test, x);
	before = slab_live_objects();
	xfrm_state_hold(x);
	KUNIT_EXPECT_EQ(test, xfrm_state_delete(x), 0);
	xfrm_state_put_sync(x);
	KUNIT_EXPECT_EQ(test, slab_live_objects(), before - 1);
	KUNIT_EXPECT_EQ(test, flush_scheduled_work(), 0);
}

static void secpath_del_on_private_block_puts_states(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);
	struct xfrm_state *x = test_state_new();
	struct sec_path *sp;

	KUNIT_ASSERT_NOT_NULL(test, x);
	KUNIT_ASSERT_EQ(test, xfrm_input_push_state(skb, x), 0);
	KUNIT_ASSERT_NOT_NULL(test, nf_bridge_alloc(skb));
	sp = skb_sec_path(skb);
	secpath_reset(skb);
	KUNIT_EXPECT_FALSE(test, secpath_exists(skb));
	KUNIT_EXPECT_EQ(test, sp->len, 0);
	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 1);
	kfree_skb(skb);
	xfrm_state_delete(x);
}

static void secpath_del_on_shared_block_keeps_states(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL), *clone;
	struct xfrm_state *x = test_state_new();

	KUNIT_ASSERT_NOT_NULL(test, x);
	KUNIT_ASSERT_EQ(test, xfrm_input_push_state(skb, x), 0);
	KUNIT_ASSERT_NOT_NULL(test, nf_bridge_alloc(skb));
	clone = skb_clone(skb, GFP_ATOMIC);
	KUNIT_ASSERT_NOT_NULL(test, clone);
	secpath_reset(clone);
	KUNIT_EXPECT_FALSE(test, secpath_exists(clone));
	KUNIT_EXPECT_TRUE(test, secpath_exists(skb));
	KUNIT_EXPECT_EQ(test, skb_sec_path(skb)->len, 1);
	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 2);
	kfree_skb(clone);
	kfree_skb(skb);
	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 1);
	xfrm_state_delete(x);
}

/*
 * tcp_cleanup_skb() before an skb is queued to a socket: the sec_path
 * goes (its states put at once on a private block), the MPTCP mapping
 * the option parser attached stays. It allocates nothing, so an armed
 * fault is still waiting for the next allocation after it.
 */
static void tcp_cleanup_drops_only_the_sec_path(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL), *clone;
	struct xfrm_state *x = test_state_new();
	struct mptcp_ext *mpext;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_ASSERT_NOT_NULL(test, x);
	KUNIT_ASSERT_EQ(test, xfrm_input_push_state(skb, x), 0);
	mpext = skb_ext_add(skb, SKB_EXT_MPTCP);
	KUNIT_ASSERT_NOT_NULL(test, mpext);
	mpext->data_seq = 77;
	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 2);

	/* shared with a clone: the states stay with the other skb */
	clone = skb_clone(skb, GFP_ATOMIC);
	KUNIT_ASSERT_NOT_NULL(test, clone);
	tcp_cleanup_skb(clone);
	KUNIT_EXPECT_FALSE(test, secpath_exists(clone));
	KUNIT_EXPECT_TRUE(test, skb_ext_exist(clone, SKB_EXT_MPTCP));
	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 2);
	kfree_skb(clone);

	/* its own block now: the reference goes back at once */
	fail_nth_set(1);
	tcp_cleanup_skb(skb);
	KUNIT_EXPECT_EQ(test, fail_nth_get(), 1);
	fail_nth_set(0);
	KUNIT_EXPECT_FALSE(test, secpath_exists(skb));
	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 1);
	mpext = skb_ext_find(skb, SKB_EXT_MPTCP);
	KUNIT_ASSERT_NOT_NULL(test, mpext);
	KUNIT_EXPECT_EQ(test, mpext->data_seq, 77);

	/* nothing left to drop: a no-op */
	tcp_cleanup_skb(skb);
	KUNIT_EXPECT_TRUE(test, skb_ext_exist(skb, SKB_EXT_MPTCP));
	kfree_skb(skb);
	xfrm_state_delete(x);
}

static void xfrm_offload_needs_all_states_offloaded(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);
	struct xfrm_state *x = test_state_new();
	struct sec_path *sp;

	KUNIT_ASSERT_NOT_NULL(test, x);
	KUNIT_ASSERT_EQ(test, xfrm_input_push_state(skb, x), 0);
	sp = skb_sec_path(skb);
	KUNIT_EXPECT_NULL(test, xfrm_offload(skb));
	sp->olen++;
	KUNIT_EXPECT_PTR_EQ(test, xfrm_offload(skb), &sp->ovec[0]);
	KUNIT_ASSERT_EQ(test, xfrm_input_push_state(skb, x), 0);
	KUNIT_EXPECT_NULL(test, xfrm_offload(skb));
	kfree_skb(skb);
	xfrm_state_delete(x);
}

static int deleted, freed;

static void fake_delete(struct xfrm_state *x)
{
	(void)x;
	deleted++;
}

static void fake_free(struct xfrm_state *x)
{
	(void)x;
	freed++;
}

static const struct xfrmdev_ops fake_ops = {
	.xdo_dev_state_delete = fake_delete,
	.xdo_dev_state_free = fake_free,
};

static void offloaded_state_tells_its_device(struct kunit *test)
{
	struct net_device dev = { .name = "fake0", .xfrmdev_ops = &fake_ops };
	struct xfrm_state *x = test_state_new();

	KUNIT_ASSERT_NOT_NULL(test, x);
	/* as xfrm_dev_state_add() leaves it: the state holds the device */
	refcount_set(&dev.dev_refcnt, 1);
	x->xso.dev = &dev;
	netdev_hold(&dev, &x->xso.dev_tracker, GFP_ATOMIC);
	x->xso.type = XFRM_DEV_OFFLOAD_CRYPTO;
	deleted = freed = 0;
	xfrm_state_hold(x);
	xfrm_state_delete(x);
	KUNIT_EXPECT_EQ(test, deleted, 1);
	KUNIT_EXPECT_EQ(test, freed, 0);
	xfrm_state_put(x);
	/* queued for the GC work: the device hears of the free only then */
	KUNIT_EXPECT_EQ(test, freed, 0);
	KUNIT_EXPECT_EQ(test, refcount_read(&dev.dev_refcnt), 2);
	flush_scheduled_work();
	KUNIT_EXPECT_EQ(test, freed, 1);
	KUNIT_EXPECT_EQ(test, refcount_read(&dev.dev_refcnt), 1);
}

/* xfrm_dev_state_free() as 6.1's inline: dev cleared and put, type kept. */
static void dev_state_free_puts_device_and_keeps_type(struct kunit *test)
{
	struct net_device dev = { .name = "fake0", .xfrmdev_ops = &fake_ops };
	struct xfrm_state *x = test_state_new();

	KUNIT_ASSERT_NOT_NULL(test, x);
	refcount_set(&dev.dev_refcnt, 1);
	x->xso.dev = &dev;
	netdev_hold(&dev, &x->xso.dev_tracker, GFP_ATOMIC);
	x->xso.type = XFRM_DEV_OFFLOAD_CRYPTO;
	freed = 0;
	xfrm_dev_state_free(x);
	KUNIT_EXPECT_EQ(test, freed, 1);
	KUNIT_EXPECT_NULL(test, x->xso.dev);
	KUNIT_EXPECT_EQ(test, x->xso.type, XFRM_DEV_OFFLOAD_CRYPTO);
	KUNIT_EXPECT_EQ(test, refcount_read(&dev.dev_refcnt), 1);
	/* a second free finds no device and does nothing */
	xfrm_dev_state_free(x);
	KUNIT_EXPECT_EQ(test, freed, 1);
	xfrm_state_delete(x);
}

static void nf_bridge_alloc_zeroes_a_reused_extension(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);
	struct nf_bridge_info *nf;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	nf = nf_bridge_alloc(skb);
	KUNIT_ASSERT_NOT_NULL(test, nf);
	nf->physinif = 5;
	nf->in_prerouting = 1;
	KUNIT_EXPECT_TRUE(test, nf_bridge_info_exists(skb));
	KUNIT_EXPECT_EQ(test, nf_bridge_get_physinif(skb), 5);
	KUNIT_EXPECT_TRUE(test, nf_bridge_in_prerouting(skb));
	nf = nf_bridge_alloc(skb);
	KUNIT_EXPECT_EQ(test, nf->physinif, 0);
	KUNIT_EXPECT_FALSE(test, nf_bridge_in_prerouting(skb));
	nf_bridge_info_free(skb);
	KUNIT_EXPECT_FALSE(test, nf_bridge_info_exists(skb));
	KUNIT_EXPECT_NULL(test, nf_bridge_info_get(skb));
	kfree_skb(skb);
}

static void nf_bridge_unshare_copies_a_shared_block(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL), *clone;
	struct nf_bridge_info *nf;

	KUNIT_ASSERT_NOT_NULL(test, nf_bridge_alloc(skb));
	clone = skb_clone(skb, GFP_ATOMIC);
	KUNIT_ASSERT_NOT_NULL(test, clone);
	nf = nf_bridge_unshare(clone);
	KUNIT_ASSERT_NOT_NULL(test, nf);
	nf->physinif = 9;
	KUNIT_EXPECT_EQ(test, nf_bridge_get_physinif(skb), 0);
	KUNIT_EXPECT_EQ(test, nf_bridge_get_physinif(clone), 9);
	kfree_skb(clone);
	kfree_skb(skb);
}

static void nf_bridge_update_protocol_restores_encap(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);
	struct nf_bridge_info *nf;

	nf = nf_bridge_alloc(skb);
	KUNIT_ASSERT_NOT_NULL(test, nf);
	nf->orig_proto = BRNF_PROTO_8021Q;
	nf_bridge_update_protocol(skb);
	KUNIT_EXPECT_EQ(test, skb->protocol, __builtin_bswap16(0x8100));
	nf->orig_proto = BRNF_PROTO_PPPOE;
	nf_bridge_update_protocol(skb);
	KUNIT_EXPECT_EQ(test, skb->protocol, __builtin_bswap16(0x8864));
	kfree_skb(skb);
}

static struct kunit_case xfrm_cases[] = {
	KUNIT_CASE(state_alloc_gives_one_reference),
	KUNIT_CASE(state_delete_twice_answers_esrch),
	KUNIT_CASE(state_put_to_zero_while_alive_warns),
	KUNIT_CASE(secpath_set_on_fresh_skb_is_empty),
	KUNIT_CASE(secpath_set_keeps_existing_states),
	KUNIT_CASE(secpath_cow_holds_every_state),
	KUNIT_CASE(secpath_push_on_full_path_copies_then_resets),
	KUNIT_CASE(secpath_push_full_copy_failure_leaves_skb),
	KUNIT_CASE(state_last_put_defers_to_gc_work),
	KUNIT_CASE(state_put_sync_destroys_at_once),
	KUNIT_CASE(secpath_del_on_private_block_puts_states),
	KUNIT_CASE(secpath_del_on_shared_block_keeps_states),
	KUNIT_CASE(xfrm_offload_needs_all_states_offloaded),
	KUNIT_CASE(offloaded_state_tells_its_device),
	KUNIT_CASE(dev_state_free_puts_device_and_keeps_type),
	KUNIT_CASE(nf_bridge_alloc_zeroes_a_reused_extension),
	KUNIT_CASE(nf_bridge_unshare_copies_a_shared_block),
	KUNIT_CASE(nf_bridge_update_protocol_restores_encap),
	KUNIT_CASE(tcp_cleanup_drops_only_the_sec_path),
	{}
};

static struct kunit_suite xfrm_suite = {
	.name = "xfrm",
	.test_cases = xfrm_cases,
};
kunit_test_suite(xfrm_suite);
