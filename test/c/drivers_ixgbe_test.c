// SPDX-License-Identifier: GPL-2.0-only
/* ixgbe's IPsec offload: SA tables, the Rx hook and the Tx path (6.1). */
#include <linux/errno.h>
#include <linux/skbuff.h>
#include <linux/fault-inject.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <net/xfrm.h>
#include <trace/events/skb.h>
#include <skbext/adapter.h>
#include "kunit.h"
#include "test_util.h"
#include "../../csrc/drivers/net/ethernet/intel/ixgbe/ixgbe.h"

static const struct skbext_rx_desc ixgbe_esp4 = {
	.status_error = IXGBE_RXDADV_STAT_SECP,
	.pkt_info = IXGBE_RXDADV_PKTTYPE_IPV4 | IXGBE_RXDADV_PKTTYPE_IPSEC_ESP,
};

static u64 ctr(struct kunit *test, struct skbext_adapter *a, const char *name)
{
	u64 v = ~0ULL;

	KUNIT_EXPECT_EQ(test, skbext_adapter_counter(a, name, &v), 0);
	return v;
}

static void ixgbe_rx_sa_add_fills_sa_and_ip_tables(struct kunit *test)
{
	struct skbext_adapter *a = skbext_adapter_create(SKBEXT_DRV_IXGBE);
	struct xfrm_state *x1, *x2;
	struct ixgbe_adapter *ad;
	struct ixgbe_ipsec *ipsec;

	KUNIT_ASSERT_NOT_NULL(test, a);
	ad = skbext_adapter_priv(a);
	ipsec = ad->ipsec;
	x1 = test_gcm_state_new(XFRM_DEV_OFFLOAD_IN, AF_INET, TEST_SPI);
	x2 = test_gcm_state_new(XFRM_DEV_OFFLOAD_IN, AF_INET, TEST_SPI + 1);
	KUNIT_ASSERT_NOT_NULL(test, x1);
	KUNIT_ASSERT_NOT_NULL(test, x2);

	KUNIT_EXPECT_FALSE(test, ad->hw.ipsec_engine_on);
	KUNIT_ASSERT_EQ(test, skbext_adapter_state_add(a, x1), 0);
	KUNIT_ASSERT_EQ(test, skbext_adapter_state_add(a, x2), 0);
	KUNIT_EXPECT_PTR_EQ(test, x1->xso.dev, skbext_adapter_netdev(a));
	KUNIT_EXPECT_EQ(test, x1->xso.type, XFRM_DEV_OFFLOAD_CRYPTO);
	KUNIT_EXPECT_EQ(test, x1->xso.offload_handle, IXGBE_IPSEC_BASE_RX_INDEX);
	KUNIT_EXPECT_EQ(test, x2->xso.offload_handle, IXGBE_IPSEC_BASE_RX_INDEX + 1);
	KUNIT_EXPECT_EQ(test, ipsec->num_rx_sa, 2);
	KUNIT_EXPECT_PTR_EQ(test, ipsec->rx_tbl[0].xs, x1);
	KUNIT_EXPECT_EQ(test, ipsec->rx_tbl[0].mode,
			IXGBE_RXMOD_VALID | IXGBE_RXMOD_PROTO_ESP |
			IXGBE_RXMOD_DECRYPT);
	/* one address, shared by both SAs */
	KUNIT_EXPECT_EQ(test, ipsec->ip_tbl[0].ref_cnt, 2);
	KUNIT_EXPECT_EQ(test, ipsec->rx_tbl[1].iptbl_ind, 0);
	KUNIT_EXPECT_EQ(test, ipsec->ip_tbl[0].ipaddr[3], x1->id.daddr.a4);
	KUNIT_EXPECT_EQ(test, ad->hw.rx_sa[1].spi, x2->id.spi);
	KUNIT_EXPECT_EQ(test, ad->hw.rx_sa[0].salt, 0xa4a3a2a1);
	KUNIT_EXPECT_TRUE(test, ad->hw.ipsec_engine_on);
	/* the table holds no reference: only the state table's */
	KUNIT_EXPECT_EQ(test, refcount_read(&x1->refcnt), 1);
	KUNIT_EXPECT_EQ(test, ctr(test, a, "num_rx_sa"), 2);

	KUNIT_EXPECT_EQ(test, skbext_adapter_state_delete(a, x1), 0);
	KUNIT_EXPECT_NULL(test, x1->xso.dev);
	KUNIT_EXPECT_EQ(test, ipsec->ip_tbl[0].ref_cnt, 1);
	KUNIT_EXPECT_FALSE(test, ipsec->rx_tbl[0].used);
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_delete(a, x1), -EINVAL);
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_delete(a, x2), 0);
	KUNIT_EXPECT_FALSE(test, ipsec->ip_tbl[0].used);
	KUNIT_EXPECT_EQ(test, ipsec->num_rx_sa, 0);
	KUNIT_EXPECT_FALSE(test, ad->hw.ipsec_engine_on);
	xfrm_state_delete(x1);
	xfrm_state_delete(x2);
	skbext_adapter_destroy(a);
}

