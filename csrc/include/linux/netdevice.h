/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The part of struct net_device the port touches: identity, feature
 * flags, the xfrm offload callbacks and the driver's private area. The
 * real struct is far larger; nothing here depends on its layout.
 */
#ifndef _LINUX_NETDEVICE_H
#define _LINUX_NETDEVICE_H

#include <linux/types.h>
#include <linux/refcount.h>
#include <linux/slab.h>
#include <linux/printk.h>

#define IFNAMSIZ	16

typedef u64 netdev_features_t;

#define NETIF_F_HW_ESP		((netdev_features_t)1 << 50)
#define NETIF_F_HW_ESP_TX_CSUM	((netdev_features_t)1 << 51)
#define NETIF_F_GSO_ESP		((netdev_features_t)1 << 31)

/* Checksum and segmentation bits, at their 6.1 bit numbers. */
#define NETIF_F_SG		((netdev_features_t)1 << 0)
#define NETIF_F_IP_CSUM		((netdev_features_t)1 << 1)
#define NETIF_F_HW_CSUM		((netdev_features_t)1 << 3)
#define NETIF_F_IPV6_CSUM	((netdev_features_t)1 << 4)
#define NETIF_F_GSO_SHIFT	16
#define NETIF_F_GSO_LAST	34	/* NETIF_F_GSO_FRAGLIST_BIT */
#define NETIF_F_TSO		((netdev_features_t)1 << NETIF_F_GSO_SHIFT)
#define NETIF_F_CSUM_MASK	(NETIF_F_IP_CSUM | NETIF_F_IPV6_CSUM | \
				 NETIF_F_HW_CSUM)
#define NETIF_F_GSO_MASK	((((netdev_features_t)1 << (NETIF_F_GSO_LAST + 1)) - 1) & \
				 ~(((netdev_features_t)1 << NETIF_F_GSO_SHIFT) - 1))

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

/*
 * Empty without CONFIG_NET_DEV_REFCNT_TRACKER. Spelt with a zero-length
 * array so that C++ (the binding) also gives it size 0: an empty C++
 * struct takes a byte and would shift every field after it.
 */
typedef struct { char __unused[0]; } netdevice_tracker;

struct net_device {
	char			name[IFNAMSIZ];
	int			ifindex;
	netdev_features_t	features;
	netdev_features_t	hw_features;
	netdev_features_t	hw_enc_features;
	const struct xfrmdev_ops *xfrmdev_ops;
	void			*priv;
	/*
	 * The device's references (dev_hold()); the kernel keeps a per-cpu
	 * counter, one count serves here. Unregister waits for the last.
	 */
	refcount_t		dev_refcnt;
};

static inline void dev_hold(struct net_device *dev)
{
	if (dev)
		refcount_inc(&dev->dev_refcnt);
}

static inline void dev_put(struct net_device *dev)
{
	if (dev)
		refcount_dec(&dev->dev_refcnt);
}

/* The tracked forms; without CONFIG_NET_DEV_REFCNT_TRACKER, the same. */
static inline void netdev_hold(struct net_device *dev,
			       netdevice_tracker *tracker, gfp_t gfp)
{
	(void)tracker;
	(void)gfp;
	dev_hold(dev);
}

static inline void netdev_put(struct net_device *dev,
			      netdevice_tracker *tracker)
{
	(void)tracker;
	dev_put(dev);
}

static inline void *netdev_priv(const struct net_device *dev)
{
	return dev->priv;
}

/*
 * Driver log lines: printk with the device name in front, as
 * netdev_printk() does.
 */
static inline const char *netdev_name(const struct net_device *dev)
{
	return dev ? dev->name : "(unnamed net_device)";
}

#define netdev_err(dev, fmt, ...) \
	pr_err("%s: " fmt, netdev_name(dev), ##__VA_ARGS__)
#define netdev_info(dev, fmt, ...) \
	pr_info("%s: " fmt, netdev_name(dev), ##__VA_ARGS__)
#define netdev_dbg(dev, fmt, ...)	((void)(dev))

/*
 * Freeing an skb from a driver (net/core/dev.c of 6.1). This port runs
 * every driver path in process context with interrupts on, so the _any
 * variants take their direct branch: a drop is kfree_skb(), a
 * consumption consume_skb(). dev_kfree_skb() is consume_skb() in 6.1,
 * whatever the caller meant by it.
 */
#define dev_kfree_skb(skb)		consume_skb(skb)
#define dev_kfree_skb_any(skb)		kfree_skb(skb)
#define dev_consume_skb_any(skb)	consume_skb(skb)
#define napi_consume_skb(skb, budget)	consume_skb(skb)

/*
 * The part of a NAPI context GRO's recycling touches: its device and the
 * one skb napi_get_frags() hands out again (net/core/gro.c).
 */
struct napi_struct {
	struct net_device	*dev;
	struct sk_buff		*skb;
};

/*
 * net/core/gro.c: give a merged-away skb back to @napi for the next
 * receive. Static in 6.1; the port exports it so that tests reach it.
 */
void napi_reuse_skb(struct napi_struct *napi, struct sk_buff *skb);

#endif /* _LINUX_NETDEVICE_H */
