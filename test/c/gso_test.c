// SPDX-License-Identifier: GPL-2.0-only
/*
 * Page frags, GSO segmentation, IPv4 fragmentation and ESP offload
 * transmit: the bytes each piece gets, the references it holds on pages
 * and on the extension block, and every allocation failure on the way.
 */
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/if_ether.h>
#include <linux/mm.h>
#include <linux/skbuff.h>
#include <net/esp.h>
#include <net/ip.h>
#include <net/xfrm.h>
#include <net/netfilter/br_netfilter.h>
#include "kunit.h"
#include "test_util.h"

#define HDR_LEN		(ETH_HLEN + 20 + 20)
#define FEATURES	(NETIF_F_SG | NETIF_F_HW_CSUM | NETIF_F_HW_ESP | \
			 NETIF_F_HW_ESP_TX_CSUM)

/* Payload byte i of every test packet. */
static u8 pay(unsigned int i)
{
	return (u8)(i * 7 + 1);
}

/*
 * A TCP/IPv4 GSO packet: @linear payload bytes in the head, then @nfrags
 * frags of @fsize bytes (each on its own page, at offset 8), data at the
 * payload. NULL when an allocation fails (nothing left behind).
 */
static struct sk_buff *gso_skb(unsigned int linear, unsigned int nfrags,
			       unsigned int fsize, unsigned int mss)
{
	struct sk_buff *skb = alloc_skb(2 + HDR_LEN + linear, GFP_ATOMIC);
	struct iphdr *iph;
	unsigned int i, k;
	u8 *p;

	if (!skb)
		return NULL;
	/* NET_IP_ALIGN: the IP header after Ethernet on a 4-byte boundary */
	skb_reserve(skb, 2);
	p = skb_put(skb, HDR_LEN + linear);
	memset(p, 0, HDR_LEN);
	p[12] = 0x08;
	iph = (struct iphdr *)(p + ETH_HLEN);
	iph->version = 4;
	iph->ihl = 5;
	for (i = 0; i < linear; i++)
		p[HDR_LEN + i] = pay(i);
	skb_reset_mac_header(skb);
	skb_set_network_header(skb, ETH_HLEN);
	skb_set_transport_header(skb, ETH_HLEN + 20);
	skb->protocol = htons(ETH_P_IP);
	__skb_pull(skb, HDR_LEN);

	for (k = 0; k < nfrags; k++) {
		struct page *page = alloc_page(GFP_ATOMIC);

		if (!page) {
			kfree_skb(skb);
			return NULL;
		}
		p = page_address(page);
		for (i = 0; i < fsize; i++)
			p[8 + i] = pay(linear + k * fsize + i);
		skb_fill_page_desc(skb, k, page, 8, fsize);
		skb->len += fsize;
		skb->data_len += fsize;
		skb->truesize += PAGE_SIZE;
	}
	skb_shinfo(skb)->gso_size = mss;
	skb_shinfo(skb)->gso_type = SKB_GSO_TCPV4;
	skb_shinfo(skb)->gso_segs = DIV_ROUND_UP(skb->len, mss);
	return skb;
}

/* Whether @skb holds payload bytes [from, from + len) after @hdr header bytes. */
static bool holds_payload(const struct sk_buff *skb, unsigned int hdr,
			  unsigned int from, unsigned int len)
{
	static u8 buf[8192];
	unsigned int i;

	if (skb->len != hdr + len || skb_copy_bits(skb, 0, buf, skb->len))
		return false;
	for (i = 0; i < len; i++)
		if (buf[hdr + i] != pay(from + i))
			return false;
	return true;
}

static unsigned int list_len(const struct sk_buff *segs)
{
	unsigned int n = 0;

	for (; segs; segs = segs->next)
		n++;
	return n;
}

static void page_get_put_count_references(struct kunit *test)
{
	struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);

	KUNIT_ASSERT_NOT_NULL(test, page);
	KUNIT_EXPECT_EQ(test, page_ref_count(page), 1);
	KUNIT_EXPECT_EQ(test, ((u8 *)page_address(page))[PAGE_SIZE - 1], 0);
	get_page(page);
	KUNIT_EXPECT_EQ(test, page_ref_count(page), 2);
	put_page(page);
	KUNIT_EXPECT_EQ(test, test_cache_live("pages"), 1);
	put_page(page);
	KUNIT_EXPECT_EQ(test, test_cache_live("pages"), 0);
}

