// SPDX-License-Identifier: GPL-2.0-only
/*
 * MCTP routing, as net/mctp/route.c (and af_mctp.c) of Linux 6.1 have
 * it, reduced to what touches skb extensions: socket keys and their
 * reference count, which an skb's flow extension holds, the flow set on
 * an outgoing message, and fragmentation, which must hand the flow to
 * every packet.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <net/mctp.h>

struct mctp_sk_key *mctp_key_alloc(mctp_eid_t local, mctp_eid_t peer,
				   u8 tag, gfp_t gfp)
{
	struct mctp_sk_key *key = kzalloc(sizeof(*key), gfp);

	if (!key)
		return NULL;

	key->peer_addr = peer;
	key->local_addr = local;
	key->tag = tag;
	refcount_set(&key->refs, 1);
	return key;
}

void mctp_key_unref(struct mctp_sk_key *key)
{
	if (!refcount_dec_and_test(&key->refs))
		return;

	kfree(key);
}

#ifdef CONFIG_MCTP_FLOWS
/**
 * mctp_skb_set_flow - tie an outgoing skb to the key of its flow
 * @skb: a message on its way out
 * @key: the socket key the message's tag belongs to
 *
 * The flow extension holds a reference on @key, which the extension
 * block gives back when it is freed (skb_ext_put_mctp() in 6.1). When
 * the extension cannot be added the skb goes without one, as in 6.1:
 * a device then sees no flow.
 */
void mctp_skb_set_flow(struct sk_buff *skb, struct mctp_sk_key *key)
{
	struct mctp_flow *flow = skb_ext_add(skb, SKB_EXT_MCTP);

	if (!flow)
		return;
	refcount_inc(&key->refs);
	flow->key = key;
}
#endif

/**
 * mctp_do_fragment_route - send a message in packets of at most @mtu bytes
 * @rt: the route: every packet goes to @rt->output, which owns it after
 * @skb: the message, its MCTP header at the network header; consumed
 * @mtu: largest packet, header included
 * @tag: the message tag (and tag-owner flag) every packet carries
 *
 * Each packet is a new skb with the message's headroom, a copy of its
 * header with the start/end flags and a sequence number, the next slice
 * of the payload, and the message's extensions: the MCTP flow (its key)
 * must reach the device with every packet, not only the first. Returns
 * 0, -EMSGSIZE when @mtu holds no payload, -ENOMEM when a packet cannot
 * be allocated, or the first error @rt->output returns; the packets sent
 * before an error stay sent.
 */
int mctp_do_fragment_route(struct mctp_route *rt, struct sk_buff *skb,
			   unsigned int mtu, u8 tag)
{
	const unsigned int hlen = sizeof(struct mctp_hdr);
	const struct mctp_hdr *msg = mctp_hdr(skb);
	unsigned int room = skb_headroom(skb), pos, chunk, body;
	u8 seq = 0;
	int rc = 0;

	if (mtu <= hlen) {
		kfree_skb(skb);
		return -EMSGSIZE;
	}

	skb_pull(skb, hlen);
	body = skb->len;
	for (pos = 0; pos < body; pos += chunk) {
		struct sk_buff *pkt;
		struct mctp_hdr *hdr;
		u8 flags;

		chunk = min(mtu - hlen, body - pos);
		pkt = alloc_skb(room + hlen + chunk, GFP_KERNEL);
		if (!pkt) {
			rc = -ENOMEM;
			break;
		}

		pkt->protocol = skb->protocol;
		pkt->priority = skb->priority;
		pkt->dev = skb->dev;
		memcpy(pkt->cb, skb->cb, sizeof(pkt->cb));

		skb_reserve(pkt, (int)room);
		skb_reset_network_header(pkt);
		skb_put(pkt, hlen + chunk);
		pkt->transport_header = pkt->network_header + hlen;

		flags = tag & (MCTP_HDR_TAG_MASK | MCTP_HDR_FLAG_TO);
		if (!pos)
			flags |= MCTP_HDR_FLAG_SOM;
		if (pos + chunk == body)
			flags |= MCTP_HDR_FLAG_EOM;
		flags |= seq << MCTP_HDR_SEQ_SHIFT;

		hdr = mctp_hdr(pkt);
		hdr->ver = msg->ver;
		hdr->dest = msg->dest;
		hdr->src = msg->src;
		hdr->flags_seq_tag = flags;
		BUG_ON(skb_copy_bits(skb, (int)pos, skb_transport_header(pkt),
				     (int)chunk));

		/* the flow (and whatever else) goes with every packet */
		skb_ext_copy(pkt, skb);

		rc = rt->output(rt, pkt);
		if (rc)
			break;
		seq = (seq + 1) & MCTP_HDR_SEQ_MASK;
	}

	consume_skb(skb);
	return rc;
}
