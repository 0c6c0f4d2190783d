/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Real IPsec frames for the driver call sites: an skb holding Ethernet,
 * IPv4 or IPv6, and an ESP (or AH) header with a trailer, the headers set
 * as a driver would find them; the steps xfrm_output() takes before an
 * offloaded frame reaches the driver; and the AEAD an offloading driver
 * asks of a state.
 */
#ifndef _SKBEXT_ESP_PKT_H
#define _SKBEXT_ESP_PKT_H

#include <linux/types.h>
#include <linux/skbuff.h>
#include <net/xfrm.h>

#ifdef __cplusplus
extern "C" {
#endif

struct skbext_esp_pkt {
	u16		family;		/* AF_INET or AF_INET6 */
	xfrm_address_t	saddr;
	xfrm_address_t	daddr;
	__be32		spi;		/* network order, as x->id.spi */
	u32		seq;		/* ESP/AH sequence number, host order */
	u8		proto;		/* IPPROTO_ESP (0 means ESP) or IPPROTO_AH */
	u8		inner_proto;	/* the protected payload's protocol (0: TCP) */
	u8		ip_opt_len;	/* IPv4 option bytes, multiple of 4, <= 40 */
	bool		ipv6_ext;	/* an 8-byte destination options header first */
	u16		payload_len;	/* plaintext bytes (0: 32) */
	u8		icv_len;	/* ICV bytes (0: 16) */
};

/*
 * A frame as a NIC hands it up or a driver gets it to send: data at the
 * Ethernet header, mac/network/transport headers set (transport at the
 * ESP or AH header), skb->protocol the EtherType, IPv4 checksum valid.
 * ESP: header, 8-byte IV, payload, padding to 4 bytes, pad length and
 * next header, ICV. Returns NULL on bad parameters or no memory.
 */
struct sk_buff *skbext_esp_build_skb(const struct skbext_esp_pkt *p);

/*
 * What xfrm_output() and esp_xmit() do to an skb an offloading device
 * will encrypt with @x: drop the old sec_path, give it a fresh one, push
 * @x with a reference (len and olen 1), set xfrm_offload()'s proto to
 * @inner_proto, seq.low to the ESP header's sequence number, XFRM_XMIT in
 * flags, and skb->encapsulation. For a tunnel-mode @x, @inner_proto is
 * also the plaintext IP header's protocol, which goes to inner_ipproto as
 * xfrm_get_inner_ipproto() puts it there (transport mode leaves it 0; the
 * kernel's xo->proto would be IPPROTO_IPIP or IPPROTO_IPV6 in tunnel mode,
 * here it stays @inner_proto). Returns 0, -EINVAL, or -ENOMEM (the kernel
 * would free the skb then; here it is left, without a sec_path).
 */
int skbext_esp_prepare_tx(struct sk_buff *skb, struct xfrm_state *x,
			  u8 inner_proto);

/*
 * Gives @x an AEAD (replacing any): @alg_name (e.g. "rfc4106(gcm(aes))"),
 * @key_bits of @key (key then 4-byte salt), an @icv_bits ICV; for
 * rfc4106 also props.ealgo (SADB_X_EALG_AES_GCM_ICV8/12/16) and geniv
 * "seqiv", as the xfrm user API leaves them. Returns 0, -EINVAL, -ENOMEM.
 */
int skbext_state_set_aead(struct xfrm_state *x, const char *alg_name,
			  const u8 *key, unsigned int key_bits,
			  unsigned int icv_bits);

#ifdef __cplusplus
}
#endif

#endif /* _SKBEXT_ESP_PKT_H */
