// SPDX-License-Identifier: GPL-2.0-only
/* ixgbevf IPsec offload: SAs through the PF mailbox, Rx and Tx (6.1). */
#include <linux/errno.h>
#include <linux/skbuff.h>
#include <linux/fault-inject.h>
#include <net/xfrm.h>
#include <trace/events/skb.h>
#include <skbext/adapter.h>
#include "kunit.h"
#include "test_util.h"
#include "../../csrc/drivers/net/ethernet/intel/ixgbevf/ixgbevf.h"

static const struct skbext_rx_desc vf_esp4 = {
	.status_error = IXGBE_RXDADV_STAT_SECP,
	.pkt_info = IXGBE_RXDADV_PKTTYPE_IPV4 | IXGBE_RXDADV_PKTTYPE_IPSEC_ESP,
};

static u64 ctr(struct kunit *test, struct skbext_adapter *a, const char *name)
{
	u64 v = ~0ULL;

	KUNIT_EXPECT_EQ(test, skbext_adapter_counter(a, name, &v), 0);
	return v;
}

static void ixgbevf_sa_add_and_delete_go_through_the_mailbox(struct kunit *test)
{
	struct skbext_adapter *a = skbext_adapter_create(SKBEXT_DRV_IXGBEVF);
	struct xfrm_state *rx = test_gcm_state_new(XFRM_DEV_OFFLOAD_IN, AF_INET,
						   TEST_SPI);
	struct xfrm_state *tx = test_gcm_state_new(XFRM_DEV_OFFLOAD_OUT, AF_INET,
						   TEST_SPI);
	struct ixgbevf_adapter *ad;
	struct ixgbevf_mbx_msg *m;
	struct sa_mbx_msg *sam;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, rx);
	KUNIT_ASSERT_NOT_NULL(test, tx);
	ad = skbext_adapter_priv(a);
	KUNIT_EXPECT_TRUE(test, skbext_adapter_netdev(a)->features & NETIF_F_HW_ESP);

	KUNIT_ASSERT_EQ(test, skbext_adapter_state_add(a, rx), 0);
	KUNIT_EXPECT_EQ(test, ad->hw.mbx.writes, 1);
	m = &ad->hw.mbx.log[0];
	KUNIT_EXPECT_EQ(test, m->msg[0], IXGBE_VF_IPSEC_ADD);
	KUNIT_EXPECT_EQ(test, m->size, IXGBE_VFMAILBOX_SIZE);
	sam = (struct sa_mbx_msg *)&m->msg[1];
	KUNIT_EXPECT_EQ(test, sam->spi, rx->id.spi);
	KUNIT_EXPECT_EQ(test, sam->dir, XFRM_DEV_OFFLOAD_IN);
	KUNIT_EXPECT_EQ(test, sam->family, AF_INET);
	KUNIT_EXPECT_EQ(test, sam->addr[0], rx->id.daddr.a4);
	KUNIT_EXPECT_EQ(test, rx->xso.offload_handle, 0);
	KUNIT_EXPECT_EQ(test, ad->ipsec->rx_tbl[0].pfsa, 0);

	KUNIT_ASSERT_EQ(test, skbext_adapter_state_add(a, tx), 0);
	KUNIT_EXPECT_EQ(test, tx->xso.offload_handle, IXGBE_IPSEC_BASE_TX_INDEX);
	KUNIT_EXPECT_EQ(test, ad->ipsec->tx_tbl[0].pfsa, IXGBE_IPSEC_BASE_TX_INDEX);
	KUNIT_EXPECT_EQ(test, ctr(test, a, "num_tx_sa"), 1);

	KUNIT_EXPECT_EQ(test, skbext_adapter_state_delete(a, tx), 0);
	m = &ad->hw.mbx.log[2];
	KUNIT_EXPECT_EQ(test, m->msg[0], IXGBE_VF_IPSEC_DEL);
	KUNIT_EXPECT_EQ(test, m->msg[1], IXGBE_IPSEC_BASE_TX_INDEX);
	KUNIT_EXPECT_EQ(test, ctr(test, a, "mbx_writes"), 3);
	KUNIT_EXPECT_EQ(test, ctr(test, a, "num_tx_sa"), 0);
	xfrm_state_delete(rx);
	KUNIT_EXPECT_EQ(test, ctr(test, a, "num_rx_sa"), 0);
	xfrm_state_delete(tx);
	skbext_adapter_destroy(a);
}