static void ixgbe_tx_sa_add_uses_the_tx_base_index(struct kunit *test)
{
	struct skbext_adapter *a = skbext_adapter_create(SKBEXT_DRV_IXGBE);
	struct xfrm_state *x = test_gcm_state_new(XFRM_DEV_OFFLOAD_OUT, AF_INET6,
						  TEST_SPI);
	struct ixgbe_adapter *ad;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, x);
	ad = skbext_adapter_priv(a);
	KUNIT_ASSERT_EQ(test, skbext_adapter_state_add(a, x), 0);
	KUNIT_EXPECT_EQ(test, x->xso.offload_handle, IXGBE_IPSEC_BASE_TX_INDEX);
	KUNIT_EXPECT_EQ(test, ad->ipsec->num_tx_sa, 1);
	KUNIT_EXPECT_TRUE(test, ad->ipsec->tx_tbl[0].encrypt);
	KUNIT_EXPECT_EQ(test, ad->hw.tx_sa[0].key[3], 0x04030201);
	KUNIT_EXPECT_EQ(test, skbext_adapter_rx_handle(a, x), -EINVAL);
	xfrm_state_delete(x);	/* the stack's delete reaches the driver */
	KUNIT_EXPECT_EQ(test, ad->ipsec->num_tx_sa, 0);
	skbext_adapter_destroy(a);
}

static void ixgbe_sa_add_refuses_what_the_hardware_cannot_do(struct kunit *test)
{
	struct skbext_adapter *a = skbext_adapter_create(SKBEXT_DRV_IXGBE);
	struct xfrm_state *x = test_gcm_state_new(XFRM_DEV_OFFLOAD_IN, AF_INET,
						  TEST_SPI);
	static const u8 key[16];

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, x);

	x->id.proto = IPPROTO_COMP;
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_add(a, x), -EINVAL);
	KUNIT_EXPECT_NULL(test, x->xso.dev);
	x->id.proto = IPPROTO_ESP;
	x->props.mode = XFRM_MODE_TUNNEL;
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_add(a, x), -EINVAL);
	x->props.mode = XFRM_MODE_TRANSPORT;
	KUNIT_ASSERT_EQ(test, skbext_state_set_aead(x, "rfc4106(gcm(aes))",
						    key, 128, 96), 0);
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_add(a, x), -EINVAL);
	KUNIT_ASSERT_EQ(test, skbext_state_set_aead(x, "rfc4543(gcm(aes))",
						    key, 128, 128), 0);
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_add(a, x), -EINVAL);
	/* 128 bits: a key without salt is taken, with salt 0 */
	KUNIT_ASSERT_EQ(test, skbext_state_set_aead(x, "rfc4106(gcm(aes))",
						    key, 128, 128), 0);
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_add(a, x), 0);
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_delete(a, x), 0);

	/* SR-IOV in VEB mode: Tx offload is not supported, the state stays soft */
	x->xso.dir = XFRM_DEV_OFFLOAD_OUT;
	KUNIT_EXPECT_EQ(test, skbext_adapter_set_knob(a, SKBEXT_KNOB_IXGBE_NUM_VFS, 2), 0);
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_add(a, x), 0);
	KUNIT_EXPECT_NULL(test, x->xso.dev);
	KUNIT_EXPECT_EQ(test, skbext_adapter_set_knob(a, SKBEXT_KNOB_IXGBE_BRIDGE_VEPA, 1), 0);
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_add(a, x), 0);
	KUNIT_EXPECT_PTR_EQ(test, x->xso.dev, skbext_adapter_netdev(a));
	KUNIT_EXPECT_EQ(test, skbext_adapter_set_knob(a, SKBEXT_KNOB_MLX5_ESN_CAP, 1), -EINVAL);

	xfrm_state_delete(x);
	skbext_adapter_destroy(a);
}

