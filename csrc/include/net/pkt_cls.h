/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Traffic-control classifier helpers (include/net/pkt_cls.h of 6.1):
 * here only the allocation of the tc skb extension.
 */
#ifndef __NET_PKT_CLS_H
#define __NET_PKT_CLS_H

#include <linux/skbuff.h>

#if IS_ENABLED(CONFIG_NET_TC_SKB_EXT)
/*
 * Add the tc extension to @skb, every field zero. skb_ext_add() leaves
 * a new extension's bytes as the block had them (a reused or copied
 * block keeps old values), and most writers set only the chain, so the
 * zone, mru and conntrack bits must not be left to chance. Returns the
 * extension, or NULL when it cannot be allocated.
 */
static inline struct tc_skb_ext *tc_skb_ext_alloc(struct sk_buff *skb)
{
	struct tc_skb_ext *ext = skb_ext_add(skb, TC_SKB_EXT);

	if (!ext)
		return NULL;
	memset(ext, 0, sizeof(*ext));
	return ext;
}
#endif

#endif /* __NET_PKT_CLS_H */
