// SPDX-License-Identifier: GPL-2.0-only
/*
 * Not a kernel file: what the TCP stack does around MPTCP's option hooks,
 * on an skb holding one whole IPv4 or IPv6 + TCP segment. Building such a
 * segment, writing the skb's own mapping into its option space (the
 * __tcp_transmit_skb() side of mptcp_write_options()), and parsing one on
 * receive into a mapping on the skb (the tcp_v4_rcv() side of
 * mptcp_incoming_options()), plus the DSS checksum over its payload.
 *
 * The IP header starts at skb->data, as ip_rcv() and ipv6_rcv() see it.
 * Only linear skbs are handled (this port has no page frags). IPv6
 * extension headers and IPv4 fragments are refused. Checksums are written
 * but not verified on receive, as after CHECKSUM_UNNECESSARY.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/skbuff.h>
#include <linux/in.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/tcp.h>
#include <net/tcp.h>
#include <net/mptcp.h>
#include <net/checksum.h>
#include <asm/unaligned.h>
#include "../net/mptcp/protocol.h"

/* uapi linux/ip.h and net/ip.h values linux/ip.h here does not carry */
#ifndef IPVERSION
#define IPVERSION		4
#endif
#ifndef IP_DF
#define IP_DF			0x4000
#endif
#ifndef IP_MF
#define IP_MF			0x2000
#endif
#ifndef IP_OFFSET
#define IP_OFFSET		0x1FFF
#endif
#define TCP_SEG_HEADROOM	NET_SKB_PAD

/* Where the parts of the segment at skb->data are, as offsets from it. */
struct tcp_seg_loc {
	bool		ipv6;
	unsigned int	thoff;		/* TCP header */
	unsigned int	thlen;		/* doff * 4 */
	unsigned int	end;		/* end of the IP datagram */
};

/*
 * Find and check the IP and TCP headers, trusting nothing: every length
 * field must fit inside the linear data before anything behind it is read.
 */
static int tcp_seg_locate(const struct sk_buff *skb, struct tcp_seg_loc *loc)
{
	unsigned int len = skb_headlen(skb);
	const struct tcphdr *th;

	if (skb_is_nonlinear(skb) || len < 1)
		return -EINVAL;

	switch (skb->data[0] >> 4) {
	case 4: {
		const struct iphdr *iph = (const struct iphdr *)skb->data;
		unsigned int ihl, tot;

		if (len < sizeof(*iph))
			return -EINVAL;
		ihl = iph->ihl * 4;
		tot = ntohs(iph->tot_len);
		if (ihl < sizeof(*iph) || tot < ihl || tot > len)
			return -EINVAL;
		if (iph->protocol != IPPROTO_TCP)
			return -EPROTONOSUPPORT;
		if (ntohs(iph->frag_off) & (IP_MF | IP_OFFSET))
			return -EINVAL;
		loc->ipv6 = false;
		loc->thoff = ihl;
		loc->end = tot;
		break;
	}
	case 6: {
		const struct ipv6hdr *ip6h = (const struct ipv6hdr *)skb->data;
		unsigned int plen;

		if (len < sizeof(*ip6h))
			return -EINVAL;
		plen = ntohs(ip6h->payload_len);
		/* a zero payload length means a jumbogram */
		if (!plen || plen > len - sizeof(*ip6h))
			return -EINVAL;
		if (ip6h->nexthdr != IPPROTO_TCP)
			return -EPROTONOSUPPORT;
		loc->ipv6 = true;
		loc->thoff = sizeof(*ip6h);
		loc->end = sizeof(*ip6h) + plen;
		break;
	}
	default:
		return -EINVAL;
	}

	if (loc->end - loc->thoff < sizeof(struct tcphdr))
		return -EINVAL;
	th = (const struct tcphdr *)(skb->data + loc->thoff);
	loc->thlen = th->doff * 4;
	if (loc->thlen < sizeof(struct tcphdr) ||
	    loc->thlen > loc->end - loc->thoff)
		return -EINVAL;
	return 0;
}

