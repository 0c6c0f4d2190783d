// SPDX-License-Identifier: GPL-2.0-only
/*
 * The IPsec steps of mlx5e_xmit() (drivers/net/ethernet/mellanox/mlx5/
 * core/en_tx.c and en_accel/en_accel.h of 6.1): mlx5e_accel_tx_begin()
 * may drop the skb, the Ethernet segment gets the IPsec metadata and
 * checksum flags, and the completion consumes the skb. The WQE itself,
 * MPWQE and DMA are not modelled: the queue has one slot.
 */
#include <linux/kernel.h>
#include <net/xfrm.h>
#include <skbext/skbuff_drv.h>
#include "en.h"
#include "en_accel/ipsec.h"
#include "en_accel/ipsec_rxtx.h"

struct mlx5e_accel_tx_state {
	struct mlx5e_accel_tx_ipsec_state ipsec;
};

/*
 * Only a queue opened on an ESP-capable device looks at the offload
 * state. False: the IPsec step dropped the skb (freed and counted).
 */
static bool mlx5e_accel_tx_begin(struct net_device *dev,
				 struct mlx5e_txqsq *sq,
				 struct sk_buff *skb,
				 struct mlx5e_accel_tx_state *state)
{
	if (!test_bit(MLX5E_SQ_STATE_IPSEC, &sq->state) || !xfrm_offload(skb))
		return true;
	return mlx5e_ipsec_handle_tx_skb(dev, skb, &state->ipsec);
}

/* Trailer bytes inlined in the WQE: what the IPsec step asked for, if any. */
static unsigned int mlx5e_accel_tx_ids_len(struct mlx5e_txqsq *sq,
					   struct mlx5e_accel_tx_state *state)
{
	if (!test_bit(MLX5E_SQ_STATE_IPSEC, &sq->state))
		return 0;
	return mlx5e_ipsec_tx_ids_len(&state->ipsec);
}

static void mlx5e_accel_tx_eseg(struct mlx5e_priv *priv,
				struct sk_buff *skb,
				struct mlx5_wqe_eth_seg *eseg)
{
	if (!xfrm_offload(skb))
		return;
	mlx5e_ipsec_tx_build_eseg(priv, skb, eseg);
}

/*
 * The IPsec step sets an encrypted WQE's checksum flags; any other gets
 * L3 and L4 checksums if the stack left one partial, else none.
 */
static void mlx5e_txwqe_build_eseg_csum(struct mlx5e_txqsq *sq,
					struct sk_buff *skb,
					struct mlx5_wqe_eth_seg *eseg)
{
	if (mlx5e_ipsec_txwqe_build_eseg_csum(sq, skb, eseg))
		return;
	if (skb->ip_summed != CHECKSUM_PARTIAL) {
		sq->stats->csum_none++;
		return;
	}
	eseg->cs_flags = MLX5_ETH_WQE_L3_CSUM | MLX5_ETH_WQE_L4_CSUM;
}

/* The send queue behind the skb's queue mapping, if it has a free slot. */
static struct mlx5e_txqsq *mlx5e_xmit_sq(struct mlx5e_priv *priv,
					 struct sk_buff *skb)
{
	u16 txq = skb_get_queue_mapping(skb);
	struct mlx5e_txqsq *sq;

	if (txq >= ARRAY_SIZE(priv->txq2sq))
		return NULL;
	sq = priv->txq2sq[txq];
	return sq && !sq->pending ? sq : NULL;
}

/* Post the WQE: the skb waits in the queue's slot for its completion. */
static void mlx5e_sq_post(struct mlx5e_txqsq *sq, struct sk_buff *skb,
			  const struct mlx5_wqe_eth_seg *eseg,
			  unsigned int ids_len)
{
	sq->last_eseg = *eseg;
	sq->last_ids_len = ids_len;
	sq->stats->packets++;
	sq->stats->bytes += skb->len;
	sq->pending = skb;
}

/**
 * mlx5e_xmit - send one skb
 * @skb: packet, data at the Ethernet header
 * @dev: device
 *
 * Always NETDEV_TX_OK: an skb the IPsec step refuses has been freed
 * there; one that is sent waits in the queue for mlx5e_poll_tx_cq().
 */
netdev_tx_t mlx5e_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct mlx5e_priv *priv = netdev_priv(dev);
	struct mlx5e_txqsq *sq = mlx5e_xmit_sq(priv, skb);
	struct mlx5e_accel_tx_state accel = {};
	struct mlx5_wqe_eth_seg eseg = {};

	if (unlikely(!sq)) {
		dev_kfree_skb_any(skb);
		return NETDEV_TX_OK;
	}
	if (!mlx5e_accel_tx_begin(dev, sq, skb, &accel))
		return NETDEV_TX_OK;

	mlx5e_accel_tx_eseg(priv, skb, &eseg);
	mlx5e_txwqe_build_eseg_csum(sq, skb, &eseg);
	mlx5e_sq_post(sq, skb, &eseg, mlx5e_accel_tx_ids_len(sq, &accel));
	return NETDEV_TX_OK;
}

/* The completion of the pending WQE; true if there was one. */
bool mlx5e_poll_tx_cq(struct mlx5e_txqsq *sq)
{
	struct sk_buff *skb = sq->pending;

	if (!skb)
		return false;
	sq->pending = NULL;
	napi_consume_skb(skb, 64);
	return true;
}
