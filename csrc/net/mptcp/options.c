// SPDX-License-Identifier: GPL-2.0-only
/*
 * Multipath TCP options, as net/mptcp/options.c of Linux 6.1 handles them:
 * the Data Sequence Signal (RFC 8684 section 3.3) parsed from a received
 * segment into its skb's mapping, and written from an skb's mapping into
 * the option space of an outgoing one, with the DSS checksum.
 *
 * Only the DSS subtype is parsed; other MPTCP subtypes are skipped. In the
 * kernel a valid MP_CAPABLE, MP_JOIN or RST in the same header would make
 * a following DSS be ignored; here it is not (see mptcp_parse_option()).
 */
#include <linux/kernel.h>
#include <linux/skbuff.h>
#include <linux/tcp.h>
#include <net/tcp.h>
#include <net/mptcp.h>
#include <net/checksum.h>
#include <asm/unaligned.h>
#include "protocol.h"

/*
 * SKBEXT_MUTANT=N builds a deliberately broken variant for the mutation
 * self-test (tools/test-stages.js); 0 is the real code.
 */
#ifndef SKBEXT_MUTANT
#define SKBEXT_MUTANT 0
#endif

/**
 * mptcp_parse_option - parse one MPTCP option
 * @skb: the segment (unused by the DSS; may be NULL)
 * @ptr: the byte after kind and length (subtype and flags come first)
 * @opsize: the option's length byte, kind and length included
 * @mp_opt: parse state, its status cleared by the caller
 *
 * A DSS is accepted only at exactly the size its flags call for, or at
 * that size plus the two checksum bytes; anything else leaves no trace.
 * A second DSS, or a DSS after a subtype it may not accompany, is
 * ignored: the first one wins.
 */
void mptcp_parse_option(const struct sk_buff *skb, const unsigned char *ptr,
			int opsize, struct mptcp_options_received *mp_opt)
{
	int expected_opsize;
	u8 subtype, flags;

	(void)skb;

	/*
	 * The kernel reads the subtype and flags bytes before it checks
	 * the size, trusting the header to go on; a buffer here may end
	 * with the option. No DSS is shorter than TCPOLEN_MPTCP_DSS_BASE,
	 * so refusing short options first rejects exactly what the kernel
	 * rejects.
	 */
	if (opsize < 3)
		return;
	subtype = *ptr >> 4;

	switch (subtype) {
	case MPTCPOPT_DSS:
		/* it may only come with these others */
		if ((mp_opt->suboptions & ~(OPTION_MPTCP_ADD_ADDR |
					    OPTION_MPTCP_RM_ADDR |
					    OPTION_MPTCP_PRIO |
					    OPTION_MPTCP_FASTCLOSE |
					    OPTION_MPTCP_FAIL)) != 0)
			break;
		if (opsize < TCPOLEN_MPTCP_DSS_BASE)
			break;

		ptr++;
		flags = (*ptr++) & MPTCP_DSS_FLAG_MASK;
		mp_opt->dsn64 = (flags & MPTCP_DSS_DSN64) != 0;
		mp_opt->use_map = (flags & MPTCP_DSS_HAS_MAP) != 0;
		mp_opt->ack64 = (flags & MPTCP_DSS_ACK64) != 0;
		mp_opt->use_ack = (flags & MPTCP_DSS_HAS_ACK) != 0;

		expected_opsize = TCPOLEN_MPTCP_DSS_BASE;
		if (mp_opt->use_ack)
			expected_opsize += mp_opt->ack64 ?
					   TCPOLEN_MPTCP_DSS_ACK64 :
					   TCPOLEN_MPTCP_DSS_ACK32;

		if (mp_opt->use_map) {
			/* DATA_FIN means nothing without a mapping */
			mp_opt->data_fin = (flags & MPTCP_DSS_DATA_FIN) != 0;
			expected_opsize += mp_opt->dsn64 ?
					   TCPOLEN_MPTCP_DSS_MAP64 :
					   TCPOLEN_MPTCP_DSS_MAP32;
		}

		/*
		 * Whether a checksum must be there is the subflow's business
		 * (RFC 8684 3.3.0); here either form of a valid size passes.
		 * Note that an ack-only DSS two bytes too long passes too.
		 */
		if (opsize != expected_opsize &&
		    opsize != expected_opsize + TCPOLEN_MPTCP_DSS_CHECKSUM &&
		    !(SKBEXT_MUTANT == 7 && opsize == expected_opsize + 1)) {
			mp_opt->dsn64 = 0;
			mp_opt->use_map = 0;
			mp_opt->ack64 = 0;
			mp_opt->use_ack = 0;
			mp_opt->data_fin = 0;
			break;
		}

		mp_opt->suboptions |= OPTION_MPTCP_DSS;
		if (mp_opt->use_ack) {
			if (mp_opt->ack64) {
				mp_opt->data_ack = get_unaligned_be64(ptr);
				ptr += 8;
			} else {
				mp_opt->data_ack = get_unaligned_be32(ptr);
				ptr += 4;
			}
		}

		if (mp_opt->use_map) {
			if (mp_opt->dsn64) {
				mp_opt->data_seq = get_unaligned_be64(ptr);
				ptr += 8;
			} else {
				mp_opt->data_seq = get_unaligned_be32(ptr);
				ptr += 4;
			}

			mp_opt->subflow_seq = get_unaligned_be32(ptr);
			ptr += 4;

			mp_opt->data_len = get_unaligned_be16(ptr);
			ptr += 2;

			/* kept in network order, as it goes into a sum */
			if (opsize == expected_opsize +
				      TCPOLEN_MPTCP_DSS_CHECKSUM) {
				mp_opt->suboptions |= OPTION_MPTCP_CSUMREQD;
				mp_opt->csum = get_unaligned((const __sum16 *)ptr);
				ptr += 2;
			}
		}
		break;

	default:
		/* other subtypes are not ported */
		break;
	}
}

