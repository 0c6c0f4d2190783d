// SPDX-License-Identifier: GPL-2.0-only
/*
 * The tape's ops on kernel functions that 6.1 keeps static, so that no
 * module can call them: the end of a GRO skb (napi_reuse_skb() in gro.c,
 * napi_skb_free_stolen_head(), which is not exported), and the MCTP flow
 * and its fragmentation (route.c). Userspace only: the kernel module's
 * tape_ops[] entries are NULL, and tape_run --no-unexported answers them
 * 'unsupported' as the module does. docs/tape.md describes them.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/skbuff.h>
#include <linux/netdevice.h>
#include <net/mctp.h>

#include "tape_internal.h"

/* mctp_frag: the message's payload, and the MTU that cuts it in two */
#define TAPE_MCTP_PAYLOAD	8
#define TAPE_MCTP_MTU		(sizeof(struct mctp_hdr) + TAPE_MCTP_PAYLOAD / 2)

/*
 * napi_gro_end s stolen: GRO merged s into another packet and is done
 * with it. 0: napi_reuse_skb(), and s stays for the next receive; 1:
 * its head was taken (tape_steal_head()) and napi_skb_free_stolen_head()
 * frees the rest.
 */
enum tape_res tape_napi_gro_end(struct tape_ctx *c, const u8 *a)
{
	struct sk_buff *skb = tape_skb(c, a[0]);
	struct napi_struct napi = { .dev = NULL, .skb = NULL };

	if (!skb)
		return TAPE_R_EMPTY;
	/*
	 * GRO owns its skbs alone, from the head cache, and never holds
	 * one with extensions but without slow_gro (skb_ext_copy() onto a
	 * fresh skb makes one): 6.1 would lose its block reference.
	 */
	if (skb_shared(skb) || skb->len ||
	    skb->fclone != SKB_FCLONE_UNAVAILABLE ||
	    (skb_has_extensions(skb) && !skb->slow_gro))
		return TAPE_R_REFUSED;

	if (!(a[1] & 1)) {
		napi_reuse_skb(&napi, skb);
		/* its headers are reset for the next receive: not for the cut ops */
		c->opaque |= BIT(a[0] % TAPE_SKB_SLOTS);
		return TAPE_R_OK;
	}
	if (!tape_steal_head(skb))
		return TAPE_R_REFUSED;
	c->skb[a[0] % TAPE_SKB_SLOTS] = NULL;
	napi_skb_free_stolen_head(skb);
	return TAPE_R_OK;
}

#if IS_ENABLED(CONFIG_MCTP_FLOWS)
/* mctp_frag's route: each packet goes to the op's slot d, the last one stays. */
struct tape_mctp_route {
	struct mctp_route rt;
	struct tape_ctx *c;
	unsigned int slot;
};

static int tape_mctp_output(struct mctp_route *route, struct sk_buff *skb)
{
	struct tape_mctp_route *r = container_of(route, struct tape_mctp_route,
						 rt);
	struct sk_buff **slot = &r->c->skb[r->slot];

	/* the packet before it has gone out on the wire */
	if (*slot)
		consume_skb(*slot);
	*slot = skb;
	return 0;
}
#endif

/*
 * mctp_flow s: a new key (a socket's tag for a peer), and s becomes a
 * message of its flow (mctp_skb_set_flow()). The executor keeps one
 * reference (and a bias) on every key, as the socket's key list does.
 */
enum tape_res tape_mctp_flow(struct tape_ctx *c __maybe_unused,
			     const u8 *a __maybe_unused)
{
#if IS_ENABLED(CONFIG_MCTP_FLOWS)
	struct sk_buff *skb = tape_skb(c, a[0]);
	struct mctp_sk_key *key;
	struct mctp_flow *flow;

	if (!skb)
		return TAPE_R_EMPTY;
	if (c->nkeys == TAPE_MAX_KEYS)
		return TAPE_R_REFUSED;
	key = mctp_key_alloc(8, 9, c->nkeys & MCTP_HDR_TAG_MASK, GFP_ATOMIC);
	if (!key)
		return TAPE_R_NULL;
	refcount_add(TAPE_KEY_BIAS - 1, &key->refs);
	c->keys[c->nkeys++] = key;

	mctp_skb_set_flow(skb, key);
	flow = skb_ext_find(skb, SKB_EXT_MCTP);
	return flow && flow->key == key ? TAPE_R_OK : TAPE_R_NULL;
#else
	return TAPE_R_UNSUPPORTED;
#endif
}

/*
 * mctp_frag d s: s becomes a message (a header and 8 payload bytes) and
 * goes out in two packets of 4 (mctp_do_fragment_route()); each packet
 * lands in d, the one before it sent on. s is consumed.
 */
enum tape_res tape_mctp_frag(struct tape_ctx *c __maybe_unused,
			     const u8 *a __maybe_unused)
{
#if IS_ENABLED(CONFIG_MCTP_FLOWS)
	struct tape_mctp_route r = {
		.rt = { .mtu = TAPE_MCTP_MTU, .output = tape_mctp_output },
		.c = c,
		.slot = a[0] % TAPE_SKB_SLOTS,
	};
	struct sk_buff *skb = tape_skb(c, a[1]);
	struct mctp_hdr *hdr;
	u8 *body;
	int i;

	if (!skb)
		return TAPE_R_EMPTY;
	if (tape_skb(c, a[0]))
		return TAPE_R_BUSY;
	/* the message is written into s's own, empty head */
	if (skb_shared(skb) || skb_cloned(skb) || skb->len ||
	    skb_tailroom(skb) < (int)(sizeof(*hdr) + TAPE_MCTP_PAYLOAD))
		return TAPE_R_REFUSED;

	skb_reset_network_header(skb);
	hdr = skb_put(skb, sizeof(*hdr));
	hdr->ver = MCTP_VER_MIN;
	hdr->dest = 9;
	hdr->src = 8;
	hdr->flags_seq_tag = 0;
	body = skb_put(skb, TAPE_MCTP_PAYLOAD);
	for (i = 0; i < TAPE_MCTP_PAYLOAD; i++)
		body[i] = (u8)i;

	c->skb[a[1] % TAPE_SKB_SLOTS] = NULL;
	return tape_errno_res(mctp_do_fragment_route(&r.rt, skb, r.rt.mtu,
						     MCTP_HDR_FLAG_TO));
#else
	return TAPE_R_UNSUPPORTED;
#endif
}
