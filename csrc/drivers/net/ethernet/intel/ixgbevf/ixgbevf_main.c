// SPDX-License-Identifier: GPL-2.0-only
/*
 * The parts of drivers/net/ethernet/intel/ixgbevf/ixgbevf_main.c (6.1)
 * around the IPsec hooks: the Tx frame path up to the IPsec step and its
 * drop, the Tx completion counting tx_ipsec, and the Rx field processing
 * calling ixgbevf_ipsec_rx(). The ring is one slot and counters.
 */
#include <linux/kernel.h>
#include <linux/if_ether.h>
#include <net/xfrm.h>
#include <skbext/skbuff_drv.h>
#include "ixgbevf.h"

/* As ixgbe_xmit_frame_ring(): a failed IPsec step frees the skb as a drop. */
netdev_tx_t ixgbevf_xmit_frame_ring(struct sk_buff *skb,
				    struct ixgbevf_adapter *adapter,
				    struct ixgbevf_ring *tx_ring)
{
	struct ixgbevf_ipsec_tx_data ipsec_tx = { 0 };
	struct ixgbevf_tx_buffer *first;
	u32 tx_flags = 0;

	(void)adapter;
	if (tx_ring->tx_buffer_info[tx_ring->next_to_use].skb) {
		tx_ring->tx_stats.tx_busy++;
		return NETDEV_TX_BUSY;
	}

	first = &tx_ring->tx_buffer_info[tx_ring->next_to_use];
	first->skb = skb;
	first->bytecount = skb->len;
	first->gso_segs = 1;

	first->tx_flags = tx_flags;
	first->protocol = skb->protocol;

	if (xfrm_offload(skb) && !ixgbevf_ipsec_tx(tx_ring, first, &ipsec_tx))
		goto out_drop;

	return NETDEV_TX_OK;

out_drop:
	dev_kfree_skb_any(first->skb);
	first->skb = NULL;

	return NETDEV_TX_OK;
}

bool ixgbevf_clean_tx_irq(struct ixgbevf_adapter *adapter,
			  struct ixgbevf_ring *tx_ring)
{
	struct ixgbevf_tx_buffer *tx_buffer = &tx_ring->tx_buffer_info[0];
	unsigned int total_ipsec = 0;

	if (!tx_buffer->skb)
		return false;

	tx_ring->stats.bytes += tx_buffer->bytecount;
	tx_ring->stats.packets += tx_buffer->gso_segs;
	if (tx_buffer->tx_flags & IXGBE_TX_FLAGS_IPSEC)
		total_ipsec++;

	napi_consume_skb(tx_buffer->skb, 64);
	tx_buffer->skb = NULL;
	tx_buffer->tx_flags = 0;

	adapter->tx_ipsec += total_ipsec;
	return true;
}

void ixgbevf_process_skb_fields(struct ixgbevf_ring *rx_ring,
				union ixgbe_adv_rx_desc *rx_desc,
				struct sk_buff *skb)
{
	if (ixgbevf_test_staterr(rx_desc, IXGBE_RXDADV_STAT_SECP))
		ixgbevf_ipsec_rx(rx_ring, rx_desc, skb);
}
