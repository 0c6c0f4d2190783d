// SPDX-License-Identifier: GPL-2.0-only
/*
 * Generic receive offload, as net/core/gro.c of Linux 6.1 has it: here
 * only the step that recycles an skb whose contents GRO merged into
 * another packet.
 */
#include <linux/kernel.h>
#include <linux/skbuff.h>
#include <linux/netdevice.h>

/**
 * napi_reuse_skb - make a merged-away skb the NAPI context's next one
 * @napi: the context that hands it out again (napi_get_frags())
 * @skb: buffer whose data GRO merged into another packet
 *
 * The skb is emptied back to the headroom a driver's receive buffer
 * starts with and its per-packet fields are cleared. What it holds
 * besides its data (extensions, conntrack, owner) is dropped only when
 * skb->slow_gro says there may be any, and then with skb_ext_reset(),
 * which leaves the extensions pointer stale. A pfmemalloc skb is not
 * reused at all.
 */
void napi_reuse_skb(struct napi_struct *napi, struct sk_buff *skb)
{
	struct skb_shared_info *shinfo;

	/* memory from the reserves goes back at once */
	if (skb_pfmemalloc(skb)) {
		consume_skb(skb);
		return;
	}

	/* no data, and the driver's reserve in front again */
	__skb_pull(skb, skb->len - skb->data_len);
	skb_reserve(skb, (int)(NET_SKB_PAD + NET_IP_ALIGN) -
			 (int)skb_headroom(skb));

	skb->vlan_present = 0;
	skb->dev = napi->dev;
	skb->skb_iif = 0;
	/* eth_type_trans() expects a frame for this host to begin with */
	skb->pkt_type = PACKET_HOST;
	skb->encapsulation = 0;
	skb->ip_summed = CHECKSUM_NONE;
	shinfo = skb_shinfo(skb);
	shinfo->gso_type = 0;
	shinfo->gso_size = 0;

	/* only slow_gro skbs can hold anything beyond their data */
	if (skb->slow_gro) {
		skb_orphan(skb);
		skb_ext_reset(skb);
		nf_reset_ct(skb);
		skb->slow_gro = 0;
	}
	napi->skb = skb;
}