/**
 * mptcp_parse_tcp_options - walk a TCP option area for MPTCP options
 * @ptr: the first option byte
 * @length: bytes of option space (doff * 4 - 20 for a whole header)
 * @mp_opt: filled in; its status is cleared first
 *
 * The walk of mptcp_get_options(), on bytes instead of an skb: EOL ends
 * it, NOP is one byte, any other option needs a length byte of at least
 * two that fits in what is left, or the walk stops. Nothing outside
 * [@ptr, @ptr + @length) is read.
 */
void mptcp_parse_tcp_options(const unsigned char *ptr, int length,
			     struct mptcp_options_received *mp_opt)
{
	BUILD_BUG_ON(sizeof_field(struct mptcp_options_received, status) !=
		     sizeof(u32));
	memset(&mp_opt->status, 0, sizeof(mp_opt->status));

	while (length > 0) {
		int opcode = *ptr++;
		int opsize;

		switch (opcode) {
		case TCPOPT_EOL:
			return;
		case TCPOPT_NOP:
			length--;
			continue;
		default:
			if (length < 2)
				return;
			opsize = *ptr++;
			if (opsize < 2)		/* would never advance */
				return;
			if (opsize > length)	/* runs past the header */
				return;
			if (opcode == TCPOPT_MPTCP)
				mptcp_parse_option(NULL, ptr, opsize, mp_opt);
			ptr += opsize - 2;
			length -= opsize;
		}
	}
}

/**
 * mptcp_get_options - find the MPTCP options of a received segment
 * @skb: segment with its transport header set
 * @mp_opt: filled in; its status is cleared first
 *
 * The kernel relies on tcp_v4_rcv() having pulled doff * 4 bytes into the
 * linear area; here a header running past the linear data is cut to what
 * is there, so a lying doff cannot make the walk read beyond the skb.
 */
