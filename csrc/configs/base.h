/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What every configuration of this userspace build shares: Linux 6.1 on
 * x86_64 with the networking options the port's structs depend on. The
 * extension ids are each config's own (csrc/configs/<name>/generated/
 * autoconf.h includes this file, then sets them).
 */
#ifndef __SKBEXT_CONFIG_BASE_H
#define __SKBEXT_CONFIG_BASE_H

#define CONFIG_64BIT 1
#define CONFIG_X86_64 1
#define CONFIG_SMP 1
#define CONFIG_NET 1
#define CONFIG_INET 1
#define CONFIG_IPV6 1
#define CONFIG_SKB_EXTENSIONS 1
#define CONFIG_NF_CONNTRACK 1
#define CONFIG_NET_SOCK_MSG 1
#define CONFIG_NET_CLS_ACT 1
#define CONFIG_NET_SCHED 1
#define CONFIG_IPV6_NDISC_NODETYPE 1
#define CONFIG_NET_SWITCHDEV 1
#define CONFIG_NET_REDIRECT 1
#define CONFIG_NETFILTER_SKIP_EGRESS 1
#define CONFIG_TLS_DEVICE 1
#define CONFIG_XPS 1
#define CONFIG_NET_RX_BUSY_POLL 1
#define CONFIG_NETWORK_SECMARK 1
#define CONFIG_XFRM_OFFLOAD 1

/* the extension ids Debian's 6.1 kernel has */
#define CONFIG_XFRM 1
#define CONFIG_BRIDGE_NETFILTER 1
#define CONFIG_MPTCP 1

/*
 * How the extension block is allocated (issue 18): 6.1's way, one slab
 * object per block, unless the build adds one design on top of the
 * config (CMake -DSKBEXT_DESIGN=cache|in_head defines the switch).
 */
#if defined(CONFIG_SKB_EXT_CACHE) && defined(CONFIG_SKB_EXT_IN_HEAD)
#error "CONFIG_SKB_EXT_CACHE and CONFIG_SKB_EXT_IN_HEAD are two designs: pick one"
#endif
#if defined(CONFIG_SKB_EXT_CACHE)
#define SKBEXT_DESIGN_NAME "cache"
#elif defined(CONFIG_SKB_EXT_IN_HEAD)
#define SKBEXT_DESIGN_NAME "in_head"
#else
#define SKBEXT_DESIGN_NAME "none"
#endif

#endif /* __SKBEXT_CONFIG_BASE_H */
