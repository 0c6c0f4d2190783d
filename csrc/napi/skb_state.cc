// SPDX-License-Identifier: GPL-2.0-only
/*
 * The skb quantities the kernel has but no getter returns: what
 * skb->extensions holds, the block's offsets and chunks, which skbs share
 * a block; and nf_reset_ct() and skb_release_head_state().
 */
#include "addon.h"

extern "C" {
#include <skbext/api.h>
}

namespace skbext {

using SkbEntry = HandleTable<struct sk_buff>::Entry;

/* skbExtState(h): 'null', 'stale', 'live', or 'released' (head state gone). */
Napi::Value Addon::SkbExtState(const Napi::CallbackInfo &info)
{
	SkbEntry *e = SkbEntryArg(info, 0);
	const char *name = "live";

	if (e->flags & kSkbHeadReleased)
		name = "released";
	else if (skbext_ext_ptr_state(e->ptr) == SKBEXT_EXT_NULL)
		name = "null";
	else if (skbext_ext_ptr_state(e->ptr) == SKBEXT_EXT_STALE)
		name = "stale";
	return Napi::String::New(info.Env(), name);
}

/* skbExtLayout(h): { offset[kernel id] (0: not active), chunks } or null. */
Napi::Value Addon::SkbExtLayout(const Napi::CallbackInfo &info)
{
	Napi::Env env = info.Env();
	u8 offset[SKB_EXT_NUM];
	unsigned int chunks;
	Napi::Object o;
	Napi::Array a;

	if (!skbext_ext_offsets(SkbArg(info, 0), offset, &chunks))
		return env.Null();
	o = Napi::Object::New(env);
	a = Napi::Array::New(env, SKB_EXT_NUM);
	for (uint32_t id = 0; id < SKB_EXT_NUM; id++)
		a.Set(id, offset[id]);
	o.Set("offset", a);
	o.Set("chunks", chunks);
	return o;
}

/*
 * skbExtBlocks([h...]): for each skb, the number of its block in order of
 * first sight among them (as the trace's blkA, blkB...), null without one.
 */
Napi::Value Addon::SkbExtBlocks(const Napi::CallbackInfo &info)
{
	Napi::Env env = info.Env();
	std::vector<const struct skb_ext *> seen;
	Napi::Array in, out;

	if (!info[0].IsArray())
		ThrowType(env, "skbs must be an array of skb handles");
	in = info[0].As<Napi::Array>();
	out = Napi::Array::New(env, in.Length());
	for (uint32_t i = 0; i < in.Length(); i++) {
		SkbEntry *e = nullptr;
		size_t k;

		if (!in.Get(i).IsNumber() ||
		    skbs.Find(in.Get(i).As<Napi::Number>().DoubleValue(), &e) != Lookup::kLive)
			ThrowTyped(env, "SkbFreedError", "ERR_SKB_FREED",
				   "skb " + std::to_string(i) + " of the list is freed "
				   "or not an skb of this addon instance");
		if ((e->flags & kSkbHeadReleased) ||
		    skbext_ext_ptr_state(e->ptr) != SKBEXT_EXT_LIVE) {
			out.Set(i, env.Null());
			continue;
		}
		for (k = 0; k < seen.size() && seen[k] != e->ptr->extensions; k++)
			;
		if (k == seen.size())
			seen.push_back(e->ptr->extensions);
		out.Set(i, double(k));
	}
	return out;
}

Napi::Value Addon::SkbNfResetCt(const Napi::CallbackInfo &info)
{
	nf_reset_ct(SkbArg(info, 0));
	return info.Env().Undefined();
}

/*
 * skbReleaseHeadState(h): skb_release_head_state(). Its callers own the
 * skb alone, and free it afterwards without the head state: the handle
 * is marked so, and only free() and consume() may use it from then on.
 */
Napi::Value Addon::SkbReleaseHeadState(const Napi::CallbackInfo &info)
{
	SkbEntry *e = SkbEntryArg(info, 0);

	if (e->flags & kSkbHeadReleased)
		SkbArg(info, 0); /* throws: released already */
	if (refcount_read(&e->ptr->users) != 1)
		ThrowRange(info.Env(), "skb_release_head_state: the skb has " +
			   std::to_string(refcount_read(&e->ptr->users)) +
			   " users; its callers own it alone (free the others first)");
	skb_release_head_state(e->ptr);
	e->flags |= kSkbHeadReleased;
	return info.Env().Undefined();
}

/* Drop the handle's reference: kfree_skb(), or the stateless free. */
void Addon::SkbDropRef(SkbEntry *e, bool consume)
{
	if (e->flags & kSkbHeadReleased) {
		if (skb_unref(e->ptr))
			__consume_stateless_skb(e->ptr);
	} else if (consume) {
		consume_skb(e->ptr);
	} else {
		kfree_skb(e->ptr);
	}
}

} /* namespace skbext */
