// SPDX-License-Identifier: GPL-2.0-only
/*
 * The device's part in a state's end: xfrm_dev_state_delete() and
 * xfrm_dev_state_free(), static inlines of include/net/xfrm.h in 6.1,
 * out of line here so the binding can reach them too.
 */
#include <linux/kernel.h>
#include <linux/netdevice.h>
#include <net/xfrm.h>

/* The state is being deleted: an offloading device stops using it. */
void xfrm_dev_state_delete(struct xfrm_state *x)
{
	struct net_device *dev = x->xso.dev;

	/* every offload-capable driver has a delete hook */
	if (dev)
		dev->xfrmdev_ops->xdo_dev_state_delete(x);
}

/*
 * The state is being freed (its GC work): the device releases what it
 * kept for it, and the reference xfrm_dev_state_add() took on the device
 * goes. xso->type is left as it was.
 */
void xfrm_dev_state_free(struct xfrm_state *x)
{
	struct xfrm_dev_offload *xso = &x->xso;
	struct net_device *dev = xso->dev;
	const struct xfrmdev_ops *ops;

	if (!dev || !dev->xfrmdev_ops)
		return;
	ops = dev->xfrmdev_ops;
	if (ops->xdo_dev_state_free)
		ops->xdo_dev_state_free(x);
	xso->dev = NULL;
	netdev_put(dev, &xso->dev_tracker);
}
