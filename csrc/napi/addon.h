// SPDX-License-Identifier: GPL-2.0-only
/*
 * The binding's per-instance state (one per Node environment, so the
 * addon loads in several worker_threads at once) and the helpers every
 * exported function uses to unwrap arguments and throw typed errors.
 * Nothing here decides kernel semantics: each exported function checks
 * its arguments, calls one kernel-style function and converts the result.
 */
#ifndef SKBEXT_NAPI_ADDON_H
#define SKBEXT_NAPI_ADDON_H

/*
 * A worker.terminate() can land while a worker is inside an exported
 * function: from then on every Node-API call that could run JS fails with
 * napi_pending_exception, so a Napi::Error is thrown where none would be
 * (an o.Set() on a result, an o.Get() on a parameter object, the
 * DefineAddon() of a worker still loading the addon). node-addon-api's
 * callback wrapper then cannot napi_throw() it either, and without this
 * define it throws again out of its catch block, through V8's frames:
 * std::terminate() aborts the whole process. With it, an error that
 * cannot be thrown because the environment is going away is dropped: the
 * call returns undefined to a JS that will never run again. Every build
 * of the binding (binding.gyp, CMakeLists.txt) must define it.
 */
#ifndef NODE_API_SWALLOW_UNTHROWABLE_EXCEPTIONS
#error "build the binding with NODE_API_SWALLOW_UNTHROWABLE_EXCEPTIONS: see addon.h"
#endif

#include <napi.h>
#include "handles.h"

extern "C" {
#include <linux/skbuff.h>
#include <net/xfrm.h>
}

struct skbext_adapter;

namespace skbext {

/* Flags of an xfrm_state handle. */
enum : uint32_t {
	XH_OWNER = 1,	/* made by XfrmState.alloc(): owns the table's reference */
};

class Addon : public Napi::Addon<Addon> {
public:
	Addon(Napi::Env env, Napi::Object exports);
	~Addon();

	/* addon.cc: errors, stats, faults, debug, layout, tape */
	Napi::Value SetErrorClasses(const Napi::CallbackInfo &info);
	Napi::Value Noop(const Napi::CallbackInfo &info);
	Napi::Value Stats(const Napi::CallbackInfo &info);
	Napi::Value ThreadStats(const Napi::CallbackInfo &info);
	Napi::Value FlushWork(const Napi::CallbackInfo &info);
	Napi::Value FailNth(const Napi::CallbackInfo &info);
	Napi::Value FailNthGet(const Napi::CallbackInfo &info);
	Napi::Value SlabDebug(const Napi::CallbackInfo &info);
	Napi::Value ConsoleLoglevel(const Napi::CallbackInfo &info);
	Napi::Value Layout(const Napi::CallbackInfo &info);
	Napi::Value Config(const Napi::CallbackInfo &info);
	Napi::Value TapeRun(const Napi::CallbackInfo &info);

