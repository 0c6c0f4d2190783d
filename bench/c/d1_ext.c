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
#include <net/pkt_cls.h>
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

#if IS_ENABLED(CONFIG_NET_TC_SKB_EXT)
/*
 * Upstream's case for issue 18: tc gives every frame a TC_SKB_EXT
 * (tc_skb_ext_alloc()) and sets its chain. Allocation and free go
 * through the design's table, as alloc_free and rx64 (their baselines)
 * do, so the difference is the extension alone.
 */
static void d1_rx_tc(struct bench_ctx *ctx, unsigned int n)
{
	void **s = ctx->scratch;
	struct tc_skb_ext *tc;
	unsigned int i;

	for (i = 0; i < n; i++) {
		s[i] = ctx->d->alloc();
		BUG_ON(!s[i]);
		tc = tc_skb_ext_alloc(s[i]);
		BUG_ON(!tc);
		tc->chain = i;
	}
	for (i = 0; i < n; i++)
		ctx->d->free(s[i]);
}

static void d1_rx_tc1(struct bench_ctx *ctx)
{
	d1_rx_tc(ctx, 1);
}

static void d1_rx_tc64(struct bench_ctx *ctx)
{
	d1_rx_tc(ctx, 64);
}
#endif

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

/* the port as built: 6.1's allocation or an issue 18 design (-DSKBEXT_DESIGN) */
#if defined(CONFIG_SKB_EXT_CACHE) || defined(CONFIG_SKB_EXT_IN_HEAD)
#define D1_TITLE	"1 extension block (port, design " SKBEXT_DESIGN_NAME ")"
#else
#define D1_TITLE	"1 extension block (port)"
#endif

const struct bench_design design_ext = {
	.name = "ext",
	.title = D1_TITLE,
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
#if IS_ENABLED(CONFIG_NET_TC_SKB_EXT)
		[W_RX_TC1] = d1_rx_tc1,
		[W_RX_TC64] = d1_rx_tc64,
#endif
	},
};