static void alloc_page_failure_answers_null(struct kunit *test)
{
	fail_nth_set(1);
	KUNIT_EXPECT_NULL(test, alloc_page(GFP_ATOMIC));
	KUNIT_EXPECT_EQ(test, test_cache_live("pages"), 0);
}

static void clone_shares_frags_and_last_free_puts_pages(struct kunit *test)
{
	struct sk_buff *skb = gso_skb(0, 2, 100, 64), *clone;
	struct page *page;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	page = skb_frag_page(&skb_shinfo(skb)->frags[1]);
	clone = skb_clone(skb, GFP_ATOMIC);
	KUNIT_ASSERT_NOT_NULL(test, clone);
	/* one shinfo, so one reference per page */
	KUNIT_EXPECT_EQ(test, page_ref_count(page), 1);
	KUNIT_EXPECT_EQ(test, skb_shinfo(clone)->nr_frags, 2);
	kfree_skb(skb);
	KUNIT_EXPECT_EQ(test, test_cache_live("pages"), 2);
	KUNIT_EXPECT_TRUE(test, holds_payload(clone, 0, 0, 200));
	kfree_skb(clone);
	KUNIT_EXPECT_EQ(test, test_cache_live("pages"), 0);
}

static void pskb_copy_takes_a_reference_on_every_page(struct kunit *test)
{
	struct sk_buff *skb = gso_skb(40, 3, 64, 64), *copy;
	int f;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	copy = pskb_copy(skb, GFP_ATOMIC);
	KUNIT_ASSERT_NOT_NULL(test, copy);
	KUNIT_EXPECT_PTR_NE(test, copy->head, skb->head);
	KUNIT_EXPECT_EQ(test, skb_shinfo(copy)->nr_frags, 3);
	for (f = 0; f < 3; f++)
		KUNIT_EXPECT_EQ(test,
				page_ref_count(skb_frag_page(&skb_shinfo(skb)->frags[f])), 2);
	KUNIT_EXPECT_TRUE(test, holds_payload(copy, 0, 0, 40 + 3 * 64));
	kfree_skb(skb);
	KUNIT_EXPECT_TRUE(test, holds_payload(copy, 0, 0, 40 + 3 * 64));
	kfree_skb(copy);
}

static void skb_copy_linearises_the_frags(struct kunit *test)
{
	struct sk_buff *skb = gso_skb(10, 2, 300, 64), *copy;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	copy = skb_copy(skb, GFP_ATOMIC);
	KUNIT_ASSERT_NOT_NULL(test, copy);
	KUNIT_EXPECT_EQ(test, skb_shinfo(copy)->nr_frags, 0);
	KUNIT_EXPECT_EQ(test, copy->data_len, 0);
	KUNIT_EXPECT_EQ(test, skb_shinfo(copy)->gso_size, 64);
	KUNIT_EXPECT_TRUE(test, holds_payload(copy, 0, 0, 610));
	/* the headers before data came along too */
	KUNIT_EXPECT_EQ(test, skb_network_offset(copy), -40);
	kfree_skb(skb);
	kfree_skb(copy);
}

static void copy_bits_reads_across_head_and_frags(struct kunit *test)
{
	struct sk_buff *skb = gso_skb(5, 2, 7, 64);
	u8 buf[19];

	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_EQ(test, skb_copy_bits(skb, 3, buf, 10), 0);
	KUNIT_EXPECT_EQ(test, buf[0], pay(3));
	KUNIT_EXPECT_EQ(test, buf[9], pay(12));
	KUNIT_EXPECT_EQ(test, skb_copy_bits(skb, 10, buf, 10), -EFAULT);
	KUNIT_EXPECT_EQ(test, skb_copy_bits(skb, 0, buf, 19), 0);
	KUNIT_EXPECT_EQ(test, buf[18], pay(18));
	kfree_skb(skb);
}