static void tcp_seg_set_headers(struct sk_buff *skb,
				const struct tcp_seg_loc *loc)
{
	skb_reset_network_header(skb);
	skb_set_transport_header(skb, loc->thoff);
	skb->protocol = loc->ipv6 ? htons(ETH_P_IPV6) : htons(ETH_P_IP);
}

/* The TCP checksum over the pseudo-header, the header and the payload. */
static void tcp_seg_set_check(struct sk_buff *skb,
			      const struct tcp_seg_loc *loc)
{
	struct tcphdr *th = (struct tcphdr *)(skb->data + loc->thoff);
	unsigned int tcplen = loc->end - loc->thoff;
	__wsum csum;

	th->check = 0;
	csum = csum_partial(th, tcplen, 0);
	if (loc->ipv6) {
		const struct ipv6hdr *ip6h = (const struct ipv6hdr *)skb->data;

		th->check = csum_ipv6_magic(&ip6h->saddr, &ip6h->daddr,
					    tcplen, IPPROTO_TCP, csum);
	} else {
		const struct iphdr *iph = (const struct iphdr *)skb->data;

		th->check = csum_tcpudp_magic(iph->saddr, iph->daddr, tcplen,
					      IPPROTO_TCP, csum);
	}
}

/* The datagram grew or shrank by @delta: fix the IP length fields. */
static void tcp_seg_set_iplen(struct sk_buff *skb, struct tcp_seg_loc *loc)
{
	if (loc->ipv6) {
		struct ipv6hdr *ip6h = (struct ipv6hdr *)skb->data;

		ip6h->payload_len = htons(loc->end - sizeof(*ip6h));
	} else {
		struct iphdr *iph = (struct iphdr *)skb->data;

		iph->tot_len = htons(loc->end);
		ip_send_check(iph);
	}
}

/**
 * tcp_seg_build - build an skb holding one IPv4 or IPv6 TCP segment
 * @desc: addresses, ports, sequence numbers, flags, options, payload
 * @gfp: allocation flags
 *
 * The IP header is at skb->data, the network and transport headers are
 * set, the IP and TCP checksums are correct, and MAX_TCP_OPTION_SPACE
 * bytes of tailroom are left so that options can be added later.
 * Returns the skb, or NULL when @desc is impossible (options over 40
 * bytes, a datagram over 64 KiB) or the allocation fails.
 */
struct sk_buff *tcp_seg_build(const struct tcp_seg_desc *desc, gfp_t gfp)
{
	unsigned int iplen = desc->ipv6 ? sizeof(struct ipv6hdr) :
					  sizeof(struct iphdr);
	unsigned int optlen = ALIGN(desc->optlen, 4);
	unsigned int thlen = sizeof(struct tcphdr) + optlen;
	struct tcp_seg_loc loc;
	struct sk_buff *skb;
	struct tcphdr *th;
	unsigned int tot;

	if (desc->optlen > MAX_TCP_OPTION_SPACE ||
	    desc->payload_len > 0xFFFF)
		return NULL;
	tot = iplen + thlen + desc->payload_len;
	if ((desc->ipv6 ? tot - iplen : tot) > 0xFFFF)
		return NULL;

	skb = alloc_skb(TCP_SEG_HEADROOM + tot + MAX_TCP_OPTION_SPACE, gfp);
	if (!skb)
		return NULL;
	skb_reserve(skb, TCP_SEG_HEADROOM);
	memset(skb_put(skb, tot), 0, tot);

