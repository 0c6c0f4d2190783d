// SPDX-License-Identifier: GPL-2.0-only
/*
 * Every allocation on the way fails once (fail-nth), and each time the
 * call must answer NULL, leave the skb exactly as it was, and leak nothing
 * (the runner checks every cache after the case).
 */
#include <linux/errno.h>
#include <linux/skbuff.h>
#include <skbext/slabinfo.h>
#include <linux/fault-inject.h>
#include <net/xfrm.h>
#include <net/netfilter/br_netfilter.h>
#include "kunit.h"
#include "test_util.h"

struct ext_snapshot {
	u8 active;
	struct skb_ext *ext;
	unsigned int refcnt;
	unsigned int users;
	long live;
};

static void snap(const struct sk_buff *skb, struct ext_snapshot *s)
{
	s->active = skb->active_extensions;
	s->ext = skb->active_extensions ? skb->extensions : NULL;
	s->refcnt = s->ext ? refcount_read(&s->ext->refcnt) : 0;
	s->users = refcount_read(&skb->users);
	s->live = slab_live_objects();
}

static void expect_unchanged(struct kunit *test, const struct sk_buff *skb,
			     const struct ext_snapshot *before)
{
	struct ext_snapshot now;

	snap(skb, &now);
	KUNIT_EXPECT_EQ(test, now.active, before->active);
	KUNIT_EXPECT_PTR_EQ(test, now.ext, before->ext);
	KUNIT_EXPECT_EQ(test, now.refcnt, before->refcnt);
	KUNIT_EXPECT_EQ(test, now.users, before->users);
	KUNIT_EXPECT_EQ(test, now.live, before->live);
}

static void alloc_skb_fails_cleanly_at_each_allocation(struct kunit *test)
{
	long live = slab_live_objects();
	unsigned int n;

	for (n = 1; n <= 2; n++) {
		fail_nth_set(n);
		KUNIT_EXPECT_NULL(test, alloc_skb(64, GFP_KERNEL));
		KUNIT_EXPECT_EQ(test, slab_live_objects(), live);
		fail_nth_set(n);
		KUNIT_EXPECT_NULL(test, alloc_skb_fclone(64, GFP_KERNEL));
		KUNIT_EXPECT_EQ(test, slab_live_objects(), live);
	}
	fail_nth_set(3);
	kfree_skb(alloc_skb(64, GFP_KERNEL));
	KUNIT_EXPECT_EQ(test, fail_nth_get(), 1);
}

static void clone_copy_and_pskb_copy_fail_cleanly(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);
	struct ext_snapshot before;
	unsigned int n;

	KUNIT_ASSERT_NOT_NULL(test, skb_ext_add(skb, SKB_EXT_BRIDGE_NF));
	snap(skb, &before);
	fail_nth_set(1);
	KUNIT_EXPECT_NULL(test, skb_clone(skb, GFP_ATOMIC));
	KUNIT_EXPECT_FALSE(test, skb->cloned);
	expect_unchanged(test, skb, &before);
	for (n = 1; n <= 2; n++) {
		fail_nth_set(n);
		KUNIT_EXPECT_NULL(test, skb_copy(skb, GFP_ATOMIC));
		expect_unchanged(test, skb, &before);
		fail_nth_set(n);
		KUNIT_EXPECT_NULL(test, pskb_copy(skb, GFP_ATOMIC));
		expect_unchanged(test, skb, &before);
	}
	kfree_skb(skb);
}

static void first_ext_add_fails_cleanly(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);
	struct ext_snapshot before;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	snap(skb, &before);
	fail_nth_set(1);
	KUNIT_EXPECT_NULL(test, skb_ext_add(skb, SKB_EXT_MPTCP));
	expect_unchanged(test, skb, &before);
	fail_nth_set(1);
	KUNIT_EXPECT_NULL(test, secpath_set(skb));
	expect_unchanged(test, skb, &before);
	fail_nth_set(1);
	KUNIT_EXPECT_NULL(test, nf_bridge_alloc(skb));
	expect_unchanged(test, skb, &before);
	kfree_skb(skb);
}

static void cow_fails_cleanly_and_keeps_sharing(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL), *clone;
	struct xfrm_state *x = test_state_new();
	struct ext_snapshot before;

	KUNIT_ASSERT_NOT_NULL(test, x);
	KUNIT_ASSERT_EQ(test, xfrm_input_push_state(skb, x), 0);
	clone = skb_clone(skb, GFP_ATOMIC);
	KUNIT_ASSERT_NOT_NULL(test, clone);
	snap(clone, &before);

	fail_nth_set(1);
	KUNIT_EXPECT_NULL(test, skb_ext_add(clone, SKB_EXT_MPTCP));
	expect_unchanged(test, clone, &before);
	fail_nth_set(1);
	KUNIT_EXPECT_NULL(test, secpath_set(clone));
	expect_unchanged(test, clone, &before);
	fail_nth_set(1);
	KUNIT_EXPECT_EQ(test, xfrm_input_push_state(clone, x), -ENOMEM);
	expect_unchanged(test, clone, &before);
	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 2);

	kfree_skb(clone);
	kfree_skb(skb);
	xfrm_state_delete(x);
}

static void xfrm_state_alloc_fails_cleanly(struct kunit *test)
{
	long live = slab_live_objects();

	fail_nth_set(1);
	KUNIT_EXPECT_NULL(test, xfrm_state_alloc(NULL));
	KUNIT_EXPECT_EQ(test, slab_live_objects(), live);
}

static struct kunit_case fault_cases[] = {
	KUNIT_CASE(alloc_skb_fails_cleanly_at_each_allocation),
	KUNIT_CASE(clone_copy_and_pskb_copy_fail_cleanly),
	KUNIT_CASE(first_ext_add_fails_cleanly),
	KUNIT_CASE(cow_fails_cleanly_and_keeps_sharing),
	KUNIT_CASE(xfrm_state_alloc_fails_cleanly),
	{}
};

static struct kunit_suite fault_suite = {
	.name = "fault_paths",
	.test_cases = fault_cases,
};
kunit_test_suite(fault_suite);
