// SPDX-License-Identifier: GPL-2.0-only
/*
 * The MPTCP DSS (RFC 8684 section 3.3) on SKB_EXT_MPTCP: written from an
 * skb's mapping into its TCP options and parsed back, hand-built option
 * bytes, malformed options, the DSS checksum, and the mapping across
 * clone, copy on write and copy.
 */
#include <stdlib.h>
#include <linux/errno.h>
#include <linux/fault-inject.h>
#include <linux/skbuff.h>
#include <skbext/slabinfo.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/tcp.h>
#include <net/tcp.h>
#include <net/mptcp.h>
#include <net/checksum.h>
#include <asm/unaligned.h>
#include "../../csrc/net/mptcp/protocol.h"
#include "kunit.h"
#include "test_util.h"

static const u8 test_payload[] = "0123456789abcdef";

static struct sk_buff *seg(bool ipv6, const u8 *opts, unsigned int optlen,
			   unsigned int plen)
{
	struct tcp_seg_desc d = {
		.ipv6 = ipv6, .sport = 40000, .dport = 80, .seq = 1000,
		.ack_seq = 1, .tcp_flags = TCPHDR_ACK | TCPHDR_PSH,
		.window = 512, .options = opts, .optlen = optlen,
		.payload = test_payload, .payload_len = plen,
	};

	if (ipv6) {
		d.saddr.v6.s6_addr[15] = 1;
		d.daddr.v6.s6_addr[15] = 2;
	} else {
		d.saddr.v4 = htonl(0x0a000001);
		d.daddr.v4 = htonl(0x0a000002);
	}
	return tcp_seg_build(&d, GFP_KERNEL);
}

static struct mptcp_ext *add_ext(struct sk_buff *skb)
{
	struct mptcp_ext *ext = skb_ext_add(skb, SKB_EXT_MPTCP);

	if (ext)
		memset(ext, 0, sizeof(*ext));
	return ext;
}

static u8 *opts_of(const struct sk_buff *skb)
{
	return (u8 *)(tcp_hdr(skb) + 1);
}

/* A received copy of @skb's wire bytes, parsed; NULL if that failed. */
static struct sk_buff *receive(struct kunit *test, struct sk_buff *skb,
			       int want)
{
	struct sk_buff *rx = skb_copy(skb, GFP_KERNEL);

	if (!rx)
		return NULL;
	/* the copy shares the sender's block: a receiver starts without */
	skb_ext_reset(rx);
	KUNIT_EXPECT_EQ(test, mptcp_skb_parse_dss(rx), want);
	return rx;
}

static struct mptcp_ext *rx_ext(const struct sk_buff *skb)
{
	return (struct mptcp_ext *)skb_ext_find(skb, SKB_EXT_MPTCP);
}

/*
 * The data ack a received segment carries. The receiver hands it to the
 * msk, not to the extension, so the test reads it from the header again.
 */
static u64 rx_wire_ack(struct kunit *test, const struct sk_buff *rx,
		       bool ack64)
{
	struct mptcp_options_received mp;

	memset(&mp, 0, sizeof(mp));
	mptcp_get_options(rx, &mp);
	KUNIT_EXPECT_TRUE(test, mp.suboptions & OPTION_MPTCP_DSS);
	KUNIT_EXPECT_TRUE(test, mp.use_ack);
	KUNIT_EXPECT_EQ(test, mp.ack64, ack64);
	return mp.data_ack;
}

/* The IP length and both checksums still hold after a rewrite. */
static void expect_headers_consistent(struct kunit *test,
				      const struct sk_buff *skb)
{
	const struct tcphdr *th = tcp_hdr(skb);
	unsigned int tcplen;

	if ((skb->data[0] >> 4) == 4) {
		const struct iphdr *iph = ip_hdr(skb);

		KUNIT_EXPECT_EQ(test, ntohs(iph->tot_len), skb->len);
		KUNIT_EXPECT_EQ(test, ip_fast_csum(iph, iph->ihl), 0);
		tcplen = skb->len - iph->ihl * 4;
		KUNIT_EXPECT_EQ(test, csum_tcpudp_magic(iph->saddr, iph->daddr,
				tcplen, IPPROTO_TCP,
				csum_partial(th, tcplen, 0)), 0);
	} else {
		const struct ipv6hdr *ip6h = ipv6_hdr(skb);

		KUNIT_EXPECT_EQ(test, ntohs(ip6h->payload_len) + 40, skb->len);
		tcplen = skb->len - 40;
		KUNIT_EXPECT_EQ(test, csum_ipv6_magic(&ip6h->saddr,
				&ip6h->daddr, tcplen, IPPROTO_TCP,
				csum_partial(th, tcplen, 0)), 0);
	}
	KUNIT_EXPECT_EQ(test, th->doff * 4 % 4, 0);
}

static void expect_payload_intact(struct kunit *test,
				  const struct sk_buff *skb, unsigned int plen)
{
	KUNIT_EXPECT_EQ(test, tcp_seg_payload_len(skb), plen);
	KUNIT_EXPECT_MEMEQ(test, skb->data + skb->len - plen, test_payload,
			   plen);
}

/* --- written, then parsed back ------------------------------------- */

static void dss_ack32_only_round_trips(struct kunit *test)
{
	struct sk_buff *skb = seg(false, NULL, 0, 4), *rx;
	struct mptcp_ext *ext;
	static const u8 want[] = { 30, 8, 0x20, 0x01, 0x89, 0xab, 0xcd, 0xef };

	KUNIT_ASSERT_NOT_NULL(test, skb);
	ext = add_ext(skb);
	KUNIT_ASSERT_NOT_NULL(test, ext);
	ext->use_ack = 1;
	ext->data_ack = 0x0123456789abcdefULL;
	KUNIT_EXPECT_EQ(test, mptcp_skb_write_dss(skb), 8);
	KUNIT_EXPECT_EQ(test, tcp_hdr(skb)->doff, 7);
	KUNIT_EXPECT_MEMEQ(test, opts_of(skb), want, sizeof(want));
	expect_headers_consistent(test, skb);
	expect_payload_intact(test, skb, 4);

	rx = receive(test, skb, 1);
	KUNIT_ASSERT_NOT_NULL(test, rx);
	ext = rx_ext(rx);
	KUNIT_ASSERT_NOT_NULL(test, ext);
	/* the ack went to the msk: the extension is left empty */
	KUNIT_EXPECT_FALSE(test, ext->use_ack);
	KUNIT_EXPECT_EQ(test, ext->data_ack, 0);
	KUNIT_EXPECT_EQ(test, rx_wire_ack(test, rx, false), 0x89abcdefULL);
	KUNIT_EXPECT_FALSE(test, ext->use_map);
	KUNIT_EXPECT_FALSE(test, ext->dsn64);
	KUNIT_EXPECT_FALSE(test, ext->data_fin);
	KUNIT_EXPECT_FALSE(test, ext->csum_reqd);
	kfree_skb(rx);
	kfree_skb(skb);
}

static void dss_ack64_only_round_trips(struct kunit *test)
{
	struct sk_buff *skb = seg(true, NULL, 0, 4), *rx;
	struct mptcp_ext *ext;
	static const u8 want[] = { 30, 12, 0x20, 0x03, 0x01, 0x23, 0x45, 0x67,
				   0x89, 0xab, 0xcd, 0xef };

	KUNIT_ASSERT_NOT_NULL(test, skb);
	ext = add_ext(skb);
	KUNIT_ASSERT_NOT_NULL(test, ext);
	ext->use_ack = 1;
	ext->ack64 = 1;
	ext->data_ack = 0x0123456789abcdefULL;
	KUNIT_EXPECT_EQ(test, mptcp_skb_write_dss(skb), 12);
	KUNIT_EXPECT_MEMEQ(test, opts_of(skb), want, sizeof(want));
	expect_headers_consistent(test, skb);

	rx = receive(test, skb, 1);
	KUNIT_ASSERT_NOT_NULL(test, rx);
	ext = rx_ext(rx);
	KUNIT_ASSERT_NOT_NULL(test, ext);
	KUNIT_EXPECT_FALSE(test, ext->use_ack);
	KUNIT_EXPECT_FALSE(test, ext->ack64);
	KUNIT_EXPECT_EQ(test, ext->data_ack, 0);
	KUNIT_EXPECT_EQ(test, rx_wire_ack(test, rx, true),
			0x0123456789abcdefULL);
	KUNIT_EXPECT_FALSE(test, ext->use_map);
	kfree_skb(rx);
	kfree_skb(skb);
}

