// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: raw bytes as MPTCP option input. The first byte picks
 * the mode: even, the rest is a TCP option area (parsed as bytes, then
 * inside a built segment); odd, the rest is a whole IPv4/IPv6 segment.
 * Besides what the sanitizers and the slab checks catch, every accepted
 * mapping is sent again through the writer (with a data ack, some of the
 * time) and must parse back to the same mapping, with a DSS checksum
 * that verifies; the receiver's extension never holds an ack.
 */
#include <stdio.h>
#include <stdlib.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <skbext/slabinfo.h>
#include <linux/bug.h>
#include <linux/skbuff.h>
#include <net/mptcp.h>
#include "../../csrc/net/mptcp/protocol.h"
#include "../tape/leak_check.h"

#define CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "check failed: %s (line %d)\n",		\
			#cond, __LINE__);				\
		abort();						\
	}								\
} while (0)

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	slab_debug_set(true);
	return 0;
}

/* A parsed DSS must say only what its flags allow. */
static void check_parsed(const struct mptcp_options_received *mp_opt)
{
	if (!(mp_opt->suboptions & OPTION_MPTCP_DSS)) {
		CHECK(!mp_opt->use_map && !mp_opt->use_ack &&
		      !mp_opt->data_fin && !mp_opt->dsn64 && !mp_opt->ack64);
		CHECK(!(mp_opt->suboptions & OPTION_MPTCP_CSUMREQD));
		return;
	}
	if (!mp_opt->use_map)
		CHECK(!mp_opt->data_fin &&
		      !(mp_opt->suboptions & OPTION_MPTCP_CSUMREQD));
	if (!mp_opt->use_ack)
		CHECK(!mp_opt->data_ack);
	else if (!mp_opt->ack64)
		CHECK(mp_opt->data_ack <= 0xffffffffULL);
	if (mp_opt->use_map && !mp_opt->dsn64)
		CHECK(mp_opt->data_seq <= 0xffffffffULL);
}

/* The receiver keeps no ack and marks no infinite mapping (6.1). */
static void check_received(const struct mptcp_ext *ext)
{
	CHECK(!ext->use_ack && !ext->ack64 && !ext->data_ack);
	CHECK(!ext->infinite_map && !ext->mpc_map && !ext->frozen);
	if (!ext->use_map)
		CHECK(!ext->data_seq && !ext->subflow_seq && !ext->data_len &&
		      !ext->dsn64 && !ext->data_fin && !ext->csum_reqd);
}

/*
 * Send @want's mapping out again on a fresh segment whose payload is what
 * the mapping covers (when that is short), with a data ack chosen from
 * its bits, and parse it back.
 */
static void round_trip(const struct mptcp_ext *want)
{
	static u8 payload[512];
	struct tcp_seg_desc d = { .sport = 1, .dport = 2, .seq = 1000,
				  .tcp_flags = TCPHDR_ACK };
	struct mptcp_options_received mp;
	bool use_ack = want->subflow_seq & 2, ack64 = want->subflow_seq & 4;
	u64 data_ack = ~want->data_seq;
	struct sk_buff *skb, *rx;
	const struct mptcp_ext *got;
	struct mptcp_ext *ext;
	int plen = 1, ret;

	if (!want->use_map && !use_ack)
		return;
	if (want->use_map && want->data_len > want->data_fin &&
	    want->data_len - want->data_fin <= (int)sizeof(payload))
		plen = want->data_len - want->data_fin;
	memset(payload, 0xa5, plen);
	payload[0] = (u8)want->data_seq;
	d.payload = payload;
	d.payload_len = plen;
	d.ipv6 = want->subflow_seq & 1;

	skb = tcp_seg_build(&d, GFP_KERNEL);
	CHECK(skb);
	ext = (struct mptcp_ext *)skb_ext_add(skb, SKB_EXT_MPTCP);
	CHECK(ext);
	*ext = *want;
	ext->use_ack = use_ack;
	ext->ack64 = ack64;
	ext->data_ack = data_ack;
	CHECK(mptcp_skb_update_data_csum(skb) == 0);
	ret = mptcp_skb_write_dss(skb);
	CHECK(ret > 0 && ret <= TCPOLEN_MPTCP_DSS_MAX && ret % 4 == 0);

	rx = skb_copy(skb, GFP_KERNEL);
	CHECK(rx);
	skb_ext_reset(rx);
	CHECK(mptcp_skb_parse_dss(rx) == 1);
	got = (const struct mptcp_ext *)skb_ext_find(rx, SKB_EXT_MPTCP);
	CHECK(got);
	check_received(got);
	CHECK(got->use_map == want->use_map);
	/* the ack went on the wire all the same */
	memset(&mp, 0, sizeof(mp));
	mptcp_get_options(rx, &mp);
	CHECK(mp.use_ack == use_ack);
	if (use_ack) {
		CHECK(mp.ack64 == ack64);
		CHECK(mp.data_ack == (ack64 ? data_ack : (u32)data_ack));
	}
	if (want->use_map) {
		CHECK(got->dsn64 == 1);		/* 6.1 sends no other */
		CHECK(got->data_seq == want->data_seq);
		CHECK(got->subflow_seq == want->subflow_seq);
		CHECK(got->data_len == want->data_len);
		CHECK(got->data_fin == want->data_fin);
		CHECK(got->csum_reqd == want->csum_reqd);
		if (got->csum_reqd && got->data_len &&
		    got->data_len - got->data_fin == plen)
			CHECK(mptcp_skb_validate_data_csum(rx) == 0);
	}
	kfree_skb(rx);
	kfree_skb(skb);
}

