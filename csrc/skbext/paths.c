// SPDX-License-Identifier: GPL-2.0-only
/*
 * The binding's steps on the receive and merge paths (skbext/api.h): each
 * checks what the kernel's callers guarantee (they own the skb alone),
 * then calls the port's function.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/netdevice.h>
#include <skbext/api.h>
#include <net/tcp.h>
#include <net/mptcp.h>
#include <net/mctp.h>
#include <net/pkt_cls.h>

int skbext_coalesce(struct sk_buff *to, struct sk_buff *from)
{
	bool stolen;

	if (to == from)
		return -EINVAL;
	if (skb_shared(from))
		return -EBUSY;
	/* @from is taken as the segment that follows @to */
	TCP_SKB_CB(from)->seq = TCP_SKB_CB(to)->end_seq;
	if (!tcp_try_coalesce(NULL, to, from, &stolen))
		return 0;
	kfree_skb_partial(from, stolen);
	return 1;
}

/* @from's bytes go to the end of @to, and @from is freed. */
static void skbext_collapse_take(struct sk_buff *to, struct sk_buff *from)
{
	unsigned int len = from->len;

	if (len)
		skb_copy_bits(from, 0, skb_put(to, len), (int)len);
	__kfree_skb(from);
}

int skbext_collapse(struct sk_buff *s, struct sk_buff *t,
		    struct sk_buff **out)
{
	struct sk_buff *n;

	if (s == t || skb_is_nonlinear(s) || skb_is_nonlinear(t))
		return -EINVAL;
	/* segments on a socket's queue have no other user */
	if (skb_shared(s) || skb_shared(t))
		return -EBUSY;
	n = alloc_skb(s->len + t->len, GFP_ATOMIC);
	if (!n)
		return -ENOMEM;
	memcpy(n->cb, s->cb, sizeof(n->cb));
	mptcp_skb_ext_move(n, s);
	skbext_collapse_take(n, s);
	*out = n;
	if (!mptcp_skb_can_collapse(n, t))
		return 0;
	skbext_collapse_take(n, t);
	return 1;
}

int skbext_morph(struct sk_buff *dst, struct sk_buff *src)
{
	if (dst == src)
		return -EINVAL;
	/* skb_morph() leaves one user: another holder's would be lost */
	if (skb_shared(dst))
		return -EBUSY;
	skb_morph(dst, src);
	return 0;
}

int skbext_napi_reuse(struct sk_buff *skb)
{
	struct napi_struct napi = { .dev = NULL, .skb = NULL };

	if (skb_shared(skb))
		return -EBUSY;
	napi_reuse_skb(&napi, skb);
	return 0;
}

int skbext_free_partial(struct sk_buff *skb, bool head_stolen, bool napi)
{
	if (skb_shared(skb))
		return -EBUSY;
	if (napi && skb_has_extensions(skb) && !skb->slow_gro)
		return -EINVAL;
	if (head_stolen || napi) {
		/* only a head-cache skb's own head can be handed over */
		if (skb->fclone != SKB_FCLONE_UNAVAILABLE || skb_cloned(skb) ||
		    skb_has_frag_list(skb))
			return -EINVAL;
		/* the skb keeps its extensions: not in the head that goes */
		skb_ext_head_evict(skb);
		kfree(skb->head);
		skb->head = NULL;
	}
	if (napi)
		napi_skb_free_stolen_head(skb);
	else
		kfree_skb_partial(skb, head_stolen);
	return 0;
}

#if IS_ENABLED(CONFIG_NET_TC_SKB_EXT)
struct tc_skb_ext *skbext_tc_ext_alloc(struct sk_buff *skb,
				       const struct tc_skb_ext *fields)
{
	struct tc_skb_ext *ext = tc_skb_ext_alloc(skb);

	if (!ext)
		return NULL;
	ext->chain = fields->chain;
	ext->mru = fields->mru;
	ext->zone = fields->zone;
	ext->post_ct = fields->post_ct;
	ext->post_ct_snat = fields->post_ct_snat;
	ext->post_ct_dnat = fields->post_ct_dnat;
	return ext;
}
#endif

#if IS_ENABLED(CONFIG_MCTP_FLOWS)
int skbext_mctp_set_flow(struct sk_buff *skb)
{
	struct mctp_sk_key *key = mctp_key_alloc(8, 9, 0, GFP_ATOMIC);
	const struct mctp_flow *flow;
	int err = 0;

	if (!key)
		return -ENOMEM;
	mctp_skb_set_flow(skb, key);
	flow = skb_ext_find(skb, SKB_EXT_MCTP);
	if (!flow || flow->key != key)
		err = -ENOMEM;
	/* the flow holds the key; nothing else here does */
	mctp_key_unref(key);
	return err;
}

int skbext_mctp_key_refs(const struct sk_buff *skb)
{
	const struct mctp_flow *flow = skb_ext_find(skb, SKB_EXT_MCTP);

	if (!flow || !flow->key)
		return -1;
	return (int)refcount_read(&flow->key->refs);
}

struct skbext_mctp_route {
	struct mctp_route rt;
	struct sk_buff **pkts;
	unsigned int n;
};

static int skbext_mctp_output(struct mctp_route *route, struct sk_buff *skb)
{
	struct skbext_mctp_route *r = container_of(route,
						   struct skbext_mctp_route, rt);

	r->pkts[r->n++] = skb;
	return 0;
}

int skbext_mctp_fragment(struct sk_buff *skb, const u8 *payload,
			 unsigned int len, unsigned int mtu,
			 struct sk_buff **pkts, unsigned int max)
{
	struct skbext_mctp_route r = {
		.rt = { .mtu = mtu, .output = skbext_mctp_output },
		.pkts = pkts,
	};
	const unsigned int hlen = sizeof(struct mctp_hdr);
	struct mctp_hdr *hdr;
	int err;

	if (skb_shared(skb) || skb_cloned(skb) || skb->len)
		return -EBUSY;
	if (mtu <= hlen || !len || DIV_ROUND_UP(len, mtu - hlen) > max ||
	    skb_tailroom(skb) < (int)(hlen + len))
		return -EMSGSIZE;

	skb_reset_network_header(skb);
	hdr = skb_put(skb, hlen);
	hdr->ver = MCTP_VER_MIN;
	hdr->dest = 9;
	hdr->src = 8;
	hdr->flags_seq_tag = 0;
	memcpy(skb_put(skb, len), payload, len);

	err = mctp_do_fragment_route(&r.rt, skb, mtu, MCTP_HDR_FLAG_TO);
	if (err) {
		while (r.n)
			kfree_skb(pkts[--r.n]);
		return err;
	}
	return (int)r.n;
}
#endif
