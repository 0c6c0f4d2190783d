/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * MPTCP internals, as net/mptcp/protocol.h of Linux 6.1 holds them: option
 * subtypes, lengths and flags, the parsed form of a received option, and
 * the few msk fields the DSS code reads. Only the DSS (RFC 8684 section
 * 3.3) is ported; the other subtypes keep their numbers and lengths so the
 * tables read as the kernel's do.
 */
#ifndef __MPTCP_PROTOCOL_H
#define __MPTCP_PROTOCOL_H

#include <linux/kernel.h>
#include <linux/skbuff.h>
#include <linux/tcp.h>
#include <net/tcp.h>
#include <net/mptcp.h>
#include <asm/byteorder.h>

#ifndef BIT
#define BIT(nr)			(1UL << (nr))
#endif

#define OPTION_MPTCP_MPC_SYN	BIT(0)
#define OPTION_MPTCP_MPC_SYNACK	BIT(1)
#define OPTION_MPTCP_MPC_ACK	BIT(2)
#define OPTION_MPTCP_MPJ_SYN	BIT(3)
#define OPTION_MPTCP_MPJ_SYNACK	BIT(4)
#define OPTION_MPTCP_MPJ_ACK	BIT(5)
#define OPTION_MPTCP_ADD_ADDR	BIT(6)
#define OPTION_MPTCP_RM_ADDR	BIT(7)
#define OPTION_MPTCP_FASTCLOSE	BIT(8)
#define OPTION_MPTCP_PRIO	BIT(9)
#define OPTION_MPTCP_RST	BIT(10)
#define OPTION_MPTCP_DSS	BIT(11)
#define OPTION_MPTCP_FAIL	BIT(12)

#define OPTION_MPTCP_CSUMREQD	BIT(13)

#define OPTIONS_MPTCP_DSS	(OPTION_MPTCP_DSS | OPTION_MPTCP_CSUMREQD)

/* MPTCP option subtypes */
#define MPTCPOPT_MP_CAPABLE	0
#define MPTCPOPT_MP_JOIN	1
#define MPTCPOPT_DSS		2
#define MPTCPOPT_ADD_ADDR	3
#define MPTCPOPT_RM_ADDR	4
#define MPTCPOPT_MP_PRIO	5
#define MPTCPOPT_MP_FAIL	6
#define MPTCPOPT_MP_FASTCLOSE	7
#define MPTCPOPT_RST		8

/* MPTCP suboption lengths; the DSS ones add up to the option's length */
#define TCPOLEN_MPTCP_MPC_SYN		4
#define TCPOLEN_MPTCP_MPC_SYNACK	12
#define TCPOLEN_MPTCP_MPC_ACK		20
#define TCPOLEN_MPTCP_MPC_ACK_DATA	22
#define TCPOLEN_MPTCP_MPJ_SYN		12
#define TCPOLEN_MPTCP_MPJ_SYNACK	16
#define TCPOLEN_MPTCP_MPJ_ACK		24
#define TCPOLEN_MPTCP_DSS_BASE		4
#define TCPOLEN_MPTCP_DSS_ACK32		4
#define TCPOLEN_MPTCP_DSS_ACK64		8
#define TCPOLEN_MPTCP_DSS_MAP32		10
#define TCPOLEN_MPTCP_DSS_MAP64		14
#define TCPOLEN_MPTCP_DSS_CHECKSUM	2

/* DSS flags: the low five bits of the byte after the subtype */
#define MPTCP_DSS_DATA_FIN	BIT(4)
#define MPTCP_DSS_DSN64		BIT(3)
#define MPTCP_DSS_HAS_MAP	BIT(2)
#define MPTCP_DSS_ACK64		BIT(1)
#define MPTCP_DSS_HAS_ACK	BIT(0)
#define MPTCP_DSS_FLAG_MASK	(0x1F)