void mptcp_get_options(const struct sk_buff *skb,
		       struct mptcp_options_received *mp_opt)
{
	const struct tcphdr *th = tcp_hdr(skb);
	const unsigned char *end = skb_tail_pointer(skb);
	const unsigned char *ptr = (const unsigned char *)(th + 1);
	int length = (th->doff * 4) - (int)sizeof(struct tcphdr);

	if (ptr > end)
		length = 0;
	else if (length > end - ptr)
		length = end - ptr;

	mptcp_parse_tcp_options(ptr, length, mp_opt);
}

/*
 * A DATA_FIN rides on the last mapping when it ends right before the
 * DATA_FIN's sequence number; otherwise it needs a mapping of its own,
 * one byte long at subflow sequence 0 (RFC 8684 3.3.3).
 */
static void mptcp_write_data_fin(const struct mptcp_sock *msk,
				 struct sk_buff *skb, struct mptcp_ext *ext)
{
	/* write_seq already counts the DATA_FIN */
	u64 data_fin_tx_seq = READ_ONCE(msk->write_seq) - 1;

	if (!ext->use_map || !skb->len) {
		ext->data_fin = 1;
		ext->use_map = 1;
		ext->dsn64 = 1;
		ext->data_seq = data_fin_tx_seq;
		ext->subflow_seq = 0;
		ext->data_len = 1;
	} else if (ext->data_seq + ext->data_len == data_fin_tx_seq) {
		ext->data_fin = 1;
		ext->data_len++;
	}
}

/**
 * mptcp_established_options_dss - decide the DSS of an outgoing segment
 * @msk: the connection state the ack, checksum and DATA_FIN come from
 * @skb: the segment, payload only (NULL for a pure ack)
 * @snd_data_fin_enable: a DATA_FIN is due (mptcp_data_fin_enabled())
 * @size: set to the option space the DSS takes, a multiple of 4
 * @remaining: option space left; the DSS always fits in an empty one
 * @opts: receives the suboption and a copy of the mapping; the caller
 *	zeroes it, as __tcp_transmit_skb() does
 *
 * The mapping goes out when the skb's extension has one (or on a DATA_FIN
 * or a pure ack without skb); space is always reserved for a 64-bit DSN,
 * as the writer sends no other. The ack goes out once the peer's key is
 * known. Returns true if there is a DSS to write.
 */
bool mptcp_established_options_dss(const struct mptcp_sock *msk,
				   struct sk_buff *skb,
				   bool snd_data_fin_enable,
				   unsigned int *size, unsigned int remaining,
				   struct mptcp_out_options *opts)
{
	unsigned int dss_size = 0;
	struct mptcp_ext *mpext;
	unsigned int ack_size;
	bool ret = false;

	opts->csum_reqd = READ_ONCE(msk->csum_enabled);
	mpext = skb ? mptcp_get_ext(skb) : NULL;

	if (!skb || (mpext && mpext->use_map) || snd_data_fin_enable) {
		unsigned int map_size = TCPOLEN_MPTCP_DSS_BASE +
					TCPOLEN_MPTCP_DSS_MAP64;

		if (mpext) {
			if (opts->csum_reqd)
				map_size += TCPOLEN_MPTCP_DSS_CHECKSUM;

			opts->ext_copy = *mpext;
		}

		remaining -= map_size;
		dss_size = map_size;
		if (skb && snd_data_fin_enable)
			mptcp_write_data_fin(msk, skb, &opts->ext_copy);
		opts->suboptions = OPTION_MPTCP_DSS;
		ret = true;
	}
	(void)remaining;

	/* without the peer's key there is nothing to acknowledge with */
	opts->ext_copy.use_ack = 0;
	if (!READ_ONCE(msk->can_ack)) {
		*size = ALIGN(dss_size, 4);
		return ret;
	}

