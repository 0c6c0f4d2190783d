/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The extension block's add/COW/put rules of net/core/skbuff.c, written
 * again as a template so that a design can change only where a block
 * comes from and where it goes (a one-block cache, the headroom) or which
 * sk_buff carries it (a bigger cb[]), and keep everything else equal.
 *
 * Before including, define:
 *   EXTT(x)               name prefix, e.g. #define EXTT(x) d6_##x
 *   EXTT_SKB              the sk_buff type (with extensions and
 *                         active_extensions members)
 *   EXTT_ALLOC_FIRST(skb) a block for an skb that has none
 *   EXTT_ALLOC_COW()      a block for a copy-on-write
 *   EXTT_FREE(ext)        give a block whose last reference went back
 *   EXTT_SET_SLOW_GRO(skb)
 * and optionally EXTT_COW_FIXUP(new), run on a copy after the memcpy.
 * The entry points are noinline, as the port's are out of line.
 */
#include <linux/errno.h>
#include <trace/events/skb.h>
#include "ext_common.h"

static inline void *EXTT(ext_find)(const EXTT_SKB *skb, enum skb_ext_id id)
{
	if (skb->active_extensions & (1 << id))
		return bench_ext_ptr(skb->extensions, id);
	return NULL;
}

static noinline void EXTT(ext_put)(struct skb_ext *ext)
{
	if (refcount_read(&ext->refcnt) == 1)
		goto free_now;
	if (!refcount_dec_and_test(&ext->refcnt))
		return;
free_now:
	if (ext->offset[SKB_EXT_SEC_PATH]) {
		struct sec_path *sp = bench_ext_ptr(ext, SKB_EXT_SEC_PATH);
		int i;

		for (i = 0; i < sp->len; i++)
			xfrm_state_put(sp->xvec[i]);
	}
	if (ext->offset[SKB_EXT_MCTP]) {
		struct mctp_flow *flow = bench_ext_ptr(ext, SKB_EXT_MCTP);

		if (flow->key)
			mctp_key_unref(flow->key);
	}
	EXTT_FREE(ext);
}

static inline void EXTT(ext_reset)(EXTT_SKB *skb)
{
	if (unlikely(skb->active_extensions)) {
		EXTT(ext_put)(skb->extensions);
		skb->active_extensions = 0;
	}
}

/* What __copy_skb_header() does for the block: one more reference. */
static inline void EXTT(ext_copy)(EXTT_SKB *dst, const EXTT_SKB *src)
{
	dst->active_extensions = src->active_extensions;
	if (src->active_extensions) {
		refcount_inc(&src->extensions->refcnt);
		dst->extensions = src->extensions;
	}
}

static struct skb_ext *EXTT(ext_maybe_cow)(struct skb_ext *old,
					   unsigned int old_active)
{
	struct skb_ext *new;

	if (refcount_read(&old->refcnt) == 1)
		return old;

	new = EXTT_ALLOC_COW();
	if (!new)
		return NULL;
	memcpy(new, old, old->chunks * BENCH_EXT_CHUNK);
	refcount_set(&new->refcnt, 1);
#ifdef EXTT_COW_FIXUP
	EXTT_COW_FIXUP(new);
#endif

	if (old_active & (1 << SKB_EXT_SEC_PATH)) {
		struct sec_path *sp = bench_ext_ptr(old, SKB_EXT_SEC_PATH);
		int i;

		for (i = 0; i < sp->len; i++)
			xfrm_state_hold(sp->xvec[i]);
	}
	if (old_active & (1 << SKB_EXT_MCTP)) {
		struct mctp_flow *flow = bench_ext_ptr(old, SKB_EXT_MCTP);

		if (flow->key)
			refcount_inc(&flow->key->refs);
	}
	trace_skb_ext_cow(old, new);
	EXTT(ext_put)(old);
	return new;
}

static noinline void *EXTT(ext_add)(EXTT_SKB *skb, enum skb_ext_id id)
{
	struct skb_ext *new;
	unsigned int newoff;

	if (skb->active_extensions) {
		new = EXTT(ext_maybe_cow)(skb->extensions,
					  skb->active_extensions);
		if (!new)
			return NULL;
		if (new->offset[id])
			goto set_active;
		newoff = new->chunks;
	} else {
		newoff = BENCH_EXT_CHUNKS(struct skb_ext);
		new = EXTT_ALLOC_FIRST(skb);
		if (!new)
			return NULL;
		memset(new->offset, 0, sizeof(new->offset));
		refcount_set(&new->refcnt, 1);
	}

	new->chunks = newoff + bench_ext_type_len[id];
	new->offset[id] = newoff;
set_active:
	EXTT_SET_SLOW_GRO(skb);
	skb->extensions = new;
	skb->active_extensions |= 1 << id;
	return bench_ext_ptr(new, id);
}

static noinline struct sec_path *EXTT(secpath_set)(EXTT_SKB *skb)
{
	struct sec_path *sp, *tmp = EXTT(ext_find)(skb, SKB_EXT_SEC_PATH);

	sp = EXTT(ext_add)(skb, SKB_EXT_SEC_PATH);
	if (!sp)
		return NULL;
	if (tmp)
		return sp;
	memset(sp->ovec, 0, sizeof(sp->ovec));
	sp->olen = 0;
	sp->len = 0;
	sp->verified_cnt = 0;
	return sp;
}

static noinline int EXTT(push_state)(EXTT_SKB *skb, struct xfrm_state *x)
{
	struct sec_path *sp = EXTT(ext_find)(skb, SKB_EXT_SEC_PATH);

	if (sp && sp->len == XFRM_MAX_DEPTH)
		return -ENOBUFS;
	sp = EXTT(secpath_set)(skb);
	if (!sp)
		return -ENOMEM;
	xfrm_state_hold(x);
	sp->xvec[sp->len++] = x;
	return 0;
}

/* The three metadata kinds of the workloads, on this variant. */
static int EXTT(add_meta)(EXTT_SKB *skb, enum bench_meta m)
{
	void *p;

	switch (m) {
	case BM_BRIDGE:
		p = EXTT(ext_add)(skb, SKB_EXT_BRIDGE_NF);
		if (!p)
			return -ENOMEM;
		memset(p, 0, sizeof(struct nf_bridge_info));
		return 0;
	case BM_SECPATH:
		return EXTT(push_state)(skb, bench_xfrm_state);
	case BM_MPTCP:
		p = EXTT(ext_add)(skb, SKB_EXT_MPTCP);
		if (!p)
			return -ENOMEM;
		bench_fill_mptcp(p);
		return 0;
	default:
		return -EINVAL;
	}
}

static int EXTT(write_meta)(EXTT_SKB *skb, enum bench_meta m)
{
	switch (m) {
	case BM_BRIDGE:
		return EXTT(ext_add)(skb, SKB_EXT_BRIDGE_NF) ? 0 : -ENOMEM;
	case BM_SECPATH:
		return EXTT(secpath_set)(skb) ? 0 : -ENOMEM;
	case BM_MPTCP:
		return EXTT(ext_add)(skb, SKB_EXT_MPTCP) ? 0 : -ENOMEM;
	default:
		return -EINVAL;
	}
}