static void dss_map64_only_round_trips_with_nop_padding(struct kunit *test)
{
	struct sk_buff *skb = seg(false, NULL, 0, 10), *rx;
	struct mptcp_ext *ext;
	static const u8 want[] = {
		30, 18, 0x20, 0x0c,
		0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x05,	/* DSN */
		0x00, 0x00, 0x00, 0x07,				/* SSN */
		0x00, 0x0a,					/* length */
		TCPOPT_NOP, TCPOPT_NOP,
	};

	KUNIT_ASSERT_NOT_NULL(test, skb);
	ext = add_ext(skb);
	KUNIT_ASSERT_NOT_NULL(test, ext);
	ext->use_map = 1;
	ext->dsn64 = 1;
	ext->data_seq = 0x10000000005ULL;
	ext->subflow_seq = 7;
	ext->data_len = 10;
	KUNIT_EXPECT_EQ(test, mptcp_skb_write_dss(skb), 20);
	KUNIT_EXPECT_MEMEQ(test, opts_of(skb), want, sizeof(want));
	KUNIT_EXPECT_EQ(test, tcp_hdr(skb)->doff, 10);
	expect_headers_consistent(test, skb);
	expect_payload_intact(test, skb, 10);

	rx = receive(test, skb, 1);
	KUNIT_ASSERT_NOT_NULL(test, rx);
	ext = rx_ext(rx);
	KUNIT_ASSERT_NOT_NULL(test, ext);
	KUNIT_EXPECT_TRUE(test, ext->use_map);
	KUNIT_EXPECT_TRUE(test, ext->dsn64);
	KUNIT_EXPECT_EQ(test, ext->data_seq, 0x10000000005ULL);
	KUNIT_EXPECT_EQ(test, ext->subflow_seq, 7);
	KUNIT_EXPECT_EQ(test, ext->data_len, 10);
	KUNIT_EXPECT_FALSE(test, ext->data_fin);
	KUNIT_EXPECT_FALSE(test, ext->use_ack);
	KUNIT_EXPECT_FALSE(test, ext->csum_reqd);
	KUNIT_EXPECT_FALSE(test, ext->infinite_map);
	KUNIT_EXPECT_EQ(test, ext->csum, 0);
	kfree_skb(rx);
	kfree_skb(skb);
}

/* 6.1's writer has no 32-bit mapping: dsn64 clear still goes out as 64. */
static void dss_map32_is_sent_with_a_64bit_dsn(struct kunit *test)
{
	struct sk_buff *skb = seg(false, NULL, 0, 3), *rx;
	struct mptcp_ext *ext;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	ext = add_ext(skb);
	KUNIT_ASSERT_NOT_NULL(test, ext);
	ext->use_map = 1;
	ext->dsn64 = 0;
	ext->data_seq = 0xfffffff0;
	ext->subflow_seq = 1;
	ext->data_len = 3;
	KUNIT_EXPECT_EQ(test, mptcp_skb_write_dss(skb), 20);
	KUNIT_EXPECT_EQ(test, opts_of(skb)[1], TCPOLEN_MPTCP_DSS_BASE +
			TCPOLEN_MPTCP_DSS_MAP64);
	KUNIT_EXPECT_EQ(test, opts_of(skb)[3],
			MPTCP_DSS_HAS_MAP | MPTCP_DSS_DSN64);

	rx = receive(test, skb, 1);
	KUNIT_ASSERT_NOT_NULL(test, rx);
	ext = rx_ext(rx);
	KUNIT_ASSERT_NOT_NULL(test, ext);
	KUNIT_EXPECT_TRUE(test, ext->dsn64);
	KUNIT_EXPECT_EQ(test, ext->data_seq, 0xfffffff0ULL);
	kfree_skb(rx);
	kfree_skb(skb);
}

static void dss_map_and_ack32_round_trip(struct kunit *test)
{
	struct sk_buff *skb = seg(false, NULL, 0, 16), *rx;
	struct mptcp_ext *ext;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	ext = add_ext(skb);
	KUNIT_ASSERT_NOT_NULL(test, ext);
	ext->use_ack = 1;
	ext->data_ack = 0xaabbccdd;
	ext->use_map = 1;
	ext->dsn64 = 1;
	ext->data_seq = 0x1122334455667788ULL;
	ext->subflow_seq = 0x99;
	ext->data_len = 16;
	/* 4 + 4 + 14 = 22, and two NOPs */
	KUNIT_EXPECT_EQ(test, mptcp_skb_write_dss(skb), 24);
	KUNIT_EXPECT_EQ(test, opts_of(skb)[1], 22);
	KUNIT_EXPECT_EQ(test, opts_of(skb)[3], 0x0d);
	KUNIT_EXPECT_EQ(test, opts_of(skb)[22], TCPOPT_NOP);
	KUNIT_EXPECT_EQ(test, opts_of(skb)[23], TCPOPT_NOP);
	expect_headers_consistent(test, skb);

	rx = receive(test, skb, 1);
	KUNIT_ASSERT_NOT_NULL(test, rx);
	ext = rx_ext(rx);
	KUNIT_ASSERT_NOT_NULL(test, ext);
	KUNIT_EXPECT_FALSE(test, ext->use_ack);
	KUNIT_EXPECT_EQ(test, ext->data_ack, 0);
	KUNIT_EXPECT_EQ(test, rx_wire_ack(test, rx, false), 0xaabbccddULL);
	KUNIT_EXPECT_TRUE(test, ext->use_map);
	KUNIT_EXPECT_EQ(test, ext->data_seq, 0x1122334455667788ULL);
	KUNIT_EXPECT_EQ(test, ext->subflow_seq, 0x99);
	KUNIT_EXPECT_EQ(test, ext->data_len, 16);
	kfree_skb(rx);
	kfree_skb(skb);
}

static void dss_map_ack64_and_csum_take_28_bytes(struct kunit *test)
{
	struct sk_buff *skb = seg(true, NULL, 0, 16), *rx;
	struct mptcp_ext *ext;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	ext = add_ext(skb);
	KUNIT_ASSERT_NOT_NULL(test, ext);
	ext->use_ack = 1;
	ext->ack64 = 1;
	ext->data_ack = 0xfedcba9876543210ULL;
	ext->use_map = 1;
	ext->dsn64 = 1;
	ext->data_seq = 42;
	ext->subflow_seq = 1;
	ext->data_len = 16;
	ext->csum_reqd = 1;
	KUNIT_EXPECT_EQ(test, mptcp_skb_update_data_csum(skb), 0);
	KUNIT_EXPECT_EQ(test, mptcp_skb_write_dss(skb), 28);
	KUNIT_EXPECT_EQ(test, opts_of(skb)[1], 28);
	KUNIT_EXPECT_EQ(test, opts_of(skb)[3], 0x0f);
	KUNIT_EXPECT_EQ(test, tcp_hdr(skb)->doff, 12);
	expect_headers_consistent(test, skb);
	expect_payload_intact(test, skb, 16);

	rx = receive(test, skb, 1);
	KUNIT_ASSERT_NOT_NULL(test, rx);
	ext = rx_ext(rx);
	KUNIT_ASSERT_NOT_NULL(test, ext);
	KUNIT_EXPECT_FALSE(test, ext->use_ack);
	KUNIT_EXPECT_FALSE(test, ext->ack64);
	KUNIT_EXPECT_EQ(test, ext->data_ack, 0);
	KUNIT_EXPECT_EQ(test, rx_wire_ack(test, rx, true),
			0xfedcba9876543210ULL);
	KUNIT_EXPECT_TRUE(test, ext->csum_reqd);
	KUNIT_EXPECT_EQ(test, ext->data_seq, 42);
	KUNIT_EXPECT_EQ(test, ext->data_len, 16);
	KUNIT_EXPECT_EQ(test, mptcp_skb_validate_data_csum(rx), 0);
	kfree_skb(rx);
	kfree_skb(skb);
}