	if (desc->ipv6) {
		struct ipv6hdr *ip6h = (struct ipv6hdr *)skb->data;

		ip6h->version = 6;
		ip6h->nexthdr = IPPROTO_TCP;
		ip6h->hop_limit = 64;
		ip6h->saddr = desc->saddr.v6;
		ip6h->daddr = desc->daddr.v6;
	} else {
		struct iphdr *iph = (struct iphdr *)skb->data;

		iph->version = IPVERSION;
		iph->ihl = sizeof(*iph) / 4;
		iph->frag_off = htons(IP_DF);
		iph->ttl = 64;
		iph->protocol = IPPROTO_TCP;
		iph->saddr = desc->saddr.v4;
		iph->daddr = desc->daddr.v4;
	}

	th = (struct tcphdr *)(skb->data + iplen);
	th->source = htons(desc->sport);
	th->dest = htons(desc->dport);
	th->seq = htonl(desc->seq);
	th->ack_seq = htonl(desc->ack_seq);
	th->doff = thlen / 4;
	((u8 *)th)[13] = desc->tcp_flags;
	th->window = htons(desc->window);
	/* the zeroed tail of the option area is EOL padding */
	if (desc->optlen)
		memcpy(th + 1, desc->options, desc->optlen);
	if (desc->payload_len)
		memcpy((u8 *)th + thlen, desc->payload, desc->payload_len);

	loc.ipv6 = desc->ipv6;
	loc.thoff = iplen;
	loc.thlen = thlen;
	loc.end = tot;
	tcp_seg_set_iplen(skb, &loc);
	tcp_seg_set_check(skb, &loc);
	tcp_seg_set_headers(skb, &loc);
	return skb;
}

/**
 * tcp_seg_payload_len - bytes of TCP payload in the segment at skb->data
 * @skb: segment
 *
 * Returns the length, or a negative errno when the headers do not hold
 * together (see tcp_seg_locate()).
 */
int tcp_seg_payload_len(const struct sk_buff *skb)
{
	struct tcp_seg_loc loc;
	int err = tcp_seg_locate(skb, &loc);

	if (err)
		return err;
	return loc.end - loc.thoff - loc.thlen;
}

/*
 * Length of the options up to the first EOL, or of all of them. A
 * malformed option (bad or overlong length) makes the area unusable for
 * appending: -EINVAL.
 */
static int tcp_opts_used(const u8 *opt, int length)
{
	int off = 0;

	while (off < length) {
		int opsize;

		switch (opt[off]) {
		case TCPOPT_EOL:
			return off;
		case TCPOPT_NOP:
			off++;
			continue;
		default:
			if (length - off < 2)
				return -EINVAL;
			opsize = opt[off + 1];
			if (opsize < 2 || opsize > length - off)
				return -EINVAL;
			off += opsize;
		}
	}
	return off;
}

/**
 * mptcp_skb_write_dss - put the skb's mapping into its TCP options
 * @skb: a segment (tcp_seg_build()) carrying an SKB_EXT_MPTCP extension
 *
 * Runs mptcp_established_options_dss() and mptcp_write_options() as
 * __tcp_transmit_skb() would, with the msk state taken from the extension
 * itself: use_ack stands for msk->can_ack, ack64 for use_64bit_ack,
 * data_ack for ack_seq and csum_reqd for csum_enabled. A DATA_FIN is sent
 * when the mapping has data_fin set. The option goes after the existing
 * options (replacing EOL padding with NOPs to keep it on a 32-bit
 * boundary); the payload moves, doff, the IP length and both checksums
 * are updated. The extension is only read: a shared block stays shared.
 *
 * Returns the bytes of option space written (0 when the extension has
 * neither a mapping nor an ack), -ENOENT without an extension, -EINVAL
 * for headers or options that do not parse, -EBUSY when the data is
 * shared with a clone, -EMSGSIZE when the options would pass 40 bytes,
 * -ENOBUFS when the skb lacks the tailroom.
 */
