// SPDX-License-Identifier: GPL-2.0-only
/* netdevsim's IPsec offload: the 33-entry table and nsim_ipsec_tx() (6.1). */
#include <linux/errno.h>
#include <linux/skbuff.h>
#include <net/xfrm.h>
#include <trace/events/skb.h>
#include <skbext/adapter.h>
#include "kunit.h"
#include "test_util.h"
#include "../../csrc/drivers/net/netdevsim/netdevsim.h"

static u64 ctr(struct kunit *test, struct skbext_adapter *a, const char *name)
{
	u64 v = ~0ULL;

	KUNIT_EXPECT_EQ(test, skbext_adapter_counter(a, name, &v), 0);
	return v;
}

static void nsim_table_holds_33_sas_with_the_valid_flag(struct kunit *test)
{
	struct skbext_adapter *a = skbext_adapter_create(SKBEXT_DRV_NETDEVSIM);
	struct xfrm_state *x[NSIM_IPSEC_MAX_SA_COUNT + 1];
	struct netdevsim *ns;
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, a);
	ns = skbext_adapter_priv(a);
	for (i = 0; i < ARRAY_SIZE(x); i++) {
		x[i] = test_gcm_state_new(i & 1 ? XFRM_DEV_OFFLOAD_IN :
					  XFRM_DEV_OFFLOAD_OUT, AF_INET, TEST_SPI + i);
		KUNIT_ASSERT_NOT_NULL(test, x[i]);
	}
	for (i = 0; i < NSIM_IPSEC_MAX_SA_COUNT; i++)
		KUNIT_ASSERT_EQ(test, skbext_adapter_state_add(a, x[i]), 0);
	KUNIT_EXPECT_EQ(test, x[0]->xso.offload_handle, NSIM_IPSEC_VALID);
	KUNIT_EXPECT_EQ(test, x[5]->xso.offload_handle, 5 | NSIM_IPSEC_VALID);
	KUNIT_EXPECT_TRUE(test, ns->ipsec.sa[5].rx);
	KUNIT_EXPECT_FALSE(test, ns->ipsec.sa[4].rx);
	KUNIT_EXPECT_EQ(test, ns->ipsec.sa[4].ipaddr[3], x[4]->id.daddr.a4);
	KUNIT_EXPECT_EQ(test, ns->ipsec.sa[4].salt, 0xa4a3a2a1);
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_add(a, x[NSIM_IPSEC_MAX_SA_COUNT]),
			-ENOSPC);
	KUNIT_EXPECT_EQ(test, ctr(test, a, "count"), NSIM_IPSEC_MAX_SA_COUNT);
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_delete(a, x[3]), 0);
	KUNIT_EXPECT_EQ(test, ctr(test, a, "count"), NSIM_IPSEC_MAX_SA_COUNT - 1);
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_add(a, x[NSIM_IPSEC_MAX_SA_COUNT]), 0);
	KUNIT_EXPECT_EQ(test, x[NSIM_IPSEC_MAX_SA_COUNT]->xso.offload_handle,
			3 | NSIM_IPSEC_VALID);
	for (i = 0; i < ARRAY_SIZE(x); i++)
		xfrm_state_delete(x[i]);
	KUNIT_EXPECT_EQ(test, ctr(test, a, "count"), 0);
	skbext_adapter_destroy(a);
}

static void nsim_tx_counts_offloaded_and_plain_frames(struct kunit *test)
{
	struct skbext_adapter *a = skbext_adapter_create(SKBEXT_DRV_NETDEVSIM);
	struct xfrm_state *x = test_gcm_state_new(XFRM_DEV_OFFLOAD_OUT, AF_INET,
						  TEST_SPI);
	enum skbext_tx_verdict v;
	struct sk_buff *skb;
	unsigned int len;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, x);
	KUNIT_ASSERT_EQ(test, skbext_adapter_state_add(a, x), 0);

	skb = test_ipsec_skb(AF_INET, TEST_SPI, IPPROTO_ESP);	/* no sec_path */
	KUNIT_ASSERT_NOT_NULL(test, skb);
	len = skb->len;
	KUNIT_EXPECT_EQ(test, skbext_adapter_xmit(a, skb, &v), NETDEV_TX_OK);
	KUNIT_EXPECT_EQ(test, v, SKBEXT_TX_SENT);
	KUNIT_EXPECT_EQ(test, ctr(test, a, "tx"), 0);

	skb = test_ipsec_skb(AF_INET, TEST_SPI, IPPROTO_ESP);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_ASSERT_EQ(test, skbext_esp_prepare_tx(skb, x, IPPROTO_TCP), 0);
	KUNIT_EXPECT_EQ(test, skbext_adapter_offload_ok(a, skb, x), 1);
	KUNIT_EXPECT_EQ(test, ctr(test, a, "ok"), 1);
	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 2);
	KUNIT_EXPECT_EQ(test, skbext_adapter_xmit(a, skb, &v), NETDEV_TX_OK);
	KUNIT_EXPECT_EQ(test, v, SKBEXT_TX_SENT);
	KUNIT_EXPECT_EQ(test, ctr(test, a, "tx"), 1);
	KUNIT_EXPECT_EQ(test, ctr(test, a, "tx_packets"), 2);
	KUNIT_EXPECT_EQ(test, ctr(test, a, "tx_bytes"), 2 * len);
	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 1);
	xfrm_state_delete(x);
	skbext_adapter_destroy(a);
}

