// SPDX-License-Identifier: GPL-2.0-only
/* mlx5e IPsec offload: the SA database, CQE syndromes, the Tx trailer (6.1). */
#include <linux/errno.h>
#include <linux/skbuff.h>
#include <linux/fault-inject.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/pfkeyv2.h>
#include <net/xfrm.h>
#include <trace/events/skb.h>
#include <skbext/adapter.h>
#include "kunit.h"
#include "test_util.h"
#include "../../csrc/drivers/net/ethernet/mellanox/mlx5/core/en_accel/ipsec.h"
#include "../../csrc/drivers/net/ethernet/mellanox/mlx5/core/en_accel/ipsec_rxtx.h"

static u64 ctr(struct kunit *test, struct skbext_adapter *a, const char *name)
{
	u64 v = ~0ULL;

	KUNIT_EXPECT_EQ(test, skbext_adapter_counter(a, name, &v), 0);
	return v;
}

static struct skbext_adapter *mlx5_with_rx_state(struct kunit *test,
						 struct xfrm_state **xp)
{
	struct skbext_adapter *a = skbext_adapter_create(SKBEXT_DRV_MLX5);
	struct xfrm_state *x = test_gcm_state_new(XFRM_DEV_OFFLOAD_IN, AF_INET,
						  TEST_SPI);

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, x);
	KUNIT_ASSERT_EQ(test, skbext_adapter_state_add(a, x), 0);
	*xp = x;
	return a;
}

static void mlx5_rx_state_gets_an_sa_entry_and_a_sadb_handle(struct kunit *test)
{
	struct mlx5e_ipsec_sa_entry *sa;
	struct skbext_adapter *a;
	struct mlx5e_priv *priv;
	struct xfrm_state *x;

	a = mlx5_with_rx_state(test, &x);
	priv = skbext_adapter_priv(a);
	sa = (struct mlx5e_ipsec_sa_entry *)x->xso.offload_handle;
	KUNIT_ASSERT_NOT_NULL(test, sa);
	KUNIT_EXPECT_PTR_EQ(test, sa->x, x);
	KUNIT_EXPECT_EQ(test, sa->ipsec_obj_id, 1);
	KUNIT_EXPECT_EQ(test, sa->handle, 1);
	KUNIT_EXPECT_EQ(test, skbext_adapter_rx_handle(a, x), 1);
	KUNIT_EXPECT_EQ(test, sa->attrs.key_len, 16);
	KUNIT_EXPECT_EQ(test, priv->ipsec->num_rules, 1);
	KUNIT_EXPECT_NULL(test, sa->set_iv_op);
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_delete(a, x), 0);
	KUNIT_EXPECT_EQ(test, priv->ipsec->num_rules, 0);
	KUNIT_EXPECT_EQ(test, x->xso.offload_handle, 0);
	xfrm_state_delete(x);
	skbext_adapter_destroy(a);
}

