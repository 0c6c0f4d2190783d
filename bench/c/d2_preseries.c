// SPDX-License-Identifier: GPL-2.0-only
/*
 * Design 2: before the skb_ext series (Linux 4.19). struct sk_buff had
 * two pointers, skb->sp and skb->nf_bridge, each to its own refcounted
 * object: sec_path (with a refcount_t of its own) from secpath_cache,
 * nf_bridge_info (refcount "use") from kzalloc. A clone took a reference
 * on each; writing a shared sec_path copied it first (secpath_dup); the
 * last put freed each on its own.
 *
 * The size of 4.19's struct sk_buff on x86_64, derived field by field
 * (CONFIG_XFRM, CONFIG_NF_CONNTRACK, CONFIG_BRIDGE_NETFILTER,
 * CONFIG_NET_SCHED, CONFIG_NETWORK_SECMARK, CONFIG_XPS, CONFIG_TLS_DEVICE
 * all on, as Debian's config has them):
 *
 *     0 next/prev/dev (rbnode)  24 sk  32 tstamp  40 cb[48]
 *    88 _skb_refdst  96 destructor  104 sp  112 _nfct  120 nf_bridge
 *   128 len  132 data_len  136 mac_len  138 hdr_len  140 queue_mapping
 *   142 cloned byte  143 (hole)  144 headers_start .. 200 headers_end
 *       (six flag bytes, tc_index 150, csum 152, priority 156, skb_iif
 *       160, hash 164, vlan 168, napi_id 172, secmark 176, mark 180,
 *       inner_* 184..190, protocol 192, transport/network/mac 194..198)
 *   200 tail  204 end  208 head  216 data  224 truesize  228 users
 *   = 232 bytes, 4 cache lines, a 256-byte slab stride (HWCACHE_ALIGN).
 *
 * The series (5.0) put both pointers' worth into one (extensions) plus
 * the active_extensions byte in the hole at 143, so 5.0's struct was 224.
 * 6.1 grew the struct again (alloc_cpu, new flag bits) to 232 with the
 * one pointer; 6.1 with the two pointers instead would be 240 bytes
 * (offsetof(extensions) + 16), still 4 lines and a 256-byte stride. The
 * model below is the 4.19 layout, and its asserts pin the offsets above.
 */
#include <linux/skbuff.h>
#include <net/xfrm.h>
#include "bench.h"

/* 4.19's struct xfrm_offload: seq, flags, status, proto (20 bytes). */
struct d2_xfrm_offload {
	struct {
		u32 low;
		u32 hi;
	} seq;
	u32 flags;
	u32 status;
	u8 proto;
};

struct d2_sec_path {
	refcount_t		refcnt;
	int			len;
	int			olen;
	struct xfrm_state	*xvec[XFRM_MAX_DEPTH];
	struct d2_xfrm_offload	ovec[XFRM_MAX_OFFLOAD_DEPTH];
};

struct d2_nf_bridge_info {
	refcount_t		use;
	u8			orig_proto;
	u8			bits;
	u16			frag_max_size;
	struct net_device	*physindev;
	struct net_device	*physoutdev;
	union {
		__be32		ipv4_daddr;
		struct in6_addr	ipv6_daddr;
		char		neigh_header[8];
	};
};

BUILD_BUG_ON(sizeof(struct d2_sec_path) != 88);
BUILD_BUG_ON(sizeof(struct d2_nf_bridge_info) != 40);

struct d2_sk_buff;
static void d2_release_meta(struct d2_sk_buff *skb);
static int d2_copy_meta(struct d2_sk_buff *n, const struct d2_sk_buff *old);