static void dss_map_with_csum_round_trips_and_verifies(struct kunit *test)
{
	struct sk_buff *skb = seg(false, NULL, 0, 13), *rx;
	struct mptcp_ext *ext;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	ext = add_ext(skb);
	KUNIT_ASSERT_NOT_NULL(test, ext);
	ext->use_map = 1;
	ext->dsn64 = 1;
	ext->data_seq = 0x8000000000000001ULL;
	ext->subflow_seq = 1001;
	ext->data_len = 13;
	ext->csum_reqd = 1;
	KUNIT_EXPECT_EQ(test, mptcp_skb_update_data_csum(skb), 0);
	/* 4 + 14 + 2: aligned, so no padding */
	KUNIT_EXPECT_EQ(test, mptcp_skb_write_dss(skb), 20);
	KUNIT_EXPECT_EQ(test, opts_of(skb)[1], 20);

	rx = receive(test, skb, 1);
	KUNIT_ASSERT_NOT_NULL(test, rx);
	ext = rx_ext(rx);
	KUNIT_ASSERT_NOT_NULL(test, ext);
	KUNIT_EXPECT_TRUE(test, ext->csum_reqd);
	KUNIT_EXPECT_MEMEQ(test, &ext->csum, opts_of(rx) + 18, 2);
	KUNIT_EXPECT_EQ(test, mptcp_skb_validate_data_csum(rx), 0);
	kfree_skb(rx);
	kfree_skb(skb);
}

static void dss_data_fin_round_trips(struct kunit *test)
{
	struct sk_buff *skb = seg(false, NULL, 0, 5), *rx;
	struct mptcp_ext *ext;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	ext = add_ext(skb);
	KUNIT_ASSERT_NOT_NULL(test, ext);
	ext->use_map = 1;
	ext->dsn64 = 1;
	ext->data_fin = 1;
	ext->data_seq = 500;
	ext->subflow_seq = 20;
	ext->data_len = 6;	/* five bytes and the DATA_FIN */
	ext->csum_reqd = 1;
	KUNIT_EXPECT_EQ(test, mptcp_skb_update_data_csum(skb), 0);
	KUNIT_EXPECT_EQ(test, mptcp_skb_write_dss(skb), 20);
	KUNIT_EXPECT_EQ(test, opts_of(skb)[3],
			MPTCP_DSS_DATA_FIN | MPTCP_DSS_DSN64 |
			MPTCP_DSS_HAS_MAP);

	rx = receive(test, skb, 1);
	KUNIT_ASSERT_NOT_NULL(test, rx);
	ext = rx_ext(rx);
	KUNIT_ASSERT_NOT_NULL(test, ext);
	KUNIT_EXPECT_TRUE(test, ext->data_fin);
	KUNIT_EXPECT_EQ(test, ext->data_len, 6);
	KUNIT_EXPECT_EQ(test, ext->data_seq, 500);
	/* the pseudo-header counts the DATA_FIN's byte */
	KUNIT_EXPECT_EQ(test, mptcp_skb_validate_data_csum(rx), 0);
	kfree_skb(rx);
	kfree_skb(skb);
}

static void dss_infinite_mapping_round_trips_with_zero_csum(struct kunit *test)
{
	struct sk_buff *skb = seg(false, NULL, 0, 8), *rx;
	struct mptcp_ext *ext;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	ext = add_ext(skb);
	KUNIT_ASSERT_NOT_NULL(test, ext);
	ext->use_map = 1;
	ext->dsn64 = 1;
	ext->data_seq = 77;
	ext->subflow_seq = 3;
	ext->data_len = 0;
	ext->infinite_map = 1;
	ext->csum_reqd = 1;
	ext->csum = 0x5555;	/* must not reach the wire */
	KUNIT_EXPECT_EQ(test, mptcp_skb_write_dss(skb), 20);
	KUNIT_EXPECT_EQ(test, opts_of(skb)[16], 0);
	KUNIT_EXPECT_EQ(test, opts_of(skb)[17], 0);
	KUNIT_EXPECT_EQ(test, opts_of(skb)[18], 0);
	KUNIT_EXPECT_EQ(test, opts_of(skb)[19], 0);

	rx = receive(test, skb, 1);
	KUNIT_ASSERT_NOT_NULL(test, rx);
	ext = rx_ext(rx);
	KUNIT_ASSERT_NOT_NULL(test, ext);
	KUNIT_EXPECT_TRUE(test, ext->use_map);
	KUNIT_EXPECT_EQ(test, ext->data_len, 0);
	/* the sender's mark does not travel; 6.1 finds it later */
	KUNIT_EXPECT_FALSE(test, ext->infinite_map);
	KUNIT_EXPECT_TRUE(test, ext->csum_reqd);
	KUNIT_EXPECT_EQ(test, ext->csum, 0);
	KUNIT_EXPECT_EQ(test, mptcp_skb_validate_data_csum(rx), -ENOENT);
	kfree_skb(rx);
	kfree_skb(skb);
}

static void dss_goes_after_existing_options(struct kunit *test)
{
	/* MSS, window scale, then EOL: seven bytes used of eight */
	static const u8 syn_opts[] = { 2, 4, 0x05, 0xb4, 3, 3, 7 };
	struct sk_buff *skb = seg(false, syn_opts, sizeof(syn_opts), 6), *rx;
	struct mptcp_ext *ext;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_EQ(test, tcp_hdr(skb)->doff, 7);
	ext = add_ext(skb);
	KUNIT_ASSERT_NOT_NULL(test, ext);
	ext->use_ack = 1;
	ext->data_ack = 9;
	KUNIT_EXPECT_EQ(test, mptcp_skb_write_dss(skb), 8);
	KUNIT_EXPECT_EQ(test, tcp_hdr(skb)->doff, 9);
	KUNIT_EXPECT_MEMEQ(test, opts_of(skb), syn_opts, sizeof(syn_opts));
	/* the EOL became a NOP, or the DSS would never be seen */
	KUNIT_EXPECT_EQ(test, opts_of(skb)[7], TCPOPT_NOP);
	KUNIT_EXPECT_EQ(test, opts_of(skb)[8], TCPOPT_MPTCP);
	expect_headers_consistent(test, skb);
	expect_payload_intact(test, skb, 6);

	rx = receive(test, skb, 1);
	KUNIT_ASSERT_NOT_NULL(test, rx);
	KUNIT_ASSERT_NOT_NULL(test, rx_ext(rx));
	KUNIT_EXPECT_EQ(test, rx_wire_ack(test, rx, false), 9);
	kfree_skb(rx);
	kfree_skb(skb);
}

static void dss_write_refuses_what_it_cannot_do(struct kunit *test)
{
	static const u8 full[36] = { [0 ... 35] = TCPOPT_NOP };
	static const u8 bad[4] = { 8, 10, 0, 0 };	/* runs past the area */
	struct sk_buff *skb = seg(false, NULL, 0, 4), *clone;
	struct mptcp_ext *ext;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_EQ(test, mptcp_skb_write_dss(skb), -ENOENT);
	ext = add_ext(skb);
	KUNIT_ASSERT_NOT_NULL(test, ext);
	/* neither a mapping nor an ack: nothing to send */
	KUNIT_EXPECT_EQ(test, mptcp_skb_write_dss(skb), 0);
	KUNIT_EXPECT_EQ(test, tcp_hdr(skb)->doff, 5);

	ext->use_ack = 1;
	clone = skb_clone(skb, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, clone);
	KUNIT_EXPECT_EQ(test, mptcp_skb_write_dss(skb), -EBUSY);
	kfree_skb(clone);
	kfree_skb(skb);

	skb = seg(false, full, sizeof(full), 4);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	ext = add_ext(skb);
	KUNIT_ASSERT_NOT_NULL(test, ext);
	ext->use_ack = 1;
	KUNIT_EXPECT_EQ(test, mptcp_skb_write_dss(skb), -EMSGSIZE);
	KUNIT_EXPECT_EQ(test, tcp_hdr(skb)->doff, 14);
	kfree_skb(skb);

	skb = seg(false, bad, sizeof(bad), 4);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	ext = add_ext(skb);
	KUNIT_ASSERT_NOT_NULL(test, ext);
	ext->use_ack = 1;
	KUNIT_EXPECT_EQ(test, mptcp_skb_write_dss(skb), -EINVAL);
	kfree_skb(skb);
}

/* --- the option decision, as __tcp_transmit_skb() asks for it ------ */