	if (READ_ONCE(msk->use_64bit_ack)) {
		ack_size = TCPOLEN_MPTCP_DSS_ACK64;
		opts->ext_copy.ack64 = 1;
	} else {
		ack_size = TCPOLEN_MPTCP_DSS_ACK32;
		opts->ext_copy.ack64 = 0;
	}
	opts->ext_copy.use_ack = 1;
	opts->suboptions = OPTION_MPTCP_DSS;

	/* an ack alone still needs kind, length, subtype and flags */
	if (dss_size == 0)
		ack_size += TCPOLEN_MPTCP_DSS_BASE;

	dss_size += ack_size;

	*size = ALIGN(dss_size, 4);
	return true;
}

/**
 * __mptcp_make_csum - the DSS checksum (RFC 8684 section 3.3.1)
 * @data_seq: the mapping's data sequence number, always as 64 bits
 * @subflow_seq: its relative subflow sequence number
 * @data_len: its data-level length, a DATA_FIN's byte included
 * @sum: partial sum of the payload, and of the received checksum when
 *	verifying
 *
 * Returns the folded ones' complement checksum: the value to send, or 0
 * when verifying a mapping whose checksum is right.
 */
__sum16 __mptcp_make_csum(u64 data_seq, u32 subflow_seq, u16 data_len,
			  __wsum sum)
{
	struct csum_pseudo_header header;
	__wsum csum;

	/* the pseudo-header has the 64-bit DSN even when 32 bits were sent */
	header.data_seq = cpu_to_be64(data_seq);
	header.subflow_seq = htonl(subflow_seq);
	header.data_len = SKBEXT_MUTANT == 8 ? 0 : htons(data_len);
	header.csum = 0;

	csum = csum_partial(&header, sizeof(header), sum);
	return csum_fold(csum);
}

/* mpext->csum holds the folded payload sum; unfolding restores it */
static __sum16 mptcp_make_csum(const struct mptcp_ext *mpext)
{
	return __mptcp_make_csum(mpext->data_seq, mpext->subflow_seq,
				 mpext->data_len, ~csum_unfold(mpext->csum));
}

static void put_len_csum(u16 len, __sum16 csum, void *data)
{
	__sum16 *sumptr = (__sum16 *)((u8 *)data + 2);
	__be16 *ptr = (__be16 *)data;

	put_unaligned_be16(len, ptr);
	put_unaligned(csum, sumptr);
}

/**
 * mptcp_write_options - write the DSS decided for a segment
 * @th: the segment's TCP header (unused: no receive window update here)
 * @ptr: where the option goes, inside the header's option space
 * @msk: the connection state the data ack is taken from
 * @opts: what mptcp_established_options_dss() decided
 *
 * Writes exactly the size that function returned: the mapping always
 * with a 64-bit DSN, and without a checksum two NOPs to end on a 32-bit
 * boundary. An infinite mapping (data_len 0) carries a zero checksum.
 */
void mptcp_write_options(struct tcphdr *th, __be32 *ptr,
			 const struct mptcp_sock *msk,
			 struct mptcp_out_options *opts)
{
	(void)th;

