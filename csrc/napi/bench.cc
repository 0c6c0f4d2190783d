// SPDX-License-Identifier: GPL-2.0-only
/*
 * benchCLoop(workload, iterations[, threadCpu]): the kernel calls of one
 * benchmark workload in a plain C loop, no handle table, no JS in between,
 * no tape slots. bench/js compares a tape of the same ops (one native
 * call) and single N-API calls with it. Returns the loop's elapsed time in
 * ns: CLOCK_MONOTONIC (as benchmark.js times JS), or with threadCpu this
 * thread's CPU time.
 */
#include <ctime>
#include "addon.h"

extern "C" {
#include <skbext/api.h>
}

namespace skbext {

/* alloc_skb() size of every workload; the tapes say 96 (size/4). */
static constexpr unsigned int kBenchSkbSize = 384;
static constexpr uint32_t kMaxIters = 1u << 30;

enum bench_workload {
	BW_LOOP,		/* the loop alone */
	BW_ALLOC_FREE,		/* alloc_skb + kfree_skb */
	BW_CLONE_FREE,		/* skb_clone + kfree_skb of the clone */
	BW_EXT_ADD_RESET,	/* skb_ext_add(BRIDGE_NF) zeroed + skb_ext_reset */
	BW_NUM,
};

/* in enum order (C++ has no array designators) */
static const char *const bench_workload_names[BW_NUM] = {
	"loop", "alloc_free", "clone_free", "ext_add_reset",
};

static uint64_t bench_now(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return uint64_t(ts.tv_sec) * 1000000000ull + uint64_t(ts.tv_nsec);
}

/* Returns false if an allocation failed (fail_nth armed, say). */
static bool bench_c_loop(int w, uint32_t iters, struct sk_buff *parent)
{
	uint32_t i;

	switch (w) {
	case BW_LOOP:
		for (i = 0; i < iters; i++)
			asm volatile("" ::: "memory");
		return true;

	case BW_ALLOC_FREE:
		for (i = 0; i < iters; i++) {
			struct sk_buff *skb = alloc_skb(kBenchSkbSize, GFP_ATOMIC);

			if (unlikely(!skb))
				return false;
			kfree_skb(skb);
		}
		return true;

	case BW_CLONE_FREE:
		for (i = 0; i < iters; i++) {
			struct sk_buff *n = skb_clone(parent, GFP_ATOMIC);

			if (unlikely(!n))
				return false;
			kfree_skb(n);
		}
		return true;

	case BW_EXT_ADD_RESET:
		/* what extAdd() and the tape's ext_add do: add, zero a new id */
		for (i = 0; i < iters; i++) {
			if (unlikely(!skbext_ext_add_zeroed(parent, SKB_EXT_BRIDGE_NF)))
				return false;
			skb_ext_reset(parent);
		}
		return true;
	}
	return false;
}

Napi::Value Addon::BenchCLoop(const Napi::CallbackInfo &info)
{
	Napi::Env env = info.Env();
	struct sk_buff *parent = NULL;
	clockid_t clk = CLOCK_MONOTONIC;
	uint64_t t0, t1;
	uint32_t iters;
	std::string name;
	bool ok;
	int w;

	if (info.Length() < 1 || !info[0].IsString())
		ThrowType(env, "workload must be a string: loop, alloc_free, clone_free or ext_add_reset");
	name = info[0].As<Napi::String>().Utf8Value();
	for (w = 0; w < BW_NUM; w++)
		if (name == bench_workload_names[w])
			break;
	if (w == BW_NUM)
		ThrowRange(env, "no workload '" + name +
			   "': loop, alloc_free, clone_free or ext_add_reset");
	iters = U32Arg(info, 1, "iterations", kMaxIters);
	if (info.Length() > 2 && BoolArg(info, 2, "threadCpu"))
		clk = CLOCK_THREAD_CPUTIME_ID;

	if (w == BW_CLONE_FREE || w == BW_EXT_ADD_RESET) {
		parent = alloc_skb(kBenchSkbSize, GFP_ATOMIC);
		if (!parent)
			return env.Null();
	}
	t0 = bench_now(clk);
	ok = bench_c_loop(w, iters, parent);
	t1 = bench_now(clk);
	if (parent)
		kfree_skb(parent);
	return ok ? Napi::Value(Napi::Number::New(env, double(t1 - t0))) : env.Null();
}

} /* namespace skbext */