static void established_options_dss_sizes(struct kunit *test)
{
	static const struct {
		bool map, can_ack, ack64, csum;
		unsigned int size;
	} t[] = {
		{ false, true,  false, false, 8 },
		{ false, true,  true,  false, 12 },
		{ true,  false, false, false, 20 },	/* 18 + 2 NOPs */
		{ true,  false, false, true,  20 },
		{ true,  true,  false, false, 24 },	/* 22 + 2 NOPs */
		{ true,  true,  true,  false, 28 },	/* 26 + 2 NOPs */
		{ true,  true,  true,  true,  28 },
		{ false, false, false, false, 0 },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(t); i++) {
		struct mptcp_sock msk = { .ack_seq = 1, .write_seq = 100,
					  .can_ack = t[i].can_ack,
					  .use_64bit_ack = t[i].ack64,
					  .csum_enabled = t[i].csum };
		struct mptcp_out_options opts;
		struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);
		struct mptcp_ext *ext;
		unsigned int size = 99;
		bool ret;

		KUNIT_ASSERT_NOT_NULL(test, skb);
		skb_put(skb, 10);
		ext = add_ext(skb);
		KUNIT_ASSERT_NOT_NULL(test, ext);
		ext->use_map = t[i].map;
		ext->dsn64 = 1;
		ext->data_len = 10;
		memset(&opts, 0, sizeof(opts));
		ret = mptcp_established_options_dss(&msk, skb, false, &size,
						    MAX_TCP_OPTION_SPACE,
						    &opts);
		KUNIT_EXPECT_EQ(test, ret, t[i].size != 0);
		KUNIT_EXPECT_EQ(test, size, t[i].size);
		KUNIT_EXPECT_EQ(test, opts.ext_copy.use_ack, t[i].can_ack);
		KUNIT_EXPECT_EQ(test, opts.csum_reqd, t[i].csum);
		kfree_skb(skb);
	}
}

static void data_fin_without_payload_gets_its_own_mapping(struct kunit *test)
{
	struct mptcp_sock msk = { .write_seq = 1001 };
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);
	struct mptcp_out_options opts;
	unsigned int size = 0;
	__be32 buf[7];
	u8 *p = (u8 *)buf;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	memset(&opts, 0, sizeof(opts));
	KUNIT_EXPECT_TRUE(test, mptcp_established_options_dss(&msk, skb, true,
			  &size, MAX_TCP_OPTION_SPACE, &opts));
	KUNIT_EXPECT_EQ(test, size, 20);
	KUNIT_EXPECT_TRUE(test, opts.ext_copy.data_fin);
	KUNIT_EXPECT_TRUE(test, opts.ext_copy.use_map);
	KUNIT_EXPECT_TRUE(test, opts.ext_copy.dsn64);
	/* write_seq already counts the DATA_FIN */
	KUNIT_EXPECT_EQ(test, opts.ext_copy.data_seq, 1000);
	KUNIT_EXPECT_EQ(test, opts.ext_copy.subflow_seq, 0);
	KUNIT_EXPECT_EQ(test, opts.ext_copy.data_len, 1);
	/* the skb has no extension: nothing of it was written */
	KUNIT_EXPECT_FALSE(test, skb_ext_exist(skb, SKB_EXT_MPTCP));

	memset(buf, 0xee, sizeof(buf));
	mptcp_write_options(NULL, buf, &msk, &opts);
	KUNIT_EXPECT_EQ(test, p[3], 0x1c);
	KUNIT_EXPECT_EQ(test, get_unaligned_be64(p + 4), 1000);
	KUNIT_EXPECT_EQ(test, get_unaligned_be16(p + 16), 1);
	KUNIT_EXPECT_EQ(test, p[20], 0xee);	/* nothing past the size */
	kfree_skb(skb);
}

static void data_fin_rides_on_the_last_mapping(struct kunit *test)
{
	struct mptcp_sock msk = { .write_seq = 111 };
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);
	struct mptcp_out_options opts;
	struct mptcp_ext *ext;
	unsigned int size = 0;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_put(skb, 10);
	ext = add_ext(skb);
	KUNIT_ASSERT_NOT_NULL(test, ext);
	ext->use_map = 1;
	ext->dsn64 = 1;
	ext->data_seq = 100;
	ext->subflow_seq = 5;
	ext->data_len = 10;
	memset(&opts, 0, sizeof(opts));
	KUNIT_EXPECT_TRUE(test, mptcp_established_options_dss(&msk, skb, true,
			  &size, MAX_TCP_OPTION_SPACE, &opts));
	KUNIT_EXPECT_TRUE(test, opts.ext_copy.data_fin);
	KUNIT_EXPECT_EQ(test, opts.ext_copy.data_len, 11);
	KUNIT_EXPECT_EQ(test, opts.ext_copy.data_seq, 100);
	/* only the copy changed */
	KUNIT_EXPECT_FALSE(test, ext->data_fin);
	KUNIT_EXPECT_EQ(test, ext->data_len, 10);
	kfree_skb(skb);
}

/* --- hand-built option bytes, laid out as RFC 8684 figure 5 -------- */

static void parse(const u8 *opts, int len, struct mptcp_options_received *o)
{
	/* an exact-size heap copy, so a read past the end is an ASan report */
	u8 *buf = malloc(len ? len : 1);

	memcpy(buf, opts, len);
	memset(o, 0, sizeof(*o));
	mptcp_parse_tcp_options(buf, len, o);
	free(buf);
}

static void rfc_ack32_bytes_parse(struct kunit *test)
{
	static const u8 o[] = { 30, 8, 0x20, 0x01, 0xde, 0xad, 0xbe, 0xef };
	struct mptcp_options_received mp;

	parse(o, sizeof(o), &mp);
	KUNIT_EXPECT_EQ(test, mp.suboptions, OPTION_MPTCP_DSS);
	KUNIT_EXPECT_TRUE(test, mp.use_ack);
	KUNIT_EXPECT_FALSE(test, mp.ack64);
	KUNIT_EXPECT_FALSE(test, mp.use_map);
	KUNIT_EXPECT_EQ(test, mp.data_ack, 0xdeadbeefULL);
}

static void rfc_map32_bytes_parse_to_an_unexpanded_dsn(struct kunit *test)
{
	static const u8 o[] = {
		TCPOPT_NOP, TCPOPT_NOP,
		30, 14, 0x20, 0x04,
		0xff, 0xff, 0xff, 0xfe,		/* DSN, 32 bits */
		0x00, 0x00, 0x10, 0x00,		/* SSN */
		0x05, 0xdc,			/* 1500 */
	};
	struct sk_buff *skb = seg(false, o, sizeof(o), 3);
	struct mptcp_ext *ext;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_EQ(test, mptcp_skb_parse_dss(skb), 1);
	ext = rx_ext(skb);
	KUNIT_ASSERT_NOT_NULL(test, ext);
	KUNIT_EXPECT_TRUE(test, ext->use_map);
	KUNIT_EXPECT_FALSE(test, ext->dsn64);
	KUNIT_EXPECT_EQ(test, ext->data_seq, 0xfffffffeULL);
	KUNIT_EXPECT_EQ(test, ext->subflow_seq, 0x1000);
	KUNIT_EXPECT_EQ(test, ext->data_len, 1500);
	KUNIT_EXPECT_FALSE(test, ext->use_ack);
	KUNIT_EXPECT_FALSE(test, ext->csum_reqd);
	KUNIT_EXPECT_EQ(test, TCP_SKB_CB(skb)->seq, 1000);
	KUNIT_EXPECT_EQ(test, TCP_SKB_CB(skb)->end_seq, 1003);
	KUNIT_EXPECT_EQ(test, TCP_SKB_CB(skb)->tcp_flags,
			TCPHDR_ACK | TCPHDR_PSH);
	kfree_skb(skb);
}

static void rfc_ack32_map32_csum_bytes_parse(struct kunit *test)
{
	static const u8 o[] = {
		30, 20, 0x20, 0x05,
		0x00, 0x00, 0x00, 0x2a,		/* data ack */
		0x00, 0x00, 0x00, 0x64,		/* DSN */
		0x00, 0x00, 0x00, 0x01,		/* SSN */
		0x00, 0x04,			/* length */
		0xab, 0xcd,			/* checksum */
	};
	struct mptcp_options_received mp;

	parse(o, sizeof(o), &mp);
	KUNIT_EXPECT_EQ(test, mp.suboptions,
			OPTION_MPTCP_DSS | OPTION_MPTCP_CSUMREQD);
	KUNIT_EXPECT_EQ(test, mp.data_ack, 42);
	KUNIT_EXPECT_EQ(test, mp.data_seq, 100);
	KUNIT_EXPECT_EQ(test, mp.subflow_seq, 1);
	KUNIT_EXPECT_EQ(test, mp.data_len, 4);
	KUNIT_EXPECT_MEMEQ(test, &mp.csum, o + 18, 2);
}