int mptcp_skb_write_dss(struct sk_buff *skb)
{
	const struct mptcp_ext *mpext = mptcp_get_ext(skb);
	unsigned int size = 0, oldlen, newlen, start, tail_off;
	struct mptcp_out_options opts;
	struct mptcp_sock msk;
	struct tcp_seg_loc loc;
	struct tcphdr *th;
	int used, delta, err;
	u8 *opt;

	if (!mpext)
		return -ENOENT;
	err = tcp_seg_locate(skb, &loc);
	if (err)
		return err;
	if (skb_cloned(skb))
		return -EBUSY;

	th = (struct tcphdr *)(skb->data + loc.thoff);
	opt = (u8 *)(th + 1);
	oldlen = loc.thlen - sizeof(*th);
	used = tcp_opts_used(opt, oldlen);
	if (used < 0)
		return used;
	start = ALIGN((unsigned int)used, 4);

	memset(&msk, 0, sizeof(msk));
	msk.ack_seq = mpext->data_ack;
	msk.can_ack = mpext->use_ack;
	msk.use_64bit_ack = mpext->ack64;
	msk.csum_enabled = mpext->csum_reqd;

	memset(&opts, 0, sizeof(opts));
	if (!mptcp_established_options_dss(&msk, skb, false, &size,
					   MAX_TCP_OPTION_SPACE - start,
					   &opts))
		return 0;

	newlen = start + size;
	if (newlen > MAX_TCP_OPTION_SPACE)
		return -EMSGSIZE;
	delta = (int)newlen - (int)oldlen;
	if (delta > 0 && skb_tailroom(skb) < delta)
		return -ENOBUFS;

	/* everything behind the header moves, trailing bytes included */
	tail_off = loc.thoff + loc.thlen;
	if (delta > 0)
		skb_put(skb, delta);
	memmove(skb->data + tail_off + delta, skb->data + tail_off,
		skb_headlen(skb) - tail_off - (delta > 0 ? delta : 0));
	if (delta < 0) {
		skb->tail += delta;
		skb->len += delta;
	}

	memset(opt + used, TCPOPT_NOP, start - used);
	mptcp_write_options(th, (__be32 *)(opt + start), &msk, &opts);

	th->doff = (sizeof(*th) + newlen) / 4;
	loc.thlen = sizeof(*th) + newlen;
	loc.end += delta;
	tcp_seg_set_iplen(skb, &loc);
	tcp_seg_set_check(skb, &loc);
	tcp_seg_set_headers(skb, &loc);
	return size;
}

/**
 * mptcp_skb_parse_dss - take a received segment's DSS into its skb
 * @skb: a segment, IP header at skb->data
 *
 * Sets the network and transport headers and TCP_SKB_CB() (seq, end_seq,
 * ack_seq, tcp_flags, ip_dsfield) as tcp_v4_rcv() and tcp_v6_rcv() do,
 * then runs mptcp_incoming_options(): a DSS on a segment that occupies
 * sequence space becomes a zeroed-then-filled SKB_EXT_MPTCP extension
 * (copied first if the block is shared). Malformed options are skipped
 * or rejected as the kernel does, never read beyond the header.
 *
 * Returns 1 if the skb now carries the received mapping, 0 if the segment
 * had no acceptable DSS or no sequence space (the skb is untouched apart
 * from its headers and cb), -EINVAL or -EPROTONOSUPPORT for headers that
 * are not IPv4/IPv6 + TCP, -ENOMEM when the extension cannot be added.
 */
