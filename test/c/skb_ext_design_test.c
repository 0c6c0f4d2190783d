// SPDX-License-Identifier: GPL-2.0-only
/*
 * The extension block's allocation designs of issue 18
 * (docs/design-variants.md): what each keeps of 6.1 and, by name, where
 * one cannot. The cases of every design run in every build; a design's
 * own cases run in its build (-DSKBEXT_DESIGN=cache|in_head).
 */
#include <linux/skbuff.h>
#include <linux/shrinker.h>
#include <skbext/slabinfo.h>
#include <skbext/api.h>
#include <net/xfrm.h>
#include <net/mptcp.h>
#include <string.h>
#include "kunit.h"
#include "test_util.h"

/* chunks of struct skb_ext's header, where the first id's data starts */
#define HDR_CHUNKS	DIV_ROUND_UP(sizeof(struct skb_ext), SKB_EXT_ALIGN_VALUE)

static void design_name_follows_the_build_switch(struct kunit *test)
{
#if defined(CONFIG_SKB_EXT_CACHE)
	KUNIT_EXPECT_EQ(test, strcmp(SKBEXT_DESIGN_NAME, "cache"), 0);
#elif defined(CONFIG_SKB_EXT_IN_HEAD)
	KUNIT_EXPECT_EQ(test, strcmp(SKBEXT_DESIGN_NAME, "in_head"), 0);
#else
	KUNIT_EXPECT_EQ(test, strcmp(SKBEXT_DESIGN_NAME, "none"), 0);
#endif
}

/* A block that served another skb starts as empty as a new one. */
static void reused_block_starts_empty(struct kunit *test)
{
	struct sk_buff *a = alloc_skb(64, GFP_KERNEL), *b;
	struct skb_ext *ext;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, skb_ext_add(a, SKB_EXT_MPTCP));
	KUNIT_ASSERT_NOT_NULL(test, secpath_set(a));
	kfree_skb(a);

	b = alloc_skb(64, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_ASSERT_NOT_NULL(test, skb_ext_add(b, SKB_EXT_BRIDGE_NF));
	ext = b->extensions;
	KUNIT_EXPECT_EQ(test, refcount_read(&ext->refcnt), 1);
	KUNIT_EXPECT_EQ(test, ext->offset[SKB_EXT_MPTCP], 0);
	KUNIT_EXPECT_EQ(test, ext->offset[SKB_EXT_SEC_PATH], 0);
	KUNIT_EXPECT_EQ(test, ext->offset[SKB_EXT_BRIDGE_NF],
			HDR_CHUNKS);
	KUNIT_EXPECT_EQ(test, ext->chunks, HDR_CHUNKS +
			skb_ext_type_chunks(SKB_EXT_BRIDGE_NF));
	kfree_skb(b);
}

/*
 * fail-nth fails the first block of an skb in every design, whether the
 * slab, a kept block or the head would have given it.
 */
static void fail_nth_fails_the_first_block(struct kunit *test)
{
	struct sk_buff *a = alloc_skb(64, GFP_KERNEL), *b;

	KUNIT_ASSERT_NOT_NULL(test, a);
	/* a block freed just before: the cache keeps it */
	KUNIT_ASSERT_NOT_NULL(test, skb_ext_add(a, SKB_EXT_MPTCP));
	kfree_skb(a);
	b = alloc_skb(64, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, b);
	fail_nth_set(1);
	KUNIT_EXPECT_NULL(test, skb_ext_add(b, SKB_EXT_BRIDGE_NF));
	KUNIT_EXPECT_EQ(test, fail_nth_get(), 0U);
	KUNIT_EXPECT_FALSE(test, skb_has_extensions(b));
	KUNIT_EXPECT_NULL(test, b->extensions);
	/* and the next try succeeds */
	KUNIT_EXPECT_NOT_NULL(test, skb_ext_add(b, SKB_EXT_BRIDGE_NF));
	kfree_skb(b);
}