static void rfc_map64_ack64_csum_bytes_parse(struct kunit *test)
{
	static const u8 o[] = {
		30, 28, 0x20, 0x1f,		/* every flag: DATA_FIN too */
		1, 2, 3, 4, 5, 6, 7, 8,		/* data ack */
		9, 10, 11, 12, 13, 14, 15, 16,	/* DSN */
		0x80, 0, 0, 0,			/* SSN */
		0x00, 0x02,
		0x12, 0x34,
	};
	struct mptcp_options_received mp;

	parse(o, sizeof(o), &mp);
	KUNIT_EXPECT_EQ(test, mp.suboptions,
			OPTION_MPTCP_DSS | OPTION_MPTCP_CSUMREQD);
	KUNIT_EXPECT_TRUE(test, mp.ack64);
	KUNIT_EXPECT_TRUE(test, mp.dsn64);
	KUNIT_EXPECT_TRUE(test, mp.data_fin);
	KUNIT_EXPECT_EQ(test, mp.data_ack, 0x0102030405060708ULL);
	KUNIT_EXPECT_EQ(test, mp.data_seq, 0x090a0b0c0d0e0f10ULL);
	KUNIT_EXPECT_EQ(test, mp.subflow_seq, 0x80000000U);
	KUNIT_EXPECT_EQ(test, mp.data_len, 2);
}

/* The flags byte has three reserved bits; the kernel masks them off. */
static void rfc_reserved_flag_bits_are_ignored(struct kunit *test)
{
	static const u8 o[] = { 30, 8, 0x2f, 0xe1, 0, 0, 0, 1 };
	struct mptcp_options_received mp;

	parse(o, sizeof(o), &mp);
	KUNIT_EXPECT_EQ(test, mp.suboptions, OPTION_MPTCP_DSS);
	KUNIT_EXPECT_TRUE(test, mp.use_ack);
	KUNIT_EXPECT_EQ(test, mp.data_ack, 1);
}

static void rfc_data_fin_without_mapping_is_dropped(struct kunit *test)
{
	static const u8 o[] = { 30, 8, 0x20, 0x11, 0, 0, 0, 1 };
	struct mptcp_options_received mp;

	parse(o, sizeof(o), &mp);
	KUNIT_EXPECT_EQ(test, mp.suboptions, OPTION_MPTCP_DSS);
	KUNIT_EXPECT_FALSE(test, mp.data_fin);
}

/* 6.1 accepts +2 on any DSS; without a mapping there is no checksum. */
static void rfc_ack_only_two_bytes_long_is_accepted(struct kunit *test)
{
	static const u8 o[] = { 30, 10, 0x20, 0x01, 0, 0, 0, 7, 0xff, 0xff };
	struct mptcp_options_received mp;

	parse(o, sizeof(o), &mp);
	KUNIT_EXPECT_EQ(test, mp.suboptions, OPTION_MPTCP_DSS);
	KUNIT_EXPECT_EQ(test, mp.data_ack, 7);
	KUNIT_EXPECT_EQ(test, mp.csum, 0);
}

/* --- malformed options --------------------------------------------- */

static void dss_with_any_other_length_is_rejected(struct kunit *test)
{
	static const u8 flags[] = { 0x00, 0x01, 0x03, 0x04, 0x0c, 0x05,
				    0x0f, 0x1f };
	static const int base[] = { 4, 8, 12, 14, 18, 18, 26, 26 };
	unsigned int i;
	int len;

	for (i = 0; i < ARRAY_SIZE(flags); i++) {
		for (len = 2; len <= 40; len++) {
			struct mptcp_options_received mp;
			u8 o[40];
			bool ok = len == base[i] || len == base[i] + 2;

			memset(o, 0x5a, sizeof(o));
			o[0] = TCPOPT_MPTCP;
			o[1] = len;
			o[2] = MPTCPOPT_DSS << 4;
			o[3] = flags[i];
			parse(o, len, &mp);
			KUNIT_EXPECT_EQ(test, !!(mp.suboptions &
						 OPTION_MPTCP_DSS), ok);
			if (!ok) {
				KUNIT_EXPECT_EQ(test, mp.suboptions, 0);
				KUNIT_EXPECT_FALSE(test, mp.use_map ||
						   mp.use_ack || mp.dsn64 ||
						   mp.ack64 || mp.data_fin);
			}
		}
	}
}

static void truncated_option_ends_the_walk(struct kunit *test)
{
	static const u8 cut[] = { 30, 8, 0x20, 0x01, 0, 0 };
	static const u8 lone_kind[] = { TCPOPT_NOP, TCPOPT_MPTCP };
	static const u8 short_dss[] = { TCPOPT_NOP, TCPOPT_MPTCP, 3, 0x20 };
	static const u8 bare[] = { TCPOPT_MPTCP, 2 };
	struct mptcp_options_received mp;

	parse(cut, sizeof(cut), &mp);
	KUNIT_EXPECT_EQ(test, mp.suboptions, 0);
	parse(lone_kind, sizeof(lone_kind), &mp);
	KUNIT_EXPECT_EQ(test, mp.suboptions, 0);
	parse(short_dss, sizeof(short_dss), &mp);
	KUNIT_EXPECT_EQ(test, mp.suboptions, 0);
	parse(bare, sizeof(bare), &mp);
	KUNIT_EXPECT_EQ(test, mp.suboptions, 0);
}

static void silly_length_ends_the_walk(struct kunit *test)
{
	static const u8 zero[] = { 8, 0, 30, 8, 0x20, 0x01, 0, 0, 0, 1 };
	static const u8 one[] = { 8, 1, 30, 8, 0x20, 0x01, 0, 0, 0, 1 };
	struct mptcp_options_received mp;

	parse(zero, sizeof(zero), &mp);
	KUNIT_EXPECT_EQ(test, mp.suboptions, 0);
	parse(one, sizeof(one), &mp);
	KUNIT_EXPECT_EQ(test, mp.suboptions, 0);
}

static void eol_ends_the_walk(struct kunit *test)
{
	static const u8 o[] = { TCPOPT_EOL, 30, 8, 0x20, 0x01, 0, 0, 0, 1 };
	struct mptcp_options_received mp;

	parse(o, sizeof(o), &mp);
	KUNIT_EXPECT_EQ(test, mp.suboptions, 0);
}

static void first_dss_wins(struct kunit *test)
{
	static const u8 o[] = { 30, 8, 0x20, 0x01, 0, 0, 0, 1,
				30, 8, 0x20, 0x01, 0, 0, 0, 2 };
	struct mptcp_options_received mp;

	parse(o, sizeof(o), &mp);
	KUNIT_EXPECT_EQ(test, mp.suboptions, OPTION_MPTCP_DSS);
	KUNIT_EXPECT_EQ(test, mp.data_ack, 1);
}

static void rejected_dss_does_not_hide_a_later_one(struct kunit *test)
{
	static const u8 o[] = { 30, 9, 0x20, 0x01, 0, 0, 0, 1, 0,
				30, 8, 0x20, 0x01, 0, 0, 0, 2 };
	struct mptcp_options_received mp;

	parse(o, sizeof(o), &mp);
	KUNIT_EXPECT_EQ(test, mp.suboptions, OPTION_MPTCP_DSS);
	KUNIT_EXPECT_EQ(test, mp.data_ack, 2);
}

static void other_subtypes_and_kinds_are_skipped(struct kunit *test)
{
	static const u8 o[] = { 30, 4, 0x50, 0x00,	/* MP_PRIO, not ported */
				19, 4, 0x20, 0x01,	/* MD5, looks like DSS */
				30, 8, 0x20, 0x01, 0, 0, 0, 3 };
	struct mptcp_options_received mp;

	parse(o, sizeof(o), &mp);
	KUNIT_EXPECT_EQ(test, mp.suboptions, OPTION_MPTCP_DSS);
	KUNIT_EXPECT_EQ(test, mp.data_ack, 3);
}

