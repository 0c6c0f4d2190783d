// SPDX-License-Identifier: GPL-2.0-only
/*
 * Design 3: the option the series argued against for MPTCP: grow cb[] by
 * sizeof(struct mptcp_ext) (32 bytes) and keep the DSS mapping inline.
 * Everything after cb moves down 32 bytes, the struct is 264 bytes (5
 * cache lines, a 320-byte stride), and every clone copies 80 bytes of
 * cb. sec_path and nf_bridge stay in the extension block, handled by the
 * same rules as design 1 (ext_tmpl.h), so only the cb[] differs from the
 * calibration design "ext-model".
 */
#include <linux/skbuff.h>
#include <net/xfrm.h>
#include <net/mptcp.h>
#include "bench.h"

#define D3_CB_BYTES	(48 + sizeof(struct mptcp_ext))
#define D3_MPTCP_CB	48	/* where the mapping lives in cb[] */

struct d3_sk_buff;
static void d3_release_meta(struct d3_sk_buff *skb);
static int d3_copy_meta(struct d3_sk_buff *n, const struct d3_sk_buff *old);

#define MSKB(x)			d3_##x
#define MSKB_CB_BYTES		D3_CB_BYTES
#define MSKB_FIELDS_MID
#define MSKB_FIELDS_MID2
#define MSKB_HAS_ACTIVE		1
#define MSKB_HEADERS_419	0
#define MSKB_FIELDS_END		struct skb_ext *extensions;
#define MSKB_INIT_META(skb)	do { } while (0)
#define MSKB_RELEASE_META(skb)	d3_release_meta(skb)
#define MSKB_COPY_META(n, old)	d3_copy_meta(n, old)
#define MSKB_CACHE_NAME		"bench_d3_head_bigcb"
#include "mskb_tmpl.h"

#define EXTT(x)			d3_##x
#define EXTT_SKB		struct d3_sk_buff
#define EXTT_ALLOC_FIRST(skb)	((struct skb_ext *)kmem_cache_alloc(skbuff_ext_cache, GFP_ATOMIC))
#define EXTT_ALLOC_COW()	((struct skb_ext *)kmem_cache_alloc(skbuff_ext_cache, GFP_ATOMIC))
#define EXTT_FREE(ext)		kmem_cache_free(skbuff_ext_cache, ext)
#define EXTT_SET_SLOW_GRO(skb)	((skb)->headers.flags[5] |= 0x10)
#include "ext_tmpl.h"

BUILD_BUG_ON(sizeof(struct d3_sk_buff) != 232 + sizeof(struct mptcp_ext));

static void d3_release_meta(struct d3_sk_buff *skb)
{
	if (skb->active_extensions)
		d3_ext_put(skb->extensions);
}

static int d3_copy_meta(struct d3_sk_buff *n, const struct d3_sk_buff *old)
{
	d3_ext_copy(n, old);
	return 0;
}

static int d3_add(void *p, enum bench_meta m)
{
	struct d3_sk_buff *skb = p;

	if (m == BM_MPTCP) {
		bench_fill_mptcp(skb->cb + D3_MPTCP_CB);
		return 0;
	}
	return d3_add_meta(skb, m);
}

static int d3_write(void *p, enum bench_meta m)
{
	/* the inline mapping is the skb's own: nothing to copy */
	if (m == BM_MPTCP)
		return 0;
	return d3_write_meta(p, m);
}

static void d3_reset(void *skb)
{
	d3_ext_reset(skb);
}

static void d3_layout(struct bench_layout *l)
{
	unsigned int ext = bench_cache_stride("skbuff_ext_cache");

	l->skb_size = sizeof(struct d3_sk_buff);
	l->skb_stride = bench_cache_stride(MSKB_CACHE_NAME);
	l->meta_bytes[0] = 0;
	l->meta_bytes[1] = ext;
	l->meta_bytes[2] = ext;
	l->meta_bytes[3] = ext;	/* the mapping itself is in cb[] */
	l->note = "cb[80]: MPTCP inline, sp/nf_bridge in the ext block";
}

const struct bench_design design_bigcb = {
	.name = "bigcb",
	.title = "3 cb[] +32 with MPTCP inline",
	.supports = BM_ALL,
	.init = d3_cache_init,
	.alloc = d3_bench_alloc,
	.clone = d3_bench_clone,
	.free = d3_bench_free,
	.add = d3_add,
	.write = d3_write,
	.reset = d3_reset,
	.layout = d3_layout,
};
