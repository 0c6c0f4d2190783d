/* SPDX-License-Identifier: GPL-2.0-only */
/* Reading the bridge-netfilter extension of an skb. */
#ifndef __LINUX_BRIDGE_NETFILTER_H
#define __LINUX_BRIDGE_NETFILTER_H

#include <linux/skbuff.h>
#include <linux/netdevice.h>

#if IS_ENABLED(CONFIG_BRIDGE_NETFILTER)
/* The skb's bridge-netfilter state, or NULL when br_netfilter added none. */
static inline struct nf_bridge_info *
nf_bridge_info_get(const struct sk_buff *skb)
{
	return (struct nf_bridge_info *)skb_ext_find(skb, SKB_EXT_BRIDGE_NF);
}

static inline bool nf_bridge_info_exists(const struct sk_buff *skb)
{
	return nf_bridge_info_get(skb) != NULL;
}

/* The bridge port the frame came in on (0: none recorded). */
static inline int nf_bridge_get_physinif(const struct sk_buff *skb)
{
	const struct nf_bridge_info *info = nf_bridge_info_get(skb);

	return info ? info->physinif : 0;
}

/* The bridge port chosen for output, if br_netfilter has one yet. */
static inline struct net_device *
nf_bridge_get_physoutdev(const struct sk_buff *skb)
{
	const struct nf_bridge_info *info = nf_bridge_info_get(skb);

	if (!info)
		return NULL;
	return info->physoutdev;
}

static inline int nf_bridge_get_physoutif(const struct sk_buff *skb)
{
	const struct net_device *out = nf_bridge_get_physoutdev(skb);

	return out ? out->ifindex : 0;
}

/* Still in the bridge's PRE_ROUTING hook (a DNAT may yet reroute). */
static inline bool nf_bridge_in_prerouting(const struct sk_buff *skb)
{
	const struct nf_bridge_info *info = nf_bridge_info_get(skb);

	if (!info)
		return false;
	return info->in_prerouting;
}
#else
static inline bool nf_bridge_info_exists(const struct sk_buff *skb)
{
	return false;
}
static inline bool nf_bridge_in_prerouting(const struct sk_buff *skb)
{
	return false;
}
#endif

#endif /* __LINUX_BRIDGE_NETFILTER_H */
