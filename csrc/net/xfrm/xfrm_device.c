// SPDX-License-Identifier: GPL-2.0-only
/*
 * The device side of a state's lifetime (xfrm_dev_state_delete() and
 * xfrm_dev_state_free() in include/net/xfrm.h of 6.1): the driver hears
 * about the delete, then about the free, and the state lets go of it.
 */
#include <linux/kernel.h>
#include <net/xfrm.h>

void xfrm_dev_state_delete(struct xfrm_state *x)
{
	struct xfrm_dev_offload *xso = &x->xso;
	struct net_device *dev = xso->dev;

	if (dev && dev->xfrmdev_ops && dev->xfrmdev_ops->xdo_dev_state_delete)
		dev->xfrmdev_ops->xdo_dev_state_delete(x);
}

void xfrm_dev_state_free(struct xfrm_state *x)
{
	struct xfrm_dev_offload *xso = &x->xso;
	struct net_device *dev = xso->dev;

	if (dev && dev->xfrmdev_ops) {
		if (dev->xfrmdev_ops->xdo_dev_state_free)
			dev->xfrmdev_ops->xdo_dev_state_free(x);
		xso->dev = NULL;
		xso->type = XFRM_DEV_OFFLOAD_TYPE_UNSPECIFIED;
	}
}
