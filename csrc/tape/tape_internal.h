/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the executor's files share: the state of one run, and the helpers
 * the ops use. tape.c is the core, which the kernel module builds too
 * (tools/kernel-oracle copies tape.c, tape.h and this header); the
 * driver ops (tape_drv.c) and the wire ops (tape_wire.c) exist only in
 * userspace, and their table entries are NULL in the kernel build.
 */
#ifndef _SKBEXT_TAPE_INTERNAL_H
#define _SKBEXT_TAPE_INTERNAL_H

#include <linux/skbuff.h>
#include <net/xfrm.h>

#include "tape.h"

/* States one tape may allocate in all. */
#define TAPE_MAX_STATES		64
/* The longest mapping mptcp_dss sends in one segment (no GSO here). */
#define TAPE_DSS_MAX_PAYLOAD	1400
/* Room for what a TAPE_R_RX answer prints after its word. */
#define TAPE_NOTE_MAX		96
/* MCTP keys one tape may allocate in all. */
#define TAPE_MAX_KEYS		16
/* References the executor holds on each key (as on each state). */
#define TAPE_KEY_BIAS		(1 << 20)

struct skbext_adapter;
struct mctp_sk_key;

struct tape_xslot {
	struct xfrm_state *x;
	unsigned int refs;	/* references this slot owns */
};

struct tape_ctx {
	struct sk_buff *skb[TAPE_SKB_SLOTS];
	struct tape_xslot xs[TAPE_X_SLOTS];
	struct xfrm_state *states[TAPE_MAX_STATES];
	u32 next_spi;
	/* slots whose skb_release_head_state() has run (release_head_state) */
	u8 released;
#ifndef __KERNEL__
	/* one device per driver, made on first use, destroyed at the end */
	struct skbext_adapter *adapter[TAPE_DRV_NUM];
	/* the wire ops: a segment's payload */
	u8 payload[TAPE_DSS_MAX_PAYLOAD];
	/* mctp_flow: every key it made, numbered from 1 in the trace */
	struct mctp_sk_key *keys[TAPE_MAX_KEYS];
	unsigned int nkeys;
#endif
	/* what a TAPE_R_RX answer adds to its word, written only when tracing */
	char note[TAPE_NOTE_MAX];
	/*
	 * Slots whose skb a driver or wire op made (or was copied from one):
	 * the model does not follow those packets' bytes, so the ops that
	 * cut packets up refuse them.
	 */
	u8 opaque;
	unsigned int flags;
	char *out;
	size_t size;
	size_t pos;
	bool overflow;
};

/* Whether tape_printf() would still write anything. */
static inline bool tape_tracing(const struct tape_ctx *c)
{
	return c->size && !c->overflow;
}

/* tcp_opts: the option bytes its words operand puts in the header */
static inline unsigned int tape_opts_len(u8 words)
{
	return (words & 0x0f) % 11 * 4;
}

/* The skb in the slot operand byte @b names (NULL: empty). */
static inline struct sk_buff *tape_skb(const struct tape_ctx *c, u8 b)
{
	return c->skb[b % TAPE_SKB_SLOTS];
}

/* Whether slot byte @b holds a packet a driver or wire op made. */
static inline bool tape_opaque(const struct tape_ctx *c, u8 b)
{
	return c->opaque & BIT(b % TAPE_SKB_SLOTS);
}

/* An errno as the answer the trace names it by. */
enum tape_res tape_errno_res(int err);

/*
 * Take @skb's head away, as skb_try_coalesce() does when it steals a
 * page-fragment head, so that a head-stolen free can follow. False
 * (nothing done) when the head is not the skb's alone to give.
 */
bool tape_steal_head(struct sk_buff *skb);

#ifdef __KERNEL__
#define TAPE_USER_ONLY(fn)	NULL
#else
/* The op exists in userspace only: the kernel build's entry is NULL. */
#define TAPE_USER_ONLY(fn)	fn

/* tape_drv.c */
enum tape_res tape_drv_add(struct tape_ctx *c, const u8 *a);
enum tape_res tape_drv_del(struct tape_ctx *c, const u8 *a);
enum tape_res tape_drv_rx(struct tape_ctx *c, const u8 *a);
enum tape_res tape_drv_tx(struct tape_ctx *c, const u8 *a);
/* the end of a tape: every device lets go of its states, as on unregister */
void tape_drv_release(struct tape_ctx *c);

/* tape_wire.c */
enum tape_res tape_mptcp_dss(struct tape_ctx *c, const u8 *a);
enum tape_res tape_tcp_opts(struct tape_ctx *c, const u8 *a);

/* tape_static.c: kernel functions 6.1 keeps static */
enum tape_res tape_napi_gro_end(struct tape_ctx *c, const u8 *a);
enum tape_res tape_mctp_flow(struct tape_ctx *c, const u8 *a);
enum tape_res tape_mctp_frag(struct tape_ctx *c, const u8 *a);
#endif

#endif /* _SKBEXT_TAPE_INTERNAL_H */
