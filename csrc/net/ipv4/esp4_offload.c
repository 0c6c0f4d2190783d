// SPDX-License-Identifier: GPL-2.0-only
/*
 * ESP offload for IPv4, the extension side of it: segmenting a GSO
 * packet whose ESP the device adds (esp4_gso_segment()) and the transmit
 * step (esp_xmit()). Both are static in 6.1 and reached through the
 * offload tables; here they are called directly.
 *
 * The segments of one GSO packet share its extension block (skb_segment()
 * copies the header of each with __copy_skb_header()), so they share one
 * sec_path and one xfrm_offload. What esp_xmit() writes for one segment
 * alone must go to a private copy: upstream commit c7dbf4c08868 ("xfrm:
 * Provide private skb extensions for segmented and hw offloaded ESP
 * packets", 5.12) made it so.
 *
 * The port's GSO packets carry no ESP header and no crypto: the header
 * pull, the SPI check and the sequence number write into the header are
 * left out, as is the software fallback.
 */
#include <linux/kernel.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <net/esp.h>
#include <net/xfrm.h>

/*
 * The features the segments are cut with: a device that does not do
 * ESP for this state (another device, or no ESP offload) gets no SG and
 * no checksums; one without ESP Tx checksums gets no checksums.
 */
static netdev_features_t esp4_gso_features(struct xfrm_state *x,
					   struct sk_buff *skb,
					   netdev_features_t features)
{
	if (!(features & NETIF_F_HW_ESP) || x->xso.dev != skb->dev)
		return features & ~(NETIF_F_SG | NETIF_F_CSUM_MASK);
	if (!(features & NETIF_F_HW_ESP_TX_CSUM))
		return features & ~NETIF_F_CSUM_MASK;
	return features;
}

/**
 * esp4_gso_segment - segment a GSO packet for ESP offload
 * @skb: a GSO packet marked SKB_GSO_ESP by xfrm_output_offload()
 * @features: the device's features
 *
 * The offload state is marked XFRM_GSO_SEGMENT before the cut, in the
 * packet's own block: every segment then shares the mark (and the
 * block). The transport is TCP: its segmentation is skb_segment().
 *
 * Returns the segments, or an ERR_PTR(): -EINVAL for a packet with no
 * offload state or not marked for ESP, else skb_segment()'s.
 */
struct sk_buff *esp4_gso_segment(struct sk_buff *skb,
				 netdev_features_t features)
{
	struct xfrm_offload *off = xfrm_offload(skb);
	struct xfrm_state *x;

	if (!off || !(skb_shinfo(skb)->gso_type & SKB_GSO_ESP))
		return ERR_PTR(-EINVAL);
	x = xfrm_input_state(skb);

	skb->encap_hdr_csum = 1;
	off->flags |= XFRM_GSO_SEGMENT;
	return skb_segment(skb, esp4_gso_features(x, skb, features));
}

/**
 * esp_xmit - the ESP step before a packet goes to an offloading device
 * @x: the state (the innermost on the packet's sec_path)
 * @skb: one packet, or one segment of a GSO packet
 * @features: the device's features
 *
 * The sequence counter in the offload state is advanced for every
 * segment: it stays in the block the segments share, so each one counts
 * on from the one before. Then the packet is marked XFRM_XMIT, so that
 * it is not transformed a second time: that mark is this segment's
 * alone, so the block is made private first (skb_ext_add() copies a
 * shared one).
 *
 * Returns 0; -EINVAL without an offload state; -ENOMEM when the private
 * copy cannot be allocated; -EOPNOTSUPP where 6.1 would fall back to
 * software ESP (the port has none).
 */
int esp_xmit(struct xfrm_state *x, struct sk_buff *skb,
	     netdev_features_t features)
{
	struct xfrm_offload *off = xfrm_offload(skb);
	u32 seq;

	if (!off)
		return -EINVAL;
	if (!(features & NETIF_F_HW_ESP) || x->xso.dev != skb->dev)
		return -EOPNOTSUPP;

	seq = off->seq.low;
	if (off->flags & XFRM_GSO_SEGMENT)
		off->seq.low += skb_is_gso(skb) ? skb_shinfo(skb)->gso_segs : 1;
	/* the low half wrapped */
	if (off->seq.low < seq)
		off->seq.hi++;

	if (!skb_ext_add(skb, SKB_EXT_SEC_PATH))
		return -ENOMEM;
	/* the copy, not the shared block */
	off = xfrm_offload(skb);
	if (!off)
		return -EINVAL;
	off->flags |= XFRM_XMIT;
	return 0;
}
