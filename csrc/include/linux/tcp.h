/* SPDX-License-Identifier: GPL-2.0-only */
/* The TCP header (uapi linux/tcp.h) and its skb accessors. */
#ifndef _LINUX_TCP_H
#define _LINUX_TCP_H

#include <linux/types.h>
#include <linux/skbuff.h>
#include <asm/byteorder.h>

struct tcphdr {
	__be16	source;
	__be16	dest;
	__be32	seq;
	__be32	ack_seq;
#if defined(__LITTLE_ENDIAN_BITFIELD)
	__u16	res1:4,
		doff:4,
		fin:1,
		syn:1,
		rst:1,
		psh:1,
		ack:1,
		urg:1,
		ece:1,
		cwr:1;
#else
	__u16	doff:4,
		res1:4,
		cwr:1,
		ece:1,
		urg:1,
		ack:1,
		psh:1,
		rst:1,
		syn:1,
		fin:1;
#endif
	__be16	window;
	__sum16	check;
	__be16	urg_ptr;
};

BUILD_BUG_ON(sizeof(struct tcphdr) != 20);

/* The flags byte of the header, as TCP_SKB_CB()->tcp_flags keeps it. */
#define tcp_flag_byte(th)	(((const u8 *)(th))[13])

static inline struct tcphdr *tcp_hdr(const struct sk_buff *skb)
{
	return (struct tcphdr *)skb_transport_header(skb);
}

static inline unsigned int __tcp_hdrlen(const struct tcphdr *th)
{
	return th->doff * 4;
}

/* doff counts 32-bit words, the fixed 20 bytes included. */
static inline unsigned int tcp_hdrlen(const struct sk_buff *skb)
{
	return tcp_hdr(skb)->doff * 4;
}

/* Bytes of options in the header: all of it past the fixed part. */
static inline unsigned int tcp_optlen(const struct sk_buff *skb)
{
	return tcp_hdrlen(skb) - sizeof(struct tcphdr);
}

#endif /* _LINUX_TCP_H */
