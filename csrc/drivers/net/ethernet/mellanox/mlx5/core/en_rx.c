// SPDX-License-Identifier: GPL-2.0-only
/*
 * The IPsec step of mlx5e_build_rx_skb() (drivers/net/ethernet/mellanox/
 * mlx5/core/en_rx.c of 6.1): a CQE whose metadata carries the IPsec
 * marker hands the skb to the IPsec Rx hook.
 */
#include <linux/kernel.h>
#include "en.h"
#include "en_accel/ipsec_rxtx.h"

void mlx5e_build_rx_skb_ipsec(struct net_device *netdev, struct mlx5_cqe64 *cqe,
			      struct sk_buff *skb)
{
	/* only a flow the IPsec steering tagged carries an SA handle */
	if (!mlx5_ipsec_is_rx_flow(cqe))
		return;
	mlx5e_ipsec_offload_handle_rx_skb(netdev, skb, cqe);
}