static void ixgbe_sa_add_refuses_a_bmc_address(struct kunit *test)
{
	struct skbext_adapter *a = skbext_adapter_create(SKBEXT_DRV_IXGBE);
	struct xfrm_state *x = test_gcm_state_new(XFRM_DEV_OFFLOAD_IN, AF_INET,
						  TEST_SPI);
	struct ixgbe_adapter *ad;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, x);
	ad = skbext_adapter_priv(a);
	ad->hw.bmcipval = 0x2;		/* BMCIP_V4 */
	ad->hw.bmcip[3] = x->id.daddr.a4;
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_add(a, x), -EINVAL);
	KUNIT_EXPECT_EQ(test, ad->ipsec->num_rx_sa, 0);
	xfrm_state_delete(x);
	skbext_adapter_destroy(a);
}

static void ixgbe_rx_table_full_answers_enospc(struct kunit *test)
{
	struct skbext_adapter *a = skbext_adapter_create(SKBEXT_DRV_IXGBE);
	struct xfrm_state *x = test_gcm_state_new(XFRM_DEV_OFFLOAD_IN, AF_INET,
						  TEST_SPI);
	struct ixgbe_adapter *ad;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, x);
	ad = skbext_adapter_priv(a);
	ad->ipsec->num_rx_sa = IXGBE_IPSEC_MAX_SA_COUNT;
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_add(a, x), -ENOSPC);
	ad->ipsec->num_rx_sa = 0;
	xfrm_state_delete(x);
	skbext_adapter_destroy(a);
}

static void ixgbe_rx_offloads_esp_over_ipv4(struct kunit *test)
{
	struct skbext_adapter *a = skbext_adapter_create(SKBEXT_DRV_IXGBE);
	struct xfrm_state *x = test_gcm_state_new(XFRM_DEV_OFFLOAD_IN, AF_INET,
						  TEST_SPI);
	struct xfrm_offload *xo;
	struct sec_path *sp;
	struct sk_buff *skb;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, x);
	KUNIT_ASSERT_EQ(test, skbext_adapter_state_add(a, x), 0);
	skb = test_ipsec_skb(AF_INET, TEST_SPI, IPPROTO_ESP);
	KUNIT_ASSERT_NOT_NULL(test, skb);

	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 1);
	KUNIT_EXPECT_EQ(test, skbext_adapter_rx(a, skb, &ixgbe_esp4),
			SKBEXT_RX_OFFLOADED);
	sp = skb_sec_path(skb);
	KUNIT_ASSERT_NOT_NULL(test, sp);
	KUNIT_EXPECT_EQ(test, sp->len, 1);
	KUNIT_EXPECT_EQ(test, sp->olen, 1);
	KUNIT_EXPECT_PTR_EQ(test, sp->xvec[0], x);
	xo = xfrm_offload(skb);
	KUNIT_ASSERT_NOT_NULL(test, xo);
	KUNIT_EXPECT_EQ(test, xo->flags, CRYPTO_DONE);
	KUNIT_EXPECT_EQ(test, xo->status, CRYPTO_SUCCESS);
	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 2);
	KUNIT_EXPECT_EQ(test, ctr(test, a, "rx_ipsec"), 1);

	kfree_skb(skb);
	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 1);
	xfrm_state_delete(x);
	skbext_adapter_destroy(a);
}

static void ixgbe_rx_offloads_esp_over_ipv6(struct kunit *test)
{
	struct skbext_adapter *a = skbext_adapter_create(SKBEXT_DRV_IXGBE);
	struct xfrm_state *x = test_gcm_state_new(XFRM_DEV_OFFLOAD_IN, AF_INET6,
						  TEST_SPI);
	struct skbext_rx_desc d = {
		.status_error = IXGBE_RXDADV_STAT_SECP,
		.pkt_info = IXGBE_RXDADV_PKTTYPE_IPV6 | IXGBE_RXDADV_PKTTYPE_IPSEC_ESP,
	};
	struct sk_buff *skb;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, x);
	KUNIT_ASSERT_EQ(test, skbext_adapter_state_add(a, x), 0);
	KUNIT_EXPECT_EQ(test, ((struct ixgbe_adapter *)skbext_adapter_priv(a))->
			ipsec->rx_tbl[0].mode & IXGBE_RXMOD_IPV6, IXGBE_RXMOD_IPV6);
	skb = test_ipsec_skb(AF_INET6, TEST_SPI, IPPROTO_ESP);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_EQ(test, skbext_adapter_rx(a, skb, &d), SKBEXT_RX_OFFLOADED);
	KUNIT_EXPECT_PTR_EQ(test, skb_sec_path(skb)->xvec[0], x);
	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 2);
	/* an IPv4 descriptor reads the wrong header: no SA found */
	kfree_skb(skb);
	skb = test_ipsec_skb(AF_INET6, TEST_SPI, IPPROTO_ESP);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_EQ(test, skbext_adapter_rx(a, skb, &ixgbe_esp4), SKBEXT_RX_PASSED);
	KUNIT_EXPECT_FALSE(test, secpath_exists(skb));
	kfree_skb(skb);
	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 1);
	xfrm_state_delete(x);
	skbext_adapter_destroy(a);
}