int mptcp_skb_parse_dss(struct sk_buff *skb)
{
	struct mptcp_options_received mp_opt;
	struct tcp_skb_cb *cb = TCP_SKB_CB(skb);
	const struct tcphdr *th;
	struct tcp_seg_loc loc;
	int err;

	err = tcp_seg_locate(skb, &loc);
	if (err)
		return err;
	tcp_seg_set_headers(skb, &loc);

	th = tcp_hdr(skb);
	cb->seq = ntohl(th->seq);
	cb->end_seq = cb->seq + th->syn + th->fin +
		      (loc.end - loc.thoff - loc.thlen);
	cb->ack_seq = ntohl(th->ack_seq);
	cb->tcp_tw_isn = 0;
	cb->tcp_flags = tcp_flag_byte(th);
	cb->sacked = 0;
	if (loc.ipv6) {
		const struct ipv6hdr *ip6h = ipv6_hdr(skb);

		cb->ip_dsfield = (ip6h->priority << 4) |
				 (ip6h->flow_lbl[0] >> 4);
	} else {
		cb->ip_dsfield = ip_hdr(skb)->tos;
	}

	memset(&mp_opt, 0, sizeof(mp_opt));
	if (!mptcp_incoming_options(skb, &mp_opt))
		return -ENOMEM;

	return (mp_opt.suboptions & OPTION_MPTCP_DSS) &&
	       cb->seq != cb->end_seq;
}

/**
 * mptcp_skb_update_data_csum - checksum the payload into the mapping
 * @skb: a segment whose extension holds the mapping of its whole payload
 *
 * What mptcp_sendmsg_frag() does as it copies data in when checksums are
 * on: mpext->csum becomes the folded sum of the payload, which
 * mptcp_write_options() completes with the pseudo-header. The extension
 * is written through skb_ext_add(), so a block shared with a clone is
 * copied first and the clone keeps its value.
 *
 * Returns 0, -ENOENT without an extension, -EINVAL for a malformed
 * segment, -ENOMEM if copying the shared block fails.
 */
int mptcp_skb_update_data_csum(struct sk_buff *skb)
{
	struct mptcp_ext *mpext;
	struct tcp_seg_loc loc;
	unsigned int off;
	int err;

	if (!mptcp_get_ext(skb))
		return -ENOENT;
	err = tcp_seg_locate(skb, &loc);
	if (err)
		return err;

	mpext = (struct mptcp_ext *)skb_ext_add(skb, SKB_EXT_MPTCP);
	if (!mpext)
		return -ENOMEM;

	off = loc.thoff + loc.thlen;
	mpext->csum = csum_fold(csum_partial(skb->data + off, loc.end - off,
					     0));
	return 0;
}

/**
 * mptcp_skb_validate_data_csum - check a received mapping's checksum
 * @skb: a segment parsed by mptcp_skb_parse_dss()
 *
 * validate_data_csum() of net/mptcp/subflow.c for a mapping carried
 * whole by this one segment: the received checksum, the payload and the
 * pseudo-header (64-bit DSN, subflow sequence, data-level length with the
 * DATA_FIN's byte, zero checksum) must sum to 0. A 32-bit DSN is used as
 * received, where the kernel first expands it against msk->ack_seq.
 *
 * Returns 0 if the checksum is right, -EBADMSG if not, -ENOENT when there
 * is no checksummed finite mapping, -ERANGE when the mapping's data is not
 * exactly this segment's payload, -EINVAL for a malformed segment.
 */
int mptcp_skb_validate_data_csum(const struct sk_buff *skb)
{
	const struct mptcp_ext *mpext = mptcp_get_ext(skb);
	struct tcp_seg_loc loc;
	unsigned int off, plen;
	__wsum csum;
	int err;

	if (!mpext || !mpext->use_map || !mpext->csum_reqd ||
	    !mpext->data_len)
		return -ENOENT;
	err = tcp_seg_locate(skb, &loc);
	if (err)
		return err;

	off = loc.thoff + loc.thlen;
	plen = loc.end - off;
	if (plen != (unsigned int)mpext->data_len - mpext->data_fin)
		return -ERANGE;

	csum = csum_unfold(mpext->csum);
	csum = csum_block_add(csum, csum_partial(skb->data + off, plen, 0), 0);
	if (__mptcp_make_csum(mpext->data_seq, mpext->subflow_seq,
			      mpext->data_len, csum))
		return -EBADMSG;
	return 0;
}
