// SPDX-License-Identifier: GPL-2.0-only
/* sk_buff allocation, data pointers, users, clones and the fclone pair. */
#include <linux/errno.h>
#include <linux/skbuff.h>
#include <skbext/slabinfo.h>
#include <trace/events/skb.h>
#include "kunit.h"

static unsigned long cache_allocs(const char *name)
{
	struct slabinfo info;

	return slabinfo_get(name, &info) ? info.allocs : 0;
}

static void alloc_skb_has_one_user_and_no_headroom(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(100, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_EQ(test, refcount_read(&skb->users), 1);
	KUNIT_EXPECT_EQ(test, skb_headroom(skb), 0);
	KUNIT_EXPECT_GE(test, skb_tailroom(skb), 100);
	KUNIT_EXPECT_EQ(test, skb->len, 0);
	KUNIT_EXPECT_EQ(test, skb->fclone, SKB_FCLONE_UNAVAILABLE);
	KUNIT_EXPECT_EQ(test, skb->active_extensions, 0);
	KUNIT_EXPECT_FALSE(test, skb_mac_header_was_set(skb));
	KUNIT_EXPECT_FALSE(test, skb_transport_header_was_set(skb));
	kfree_skb(skb);
}

static void alloc_skb_puts_shinfo_at_the_end(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(100, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, skb);
	/* 100 + 320 rounds to the 512 size class, all of it used */
	KUNIT_EXPECT_EQ(test, skb_end_offset(skb), 512 - 320);
	KUNIT_EXPECT_EQ(test, skb->truesize, SKB_TRUESIZE(512 - 320));
	KUNIT_EXPECT_EQ(test, atomic_read(&skb_shinfo(skb)->dataref), 1);
	KUNIT_EXPECT_EQ(test, skb_shinfo(skb)->nr_frags, 0);
	KUNIT_EXPECT_NULL(test, skb_shinfo(skb)->frag_list);
	kfree_skb(skb);
}

static void put_push_pull_reserve_move_data(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(128, GFP_KERNEL);
	unsigned char *p;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_reserve(skb, 32);
	KUNIT_EXPECT_EQ(test, skb_headroom(skb), 32);
	p = skb_put(skb, 10);
	KUNIT_EXPECT_PTR_EQ(test, p, skb->data);
	KUNIT_EXPECT_EQ(test, skb->len, 10);
	p = skb_push(skb, 14);
	KUNIT_EXPECT_PTR_EQ(test, p, skb->data);
	KUNIT_EXPECT_EQ(test, skb->len, 24);
	KUNIT_EXPECT_EQ(test, skb_headroom(skb), 18);
	KUNIT_EXPECT_NOT_NULL(test, skb_pull(skb, 14));
	KUNIT_EXPECT_EQ(test, skb->len, 10);
	KUNIT_EXPECT_NULL(test, skb_pull(skb, 11));
	KUNIT_EXPECT_EQ(test, skb->len, 10);
	kfree_skb(skb);
}

static void copy_bits_refuses_ranges_outside_the_buffer(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);
	char buf[8];

	KUNIT_ASSERT_NOT_NULL(test, skb);
	memcpy(skb_put(skb, 4), "abcd", 4);
	KUNIT_EXPECT_EQ(test, skb_copy_bits(skb, 1, buf, 3), 0);
	KUNIT_EXPECT_MEMEQ(test, buf, "bcd", 3);
	KUNIT_EXPECT_EQ(test, skb_copy_bits(skb, 2, buf, 3), -EFAULT);
	KUNIT_EXPECT_EQ(test, skb_copy_bits(skb, -1, buf, 1), -EFAULT);
	kfree_skb(skb);
}

static void skb_get_adds_a_user_that_kfree_drops(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_FALSE(test, skb_shared(skb));
	skb_get(skb);
	KUNIT_EXPECT_TRUE(test, skb_shared(skb));
	kfree_skb(skb);
	KUNIT_EXPECT_EQ(test, refcount_read(&skb->users), 1);
	consume_skb(skb);
}

static void kfree_skb_and_consume_skb_trace_differently(struct kunit *test)
{
	struct skb_trace_counters before, after;

	skb_trace_read(&before);
	kfree_skb(alloc_skb(64, GFP_KERNEL));
	consume_skb(alloc_skb(64, GFP_KERNEL));
	consume_skb(alloc_skb(64, GFP_KERNEL));
	kfree_skb(NULL);
	skb_trace_read(&after);
	KUNIT_EXPECT_EQ(test, after.kfree_skb - before.kfree_skb, 1);
	KUNIT_EXPECT_EQ(test, after.consume_skb - before.consume_skb, 2);
}

