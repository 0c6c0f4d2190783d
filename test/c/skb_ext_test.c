// SPDX-License-Identifier: GPL-2.0-only
/* The extension block: add, find, share, copy on write, delete, release. */
#include <linux/skbuff.h>
#include <skbext/slabinfo.h>
#include <net/xfrm.h>
#include <net/mptcp.h>
#include <net/mctp.h>
#include <trace/events/skb.h>
#include "kunit.h"
#include "test_util.h"

static void ext_first_add_allocates_block(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);
	long before = test_cache_live("skbuff_ext_cache");
	void *p;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	p = skb_ext_add(skb, SKB_EXT_BRIDGE_NF);
	KUNIT_ASSERT_NOT_NULL(test, p);
	/* in_head: the block is in the skb's head, not from the slab */
	if (test_ext_in_head(skb))
		before--;
	KUNIT_EXPECT_EQ(test, test_cache_live("skbuff_ext_cache"), before + 1);
	KUNIT_EXPECT_EQ(test, refcount_read(&skb->extensions->refcnt), 1);
	KUNIT_EXPECT_EQ(test, skb->active_extensions, 1 << SKB_EXT_BRIDGE_NF);
	KUNIT_EXPECT_TRUE(test, skb->slow_gro);
	kfree_skb(skb);
}

static void ext_data_follows_header_in_chunks(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);
	struct skb_ext *ext;
	char *a, *b;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	/* a sec_path is only ever added through secpath_set(), which
	 * initialises it; a bare skb_ext_add() would leave poison behind */
	a = (char *)secpath_set(skb);
	b = skb_ext_add(skb, SKB_EXT_MPTCP);
	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, b);
	ext = skb->extensions;
	KUNIT_EXPECT_EQ(test, ext->offset[SKB_EXT_SEC_PATH],
			ALIGN(sizeof(struct skb_ext), 8) / 8);
	KUNIT_EXPECT_EQ(test, ext->offset[SKB_EXT_MPTCP],
			ext->offset[SKB_EXT_SEC_PATH] +
			skb_ext_type_chunks(SKB_EXT_SEC_PATH));
	KUNIT_EXPECT_EQ(test, ext->chunks, ext->offset[SKB_EXT_MPTCP] +
			skb_ext_type_chunks(SKB_EXT_MPTCP));
	KUNIT_EXPECT_EQ(test, (unsigned long)a % 8, 0);
	KUNIT_EXPECT_EQ(test, b - a, 88);
	kfree_skb(skb);
}

static void ext_add_existing_returns_same_data(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);
	unsigned long allocs;
	struct slabinfo info;
	void *p;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	p = skb_ext_add(skb, SKB_EXT_MPTCP);
	slabinfo_get("skbuff_ext_cache", &info);
	allocs = info.allocs;
	KUNIT_EXPECT_PTR_EQ(test, skb_ext_add(skb, SKB_EXT_MPTCP), p);
	slabinfo_get("skbuff_ext_cache", &info);
	KUNIT_EXPECT_EQ(test, info.allocs, allocs);
	kfree_skb(skb);
}

static void ext_find_and_exist_follow_active_bits(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_NULL(test, skb_ext_find(skb, SKB_EXT_MPTCP));
	KUNIT_EXPECT_FALSE(test, skb_ext_exist(skb, SKB_EXT_MPTCP));
	KUNIT_ASSERT_NOT_NULL(test, skb_ext_add(skb, SKB_EXT_MPTCP));
	KUNIT_EXPECT_TRUE(test, skb_ext_exist(skb, SKB_EXT_MPTCP));
	KUNIT_EXPECT_NOT_NULL(test, skb_ext_find(skb, SKB_EXT_MPTCP));
	KUNIT_EXPECT_NULL(test, skb_ext_find(skb, SKB_EXT_BRIDGE_NF));
	kfree_skb(skb);
}

static void ext_clone_shares_block(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL), *clone;

	KUNIT_ASSERT_NOT_NULL(test, skb_ext_add(skb, SKB_EXT_BRIDGE_NF));
	clone = skb_clone(skb, GFP_ATOMIC);
	KUNIT_ASSERT_NOT_NULL(test, clone);
	KUNIT_EXPECT_PTR_EQ(test, clone->extensions, skb->extensions);
	KUNIT_EXPECT_EQ(test, refcount_read(&skb->extensions->refcnt), 2);
	KUNIT_EXPECT_EQ(test, clone->active_extensions,
			skb->active_extensions);
	kfree_skb(clone);
	KUNIT_EXPECT_EQ(test, refcount_read(&skb->extensions->refcnt), 1);
	kfree_skb(skb);
}

