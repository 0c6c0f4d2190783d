// SPDX-License-Identifier: GPL-2.0-only
/*
 * The paths where an skb's extensions meet another skb's data or outlive
 * its own: TCP's coalescing (with MPTCP's rule), the partial frees of a
 * merged skb, GRO's recycling, skb_morph(), the zeroed tc extension and
 * the MCTP flow through fragmentation. Each allocation on the way fails
 * once, and nothing may leak or change (the runner checks every cache).
 */
#include <linux/errno.h>
#include <linux/skbuff.h>
#include <linux/netdevice.h>
#include <linux/fault-inject.h>
#include <skbext/slabinfo.h>
#include <skbext/api.h>
#include <net/tcp.h>
#include <net/mptcp.h>
#include <net/mctp.h>
#include <net/pkt_cls.h>
#include <net/netfilter/br_netfilter.h>
#include "kunit.h"
#include "test_util.h"

static unsigned int refs(const struct sk_buff *skb)
{
	return refcount_read(&skb->extensions->refcnt);
}

#if IS_ENABLED(CONFIG_MPTCP)
/* A mapping as MPTCP writes one: zeroed, then filled. */
static struct mptcp_ext *map(struct sk_buff *skb, u64 dsn)
{
	struct mptcp_ext *mp = skb_ext_add(skb, SKB_EXT_MPTCP);

	if (mp) {
		memset(mp, 0, sizeof(*mp));
		mp->data_seq = dsn;
		mp->data_len = 1400;
		mp->use_map = 1;
	}
	return mp;
}
#endif

/* What skb_try_coalesce() does with a page-fragment head: takes it. */
static void steal_head(struct sk_buff *skb)
{
	/* as every stealer does: the skb keeps its block, not the head */
	skb_ext_head_evict(skb);
	kfree(skb->head);
	skb->head = NULL;
}

static void coalesce_merges_bytes_and_keeps_the_earlier_extensions(struct kunit *test)
{
	struct sk_buff *to = alloc_skb(64, GFP_KERNEL);
	struct sk_buff *from = alloc_skb(64, GFP_KERNEL);
	struct skb_ext *kept;
	bool stolen = true;

	KUNIT_ASSERT_NOT_NULL(test, nf_bridge_alloc(to));
	KUNIT_ASSERT_NOT_NULL(test, nf_bridge_alloc(from));
	kept = to->extensions;
	memcpy(skb_put(to, 3), "abc", 3);
	memcpy(skb_put(from, 2), "de", 2);
	TCP_SKB_CB(to)->end_seq = 103;
	TCP_SKB_CB(from)->seq = 103;
	TCP_SKB_CB(from)->end_seq = 105;

	KUNIT_ASSERT_TRUE(test, tcp_try_coalesce(NULL, to, from, &stolen));
	KUNIT_EXPECT_FALSE(test, stolen);
	KUNIT_EXPECT_EQ(test, to->len, 5U);
	KUNIT_EXPECT_MEMEQ(test, to->data, "abcde", 5);
	KUNIT_EXPECT_EQ(test, TCP_SKB_CB(to)->end_seq, 105U);
	KUNIT_EXPECT_PTR_EQ(test, to->extensions, kept);
	kfree_skb_partial(from, stolen);
	KUNIT_EXPECT_EQ(test, refs(to), 1U);
	kfree_skb(to);
}

static void coalesce_wants_the_next_sequence_number(struct kunit *test)
{
	struct sk_buff *to = alloc_skb(64, GFP_KERNEL);
	struct sk_buff *from = alloc_skb(64, GFP_KERNEL);
	bool stolen;

	TCP_SKB_CB(to)->end_seq = 10;
	TCP_SKB_CB(from)->seq = 9;
	KUNIT_EXPECT_FALSE(test, tcp_try_coalesce(NULL, to, from, &stolen));
	kfree_skb(from);
	kfree_skb(to);
}

