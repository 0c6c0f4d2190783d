/* SPDX-License-Identifier: GPL-2.0-only */
/* Next-header values and ipv6_ext_hdr() (net/ipv6.h). */
#ifndef _NET_IPV6_H
#define _NET_IPV6_H

#include <linux/ipv6.h>

#define NEXTHDR_HOP		0
#define NEXTHDR_TCP		6
#define NEXTHDR_UDP		17
#define NEXTHDR_IPV6		41
#define NEXTHDR_ROUTING		43
#define NEXTHDR_FRAGMENT	44
#define NEXTHDR_GRE		47
#define NEXTHDR_ESP		50
#define NEXTHDR_AUTH		51
#define NEXTHDR_ICMP		58
#define NEXTHDR_NONE		59
#define NEXTHDR_DEST		60
#define NEXTHDR_MOBILITY	135

/* True for the next-header values that are IPv6 extension headers. */
static inline bool ipv6_ext_hdr(u8 nexthdr)
{
	return (nexthdr == NEXTHDR_HOP)	||
	       (nexthdr == NEXTHDR_ROUTING) ||
	       (nexthdr == NEXTHDR_FRAGMENT) ||
	       (nexthdr == NEXTHDR_AUTH) ||
	       (nexthdr == NEXTHDR_NONE) ||
	       (nexthdr == NEXTHDR_DEST);
}

#endif /* _NET_IPV6_H */
