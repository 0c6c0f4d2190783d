// SPDX-License-Identifier: GPL-2.0-only
/*
 * What skb->extensions holds between the ops (NULL, a stale pointer, a
 * live block), the block's offsets and chunks per config, nf_reset_ct()
 * and skb_release_head_state(), and the tape ops for the last two.
 */
#include <linux/skbuff.h>
#include <linux/netfilter_bridge.h>
#include <net/netfilter/br_netfilter.h>
#include <skbext/api.h>
#include <net/xfrm.h>
#include <net/mptcp.h>
#include "../../csrc/tape/tape.h"
#include "kunit.h"
#include "test_util.h"

/* 8-byte chunks struct skb_ext's header takes: refcnt, offset[], chunks. */
static unsigned int hdr_chunks(void)
{
	return DIV_ROUND_UP(sizeof(refcount_t) + SKB_EXT_NUM + 1, 8);
}

static void ext_ptr_of_new_skb_is_null(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL), *clone;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_EQ(test, skbext_ext_ptr_state(skb), SKBEXT_EXT_NULL);
	clone = skb_clone(skb, GFP_ATOMIC);
	KUNIT_ASSERT_NOT_NULL(test, clone);
	KUNIT_EXPECT_EQ(test, skbext_ext_ptr_state(clone), SKBEXT_EXT_NULL);
	kfree_skb(clone);
	kfree_skb(skb);
}

static void ext_reset_leaves_a_stale_pointer(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);
	struct skb_ext *ext;

	KUNIT_ASSERT_NOT_NULL(test, skb_ext_add(skb, SKB_EXT_MPTCP));
	KUNIT_EXPECT_EQ(test, skbext_ext_ptr_state(skb), SKBEXT_EXT_LIVE);
	ext = skb->extensions;
	skb_ext_reset(skb);
	KUNIT_EXPECT_EQ(test, skb->active_extensions, 0);
	KUNIT_EXPECT_PTR_EQ(test, skb->extensions, ext);
	KUNIT_EXPECT_EQ(test, skbext_ext_ptr_state(skb), SKBEXT_EXT_STALE);
	/* a later add allocates afresh: the stale block is not put again */
	KUNIT_ASSERT_NOT_NULL(test, skb_ext_add(skb, SKB_EXT_BRIDGE_NF));
	KUNIT_EXPECT_EQ(test, skbext_ext_ptr_state(skb), SKBEXT_EXT_LIVE);
	kfree_skb(skb);
}

static void scrub_leaves_a_stale_pointer(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, skb_ext_add(skb, SKB_EXT_BRIDGE_NF));
	skb_scrub_packet(skb, true);
	KUNIT_EXPECT_EQ(test, skbext_ext_ptr_state(skb), SKBEXT_EXT_STALE);
	kfree_skb(skb);
}

static void ext_del_of_last_id_leaves_null(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, secpath_set(skb));
	skb_ext_del(skb, SKB_EXT_SEC_PATH);
	KUNIT_EXPECT_EQ(test, skbext_ext_ptr_state(skb), SKBEXT_EXT_NULL);
	kfree_skb(skb);
}

/* skb_ext_copy() from an skb without ids: the destination's pointer stays. */
static void ext_copy_of_nothing_leaves_stale_pointer(struct kunit *test)
{
	struct sk_buff *a = alloc_skb(64, GFP_KERNEL);
	struct sk_buff *b = alloc_skb(64, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, skb_ext_add(b, SKB_EXT_MPTCP));
	skb_ext_copy(b, a);
	KUNIT_EXPECT_EQ(test, b->active_extensions, 0);
	KUNIT_EXPECT_EQ(test, skbext_ext_ptr_state(b), SKBEXT_EXT_STALE);
	kfree_skb(a);
	kfree_skb(b);
}

/* mptcp, then bridge, then sec_path: placed in that order after the header. */
static void ext_offsets_follow_the_order_of_adding(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);
	unsigned int h = hdr_chunks(), chunks;
	unsigned int mp = skb_ext_type_chunks(SKB_EXT_MPTCP);
	unsigned int br = skb_ext_type_chunks(SKB_EXT_BRIDGE_NF);
	unsigned int sp = skb_ext_type_chunks(SKB_EXT_SEC_PATH);
	u8 off[SKB_EXT_NUM];

	KUNIT_EXPECT_FALSE(test, skbext_ext_offsets(skb, off, &chunks));
	KUNIT_ASSERT_NOT_NULL(test, skb_ext_add(skb, SKB_EXT_MPTCP));
	KUNIT_ASSERT_NOT_NULL(test, skb_ext_add(skb, SKB_EXT_BRIDGE_NF));
	KUNIT_ASSERT_NOT_NULL(test, secpath_set(skb));
	KUNIT_ASSERT_TRUE(test, skbext_ext_offsets(skb, off, &chunks));
	KUNIT_EXPECT_EQ(test, skbext_ext_hdr_chunks(), h);
	KUNIT_EXPECT_EQ(test, off[SKB_EXT_MPTCP], h);
	KUNIT_EXPECT_EQ(test, off[SKB_EXT_BRIDGE_NF], h + mp);
	KUNIT_EXPECT_EQ(test, off[SKB_EXT_SEC_PATH], h + mp + br);
	KUNIT_EXPECT_EQ(test, chunks, h + mp + br + sp);
	kfree_skb(skb);
}