#if IS_ENABLED(CONFIG_MPTCP)
static void coalesce_needs_the_same_mapping(struct kunit *test)
{
	struct sk_buff *to = alloc_skb(64, GFP_KERNEL);
	struct sk_buff *from = alloc_skb(64, GFP_KERNEL);
	struct mptcp_ext *mto, *mfrom;
	bool stolen;

	mto = map(to, 1000);
	mfrom = map(from, 2000);
	KUNIT_ASSERT_NOT_NULL(test, mto);
	KUNIT_ASSERT_NOT_NULL(test, mfrom);
	KUNIT_EXPECT_FALSE(test, tcp_try_coalesce(NULL, to, from, &stolen));
	/* one bit anywhere in the mapping is enough to keep them apart */
	mfrom->data_seq = 1000;
	mfrom->data_fin = 1;
	KUNIT_EXPECT_FALSE(test, tcp_try_coalesce(NULL, to, from, &stolen));
	mfrom->data_fin = 0;
	KUNIT_EXPECT_TRUE(test, tcp_try_coalesce(NULL, to, from, &stolen));
	kfree_skb_partial(from, stolen);
	kfree_skb(to);
}

static void coalesce_takes_no_mapping_into_a_mapped_segment_only(struct kunit *test)
{
	struct sk_buff *mapped = alloc_skb(64, GFP_KERNEL);
	struct sk_buff *plain = alloc_skb(64, GFP_KERNEL);
	bool stolen;

	KUNIT_ASSERT_NOT_NULL(test, map(mapped, 7));
	/* a mapped segment after a plain one would lose its mapping */
	KUNIT_EXPECT_FALSE(test, tcp_try_coalesce(NULL, plain, mapped, &stolen));
	KUNIT_EXPECT_TRUE(test, tcp_try_coalesce(NULL, mapped, plain, &stolen));
	kfree_skb_partial(plain, stolen);
	kfree_skb(mapped);
}

static void collapse_moves_the_block_with_the_mapping(struct kunit *test)
{
	struct sk_buff *old = alloc_skb(64, GFP_KERNEL);
	struct sk_buff *n = alloc_skb(64, GFP_KERNEL);
	struct skb_ext *block;

	KUNIT_ASSERT_NOT_NULL(test, map(old, 5));
	block = old->extensions;
	mptcp_skb_ext_move(n, old);
#ifdef CONFIG_SKB_EXT_IN_HEAD
	/* in_head: the block moved out of old's head before it went to n */
	KUNIT_EXPECT_PTR_NE(test, n->extensions, block);
	block = n->extensions;
#endif
	KUNIT_EXPECT_PTR_EQ(test, n->extensions, block);
	KUNIT_EXPECT_EQ(test, refs(n), 1U);
	KUNIT_EXPECT_FALSE(test, skb_has_extensions(old));
	/* the pointer stays behind, stale: only active_extensions counts */
	KUNIT_EXPECT_PTR_EQ(test, old->extensions, block);
	kfree_skb(old);
	KUNIT_EXPECT_TRUE(test, skb_ext_exist(n, SKB_EXT_MPTCP));
	kfree_skb(n);
}

/* The binding's collapse: s's bytes and block into a new skb, t only if the mappings agree. */
static void collapse_merges_only_equal_mappings(struct kunit *test)
{
	struct sk_buff *s = alloc_skb(64, GFP_KERNEL);
	struct sk_buff *t = alloc_skb(64, GFP_KERNEL);
	struct sk_buff *n = NULL;
	struct skb_ext *block;

	KUNIT_ASSERT_NOT_NULL(test, map(s, 5));
	KUNIT_ASSERT_NOT_NULL(test, map(t, 6));
	memcpy(skb_put(s, 2), "ab", 2);
	memcpy(skb_put(t, 1), "c", 1);
	block = s->extensions;
	KUNIT_EXPECT_EQ(test, skbext_collapse(s, t, &n), 0);
	KUNIT_ASSERT_NOT_NULL(test, n);
#ifdef CONFIG_SKB_EXT_IN_HEAD
	/* in_head: the block left s's head before it moved to n */
	KUNIT_EXPECT_PTR_NE(test, n->extensions, block);
	block = n->extensions;
#endif
	KUNIT_EXPECT_PTR_EQ(test, n->extensions, block);
	KUNIT_EXPECT_EQ(test, refs(n), 1U);
	KUNIT_EXPECT_EQ(test, n->len, 2U);
	/* t has the other mapping: it stays, whole */
	KUNIT_EXPECT_EQ(test, t->len, 1U);
	kfree_skb(n);

	s = alloc_skb(64, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, map(s, 6));
	memcpy(skb_put(s, 2), "ab", 2);
	KUNIT_EXPECT_EQ(test, skbext_collapse(s, t, &n), 1);
	KUNIT_EXPECT_EQ(test, n->len, 3U);
	KUNIT_EXPECT_EQ(test, memcmp(n->data, "abc", 3), 0);
	kfree_skb(n);
}