static void ext_add_on_shared_block_copies_it(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL), *clone;
	struct skb_trace_counters before, after;
	struct skb_ext *old;
	struct mptcp_ext *mp;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	mp = skb_ext_add(skb, SKB_EXT_MPTCP);
	KUNIT_ASSERT_NOT_NULL(test, mp);
	memset(mp, 0, sizeof(*mp));
	mp->data_seq = 1000;
	clone = skb_clone(skb, GFP_ATOMIC);
	KUNIT_ASSERT_NOT_NULL(test, clone);
	old = skb->extensions;

	skb_trace_read(&before);
	mp = skb_ext_add(clone, SKB_EXT_MPTCP);
	skb_trace_read(&after);
	KUNIT_ASSERT_NOT_NULL(test, mp);
	KUNIT_EXPECT_PTR_NE(test, clone->extensions, old);
	KUNIT_EXPECT_EQ(test, refcount_read(&old->refcnt), 1);
	KUNIT_EXPECT_EQ(test, refcount_read(&clone->extensions->refcnt), 1);
	KUNIT_EXPECT_EQ(test, mp->data_seq, 1000);
	KUNIT_EXPECT_EQ(test, after.skb_ext_cow, before.skb_ext_cow + 1);

	mp->data_seq = 2000;
	KUNIT_EXPECT_EQ(test, ((struct mptcp_ext *)
			       skb_ext_find(skb, SKB_EXT_MPTCP))->data_seq, 1000);
	kfree_skb(clone);
	kfree_skb(skb);
}

static void ext_add_new_id_on_shared_block_copies_it(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL), *clone;

	KUNIT_ASSERT_NOT_NULL(test, skb_ext_add(skb, SKB_EXT_BRIDGE_NF));
	clone = skb_clone(skb, GFP_ATOMIC);
	KUNIT_ASSERT_NOT_NULL(test, clone);
	KUNIT_ASSERT_NOT_NULL(test, skb_ext_add(clone, SKB_EXT_MPTCP));
	KUNIT_EXPECT_PTR_NE(test, clone->extensions, skb->extensions);
	KUNIT_EXPECT_FALSE(test, skb_ext_exist(skb, SKB_EXT_MPTCP));
	KUNIT_EXPECT_TRUE(test, skb_ext_exist(clone, SKB_EXT_BRIDGE_NF));
	kfree_skb(skb);
	kfree_skb(clone);
}

static void ext_del_of_other_id_keeps_block(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);
	struct skb_ext *ext;

	KUNIT_ASSERT_NOT_NULL(test, skb_ext_add(skb, SKB_EXT_BRIDGE_NF));
	KUNIT_ASSERT_NOT_NULL(test, skb_ext_add(skb, SKB_EXT_MPTCP));
	ext = skb->extensions;
	skb_ext_del(skb, SKB_EXT_MPTCP);
	KUNIT_EXPECT_PTR_EQ(test, skb->extensions, ext);
	KUNIT_EXPECT_FALSE(test, skb_ext_exist(skb, SKB_EXT_MPTCP));
	/* the data stays in the block; only the active bit goes */
	KUNIT_EXPECT_NE(test, ext->offset[SKB_EXT_MPTCP], 0);
	kfree_skb(skb);
}

static void ext_del_of_last_id_frees_block(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);
	long before = test_cache_live("skbuff_ext_cache");

	KUNIT_ASSERT_NOT_NULL(test, skb_ext_add(skb, SKB_EXT_BRIDGE_NF));
	skb_ext_del(skb, SKB_EXT_BRIDGE_NF);
	KUNIT_EXPECT_EQ(test, skb->active_extensions, 0);
	KUNIT_EXPECT_NULL(test, skb->extensions);
	KUNIT_EXPECT_EQ(test, test_cache_live("skbuff_ext_cache"), before);
	kfree_skb(skb);
}

static void ext_del_of_absent_id_does_nothing(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, skb_ext_add(skb, SKB_EXT_BRIDGE_NF));
	skb_ext_del(skb, SKB_EXT_MPTCP);
	KUNIT_EXPECT_EQ(test, skb->active_extensions, 1 << SKB_EXT_BRIDGE_NF);
	kfree_skb(skb);
}

static void ext_reset_drops_the_reference(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL), *clone;

	KUNIT_ASSERT_NOT_NULL(test, skb_ext_add(skb, SKB_EXT_BRIDGE_NF));
	clone = skb_clone(skb, GFP_ATOMIC);
	KUNIT_ASSERT_NOT_NULL(test, clone);
	skb_ext_reset(clone);
	KUNIT_EXPECT_EQ(test, clone->active_extensions, 0);
	KUNIT_EXPECT_EQ(test, refcount_read(&skb->extensions->refcnt), 1);
	kfree_skb(clone);
	kfree_skb(skb);
}

