/* SPDX-License-Identifier: GPL-2.0-only */
/* Attaching the bridge-netfilter extension (net/bridge/br_netfilter_hooks.c). */
#ifndef _BR_NETFILTER_H_
#define _BR_NETFILTER_H_

#include <linux/netfilter_bridge.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A zeroed nf_bridge_info, or NULL when the extension cannot be added. */
static inline struct nf_bridge_info *nf_bridge_alloc(struct sk_buff *skb)
{
#if IS_ENABLED(CONFIG_BRIDGE_NETFILTER)
	struct nf_bridge_info *b =
		(struct nf_bridge_info *)skb_ext_add(skb, SKB_EXT_BRIDGE_NF);

	if (b)
		memset(b, 0, sizeof(*b));

	return b;
#else
	return NULL;
#endif
}

void nf_bridge_info_free(struct sk_buff *skb);
struct nf_bridge_info *nf_bridge_unshare(struct sk_buff *skb);
void nf_bridge_update_protocol(struct sk_buff *skb);

#ifdef __cplusplus
}
#endif

#endif /* _BR_NETFILTER_H_ */
