// SPDX-License-Identifier: GPL-2.0-only
/*
 * sk_buff and its extensions. Each function: unwrap the handles, check the
 * arguments, call the kernel function, convert the result (NULL to null).
 * Every skb handle owns one reference on skb->users.
 */
#include <climits>
#include <string>
#include "addon.h"

extern "C" {
#include <linux/errno.h>
#include <skbext/api.h>
#include <net/mptcp.h>
#include <net/netfilter/br_netfilter.h>
#include <net/tcp.h>
}

namespace skbext {

using SkbEntry = HandleTable<struct sk_buff>::Entry;

/* alloc_skb() takes an unsigned int that the kernel's callers keep below 2 GiB. */
static constexpr uint32_t kMaxAllocSize = INT_MAX;

SkbEntry *Addon::SkbEntryArg(const Napi::CallbackInfo &info, size_t i)
{
	double h = NumberArg(info, i, "skb handle");
	SkbEntry *e = nullptr;

	switch (skbs.Find(h, &e)) {
	case Lookup::kLive:
		return e;
	case Lookup::kStale:
		ThrowTyped(info.Env(), "SkbFreedError", "ERR_SKB_FREED",
			   "this skb was already freed (kfree_skb/consume_skb): "
			   "take a new one with Skb.alloc() or skb.clone()");
	default:
		ThrowType(info.Env(), "not an skb handle of this addon instance");
	}
}

struct sk_buff *Addon::SkbArg(const Napi::CallbackInfo &info, size_t i)
{
	SkbEntry *e = SkbEntryArg(info, i);

	if (e->flags & kSkbHeadReleased)
		ThrowTyped(info.Env(), "SkbHeadReleasedError",
			   "ERR_SKB_HEAD_RELEASED",
			   "skb_release_head_state() ran on this skb: only "
			   "free() or consume() may follow");
	return e->ptr;
}

Napi::Value Addon::NewSkb(Napi::Env env, struct sk_buff *skb)
{
	double h = skbs.Insert(skb);

	if (h < 0) {
		kfree_skb(skb);
		ThrowRange(env, "too many live skbs in this addon instance");
	}
	return Napi::Number::New(env, h);
}

/*
 * Owner groups (handles.h): lib's Skb objects keep a group's owner object
 * alive; when it is collected, the group's handles still live were
 * dropped without free() and are released as skbRelease() does, each
 * counted as a GC leak. Node may run the owner's finalizer at the
 * environment's teardown after or before the addon instance goes, so
 * the finalizer reaches the instance through a shared cell that ~Addon
 * empties.
 */
struct OwnerCell {
	Addon *addon;
	unsigned long users;	/* the instance, plus one per owner object */
};

static void OwnerCellPut(OwnerCell *c)
{
	if (--c->users == 0)
		delete c;
}

static void SkbGroupGone(napi_env env, void *data, void *hint)
{
	OwnerCell *cell = static_cast<OwnerCell *>(hint);
	Addon *addon = cell->addon;

	(void)env;
	if (addon)
		addon->skbs.EndGroup(uint32_t(uintptr_t(data)), [addon](SkbEntry *e) {
			addon->SkbDropRef(e, false);
			addon->skbs.Remove(e);
			addon->gc_leaked_skbs++;
		});
	OwnerCellPut(cell);
}

/* skbGroup(owner): a new owner group, released when @owner is collected. */
Napi::Value Addon::SkbGroup(const Napi::CallbackInfo &info)
{
	Napi::Env env = info.Env();
	uint32_t g;

	if (info.Length() < 1 || !info[0].IsObject())
		ThrowType(env, "owner must be an object");
	if (!owner_cell)
		owner_cell = new OwnerCell{this, 1};
	g = skbs.NewGroup();
	owner_cell->users++;
	if (napi_add_finalizer(env, info[0], (void *)uintptr_t(g), SkbGroupGone,
			       owner_cell, nullptr) != napi_ok) {
		owner_cell->users--;
		skbs.EndGroup(g, [](SkbEntry *) {});
		throw Napi::Error::New(env, "skbGroup: napi_add_finalizer failed");
	}
	return Napi::Number::New(env, g);
}

void Addon::DropOwnerCell()
{
	if (!owner_cell)
		return;
	owner_cell->addon = nullptr;
	OwnerCellPut(owner_cell);
	owner_cell = nullptr;
}

/* The owner group of argument @i: 0 (none) when it is absent. */
uint32_t Addon::GroupArg(const Napi::CallbackInfo &info, size_t i)
{
	double g;

	if (i >= info.Length())
		return 0;
	if (napi_get_value_double(info.Env(), info[i], &g) == napi_ok &&
	    skbs.IsGroup(g))
		return uint32_t(g);
	if (info[i].IsUndefined())
		return 0;
	ThrowType(info.Env(), "owner group must be a number skbGroup() answered");
}

/* A new skb's handle, counted in the owner group of argument @i. */
Napi::Value Addon::NewGroupSkb(const Napi::CallbackInfo &info, size_t i,
			       struct sk_buff *skb)
{
	uint32_t g;
	double h;

