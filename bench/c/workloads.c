// SPDX-License-Identifier: GPL-2.0-only
/*
 * The workloads, written once against struct bench_design. One op is
 * what the loop times; pkts says how many packets (or clones) it covers,
 * and the figures are per packet.
 */
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <skbext/slabinfo.h>
#include <net/xfrm.h>
#include <net/mptcp.h>
#include "bench.h"

struct xfrm_state *bench_xfrm_state;

void bench_xfrm_init(void)
{
	/* Never deleted: the bench's own reference keeps it alive. */
	bench_xfrm_state = xfrm_state_alloc(NULL);
	BUG_ON(!bench_xfrm_state);
	bench_xfrm_state->km.state = XFRM_STATE_VALID;
	bench_xfrm_state->id.proto = IPPROTO_ESP;
	bench_xfrm_state->id.spi = 0x1000;
}

void bench_fill_mptcp(void *p)
{
	struct mptcp_ext *map = p;

	memset(map, 0, sizeof(*map));
	map->data_seq = 0x1122334455667788ull;
	map->subflow_seq = 1000;
	map->data_len = 1400;
	map->use_map = 1;
	map->dsn64 = 1;
}

unsigned int bench_cache_stride(const char *name)
{
	struct slabinfo info;

	return slabinfo_get(name, &info) ? info.size : 0;
}

unsigned int bench_kmalloc_stride(size_t size)
{
	static const char *const names[] = {
		"kmalloc-8", "kmalloc-16", "kmalloc-32", "kmalloc-64",
		"kmalloc-96", "kmalloc-128", "kmalloc-192", "kmalloc-256",
		"kmalloc-512",
	};
	size_t class = kmalloc_size_roundup(size);
	char want[32];
	unsigned int i;

	snprintf(want, sizeof(want), "kmalloc-%zu", class);
	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (!strcmp(names[i], want))
			return bench_cache_stride(names[i]);
	return class;
}

#define CHECK(x)	BUG_ON(!(x))

static void *new_skb(struct bench_ctx *ctx, unsigned int metas)
{
	const struct bench_design *d = ctx->d;
	void *skb = d->alloc();
	int m;

	CHECK(skb);
	for (m = 0; m < BM_NR; m++)
		if (metas & BM_BIT(m))
			CHECK(d->add(skb, m) == 0);
	return skb;
}

static void setup_none(struct bench_ctx *ctx)
{
	(void)ctx;
}

static void teardown_parents(struct bench_ctx *ctx)
{
	unsigned int i;

	for (i = 0; i < BENCH_STORM_WINDOW; i++) {
		if (ctx->parent[i])
			ctx->d->free(ctx->parent[i]);
		ctx->parent[i] = NULL;
	}
}

static void setup_plain(struct bench_ctx *ctx)
{
	ctx->parent[0] = new_skb(ctx, 0);
}

static void setup_clone1(struct bench_ctx *ctx)
{
	ctx->parent[0] = new_skb(ctx, BM_BIT(BM_BRIDGE));
}

static void setup_clone2(struct bench_ctx *ctx)
{
	ctx->parent[0] = new_skb(ctx, BM_BIT(BM_BRIDGE) | BM_BIT(BM_SECPATH));
}

static void setup_clone3(struct bench_ctx *ctx)
{
	ctx->parent[0] = new_skb(ctx, BM_ALL);
}

static void setup_secpath(struct bench_ctx *ctx)
{
	ctx->parent[0] = new_skb(ctx, BM_BIT(BM_SECPATH));
}

static void setup_storm(struct bench_ctx *ctx)
{
	unsigned int i;

	for (i = 0; i < BENCH_STORM_WINDOW; i++)
		ctx->parent[i] = new_skb(ctx, BM_BIT(BM_MPTCP));
}

static void op_loop(struct bench_ctx *ctx)
{
	ctx->sink++;
}

