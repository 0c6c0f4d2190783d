// SPDX-License-Identifier: GPL-2.0-only
/* The driver dispatch and the frame builder: bad input, allocation failure. */
#include <linux/errno.h>
#include <linux/skbuff.h>
#include <linux/fault-inject.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <net/esp.h>
#include <net/xfrm.h>
#include <skbext/adapter.h>
#include "kunit.h"
#include "test_util.h"

static void adapter_names_every_driver(struct kunit *test)
{
	KUNIT_EXPECT_STREQ(test, skbext_driver_name(SKBEXT_DRV_IXGBE), "ixgbe");
	KUNIT_EXPECT_STREQ(test, skbext_driver_name(SKBEXT_DRV_IXGBEVF), "ixgbevf");
	KUNIT_EXPECT_STREQ(test, skbext_driver_name(SKBEXT_DRV_MLX5), "mlx5_core");
	KUNIT_EXPECT_STREQ(test, skbext_driver_name(SKBEXT_DRV_CHELSIO), "ch_ipsec");
	KUNIT_EXPECT_STREQ(test, skbext_driver_name(SKBEXT_DRV_NETDEVSIM), "netdevsim");
	KUNIT_EXPECT_NULL(test, skbext_driver_name(SKBEXT_DRV_NUM));
	KUNIT_EXPECT_NULL(test, skbext_driver_name((enum skbext_driver)-1));
}

static void adapter_answers_einval_to_bad_input(struct kunit *test)
{
	struct skbext_adapter *a = skbext_adapter_create(SKBEXT_DRV_NETDEVSIM);
	struct xfrm_state *x = test_gcm_state_new(0, AF_INET, TEST_SPI);
	struct skbext_rx_desc d = { 0 };
	enum skbext_tx_verdict v = SKBEXT_TX_SENT;
	netdev_features_t out;
	const char *names[8];
	u64 val;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, x);
	KUNIT_EXPECT_NULL(test, skbext_adapter_create(SKBEXT_DRV_NUM));
	skbext_adapter_destroy(NULL);
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_add(NULL, x), -EINVAL);
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_add(a, NULL), -EINVAL);
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_add(a, x), -EINVAL);	/* no dir */
	x->xso.dir = XFRM_DEV_OFFLOAD_OUT;
	x->props.flags |= XFRM_STATE_ESN;	/* netdevsim cannot advance ESN */
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_add(a, x), -EINVAL);
	x->props.flags = 0;
	x->km.state = XFRM_STATE_DEAD;
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_add(a, x), -EINVAL);
	x->km.state = XFRM_STATE_VALID;
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_delete(a, x), -EINVAL);
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_delete(NULL, x), -EINVAL);
	KUNIT_EXPECT_EQ(test, skbext_adapter_rx(a, NULL, &d), -EINVAL);
	KUNIT_EXPECT_EQ(test, skbext_adapter_xmit(a, NULL, &v), -EINVAL);
	KUNIT_EXPECT_EQ(test, v, SKBEXT_TX_DROPPED);
	/* a NULL adapter still consumes the skb */
	KUNIT_EXPECT_EQ(test, skbext_adapter_xmit(NULL, alloc_skb(32, GFP_KERNEL), NULL),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, skbext_adapter_offload_ok(a, NULL, x), -EINVAL);
	KUNIT_EXPECT_EQ(test, skbext_adapter_features_check(NULL, NULL, 0, &out), -EINVAL);
	KUNIT_EXPECT_EQ(test, skbext_adapter_counters(NULL, names, NULL, 8), 0);
	KUNIT_EXPECT_EQ(test, skbext_adapter_counters(a, NULL, NULL, 0), 5);
	KUNIT_EXPECT_EQ(test, skbext_adapter_counter(a, "nope", &val), -EINVAL);
	KUNIT_EXPECT_EQ(test, skbext_adapter_set_knob(a, SKBEXT_KNOB_NUM, 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, skbext_adapter_set_knob(a, SKBEXT_KNOB_MLX5_ESN_CAP, 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, skbext_adapter_rx_handle(a, x), -EINVAL);
	KUNIT_EXPECT_NULL(test, skbext_adapter_netdev(NULL));
	KUNIT_EXPECT_EQ(test, skbext_adapter_driver(a), SKBEXT_DRV_NETDEVSIM);
	xfrm_state_delete(x);
	skbext_adapter_destroy(a);
}

static void adapter_create_fails_cleanly_at_each_allocation(struct kunit *test)
{
	enum skbext_driver drv;
	unsigned int n;

	for (drv = 0; drv < SKBEXT_DRV_NUM; drv++) {
		struct skbext_adapter *a;

		for (n = 1; n <= 6; n++) {
			fail_nth_set(n);
			a = skbext_adapter_create(drv);
			fail_nth_set(0);
			/* a driver that lost its tables offers no offload: NULL */
			skbext_adapter_destroy(a);
			KUNIT_EXPECT_EQ(test, slab_live_objects(), 0);
		}
	}
}

static void adapter_state_add_fails_cleanly_without_memory(struct kunit *test)
{
	struct skbext_adapter *a = skbext_adapter_create(SKBEXT_DRV_MLX5);
	struct xfrm_state *x = test_gcm_state_new(XFRM_DEV_OFFLOAD_IN, AF_INET,
						  TEST_SPI);
	long live;
	int err;
	unsigned int n;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, x);
	live = slab_live_objects();
	for (n = 1; n <= 2; n++) {
		fail_nth_set(n);
		err = skbext_adapter_state_add(a, x);
		fail_nth_set(0);
		KUNIT_EXPECT_EQ(test, err, -ENOMEM);
		KUNIT_EXPECT_NULL(test, x->xso.dev);
		KUNIT_EXPECT_EQ(test, x->xso.offload_handle, 0);
		KUNIT_EXPECT_LE(test, slab_live_objects(), live + 1);
	}
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_add(a, x), 0);
	xfrm_state_delete(x);
	skbext_adapter_destroy(a);
}