	if (!skb)
		return info.Env().Null();
	g = GroupArg(info, i);
	h = skbs.Insert(skb, 0, g);
	if (h < 0) {
		kfree_skb(skb);
		ThrowRange(info.Env(), "too many live skbs in this addon instance");
	}
	return Napi::Number::New(info.Env(), h);
}

/*
 * skbOwn(handle, group): count a handle made without a group in one. A
 * handle that is not live has nothing to release: ignored, as lib's
 * fromHandle() may wrap a dead one (its methods then throw).
 */
Napi::Value Addon::SkbOwn(const Napi::CallbackInfo &info)
{
	uint32_t g = GroupArg(info, 1);
	SkbEntry *e = nullptr;

	if (skbs.Find(NumberArg(info, 0, "skb handle"), &e) == Lookup::kLive)
		skbs.SetGroup(e, g);
	return info.Env().Undefined();
}

static enum skb_ext_id ExtIdArg(const Napi::CallbackInfo &info, size_t i)
{
	if (i < info.Length() && info[i].IsNumber()) {
		double v = info[i].As<Napi::Number>().DoubleValue();

		if (v >= 0 && v < SKB_EXT_NUM && v == std::floor(v))
			return (enum skb_ext_id)v;
		ThrowRange(info.Env(), "no extension id " +
			   info[i].ToString().Utf8Value() + " in this build (0.." +
			   std::to_string(SKB_EXT_NUM - 1) + ")");
	}
	ThrowType(info.Env(), "extension id must be a number");
}

/* skbAlloc(size, fclone): alloc_skb / alloc_skb_fclone. */
Napi::Value Addon::SkbAlloc(const Napi::CallbackInfo &info)
{
	uint32_t size = U32Arg(info, 0, "size", kMaxAllocSize);
	bool fclone = BoolArg(info, 1, "fclone");
	struct sk_buff *skb = fclone ? alloc_skb_fclone(size, GFP_ATOMIC)
				     : alloc_skb(size, GFP_ATOMIC);

	return NewGroupSkb(info, 2, skb);
}

Napi::Value Addon::SkbClone(const Napi::CallbackInfo &info)
{
	return NewGroupSkb(info, 1, skb_clone(SkbArg(info, 0), GFP_ATOMIC));
}

Napi::Value Addon::SkbCopy(const Napi::CallbackInfo &info)
{
	return NewGroupSkb(info, 1, skb_copy(SkbArg(info, 0), GFP_ATOMIC));
}

Napi::Value Addon::SkbPskbCopy(const Napi::CallbackInfo &info)
{
	return NewGroupSkb(info, 1, pskb_copy(SkbArg(info, 0), GFP_ATOMIC));
}

/* skbAllocGso(linear, nfrags, fragSize, mss): skbext_gso_build(). */
Napi::Value Addon::SkbAllocGso(const Napi::CallbackInfo &info)
{
	struct skbext_gso_params p;
	struct sk_buff *skb;

	p.linear = U32Arg(info, 0, "linear", 0xffff);
	p.nfrags = U32Arg(info, 1, "nfrags", MAX_SKB_FRAGS);
	p.frag_size = U32Arg(info, 2, "fragSize", PAGE_SIZE);
	p.mss = U32Arg(info, 3, "mss", 0xffff);
	if (!p.mss)
		ThrowRange(info.Env(), "mss must be at least 1 (gso_size 0 is no GSO packet)");
	if (p.nfrags && !p.frag_size)
		ThrowRange(info.Env(), "fragSize must be at least 1 when there are frags");
	skb = skbext_gso_build(&p);
	return skb ? NewSkb(info.Env(), skb) : info.Env().Null();
}

/* The pieces a segmentation made, as an array of new handles. */
Napi::Value Addon::SkbPieces(Napi::Env env, struct sk_buff **out, int n)
{
	Napi::Array a = Napi::Array::New(env, n);
	int i;

	/* a handle each, or every piece goes back if the table is full */
	for (i = 0; i < n; i++) {
		double h = skbs.Insert(out[i]);

		if (h < 0) {
			int k;

			for (k = i; k < n; k++)
				kfree_skb(out[k]);
			for (k = 0; k < i; k++) {
				SkbEntry *e = nullptr;

				if (skbs.Find(a.Get(k).As<Napi::Number>().DoubleValue(),
					      &e) == Lookup::kLive) {
					kfree_skb(e->ptr);
					skbs.Remove(e);
				}
			}
			ThrowRange(env, "too many live skbs in this addon instance");
		}
		a.Set(i, Napi::Number::New(env, h));
	}
	return a;
}

/* An errno of the segmenting calls as the error the caller can act on. */
static void ThrowPiecesErr(Napi::Env env, int err, const char *what)
{
	if (err == -E2BIG)
		ThrowRange(env, std::string(what) + ": more than " +
			   std::to_string(SKBEXT_MAX_PIECES) +
			   " pieces; use a larger mss or mtu");
	ThrowRange(env, std::string(what) + ": " +
		   (err == -EOPNOTSUPP ? "not supported by the port for this packet"
				       : "this skb cannot be cut (see docs/api.md)"));
}

Napi::Value Addon::SkbGsoSegment(const Napi::CallbackInfo &info)
{
	struct sk_buff *out[SKBEXT_MAX_PIECES];
	int n = skbext_gso_segment(SkbArg(info, 0), out);

	if (n == -ENOMEM)
		return info.Env().Null();
	if (n < 0)
		ThrowPiecesErr(info.Env(), n, "skb_segment");
	return SkbPieces(info.Env(), out, n);
}

Napi::Value Addon::SkbIpFragment(const Napi::CallbackInfo &info)
{
	struct sk_buff *skb = SkbArg(info, 0);
	uint32_t mtu = U32Arg(info, 1, "mtu", 0xffff);
	struct sk_buff *out[SKBEXT_MAX_PIECES];
	int n = skbext_ip_fragment(skb, mtu, out);

	if (n == -ENOMEM)
		return info.Env().Null();
	if (n < 0)
		ThrowPiecesErr(info.Env(), n, "ip_frag_next");
	return SkbPieces(info.Env(), out, n);
}

/* false: the packet was dropped with this handle's reference */
Napi::Value Addon::SkbXfrmOutputOffload(const Napi::CallbackInfo &info)
{
	SkbEntry *e = SkbEntryArg(info, 0);
	struct xfrm_state *x = XfrmArg(info, 1);

	if (!xfrm_output_offload(e->ptr, x))
		return Napi::Boolean::New(info.Env(), true);
	skbs.Remove(e);
	return Napi::Boolean::New(info.Env(), false);
}

/* 'ok', 'passed', or null: the packet was dropped with this handle's reference */
Napi::Value Addon::SkbEspXmit(const Napi::CallbackInfo &info)
{
	SkbEntry *e = SkbEntryArg(info, 0);
	int r = skbext_esp_xmit(e->ptr);

	if (r == -EINVAL)
		ThrowRange(info.Env(), "esp_xmit: the skb has no mac header at or before its data "
			   "(build it with Skb.allocGso() or cut it with segment())");
	if (r < 0) {
		skbs.Remove(e);
		return info.Env().Null();
	}
	return Napi::String::New(info.Env(), r ? "passed" : "ok");
}

/* skb_get(): a second handle owning the new reference. */
Napi::Value Addon::SkbGet(const Napi::CallbackInfo &info)
{
	struct sk_buff *skb = SkbArg(info, 0);

	if (refcount_read(&skb->users) >= INT_MAX / 2)
		ThrowRange(info.Env(), "skb_get: too many users on one skb");
	return NewSkb(info.Env(), skb_get(skb));
}

Napi::Value Addon::SkbFree(const Napi::CallbackInfo &info)
{
	SkbEntry *e = SkbEntryArg(info, 0);

	SkbDropRef(e, false);
	skbs.Remove(e);
	/* no value: JS sees undefined, without a napi_get_undefined() call */
	return Napi::Value();
}

Napi::Value Addon::SkbConsume(const Napi::CallbackInfo &info)
{
	SkbEntry *e = SkbEntryArg(info, 0);

	SkbDropRef(e, true);
	skbs.Remove(e);
	return info.Env().Undefined();
}

/*
 * skbRelease(handle): the finalizer of an Skb that JS dropped without
 * freeing it. Frees it as kfree_skb() and counts a leak; a handle that is
 * already gone is ignored (the finalizer may race an explicit free).
 */
Napi::Value Addon::SkbRelease(const Napi::CallbackInfo &info)
{
	SkbEntry *e = nullptr;

	if (skbs.Find(NumberArg(info, 0, "skb handle"), &e) == Lookup::kLive) {
		SkbDropRef(e, false);
		skbs.Remove(e);
		gc_leaked_skbs++;
	}
	return info.Env().Undefined();
}

Napi::Value Addon::SkbScrub(const Napi::CallbackInfo &info)
{
	skb_scrub_packet(SkbArg(info, 0), BoolArg(info, 1, "xnet"));
	return info.Env().Undefined();
}

/* skb_put() + copy; the kernel panics past the end, so that is refused here. */
Napi::Value Addon::SkbPut(const Napi::CallbackInfo &info)
{
	struct sk_buff *skb = SkbArg(info, 0);
	Napi::Uint8Array b = BytesArg(info, 1, "data");

	if (b.ByteLength() > (size_t)skb_tailroom(skb))
		ThrowRange(info.Env(), "skb_put: " + std::to_string(b.ByteLength()) +
			   " bytes do not fit the tailroom of " +
			   std::to_string(skb_tailroom(skb)));
	void *to = skb_put(skb, b.ByteLength());

	/* an empty array may have no buffer: memcpy() takes no NULL, even for 0 */
	if (b.ByteLength())
		memcpy(to, b.Data(), b.ByteLength());
	return info.Env().Undefined();
}

Napi::Value Addon::SkbPush(const Napi::CallbackInfo &info)
{
	struct sk_buff *skb = SkbArg(info, 0);
	Napi::Uint8Array b = BytesArg(info, 1, "data");

	if (b.ByteLength() > skb_headroom(skb))
		ThrowRange(info.Env(), "skb_push: " + std::to_string(b.ByteLength()) +
			   " bytes do not fit the headroom of " +
			   std::to_string(skb_headroom(skb)));
	void *to = skb_push(skb, b.ByteLength());

	/* an empty array may have no buffer: memcpy() takes no NULL, even for 0 */
	if (b.ByteLength())
		memcpy(to, b.Data(), b.ByteLength());
	return info.Env().Undefined();
}

Napi::Value Addon::SkbPull(const Napi::CallbackInfo &info)
{
	struct sk_buff *skb = SkbArg(info, 0);
	uint32_t len = U32Arg(info, 1, "len", UINT32_MAX);

	return skb_pull(skb, len) ? Napi::Value(Napi::Boolean::New(info.Env(), true))
				  : info.Env().Null();
}

Napi::Value Addon::SkbReserve(const Napi::CallbackInfo &info)
{
	struct sk_buff *skb = SkbArg(info, 0);
	uint32_t len = U32Arg(info, 1, "len", INT_MAX);

	if (skb->len || len > (uint32_t)skb_tailroom(skb))
		ThrowRange(info.Env(), "skb_reserve: only on an empty skb, "
			   "and at most its tailroom of " +
			   std::to_string(skb_tailroom(skb)));
	skb_reserve(skb, len);
	return info.Env().Undefined();
}

/* A copy of the linear data (skb->data, skb_headlen() bytes). */
Napi::Value Addon::SkbData(const Napi::CallbackInfo &info)
{
	struct sk_buff *skb = SkbArg(info, 0);

	return Napi::Buffer<uint8_t>::Copy(info.Env(), skb->data,
					   skb_headlen(skb));
}

Napi::Value Addon::SkbInfo(const Napi::CallbackInfo &info)
{
	struct sk_buff *skb = SkbArg(info, 0);
	Napi::Object o = Napi::Object::New(info.Env());

	o.Set("users", refcount_read(&skb->users));
	o.Set("cloned", skb_cloned(skb) != 0);
	o.Set("fclone", int(skb->fclone));
	o.Set("activeExtensions", int(skb->active_extensions));
	o.Set("extRefcnt", skb->active_extensions ?
	      refcount_read(&skb->extensions->refcnt) : 0);
	o.Set("len", skb->len);
	o.Set("dataLen", skb->data_len);
	o.Set("headroom", skb_headroom(skb));
	o.Set("tailroom", skb_tailroom(skb));
	o.Set("truesize", skb->truesize);
	o.Set("protocol", int(skb->protocol));
	o.Set("pktType", int(skb->pkt_type));
	o.Set("mark", skb->mark);
	o.Set("slowGro", bool(skb->slow_gro));
	o.Set("macHeader", int(skb->mac_header));
	o.Set("networkHeader", int(skb->network_header));
	o.Set("transportHeader", int(skb->transport_header));
	return o;
}

Napi::Value Addon::SkbUsers(const Napi::CallbackInfo &info)
{
	return Napi::Number::New(info.Env(),
				 refcount_read(&SkbArg(info, 0)->users));
}

Napi::Value Addon::SkbActive(const Napi::CallbackInfo &info)
{
	return Napi::Number::New(info.Env(), SkbArg(info, 0)->active_extensions);
}

/* The block's refcount, 0 when the skb carries no extension. */
Napi::Value Addon::SkbExtRefcnt(const Napi::CallbackInfo &info)
{
	struct sk_buff *skb = SkbArg(info, 0);

	return Napi::Number::New(info.Env(), skb->active_extensions ?
				 refcount_read(&skb->extensions->refcnt) : 0);
}

Napi::Value Addon::SkbSharesExt(const Napi::CallbackInfo &info)
{
	struct sk_buff *a = SkbArg(info, 0), *b = SkbArg(info, 1);

	return Napi::Boolean::New(info.Env(), a->active_extensions &&
				  b->active_extensions &&
				  a->extensions == b->extensions);
}

Napi::Value Addon::SkbExtAdd(const Napi::CallbackInfo &info)
{
	struct sk_buff *skb = SkbArg(info, 0);

	return skbext_ext_add_zeroed(skb, ExtIdArg(info, 1)) ?
	       Napi::Value(Napi::Boolean::New(info.Env(), true)) : info.Env().Null();
}

Napi::Value Addon::SkbExtFind(const Napi::CallbackInfo &info)
{
	struct sk_buff *skb = SkbArg(info, 0);

	return skb_ext_find(skb, ExtIdArg(info, 1)) ?
	       Napi::Value(Napi::Boolean::New(info.Env(), true)) : info.Env().Null();
}

Napi::Value Addon::SkbExtExist(const Napi::CallbackInfo &info)
{
	struct sk_buff *skb = SkbArg(info, 0);

	return Napi::Boolean::New(info.Env(), skb_ext_exist(skb, ExtIdArg(info, 1)));
}

Napi::Value Addon::SkbExtDel(const Napi::CallbackInfo &info)
{
	struct sk_buff *skb = SkbArg(info, 0);

	skb_ext_del(skb, ExtIdArg(info, 1));
	return info.Env().Undefined();
}

Napi::Value Addon::SkbExtReset(const Napi::CallbackInfo &info)
{
	skb_ext_reset(SkbArg(info, 0));
	return info.Env().Undefined();
}

/* skb_ext_copy(dst, src); onto itself is refused, as no kernel caller does it. */
Napi::Value Addon::SkbExtCopy(const Napi::CallbackInfo &info)
{
	struct sk_buff *dst = SkbArg(info, 0), *src = SkbArg(info, 1);

	if (dst == src)
		ThrowRange(info.Env(), "skb_ext_copy: source and destination are one skb");
	skb_ext_copy(dst, src);
	return info.Env().Undefined();
}

Napi::Value Addon::SecpathSet(const Napi::CallbackInfo &info)
{
	return secpath_set(SkbArg(info, 0)) ?
	       Napi::Value(Napi::Boolean::New(info.Env(), true)) : info.Env().Null();
}

/*
 * skb_sec_path(): null, or len/olen/verified_cnt, ovec, and xvec as state
 * handles when the second argument is true. Only then: a state JS holds
 * no handle for (its object was collected, the sec_path keeps it) gets a
 * handle made here, and a read of len must not make one.
 */
Napi::Value Addon::SecpathRead(const Napi::CallbackInfo &info)
{
	Napi::Env env = info.Env();
	struct sec_path *sp = skb_sec_path(SkbArg(info, 0));
	bool states = info.Length() > 1 && info[1].IsBoolean() &&
		      info[1].As<Napi::Boolean>().Value();

	if (!sp)
		return env.Null();

	Napi::Object o = Napi::Object::New(env);
	Napi::Array xvec = Napi::Array::New(env);
	Napi::Array ovec = Napi::Array::New(env);
	int len = sp->len < 0 ? 0 : min(sp->len, XFRM_MAX_DEPTH);
	int olen = sp->olen < 0 ? 0 : min(sp->olen, XFRM_MAX_OFFLOAD_DEPTH);

	o.Set("len", sp->len);
	o.Set("olen", sp->olen);
	o.Set("verifiedCnt", sp->verified_cnt);
	for (int i = 0; states && i < len; i++)
		xvec.Set(uint32_t(i), XfrmHandleFor(env, sp->xvec[i], 0));
	for (int i = 0; i < olen; i++) {
		const struct xfrm_offload *xo = &sp->ovec[i];
		Napi::Object x = Napi::Object::New(env);

		x.Set("seqLow", xo->seq.low);
		x.Set("seqHi", xo->seq.hi);
		x.Set("flags", xo->flags);
		x.Set("status", xo->status);
		x.Set("origMacLen", xo->orig_mac_len);
		x.Set("proto", int(xo->proto));
		x.Set("innerIpproto", int(xo->inner_ipproto));
		ovec.Set(uint32_t(i), x);
	}
	o.Set("xvec", xvec);
	o.Set("ovec", ovec);
	return o;
}

/*
 * The xfrm_input() step (xfrm_input_push_state()): secpath_set(), hold,
 * xvec[len++]. On a full path the C step has reset the sec_path, as 6.1
 * does before dropping the packet; that throws. A failed copy: null.
 */
Napi::Value Addon::SecpathPush(const Napi::CallbackInfo &info)
{
	struct sk_buff *skb = SkbArg(info, 0);
	struct xfrm_state *x = XfrmArg(info, 1);
	int err = xfrm_input_push_state(skb, x);

	if (err == -ENOBUFS)
		ThrowTyped(info.Env(), "SecpathFullError", "ERR_SECPATH_FULL",
			   "the sec_path already holds XFRM_MAX_DEPTH (" +
			   std::to_string(XFRM_MAX_DEPTH) + ") states, so "
			   "xfrm_input() reset it (secpath_reset) and would "
			   "drop the packet (XFRMINBUFFERERROR): free() the skb");
	return err ? info.Env().Null() : Napi::Value(Napi::Boolean::New(info.Env(), true));
}

Napi::Value Addon::SecpathReset(const Napi::CallbackInfo &info)
{
	secpath_reset(SkbArg(info, 0));
	return info.Env().Undefined();
}

Napi::Value Addon::TcpCleanupSkb(const Napi::CallbackInfo &info)
{
	tcp_cleanup_skb(SkbArg(info, 0));
	return info.Env().Undefined();
}

Napi::Value Addon::NfBridgeAlloc(const Napi::CallbackInfo &info)
{
	return nf_bridge_alloc(SkbArg(info, 0)) ?
	       Napi::Value(Napi::Boolean::New(info.Env(), true)) : info.Env().Null();
}

Napi::Value Addon::NfBridgeRead(const Napi::CallbackInfo &info)
{
	Napi::Env env = info.Env();
	const struct nf_bridge_info *nb = nf_bridge_info_get(SkbArg(info, 0));

	if (!nb)
		return env.Null();

	Napi::Object o = Napi::Object::New(env);

	o.Set("origProto", int(nb->orig_proto));
	o.Set("pktOtherhost", bool(nb->pkt_otherhost));
	o.Set("inPrerouting", bool(nb->in_prerouting));
	o.Set("bridgedDnat", bool(nb->bridged_dnat));
	o.Set("sabotageInDone", bool(nb->sabotage_in_done));
	o.Set("fragMaxSize", int(nb->frag_max_size));
	o.Set("physinif", nb->physinif);
	o.Set("ipv4Daddr", nb->ipv4_daddr);
	return o;
}

/* Field names of the JS side; a missing field is left as it is. */
bool FieldU32(const Napi::Object &o, const char *name, uint32_t max,
		     uint32_t *out)
{
	Napi::Value v = o.Get(name);

	if (v.IsUndefined())
		return false;
	if (v.IsBoolean()) {
		*out = v.As<Napi::Boolean>().Value();
		return true;
	}
	if (!v.IsNumber())
		ThrowType(o.Env(), std::string(name) + " must be a number");
	double d = v.As<Napi::Number>().DoubleValue();
	if (!(d >= 0) || d > max || d != std::floor(d))
		ThrowRange(o.Env(), std::string(name) + " must be a whole number from 0 to " +
			   std::to_string(max));
	*out = uint32_t(d);
	return true;
}

static bool FieldU64(const Napi::Object &o, const char *name, uint64_t *out)
{
	Napi::Value v = o.Get(name);
	bool lossless;

	if (v.IsUndefined())
		return false;
	if (v.IsBigInt()) {
		*out = v.As<Napi::BigInt>().Uint64Value(&lossless);
		if (!lossless)
			ThrowRange(o.Env(), std::string(name) + " must fit in 64 bits");
		return true;
	}
	uint32_t u;
	FieldU32(o, name, UINT32_MAX, &u);
	*out = u;
	return true;
}

/*
 * The current value of extension @id, for a write: the fields are applied
 * to a copy first, so a bad field leaves the extension as it was.
 */
static const void *ExtForRead(Addon *a, const Napi::CallbackInfo &info,
			      enum skb_ext_id id, const char *what)
{
	const void *p;