static void ixgbevf_sa_add_answers_what_the_pf_answers(struct kunit *test)
{
	struct skbext_adapter *a = skbext_adapter_create(SKBEXT_DRV_IXGBEVF);
	struct xfrm_state *x = test_gcm_state_new(XFRM_DEV_OFFLOAD_IN, AF_INET,
						  TEST_SPI);
	static const u8 key[16];

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, x);
	KUNIT_EXPECT_EQ(test, skbext_adapter_set_knob(a, SKBEXT_KNOB_IXGBEVF_PF_NACK, 1), 0);
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_add(a, x), -1);
	KUNIT_EXPECT_NULL(test, x->xso.dev);
	KUNIT_EXPECT_EQ(test, skbext_adapter_set_knob(a, SKBEXT_KNOB_IXGBEVF_PF_NACK, 0), 0);
	KUNIT_EXPECT_EQ(test, skbext_adapter_set_knob(a, SKBEXT_KNOB_IXGBEVF_MBX_FAIL, 1), 0);
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_add(a, x), IXGBE_ERR_MBX);
	KUNIT_EXPECT_EQ(test, skbext_adapter_set_knob(a, SKBEXT_KNOB_IXGBEVF_MBX_FAIL, 0), 0);
	/* a PF without IPsec: -EOPNOTSUPP, which leaves the state in software */
	KUNIT_EXPECT_EQ(test, skbext_adapter_set_knob(a, SKBEXT_KNOB_IXGBEVF_PF_IPSEC, 0), 0);
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_add(a, x), 0);
	KUNIT_EXPECT_NULL(test, x->xso.dev);
	KUNIT_EXPECT_EQ(test, skbext_adapter_set_knob(a, SKBEXT_KNOB_IXGBEVF_PF_IPSEC, 1), 0);
	/* the VF refuses a 128-bit key that ixgbe takes */
	KUNIT_ASSERT_EQ(test, skbext_state_set_aead(x, "rfc4106(gcm(aes))", key,
						    128, 128), 0);
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_add(a, x), -EINVAL);
	KUNIT_EXPECT_EQ(test, ctr(test, a, "num_rx_sa"), 0);
	KUNIT_EXPECT_EQ(test, skbext_adapter_set_knob(a, SKBEXT_KNOB_IXGBE_NUM_VFS, 1), -EINVAL);
	xfrm_state_delete(x);
	skbext_adapter_destroy(a);
}

static void ixgbevf_rx_offloads_and_survives_secpath_failure(struct kunit *test)
{
	struct skbext_adapter *a = skbext_adapter_create(SKBEXT_DRV_IXGBEVF);
	struct xfrm_state *x = test_gcm_state_new(XFRM_DEV_OFFLOAD_IN, AF_INET,
						  TEST_SPI);
	struct sk_buff *skb;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, x);
	KUNIT_ASSERT_EQ(test, skbext_adapter_state_add(a, x), 0);
	skb = test_ipsec_skb(AF_INET, TEST_SPI, IPPROTO_ESP);
	KUNIT_ASSERT_NOT_NULL(test, skb);

	fail_nth_set(1);
	KUNIT_EXPECT_EQ(test, skbext_adapter_rx(a, skb, &vf_esp4), SKBEXT_RX_PASSED);
	fail_nth_set(0);
	KUNIT_EXPECT_EQ(test, skb->active_extensions, 0);
	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 2);	/* 6.1's leak */
	xfrm_state_put(x);

	KUNIT_EXPECT_EQ(test, skbext_adapter_rx(a, skb, &vf_esp4), SKBEXT_RX_OFFLOADED);
	KUNIT_EXPECT_EQ(test, xfrm_offload(skb)->flags, CRYPTO_DONE);
	KUNIT_EXPECT_EQ(test, xfrm_offload(skb)->status, CRYPTO_SUCCESS);
	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 2);
	KUNIT_EXPECT_EQ(test, ctr(test, a, "rx_ipsec"), 1);
	kfree_skb(skb);
	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 1);
	xfrm_state_delete(x);
	skbext_adapter_destroy(a);
}

