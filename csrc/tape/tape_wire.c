// SPDX-License-Identifier: GPL-2.0-only
/*
 * The tape's wire ops (docs/tape.md, "MPTCP on the wire"): a mapping
 * written into a segment's TCP options and parsed back by the receiver,
 * and raw option bytes parsed as a received segment's. Userspace only:
 * the kernel module has no segment builder, and its tape_ops[] entries
 * are NULL.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/stdarg.h>
#include <linux/string.h>
#include <linux/skbuff.h>
#include <linux/in.h>
#include <linux/tcp.h>
#include <asm/byteorder.h>
#include <asm/unaligned.h>
#include <net/mptcp.h>
#include <net/tcp.h>

#include "tape_internal.h"

#if IS_ENABLED(CONFIG_MPTCP)
/*
 * The answer for the received segment @seg: TAPE_R_NONE without a
 * mapping, else TAPE_R_RX, after which the trace prints the note: the
 * mapping the receiver's extension holds, field by field. The receive
 * path stores nothing else (the data ack goes to the msk), so there is
 * nothing else to print. Only a trace reads the note.
 */
static __printf(2, 3) void tape_note(struct tape_ctx *c, const char *fmt, ...)
{
	size_t n = strlen(c->note);
	va_list args;

	va_start(args, fmt);
	vsnprintf(c->note + n, sizeof(c->note) - n, fmt, args);
	va_end(args);
}

static enum tape_res tape_rx_answer(struct tape_ctx *c,
				    const struct sk_buff *seg, bool csum_bad)
{
	const struct mptcp_ext *mp = (const struct mptcp_ext *)
		skb_ext_find(seg, SKB_EXT_MPTCP);

	if (!mp)
		return TAPE_R_NONE;
	if (!tape_tracing(c))
		return TAPE_R_RX;
	c->note[0] = '\0';
	if (mp->use_map) {
		tape_note(c, " dsn%u=%llu ssn=%u len=%u%s",
			  mp->dsn64 ? 64 : 32,
			  (unsigned long long)mp->data_seq, mp->subflow_seq,
			  mp->data_len, mp->data_fin ? " fin" : "");
		if (mp->csum_reqd)
			tape_note(c, " csum=%04x",
				  get_unaligned_be16(&mp->csum));
	}
	if (csum_bad)
		tape_note(c, " csum-bad");
	return TAPE_R_RX;
}

/* An ACK segment 10.0.0.1 -> 10.0.0.2 (or 2001:db8::1 -> ::2), port 80. */
static void tape_seg_desc(struct tcp_seg_desc *desc, bool ipv6, u32 seq)
{
	memset(desc, 0, sizeof(*desc));
	desc->ipv6 = ipv6;
	if (ipv6) {
		desc->saddr.v6.s6_addr[0] = 0x20;
		desc->saddr.v6.s6_addr[1] = 0x01;
		desc->saddr.v6.s6_addr[2] = 0x0d;
		desc->saddr.v6.s6_addr[3] = 0xb8;
		desc->daddr.v6 = desc->saddr.v6;
		desc->saddr.v6.s6_addr[15] = 1;
		desc->daddr.v6.s6_addr[15] = 2;
	} else {
		desc->saddr.v4 = htonl(0x0a000001);
		desc->daddr.v4 = htonl(0x0a000002);
	}
	desc->sport = 40000;
	desc->dport = 80;
	desc->seq = seq;
	desc->ack_seq = 1;
	desc->tcp_flags = TCPHDR_ACK;
	desc->window = 65535;
}

/*
 * mptcp_dss d s flags: the segment that sends s's mapping, as received.
 * It shares s's extensions, as a transmit clone does; the connection
 * state in @flags is written into its own copy (COW), and that copy goes
 * into its TCP options. Then only bytes travel: the extensions are
 * dropped and the receiver parses the DSS into a fresh mapping.
 */
static enum tape_res tape_dss_send(struct tape_ctx *c, unsigned int d,
				   struct sk_buff *src, u8 flags)
{
	const struct mptcp_ext *from = (const struct mptcp_ext *)
		skb_ext_find(src, SKB_EXT_MPTCP);
	struct tcp_seg_desc desc;
	unsigned int plen = 0, i;
	struct mptcp_ext *mp;
	struct sk_buff *seg;
	bool fin, csum_bad;
	u16 len;
	int err;

