// SPDX-License-Identifier: GPL-2.0-only
/*
 * ch_ipsec behind skbext/adapter.h: a T6 port the ipsec ULD has attached
 * to, cxgb4_eth_xmit() routing offloaded packets to ch_ipsec_xmit(), and
 * the reclaim that consumes a sent skb. The T6 offloads Tx only.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <net/xfrm.h>
#include "../../drivers/net/ethernet/chelsio/inline_crypto/ch_ipsec/chcr_ipsec.h"
#include <skbext/drv.h>

static int chcr_skbext_probe(struct net_device *dev)
{
	struct port_info *pi = netdev_priv(dev);

	pi->netdev = dev;
	ch_ipsec_init_netdev(dev);
	return 0;
}

static void chcr_skbext_remove(struct net_device *dev)
{
	(void)dev;
}

static netdev_tx_t chcr_skbext_xmit(struct net_device *dev, struct sk_buff *skb,
				    enum skbext_tx_verdict *verdict)
{
	struct port_info *pi = netdev_priv(dev);
	netdev_tx_t ret;

	ret = cxgb4_eth_xmit(skb, dev);
	if (ret != NETDEV_TX_OK) {
		*verdict = SKBEXT_TX_BUSY;
		return ret;
	}
	if (pi->txq.pending) {
		cxgb4_reclaim_completed_tx(pi);
		*verdict = SKBEXT_TX_SENT;
	} else {
		*verdict = SKBEXT_TX_DROPPED;
	}
	return ret;
}

static unsigned int chcr_skbext_counters(struct net_device *dev,
					 const char **names, u64 *values,
					 unsigned int max)
{
	struct port_info *pi = netdev_priv(dev);
	unsigned int i = 0;

	skbext_put_counter(names, values, max, i++, "mapping_err",
			   pi->txq.mapping_err);
	skbext_put_counter(names, values, max, i++, "tx_packets",
			   pi->txq.tx_packets);
	skbext_put_counter(names, values, max, i++, "sa_entries", pi->sa_entries);
	return i;
}

const struct skbext_drv_ops skbext_chelsio_ops = {
	.name			= CHIPSEC_DRV_MODULE_NAME,
	.handle_is_pointer	= true,
	.priv_size		= sizeof(struct port_info),
	.probe			= chcr_skbext_probe,
	.remove			= chcr_skbext_remove,
	.xmit			= chcr_skbext_xmit,
	.counters		= chcr_skbext_counters,
};
