/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What skbext_adapter.c needs from each driver: probe and remove, the Rx
 * hook behind its descriptor test, ndo_start_xmit plus the completion,
 * counters and knobs. Each driver's *_skbext.c implements it next to the
 * driver, so the adapter never includes two drivers' headers at once
 * (ixgbe and ixgbevf share struct names, as in the kernel).
 */
#ifndef _SKBEXT_DRV_H
#define _SKBEXT_DRV_H

#include <linux/types.h>
#include <linux/netdevice.h>
#include <skbext/adapter.h>

struct skbext_drv_ops {
	const char *name;
	/* offload_handle is a pointer into driver memory, not an index */
	bool handle_is_pointer;
	size_t priv_size;
	/* dev->priv is zeroed, priv_size bytes; set up offload. 0 or -errno */
	int (*probe)(struct net_device *dev);
	void (*remove)(struct net_device *dev);
	/*
	 * SKBEXT_RX_NOT_IPSEC if the descriptor does not call the hook,
	 * SKBEXT_RX_PASSED once the hook ran (the adapter looks at the skb
	 * for OFFLOADED), or -EINVAL when the frame is too short for what
	 * the hook would read. NULL: no Rx offload.
	 */
	int (*rx)(struct net_device *dev, struct sk_buff *skb,
		  const struct skbext_rx_desc *desc);
	/* ndo_start_xmit and, if queued, the completion; sets *verdict */
	netdev_tx_t (*xmit)(struct net_device *dev, struct sk_buff *skb,
			    enum skbext_tx_verdict *verdict);
	unsigned int (*counters)(struct net_device *dev, const char **names,
				 u64 *values, unsigned int max);
	int (*set_knob)(struct net_device *dev, enum skbext_knob k, u64 value);
	long (*rx_handle)(struct net_device *dev, struct xfrm_state *x);
	int (*features_check)(struct net_device *dev, struct sk_buff *skb,
			      netdev_features_t features,
			      netdev_features_t *out);
};

extern const struct skbext_drv_ops skbext_ixgbe_ops;
extern const struct skbext_drv_ops skbext_ixgbevf_ops;
extern const struct skbext_drv_ops skbext_mlx5_ops;
extern const struct skbext_drv_ops skbext_chelsio_ops;
extern const struct skbext_drv_ops skbext_netdevsim_ops;

/* Copies one counter into the caller's arrays if there is room. */
static inline void skbext_put_counter(const char **names, u64 *values,
				      unsigned int max, unsigned int i,
				      const char *name, u64 value)
{
	if (i >= max)
		return;
	if (names)
		names[i] = name;
	if (values)
		values[i] = value;
}

/* Whether an ixgbe-style frame holds the headers ixgbe_ipsec_rx() reads. */
bool skbext_ixgbe_rx_frame_ok(const struct sk_buff *skb, u16 pkt_info);

#endif /* _SKBEXT_DRV_H */
