// SPDX-License-Identifier: GPL-2.0-only
/*
 * The receive and merge paths: coalesce, morph, GRO's recycling, the
 * partial frees, the tc extension and the MCTP flow. Each function
 * unwraps its handles, calls one function of skbext/paths.c (which holds
 * the checks the kernel's callers make) and converts the result; a
 * handle whose skb was freed or consumed is removed.
 */
#include <cerrno>
#include <string>
#include "addon.h"

extern "C" {
#include <skbext/api.h>
#include <net/mctp.h>
}

namespace skbext {

using SkbEntry = HandleTable<struct sk_buff>::Entry;

/* The most packets one mctpFragment() call makes. */
static constexpr unsigned int kMaxMctpPackets = 64;

void Addon::ThrowPathError(Napi::Env env, int err, const char *what)
{
	if (err == -EBUSY)
		ThrowTyped(env, "SkbBusyError", "ERR_SKB_BUSY",
			   std::string(what) + ": the kernel's caller owns this "
			   "skb alone, but it has other users or shares its "
			   "head: free the other handles (or the clone) first");
	if (err == -EINVAL)
		ThrowTyped(env, "SkbBusyError", "ERR_SKB_BUSY",
			   std::string(what) + ": no kernel caller does this "
			   "with this skb (the same skb twice, an fclone, a "
			   "head shared with a clone, or extensions without "
			   "slow_gro)");
	if (err == -EMSGSIZE)
		ThrowRange(env, std::string(what) + ": the payload does not "
			   "fit the skb's tailroom, or needs more than " +
			   std::to_string(kMaxMctpPackets) + " packets at this "
			   "MTU (which must exceed the 4-byte header)");
}

/* skbCoalesce(to, from): true when from was merged (and freed). */
Napi::Value Addon::SkbCoalesce(const Napi::CallbackInfo &info)
{
	struct sk_buff *to = SkbArg(info, 0);
	SkbEntry *from = SkbEntryArg(info, 1);
	int r;

	/* a released head's extensions are gone: only free() may take it */
	SkbArg(info, 1);
	r = skbext_coalesce(to, from->ptr);

	if (r < 0)
		ThrowPathError(info.Env(), r, "tcp_try_coalesce");
	if (r)
		skbs.Remove(from);
	return Napi::Boolean::New(info.Env(), r == 1);
}

/*
 * skbCollapse(s, t): { skb, merged } (s's handle dies, t's too when
 * merged), or null when the new skb cannot be allocated.
 */
Napi::Value Addon::SkbCollapse(const Napi::CallbackInfo &info)
{
	SkbEntry *s = SkbEntryArg(info, 0);
	SkbEntry *t = SkbEntryArg(info, 1);
	struct sk_buff *n = NULL;
	Napi::Object o;
	int r;

	/* neither may be past skb_release_head_state() */
	SkbArg(info, 0);
	SkbArg(info, 1);
	r = skbext_collapse(s->ptr, t->ptr, &n);

	if (r == -ENOMEM)
		return info.Env().Null();
	if (r < 0) {
		ThrowPathError(info.Env(), r, "tcp_collapse");
		return info.Env().Undefined();
	}
	skbs.Remove(s);
	if (r)
		skbs.Remove(t);
	o = Napi::Object::New(info.Env());
	o.Set("skb", NewSkb(info.Env(), n));
	o.Set("merged", Napi::Boolean::New(info.Env(), r == 1));
	return o;
}

Napi::Value Addon::SkbMorph(const Napi::CallbackInfo &info)
{
	/* one after the other: the order of a call's arguments is unspecified */
	struct sk_buff *skb = SkbArg(info, 0), *src = SkbArg(info, 1);
	int r = skbext_morph(skb, src);

	if (r)
		ThrowPathError(info.Env(), r, "skb_morph");
	return info.Env().Undefined();
}

Napi::Value Addon::SkbNapiReuse(const Napi::CallbackInfo &info)
{
	int r = skbext_napi_reuse(SkbArg(info, 0));

	if (r)
		ThrowPathError(info.Env(), r, "napi_reuse_skb");
	return info.Env().Undefined();
}

/* skbFreePartial(h, headStolen, napi): the handle dies on success. */
Napi::Value Addon::SkbFreePartial(const Napi::CallbackInfo &info)
{
	SkbEntry *e = SkbEntryArg(info, 0);
	bool napi = BoolArg(info, 2, "napi");
	int r = skbext_free_partial(e->ptr, BoolArg(info, 1, "headStolen"),
				    napi);

	if (r)
		ThrowPathError(info.Env(), r, napi ? "napi_skb_free_stolen_head"
						   : "kfree_skb_partial");
	skbs.Remove(e);
	return info.Env().Undefined();
}

#if IS_ENABLED(CONFIG_NET_TC_SKB_EXT)
static Napi::Value TcExtObject(Napi::Env env, const struct tc_skb_ext *tc)
{
	Napi::Object o = Napi::Object::New(env);

	o.Set("chain", double(tc->chain));
	o.Set("mru", double(tc->mru));
	o.Set("zone", double(tc->zone));
	o.Set("postCt", Napi::Boolean::New(env, tc->post_ct));
	o.Set("postCtSnat", Napi::Boolean::New(env, tc->post_ct_snat));
	o.Set("postCtDnat", Napi::Boolean::New(env, tc->post_ct_dnat));
	return o;
}
#endif

/* skbTcExtAlloc(h, fields): the extension as written, or null. */
Napi::Value Addon::SkbTcExtAlloc(const Napi::CallbackInfo &info)
{
#if IS_ENABLED(CONFIG_NET_TC_SKB_EXT)
	struct sk_buff *skb = SkbArg(info, 0);
	struct tc_skb_ext want = {};
	const struct tc_skb_ext *tc;
	Napi::Object f;
	uint32_t v;

	if (info.Length() < 2 || !info[1].IsObject())
		ThrowType(info.Env(), "fields must be an object");
	f = info[1].As<Napi::Object>();
	if (FieldU32(f, "chain", UINT32_MAX, &v))
		want.chain = v;
	if (FieldU32(f, "mru", UINT16_MAX, &v))
		want.mru = (u16)v;
	if (FieldU32(f, "zone", UINT16_MAX, &v))
		want.zone = (u16)v;
	if (FieldU32(f, "postCt", 1, &v))
		want.post_ct = v;
	if (FieldU32(f, "postCtSnat", 1, &v))
		want.post_ct_snat = v;
	if (FieldU32(f, "postCtDnat", 1, &v))
		want.post_ct_dnat = v;
	tc = skbext_tc_ext_alloc(skb, &want);
	return tc ? TcExtObject(info.Env(), tc) : info.Env().Null();
#else
	ThrowRange(info.Env(), "TC_SKB_EXT is not in this build's config");
#endif
}

Napi::Value Addon::SkbTcExtRead(const Napi::CallbackInfo &info)
{
#if IS_ENABLED(CONFIG_NET_TC_SKB_EXT)
	const struct tc_skb_ext *tc = (const struct tc_skb_ext *)
		skb_ext_find(SkbArg(info, 0), TC_SKB_EXT);

	return tc ? TcExtObject(info.Env(), tc) : info.Env().Null();
#else
	ThrowRange(info.Env(), "TC_SKB_EXT is not in this build's config");
#endif
}

Napi::Value Addon::SkbMctpSetFlow(const Napi::CallbackInfo &info)
{
#if IS_ENABLED(CONFIG_MCTP_FLOWS)
	int r = skbext_mctp_set_flow(SkbArg(info, 0));

	return r ? info.Env().Null() : Napi::Value(Napi::Boolean::New(info.Env(), true));
#else
	ThrowRange(info.Env(), "MCTP_FLOWS is not in this build's config");
#endif
}

Napi::Value Addon::SkbMctpKeyRefs(const Napi::CallbackInfo &info)
{
#if IS_ENABLED(CONFIG_MCTP_FLOWS)
	int r = skbext_mctp_key_refs(SkbArg(info, 0));

	return r < 0 ? info.Env().Null() : Napi::Value(Napi::Number::New(info.Env(), r));
#else
	ThrowRange(info.Env(), "MCTP_FLOWS is not in this build's config");
#endif
}

/* skbMctpFragment(h, payload, mtu): the packets' handles, or null. */
Napi::Value Addon::SkbMctpFragment(const Napi::CallbackInfo &info)
{
#if IS_ENABLED(CONFIG_MCTP_FLOWS)
	Napi::Env env = info.Env();
	SkbEntry *e = SkbEntryArg(info, 0);
	Napi::Uint8Array payload = BytesArg(info, 1, "payload");
	uint32_t mtu = U32Arg(info, 2, "mtu", UINT16_MAX);
	struct sk_buff *pkts[kMaxMctpPackets];
	Napi::Array out;
	int n;

	n = skbext_mctp_fragment(e->ptr, payload.Data(),
				 (unsigned int)payload.ByteLength(), mtu, pkts,
				 kMaxMctpPackets);
	if (n == -EBUSY || n == -EMSGSIZE)
		ThrowPathError(env, n, "mctp_do_fragment_route");
	/* the message is consumed either way from here */
	skbs.Remove(e);
	if (n < 0)
		return env.Null();
	out = Napi::Array::New(env, n);
	for (int i = 0; i < n; i++) {
		try {
			out.Set(i, NewSkb(env, pkts[i]));
		} catch (...) {
			/* a full handle table: the packets not handed out go */
			while (++i < n)
				kfree_skb(pkts[i]);
			throw;
		}
	}
	return out;
#else
	ThrowRange(info.Env(), "MCTP_FLOWS is not in this build's config");
#endif
}

} /* namespace skbext */