	if (likely(OPTION_MPTCP_DSS & opts->suboptions)) {
		struct mptcp_ext *mpext = &opts->ext_copy;
		u8 len = TCPOLEN_MPTCP_DSS_BASE;
		u8 flags = 0;

		if (mpext->use_ack) {
			flags = MPTCP_DSS_HAS_ACK;
			if (mpext->ack64) {
				len += TCPOLEN_MPTCP_DSS_ACK64;
				flags |= MPTCP_DSS_ACK64;
			} else {
				len += TCPOLEN_MPTCP_DSS_ACK32;
			}
		}

		if (mpext->use_map) {
			len += TCPOLEN_MPTCP_DSS_MAP64;

			/* 6.1 never sends a 32-bit DSN */
			flags |= MPTCP_DSS_HAS_MAP | MPTCP_DSS_DSN64;
			if (mpext->data_fin)
				flags |= MPTCP_DSS_DATA_FIN;

			if (opts->csum_reqd)
				len += TCPOLEN_MPTCP_DSS_CHECKSUM;
		}

		put_unaligned(mptcp_option(MPTCPOPT_DSS, len, 0, flags), ptr);
		ptr++;

		if (mpext->use_ack) {
			u64 ack_seq = READ_ONCE(msk->ack_seq);

			if (mpext->ack64) {
				put_unaligned_be64(ack_seq, ptr);
				ptr += 2;
			} else {
				put_unaligned_be32((u32)ack_seq, ptr);
				ptr += 1;
			}
		}

		if (mpext->use_map) {
			put_unaligned_be64(mpext->data_seq, ptr);
			ptr += 2;
			put_unaligned_be32(mpext->subflow_seq, ptr);
			ptr += 1;
			if (opts->csum_reqd) {
				/* data_len 0 is the infinite mapping */
				put_len_csum(mpext->data_len,
					     mpext->data_len ?
					     mptcp_make_csum(mpext) : 0,
					     ptr);
			} else {
				put_unaligned_be32((u32)mpext->data_len << 16 |
						   TCPOPT_NOP << 8 | TCPOPT_NOP,
						   ptr);
			}
			ptr += 1;
		}
	}
}

/**
 * mptcp_incoming_options - record a received segment's DSS on its skb
 * @skb: segment with its transport header and TCP_SKB_CB() set
 * @mp_opt: receives what was parsed (the caller's, for the ack)
 *
 * As in the kernel: no DSS, or a segment that occupies no sequence space,
 * leaves the skb without a mapping; otherwise a zeroed extension gets the
 * mapping. The kernel hands the data ack to the msk (ack_update_msk());
 * with no msk here, the ack is kept in the extension's use_ack, ack64
 * and data_ack. A mapping of length 0 is an infinite mapping (RFC 8684
 * 3.3.1); the kernel notices that later, in get_mapping_status(), and
 * this port marks it in infinite_map at once. The 32-bit DSN is stored
 * unexpanded, as the kernel stores it in the extension.
 *
 * Returns false only when the extension cannot be allocated.
 */
bool mptcp_incoming_options(struct sk_buff *skb,
			    struct mptcp_options_received *mp_opt)
{
	struct mptcp_ext *mpext;

	mptcp_get_options(skb, mp_opt);

	if (!(mp_opt->suboptions & OPTION_MPTCP_DSS))
		return true;

	/*
	 * Pure acks never reach the MPTCP socket's queue, so they need no
	 * extension (the kernel updates a DATA_FIN from them directly).
	 */
	if (TCP_SKB_CB(skb)->seq == TCP_SKB_CB(skb)->end_seq)
		return true;

	mpext = (struct mptcp_ext *)skb_ext_add(skb, SKB_EXT_MPTCP);
	if (!mpext)
		return false;

	memset(mpext, 0, sizeof(*mpext));

	if (likely(mp_opt->use_map)) {
		mpext->data_seq = mp_opt->data_seq;
		mpext->subflow_seq = mp_opt->subflow_seq;
		mpext->dsn64 = mp_opt->dsn64;
		mpext->data_fin = mp_opt->data_fin;
		mpext->data_len = mp_opt->data_len;
		mpext->use_map = 1;
		mpext->csum_reqd = !!(mp_opt->suboptions &
				      OPTION_MPTCP_CSUMREQD);

		if (mpext->csum_reqd)
			mpext->csum = mp_opt->csum;
		mpext->infinite_map = !mpext->data_len;
	}

	if (mp_opt->use_ack) {
		mpext->use_ack = 1;
		mpext->ack64 = mp_opt->ack64;
		mpext->data_ack = mp_opt->data_ack;
	}

	return true;
}