	/* skb.cc */
	Napi::Value SkbAlloc(const Napi::CallbackInfo &info);
	Napi::Value SkbClone(const Napi::CallbackInfo &info);
	Napi::Value SkbCopy(const Napi::CallbackInfo &info);
	Napi::Value SkbPskbCopy(const Napi::CallbackInfo &info);
	Napi::Value SkbGet(const Napi::CallbackInfo &info);
	Napi::Value SkbFree(const Napi::CallbackInfo &info);
	Napi::Value SkbConsume(const Napi::CallbackInfo &info);
	Napi::Value SkbRelease(const Napi::CallbackInfo &info);
	Napi::Value SkbGroup(const Napi::CallbackInfo &info);
	Napi::Value SkbOwn(const Napi::CallbackInfo &info);
	Napi::Value SkbScrub(const Napi::CallbackInfo &info);
	Napi::Value SkbAllocGso(const Napi::CallbackInfo &info);
	Napi::Value SkbGsoSegment(const Napi::CallbackInfo &info);
	Napi::Value SkbIpFragment(const Napi::CallbackInfo &info);
	Napi::Value SkbXfrmOutputOffload(const Napi::CallbackInfo &info);
	Napi::Value SkbEspXmit(const Napi::CallbackInfo &info);
	Napi::Value SkbPieces(Napi::Env env, struct sk_buff **out, int n);
	Napi::Value SkbPut(const Napi::CallbackInfo &info);
	Napi::Value SkbPush(const Napi::CallbackInfo &info);
	Napi::Value SkbPull(const Napi::CallbackInfo &info);
	Napi::Value SkbReserve(const Napi::CallbackInfo &info);
	Napi::Value SkbData(const Napi::CallbackInfo &info);
	Napi::Value SkbInfo(const Napi::CallbackInfo &info);
	Napi::Value SkbUsers(const Napi::CallbackInfo &info);
	Napi::Value SkbActive(const Napi::CallbackInfo &info);
	/* skb_paths.cc: the receive and merge paths */
	Napi::Value SkbCoalesce(const Napi::CallbackInfo &info);
	Napi::Value SkbCollapse(const Napi::CallbackInfo &info);
	Napi::Value SkbMorph(const Napi::CallbackInfo &info);
	Napi::Value SkbNapiReuse(const Napi::CallbackInfo &info);
	Napi::Value SkbFreePartial(const Napi::CallbackInfo &info);
	Napi::Value SkbTcExtAlloc(const Napi::CallbackInfo &info);
	Napi::Value SkbTcExtRead(const Napi::CallbackInfo &info);
	Napi::Value SkbMctpSetFlow(const Napi::CallbackInfo &info);
	Napi::Value SkbMctpKeyRefs(const Napi::CallbackInfo &info);
	Napi::Value SkbMctpFragment(const Napi::CallbackInfo &info);
	Napi::Value SkbExtRefcnt(const Napi::CallbackInfo &info);
	Napi::Value SkbSharesExt(const Napi::CallbackInfo &info);
	Napi::Value SkbExtAdd(const Napi::CallbackInfo &info);
	Napi::Value SkbExtFind(const Napi::CallbackInfo &info);
	Napi::Value SkbExtExist(const Napi::CallbackInfo &info);
	Napi::Value SkbExtDel(const Napi::CallbackInfo &info);
	Napi::Value SkbExtReset(const Napi::CallbackInfo &info);
	Napi::Value SkbExtCopy(const Napi::CallbackInfo &info);
	/* skb_state.cc */
	Napi::Value SkbExtState(const Napi::CallbackInfo &info);
	Napi::Value SkbExtLayout(const Napi::CallbackInfo &info);
	Napi::Value SkbExtBlocks(const Napi::CallbackInfo &info);
	Napi::Value SkbNfResetCt(const Napi::CallbackInfo &info);
	Napi::Value SkbReleaseHeadState(const Napi::CallbackInfo &info);
	Napi::Value SecpathSet(const Napi::CallbackInfo &info);
	Napi::Value SecpathRead(const Napi::CallbackInfo &info);
	Napi::Value SecpathPush(const Napi::CallbackInfo &info);
	Napi::Value SecpathReset(const Napi::CallbackInfo &info);
	Napi::Value TcpCleanupSkb(const Napi::CallbackInfo &info);
	Napi::Value NfBridgeAlloc(const Napi::CallbackInfo &info);
	Napi::Value NfBridgeRead(const Napi::CallbackInfo &info);
	Napi::Value NfBridgeWrite(const Napi::CallbackInfo &info);
	Napi::Value MptcpRead(const Napi::CallbackInfo &info);
	Napi::Value MptcpWrite(const Napi::CallbackInfo &info);

	/* xfrm.cc */
	Napi::Value XfrmAlloc(const Napi::CallbackInfo &info);
	Napi::Value XfrmHold(const Napi::CallbackInfo &info);
	Napi::Value XfrmPut(const Napi::CallbackInfo &info);
	Napi::Value XfrmDelete(const Napi::CallbackInfo &info);
	Napi::Value XfrmInfo(const Napi::CallbackInfo &info);
	Napi::Value XfrmRelease(const Napi::CallbackInfo &info);
	Napi::Value XfrmSweep(const Napi::CallbackInfo &info);

	/* bench.cc: a workload's kernel calls in a plain C loop */
	Napi::Value BenchCLoop(const Napi::CallbackInfo &info);

	/* drivers.cc */
	Napi::Value AdapterCreate(const Napi::CallbackInfo &info);
	Napi::Value AdapterDestroy(const Napi::CallbackInfo &info);
	Napi::Value AdapterRelease(const Napi::CallbackInfo &info);
	Napi::Value AdapterStateAdd(const Napi::CallbackInfo &info);
	Napi::Value AdapterStateDelete(const Napi::CallbackInfo &info);
	Napi::Value AdapterRx(const Napi::CallbackInfo &info);
	Napi::Value AdapterXmit(const Napi::CallbackInfo &info);
	Napi::Value AdapterOffloadOk(const Napi::CallbackInfo &info);
	Napi::Value AdapterFeaturesCheck(const Napi::CallbackInfo &info);
	Napi::Value AdapterCounters(const Napi::CallbackInfo &info);
	Napi::Value AdapterSetKnob(const Napi::CallbackInfo &info);
	Napi::Value AdapterRxHandle(const Napi::CallbackInfo &info);
	Napi::Value DriverName(const Napi::CallbackInfo &info);
	Napi::Value EspBuildSkb(const Napi::CallbackInfo &info);
	Napi::Value EspPrepareTx(const Napi::CallbackInfo &info);
	Napi::Value StateSetAead(const Napi::CallbackInfo &info);

