// SPDX-License-Identifier: GPL-2.0-only
/* Chelsio ch_ipsec: SA entries and the ULD Tx handler's checks (6.1). */
#include <linux/errno.h>
#include <linux/skbuff.h>
#include <linux/pfkeyv2.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <net/ipv6.h>
#include <net/xfrm.h>
#include <trace/events/skb.h>
#include <skbext/adapter.h>
#include "kunit.h"
#include "test_util.h"
#include "../../csrc/drivers/net/ethernet/chelsio/inline_crypto/ch_ipsec/chcr_ipsec.h"

static u64 ctr(struct kunit *test, struct skbext_adapter *a, const char *name)
{
	u64 v = ~0ULL;

	KUNIT_EXPECT_EQ(test, skbext_adapter_counter(a, name, &v), 0);
	return v;
}

static void chelsio_sa_entry_lives_from_add_to_free(struct kunit *test)
{
	struct skbext_adapter *a = skbext_adapter_create(SKBEXT_DRV_CHELSIO);
	struct xfrm_state *x = test_gcm_state_new(XFRM_DEV_OFFLOAD_OUT, AF_INET6,
						  TEST_SPI);
	struct ipsec_sa_entry *sa;
	static const u8 key[20];

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, x);
	KUNIT_ASSERT_EQ(test, skbext_adapter_state_add(a, x), 0);
	sa = (struct ipsec_sa_entry *)x->xso.offload_handle;
	KUNIT_ASSERT_NOT_NULL(test, sa);
	KUNIT_EXPECT_EQ(test, sa->authsize, 16);
	KUNIT_EXPECT_EQ(test, sa->hmac_ctrl, CHCR_SCMD_HMAC_CTRL_NO_TRUNC);
	KUNIT_EXPECT_EQ(test, sa->enckey_len, 16);
	KUNIT_EXPECT_EQ(test, (u8)sa->salt[0], 0xa1);
	KUNIT_EXPECT_EQ(test, ctr(test, a, "sa_entries"), 1);
	/* delete leaves the entry; free takes it */
	xfrm_state_hold(x);
	xfrm_state_delete(x);
	KUNIT_EXPECT_EQ(test, ctr(test, a, "sa_entries"), 1);
	/* the last put queues x; xdo_dev_state_free runs in the GC work */
	xfrm_state_put(x);
	KUNIT_EXPECT_EQ(test, ctr(test, a, "sa_entries"), 1);
	flush_scheduled_work();
	KUNIT_EXPECT_EQ(test, ctr(test, a, "sa_entries"), 0);

	x = test_gcm_state_new(XFRM_DEV_OFFLOAD_OUT, AF_INET, TEST_SPI);
	KUNIT_ASSERT_NOT_NULL(test, x);
	KUNIT_ASSERT_EQ(test, skbext_state_set_aead(x, "rfc4106(gcm(aes))", key,
						    160, 96), 0);
	KUNIT_ASSERT_EQ(test, skbext_adapter_state_add(a, x), 0);
	KUNIT_EXPECT_EQ(test, ((struct ipsec_sa_entry *)x->xso.offload_handle)->hmac_ctrl,
			CHCR_SCMD_HMAC_CTRL_IPSEC_96BIT);
	skbext_adapter_destroy(a);	/* frees the entry, detaches x */
	KUNIT_EXPECT_EQ(test, x->xso.offload_handle, 0);
	xfrm_state_delete(x);
}

static void chelsio_refuses_states_it_cannot_offload(struct kunit *test)
{
	struct skbext_adapter *a = skbext_adapter_create(SKBEXT_DRV_CHELSIO);
	struct xfrm_state *x = test_gcm_state_new(XFRM_DEV_OFFLOAD_OUT, AF_INET,
						  TEST_SPI);
	static const u8 key[16];

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, x);
	x->id.proto = IPPROTO_AH;
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_add(a, x), -EINVAL);
	x->id.proto = IPPROTO_ESP;
	x->props.calgo = SADB_X_CALG_DEFLATE;
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_add(a, x), -EINVAL);
	x->props.calgo = SADB_X_CALG_NONE;
	x->geniv = NULL;
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_add(a, x), -EINVAL);
	KUNIT_ASSERT_EQ(test, skbext_state_set_aead(x, "rfc4106(gcm(aes))", key,
						    128, 128), 0);	/* no salt */
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_add(a, x), -EINVAL);
	KUNIT_EXPECT_NULL(test, x->xso.dev);
	KUNIT_EXPECT_EQ(test, ctr(test, a, "sa_entries"), 0);
	xfrm_state_delete(x);
	skbext_adapter_destroy(a);
}

