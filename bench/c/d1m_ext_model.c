// SPDX-License-Identifier: GPL-2.0-only
/*
 * Calibration: design 1 again, but on the bench's model sk_buff and the
 * bench's copy of the extension rules (mskb_tmpl.h, ext_tmpl.h), the
 * machinery designs 2-5 are built from. Where it and the port differ, the
 * model, not the design, is the cause.
 */
#include <linux/skbuff.h>
#include <net/xfrm.h>
#include "bench.h"

struct d1m_sk_buff;
static void d1m_release_meta(struct d1m_sk_buff *skb);
static int d1m_copy_meta(struct d1m_sk_buff *n, const struct d1m_sk_buff *old);

#define MSKB(x)			d1m_##x
#define MSKB_CB_BYTES		48
#define MSKB_FIELDS_MID
#define MSKB_FIELDS_MID2
#define MSKB_HAS_ACTIVE		1
#define MSKB_HEADERS_419	0
#define MSKB_FIELDS_END		struct skb_ext *extensions;
#define MSKB_INIT_META(skb)	do { } while (0)
#define MSKB_RELEASE_META(skb)	d1m_release_meta(skb)
#define MSKB_COPY_META(n, old)	d1m_copy_meta(n, old)
#define MSKB_CACHE_NAME		"bench_d1m_head"
#include "mskb_tmpl.h"

#define EXTT(x)			d1m_##x
#define EXTT_SKB		struct d1m_sk_buff
#define EXTT_ALLOC_FIRST(skb)	((struct skb_ext *)kmem_cache_alloc(skbuff_ext_cache, GFP_ATOMIC))
#define EXTT_ALLOC_COW()	((struct skb_ext *)kmem_cache_alloc(skbuff_ext_cache, GFP_ATOMIC))
#define EXTT_FREE(ext)		kmem_cache_free(skbuff_ext_cache, ext)
#define EXTT_SET_SLOW_GRO(skb)	((skb)->headers.flags[5] |= 0x10)
#include "ext_tmpl.h"

BUILD_BUG_ON(sizeof(struct d1m_sk_buff) != sizeof(struct sk_buff));
BUILD_BUG_ON(offsetof(struct d1m_sk_buff, active_extensions) !=
	     offsetof(struct sk_buff, active_extensions));
BUILD_BUG_ON(offsetof(struct d1m_sk_buff, headers) !=
	     offsetof(struct sk_buff, headers));
BUILD_BUG_ON(sizeof_field(struct d1m_sk_buff, headers) !=
	     sizeof_field(struct sk_buff, headers));
BUILD_BUG_ON(offsetof(struct d1m_sk_buff, tail) !=
	     offsetof(struct sk_buff, tail));
BUILD_BUG_ON(offsetof(struct d1m_sk_buff, extensions) !=
	     offsetof(struct sk_buff, extensions));

static void d1m_release_meta(struct d1m_sk_buff *skb)
{
	if (skb->active_extensions)
		d1m_ext_put(skb->extensions);
}

static int d1m_copy_meta(struct d1m_sk_buff *n, const struct d1m_sk_buff *old)
{
	d1m_ext_copy(n, old);
	return 0;
}

static int d1m_add(void *skb, enum bench_meta m)
{
	return d1m_add_meta(skb, m);
}

static int d1m_write(void *skb, enum bench_meta m)
{
	return d1m_write_meta(skb, m);
}

static void d1m_reset(void *skb)
{
	d1m_ext_reset(skb);
}

static void d1m_ext_add_reset(struct bench_ctx *ctx)
{
	struct d1m_sk_buff *skb = ctx->parent[0];

	ctx->sink += (unsigned long)d1m_ext_add(skb, SKB_EXT_BRIDGE_NF);
	d1m_ext_reset(skb);
}

static void d1m_layout(struct bench_layout *l)
{
	unsigned int ext = bench_cache_stride("skbuff_ext_cache");

	l->skb_size = sizeof(struct d1m_sk_buff);
	l->skb_stride = bench_cache_stride(MSKB_CACHE_NAME);
	l->meta_bytes[0] = 0;
	l->meta_bytes[1] = ext;
	l->meta_bytes[2] = ext;
	l->meta_bytes[3] = ext;
	l->note = "calibration: design 1 on the bench's model code";
}

const struct bench_design design_ext_model = {
	.name = "ext-model",
	.title = "1m extension block (bench model)",
	.supports = BM_ALL,
	.init = d1m_cache_init,
	.alloc = d1m_bench_alloc,
	.clone = d1m_bench_clone,
	.free = d1m_bench_free,
	.add = d1m_add,
	.write = d1m_write,
	.reset = d1m_reset,
	.layout = d1m_layout,
	.direct = {
		[W_EXT_ADD_RESET] = d1m_ext_add_reset,
	},
};
