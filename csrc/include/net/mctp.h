/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The MCTP flow extension: an skb carries a reference to the socket key
 * its flow belongs to, so the block's COW and release must take and drop
 * that reference (net/core/skbuff.c does both).
 */
#ifndef __NET_MCTP_H
#define __NET_MCTP_H

#include <linux/refcount.h>
#include <linux/skbuff.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef u8 mctp_eid_t;

/* The parts of the kernel's key this port uses: its refcount and tuple. */
struct mctp_sk_key {
	mctp_eid_t	peer_addr;
	mctp_eid_t	local_addr;
	u8		tag;
	refcount_t	refs;
};

struct mctp_flow {
	struct mctp_sk_key *key;
};

BUILD_BUG_ON(sizeof(struct mctp_flow) != 8);

/* net/mctp/route.c */
struct mctp_sk_key *mctp_key_alloc(mctp_eid_t local, mctp_eid_t peer,
				   u8 tag, gfp_t gfp);
void mctp_key_unref(struct mctp_sk_key *key);

#ifdef __cplusplus
}
#endif

#endif /* __NET_MCTP_H */
