/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the extension-block variants share with the port: the block's
 * chunk sizes per id, computed from the port's own structs so that a
 * variant's block is laid out exactly as net/core/skbuff.c lays it out.
 */
#ifndef _BENCH_EXT_COMMON_H
#define _BENCH_EXT_COMMON_H

#include <linux/skbuff.h>
#include <net/xfrm.h>
#include <net/mptcp.h>
#include <net/mctp.h>

#define BENCH_EXT_CHUNK		8
#define BENCH_EXT_CHUNKS(x)	(ALIGN(sizeof(x), BENCH_EXT_CHUNK) / BENCH_EXT_CHUNK)

static const u8 bench_ext_type_len[SKB_EXT_NUM] = {
	[SKB_EXT_BRIDGE_NF] = BENCH_EXT_CHUNKS(struct nf_bridge_info),
	[SKB_EXT_SEC_PATH] = BENCH_EXT_CHUNKS(struct sec_path),
	[TC_SKB_EXT] = BENCH_EXT_CHUNKS(struct tc_skb_ext),
	[SKB_EXT_MPTCP] = BENCH_EXT_CHUNKS(struct mptcp_ext),
	[SKB_EXT_MCTP] = BENCH_EXT_CHUNKS(struct mctp_flow),
};

/* The whole block, every id at once, as skbuff_ext_cache's object size. */
#define BENCH_EXT_BYTES	(BENCH_EXT_CHUNK * (BENCH_EXT_CHUNKS(struct skb_ext) + \
	BENCH_EXT_CHUNKS(struct nf_bridge_info) +			\
	BENCH_EXT_CHUNKS(struct sec_path) +				\
	BENCH_EXT_CHUNKS(struct tc_skb_ext) +				\
	BENCH_EXT_CHUNKS(struct mptcp_ext) +				\
	BENCH_EXT_CHUNKS(struct mctp_flow)))

static inline void *bench_ext_ptr(struct skb_ext *ext, enum skb_ext_id id)
{
	return (char *)ext + ext->offset[id] * BENCH_EXT_CHUNK;
}

#endif /* _BENCH_EXT_COMMON_H */
