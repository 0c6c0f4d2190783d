// SPDX-License-Identifier: GPL-2.0-only
/*
 * Building real IPsec frames and preparing them for offloaded Tx the way
 * the stack does (net/xfrm/xfrm_output.c, net/ipv4/esp4_offload.c), so
 * that the drivers parse and trim actual headers and trailers.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/pfkeyv2.h>
#include <net/ipv6.h>
#include <net/esp.h>
#include <net/xfrm.h>
#include <asm/byteorder.h>
#include <skbext/esp_pkt.h>

#define ESP_IV_LEN	8
#ifndef NET_IP_ALIGN
#define NET_IP_ALIGN	2
#endif

struct sk_buff *skbext_esp_build_skb(const struct skbext_esp_pkt *p)
{
	unsigned int l3_len, sec_len, payload, icv, pad = 0, tail = 0, total;
	u8 proto, inner;
	struct sk_buff *skb;
	struct ethhdr *eth;
	u8 *data, *l4;
	unsigned int i;

	if (!p || (p->family != AF_INET && p->family != AF_INET6))
		return NULL;
	if (p->ip_opt_len > 40 || p->ip_opt_len % 4 ||
	    (p->family == AF_INET6 && p->ip_opt_len))
		return NULL;
	proto = p->proto ? p->proto : IPPROTO_ESP;
	if (proto != IPPROTO_ESP && proto != IPPROTO_AH)
		return NULL;
	inner = p->inner_proto ? p->inner_proto : IPPROTO_TCP;
	payload = p->payload_len ? p->payload_len : 32;
	icv = p->icv_len ? p->icv_len : 16;
	if (icv % 4 || payload > 9000)
		return NULL;

	if (p->family == AF_INET)
		l3_len = sizeof(struct iphdr) + p->ip_opt_len;
	else
		l3_len = sizeof(struct ipv6hdr) + (p->ipv6_ext ? 8 : 0);

	if (proto == IPPROTO_ESP) {
		sec_len = sizeof(struct ip_esp_hdr) + ESP_IV_LEN;
		/* GCM's block size is 1, aligned to 4 as esp_output does */
		pad = (4 - (payload + 2) % 4) % 4;
		tail = pad + 2 + icv;
	} else {
		sec_len = sizeof(struct ip_auth_hdr) + icv;
	}
	total = ETH_HLEN + l3_len + sec_len + payload + tail;

	skb = alloc_skb(NET_SKB_PAD + NET_IP_ALIGN + total, GFP_ATOMIC);
	if (!skb)
		return NULL;
	/* as drivers do, so that the IP header after Ethernet is aligned */
	skb_reserve(skb, NET_SKB_PAD + NET_IP_ALIGN);
	data = skb_put(skb, total);
	memset(data, 0, total);

	eth = (struct ethhdr *)data;
	memcpy(eth->h_dest, "\x02\x00\x00\x00\x00\x02", ETH_ALEN);
	memcpy(eth->h_source, "\x02\x00\x00\x00\x00\x01", ETH_ALEN);
	skb_reset_mac_header(skb);
	skb_set_network_header(skb, ETH_HLEN);
	skb_set_transport_header(skb, ETH_HLEN + l3_len);
	skb->mac_len = ETH_HLEN;
	l4 = data + ETH_HLEN + l3_len;

	if (p->family == AF_INET) {
		struct iphdr *iph = (struct iphdr *)(data + ETH_HLEN);

		eth->h_proto = htons(ETH_P_IP);
		skb->protocol = htons(ETH_P_IP);
		iph->version = 4;
		iph->ihl = l3_len / 4;
		iph->tot_len = htons(total - ETH_HLEN);
		iph->ttl = 64;
		iph->protocol = proto;
		iph->saddr = p->saddr.a4;
		iph->daddr = p->daddr.a4;
		/* IPv4 options: NOPs, then end of list */
		memset(iph + 1, 1, p->ip_opt_len);
		ip_send_check(iph);
	} else {
		struct ipv6hdr *ip6 = (struct ipv6hdr *)(data + ETH_HLEN);

		eth->h_proto = htons(ETH_P_IPV6);
		skb->protocol = htons(ETH_P_IPV6);
		ip6->version = 6;
		ip6->payload_len = htons(total - ETH_HLEN - sizeof(*ip6));
		ip6->hop_limit = 64;
		ip6->saddr = p->saddr.in6;
		ip6->daddr = p->daddr.in6;
		if (p->ipv6_ext) {
			u8 *opt = (u8 *)(ip6 + 1);

			ip6->nexthdr = NEXTHDR_DEST;
			opt[0] = proto;		/* next header */
			opt[1] = 0;		/* 8 bytes in all */
			opt[2] = 1;		/* PadN over the rest */
			opt[3] = 4;
		} else {
			ip6->nexthdr = proto;
		}
	}

	if (proto == IPPROTO_ESP) {
		struct ip_esp_hdr *esph = (struct ip_esp_hdr *)l4;
		u8 *t = l4 + sec_len + payload;
		__be32 seq = htonl(p->seq);

		memcpy(&esph->spi, &p->spi, 4);
		memcpy(&esph->seq_no, &seq, 4);
		for (i = 0; i < payload; i++)
			l4[sec_len + i] = (u8)i;
		/* self-describing padding 1, 2, 3..., its length, next header */
		for (i = 0; i < pad; i++)
			t[i] = i + 1;
		t[pad] = pad;
		t[pad + 1] = inner;
	} else {
		struct ip_auth_hdr *ah = (struct ip_auth_hdr *)l4;
		__be32 seq = htonl(p->seq);

		ah->nexthdr = inner;
		ah->hdrlen = sec_len / 4 - 2;
		memcpy(&ah->spi, &p->spi, 4);
		memcpy(&ah->seq_no, &seq, 4);
	}

	return skb;
}

