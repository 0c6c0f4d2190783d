// SPDX-License-Identifier: GPL-2.0-only
/*
 * xfrm output, the part the port has: the step of xfrm_output() that
 * hands a packet to an offloading device, which puts the state on a
 * fresh sec_path as an offloaded one (olen), so that the device finds it
 * through xfrm_offload(). Routes, policies and the software transforms
 * are out of scope.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/skbuff.h>
#include <net/xfrm.h>

/**
 * xfrm_output_offload - xfrm_output()'s step for an offloaded state
 * @skb: the packet
 * @x: the state the device transforms it with
 *
 * Whatever sec_path the packet had goes first: an output path starts
 * from none. The fresh path holds @x (a reference) as its one offloaded
 * entry, with zeroed offload state; a GSO packet is marked SKB_GSO_ESP,
 * so that segmentation goes through esp4_gso_segment().
 *
 * Returns 0, or -ENOMEM when the sec_path cannot be allocated; the
 * packet is then dropped (freed), as xfrm_output() drops it.
 */
int xfrm_output_offload(struct sk_buff *skb, struct xfrm_state *x)
{
	struct sec_path *sp;

	secpath_reset(skb);
	sp = secpath_set(skb);
	if (!sp) {
		kfree_skb(skb);
		return -ENOMEM;
	}

	xfrm_state_hold(x);
	sp->xvec[sp->len++] = x;
	sp->olen++;

	skb->encapsulation = 1;
	if (skb_is_gso(skb))
		skb_shinfo(skb)->gso_type |= SKB_GSO_ESP;
	return 0;
}
