/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The full configuration: Debian's ids plus NET_TC_SKB_EXT and
 * MCTP_FLOWS, every skb extension id 6.1 has. With five ids struct
 * skb_ext's header is 16 bytes (two chunks), so every extension sits one
 * chunk later in the block than in the default config.
 */
#ifndef __GENERATED_AUTOCONF_H
#define __GENERATED_AUTOCONF_H

#define SKBEXT_CONFIG_NAME "full"

#include "../../base.h"

#define CONFIG_NET_TC_SKB_EXT 1
#define CONFIG_MCTP 1
#define CONFIG_MCTP_FLOWS 1

#endif /* __GENERATED_AUTOCONF_H */
