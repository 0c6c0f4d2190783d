/* SPDX-License-Identifier: GPL-2.0-only */
/* The Ethernet header and the EtherTypes the port's call sites use. */
#ifndef _LINUX_IF_ETHER_H
#define _LINUX_IF_ETHER_H

#include <linux/types.h>
#include <linux/skbuff.h>

#define ETH_ALEN	6
#define ETH_HLEN	14

#define ETH_P_IP	0x0800
#define ETH_P_8021Q	0x8100
#define ETH_P_IPV6	0x86DD
#define ETH_P_8021AD	0x88A8
#define ETH_P_PPP_SES	0x8864

struct ethhdr {
	unsigned char	h_dest[ETH_ALEN];
	unsigned char	h_source[ETH_ALEN];
	__be16		h_proto;
} __packed;

static inline struct ethhdr *eth_hdr(const struct sk_buff *skb)
{
	return (struct ethhdr *)skb_mac_header(skb);
}

#endif /* _LINUX_IF_ETHER_H */
