// SPDX-License-Identifier: GPL-2.0-only
/*
 * IPv4 output, the part this port has: the fragmenter's exported steps
 * (ip_frag_init(), ip_frag_next()) and the metadata every fragment
 * inherits from the datagram, extensions included (ip_copy_metadata()).
 */
#include <linux/kernel.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/skbuff.h>
#include <net/ip.h>
#include <asm/byteorder.h>

/*
 * A fragment is a new skb: it carries the datagram's metadata, and holds
 * its own reference on the datagram's extension block (a bridged
 * packet's nf_bridge_info, a sec_path), as a clone would.
 */
static void ip_copy_metadata(struct sk_buff *piece, struct sk_buff *dgram)
{
	piece->dev = dgram->dev;
	piece->pkt_type = dgram->pkt_type;
	piece->protocol = dgram->protocol;
	piece->priority = dgram->priority;
	piece->mark = dgram->mark;
	piece->skb_iif = dgram->skb_iif;
	/* the fragment routes as the datagram did */
	skb_dst_drop(piece);
	skb_dst_copy(piece, dgram);
	skb_copy_hash(piece, dgram);
#ifdef CONFIG_NET_SCHED
	piece->tc_index = dgram->tc_index;
#endif
	nf_copy(piece, dgram);
	skb_ext_copy(piece, dgram);
	/* Debian builds IP_VS (as a module), so the bit goes along */
	piece->ipvs_property = dgram->ipvs_property;
	skb_copy_secmark(piece, dgram);
}

/**
 * ip_frag_init - start cutting @skb into fragments
 * @skb: the datagram, skb->data and the network header at its IP header
 * @hlen: bytes of IP header every fragment repeats
 * @ll_rs: headroom to leave in each fragment for the link layer
 * @mtu: most payload bytes per fragment
 * @DF: set IP_DF in the fragments
 * @state: filled in for ip_frag_next()
 *
 * A datagram that is itself a fragment keeps its offset and its MF bit.
 */
void ip_frag_init(struct sk_buff *skb, unsigned int hlen, unsigned int ll_rs,
		  unsigned int mtu, bool DF, struct ip_frag_state *state)
{
	__be16 frag_off = ip_hdr(skb)->frag_off;

	*state = (struct ip_frag_state) {
		.DF = DF,
		.hlen = hlen,
		.ll_rs = ll_rs,
		.mtu = mtu,
		.left = skb->len - hlen,
		.ptr = (int)hlen,
		.offset = (ntohs(frag_off) & IP_OFFSET) << 3,
		.not_last_frag = frag_off & htons(IP_MF),
	};
}

/**
 * ip_frag_next - the next fragment of a datagram
 * @skb: the datagram ip_frag_init() started on
 * @state: where it is
 *
 * Every fragment but the last carries a multiple of 8 payload bytes, at
 * most state->mtu. Returns the fragment (IP header, payload, metadata and
 * a reference on the datagram's extension block), or ERR_PTR(-ENOMEM).
 */
struct sk_buff *ip_frag_next(struct sk_buff *skb, struct ip_frag_state *state)
{
	unsigned int len = min(state->left, state->mtu);
	struct sk_buff *piece;
	struct iphdr *iph;
	u16 off;

	/* a fragment with more after it ends on an 8-byte boundary */
	if (len < state->left)
		len &= ~7u;

	piece = alloc_skb(state->ll_rs + state->hlen + len, GFP_ATOMIC);
	if (!piece)
		return ERR_PTR(-ENOMEM);
	ip_copy_metadata(piece, skb);

	skb_reserve(piece, state->ll_rs);
	skb_put(piece, state->hlen + len);
	skb_reset_network_header(piece);
	piece->transport_header = piece->network_header + state->hlen;

	/* the header first, then this fragment's share of the payload */
	memcpy(skb_network_header(piece), skb->data, state->hlen);
	if (skb_copy_bits(skb, state->ptr, skb_transport_header(piece), len))
		BUG();

	state->left -= len;
	off = state->offset >> 3;
	if (state->DF)
		off |= IP_DF;
	if (state->left || state->not_last_frag)
		off |= IP_MF;
	state->ptr += len;
	state->offset += len;

	iph = ip_hdr(piece);
	iph->frag_off = htons(off);
	iph->tot_len = htons(state->hlen + len);
	ip_send_check(iph);
	return piece;
}