/* The kernel's figures for Debian's config (and one chunk more in full). */
static void ext_offsets_are_the_kernels(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);
	unsigned int more = SKB_EXT_NUM > 3, chunks;
	u8 off[SKB_EXT_NUM];

	KUNIT_ASSERT_NOT_NULL(test, skb_ext_add(skb, SKB_EXT_MPTCP));
	KUNIT_ASSERT_NOT_NULL(test, skb_ext_add(skb, SKB_EXT_BRIDGE_NF));
	KUNIT_ASSERT_NOT_NULL(test, secpath_set(skb));
	KUNIT_ASSERT_TRUE(test, skbext_ext_offsets(skb, off, &chunks));
	KUNIT_EXPECT_EQ(test, off[SKB_EXT_MPTCP], 1 + more);
	KUNIT_EXPECT_EQ(test, off[SKB_EXT_BRIDGE_NF], 5 + more);
	KUNIT_EXPECT_EQ(test, off[SKB_EXT_SEC_PATH], 9 + more);
	KUNIT_EXPECT_EQ(test, chunks, 20 + more);
	kfree_skb(skb);
}

/* An id deleted from a shared block keeps its offset; only active ids show. */
static void ext_offsets_show_active_ids_only(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL), *clone;
	unsigned int chunks;
	u8 off[SKB_EXT_NUM];

	KUNIT_ASSERT_NOT_NULL(test, skb_ext_add(skb, SKB_EXT_MPTCP));
	KUNIT_ASSERT_NOT_NULL(test, skb_ext_add(skb, SKB_EXT_BRIDGE_NF));
	clone = skb_clone(skb, GFP_ATOMIC);
	KUNIT_ASSERT_NOT_NULL(test, clone);
	skb_ext_del(clone, SKB_EXT_MPTCP);
	KUNIT_ASSERT_TRUE(test, skbext_ext_offsets(clone, off, &chunks));
	KUNIT_EXPECT_EQ(test, off[SKB_EXT_MPTCP], 0);
	KUNIT_EXPECT_NE(test, skb->extensions->offset[SKB_EXT_MPTCP], 0);
	KUNIT_EXPECT_EQ(test, off[SKB_EXT_BRIDGE_NF],
			skb->extensions->offset[SKB_EXT_BRIDGE_NF]);
	kfree_skb(clone);
	kfree_skb(skb);
}

static void nf_reset_ct_keeps_the_extensions(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, nf_bridge_alloc(skb));
	nf_reset_ct(skb);
	KUNIT_EXPECT_EQ(test, skb->_nfct, 0);
	KUNIT_EXPECT_TRUE(test, skb_ext_exist(skb, SKB_EXT_BRIDGE_NF));
	KUNIT_EXPECT_EQ(test, refcount_read(&skb->extensions->refcnt), 1);
	kfree_skb(skb);
}

/*
 * skb_release_head_state() puts the block (and what it holds) but leaves
 * the ids set, as 6.1 does; the skb is then freed without its head state.
 */
static void release_head_state_puts_block_once(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL), *clone;
	struct xfrm_state *x = test_state_new();
	u8 ids;

	KUNIT_ASSERT_NOT_NULL(test, x);
	KUNIT_ASSERT_EQ(test, xfrm_input_push_state(skb, x), 0);
	clone = skb_clone(skb, GFP_ATOMIC);
	KUNIT_ASSERT_NOT_NULL(test, clone);
	ids = clone->active_extensions;
	skb_release_head_state(clone);
	KUNIT_EXPECT_EQ(test, clone->active_extensions, ids);
	KUNIT_EXPECT_EQ(test, refcount_read(&skb->extensions->refcnt), 1);
	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 2);
	__consume_stateless_skb(clone);
	KUNIT_EXPECT_EQ(test, refcount_read(&skb->extensions->refcnt), 1);
	skb_release_head_state(skb);
	/* the last reference: the block goes, and the state's hold with it */
	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 1);
	__consume_stateless_skb(skb);
	xfrm_state_delete(x);
}

static const char *run(struct kunit *test, const u8 *tape, size_t len,
		       unsigned int flags)
{
	static char trace[8192];
	struct tape_result res;

	KUNIT_ASSERT_EQ(test, tape_run(tape, len, trace, sizeof(trace),
				       flags | TAPE_TRACE_STATE, &res), 0);
	KUNIT_EXPECT_FALSE(test, res.overflow);
	return trace;
}

