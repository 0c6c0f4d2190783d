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
 * The suboptions a DSS may share a header with. Anything else parsed
 * before it (a first DSS included) makes the DSS be ignored.
 */
#define DSS_COMPANIONS	(OPTION_MPTCP_ADD_ADDR | OPTION_MPTCP_RM_ADDR | \
			 OPTION_MPTCP_PRIO | OPTION_MPTCP_FASTCLOSE | \
			 OPTION_MPTCP_FAIL)

/* The option length a DSS with these flags has, checksum not counted. */
static int dss_size_for(u8 flags)
{
	int size = TCPOLEN_MPTCP_DSS_BASE;

	if (flags & MPTCP_DSS_HAS_ACK)
		size += (flags & MPTCP_DSS_ACK64) ? TCPOLEN_MPTCP_DSS_ACK64 :
						    TCPOLEN_MPTCP_DSS_ACK32;
	if (flags & MPTCP_DSS_HAS_MAP)
		size += (flags & MPTCP_DSS_DSN64) ? TCPOLEN_MPTCP_DSS_MAP64 :
						    TCPOLEN_MPTCP_DSS_MAP32;
	return size;
}

/*
 * Whether a checksum was due is the subflow's business (RFC 8684 3.3.0),
 * so the parser takes a DSS at its own size or two bytes longer. Note
 * that an ack-only DSS two bytes too long passes too.
 */
static bool dss_size_ok(int opsize, int size)
{
	return opsize == size || opsize == size + TCPOLEN_MPTCP_DSS_CHECKSUM;
}

/* A big-endian sequence number of 8 bytes or 4, and the cursor past it. */
static u64 dss_take_seq(const unsigned char **p, bool wide)
{
	u64 v = wide ? get_unaligned_be64(*p) : get_unaligned_be32(*p);

	*p += wide ? 8 : 4;
	return v;
}

/*
 * @body is the first byte after the flags. Nothing is recorded unless
 * the size is right, so a rejected DSS leaves every DSS bit clear, as
 * the caller found them.
 */
static void mptcp_parse_dss(const unsigned char *body, u8 flags, int opsize,
			    struct mptcp_options_received *mp_opt)
{
	int size = dss_size_for(flags);
	bool has_map = flags & MPTCP_DSS_HAS_MAP;
	bool has_ack = flags & MPTCP_DSS_HAS_ACK;

	if (!dss_size_ok(opsize, size))
		return;

	mp_opt->suboptions |= OPTION_MPTCP_DSS;
	mp_opt->use_ack = has_ack;
	mp_opt->ack64 = !!(flags & MPTCP_DSS_ACK64);
	mp_opt->use_map = has_map;
	mp_opt->dsn64 = !!(flags & MPTCP_DSS_DSN64);

	if (has_ack)
		mp_opt->data_ack = dss_take_seq(&body, mp_opt->ack64);
	/* without a mapping, DATA_FIN and the checksum bytes mean nothing */
	if (!has_map)
		return;

	mp_opt->data_fin = !!(flags & MPTCP_DSS_DATA_FIN);
	mp_opt->data_seq = dss_take_seq(&body, mp_opt->dsn64);
	mp_opt->subflow_seq = get_unaligned_be32(body);
	mp_opt->data_len = get_unaligned_be16(body + 4);
	if (opsize == size + TCPOLEN_MPTCP_DSS_CHECKSUM) {
		mp_opt->suboptions |= OPTION_MPTCP_CSUMREQD;
		/* kept as the wire has it: it only ever goes into a sum */
		mp_opt->csum = get_unaligned((const __sum16 *)(body + 6));
	}
}

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
	(void)skb;

	/*
	 * The kernel reads the subtype and flags before it looks at the
	 * size, trusting the header to go on; here the buffer may end with
	 * the option. Every DSS is at least TCPOLEN_MPTCP_DSS_BASE long,
	 * so nothing the kernel would accept is lost by checking first.
	 */
	if (opsize < TCPOLEN_MPTCP_DSS_BASE)
		return;
	if (ptr[0] >> 4 != MPTCPOPT_DSS)
		return;		/* the other subtypes are not ported */
	if (mp_opt->suboptions & ~DSS_COMPANIONS)
		return;

	mptcp_parse_dss(ptr + 2, ptr[1] & MPTCP_DSS_FLAG_MASK, opsize, mp_opt);
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
	int off = 0;

	/* the parse state is one u32, cleared in one go */
	BUILD_BUG_ON(sizeof(mp_opt->status) != sizeof(u32));
	memset(&mp_opt->status, 0, sizeof(mp_opt->status));

	while (off < length) {
		u8 kind = ptr[off];
		int left = length - off, size;

		if (kind == TCPOPT_EOL)
			break;
		if (kind == TCPOPT_NOP) {
			off++;
			continue;
		}
		/* a length byte must be there, advance, and stay inside */
		if (left < 2)
			break;
		size = ptr[off + 1];
		if (size < 2 || size > left)
			break;
		if (kind == TCPOPT_MPTCP)
			mptcp_parse_option(NULL, ptr + off + 2, size, mp_opt);
		off += size;
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
	const unsigned char *opts = (const unsigned char *)(th + 1);
	long avail = skb_tail_pointer(skb) - opts;
	long want = (long)tcp_hdrlen(skb) - (long)sizeof(*th);

	/* cut to the linear data; less than nothing is nothing */
	mptcp_parse_tcp_options(opts, (int)max(min(want, avail), 0L), mp_opt);
}