static void segment_cuts_payload_by_mss_and_shares_the_block(struct kunit *test)
{
	struct sk_buff *skb = gso_skb(256, 3, 256, 256), *segs, *s;
	struct nf_bridge_info *nb;
	unsigned int k = 0;
	const unsigned int nfrags[] = { 0, 1, 1, 1 };

	KUNIT_ASSERT_NOT_NULL(test, skb);
	nb = nf_bridge_alloc(skb);
	KUNIT_ASSERT_NOT_NULL(test, nb);
	segs = skb_segment(skb, FEATURES);
	KUNIT_ASSERT_FALSE(test, IS_ERR(segs));
	KUNIT_EXPECT_EQ(test, list_len(segs), 4);
	KUNIT_EXPECT_PTR_EQ(test, segs->prev, segs->next->next->next);
	/* the head, pushed back to its mac header, and four segments */
	KUNIT_EXPECT_EQ(test, refcount_read(&skb->extensions->refcnt), 5);
	KUNIT_EXPECT_EQ(test, skb->len, HDR_LEN + 1024);
	for (s = segs; s; s = s->next, k++) {
		KUNIT_EXPECT_TRUE(test, holds_payload(s, HDR_LEN, k * 256, 256));
		KUNIT_EXPECT_EQ(test, skb_shinfo(s)->nr_frags, nfrags[k]);
		KUNIT_EXPECT_PTR_EQ(test, s->extensions, skb->extensions);
		KUNIT_EXPECT_EQ(test, s->active_extensions, skb->active_extensions);
		KUNIT_EXPECT_EQ(test, skb_shinfo(s)->gso_size, 0);
		KUNIT_EXPECT_EQ(test, s->mac_len, ETH_HLEN);
		KUNIT_EXPECT_EQ(test, skb_network_offset(s), ETH_HLEN);
	}
	/* segment 1 holds page 0 again */
	KUNIT_EXPECT_EQ(test,
			page_ref_count(skb_frag_page(&skb_shinfo(skb)->frags[0])), 2);
	kfree_skb_list(segs);
	KUNIT_EXPECT_EQ(test, refcount_read(&skb->extensions->refcnt), 1);
	kfree_skb(skb);
}

static void segment_splits_a_frag_between_segments(struct kunit *test)
{
	struct sk_buff *skb = gso_skb(30, 2, 100, 70), *segs, *s;
	const unsigned int nfrags[] = { 1, 2, 1, 1 };
	unsigned int k = 0;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	segs = skb_segment(skb, FEATURES);
	KUNIT_ASSERT_FALSE(test, IS_ERR(segs));
	KUNIT_EXPECT_EQ(test, list_len(segs), 4);
	for (s = segs; s; s = s->next, k++) {
		unsigned int len = k < 3 ? 70 : 20;

		KUNIT_EXPECT_TRUE(test, holds_payload(s, HDR_LEN, k * 70, len));
		KUNIT_EXPECT_EQ(test, skb_shinfo(s)->nr_frags, nfrags[k]);
		KUNIT_EXPECT_EQ(test, s->data_len, k ? len : 40);
	}
	/* page 0 is held by the head and segments 0 and 1 */
	KUNIT_EXPECT_EQ(test,
			page_ref_count(skb_frag_page(&skb_shinfo(skb)->frags[0])), 3);
	kfree_skb(skb);
	kfree_skb_list(segs);
}

static void segment_without_sg_copies_every_byte(struct kunit *test)
{
	struct sk_buff *skb = gso_skb(30, 2, 100, 100), *segs, *s;
	unsigned int k = 0;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	segs = skb_segment(skb, NETIF_F_HW_CSUM);
	KUNIT_ASSERT_FALSE(test, IS_ERR(segs));
	for (s = segs; s; s = s->next, k++) {
		KUNIT_EXPECT_EQ(test, skb_shinfo(s)->nr_frags, 0);
		KUNIT_EXPECT_TRUE(test, holds_payload(s, HDR_LEN, k * 100,
						      k < 2 ? 100 : 30));
	}
	KUNIT_EXPECT_EQ(test, k, 3);
	kfree_skb_list(segs);
	kfree_skb(skb);
}

static void segment_refuses_what_the_port_lacks(struct kunit *test)
{
	struct sk_buff *skb = gso_skb(100, 0, 0, 50);

	KUNIT_ASSERT_NOT_NULL(test, skb);
	/* no checksum offload: 6.1 sums in software, the port does not */
	KUNIT_EXPECT_EQ(test, PTR_ERR(skb_segment(skb, NETIF_F_SG)), -EOPNOTSUPP);
	/* data went back to the mac header all the same */
	KUNIT_EXPECT_EQ(test, skb->len, HDR_LEN + 100);
	skb->protocol = htons(ETH_P_8021Q);
	KUNIT_EXPECT_EQ(test, PTR_ERR(skb_segment(skb, FEATURES)), -EINVAL);
	kfree_skb(skb);
}

