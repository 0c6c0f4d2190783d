// SPDX-License-Identifier: GPL-2.0-only
/*
 * xfrm_state. A handle pins its state (skbext/api.h): JS sees the
 * kernel's refcount, and a state whose count reaches zero is destroyed at
 * once if the put came through its handle, or at the next sweep (stats(),
 * any use of the handle) if it came from an skb being freed, much as the
 * kernel's xfrm_state_gc_task destroys states after their last put.
 * One handle per state per instance, so xvec entries compare equal.
 */
#include <string>
#include "addon.h"

extern "C" {
#include <skbext/api.h>
}

namespace skbext {

/* JS numbers are host order; x->id.spi is big endian (x86_64 is little). */
static inline uint32_t be32(uint32_t v)
{
	return __builtin_bswap32(v);
}

using StateEntry = HandleTable<struct xfrm_state>::Entry;

void Addon::XfrmReleaseEntry(StateEntry *e, bool gc)
{
	struct xfrm_state *x = e->ptr;

	if (gc) {
		bool leaked = e->refs > 0;

		/* the references JS took with hold() and never put() */
		for (; e->refs; e->refs--)
			xfrm_state_put(x);
		/* JS lost the only handle of a state it never deleted */
		if ((e->flags & XH_OWNER) && x->km.state != XFRM_STATE_DEAD &&
		    skbext_state_refcnt(x) > 0) {
			leaked = true;
			xfrm_state_delete(x);
		}
		gc_leaked_states += leaked;
	}
	states.Remove(e);
	skbext_state_unpin(x);
}

bool Addon::XfrmReleaseIfGone(StateEntry *e)
{
	if (skbext_state_refcnt(e->ptr) > 0)
		return false;
	XfrmReleaseEntry(e, false);
	return true;
}

void Addon::SweepStates()
{
	states.ForEachLive([this](StateEntry *e) { XfrmReleaseIfGone(e); });
}

StateEntry *Addon::XfrmEntryArg(const Napi::CallbackInfo &info, size_t i)
{
	double h = NumberArg(info, i, "xfrm_state handle");
	StateEntry *e = nullptr;

	Lookup r = states.Find(h, &e);

	/* a live handle whose state had its last reference put is gone too */
	if (r == Lookup::kLive && !XfrmReleaseIfGone(e))
		return e;
	if (r == Lookup::kInvalid)
		ThrowType(info.Env(), "not an xfrm_state handle of this addon instance");
	ThrowTyped(info.Env(), "XfrmStateFreedError", "ERR_XFRM_STATE_FREED",
		   "this xfrm_state was destroyed (its last reference was "
		   "put); allocate a new one with XfrmState.alloc()");
}

struct xfrm_state *Addon::XfrmArg(const Napi::CallbackInfo &info, size_t i)
{
	return XfrmEntryArg(info, i)->ptr;
}

double Addon::XfrmHandleFor(Napi::Env env, struct xfrm_state *x,
			    uint32_t flags)
{
	StateEntry *e = states.FindPtr(x);
	double h;

	if (e)
		return states.HandleOf(e);
	skbext_state_pin(x);
	h = states.Insert(x, flags);
	if (h < 0) {
		skbext_state_unpin(x);
		ThrowRange(env, "too many live xfrm_state handles in this addon instance");
	}
	return h;
}

bool AddrField(const Napi::Object &o, const char *name,
		      xfrm_address_t *out)
{
	Napi::Uint8Array a;

	if (!BytesField(o, name, &a))
		return false;
	if (a.ByteLength() != 4 && a.ByteLength() != 16)
		ThrowRange(o.Env(), std::string(name) + " must hold 4 (IPv4) or 16 (IPv6) bytes");
	memset(out, 0, sizeof(*out));
	memcpy(out, a.Data(), a.ByteLength());
	return true;
}

uint32_t OptU32(const Napi::Object &o, const char *name, uint32_t max,
		uint32_t dflt)
{
	uint32_t v;

	return FieldU32(o, name, max, &v) ? v : dflt;
}

/* xfrmAlloc({spi, proto, family, mode, reqid, daddr, saddr, dir}) */
Napi::Value Addon::XfrmAlloc(const Napi::CallbackInfo &info)
{
	Napi::Env env = info.Env();
	struct skbext_state_params p = {};
	struct xfrm_state *x;

	if (info.Length() < 1 || !info[0].IsObject())
		ThrowType(env, "XfrmState.alloc() takes an object of parameters");
	Napi::Object o = info[0].As<Napi::Object>();
	p.spi = be32(OptU32(o, "spi", UINT32_MAX, 0));
	p.proto = OptU32(o, "proto", 255, IPPROTO_ESP);
	p.family = OptU32(o, "family", 0xffff, AF_INET);
	if (p.family != AF_INET && p.family != AF_INET6)
		ThrowRange(env, "family must be AF_INET (2) or AF_INET6 (10)");
	p.mode = OptU32(o, "mode", XFRM_MODE_MAX - 1, XFRM_MODE_TRANSPORT);
	p.reqid = OptU32(o, "reqid", UINT32_MAX, 0);
	p.dir = OptU32(o, "dir", XFRM_DEV_OFFLOAD_OUT, XFRM_DEV_OFFLOAD_UNSPECIFIED);
	AddrField(o, "daddr", &p.daddr);
	AddrField(o, "saddr", &p.saddr);

	x = skbext_state_new(&p);
	if (!x)
		return env.Null();
	return Napi::Number::New(env, XfrmHandleFor(env, x, XH_OWNER));
}

Napi::Value Addon::XfrmHold(const Napi::CallbackInfo &info)
{
	StateEntry *e = XfrmEntryArg(info, 0);

	if (skbext_state_refcnt(e->ptr) >= SKBEXT_STATE_PIN / 2)
		ThrowRange(info.Env(), "xfrm_state_hold: too many references");
	xfrm_state_hold(e->ptr);
	e->refs++;
	return info.Env().Undefined();
}

/* xfrm_state_put(); returns the refcount left (0: destroyed). */
Napi::Value Addon::XfrmPut(const Napi::CallbackInfo &info)
{
	StateEntry *e = XfrmEntryArg(info, 0);

	/* a put through the handle gives back a hold() first, if any */
	if (e->refs)
		e->refs--;
	xfrm_state_put(e->ptr);
	int left = skbext_state_refcnt(e->ptr);
	XfrmReleaseIfGone(e);
	return Napi::Number::New(info.Env(), left);
}

/* xfrm_state_delete(): 0, or -ESRCH for a state already dead. */
Napi::Value Addon::XfrmDelete(const Napi::CallbackInfo &info)
{
	StateEntry *e = XfrmEntryArg(info, 0);
	int err = xfrm_state_delete(e->ptr);

	XfrmReleaseIfGone(e);
	return Napi::Number::New(info.Env(), err);
}

Napi::Value Addon::XfrmInfo(const Napi::CallbackInfo &info)
{
	Napi::Env env = info.Env();
	struct xfrm_state *x = XfrmArg(info, 0);
	Napi::Object o = Napi::Object::New(env);
	size_t alen = x->props.family == AF_INET6 ? 16 : 4;

	o.Set("refcnt", skbext_state_refcnt(x));
	o.Set("spi", be32(x->id.spi));
	o.Set("proto", int(x->id.proto));
	o.Set("family", int(x->props.family));
	o.Set("mode", int(x->props.mode));
	o.Set("reqid", x->props.reqid);
	o.Set("state", int(x->km.state));
	o.Set("dir", int(x->xso.dir));
	o.Set("offloadHandle", double(x->xso.offload_handle));
	o.Set("daddr", Napi::Buffer<uint8_t>::Copy(env, (const uint8_t *)&x->id.daddr, alen));
	o.Set("saddr", Napi::Buffer<uint8_t>::Copy(env, (const uint8_t *)&x->props.saddr, alen));
	return o;
}

/* The finalizer of an XfrmState JS dropped; a gone handle is ignored. */
Napi::Value Addon::XfrmRelease(const Napi::CallbackInfo &info)
{
	StateEntry *e = nullptr;

	if (states.Find(NumberArg(info, 0, "xfrm_state handle"), &e) == Lookup::kLive)
		XfrmReleaseEntry(e, true);
	return info.Env().Undefined();
}

Napi::Value Addon::XfrmSweep(const Napi::CallbackInfo &info)
{
	SweepStates();
	return info.Env().Undefined();
}

} /* namespace skbext */