	/* mptcp.cc: the DSS mapping on wire bytes (skbext/mptcp_segment.c) */
	Napi::Value TcpSegBuild(const Napi::CallbackInfo &info);
	Napi::Value MptcpWriteDss(const Napi::CallbackInfo &info);
	Napi::Value MptcpParseDss(const Napi::CallbackInfo &info);
	Napi::Value MptcpUpdateDataCsum(const Napi::CallbackInfo &info);
	Napi::Value MptcpValidateDataCsum(const Napi::CallbackInfo &info);

	/* helpers for the exported functions */
	struct sk_buff *SkbArg(const Napi::CallbackInfo &info, size_t i);
	struct xfrm_state *XfrmArg(const Napi::CallbackInfo &info, size_t i);
	HandleTable<struct sk_buff>::Entry *
	SkbEntryArg(const Napi::CallbackInfo &info, size_t i);
	HandleTable<struct xfrm_state>::Entry *
	XfrmEntryArg(const Napi::CallbackInfo &info, size_t i);
	Napi::Value NewSkb(Napi::Env env, struct sk_buff *skb);
	/* owner groups of skb handles (skb.cc, handles.h) */
	Napi::Value NewGroupSkb(const Napi::CallbackInfo &info, size_t i,
				struct sk_buff *skb);
	uint32_t GroupArg(const Napi::CallbackInfo &info, size_t i);
	void DropOwnerCell();
	struct OwnerCell *owner_cell = nullptr;
	/* an skb handle's flag: skb_release_head_state() has run */
	static constexpr uint32_t kSkbHeadReleased = 1;
	void SkbDropRef(HandleTable<struct sk_buff>::Entry *e, bool consume);
	double XfrmHandleFor(Napi::Env env, struct xfrm_state *x, uint32_t flags);
	bool XfrmReleaseIfGone(HandleTable<struct xfrm_state>::Entry *e);
	void XfrmReleaseEntry(HandleTable<struct xfrm_state>::Entry *e,
			      bool gc);
	void SweepStates();

	[[noreturn]] void ThrowTyped(Napi::Env env, const char *cls,
				     const char *code, const std::string &msg);
	/* skb_paths.cc: an errno of skbext/paths.c as the error it means */
	void ThrowPathError(Napi::Env env, int err, const char *what);

	HandleTable<struct sk_buff> skbs;
	HandleTable<struct xfrm_state> states;
	HandleTable<struct skbext_adapter> adapters;
	unsigned long gc_leaked_skbs = 0;
	unsigned long gc_leaked_states = 0;
	Napi::ObjectReference error_classes;
	/* tapeRun()'s trace buffer, grown to the largest size asked */
	std::vector<char> trace_buf;
};

/* Argument checks shared by the exported functions. */
double NumberArg(const Napi::CallbackInfo &info, size_t i, const char *what);
uint32_t U32Arg(const Napi::CallbackInfo &info, size_t i, const char *what,
		uint32_t max);
bool BoolArg(const Napi::CallbackInfo &info, size_t i, const char *what);
/* A Uint8Array argument, or a Uint8Array field (false when absent). */
Napi::Uint8Array BytesArg(const Napi::CallbackInfo &info, size_t i,
			  const char *what);
bool BytesField(const Napi::Object &o, const char *name, Napi::Uint8Array *out);
/*
 * Fields of a parameter object: FieldU32 says whether @name was given (a
 * boolean counts as 0/1); OptU32 answers @dflt when it was not.
 */
bool FieldU32(const Napi::Object &o, const char *name, uint32_t max,
	      uint32_t *out);
uint32_t OptU32(const Napi::Object &o, const char *name, uint32_t max,
		uint32_t dflt);
bool AddrField(const Napi::Object &o, const char *name, xfrm_address_t *out);
[[noreturn]] void ThrowType(Napi::Env env, const std::string &msg);
[[noreturn]] void ThrowRange(Napi::Env env, const std::string &msg);

} /* namespace skbext */

#endif /* SKBEXT_NAPI_ADDON_H */