#define MSKB(x)			d2_##x
#define MSKB_CB_BYTES		48
#define MSKB_FIELDS_MID		struct d2_sec_path *sp;
#define MSKB_FIELDS_MID2	struct d2_nf_bridge_info *nf_bridge;
#define MSKB_HAS_ACTIVE		0
#define MSKB_HEADERS_419	1
#define MSKB_FIELDS_END
#define MSKB_INIT_META(skb)	do { } while (0)	/* cleared with the rest */
#define MSKB_RELEASE_META(skb)	d2_release_meta(skb)
#define MSKB_COPY_META(n, old)	d2_copy_meta(n, old)
#define MSKB_CACHE_NAME		"bench_d2_head_419"
#include "mskb_tmpl.h"

BUILD_BUG_ON(sizeof(struct d2_sk_buff) != 232);
BUILD_BUG_ON(offsetof(struct d2_sk_buff, sp) != 104);
BUILD_BUG_ON(offsetof(struct d2_sk_buff, _nfct) != 112);
BUILD_BUG_ON(offsetof(struct d2_sk_buff, nf_bridge) != 120);
BUILD_BUG_ON(offsetof(struct d2_sk_buff, len) != 128);
BUILD_BUG_ON(offsetof(struct d2_sk_buff, queue_mapping) != 140);
BUILD_BUG_ON(offsetof(struct d2_sk_buff, headers) != 144);
BUILD_BUG_ON(offsetof(struct d2_sk_buff, headers.protocol) != 192);
BUILD_BUG_ON(offsetof(struct d2_sk_buff, tail) != 200);
BUILD_BUG_ON(offsetof(struct d2_sk_buff, head) != 208);
BUILD_BUG_ON(offsetof(struct d2_sk_buff, users) != 228);

static struct kmem_cache *secpath_cachep;

static void d2_init(void)
{
	d2_cache_init();
	secpath_cachep = kmem_cache_create("bench_secpath_cache",
					   sizeof(struct d2_sec_path), 0,
					   SLAB_HWCACHE_ALIGN | SLAB_PANIC,
					   NULL);
}

static void __secpath_destroy(struct d2_sec_path *sp)
{
	int i;

	for (i = 0; i < sp->len; i++)
		xfrm_state_put(sp->xvec[i]);
	kmem_cache_free(secpath_cachep, sp);
}

static inline void secpath_put(struct d2_sec_path *sp)
{
	if (sp && refcount_dec_and_test(&sp->refcnt))
		__secpath_destroy(sp);
}

static inline struct d2_sec_path *secpath_get(struct d2_sec_path *sp)
{
	if (sp)
		refcount_inc(&sp->refcnt);
	return sp;
}

static noinline struct d2_sec_path *secpath_dup(struct d2_sec_path *src)
{
	struct d2_sec_path *sp = kmem_cache_alloc(secpath_cachep, GFP_ATOMIC);

	if (!sp)
		return NULL;
	sp->len = 0;
	sp->olen = 0;
	memset(sp->ovec, 0, sizeof(sp->ovec));
	if (src) {
		int i;

		memcpy(sp, src, sizeof(*sp));
		for (i = 0; i < sp->len; i++)
			xfrm_state_hold(sp->xvec[i]);
	}
	refcount_set(&sp->refcnt, 1);
	return sp;
}

/* Allocate a sec_path, or copy a shared one: 4.19's secpath_set(). */
static noinline int d2_secpath_set(struct d2_sk_buff *skb)
{
	struct d2_sec_path *sp;

	if (!skb->sp || refcount_read(&skb->sp->refcnt) != 1) {
		sp = secpath_dup(skb->sp);
		if (!sp)
			return -ENOMEM;
		if (skb->sp)
			secpath_put(skb->sp);
		skb->sp = sp;
	}
	return 0;
}

static inline void nf_bridge_put(struct d2_nf_bridge_info *nf_bridge)
{
	if (nf_bridge && refcount_dec_and_test(&nf_bridge->use))
		kfree(nf_bridge);
}

static inline void nf_bridge_get(struct d2_nf_bridge_info *nf_bridge)
{
	if (nf_bridge)
		refcount_inc(&nf_bridge->use);
}

