// SPDX-License-Identifier: GPL-2.0-only
/*
 * ixgbe behind skbext/adapter.h: the probe steps that matter for IPsec
 * (ixgbe_init_ipsec_offload() and the ESP features), the Rx descriptor
 * handed to ixgbe_process_skb_fields(), and ixgbe_xmit_frame_ring() with
 * its completion.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <net/xfrm.h>
#include "../../drivers/net/ethernet/intel/ixgbe/ixgbe.h"
#include <skbext/drv.h>

#define IXGBE_ESP_FEATURES	(NETIF_F_HW_ESP | NETIF_F_HW_ESP_TX_CSUM | \
				 NETIF_F_GSO_ESP)

static int ixgbe_skbext_probe(struct net_device *dev)
{
	struct ixgbe_adapter *adapter = netdev_priv(dev);

	adapter->netdev = dev;
	adapter->tx_ring.netdev = dev;
	adapter->rx_ring.netdev = dev;
	adapter->bridge_mode = BRIDGE_MODE_VEB;

	ixgbe_init_ipsec_offload(adapter);
	if (adapter->ipsec) {
		dev->features |= IXGBE_ESP_FEATURES;
		dev->hw_enc_features |= IXGBE_ESP_FEATURES;
	}
	return 0;
}

static void ixgbe_skbext_remove(struct net_device *dev)
{
	ixgbe_stop_ipsec_offload(netdev_priv(dev));
}

static int ixgbe_skbext_rx(struct net_device *dev, struct sk_buff *skb,
			   const struct skbext_rx_desc *desc)
{
	struct ixgbe_adapter *adapter = netdev_priv(dev);
	union ixgbe_adv_rx_desc rx_desc;

	memset(&rx_desc, 0, sizeof(rx_desc));
	rx_desc.wb.upper.status_error = cpu_to_le32(desc->status_error);
	rx_desc.wb.lower.lo_dword.hs_rss.pkt_info = cpu_to_le16(desc->pkt_info);

	if (!ixgbe_test_staterr(&rx_desc, IXGBE_RXDADV_STAT_SECP))
		return SKBEXT_RX_NOT_IPSEC;
	if (!skbext_ixgbe_rx_frame_ok(skb, desc->pkt_info))
		return -EINVAL;

	ixgbe_process_skb_fields(&adapter->rx_ring, &rx_desc, skb);
	return SKBEXT_RX_PASSED;
}

static netdev_tx_t ixgbe_skbext_xmit(struct net_device *dev,
				     struct sk_buff *skb,
				     enum skbext_tx_verdict *verdict)
{
	struct ixgbe_adapter *adapter = netdev_priv(dev);
	struct ixgbe_ring *ring = &adapter->tx_ring;
	netdev_tx_t ret;

	ret = ixgbe_xmit_frame_ring(skb, adapter, ring);
	if (ret != NETDEV_TX_OK) {
		*verdict = SKBEXT_TX_BUSY;
		return ret;
	}
	if (ring->tx_buffer_info[0].skb) {
		ixgbe_clean_tx_irq(adapter, ring);
		*verdict = SKBEXT_TX_SENT;
	} else {
		*verdict = SKBEXT_TX_DROPPED;
	}
	return ret;
}

static unsigned int ixgbe_skbext_counters(struct net_device *dev,
					  const char **names, u64 *values,
					  unsigned int max)
{
	struct ixgbe_adapter *adapter = netdev_priv(dev);
	struct ixgbe_ipsec *ipsec = adapter->ipsec;
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
	return i;
}

static int ixgbe_skbext_set_knob(struct net_device *dev, enum skbext_knob k,
				 u64 value)
{
	struct ixgbe_adapter *adapter = netdev_priv(dev);

	switch (k) {
	case SKBEXT_KNOB_IXGBE_NUM_VFS:
		adapter->num_vfs = value;
		return 0;
	case SKBEXT_KNOB_IXGBE_BRIDGE_VEPA:
		adapter->bridge_mode = value ? BRIDGE_MODE_VEPA : BRIDGE_MODE_VEB;
		return 0;
	default:
		return -EINVAL;
	}
}

static long ixgbe_skbext_rx_handle(struct net_device *dev, struct xfrm_state *x)
{
	(void)dev;
	return x->xso.offload_handle - IXGBE_IPSEC_BASE_RX_INDEX;
}

const struct skbext_drv_ops skbext_ixgbe_ops = {
	.name		= "ixgbe",
	.priv_size	= sizeof(struct ixgbe_adapter),
	.probe		= ixgbe_skbext_probe,
	.remove		= ixgbe_skbext_remove,
	.rx		= ixgbe_skbext_rx,
	.xmit		= ixgbe_skbext_xmit,
	.counters	= ixgbe_skbext_counters,
	.set_knob	= ixgbe_skbext_set_knob,
	.rx_handle	= ixgbe_skbext_rx_handle,
};