static void mlx5_refuses_states_it_cannot_offload(struct kunit *test)
{
	struct skbext_adapter *a = skbext_adapter_create(SKBEXT_DRV_MLX5);
	struct xfrm_state *x = test_gcm_state_new(XFRM_DEV_OFFLOAD_OUT, AF_INET,
						  TEST_SPI);
	static const u8 key[36];

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, x);
	x->props.aalgo = SADB_AALG_SHA1HMAC;
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_add(a, x), -EINVAL);
	x->props.aalgo = SADB_AALG_NONE;
	x->props.mode = XFRM_MODE_BEET;
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_add(a, x), -EINVAL);
	x->props.mode = XFRM_MODE_TUNNEL;	/* tunnel mode is fine here */
	x->id.proto = IPPROTO_AH;
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_add(a, x), -EINVAL);
	x->id.proto = IPPROTO_ESP;
	x->geniv = "echainiv";
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_add(a, x), -EINVAL);
	KUNIT_ASSERT_EQ(test, skbext_state_set_aead(x, "rfc4106(gcm(aes))", key,
						    128 + 32, 96), 0);
	KUNIT_EXPECT_EQ(test, x->props.ealgo, SADB_X_EALG_AES_GCM_ICV12);
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_add(a, x), -EINVAL);
	KUNIT_ASSERT_EQ(test, skbext_state_set_aead(x, "rfc4106(gcm(aes))", key,
						    192 + 32, 128), 0);
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_add(a, x), -EINVAL);
	KUNIT_ASSERT_EQ(test, skbext_state_set_aead(x, "rfc4106(gcm(aes))", key,
						    256 + 32, 128), 0);
	x->props.flags |= XFRM_STATE_ESN;
	KUNIT_EXPECT_EQ(test, skbext_adapter_set_knob(a, SKBEXT_KNOB_MLX5_ESN_CAP, 0), 0);
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_add(a, x), -EINVAL);
	KUNIT_EXPECT_EQ(test, skbext_adapter_set_knob(a, SKBEXT_KNOB_MLX5_ESN_CAP, 1), 0);
	KUNIT_EXPECT_EQ(test, skbext_adapter_state_add(a, x), 0);
	KUNIT_EXPECT_PTR_EQ(test,
		((struct mlx5e_ipsec_sa_entry *)x->xso.offload_handle)->set_iv_op,
		mlx5e_ipsec_set_iv_esn);
	xfrm_state_delete(x);
	skbext_adapter_destroy(a);
}

static void mlx5_rx_maps_each_syndrome_to_a_status(struct kunit *test)
{
	static const struct {
		u32 syndrome;
		u32 status;
	} map[] = {
		{ SKBEXT_MLX5_SYNDROME_DECRYPTED, CRYPTO_SUCCESS },
		{ SKBEXT_MLX5_SYNDROME_AUTH_FAILED, CRYPTO_TUNNEL_ESP_AUTH_FAILED },
		{ SKBEXT_MLX5_SYNDROME_BAD_TRAILER, CRYPTO_INVALID_PACKET_SYNTAX },
		{ 5, 0 },	/* unknown: counted, status left 0 */
	};
	struct skbext_adapter *a;
	struct xfrm_state *x;
	unsigned int i;

	a = mlx5_with_rx_state(test, &x);
	for (i = 0; i < ARRAY_SIZE(map); i++) {
		struct skbext_rx_desc d = {
			.ft_metadata = SKBEXT_MLX5_METADATA(skbext_adapter_rx_handle(a, x),
							    map[i].syndrome),
		};
		struct sk_buff *skb = test_ipsec_skb(AF_INET, TEST_SPI, IPPROTO_ESP);
		struct xfrm_offload *xo;

		KUNIT_ASSERT_NOT_NULL(test, skb);
		KUNIT_EXPECT_EQ(test, skbext_adapter_rx(a, skb, &d), SKBEXT_RX_OFFLOADED);
		KUNIT_EXPECT_EQ(test, skb_sec_path(skb)->len, 1);
		KUNIT_EXPECT_PTR_EQ(test, skb_sec_path(skb)->xvec[0], x);
		xo = xfrm_offload(skb);
		KUNIT_ASSERT_NOT_NULL(test, xo);
		KUNIT_EXPECT_EQ(test, xo->flags, CRYPTO_DONE);
		KUNIT_EXPECT_EQ(test, xo->status, map[i].status);
		KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 2);
		kfree_skb(skb);
		KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 1);
	}
	KUNIT_EXPECT_EQ(test, ctr(test, a, "ipsec_rx_drop_syndrome"), 1);
	xfrm_state_delete(x);
	skbext_adapter_destroy(a);
}

