// SPDX-License-Identifier: GPL-2.0-only
/*
 * The MPTCP DSS on an skb's SKB_EXT_MPTCP (skbext/mptcp_segment.c): building
 * an IPv4/IPv6 TCP segment, writing the skb's mapping into its options,
 * parsing a received DSS into the extension, and the DSS checksum. Each
 * function returns what the C call returns: an skb handle or null, or a
 * byte count / 0 / 1 / -errno as a number.
 */
#include <cstring>
#include <string>
#include "addon.h"

extern "C" {
#include <net/mptcp.h>
}

namespace skbext {

/* saddr/daddr: required, 16 bytes for IPv6 and 4 for IPv4. */
static void SegAddr(const Napi::Object &o, const char *name, bool ipv6,
		    void *out)
{
	Napi::Uint8Array a;
	size_t want = ipv6 ? 16 : 4;

	if (!BytesField(o, name, &a))
		ThrowType(o.Env(), std::string(name) + " is required (a Uint8Array of 4 or 16 bytes)");
	if (a.ByteLength() != want)
		ThrowRange(o.Env(), std::string(name) + " must hold " +
			   std::to_string(want) + " bytes for " +
			   (ipv6 ? "IPv6" : "IPv4") + ", got " +
			   std::to_string(a.ByteLength()));
	memcpy(out, a.Data(), want);
}

/*
 * tcpSegBuild({ ipv6, saddr, daddr, sport, dport, seq, ackSeq, tcpFlags,
 * window, options, payload }): tcp_seg_build(); an skb handle, or null
 * when the segment is impossible or the allocation fails.
 */
Napi::Value Addon::TcpSegBuild(const Napi::CallbackInfo &info)
{
	Napi::Env env = info.Env();
	struct tcp_seg_desc d;
	Napi::Uint8Array opts, payload;
	struct sk_buff *skb;

	if (info.Length() < 1 || !info[0].IsObject())
		ThrowType(env, "tcpSegBuild() takes an object describing the segment");
	Napi::Object o = info[0].As<Napi::Object>();
	Napi::Value v6 = o.Get("ipv6");

	memset(&d, 0, sizeof(d));
	if (!v6.IsUndefined() && !v6.IsBoolean())
		ThrowType(env, "ipv6 must be a boolean");
	d.ipv6 = v6.IsBoolean() && v6.As<Napi::Boolean>().Value();
	SegAddr(o, "saddr", d.ipv6, &d.saddr);
	SegAddr(o, "daddr", d.ipv6, &d.daddr);
	d.sport = OptU32(o, "sport", 0xffff, 0);
	d.dport = OptU32(o, "dport", 0xffff, 0);
	d.seq = OptU32(o, "seq", UINT32_MAX, 0);
	d.ack_seq = OptU32(o, "ackSeq", UINT32_MAX, 0);
	d.tcp_flags = OptU32(o, "tcpFlags", 0xff, 0);
	d.window = OptU32(o, "window", 0xffff, 0);
	if (BytesField(o, "options", &opts)) {
		d.options = opts.Data();
		d.optlen = opts.ByteLength();
	}
	if (BytesField(o, "payload", &payload)) {
		d.payload = payload.Data();
		d.payload_len = payload.ByteLength();
	}
	skb = tcp_seg_build(&d, GFP_ATOMIC);
	return skb ? NewSkb(env, skb) : env.Null();
}

/* mptcpWriteDss(skb): bytes of option space written, 0, or -errno. */
Napi::Value Addon::MptcpWriteDss(const Napi::CallbackInfo &info)
{
	return Napi::Number::New(info.Env(), mptcp_skb_write_dss(SkbArg(info, 0)));
}

/* mptcpParseDss(skb): 1 (mapping taken), 0 (none), or -errno. */
Napi::Value Addon::MptcpParseDss(const Napi::CallbackInfo &info)
{
	return Napi::Number::New(info.Env(), mptcp_skb_parse_dss(SkbArg(info, 0)));
}

/* mptcpUpdateDataCsum(skb): 0 or -errno. */
Napi::Value Addon::MptcpUpdateDataCsum(const Napi::CallbackInfo &info)
{
	return Napi::Number::New(info.Env(),
				 mptcp_skb_update_data_csum(SkbArg(info, 0)));
}

/* mptcpValidateDataCsum(skb): 0 (right), or -errno. */
Napi::Value Addon::MptcpValidateDataCsum(const Napi::CallbackInfo &info)
{
	return Napi::Number::New(info.Env(),
				 mptcp_skb_validate_data_csum(SkbArg(info, 0)));
}

} /* namespace skbext */