static void clone_shares_head_and_counts_dataref(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL), *clone;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_put(skb, 20);
	clone = skb_clone(skb, GFP_ATOMIC);
	KUNIT_ASSERT_NOT_NULL(test, clone);
	KUNIT_EXPECT_PTR_EQ(test, clone->head, skb->head);
	KUNIT_EXPECT_PTR_EQ(test, clone->data, skb->data);
	KUNIT_EXPECT_EQ(test, clone->len, 20);
	KUNIT_EXPECT_EQ(test, atomic_read(&skb_shinfo(skb)->dataref), 2);
	KUNIT_EXPECT_TRUE(test, skb_cloned(skb));
	KUNIT_EXPECT_TRUE(test, skb_cloned(clone));
	KUNIT_EXPECT_TRUE(test, skb_header_cloned(clone));
	KUNIT_EXPECT_EQ(test, refcount_read(&clone->users), 1);
	kfree_skb(skb);
	KUNIT_EXPECT_FALSE(test, skb_cloned(clone));
	kfree_skb(clone);
}

static void clone_of_clone_shares_the_same_head(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL), *c1, *c2;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	c1 = skb_clone(skb, GFP_ATOMIC);
	KUNIT_ASSERT_NOT_NULL(test, c1);
	c2 = skb_clone(c1, GFP_ATOMIC);
	KUNIT_ASSERT_NOT_NULL(test, c2);
	KUNIT_EXPECT_EQ(test, atomic_read(&skb_shinfo(skb)->dataref), 3);
	kfree_skb(c1);
	kfree_skb(skb);
	kfree_skb(c2);
}

static void fclone_original_hands_out_its_partner(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb_fclone(64, GFP_KERNEL), *clone;
	struct sk_buff_fclones *fc;
	unsigned long heads;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	fc = container_of(skb, struct sk_buff_fclones, skb1);
	KUNIT_EXPECT_EQ(test, skb->fclone, SKB_FCLONE_ORIG);
	KUNIT_EXPECT_EQ(test, refcount_read(&fc->fclone_ref), 1);
	heads = cache_allocs("skbuff_head_cache");
	clone = skb_clone(skb, GFP_ATOMIC);
	KUNIT_ASSERT_NOT_NULL(test, clone);
	KUNIT_EXPECT_PTR_EQ(test, clone, &fc->skb2);
	KUNIT_EXPECT_EQ(test, clone->fclone, SKB_FCLONE_CLONE);
	KUNIT_EXPECT_EQ(test, refcount_read(&fc->fclone_ref), 2);
	KUNIT_EXPECT_EQ(test, cache_allocs("skbuff_head_cache"), heads);
	kfree_skb(clone);
	KUNIT_EXPECT_EQ(test, refcount_read(&fc->fclone_ref), 1);
	kfree_skb(skb);
}

static void fclone_second_clone_takes_the_slow_path(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb_fclone(64, GFP_KERNEL), *c1, *c2;
	unsigned long heads;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	c1 = skb_clone(skb, GFP_ATOMIC);
	heads = cache_allocs("skbuff_head_cache");
	c2 = skb_clone(skb, GFP_ATOMIC);
	KUNIT_ASSERT_NOT_NULL(test, c1);
	KUNIT_ASSERT_NOT_NULL(test, c2);
	KUNIT_EXPECT_EQ(test, c2->fclone, SKB_FCLONE_UNAVAILABLE);
	KUNIT_EXPECT_EQ(test, cache_allocs("skbuff_head_cache"), heads + 1);
	kfree_skb(c2);
	kfree_skb(c1);
	kfree_skb(skb);
}

static void fclone_pair_freed_once_whatever_the_order(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb_fclone(64, GFP_KERNEL), *clone;
	struct slabinfo info;
	unsigned long frees;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	clone = skb_clone(skb, GFP_ATOMIC);
	KUNIT_ASSERT_NOT_NULL(test, clone);
	slabinfo_get("skbuff_fclone_cache", &info);
	frees = info.frees;
	kfree_skb(skb);		/* original first: the pair stays */
	slabinfo_get("skbuff_fclone_cache", &info);
	KUNIT_EXPECT_EQ(test, info.frees, frees);
	kfree_skb(clone);
	slabinfo_get("skbuff_fclone_cache", &info);
	KUNIT_EXPECT_EQ(test, info.frees, frees + 1);
}