static void mlx5_rx_sadb_miss_resets_the_secpath(struct kunit *test)
{
	struct skbext_rx_desc d = { .ft_metadata = SKBEXT_MLX5_METADATA(77, 0) };
	struct skbext_adapter *a;
	struct xfrm_state *x;
	struct sk_buff *skb;

	a = mlx5_with_rx_state(test, &x);
	skb = test_ipsec_skb(AF_INET, TEST_SPI, IPPROTO_ESP);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_EQ(test, skbext_adapter_rx(a, skb, &d), SKBEXT_RX_PASSED);
	KUNIT_EXPECT_FALSE(test, secpath_exists(skb));
	KUNIT_EXPECT_EQ(test, ctr(test, a, "ipsec_rx_drop_sadb_miss"), 1);

	/* no marker: not an IPsec completion */
	d.ft_metadata = 1;
	KUNIT_EXPECT_EQ(test, skbext_adapter_rx(a, skb, &d), SKBEXT_RX_NOT_IPSEC);

	/* a state the stack deleted has left the database */
	d.ft_metadata = SKBEXT_MLX5_METADATA(skbext_adapter_rx_handle(a, x), 0);
	xfrm_state_hold(x);
	xfrm_state_delete(x);
	KUNIT_EXPECT_EQ(test, skbext_adapter_rx(a, skb, &d), SKBEXT_RX_PASSED);
	KUNIT_EXPECT_EQ(test, ctr(test, a, "ipsec_rx_drop_sadb_miss"), 2);
	kfree_skb(skb);
	xfrm_state_put(x);	/* the last put frees the SA entry too */
	skbext_adapter_destroy(a);
}

static void mlx5_rx_secpath_failure_counts_and_leaves_the_skb(struct kunit *test)
{
	struct skbext_adapter *a;
	struct skbext_rx_desc d;
	struct xfrm_state *x;
	struct sk_buff *skb;
	long live;

	a = mlx5_with_rx_state(test, &x);
	d.ft_metadata = SKBEXT_MLX5_METADATA(skbext_adapter_rx_handle(a, x), 0);
	skb = test_ipsec_skb(AF_INET, TEST_SPI, IPPROTO_ESP);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	live = slab_live_objects();
	fail_nth_set(1);
	KUNIT_EXPECT_EQ(test, skbext_adapter_rx(a, skb, &d), SKBEXT_RX_PASSED);
	fail_nth_set(0);
	KUNIT_EXPECT_EQ(test, skb->active_extensions, 0);
	KUNIT_EXPECT_EQ(test, slab_live_objects(), live);
	KUNIT_EXPECT_EQ(test, ctr(test, a, "ipsec_rx_drop_sp_alloc"), 1);
	/* the lookup comes after secpath_set(): no reference taken */
	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 1);
	kfree_skb(skb);
	xfrm_state_delete(x);
	skbext_adapter_destroy(a);
}