static void ixgbe_rx_offloads_ah(struct kunit *test)
{
	struct skbext_adapter *a = skbext_adapter_create(SKBEXT_DRV_IXGBE);
	struct xfrm_state *x = test_gcm_state_new(XFRM_DEV_OFFLOAD_IN, AF_INET,
						  TEST_SPI);
	struct skbext_rx_desc d = {
		.status_error = IXGBE_RXDADV_STAT_SECP,
		.pkt_info = IXGBE_RXDADV_PKTTYPE_IPV4 | IXGBE_RXDADV_PKTTYPE_IPSEC_AH,
	};
	struct sk_buff *skb;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, x);
	x->id.proto = IPPROTO_AH;
	KUNIT_ASSERT_EQ(test, skbext_adapter_state_add(a, x), 0);
	skb = test_ipsec_skb(AF_INET, TEST_SPI, IPPROTO_AH);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	/* ESP descriptor on an AH state: proto differs, nothing found */
	KUNIT_EXPECT_EQ(test, skbext_adapter_rx(a, skb, &ixgbe_esp4), SKBEXT_RX_PASSED);
	KUNIT_EXPECT_EQ(test, skbext_adapter_rx(a, skb, &d), SKBEXT_RX_OFFLOADED);
	KUNIT_EXPECT_EQ(test, ctr(test, a, "rx_ipsec"), 1);
	kfree_skb(skb);
	xfrm_state_delete(x);
	skbext_adapter_destroy(a);
}

static void ixgbe_rx_leaves_frames_it_cannot_offload(struct kunit *test)
{
	struct skbext_adapter *a = skbext_adapter_create(SKBEXT_DRV_IXGBE);
	struct xfrm_state *x = test_gcm_state_new(XFRM_DEV_OFFLOAD_IN, AF_INET,
						  TEST_SPI);
	struct skbext_rx_desc d = ixgbe_esp4;
	struct sk_buff *skb;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, x);
	KUNIT_ASSERT_EQ(test, skbext_adapter_state_add(a, x), 0);
	skb = test_ipsec_skb(AF_INET, TEST_SPI, IPPROTO_ESP);
	KUNIT_ASSERT_NOT_NULL(test, skb);

	d.status_error = 0;	/* no SECP: the hook is not called */
	KUNIT_EXPECT_EQ(test, skbext_adapter_rx(a, skb, &d), SKBEXT_RX_NOT_IPSEC);
	d = ixgbe_esp4;
	d.pkt_info = IXGBE_RXDADV_PKTTYPE_IPV4;	/* neither ESP nor AH */
	KUNIT_EXPECT_EQ(test, skbext_adapter_rx(a, skb, &d), SKBEXT_RX_PASSED);
	d.pkt_info = IXGBE_RXDADV_PKTTYPE_IPSEC_ESP;	/* no IP type */
	KUNIT_EXPECT_EQ(test, skbext_adapter_rx(a, skb, &d), SKBEXT_RX_PASSED);
	kfree_skb(skb);

	skb = test_ipsec_skb(AF_INET, TEST_SPI + 5, IPPROTO_ESP);	/* no SA */
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_EQ(test, skbext_adapter_rx(a, skb, &ixgbe_esp4), SKBEXT_RX_PASSED);
	KUNIT_EXPECT_FALSE(test, secpath_exists(skb));
	kfree_skb(skb);

	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 1);
	KUNIT_EXPECT_EQ(test, ctr(test, a, "rx_ipsec"), 0);
	xfrm_state_delete(x);
	skbext_adapter_destroy(a);
}

static void ixgbe_rx_secpath_failure_leaks_the_lookup_reference(struct kunit *test)
{
	struct skbext_adapter *a = skbext_adapter_create(SKBEXT_DRV_IXGBE);
	struct xfrm_state *x = test_gcm_state_new(XFRM_DEV_OFFLOAD_IN, AF_INET,
						  TEST_SPI);
	struct sk_buff *skb;
	long live;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, x);
	KUNIT_ASSERT_EQ(test, skbext_adapter_state_add(a, x), 0);
	skb = test_ipsec_skb(AF_INET, TEST_SPI, IPPROTO_ESP);
	KUNIT_ASSERT_NOT_NULL(test, skb);

	live = slab_live_objects();
	fail_nth_set(1);	/* the extension block */
	KUNIT_EXPECT_EQ(test, skbext_adapter_rx(a, skb, &ixgbe_esp4), SKBEXT_RX_PASSED);
	fail_nth_set(0);
	KUNIT_EXPECT_EQ(test, skb->active_extensions, 0);
	KUNIT_EXPECT_EQ(test, slab_live_objects(), live);
	KUNIT_EXPECT_EQ(test, ctr(test, a, "rx_ipsec"), 0);
	/* 6.1 returns without xfrm_state_put(): one reference too many */
	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 2);
	xfrm_state_put(x);

	kfree_skb(skb);
	xfrm_state_delete(x);
	skbext_adapter_destroy(a);
}

