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

/* A TCP/IPv4 GSO packet for skbext_gso_build(). */
struct skbext_gso_params {
	unsigned int	linear;		/* payload bytes in the head */
	unsigned int	nfrags;		/* page frags, up to MAX_SKB_FRAGS */
	unsigned int	frag_size;	/* bytes in each, up to PAGE_SIZE */
	unsigned int	mss;		/* gso_size, at least 1 */
};

/* The device skbext_gso_segment() and skbext_esp_xmit() send to. */
#define SKBEXT_GSO_FEATURES	(NETIF_F_SG | NETIF_F_HW_CSUM |		\
				 NETIF_F_HW_ESP | NETIF_F_HW_ESP_TX_CSUM)

/* The most pieces skbext_gso_segment() and skbext_ip_fragment() hand out. */
#define SKBEXT_MAX_PIECES	64

/*
 * A GSO packet as a TCP stack hands one down: Ethernet, IPv4 (10.0.0.1
 * to 10.0.0.2) and TCP headers before skb->data (mac header set,
 * aligned IP header), @p->linear payload bytes in the head, then
 * @p->nfrags frags of @p->frag_size bytes, one page each; gso_size
 * @p->mss, SKB_GSO_TCPV4. Payload byte i is (u8)i. NULL when an
 * allocation fails (nothing left behind) or @p is out of range.
 */
struct sk_buff *skbext_gso_build(const struct skbext_gso_params *p);

/*
 * skb_segment() of @skb, or esp4_gso_segment() for an SKB_GSO_ESP
 * packet, with SKBEXT_GSO_FEATURES; the segments go to @out, unlinked.
 * Returns how many, or -EINVAL (not GSO, no payload, no mac header before
 * data, ESP without offload state), -E2BIG (more than SKBEXT_MAX_PIECES; nothing
 * done), -ENOMEM (no segment left; @skb's data was pushed to its mac
 * header all the same, as skb_segment() leaves it).
 */
int skbext_gso_segment(struct sk_buff *skb, struct sk_buff **out);

/*
 * ip_frag_init() and ip_frag_next() on @skb as an IPv4 datagram with a
 * 20-byte header from its network header on (skb->data is put back
 * after), at most @mtu payload bytes a fragment, 16 bytes of link
 * headroom. The fragments go to @out. Returns how many, or -EINVAL (no
 * 20 linear header bytes and payload there, mtu below 8), -E2BIG, or
 * -ENOMEM (the fragments made before are freed).
 */
int skbext_ip_fragment(struct sk_buff *skb, unsigned int mtu,
		       struct sk_buff **out);

/*
 * validate_xmit_xfrm() on @skb alone, with SKBEXT_GSO_FEATURES. Returns
 * 1 if it goes as it was (no offload state, or XFRM_XMIT already), 0
 * once esp_xmit() ran, -ENOMEM if the packet was dropped (freed), or
 * -EINVAL if it has no mac header at or before data.
 */
int skbext_esp_xmit(struct sk_buff *skb);

/*
 * The layout lines of csrc/include/skbext/layout_fields.h (sizeof, field
 * offsets and sizes, bitfield bytes) as this build lays the structs out,
 * each handed to @line.
 */
void skbext_layout_lines(void (*line)(void *arg, const char *text), void *arg);

/*
 * The receive and merge paths (skbext/paths.c). The kernel's callers own
 * the skbs these free or rewrite alone: with another user they answer
 * -EBUSY and change nothing.
 */
/* tcp_try_coalesce(to, from), then kfree_skb_partial(from): 1 merged, 0 not */
int skbext_coalesce(struct sk_buff *to, struct sk_buff *from);
/*
 * tcp_collapse()'s copy step on two in-sequence segments: a new skb takes
 * @s's bytes and, with them, @s's extensions if it carries a mapping
 * (mptcp_skb_ext_move()); @s is freed. @t follows (and is freed) only if
 * mptcp_skb_can_collapse() allows it. 1: both merged, 0: only @s, the
 * new skb in *@out either way; -ENOMEM (nothing changed), -EBUSY,
 * -EINVAL (one skb, or paged data, which the copy does not read).
 */
int skbext_collapse(struct sk_buff *s, struct sk_buff *t,
		    struct sk_buff **out);
/* skb_morph(dst, src): 0, -EBUSY, -EINVAL (one skb) */
int skbext_morph(struct sk_buff *dst, struct sk_buff *src);
/* napi_reuse_skb() with a NAPI context of its own: 0, -EBUSY */
int skbext_napi_reuse(struct sk_buff *skb);
/*
 * kfree_skb_partial(skb, head_stolen), or with @napi (the head stolen)
 * napi_skb_free_stolen_head(). A stolen head is taken first, as
 * skb_try_coalesce() takes one: -EINVAL, nothing done, for an fclone or a
 * head shared with a clone, and for napi an skb with extensions but no
 * slow_gro (6.1 would lose its block reference).
 */
int skbext_free_partial(struct sk_buff *skb, bool head_stolen, bool napi);
#if IS_ENABLED(CONFIG_NET_TC_SKB_EXT)
/* tc_skb_ext_alloc(), then @fields' chain, mru, zone and conntrack bits */
struct tc_skb_ext *skbext_tc_ext_alloc(struct sk_buff *skb,
				       const struct tc_skb_ext *fields);
#endif
#if IS_ENABLED(CONFIG_MCTP_FLOWS)
/* a key of its own, held only by the flow: mctp_skb_set_flow(); 0, -ENOMEM */
int skbext_mctp_set_flow(struct sk_buff *skb);
/* the references on the flow's key, or -1 without a flow or key */
int skbext_mctp_key_refs(const struct sk_buff *skb);
/*
 * @skb (empty, its head its own) becomes a message of @len bytes and goes
 * out through mctp_do_fragment_route() at @mtu; the packets land in
 * @pkts. Returns their number, -EBUSY or -EMSGSIZE (more than @max
 * packets, an MTU without payload room, no tailroom; nothing done), or
 * -ENOMEM (the packets made so far freed). @skb is consumed unless
 * nothing was done.
 */
int skbext_mctp_fragment(struct sk_buff *skb, const u8 *payload,
			 unsigned int len, unsigned int mtu,
			 struct sk_buff **pkts, unsigned int max);
#endif

#ifdef __cplusplus
}
#endif

#endif /* _LINUX_SKBEXT_API_H */