static void ixgbevf_tx_sends_with_its_sa_and_drops_without(struct kunit *test)
{
	struct skbext_adapter *a = skbext_adapter_create(SKBEXT_DRV_IXGBEVF);
	struct xfrm_state *x = test_gcm_state_new(XFRM_DEV_OFFLOAD_OUT, AF_INET,
						  TEST_SPI);
	struct xfrm_state *rx = test_gcm_state_new(XFRM_DEV_OFFLOAD_IN, AF_INET,
						   TEST_SPI);
	enum skbext_tx_verdict v;
	struct sk_buff *skb;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, x);
	KUNIT_ASSERT_NOT_NULL(test, rx);
	KUNIT_ASSERT_EQ(test, skbext_adapter_state_add(a, x), 0);
	KUNIT_ASSERT_EQ(test, skbext_adapter_state_add(a, rx), 0);

	skb = test_ipsec_skb(AF_INET, TEST_SPI, IPPROTO_ESP);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_ASSERT_EQ(test, skbext_esp_prepare_tx(skb, x, IPPROTO_UDP), 0);
	KUNIT_EXPECT_EQ(test, skbext_adapter_xmit(a, skb, &v), NETDEV_TX_OK);
	KUNIT_EXPECT_EQ(test, v, SKBEXT_TX_SENT);
	KUNIT_EXPECT_EQ(test, ctr(test, a, "tx_ipsec"), 1);

	skb = test_ipsec_skb(AF_INET, TEST_SPI, IPPROTO_ESP);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_ASSERT_EQ(test, skbext_esp_prepare_tx(skb, rx, IPPROTO_UDP), 0);
	KUNIT_EXPECT_EQ(test, skbext_adapter_xmit(a, skb, &v), NETDEV_TX_OK);
	KUNIT_EXPECT_EQ(test, v, SKBEXT_TX_DROPPED);
	KUNIT_EXPECT_EQ(test, ctr(test, a, "tx_packets"), 1);
	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 1);
	KUNIT_EXPECT_EQ(test, refcount_read(&rx->refcnt), 1);
	xfrm_state_delete(x);
	xfrm_state_delete(rx);
	skbext_adapter_destroy(a);
}

/*
 * A frame decrypted in software on receive and forwarded: its sec_path
 * holds the state with olen 0. 6.1 tests xfrm_offload(), so the IPsec
 * step is skipped and the frame goes out plain; before "ixgbevf: Fix
 * secpath usage for IPsec Tx offload" it found no Tx SA and was dropped.
 */
static void ixgbevf_tx_sends_a_forwarded_frame_without_its_hook(struct kunit *test)
{
	struct skbext_adapter *a = skbext_adapter_create(SKBEXT_DRV_IXGBEVF);
	struct xfrm_state *x = test_state_new();
	struct skb_trace_counters t0, t1;
	enum skbext_tx_verdict v;
	struct sk_buff *skb;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, x);
	skb = test_ipsec_skb(AF_INET, TEST_SPI, IPPROTO_ESP);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_ASSERT_EQ(test, xfrm_input_push_state(skb, x), 0);
	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 2);
	KUNIT_EXPECT_FALSE(test, xfrm_offload(skb) != NULL);
	skb_trace_read(&t0);
	KUNIT_EXPECT_EQ(test, skbext_adapter_xmit(a, skb, &v), NETDEV_TX_OK);
	skb_trace_read(&t1);
	KUNIT_EXPECT_EQ(test, v, SKBEXT_TX_SENT);
	KUNIT_EXPECT_EQ(test, t1.consume_skb - t0.consume_skb, 1);
	KUNIT_EXPECT_EQ(test, t1.kfree_skb - t0.kfree_skb, 0);
	KUNIT_EXPECT_EQ(test, ctr(test, a, "tx_ipsec"), 0);
	KUNIT_EXPECT_EQ(test, ctr(test, a, "tx_packets"), 1);
	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 1);
	xfrm_state_delete(x);
	skbext_adapter_destroy(a);
}