int skbext_esp_prepare_tx(struct sk_buff *skb, struct xfrm_state *x,
			  u8 inner_proto)
{
	struct xfrm_offload *xo;
	struct sec_path *sp;
	u32 seq = 0;

	if (!skb || !x)
		return -EINVAL;

	/* the output path starts every transform with no sec_path */
	secpath_reset(skb);

	sp = secpath_set(skb);
	if (!sp)
		return -ENOMEM;

	sp->olen++;
	sp->xvec[sp->len++] = x;
	xfrm_state_hold(x);

	xo = xfrm_offload(skb);
	xo->proto = inner_proto;
	/*
	 * xfrm_get_inner_ipproto(): a tunnel's plaintext is a whole IP
	 * packet, and the device that checksums it must know what it
	 * carries. A transport-mode frame is no tunnel of its own here, so
	 * it has no inner protocol.
	 */
	if (x->props.mode == XFRM_MODE_TUNNEL)
		xo->inner_ipproto = inner_proto;

	if (skb_transport_header_was_set(skb) &&
	    skb_transport_offset(skb) >= 0 &&
	    (unsigned int)skb_transport_offset(skb) + sizeof(struct ip_esp_hdr) <=
	    skb_headlen(skb)) {
		__be32 s;

		memcpy(&s, &ip_esp_hdr(skb)->seq_no, sizeof(s));
		seq = ntohl(s);
	}
	xo->seq.low = seq;
	xo->seq.hi = 0;
	/* esp_xmit(): the device will do the crypto */
	xo->flags |= XFRM_XMIT;
	skb->encapsulation = 1;
	return 0;
}

int skbext_state_set_aead(struct xfrm_state *x, const char *alg_name,
			  const u8 *key, unsigned int key_bits,
			  unsigned int icv_bits)
{
	unsigned int key_bytes = (key_bits + 7) / 8;
	struct xfrm_algo_aead *aead;

	if (!x || !alg_name || (key_bytes && !key) || key_bytes > 64 ||
	    strlen(alg_name) >= sizeof(aead->alg_name))
		return -EINVAL;

	aead = kzalloc(sizeof(*aead) + key_bytes, GFP_KERNEL);
	if (!aead)
		return -ENOMEM;
	strcpy(aead->alg_name, alg_name);
	aead->alg_key_len = key_bits;
	aead->alg_icv_len = icv_bits;
	if (key_bytes)
		memcpy(aead->alg_key, key, key_bytes);

	kfree(x->aead);
	x->aead = aead;

	if (!strcmp(alg_name, "rfc4106(gcm(aes))")) {
		switch (icv_bits) {
		case 64:
			x->props.ealgo = SADB_X_EALG_AES_GCM_ICV8;
			break;
		case 96:
			x->props.ealgo = SADB_X_EALG_AES_GCM_ICV12;
			break;
		case 128:
			x->props.ealgo = SADB_X_EALG_AES_GCM_ICV16;
			break;
		default:
			break;
		}
		x->geniv = "seqiv";
	}
	return 0;
}