static void ixgbe_rx_refuses_frames_too_short_or_carrying_states(struct kunit *test)
{
	struct skbext_adapter *a = skbext_adapter_create(SKBEXT_DRV_IXGBE);
	struct xfrm_state *x = test_state_new();
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_ASSERT_NOT_NULL(test, x);
	skb_put(skb, ETH_HLEN + 10);
	KUNIT_EXPECT_EQ(test, skbext_adapter_rx(a, skb, &ixgbe_esp4), -EINVAL);
	KUNIT_EXPECT_EQ(test, skbext_adapter_rx(a, skb, NULL), -EINVAL);
	KUNIT_EXPECT_EQ(test, skbext_adapter_rx(NULL, skb, &ixgbe_esp4), -EINVAL);
	kfree_skb(skb);

	skb = test_ipsec_skb(AF_INET, TEST_SPI, IPPROTO_ESP);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_ASSERT_EQ(test, xfrm_input_push_state(skb, x), 0);
	KUNIT_EXPECT_EQ(test, skbext_adapter_rx(a, skb, &ixgbe_esp4), -EINVAL);
	KUNIT_EXPECT_EQ(test, skb_sec_path(skb)->len, 1);
	kfree_skb(skb);
	xfrm_state_delete(x);
	skbext_adapter_destroy(a);
}

static void ixgbe_tx_sends_an_offloaded_frame(struct kunit *test)
{
	struct skbext_adapter *a = skbext_adapter_create(SKBEXT_DRV_IXGBE);
	struct xfrm_state *x = test_gcm_state_new(XFRM_DEV_OFFLOAD_OUT, AF_INET,
						  TEST_SPI);
	struct skb_trace_counters t0, t1;
	enum skbext_tx_verdict v;
	struct sk_buff *skb;
	unsigned int len;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, x);
	KUNIT_ASSERT_EQ(test, skbext_adapter_state_add(a, x), 0);
	skb = test_ipsec_skb(AF_INET, TEST_SPI, IPPROTO_ESP);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_ASSERT_EQ(test, skbext_esp_prepare_tx(skb, x, IPPROTO_TCP), 0);
	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 2);
	KUNIT_EXPECT_EQ(test, skbext_adapter_offload_ok(a, skb, x), 1);
	len = skb->len;

	skb_trace_read(&t0);
	KUNIT_EXPECT_EQ(test, skbext_adapter_xmit(a, skb, &v), NETDEV_TX_OK);
	skb_trace_read(&t1);
	KUNIT_EXPECT_EQ(test, v, SKBEXT_TX_SENT);
	KUNIT_EXPECT_EQ(test, t1.consume_skb - t0.consume_skb, 1);
	KUNIT_EXPECT_EQ(test, t1.kfree_skb - t0.kfree_skb, 0);
	KUNIT_EXPECT_EQ(test, ctr(test, a, "tx_ipsec"), 1);
	KUNIT_EXPECT_EQ(test, ctr(test, a, "tx_packets"), 1);
	KUNIT_EXPECT_EQ(test, ctr(test, a, "tx_bytes"), len);
	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 1);
	xfrm_state_delete(x);
	skbext_adapter_destroy(a);
}

