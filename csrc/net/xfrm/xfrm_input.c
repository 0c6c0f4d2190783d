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
	struct sec_path *sp, *tmp = skb_sec_path(skb);

	sp = (struct sec_path *)skb_ext_add(skb, SKB_EXT_SEC_PATH);
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

/**
 * xfrm_input_push_state - record a state on the skb's security path
 * @skb: buffer
 * @x: state just applied; the path takes a reference on it
 *
 * The step xfrm_input() takes for each transform it applies, pulled out
 * so the binding, the tape and the drivers share one copy of it. A full
 * path is refused before anything is touched (xfrm_input() counts
 * XFRMINBUFFERERROR and drops), so no block is copied for nothing.
 * Returns 0, -ENOBUFS if the path already holds XFRM_MAX_DEPTH states,
 * or -ENOMEM if secpath_set() failed; on error the skb is unchanged.
 */
int xfrm_input_push_state(struct sk_buff *skb, struct xfrm_state *x)
{
	struct sec_path *sp = skb_sec_path(skb);

	if (sp && sp->len == XFRM_MAX_DEPTH)
		return -ENOBUFS;

	sp = secpath_set(skb);
	if (!sp)
		return -ENOMEM;

	xfrm_state_hold(x);
	sp->xvec[sp->len++] = x;
	return 0;
}
