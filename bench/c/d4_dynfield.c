// SPDX-License-Identifier: GPL-2.0-only
/*
 * Design 4: DPDK-style dynamic fields. At start-up each user registers a
 * field (name, size, alignment) and is handed an offset into an area
 * inside the header (rte_mbuf_dynfield_register()); a flag bit says the
 * field is valid (DPDK's dynflags; here the active_extensions byte). The
 * area is copied with the header on every clone, whatever is in it, and
 * a copied sec_path takes its own references on the states.
 *
 * The area holds every registered field at once: nf_bridge 32, sec_path
 * 88, tc 16, MPTCP 32, MCTP 8 = 176 bytes, in place of the extensions
 * pointer: a 400-byte struct, 7 cache lines, a 448-byte stride.
 */
#include <linux/skbuff.h>
#include <net/xfrm.h>
#include <net/mptcp.h>
#include <net/mctp.h>
#include "bench.h"

#define D4_DYN_BYTES	(ALIGN(sizeof(struct nf_bridge_info), 8) +	\
			 ALIGN(sizeof(struct sec_path), 8) +		\
			 ALIGN(sizeof(struct tc_skb_ext), 8) +		\
			 ALIGN(sizeof(struct mptcp_ext), 8) +		\
			 ALIGN(sizeof(struct mctp_flow), 8))

enum { D4_BRIDGE, D4_SECPATH, D4_TC, D4_MPTCP, D4_MCTP, D4_NR };

struct d4_sk_buff;
static void d4_release_meta(struct d4_sk_buff *skb);
static int d4_copy_meta(struct d4_sk_buff *n, const struct d4_sk_buff *old);

#define MSKB(x)			d4_##x
#define MSKB_CB_BYTES		48
#define MSKB_FIELDS_MID
#define MSKB_FIELDS_MID2
#define MSKB_HAS_ACTIVE		1	/* the dynflags: which fields are valid */
#define MSKB_HEADERS_419	0
#define MSKB_FIELDS_END		u8 dynfield[D4_DYN_BYTES] __aligned(8);
#define MSKB_INIT_META(skb)	do { } while (0)
#define MSKB_RELEASE_META(skb)	d4_release_meta(skb)
#define MSKB_COPY_META(n, old)	d4_copy_meta(n, old)
#define MSKB_CACHE_NAME		"bench_d4_head_dynfield"
#include "mskb_tmpl.h"

BUILD_BUG_ON(sizeof(struct d4_sk_buff) != 224 + D4_DYN_BYTES);

static unsigned int d4_dyn_used;
static unsigned int d4_off[D4_NR];

/* rte_mbuf_dynfield_register(): an offset, or -1 when the area is full. */
static int d4_dynfield_register(unsigned int size, unsigned int align)
{
	unsigned int off = ALIGN(d4_dyn_used, align);

	if (off + size > D4_DYN_BYTES)
		return -1;
	d4_dyn_used = off + size;
	return off;
}

static void d4_init(void)
{
	static const unsigned int size[D4_NR] = {
		[D4_BRIDGE] = sizeof(struct nf_bridge_info),
		[D4_SECPATH] = sizeof(struct sec_path),
		[D4_TC] = sizeof(struct tc_skb_ext),
		[D4_MPTCP] = sizeof(struct mptcp_ext),
		[D4_MCTP] = sizeof(struct mctp_flow),
	};
	int i, off;

	d4_cache_init();
	for (i = 0; i < D4_NR; i++) {
		off = d4_dynfield_register(size[i], 8);
		BUG_ON(off < 0);
		d4_off[i] = off;
	}
}

static inline void *d4_field(struct d4_sk_buff *skb, int f)
{
	return skb->dynfield + d4_off[f];
}

static void d4_put_sp(struct sec_path *sp)
{
	int i;

	for (i = 0; i < sp->len; i++)
		xfrm_state_put(sp->xvec[i]);
}

static void d4_release_meta(struct d4_sk_buff *skb)
{
	if (skb->active_extensions & (1 << D4_SECPATH))
		d4_put_sp(d4_field(skb, D4_SECPATH));
}

/* The whole area goes with the header; copied references are taken. */
static int d4_copy_meta(struct d4_sk_buff *n, const struct d4_sk_buff *old)
{
	n->active_extensions = old->active_extensions;
	memcpy(n->dynfield, old->dynfield, sizeof(n->dynfield));
	if (old->active_extensions & (1 << D4_SECPATH)) {
		struct sec_path *sp = d4_field(n, D4_SECPATH);
		int i;

		for (i = 0; i < sp->len; i++)
			xfrm_state_hold(sp->xvec[i]);
	}
	return 0;
}

static noinline int d4_add(void *p, enum bench_meta m)
{
	struct d4_sk_buff *skb = p;
	struct sec_path *sp;

	switch (m) {
	case BM_BRIDGE:
		memset(d4_field(skb, D4_BRIDGE), 0, sizeof(struct nf_bridge_info));
		skb->active_extensions |= 1 << D4_BRIDGE;
		return 0;
	case BM_SECPATH:
		sp = d4_field(skb, D4_SECPATH);
		if (!(skb->active_extensions & (1 << D4_SECPATH))) {
			memset(sp->ovec, 0, sizeof(sp->ovec));
			sp->olen = 0;
			sp->len = 0;
			sp->verified_cnt = 0;
			skb->active_extensions |= 1 << D4_SECPATH;
		}
		if (sp->len == XFRM_MAX_DEPTH)
			return -ENOBUFS;
		xfrm_state_hold(bench_xfrm_state);
		sp->xvec[sp->len++] = bench_xfrm_state;
		return 0;
	case BM_MPTCP:
		bench_fill_mptcp(d4_field(skb, D4_MPTCP));
		skb->active_extensions |= 1 << D4_MPTCP;
		return 0;
	default:
		return -EINVAL;
	}
}

/* Every field is already the skb's own copy. */
static int d4_write(void *skb, enum bench_meta m)
{
	(void)skb;
	(void)m;
	return 0;
}

static noinline void d4_reset(void *p)
{
	struct d4_sk_buff *skb = p;

	d4_release_meta(skb);
	skb->active_extensions = 0;
}

static void d4_layout(struct bench_layout *l)
{
	l->skb_size = sizeof(struct d4_sk_buff);
	l->skb_stride = bench_cache_stride(MSKB_CACHE_NAME);
	l->meta_bytes[0] = 0;
	l->meta_bytes[1] = 0;
	l->meta_bytes[2] = 0;
	l->meta_bytes[3] = 0;
	l->note = "176-byte dynfield area in every header, used or not";
}

const struct bench_design design_dynfield = {
	.name = "dynfield",
	.title = "4 DPDK-style dynamic fields",
	.supports = BM_ALL,
	.init = d4_init,
	.alloc = d4_bench_alloc,
	.clone = d4_bench_clone,
	.free = d4_bench_free,
	.add = d4_add,
	.write = d4_write,
	.reset = d4_reset,
	.layout = d4_layout,
};
