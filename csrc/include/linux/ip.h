/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The IPv4 header, the ESP and AH headers (uapi/linux/ip.h), ip_hdr(), and
 * the header checksum helpers (ip_fast_csum() of asm/checksum.h,
 * ip_send_check() of net/ip.h) that the offload paths call after they
 * change tot_len.
 */
#ifndef _LINUX_IP_H
#define _LINUX_IP_H

#include <linux/types.h>
#include <linux/in.h>
#include <linux/skbuff.h>
#include <asm/byteorder.h>

struct iphdr {
	__u8	ihl:4,
		version:4;
	__u8	tos;
	__be16	tot_len;
	__be16	id;
	__be16	frag_off;
	__u8	ttl;
	__u8	protocol;
	__sum16	check;
	__be32	saddr;
	__be32	daddr;
	/* options follow when ihl > 5 */
};

struct ip_auth_hdr {
	__u8	nexthdr;
	__u8	hdrlen;		/* in 32-bit words, minus 2 */
	__be16	reserved;
	__be32	spi;
	__be32	seq_no;
	__u8	auth_data[];
};

struct ip_esp_hdr {
	__be32	spi;
	__be32	seq_no;
	__u8	enc_data[];
};

BUILD_BUG_ON(sizeof(struct iphdr) != 20);
BUILD_BUG_ON(sizeof(struct ip_auth_hdr) != 12);
BUILD_BUG_ON(sizeof(struct ip_esp_hdr) != 8);

static inline struct iphdr *ip_hdr(const struct sk_buff *skb)
{
	return (struct iphdr *)skb_network_header(skb);
}

/* One's complement sum over @ihl 32-bit words, folded and inverted. */
static inline __sum16 ip_fast_csum(const void *iph, unsigned int ihl)
{
	const u8 *p = (const u8 *)iph;
	u32 sum = 0;
	unsigned int i;

	for (i = 0; i < ihl * 4; i += 2)
		sum += (u32)p[i] | ((u32)p[i + 1] << 8);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (__sum16)~sum;
}

static inline void ip_send_check(struct iphdr *iph)
{
	iph->check = 0;
	iph->check = ip_fast_csum((const u8 *)iph, iph->ihl);
}

#endif /* _LINUX_IP_H */