/* The same for the copy a write to a shared block makes. */
static void fail_nth_fails_the_copy_of_a_shared_block(struct kunit *test)
{
	struct sk_buff *a = alloc_skb(64, GFP_KERNEL), *c, *d;
	struct skb_ext *shared;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, skb_ext_add(a, SKB_EXT_MPTCP));
	c = skb_clone(a, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c);
	shared = a->extensions;
	/* a block freed just before: the cache keeps it */
	d = alloc_skb(64, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, d);
	KUNIT_ASSERT_NOT_NULL(test, skb_ext_add(d, SKB_EXT_MPTCP));
	kfree_skb(d);
	fail_nth_set(1);
	KUNIT_EXPECT_NULL(test, skb_ext_add(c, SKB_EXT_BRIDGE_NF));
	KUNIT_EXPECT_PTR_EQ(test, c->extensions, shared);
	KUNIT_EXPECT_EQ(test, refcount_read(&shared->refcnt), 2);
	KUNIT_EXPECT_NOT_NULL(test, skb_ext_add(c, SKB_EXT_BRIDGE_NF));
	KUNIT_EXPECT_EQ(test, refcount_read(&shared->refcnt), 1);
	kfree_skb(c);
	kfree_skb(a);
}

/* drop_slab() gives back only what nobody uses. */
static void drop_slab_leaves_blocks_in_use(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);
	struct mptcp_ext *m;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	m = skb_ext_add(skb, SKB_EXT_MPTCP);
	KUNIT_ASSERT_NOT_NULL(test, m);
	m->data_seq = 77;
	drop_slab();
	KUNIT_EXPECT_EQ(test, refcount_read(&skb->extensions->refcnt), 1);
	KUNIT_EXPECT_EQ(test, ((struct mptcp_ext *)skb_ext_find(skb, SKB_EXT_MPTCP))->data_seq, 77ULL);
	kfree_skb(skb);
}

#ifdef CONFIG_SKB_EXT_CACHE
/* The last put keeps the block; the next block allocated here is it. */
static void cache_reuses_the_last_freed_block(struct kunit *test)
{
	struct sk_buff *a = alloc_skb(64, GFP_KERNEL), *b;
	struct skb_ext *first;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, skb_ext_add(a, SKB_EXT_BRIDGE_NF));
	first = a->extensions;
	kfree_skb(a);
	b = alloc_skb(64, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_ASSERT_NOT_NULL(test, skb_ext_add(b, SKB_EXT_MPTCP));
	KUNIT_EXPECT_PTR_EQ(test, b->extensions, first);
	kfree_skb(b);
}

/* A copy on write takes the kept block too (__skb_ext_alloc() at large). */
static void cache_serves_the_copy_on_write(struct kunit *test)
{
	struct sk_buff *a = alloc_skb(64, GFP_KERNEL), *c, *d;
	struct skb_ext *kept;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, skb_ext_add(a, SKB_EXT_MPTCP));
	c = skb_clone(a, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c);
	d = alloc_skb(64, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, d);
	KUNIT_ASSERT_NOT_NULL(test, skb_ext_add(d, SKB_EXT_BRIDGE_NF));
	kept = d->extensions;
	kfree_skb(d);
	KUNIT_ASSERT_NOT_NULL(test, skb_ext_add(c, SKB_EXT_BRIDGE_NF));
	KUNIT_EXPECT_PTR_EQ(test, c->extensions, kept);
	KUNIT_EXPECT_EQ(test, refcount_read(&a->extensions->refcnt), 1);
	kfree_skb(c);
	kfree_skb(a);
}

/* A kept block holds nothing: its states went back at the last put. */
static void cache_kept_block_holds_no_state(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);
	struct xfrm_state *x = test_state_new();

	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_ASSERT_NOT_NULL(test, x);
	KUNIT_ASSERT_EQ(test, xfrm_input_push_state(skb, x), 0);
	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 2);
	kfree_skb(skb);
	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 1);
	xfrm_state_delete(x);
}

/* One block is kept; a second freed while one is kept goes to the slab. */
static void cache_keeps_one_block(struct kunit *test)
{
	struct sk_buff *a = alloc_skb(64, GFP_KERNEL);
	struct sk_buff *b = alloc_skb(64, GFP_KERNEL);
	struct sk_buff *c = alloc_skb(64, GFP_KERNEL);
	struct skb_ext *first;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_ASSERT_NOT_NULL(test, skb_ext_add(a, SKB_EXT_MPTCP));
	KUNIT_ASSERT_NOT_NULL(test, skb_ext_add(b, SKB_EXT_MPTCP));
	first = a->extensions;
	kfree_skb(a);
	kfree_skb(b);
	/* counting gives the kept block back (drop_slab()): none is live */
	KUNIT_EXPECT_EQ(test, test_cache_live("skbuff_ext_cache"), 0L);
	/* so the next block is the slab's, which under debug is not first */
	KUNIT_ASSERT_NOT_NULL(test, skb_ext_add(c, SKB_EXT_MPTCP));
	KUNIT_EXPECT_EQ(test, test_cache_live("skbuff_ext_cache"), 1L);
	if (slab_debug_enabled())
		KUNIT_EXPECT_PTR_NE(test, c->extensions, first);
	kfree_skb(c);
}
#endif /* CONFIG_SKB_EXT_CACHE */

