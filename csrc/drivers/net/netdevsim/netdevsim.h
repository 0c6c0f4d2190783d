/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The IPsec part of drivers/net/netdevsim/netdevsim.h (6.1): the SA table
 * and its counters, and the device's Tx counters.
 */
#ifndef _NETDEVSIM_H
#define _NETDEVSIM_H

#include <linux/types.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>

#define DRV_NAME	"netdevsim"

#ifndef BIT
#define BIT(n)		(1UL << (n))
#endif

#define NSIM_IPSEC_MAX_SA_COUNT		33
#define NSIM_IPSEC_VALID		BIT(31)

struct nsim_sa {
	struct xfrm_state *xs;
	__be32 ipaddr[4];
	u32 key[4];
	u32 salt;
	bool used;
	bool crypt;
	bool rx;
};

struct nsim_ipsec {
	struct nsim_sa sa[NSIM_IPSEC_MAX_SA_COUNT];
	u32 count;
	u32 tx;
	u32 ok;
};

struct netdevsim {
	struct net_device *netdev;
	u64 tx_packets;
	u64 tx_bytes;
	struct nsim_ipsec ipsec;
};

void nsim_ipsec_init(struct netdevsim *ns);
void nsim_ipsec_teardown(struct netdevsim *ns);
bool nsim_ipsec_tx(struct netdevsim *ns, struct sk_buff *skb);
netdev_tx_t nsim_start_xmit(struct sk_buff *skb, struct net_device *dev);

#endif /* _NETDEVSIM_H */
