// SPDX-License-Identifier: GPL-2.0-only
/* The composite steps of skbext/api.h. */
#include <linux/kernel.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/mm.h>
#include <net/esp.h>
#include <net/ip.h>
#include <asm/byteorder.h>
#include <skbext/api.h>

void *skbext_ext_add_zeroed(struct sk_buff *skb, enum skb_ext_id id)
{
	bool had = skb_ext_exist(skb, id);
	void *p = skb_ext_add(skb, id);

	if (p && !had)
		memset(p, 0, skb_ext_type_chunks(id) * 8);
	return p;
}

void *skbext_ext_for_write(struct sk_buff *skb, enum skb_ext_id id,
			   bool *gone)
{
	*gone = !skb_ext_exist(skb, id);
	if (*gone)
		return NULL;
	/* an id already present comes back as it is, in a private block */
	return skb_ext_add(skb, id);
}

enum skbext_ext_ptr skbext_ext_ptr_state(const struct sk_buff *skb)
{
	if (skb->active_extensions)
		return SKBEXT_EXT_LIVE;
	return skb->extensions ? SKBEXT_EXT_STALE : SKBEXT_EXT_NULL;
}

bool skbext_ext_offsets(const struct sk_buff *skb, u8 offset[SKB_EXT_NUM],
			unsigned int *chunks)
{
	unsigned int id;

	if (!skb->active_extensions)
		return false;
	for (id = 0; id < SKB_EXT_NUM; id++)
		offset[id] = skb_ext_exist(skb, (enum skb_ext_id)id) ?
			     skb->extensions->offset[id] : 0;
	*chunks = skb->extensions->chunks;
	return true;
}

unsigned int skbext_ext_hdr_chunks(void)
{
	return DIV_ROUND_UP(offsetof(struct skb_ext, data), SKB_EXT_ALIGN_VALUE);
}

struct xfrm_state *skbext_state_new(const struct skbext_state_params *p)
{
	struct xfrm_state *x = xfrm_state_alloc(NULL);

	if (!x)
		return NULL;
	x->id.spi = p->spi;
	x->id.proto = p->proto;
	x->id.daddr = p->daddr;
	x->props.family = p->family;
	x->props.mode = p->mode;
	x->props.reqid = p->reqid;
	x->props.saddr = p->saddr;
	x->xso.dir = p->dir & 3;
	x->km.state = XFRM_STATE_VALID;
	return x;
}

void skbext_state_pin(struct xfrm_state *x)
{
	refcount_add(SKBEXT_STATE_PIN, &x->refcnt);
}

int skbext_state_refcnt(const struct xfrm_state *x)
{
	return (int)refcount_read(&x->refcnt) - SKBEXT_STATE_PIN;
}

bool skbext_state_unpin(struct xfrm_state *x)
{
	int left = skbext_state_refcnt(x);

	if (left > 0) {
		/* others still hold it: only the pin goes */
		if (WARN_ON(refcount_sub_and_test(SKBEXT_STATE_PIN, &x->refcnt)))
			__xfrm_state_destroy(x, false);
		return false;
	}
	WARN_ONCE(left < 0, "refcount_t: underflow; use-after-free.");
	refcount_set(&x->refcnt, 1);
	xfrm_state_put(x);
	return true;
}

static void skbext_gso_headers(struct sk_buff *skb)
{
	u8 *p = skb_put(skb, ETH_HLEN + sizeof(struct iphdr) + 20);
	struct iphdr *iph = (struct iphdr *)(p + ETH_HLEN);
	u8 *tcp = p + ETH_HLEN + sizeof(*iph);

	memset(p, 0, ETH_HLEN + sizeof(*iph) + 20);
	/* Ethernet 02:..:01 to 02:..:02, IPv4 */
	p[0] = 2;
	p[5] = 2;
	p[6] = 2;
	p[11] = 1;
	p[12] = 0x08;
	iph->version = 4;
	iph->ihl = 5;
	iph->ttl = 64;
	iph->protocol = IPPROTO_TCP;
	iph->saddr = htonl(0x0a000001);
	iph->daddr = htonl(0x0a000002);
	/* port 40000 to 80, a 20-byte header, ACK */
	tcp[0] = 0x9c;
	tcp[1] = 0x40;
	tcp[3] = 80;
	tcp[12] = 0x50;
	tcp[13] = 0x10;

	skb_reset_mac_header(skb);
	skb_set_network_header(skb, ETH_HLEN);
	skb_set_transport_header(skb, ETH_HLEN + sizeof(*iph));
	skb->mac_len = ETH_HLEN;
	skb->protocol = htons(ETH_P_IP);
}

struct sk_buff *skbext_gso_build(const struct skbext_gso_params *p)
{
	unsigned int hdr = ETH_HLEN + sizeof(struct iphdr) + 20, i, k;
	struct sk_buff *skb;
	u8 *data;