static void malformed_headers_are_refused(struct kunit *test)
{
	static const struct {
		unsigned int off;
		u8 val;
		int err;
	} v4[] = {
		{ 0, 0x55, -EINVAL },		/* version 5 */
		{ 0, 0x44, -EINVAL },		/* ihl below 5 */
		{ 0, 0x4f, -EINVAL },		/* ihl past the segment */
		{ 2, 0xff, -EINVAL },		/* tot_len past the data */
		{ 3, 30, -EINVAL },		/* tot_len inside the header */
		{ 6, 0x20, -EINVAL },		/* more fragments */
		{ 9, 17, -EPROTONOSUPPORT },	/* UDP */
		{ 32, 0x40, -EINVAL },		/* doff 4 */
		{ 32, 0xf0, -EINVAL },		/* doff past the segment */
	};
	static const u8 dss[] = { 30, 8, 0x20, 0x01, 0, 0, 0, 1 };
	struct sk_buff *skb;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(v4); i++) {
		skb = seg(false, dss, sizeof(dss), 4);
		KUNIT_ASSERT_NOT_NULL(test, skb);
		skb->data[v4[i].off] = v4[i].val;
		KUNIT_EXPECT_EQ(test, mptcp_skb_parse_dss(skb), v4[i].err);
		KUNIT_EXPECT_FALSE(test, skb_ext_exist(skb, SKB_EXT_MPTCP));
		kfree_skb(skb);
	}

	skb = seg(true, dss, sizeof(dss), 4);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb->data[4] = skb->data[5] = 0;		/* jumbogram */
	KUNIT_EXPECT_EQ(test, mptcp_skb_parse_dss(skb), -EINVAL);
	skb->data[5] = 32;
	skb->data[6] = 0;				/* hop-by-hop */
	KUNIT_EXPECT_EQ(test, mptcp_skb_parse_dss(skb), -EPROTONOSUPPORT);
	kfree_skb(skb);

	/* three bytes that are not even an IP header */
	skb = alloc_skb(8, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	memcpy(skb_put(skb, 3), "\x45\x00\x00", 3);
	KUNIT_EXPECT_EQ(test, mptcp_skb_parse_dss(skb), -EINVAL);
	kfree_skb(skb);
}

static void pure_ack_gets_no_extension(struct kunit *test)
{
	static const u8 dss[] = { 30, 8, 0x20, 0x01, 0, 0, 0, 1 };
	struct sk_buff *skb = seg(false, dss, sizeof(dss), 0);

	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_EQ(test, mptcp_skb_parse_dss(skb), 0);
	KUNIT_EXPECT_FALSE(test, skb_ext_exist(skb, SKB_EXT_MPTCP));
	KUNIT_EXPECT_EQ(test, TCP_SKB_CB(skb)->seq, TCP_SKB_CB(skb)->end_seq);
	kfree_skb(skb);
}

static void segment_without_dss_gets_no_extension(struct kunit *test)
{
	static const u8 ts[] = { 1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2 };
	struct sk_buff *skb = seg(true, ts, sizeof(ts), 5);

	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_EQ(test, mptcp_skb_parse_dss(skb), 0);
	KUNIT_EXPECT_FALSE(test, skb_ext_exist(skb, SKB_EXT_MPTCP));
	kfree_skb(skb);
}

static void parse_fails_cleanly_without_memory(struct kunit *test)
{
	static const u8 dss[] = { 30, 8, 0x20, 0x01, 0, 0, 0, 1 };
	struct sk_buff *skb = seg(false, dss, sizeof(dss), 2);

	KUNIT_ASSERT_NOT_NULL(test, skb);
	fail_nth_set(1);
	KUNIT_EXPECT_EQ(test, mptcp_skb_parse_dss(skb), -ENOMEM);
	fail_nth_set(0);
	KUNIT_EXPECT_FALSE(test, skb_ext_exist(skb, SKB_EXT_MPTCP));
	KUNIT_EXPECT_EQ(test, skb->active_extensions, 0);
	/* and with memory again, the same segment parses */
	KUNIT_EXPECT_EQ(test, mptcp_skb_parse_dss(skb), 1);
	kfree_skb(skb);
}

/* --- what the receiver keeps: the mapping, never the ack ----------- */

/* Every field of @ext other than the mapping's is zero. */
static void expect_only_the_mapping(struct kunit *test,
				    const struct mptcp_ext *ext)
{
	KUNIT_EXPECT_FALSE(test, ext->use_ack);
	KUNIT_EXPECT_FALSE(test, ext->ack64);
	KUNIT_EXPECT_EQ(test, ext->data_ack, 0);
	KUNIT_EXPECT_FALSE(test, ext->infinite_map);
	KUNIT_EXPECT_FALSE(test, ext->mpc_map);
	KUNIT_EXPECT_FALSE(test, ext->frozen);
	KUNIT_EXPECT_FALSE(test, ext->reset_transient);
	KUNIT_EXPECT_EQ(test, ext->reset_reason, 0);
}

/* 6.1 hands the data ack to the msk; the skb's extension never sees it. */
static void received_ack_stays_out_of_the_extension(struct kunit *test)
{
	static const u8 o[] = {
		30, 28, 0x20, 0x0f,		/* ack64, map64, checksum */
		1, 2, 3, 4, 5, 6, 7, 8,		/* data ack */
		0, 0, 0, 0, 0, 0, 0x01, 0x00,	/* DSN 256 */
		0, 0, 0, 9,			/* SSN */
		0x00, 0x04,			/* length */
		0x12, 0x34,			/* checksum */
	};
	struct sk_buff *skb = seg(false, o, sizeof(o), 4);
	struct mptcp_ext *ext;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_EQ(test, mptcp_skb_parse_dss(skb), 1);
	ext = rx_ext(skb);
	KUNIT_ASSERT_NOT_NULL(test, ext);
	expect_only_the_mapping(test, ext);
	KUNIT_EXPECT_TRUE(test, ext->use_map);
	KUNIT_EXPECT_TRUE(test, ext->dsn64);
	KUNIT_EXPECT_EQ(test, ext->data_seq, 256);
	KUNIT_EXPECT_EQ(test, ext->subflow_seq, 9);
	KUNIT_EXPECT_EQ(test, ext->data_len, 4);
	KUNIT_EXPECT_TRUE(test, ext->csum_reqd);
	KUNIT_EXPECT_MEMEQ(test, &ext->csum, o + 26, 2);
	kfree_skb(skb);
}

/* An ack-only DSS on a segment with data still gets an extension: empty. */
static void received_ack_only_dss_leaves_a_zeroed_extension(struct kunit *test)
{
	static const u8 o[] = { 30, 12, 0x20, 0x03, 1, 2, 3, 4, 5, 6, 7, 8 };
	static const struct mptcp_ext zero;
	struct sk_buff *skb = seg(true, o, sizeof(o), 3);

	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_EQ(test, mptcp_skb_parse_dss(skb), 1);
	KUNIT_ASSERT_NOT_NULL(test, rx_ext(skb));
	KUNIT_EXPECT_MEMEQ(test, rx_ext(skb), &zero, sizeof(zero));
	kfree_skb(skb);
}

/* The kernel finds an infinite mapping later, in get_mapping_status(). */
static void received_infinite_mapping_is_not_marked(struct kunit *test)
{
	static const u8 o[] = { 30, 20, 0x20, 0x0c, 0, 0, 0, 0, 0, 0, 0x70, 0,
				0, 0, 0, 1, 0, 0, 0, 0 };
	struct sk_buff *skb = seg(false, o, sizeof(o), 8);
	struct mptcp_ext *ext;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_EQ(test, mptcp_skb_parse_dss(skb), 1);
	ext = rx_ext(skb);
	KUNIT_ASSERT_NOT_NULL(test, ext);
	KUNIT_EXPECT_TRUE(test, ext->use_map);
	KUNIT_EXPECT_EQ(test, ext->data_len, 0);
	KUNIT_EXPECT_TRUE(test, ext->csum_reqd);
	KUNIT_EXPECT_FALSE(test, ext->infinite_map);
	kfree_skb(skb);
}

/*
 * A segment that occupies no sequence space never reaches the msk's
 * queue, so even a full mapping (here a DATA_FIN's own) adds nothing.
 */
static void zero_payload_mapping_gets_no_extension(struct kunit *test)
{
	static const u8 o[] = { 30, 22, 0x20, 0x1d, 0, 0, 0, 7,
				0, 0, 0, 0, 0, 0, 0, 50, 0, 0, 0, 0, 0, 1 };
	struct sk_buff *skb = seg(false, o, sizeof(o), 0);
	struct mptcp_options_received mp;

	/* the option itself is good */
	parse(o, sizeof(o), &mp);
	KUNIT_EXPECT_EQ(test, mp.suboptions, OPTION_MPTCP_DSS);
	KUNIT_EXPECT_TRUE(test, mp.use_map);
	KUNIT_EXPECT_TRUE(test, mp.data_fin);

	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_EQ(test, mptcp_skb_parse_dss(skb), 0);
	KUNIT_EXPECT_FALSE(test, skb_ext_exist(skb, SKB_EXT_MPTCP));
	KUNIT_EXPECT_EQ(test, skb->active_extensions, 0);
	kfree_skb(skb);
}