static void mlx5_tx_strips_the_trailer_and_fills_the_eseg(struct kunit *test)
{
	struct skbext_adapter *a = skbext_adapter_create(SKBEXT_DRV_MLX5);
	struct xfrm_state *x = test_gcm_state_new(XFRM_DEV_OFFLOAD_OUT, AF_INET,
						  TEST_SPI);
	struct mlx5e_priv *priv;
	enum skbext_tx_verdict v;
	struct sk_buff *skb;
	struct iphdr *iph;
	unsigned int len;
	u8 hdr[20];

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, x);
	priv = skbext_adapter_priv(a);
	KUNIT_ASSERT_EQ(test, skbext_adapter_state_add(a, x), 0);
	skb = test_ipsec_skb(AF_INET, TEST_SPI, IPPROTO_ESP);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_ASSERT_EQ(test, skbext_esp_prepare_tx(skb, x, IPPROTO_TCP), 0);
	len = skb->len;
	/* 32 payload bytes: 2 bytes padding, pad length, next header, 16 ICV */
	skb_get(skb);	/* keep it to look at after the completion */
	KUNIT_EXPECT_EQ(test, skbext_adapter_xmit(a, skb, &v), NETDEV_TX_OK);
	KUNIT_EXPECT_EQ(test, v, SKBEXT_TX_SENT);
	KUNIT_EXPECT_EQ(test, skb->len, len - 20);
	iph = ip_hdr(skb);
	KUNIT_EXPECT_EQ(test, ntohs(iph->tot_len), len - 20 - ETH_HLEN);
	memcpy(hdr, iph, sizeof(hdr));
	KUNIT_EXPECT_EQ(test, ip_fast_csum(hdr, 5), 0);
	KUNIT_EXPECT_EQ(test, be32_to_cpu(priv->sq.last_eseg.flow_table_metadata),
			MLX5_ETH_WQE_FT_META_IPSEC);
	KUNIT_EXPECT_EQ(test, be32_to_cpu(priv->sq.last_eseg.trailer),
			MLX5_ETH_WQE_INSERT_TRAILER |
			MLX5_ETH_WQE_TRAILER_HDR_OUTER_IP_ASSOC);
	KUNIT_EXPECT_EQ(test, priv->sq.last_eseg.swp_outer_l3_offset, ETH_HLEN / 2);
	KUNIT_EXPECT_EQ(test, priv->sq.last_eseg.cs_flags, MLX5_ETH_WQE_L3_CSUM);
	KUNIT_EXPECT_EQ(test, priv->sq.last_ids_len, 4 + 16);
	KUNIT_EXPECT_EQ(test, ctr(test, a, "tx_packets"), 1);
	KUNIT_EXPECT_EQ(test, refcount_read(&skb->users), 1);
	kfree_skb(skb);
	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 1);
	xfrm_state_delete(x);
	skbext_adapter_destroy(a);
}

static void mlx5_tx_drops_what_it_cannot_send(struct kunit *test)
{
	struct skbext_adapter *a = skbext_adapter_create(SKBEXT_DRV_MLX5);
	struct skbext_adapter *b = skbext_adapter_create(SKBEXT_DRV_MLX5);
	struct xfrm_state *x = test_gcm_state_new(XFRM_DEV_OFFLOAD_OUT, AF_INET,
						  TEST_SPI);
	struct xfrm_state *soft = test_gcm_state_new(XFRM_DEV_OFFLOAD_OUT, AF_INET,
						     TEST_SPI + 1);
	struct skb_trace_counters t0, t1;
	enum skbext_tx_verdict v;
	struct sk_buff *skb;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_ASSERT_NOT_NULL(test, x);
	KUNIT_ASSERT_NOT_NULL(test, soft);
	KUNIT_ASSERT_EQ(test, skbext_adapter_state_add(b, x), 0);

	/* no offload handle: "not ip" */
	skb = test_ipsec_skb(AF_INET, TEST_SPI, IPPROTO_ESP);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_ASSERT_EQ(test, skbext_esp_prepare_tx(skb, soft, IPPROTO_TCP), 0);
	skb_trace_read(&t0);
	KUNIT_EXPECT_EQ(test, skbext_adapter_xmit(a, skb, &v), NETDEV_TX_OK);
	skb_trace_read(&t1);
	KUNIT_EXPECT_EQ(test, v, SKBEXT_TX_DROPPED);
	KUNIT_EXPECT_EQ(test, t1.kfree_skb - t0.kfree_skb, 1);
	KUNIT_EXPECT_EQ(test, ctr(test, a, "ipsec_tx_drop_not_ip"), 1);

	/* the handle is b's pointer: a refuses to follow it */
	skb = test_ipsec_skb(AF_INET, TEST_SPI, IPPROTO_ESP);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_ASSERT_EQ(test, skbext_esp_prepare_tx(skb, x, IPPROTO_TCP), 0);
	KUNIT_EXPECT_EQ(test, skbext_adapter_xmit(a, skb, &v), -EINVAL);
	KUNIT_EXPECT_EQ(test, v, SKBEXT_TX_DROPPED);

	/* not an IP frame */
	skb = test_ipsec_skb(AF_INET, TEST_SPI, IPPROTO_ESP);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_ASSERT_EQ(test, skbext_esp_prepare_tx(skb, x, IPPROTO_TCP), 0);
	skb->protocol = htons(ETH_P_8021Q);
	KUNIT_EXPECT_EQ(test, skbext_adapter_xmit(b, skb, &v), NETDEV_TX_OK);
	KUNIT_EXPECT_EQ(test, v, SKBEXT_TX_DROPPED);
	KUNIT_EXPECT_EQ(test, ctr(test, b, "ipsec_tx_drop_not_ip"), 1);
	KUNIT_EXPECT_EQ(test, ctr(test, b, "tx_packets"), 0);

	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 1);
	KUNIT_EXPECT_EQ(test, refcount_read(&soft->refcnt), 1);
	xfrm_state_delete(x);
	xfrm_state_delete(soft);
	skbext_adapter_destroy(a);
	skbext_adapter_destroy(b);
}