	if (!p->mss || p->mss > 0xffff || p->nfrags > MAX_SKB_FRAGS ||
	    p->frag_size > PAGE_SIZE || (p->nfrags && !p->frag_size) ||
	    p->linear > 0xffff)
		return NULL;
	/* two bytes first, so that the IP header is 4-byte aligned */
	skb = alloc_skb(2 + hdr + p->linear, GFP_ATOMIC);
	if (!skb)
		return NULL;
	skb_reserve(skb, 2);
	skbext_gso_headers(skb);
	data = skb_put(skb, p->linear);
	for (i = 0; i < p->linear; i++)
		data[i] = (u8)i;
	__skb_pull(skb, hdr);

	for (k = 0; k < p->nfrags; k++) {
		struct page *page = alloc_page(GFP_ATOMIC);

		if (!page) {
			kfree_skb(skb);
			return NULL;
		}
		data = page_address(page);
		for (i = 0; i < p->frag_size; i++)
			data[i] = (u8)(p->linear + k * p->frag_size + i);
		skb_fill_page_desc(skb, k, page, 0, p->frag_size);
		skb->len += p->frag_size;
		skb->data_len += p->frag_size;
		skb->truesize += PAGE_SIZE;
	}
	skb_shinfo(skb)->gso_size = p->mss;
	skb_shinfo(skb)->gso_type = SKB_GSO_TCPV4;
	skb_shinfo(skb)->gso_segs = DIV_ROUND_UP(skb->len, p->mss);
	return skb;
}

/* A packet whose bytes before skb->data start at its mac header. */
static bool skbext_mac_before_data(const struct sk_buff *skb)
{
	return skb_mac_header_was_set(skb) &&
	       skb->mac_header <= skb_data_off(skb);
}

/* Hand the list @segs out into @out; returns how many. */
static int skbext_unlink(struct sk_buff *segs, struct sk_buff **out)
{
	int n = 0;

	while (segs) {
		struct sk_buff *next = segs->next;

		segs->next = NULL;
		segs->prev = NULL;
		out[n++] = segs;
		segs = next;
	}
	return n;
}

int skbext_gso_segment(struct sk_buff *skb, struct sk_buff **out)
{
	unsigned int mss = skb_shinfo(skb)->gso_size;
	struct sk_buff *segs;

	/* no payload: 6.1's skb_segment() oopses */
	if (!mss || !skb->len || !skbext_mac_before_data(skb))
		return -EINVAL;
	if (DIV_ROUND_UP(skb->len, mss) > SKBEXT_MAX_PIECES)
		return -E2BIG;
	if (skb_shinfo(skb)->gso_type & SKB_GSO_ESP)
		segs = esp4_gso_segment(skb, SKBEXT_GSO_FEATURES);
	else
		segs = skb_segment(skb, SKBEXT_GSO_FEATURES);
	if (IS_ERR(segs))
		return (int)PTR_ERR(segs);
	return skbext_unlink(segs, out);
}

int skbext_ip_fragment(struct sk_buff *skb, unsigned int mtu,
		       struct sk_buff **out)
{
	const unsigned int hlen = sizeof(struct iphdr);
	int noff = skb_network_offset(skb), n = 0;
	unsigned int left, pieces = 0;
	struct ip_frag_state st;

	if (mtu < 8 || noff + (int)hlen > (int)skb_headlen(skb) ||
	    (int)skb->len - noff <= (int)hlen)
		return -EINVAL;
	/* as ip_frag_next() cuts: all but the last a multiple of 8 */
	for (left = skb->len - noff - hlen; left; pieces++)
		left -= left > mtu ? (mtu & ~7u) : left;
	if (pieces > SKBEXT_MAX_PIECES)
		return -E2BIG;

	if (noff < 0)
		__skb_push(skb, -noff);
	else
		__skb_pull(skb, noff);
	ip_frag_init(skb, hlen, 16, mtu, false, &st);
	while (st.left) {
		struct sk_buff *frag = ip_frag_next(skb, &st);

		if (IS_ERR(frag)) {
			while (n)
				kfree_skb(out[--n]);
			n = -ENOMEM;
			break;
		}
		out[n++] = frag;
	}
	if (noff < 0)
		__skb_pull(skb, -noff);
	else
		__skb_push(skb, noff);
	return n;
}

int skbext_esp_xmit(struct sk_buff *skb)
{
	struct xfrm_offload *xo = xfrm_offload(skb);
	bool again, passed;

	if (!skbext_mac_before_data(skb))
		return -EINVAL;
	/* the answer names what validate_xmit_xfrm() finds; it decides */
	passed = !xo || (xo->flags & XFRM_XMIT);
	if (!validate_xmit_xfrm(skb, SKBEXT_GSO_FEATURES, &again))
		return -ENOMEM;
	return passed;
}
