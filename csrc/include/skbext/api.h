/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the Node binding calls where the kernel has no single function for
 * one JS call: a few steps the kernel's own users always take together.
 * Kept here, in kernel C, so that the binding holds no semantics.
 */
#ifndef _LINUX_SKBEXT_API_H
#define _LINUX_SKBEXT_API_H

#include <linux/skbuff.h>
#include <net/xfrm.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * skb_ext_add(), with a newly active id's data zeroed as every kernel
 * user of an id leaves it before reading (secpath_set, nf_bridge_alloc,
 * mptcp's mpext_add): the op tape does the same. Returns the data or NULL.
 */
void *skbext_ext_add_zeroed(struct sk_buff *skb, enum skb_ext_id id);

/*
 * The id's data in the skb's private copy of the block, for writing:
 * NULL if the skb does not carry @id (*gone is set) or if copying a
 * shared block failed (*gone is clear); the skb is unchanged then.
 */
void *skbext_ext_for_write(struct sk_buff *skb, enum skb_ext_id id,
			   bool *gone);

/* What skb->extensions holds, read without following it. */
enum skbext_ext_ptr {
	SKBEXT_EXT_NULL,	/* no block */
	SKBEXT_EXT_STALE,	/* a pointer left with no id active: never followed */
	SKBEXT_EXT_LIVE,	/* an active id: the skb holds a reference */
};

enum skbext_ext_ptr skbext_ext_ptr_state(const struct sk_buff *skb);

/*
 * The block of a live skb as the kernel lays it out: @offset[id] (in
 * chunks) for every active id, 0 for the others, and the chunks used.
 * Returns false (nothing written) when the skb has no active id.
 */
bool skbext_ext_offsets(const struct sk_buff *skb, u8 offset[SKB_EXT_NUM],
			unsigned int *chunks);

/* Chunks of struct skb_ext's header: the first id's offset in a block. */
unsigned int skbext_ext_hdr_chunks(void);

struct skbext_state_params {
	u32		spi;		/* network byte order, as x->id.spi */
	u8		proto;		/* IPPROTO_ESP, IPPROTO_AH, ... */
	u16		family;		/* AF_INET or AF_INET6 */
	u8		mode;		/* XFRM_MODE_* */
	u32		reqid;
	xfrm_address_t	daddr;
	xfrm_address_t	saddr;
	u8		dir;		/* XFRM_DEV_OFFLOAD_IN/OUT, 0: none */
};

/*
 * A state as xfrm_state_add() leaves it in the table: allocated, its id
 * and props filled in, XFRM_STATE_VALID. One reference (the table's).
 * NULL when the allocation fails.
 */
struct xfrm_state *skbext_state_new(const struct skbext_state_params *p);

/*
 * A JS handle keeps its state's memory with a pin: a bias of references
 * far above any real count, as the op tape's executor keeps one. Counts
 * shown to JS are the kernel's (the bias taken off), and an extra put by
 * any path shows as a count below zero instead of freeing a state that a
 * handle still names.
 */
#define SKBEXT_STATE_PIN	(1 << 20)

void skbext_state_pin(struct xfrm_state *x);
/* The state's refcount without the pin: what the kernel would read. */
int skbext_state_refcnt(const struct xfrm_state *x);
/*
 * Drop the pin. A state nothing else holds is destroyed now, where the
 * kernel would have destroyed it at its last put (and warned had it not
 * been deleted); one put more often than held also warns, as refcount_t
 * does on underflow. Returns true when the state was destroyed.
 */
bool skbext_state_unpin(struct xfrm_state *x);

/*
 * The layout lines of csrc/include/skbext/layout_fields.h (sizeof, field
 * offsets and sizes, bitfield bytes) as this build lays the structs out,
 * each handed to @line.
 */
void skbext_layout_lines(void (*line)(void *arg, const char *text), void *arg);

#ifdef __cplusplus
}
#endif

#endif /* _LINUX_SKBEXT_API_H */