static void ext_copy_replaces_destination_extensions(struct kunit *test)
{
	struct sk_buff *a = alloc_skb(64, GFP_KERNEL);
	struct sk_buff *b = alloc_skb(64, GFP_KERNEL);
	long before;

	KUNIT_ASSERT_NOT_NULL(test, skb_ext_add(a, SKB_EXT_BRIDGE_NF));
	KUNIT_ASSERT_NOT_NULL(test, skb_ext_add(b, SKB_EXT_MPTCP));
	before = test_cache_live("skbuff_ext_cache");
	/*
	 * in_head: b's block was in its head (no slab object goes), and
	 * a's leaves a's head for the slab to be shared
	 */
	if (test_ext_in_head(b))
		before++;
	if (test_ext_in_head(a))
		before++;
	skb_ext_copy(b, a);
	KUNIT_EXPECT_PTR_EQ(test, b->extensions, a->extensions);
	KUNIT_EXPECT_EQ(test, refcount_read(&a->extensions->refcnt), 2);
	KUNIT_EXPECT_EQ(test, b->active_extensions, 1 << SKB_EXT_BRIDGE_NF);
	KUNIT_EXPECT_EQ(test, test_cache_live("skbuff_ext_cache"), before - 1);
	kfree_skb(a);
	kfree_skb(b);
}

static void ext_set_replaces_existing_extensions(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);
	struct skb_ext *ext;
	long before;

	KUNIT_ASSERT_NOT_NULL(test, skb_ext_add(skb, SKB_EXT_BRIDGE_NF));
	before = test_cache_live("skbuff_ext_cache");
	/* in_head: the block replaced was in the head, no slab object */
	if (test_ext_in_head(skb))
		before++;
	ext = __skb_ext_alloc(GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ext);
	KUNIT_EXPECT_NOT_NULL(test, __skb_ext_set(skb, SKB_EXT_MPTCP, ext));
	KUNIT_EXPECT_EQ(test, skb->active_extensions, 1 << SKB_EXT_MPTCP);
	KUNIT_EXPECT_PTR_EQ(test, skb->extensions, ext);
	KUNIT_EXPECT_EQ(test, test_cache_live("skbuff_ext_cache"), before);
	kfree_skb(skb);
}

static void ext_copy_and_pskb_copy_share_block(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(128, GFP_KERNEL), *c1, *c2;

	KUNIT_ASSERT_NOT_NULL(test, skb_ext_add(skb, SKB_EXT_BRIDGE_NF));
	memcpy(skb_put(skb, 5), "hello", 5);
	c1 = skb_copy(skb, GFP_ATOMIC);
	c2 = pskb_copy(skb, GFP_ATOMIC);
	KUNIT_ASSERT_NOT_NULL(test, c1);
	KUNIT_ASSERT_NOT_NULL(test, c2);
	KUNIT_EXPECT_EQ(test, refcount_read(&skb->extensions->refcnt), 3);
	KUNIT_EXPECT_PTR_NE(test, c1->head, skb->head);
	KUNIT_EXPECT_PTR_NE(test, c2->head, skb->head);
	KUNIT_EXPECT_MEMEQ(test, c1->data, "hello", 5);
	KUNIT_EXPECT_MEMEQ(test, c2->data, "hello", 5);
	KUNIT_EXPECT_FALSE(test, skb_cloned(c1));
	kfree_skb(c1);
	kfree_skb(c2);
	kfree_skb(skb);
}

static void ext_scrub_drops_extensions_and_state(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, skb_ext_add(skb, SKB_EXT_BRIDGE_NF));
	skb->pkt_type = PACKET_OTHERHOST;
	skb->mark = 7;
	skb->skb_iif = 3;
	skb->tstamp = 99;
	skb_scrub_packet(skb, false);
	KUNIT_EXPECT_EQ(test, skb->active_extensions, 0);
	KUNIT_EXPECT_EQ(test, skb->pkt_type, PACKET_HOST);
	KUNIT_EXPECT_EQ(test, skb->skb_iif, 0);
	KUNIT_EXPECT_EQ(test, skb->mark, 7);
	skb_scrub_packet(skb, true);
	KUNIT_EXPECT_EQ(test, skb->mark, 0);
	KUNIT_EXPECT_EQ(test, skb->tstamp, 0);
	kfree_skb(skb);
}

static void ext_put_of_last_reference_puts_states(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);
	struct xfrm_state *x = test_state_new();

	KUNIT_ASSERT_NOT_NULL(test, x);
	KUNIT_ASSERT_EQ(test, xfrm_input_push_state(skb, x), 0);
	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 2);
	kfree_skb(skb);
	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 1);
	xfrm_state_delete(x);
}