static void collapse_fails_cleanly(struct kunit *test)
{
	struct sk_buff *s = alloc_skb(64, GFP_KERNEL);
	struct sk_buff *t = alloc_skb(64, GFP_KERNEL);
	struct sk_buff *n = NULL;
	long live;

	KUNIT_ASSERT_NOT_NULL(test, map(s, 5));
	KUNIT_EXPECT_EQ(test, skbext_collapse(s, s, &n), -EINVAL);
	skb_get(t);
	KUNIT_EXPECT_EQ(test, skbext_collapse(s, t, &n), -EBUSY);
	kfree_skb(t);
	/* the new skb's two allocations: each failure changes nothing */
	for (int k = 1; k <= 2; k++) {
		live = slab_live_objects();
		fail_nth_set(k);
		KUNIT_EXPECT_EQ(test, skbext_collapse(s, t, &n), -ENOMEM);
		fail_nth_set(0);
		KUNIT_EXPECT_EQ(test, slab_live_objects(), live);
		KUNIT_EXPECT_TRUE(test, skb_ext_exist(s, SKB_EXT_MPTCP));
	}
	KUNIT_EXPECT_EQ(test, skbext_collapse(s, t, &n), 1);
	kfree_skb(n);
}
#endif

static void try_coalesce_refuses_a_cloned_destination_or_no_room(struct kunit *test)
{
	struct sk_buff *to = alloc_skb(64, GFP_KERNEL), *clone;
	struct sk_buff *from = alloc_skb(4096, GFP_KERNEL);
	bool stolen;
	int delta = -1;

	clone = skb_clone(to, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, clone);
	KUNIT_EXPECT_FALSE(test, skb_try_coalesce(to, from, &stolen, &delta));
	kfree_skb(clone);
	KUNIT_EXPECT_TRUE(test, skb_try_coalesce(to, from, &stolen, &delta));
	KUNIT_EXPECT_EQ(test, delta, 0);
	/* more bytes than the tailroom: a kmalloc'd head is never stolen */
	skb_put(from, (unsigned int)skb_tailroom(to) + 1);
	KUNIT_EXPECT_FALSE(test, skb_try_coalesce(to, from, &stolen, &delta));
	KUNIT_EXPECT_FALSE(test, stolen);
	kfree_skb(from);
	kfree_skb(to);
}

static void partial_free_with_stolen_head_releases_the_extensions(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL), *clone;

	KUNIT_ASSERT_NOT_NULL(test, nf_bridge_alloc(skb));
	clone = skb_clone(skb, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, clone);
	kfree_skb(clone);
	KUNIT_EXPECT_EQ(test, refs(skb), 1U);
	/* the clone is gone: the head is the skb's alone again */
	steal_head(skb);
	kfree_skb_partial(skb, true);
	KUNIT_EXPECT_EQ(test, test_cache_live("skbuff_ext_cache"), 0L);
}

static void partial_free_without_stolen_head_frees_everything(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb_fclone(64, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, nf_bridge_alloc(skb));
	/* as __kfree_skb(): the fclone goes back to its own cache */
	kfree_skb_partial(skb, false);
	KUNIT_EXPECT_EQ(test, test_cache_live("skbuff_fclone_cache"), 0L);
}