static void adapter_first_failed_add_leaves_no_object(struct kunit *test)
{
	enum skbext_driver drv[] = { SKBEXT_DRV_MLX5, SKBEXT_DRV_CHELSIO };
	u8 dir[] = { XFRM_DEV_OFFLOAD_IN, XFRM_DEV_OFFLOAD_OUT };
	unsigned int i, n;

	for (i = 0; i < ARRAY_SIZE(drv); i++) {
		struct skbext_adapter *a = skbext_adapter_create(drv[i]);
		struct xfrm_state *x = test_gcm_state_new(dir[i], AF_INET,
							  TEST_SPI);
		long live;
		int err;

		KUNIT_ASSERT_NOT_NULL(test, a);
		KUNIT_ASSERT_NOT_NULL(test, x);
		live = slab_live_objects();
		for (n = 1; n <= 2; n++) {
			fail_nth_set(n);
			err = skbext_adapter_state_add(a, x);
			fail_nth_set(0);
			KUNIT_EXPECT_EQ(test, err, -ENOMEM);
			KUNIT_EXPECT_EQ(test, slab_live_objects(), live);
		}
		KUNIT_EXPECT_EQ(test, skbext_adapter_state_add(a, x), 0);
		xfrm_state_delete(x);
		skbext_adapter_destroy(a);
	}
}

static void esp_frame_has_real_headers(struct kunit *test)
{
	struct sk_buff *skb = test_ipsec_skb(AF_INET, TEST_SPI, IPPROTO_ESP);
	struct sk_buff *skb6 = test_ipsec_skb(AF_INET6, TEST_SPI, IPPROTO_ESP);
	struct skbext_esp_pkt bad = { .family = 99 };
	struct iphdr *iph;
	u8 hdr[20];

	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_ASSERT_NOT_NULL(test, skb6);
	KUNIT_EXPECT_EQ(test, skb->protocol, htons(ETH_P_IP));
	KUNIT_EXPECT_EQ(test, eth_hdr(skb)->h_proto, htons(ETH_P_IP));
	KUNIT_EXPECT_EQ(test, skb_network_offset(skb), ETH_HLEN);
	iph = ip_hdr(skb);
	KUNIT_EXPECT_EQ(test, iph->protocol, IPPROTO_ESP);
	KUNIT_EXPECT_EQ(test, ntohs(iph->tot_len), skb->len - ETH_HLEN);
	memcpy(hdr, iph, sizeof(hdr));
	KUNIT_EXPECT_EQ(test, ip_fast_csum(hdr, 5), 0);
	KUNIT_EXPECT_EQ(test, iph->daddr, cpu_to_be32(TEST_V4_DADDR));
	KUNIT_EXPECT_EQ(test, ntohl(ip_esp_hdr(skb)->spi), TEST_SPI);
	KUNIT_EXPECT_EQ(test, ntohl(ip_esp_hdr(skb)->seq_no), 7);
	/* 32 bytes of payload: pad length 2, then TCP as next header */
	KUNIT_EXPECT_EQ(test, skb->data[skb->len - 16 - 2], 2);
	KUNIT_EXPECT_EQ(test, skb->data[skb->len - 16 - 1], IPPROTO_TCP);
	KUNIT_EXPECT_EQ(test, skb6->protocol, htons(ETH_P_IPV6));
	KUNIT_EXPECT_EQ(test, ipv6_hdr(skb6)->nexthdr, IPPROTO_ESP);
	KUNIT_EXPECT_EQ(test, ntohs(ipv6_hdr(skb6)->payload_len),
			skb6->len - ETH_HLEN - 40);
	KUNIT_EXPECT_NULL(test, skbext_esp_build_skb(&bad));
	KUNIT_EXPECT_NULL(test, skbext_esp_build_skb(NULL));
	kfree_skb(skb);
	kfree_skb(skb6);
}