static void segment_warns_for_a_packet_without_payload(struct kunit *test)
{
	struct sk_buff *skb = gso_skb(0, 0, 0, 50);

	KUNIT_ASSERT_NOT_NULL(test, skb);
	/* 6.1 follows a NULL frag list here; the port refuses and warns */
	kunit_expect_warnings(test, 1);
	KUNIT_EXPECT_EQ(test, PTR_ERR(skb_segment(skb, FEATURES)), -EINVAL);
	KUNIT_EXPECT_EQ(test, skb->len, 0);
	kfree_skb(skb);
}

static void segment_fails_cleanly_at_each_allocation(struct kunit *test)
{
	unsigned int n;

	/* 3 segments, 2 allocations each; the 7th is past the last */
	for (n = 1; n <= 7; n++) {
		struct sk_buff *skb = gso_skb(64, 2, 100, 100), *segs;
		bool in_head;
		long live;

		KUNIT_ASSERT_NOT_NULL(test, skb);
		KUNIT_ASSERT_NOT_NULL(test, skb_ext_add(skb, SKB_EXT_BRIDGE_NF));
		live = slab_live_objects();
		in_head = test_ext_in_head(skb);
		fail_nth_set(n);
		segs = skb_segment(skb, FEATURES);
		/*
		 * in_head: a segment that got its header copied took skb's
		 * block out of the head to share it; it stays in the slab
		 */
		if (in_head && !test_ext_in_head(skb))
			live++;
		if (n <= 6) {
			KUNIT_EXPECT_EQ(test, PTR_ERR(segs), -ENOMEM);
			KUNIT_EXPECT_EQ(test, slab_live_objects(), live);
			KUNIT_EXPECT_EQ(test, refcount_read(&skb->extensions->refcnt), 1);
			KUNIT_EXPECT_EQ(test,
					page_ref_count(skb_frag_page(&skb_shinfo(skb)->frags[1])), 1);
		} else {
			KUNIT_EXPECT_FALSE(test, IS_ERR(segs));
			KUNIT_EXPECT_EQ(test, list_len(segs), 3);
			kfree_skb_list(segs);
			fail_nth_set(0);
		}
		kfree_skb(skb);
	}
}

/* An IPv4 datagram of @len payload bytes, data at its IP header. */
static struct sk_buff *datagram(unsigned int len)
{
	struct sk_buff *skb = gso_skb(len, 0, 0, 1000);

	if (skb)
		__skb_push(skb, 40);	/* back to the IP header */
	return skb;
}

static void frag_next_cuts_at_8_bytes_and_shares_the_block(struct kunit *test)
{
	struct sk_buff *skb = datagram(250), *f[4];
	struct ip_frag_state st;
	unsigned int k;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_ASSERT_NOT_NULL(test, nf_bridge_alloc(skb));
	skb->mark = 7;
	skb->priority = 3;
	/* the TCP header counts as payload: 270 bytes */
	ip_frag_init(skb, 20, 16, 100, false, &st);
	for (k = 0; k < 3; k++) {
		f[k] = ip_frag_next(skb, &st);
		KUNIT_ASSERT_FALSE(test, IS_ERR(f[k]));
		KUNIT_EXPECT_PTR_EQ(test, f[k]->extensions, skb->extensions);
		KUNIT_EXPECT_EQ(test, f[k]->mark, 7);
		KUNIT_EXPECT_EQ(test, f[k]->priority, 3);
		KUNIT_EXPECT_EQ(test, f[k]->protocol, htons(ETH_P_IP));
		KUNIT_EXPECT_EQ(test, skb_headroom(f[k]), 16);
	}
	KUNIT_EXPECT_EQ(test, f[0]->len, 20 + 96);
	KUNIT_EXPECT_EQ(test, f[1]->len, 20 + 96);
	KUNIT_EXPECT_EQ(test, f[2]->len, 20 + 78);
	KUNIT_EXPECT_EQ(test, ntohs(ip_hdr(f[0])->frag_off), IP_MF);
	KUNIT_EXPECT_EQ(test, ntohs(ip_hdr(f[1])->frag_off), IP_MF | 12);
	KUNIT_EXPECT_EQ(test, ntohs(ip_hdr(f[2])->frag_off), 24);
	KUNIT_EXPECT_EQ(test, ntohs(ip_hdr(f[2])->tot_len), 98);
	KUNIT_EXPECT_EQ(test, refcount_read(&skb->extensions->refcnt), 4);
	/* the last fragment's payload: datagram bytes 192.. of the payload */
	KUNIT_EXPECT_EQ(test, f[2]->data[20 + 78 - 1], pay(249));
	for (k = 0; k < 3; k++)
		kfree_skb(f[k]);
	kfree_skb(skb);
}

