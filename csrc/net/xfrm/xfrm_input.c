// SPDX-License-Identifier: GPL-2.0-only
/* The receive side's entry to the security path (net/xfrm/xfrm_input.c). */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <net/xfrm.h>

/**
 * secpath_set - give the skb a private sec_path
 * @skb: buffer
 *
 * An existing sec_path is kept, with its states, in the skb's own copy
 * of the extension block (copied first if it was shared). A new one
 * starts empty. Returns the sec_path, or NULL on allocation failure with
 * the skb unchanged.
 */
struct sec_path *secpath_set(struct sk_buff *skb)
{
	bool had_one = secpath_exists(skb);
	struct sec_path *sp = skb_ext_add(skb, SKB_EXT_SEC_PATH);

	if (!sp || had_one)
		return sp;

	/*
	 * Fresh room, or room an earlier sec_path of this block left
	 * behind: either way nothing in it is ours yet.
	 */
	sp->len = 0;
	sp->olen = 0;
	sp->verified_cnt = 0;
	memset(&sp->ovec, 0, sizeof(sp->ovec));
	return sp;
}

/**
 * xfrm_input_push_state - record a state on the skb's security path
 * @skb: buffer
 * @x: state just applied; the path takes a reference on it
 *
 * The step xfrm_input() takes for each transform it applies, pulled out
 * so the binding, the tape and the drivers share one copy of it, in
 * 6.1's order: secpath_set() first (a shared block is copied), then the
 * depth check, which resets the sec_path of a full one.
 *
 * Returns 0; -ENOMEM if secpath_set() failed (the skb unchanged); or
 * -ENOBUFS if the path already held XFRM_MAX_DEPTH states: the skb then
 * has its own block and no sec_path, and xfrm_input() would drop it
 * (XFRMINBUFFERERROR), which is the caller's to do.
 */
int xfrm_input_push_state(struct sk_buff *skb, struct xfrm_state *x)
{
	struct sec_path *sp = secpath_set(skb);

	if (!sp)
		return -ENOMEM;
	if (sp->len == XFRM_MAX_DEPTH) {
		secpath_reset(skb);
		return -ENOBUFS;
	}

	xfrm_state_hold(x);
	sp->xvec[sp->len] = x;
	sp->len++;
	return 0;
}