#ifdef CONFIG_SKB_EXT_IN_HEAD
/* An skb alone on its head takes its block there; the head keeps its size. */
static void in_head_first_block_is_in_the_head(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);
	unsigned int bufsize = kmalloc_size_roundup(SKB_HEAD_ALIGN(64));

	KUNIT_ASSERT_NOT_NULL(test, skb);
	/* end and truesize as without the room: it is not data room */
	KUNIT_EXPECT_EQ(test, skb->end, SKB_WITH_OVERHEAD(bufsize));
	KUNIT_EXPECT_EQ(test, skb->truesize, SKB_TRUESIZE(SKB_WITH_OVERHEAD(bufsize)));
	KUNIT_ASSERT_NOT_NULL(test, skb_ext_add(skb, SKB_EXT_BRIDGE_NF));
	KUNIT_EXPECT_TRUE(test, test_ext_in_head(skb));
	KUNIT_EXPECT_EQ(test, test_cache_live("skbuff_ext_cache"), 0L);
	/* the whole block fits: every id can still be added in place */
	KUNIT_ASSERT_NOT_NULL(test, secpath_set(skb));
	KUNIT_ASSERT_NOT_NULL(test, skb_ext_add(skb, SKB_EXT_MPTCP));
	KUNIT_EXPECT_TRUE(test, test_ext_in_head(skb));
	KUNIT_EXPECT_LE(test, (size_t)((unsigned char *)skb->extensions - skb->head) +
			skb->extensions->chunks * SKB_EXT_ALIGN_VALUE, ksize(skb->head));
	kfree_skb(skb);
}

/*
 * Where in_head cannot keep 6.1: a clone shares the block, so the block
 * leaves the head for the slab first. Refcount and sharing are 6.1's,
 * but a pointer into the block found before the clone (skb_ext_find(),
 * skb_sec_path()) now points at the head's stale copy, where 6.1 keeps
 * it valid.
 */
static void in_head_clone_moves_the_block_and_stales_old_pointers(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL), *clone;
	struct mptcp_ext *before, *after;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	before = skb_ext_add(skb, SKB_EXT_MPTCP);
	KUNIT_ASSERT_NOT_NULL(test, before);
	before->data_seq = 5;
	clone = skb_clone(skb, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, clone);
	KUNIT_EXPECT_FALSE(test, test_ext_in_head(skb));
	KUNIT_EXPECT_PTR_EQ(test, clone->extensions, skb->extensions);
	KUNIT_EXPECT_EQ(test, refcount_read(&skb->extensions->refcnt), 2);
	KUNIT_EXPECT_EQ(test, test_cache_live("skbuff_ext_cache"), 1L);
	after = skb_ext_find(skb, SKB_EXT_MPTCP);
	KUNIT_EXPECT_PTR_NE(test, after, before);
	KUNIT_EXPECT_EQ(test, after->data_seq, 5ULL);
	/* a write through the old pointer is lost: 6.1 would see it */
	before->data_seq = 6;
	KUNIT_EXPECT_EQ(test, after->data_seq, 5ULL);
	kfree_skb(clone);
	kfree_skb(skb);
}

/* A head shared with a clone is nobody's own: the block is the slab's. */
static void in_head_cloned_skb_takes_a_slab_block(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL), *clone;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	clone = skb_clone(skb, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, clone);
	KUNIT_ASSERT_NOT_NULL(test, skb_ext_add(skb, SKB_EXT_MPTCP));
	KUNIT_EXPECT_FALSE(test, test_ext_in_head(skb));
	KUNIT_EXPECT_EQ(test, test_cache_live("skbuff_ext_cache"), 1L);
	kfree_skb(clone);
	/* alone again: the next block after a reset is in the head */
	skb_ext_reset(skb);
	KUNIT_ASSERT_NOT_NULL(test, skb_ext_add(skb, SKB_EXT_MPTCP));
	KUNIT_EXPECT_TRUE(test, test_ext_in_head(skb));
	kfree_skb(skb);
}