static void chelsio_tx_sends_or_reports_a_full_queue(struct kunit *test)
{
	struct skbext_adapter *a = skbext_adapter_create(SKBEXT_DRV_CHELSIO);
	struct xfrm_state *x = test_gcm_state_new(XFRM_DEV_OFFLOAD_OUT, AF_INET,
						  TEST_SPI);
	struct xfrm_state *soft = test_state_new();
	struct skb_trace_counters t0, t1;
	enum skbext_tx_verdict v;
	struct sk_buff *skb;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, x);
	KUNIT_ASSERT_NOT_NULL(test, soft);
	KUNIT_ASSERT_EQ(test, skbext_adapter_state_add(a, x), 0);

	skb = test_ipsec_skb(AF_INET, TEST_SPI, IPPROTO_ESP);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_ASSERT_EQ(test, skbext_esp_prepare_tx(skb, x, IPPROTO_TCP), 0);
	skb_trace_read(&t0);
	KUNIT_EXPECT_EQ(test, skbext_adapter_xmit(a, skb, &v), NETDEV_TX_OK);
	skb_trace_read(&t1);
	KUNIT_EXPECT_EQ(test, v, SKBEXT_TX_SENT);
	KUNIT_EXPECT_EQ(test, t1.consume_skb - t0.consume_skb, 1);
	KUNIT_EXPECT_EQ(test, ctr(test, a, "tx_packets"), 1);

	/* a state with no SA entry: the handler claims a full queue */
	skb = test_ipsec_skb(AF_INET, TEST_SPI, IPPROTO_ESP);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_ASSERT_EQ(test, skbext_esp_prepare_tx(skb, soft, IPPROTO_TCP), 0);
	KUNIT_EXPECT_EQ(test, skbext_adapter_xmit(a, skb, &v), NETDEV_TX_BUSY);
	KUNIT_EXPECT_EQ(test, v, SKBEXT_TX_BUSY);

	/* GSO frames bypass the ULD */
	skb = test_ipsec_skb(AF_INET, TEST_SPI, IPPROTO_ESP);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_ASSERT_EQ(test, skbext_esp_prepare_tx(skb, soft, IPPROTO_TCP), 0);
	skb_shinfo(skb)->gso_size = 1400;
	KUNIT_EXPECT_EQ(test, skbext_adapter_xmit(a, skb, &v), NETDEV_TX_OK);
	KUNIT_EXPECT_EQ(test, v, SKBEXT_TX_SENT);

	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 1);
	KUNIT_EXPECT_EQ(test, refcount_read(&soft->refcnt), 1);
	xfrm_state_delete(x);
	xfrm_state_delete(soft);
	skbext_adapter_destroy(a);
}

static void chelsio_key_context_header_follows_the_t6_layout(struct kunit *test)
{
	struct skbext_adapter *a = skbext_adapter_create(SKBEXT_DRV_CHELSIO);
	struct xfrm_state *x = test_gcm_state_new(XFRM_DEV_OFFLOAD_OUT, AF_INET,
						  TEST_SPI);
	struct xfrm_state *y = test_gcm_state_new(XFRM_DEV_OFFLOAD_OUT, AF_INET,
						  TEST_SPI + 1);
	struct ipsec_sa_entry *sa;
	u8 key[36] = { 0 };

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, x);
	KUNIT_ASSERT_NOT_NULL(test, y);

	/* AES-128: valid, salt present, MAC size 128, 48-byte context */
	KUNIT_ASSERT_EQ(test, skbext_adapter_state_add(a, x), 0);
	sa = (struct ipsec_sa_entry *)x->xso.offload_handle;
	KUNIT_ASSERT_NOT_NULL(test, sa);
	KUNIT_EXPECT_EQ(test, sa->kctx_len, 32);
	KUNIT_EXPECT_EQ(test, be32_to_cpu(sa->key_ctx_hdr), 0x03000409);
	KUNIT_EXPECT_EQ(test, (u8)sa->key[15], 16);
	KUNIT_EXPECT_EQ(test, sa->esn, 0);

	/* AES-256: the salt is the last four bytes, a 64-byte context */
	key[31] = 0x5a;
	key[32] = 0xb1;
	key[35] = 0xb4;
	KUNIT_ASSERT_EQ(test, skbext_state_set_aead(y, "rfc4106(gcm(aes))", key,
						    288, 128), 0);
	KUNIT_ASSERT_EQ(test, skbext_adapter_state_add(a, y), 0);
	sa = (struct ipsec_sa_entry *)y->xso.offload_handle;
	KUNIT_ASSERT_NOT_NULL(test, sa);
	KUNIT_EXPECT_EQ(test, sa->enckey_len, 32);
	KUNIT_EXPECT_EQ(test, sa->kctx_len, 48);
	KUNIT_EXPECT_EQ(test, be32_to_cpu(sa->key_ctx_hdr), 0x04000489);
	KUNIT_EXPECT_EQ(test, (u8)sa->key[31], 0x5a);
	KUNIT_EXPECT_EQ(test, (u8)sa->salt[0], 0xb1);
	KUNIT_EXPECT_EQ(test, (u8)sa->salt[3], 0xb4);
	KUNIT_EXPECT_EQ(test, ctr(test, a, "sa_entries"), 2);

	xfrm_state_delete(x);
	xfrm_state_delete(y);
	/* the entries go when the GC work frees the states */
	flush_scheduled_work();
	KUNIT_EXPECT_EQ(test, ctr(test, a, "sa_entries"), 0);
	skbext_adapter_destroy(a);
}

