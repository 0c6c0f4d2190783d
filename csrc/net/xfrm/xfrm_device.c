// SPDX-License-Identifier: GPL-2.0-only
/*
 * The device's part in a state's end: xfrm_dev_state_delete() and
 * xfrm_dev_state_free(), static inlines of include/net/xfrm.h in 6.1,
 * out of line here so the binding can reach them too.
 */
#include <linux/kernel.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <net/esp.h>
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

/* The state an offloaded packet is sent with: the innermost on its path. */
static struct xfrm_state *xfrm_dev_tx_state(struct sk_buff *skb)
{
	return xfrm_input_state(skb);
}

/*
 * One packet of a list (alone, or one segment): esp_xmit(), then the
 * packet goes out from its mac header. The resume mark is written
 * before esp_xmit() makes the block private, so segments sharing one
 * block all carry it, as in 6.1.
 */
static int xfrm_dev_xmit_one(struct xfrm_state *x, struct sk_buff *skb,
			     netdev_features_t features)
{
	int err;

	xfrm_offload(skb)->flags |= XFRM_DEV_RESUME;
	err = esp_xmit(x, skb, features);
	if (err)
		return err;
	skb_push(skb, skb_data_off(skb) - skb->mac_header);
	return 0;
}

/**
 * validate_xmit_xfrm - run the ESP step on packets bound for a device
 * @skb: a packet, or a list of segments (linked by ->next) of one
 * @features: the device's features
 * @again: set when the packet must be queued again (never, here: the
 *	port has no backlog)
 *
 * A packet without offload state, one marked XFRM_XMIT (transformed
 * already), one received through GRO and one for an inbound state pass
 * as they are. The others get esp_xmit(): a failure drops the packet.
 * In a list, 6.1 drops the failed segment and those after it and
 * returns NULL, losing the ones before; the port frees those too. The
 * port has only ESP over IPv4, and no software segmentation for a
 * packet rerouted to another device.
 *
 * Returns the packet (or list), or NULL when it was dropped.
 */
struct sk_buff *validate_xmit_xfrm(struct sk_buff *skb,
				   netdev_features_t features, bool *again)
{
	struct xfrm_offload *off = xfrm_offload(skb);
	struct sk_buff *seg, *next;
	struct xfrm_state *x;
	int err;

	*again = false;
	if (!off || (off->flags & XFRM_XMIT))
		return skb;
	x = xfrm_dev_tx_state(skb);
	if ((off->flags & XFRM_GRO) || x->xso.dir == XFRM_DEV_OFFLOAD_IN)
		return skb;

	for (seg = skb; seg; seg = next) {
		next = seg->next;
		skb_mark_not_on_list(seg);
		err = xfrm_dev_xmit_one(x, seg, features);
		seg->next = next;
		if (err) {
			kfree_skb_list(skb);
			return NULL;
		}
	}
	return skb;
}