static void op_kmem(struct bench_ctx *ctx)
{
	void *obj = kmem_cache_alloc(skbuff_ext_cache, GFP_ATOMIC);

	ctx->sink += (unsigned long)obj;
	kmem_cache_free(skbuff_ext_cache, obj);
}

static void op_alloc_free(struct bench_ctx *ctx)
{
	void *skb = ctx->d->alloc();

	CHECK(skb);
	ctx->d->free(skb);
}

static void op_clone(struct bench_ctx *ctx)
{
	void *c = ctx->d->clone(ctx->parent[0]);

	CHECK(c);
	ctx->d->free(c);
}

static void op_first_add(struct bench_ctx *ctx)
{
	CHECK(ctx->d->add(ctx->parent[0], BM_BRIDGE) == 0);
	ctx->d->reset(ctx->parent[0]);
}

/* A clone's sec_path is written (the receive path of a cloned packet). */
static void op_cow(struct bench_ctx *ctx)
{
	void *c = ctx->d->clone(ctx->parent[0]);

	CHECK(c);
	CHECK(ctx->d->write(c, BM_SECPATH) == 0);
	ctx->d->free(c);
}

static void op_ipsec_rx(struct bench_ctx *ctx)
{
	void *skb = ctx->d->alloc();

	CHECK(skb);
	CHECK(ctx->d->add(skb, BM_SECPATH) == 0);
	ctx->d->free(skb);
}

/* br_flood(): a clone per port but the last, which takes the original. */
static void op_bridge(struct bench_ctx *ctx)
{
	void *skb = ctx->d->alloc(), **c = ctx->scratch;
	unsigned int i;

	CHECK(skb);
	CHECK(ctx->d->add(skb, BM_BRIDGE) == 0);
	for (i = 0; i < BENCH_BRIDGE_PORTS - 1; i++) {
		c[i] = ctx->d->clone(skb);
		CHECK(c[i]);
	}
	for (i = 0; i < BENCH_BRIDGE_PORTS - 1; i++)
		ctx->d->free(c[i]);
	ctx->d->free(skb);
}

/* Every segment of the window is cloned again, then Tx completes. */
static void op_storm(struct bench_ctx *ctx)
{
	void **c = ctx->scratch;
	unsigned int i;

	for (i = 0; i < BENCH_STORM_WINDOW; i++) {
		c[i] = ctx->d->clone(ctx->parent[i]);
		CHECK(c[i]);
	}
	for (i = 0; i < BENCH_STORM_WINDOW; i++)
		ctx->d->free(c[i]);
}

static inline void rx_ext_batch(struct bench_ctx *ctx, unsigned int n)
{
	void **s = ctx->scratch;
	unsigned int i;

	for (i = 0; i < n; i++) {
		s[i] = ctx->d->alloc();
		CHECK(s[i]);
		CHECK(ctx->d->add(s[i], BM_BRIDGE) == 0);
	}
	for (i = 0; i < n; i++)
		ctx->d->free(s[i]);
}

static void op_rx_ext1(struct bench_ctx *ctx)
{
	rx_ext_batch(ctx, 1);
}

static void op_rx_ext64(struct bench_ctx *ctx)
{
	rx_ext_batch(ctx, 64);
}

static void op_rx_ext256(struct bench_ctx *ctx)
{
	rx_ext_batch(ctx, 256);
}

/* rx_ext64 without its extension: what the extension adds is the difference */
static void op_rx64(struct bench_ctx *ctx)
{
	void **s = ctx->scratch;
	unsigned int i;

	for (i = 0; i < 64; i++) {
		s[i] = ctx->d->alloc();
		CHECK(s[i]);
	}
	for (i = 0; i < 64; i++)
		ctx->d->free(s[i]);
}

#define BR	BM_BIT(BM_BRIDGE)
#define SP	BM_BIT(BM_SECPATH)
#define MP	BM_BIT(BM_MPTCP)

