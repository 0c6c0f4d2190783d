// SPDX-License-Identifier: GPL-2.0-only
/*
 * The parts of drivers/net/ethernet/intel/ixgbe/ixgbe_main.c (6.1) around
 * the IPsec hooks: the transmit path up to its IPsec step and the drop
 * that step can decide, the Tx completion that counts tx_ipsec and
 * consumes the skb, and ixgbe_process_skb_fields() calling
 * ixgbe_ipsec_rx(). VLAN, timestamping, FCoE, TSO, checksum and DMA
 * mapping are not modelled: the ring is a single slot and counters.
 */
#include <linux/kernel.h>
#include <linux/if_ether.h>
#include <net/xfrm.h>
#include <skbext/skbuff_drv.h>
#include "ixgbe.h"

/**
 * ixgbe_xmit_frame_ring - queue one frame
 * @skb: frame, data at the Ethernet header
 * @adapter: board private structure
 * @tx_ring: ring to queue on
 *
 * Returns NETDEV_TX_BUSY while the previous frame's completion has not run
 * (the one slot is taken; the driver counts tx_busy), else NETDEV_TX_OK
 * with the frame queued or, when the IPsec step refuses it, freed as a
 * drop.
 *
 * Until "ixgbe: Fix secpath usage for IPsec TX offload." (2019) the
 * IPsec step ran for any skb with a sec_path (skb->sp, later
 * secpath_exists()), so a forwarded frame still carrying what a software
 * SA left on receive was dropped for want of a Tx SA. 6.1 runs it when
 * xfrm_offload(skb) is set: a sec_path with olen 0 goes out without it.
 */
netdev_tx_t ixgbe_xmit_frame_ring(struct sk_buff *skb,
				  struct ixgbe_adapter *adapter,
				  struct ixgbe_ring *tx_ring)
{
	u16 slot = tx_ring->next_to_use;
	struct ixgbe_tx_buffer *first = &tx_ring->tx_buffer_info[slot];
	struct ixgbe_ipsec_tx_data ctx = { 0 };

	/* the adapter feeds VLAN, PTP and SR-IOV decisions, none modelled */
	(void)adapter;

	if (first->skb) {
		tx_ring->tx_stats.tx_busy++;
		return NETDEV_TX_BUSY;
	}

	*first = (struct ixgbe_tx_buffer) {
		.skb		= skb,
		.bytecount	= skb->len,
		.gso_segs	= 1,
		.protocol	= skb->protocol,
	};

	if (xfrm_offload(skb) && !ixgbe_ipsec_tx(tx_ring, first, &ctx)) {
		/* nothing of the frame reached the ring: a drop, not a send */
		dev_kfree_skb_any(skb);
		first->skb = NULL;
		return NETDEV_TX_OK;
	}

	/* ixgbe_tso(), ixgbe_tx_csum() and ixgbe_tx_map() would follow */
	return NETDEV_TX_OK;
}

/**
 * ixgbe_clean_tx_irq - complete what the ring sent
 * @adapter: board private structure
 * @tx_ring: ring to clean
 *
 * Counts the frame (and tx_ipsec when it went out with an SA) and
 * consumes its skb. Returns true if a frame was completed.
 */
bool ixgbe_clean_tx_irq(struct ixgbe_adapter *adapter,
			struct ixgbe_ring *tx_ring)
{
	struct ixgbe_tx_buffer *done = &tx_ring->tx_buffer_info[0];

	if (!done->skb)
		return false;

	tx_ring->stats.packets += done->gso_segs;
	tx_ring->stats.bytes += done->bytecount;
	if (done->tx_flags & IXGBE_TX_FLAGS_IPSEC)
		adapter->tx_ipsec++;

	/* it went out: a consumption, not a drop */
	napi_consume_skb(done->skb, 64);
	done->skb = NULL;
	done->tx_flags = 0;
	return true;
}

/* The IPsec part of filling in a received skb: only SECP frames. */
void ixgbe_process_skb_fields(struct ixgbe_ring *rx_ring,
			      union ixgbe_adv_rx_desc *rx_desc,
			      struct sk_buff *skb)
{
	if (!ixgbe_test_staterr(rx_desc, IXGBE_RXDADV_STAT_SECP))
		return;
	ixgbe_ipsec_rx(rx_ring, rx_desc, skb);
}
