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

#if IS_ENABLED(CONFIG_MPTCP)
/* Hand @from's extensions, mapping included, over to @to. */
static inline void mptcp_skb_ext_move(struct sk_buff *to,
				      struct sk_buff *from)
{
	if (!skb_ext_exist(from, SKB_EXT_MPTCP))
		return;

	if (WARN_ON_ONCE(to->active_extensions))
		skb_ext_put(to);

	to->active_extensions = from->active_extensions;
	to->extensions = from->extensions;
	from->active_extensions = 0;
}

/* Share @from's mapping with @to; once shared it must not change. */
static inline void mptcp_skb_ext_copy(struct sk_buff *to,
				      struct sk_buff *from)
{
	struct mptcp_ext *from_ext;

	from_ext = (struct mptcp_ext *)skb_ext_find(from, SKB_EXT_MPTCP);
	if (!from_ext)
		return;

	from_ext->frozen = 1;
	skb_ext_copy(to, from);
}

/*
 * Byte-wise comparison is enough: MPTCP zeroes a mapping before filling
 * it, so padding never differs.
 */
static inline bool mptcp_ext_matches(const struct mptcp_ext *to_ext,
				     const struct mptcp_ext *from_ext)
{
	return !from_ext ||
	       (to_ext && from_ext &&
		!memcmp(from_ext, to_ext, sizeof(struct mptcp_ext)));
}

/* Two segments may be merged only if they carry the same mapping. */
static inline bool mptcp_skb_can_collapse(const struct sk_buff *to,
					  const struct sk_buff *from)
{
	return mptcp_ext_matches((const struct mptcp_ext *)
				 skb_ext_find(to, SKB_EXT_MPTCP),
				 (const struct mptcp_ext *)
				 skb_ext_find(from, SKB_EXT_MPTCP));
}
#endif

#ifdef __cplusplus
}
#endif

#endif /* __NET_MPTCP_H */