	if (!from)
		return TAPE_R_ABSENT;

	/* the mapping's payload, as the DATA_FIN leaves it */
	fin = from->data_fin;
	len = from->data_len;
	if (from->use_map && (flags & TAPE_DSS_FIN) && !fin) {
		fin = true;
		len++;
	}
	if (from->use_map && len > fin)
		plen = len - fin;
	if (plen > TAPE_DSS_MAX_PAYLOAD)
		return TAPE_R_REFUSED;
	for (i = 0; i < plen; i++)
		c->payload[i] = (u8)(from->data_seq + i);

	tape_seg_desc(&desc, flags & TAPE_DSS_IPV6, from->subflow_seq);
	desc.payload = c->payload;
	desc.payload_len = plen;
	seg = tcp_seg_build(&desc, GFP_ATOMIC);
	if (!seg)
		return TAPE_R_NULL;

	skb_ext_copy(seg, src);
	mp = (struct mptcp_ext *)skb_ext_add(seg, SKB_EXT_MPTCP);
	if (!mp) {
		kfree_skb(seg);
		return TAPE_R_NULL;
	}
	mp->csum_reqd = !!(flags & TAPE_DSS_CSUM);
	mp->use_ack = !!(flags & TAPE_DSS_ACK);
	mp->ack64 = !!(flags & TAPE_DSS_ACK64);
	mp->data_ack = ~mp->data_seq;
	mp->data_fin = fin;
	mp->data_len = len;
	err = 0;
	if (mp->csum_reqd && mp->use_map)
		err = mptcp_skb_update_data_csum(seg);
	if (!err)
		err = mptcp_skb_write_dss(seg);

	skb_ext_reset(seg);
	if (err >= 0)
		err = mptcp_skb_parse_dss(seg);
	if (err < 0) {
		kfree_skb(seg);
		return tape_errno_res(err);
	}
	c->skb[d] = seg;

	mp = (struct mptcp_ext *)skb_ext_find(seg, SKB_EXT_MPTCP);
	csum_bad = mp && mp->use_map && mp->csum_reqd && mp->data_len &&
		   mptcp_skb_validate_data_csum(seg);
	return tape_rx_answer(c, seg, csum_bad);
}

/* tcp_opts d words opts: a received segment with these option bytes. */
static enum tape_res tape_opts_receive(struct tape_ctx *c, unsigned int d,
				       const u8 *a)
{
	struct tcp_seg_desc desc;
	struct sk_buff *seg;
	int err;

	tape_seg_desc(&desc, false, 1);
	desc.options = a + 2;
	desc.optlen = tape_opts_len(a[1]);
	c->payload[0] = 'x';
	desc.payload = c->payload;
	desc.payload_len = a[1] & TAPE_OPTS_PURE ? 0 : 1;
	seg = tcp_seg_build(&desc, GFP_ATOMIC);
	if (!seg)
		return TAPE_R_NULL;

	err = mptcp_skb_parse_dss(seg);
	if (err < 0) {
		kfree_skb(seg);
		return tape_errno_res(err);
	}
	c->skb[d] = seg;
	return tape_rx_answer(c, seg, false);
}

enum tape_res tape_tcp_opts(struct tape_ctx *c, const u8 *a)
{
	if (tape_skb(c, a[0]))
		return TAPE_R_BUSY;
	return tape_opts_receive(c, a[0] % TAPE_SKB_SLOTS, a);
}

enum tape_res tape_mptcp_dss(struct tape_ctx *c, const u8 *a)
{
	struct sk_buff *src = tape_skb(c, a[1]);

	if (!src)
		return TAPE_R_EMPTY;
	if (tape_skb(c, a[0]))
		return TAPE_R_BUSY;
	return tape_dss_send(c, a[0] % TAPE_SKB_SLOTS, src, a[2]);
}
#else
/* No MPTCP in this build: no mapping to send or to parse. */
enum tape_res tape_tcp_opts(struct tape_ctx *c __always_unused,
			    const u8 *a __always_unused)
{
	return TAPE_R_UNSUPPORTED;
}

enum tape_res tape_mptcp_dss(struct tape_ctx *c __always_unused,
			     const u8 *a __always_unused)
{
	return TAPE_R_UNSUPPORTED;
}
#endif