static void ixgbevf_salt_comes_only_with_a_key_longer_than_160_bits(struct kunit *test)
{
	struct skbext_adapter *a = skbext_adapter_create(SKBEXT_DRV_IXGBEVF);
	struct xfrm_state *x = test_gcm_state_new(XFRM_DEV_OFFLOAD_IN, AF_INET,
						  TEST_SPI);
	struct xfrm_state *y = test_gcm_state_new(XFRM_DEV_OFFLOAD_OUT, AF_INET,
						  TEST_SPI);
	static const u8 key[24] = {
		1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
		0xa1, 0xa2, 0xa3, 0xa4, 0xb1, 0xb2, 0xb3, 0xb4,
	};
	struct ixgbevf_adapter *ad;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, x);
	KUNIT_ASSERT_NOT_NULL(test, y);
	ad = skbext_adapter_priv(a);
	/* 160 bits, key and salt: the VF reads it as a key with salt 0 */
	KUNIT_ASSERT_EQ(test, skbext_adapter_state_add(a, x), 0);
	KUNIT_EXPECT_EQ(test, ad->ipsec->rx_tbl[0].salt, 0);
	KUNIT_EXPECT_EQ(test, ad->ipsec->rx_tbl[0].key[0], 0x04030201);
	KUNIT_ASSERT_EQ(test, skbext_state_set_aead(y, "rfc4106(gcm(aes))", key,
						    192, 128), 0);
	KUNIT_ASSERT_EQ(test, skbext_adapter_state_add(a, y), 0);
	KUNIT_EXPECT_EQ(test, ad->ipsec->tx_tbl[0].salt, 0xa4a3a2a1);
	KUNIT_EXPECT_TRUE(test, ad->ipsec->tx_tbl[0].encrypt);
	xfrm_state_delete(x);
	xfrm_state_delete(y);
	skbext_adapter_destroy(a);
}

static void ixgbevf_sa_delete_without_pf_ipsec_keeps_the_entry(struct kunit *test)
{
	struct skbext_adapter *a = skbext_adapter_create(SKBEXT_DRV_IXGBEVF);
	struct xfrm_state *x = test_gcm_state_new(XFRM_DEV_OFFLOAD_IN, AF_INET,
						  TEST_SPI);
	struct ixgbevf_adapter *ad;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, x);
	ad = skbext_adapter_priv(a);
	KUNIT_ASSERT_EQ(test, skbext_adapter_state_add(a, x), 0);
	KUNIT_EXPECT_EQ(test, skbext_adapter_set_knob(a, SKBEXT_KNOB_IXGBEVF_PF_IPSEC, 0), 0);
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_delete(a, x), 0);
	/* no mailbox message, and the VF's table is left as it was */
	KUNIT_EXPECT_EQ(test, ad->hw.mbx.writes, 1);
	KUNIT_EXPECT_TRUE(test, ad->ipsec->rx_tbl[0].used);
	KUNIT_EXPECT_EQ(test, ctr(test, a, "num_rx_sa"), 1);
	xfrm_state_delete(x);
	skbext_adapter_destroy(a);
}

static struct kunit_case drivers_ixgbevf_cases[] = {
	KUNIT_CASE(ixgbevf_sa_add_and_delete_go_through_the_mailbox),
	KUNIT_CASE(ixgbevf_sa_add_answers_what_the_pf_answers),
	KUNIT_CASE(ixgbevf_rx_offloads_and_survives_secpath_failure),
	KUNIT_CASE(ixgbevf_tx_sends_with_its_sa_and_drops_without),
	KUNIT_CASE(ixgbevf_tx_sends_a_forwarded_frame_without_its_hook),
	KUNIT_CASE(ixgbevf_salt_comes_only_with_a_key_longer_than_160_bits),
	KUNIT_CASE(ixgbevf_sa_delete_without_pf_ipsec_keeps_the_entry),
	{}
};

static struct kunit_suite drivers_ixgbevf_suite = {
	.name = "drivers_ixgbevf",
	.test_cases = drivers_ixgbevf_cases,
};
kunit_test_suite(drivers_ixgbevf_suite);