static void frag_next_reads_paged_data(struct kunit *test)
{
	struct sk_buff *skb = gso_skb(0, 2, 60, 1000), *f;
	struct ip_frag_state st;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	__skb_push(skb, 40);
	ip_frag_init(skb, 20, 0, 1000, true, &st);
	f = ip_frag_next(skb, &st);
	KUNIT_ASSERT_FALSE(test, IS_ERR(f));
	KUNIT_EXPECT_EQ(test, f->len, 20 + 20 + 120);
	KUNIT_EXPECT_EQ(test, ntohs(ip_hdr(f)->frag_off), IP_DF);
	KUNIT_EXPECT_EQ(test, f->data[40 + 119], pay(119));
	kfree_skb(f);
	kfree_skb(skb);
}

static void frag_next_fails_cleanly_at_each_allocation(struct kunit *test)
{
	struct sk_buff *skb = datagram(100), *f;
	struct ip_frag_state st;
	unsigned int n;
	long live;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_ASSERT_NOT_NULL(test, nf_bridge_alloc(skb));
	live = slab_live_objects();
	for (n = 1; n <= 2; n++) {
		ip_frag_init(skb, 20, 16, 64, false, &st);
		fail_nth_set(n);
		f = ip_frag_next(skb, &st);
		KUNIT_EXPECT_EQ(test, PTR_ERR(f), -ENOMEM);
		KUNIT_EXPECT_EQ(test, slab_live_objects(), live);
		KUNIT_EXPECT_EQ(test, refcount_read(&skb->extensions->refcnt), 1);
		/* nothing was taken from the datagram */
		KUNIT_EXPECT_EQ(test, st.left, 120);
	}
	kfree_skb(skb);
}

/* A GSO packet handed to an offloading device for state @x: its segments. */
static struct sk_buff *esp_segments(struct kunit *test, struct xfrm_state *x,
				    struct sk_buff **head)
{
	struct sk_buff *skb = gso_skb(0, 3, 100, 100), *segs;

	if (!skb)
		return NULL;
	if (xfrm_output_offload(skb, x))
		return NULL;
	KUNIT_EXPECT_TRUE(test, skb_shinfo(skb)->gso_type & SKB_GSO_ESP);
	segs = esp4_gso_segment(skb, FEATURES);
	if (IS_ERR(segs)) {
		kfree_skb(skb);
		return NULL;
	}
	*head = skb;
	return segs;
}

static void gso_segments_share_the_offload_state(struct kunit *test)
{
	struct xfrm_state *x = test_state_new();
	struct sk_buff *head, *segs, *s;

	KUNIT_ASSERT_NOT_NULL(test, x);
	segs = esp_segments(test, x, &head);
	KUNIT_ASSERT_NOT_NULL(test, segs);
	KUNIT_EXPECT_EQ(test, list_len(segs), 3);
	for (s = segs; s; s = s->next) {
		KUNIT_EXPECT_PTR_EQ(test, s->extensions, head->extensions);
		KUNIT_EXPECT_PTR_EQ(test, xfrm_offload(s), xfrm_offload(head));
	}
	KUNIT_EXPECT_TRUE(test, xfrm_offload(head)->flags & XFRM_GSO_SEGMENT);
	/* one block, so one reference on the state for all of them */
	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 2);
	kfree_skb_list(segs);
	kfree_skb(head);
	xfrm_state_delete(x);
}

