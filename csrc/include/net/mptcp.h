/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The MPTCP extension of an skb: the DSS mapping (RFC 8684 section 3.3)
 * the subflow carries with each segment.
 */
#ifndef __NET_MPTCP_H
#define __NET_MPTCP_H

#include <linux/skbuff.h>

#ifdef __cplusplus
extern "C" {
#endif

struct mptcp_ext {
	union {
		u64	data_ack;
		u32	data_ack32;
	};
	u64		data_seq;
	u32		subflow_seq;
	u16		data_len;
	__sum16		csum;
	u8		use_map:1,
			dsn64:1,
			data_fin:1,
			use_ack:1,
			ack64:1,
			mpc_map:1,
			frozen:1,
			reset_transient:1;
	u8		reset_reason:4,
			csum_reqd:1,
			infinite_map:1;
};

BUILD_BUG_ON(sizeof(struct mptcp_ext) != 32);
BUILD_BUG_ON(offsetof(struct mptcp_ext, data_seq) != 8);
BUILD_BUG_ON(offsetof(struct mptcp_ext, subflow_seq) != 16);
BUILD_BUG_ON(offsetof(struct mptcp_ext, data_len) != 20);
BUILD_BUG_ON(offsetof(struct mptcp_ext, csum) != 22);

/*
 * What the TCP output path hands mptcp_write_options(). The kernel's
 * union also carries the MP_CAPABLE keys, ADD_ADDR, MP_JOIN and RM_ADDR
 * fields; the DSS needs only suboptions, csum_reqd and ext_copy, a
 * private copy of the skb's mapping that the writer may adjust (DATA_FIN,
 * the ack fields) without touching the skb's own extension.
 */
struct mptcp_out_options {
#if IS_ENABLED(CONFIG_MPTCP)
	u16 suboptions;
	u8 reset_reason:4,
	   reset_transient:1,
	   csum_reqd:1,
	   allow_join_id0:1;
	union {
		struct {
			u64 sndr_key;
			u64 rcvr_key;
			u64 data_seq;
			u32 subflow_seq;
			u16 data_len;
			__sum16 csum;
		};
		struct {
			struct mptcp_ext ext_copy;
			u64 fail_seq;
		};
	};
#endif
};

#if IS_ENABLED(CONFIG_MPTCP)
/*
 * Hand @from's whole extension block over to @to when it holds a
 * mapping; @from keeps none. @to is expected to have no extensions of
 * its own: if it has, they are dropped (with a warning), not leaked.
 */
static inline void mptcp_skb_ext_move(struct sk_buff *to,
				      struct sk_buff *from)
{
	u8 ids = from->active_extensions;

	if (!(ids & (1 << SKB_EXT_MPTCP)))
		return;
	if (WARN_ON_ONCE(skb_has_extensions(to)))
		skb_ext_put(to);

	/* the reference moves with the pointer: no get, no put */
	skb_ext_head_evict(from);	/* nor may it stay in from's head */
	to->extensions = from->extensions;
	to->active_extensions = ids;
	from->active_extensions = 0;
}

/*
 * Share @from's extensions with @to. A mapping seen by two skbs must not
 * change any more, so it is marked frozen first; without a mapping
 * nothing is shared.
 */
static inline void mptcp_skb_ext_copy(struct sk_buff *to,
				      struct sk_buff *from)
{
	struct mptcp_ext *mpext;

	mpext = (struct mptcp_ext *)skb_ext_find(from, SKB_EXT_MPTCP);
	if (mpext) {
		mpext->frozen = 1;
		skb_ext_copy(to, from);
	}
}

/*
 * Whether data mapped by @from_ext may join data mapped by @to_ext: yes
 * if @from has no mapping, else only for an identical one. Comparing the
 * bytes is enough, as MPTCP zeroes an extension before filling it, so
 * padding and unused bits always agree.
 */
static inline bool mptcp_ext_matches(const struct mptcp_ext *to_ext,
				     const struct mptcp_ext *from_ext)
{
	if (!from_ext)
		return true;
	return to_ext && memcmp(to_ext, from_ext, sizeof(*to_ext)) == 0;
}

/* Two segments may be merged only if they carry the same mapping. */
static inline bool mptcp_skb_can_collapse(const struct sk_buff *to,
					  const struct sk_buff *from)
{
	const struct mptcp_ext *a, *b;

	a = (const struct mptcp_ext *)skb_ext_find(to, SKB_EXT_MPTCP);
	b = (const struct mptcp_ext *)skb_ext_find(from, SKB_EXT_MPTCP);
	return mptcp_ext_matches(a, b);
}
#else
/* Without MPTCP no skb carries a mapping: nothing moves, all may merge. */
static inline void mptcp_skb_ext_move(struct sk_buff *to,
				      struct sk_buff *from)
{
}

static inline void mptcp_skb_ext_copy(struct sk_buff *to,
				      struct sk_buff *from)
{
}

static inline bool mptcp_skb_can_collapse(const struct sk_buff *to,
					  const struct sk_buff *from)
{
	return true;
}
#endif

#if IS_ENABLED(CONFIG_MPTCP)
/*
 * Not in the kernel: what the TCP stack does around the MPTCP hooks, on
 * an skb that holds a whole IPv4 or IPv6 + TCP segment, so a mapping can
 * travel from an skb's extension to wire bytes and back
 * (skbext/mptcp_segment.c).
 */
struct tcp_seg_desc {
	bool		ipv6;
	union {
		__be32		v4;
		struct in6_addr	v6;
	} saddr, daddr;
	u16		sport, dport;	/* host order */
	u32		seq, ack_seq;	/* host order */
	u8		tcp_flags;	/* TCPHDR_* */
	u16		window;		/* host order */
	const u8	*options;	/* raw TCP options, or NULL */
	unsigned int	optlen;		/* up to 40; padded with EOL to 4 */
	const void	*payload;
	unsigned int	payload_len;
};

struct sk_buff *tcp_seg_build(const struct tcp_seg_desc *desc, gfp_t gfp);
int tcp_seg_payload_len(const struct sk_buff *skb);
int mptcp_skb_write_dss(struct sk_buff *skb);
int mptcp_skb_parse_dss(struct sk_buff *skb);
int mptcp_skb_update_data_csum(struct sk_buff *skb);
int mptcp_skb_validate_data_csum(const struct sk_buff *skb);
#endif

#ifdef __cplusplus
}
#endif

#endif /* __NET_MPTCP_H */