static void tape_traces_offsets_and_stale_pointer(struct kunit *test)
{
	/* alloc s0; mptcp_map; nf_bridge_alloc; secpath_set; ext_reset */
	static const u8 tape[] = { 0x00, 0, 16, 0x12, 0, 1, 0, 0, 0,
				   0x11, 0, 0x0e, 0, 0x0c, 0 };
	char want[64];
	const char *t = run(test, tape, sizeof(tape), 0);
	unsigned int more = SKB_EXT_NUM > 3;

	snprintf(want, sizeof(want), "blkA/1 o%u,%u,%u c%u", 5 + more,
		 9 + more, 1 + more, 20 + more);
	KUNIT_EXPECT_NOT_NULL(test, strstr(t, want));
	KUNIT_EXPECT_NOT_NULL(test, strstr(t, "#4 ext_reset s0 = ok\n  | s0 u1 c0 f- ext[] stale |\n"));
}

static void tape_nf_reset_ct_changes_no_extension(struct kunit *test)
{
	static const u8 tape[] = { 0x00, 0, 16, 0x11, 0, 0x1e, 0 };
	const char *t = run(test, tape, sizeof(tape), 0);
	char want[96];

	snprintf(want, sizeof(want),
		 "#2 nf_reset_ct s0 = ok\n  | s0 u1 c0 f- ext[BRIDGE_NF] blkA/1 o%u c%u |",
		 hdr_chunks(), hdr_chunks() + 4);
	KUNIT_EXPECT_NOT_NULL(test, strstr(t, want));
}

static void tape_release_head_state_then_free(struct kunit *test)
{
	/* x0; s0 with x1 on its path; clone s1; release s1; clone from s1; free s1 */
	static const u8 tape[] = { 0x13, 0, 0x00, 0, 16, 0x0f, 0, 0,
				   0x02, 1, 0, 0x1f, 1, 0x02, 2, 1, 0x05, 1,
				   0x1f, 0, 0x1f, 0 };
	const char *t = run(test, tape, sizeof(tape), 0);

	KUNIT_EXPECT_NOT_NULL(test, strstr(t, "#4 release_head_state s1 = ok\n  | s0 u1 c1 f- ext[SEC_PATH] blkA/1"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(t, "s1 u1 c1 f- ext[SEC_PATH] released | x1 r2\n"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(t, "#5 clone s2 s1 = refused\n"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(t, "#6 free s1 = ok\n"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(t, "#7 release_head_state s0 = ok\n  | s0 u1 c0 f- ext[SEC_PATH] released | x1 r1\n"));
	/* released twice is refused: nothing but a free may follow */
	KUNIT_EXPECT_NOT_NULL(test, strstr(t, "#8 release_head_state s0 = refused\n"));
	KUNIT_EXPECT_NULL(test, strstr(t, "leaked"));
	KUNIT_EXPECT_NULL(test, strstr(t, "overput"));
}

static void tape_release_head_state_of_shared_skb_is_refused(struct kunit *test)
{
	static const u8 tape[] = { 0x00, 0, 16, 0x07, 0, 0x1f, 0 };
	const char *t = run(test, tape, sizeof(tape), 0);

	KUNIT_EXPECT_NOT_NULL(test, strstr(t, "#2 release_head_state s0 = refused\n"));
}

static void tape_new_ops_on_empty_slot(struct kunit *test)
{
	static const u8 tape[] = { 0x1e, 3, 0x1f, 4 };
	const char *t = run(test, tape, sizeof(tape), 0);

	KUNIT_EXPECT_NOT_NULL(test, strstr(t, "#0 nf_reset_ct s3 = empty\n"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(t, "#1 release_head_state s4 = empty\n"));
}

static struct kunit_case ext_state_cases[] = {
	KUNIT_CASE(ext_ptr_of_new_skb_is_null),
	KUNIT_CASE(ext_reset_leaves_a_stale_pointer),
	KUNIT_CASE(scrub_leaves_a_stale_pointer),
	KUNIT_CASE(ext_del_of_last_id_leaves_null),
	KUNIT_CASE(ext_copy_of_nothing_leaves_stale_pointer),
	KUNIT_CASE(ext_offsets_follow_the_order_of_adding),
	KUNIT_CASE(ext_offsets_are_the_kernels),
	KUNIT_CASE(ext_offsets_show_active_ids_only),
	KUNIT_CASE(nf_reset_ct_keeps_the_extensions),
	KUNIT_CASE(release_head_state_puts_block_once),
	KUNIT_CASE(tape_traces_offsets_and_stale_pointer),
	KUNIT_CASE(tape_nf_reset_ct_changes_no_extension),
	KUNIT_CASE(tape_release_head_state_then_free),
	KUNIT_CASE(tape_release_head_state_of_shared_skb_is_refused),
	KUNIT_CASE(tape_new_ops_on_empty_slot),
	{}
};

static struct kunit_suite ext_state_suite = {
	.name = "ext_state",
	.test_cases = ext_state_cases,
};
kunit_test_suite(ext_state_suite);