static void fuzz_options(const u8 *data, size_t size)
{
	struct mptcp_options_received mp_opt;
	struct tcp_seg_desc d = { .sport = 1, .dport = 2, .seq = 7,
				  .tcp_flags = TCPHDR_ACK };
	const struct mptcp_ext *ext;
	struct sk_buff *skb;
	u8 payload = 0x42;

	u8 area[MAX_TCP_OPTION_SPACE] = { 0 };

	memset(&mp_opt, 0, sizeof(mp_opt));
	mptcp_parse_tcp_options(data, (int)size, &mp_opt);
	check_parsed(&mp_opt);

	if (size > MAX_TCP_OPTION_SPACE)
		return;
	/* the segment's option area is padded with EOL to 4 bytes */
	memcpy(area, data, size);
	mptcp_parse_tcp_options(area, ALIGN((int)size, 4), &mp_opt);
	check_parsed(&mp_opt);
	d.options = data;
	d.optlen = size;
	d.payload = &payload;
	d.payload_len = 1;
	skb = tcp_seg_build(&d, GFP_KERNEL);
	CHECK(skb);
	CHECK(mptcp_skb_parse_dss(skb) ==
	      !!(mp_opt.suboptions & OPTION_MPTCP_DSS));
	ext = (const struct mptcp_ext *)skb_ext_find(skb, SKB_EXT_MPTCP);
	if (ext) {
		check_received(ext);
		CHECK(ext->use_map == mp_opt.use_map);
		CHECK(!ext->use_map || ext->data_seq == mp_opt.data_seq);
		round_trip(ext);
	}
	kfree_skb(skb);
}

static void fuzz_segment(const u8 *data, size_t size)
{
	const struct mptcp_ext *ext;
	struct sk_buff *skb, *copy;
	int ret;

	skb = alloc_skb(size + MAX_TCP_OPTION_SPACE, GFP_KERNEL);
	CHECK(skb);
	memcpy(skb_put(skb, size), data, size);
	ret = mptcp_skb_parse_dss(skb);
	CHECK(ret == 0 || ret == 1 || ret == -EINVAL ||
	      ret == -EPROTONOSUPPORT);
	ext = (const struct mptcp_ext *)skb_ext_find(skb, SKB_EXT_MPTCP);
	CHECK(!!ext == (ret == 1));
	if (ext) {
		struct mptcp_ext before = *ext;

		check_received(ext);
		ret = mptcp_skb_validate_data_csum(skb);
		CHECK(ret == 0 || ret == -EBADMSG || ret == -ENOENT ||
		      ret == -ERANGE);
		round_trip(&before);

		/* the received DSS comes first, so it still wins */
		copy = skb_copy(skb, GFP_KERNEL);
		CHECK(copy);
		ret = mptcp_skb_write_dss(copy);
		CHECK(ret >= 0 || ret == -EMSGSIZE || ret == -EINVAL);
		skb_ext_reset(copy);
		if (ret > 0) {
			CHECK(mptcp_skb_parse_dss(copy) == 1);
			ext = (const struct mptcp_ext *)
				skb_ext_find(copy, SKB_EXT_MPTCP);
			CHECK(ext && !memcmp(ext, &before, sizeof(before)));
		}
		kfree_skb(copy);
	}
	kfree_skb(skb);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	unsigned long warns = warn_count();
	unsigned long errs = slab_debug_errors();

	if (!size || size > 4096)
		return 0;
	if (data[0] & 1)
		fuzz_segment(data + 1, size - 1);
	else
		fuzz_options(data + 1, size - 1);
	if (leak_check_failed(warns, errs))
		abort();
	return 0;
}