static void esp_xmit_marks_only_its_own_segment(struct kunit *test)
{
	struct xfrm_state *x = test_state_new();
	struct sk_buff *head, *segs, *second;
	struct skb_ext *shared;

	KUNIT_ASSERT_NOT_NULL(test, x);
	segs = esp_segments(test, x, &head);
	KUNIT_ASSERT_NOT_NULL(test, segs);
	second = segs->next;
	shared = head->extensions;

	KUNIT_EXPECT_EQ(test, esp_xmit(x, segs, FEATURES), 0);
	KUNIT_EXPECT_PTR_NE(test, segs->extensions, shared);
	KUNIT_EXPECT_TRUE(test, xfrm_offload(segs)->flags & XFRM_XMIT);
	KUNIT_EXPECT_FALSE(test, xfrm_offload(second)->flags & XFRM_XMIT);
	KUNIT_EXPECT_FALSE(test, xfrm_offload(head)->flags & XFRM_XMIT);
	/* the shared counter moved on for the next segment */
	KUNIT_EXPECT_EQ(test, xfrm_offload(second)->seq.low, 1);
	KUNIT_EXPECT_EQ(test, refcount_read(&shared->refcnt), 3);
	/* the private copy holds the state too */
	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 3);

	KUNIT_EXPECT_EQ(test, esp_xmit(x, second, FEATURES), 0);
	KUNIT_EXPECT_TRUE(test, xfrm_offload(second)->flags & XFRM_XMIT);
	KUNIT_EXPECT_EQ(test, xfrm_offload(second)->seq.low, 2);
	kfree_skb_list(segs);
	kfree_skb(head);
	xfrm_state_delete(x);
}

static void esp_xmit_fails_cleanly_when_the_copy_fails(struct kunit *test)
{
	struct xfrm_state *x = test_state_new();
	struct sk_buff *head, *segs;
	struct skb_ext *shared;
	long live;

	KUNIT_ASSERT_NOT_NULL(test, x);
	segs = esp_segments(test, x, &head);
	KUNIT_ASSERT_NOT_NULL(test, segs);
	shared = head->extensions;
	live = slab_live_objects();
	fail_nth_set(1);
	KUNIT_EXPECT_EQ(test, esp_xmit(x, segs, FEATURES), -ENOMEM);
	KUNIT_EXPECT_PTR_EQ(test, segs->extensions, shared);
	KUNIT_EXPECT_FALSE(test, xfrm_offload(head)->flags & XFRM_XMIT);
	KUNIT_EXPECT_EQ(test, slab_live_objects(), live);
	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 2);
	kfree_skb_list(segs);
	kfree_skb(head);
	xfrm_state_delete(x);
}

static void validate_xmit_sends_a_marked_packet_untouched(struct kunit *test)
{
	struct xfrm_state *x = test_state_new();
	struct sk_buff *head, *segs, *clone;
	struct skb_ext *mine;
	bool again;

	KUNIT_ASSERT_NOT_NULL(test, x);
	segs = esp_segments(test, x, &head);
	KUNIT_ASSERT_NOT_NULL(test, segs);
	kfree_skb_list(segs->next);
	segs->next = NULL;

	KUNIT_EXPECT_PTR_EQ(test, validate_xmit_xfrm(segs, FEATURES, &again), segs);
	KUNIT_EXPECT_FALSE(test, again);
	KUNIT_EXPECT_TRUE(test, xfrm_offload(segs)->flags & XFRM_DEV_RESUME);
	mine = segs->extensions;
	clone = skb_clone(segs, GFP_ATOMIC);
	KUNIT_ASSERT_NOT_NULL(test, clone);
#ifdef CONFIG_SKB_EXT_IN_HEAD
	/* in_head: the clone took the block out of segs' head to share it */
	mine = segs->extensions;
#endif
	/* a second pass must not transform it (or copy its block) again */
	KUNIT_EXPECT_PTR_EQ(test, validate_xmit_xfrm(segs, FEATURES, &again), segs);
	KUNIT_EXPECT_PTR_EQ(test, segs->extensions, mine);
	KUNIT_EXPECT_EQ(test, refcount_read(&mine->refcnt), 2);
	kfree_skb(clone);
	kfree_skb(segs);
	kfree_skb(head);
	xfrm_state_delete(x);
}

static void validate_xmit_drops_the_packet_when_the_copy_fails(struct kunit *test)
{
	struct xfrm_state *x = test_state_new();
	struct sk_buff *head, *segs;
	bool again;

	KUNIT_ASSERT_NOT_NULL(test, x);
	segs = esp_segments(test, x, &head);
	KUNIT_ASSERT_NOT_NULL(test, segs);
	fail_nth_set(1);
	/* the whole list goes */
	KUNIT_EXPECT_NULL(test, validate_xmit_xfrm(segs, FEATURES, &again));
	KUNIT_EXPECT_EQ(test, refcount_read(&head->extensions->refcnt), 1);
	kfree_skb(head);
	xfrm_state_delete(x);
}

