// SPDX-License-Identifier: GPL-2.0-only
/*
 * Design 1: the extension block as the port has it (net/core/skbuff.c,
 * unchanged): skb_ext_add, skb_clone, kfree_skb, secpath_set.
 */
#include <linux/skbuff.h>
#include <skbext/slabinfo.h>
#include <net/xfrm.h>
#include <net/mptcp.h>
#include <net/netfilter/br_netfilter.h>
#include "bench.h"

static void *d1_alloc(void)
{
	struct sk_buff *skb = alloc_skb(BENCH_HEADROOM + BENCH_PAYLOAD,
					GFP_ATOMIC);

	if (!skb)
		return NULL;
	skb_reserve(skb, BENCH_HEADROOM);
	__skb_put(skb, BENCH_PAYLOAD);
	return skb;
}

static void *d1_clone(void *skb)
{
	return skb_clone(skb, GFP_ATOMIC);
}

static void d1_free(void *skb)
{
	kfree_skb(skb);
}

static int d1_add(void *p, enum bench_meta m)
{
	struct sk_buff *skb = p;
	void *map;

	switch (m) {
	case BM_BRIDGE:
		return nf_bridge_alloc(skb) ? 0 : -ENOMEM;
	case BM_SECPATH:
		return xfrm_input_push_state(skb, bench_xfrm_state);
	case BM_MPTCP:
		map = skb_ext_add(skb, SKB_EXT_MPTCP);
		if (!map)
			return -ENOMEM;
		bench_fill_mptcp(map);
		return 0;
	default:
		return -EINVAL;
	}
}

static int d1_write(void *p, enum bench_meta m)
{
	struct sk_buff *skb = p;

	switch (m) {
	case BM_BRIDGE:
		return nf_bridge_unshare(skb) ? 0 : -ENOMEM;
	case BM_SECPATH:
		return secpath_set(skb) ? 0 : -ENOMEM;
	case BM_MPTCP:
		return skb_ext_add(skb, SKB_EXT_MPTCP) ? 0 : -ENOMEM;
	default:
		return -EINVAL;
	}
}

static void d1_reset(void *skb)
{
	skb_ext_reset(skb);
}

/* The target's numerator, called directly: no table in between. */
static void d1_ext_add_reset(struct bench_ctx *ctx)
{
	struct sk_buff *skb = ctx->parent[0];

	ctx->sink += (unsigned long)skb_ext_add(skb, SKB_EXT_BRIDGE_NF);
	skb_ext_reset(skb);
}

static void d1_layout(struct bench_layout *l)
{
	unsigned int ext = bench_cache_stride("skbuff_ext_cache");

	l->skb_size = sizeof(struct sk_buff);
	l->skb_stride = bench_cache_stride("skbuff_head_cache");
	l->meta_bytes[0] = 0;
	l->meta_bytes[1] = ext;
	l->meta_bytes[2] = ext;
	l->meta_bytes[3] = ext;
	l->note = "one skbuff_ext_cache block holds every id";
}

const struct bench_design design_ext = {
	.name = "ext",
	.title = "1 extension block (port)",
	.supports = BM_ALL,
	.alloc = d1_alloc,
	.clone = d1_clone,
	.free = d1_free,
	.add = d1_add,
	.write = d1_write,
	.reset = d1_reset,
	.layout = d1_layout,
	.direct = {
		[W_EXT_ADD_RESET] = d1_ext_add_reset,
	},
};
