// SPDX-License-Identifier: GPL-2.0-only
/* The skb tracepoints of trace/events/skb.h, kept as counters. */
#include <linux/kernel.h>
#include <trace/events/skb.h>

static struct skb_trace_counters counters;

void trace_kfree_skb(struct sk_buff *skb, void *location,
		     enum skb_drop_reason reason)
{
	(void)skb;
	(void)location;
	(void)reason;
	__atomic_fetch_add(&counters.kfree_skb, 1, __ATOMIC_RELAXED);
}

void trace_consume_skb(struct sk_buff *skb)
{
	(void)skb;
	__atomic_fetch_add(&counters.consume_skb, 1, __ATOMIC_RELAXED);
}

void trace_skb_ext_cow(const struct skb_ext *old, const struct skb_ext *new_ext)
{
	(void)old;
	(void)new_ext;
	__atomic_fetch_add(&counters.skb_ext_cow, 1, __ATOMIC_RELAXED);
}

void skb_trace_read(struct skb_trace_counters *out)
{
	out->kfree_skb = __atomic_load_n(&counters.kfree_skb, __ATOMIC_RELAXED);
	out->consume_skb = __atomic_load_n(&counters.consume_skb,
					   __ATOMIC_RELAXED);
	out->skb_ext_cow = __atomic_load_n(&counters.skb_ext_cow,
					   __ATOMIC_RELAXED);
}

void skb_trace_reset(void)
{
	__atomic_store_n(&counters.kfree_skb, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&counters.consume_skb, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&counters.skb_ext_cow, 0, __ATOMIC_RELAXED);
}
