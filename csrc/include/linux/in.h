/* SPDX-License-Identifier: GPL-2.0-only */
/* IP protocol numbers (uapi/linux/in.h). */
#ifndef _LINUX_IN_H
#define _LINUX_IN_H

#define IPPROTO_IP		0
#define IPPROTO_ICMP		1
#define IPPROTO_TCP		6
#define IPPROTO_UDP		17
#define IPPROTO_IPV6		41
#define IPPROTO_ESP		50
#define IPPROTO_AH		51
#define IPPROTO_COMP		108

#endif /* _LINUX_IN_H */