/*
 * Put a DATA_FIN into the mapping @ext about to be sent. @msk's write_seq
 * has moved past the DATA_FIN's byte already, so that byte is one before.
 */
static void mptcp_write_data_fin(const struct mptcp_sock *msk,
				 struct sk_buff *skb, struct mptcp_ext *ext)
{
	u64 fin_seq = READ_ONCE(msk->write_seq) - 1;

	if (ext->use_map && skb->len) {
		/* it rides on a mapping only if that one ends right there */
		if (ext->data_seq + ext->data_len == fin_seq) {
			ext->data_fin = 1;
			ext->data_len += 1;
		}
		return;
	}

	/* no data mapped: RFC 8684 3.3.3 wants a 1-byte mapping at SSN 0 */
	ext->use_map = 1;
	ext->dsn64 = 1;
	ext->data_fin = 1;
	ext->data_seq = fin_seq;
	ext->subflow_seq = 0;
	ext->data_len = 1;
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
	const struct mptcp_ext *mpext = skb ? mptcp_get_ext(skb) : NULL;
	struct mptcp_ext *out = &opts->ext_copy;
	unsigned int len = 0;

	(void)remaining;
	opts->csum_reqd = READ_ONCE(msk->csum_enabled);

	/*
	 * Room for a mapping whenever one may go out. Without an skb
	 * nothing fills it in, yet the space is still counted.
	 */
	if (!skb || snd_data_fin_enable || (mpext && mpext->use_map)) {
		len = TCPOLEN_MPTCP_DSS_BASE + TCPOLEN_MPTCP_DSS_MAP64;
		if (mpext) {
			*out = *mpext;
			if (opts->csum_reqd)
				len += TCPOLEN_MPTCP_DSS_CHECKSUM;
		}
		if (skb && snd_data_fin_enable)
			mptcp_write_data_fin(msk, skb, out);
		opts->suboptions = OPTION_MPTCP_DSS;
	}

	/* without the peer's key there is nothing to acknowledge with */
	out->use_ack = READ_ONCE(msk->can_ack);
	if (out->use_ack) {
		out->ack64 = READ_ONCE(msk->use_64bit_ack);
		/* an ack alone still needs kind, length, subtype and flags */
		if (!len)
			len = TCPOLEN_MPTCP_DSS_BASE;
		len += out->ack64 ? TCPOLEN_MPTCP_DSS_ACK64 :
				    TCPOLEN_MPTCP_DSS_ACK32;
		opts->suboptions = OPTION_MPTCP_DSS;
	}

	*size = ALIGN(len, 4);
	return len != 0;
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
	/* the DSN is 64 bits here even when the option carried 32 */
	const struct csum_pseudo_header ph = {
		.data_seq	= cpu_to_be64(data_seq),
		.subflow_seq	= cpu_to_be32(subflow_seq),
		.data_len	= cpu_to_be16(data_len),
		.csum		= 0,
	};

	return csum_fold(csum_partial(&ph, sizeof(ph), sum));
}

/*
 * The checksum to send for @mpext. Its csum field holds the payload's sum
 * folded and complemented; undoing both gives the partial sum back.
 */
static __sum16 mptcp_dss_csum(const struct mptcp_ext *mpext)
{
	__wsum payload = ~csum_unfold(mpext->csum);

	return __mptcp_make_csum(mpext->data_seq, mpext->subflow_seq,
				 mpext->data_len, payload);
}