const struct bench_workload_info bench_workloads[W_NR] = {
	[W_LOOP] = { "loop", "loop + indirect call (baseline)", 0, 1,
		     setup_none, teardown_parents, op_loop },
	[W_KMEM] = { "kmem", "bare kmem_cache_alloc+free, skb_ext size", 0, 1,
		     setup_none, teardown_parents, op_kmem },
	[W_ALLOC_FREE] = { "alloc_free", "alloc_skb + kfree_skb", 0, 1,
			   setup_none, teardown_parents, op_alloc_free },
	[W_CLONE0] = { "clone0", "clone+free, 0 ids", 0, 1,
		       setup_plain, teardown_parents, op_clone },
	[W_CLONE1] = { "clone1", "clone+free, 1 id (bridge)", BR, 1,
		       setup_clone1, teardown_parents, op_clone },
	[W_CLONE2] = { "clone2", "clone+free, 2 ids (bridge, sp)", BR | SP, 1,
		       setup_clone2, teardown_parents, op_clone },
	[W_CLONE3] = { "clone3", "clone+free, 3 ids (bridge, sp, mptcp)",
		       BR | SP | MP, 1,
		       setup_clone3, teardown_parents, op_clone },
	[W_FIRST_ADD] = { "first_add", "first add (nf_bridge_alloc) + reset",
			  BR, 1, setup_plain, teardown_parents, op_first_add },
	[W_EXT_ADD_RESET] = { "ext_add_reset",
			      "skb_ext_add + skb_ext_reset, direct", BR, 1,
			      setup_plain, teardown_parents, NULL },
	[W_COW] = { "cow", "clone, write its sec_path (COW), free", SP, 1,
		    setup_secpath, teardown_parents, op_cow },
	[W_IPSEC_RX] = { "ipsec_rx", "IPsec Rx: alloc, secpath_set+push, free",
			 SP, 1, setup_none, teardown_parents, op_ipsec_rx },
	[W_BRIDGE] = { "bridge4", "bridge: alloc, nf_bridge, clone to 4 ports, free",
		       BR, 1, setup_none, teardown_parents, op_bridge },
	[W_MPTCP_STORM] = { "mptcp_storm", "retransmit storm: clone 64 mapped skbs, free",
			    MP, BENCH_STORM_WINDOW,
			    setup_storm, teardown_parents, op_storm },
	[W_RX_EXT1] = { "rx_ext1", "alloc + add ext + free, 1 in flight", BR, 1,
			setup_none, teardown_parents, op_rx_ext1 },
	[W_RX_EXT64] = { "rx_ext64", "alloc + add ext, 64 in flight, free", BR, 64,
			 setup_none, teardown_parents, op_rx_ext64 },
	[W_RX_EXT256] = { "rx_ext256", "alloc + add ext, 256 in flight, free", BR,
			  256, setup_none, teardown_parents, op_rx_ext256 },
	[W_RX64] = { "rx64", "alloc, 64 in flight, free (rx_ext64 without the ext)",
		     0, 64, setup_none, teardown_parents, op_rx64 },
	[W_RX_TC1] = { "rx_tc1", "alloc + tc_skb_ext_alloc + free, 1 in flight",
		       0, 1, setup_none, teardown_parents, NULL },
	[W_RX_TC64] = { "rx_tc64", "alloc + tc_skb_ext_alloc, 64 in flight, free",
			0, 64, setup_none, teardown_parents, NULL },
};

bool bench_workload_applies(const struct bench_design *d,
			    enum bench_workload w)
{
	const struct bench_workload_info *wi = &bench_workloads[w];

	if (d->not_applicable & (1u << w))
		return false;
	if ((d->supports & wi->needs) != wi->needs)
		return false;
	return wi->op || d->direct[w];
}

const struct bench_design *const bench_designs[] = {
	&design_ext,
	&design_preseries,
	&design_bigcb,
	&design_dynfield,
	&design_mtag,
	&design_extcache,
	&design_headroom,
	&design_ext_model,
};
const unsigned int bench_ndesigns = ARRAY_SIZE(bench_designs);