/* The longest DSS: 64-bit ack, 64-bit map, checksum. */
#define TCPOLEN_MPTCP_DSS_MAX	(TCPOLEN_MPTCP_DSS_BASE +		\
				 TCPOLEN_MPTCP_DSS_ACK64 +		\
				 TCPOLEN_MPTCP_DSS_MAP64 +		\
				 TCPOLEN_MPTCP_DSS_CHECKSUM)

/*
 * What mptcp_get_options() found in a segment. The kernel's struct also
 * holds the keys, addresses, HMACs and join fields of the other
 * subtypes; only the DSS part and the status word are kept, in the same
 * order. status is cleared as one u32 before every parse.
 */
struct mptcp_options_received {
	u64	data_ack;
	u64	data_seq;
	u32	subflow_seq;
	u16	data_len;
	__sum16	csum;
	struct_group(status,
		u16 suboptions;
		u16 use_map:1,
		    dsn64:1,
		    data_fin:1,
		    use_ack:1,
		    ack64:1,
		    mpc_map:1,
		    reset_reason:4,
		    reset_transient:1,
		    echo:1,
		    backup:1,
		    deny_join_id0:1,
		    __unused:2;
	);
};

/*
 * The msk state a DSS is written from. In the kernel these are fields of
 * struct mptcp_sock (and mptcp_data_fin_enabled() for the DATA_FIN); this
 * port has no sockets, so the caller supplies them.
 */
struct mptcp_sock {
	u64	ack_seq;		/* next data sequence number expected */
	u64	write_seq;		/* next data sequence number to send */
	bool	can_ack;		/* the peer's key is known */
	bool	use_64bit_ack;		/* the peer sends 64-bit DSNs */
	bool	csum_enabled;		/* negotiated in the MP_CAPABLE */
};

/* RFC 8684 3.3.1: what the DSS checksum covers besides the payload */
struct csum_pseudo_header {
	__be64 data_seq;
	__be32 subflow_seq;
	__be16 data_len;
	__sum16 csum;
};

/*
 * The first word of every MPTCP option, in network order: kind, length,
 * then the subtype in the high nibble of the third byte with four more
 * bits (@nib) beside it, and a fourth byte the subtype defines (the DSS
 * puts its flags there).
 */
static inline __be32 mptcp_option(u8 subopt, u8 len, u8 nib, u8 field)
{
	u32 word = TCPOPT_MPTCP;

	word = word << 8 | len;
	word = word << 8 | (u32)subopt << 4 | (nib & 0x0f);
	word = word << 8 | field;
	return cpu_to_be32(word);
}

/* The skb's DSS mapping, or NULL when it carries none. */
static inline struct mptcp_ext *mptcp_get_ext(const struct sk_buff *skb)
{
	return skb_ext_find(skb, SKB_EXT_MPTCP);
}

/* options.c */
void mptcp_parse_option(const struct sk_buff *skb, const unsigned char *ptr,
			int opsize, struct mptcp_options_received *mp_opt);
void mptcp_parse_tcp_options(const unsigned char *ptr, int length,
			     struct mptcp_options_received *mp_opt);
void mptcp_get_options(const struct sk_buff *skb,
		       struct mptcp_options_received *mp_opt);
bool mptcp_established_options_dss(const struct mptcp_sock *msk,
				   struct sk_buff *skb,
				   bool snd_data_fin_enable,
				   unsigned int *size, unsigned int remaining,
				   struct mptcp_out_options *opts);
void mptcp_write_options(struct tcphdr *th, __be32 *ptr,
			 const struct mptcp_sock *msk,
			 struct mptcp_out_options *opts);
__sum16 __mptcp_make_csum(u64 data_seq, u32 subflow_seq, u16 data_len,
			  __wsum sum);
bool mptcp_incoming_options(struct sk_buff *skb,
			    struct mptcp_options_received *mp_opt);

#endif /* __MPTCP_PROTOCOL_H */