/*
 * Tunnel mode: xfrm_output() records the plaintext's protocol in
 * xo->inner_ipproto, and the device checksums the inner headers.
 */
static void mlx5_tx_tunnel_mode_checksums_the_inner_headers(struct kunit *test)
{
	static const struct {
		u8 proto;
		u8 cs_flags;
		u8 swp_flags;
	} cases[] = {
		{ IPPROTO_TCP, MLX5_ETH_WQE_L3_CSUM | MLX5_ETH_WQE_L3_INNER_CSUM |
			       MLX5_ETH_WQE_L4_INNER_CSUM, 0 },
		{ IPPROTO_UDP, MLX5_ETH_WQE_L3_CSUM | MLX5_ETH_WQE_L3_INNER_CSUM |
			       MLX5_ETH_WQE_L4_INNER_CSUM,
		  MLX5_ETH_WQE_SWP_INNER_L4_UDP },
		/* neither TCP nor UDP: the inner L3 checksum only */
		{ IPPROTO_ICMP, MLX5_ETH_WQE_L3_CSUM | MLX5_ETH_WQE_L3_INNER_CSUM, 0 },
	};
	struct skbext_adapter *a = skbext_adapter_create(SKBEXT_DRV_MLX5);
	struct xfrm_state *x = test_gcm_state_new(XFRM_DEV_OFFLOAD_OUT, AF_INET,
						  TEST_SPI);
	struct mlx5e_priv *priv;
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, x);
	x->props.mode = XFRM_MODE_TUNNEL;
	KUNIT_ASSERT_EQ(test, skbext_adapter_state_add(a, x), 0);
	priv = skbext_adapter_priv(a);
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct sk_buff *skb = test_ipsec_skb(AF_INET, TEST_SPI, IPPROTO_ESP);
		enum skbext_tx_verdict v;

		KUNIT_ASSERT_NOT_NULL(test, skb);
		KUNIT_ASSERT_EQ(test, skbext_esp_prepare_tx(skb, x, cases[i].proto), 0);
		KUNIT_EXPECT_EQ(test, xfrm_offload(skb)->inner_ipproto, cases[i].proto);
		KUNIT_EXPECT_EQ(test, skbext_adapter_xmit(a, skb, &v), NETDEV_TX_OK);
		KUNIT_EXPECT_EQ(test, v, SKBEXT_TX_SENT);
		KUNIT_EXPECT_EQ(test, priv->sq.last_eseg.cs_flags, cases[i].cs_flags);
		KUNIT_EXPECT_EQ(test, priv->sq.last_eseg.swp_flags, cases[i].swp_flags);
	}
	/* the inner branch is not the one that counts csum_partial_inner */
	KUNIT_EXPECT_EQ(test, ctr(test, a, "tx_csum_partial_inner"), 0);
	KUNIT_EXPECT_EQ(test, ctr(test, a, "tx_packets"), ARRAY_SIZE(cases));
	KUNIT_EXPECT_EQ(test, refcount_read(&x->refcnt), 1);
	xfrm_state_delete(x);
	skbext_adapter_destroy(a);
}