static void stolen_head_free_drops_state_under_slow_gro(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, nf_bridge_alloc(skb));
	KUNIT_EXPECT_TRUE(test, skb->slow_gro);
	steal_head(skb);
	napi_skb_free_stolen_head(skb);
	KUNIT_EXPECT_EQ(test, test_cache_live("skbuff_ext_cache"), 0L);
}

static void stolen_head_free_keeps_a_copied_block_without_slow_gro(struct kunit *test)
{
	struct sk_buff *owner = alloc_skb(64, GFP_KERNEL);
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, nf_bridge_alloc(owner));
	skb_ext_copy(skb, owner);
	/* skb_ext_copy() does not set slow_gro: 6.1 keeps the reference */
	KUNIT_EXPECT_FALSE(test, skb->slow_gro);
	KUNIT_EXPECT_EQ(test, refs(owner), 2U);
	steal_head(skb);
	napi_skb_free_stolen_head(skb);
	KUNIT_EXPECT_EQ(test, refs(owner), 2U);
	__skb_ext_put(owner->extensions);
	kfree_skb(owner);
}

static void reuse_resets_extensions_and_leaves_the_pointer(struct kunit *test)
{
	struct napi_struct napi = { .dev = NULL, .skb = NULL };
	struct sk_buff *skb = alloc_skb(256, GFP_KERNEL), *clone;
	struct skb_ext *block;

	KUNIT_ASSERT_NOT_NULL(test, nf_bridge_alloc(skb));
	block = skb->extensions;
	clone = skb_clone(skb, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, clone);
#ifdef CONFIG_SKB_EXT_IN_HEAD
	/* in_head: the clone took the block out of the head to share it */
	KUNIT_EXPECT_PTR_NE(test, skb->extensions, block);
	block = skb->extensions;
#endif
	skb_put(skb, 100);
	skb->pkt_type = PACKET_OTHERHOST;

	napi_reuse_skb(&napi, skb);
	KUNIT_EXPECT_PTR_EQ(test, napi.skb, skb);
	KUNIT_EXPECT_FALSE(test, skb_has_extensions(skb));
	KUNIT_EXPECT_PTR_EQ(test, skb->extensions, block);
	KUNIT_EXPECT_FALSE(test, skb->slow_gro);
	KUNIT_EXPECT_EQ(test, refs(clone), 1U);
	KUNIT_EXPECT_EQ(test, skb->len, 0U);
	KUNIT_EXPECT_EQ(test, skb_headroom(skb),
			(unsigned int)(NET_SKB_PAD + NET_IP_ALIGN));
	KUNIT_EXPECT_EQ(test, skb->pkt_type, PACKET_HOST);
	kfree_skb(skb);
	kfree_skb(clone);
}

static void reuse_without_slow_gro_keeps_extensions(struct kunit *test)
{
	struct napi_struct napi = { .dev = NULL, .skb = NULL };
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, nf_bridge_alloc(skb));
	skb->slow_gro = 0;
	napi_reuse_skb(&napi, skb);
	KUNIT_EXPECT_TRUE(test, skb_ext_exist(skb, SKB_EXT_BRIDGE_NF));
	kfree_skb(skb);
}

static void morph_makes_a_clone_in_place(struct kunit *test)
{
	struct sk_buff *dst = alloc_skb(64, GFP_KERNEL);
	struct sk_buff *src = alloc_skb(64, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, nf_bridge_alloc(dst));
	KUNIT_ASSERT_NOT_NULL(test, nf_bridge_alloc(src));
	skb_get(dst);
	KUNIT_EXPECT_PTR_EQ(test, skb_morph(dst, src), dst);
	/* dst's own block went with its state */
	KUNIT_EXPECT_EQ(test, test_cache_live("skbuff_ext_cache"), 1L);
	KUNIT_EXPECT_PTR_EQ(test, dst->extensions, src->extensions);
	KUNIT_EXPECT_EQ(test, refs(src), 2U);
	KUNIT_EXPECT_PTR_EQ(test, dst->head, src->head);
	KUNIT_EXPECT_TRUE(test, skb_cloned(dst));
	KUNIT_EXPECT_TRUE(test, skb_cloned(src));
	KUNIT_EXPECT_EQ(test, refcount_read(&dst->users), 1U);
	kfree_skb(dst);
	KUNIT_EXPECT_FALSE(test, skb_cloned(src));
	kfree_skb(src);
}

