// SPDX-License-Identifier: GPL-2.0-only
/*
 * The bridge-netfilter uses of the extension block, from
 * net/bridge/br_netfilter_hooks.c of 6.1. There the first two helpers
 * are static; here they are exported so the tape and the binding can
 * drive them.
 */
#include <linux/kernel.h>
#include <linux/skbuff.h>
#include <net/netfilter/br_netfilter.h>

#define ETH_P_8021Q	0x8100
#define ETH_P_PPP_SES	0x8864

static inline __be16 htons_k(u16 v)
{
	return (__be16)__builtin_bswap16(v);
}

/* The packet leaves bridge netfilter: forget its bridge state. */
void nf_bridge_info_free(struct sk_buff *skb)
{
	skb_ext_del(skb, SKB_EXT_BRIDGE_NF);
}

/* Write access to the bridge state, copying a shared block first. */
struct nf_bridge_info *nf_bridge_unshare(struct sk_buff *skb)
{
	return (struct nf_bridge_info *)skb_ext_add(skb, SKB_EXT_BRIDGE_NF);
}

/* Put back the encapsulation protocol bridge netfilter stripped. */
void nf_bridge_update_protocol(struct sk_buff *skb)
{
	const struct nf_bridge_info *nf_bridge = nf_bridge_info_get(skb);

	switch (nf_bridge->orig_proto) {
	case BRNF_PROTO_8021Q:
		skb->protocol = htons_k(ETH_P_8021Q);
		break;
	case BRNF_PROTO_PPPOE:
		skb->protocol = htons_k(ETH_P_PPP_SES);
		break;
	case BRNF_PROTO_UNCHANGED:
		break;
	}
}