static void ixgbe_tx_drops_a_frame_whose_state_has_no_tx_slot(struct kunit *test)
{
	struct skbext_adapter *a = skbext_adapter_create(SKBEXT_DRV_IXGBE);
	struct xfrm_state *rx = test_gcm_state_new(XFRM_DEV_OFFLOAD_IN, AF_INET,
						   TEST_SPI);
	struct xfrm_state *tx0 = test_gcm_state_new(XFRM_DEV_OFFLOAD_OUT, AF_INET,
						    TEST_SPI + 1);
	struct xfrm_state *tx1 = test_gcm_state_new(XFRM_DEV_OFFLOAD_OUT, AF_INET,
						    TEST_SPI + 2);
	struct skb_trace_counters t0, t1;
	enum skbext_tx_verdict v;
	struct sk_buff *skb;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, rx);
	KUNIT_ASSERT_NOT_NULL(test, tx0);
	KUNIT_ASSERT_NOT_NULL(test, tx1);
	KUNIT_ASSERT_EQ(test, skbext_adapter_state_add(a, rx), 0);
	KUNIT_ASSERT_EQ(test, skbext_adapter_state_add(a, tx0), 0);
	KUNIT_ASSERT_EQ(test, skbext_adapter_state_add(a, tx1), 0);

	/* an Rx handle: handle - 1024 wraps in u16, "bad sa_idx" */
	skb = test_ipsec_skb(AF_INET, TEST_SPI, IPPROTO_ESP);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_ASSERT_EQ(test, skbext_esp_prepare_tx(skb, rx, IPPROTO_TCP), 0);
	skb_trace_read(&t0);
	KUNIT_EXPECT_EQ(test, skbext_adapter_xmit(a, skb, &v), NETDEV_TX_OK);
	skb_trace_read(&t1);
	KUNIT_EXPECT_EQ(test, v, SKBEXT_TX_DROPPED);
	KUNIT_EXPECT_EQ(test, t1.kfree_skb - t0.kfree_skb, 1);
	KUNIT_EXPECT_EQ(test, refcount_read(&rx->refcnt), 1);

	/* deleted by the stack: the slot is free but the handle remains */
	xfrm_state_hold(tx0);
	xfrm_state_delete(tx0);
	skb = test_ipsec_skb(AF_INET, TEST_SPI + 1, IPPROTO_ESP);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_ASSERT_EQ(test, skbext_esp_prepare_tx(skb, tx0, IPPROTO_TCP), 0);
	KUNIT_EXPECT_EQ(test, skbext_adapter_xmit(a, skb, &v), NETDEV_TX_OK);
	KUNIT_EXPECT_EQ(test, v, SKBEXT_TX_DROPPED);
	KUNIT_EXPECT_EQ(test, refcount_read(&tx0->refcnt), 1);
	xfrm_state_put(tx0);

	KUNIT_EXPECT_EQ(test, ctr(test, a, "tx_ipsec"), 0);
	KUNIT_EXPECT_EQ(test, ctr(test, a, "tx_packets"), 0);
	xfrm_state_delete(rx);
	xfrm_state_delete(tx1);
	skbext_adapter_destroy(a);
}

static void ixgbe_tx_drops_when_the_trailer_cannot_be_read(struct kunit *test)
{
	struct skbext_adapter *a = skbext_adapter_create(SKBEXT_DRV_IXGBE);
	struct xfrm_state *x = test_gcm_state_new(XFRM_DEV_OFFLOAD_OUT, AF_INET,
						  TEST_SPI);
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);
	enum skbext_tx_verdict v;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, x);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_ASSERT_EQ(test, skbext_adapter_state_add(a, x), 0);
	skb_put(skb, 10);	/* shorter than ICV + 2 */
	KUNIT_ASSERT_EQ(test, skbext_esp_prepare_tx(skb, x, IPPROTO_TCP), 0);
	KUNIT_EXPECT_EQ(test, skbext_adapter_xmit(a, skb, &v), NETDEV_TX_OK);
	KUNIT_EXPECT_EQ(test, v, SKBEXT_TX_DROPPED);
	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 1);
	xfrm_state_delete(x);
	skbext_adapter_destroy(a);
}

static void ixgbe_tx_skips_the_hook_without_xfrm_offload(struct kunit *test)
{
	struct skbext_adapter *a = skbext_adapter_create(SKBEXT_DRV_IXGBE);
	struct xfrm_state *x = test_state_new();
	enum skbext_tx_verdict v;
	struct sk_buff *skb;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, x);
	skb = test_ipsec_skb(AF_INET, TEST_SPI, IPPROTO_ESP);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	/* a software state: sec_path exists, olen is 0 */
	KUNIT_ASSERT_EQ(test, xfrm_input_push_state(skb, x), 0);
	KUNIT_EXPECT_EQ(test, skbext_adapter_xmit(a, skb, &v), NETDEV_TX_OK);
	KUNIT_EXPECT_EQ(test, v, SKBEXT_TX_SENT);
	KUNIT_EXPECT_EQ(test, ctr(test, a, "tx_ipsec"), 0);
	KUNIT_EXPECT_EQ(test, ctr(test, a, "tx_packets"), 1);
	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 1);
	xfrm_state_delete(x);
	skbext_adapter_destroy(a);
}