#if IS_ENABLED(CONFIG_NET_TC_SKB_EXT)
static void tc_ext_alloc_zeroes_a_reused_room(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);
	struct tc_skb_ext *tc;

	KUNIT_ASSERT_NOT_NULL(test, nf_bridge_alloc(skb));
	tc = tc_skb_ext_alloc(skb);
	KUNIT_ASSERT_NOT_NULL(test, tc);
	tc->chain = 3;
	tc->zone = 7;
	tc->post_ct = 1;
	skb_ext_del(skb, TC_SKB_EXT);
	/* the room stays in the block, old values and all */
	KUNIT_EXPECT_PTR_EQ(test, skb_ext_add(skb, TC_SKB_EXT), tc);
	KUNIT_EXPECT_EQ(test, tc->zone, 7);
	skb_ext_del(skb, TC_SKB_EXT);
	KUNIT_EXPECT_PTR_EQ(test, tc_skb_ext_alloc(skb), tc);
	KUNIT_EXPECT_EQ(test, tc->chain, 0U);
	KUNIT_EXPECT_EQ(test, tc->zone, 0);
	KUNIT_EXPECT_EQ(test, tc->post_ct, 0);
	kfree_skb(skb);
}

static void tc_ext_alloc_fails_cleanly(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL), *clone;
	struct skb_ext *block;
	long live;

	/* a fresh block, then a copy of a shared one */
	live = slab_live_objects();
	fail_nth_set(1);
	KUNIT_EXPECT_NULL(test, tc_skb_ext_alloc(skb));
	KUNIT_EXPECT_FALSE(test, skb_has_extensions(skb));
	KUNIT_EXPECT_EQ(test, slab_live_objects(), live);

	KUNIT_ASSERT_NOT_NULL(test, nf_bridge_alloc(skb));
	block = skb->extensions;
	clone = skb_clone(skb, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, clone);
	live = slab_live_objects();
	fail_nth_set(1);
	KUNIT_EXPECT_NULL(test, tc_skb_ext_alloc(skb));
	KUNIT_EXPECT_PTR_EQ(test, skb->extensions, block);
	KUNIT_EXPECT_FALSE(test, skb_ext_exist(skb, TC_SKB_EXT));
	KUNIT_EXPECT_EQ(test, refs(skb), 2U);
	KUNIT_EXPECT_EQ(test, slab_live_objects(), live);
	kfree_skb(clone);
	kfree_skb(skb);
}
#endif

#if IS_ENABLED(CONFIG_MCTP_FLOWS)
/* A route whose output keeps the packets it is given. */
struct test_route {
	struct mctp_route rt;
	struct sk_buff *pkt[4];
	unsigned int n;
};

static int test_route_output(struct mctp_route *route, struct sk_buff *skb)
{
	struct test_route *r = container_of(route, struct test_route, rt);

	if (r->n == ARRAY_SIZE(r->pkt)) {
		kfree_skb(skb);
		return -ENOBUFS;
	}
	r->pkt[r->n++] = skb;
	return 0;
}

/* A message of @len payload bytes 0, 1, 2... after its header. */
static struct sk_buff *test_message(unsigned int len)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);
	struct mctp_hdr *hdr;
	unsigned int i;
	u8 *body;

	skb_reserve(skb, 16);
	skb_reset_network_header(skb);
	hdr = skb_put(skb, sizeof(*hdr));
	hdr->ver = MCTP_VER_MIN;
	hdr->dest = 9;
	hdr->src = 8;
	hdr->flags_seq_tag = 0;
	body = skb_put(skb, len);
	for (i = 0; i < len; i++)
		body[i] = (u8)i;
	return skb;
}