static void chelsio_offload_ok_wants_a_bare_ip_header(struct kunit *test)
{
	struct skbext_adapter *a = skbext_adapter_create(SKBEXT_DRV_CHELSIO);
	struct xfrm_state *x4 = test_gcm_state_new(XFRM_DEV_OFFLOAD_OUT, AF_INET,
						   TEST_SPI);
	struct xfrm_state *x6 = test_gcm_state_new(XFRM_DEV_OFFLOAD_OUT, AF_INET6,
						   TEST_SPI + 1);
	struct sk_buff *skb4 = test_ipsec_skb(AF_INET, TEST_SPI, IPPROTO_ESP);
	struct sk_buff *skb6 = test_ipsec_skb(AF_INET6, TEST_SPI + 1, IPPROTO_ESP);

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, x4);
	KUNIT_ASSERT_NOT_NULL(test, x6);
	KUNIT_ASSERT_NOT_NULL(test, skb4);
	KUNIT_ASSERT_NOT_NULL(test, skb6);
	KUNIT_ASSERT_EQ(test, skbext_adapter_state_add(a, x4), 0);
	KUNIT_ASSERT_EQ(test, skbext_adapter_state_add(a, x6), 0);

	KUNIT_EXPECT_EQ(test, skbext_adapter_offload_ok(a, skb4, x4), 1);
	ip_hdr(skb4)->ihl = 6;			/* one word of options */
	KUNIT_EXPECT_EQ(test, skbext_adapter_offload_ok(a, skb4, x4), 0);

	KUNIT_EXPECT_EQ(test, skbext_adapter_offload_ok(a, skb6, x6), 1);
	ipv6_hdr(skb6)->nexthdr = NEXTHDR_ROUTING;
	KUNIT_EXPECT_EQ(test, skbext_adapter_offload_ok(a, skb6, x6), 0);

	kfree_skb(skb4);
	kfree_skb(skb6);
	xfrm_state_delete(x4);
	xfrm_state_delete(x6);
	skbext_adapter_destroy(a);
}

static void chelsio_has_no_rx_offload(struct kunit *test)
{
	struct skbext_adapter *a = skbext_adapter_create(SKBEXT_DRV_CHELSIO);
	struct skbext_rx_desc d = { 0 };
	struct sk_buff *skb = test_ipsec_skb(AF_INET, TEST_SPI, IPPROTO_ESP);

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_EQ(test, skbext_adapter_rx(a, skb, &d), -EOPNOTSUPP);
	KUNIT_EXPECT_FALSE(test, secpath_exists(skb));
	kfree_skb(skb);
	skbext_adapter_destroy(a);
}

static struct kunit_case drivers_chelsio_cases[] = {
	KUNIT_CASE(chelsio_sa_entry_lives_from_add_to_free),
	KUNIT_CASE(chelsio_refuses_states_it_cannot_offload),
	KUNIT_CASE(chelsio_tx_sends_or_reports_a_full_queue),
	KUNIT_CASE(chelsio_key_context_header_follows_the_t6_layout),
	KUNIT_CASE(chelsio_offload_ok_wants_a_bare_ip_header),
	KUNIT_CASE(chelsio_has_no_rx_offload),
	{}
};

static struct kunit_suite drivers_chelsio_suite = {
	.name = "drivers_chelsio",
	.test_cases = drivers_chelsio_cases,
};
kunit_test_suite(drivers_chelsio_suite);
