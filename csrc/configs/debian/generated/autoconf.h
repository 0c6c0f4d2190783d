/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The default configuration: Debian 12's 6.1 kernel (the oracle), whose
 * skb extension ids are BRIDGE_NF, SEC_PATH and MPTCP. struct skb_ext's
 * header is then 8 bytes (one chunk), as in the real kernel. A build
 * selects a config by putting its directory first on the include path
 * (CMake -DSKBEXT_CONFIG=<name>, SKBEXT_CONFIG=<name> for node-gyp).
 */
#ifndef __GENERATED_AUTOCONF_H
#define __GENERATED_AUTOCONF_H

#define SKBEXT_CONFIG_NAME "debian"

#include "../../base.h"

#endif /* __GENERATED_AUTOCONF_H */