static void test_route_free(struct test_route *r)
{
	while (r->n)
		kfree_skb(r->pkt[--r->n]);
}

static void flow_holds_its_key_and_a_copy_holds_it_again(struct kunit *test)
{
	struct mctp_sk_key *key = mctp_key_alloc(8, 9, 1, GFP_KERNEL);
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL), *clone;

	KUNIT_ASSERT_NOT_NULL(test, key);
	mctp_skb_set_flow(skb, key);
	KUNIT_EXPECT_EQ(test, refcount_read(&key->refs), 2U);
	clone = skb_clone(skb, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, clone);
	/* the clone writes: its own block, and its own reference on the key */
	KUNIT_ASSERT_NOT_NULL(test, nf_bridge_alloc(clone));
	KUNIT_EXPECT_PTR_NE(test, clone->extensions, skb->extensions);
	KUNIT_EXPECT_EQ(test, refcount_read(&key->refs), 3U);
	kfree_skb(skb);
	KUNIT_EXPECT_EQ(test, refcount_read(&key->refs), 2U);
	kfree_skb(clone);
	KUNIT_EXPECT_EQ(test, refcount_read(&key->refs), 1U);
	mctp_key_unref(key);
}

static void flow_without_memory_leaves_no_flow(struct kunit *test)
{
	struct mctp_sk_key *key = mctp_key_alloc(8, 9, 1, GFP_KERNEL);
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, key);
	fail_nth_set(1);
	mctp_skb_set_flow(skb, key);
	KUNIT_EXPECT_FALSE(test, skb_has_extensions(skb));
	KUNIT_EXPECT_EQ(test, refcount_read(&key->refs), 1U);
	kfree_skb(skb);
	mctp_key_unref(key);
}

static void fragments_carry_the_flow_and_their_slice(struct kunit *test)
{
	struct test_route r = { .rt = { .mtu = 8, .output = test_route_output } };
	struct mctp_sk_key *key = mctp_key_alloc(8, 9, 1, GFP_KERNEL);
	struct sk_buff *msg = test_message(10);
	const struct mctp_hdr *hdr;
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, key);
	mctp_skb_set_flow(msg, key);
	KUNIT_EXPECT_EQ(test, mctp_do_fragment_route(&r.rt, msg, 8,
						     MCTP_HDR_FLAG_TO | 5), 0);
	KUNIT_ASSERT_EQ(test, r.n, 3U);
	for (i = 0; i < r.n; i++) {
		const struct mctp_flow *flow = skb_ext_find(r.pkt[i], SKB_EXT_MCTP);

		KUNIT_ASSERT_NOT_NULL(test, flow);
		KUNIT_EXPECT_PTR_EQ(test, flow->key, key);
		KUNIT_EXPECT_EQ(test, skb_headroom(r.pkt[i]), 16U);
		hdr = mctp_hdr(r.pkt[i]);
		KUNIT_EXPECT_EQ(test, hdr->flags_seq_tag &
				~(MCTP_HDR_FLAG_SOM | MCTP_HDR_FLAG_EOM),
				(int)(MCTP_HDR_FLAG_TO | 5 |
				      (i << MCTP_HDR_SEQ_SHIFT)));
		KUNIT_EXPECT_EQ(test, skb_transport_header(r.pkt[i])[0], i * 4);
	}
	KUNIT_EXPECT_TRUE(test, mctp_hdr(r.pkt[0])->flags_seq_tag & MCTP_HDR_FLAG_SOM);
	KUNIT_EXPECT_TRUE(test, mctp_hdr(r.pkt[2])->flags_seq_tag & MCTP_HDR_FLAG_EOM);
	KUNIT_EXPECT_EQ(test, r.pkt[2]->len, 4U + 2U);
	/* the message is gone: the packets share its block */
	KUNIT_EXPECT_EQ(test, refs(r.pkt[0]), 3U);
	KUNIT_EXPECT_EQ(test, refcount_read(&key->refs), 2U);
	test_route_free(&r);
	KUNIT_EXPECT_EQ(test, refcount_read(&key->refs), 1U);
	mctp_key_unref(key);
}

