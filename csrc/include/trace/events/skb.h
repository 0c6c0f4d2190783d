/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The skb tracepoints, as counters. kfree_skb and consume_skb are the
 * kernel's; skb_ext_cow is this port's own (the kernel has no tracepoint
 * there), so the cost of copy-on-write can be counted.
 */
#ifndef _TRACE_SKB_H
#define _TRACE_SKB_H

#include <linux/skbuff.h>

#ifdef __cplusplus
extern "C" {
#endif

struct skb_trace_counters {
	unsigned long kfree_skb;	/* drops */
	unsigned long consume_skb;	/* normal frees */
	unsigned long skb_ext_cow;	/* extension blocks copied */
};

void trace_kfree_skb(struct sk_buff *skb, void *location,
		     enum skb_drop_reason reason);
void trace_consume_skb(struct sk_buff *skb);
void trace_skb_ext_cow(const struct skb_ext *old, const struct skb_ext *new_ext);

void skb_trace_read(struct skb_trace_counters *out);
void skb_trace_reset(void);

#ifdef __cplusplus
}
#endif

#endif /* _TRACE_SKB_H */