/* The option's length byte and its flags byte, for what @opts holds. */
static u8 dss_flags(const struct mptcp_out_options *opts, u8 *len)
{
	const struct mptcp_ext *m = &opts->ext_copy;
	u8 flags = 0;

	*len = TCPOLEN_MPTCP_DSS_BASE;
	if (m->use_ack) {
		flags |= MPTCP_DSS_HAS_ACK;
		if (m->ack64)
			flags |= MPTCP_DSS_ACK64;
		*len += m->ack64 ? TCPOLEN_MPTCP_DSS_ACK64 :
				   TCPOLEN_MPTCP_DSS_ACK32;
	}
	if (m->use_map) {
		/* 6.1 never sends a 32-bit DSN */
		flags |= MPTCP_DSS_HAS_MAP | MPTCP_DSS_DSN64;
		if (m->data_fin)
			flags |= MPTCP_DSS_DATA_FIN;
		*len += TCPOLEN_MPTCP_DSS_MAP64;
		if (opts->csum_reqd)
			*len += TCPOLEN_MPTCP_DSS_CHECKSUM;
	}
	return flags;
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
	const struct mptcp_ext *m = &opts->ext_copy;
	u8 *p = (u8 *)ptr;
	u8 len, flags;

	(void)th;
	if (unlikely(!(opts->suboptions & OPTION_MPTCP_DSS)))
		return;

	flags = dss_flags(opts, &len);
	put_unaligned(mptcp_option(MPTCPOPT_DSS, len, 0, flags), (__be32 *)p);
	p += 4;

	if (m->use_ack) {
		u64 ack = READ_ONCE(msk->ack_seq);

		if (m->ack64) {
			put_unaligned_be64(ack, p);
			p += 8;
		} else {
			put_unaligned_be32((u32)ack, p);
			p += 4;
		}
	}
	if (!m->use_map)
		return;

	put_unaligned_be64(m->data_seq, p);
	put_unaligned_be32(m->subflow_seq, p + 8);
	put_unaligned_be16(m->data_len, p + 12);
	if (opts->csum_reqd) {
		/* the infinite mapping (data_len 0) sends a zero checksum */
		__sum16 csum = m->data_len ? mptcp_dss_csum(m) : 0;

		put_unaligned(csum, (__sum16 *)(p + 14));
	} else {
		/* pad the 18-byte mapping out to a 32-bit boundary */
		p[14] = TCPOPT_NOP;
		p[15] = TCPOPT_NOP;
	}
}

/* Copy the mapping of a received DSS into a zeroed extension. */
static void mptcp_ext_take_mapping(struct mptcp_ext *mpext,
				   const struct mptcp_options_received *mp_opt)
{
	mpext->use_map = 1;
	mpext->dsn64 = mp_opt->dsn64;
	mpext->data_seq = mp_opt->data_seq;
	mpext->subflow_seq = mp_opt->subflow_seq;
	mpext->data_len = mp_opt->data_len;
	mpext->data_fin = mp_opt->data_fin;
	if (mp_opt->suboptions & OPTION_MPTCP_CSUMREQD) {
		mpext->csum_reqd = 1;
		mpext->csum = mp_opt->csum;
	}
}

/**
 * mptcp_incoming_options - record a received segment's DSS on its skb
 * @skb: segment with its transport header and TCP_SKB_CB() set
 * @mp_opt: receives what was parsed, the data ack included
 *
 * As 6.1 does it: no DSS, or a segment that occupies no sequence space,
 * leaves the skb without an extension. Otherwise the extension is zeroed
 * and gets the mapping alone: data_seq, subflow_seq, dsn64, data_fin,
 * data_len, use_map, csum_reqd and csum. The data ack is the msk's
 * business (ack_update_msk()), so use_ack, ack64 and data_ack stay 0;
 * it is still in @mp_opt for the caller. A mapping of length 0 is not
 * marked infinite_map here: the kernel notices that later, in
 * get_mapping_status(). The 32-bit DSN is stored unexpanded, as the
 * kernel stores it in the extension.
 *
 * Returns false only when the extension cannot be allocated.
 */
bool mptcp_incoming_options(struct sk_buff *skb,
			    struct mptcp_options_received *mp_opt)
{
	const struct tcp_skb_cb *cb = TCP_SKB_CB(skb);
	struct mptcp_ext *mpext;

	mptcp_get_options(skb, mp_opt);
	if (!(mp_opt->suboptions & OPTION_MPTCP_DSS))
		return true;

	/*
	 * A segment without data is dropped before the msk's queue, so a
	 * mapping on it has nowhere to go (the kernel takes a DATA_FIN
	 * from it directly).
	 */
	if (cb->seq == cb->end_seq)
		return true;

	mpext = skb_ext_add(skb, SKB_EXT_MPTCP);
	if (!mpext)
		return false;

	/* the block may be reused: nothing of its old contents survives */
	memset(mpext, 0, sizeof(*mpext));
	if (likely(mp_opt->use_map))
		mptcp_ext_take_mapping(mpext, mp_opt);
	return true;
}