static void esp_gso_segment_wants_offload_state(struct kunit *test)
{
	struct sk_buff *skb = gso_skb(100, 0, 0, 50);

	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_EQ(test, PTR_ERR(esp4_gso_segment(skb, FEATURES)), -EINVAL);
	KUNIT_EXPECT_EQ(test, skb->len, 100);
	kfree_skb(skb);
}

static void output_offload_drops_the_packet_when_secpath_fails(struct kunit *test)
{
	struct xfrm_state *x = test_state_new();
	struct sk_buff *skb = gso_skb(100, 1, 100, 50);

	KUNIT_ASSERT_NOT_NULL(test, x);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	fail_nth_set(1);
	/* the packet is freed: the runner finds its pages gone too */
	KUNIT_EXPECT_EQ(test, xfrm_output_offload(skb, x), -ENOMEM);
	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 1);
	xfrm_state_delete(x);
}

static void output_offload_replaces_the_input_path(struct kunit *test)
{
	struct xfrm_state *in = test_state_new(), *out = test_state_new();
	struct sk_buff *skb = alloc_skb(64, GFP_ATOMIC);
	struct sec_path *sp;

	KUNIT_ASSERT_NOT_NULL(test, in);
	KUNIT_ASSERT_NOT_NULL(test, out);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_ASSERT_EQ(test, xfrm_input_push_state(skb, in), 0);
	KUNIT_ASSERT_EQ(test, xfrm_output_offload(skb, out), 0);
	sp = skb_sec_path(skb);
	KUNIT_EXPECT_EQ(test, sp->len, 1);
	KUNIT_EXPECT_EQ(test, sp->olen, 1);
	KUNIT_EXPECT_PTR_EQ(test, sp->xvec[0], out);
	KUNIT_EXPECT_EQ(test, xfrm_offload(skb)->flags, 0);
	KUNIT_EXPECT_EQ(test, refcount_read(&in->refcnt), 1);
	/* not GSO: no ESP segmentation mark */
	KUNIT_EXPECT_FALSE(test, skb_shinfo(skb)->gso_type & SKB_GSO_ESP);
	kfree_skb(skb);
	xfrm_state_delete(in);
	xfrm_state_delete(out);
}

static struct kunit_case gso_cases[] = {
	KUNIT_CASE(page_get_put_count_references),
	KUNIT_CASE(alloc_page_failure_answers_null),
	KUNIT_CASE(clone_shares_frags_and_last_free_puts_pages),
	KUNIT_CASE(pskb_copy_takes_a_reference_on_every_page),
	KUNIT_CASE(skb_copy_linearises_the_frags),
	KUNIT_CASE(copy_bits_reads_across_head_and_frags),
	KUNIT_CASE(segment_cuts_payload_by_mss_and_shares_the_block),
	KUNIT_CASE(segment_splits_a_frag_between_segments),
	KUNIT_CASE(segment_without_sg_copies_every_byte),
	KUNIT_CASE(segment_refuses_what_the_port_lacks),
	KUNIT_CASE(segment_warns_for_a_packet_without_payload),
	KUNIT_CASE(segment_fails_cleanly_at_each_allocation),
	KUNIT_CASE(frag_next_cuts_at_8_bytes_and_shares_the_block),
	KUNIT_CASE(frag_next_reads_paged_data),
	KUNIT_CASE(frag_next_fails_cleanly_at_each_allocation),
	KUNIT_CASE(gso_segments_share_the_offload_state),
	KUNIT_CASE(esp_xmit_marks_only_its_own_segment),
	KUNIT_CASE(esp_xmit_fails_cleanly_when_the_copy_fails),
	KUNIT_CASE(validate_xmit_sends_a_marked_packet_untouched),
	KUNIT_CASE(validate_xmit_drops_the_packet_when_the_copy_fails),
	KUNIT_CASE(esp_gso_segment_wants_offload_state),
	KUNIT_CASE(output_offload_drops_the_packet_when_secpath_fails),
	KUNIT_CASE(output_offload_replaces_the_input_path),
	{}
};

static struct kunit_suite gso_suite = {
	.name = "gso",
	.test_cases = gso_cases,
};
kunit_test_suite(gso_suite);