static void nsim_tx_drops_bad_sec_paths_without_a_drop_trace(struct kunit *test)
{
	struct skbext_adapter *a = skbext_adapter_create(SKBEXT_DRV_NETDEVSIM);
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

	/* an empty sec_path */
	skb = test_ipsec_skb(AF_INET, TEST_SPI, IPPROTO_ESP);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_ASSERT_NOT_NULL(test, secpath_set(skb));
	skb_trace_read(&t0);
	KUNIT_EXPECT_EQ(test, skbext_adapter_xmit(a, skb, &v), NETDEV_TX_OK);
	skb_trace_read(&t1);
	KUNIT_EXPECT_EQ(test, v, SKBEXT_TX_DROPPED);
	/* dev_kfree_skb() is consume_skb() in 6.1 */
	KUNIT_EXPECT_EQ(test, t1.consume_skb - t0.consume_skb, 1);
	KUNIT_EXPECT_EQ(test, t1.kfree_skb - t0.kfree_skb, 0);

	/* a handle past the table */
	soft->xso.offload_handle = NSIM_IPSEC_MAX_SA_COUNT + 7;
	skb = test_ipsec_skb(AF_INET, TEST_SPI, IPPROTO_ESP);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_ASSERT_EQ(test, xfrm_input_push_state(skb, soft), 0);
	KUNIT_EXPECT_EQ(test, skbext_adapter_xmit(a, skb, &v), NETDEV_TX_OK);
	KUNIT_EXPECT_EQ(test, v, SKBEXT_TX_DROPPED);

	/* an unused slot */
	soft->xso.offload_handle = 9 | NSIM_IPSEC_VALID;
	skb = test_ipsec_skb(AF_INET, TEST_SPI, IPPROTO_ESP);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_ASSERT_EQ(test, xfrm_input_push_state(skb, soft), 0);
	KUNIT_EXPECT_EQ(test, skbext_adapter_xmit(a, skb, &v), NETDEV_TX_OK);
	KUNIT_EXPECT_EQ(test, v, SKBEXT_TX_DROPPED);
	soft->xso.offload_handle = 0;

	/* the right slot, but the state is no longer ESP or AH */
	x->id.proto = IPPROTO_COMP;
	skb = test_ipsec_skb(AF_INET, TEST_SPI, IPPROTO_ESP);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_ASSERT_EQ(test, skbext_esp_prepare_tx(skb, x, IPPROTO_TCP), 0);
	KUNIT_EXPECT_EQ(test, skbext_adapter_xmit(a, skb, &v), NETDEV_TX_OK);
	KUNIT_EXPECT_EQ(test, v, SKBEXT_TX_DROPPED);

	KUNIT_EXPECT_EQ(test, ctr(test, a, "tx"), 0);
	KUNIT_EXPECT_EQ(test, ctr(test, a, "tx_packets"), 0);
	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 1);
	KUNIT_EXPECT_EQ(test, refcount_read(&soft->refcnt), 1);
	xfrm_state_delete(x);
	xfrm_state_delete(soft);
	skbext_adapter_destroy(a);
}

/*
 * 6.1's netdevsim checks any sec_path, offload or not: a forwarded frame
 * whose state was never offloaded (handle 0) is judged by entry 0 of the
 * table, sent while some SA holds it and dropped otherwise.
 */
static void nsim_tx_judges_a_forwarded_frame_by_entry_0(struct kunit *test)
{
	struct skbext_adapter *a = skbext_adapter_create(SKBEXT_DRV_NETDEVSIM);
	struct xfrm_state *x = test_gcm_state_new(XFRM_DEV_OFFLOAD_IN, AF_INET,
						  TEST_SPI);
	struct xfrm_state *soft = test_state_new();
	enum skbext_tx_verdict v;
	struct sk_buff *skb;
	int round;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, x);
	KUNIT_ASSERT_NOT_NULL(test, soft);
	KUNIT_ASSERT_EQ(test, soft->xso.offload_handle, 0);
	/* an ESP state, as the tape's are: the last check passes */
	soft->id.proto = IPPROTO_ESP;

	for (round = 0; round < 3; round++) {
		if (round == 1)
			KUNIT_ASSERT_EQ(test, skbext_adapter_state_add(a, x), 0);
		if (round == 2)
			KUNIT_ASSERT_EQ(test, skbext_adapter_state_delete(a, x), 0);
		skb = test_ipsec_skb(AF_INET, TEST_SPI, IPPROTO_ESP);
		KUNIT_ASSERT_NOT_NULL(test, skb);
		KUNIT_ASSERT_EQ(test, xfrm_input_push_state(skb, soft), 0);
		KUNIT_EXPECT_EQ(test, skbext_adapter_xmit(a, skb, &v),
				NETDEV_TX_OK);
		KUNIT_EXPECT_EQ(test, v, round == 1 ? SKBEXT_TX_SENT :
						      SKBEXT_TX_DROPPED);
	}
	KUNIT_EXPECT_EQ(test, ctr(test, a, "tx_packets"), 1);
	KUNIT_EXPECT_EQ(test, refcount_read(&soft->refcnt), 1);
	xfrm_state_delete(x);
	xfrm_state_delete(soft);
	skbext_adapter_destroy(a);
}

