// SPDX-License-Identifier: GPL-2.0-only
/*
 * The parts of drivers/net/ethernet/intel/ixgbevf/ixgbevf_main.c (6.1)
 * around the IPsec hooks: the transmit path up to its IPsec step and the
 * drop that step can decide, the Tx completion counting tx_ipsec, and the
 * Rx field processing calling ixgbevf_ipsec_rx(). The ring is one slot
 * and counters.
 */
#include <linux/kernel.h>
#include <linux/if_ether.h>
#include <net/xfrm.h>
#include <skbext/skbuff_drv.h>
#include "ixgbevf.h"

/*
 * As ixgbe_xmit_frame_ring(): NETDEV_TX_BUSY while the slot still holds
 * the last frame, else NETDEV_TX_OK with the frame queued, or freed as a
 * drop when the IPsec step (run only for xfrm_offload() frames) refuses.
 */
netdev_tx_t ixgbevf_xmit_frame_ring(struct sk_buff *skb,
				    struct ixgbevf_adapter *adapter,
				    struct ixgbevf_ring *tx_ring)
{
	u16 slot = tx_ring->next_to_use;
	struct ixgbevf_tx_buffer *first = &tx_ring->tx_buffer_info[slot];
	struct ixgbevf_ipsec_tx_data ctx = { 0 };

	(void)adapter;

	if (first->skb) {
		tx_ring->tx_stats.tx_busy++;
		return NETDEV_TX_BUSY;
	}

	*first = (struct ixgbevf_tx_buffer) {
		.skb		= skb,
		.bytecount	= skb->len,
		.gso_segs	= 1,
		.protocol	= skb->protocol,
	};

	if (xfrm_offload(skb) && !ixgbevf_ipsec_tx(tx_ring, first, &ctx)) {
		dev_kfree_skb_any(skb);
		first->skb = NULL;
	}
	return NETDEV_TX_OK;
}

/* Counts and consumes the frame the slot holds; false if it is empty. */
bool ixgbevf_clean_tx_irq(struct ixgbevf_adapter *adapter,
			  struct ixgbevf_ring *tx_ring)
{
	struct ixgbevf_tx_buffer *done = &tx_ring->tx_buffer_info[0];

	if (!done->skb)
		return false;

	tx_ring->stats.packets += done->gso_segs;
	tx_ring->stats.bytes += done->bytecount;
	if (done->tx_flags & IXGBE_TX_FLAGS_IPSEC)
		adapter->tx_ipsec++;

	napi_consume_skb(done->skb, 64);
	done->skb = NULL;
	done->tx_flags = 0;
	return true;
}

void ixgbevf_process_skb_fields(struct ixgbevf_ring *rx_ring,
				union ixgbe_adv_rx_desc *rx_desc,
				struct sk_buff *skb)
{
	if (!ixgbevf_test_staterr(rx_desc, IXGBE_RXDADV_STAT_SECP))
		return;
	ixgbevf_ipsec_rx(rx_ring, rx_desc, skb);
}
