// SPDX-License-Identifier: GPL-2.0-only
/*
 * Module init, typed errors, and the calls that are not about one object:
 * slab statistics, fail-nth, slab debug mode, the layout table, the build's
 * configuration and the op-tape executor.
 */
#include <cstdarg>
#include <cstdio>
#include <string>
#include <vector>
#include "addon.h"

extern "C" {
#include <linux/bug.h>
#include <skbext/slabinfo.h>
#include <skbext/api.h>
#include <linux/fault-inject.h>
#include <linux/workqueue.h>
#include <linux/shrinker.h>
#include <net/mptcp.h>
#include <trace/events/skb.h>
#include "../tape/tape.h"
#include <skbext/adapter.h>
}

namespace skbext {

void ThrowType(Napi::Env env, const std::string &msg)
{
	Napi::Error e = Napi::TypeError::New(env, msg);

	e.Set("code", Napi::String::New(env, "ERR_INVALID_ARG_TYPE"));
	throw e;
}

void ThrowRange(Napi::Env env, const std::string &msg)
{
	Napi::Error e = Napi::RangeError::New(env, msg);

	e.Set("code", Napi::String::New(env, "ERR_OUT_OF_RANGE"));
	throw e;
}

/* One Node-API call per argument (no typeof first): every call is on a hot path. */
double NumberArg(const Napi::CallbackInfo &info, size_t i, const char *what)
{
	double v;

	if (i >= info.Length() ||
	    napi_get_value_double(info.Env(), info[i], &v) != napi_ok)
		ThrowType(info.Env(), std::string(what) + " must be a number");
	return v;
}

uint32_t U32Arg(const Napi::CallbackInfo &info, size_t i, const char *what,
		uint32_t max)
{
	double v = NumberArg(info, i, what);

	if (!(v >= 0) || v > max || v != std::floor(v))
		ThrowRange(info.Env(), std::string(what) +
			   " must be a whole number from 0 to " +
			   std::to_string(max) + ", got " +
			   info[i].ToString().Utf8Value());
	return uint32_t(v);
}

static bool IsBytes(const Napi::Value &v)
{
	return v.IsTypedArray() &&
	       v.As<Napi::TypedArray>().TypedArrayType() == napi_uint8_array;
}

Napi::Uint8Array BytesArg(const Napi::CallbackInfo &info, size_t i,
			  const char *what)
{
	if (i >= info.Length() || !IsBytes(info[i]))
		ThrowType(info.Env(), std::string(what) + " must be a Uint8Array");
	return info[i].As<Napi::Uint8Array>();
}

bool BytesField(const Napi::Object &o, const char *name, Napi::Uint8Array *out)
{
	Napi::Value v = o.Get(name);

	if (v.IsUndefined())
		return false;
	if (!IsBytes(v))
		ThrowType(o.Env(), std::string(name) + " must be a Uint8Array");
	*out = v.As<Napi::Uint8Array>();
	return true;
}

bool BoolArg(const Napi::CallbackInfo &info, size_t i, const char *what)
{
	bool v;

	if (i >= info.Length() ||
	    napi_get_value_bool(info.Env(), info[i], &v) != napi_ok)
		ThrowType(info.Env(), std::string(what) + " must be a boolean");
	return v;
}

void Addon::ThrowTyped(Napi::Env env, const char *cls, const char *code,
		       const std::string &msg)
{
	Napi::Value ctor;

	if (!error_classes.IsEmpty())
		ctor = error_classes.Value().Get(cls);
	if (ctor.IsFunction())
		throw Napi::Error(env, ctor.As<Napi::Function>().New(
				       {Napi::String::New(env, msg)}));

	/* used without lib/: a plain Error that still carries the code */
	Napi::Error e = Napi::Error::New(env, msg);

	e.Set("name", Napi::String::New(env, cls));
	e.Set("code", Napi::String::New(env, code));
	throw e;
}

Napi::Value Addon::SetErrorClasses(const Napi::CallbackInfo &info)
{
	if (!info[0].IsObject())
		ThrowType(info.Env(), "error classes must be an object");
	error_classes = Napi::Persistent(info[0].As<Napi::Object>());
	return info.Env().Undefined();
}

/* The N-API floor the benchmarks measure calls against. */
Napi::Value Addon::Noop(const Napi::CallbackInfo &info)
{
	return info.Env().Undefined();
}

static int stats_push(const struct slabinfo *si, void *arg)
{
	auto *out = static_cast<std::vector<struct slabinfo> *>(arg);

	out->push_back(*si);
	return 0;
}

Napi::Value Addon::Stats(const Napi::CallbackInfo &info)
{
	Napi::Env env = info.Env();
	Napi::Object o = Napi::Object::New(env);
	Napi::Array caches = Napi::Array::New(env);
	std::vector<struct slabinfo> all;
	struct skb_trace_counters tc;
	long live = 0;
	uint32_t n = 0;

	SweepStates();
	/* the states a sweep or an skb put last wait for the GC work */
	flush_scheduled_work();
	slabinfo_for_each(stats_push, &all);
	for (const struct slabinfo &si : all) {
		Napi::Object c = Napi::Object::New(env);

		c.Set("name", si.name);
		c.Set("objectSize", si.object_size);
		c.Set("size", si.size);
		c.Set("active", double(si.active_objs));
		c.Set("numObjs", double(si.num_objs));
		c.Set("numSlabs", double(si.num_slabs));
		c.Set("allocs", double(si.allocs));
		c.Set("frees", double(si.frees));
		c.Set("failed", double(si.failed));
		c.Set("poisonErrors", double(si.poison_errors));
		c.Set("doubleFrees", double(si.double_frees));
		caches.Set(n++, c);
		live += si.active_objs;
	}
	skb_trace_read(&tc);
	o.Set("caches", caches);
	o.Set("live", double(live));
	o.Set("warnings", double(warn_count()));
	o.Set("debugErrors", double(slab_debug_errors()));
	o.Set("threadLive", double(slab_thread_live_objects()));
	o.Set("threadWarnings", double(warn_count_thread()));
	o.Set("threadDebugErrors", double(slab_thread_debug_errors()));
	o.Set("kfreeSkb", double(tc.kfree_skb));
	o.Set("consumeSkb", double(tc.consume_skb));
	o.Set("extCow", double(tc.skb_ext_cow));
	o.Set("gcLeakedSkbs", double(gc_leaked_skbs));
	o.Set("gcLeakedStates", double(gc_leaked_states));
	o.Set("liveSkbHandles", double(skbs.Live()));
	o.Set("liveStateHandles", double(states.Live()));
	return o;
}

/*
 * threadStats(out): stats()'s thread counts (live objects, WARN_ON()s,
 * slab debug errors) into the Float64Array @out, after the same sweep
 * and deferred work, without building the per-cache table: a check
 * after every tape (skbext fuzz) costs one call and no object.
 */
Napi::Value Addon::ThreadStats(const Napi::CallbackInfo &info)
{
	if (info.Length() < 1 || !info[0].IsTypedArray() ||
	    info[0].As<Napi::TypedArray>().TypedArrayType() != napi_float64_array ||
	    info[0].As<Napi::Float64Array>().ElementLength() < 3)
		ThrowType(info.Env(), "out must be a Float64Array of 3 or more");
	Napi::Float64Array out = info[0].As<Napi::Float64Array>();

	SweepStates();
	flush_scheduled_work();
	out[0] = double(slab_thread_live_objects());
	out[1] = double(warn_count_thread());
	out[2] = double(slab_thread_debug_errors());
	return info.Env().Undefined();
}

/* flush_scheduled_work(): run the deferred work now; how many items ran. */
Napi::Value Addon::FlushWork(const Napi::CallbackInfo &info)
{
	SweepStates();
	return Napi::Number::New(info.Env(), flush_scheduled_work());
}

Napi::Value Addon::FailNth(const Napi::CallbackInfo &info)
{
	fail_nth_set(U32Arg(info, 0, "n", UINT32_MAX));
	return info.Env().Undefined();
}

Napi::Value Addon::FailNthGet(const Napi::CallbackInfo &info)
{
	return Napi::Number::New(info.Env(), fail_nth_get());
}

Napi::Value Addon::SlabDebug(const Napi::CallbackInfo &info)
{
	if (info.Length() > 0)
		slab_debug_set(BoolArg(info, 0, "on"));
	return Napi::Boolean::New(info.Env(), slab_debug_enabled());
}

Napi::Value Addon::ConsoleLoglevel(const Napi::CallbackInfo &info)
{
	int old = console_loglevel_set(0);

	if (info.Length() > 0)
		old = console_loglevel_set(U32Arg(info, 0, "level", 8));
	return Napi::Number::New(info.Env(), old);
}

static void layout_push(void *arg, const char *line)
{
	static_cast<std::vector<std::string> *>(arg)->push_back(line);
}

Napi::Value Addon::Layout(const Napi::CallbackInfo &info)
{
	std::vector<std::string> lines;
	Napi::Array a = Napi::Array::New(info.Env());
	uint32_t i = 0;

	skbext_layout_lines(layout_push, &lines);
	for (const std::string &l : lines)
		a.Set(i++, l);
	return a;
}

/*
 * The C tables the TypeScript side reads instead of retyping them
 * (lib/tables.ts): the tape's ops, operand kinds, extension ids and
 * drivers (tape.c), and the drivers' knobs (skbext/adapter.h).
 */
static void TapeTables(Napi::Env env, Napi::Object o)
{
	Napi::Array ops = Napi::Array::New(env);
	Napi::Object kinds = Napi::Object::New(env);
	Napi::Array exts = Napi::Array::New(env);
	Napi::Array drivers = Napi::Array::New(env);
	Napi::Object knobs = Napi::Object::New(env);
	uint32_t n = 0;

	/* an opcode is one byte */
	for (unsigned int code = 0; code < 256; code++) {
		const struct tape_op_desc *d = tape_op(code);
		Napi::Object op = Napi::Object::New(env);
		Napi::Array args = Napi::Array::New(env);

		if (!d)
			continue;
		for (uint32_t i = 0; i < TAPE_MAX_ARGS && d->args[i]; i++)
			args.Set(i, tape_arg_name(d->args[i]));
		op.Set("code", code);
		op.Set("name", d->name);
		op.Set("args", args);
		op.Set("gate", d->gate);
		op.Set("kernel", tape_op_in_kernel(d));
		ops.Set(n++, op);
	}
	for (unsigned int k = TAPE_ARG_NONE + 1; k < TAPE_ARG_KINDS; k++)
		kinds.Set(tape_arg_name(k), tape_arg_bytes(k));
	for (uint32_t i = 0; i < TAPE_EXT_NUM; i++)
		exts.Set(i, tape_ext_name(i));
	for (uint32_t i = 0; i < TAPE_DRV_NUM; i++)
		drivers.Set(i, tape_drv_name(i));
	for (unsigned int k = 0; k < SKBEXT_KNOB_NUM; k++)
		knobs.Set(skbext_knob_name(static_cast<enum skbext_knob>(k)), k);

	o.Set("tapeOps", ops);
	o.Set("tapeArgBytes", kinds);
	o.Set("tapeExts", exts);
	o.Set("tapeDrivers", drivers);
	o.Set("knobs", knobs);
	o.Set("tapeSkbSlots", TAPE_SKB_SLOTS);
	o.Set("tapeXSlots", TAPE_X_SLOTS);
	o.Set("tapeTcpOpts", TAPE_TCP_OPTS);
	o.Set("tapeOptsPure", TAPE_OPTS_PURE);
}

/*
 * The build's config (csrc/configs/): its name, and the extension block's
 * geometry: the header's chunks and each id's, by name.
 */
static void ConfigExt(Napi::Env env, Napi::Object o)
{
	Napi::Object len = Napi::Object::New(env);
	Napi::Object ids = o.Get("extIds").As<Napi::Object>();
	Napi::Array names = ids.GetPropertyNames();

	o.Set("configName", SKBEXT_CONFIG_NAME);
	o.Set("designName", SKBEXT_DESIGN_NAME);
	o.Set("extChunkBytes", SKB_EXT_ALIGN_VALUE);
	o.Set("extHeaderChunks", skbext_ext_hdr_chunks());
	for (uint32_t i = 0; i < names.Length(); i++) {
		Napi::Value n = names.Get(i);
		int id = ids.Get(n).As<Napi::Number>().Int32Value();

		len.Set(n, skb_ext_type_chunks((enum skb_ext_id)id));
	}
	o.Set("extChunks", len);
}

Napi::Value Addon::Config(const Napi::CallbackInfo &info)
{
	Napi::Env env = info.Env();
	Napi::Object o = Napi::Object::New(env);
	Napi::Object ids = Napi::Object::New(env);

#if IS_ENABLED(CONFIG_BRIDGE_NETFILTER)
	ids.Set("BRIDGE_NF", int(SKB_EXT_BRIDGE_NF));
#endif
#ifdef CONFIG_XFRM
	ids.Set("SEC_PATH", int(SKB_EXT_SEC_PATH));
#endif
#if IS_ENABLED(CONFIG_NET_TC_SKB_EXT)
	ids.Set("TC", int(TC_SKB_EXT));
#endif
#if IS_ENABLED(CONFIG_MPTCP)
	ids.Set("MPTCP", int(SKB_EXT_MPTCP));
#endif
#if IS_ENABLED(CONFIG_MCTP_FLOWS)
	ids.Set("MCTP", int(SKB_EXT_MCTP));
#endif
	o.Set("extIds", ids);
	ConfigExt(env, o);
	o.Set("SKB_EXT_NUM", int(SKB_EXT_NUM));
	o.Set("XFRM_MAX_DEPTH", XFRM_MAX_DEPTH);
	o.Set("XFRM_MAX_OFFLOAD_DEPTH", XFRM_MAX_OFFLOAD_DEPTH);
	o.Set("sizeofSkBuff", double(sizeof(struct sk_buff)));
	o.Set("tapeTraceState", TAPE_TRACE_STATE);
	o.Set("tapeNoFaults", TAPE_NO_FAULTS);
	o.Set("tapeNoDrivers", TAPE_NO_DRIVERS);
	o.Set("tapeNoWire", TAPE_NO_WIRE);
	o.Set("tapeNoUnexported", TAPE_NO_UNEXPORTED);
	TapeTables(env, o);
	return o;
}

/*
 * tapeRun(bytes, flags, traceSize): the whole tape in one native call.
 * traceSize 0 runs it without a trace (the benchmarks' batch mode).
 */
Napi::Value Addon::TapeRun(const Napi::CallbackInfo &info)
{
	Napi::Env env = info.Env();
	uint32_t flags, trace_size;
	struct tape_result res;
	napi_value text;
	Napi::Uint8Array bytes = BytesArg(info, 0, "a tape");

	flags = U32Arg(info, 1, "flags", TAPE_TRACE_STATE | TAPE_NO_FAULTS |
		       TAPE_NO_DRIVERS | TAPE_NO_WIRE | TAPE_NO_UNEXPORTED);
	trace_size = U32Arg(info, 2, "traceSize", 256u << 20);

	/*
	 * One buffer per instance, kept between calls and never zeroed:
	 * the executor writes what it reports (a fuzzer runs a tape per
	 * call, and clearing tens of kilobytes each time showed).
	 */
	if (trace_buf.size() < trace_size)
		trace_buf.resize(trace_size);
	if (tape_run(bytes.Data(), bytes.ByteLength(), trace_size ? trace_buf.data() : NULL,
		     trace_size, flags, &res))
		return env.Null();

	Napi::Object o = Napi::Object::New(env);
	/* the trace is ASCII: latin1 copies it as is, where UTF-8 decodes */
	NAPI_THROW_IF_FAILED(env, napi_create_string_latin1(env, trace_buf.data(),
				trace_size ? res.trace_len : 0, &text), Napi::Value());
	o.Set("trace", text);
	/* a huge trace (runTape grows its size on overflow) is not kept */
	if (trace_buf.size() > (1u << 20))
		std::vector<char>().swap(trace_buf);
	o.Set("ops", res.ops);
	o.Set("skipped", res.skipped);
	o.Set("truncated", res.truncated);
	o.Set("overflow", res.overflow);
	return o;
}

#define M(name, fn)	InstanceMethod(name, &Addon::fn, napi_enumerable)

Addon::Addon(Napi::Env env, Napi::Object exports)
{
	(void)env;
	DefineAddon(exports, {
		M("setErrorClasses", SetErrorClasses),
		M("noop", Noop),
		M("stats", Stats),
		M("threadStats", ThreadStats),
		M("flushWork", FlushWork),
		M("failNth", FailNth),
		M("failNthGet", FailNthGet),
		M("slabDebug", SlabDebug),
		M("consoleLoglevel", ConsoleLoglevel),
		M("layout", Layout),
		M("config", Config),
		M("tapeRun", TapeRun),

		M("skbAlloc", SkbAlloc),
		M("skbClone", SkbClone),
		M("skbCopy", SkbCopy),
		M("skbPskbCopy", SkbPskbCopy),
		M("skbGet", SkbGet),
		M("skbFree", SkbFree),
		M("skbConsume", SkbConsume),
		M("skbRelease", SkbRelease),
		M("skbGroup", SkbGroup),
		M("skbOwn", SkbOwn),
		M("skbScrub", SkbScrub),
		M("skbExtState", SkbExtState),
		M("skbExtLayout", SkbExtLayout),
		M("skbExtBlocks", SkbExtBlocks),
		M("skbNfResetCt", SkbNfResetCt),
		M("skbReleaseHeadState", SkbReleaseHeadState),
		M("skbAllocGso", SkbAllocGso),
		M("skbGsoSegment", SkbGsoSegment),
		M("skbIpFragment", SkbIpFragment),
		M("skbXfrmOutputOffload", SkbXfrmOutputOffload),
		M("skbEspXmit", SkbEspXmit),
		M("skbPut", SkbPut),
		M("skbCoalesce", SkbCoalesce),
		M("skbCollapse", SkbCollapse),
		M("skbMorph", SkbMorph),
		M("skbNapiReuse", SkbNapiReuse),
		M("skbFreePartial", SkbFreePartial),
		M("skbTcExtAlloc", SkbTcExtAlloc),
		M("skbTcExtRead", SkbTcExtRead),
		M("skbMctpSetFlow", SkbMctpSetFlow),
		M("skbMctpKeyRefs", SkbMctpKeyRefs),
		M("skbMctpFragment", SkbMctpFragment),
		M("skbPush", SkbPush),
		M("skbPull", SkbPull),
		M("skbReserve", SkbReserve),
		M("skbData", SkbData),
		M("skbInfo", SkbInfo),
		M("skbUsers", SkbUsers),
		M("skbActive", SkbActive),
		M("skbExtRefcnt", SkbExtRefcnt),
		M("skbSharesExt", SkbSharesExt),
		M("skbExtAdd", SkbExtAdd),
		M("skbExtFind", SkbExtFind),
		M("skbExtExist", SkbExtExist),
		M("skbExtDel", SkbExtDel),
		M("skbExtReset", SkbExtReset),
		M("skbExtCopy", SkbExtCopy),
		M("secpathSet", SecpathSet),
		M("secpathRead", SecpathRead),
		M("secpathPush", SecpathPush),
		M("secpathReset", SecpathReset),
		M("tcpCleanupSkb", TcpCleanupSkb),
		M("nfBridgeAlloc", NfBridgeAlloc),
		M("nfBridgeRead", NfBridgeRead),
		M("nfBridgeWrite", NfBridgeWrite),
		M("mptcpRead", MptcpRead),
		M("mptcpWrite", MptcpWrite),

		M("xfrmAlloc", XfrmAlloc),
		M("xfrmHold", XfrmHold),
		M("xfrmPut", XfrmPut),
		M("xfrmDelete", XfrmDelete),
		M("xfrmInfo", XfrmInfo),
		M("xfrmRelease", XfrmRelease),
		M("xfrmSweep", XfrmSweep),
		M("benchCLoop", BenchCLoop),

		M("adapterCreate", AdapterCreate),
		M("adapterDestroy", AdapterDestroy),
		M("adapterRelease", AdapterRelease),
		M("adapterStateAdd", AdapterStateAdd),
		M("adapterStateDelete", AdapterStateDelete),
		M("adapterRx", AdapterRx),
		M("adapterXmit", AdapterXmit),
		M("adapterOffloadOk", AdapterOffloadOk),
		M("adapterFeaturesCheck", AdapterFeaturesCheck),
		M("adapterCounters", AdapterCounters),
		M("adapterSetKnob", AdapterSetKnob),
		M("adapterRxHandle", AdapterRxHandle),
		M("driverName", DriverName),
		M("espBuildSkb", EspBuildSkb),
		M("espPrepareTx", EspPrepareTx),
		M("stateSetAead", StateSetAead),

		M("tcpSegBuild", TcpSegBuild),
		M("mptcpWriteDss", MptcpWriteDss),
		M("mptcpParseDss", MptcpParseDss),
		M("mptcpUpdateDataCsum", MptcpUpdateDataCsum),
		M("mptcpValidateDataCsum", MptcpValidateDataCsum),
	});
}

/*
 * The environment is going away (process exit or a worker ending): give
 * back what JS still held, as its finalizers would have, so that nothing
 * an instance made outlives it.
 */
Addon::~Addon()
{
	DropOwnerCell();
	adapters.ForEachLive([this](HandleTable<struct skbext_adapter>::Entry *e) {
		skbext_adapter_destroy(e->ptr);
		adapters.Remove(e);
	});
	skbs.ForEachLive([this](HandleTable<struct sk_buff>::Entry *e) {
		kfree_skb(e->ptr);
		skbs.Remove(e);
	});
	states.ForEachLive([this](HandleTable<struct xfrm_state>::Entry *e) {
		XfrmReleaseEntry(e, true);
	});
	/* this thread's queued work (the states just put) runs nowhere else */
	flush_scheduled_work();
	/* and what it keeps for reuse (CONFIG_SKB_EXT_CACHE) goes back */
	drop_slab();
}

} /* namespace skbext */

using skbext::Addon;
NODE_API_ADDON(Addon)