static void fclone_partner_is_reused_after_it_is_freed(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb_fclone(64, GFP_KERNEL), *c1, *c2;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	c1 = skb_clone(skb, GFP_ATOMIC);
	KUNIT_ASSERT_NOT_NULL(test, c1);
	kfree_skb(c1);
	c2 = skb_clone(skb, GFP_ATOMIC);
	KUNIT_EXPECT_PTR_EQ(test, c2, c1);
	kfree_skb(c2);
	kfree_skb(skb);
}

static void fclone_busy_tells_the_partner_is_in_flight(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb_fclone(64, GFP_KERNEL), *clone;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_FALSE(test, skb_fclone_busy(NULL, skb));
	clone = skb_clone(skb, GFP_ATOMIC);
	KUNIT_EXPECT_TRUE(test, skb_fclone_busy(NULL, skb));
	kfree_skb(clone);
	kfree_skb(skb);
}

static void copy_has_private_data_and_same_headers(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL), *n;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_reserve(skb, 16);
	memcpy(skb_put(skb, 3), "xyz", 3);
	skb->mark = 42;
	skb->priority = 6;
	memcpy(skb->cb, "control", 7);
	n = skb_copy(skb, GFP_ATOMIC);
	KUNIT_ASSERT_NOT_NULL(test, n);
	KUNIT_EXPECT_EQ(test, skb_headroom(n), 16);
	KUNIT_EXPECT_MEMEQ(test, n->data, "xyz", 3);
	KUNIT_EXPECT_EQ(test, n->mark, 42);
	KUNIT_EXPECT_EQ(test, n->priority, 6);
	KUNIT_EXPECT_MEMEQ(test, n->cb, "control", 7);
	n->data[0] = 'X';
	KUNIT_EXPECT_EQ(test, skb->data[0], 'x');
	kfree_skb(n);
	kfree_skb(skb);
}

/*
 * 6.1 checks the reason with DEBUG_NET_WARN_ON_ONCE, compiled out in
 * Debian's config: an out-of-range reason frees without a warning (the
 * runner fails a case whose warnings it did not declare).
 */
static void kfree_skb_reason_out_of_range_does_not_warn(struct kunit *test)
{
	struct skb_trace_counters before, after;

	skb_trace_read(&before);
	kfree_skb_reason(alloc_skb(64, GFP_KERNEL), SKB_NOT_DROPPED_YET);
	kfree_skb_reason(alloc_skb(64, GFP_KERNEL), SKB_DROP_REASON_MAX);
	skb_trace_read(&after);
	KUNIT_EXPECT_EQ(test, after.kfree_skb - before.kfree_skb, 2);
}

/* The enum keeps 6.1's values, so a reason means the same in a trace. */
static void drop_reasons_have_6_1_values(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, SKB_DROP_REASON_NOT_SPECIFIED, 1);
	KUNIT_EXPECT_EQ(test, SKB_DROP_REASON_XFRM_POLICY, 13);
	KUNIT_EXPECT_EQ(test, SKB_DROP_REASON_NOMEM, 56);
	KUNIT_EXPECT_EQ(test, SKB_DROP_REASON_MAX, 66);
}

static struct kunit_case skbuff_cases[] = {
	KUNIT_CASE(kfree_skb_reason_out_of_range_does_not_warn),
	KUNIT_CASE(drop_reasons_have_6_1_values),
	KUNIT_CASE(alloc_skb_has_one_user_and_no_headroom),
	KUNIT_CASE(alloc_skb_puts_shinfo_at_the_end),
	KUNIT_CASE(put_push_pull_reserve_move_data),
	KUNIT_CASE(copy_bits_refuses_ranges_outside_the_buffer),
	KUNIT_CASE(skb_get_adds_a_user_that_kfree_drops),
	KUNIT_CASE(kfree_skb_and_consume_skb_trace_differently),
	KUNIT_CASE(clone_shares_head_and_counts_dataref),
	KUNIT_CASE(clone_of_clone_shares_the_same_head),
	KUNIT_CASE(fclone_original_hands_out_its_partner),
	KUNIT_CASE(fclone_second_clone_takes_the_slow_path),
	KUNIT_CASE(fclone_pair_freed_once_whatever_the_order),
	KUNIT_CASE(fclone_partner_is_reused_after_it_is_freed),
	KUNIT_CASE(fclone_busy_tells_the_partner_is_in_flight),
	KUNIT_CASE(copy_has_private_data_and_same_headers),
	{}
};

static struct kunit_suite skbuff_suite = {
	.name = "skbuff",
	.test_cases = skbuff_cases,
};
kunit_test_suite(skbuff_suite);
