/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The configuration this userspace build models: Linux 6.1 on x86_64 with
 * every skb extension id enabled. A kernel build gets these from Kconfig;
 * here each can be turned off with -DSKBEXT_NO_<NAME> (the oracle build
 * turns off the ids Debian's kernel does not have).
 */
#ifndef __GENERATED_AUTOCONF_H
#define __GENERATED_AUTOCONF_H

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

#ifndef SKBEXT_NO_XFRM
#define CONFIG_XFRM 1
#endif
#ifndef SKBEXT_NO_BRIDGE_NETFILTER
#define CONFIG_BRIDGE_NETFILTER 1
#endif
#ifndef SKBEXT_NO_NET_TC_SKB_EXT
#define CONFIG_NET_TC_SKB_EXT 1
#endif
#ifndef SKBEXT_NO_MPTCP
#define CONFIG_MPTCP 1
#endif
#ifndef SKBEXT_NO_MCTP_FLOWS
#define CONFIG_MCTP 1
#define CONFIG_MCTP_FLOWS 1
#endif

#endif /* __GENERATED_AUTOCONF_H */
