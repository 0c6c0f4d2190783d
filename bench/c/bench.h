/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Per-packet metadata designs benchmarked side by side on one slab and one
 * sk_buff layout. Each design fills in a struct bench_design: how it
 * allocates, clones and frees an skb and how it attaches metadata. The
 * workloads (workloads.c) are written once against that table, so every
 * design pays the same harness cost; a design may give a direct version
 * of a workload where the table's indirection would distort a target.
 */
#ifndef _BENCH_BENCH_H
#define _BENCH_BENCH_H

#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/skbuff.h>
#include <net/xfrm.h>

/*
 * Every skb in a workload looks like a driver's Rx buffer built around an
 * XDP frame: XDP_PACKET_HEADROOM (256) bytes of headroom, then a small
 * payload. Design 7 needs that headroom; the others just carry it.
 */
#define BENCH_HEADROOM		256
#define BENCH_PAYLOAD		128
/* the bridge floods a packet to this many ports */
#define BENCH_BRIDGE_PORTS	4
/* a TCP write queue's worth of segments retransmitted at once */
#define BENCH_STORM_WINDOW	64

/* The metadata a workload attaches, by what it is for. */
enum bench_meta {
	BM_BRIDGE,	/* nf_bridge_info, zeroed */
	BM_SECPATH,	/* a sec_path with one xfrm_state pushed */
	BM_MPTCP,	/* the DSS mapping, filled in */
	BM_NR,
};

#define BM_BIT(m)	(1u << (m))
#define BM_ALL		(BM_BIT(BM_BRIDGE) | BM_BIT(BM_SECPATH) | BM_BIT(BM_MPTCP))

enum bench_workload {
	W_LOOP,		/* the loop and the indirect call alone */
	W_KMEM,		/* bare kmem_cache_alloc+free of a skb_ext-sized object */
	W_ALLOC_FREE,
	W_CLONE0,
	W_CLONE1,
	W_CLONE2,
	W_CLONE3,
	W_FIRST_ADD,
	W_EXT_ADD_RESET,
	W_COW,
	W_IPSEC_RX,
	W_BRIDGE,
	W_MPTCP_STORM,
	W_RX_EXT1,
	W_RX_EXT64,
	W_RX_EXT256,
	/* forward-like without an extension: the baseline of rx_ext64 */
	W_RX64,
	/* upstream's case: a tc extension on every frame (the port only) */
	W_RX_TC1,
	W_RX_TC64,
	W_NR,
};

struct bench_ctx;
typedef void (*bench_op_fn)(struct bench_ctx *ctx);

/* Bytes a packet costs, as slab strides actually used. */
struct bench_layout {
	unsigned int skb_size;		/* sizeof the design's sk_buff */
	unsigned int skb_stride;	/* its slab stride */
	/* metadata bytes on top of the skb, for 0..3 of bridge/sp/mptcp */
	int meta_bytes[4];		/* -1: the design cannot carry it */
	unsigned int headroom_bytes;	/* metadata kept in the packet's headroom */
	const char *note;
};

struct bench_design {
	const char *name;
	const char *title;
	unsigned int supports;		/* BM_BIT()s it can attach */
	void (*init)(void);		/* caches, registrations; may be NULL */
	void *(*alloc)(void);
	void *(*clone)(void *skb);
	void (*free)(void *skb);
	int (*add)(void *skb, enum bench_meta m);
	/* write access to metadata the skb already has (COW if shared) */
	int (*write)(void *skb, enum bench_meta m);
	void (*reset)(void *skb);
	void (*layout)(struct bench_layout *out);
	/* a direct version of a workload, or NULL for the generic one */
	bench_op_fn direct[W_NR];
	/* workloads that do not apply although the metas are supported */
	unsigned int not_applicable;	/* bits of enum bench_workload */
};

struct bench_ctx {
	const struct bench_design *d;
	void *parent[BENCH_STORM_WINDOW];
	void *scratch[256];
	unsigned long sink;
};

struct bench_workload_info {
	const char *name;
	const char *title;
	unsigned int needs;		/* BM_BIT()s the design must support */
	unsigned int pkts;		/* packets (or clones) one op handles */
	void (*setup)(struct bench_ctx *ctx);
	void (*teardown)(struct bench_ctx *ctx);
	bench_op_fn op;
};

extern const struct bench_workload_info bench_workloads[W_NR];
extern const struct bench_design *const bench_designs[];
extern const unsigned int bench_ndesigns;

/* The xfrm_state every sec_path in the benchmarks points at. */
extern struct xfrm_state *bench_xfrm_state;
void bench_xfrm_init(void);

/* The DSS mapping every design writes, the same bytes each time. */
void bench_fill_mptcp(void *map);

/* Slab stride of a named cache, or of the kmalloc class of @size. */
unsigned int bench_cache_stride(const char *name);
unsigned int bench_kmalloc_stride(size_t size);

bool bench_workload_applies(const struct bench_design *d,
			    enum bench_workload w);

extern const struct bench_design design_ext;
extern const struct bench_design design_ext_model;
extern const struct bench_design design_preseries;
extern const struct bench_design design_bigcb;
extern const struct bench_design design_dynfield;
extern const struct bench_design design_mtag;
extern const struct bench_design design_extcache;
extern const struct bench_design design_headroom;

#endif /* _BENCH_BENCH_H */
