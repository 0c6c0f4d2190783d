/* SPDX-License-Identifier: GPL-2.0-only */
/* The IPv6 header (uapi/linux/ipv6.h) and ipv6_hdr(). */
#ifndef _LINUX_IPV6_H
#define _LINUX_IPV6_H

#include <linux/types.h>
#include <linux/in6.h>
#include <linux/skbuff.h>

struct ipv6hdr {
	__u8		priority:4,
			version:4;
	__u8		flow_lbl[3];
	__be16		payload_len;
	__u8		nexthdr;
	__u8		hop_limit;
	struct in6_addr	saddr;
	struct in6_addr	daddr;
};

BUILD_BUG_ON(sizeof(struct ipv6hdr) != 40);

static inline struct ipv6hdr *ipv6_hdr(const struct sk_buff *skb)
{
	return (struct ipv6hdr *)skb_network_header(skb);
}

#endif /* _LINUX_IPV6_H */
