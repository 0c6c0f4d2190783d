// SPDX-License-Identifier: GPL-2.0-only
/*
 * netdevsim behind skbext/adapter.h: nsim_ipsec_init() as the netdev is
 * created, and nsim_start_xmit(), which frees every skb itself; whether
 * it counted the skb as sent (tx_packets) gives the verdict.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <net/xfrm.h>
#include "../../drivers/net/netdevsim/netdevsim.h"
#include <skbext/drv.h>

static int nsim_skbext_probe(struct net_device *dev)
{
	struct netdevsim *ns = netdev_priv(dev);

	ns->netdev = dev;
	nsim_ipsec_init(ns);
	return 0;
}

static void nsim_skbext_remove(struct net_device *dev)
{
	nsim_ipsec_teardown(netdev_priv(dev));
}

static netdev_tx_t nsim_skbext_xmit(struct net_device *dev, struct sk_buff *skb,
				    enum skbext_tx_verdict *verdict)
{
	struct netdevsim *ns = netdev_priv(dev);
	u64 before = ns->tx_packets;
	netdev_tx_t ret;

	ret = nsim_start_xmit(skb, dev);
	*verdict = ns->tx_packets > before ? SKBEXT_TX_SENT : SKBEXT_TX_DROPPED;
	return ret;
}

static unsigned int nsim_skbext_counters(struct net_device *dev,
					 const char **names, u64 *values,
					 unsigned int max)
{
	struct netdevsim *ns = netdev_priv(dev);
	unsigned int i = 0;

	skbext_put_counter(names, values, max, i++, "count", ns->ipsec.count);
	skbext_put_counter(names, values, max, i++, "tx", ns->ipsec.tx);
	skbext_put_counter(names, values, max, i++, "ok", ns->ipsec.ok);
	skbext_put_counter(names, values, max, i++, "tx_packets", ns->tx_packets);
	skbext_put_counter(names, values, max, i++, "tx_bytes", ns->tx_bytes);
	return i;
}

const struct skbext_drv_ops skbext_netdevsim_ops = {
	.name		= DRV_NAME,
	.priv_size	= sizeof(struct netdevsim),
	.probe		= nsim_skbext_probe,
	.remove		= nsim_skbext_remove,
	.xmit		= nsim_skbext_xmit,
	.counters	= nsim_skbext_counters,
};
