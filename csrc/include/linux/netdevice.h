/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The part of struct net_device the port touches: identity, feature
 * flags, the xfrm offload callbacks and the driver's private area. The
 * real struct is far larger; nothing here depends on its layout.
 */
#ifndef _LINUX_NETDEVICE_H
#define _LINUX_NETDEVICE_H

#include <linux/types.h>
#include <linux/slab.h>

#define IFNAMSIZ	16

typedef u64 netdev_features_t;

#define NETIF_F_HW_ESP		((netdev_features_t)1 << 55)
#define NETIF_F_HW_ESP_TX_CSUM	((netdev_features_t)1 << 56)
#define NETIF_F_GSO_ESP		((netdev_features_t)1 << 47)

enum netdev_tx {
	NETDEV_TX_OK	 = 0x00,
	NETDEV_TX_BUSY	 = 0x10,
};
typedef enum netdev_tx netdev_tx_t;

struct sk_buff;
struct xfrm_state;

struct xfrmdev_ops {
	int	(*xdo_dev_state_add)(struct xfrm_state *x);
	void	(*xdo_dev_state_delete)(struct xfrm_state *x);
	void	(*xdo_dev_state_free)(struct xfrm_state *x);
	bool	(*xdo_dev_offload_ok)(struct sk_buff *skb,
				      struct xfrm_state *x);
	void	(*xdo_dev_state_advance_esn)(struct xfrm_state *x);
};

typedef struct {} netdevice_tracker;

struct net_device {
	char			name[IFNAMSIZ];
	int			ifindex;
	netdev_features_t	features;
	netdev_features_t	hw_features;
	netdev_features_t	hw_enc_features;
	const struct xfrmdev_ops *xfrmdev_ops;
	void			*priv;
};

static inline void *netdev_priv(const struct net_device *dev)
{
	return dev->priv;
}

#endif /* _LINUX_NETDEVICE_H */
