/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The per-packet IPsec hooks of mlx5e (en_accel/ipsec_rxtx.h of 6.1):
 * the CQE metadata layout, the Tx state carried from the begin of a send
 * to its WQE, and the features check.
 */
#ifndef __MLX5E_IPSEC_RXTX_H__
#define __MLX5E_IPSEC_RXTX_H__

#include <linux/skbuff.h>
#include <linux/in.h>
#include <net/xfrm.h>
#include "../en.h"

/* Bit 31 marks IPsec, bits 29..24 carry the syndrome, 23..0 the object id. */
#define MLX5_IPSEC_METADATA_MARKER(metadata)	(((metadata) >> 31) & 0x1)
#define MLX5_IPSEC_METADATA_SYNDROM(metadata)	(((metadata) >> 24) & GENMASK(5, 0))
#define MLX5_IPSEC_METADATA_HANDLE(metadata)	((metadata) & GENMASK(23, 0))

enum {
	MLX5E_IPSEC_OFFLOAD_RX_SYNDROME_DECRYPTED,
	MLX5E_IPSEC_OFFLOAD_RX_SYNDROME_AUTH_FAILED,
	MLX5E_IPSEC_OFFLOAD_RX_SYNDROME_BAD_TRAILER,
};

struct mlx5e_accel_tx_ipsec_state {
	struct xfrm_offload *xo;
	struct xfrm_state *x;
	u32 tailen;
	u32 plen;
};

void mlx5e_ipsec_set_iv_esn(struct sk_buff *skb, struct xfrm_state *x,
			    struct xfrm_offload *xo);
void mlx5e_ipsec_set_iv(struct sk_buff *skb, struct xfrm_state *x,
			struct xfrm_offload *xo);
bool mlx5e_ipsec_handle_tx_skb(struct net_device *netdev,
			       struct sk_buff *skb,
			       struct mlx5e_accel_tx_ipsec_state *ipsec_st);
void mlx5e_ipsec_offload_handle_rx_skb(struct net_device *netdev,
				       struct sk_buff *skb,
				       struct mlx5_cqe64 *cqe);
void mlx5e_ipsec_tx_build_eseg(struct mlx5e_priv *priv, struct sk_buff *skb,
			       struct mlx5_wqe_eth_seg *eseg);

/* The trailer bytes the device appends, which the WQE must make room for. */
static inline unsigned int
mlx5e_ipsec_tx_ids_len(struct mlx5e_accel_tx_ipsec_state *ipsec_st)
{
	return ipsec_st->tailen;
}

static inline bool mlx5_ipsec_is_rx_flow(struct mlx5_cqe64 *cqe)
{
	u32 metadata = be32_to_cpu(cqe->ft_metadata);

	return MLX5_IPSEC_METADATA_MARKER(metadata);
}

/* Set by mlx5e_ipsec_tx_build_eseg() on a WQE the device will encrypt. */
static inline bool mlx5e_ipsec_eseg_meta(struct mlx5_wqe_eth_seg *eseg)
{
	return be32_to_cpu(eseg->flow_table_metadata) &
	       MLX5_ETH_WQE_FT_META_IPSEC;
}

/* The only L4 headers the device's parser finds and checksums. */
static inline bool mlx5e_ipsec_l4_parsed(u8 proto)
{
	return proto == IPPROTO_TCP || proto == IPPROTO_UDP;
}

/*
 * Whether the device can checksum and segment @skb itself: it is marked
 * for offload, its first state has an offload handle, and if the packet
 * is a tunnel its inner L4 is one the parser knows.
 */
static inline bool mlx5e_ipsec_tx_offloadable(struct sk_buff *skb)
{
	struct sec_path *sp = skb_sec_path(skb);
	struct xfrm_offload *xo;
	struct xfrm_state *x;

	if (!sp || !sp->len)
		return false;
	xo = xfrm_offload(skb);
	x = sp->xvec[0];
	if (!xo || !x || !x->xso.offload_handle)
		return false;
	return !xo->inner_ipproto || mlx5e_ipsec_l4_parsed(xo->inner_ipproto);
}

/*
 * ndo_features_check's IPsec part: an skb the device will not encrypt
 * goes through software crypto, which needs the checksum done and the
 * segments cut before it.
 */
static inline netdev_features_t
mlx5e_ipsec_feature_check(struct sk_buff *skb, netdev_features_t features)
{
	if (!mlx5e_ipsec_tx_offloadable(skb))
		features &= ~(NETIF_F_CSUM_MASK | NETIF_F_GSO_MASK);
	return features;
}

/*
 * The checksum flags of an IPsec WQE; false (nothing done) for any other
 * WQE. The outer IP header always needs its checksum. A tunnel (inner
 * protocol known) also needs the inner IP header's, and its L4 one where
 * the parser can find that header; a plain transport-mode packet needs
 * the L4 checksum the stack left partial.
 */
static inline bool
mlx5e_ipsec_txwqe_build_eseg_csum(struct mlx5e_txqsq *sq, struct sk_buff *skb,
				  struct mlx5_wqe_eth_seg *eseg)
{
	u8 flags = MLX5_ETH_WQE_L3_CSUM;
	u8 inner;

	if (!mlx5e_ipsec_eseg_meta(eseg))
		return false;

	inner = xfrm_offload(skb)->inner_ipproto;
	if (inner) {
		flags |= MLX5_ETH_WQE_L3_INNER_CSUM;
		if (mlx5e_ipsec_l4_parsed(inner))
			flags |= MLX5_ETH_WQE_L4_INNER_CSUM;
	} else if (likely(skb->ip_summed == CHECKSUM_PARTIAL)) {
		flags |= MLX5_ETH_WQE_L4_CSUM;
		sq->stats->csum_partial_inner++;
	}
	eseg->cs_flags = flags;
	return true;
}

#endif /* __MLX5E_IPSEC_RXTX_H__ */