/* Whatever the skb's own extension held before is gone, not merged. */
static void received_mapping_replaces_a_stale_extension(struct kunit *test)
{
	static const u8 o[] = { 30, 18, 0x20, 0x0c, 0, 0, 0, 0, 0, 0, 0, 5,
				0, 0, 0, 6, 0, 2, 1, 1 };
	struct sk_buff *skb = seg(false, o, sizeof(o), 2);
	struct mptcp_ext *ext;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	ext = add_ext(skb);
	KUNIT_ASSERT_NOT_NULL(test, ext);
	memset(ext, 0xff, sizeof(*ext));
	KUNIT_EXPECT_EQ(test, mptcp_skb_parse_dss(skb), 1);
	KUNIT_EXPECT_PTR_EQ(test, rx_ext(skb), ext);	/* not shared: kept */
	expect_only_the_mapping(test, ext);
	KUNIT_EXPECT_TRUE(test, ext->use_map);
	KUNIT_EXPECT_TRUE(test, ext->dsn64);
	KUNIT_EXPECT_FALSE(test, ext->data_fin);
	KUNIT_EXPECT_FALSE(test, ext->csum_reqd);
	KUNIT_EXPECT_EQ(test, ext->csum, 0);
	KUNIT_EXPECT_EQ(test, ext->data_seq, 5);
	KUNIT_EXPECT_EQ(test, ext->subflow_seq, 6);
	KUNIT_EXPECT_EQ(test, ext->data_len, 2);
	kfree_skb(skb);
}

/* --- the DSS checksum ---------------------------------------------- */

/*
 * By hand: DSN 0x0000000100000002, SSN 3, length 4, payload 10 20 30 40.
 * Pseudo-header words 0000 0001 0000 0002 0000 0003 0004 0000 sum to
 * 0x000a; the payload words 1020 and 3040 to 0x4060; together 0x406a,
 * whose complement 0xbf95 goes on the wire as bf 95.
 */
static void csum_matches_a_hand_computed_vector(struct kunit *test)
{
	static const u8 payload[] = { 0x10, 0x20, 0x30, 0x40 };
	static const u8 want[] = { 0xbf, 0x95 };
	__sum16 sum;

	sum = __mptcp_make_csum(0x0000000100000002ULL, 3, 4,
				csum_partial(payload, sizeof(payload), 0));
	KUNIT_EXPECT_MEMEQ(test, &sum, want, 2);
}

/*
 * With a carry and an odd length: the same header with length 1 sums to
 * 0x0007; the one payload byte ab is the word ab00; 0xab07 complemented
 * is 0x54f8. And payload ff ff ff ff with length 4: 0x000a + 0xffff +
 * 0xffff = 0x20008, folded 0x0008 + 0x2 = 0x000a, complemented 0xfff5.
 */
static void csum_folds_carries_and_pads_odd_lengths(struct kunit *test)
{
	static const u8 odd[] = { 0xab };
	static const u8 ones[] = { 0xff, 0xff, 0xff, 0xff };
	static const u8 want_odd[] = { 0x54, 0xf8 };
	static const u8 want_ones[] = { 0xff, 0xf5 };
	__sum16 sum;

	sum = __mptcp_make_csum(0x0000000100000002ULL, 3, 1,
				csum_partial(odd, 1, 0));
	KUNIT_EXPECT_MEMEQ(test, &sum, want_odd, 2);
	sum = __mptcp_make_csum(0x0000000100000002ULL, 3, 4,
				csum_partial(ones, 4, 0));
	KUNIT_EXPECT_MEMEQ(test, &sum, want_ones, 2);
}

/* The writer puts the same vector on the wire, from a segment. */
static void csum_vector_on_the_wire(struct kunit *test)
{
	static const u8 want[] = { 0xbf, 0x95 };
	struct tcp_seg_desc d = { .sport = 1, .dport = 2,
				  .payload = "\x10\x20\x30\x40",
				  .payload_len = 4 };
	struct sk_buff *skb = tcp_seg_build(&d, GFP_KERNEL), *rx;
	struct mptcp_ext *ext;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	ext = add_ext(skb);
	KUNIT_ASSERT_NOT_NULL(test, ext);
	ext->use_map = 1;
	ext->dsn64 = 1;
	ext->data_seq = 0x0000000100000002ULL;
	ext->subflow_seq = 3;
	ext->data_len = 4;
	ext->csum_reqd = 1;
	KUNIT_EXPECT_EQ(test, mptcp_skb_update_data_csum(skb), 0);
	KUNIT_EXPECT_EQ(test, mptcp_skb_write_dss(skb), 20);
	KUNIT_EXPECT_MEMEQ(test, opts_of(skb) + 18, want, 2);

	rx = receive(test, skb, 1);
	KUNIT_ASSERT_NOT_NULL(test, rx);
	KUNIT_EXPECT_EQ(test, mptcp_skb_validate_data_csum(rx), 0);
	kfree_skb(rx);
	kfree_skb(skb);
}

static void csum_catches_a_corrupted_payload(struct kunit *test)
{
	struct sk_buff *skb = seg(false, NULL, 0, 12), *rx;
	struct mptcp_ext *ext;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	ext = add_ext(skb);
	KUNIT_ASSERT_NOT_NULL(test, ext);
	ext->use_map = 1;
	ext->dsn64 = 1;
	ext->data_seq = 1;
	ext->subflow_seq = 1;
	ext->data_len = 12;
	ext->csum_reqd = 1;
	KUNIT_EXPECT_EQ(test, mptcp_skb_update_data_csum(skb), 0);
	KUNIT_EXPECT_EQ(test, mptcp_skb_write_dss(skb), 20);

	rx = receive(test, skb, 1);
	KUNIT_ASSERT_NOT_NULL(test, rx);
	KUNIT_EXPECT_EQ(test, mptcp_skb_validate_data_csum(rx), 0);
	rx->data[rx->len - 1] ^= 0x01;
	KUNIT_EXPECT_EQ(test, mptcp_skb_validate_data_csum(rx), -EBADMSG);
	rx->data[rx->len - 1] ^= 0x01;
	rx_ext(rx)->data_len = 11;
	KUNIT_EXPECT_EQ(test, mptcp_skb_validate_data_csum(rx), -ERANGE);
	kfree_skb(rx);
	kfree_skb(skb);
}

/* --- clone, copy on write, copy ------------------------------------ */

static void clone_carries_the_same_mapping(struct kunit *test)
{
	static const u8 dss[] = { 30, 19, 0x20, 0x0c, 0, 0, 0, 0, 0, 0, 0, 9,
				  0, 0, 0, 1, 0, 4, 1, 1 };
	struct sk_buff *skb = seg(false, dss, sizeof(dss), 4), *clone;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	/* 18 bytes of DSS and two NOPs: 19 is the wrong length... */
	KUNIT_EXPECT_EQ(test, mptcp_skb_parse_dss(skb), 0);
	skb->data[20 + 21] = 18;	/* ...18 is the right one */
	KUNIT_EXPECT_EQ(test, mptcp_skb_parse_dss(skb), 1);

	clone = skb_clone(skb, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, clone);
	KUNIT_EXPECT_PTR_EQ(test, clone->extensions, skb->extensions);
	KUNIT_EXPECT_EQ(test, refcount_read(&skb->extensions->refcnt), 2);
	KUNIT_EXPECT_PTR_EQ(test, rx_ext(clone), rx_ext(skb));
	KUNIT_EXPECT_EQ(test, rx_ext(clone)->data_seq, 9);
	KUNIT_EXPECT_EQ(test, rx_ext(clone)->data_len, 4);
	kfree_skb(clone);
	KUNIT_EXPECT_EQ(test, refcount_read(&skb->extensions->refcnt), 1);
	kfree_skb(skb);
}