static void ixgbe_destroy_detaches_the_states_left(struct kunit *test)
{
	struct skbext_adapter *a = skbext_adapter_create(SKBEXT_DRV_IXGBE);
	struct xfrm_state *x = test_gcm_state_new(XFRM_DEV_OFFLOAD_IN, AF_INET,
						  TEST_SPI);
	struct xfrm_state *y = test_gcm_state_new(XFRM_DEV_OFFLOAD_OUT, AF_INET,
						  TEST_SPI);

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, x);
	KUNIT_ASSERT_NOT_NULL(test, y);
	KUNIT_ASSERT_EQ(test, skbext_adapter_state_add(a, x), 0);
	KUNIT_ASSERT_EQ(test, skbext_adapter_state_add(a, y), 0);
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_add(a, x), -EINVAL);
	skbext_adapter_destroy(a);
	KUNIT_EXPECT_NULL(test, x->xso.dev);
	KUNIT_EXPECT_NULL(test, y->xso.real_dev);
	KUNIT_EXPECT_EQ(test, y->xso.offload_handle, 0);
	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 1);
	xfrm_state_delete(x);
	xfrm_state_delete(y);
}

static void ixgbe_rx_ip_entries_are_shared_and_the_lowest_free_reused(struct kunit *test)
{
	struct skbext_adapter *a = skbext_adapter_create(SKBEXT_DRV_IXGBE);
	struct xfrm_state *x[4];
	struct ixgbe_adapter *ad;
	struct ixgbe_ipsec *ipsec;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, a);
	ad = skbext_adapter_priv(a);
	ipsec = ad->ipsec;
	for (i = 0; i < 4; i++) {
		x[i] = test_gcm_state_new(XFRM_DEV_OFFLOAD_IN, AF_INET,
					  TEST_SPI + i);
		KUNIT_ASSERT_NOT_NULL(test, x[i]);
	}
	/* x0 and x3 to 10.0.0.2, x1 to 10.0.0.3, x2 to 10.0.0.4 */
	x[1]->id.daddr.a4 = cpu_to_be32(TEST_V4_DADDR + 1);
	x[2]->id.daddr.a4 = cpu_to_be32(TEST_V4_DADDR + 2);

	KUNIT_ASSERT_EQ(test, skbext_adapter_state_add(a, x[0]), 0);
	KUNIT_ASSERT_EQ(test, skbext_adapter_state_add(a, x[1]), 0);
	KUNIT_EXPECT_EQ(test, ipsec->rx_tbl[1].iptbl_ind, 1);
	KUNIT_EXPECT_EQ(test, ad->hw.rx_sa[1].ip_idx, 1);
	KUNIT_EXPECT_EQ(test, ad->hw.rx_ip[1][3], x[1]->id.daddr.a4);

	/* the last SA on an address frees its entry, in the table and the hw */
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_delete(a, x[0]), 0);
	KUNIT_EXPECT_FALSE(test, ipsec->ip_tbl[0].used);
	KUNIT_EXPECT_EQ(test, ad->hw.rx_ip[0][3], 0);
	KUNIT_EXPECT_TRUE(test, ad->hw.ipsec_engine_on);

	/* a new address takes the lowest free entry, in the lowest free slot */
	KUNIT_ASSERT_EQ(test, skbext_adapter_state_add(a, x[2]), 0);
	KUNIT_EXPECT_EQ(test, x[2]->xso.offload_handle, 0);
	KUNIT_EXPECT_EQ(test, ipsec->rx_tbl[0].iptbl_ind, 0);
	KUNIT_EXPECT_EQ(test, ipsec->ip_tbl[0].ipaddr[3], x[2]->id.daddr.a4);

	/* an address already there is shared, whatever entry it sits in */
	x[3]->id.daddr.a4 = x[1]->id.daddr.a4;
	KUNIT_ASSERT_EQ(test, skbext_adapter_state_add(a, x[3]), 0);
	KUNIT_EXPECT_EQ(test, ipsec->rx_tbl[2].iptbl_ind, 1);
	KUNIT_EXPECT_EQ(test, ipsec->ip_tbl[1].ref_cnt, 2);

	for (i = 0; i < 4; i++)
		xfrm_state_delete(x[i]);
	KUNIT_EXPECT_EQ(test, ipsec->num_rx_sa, 0);
	KUNIT_EXPECT_FALSE(test, ipsec->ip_tbl[1].used);
	KUNIT_EXPECT_FALSE(test, ad->hw.ipsec_engine_on);
	skbext_adapter_destroy(a);
}

