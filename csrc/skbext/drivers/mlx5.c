// SPDX-License-Identifier: GPL-2.0-only
/*
 * mlx5e behind skbext/adapter.h: a ConnectX with the crypto and ESN
 * IPsec capabilities, mlx5e_ipsec_init() and _build_netdev() as the
 * profile init runs them, one send queue with MLX5E_SQ_STATE_IPSEC set
 * (the queue is opened on a device with NETIF_F_HW_ESP), the CQE's
 * metadata handed to the Rx build, and mlx5e_xmit() with its completion.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <net/xfrm.h>
#include "../../drivers/net/ethernet/mellanox/mlx5/core/en.h"
#include "../../drivers/net/ethernet/mellanox/mlx5/core/en_accel/ipsec.h"
#include "../../drivers/net/ethernet/mellanox/mlx5/core/en_accel/ipsec_rxtx.h"
#include <skbext/drv.h>

static int mlx5_skbext_probe(struct net_device *dev)
{
	struct mlx5e_priv *priv = netdev_priv(dev);
	int err;

	priv->netdev = dev;
	priv->ipsec_caps = MLX5_IPSEC_CAP_CRYPTO | MLX5_IPSEC_CAP_ESN;
	err = mlx5e_ipsec_init(priv);
	if (err)
		return err;
	mlx5e_ipsec_build_netdev(priv);

	priv->sq.stats = &priv->sq.sq_stats;
	if (dev->features & NETIF_F_HW_ESP)
		__set_bit(MLX5E_SQ_STATE_IPSEC, &priv->sq.state);
	priv->txq2sq[0] = &priv->sq;
	return 0;
}

static void mlx5_skbext_remove(struct net_device *dev)
{
	mlx5e_ipsec_cleanup(netdev_priv(dev));
}

static int mlx5_skbext_rx(struct net_device *dev, struct sk_buff *skb,
			  const struct skbext_rx_desc *desc)
{
	struct mlx5_cqe64 cqe = { .ft_metadata = cpu_to_be32(desc->ft_metadata) };

	if (!mlx5_ipsec_is_rx_flow(&cqe))
		return SKBEXT_RX_NOT_IPSEC;
	mlx5e_build_rx_skb_ipsec(dev, &cqe, skb);
	return SKBEXT_RX_PASSED;
}

static netdev_tx_t mlx5_skbext_xmit(struct net_device *dev, struct sk_buff *skb,
				    enum skbext_tx_verdict *verdict)
{
	struct mlx5e_priv *priv = netdev_priv(dev);
	netdev_tx_t ret;

	ret = mlx5e_xmit(skb, dev);
	if (priv->sq.pending) {
		mlx5e_poll_tx_cq(&priv->sq);
		*verdict = SKBEXT_TX_SENT;
	} else {
		*verdict = SKBEXT_TX_DROPPED;
	}
	return ret;
}

static unsigned int mlx5_skbext_counters(struct net_device *dev,
					 const char **names, u64 *values,
					 unsigned int max)
{
	struct mlx5e_priv *priv = netdev_priv(dev);
	struct mlx5e_ipsec_sw_stats *s = &priv->ipsec->sw_stats;
	struct mlx5e_sq_stats *sq = priv->sq.stats;
	unsigned int i = 0;

#define MLX5_SKBEXT_SW(name) \
	skbext_put_counter(names, values, max, i++, #name, atomic64_read(&s->name))
	MLX5_SKBEXT_SW(ipsec_rx_drop_sp_alloc);
	MLX5_SKBEXT_SW(ipsec_rx_drop_sadb_miss);
	MLX5_SKBEXT_SW(ipsec_rx_drop_syndrome);
	MLX5_SKBEXT_SW(ipsec_tx_drop_bundle);
	MLX5_SKBEXT_SW(ipsec_tx_drop_no_state);
	MLX5_SKBEXT_SW(ipsec_tx_drop_not_ip);
	MLX5_SKBEXT_SW(ipsec_tx_drop_trailer);
#undef MLX5_SKBEXT_SW
	skbext_put_counter(names, values, max, i++, "tx_packets", sq->packets);
	skbext_put_counter(names, values, max, i++, "tx_bytes", sq->bytes);
	skbext_put_counter(names, values, max, i++, "tx_csum_partial_inner",
			   sq->csum_partial_inner);
	return i;
}

static int mlx5_skbext_set_knob(struct net_device *dev, enum skbext_knob k,
				u64 value)
{
	struct mlx5e_priv *priv = netdev_priv(dev);

	if (k != SKBEXT_KNOB_MLX5_ESN_CAP)
		return -EINVAL;
	if (value)
		priv->ipsec_caps |= MLX5_IPSEC_CAP_ESN;
	else
		priv->ipsec_caps &= ~MLX5_IPSEC_CAP_ESN;
	return 0;
}

static long mlx5_skbext_rx_handle(struct net_device *dev, struct xfrm_state *x)
{
	struct mlx5e_ipsec_sa_entry *sa_entry =
		(struct mlx5e_ipsec_sa_entry *)x->xso.offload_handle;

	(void)dev;
	return sa_entry ? (long)sa_entry->handle : -EINVAL;
}

static int mlx5_skbext_features_check(struct net_device *dev,
				      struct sk_buff *skb,
				      netdev_features_t features,
				      netdev_features_t *out)
{
	struct sec_path *sp = skb_sec_path(skb);
	int i;

	/* the check reads xvec[0]'s handle only; it must be a state of ours */
	for (i = 0; sp && i < sp->len; i++)
		if (sp->xvec[i] && sp->xvec[i]->xso.offload_handle &&
		    sp->xvec[i]->xso.real_dev != dev)
			return -EINVAL;
	*out = mlx5e_ipsec_feature_check(skb, features);
	return 0;
}

const struct skbext_drv_ops skbext_mlx5_ops = {
	.name			= "mlx5_core",
	.handle_is_pointer	= true,
	.priv_size		= sizeof(struct mlx5e_priv),
	.probe			= mlx5_skbext_probe,
	.remove			= mlx5_skbext_remove,
	.rx			= mlx5_skbext_rx,
	.xmit			= mlx5_skbext_xmit,
	.counters		= mlx5_skbext_counters,
	.set_knob		= mlx5_skbext_set_knob,
	.rx_handle		= mlx5_skbext_rx_handle,
	.features_check		= mlx5_skbext_features_check,
};