static void fragmenting_fails_cleanly_at_each_allocation(struct kunit *test)
{
	struct test_route r = { .rt = { .mtu = 8, .output = test_route_output } };
	unsigned int n;

	for (n = 1; n <= 4; n++) {
		struct mctp_sk_key *key = mctp_key_alloc(8, 9, 1, GFP_KERNEL);
		struct sk_buff *msg = test_message(8);

		mctp_skb_set_flow(msg, key);
		fail_nth_set(n);
		KUNIT_EXPECT_EQ(test, mctp_do_fragment_route(&r.rt, msg, 8, 0),
				-ENOMEM);
		fail_nth_set(0);
		/* the packets sent before the failure stay sent */
		KUNIT_EXPECT_EQ(test, r.n, (n - 1) / 2);
		test_route_free(&r);
		KUNIT_EXPECT_EQ(test, refcount_read(&key->refs), 1U);
		mctp_key_unref(key);
	}
}

static void fragmenting_needs_room_for_payload(struct kunit *test)
{
	struct test_route r = { .rt = { .mtu = 4, .output = test_route_output } };

	KUNIT_EXPECT_EQ(test, mctp_do_fragment_route(&r.rt, test_message(8), 4, 0),
			-EMSGSIZE);
	KUNIT_EXPECT_EQ(test, r.n, 0U);
}
#endif

static struct kunit_case skb_paths_cases[] = {
	KUNIT_CASE(coalesce_merges_bytes_and_keeps_the_earlier_extensions),
	KUNIT_CASE(coalesce_wants_the_next_sequence_number),
#if IS_ENABLED(CONFIG_MPTCP)
	KUNIT_CASE(coalesce_needs_the_same_mapping),
	KUNIT_CASE(coalesce_takes_no_mapping_into_a_mapped_segment_only),
	KUNIT_CASE(collapse_moves_the_block_with_the_mapping),
	KUNIT_CASE(collapse_merges_only_equal_mappings),
	KUNIT_CASE(collapse_fails_cleanly),
#endif
	KUNIT_CASE(try_coalesce_refuses_a_cloned_destination_or_no_room),
	KUNIT_CASE(partial_free_with_stolen_head_releases_the_extensions),
	KUNIT_CASE(partial_free_without_stolen_head_frees_everything),
	KUNIT_CASE(stolen_head_free_drops_state_under_slow_gro),
	KUNIT_CASE(stolen_head_free_keeps_a_copied_block_without_slow_gro),
	KUNIT_CASE(reuse_resets_extensions_and_leaves_the_pointer),
	KUNIT_CASE(reuse_without_slow_gro_keeps_extensions),
	KUNIT_CASE(morph_makes_a_clone_in_place),
#if IS_ENABLED(CONFIG_NET_TC_SKB_EXT)
	KUNIT_CASE(tc_ext_alloc_zeroes_a_reused_room),
	KUNIT_CASE(tc_ext_alloc_fails_cleanly),
#endif
#if IS_ENABLED(CONFIG_MCTP_FLOWS)
	KUNIT_CASE(flow_holds_its_key_and_a_copy_holds_it_again),
	KUNIT_CASE(flow_without_memory_leaves_no_flow),
	KUNIT_CASE(fragments_carry_the_flow_and_their_slice),
	KUNIT_CASE(fragmenting_fails_cleanly_at_each_allocation),
	KUNIT_CASE(fragmenting_needs_room_for_payload),
#endif
	{}
};

static struct kunit_suite skb_paths_suite = {
	.name = "skb_paths",
	.test_cases = skb_paths_cases,
};
kunit_test_suite(skb_paths_suite);
