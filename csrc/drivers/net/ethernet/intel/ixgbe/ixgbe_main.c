// SPDX-License-Identifier: GPL-2.0-only
/*
 * The parts of drivers/net/ethernet/intel/ixgbe/ixgbe_main.c (6.1) around
 * the IPsec hooks: the start of ixgbe_xmit_frame_ring() up to the IPsec
 * step and its drop label, the Tx completion that counts tx_ipsec and
 * consumes the skb, and ixgbe_process_skb_fields() calling ixgbe_ipsec_rx().
 * VLAN, timestamping, FCoE, TSO, checksum and DMA mapping are not modelled:
 * the ring is a single slot and counters.
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
 * with the frame queued or, on an IPsec failure, freed as a drop.
 *
 * 5.0 gated the IPsec step on secpath_exists(skb) (skb->sp before the
 * extension series); 6.1 gates it on xfrm_offload(skb), so an skb whose
 * sec_path holds only software states goes out without the hook.
 */
netdev_tx_t ixgbe_xmit_frame_ring(struct sk_buff *skb,
				  struct ixgbe_adapter *adapter,
				  struct ixgbe_ring *tx_ring)
{
	struct ixgbe_ipsec_tx_data ipsec_tx = { 0 };
	struct ixgbe_tx_buffer *first;
	__be16 protocol = skb->protocol;
	u32 tx_flags = 0;

	/* the adapter feeds VLAN, PTP and SR-IOV flags, none modelled */
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
	first->protocol = protocol;

	if (xfrm_offload(skb) &&
	    !ixgbe_ipsec_tx(tx_ring, first, &ipsec_tx))
		goto out_drop;

	/* ixgbe_tso(), ixgbe_tx_csum() and ixgbe_tx_map() would follow */
	return NETDEV_TX_OK;

out_drop:
	dev_kfree_skb_any(first->skb);
	first->skb = NULL;

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
	struct ixgbe_tx_buffer *tx_buffer = &tx_ring->tx_buffer_info[0];
	unsigned int total_bytes = 0, total_packets = 0, total_ipsec = 0;

	if (!tx_buffer->skb)
		return false;

	total_bytes += tx_buffer->bytecount;
	total_packets += tx_buffer->gso_segs;
	if (tx_buffer->tx_flags & IXGBE_TX_FLAGS_IPSEC)
		total_ipsec++;

	napi_consume_skb(tx_buffer->skb, 64);
	tx_buffer->skb = NULL;
	tx_buffer->tx_flags = 0;

	tx_ring->stats.bytes += total_bytes;
	tx_ring->stats.packets += total_packets;
	adapter->tx_ipsec += total_ipsec;
	return true;
}

/* The IPsec part of filling in a received skb from its descriptor. */
void ixgbe_process_skb_fields(struct ixgbe_ring *rx_ring,
			      union ixgbe_adv_rx_desc *rx_desc,
			      struct sk_buff *skb)
{
	if (ixgbe_test_staterr(rx_desc, IXGBE_RXDADV_STAT_SECP))
		ixgbe_ipsec_rx(rx_ring, rx_desc, skb);
}