static void changing_the_clone_copies_the_block(struct kunit *test)
{
	struct sk_buff *skb = seg(false, NULL, 0, 8), *clone;
	struct mptcp_ext *ext, *cext;
	struct skb_ext *orig_block;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	ext = add_ext(skb);
	KUNIT_ASSERT_NOT_NULL(test, ext);
	ext->use_map = 1;
	ext->dsn64 = 1;
	ext->data_seq = 1000;
	ext->data_len = 8;
	ext->csum_reqd = 1;
	orig_block = skb->extensions;

	clone = skb_clone(skb, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, clone);
#ifdef CONFIG_SKB_EXT_IN_HEAD
	/*
	 * in_head: the clone took the block out of skb's head to share it,
	 * so ext (found before the clone) is the head's stale copy now
	 */
	KUNIT_EXPECT_PTR_NE(test, skb->extensions, orig_block);
	orig_block = skb->extensions;
	ext = skb_ext_find(skb, SKB_EXT_MPTCP);
#endif
	cext = skb_ext_add(clone, SKB_EXT_MPTCP);
	KUNIT_ASSERT_NOT_NULL(test, cext);
	KUNIT_EXPECT_PTR_NE(test, clone->extensions, orig_block);
	KUNIT_EXPECT_PTR_EQ(test, skb->extensions, orig_block);
	KUNIT_EXPECT_EQ(test, cext->data_seq, 1000);	/* copied */
	cext->data_seq = 2000;
	cext->data_fin = 1;
	KUNIT_EXPECT_EQ(test, ext->data_seq, 1000);
	KUNIT_EXPECT_FALSE(test, ext->data_fin);
	KUNIT_EXPECT_EQ(test, refcount_read(&orig_block->refcnt), 1);

	/* the checksum helper writes through skb_ext_add() too */
	kfree_skb(clone);
	clone = skb_clone(skb, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, clone);
	KUNIT_EXPECT_EQ(test, mptcp_skb_update_data_csum(clone), 0);
	KUNIT_EXPECT_PTR_NE(test, clone->extensions, skb->extensions);
	KUNIT_EXPECT_EQ(test, ext->csum, 0);
	KUNIT_EXPECT_NE(test, rx_ext(clone)->csum, 0);
	kfree_skb(clone);
	kfree_skb(skb);
}

static void parsing_into_a_shared_block_copies_it(struct kunit *test)
{
	static const u8 dss[] = { 30, 18, 0x20, 0x0c, 0, 0, 0, 0, 0, 0, 0, 5,
				  0, 0, 0, 1, 0, 4, 1, 1 };
	struct sk_buff *skb = seg(false, dss, sizeof(dss), 4), *other;
	struct mptcp_ext *ext;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	other = alloc_skb(16, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, other);
	ext = add_ext(other);
	KUNIT_ASSERT_NOT_NULL(test, ext);
	ext->data_ack = 77;
	skb_ext_copy(skb, other);	/* skb now shares other's block */

	KUNIT_EXPECT_EQ(test, mptcp_skb_parse_dss(skb), 1);
	KUNIT_EXPECT_PTR_NE(test, skb->extensions, other->extensions);
	/* the copy is zeroed, then takes the mapping */
	KUNIT_EXPECT_EQ(test, rx_ext(skb)->data_seq, 5);
	KUNIT_EXPECT_EQ(test, rx_ext(skb)->data_ack, 0);
	KUNIT_EXPECT_EQ(test, rx_ext(other)->data_seq, 0);
	KUNIT_EXPECT_EQ(test, rx_ext(other)->data_ack, 77);
	kfree_skb(other);
	kfree_skb(skb);
}

static void skb_copy_carries_mapping_and_option_bytes(struct kunit *test)
{
	struct sk_buff *skb = seg(true, NULL, 0, 7), *copy;
	struct mptcp_ext *ext;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	ext = add_ext(skb);
	KUNIT_ASSERT_NOT_NULL(test, ext);
	ext->use_map = 1;
	ext->dsn64 = 1;
	ext->data_seq = 31;
	ext->subflow_seq = 4;
	ext->data_len = 7;
	KUNIT_EXPECT_EQ(test, mptcp_skb_write_dss(skb), 20);

	copy = skb_copy(skb, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, copy);
#ifdef CONFIG_SKB_EXT_IN_HEAD
	/* in_head: the copy took the block out of skb's head to share it */
	KUNIT_EXPECT_PTR_NE(test, rx_ext(skb), ext);
	ext = rx_ext(skb);
#endif
	KUNIT_EXPECT_PTR_NE(test, copy->head, skb->head);
	KUNIT_EXPECT_PTR_EQ(test, copy->extensions, skb->extensions);
	KUNIT_EXPECT_PTR_EQ(test, rx_ext(copy), ext);
	KUNIT_EXPECT_EQ(test, copy->len, skb->len);
	KUNIT_EXPECT_MEMEQ(test, copy->data, skb->data, skb->len);
	KUNIT_EXPECT_EQ(test, tcp_hdr(copy)->doff, 10);
	/* the copy owns its data: it may be written again, and the first
	 * DSS still wins on receive */
	KUNIT_EXPECT_EQ(test, mptcp_skb_write_dss(copy), 20);
	KUNIT_EXPECT_EQ(test, tcp_hdr(copy)->doff, 15);
	expect_headers_consistent(test, copy);
	/* a third would not fit in 40 bytes of options */
	KUNIT_EXPECT_EQ(test, mptcp_skb_write_dss(copy), -EMSGSIZE);
	kfree_skb(copy);
	kfree_skb(skb);
}

static struct kunit_case mptcp_options_cases[] = {
	KUNIT_CASE(dss_ack32_only_round_trips),
	KUNIT_CASE(dss_ack64_only_round_trips),
	KUNIT_CASE(dss_map64_only_round_trips_with_nop_padding),
	KUNIT_CASE(dss_map32_is_sent_with_a_64bit_dsn),
	KUNIT_CASE(dss_map_and_ack32_round_trip),
	KUNIT_CASE(dss_map_ack64_and_csum_take_28_bytes),
	KUNIT_CASE(dss_map_with_csum_round_trips_and_verifies),
	KUNIT_CASE(dss_data_fin_round_trips),
	KUNIT_CASE(dss_infinite_mapping_round_trips_with_zero_csum),
	KUNIT_CASE(dss_goes_after_existing_options),
	KUNIT_CASE(dss_write_refuses_what_it_cannot_do),
	KUNIT_CASE(established_options_dss_sizes),
	KUNIT_CASE(data_fin_without_payload_gets_its_own_mapping),
	KUNIT_CASE(data_fin_rides_on_the_last_mapping),
	KUNIT_CASE(rfc_ack32_bytes_parse),
	KUNIT_CASE(rfc_map32_bytes_parse_to_an_unexpanded_dsn),
	KUNIT_CASE(rfc_ack32_map32_csum_bytes_parse),
	KUNIT_CASE(rfc_map64_ack64_csum_bytes_parse),
	KUNIT_CASE(rfc_reserved_flag_bits_are_ignored),
	KUNIT_CASE(rfc_data_fin_without_mapping_is_dropped),
	KUNIT_CASE(rfc_ack_only_two_bytes_long_is_accepted),
	KUNIT_CASE(dss_with_any_other_length_is_rejected),
	KUNIT_CASE(truncated_option_ends_the_walk),
	KUNIT_CASE(silly_length_ends_the_walk),
	KUNIT_CASE(eol_ends_the_walk),
	KUNIT_CASE(first_dss_wins),
	KUNIT_CASE(rejected_dss_does_not_hide_a_later_one),
	KUNIT_CASE(other_subtypes_and_kinds_are_skipped),
	KUNIT_CASE(malformed_headers_are_refused),
	KUNIT_CASE(pure_ack_gets_no_extension),
	KUNIT_CASE(segment_without_dss_gets_no_extension),
	KUNIT_CASE(parse_fails_cleanly_without_memory),
	KUNIT_CASE(received_ack_stays_out_of_the_extension),
	KUNIT_CASE(received_ack_only_dss_leaves_a_zeroed_extension),
	KUNIT_CASE(received_infinite_mapping_is_not_marked),
	KUNIT_CASE(zero_payload_mapping_gets_no_extension),
	KUNIT_CASE(received_mapping_replaces_a_stale_extension),
	KUNIT_CASE(csum_matches_a_hand_computed_vector),
	KUNIT_CASE(csum_folds_carries_and_pads_odd_lengths),
	KUNIT_CASE(csum_vector_on_the_wire),
	KUNIT_CASE(csum_catches_a_corrupted_payload),
	KUNIT_CASE(clone_carries_the_same_mapping),
	KUNIT_CASE(changing_the_clone_copies_the_block),
	KUNIT_CASE(parsing_into_a_shared_block_copies_it),
	KUNIT_CASE(skb_copy_carries_mapping_and_option_bytes),
	{}
};

static struct kunit_suite mptcp_options_suite = {
	.name = "mptcp_options",
	.test_cases = mptcp_options_cases,
};
kunit_test_suite(mptcp_options_suite);