static void offload_ok_refuses_ip_options_and_extension_headers(struct kunit *test)
{
	static const enum skbext_driver drvs[] = {
		SKBEXT_DRV_IXGBE, SKBEXT_DRV_IXGBEVF, SKBEXT_DRV_MLX5,
		SKBEXT_DRV_CHELSIO,
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(drvs); i++) {
		struct skbext_adapter *a = skbext_adapter_create(drvs[i]);
		struct xfrm_state *x4 = test_gcm_state_new(XFRM_DEV_OFFLOAD_OUT,
							   AF_INET, TEST_SPI);
		struct xfrm_state *x6 = test_gcm_state_new(XFRM_DEV_OFFLOAD_OUT,
							   AF_INET6, TEST_SPI);
		struct skbext_esp_pkt p = { .family = AF_INET, .ip_opt_len = 8 };
		struct sk_buff *skb;

		KUNIT_ASSERT_NOT_NULL(test, a);
		KUNIT_ASSERT_NOT_NULL(test, x4);
		KUNIT_ASSERT_NOT_NULL(test, x6);
		KUNIT_ASSERT_EQ(test, skbext_adapter_state_add(a, x4), 0);
		KUNIT_ASSERT_EQ(test, skbext_adapter_state_add(a, x6), 0);

		skb = skbext_esp_build_skb(&p);
		KUNIT_ASSERT_NOT_NULL(test, skb);
		KUNIT_EXPECT_EQ(test, skbext_adapter_offload_ok(a, skb, x4), 0);
		KUNIT_EXPECT_EQ(test, skbext_adapter_offload_ok(a, skb, x6), -EINVAL);
		kfree_skb(skb);

		p.ip_opt_len = 0;
		p.family = AF_INET6;
		p.ipv6_ext = true;
		skb = skbext_esp_build_skb(&p);
		KUNIT_ASSERT_NOT_NULL(test, skb);
		KUNIT_EXPECT_EQ(test, skbext_adapter_offload_ok(a, skb, x6), 0);
		kfree_skb(skb);
		skb = test_ipsec_skb(AF_INET6, TEST_SPI, IPPROTO_ESP);
		KUNIT_ASSERT_NOT_NULL(test, skb);
		KUNIT_EXPECT_EQ(test, skbext_adapter_offload_ok(a, skb, x6), 1);
		kfree_skb(skb);

		xfrm_state_delete(x4);
		xfrm_state_delete(x6);
		skbext_adapter_destroy(a);
	}
}

static struct kunit_case drivers_adapter_cases[] = {
	KUNIT_CASE(adapter_names_every_driver),
	KUNIT_CASE(adapter_answers_einval_to_bad_input),
	KUNIT_CASE(adapter_create_fails_cleanly_at_each_allocation),
	KUNIT_CASE(adapter_state_add_fails_cleanly_without_memory),
	KUNIT_CASE(adapter_first_failed_add_leaves_no_object),
	KUNIT_CASE(esp_frame_has_real_headers),
	KUNIT_CASE(offload_ok_refuses_ip_options_and_extension_headers),
	{}
};

static struct kunit_suite drivers_adapter_suite = {
	.name = "drivers_adapter",
	.test_cases = drivers_adapter_cases,
};
kunit_test_suite(drivers_adapter_suite);
