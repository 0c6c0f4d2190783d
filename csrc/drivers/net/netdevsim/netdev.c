// SPDX-License-Identifier: GPL-2.0-only
/*
 * nsim_start_xmit() of drivers/net/netdevsim/netdev.c (6.1): the IPsec
 * check, the Tx counters, and the skb freed with dev_kfree_skb() on both
 * outcomes, which in 6.1 is consume_skb(): netdevsim never reports a drop.
 */
#include <linux/kernel.h>
#include <net/xfrm.h>
#include "netdevsim.h"

netdev_tx_t nsim_start_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct netdevsim *ns = netdev_priv(dev);

	/* only what the IPsec check lets through is counted as sent */
	if (nsim_ipsec_tx(ns, skb)) {
		ns->tx_packets++;
		ns->tx_bytes += skb->len;
	}

	/* the device "sends" by freeing, whichever way the check went */
	dev_kfree_skb(skb);
	return NETDEV_TX_OK;
}
