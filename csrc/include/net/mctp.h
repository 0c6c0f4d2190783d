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

/* The four bytes in front of every MCTP packet (DSP0236). */
struct mctp_hdr {
	u8	ver;
	u8	dest;
	u8	src;
	u8	flags_seq_tag;
};

BUILD_BUG_ON(sizeof(struct mctp_hdr) != 4);

#define MCTP_VER_MIN		1
#define MCTP_HDR_FLAG_SOM	BIT(7)	/* first packet of a message */
#define MCTP_HDR_FLAG_EOM	BIT(6)	/* last packet of a message */
#define MCTP_HDR_FLAG_TO	BIT(3)	/* the sender owns the tag */
#define MCTP_HDR_SEQ_SHIFT	4
#define MCTP_HDR_SEQ_MASK	0x3
#define MCTP_HDR_TAG_SHIFT	0
#define MCTP_HDR_TAG_MASK	0x7

static inline struct mctp_hdr *mctp_hdr(struct sk_buff *skb)
{
	return (struct mctp_hdr *)skb_network_header(skb);
}

/*
 * A route, reduced to what fragmentation reads: its MTU and the output
 * each packet goes to (the kernel's also has a device, a range of
 * endpoint ids and a type).
 */
struct mctp_route {
	unsigned int	mtu;
	int		(*output)(struct mctp_route *route,
				  struct sk_buff *skb);
};

/* net/mctp/route.c */
struct mctp_sk_key *mctp_key_alloc(mctp_eid_t local, mctp_eid_t peer,
				   u8 tag, gfp_t gfp);
void mctp_key_unref(struct mctp_sk_key *key);
/*
 * Static in 6.1 (route.c); exported here for the tests and the tape.
 * mctp_skb_set_flow() exists only with CONFIG_MCTP_FLOWS.
 */
void mctp_skb_set_flow(struct sk_buff *skb, struct mctp_sk_key *key);
int mctp_do_fragment_route(struct mctp_route *rt, struct sk_buff *skb,
			   unsigned int mtu, u8 tag);

#ifdef __cplusplus
}
#endif

#endif /* __NET_MCTP_H */