static void ixgbe_ah_sa_counts_as_esp_by_the_bit_test(struct kunit *test)
{
	struct skbext_adapter *a = skbext_adapter_create(SKBEXT_DRV_IXGBE);
	struct xfrm_state *rx = test_gcm_state_new(XFRM_DEV_OFFLOAD_IN, AF_INET,
						   TEST_SPI);
	struct xfrm_state *tx = test_gcm_state_new(XFRM_DEV_OFFLOAD_OUT, AF_INET,
						   TEST_SPI);
	struct ixgbe_adapter *ad;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, rx);
	KUNIT_ASSERT_NOT_NULL(test, tx);
	ad = skbext_adapter_priv(a);
	/* IPPROTO_AH (51) & IPPROTO_ESP (50) is non-zero: 6.1 marks it ESP */
	rx->id.proto = IPPROTO_AH;
	tx->id.proto = IPPROTO_AH;
	KUNIT_ASSERT_EQ(test, skbext_adapter_state_add(a, rx), 0);
	KUNIT_ASSERT_EQ(test, skbext_adapter_state_add(a, tx), 0);
	KUNIT_EXPECT_EQ(test, ad->ipsec->rx_tbl[0].mode,
			IXGBE_RXMOD_VALID | IXGBE_RXMOD_PROTO_ESP |
			IXGBE_RXMOD_DECRYPT);
	KUNIT_EXPECT_EQ(test, ad->hw.rx_sa[0].mode, ad->ipsec->rx_tbl[0].mode);
	KUNIT_EXPECT_TRUE(test, ad->ipsec->tx_tbl[0].encrypt);
	xfrm_state_delete(rx);
	xfrm_state_delete(tx);
	skbext_adapter_destroy(a);
}

static void ixgbe_sa_add_refuses_a_bmc_ipv6_filter_address(struct kunit *test)
{
	struct skbext_adapter *a = skbext_adapter_create(SKBEXT_DRV_IXGBE);
	struct xfrm_state *x = test_gcm_state_new(XFRM_DEV_OFFLOAD_IN, AF_INET6,
						  TEST_SPI);
	struct ixgbe_adapter *ad;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, x);
	ad = skbext_adapter_priv(a);
	/* IPv6 filter 3 (MFVAL bit 27) in MIPAF row 3 */
	memcpy(ad->hw.mipaf[3], x->id.daddr.a6, sizeof(ad->hw.mipaf[3]));
	ad->hw.mfval = BIT(27);
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_add(a, x), -EINVAL);
	/* with the IPv4 filters on (MANC bit 24), row 3 is theirs */
	ad->hw.manc = BIT(24);
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_add(a, x), 0);
	KUNIT_EXPECT_EQ(test, ad->ipsec->num_rx_sa, 1);
	xfrm_state_delete(x);
	skbext_adapter_destroy(a);
}

static struct kunit_case drivers_ixgbe_cases[] = {
	KUNIT_CASE(ixgbe_rx_sa_add_fills_sa_and_ip_tables),
	KUNIT_CASE(ixgbe_tx_sa_add_uses_the_tx_base_index),
	KUNIT_CASE(ixgbe_sa_add_refuses_what_the_hardware_cannot_do),
	KUNIT_CASE(ixgbe_sa_add_refuses_a_bmc_address),
	KUNIT_CASE(ixgbe_rx_table_full_answers_enospc),
	KUNIT_CASE(ixgbe_rx_offloads_esp_over_ipv4),
	KUNIT_CASE(ixgbe_rx_offloads_esp_over_ipv6),
	KUNIT_CASE(ixgbe_rx_offloads_ah),
	KUNIT_CASE(ixgbe_rx_leaves_frames_it_cannot_offload),
	KUNIT_CASE(ixgbe_rx_secpath_failure_leaks_the_lookup_reference),
	KUNIT_CASE(ixgbe_rx_refuses_frames_too_short_or_carrying_states),
	KUNIT_CASE(ixgbe_tx_sends_an_offloaded_frame),
	KUNIT_CASE(ixgbe_tx_drops_a_frame_whose_state_has_no_tx_slot),
	KUNIT_CASE(ixgbe_tx_drops_when_the_trailer_cannot_be_read),
	KUNIT_CASE(ixgbe_tx_skips_the_hook_without_xfrm_offload),
	KUNIT_CASE(ixgbe_destroy_detaches_the_states_left),
	KUNIT_CASE(ixgbe_rx_ip_entries_are_shared_and_the_lowest_free_reused),
	KUNIT_CASE(ixgbe_ah_sa_counts_as_esp_by_the_bit_test),
	KUNIT_CASE(ixgbe_sa_add_refuses_a_bmc_ipv6_filter_address),
	{}
};

static struct kunit_suite drivers_ixgbe_suite = {
	.name = "drivers_ixgbe",
	.test_cases = drivers_ixgbe_cases,
};
kunit_test_suite(drivers_ixgbe_suite);
