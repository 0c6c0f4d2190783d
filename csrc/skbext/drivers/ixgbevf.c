// SPDX-License-Identifier: GPL-2.0-only
/*
 * ixgbevf behind skbext/adapter.h: a VF whose PF negotiated mailbox API
 * 1.7 with IPsec (pf_features), ixgbevf_init_ipsec_offload(), the Rx
 * descriptor handed to ixgbevf_process_skb_fields(), and the Tx frame
 * path with its completion.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <net/xfrm.h>
#include "../../drivers/net/ethernet/intel/ixgbevf/ixgbevf.h"
#include <skbext/drv.h>

static int ixgbevf_skbext_probe(struct net_device *dev)
{
	struct ixgbevf_adapter *adapter = netdev_priv(dev);

	adapter->netdev = dev;
	adapter->tx_ring.netdev = dev;
	adapter->rx_ring.netdev = dev;
	adapter->pf_features = IXGBEVF_PF_SUP_IPSEC;

	ixgbevf_init_ipsec_offload(adapter);
	return 0;
}

static void ixgbevf_skbext_remove(struct net_device *dev)
{
	ixgbevf_stop_ipsec_offload(netdev_priv(dev));
}

static int ixgbevf_skbext_rx(struct net_device *dev, struct sk_buff *skb,
			     const struct skbext_rx_desc *desc)
{
	struct ixgbevf_adapter *adapter = netdev_priv(dev);
	union ixgbe_adv_rx_desc rx_desc;

	memset(&rx_desc, 0, sizeof(rx_desc));
	rx_desc.wb.upper.status_error = cpu_to_le32(desc->status_error);
	rx_desc.wb.lower.lo_dword.hs_rss.pkt_info = cpu_to_le16(desc->pkt_info);

	if (!ixgbevf_test_staterr(&rx_desc, IXGBE_RXDADV_STAT_SECP))
		return SKBEXT_RX_NOT_IPSEC;
	if (!skbext_ixgbe_rx_frame_ok(skb, desc->pkt_info))
		return -EINVAL;

	ixgbevf_process_skb_fields(&adapter->rx_ring, &rx_desc, skb);
	return SKBEXT_RX_PASSED;
}

static netdev_tx_t ixgbevf_skbext_xmit(struct net_device *dev,
				       struct sk_buff *skb,
				       enum skbext_tx_verdict *verdict)
{
	struct ixgbevf_adapter *adapter = netdev_priv(dev);
	struct ixgbevf_ring *ring = &adapter->tx_ring;
	netdev_tx_t ret;

	ret = ixgbevf_xmit_frame_ring(skb, adapter, ring);
	if (ret != NETDEV_TX_OK) {
		*verdict = SKBEXT_TX_BUSY;
		return ret;
	}
	if (ring->tx_buffer_info[0].skb) {
		ixgbevf_clean_tx_irq(adapter, ring);
		*verdict = SKBEXT_TX_SENT;
	} else {
		*verdict = SKBEXT_TX_DROPPED;
	}
	return ret;
}

static unsigned int ixgbevf_skbext_counters(struct net_device *dev,
					    const char **names, u64 *values,
					    unsigned int max)
{
	struct ixgbevf_adapter *adapter = netdev_priv(dev);
	struct ixgbevf_ipsec *ipsec = adapter->ipsec;
	unsigned int i = 0;

	skbext_put_counter(names, values, max, i++, "rx_ipsec", adapter->rx_ipsec);
	skbext_put_counter(names, values, max, i++, "tx_ipsec", adapter->tx_ipsec);
	skbext_put_counter(names, values, max, i++, "tx_packets",
			   adapter->tx_ring.stats.packets);
	skbext_put_counter(names, values, max, i++, "tx_bytes",
			   adapter->tx_ring.stats.bytes);
	skbext_put_counter(names, values, max, i++, "tx_busy",
			   adapter->tx_ring.tx_stats.tx_busy);
	skbext_put_counter(names, values, max, i++, "num_rx_sa", ipsec->num_rx_sa);
	skbext_put_counter(names, values, max, i++, "num_tx_sa", ipsec->num_tx_sa);
	skbext_put_counter(names, values, max, i++, "mbx_writes",
			   adapter->hw.mbx.writes);
	return i;
}

static int ixgbevf_skbext_set_knob(struct net_device *dev,
				   enum skbext_knob k, u64 value)
{
	struct ixgbevf_adapter *adapter = netdev_priv(dev);

	switch (k) {
	case SKBEXT_KNOB_IXGBEVF_PF_IPSEC:
		if (value)
			adapter->pf_features |= IXGBEVF_PF_SUP_IPSEC;
		else
			adapter->pf_features &= ~IXGBEVF_PF_SUP_IPSEC;
		return 0;
	case SKBEXT_KNOB_IXGBEVF_PF_NACK:
		adapter->hw.mbx.pf_nack = !!value;
		return 0;
	case SKBEXT_KNOB_IXGBEVF_MBX_FAIL:
		adapter->hw.mbx.fail_write = !!value;
		return 0;
	default:
		return -EINVAL;
	}
}

static long ixgbevf_skbext_rx_handle(struct net_device *dev, struct xfrm_state *x)
{
	(void)dev;
	return x->xso.offload_handle - IXGBE_IPSEC_BASE_RX_INDEX;
}

const struct skbext_drv_ops skbext_ixgbevf_ops = {
	.name		= "ixgbevf",
	.priv_size	= sizeof(struct ixgbevf_adapter),
	.probe		= ixgbevf_skbext_probe,
	.remove		= ixgbevf_skbext_remove,
	.rx		= ixgbevf_skbext_rx,
	.xmit		= ixgbevf_skbext_xmit,
	.counters	= ixgbevf_skbext_counters,
	.set_knob	= ixgbevf_skbext_set_knob,
	.rx_handle	= ixgbevf_skbext_rx_handle,
};