/* Transport mode: a frame that is no tunnel itself has no inner protocol */
static void mlx5_tx_transport_mode_leaves_inner_ipproto_zero(struct kunit *test)
{
	struct xfrm_state *x = test_gcm_state_new(XFRM_DEV_OFFLOAD_OUT, AF_INET,
						  TEST_SPI);
	struct sk_buff *skb = test_ipsec_skb(AF_INET, TEST_SPI, IPPROTO_ESP);

	KUNIT_ASSERT_NOT_NULL(test, x);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_ASSERT_EQ(test, skbext_esp_prepare_tx(skb, x, IPPROTO_UDP), 0);
	KUNIT_EXPECT_EQ(test, xfrm_offload(skb)->proto, IPPROTO_UDP);
	KUNIT_EXPECT_EQ(test, xfrm_offload(skb)->inner_ipproto, 0);
	kfree_skb(skb);
	xfrm_state_delete(x);
}

static void mlx5_features_check_keeps_offloads_only_for_its_states(struct kunit *test)
{
	const netdev_features_t all = NETIF_F_CSUM_MASK | NETIF_F_TSO | NETIF_F_SG;
	struct skbext_adapter *a = skbext_adapter_create(SKBEXT_DRV_MLX5);
	struct xfrm_state *x = test_gcm_state_new(XFRM_DEV_OFFLOAD_OUT, AF_INET,
						  TEST_SPI);
	netdev_features_t out = 0;
	struct sk_buff *skb;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, x);
	KUNIT_ASSERT_EQ(test, skbext_adapter_state_add(a, x), 0);
	skb = test_ipsec_skb(AF_INET, TEST_SPI, IPPROTO_ESP);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_EQ(test, skbext_adapter_features_check(a, skb, all, &out), 0);
	KUNIT_EXPECT_EQ(test, out, NETIF_F_SG);
	KUNIT_ASSERT_EQ(test, skbext_esp_prepare_tx(skb, x, IPPROTO_TCP), 0);
	KUNIT_EXPECT_EQ(test, skbext_adapter_features_check(a, skb, all, &out), 0);
	KUNIT_EXPECT_EQ(test, out, all);
	xfrm_offload(skb)->inner_ipproto = IPPROTO_ICMP;
	KUNIT_EXPECT_EQ(test, skbext_adapter_features_check(a, skb, all, &out), 0);
	KUNIT_EXPECT_EQ(test, out, NETIF_F_SG);
	kfree_skb(skb);
	xfrm_state_delete(x);
	skbext_adapter_destroy(a);
}

static struct kunit_case drivers_mlx5_cases[] = {
	KUNIT_CASE(mlx5_rx_state_gets_an_sa_entry_and_a_sadb_handle),
	KUNIT_CASE(mlx5_refuses_states_it_cannot_offload),
	KUNIT_CASE(mlx5_rx_maps_each_syndrome_to_a_status),
	KUNIT_CASE(mlx5_rx_sadb_miss_resets_the_secpath),
	KUNIT_CASE(mlx5_rx_secpath_failure_counts_and_leaves_the_skb),
	KUNIT_CASE(mlx5_tx_strips_the_trailer_and_fills_the_eseg),
	KUNIT_CASE(mlx5_tx_drops_what_it_cannot_send),
	KUNIT_CASE(mlx5_tx_tunnel_mode_checksums_the_inner_headers),
	KUNIT_CASE(mlx5_tx_transport_mode_leaves_inner_ipproto_zero),
	KUNIT_CASE(mlx5_features_check_keeps_offloads_only_for_its_states),
	{}
};

static struct kunit_suite drivers_mlx5_suite = {
	.name = "drivers_mlx5",
	.test_cases = drivers_mlx5_cases,
};
kunit_test_suite(drivers_mlx5_suite);