	if (info.Length() < 2 || !info[1].IsObject())
		ThrowType(info.Env(), "fields must be an object");
	p = skb_ext_find(a->SkbArg(info, 0), id);
	if (!p)
		a->ThrowTyped(info.Env(), "ExtGoneError", "ERR_EXT_GONE",
			      std::string("the skb no longer carries its ") + what +
			      " extension (it was deleted or reset)");
	return p;
}

/* Store @val into the skb's private copy of the block (COW via skb_ext_add). */
static Napi::Value ExtStore(Addon *a, const Napi::CallbackInfo &info,
			    enum skb_ext_id id, const void *val, size_t size)
{
	bool gone;
	void *p = skbext_ext_for_write(a->SkbArg(info, 0), id, &gone);

	if (!p)
		return info.Env().Null();
	memcpy(p, val, size);
	return Napi::Boolean::New(info.Env(), true);
}

Napi::Value Addon::NfBridgeWrite(const Napi::CallbackInfo &info)
{
	struct nf_bridge_info nb = *static_cast<const struct nf_bridge_info *>(
		ExtForRead(this, info, SKB_EXT_BRIDGE_NF, "nf_bridge"));
	Napi::Object f = info[1].As<Napi::Object>();
	uint32_t v;

	if (FieldU32(f, "origProto", 2 /* BRNF_PROTO_PPPOE */, &v))
		nb.orig_proto = (__typeof__(nb.orig_proto))v;
	if (FieldU32(f, "pktOtherhost", 1, &v))
		nb.pkt_otherhost = v;
	if (FieldU32(f, "inPrerouting", 1, &v))
		nb.in_prerouting = v;
	if (FieldU32(f, "bridgedDnat", 1, &v))
		nb.bridged_dnat = v;
	if (FieldU32(f, "sabotageInDone", 1, &v))
		nb.sabotage_in_done = v;
	if (FieldU32(f, "fragMaxSize", 0xffff, &v))
		nb.frag_max_size = v;
	if (FieldU32(f, "physinif", INT_MAX, &v))
		nb.physinif = int(v);
	if (FieldU32(f, "ipv4Daddr", UINT32_MAX, &v))
		nb.ipv4_daddr = v;
	return ExtStore(this, info, SKB_EXT_BRIDGE_NF, &nb, sizeof(nb));
}

Napi::Value Addon::MptcpRead(const Napi::CallbackInfo &info)
{
	Napi::Env env = info.Env();
	const struct mptcp_ext *m = static_cast<const struct mptcp_ext *>(
		skb_ext_find(SkbArg(info, 0), SKB_EXT_MPTCP));

	if (!m)
		return env.Null();

	Napi::Object o = Napi::Object::New(env);

	o.Set("dataAck", Napi::BigInt::New(env, uint64_t(m->data_ack)));
	o.Set("dataSeq", Napi::BigInt::New(env, uint64_t(m->data_seq)));
	o.Set("subflowSeq", m->subflow_seq);
	o.Set("dataLen", int(m->data_len));
	o.Set("csum", int(m->csum));
	o.Set("useMap", bool(m->use_map));
	o.Set("dsn64", bool(m->dsn64));
	o.Set("dataFin", bool(m->data_fin));
	o.Set("useAck", bool(m->use_ack));
	o.Set("ack64", bool(m->ack64));
	o.Set("mpcMap", bool(m->mpc_map));
	o.Set("frozen", bool(m->frozen));
	o.Set("resetTransient", bool(m->reset_transient));
	o.Set("resetReason", int(m->reset_reason));
	o.Set("csumReqd", bool(m->csum_reqd));
	o.Set("infiniteMap", bool(m->infinite_map));
	return o;
}

Napi::Value Addon::MptcpWrite(const Napi::CallbackInfo &info)
{
	struct mptcp_ext mx = *static_cast<const struct mptcp_ext *>(
		ExtForRead(this, info, SKB_EXT_MPTCP, "MPTCP"));
	struct mptcp_ext *m = &mx;
	Napi::Object f = info[1].As<Napi::Object>();
	uint64_t q;
	uint32_t v;

	if (FieldU64(f, "dataAck", &q))
		m->data_ack = q;
	if (FieldU64(f, "dataSeq", &q))
		m->data_seq = q;
	if (FieldU32(f, "subflowSeq", UINT32_MAX, &v))
		m->subflow_seq = v;
	if (FieldU32(f, "dataLen", 0xffff, &v))
		m->data_len = v;
	if (FieldU32(f, "csum", 0xffff, &v))
		m->csum = (__sum16)v;
	if (FieldU32(f, "useMap", 1, &v))
		m->use_map = v;
	if (FieldU32(f, "dsn64", 1, &v))
		m->dsn64 = v;
	if (FieldU32(f, "dataFin", 1, &v))
		m->data_fin = v;
	if (FieldU32(f, "useAck", 1, &v))
		m->use_ack = v;
	if (FieldU32(f, "ack64", 1, &v))
		m->ack64 = v;
	if (FieldU32(f, "mpcMap", 1, &v))
		m->mpc_map = v;
	if (FieldU32(f, "frozen", 1, &v))
		m->frozen = v;
	if (FieldU32(f, "resetTransient", 1, &v))
		m->reset_transient = v;
	if (FieldU32(f, "resetReason", 15, &v))
		m->reset_reason = v;
	if (FieldU32(f, "csumReqd", 1, &v))
		m->csum_reqd = v;
	if (FieldU32(f, "infiniteMap", 1, &v))
		m->infinite_map = v;
	return ExtStore(this, info, SKB_EXT_MPTCP, m, sizeof(*m));
}

} /* namespace skbext */