static void nsim_add_takes_only_aes_gcm_128_with_its_salt(struct kunit *test)
{
	struct skbext_adapter *a = skbext_adapter_create(SKBEXT_DRV_NETDEVSIM);
	struct xfrm_state *x = test_gcm_state_new(XFRM_DEV_OFFLOAD_OUT, AF_INET6,
						  TEST_SPI);
	struct netdevsim *ns;
	u8 key[36];
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, x);
	ns = skbext_adapter_priv(a);
	for (i = 0; i < sizeof(key); i++)
		key[i] = i + 1;

	KUNIT_ASSERT_EQ(test, skbext_state_set_aead(x, "rfc4106(gcm(aes))", key,
						    160, 96), 0);
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_add(a, x), -EINVAL);
	KUNIT_ASSERT_EQ(test, skbext_state_set_aead(x, "rfc4543(gcm(aes))", key,
						    160, 128), 0);
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_add(a, x), -EINVAL);
	KUNIT_ASSERT_EQ(test, skbext_state_set_aead(x, "rfc4106(gcm(aes))", key,
						    96, 128), 0);
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_add(a, x), -EINVAL);
	x->id.proto = IPPROTO_COMP;
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_add(a, x), -EINVAL);
	KUNIT_EXPECT_EQ(test, ctr(test, a, "count"), 0);
	KUNIT_EXPECT_NULL(test, x->xso.dev);

	/* 128 bits and no salt: the salt is zero */
	x->id.proto = IPPROTO_ESP;
	KUNIT_ASSERT_EQ(test, skbext_state_set_aead(x, "rfc4106(gcm(aes))", key,
						    128, 128), 0);
	KUNIT_ASSERT_EQ(test, skbext_adapter_state_add(a, x), 0);
	KUNIT_EXPECT_EQ(test, x->xso.offload_handle, NSIM_IPSEC_VALID);
	KUNIT_EXPECT_EQ(test, ns->ipsec.sa[0].salt, 0);
	KUNIT_EXPECT_EQ(test, ns->ipsec.sa[0].key[0], le32_to_cpu(0x04030201));
	KUNIT_EXPECT_TRUE(test, ns->ipsec.sa[0].crypt);
	KUNIT_EXPECT_MEMEQ(test, ns->ipsec.sa[0].ipaddr, x->id.daddr.a6, 16);
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_delete(a, x), 0);
	KUNIT_EXPECT_FALSE(test, ns->ipsec.sa[0].used);

	/*
	 * 6.1 takes the 4 bytes after the first 16 as salt whatever the
	 * length: a 256-bit key gives bytes 17..20. AH with an AEAD is
	 * "crypt" too, ESP's bit being set in AH's number.
	 */
	x->id.proto = IPPROTO_AH;
	KUNIT_ASSERT_EQ(test, skbext_state_set_aead(x, "rfc4106(gcm(aes))", key,
						    288, 128), 0);
	KUNIT_ASSERT_EQ(test, skbext_adapter_state_add(a, x), 0);
	KUNIT_EXPECT_EQ(test, ns->ipsec.sa[0].salt, le32_to_cpu(0x14131211));
	KUNIT_EXPECT_TRUE(test, ns->ipsec.sa[0].crypt);
	KUNIT_EXPECT_EQ(test, ctr(test, a, "count"), 1);
	xfrm_state_delete(x);
	KUNIT_EXPECT_EQ(test, ctr(test, a, "count"), 0);
	skbext_adapter_destroy(a);
}

static struct kunit_case drivers_netdevsim_cases[] = {
	KUNIT_CASE(nsim_table_holds_33_sas_with_the_valid_flag),
	KUNIT_CASE(nsim_tx_counts_offloaded_and_plain_frames),
	KUNIT_CASE(nsim_tx_drops_bad_sec_paths_without_a_drop_trace),
	KUNIT_CASE(nsim_tx_judges_a_forwarded_frame_by_entry_0),
	KUNIT_CASE(nsim_add_takes_only_aes_gcm_128_with_its_salt),
	{}
};

static struct kunit_suite drivers_netdevsim_suite = {
	.name = "drivers_netdevsim",
	.test_cases = drivers_netdevsim_cases,
};
kunit_test_suite(drivers_netdevsim_suite);