/* The copy a write to a shared block makes lands in the writer's head. */
static void in_head_copy_on_write_lands_in_the_head(struct kunit *test)
{
	struct sk_buff *a = alloc_skb(64, GFP_KERNEL);
	struct sk_buff *b = alloc_skb(64, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_ASSERT_NOT_NULL(test, skb_ext_add(a, SKB_EXT_MPTCP));
	skb_ext_copy(b, a);
	KUNIT_EXPECT_FALSE(test, test_ext_in_head(a));
	KUNIT_EXPECT_EQ(test, refcount_read(&a->extensions->refcnt), 2);
	KUNIT_ASSERT_NOT_NULL(test, skb_ext_add(b, SKB_EXT_BRIDGE_NF));
	KUNIT_EXPECT_TRUE(test, test_ext_in_head(b));
	KUNIT_EXPECT_EQ(test, refcount_read(&a->extensions->refcnt), 1);
	KUNIT_EXPECT_EQ(test, refcount_read(&b->extensions->refcnt), 1);
	kfree_skb(a);
	kfree_skb(b);
}

/*
 * A stolen head goes before the skb's state: the block (and the state
 * references it holds) leaves the head first, and the state is put once.
 */
static void in_head_stolen_head_leaves_the_block(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);
	struct xfrm_state *x = test_state_new();

	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_ASSERT_NOT_NULL(test, x);
	KUNIT_ASSERT_EQ(test, xfrm_input_push_state(skb, x), 0);
	KUNIT_EXPECT_TRUE(test, test_ext_in_head(skb));
	KUNIT_EXPECT_EQ(test, skbext_free_partial(skb, true, false), 0);
	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 1);
	xfrm_state_delete(x);
}

/* Moving a block to another skb (mptcp_skb_ext_move()) takes it out first. */
static void in_head_move_to_another_skb_leaves_the_head(struct kunit *test)
{
	struct sk_buff *from = alloc_skb(64, GFP_KERNEL);
	struct sk_buff *to = alloc_skb(64, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, from);
	KUNIT_ASSERT_NOT_NULL(test, to);
	KUNIT_ASSERT_NOT_NULL(test, skb_ext_add(from, SKB_EXT_MPTCP));
	mptcp_skb_ext_move(to, from);
	KUNIT_EXPECT_FALSE(test, skb_has_extensions(from));
	KUNIT_EXPECT_FALSE(test, test_ext_in_head(to));
	KUNIT_EXPECT_EQ(test, refcount_read(&to->extensions->refcnt), 1);
	kfree_skb(from);
	KUNIT_EXPECT_TRUE(test, skb_ext_exist(to, SKB_EXT_MPTCP));
	kfree_skb(to);
}
#endif /* CONFIG_SKB_EXT_IN_HEAD */

static struct kunit_case skb_ext_design_cases[] = {
	KUNIT_CASE(design_name_follows_the_build_switch),
	KUNIT_CASE(reused_block_starts_empty),
	KUNIT_CASE(fail_nth_fails_the_first_block),
	KUNIT_CASE(fail_nth_fails_the_copy_of_a_shared_block),
	KUNIT_CASE(drop_slab_leaves_blocks_in_use),
#ifdef CONFIG_SKB_EXT_CACHE
	KUNIT_CASE(cache_reuses_the_last_freed_block),
	KUNIT_CASE(cache_serves_the_copy_on_write),
	KUNIT_CASE(cache_kept_block_holds_no_state),
	KUNIT_CASE(cache_keeps_one_block),
#endif
#ifdef CONFIG_SKB_EXT_IN_HEAD
	KUNIT_CASE(in_head_first_block_is_in_the_head),
	KUNIT_CASE(in_head_clone_moves_the_block_and_stales_old_pointers),
	KUNIT_CASE(in_head_cloned_skb_takes_a_slab_block),
	KUNIT_CASE(in_head_copy_on_write_lands_in_the_head),
	KUNIT_CASE(in_head_stolen_head_leaves_the_block),
	KUNIT_CASE(in_head_move_to_another_skb_leaves_the_head),
#endif
	{}
};

static struct kunit_suite skb_ext_design_suite = {
	.name = "skb_ext_design",
	.test_cases = skb_ext_design_cases,
};
kunit_test_suite(skb_ext_design_suite);
