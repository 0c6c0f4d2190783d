// SPDX-License-Identifier: GPL-2.0-only
/*
 * TCP receive, as net/ipv4/tcp_input.c of Linux 6.1 has it: here only
 * the decision to merge a segment into the one before it in the queue,
 * which is where MPTCP mappings must agree.
 */
#include <linux/kernel.h>
#include <linux/skbuff.h>
#include <net/tcp.h>
#include <net/mptcp.h>

/**
 * tcp_try_coalesce - merge @from into @to, the segment it follows
 * @sk: the receiving socket (its memory accounting is not modelled)
 * @to: the queued segment, which grows
 * @from: the new segment; on success the caller frees it with
 *	kfree_skb_partial(@from, *@fragstolen)
 * @fragstolen: set when @to took @from's head
 *
 * Only a segment that starts where @to ends may merge, and only when
 * @to carries the same MPTCP mapping as @from (or @from carries none):
 * the merged skb keeps @to's extensions, so a different mapping would
 * be lost. Decrypted and encrypted data never mix. Returns whether
 * @from's data is now @to's.
 */
bool tcp_try_coalesce(struct sock *sk, struct sk_buff *to,
		      struct sk_buff *from, bool *fragstolen)
{
	struct tcp_skb_cb *tcb = TCP_SKB_CB(to);
	const struct tcp_skb_cb *fcb = TCP_SKB_CB(from);
	int delta;

	(void)sk;
	*fragstolen = false;

	/* an overlap with the queued segment is not a continuation */
	if (fcb->seq != tcb->end_seq)
		return false;
	if (!mptcp_skb_can_collapse(to, from))
		return false;
#ifdef CONFIG_TLS_DEVICE
	if (to->decrypted != from->decrypted)
		return false;
#endif
	if (!skb_try_coalesce(to, from, fragstolen, &delta))
		return false;

	tcb->end_seq = fcb->end_seq;
	tcb->ack_seq = fcb->ack_seq;
	tcb->tcp_flags |= fcb->tcp_flags;
	if (fcb->has_rxtstamp) {
		tcb->has_rxtstamp = 1;
		to->tstamp = from->tstamp;
		skb_shinfo(to)->hwtstamps.hwtstamp =
			skb_shinfo(from)->hwtstamps.hwtstamp;
	}
	return true;
}