static void ext_mctp_key_reference_follows_block(struct kunit *test)
{
#if IS_ENABLED(CONFIG_MCTP_FLOWS) && IS_ENABLED(CONFIG_NET_TC_SKB_EXT)
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL), *clone;
	struct mctp_sk_key *key = mctp_key_alloc(8, 9, 1, GFP_KERNEL);
	struct mctp_flow *flow;

	KUNIT_ASSERT_NOT_NULL(test, key);
	flow = skb_ext_add(skb, SKB_EXT_MCTP);
	KUNIT_ASSERT_NOT_NULL(test, flow);
	refcount_inc(&key->refs);
	flow->key = key;
	clone = skb_clone(skb, GFP_ATOMIC);
	KUNIT_ASSERT_NOT_NULL(test, skb_ext_add(clone, TC_SKB_EXT));
	KUNIT_EXPECT_EQ(test, refcount_read(&key->refs), 3);
	kfree_skb(clone);
	KUNIT_EXPECT_EQ(test, refcount_read(&key->refs), 2);
	kfree_skb(skb);
	KUNIT_EXPECT_EQ(test, refcount_read(&key->refs), 1);
	mctp_key_unref(key);
#else
	kunit_skip(test, "needs MCTP_FLOWS and TC_SKB_EXT (the full config)");
#endif
}

static void ext_mptcp_collapse_needs_equal_mappings(struct kunit *test)
{
	struct sk_buff *a = alloc_skb(64, GFP_KERNEL);
	struct sk_buff *b = alloc_skb(64, GFP_KERNEL);
	struct mptcp_ext *ma, *mb;

	KUNIT_EXPECT_TRUE(test, mptcp_skb_can_collapse(a, b));
	ma = skb_ext_add(a, SKB_EXT_MPTCP);
	mb = skb_ext_add(b, SKB_EXT_MPTCP);
	KUNIT_ASSERT_NOT_NULL(test, ma);
	KUNIT_ASSERT_NOT_NULL(test, mb);
	memset(ma, 0, sizeof(*ma));
	memset(mb, 0, sizeof(*mb));
	KUNIT_EXPECT_TRUE(test, mptcp_skb_can_collapse(a, b));
	mb->data_seq = 1;
	KUNIT_EXPECT_FALSE(test, mptcp_skb_can_collapse(a, b));
	mptcp_skb_ext_copy(b, a);
	KUNIT_EXPECT_TRUE(test, ma->frozen);
	KUNIT_EXPECT_PTR_EQ(test, b->extensions, a->extensions);
	kfree_skb(a);
	kfree_skb(b);
}

static void ext_block_size_holds_every_id(struct kunit *test)
{
	struct slabinfo info;
	unsigned int i, chunks = ALIGN(sizeof(struct skb_ext), 8) / 8;

	for (i = 0; i < SKB_EXT_NUM; i++)
		chunks += skb_ext_type_chunks((enum skb_ext_id)i);
	KUNIT_ASSERT_TRUE(test, slabinfo_get("skbuff_ext_cache", &info));
	KUNIT_EXPECT_EQ(test, info.object_size, chunks * 8);
	KUNIT_EXPECT_EQ(test, skb_ext_type_chunks(SKB_EXT_SEC_PATH), 11);
	KUNIT_EXPECT_EQ(test, skb_ext_type_chunks(SKB_EXT_BRIDGE_NF), 4);
	KUNIT_EXPECT_EQ(test, skb_ext_type_chunks(SKB_EXT_MPTCP), 4);
}

static struct kunit_case skb_ext_cases[] = {
	KUNIT_CASE(ext_first_add_allocates_block),
	KUNIT_CASE(ext_data_follows_header_in_chunks),
	KUNIT_CASE(ext_add_existing_returns_same_data),
	KUNIT_CASE(ext_find_and_exist_follow_active_bits),
	KUNIT_CASE(ext_clone_shares_block),
	KUNIT_CASE(ext_add_on_shared_block_copies_it),
	KUNIT_CASE(ext_add_new_id_on_shared_block_copies_it),
	KUNIT_CASE(ext_del_of_other_id_keeps_block),
	KUNIT_CASE(ext_del_of_last_id_frees_block),
	KUNIT_CASE(ext_del_of_absent_id_does_nothing),
	KUNIT_CASE(ext_reset_drops_the_reference),
	KUNIT_CASE(ext_copy_replaces_destination_extensions),
	KUNIT_CASE(ext_set_replaces_existing_extensions),
	KUNIT_CASE(ext_copy_and_pskb_copy_share_block),
	KUNIT_CASE(ext_scrub_drops_extensions_and_state),
	KUNIT_CASE(ext_put_of_last_reference_puts_states),
	KUNIT_CASE(ext_mctp_key_reference_follows_block),
	KUNIT_CASE(ext_mptcp_collapse_needs_equal_mappings),
	KUNIT_CASE(ext_block_size_holds_every_id),
	{}
};

static struct kunit_suite skb_ext_suite = {
	.name = "skb_ext",
	.test_cases = skb_ext_cases,
};
kunit_test_suite(skb_ext_suite);
