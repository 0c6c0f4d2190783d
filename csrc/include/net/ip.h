/* SPDX-License-Identifier: GPL-2.0-only */
/* IPv4 output: the fragmenter's exported steps (net/ipv4/ip_output.c). */
#ifndef _NET_IP_H
#define _NET_IP_H

#include <linux/types.h>
#include <linux/ip.h>
#include <linux/skbuff.h>

#ifdef __cplusplus
extern "C" {
#endif

#define IP_CE		0x8000	/* congestion */
#define IP_DF		0x4000	/* don't fragment */
#define IP_MF		0x2000	/* more fragments follow */
#define IP_OFFSET	0x1FFF	/* the offset, in 8-byte units */

/* Where ip_frag_next() is in the datagram it cuts up. */
struct ip_frag_state {
	bool		DF;
	unsigned int	hlen;
	unsigned int	ll_rs;
	unsigned int	mtu;
	unsigned int	left;
	int		offset;
	int		ptr;
	__be16		not_last_frag;
};

void ip_frag_init(struct sk_buff *skb, unsigned int hlen, unsigned int ll_rs,
		  unsigned int mtu, bool DF, struct ip_frag_state *state);
struct sk_buff *ip_frag_next(struct sk_buff *skb,
			     struct ip_frag_state *state);

#ifdef __cplusplus
}
#endif

#endif /* _NET_IP_H */
