/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * TCP option kinds and lengths, header flags and the control block TCP
 * keeps in skb->cb: the part of net/tcp.h the MPTCP option code reads.
 */
#ifndef _TCP_H
#define _TCP_H

#include <linux/types.h>
#include <linux/skbuff.h>
#include <linux/tcp.h>
#include <net/xfrm.h>

#define MAX_TCP_HEADER_LEN	60	/* doff is four bits of 32-bit words */
#define MAX_TCP_OPTION_SPACE	40

#define TCPOPT_NOP		1	/* padding */
#define TCPOPT_EOL		0	/* end of options */
#define TCPOPT_MSS		2
#define TCPOPT_WINDOW		3
#define TCPOPT_SACK_PERM	4
#define TCPOPT_SACK		5
#define TCPOPT_TIMESTAMP	8
#define TCPOPT_MD5SIG		19
#define TCPOPT_MPTCP		30	/* RFC 8684 */
#define TCPOPT_FASTOPEN		34
#define TCPOPT_EXP		254

#define TCPOLEN_MSS		4
#define TCPOLEN_WINDOW		3
#define TCPOLEN_SACK_PERM	2
#define TCPOLEN_TIMESTAMP	10
#define TCPOLEN_TSTAMP_ALIGNED	12

#define TCPHDR_FIN	0x01
#define TCPHDR_SYN	0x02
#define TCPHDR_RST	0x04
#define TCPHDR_PSH	0x08
#define TCPHDR_ACK	0x10
#define TCPHDR_URG	0x20
#define TCPHDR_ECE	0x40
#define TCPHDR_CWR	0x80

/*
 * The head of 6.1's struct tcp_skb_cb, at its offsets: the fields the
 * receive path fills before the MPTCP hook runs. The tx/header union
 * after ack_seq is not modelled (its bytes of cb stay as they are).
 */
struct tcp_skb_cb {
	__u32	seq;		/* first sequence number */
	__u32	end_seq;	/* seq + SYN + FIN + payload length */
	union {
		__u32	tcp_tw_isn;
		struct {
			u16	tcp_gso_segs;
			u16	tcp_gso_size;
		};
	};
	__u8	tcp_flags;	/* byte 13 of the header */
	__u8	sacked;
	__u8	ip_dsfield;
	__u8	txstamp_ack:1,
		eor:1,
		has_rxtstamp:1,
		unused:5;
	__u32	ack_seq;
};

BUILD_BUG_ON(offsetof(struct tcp_skb_cb, tcp_flags) != 12);
BUILD_BUG_ON(offsetof(struct tcp_skb_cb, ack_seq) != 16);
BUILD_BUG_ON(sizeof(struct tcp_skb_cb) > sizeof_field(struct sk_buff, cb));

#define TCP_SKB_CB(__skb)	((struct tcp_skb_cb *)&((__skb)->cb[0]))

/*
 * What every receive path does to an skb it is about to keep on a
 * socket (the backlog, the receive or out-of-order queue, a fast open
 * SYN's data): the route and the security path have served their
 * purpose once the socket filter and the LSM hooks ran. Dropping only
 * the sec_path, not every extension, keeps the MPTCP mapping the
 * option parser may just have attached. Since "tcp: drop secpath at the
 * same time as we currently drop dst" (6.14, 6.1.y): before it a queued
 * skb held its states' references until it was read and freed.
 */
static inline void tcp_cleanup_skb(struct sk_buff *skb)
{
	skb_dst_drop(skb);
	secpath_reset(skb);
}
struct sock;

/*
 * net/ipv4/tcp_input.c: append @from to @to, the segment before it in
 * the receive queue. Static in 6.1; the port exports it for its tests
 * and the tape. The socket's receive memory is not modelled: @sk may be
 * NULL.
 */
bool tcp_try_coalesce(struct sock *sk, struct sk_buff *to,
		      struct sk_buff *from, bool *fragstolen);

#endif /* _TCP_H */
