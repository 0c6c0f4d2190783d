// SPDX-License-Identifier: GPL-2.0-only
/*
 * Design 7: the extension block carved out of the packet's headroom
 * instead of a slab object (proposed upstream in 2023 and again in 2025).
 * The first extension of an skb whose head is not shared and has room
 * for a whole block plus D7_SLACK bytes left for pushes takes the first
 * BENCH_EXT_BYTES of the head; otherwise, and for every copy-on-write
 * (the head is shared then), the block comes from skbuff_ext_cache as
 * before. A headroom block is never freed: it goes with the head.
 *
 * Not modelled: a real implementation must also make skb_headroom()
 * exclude the block, and must move the block to the slab before an skb
 * that does not share the head (skb_copy, pskb_expand_head) refers to
 * it. The workloads here only clone, which shares the head.
 */
#include <linux/skbuff.h>
#include <net/xfrm.h>
#include "bench.h"
#include "ext_common.h"

#define D7_SLACK	64

/* A spare byte of the block header (the padding after chunks). */
#define D7_IN_HEADROOM(ext) \
	(((u8 *)(ext))[offsetof(struct skb_ext, chunks) + 1])

BUILD_BUG_ON(offsetof(struct skb_ext, data) < offsetof(struct skb_ext, chunks) + 2);

static unsigned long d7_carved, d7_slab;

static inline struct skb_ext *d7_alloc_first(struct sk_buff *skb)
{
	struct skb_ext *ext;

	if (!skb_cloned(skb) &&
	    skb_headroom(skb) >= BENCH_EXT_BYTES + D7_SLACK) {
		ext = (struct skb_ext *)skb->head;
		D7_IN_HEADROOM(ext) = 1;
		d7_carved++;
		return ext;
	}
	ext = kmem_cache_alloc(skbuff_ext_cache, GFP_ATOMIC);
	if (ext)
		D7_IN_HEADROOM(ext) = 0;
	d7_slab++;
	return ext;
}

static inline struct skb_ext *d7_alloc_cow(void)
{
	d7_slab++;
	return kmem_cache_alloc(skbuff_ext_cache, GFP_ATOMIC);
}

static inline void d7_free(struct skb_ext *ext)
{
	if (!D7_IN_HEADROOM(ext))
		kmem_cache_free(skbuff_ext_cache, ext);
}

#define EXTT(x)			d7_##x
#define EXTT_SKB		struct sk_buff
#define EXTT_ALLOC_FIRST(skb)	d7_alloc_first(skb)
#define EXTT_ALLOC_COW()	d7_alloc_cow()
#define EXTT_FREE(ext)		d7_free(ext)
#define EXTT_SET_SLOW_GRO(skb)	((skb)->slow_gro = 1)
#define EXTT_COW_FIXUP(new)	(D7_IN_HEADROOM(new) = 0)
#include "ext_tmpl.h"

static void *d7_bench_alloc(void)
{
	return design_ext.alloc();
}

static void *d7_clone(void *skb)
{
	return skb_clone(skb, GFP_ATOMIC);
}

static void d7_bench_free(void *skb)
{
	d7_ext_reset(skb);
	kfree_skb(skb);
}

static int d7_add(void *skb, enum bench_meta m)
{
	return d7_add_meta(skb, m);
}

static int d7_write(void *skb, enum bench_meta m)
{
	return d7_write_meta(skb, m);
}

static void d7_reset(void *skb)
{
	d7_ext_reset(skb);
}

static void d7_ext_add_reset(struct bench_ctx *ctx)
{
	struct sk_buff *skb = ctx->parent[0];

	ctx->sink += (unsigned long)d7_ext_add(skb, SKB_EXT_BRIDGE_NF);
	d7_ext_reset(skb);
}

static void d7_layout(struct bench_layout *l)
{
	design_ext.layout(l);
	l->meta_bytes[1] = 0;
	l->meta_bytes[2] = 0;
	l->meta_bytes[3] = 0;
	l->headroom_bytes = BENCH_EXT_BYTES;
	l->note = "no slab bytes while the headroom has room; COW goes to the slab";
}

const struct bench_design design_headroom = {
	.name = "headroom",
	.title = "7 ext block in the headroom",
	.supports = BM_ALL,
	.alloc = d7_bench_alloc,
	.clone = d7_clone,
	.free = d7_bench_free,
	.add = d7_add,
	.write = d7_write,
	.reset = d7_reset,
	.layout = d7_layout,
	.direct = {
		[W_EXT_ADD_RESET] = d7_ext_add_reset,
	},
};

void bench_headroom_stats(unsigned long *carved, unsigned long *slab);
void bench_headroom_stats(unsigned long *carved, unsigned long *slab)
{
	*carved = d7_carved;
	*slab = d7_slab;
}