static noinline struct d2_nf_bridge_info *d2_nf_bridge_alloc(struct d2_sk_buff *skb)
{
	skb->nf_bridge = kzalloc(sizeof(struct d2_nf_bridge_info), GFP_ATOMIC);
	if (likely(skb->nf_bridge))
		refcount_set(&skb->nf_bridge->use, 1);
	return skb->nf_bridge;
}

static noinline struct d2_nf_bridge_info *d2_nf_bridge_unshare(struct d2_sk_buff *skb)
{
	struct d2_nf_bridge_info *nf_bridge = skb->nf_bridge;

	if (refcount_read(&nf_bridge->use) > 1) {
		struct d2_nf_bridge_info *tmp = d2_nf_bridge_alloc(skb);

		if (tmp) {
			memcpy(tmp, nf_bridge, sizeof(*tmp));
			refcount_set(&tmp->use, 1);
		}
		nf_bridge_put(nf_bridge);
		nf_bridge = tmp;
	}
	return nf_bridge;
}

/* skb_release_head_state(): secpath_put(), then nf_reset()'s bridge put. */
static void d2_release_meta(struct d2_sk_buff *skb)
{
	secpath_put(skb->sp);
	nf_bridge_put(skb->nf_bridge);
}

/* __copy_skb_header(): secpath_get(), and __nf_copy()'s nf_bridge_get(). */
static int d2_copy_meta(struct d2_sk_buff *n, const struct d2_sk_buff *old)
{
	n->sp = secpath_get(old->sp);
	n->nf_bridge = old->nf_bridge;
	nf_bridge_get(old->nf_bridge);
	return 0;
}

static int d2_add(void *p, enum bench_meta m)
{
	struct d2_sk_buff *skb = p;

	switch (m) {
	case BM_BRIDGE:
		nf_bridge_put(skb->nf_bridge);
		return d2_nf_bridge_alloc(skb) ? 0 : -ENOMEM;
	case BM_SECPATH:
		/* xfrm_input(): secpath_set(), then push the state */
		if (d2_secpath_set(skb))
			return -ENOMEM;
		if (skb->sp->len == XFRM_MAX_DEPTH)
			return -ENOBUFS;
		xfrm_state_hold(bench_xfrm_state);
		skb->sp->xvec[skb->sp->len++] = bench_xfrm_state;
		return 0;
	default:
		return -EOPNOTSUPP;
	}
}

static int d2_write(void *p, enum bench_meta m)
{
	struct d2_sk_buff *skb = p;

	switch (m) {
	case BM_BRIDGE:
		return d2_nf_bridge_unshare(skb) ? 0 : -ENOMEM;
	case BM_SECPATH:
		return d2_secpath_set(skb);
	default:
		return -EOPNOTSUPP;
	}
}

static void d2_reset(void *p)
{
	struct d2_sk_buff *skb = p;

	secpath_put(skb->sp);
	skb->sp = NULL;
	nf_bridge_put(skb->nf_bridge);
	skb->nf_bridge = NULL;
}

static void d2_layout(struct bench_layout *l)
{
	unsigned int br = bench_kmalloc_stride(sizeof(struct d2_nf_bridge_info));
	unsigned int sp = bench_cache_stride("bench_secpath_cache");

	l->skb_size = sizeof(struct d2_sk_buff);
	l->skb_stride = bench_cache_stride(MSKB_CACHE_NAME);
	l->meta_bytes[0] = 0;
	l->meta_bytes[1] = br;
	l->meta_bytes[2] = br + sp;
	l->meta_bytes[3] = -1;
	l->note = "4.19 layout (232); on 6.1's fields the two pointers make 240";
}

const struct bench_design design_preseries = {
	.name = "preseries",
	.title = "2 sp + nf_bridge pointers (4.19)",
	.supports = BM_BIT(BM_BRIDGE) | BM_BIT(BM_SECPATH),
	.init = d2_init,
	.alloc = d2_bench_alloc,
	.clone = d2_bench_clone,
	.free = d2_bench_free,
	.add = d2_add,
	.write = d2_write,
	.reset = d2_reset,
	.layout = d2_layout,
};
