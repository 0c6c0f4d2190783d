// SPDX-License-Identifier: GPL-2.0-only
/*
 * The driver call sites (csrc/drivers, through skbext/adapter.h) and the
 * ESP frame builder. An adapter handle owns its device; xmit consumes the
 * skb handle it is given, as ndo_start_xmit takes the skb.
 */
#include <string>
#include "addon.h"

extern "C" {
#include <skbext/adapter.h>
#include <skbext/esp_pkt.h>
}

namespace skbext {

using AdapterEntry = HandleTable<struct skbext_adapter>::Entry;

static AdapterEntry *AdapterEntryArg(Addon *a, const Napi::CallbackInfo &info,
				     size_t i)
{
	double h = NumberArg(info, i, "adapter handle");
	AdapterEntry *e = nullptr;

	switch (a->adapters.Find(h, &e)) {
	case Lookup::kLive:
		return e;
	case Lookup::kStale:
		a->ThrowTyped(info.Env(), "AdapterDestroyedError", "ERR_ADAPTER_DESTROYED",
			      "this adapter was destroyed; create a new one");
	default:
		ThrowType(info.Env(), "not an adapter handle of this addon instance");
	}
}

Napi::Value Addon::AdapterCreate(const Napi::CallbackInfo &info)
{
	uint32_t drv = U32Arg(info, 0, "driver", SKBEXT_DRV_NUM - 1);
	struct skbext_adapter *ad = skbext_adapter_create((enum skbext_driver)drv);
	double h;

	if (!ad)
		return info.Env().Null();
	h = adapters.Insert(ad);
	if (h < 0) {
		skbext_adapter_destroy(ad);
		ThrowRange(info.Env(), "too many live adapters in this addon instance");
	}
	return Napi::Number::New(info.Env(), h);
}

Napi::Value Addon::AdapterDestroy(const Napi::CallbackInfo &info)
{
	AdapterEntry *e = AdapterEntryArg(this, info, 0);

	skbext_adapter_destroy(e->ptr);
	adapters.Remove(e);
	return info.Env().Undefined();
}

/* The finalizer of an adapter JS dropped; a gone handle is ignored. */
Napi::Value Addon::AdapterRelease(const Napi::CallbackInfo &info)
{
	AdapterEntry *e = nullptr;

	if (adapters.Find(NumberArg(info, 0, "adapter handle"), &e) == Lookup::kLive) {
		skbext_adapter_destroy(e->ptr);
		adapters.Remove(e);
	}
	return info.Env().Undefined();
}

Napi::Value Addon::AdapterStateAdd(const Napi::CallbackInfo &info)
{
	struct skbext_adapter *ad = AdapterEntryArg(this, info, 0)->ptr;

	return Napi::Number::New(info.Env(),
				 skbext_adapter_state_add(ad, XfrmArg(info, 1)));
}

Napi::Value Addon::AdapterStateDelete(const Napi::CallbackInfo &info)
{
	struct skbext_adapter *ad = AdapterEntryArg(this, info, 0)->ptr;

	return Napi::Number::New(info.Env(),
				 skbext_adapter_state_delete(ad, XfrmArg(info, 1)));
}

/* adapterRx(adapter, skb, { statusError, pktInfo, ftMetadata }) */
Napi::Value Addon::AdapterRx(const Napi::CallbackInfo &info)
{
	struct skbext_adapter *ad = AdapterEntryArg(this, info, 0)->ptr;
	struct sk_buff *skb = SkbArg(info, 1);
	struct skbext_rx_desc d = {};

	if (info.Length() < 3 || !info[2].IsObject())
		ThrowType(info.Env(), "the descriptor must be an object");
	Napi::Object o = info[2].As<Napi::Object>();
	d.status_error = OptU32(o, "statusError", UINT32_MAX, 0);
	d.pkt_info = OptU32(o, "pktInfo", 0xffff, 0);
	d.ft_metadata = OptU32(o, "ftMetadata", UINT32_MAX, 0);
	return Napi::Number::New(info.Env(), skbext_adapter_rx(ad, skb, &d));
}

/* adapterXmit(adapter, skb): consumes the skb handle; { ret, verdict } */
Napi::Value Addon::AdapterXmit(const Napi::CallbackInfo &info)
{
	struct skbext_adapter *ad = AdapterEntryArg(this, info, 0)->ptr;
	HandleTable<struct sk_buff>::Entry *se = SkbEntryArg(info, 1);
	enum skbext_tx_verdict verdict = SKBEXT_TX_DROPPED;
	int ret;

	/* a released head has no sec_path to offload: only free() may take it */
	SkbArg(info, 1);
	ret = skbext_adapter_xmit(ad, se->ptr, &verdict);

	/* the skb is gone: drop its handle before anything that may throw */
	skbs.Remove(se);
	Napi::Object o = Napi::Object::New(info.Env());
	o.Set("ret", ret);
	o.Set("verdict", int(verdict));
	return o;
}

Napi::Value Addon::AdapterOffloadOk(const Napi::CallbackInfo &info)
{
	struct skbext_adapter *ad = AdapterEntryArg(this, info, 0)->ptr;
	struct sk_buff *skb = SkbArg(info, 1);

	return Napi::Number::New(info.Env(),
				 skbext_adapter_offload_ok(ad, skb, XfrmArg(info, 2)));
}

/* adapterFeaturesCheck(adapter, skb, features: bigint): bigint or -errno */
Napi::Value Addon::AdapterFeaturesCheck(const Napi::CallbackInfo &info)
{
	struct skbext_adapter *ad = AdapterEntryArg(this, info, 0)->ptr;
	struct sk_buff *skb = SkbArg(info, 1);
	netdev_features_t out = 0;
	bool lossless;
	int err;

	if (info.Length() < 3 || !info[2].IsBigInt())
		ThrowType(info.Env(), "features must be a bigint");
	netdev_features_t f = info[2].As<Napi::BigInt>().Uint64Value(&lossless);
	if (!lossless)
		ThrowRange(info.Env(), "features must fit in 64 bits");
	err = skbext_adapter_features_check(ad, skb, f, &out);
	if (err)
		return Napi::Number::New(info.Env(), err);
	return Napi::BigInt::New(info.Env(), uint64_t(out));
}

Napi::Value Addon::AdapterCounters(const Napi::CallbackInfo &info)
{
	struct skbext_adapter *ad = AdapterEntryArg(this, info, 0)->ptr;
	const char *names[64];
	u64 values[64];
	unsigned int n = skbext_adapter_counters(ad, names, values, 64);
	Napi::Object o = Napi::Object::New(info.Env());

	for (unsigned int i = 0; i < n && i < 64; i++)
		o.Set(names[i], double(values[i]));
	return o;
}

Napi::Value Addon::AdapterSetKnob(const Napi::CallbackInfo &info)
{
	struct skbext_adapter *ad = AdapterEntryArg(this, info, 0)->ptr;
	uint32_t k = U32Arg(info, 1, "knob", SKBEXT_KNOB_NUM - 1);
	uint32_t v = U32Arg(info, 2, "value", UINT32_MAX);

	return Napi::Number::New(info.Env(),
				 skbext_adapter_set_knob(ad, (enum skbext_knob)k, v));
}

Napi::Value Addon::AdapterRxHandle(const Napi::CallbackInfo &info)
{
	struct skbext_adapter *ad = AdapterEntryArg(this, info, 0)->ptr;

	return Napi::Number::New(info.Env(),
				 double(skbext_adapter_rx_handle(ad, XfrmArg(info, 1))));
}

Napi::Value Addon::DriverName(const Napi::CallbackInfo &info)
{
	const char *n = skbext_driver_name((enum skbext_driver)
					   U32Arg(info, 0, "driver", SKBEXT_DRV_NUM - 1));

	return n ? Napi::Value(Napi::String::New(info.Env(), n)) : info.Env().Null();
}

/*
 * espBuildSkb({ family, saddr, daddr, spi, seq, proto, innerProto,
 * ipOptLen, ipv6Ext, payloadLen, icvLen }): an skb handle, or null.
 */
Napi::Value Addon::EspBuildSkb(const Napi::CallbackInfo &info)
{
	struct skbext_esp_pkt p = {};
	struct sk_buff *skb;

	if (info.Length() < 1 || !info[0].IsObject())
		ThrowType(info.Env(), "the frame's parameters must be an object");
	Napi::Object o = info[0].As<Napi::Object>();
	p.family = OptU32(o, "family", 0xffff, AF_INET);
	AddrField(o, "saddr", &p.saddr);
	AddrField(o, "daddr", &p.daddr);
	p.spi = __builtin_bswap32(OptU32(o, "spi", UINT32_MAX, 0));
	p.seq = OptU32(o, "seq", UINT32_MAX, 1);
	p.proto = OptU32(o, "proto", 255, IPPROTO_ESP);
	p.inner_proto = OptU32(o, "innerProto", 255, 0);
	p.ip_opt_len = OptU32(o, "ipOptLen", 40, 0);
	p.ipv6_ext = OptU32(o, "ipv6Ext", 1, 0);
	p.payload_len = OptU32(o, "payloadLen", 9000, 0);
	p.icv_len = OptU32(o, "icvLen", 255, 0);
	skb = skbext_esp_build_skb(&p);
	return skb ? NewSkb(info.Env(), skb) : info.Env().Null();
}

Napi::Value Addon::EspPrepareTx(const Napi::CallbackInfo &info)
{
	struct sk_buff *skb = SkbArg(info, 0);
	struct xfrm_state *x = XfrmArg(info, 1);

	return Napi::Number::New(info.Env(), skbext_esp_prepare_tx(
		skb, x, U32Arg(info, 2, "innerProto", 255)));
}

/* stateSetAead(state, algName, key, keyBits, icvBits) */
Napi::Value Addon::StateSetAead(const Napi::CallbackInfo &info)
{
	struct xfrm_state *x = XfrmArg(info, 0);

	if (info.Length() < 2 || !info[1].IsString())
		ThrowType(info.Env(), "the algorithm name must be a string");
	std::string alg = info[1].As<Napi::String>().Utf8Value();
	Napi::Uint8Array key = BytesArg(info, 2, "key");
	uint32_t key_bits = U32Arg(info, 3, "keyBits", 4096);
	uint32_t icv_bits = U32Arg(info, 4, "icvBits", 1024);

	if (alg.size() >= 64)
		ThrowRange(info.Env(), "the algorithm name must be shorter than 64 bytes");
	if ((key_bits + 7) / 8 > key.ByteLength())
		ThrowRange(info.Env(), "keyBits is longer than the key");
	return Napi::Number::New(info.Env(), skbext_state_set_aead(
		x, alg.c_str(), key.Data(), key_bits, icv_bits));
}

} /* namespace skbext */
